"""Diagnostics: what the checks say, in one shape for every view (tree, list, JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .source import Place, Source, Span
from .template import CellKey


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]

    @property
    def zh(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True)
class Related:
    """A second place in the same file that bears on a diagnostic, with what it is."""

    span: Span
    message: str  # Chinese
    message_en: str = ""

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" and self.message_en else self.message


@dataclass(frozen=True)
class Elsewhere:
    """A place in another file that bears on a diagnostic: last year's report, the report copied."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str  # Chinese
    message_en: str = ""

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" and self.message_en else self.message


@dataclass(frozen=True)
class Diagnostic:
    code: str
    name: str
    severity: Severity
    message: str  # Chinese, meaningful on its own
    span: Span  # in the original text
    cell: CellKey | None = None  # for a diagnostic about one table cell
    help: str | None = None  # how to fix it
    note: str | None = None  # the template clause or article behind it
    related: tuple[Related, ...] = field(default=())  # secondary places in the file, each with a label
    row: str | None = None  # canonical row label (table diagnostics), for grouping in views
    table: str | None = None
    section: int | None = None  # the section (1–6) a structural diagnostic is about
    message_en: str = ""
    help_en: str | None = None
    note_en: str | None = None
    elsewhere: tuple[Elsewhere, ...] = ()  # places in other files (cross-year and cross-report checks)
    block: str | None = None  # with ``table`` and ``row``: the block (table 二, 四) of a row diagnostic
    group: str | None = None  # … and its group (table 三)

    def place(self) -> dict[str, str] | None:
        """Where in the tables the diagnostic is, for machine formats: a cell's key; a row's table,
        block, group and row; a table's name; None for the rest."""
        if self.cell is not None:
            return self.cell.as_dict()
        if self.table is None:
            return None
        if self.row is None and self.block is None and self.group is None:
            return {"table": self.table}
        return {"table": self.table, "block": self.block or "", "group": self.group or "", "row": self.row or ""}

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" and self.message_en else self.message

    # Without a translation the Chinese text is shown: better in the other language than not at all.
    def help_text(self, lang: str = "zh") -> str | None:
        return self.help_en if lang == "en" and self.help_en else self.help

    def note_text(self, lang: str = "zh") -> str | None:
        return self.note_en if lang == "en" and self.note_en else self.note

    def sort_key(self) -> tuple[int, int, int, str]:
        return (self.span.start, self.span.end, self.severity.rank, self.code)


@dataclass(frozen=True)
class Located:
    """A diagnostic with its 1-based line and column (code points) in one source."""

    diagnostic: Diagnostic
    line: int
    column: int
    end_line: int
    end_column: int
    place: Place | None = None  # page and line, paragraph or cell, for text read from Word or PDF

    @classmethod
    def of(cls, d: Diagnostic, source: Source) -> Located:
        start = source.position(d.span.start)
        end = source.end_position(d.span)
        return cls(d, start.line, start.column, end.line, end.column, source.place(d.span.start))

    def where(self, lang: str = "zh") -> str | None:
        """The place in the document's own terms (第3页第12行), None for text and HTML files."""
        if self.place is None:
            return None
        return self.place.en if lang == "en" else self.place.zh


def counts(diagnostics: list[Diagnostic]) -> dict[Severity, int]:
    out = {s: 0 for s in Severity}
    for d in diagnostics:
        out[d.severity] += 1
    return out
