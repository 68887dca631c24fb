"""The rule catalogue: each rule is one unit — code, name, severity, summaries, doc and check.

A rule module defines its rules with `@rule(...)`; the check is a generator of diagnostics over a
`Context`. `run_checks` runs them all; the registry feeds the CLI's rule listing and every output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from ..diagnostics import Diagnostic, Severity
from ..source import Span
from ..template import CellKey

if TYPE_CHECKING:
    from ..meta import Meta
    from ..nodes import Cell, Node, Report
    from ..pipeline import Parsed
    from ..source import Source


N = TypeVar("N")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str  # Chinese, one line
    summary_en: str
    doc: str  # Markdown: what it checks, why it matters, how to fix
    check: Callable[[Context], Iterator[Diagnostic]]

    def make(
        self,
        span: Span,
        message: str,
        *,
        severity: Severity | None = None,
        cell: CellKey | None = None,
        help: str | None = None,
        note: str | None = None,
        related: tuple[tuple[Span, str], ...] = (),
        row: str | None = None,
        table: str | None = None,
        section: int | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            self.code,
            self.name,
            severity or self.severity,
            message,
            span,
            cell,
            help,
            note,
            related,
            row if row is not None else (cell.row if cell else None),
            table if table is not None else (cell.table if cell else None),
            section,
        )


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str, name: str, severity: Severity, summary: str, summary_en: str
) -> Callable[[Callable[[Context], Iterator[Diagnostic]]], Rule]:
    """Register a check as a rule; its docstring is the rule's documentation."""

    def wrap(fn: Callable[[Context], Iterator[Diagnostic]]) -> Rule:
        if code in REGISTRY:
            raise ValueError(f"duplicate rule code {code}")
        r = Rule(code, name, severity, summary, summary_en, (fn.__doc__ or "").strip(), fn)
        REGISTRY[code] = r
        return r

    return wrap


@dataclass
class Context:
    """What a check sees: the parsed report, with the tree indexed once for all checks."""

    parsed: Parsed

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
    from . import arithmetic, cells, dates, narrative, normalisation, structure, tables  # noqa: F401


def all_rules() -> list[Rule]:
    _load()
    return sorted(REGISTRY.values(), key=lambda r: r.code)


def run_checks(parsed: Parsed) -> list[Diagnostic]:
    """Every diagnostic for one parsed report, in document order."""
    _load()
    ctx = Context(parsed)
    from .structure import is_report

    if not is_report(ctx):
        diags = list(REGISTRY["S001"].check(ctx))
    else:
        diags = [d for r in all_rules() if r.code != "S001" for d in r.check(ctx)]
    return sorted(diags, key=Diagnostic.sort_key)
