"""A table's cells from its rows' values: where the empty cells are, and which split of digits
that ran together stands (the ways themselves are `digit_splits`'; one value is `raw_values`').

Run-on pages lose the boundaries between cells, so neighbouring numbers fuse:
``一、本年新收政府信息公开申请数量121010014`` holds seven cells. A fused run is split only when
exactly one split is consistent with the number of cells and the template's arithmetic — first
the row's own (row total, table 四 block totals), then the table's (column totals and the
勾稽关系 of table 三). Otherwise the cells are reported as unreadable, with the number of splits
that fitted; a value is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import product

from ..source import Span
from ..template import CellKey, Column, Relation
from .cell_patterns import UNIT, unnumbered
from .digit_splits import (
    _ZEROS_THEN_DIGIT,
    MAX_SPLITS,
    DigitSplit,
    _fusable,
    count_splits,
    iter_splits,
    splittable,
)
from .nodes import Cell, CellStatus
from .raw_values import RawValue, read_cell

_WORDS = re.compile(r"[\u4e00-\u9fff]{2,}")  # two characters or more: no unit's one, no OCR's letter
_UNIT_ONLY = re.compile(UNIT)

REPORT_SPLITS = 200_000  # ways tried in one report: the rows beyond it are not tried
MAX_COMBINATIONS = 200_000  # table-wide search bound


@dataclass(slots=True)
class SplitBudget:
    """The ways of splitting fused digits one report may still try: each row of many fused digits
    costs time and memory in proportion to its ways, so a report of such rows is bounded as a
    whole, and the rows beyond it are reported unreadable rather than tried."""

    remaining: int = REPORT_SPLITS

    def take(self, ways: int) -> bool:
        if ways > self.remaining:
            return False
        self.remaining -= ways
        return True


@dataclass
class RawRow:
    keys: tuple[CellKey, ...]
    columns: tuple[Column, ...]
    values: list[RawValue]
    anchor: Span  # where a row without any value is reported (its label)
    positional: bool  # cells are delimited (pipes): a missing trailing cell is an empty one
    trailing_empty: tuple[Span, ...] = ()  # empty pipe cells after the last value, on the row's line
    full_width: bool = False  # as many cells on its line as the table's other rows: none run together
    narrow: bool = False  # as many delimited cells as most rows of its table, fewer than the template's
    # One value per line (cells copied line by line): the empty lines before each value and after
    # the last one (up to the next row), as zero-width spans where they are; None otherwise. Worked
    # out only for the rows that need it (``lines_of``, called once).
    lines_of: Callable[[], tuple[tuple[Span, ...], ...] | None] | None = None
    # words and numbers on the lines of the rows below that hold another row (its label unread):
    # never this row's cells, reported as what follows it
    foreign: tuple[RawValue, ...] = ()
    foreign_row: bool = False  # they stand in a delimited row of their own (not numbers apart)
    # no value read, but digits in what follows the label on its line (",0,0,…" taken for prose):
    # the cells are unreadable, never blank
    digits_after: bool = False
    _lines: tuple[tuple[tuple[Span, ...], ...] | None] | None = None

    @property
    def empty_lines(self) -> tuple[tuple[Span, ...], ...] | None:
        if self._lines is None:
            self._lines = (self.lines_of() if self.lines_of is not None else None,)
        return self._lines[0]


@dataclass
class Resolved:
    cells: tuple[Cell, ...]
    extra: tuple[RawValue, ...]


def _holds(rel: Relation, get: dict[CellKey, Decimal]) -> bool | None:
    """True/False if every cell of ``rel`` is known, else None."""
    try:
        return sum(get[k] for k in rel.lhs) == sum(get[k] for k in rel.rhs)
    except KeyError:
        return None


# --------------------------------------------------------------------------- tables


def writes_every_cell(rows: Sequence[RawRow]) -> bool:
    """Whether the run-on rows of a table show every cell written: none of them has fewer digits
    than cells. Then a row with exactly as many digits as cells has one digit per cell, whatever
    its arithmetic says (a report's own error, for the checks to find); where some row has fewer,
    empty cells were dropped and a row's digits are read only where the arithmetic settles them."""
    for row in rows:
        if row.positional or not row.values or any(v.terminal != "NUM" for v in row.values):
            continue
        atoms = sum(len(m.group("digits")) if (m := _fusable(v)) else 1 for v in row.values)
        if atoms < len(row.keys):
            return False
    return True


def delimited(rows: Sequence[RawRow]) -> bool:
    """Whether the undelimited rows of a table write their cells apart (spaces or line breaks
    between them: a PDF row, cells line by line) rather than run together: more rows with one
    value per cell than rows with one run of digits. Then a value is one cell, whatever its
    digits, and a row short of values lost its empty cells."""
    apart = together = 0
    for row in rows:
        if row.positional or not row.values:
            continue
        if len(row.values) == len(row.keys) > 1:
            apart += 1
        elif len(row.values) == 1 and len(row.keys) > 1 and _fusable(row.values[0]):
            together += 1
    return apart > together


def _line_gaps(rows: Sequence[RawRow]) -> int | None:
    """How many empty lines a table written one value per line puts between its cells (0: an empty
    line is an empty cell; 1: an empty line separates cells), read from its full rows."""
    seen = set()
    full = 0
    for row in rows:
        if len(row.values) == len(row.keys) > 1 and row.empty_lines is not None:
            seen.update(len(g) for g in row.empty_lines[1:-1])
            full += 1
            if len(seen) > 1 or full >= 8:  # eight full rows that agree tell the rhythm
                break
    return seen.pop() if len(seen) == 1 else None


def _blank_lines(row: RawRow, values: list[RawValue], gap: int) -> list[RawValue] | None:
    """The row with its empty cells back where the empty lines say, if that gives every cell: with
    ``gap`` empty lines between cells, an empty cell is an empty line and its separator (a run of
    n·(gap+1)+gap empty lines between two values holds n empty cells). Empty lines after the row's
    last cells beyond its number of cells separate the table from what follows."""
    if row.empty_lines is None or len(row.empty_lines) != len(values) + 1:
        return None
    out: list[RawValue] = []
    for i, lines in enumerate(row.empty_lines):
        count, rest = divmod(len(lines) - gap, gap + 1) if len(lines) >= gap else (0, 0)
        # before a row without a label (table 四) and after the last value the empty lines also
        # separate the row from what stands around it
        edge = i == len(values) or (i == 0 and row.anchor.start == values[0].span.start)
        if rest and not edge:
            return None  # not the table's rhythm: cannot tell
        out += [RawValue("BLANK", s, "", "") for s in lines[gap : gap + count * (gap + 1) : gap + 1]]
        if i < len(values):
            out.append(values[i])
    while len(out) > len(row.keys) and out[-1].terminal == "BLANK":
        out.pop()
    return out if len(out) == len(row.keys) else None


def _peeled(values: list[RawValue]) -> list[RawValue]:
    """Values written apart, with the zeros that cannot begin a number taken off as cells of their
    own ("0 0 0 0 0 00": the last value is two cells)."""
    out: list[RawValue] = []
    for v in values:
        m = _fusable(v)
        if m is None or not m.group("digits").startswith("0") or m.group("sign") or m.group("tail"):
            out.append(v)
            continue
        digits = m.group("digits")
        at = v.span.start
        while len(digits) > 1 and digits.startswith("0"):
            out.append(RawValue("NUM", Span(at, at + 1), "0", "0"))
            digits, at = digits[1:], at + 1
        out.append(RawValue("NUM", Span(at, v.span.end), v.raw[at - v.span.start :], digits + (m.group("unit") or "")))
    return out


@dataclass(frozen=True, slots=True)
class Writing:
    """How a report writes its cells, read from all its rows (a table of one row, as 四, cannot
    tell): every cell written, cells written apart, the empty lines between cells."""

    complete: bool
    apart: bool
    gap: int | None

    @classmethod
    def of(cls, rows: Sequence[RawRow]) -> Writing:
        apart = delimited(rows)
        return cls(writes_every_cell(rows), apart, _line_gaps(rows) if apart else None)


def resolve_table(
    rows: list[RawRow],
    relations: Sequence[Relation],
    writing: Writing | None = None,
    budget: SplitBudget | None = None,
) -> list[Resolved]:
    """Cells for every row of one table, written as ``writing`` says (by default, as the table
    itself shows); fused digits are tried within ``budget`` (the report's, shared by its tables)."""
    results: list[Resolved | None] = []
    pending: dict[int, list[DigitSplit]] = {}  # row index → splits still in the running
    counts: dict[int, int] = {}
    writing = writing or Writing.of(rows)
    budget = budget or SplitBudget()
    complete, apart, gap = writing.complete, writing.apart, writing.gap
    for i, row in enumerate(rows):
        if apart and not row.positional:
            results.append(_resolve_apart(row, gap))
            continue
        res, splits, tried = _resolve_row(row, relations, budget, complete)
        results.append(res)
        if splits is not None:
            pending[i] = splits
            counts[i] = tried
    if pending:
        _resolve_jointly(rows, results, pending, relations)
    out = []
    for i, (row, res) in enumerate(zip(rows, results, strict=True)):
        if res is None:
            res = _unreadable(row, counts.get(i, 0))
        out.append(res)
    return out


def _trimmed(row: RawRow) -> list[RawValue]:
    values = list(row.values)
    # Pipe rows end with the ghosts of merged cells: drop empty cells beyond the template's columns.
    while len(values) > len(row.keys) and values[-1].terminal == "BLANK":
        values.pop()
    return values


def _words(v: RawValue) -> bool:
    """Whether ``v`` is words without a number."""
    return v.terminal == "CELLTEXT" and not any(ch.isdigit() for ch in v.text)


def _opens_row(v: RawValue) -> bool:
    """Whether ``v`` begins with words that can be a row's label, its number before them at most
    ("2.没有现成信息…", "其他某某事项00"): two characters or more, not a unit ("万元")."""
    if v.terminal != "CELLTEXT":
        return False
    words = _WORDS.match(unnumbered(v.text.lstrip()))
    return words is not None and not _UNIT_ONLY.fullmatch(words.group())


def _stray_tail(row: RawRow, values: list[RawValue]) -> tuple[list[RawValue], tuple[RawValue, ...]]:
    """Run-on text leaves stray words after a row's numbers ("…0000000三三、本年度办理结果"): text
    without a digit after the last number of an undelimited row is not a cell. Words that can be
    a label after a number end the row there, whatever follows: between undelimited values they
    are the label of a row the template does not know or the text could not match ("规章101
    行政規範性檔案000"), whose numbers are not this row's."""
    if row.positional:
        return values, ()
    end = next(
        (i for i in range(1, len(values)) if values[i - 1].terminal == "NUM" and _opens_row(values[i])), len(values)
    )
    while end > 0 and _words(values[end - 1]):
        end -= 1
    if end == len(values) or end == 0 or values[end - 1].terminal != "NUM":
        return values, ()
    return values[:end], tuple(values[end:])


def _resolve_row(
    row: RawRow, relations: Sequence[Relation], budget: SplitBudget, complete: bool = False
) -> tuple[Resolved | None, list[DigitSplit] | None, int]:
    """The row's cells, or None and the splits still in the running (for the table's arithmetic to
    choose from) with the number of splits that fitted the row."""
    if row.foreign:
        res, splits, tried = _resolve_row(replace(row, foreign=()), relations, budget, complete)
        return (Resolved(res.cells, (*res.extra, *row.foreign)) if res else None), splits, tried
    k = len(row.keys)
    values, stray = _stray_tail(row, _trimmed(row))
    if stray:
        res, splits, tried = _resolve_row(
            RawRow(row.keys, row.columns, values, row.anchor, False), relations, budget, complete
        )
        return (Resolved(res.cells, (*res.extra, *stray)) if res else None), splits, tried
    if not values:
        status = CellStatus.UNREADABLE if row.digits_after else CellStatus.BLANK
        blank = tuple(Cell(key, status, Span(row.anchor.end, row.anchor.end)) for key in row.keys)
        return Resolved(blank, ()), None, 0
    if len(values) >= k:
        cells = tuple(read_cell(key, v) for key, v in zip(row.keys, values, strict=False))
        return Resolved(cells, tuple(values[k:])), None, 0
    missing = k - len(values)
    # Delimited cells short of the template's: empty cells at the row's end, unless the row is as
    # short as most rows of its table with a value in every cell it has: then the table is narrower
    # than the template (自然人 | 法人或其他组织 | 总计), and which columns its cells are cannot be known.
    narrow = row.narrow and not row.trailing_empty and all(v.terminal != "BLANK" for v in values)
    if row.positional and (
        (not any(_fusable(v) for v in values) and not narrow) or (row.full_width and len(row.trailing_empty) >= missing)
    ):
        cells = [read_cell(key, v) for key, v in zip(row.keys, values, strict=False)]
        end = values[-1].span.end
        spans = list(row.trailing_empty[:missing]) + [Span(end, end)] * missing  # the empty cells where they are
        cells += [Cell(key, CellStatus.BLANK, span) for key, span in zip(row.keys[len(values) :], spans, strict=False)]
        return Resolved(tuple(cells), ()), None, 0
    if not splittable(values):
        return None, [], 0
    ways = count_splits(values, k)
    if ways > MAX_SPLITS:
        return _unreadable(row, MAX_SPLITS + 1), None, 0
    if not budget.take(ways):
        return _unreadable(row, ways, untried=True), None, 0
    keys = set(row.keys)
    row_rels = [r for r in relations if keys.issuperset(r.lhs) and keys.issuperset(r.rhs)]
    if row_rels:
        # Only the splits that fit the row's own arithmetic are kept: a split that does not can
        # fit no reading of the table either, and the others may be many.
        fitting, tried = [], 0
        for split in iter_splits(values, row.columns):
            tried += 1
            if all(_holds(r, dict(zip(row.keys, split.values, strict=True))) for r in row_rels):
                fitting.append(split)
        if len(fitting) == 1:
            return Resolved(_split_cells(row, fitting[0]), ()), None, 0
        if not fitting and complete and not row.positional and tried == 1:
            return Resolved(_split_cells(row, next(iter_splits(values, row.columns))), ()), None, 0
        if not fitting:
            return _unreadable(row, 0, tried=tried), None, 0  # no reading of the table can hold it either
        return None, fitting, len(fitting)
    splits = list(iter_splits(values, row.columns))
    if not splits:
        return None, [], 0
    if not complete and not (len(splits) == 1 and _one_reading(values)):
        # no arithmetic to check a split against, and empty cells dropped elsewhere: "025" may be 0|·|25
        return None, splits, len(splits)
    # in run-on text, the only split of a row whose table writes every cell is its reading; between
    # pipes, digits run together are an anomaly that only the arithmetic can settle
    if len(splits) == 1:
        return Resolved(_split_cells(row, splits[0]), ()), None, 0
    return None, splits, len(splits)


def _resolve_apart(row: RawRow, gap: int | None) -> Resolved:
    """A row of a table that writes its cells apart: values are cells; a row short of them gets its
    empty cells from the empty lines, or is unreadable (which cell is empty cannot be known)."""
    if row.foreign:
        res = _resolve_apart(replace(row, foreign=()), gap)
        return Resolved(res.cells, (*res.extra, *row.foreign))
    k = len(row.keys)
    values, stray = _stray_tail(row, _trimmed(row))
    if not values:
        status = CellStatus.UNREADABLE if row.digits_after else CellStatus.BLANK
        blank = tuple(Cell(key, status, Span(row.anchor.end, row.anchor.end)) for key in row.keys)
        return Resolved(blank, stray)
    if len(values) < k:
        peeled = _peeled(values)
        if len(peeled) == k:
            return Resolved(tuple(read_cell(key, v) for key, v in zip(row.keys, peeled, strict=True)), stray)
        filled = _blank_lines(row, values, gap) if gap is not None else None
        if filled is None:
            return _unreadable(row, 0)
        values = filled
    cells = tuple(read_cell(key, v) for key, v in zip(row.keys, values, strict=False))
    return Resolved(cells, (*values[k:], *stray))


def _one_reading(values: Sequence[RawValue]) -> bool:
    """Runs that no fewer numbers can make ("000", "0003"): with cells dropped or not, one digit a cell."""
    return all(
        (m := _fusable(v)) is None or (not m.group("sign") and _ZEROS_THEN_DIGIT.fullmatch(m.group("digits")))
        for v in values
    )


def _split_cells(row: RawRow, split: DigitSplit) -> tuple[Cell, ...]:
    return tuple(
        Cell(key, CellStatus.OK, span, raw, value, split=True)
        for key, span, raw, value in zip(row.keys, split.spans, split.raws, split.values, strict=True)
    )


def _unreadable(row: RawRow, candidates: int, untried: bool = False, tried: int = 0) -> Resolved:
    values = _trimmed(row)
    span = Span(values[0].span.start, values[-1].span.end) if values else row.anchor
    raw = " ".join(v.raw for v in values)
    cells = tuple(
        Cell(key, CellStatus.UNREADABLE, span, raw, candidates=candidates, untried=untried, tried=tried)
        for key in row.keys
    )
    return Resolved(cells, ())


def _resolve_jointly(
    rows: list[RawRow],
    results: list[Resolved | None],
    pending: dict[int, list[DigitSplit]],
    relations: Sequence[Relation],
) -> None:
    """Use the table's arithmetic across rows to choose among the remaining splits."""
    known: dict[CellKey, Decimal] = {}
    for res in results:
        if res is not None:
            for c in res.cells:
                if c.value is not None:
                    known[c.key] = c.value
    ambiguous = [i for i, s in pending.items() if s]
    if not ambiguous:
        return
    size = 1
    for i in ambiguous:
        size *= len(pending[i])
        if size > MAX_COMBINATIONS:
            return
    keys_of = {i: set(rows[i].keys) for i in ambiguous}
    rels = [r for r in relations if any(set(r.lhs + r.rhs) & keys_of[i] for i in ambiguous)]
    if not rels:
        return
    solutions: list[tuple[int, ...]] = []
    for choice in product(*(range(len(pending[i])) for i in ambiguous)):
        values = dict(known)
        for i, c in zip(ambiguous, choice, strict=True):
            values.update(zip(rows[i].keys, pending[i][c].values, strict=True))
        if all(_holds(r, values) is not False for r in rels) and any(_holds(r, values) for r in rels):
            solutions.append(choice)
            if len(solutions) > 1000:
                break
    for pos, i in enumerate(ambiguous):
        chosen = {s[pos] for s in solutions}
        if len(chosen) == 1:
            results[i] = Resolved(_split_cells(rows[i], pending[i][chosen.pop()]), ())
