"""A table 四 whose values begin with a cell that is no number (OCR's ``O`` for 0, an ``x``): the
parser takes such cells for more words of the header above; every value after them would move a
column left, or, none being a number, the row be read blank. A line of the header that holds only
text cells without a Han character, below a line with a label, is a values row (a header word has
Han characters): its cells are the row's, the header goes on after it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from ..source import Source, Span
from .cell_patterns import _HAN
from .nodes import Block, Header, Node, Row, Token

# (span, children) → a values row of table 四
MakeRow = Callable[[Span, tuple[Node, ...]], Row]


def values_out_of_headers(children: tuple[Node, ...], source: Source, make_row: MakeRow) -> tuple[Node, ...]:
    """Table 四's children (and its parts') with the values rows their headers took given back."""
    out: list[Node] = []
    for c in children:
        if isinstance(c, Block):
            out.append(replace(c, children=values_out_of_headers(c.children, source, make_row)))
        elif isinstance(c, Header):
            out += _split(c, source, make_row)
        else:
            out.append(c)
    # a values row cut from a header's end, then the row the parser read: one row
    merged: list[Node] = []
    for c in out:
        prev = merged[-1] if merged else None
        if isinstance(c, Row) and isinstance(prev, Row) and not c.row and not prev.row and _same_line(prev, c, source):
            merged[-1] = replace(prev, span=Span(prev.span.start, c.span.end), children=(*prev.children, *c.children))
        else:
            merged.append(c)
    return tuple(merged)


def _same_line(a: Row, b: Row, source: Source) -> bool:
    lines = source.lines
    return bool(a.children and b.children) and lines.line_of(a.children[-1].span.start) == lines.line_of(
        b.children[0].span.start
    )


def _cell(node: Node, source: Source) -> bool:
    return (
        isinstance(node, Token)
        and node.terminal == "CELLTEXT"
        and not _HAN.search(source.text[node.span.start : node.span.end])
    )


def _split(header: Header, source: Source, make_row: MakeRow) -> list[Node]:
    lines = source.lines
    by_line: dict[int, list[Node]] = {}
    for k in header.children:
        by_line.setdefault(lines.line_of(k.span.start), []).append(k)
    values_lines = {n for n, kids in by_line.items() if all(_cell(k, source) for k in kids)}
    out: list[Node] = []
    part: list[Node] = []
    cells: list[Node] = []
    labelled = False  # a label stands before: a line of cells below it is values, not header words
    for k in header.children:
        if labelled and lines.line_of(k.span.start) in values_lines:
            if part:
                out.append(_part(header, part))
                part = []
            cells.append(k)
            continue
        if cells:
            out.append(_values_row(cells, source, make_row))
            cells = []
        part.append(k)
        labelled = labelled or not _cell(k, source)
    if len(out) == 0 and not cells:
        return [header]
    if part:
        out.append(_part(header, part))
    if cells:
        out.append(_values_row(cells, source, make_row))
    return out


def _values_row(cells: list[Node], source: Source, make_row: MakeRow) -> Row:
    """The values row of ``cells``; on a pipe row, its empty cells too (a zero-width BLANK where each
    stands), since a header's words leave none: the cells keep their columns."""
    kids: list[Node] = []
    line = source.lines.line_span(source.lines.line_of(cells[0].span.start))
    pipes = [i for i in range(line.start, line.end) if source.text[i] == "|"]
    if len(pipes) < 2 or source.lines.line_of(cells[-1].span.start) != source.lines.line_of(cells[0].span.start):
        kids = list(cells)
    else:
        for a, b in pairwise(pipes):
            if a > cells[-1].span.start:
                break  # (the cells after it are the values row's that the parser read)
            inside = [c for c in cells if a < c.span.start < b]
            kids += inside or [Token(Span(a + 1, a + 1), terminal="BLANK")]
        kids += [c for c in cells if c not in kids]
    return make_row(Span(kids[0].span.start, max(k.span.end for k in kids)), tuple(kids))


def _part(header: Header, kids: list[Node]) -> Header:
    return replace(header, span=Span(kids[0].span.start, kids[-1].span.end), children=tuple(kids))
