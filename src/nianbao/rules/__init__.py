"""The rule catalogue: each rule is one unit — code, name, severity, doc, examples, messages, check.

A rule module defines its rules with `@rule(...)`; the check is a generator of diagnostics over a
`Context`. Everything a user reads exists in Chinese and English: the summary and the parts of
the doc (`Doc`), and every message (`messages`, formatted with the check's parameters). The
registry feeds ``nianbao rules``/``nianbao rule``, the JSON ``url``, SARIF's rule descriptions
and every diagnostic.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from ..config import DOCS_URL  # where the rule docs are published; `docs-url` in the config overrides
from ..diagnostics import Diagnostic, Elsewhere, Related, Severity
from ..organs import resolve_short_names
from ..source import Span
from ..template import TABLE2, CellKey, Version

if TYPE_CHECKING:
    from ..corpus import Facts, Step
    from ..meta import Meta
    from ..nodes import Cell, Node, Report, Row, Table
    from ..pipeline import Parsed
    from ..source import Source


N = TypeVar("N")
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Doc:
    """One language's documentation of a rule."""

    summary: str  # one line
    what: str  # what it checks
    why: str  # why it matters, citing the template or the 条例
    fix: str  # how to fix it


@dataclass(frozen=True)
class Example:
    """A conforming and a violating excerpt of a report.

    ``good`` is found in the conforming corpus report ``base`` (``corpus/conforming/``) and
    replaced by ``bad``; a test checks that the rule fires on the result and not on the original.
    With ``whole=True``, ``bad`` and ``good`` are complete texts instead.
    """

    good: str
    bad: str
    base: str = "v2021_pipe.txt"
    whole: bool = False


@dataclass(frozen=True)
class SeriesExample:
    """Two reports of one organ for consecutive years, for a rule that compares reports.

    The previous year's report is the conforming corpus file ``previous`` with ``previous_edits``
    (find → replace) applied; this year's is ``current`` with ``current_edits`` applied (for the
    same file: every year one later). In ``target`` (``"current"`` or ``"previous"``) the excerpt
    ``good`` is then replaced by ``bad``; a test checks that the rule fires on the result and not
    on the pair as it was. When the difference is a whole report rather than an excerpt, the
    violating pair takes ``bad_previous`` (with ``bad_previous_edits``) as the previous report
    instead, and ``good``/``bad`` are excerpts of the two previous reports that show the difference.
    """

    good: str
    bad: str
    previous: str = "v2021_pipe.txt"
    current: str = "v2021_pipe.txt"
    previous_edits: tuple[tuple[str, str], ...] = ()
    current_edits: tuple[tuple[str, str], ...] = ()
    target: str = "current"
    bad_previous: str | None = None
    bad_previous_edits: tuple[tuple[str, str], ...] = ()


_HEADINGS = {
    "zh": ("检查什么", "为什么", "示例", "违反规则：", "符合规则：", "如何修改", "依据", "默认严重性：{}"),
    "en": ("What it checks", "Why it matters", "Example", "Violates the rule:", "Conforms:", "How to fix",
           "Basis", "Default severity: {}"),
}  # fmt: skip


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    zh: Doc
    en: Doc
    example: Example | SeriesExample
    check: Callable[[Context], Iterator[Diagnostic]]
    messages: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # id → (Chinese, English)
    note: tuple[str, str] | None = None  # the clause or article behind the rule
    # "report": checks one report (``check``); "corpus": compares the reports of a run (``compare``)
    scope: str = "report"
    compare: Callable[[CorpusContext], Iterator[Finding]] | None = None

    def doc_of(self, lang: str) -> Doc:
        return self.en if lang == "en" else self.zh

    def summary(self, lang: str = "zh") -> str:
        return self.doc_of(lang).summary

    def url(self, base: str = DOCS_URL, lang: str = "zh") -> str:
        return base.format(code=self.code, name=self.name, lang="en" if lang == "en" else "zh")

    def markdown(self, lang: str = "zh") -> str:
        """The rule's documentation as Markdown (printed by ``nianbao rule``, embedded in SARIF)."""
        d = self.doc_of(lang)
        what, why, example, bad, good, fix, basis, severity = _HEADINGS["en" if lang == "en" else "zh"]
        parts = [
            f"# {self.code} {self.name}",
            f"{d.summary}\n\n{severity.format(f'`{self.severity.value}`')}",
            f"## {what}\n\n{d.what}",
            f"## {why}\n\n{d.why}",
            f"## {example}\n\n{self._series_note(lang)}{bad}\n\n```text\n{self.example.bad.strip()}\n```\n\n"
            f"{good}\n\n```text\n{self.example.good.strip()}\n```",
            f"## {fix}\n\n{d.fix}",
        ]
        if self.note:
            parts.append(f"## {basis}\n\n{self.note[1 if lang == 'en' else 0]}")
        return "\n\n".join(parts) + "\n"

    def _series_note(self, lang: str) -> str:
        if not isinstance(self.example, SeriesExample):
            return ""
        previous = self.example.target == "previous"
        if lang == "en":
            which = "the previous year's report" if previous else "this year's report"
            return f"In {which}, checked together with the same organ's report of the other year:\n\n"
        which = "上一年的报告" if previous else "本年的报告"
        return f"在{which}中（与同一机关另一年度的报告一起检查）：\n\n"

    def plain_text(self, lang: str = "zh") -> str:
        """The documentation without markup: summary, what it checks, why, how to fix."""
        d = self.doc_of(lang)
        what, why, _, _, _, fix, _, _ = _HEADINGS["en" if lang == "en" else "zh"]
        colon = ": " if lang == "en" else "："
        return f"{d.summary}\n\n{what}{colon}{d.what}\n\n{why}{colon}{d.why}\n\n{fix}{colon}{d.fix}"

    def make(
        self,
        span: Span,
        message: str = "default",
        *,
        severity: Severity | None = None,
        cell: CellKey | None = None,
        help: str | None = None,
        note: bool = False,
        related: tuple[Related, ...] = (),
        elsewhere: tuple[Elsewhere, ...] = (),
        row: str | None = None,
        table: str | None = None,
        section: int | None = None,
        block: str | None = None,
        group: str | None = None,
        **params: Any,
    ) -> Diagnostic:
        """A diagnostic with the message ``message`` (and ``help``) of this rule, in both languages.

        The messages are formatted with ``params``, and with ``row`` and ``table`` when given.
        """
        fmt = {"row": row, "table": table, "block": block, "group": group, **params}
        zh, en = (t.format(**fmt) for t in self.messages[message])
        help_zh = help_en = None
        if help is not None:
            help_zh, help_en = (t.format(**fmt) for t in self.messages[help])
        note_zh, note_en = self.note if (note and self.note) else (None, None)
        return Diagnostic(
            self.code,
            self.name,
            severity or self.severity,
            zh,
            span,
            cell,
            help_zh,
            note_zh,
            related,
            row if row is not None else (cell.row if cell else None),
            table if table is not None else (cell.table if cell else None),
            section,
            message_en=en,
            help_en=help_en,
            note_en=note_en,
            elsewhere=elsewhere,
            block=block if block is not None else (cell.block if cell else None),
            group=group if group is not None else (cell.group if cell else None),
        )


def at_row(row: Row) -> dict[str, str]:
    """The place of a row, as `Rule.make` takes it: table, block, group and canonical row label."""
    from ..template import VALUES_4, values4_blocks

    block = ""
    if row.terminal.startswith(VALUES_4):  # table 四: the blocks its numbers belong to
        block = "、".join(values4_blocks(row.terminal)) if row.terminal != VALUES_4 else ""
    elif row.table == "二":
        block = next(
            (b.key for v in Version for b in TABLE2[v] for r in b.rows if r.label.terminal == row.terminal), ""
        )
    return {"table": row.table, "block": block, "group": row.group, "row": row.row}


def at_label(version: Version, terminal: str) -> dict[str, str]:
    """The place of a row or group label terminal (T104, T107), as `Rule.make` takes it."""
    from ..template import group_labels, row_places, table_of_terminal

    table = table_of_terminal(terminal) or ""
    place = row_places(version).get(terminal)
    if place is not None:
        return {"table": place.table, "block": place.block, "group": place.group, "row": place.row}
    if terminal in group_labels():
        return {"table": table, "block": "", "group": group_labels()[terminal], "row": ""}
    return {"table": table}


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    zh: Doc,
    en: Doc,
    example: Example,
    messages: Mapping[str, tuple[str, str]],
    note: tuple[str, str] | None = None,
) -> Callable[[Callable[[Context], Iterator[Diagnostic]]], Rule]:
    """Register a check as a rule with its documentation, example and messages."""

    def wrap(fn: Callable[[Context], Iterator[Diagnostic]]) -> Rule:
        if code in REGISTRY:
            raise ValueError(f"duplicate rule code {code}")
        r = Rule(code, name, severity, zh, en, example, fn, dict(messages), note)
        REGISTRY[code] = r
        return r

    return wrap


def _no_check(ctx: Context) -> Iterator[Diagnostic]:
    return iter(())


def corpus_rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    zh: Doc,
    en: Doc,
    example: SeriesExample,
    messages: Mapping[str, tuple[str, str]],
    note: tuple[str, str] | None = None,
) -> Callable[[Callable[[CorpusContext], Iterator[Finding]]], Rule]:
    """Register a rule that compares the reports of a run (see `nianbao.corpus`)."""

    def wrap(fn: Callable[[CorpusContext], Iterator[Finding]]) -> Rule:
        if code in REGISTRY:
            raise ValueError(f"duplicate rule code {code}")
        r = Rule(code, name, severity, zh, en, example, _no_check, dict(messages), note, "corpus", fn)
        REGISTRY[code] = r
        return r

    return wrap


@dataclass(frozen=True)
class Finding:
    """A diagnostic of a rule that compares reports, and the report it belongs to."""

    path: str
    diagnostic: Diagnostic


@dataclass
class CorpusContext:
    """What a rule that compares reports sees: the facts of every report of the run, and their
    sources (for positions in the files)."""

    facts: Sequence[Facts]
    sources: Mapping[str, Source] = field(default_factory=dict)
    thresholds: Mapping[str, float] = field(default_factory=dict)  # C201, per report (its configuration)

    def threshold(self, path: str) -> float:
        return self.thresholds.get(path, 0.5)

    @cached_property
    def steps(self) -> list[Step]:
        """Reports of one organ for consecutive years."""
        from ..corpus import steps

        return list(steps(self.facts))


def compare_reports(
    facts: Sequence[Facts],
    sources: Mapping[str, Source] | None = None,
    thresholds: Mapping[str, float] | None = None,
    codes: Collection[str] | None = None,
) -> list[Finding]:
    """The findings of every rule that compares reports (of those in ``codes``, if given), for the
    facts of one run."""
    _load()
    short = resolve_short_names(f.organ_key for f in facts if f.organ_key is not None)
    if short:
        facts = [
            replace(f, organ_key=short[f.organ_key]) if f.organ_key in short else f  # type: ignore[index]
            for f in facts
        ]
    ctx = CorpusContext(facts, sources or {}, thresholds or {})
    rules = [r for r in all_rules() if r.compare is not None and (codes is None or r.code in codes)]
    return [f for r in rules for f in r.compare(ctx)]


@dataclass
class Context:
    """What a check sees: the parsed report, with the tree indexed once for all checks."""

    parsed: Parsed
    organ_kind_setting: str = "auto"  # the configured kind of organ, or "auto" to guess from its name

    @property
    def organ_kind(self) -> str | None:
        """The kind of organ for the publication deadline: as configured, else guessed."""
        return self.meta.organ_kind if self.organ_kind_setting == "auto" else self.organ_kind_setting

    @property
    def nodes(self) -> list[Node]:
        """Every node of the tree, depth first, in document order."""
        return self.report.nodes

    @cached_property
    def parents(self) -> dict[int, Node]:
        out: dict[int, Node] = {}
        for node in self.nodes:
            for child in node.children:
                out[id(child)] = node
        return out

    def all(self, cls: type[N]) -> list[N]:
        """Every node of type ``cls`` in document order."""
        return self.report.all(cls)  # type: ignore[type-var]

    @cached_property
    def cells(self) -> dict[CellKey, Cell]:
        """Every cell by its canonical key (the first one, should a row appear twice)."""
        from ..nodes import Row

        out: dict[CellKey, Cell] = {}
        for row in self.all(Row):
            for c in row.cells:
                out.setdefault(c.key, c)
        return out

    def parent(self, node: Node) -> Node | None:
        return self.parents.get(id(node))

    def table_of(self, node: Node) -> Table | None:
        """The table that holds ``node``, if any."""
        from ..nodes import Table

        up = self.parent(node)
        while up is not None and not isinstance(up, Table):
            up = self.parent(up)
        return up

    @cached_property
    def misplaced(self) -> set[int]:
        """ids of every node inside a part found out of place."""
        from ..nodes import Misplaced

        return {id(n) for m in self.all(Misplaced) for n in m.walk()}

    @property
    def source(self) -> Source:
        return self.parsed.source

    @property
    def report(self) -> Report:
        return self.parsed.report

    @property
    def meta(self) -> Meta:
        return self.parsed.meta

    @cached_property
    def analysis(self) -> str:
        return self.parsed.normalized.analysis

    def text(self, span: Span) -> str:
        return self.source.slice(span)


def _load() -> None:
    from . import arithmetic, cells, copies, dates, narrative, normalisation, series, structure, tables  # noqa: F401


def all_rules() -> list[Rule]:
    _load()
    return sorted(REGISTRY.values(), key=lambda r: r.code)


def run_checks(parsed: Parsed, organ_kind: str = "auto") -> list[Diagnostic]:
    """Every diagnostic for one parsed report, in document order (``organ_kind``: see `Context`)."""
    _load()
    ctx = Context(parsed, organ_kind)
    from .structure import is_report

    if not is_report(ctx):
        diags = list(REGISTRY["S001"].check(ctx))
    else:
        diags = [d for r in all_rules() if r.code != "S001" for d in r.check(ctx)]
    return sorted(diags, key=Diagnostic.sort_key)
