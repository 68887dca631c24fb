"""One value of a row as lexed (`RawValue`), and reading it as a cell: numbers as reports write
them (``增3``, ``减2``, ``1,234``, ``297.17万元``), placeholders, blanks; anything else is invalid."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..source import Span
from ..template import CellKey
from .cell_patterns import UNIT
from .nodes import Cell, CellStatus

_NUMBER = re.compile(
    r"(?P<sign>[增减+\-])?[ ]?(?P<num>[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)"
    rf"[ ]?(?P<unit>{UNIT})?"
)


@dataclass(frozen=True, slots=True)
class RawValue:
    """A value token of a row as lexed: its terminal, span, original and analysis text."""

    terminal: str  # NUM, PLACEHOLDER, BLANK, CELLTEXT
    span: Span
    raw: str
    text: str


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
    return value, (m.group("unit") or "").replace(" ", "")


def read_cell(key: CellKey, v: RawValue) -> Cell:
    if v.terminal == "BLANK":
        return Cell(key, CellStatus.BLANK, v.span, v.raw)
    if v.terminal == "PLACEHOLDER":
        return Cell(key, CellStatus.PLACEHOLDER, v.span, v.raw)
    parsed = parse_number(v.text) if v.terminal == "NUM" else None
    if parsed is None:
        return Cell(key, CellStatus.INVALID, v.span, v.raw)
    return Cell(key, CellStatus.OK, v.span, v.raw, parsed[0], parsed[1])
