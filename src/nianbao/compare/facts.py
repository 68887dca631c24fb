"""Checks across the reports of one run: the same organ's consecutive years, copied text.

Linting a file yields, beside its diagnostics, its `Facts`: who published it, for which year, in
which template, its cells with their places, and its narrative sections. Facts are small and
picklable, so that worker processes compute them and the parent compares them once every file
is read. `series` groups them by organ (`nianbao.compare.organs.organ_key`) and pairs consecutive years;
the rules of scope ``"corpus"`` (C1xx, C2xx) turn them into diagnostics that belong to the later
report and point, with `Elsewhere`, at the earlier one.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..pipeline import Parsed
from ..source import Span
from ..syntax.nodes import CellStatus
from ..template import CellKey, Version
from .copies import Sketch, mask, sketch
from .organs import organ_key


@dataclass(frozen=True, slots=True)
class Spot:
    """A span of one file with its line and column (1-based, as every view shows them)."""

    span: Span
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class CellFact:
    value: Decimal | None
    status: CellStatus
    raw: str
    place: Spot


@dataclass(frozen=True)
class Narrative:
    """One narrative section (一, 五, 六) without its heading, masked and fingerprinted for C201."""

    number: int
    start: int  # offset in the report's text where the section's body begins
    masked: str  # the analysis text of the body with figures, dates and the organ's names masked
    sketch: Sketch | None  # None when the body is too short to judge


@dataclass(frozen=True)
class Facts:
    """What the checks across reports need of one report."""

    path: str
    organ: str | None  # as written
    organ_key: str | None  # folded, aliases applied: equal for the names of one organ
    year: int | None
    version: Version
    anchor: Spot  # where a diagnostic about the report as a whole goes: its year in the title
    cells: Mapping[CellKey, CellFact] = field(default_factory=dict)
    narratives: Mapping[int, Narrative] = field(default_factory=dict)
    digest: bytes = b""  # of the report's text: equal texts, equal facts (with the same settings)

    def value(self, key: CellKey) -> Decimal | None:
        """The number in a cell, None when the cell is missing or not a readable number."""
        c = self.cells.get(key)
        return c.value if c is not None and c.status is CellStatus.OK else None


NARRATIVE_SECTIONS = (1, 5, 6)


def facts_of(parsed: Parsed, path: str, aliases: Mapping[str, str] | None = None, narratives: bool = True) -> Facts:
    """The facts of one report. ``narratives=False`` leaves out the masked and fingerprinted
    sections, which only C201 reads (they are two thirds of the cost): for a run without C201."""
    source = parsed.source

    def place(span: Span) -> Spot:
        a, b = source.position(span.start), source.end_position(span)
        return Spot(span, a.line, a.column, b.line, b.column)

    cells: dict[CellKey, CellFact] = {}
    for c in parsed.report.cells():
        cells.setdefault(c.key, CellFact(c.value, c.status, c.raw, place(c.span)))
    meta = parsed.meta
    names = [n for n in (meta.agency, meta.agency_simplified) if n]
    sections: dict[int, Narrative] = {}
    for number in NARRATIVE_SECTIONS if narratives else ():
        section = parsed.report.sections.get(number)
        if section is None:
            continue
        heading = section.heading
        start = heading.span.end if heading is not None else section.span.start
        masked = mask(parsed.normalized.analysis[start : section.span.end], names)
        sections[number] = Narrative(number, start, masked, sketch(masked))
    anchor = place(meta.year_span if meta.year_span is not None else Span(0, 0))
    return Facts(
        path,
        meta.agency,
        organ_key(meta.agency, aliases),
        meta.year,
        parsed.report.version,
        anchor,
        cells,
        sections,
        hashlib.blake2b(source.text.encode("utf-8", "surrogatepass"), digest_size=16).digest(),
    )


@dataclass(frozen=True)
class Step:
    """Two reports of one organ for consecutive years."""

    previous: Facts
    current: Facts

    @property
    def versions(self) -> tuple[Version, Version]:
        return self.previous.version, self.current.version


def series(all_facts: Sequence[Facts]) -> dict[str, list[Facts]]:
    """The reports of each organ (with a name and a year), by year; in input order within a year."""
    out: dict[str, list[Facts]] = defaultdict(list)
    for f in all_facts:
        if f.organ_key is not None and f.year is not None:
            out[f.organ_key].append(f)
    return {k: sorted(v, key=lambda f: f.year or 0) for k, v in sorted(out.items())}


def steps(all_facts: Sequence[Facts]) -> Iterator[Step]:
    """Every pair of reports of one organ whose years follow each other. Two reports of the same
    organ and year (a report and its revision) are both paired with their neighbours."""
    for reports in series(all_facts).values():
        by_year: dict[int, list[Facts]] = defaultdict(list)
        for f in reports:
            by_year[f.year or 0].append(f)
        for year in sorted(by_year):
            for previous in by_year.get(year - 1, []):
                for current in by_year[year]:
                    yield Step(previous, current)
