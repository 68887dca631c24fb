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
unit; `bordered_rows`). Each copy is returned with the border that parts it from the cell it copies (across: the
border before it; down: the border after it), so that, masked, the merged cell is read once.
"""

from __future__ import annotations

import re

from ..source import Span
from .bordered_rows import PipeCell, bordered_rows

# the numbering of a row label: "三、", "（三）", "1."
_NUMBERED = re.compile(r"[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|[0-9]{1,2}[.、]")


def _holds_value(row: list[PipeCell]) -> bool:
    return any(c.key and not c.label for c in row)


def spanned_copies(text: str, original: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """In the analysis ``text`` of ``original``: (the copies, the spans to mask: each copy with its
    border); both in text order."""
    copies: list[Span] = []
    masks: list[Span] = []
    above: list[PipeCell] | None = None
    for bordered in bordered_rows(text, original):
        if bordered is None:
            above = None
            continue
        _, row = bordered
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
