"""Cells a converter filled with a copy of the merged cell they belong to.

pandas.read_html, docling and spreadsheet exports write a merged cell into every cell it spans: a
group label in each row of its group (``| 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密 | …``),
a label spanning two columns twice (``| （一）予以公开 | （一）予以公开 | 3 | …``), a caption across
the whole row. `spanned_copies` finds the copies in the pipe and tab rows of the analysis text:

* across: a label cell equal to the cell before it in its row;
* down: the leading cells of a row that equal the cells above them, in a row of as many cells, when
  a label of the row's own follows them (a row given twice is a row twice, not a copy);

and in a row that holds no value (a header row, a row of empty cells) only a numbered label
("三、", "（三）", "1.") or a caption across the whole row: header words repeat without spanning.

A cell is a label when it holds two Han characters or more and is no value (a number and its
unit). Each copy is returned with the border that parts it from the cell it copies (across: the
border before it; down: the border after it), so that, masked, the merged cell is read once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..source import Span
from .cell_patterns import _DELIMITER_ROW, UNIT
from .normalize import MASK

_LINE = re.compile(r"[^\r\n]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# the numbering of a row label: "三、", "（三）", "1."
_NUMBERED = re.compile(r"[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|[0-9]{1,2}[.、]")
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


def _holds_value(row: list[PipeCell]) -> bool:
    return any(c.key and not c.label for c in row)


def borders_of(analysis: str, original: str, start: int, end: int) -> list[int]:
    """The cell borders of a row line: its pipes (in the analysis text, where CSV commas and drawn
    borders are pipes), else its tabs (in the original: the analysis text has them as spaces)."""
    for text, sep in ((analysis, "|"), (original, "\t")):
        if text.count(sep, start, end) >= 2:
            return [start + i for i, c in enumerate(text[start:end]) if c == sep]
    return []


def spanned_copies(text: str, original: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """In the analysis ``text`` of ``original``: (the copies, the spans to mask: each copy with its
    border); both in text order."""
    copies: list[Span] = []
    masks: list[Span] = []
    above: list[PipeCell] | None = None
    for m in _LINE.finditer(text):
        borders = borders_of(text, original, m.start(), m.end())
        if not borders:
            above = None
            continue
        if "---" in m.group() and not m.group().strip(_DELIMITER_ROW):
            continue  # a Markdown table's delimiter row: the row above stays above
        row = cells_of(text, original, m.start(), m.end(), borders)
        down = 0
        # In a row without values (a header row, a row of empty cells) only a numbered label is taken
        # for a merged cell: header words may repeat without spanning ("结果维持 … 总计" under 行政复议
        # and again under 行政诉讼; a wrapped header cut short, "本年新 | 本年新").
        values = _holds_value(row)
        caption = len({c.key for c in row if c.key}) == 1
        if above is not None and len(above) == len(row):
            while (
                down < len(row)
                and row[down].label
                and row[down].key == above[down].key
                and (values or _NUMBERED.match(row[down].key))
            ):
                down += 1
            if not any(c.label for c in row[down:]):
                down = 0
        for i, cell in enumerate(row):
            if i < down and cell.border_after is not None:
                copies.append(Span(cell.start, cell.end))
                masks.append(Span(cell.start, cell.border_after + 1))
            elif (
                i >= max(down, 1)
                and cell.label
                and cell.key == row[i - 1].key
                and cell.border_before is not None
                and (values or caption or _NUMBERED.match(cell.key))
            ):
                copies.append(Span(cell.start, cell.end))
                masks.append(Span(cell.border_before, cell.end))
        above = row
    return tuple(copies), tuple(masks)
