"""The bordered rows of an analysis text — lines whose cells stand between pipes (CSV commas and
drawn borders are pipes there) or tabs — split into their cells, for the normalisation steps that
read a table's rows before the lexer does (`frame_marks`, `spanned_cells`).

`bordered_rows` yields each such line with its cells, None for a line without borders (it ends a
table: text, a heading, an empty line), and skips a Markdown delimiter row (``|---|:---:|``). A
cell's key is its content without spaces and masked characters; it is a label when it holds two
Han characters or more and is no value (a number and its unit).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from ..source import Span
from .cell_patterns import _DELIMITER_ROW, UNIT
from .normalize import MASK

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")  # a line and its break
_HAN = re.compile(r"[\u4e00-\u9fff]")
_VALUE = re.compile(rf"[增减+\-]?[0-9][0-9,.]*{UNIT}?")  # "12件", "297.17万元", "3人次"


@dataclass(frozen=True)
class PipeCell:
    start: int  # the content's span in the text, spaces trimmed
    end: int
    border_before: int | None  # offset of the separator before the cell
    border_after: int | None
    key: str  # the content without spaces and masked characters
    label: bool  # two Han characters or more, and no value


def _is_label(key: str) -> bool:
    return len(_HAN.findall(key)) >= 2 and _VALUE.fullmatch(key) is None


def cells_of(text: str, original: str, start: int, end: int, borders: list[int]) -> list[PipeCell]:
    """The cells of the row line text[start:end] between ``borders``; what stands outside the outer
    borders is a cell only when it holds something, or when the borders are commas or tabs (a
    field separator, not a border: "0,," ends with an empty field)."""
    fields = original[borders[0]] in ",\t" if borders else False
    edges = [None, *borders, None]
    out = []
    for before, after in pairwise(edges):
        a = start if before is None else before + 1
        b = end if after is None else after
        content = text[a:b]
        key = "".join(c for c in content if not c.isspace() and c != MASK)
        if (before is None or after is None) and not key and not fields:
            continue
        lead = len(content) - len(content.lstrip())
        out.append(PipeCell(a + lead, b - (len(content) - len(content.rstrip())), before, after, key, _is_label(key)))
    return out


def borders_of(analysis: str, original: str, start: int, end: int) -> list[int]:
    """The cell borders of a row line: its pipes (in the analysis text, where CSV commas and drawn
    borders are pipes), else its tabs (in the original: the analysis text has them as spaces)."""
    for text, sep in ((analysis, "|"), (original, "\t")):
        if text.count(sep, start, end) >= 2:
            return [start + i for i, c in enumerate(text[start:end]) if c == sep]
    return []


def bordered_rows(text: str, original: str) -> Iterator[tuple[Span, list[PipeCell]] | None]:
    """Each line of the analysis ``text`` of ``original``: (its span, its cells) when it is a
    bordered row, None when it has no borders; Markdown delimiter rows left out."""
    for m in _LINE.finditer(text):
        line = m.group().rstrip("\r\n")
        start, end = m.start(), m.start() + len(line)
        borders = borders_of(text, original, start, end)
        if not borders:
            yield None
        elif "---" not in line or line.strip(_DELIMITER_ROW):
            yield Span(start, end), cells_of(text, original, start, end, borders)
