"""What a data-frame library writes around and into a table that is not the table's: the header
row of column numbers, the index column, and its marker for an empty cell.

``pandas.read_html(page)[0].to_markdown()`` (or ``.to_csv()``) writes a report's table as

    |    | 0                            | 1   | 2   | …
    |---:|:-----------------------------|:----|:----|
    |  0 | 一、本年新收政府信息公开申请数量 | 12  | nan | …

`frame_marks` finds, in the bordered rows (pipes, CSV commas, tabs) of the analysis text:

* a frame's header: the first row of a table (or a row where a second frame begins), with rows
  below it, whose cells are the numbers 0, 1, 2, … (or from 1), at least four, or at least two
  after an empty corner cell over an index;
* its index: the first cell of each following row, when these count 0, 1, 2, … (or from 1) down the
  rows; only under such a header (a column of numbers under the report's own header is the
  report's);
* empty-cell markers: a cell that is only ``nan``, ``NaN``, ``None``, ``null``, ``<NA>`` or ``NaT``.

Consecutive numbers across a whole row cannot be a row of the template (its totals would not add
up), and no report writes ``nan``. Each is returned as found and as the span to mask: a header with
its whole line, an index cell with the border after it (so the row's first cell is its label); a
marker is read as spaces, so its cell is an empty cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..source import Span
from .bordered_rows import PipeCell, bordered_rows

_NUMBER = re.compile(r"[0-9]{1,4}")
EMPTY_MARKERS = frozenset({"nan", "NaN", "None", "null", "NULL", "<NA>", "NaT"})
# What a text without any frame's mark lacks: a marker, or a line that begins counting 0 1 or 1 2
# (after a corner); a text without it is not searched (the usual case: a bordered table of a report).
_COUNTING_LINE = re.compile(r"(?m)^[ |]*(?:0[ |]+1|1[ |]+2)[ |]")
_COUNTING_AFTER_CR = re.compile(r"\r[ |]*(?:0[ |]+1|1[ |]+2)[ |]")  # (?m)^ knows only "\n"
_MIN_COLUMNS = 4  # header numbers without a corner cell: more than a table 二 row's values


def _may_hold_marks(text: str) -> bool:
    return (
        any(marker in text for marker in EMPTY_MARKERS)
        or _COUNTING_LINE.search(text) is not None
        or ("\r" in text and _COUNTING_AFTER_CR.search(text) is not None)
    )


def _counts_up(keys: list[str]) -> bool:
    """``keys`` are 0, 1, 2, … or 1, 2, 3, …"""
    if not keys or not all(_NUMBER.fullmatch(k) for k in keys):
        return False
    first = int(keys[0])
    return first in (0, 1) and all(int(k) == first + i for i, k in enumerate(keys))


def _header(row: list[PipeCell], below: list[PipeCell] | None) -> bool:
    """Whether ``row``, above ``below``, is a frame's header of column numbers (a frame has rows)."""
    if below is None:
        return False
    keys = [c.key for c in row]
    if keys and not keys[0]:  # a corner cell over the index: the index must follow
        first = below[0].key if below[0].border_after is not None else ""
        return _counts_up(keys[1:]) and len(keys) > 2 and first in ("0", "1")
    return _counts_up(keys) and len(keys) >= _MIN_COLUMNS


def _tables(text: str, original: str) -> Iterator[list[tuple[Span, list[PipeCell]]]]:
    """The runs of bordered rows (a table each)."""
    rows: list[tuple[Span, list[PipeCell]]] = []
    for bordered in bordered_rows(text, original):
        if bordered is not None:
            rows.append(bordered)
        elif rows:
            yield rows
            rows = []
    if rows:
        yield rows


def frame_marks(text: str, original: str) -> tuple[tuple[Span, ...], tuple[Span, ...], tuple[Span, ...]]:
    """In the analysis ``text`` of ``original``: (the marks found, the spans to mask, the empty-cell
    markers to read as spaces), each in text order."""
    found: list[Span] = []
    masks: list[Span] = []
    blanks: list[Span] = []
    if not _may_hold_marks(text):
        return (), (), ()
    for rows in _tables(text, original):
        index: int | None = None  # the number the next row's first cell must be, under a header
        for i, (line, cells) in enumerate(rows):
            below = rows[i + 1][1] if i + 1 < len(rows) else None
            if (i == 0 or index is not None) and _header(cells, below):
                found.append(line)
                masks.append(line)
                index = -1
                continue
            first = cells[0]
            if index is not None and first.border_after is not None and len(cells) > 1:
                if _NUMBER.fullmatch(first.key) and int(first.key) in ((0, 1) if index < 0 else (index,)):
                    index = int(first.key) + 1
                    found.append(Span(first.start, first.end))
                    masks.append(Span(first.start, first.border_after + 1))
                else:
                    index = None
            for cell in cells:
                if cell.key in EMPTY_MARKERS:
                    found.append(Span(cell.start, cell.end))
                    blanks.append(Span(cell.start, cell.end))
    return tuple(found), tuple(masks), tuple(blanks)
