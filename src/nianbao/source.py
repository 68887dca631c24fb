"""The user's text as read, with a line index for positions in the original file.

Offsets everywhere in nianbao are code-point offsets into ``Source.text``; lines end at
``\\n``, ``\\r\\n`` or a lone ``\\r``. Line and column numbers shown to users are 1-based and
count code points, as editors and Lark do.

A text file is its own text. A file the text was *extracted* from (an HTML page, a Word or PDF
document) keeps an `Origin`: for HTML, the decoded page and the offset in it of every character
of the text, so that positions are line:column of the page; for Word and PDF, where no line of
the file can be shown, the places the text came from (page and line, paragraph, table cell).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def after_break(text: str, end: int) -> int:
    """The start of the line after the one that ends at ``end`` (a ``\\r\\n`` is one break)."""
    return end + (2 if text.startswith("\r\n", end) else 1)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of code points in the original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def __contains__(self, offset: object) -> bool:
        return isinstance(offset, int) and self.start <= offset < self.end

    def cover(self, other: Span) -> Span:
        return Span(min(self.start, other.start), max(self.end, other.end))


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, in code points


@dataclass(frozen=True)
class LineIndex:
    """Start offsets of every line of a text."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]  # end of each line's content, before its line break

    @classmethod
    def of(cls, text: str) -> LineIndex:
        starts = [0]
        ends = []
        for m in _LINE_BREAK.finditer(text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(text))
        return cls(tuple(starts), tuple(ends))

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """0-based line number that holds ``offset`` (an offset at a line break belongs to its line)."""
        return bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> Position:
        line = self.line_of(offset)
        return Position(line + 1, offset - self.starts[line] + 1)

    def line_span(self, line: int) -> Span:
        """Span of the content of 0-based ``line`` without its line break."""
        return Span(self.starts[line], self.ends[line])


@dataclass(frozen=True, slots=True)
class Place:
    """Where in a document without usable lines a stretch of the text came from."""

    start: int  # offset in ``Source.text`` from which this place applies (until the next one)
    zh: str  # e.g. "第3页第12行", "第2个表格第4行第3格", "第12段"
    en: str  # e.g. "page 3, line 12", "table 2, row 4, cell 3", "paragraph 12"


@dataclass(frozen=True)
class Origin:
    """How ``Source.text`` was extracted from the user's file."""

    kind: str  # "html", "docx" or "pdf"
    original: str | None = None  # the decoded file, when positions map into it (HTML)
    offsets: Sequence[int] | None = None  # for each offset of the text (and its end), the offset in ``original``
    places: tuple[Place, ...] = ()  # sorted by ``start``
    lines: LineIndex | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if (self.original is None) != (self.offsets is None):
            raise ValueError("an origin maps into its original text with offsets, or not at all")
        if self.original is not None:
            object.__setattr__(self, "lines", LineIndex.of(self.original))

    def place(self, offset: int) -> Place | None:
        i = bisect_right(self.places, offset, key=lambda p: p.start) - 1
        return self.places[i] if i >= 0 else None


@dataclass(frozen=True)
class Source:
    """A report as read: where it came from, its text and its line index."""

    path: str  # as the user named it; "-" for stdin; "<string>" for text given directly
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    origin: Origin | None = None  # None for a text file: the text is the file
    lines: LineIndex = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", LineIndex.of(self.text))
        offsets = self.origin.offsets if self.origin is not None else None
        if offsets is not None and len(offsets) != len(self.text) + 1:
            raise ValueError("an origin needs one offset per character of the text, and one for its end")

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def position(self, offset: int) -> Position:
        """Line and column in the user's file (of the page, for HTML; of the text otherwise)."""
        o = self.origin
        if o is not None and o.offsets is not None and o.lines is not None:
            return o.lines.position(o.offsets[offset])
        return self.lines.position(offset)

    def end_position(self, span: Span) -> Position:
        """The position just after the last character of ``span`` (its start when it is empty).

        In an extracted text the character after a span may come from far away in the file (the
        next table cell), so the end is found from the span's own last character."""
        o = self.origin
        if o is not None and o.offsets is not None and o.lines is not None and len(span) > 0:
            last = o.lines.position(o.offsets[span.end - 1])
            return Position(last.line, last.column + 1)
        return self.position(span.end)

    def text_position(self, offset: int) -> Position:
        """Line and column in ``text`` itself (what `nianbao debug --stage text` shows)."""
        return self.lines.position(offset)

    def place(self, offset: int) -> Place | None:
        """Page and line, paragraph or table cell, for text extracted from Word or PDF."""
        return self.origin.place(offset) if self.origin is not None else None

    def line_text(self, line: int) -> str:
        """Text of 1-based ``line`` without its line break."""
        return self.slice(self.lines.line_span(line - 1))
