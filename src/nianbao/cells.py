"""Cell values: reading numbers as written, and splitting digits that ran together.

Run-on pages lose the boundaries between cells, so neighbouring numbers fuse:
``一、本年新收政府信息公开申请数量121010014`` holds seven cells. A fused run is split only when
exactly one split is consistent with the number of cells and the template's arithmetic — first
the row's own (row total, table 四 block totals), then the table's (column totals and the
勾稽关系 of table 三). Otherwise the cells are reported as unreadable, with the number of splits
that fitted; a value is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import product
from math import comb

from .nodes import Cell, CellStatus
from .source import Span
from .template import CellKey, Column, Relation

_NUMBER = re.compile(
    r"(?P<sign>[增减+\-])?[ ]?(?P<num>[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)"
    r"[ ]?(?P<unit>万元|元|件|个|项|条|次|起|宗|人次)?"
)
# A run that may hold several cells: a sign belongs to its first number, decimals and a unit
# to its last ("71减3516", "413495.917", "00万元").
_DIGITS = re.compile(r"(?P<sign>[增减+\-]?)(?P<digits>[0-9]{2,})(?P<tail>\.[0-9]+)?[ ]?(?P<unit>万元|元)?")
MAX_SPLITS = 100_000  # beyond this many ways to split a run, it is reported unreadable
MAX_COMBINATIONS = 200_000  # table-wide search bound


@dataclass(frozen=True, slots=True)
class RawValue:
    """A value token of a row as lexed: its terminal, span, original and analysis text."""

    terminal: str  # NUM, PLACEHOLDER, BLANK, CELLTEXT
    span: Span
    raw: str
    text: str


@dataclass
class RawRow:
    keys: tuple[CellKey, ...]
    columns: tuple[Column, ...]
    values: list[RawValue]
    anchor: Span  # where a row without any value is reported (its label)
    positional: bool  # cells are delimited (pipes): a missing trailing cell is an empty one
    trailing_empty: tuple[Span, ...] = ()  # empty pipe cells after the last value, on the row's line
    full_width: bool = False  # as many cells on its line as the table's other rows: none run together


@dataclass
class Resolved:
    cells: tuple[Cell, ...]
    extra: tuple[RawValue, ...]


def parse_number(text: str) -> tuple[Decimal, str] | None:
    """``增3`` → 3, ``减2`` → -2, ``1,234`` → 1234, ``297.17万元`` → (297.17, 万元)."""
    m = _NUMBER.fullmatch(text.strip())
    if not m:
        return None
    try:
        value = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    if m.group("sign") in ("减", "-"):
        value = -value
    return value, m.group("unit") or ""


def read_cell(key: CellKey, v: RawValue) -> Cell:
    if v.terminal == "BLANK":
        return Cell(key, CellStatus.BLANK, v.span, v.raw)
    if v.terminal == "PLACEHOLDER":
        return Cell(key, CellStatus.PLACEHOLDER, v.span, v.raw)
    parsed = parse_number(v.text) if v.terminal == "NUM" else None
    if parsed is None:
        return Cell(key, CellStatus.INVALID, v.span, v.raw)
    return Cell(key, CellStatus.OK, v.span, v.raw, parsed[0], parsed[1])


# --------------------------------------------------------------------------- splitting


def _splits(digits: str, parts: int) -> Iterator[tuple[str, ...]]:
    """Every way to cut ``digits`` into ``parts`` numbers without leading zeros."""
    if parts == 1:
        if digits == "0" or not digits.startswith("0"):
            yield (digits,)
        return
    if digits.startswith("0"):
        # "0" must stand alone
        for rest in _splits(digits[1:], parts - 1):
            yield ("0", *rest)
        return
    for i in range(1, len(digits) - parts + 2):
        for rest in _splits(digits[i:], parts - 1):
            yield (digits[:i], *rest)


def _fusable(v: RawValue) -> re.Match[str] | None:
    """A run of plain digits (maybe signed) that may hold several cells."""
    return _DIGITS.fullmatch(v.text) if v.terminal == "NUM" else None


def _compositions(sizes: Sequence[int], total: int) -> Iterator[tuple[int, ...]]:
    """Ways to give each value 1..sizes[i] cells so that they add up to ``total``."""
    if not sizes:
        if total == 0:
            yield ()
        return
    rest_max = sum(sizes[1:])
    for n in range(1, sizes[0] + 1):
        if total - n < len(sizes) - 1 or total - n > rest_max:
            continue
        for tail in _compositions(sizes[1:], total - n):
            yield (n, *tail)


@dataclass(frozen=True, slots=True)
class _Split:
    values: tuple[Decimal, ...]
    spans: tuple[Span, ...]
    raws: tuple[str, ...]


def split_candidates(values: Sequence[RawValue], columns: Sequence[Column]) -> list[_Split] | None:
    """All readings of ``values`` as one number per column; None if there are too many to try.

    A sign belongs to the first number of its run; a negative number may only fall in a column
    that can be negative (本年增/减).
    """
    k = len(columns)
    if any(v.terminal != "NUM" or parse_number(v.text) is None for v in values):
        return []  # only runs of plain numbers are split
    runs = [_fusable(v) for v in values]
    sizes = [len(m.group("digits")) if m else 1 for m in runs]
    total_ways = 0
    for comp in _compositions(sizes, k):
        ways = 1
        for size, n in zip(sizes, comp, strict=True):
            ways *= comb(size - 1, n - 1) if n > 1 else 1
        total_ways += ways
        if total_ways > MAX_SPLITS:
            return None
    out: list[_Split] = []
    for comp in _compositions(sizes, k):
        per_value: list[list[tuple[tuple[str, ...], tuple[Span, ...]]]] = []
        for v, m, n in zip(values, runs, comp, strict=True):
            if n == 1 or m is None:
                per_value.append([((v.text,), (v.span,))])
                continue
            sign, digits = m.group("sign"), m.group("digits")
            tail = (m.group("tail") or "") + (m.group("unit") or "")
            options = []
            for parts in _splits(digits, n):
                texts = [*parts]
                texts[0] = sign + texts[0]
                texts[-1] = texts[-1] + tail
                spans, at = [], v.span.start
                for i, t in enumerate(texts):
                    width = len(t) + (len(v.text) - len(sign + digits + tail) if i == len(texts) - 1 else 0)
                    spans.append(Span(at, at + width))
                    at += width
                options.append((tuple(texts), tuple(spans)))
            per_value.append(options)
        for choice in product(*per_value):
            texts = tuple(t for parts, _ in choice for t in parts)
            spans = tuple(s for _, ss in choice for s in ss)
            nums = tuple(parse_number(t)[0] for t in texts)  # type: ignore[index]
            if any(
                (n < 0 and not c.signed) or (n != n.to_integral_value() and not c.money)
                for n, c in zip(nums, columns, strict=True)
            ):
                continue
            out.append(_Split(nums, spans, texts))
    return out


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


def resolve_table(rows: list[RawRow], relations: Sequence[Relation]) -> list[Resolved]:
    """Cells for every row of one table."""
    results: list[Resolved | None] = []
    pending: dict[int, list[_Split]] = {}  # row index → splits still in the running
    counts: dict[int, int] = {}
    complete = writes_every_cell(rows)
    for i, row in enumerate(rows):
        res, splits = _resolve_row(row, relations, complete)
        results.append(res)
        if splits is not None:
            pending[i] = splits
    if pending:
        _resolve_jointly(rows, results, pending, relations)
        for i, splits in pending.items():
            if results[i] is None:
                counts[i] = len(splits)
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


def _stray_tail(row: RawRow, values: list[RawValue]) -> tuple[list[RawValue], tuple[RawValue, ...]]:
    """Run-on text leaves stray words after a row's numbers ("…0000000三三、本年度办理结果"): text
    without a digit after the last number of an undelimited row is not a cell."""
    if row.positional:
        return values, ()
    end = len(values)
    while end > 0 and values[end - 1].terminal == "CELLTEXT" and not any(ch.isdigit() for ch in values[end - 1].text):
        end -= 1
    if end == len(values) or end == 0 or values[end - 1].terminal != "NUM":
        return values, ()
    return values[:end], tuple(values[end:])


def _resolve_row(
    row: RawRow, relations: Sequence[Relation], complete: bool = False
) -> tuple[Resolved | None, list[_Split] | None]:
    k = len(row.keys)
    values, stray = _stray_tail(row, _trimmed(row))
    if stray:
        res, splits = _resolve_row(RawRow(row.keys, row.columns, values, row.anchor, False), relations, complete)
        return (Resolved(res.cells, (*res.extra, *stray)) if res else None), splits
    if not values:
        blank = tuple(Cell(key, CellStatus.BLANK, Span(row.anchor.end, row.anchor.end)) for key in row.keys)
        return Resolved(blank, ()), None
    if len(values) >= k:
        cells = tuple(read_cell(key, v) for key, v in zip(row.keys, values, strict=False))
        return Resolved(cells, tuple(values[k:])), None
    missing = k - len(values)
    if row.positional and (
        not any(_fusable(v) for v in values) or (row.full_width and len(row.trailing_empty) >= missing)
    ):
        cells = [read_cell(key, v) for key, v in zip(row.keys, values, strict=False)]
        end = values[-1].span.end
        spans = list(row.trailing_empty[:missing]) + [Span(end, end)] * missing  # the empty cells where they are
        cells += [Cell(key, CellStatus.BLANK, span) for key, span in zip(row.keys[len(values) :], spans, strict=False)]
        return Resolved(tuple(cells), ()), None
    splits = split_candidates(values, row.columns)
    if splits is None:
        return _unreadable(row, MAX_SPLITS + 1), None
    if not splits:
        return None, []
    keys = set(row.keys)
    row_rels = [r for r in relations if keys.issuperset(r.lhs) and keys.issuperset(r.rhs)]
    fitting = [s for s in splits if all(_holds(r, dict(zip(row.keys, s.values, strict=True))) for r in row_rels)]
    # in run-on text, the only split of a row whose table writes every cell is its reading; between
    # pipes, digits run together are an anomaly that only the arithmetic can settle
    if len(fitting) == 1 or (complete and not row.positional and len(splits) == 1):
        return Resolved(_split_cells(row, (fitting or splits)[0]), ()), None
    return None, fitting or splits


def _split_cells(row: RawRow, split: _Split) -> tuple[Cell, ...]:
    return tuple(
        Cell(key, CellStatus.OK, span, raw, value, split=True)
        for key, span, raw, value in zip(row.keys, split.spans, split.raws, split.values, strict=True)
    )


def _unreadable(row: RawRow, candidates: int) -> Resolved:
    values = _trimmed(row)
    span = Span(values[0].span.start, values[-1].span.end) if values else row.anchor
    raw = " ".join(v.raw for v in values)
    cells = tuple(Cell(key, CellStatus.UNREADABLE, span, raw, candidates=candidates) for key in row.keys)
    return Resolved(cells, ())


def _resolve_jointly(
    rows: list[RawRow],
    results: list[Resolved | None],
    pending: dict[int, list[_Split]],
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
