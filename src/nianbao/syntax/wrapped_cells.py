"""A long row label that a converter split over the pipe rows of its cell's lines: the head in
one row, the rest in the rows below, each piece alone in the row's first cell with every other
cell empty, except the one row that holds the values (``| 2.其他法律和 | 0 |…`` over
``| 行政法规禁止公开 |  |…``, or ``| 2.申请人逾期未按收 |  |…`` over ``| 费通知要求…申请 | 0 |…``).
Which pieces go together is decided by the template's wording (`label_tails`), never by
position alone.
"""

from __future__ import annotations

import re

from ..source import after_break
from . import label_tails as tails
from .cell_patterns import _HAN, _NUM, _PLACEHOLDER, unnumbered
from .line_map import LineMap
from .normalize import MASK, fold

_RULE_CHARS = "|-:+ " + MASK  # a rule line between two rows ("├──┼──┤" after normalisation)


def _next_row(text: str, lines: LineMap, line_end: int) -> int:
    """The start of the line after ``line_end``, past rule lines; -1 past an empty line."""
    nxt = after_break(text, line_end)
    while nxt < len(text) and not text[nxt : lines.end_from(nxt)].strip(_RULE_CHARS):
        rule_end = lines.end_from(nxt)
        if rule_end == nxt:
            return -1
        nxt = after_break(text, rule_end)
    return nxt


_NUMBERING = re.compile(r"[0-9]{1,2}[.．、]?")  # a row label's number, as its head begins


def lone_cell(text: str, lines: LineMap, start: int, head: bool = False) -> str:
    """The first cell of the pipe row at ``start`` when it is the row's only filled cell and
    holds no digit (a wrapped label's part; a ``head`` may begin with its number); otherwise ""."""
    cells = [c.strip(" " + MASK) for c in text[start : lines.end_from(start)].split("|")]
    filled = [c for c in cells if c]
    if len(filled) != 1 or cells.index(filled[0]) > 1:
        return ""
    words = filled[0][m.end() :] if head and (m := _NUMBERING.match(filled[0])) else filled[0]
    return "" if any(ch.isdigit() for ch in words) else filled[0]


def wrapped_tail(text: str, lines: LineMap, p: int, end: int) -> bool:
    """Whether the pipe cell ``p:end`` is the rest of the row label above it: the lone cell of
    its pipe row right below another pipe row, and the end (not the whole) of a long row label
    of the template."""
    start = lines.start_of(p)
    if start == 0 or start not in lines.pipe_lines or lines.start_of(start - 1) not in lines.pipe_lines:
        return False
    cell = lone_cell(text, lines, start)
    if not cell or cell != text[p:end].strip(" " + MASK):
        return False
    cell = tails.squeeze(fold(cell))
    return len(cell) >= 4 and any(lab.endswith(cell) and lab != cell for lab in tails.long_row_labels())


def _opens_pipe_row(text: str, lines: LineMap, p: int, end: int) -> bool:
    """Whether the cell ``p:end`` is the first cell of its pipe row."""
    start = lines.start_of(p)
    return (
        start in lines.pipe_lines
        and not text[start:p].strip(" |" + MASK)
        and text[end : end + 8].lstrip(" " + MASK)[:1] == "|"
    )


def run_on_tail(text: str, lines: LineMap, p: int, end: int) -> str:
    """The rest of a row label that a converter put in the pipe rows below, alone in their first
    cell with every other cell empty, when the cell ``p:end`` is the first of its pipe row and
    holds words (OCR's "O" for a 0 is no label's head)."""
    if not _opens_pipe_row(text, lines, p, end) or not _HAN.search(text, p, end):
        return ""
    nxt = _next_row(text, lines, lines.end_from(p))
    head = text[p:end].strip(" " + MASK)
    worded = bool(_HAN.search(unnumbered(head)))
    tail = ""
    while 0 <= nxt < len(text) and nxt in lines.pipe_lines and (cell := lone_cell(text, lines, nxt)):
        if tail and not tails.begins_label(text[p:end] + tail + cell):
            break  # (a grid table wraps a label over as many lines as its cell needs)
        if worded and tails.whole_label(fold(cell)) and not tails.whole_label(fold(head + tail + cell)):
            break  # a row label whole below words of its own ("| 行某某 | 5 |" over "| 其他对外管理服务事项 |")
        tail += cell
        nxt = after_break(text, lines.end_from(nxt))  # (no rule line inside a cell)
    return tail


def head_over_values(text: str, lines: LineMap, p: int, end: int) -> tuple[str, bool] | None:
    """The terminal of the row label whose head is the lone cell ``p:end`` of its pipe row and
    whose rest opens the pipe rows below, the last of them holding the row's values, and whether
    the label is reworded: only when the pieces make one of the label's wordings exactly, or a long
    one with a character or two reworded (`label_tails.near_label`)."""
    start = lines.start_of(p)
    head = text[p:end].strip(" " + MASK)
    if not _opens_pipe_row(text, lines, p, end) or lone_cell(text, lines, start, head=True) != head:
        return None
    read = head
    nxt = _next_row(text, lines, lines.end_from(p))
    for _ in range(tails.MAX_LINES - 1):
        if nxt < 0 or nxt >= len(text) or nxt not in lines.pipe_lines:
            return None
        cells = text[nxt : lines.end_from(nxt)].split("|")
        first = next((i for i, c in enumerate(cells) if c.strip(" " + MASK)), None)
        if first is None or first > 1 or any(ch.isdigit() for ch in cells[first]):
            return None
        read += cells[first].strip(" " + MASK)
        if lone_cell(text, lines, nxt):
            if not tails.begins_label(read):
                return None
            nxt = after_break(text, lines.end_from(nxt))
            continue
        # the row of the values: the label ends in its first cell, values fill the others
        values = [c.strip(" " + MASK) for c in cells[first + 1 :]]
        if not all(not v or _NUM.fullmatch(v) or _PLACEHOLDER.fullmatch(v) for v in values):
            return None
        exact = tails.whole_label(read)
        near = exact or tails.near_label(read)
        return (near, exact is None) if near else None
    return None
