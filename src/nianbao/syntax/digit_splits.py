"""Splitting digits that ran together into one number per column.

Run-on pages lose the boundaries between cells: ``121010014`` may hold seven cells. These are the
ways a row's values can be cut into as many numbers as it has columns (no leading zeros, a sign
only on a run's first number, a negative number only where a column can be negative); which of
them stands is for `cell_values` to decide from the template's arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import product
from math import comb

from ..source import Span
from ..template import Column
from .raw_values import RawValue, parse_number

# A run that may hold several cells: a sign belongs to its first number, decimals and a unit
# to its last ("71减3516", "413495.917", "00万元").
_DIGITS = re.compile(r"(?P<sign>[增减+\-]?)(?P<digits>[0-9]{2,})(?P<tail>\.[0-9]+)?[ ]?(?P<unit>亿元|万元|元)?")
_ZEROS_THEN_DIGIT = re.compile(r"0*[0-9]")
MAX_SPLITS = 100_000  # beyond this many ways to split a run, it is reported unreadable


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
class DigitSplit:
    values: tuple[Decimal, ...]
    spans: tuple[Span, ...]
    raws: tuple[str, ...]


def count_splits(values: Sequence[RawValue], k: int, limit: int = MAX_SPLITS) -> int:
    """How many ways ``values`` may be cut into ``k`` numbers (leading zeros aside), counted up to
    just beyond ``limit``: what trying them would cost."""
    runs = [_fusable(v) for v in values]
    sizes = [len(m.group("digits")) if m else 1 for m in runs]
    total = 0
    for comp in _compositions(sizes, k):
        ways = 1
        for size, n in zip(sizes, comp, strict=True):
            ways *= comb(size - 1, n - 1) if n > 1 else 1
        total += ways
        if total > limit:
            break
    return total


def splittable(values: Sequence[RawValue]) -> bool:
    """Only runs of plain numbers are split."""
    return all(v.terminal == "NUM" and parse_number(v.text) is not None for v in values)


def iter_splits(values: Sequence[RawValue], columns: Sequence[Column]) -> Iterator[DigitSplit]:
    """Every reading of ``values`` as one number per column, one at a time.

    A sign belongs to the first number of its run; a negative number may only fall in a column
    that can be negative (本年增/减).
    """
    k = len(columns)
    runs = [_fusable(v) for v in values]
    sizes = [len(m.group("digits")) if m else 1 for m in runs]
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
            yield DigitSplit(nums, spans, texts)


def split_candidates(values: Sequence[RawValue], columns: Sequence[Column]) -> list[DigitSplit] | None:
    """All readings of ``values`` as one number per column; None if there are too many to try."""
    if not splittable(values):
        return []
    if count_splits(values, len(columns)) > MAX_SPLITS:
        return None
    return list(iter_splits(values, columns))
