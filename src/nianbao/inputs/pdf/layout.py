"""The text of a PDF's pages, rebuilt from where each character is drawn: lines by baseline, table rows from ruling
lines, tables continued across pages joined, and the text with the place of each line.

Contract: `_page_lines(page, number, table_ids, max_edges)` gives a laid-out page's lines and table rows, top to
bottom (no tables looked for past ``max_edges`` ruling segments); `_join_continued_tables` joins, in place, the
labels that a page break cut in a table continued on the next page; `_source` writes the lines as the text,
table cells joined by the separator given, each line placed ``第P页第L行``, within the text's bounds.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ...source import Origin, Place, Source
from ..base import Options, check_text

GAP = 0.4  # a gap wider than this (in em) between two characters is a space ...
CJK_GAP = 0.6  # ... or this, between two Chinese characters (justified text may spread them)

_NUMBER = re.compile(r"[-+减增]?[0-9][0-9,]*(?:\.[0-9]+)?")
# What starts an item of a table's row labels: 一、 （一） 1. 1、 (2) …; a cut label's tail does not.
# Bounded repeats keep every pattern here linear even under finditer on long runs.
_ITEM_START = re.compile(
    r"[一二三四五六七八九十]{1,3}[、.．]"  # 一、
    r"|[（(][一二三四五六七八九十0-9]{1,3}[）)]"  # （一） (2)
    r"|[0-9]{1,3}[.．、]"  # 1. 1、
)


# --- a page --------------------------------------------------------------------------------------------


@dataclass
class _PdfCell:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    rows: int = 1  # row bands of its table (on its page) it spans: more than one when merged down


@dataclass
class _Line:
    """A line of text, or a table row (``cells`` not None), as it stands on its page."""

    page: int
    top: float
    text: str = ""
    cells: list[_PdfCell] | None = None
    table: int = -1  # which table of the document a row belongs to
    part: list[_PdfCell] | None = None  # all cells of that table on this page (shared by its rows)
    line: int = 0  # on its page, 1-based

    def has_text(self) -> bool:
        return bool(self.text.strip()) or any(c.text for c in self.cells or ())


def _page_lines(page: Any, number: int, table_ids: Iterator[int], max_edges: int) -> list[_Line]:
    page = _dedupe_chars(page)
    chars = [c for c in page.chars if c.get("text")]
    tables = _tables(page, max_edges)
    in_cells: dict[_Box, list[dict[str, Any]]] = {}
    grids = [_Grid(t) for t in tables]
    loose = []
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for g in grids:
            cell = g.cell_at(cx, cy)
            if cell is not None:
                in_cells.setdefault(cell, []).append(ch)
                break
        else:
            loose.append(ch)
    out: list[_Line] = []
    for g in grids:
        table_id = next(table_ids)
        part: list[_PdfCell] = []
        for row in g.table.rows:
            cells = []
            for bbox in row.cells:
                if bbox is None:
                    continue  # covered by a merged cell, whose text is in the row where it starts
                x0, top, x1, bottom = bbox
                rows = 1 + sum(1 for y in g.row_tops if top + 0.01 < y < bottom - 0.01)
                cells.append(_PdfCell(x0, top, x1, bottom, _cell_text(in_cells.get(bbox, [])), rows))
            part += cells
            out.append(_Line(number, row.bbox[1], cells=cells, table=table_id, part=part))
    for group in _baselines(loose):
        out.append(_Line(number, min(c["top"] for c in group), text=_join(group)))
    out.sort(key=lambda line: line.top)
    for i, line in enumerate(out, 1):
        line.line = i
    return out


def _dedupe_chars(page: Any, tolerance: float = 1) -> Any:
    """``page.dedupe_chars(tolerance=1)``, in n log n: pdfplumber's own puts the characters it keeps
    back in order with ``chars.index`` (quadratic: 50,000 characters on a page took minutes). Same
    clusters, same characters kept, same order."""
    from pdfplumber.page import FilteredPage
    from pdfplumber.utils.clustering import cluster_objects

    chars = page.chars
    order = {id(c): i for i, c in enumerate(chars)}
    key = operator.itemgetter("upright", "text", "fontname", "size")
    position = operator.itemgetter("doctop", "x0")
    kept = []
    for _, group in itertools.groupby(sorted(chars, key=key), key=key):
        for line in cluster_objects(list(group), operator.itemgetter("doctop"), tolerance):
            for cluster in cluster_objects(line, operator.itemgetter("x0"), tolerance):
                kept.append(min(cluster, key=position))  # the first of equals, as sorted(...)[0] is
    kept.sort(key=lambda c: order[id(c)])
    deduped = FilteredPage(page, lambda obj: True)
    deduped._objects = {**page.objects, "char": kept}
    return deduped


def _tables(page: Any, max_edges: int) -> list[Any]:
    if len(page.edges) > max_edges:
        return []
    ruled = page.filter(_is_rule)
    return [t for t in ruled.find_tables() if t.rows and len(t.rows[0].cells) >= 2]


def _is_rule(obj: dict[str, Any]) -> bool:
    """Everything but rectangles filled in white (or nearly): those are backgrounds, not rules."""
    if obj.get("object_type") != "rect" or obj.get("stroke"):
        return True
    color = obj.get("non_stroking_color")
    if not isinstance(color, (tuple, list)) or not color or not all(isinstance(v, (int, float)) for v in color):
        return True
    if len(color) == 4:  # CMYK: white is no ink
        return not all(v <= 0.05 for v in color)
    return not all(v >= 0.95 for v in color)


_Box = tuple[float, float, float, float]  # x0, top, x1, bottom


class _Grid:
    """The cells of a table, found by position: a point → the cell (its box) that holds it."""

    def __init__(self, table: Any) -> None:
        self.table = table
        cells: list[_Box] = list(table.cells)
        self.row_tops = sorted({c[1] for c in cells})
        self.xs = sorted({c[0] for c in cells} | {c[2] for c in cells})
        self.ys = sorted({c[1] for c in cells} | {c[3] for c in cells})
        self.slots: dict[tuple[int, int], _Box] = {}
        for c in cells:
            for i in range(self._index(self.xs, c[0]), self._index(self.xs, c[2])):
                for j in range(self._index(self.ys, c[1]), self._index(self.ys, c[3])):
                    self.slots[i, j] = c

    @staticmethod
    def _index(edges: list[float], v: float) -> int:
        return bisect.bisect_left(edges, v - 0.01)

    def cell_at(self, x: float, y: float) -> _Box | None:
        i = bisect.bisect_right(self.xs, x) - 1
        j = bisect.bisect_right(self.ys, y) - 1
        if i < 0 or j < 0 or i >= len(self.xs) - 1 or j >= len(self.ys) - 1:
            return None
        return self.slots.get((i, j))


def _baselines(chars: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into lines by their baseline, each line left to right."""
    keyed = sorted(chars, key=lambda c: (_baseline(c), c["x0"]))
    lines: list[list[dict[str, Any]]] = []
    base = 0.0
    for ch in keyed:
        b = _baseline(ch)
        if lines and abs(b - base) <= 0.35 * max(ch["size"], 1.0):
            lines[-1].append(ch)
        else:
            lines.append([ch])
            base = b
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _baseline(ch: dict[str, Any]) -> float:
    """Where a character stands: the bottom of its box (the baseline less the font's descent, which
    differs little between the Chinese and Latin fonts of one line)."""
    return float(ch["bottom"])


def _wide(ch: str) -> bool:
    """Chinese characters and the punctuation set among them (full width)."""
    return ord(ch) >= 0x2E80 or 0x2010 <= ord(ch) <= 0x206F


def _join(chars: list[dict[str, Any]]) -> str:
    out: list[str] = []
    prev: dict[str, Any] | None = None
    for ch in chars:
        t = ch["text"]
        if t.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if prev is not None and out and out[-1] != " ":
            gap = ch["x0"] - prev["x1"]
            size = max(min(ch["size"], prev["size"]), 1.0)
            limit = CJK_GAP if _wide(prev["text"][-1]) and _wide(t[0]) else GAP
            if gap > limit * size:
                out.append(" ")
        out.append(t)
        prev = ch
    return "".join(out).strip()


def _cell_text(chars: list[dict[str, Any]]) -> str:
    """A cell's lines joined: a wrapped label is one label again (with a space between two
    Latin letters or digits, which a line break separated)."""
    text = ""
    for line in _baselines(chars):
        piece = _join(line)
        if text and piece and text[-1].isascii() and text[-1].isalnum() and piece[0].isascii() and piece[0].isalnum():
            text += " "
        text += piece
    return text


# --- across pages ---------------------------------------------------------------------------------------


# Page numbers as they are printed at the top or bottom of a page.
_PAGE_NUMBER = re.compile(
    r"[-—–]?[ ]{0,3}[0-9]{1,4}[ ]{0,3}[-—–]?"  # - 3 -
    r"|第[ ]{0,3}[0-9]{1,4}[ ]{0,3}页(?:[ ]{0,3}共[ ]{0,3}[0-9]{1,4}[ ]{0,3}页)?"  # 第 3 页, 第 3 页 共 12 页
    r"|[0-9]{1,4}[ ]{0,3}/[ ]{0,3}[0-9]{1,4}"  # 3/12
)


def _join_continued_tables(lines: list[_Line]) -> None:
    """A table going on at the top of the next page with the same edges is one table: labels cut
    by the page break are joined in the cell where they start."""
    rows = [(i, line) for i, line in enumerate(lines) if line.cells is not None]
    heads: dict[int, _Line] = {}
    for _, line in rows:
        heads.setdefault(line.table, line)
    for (i, last), (j, first) in itertools.pairwise(rows):
        if first.page != last.page + 1 or first.table == last.table or heads[first.table] is not first:
            continue
        if any(line.page == first.page and not _PAGE_NUMBER.fullmatch(line.text.strip()) for line in lines[i + 1 : j]):
            continue  # text above the table on its page: a table of its own
        before, after = last.part or [], first.part or []
        if abs(min(c.x0 for c in before) - min(c.x0 for c in after)) > 6:
            continue
        if abs(max(c.x1 for c in before) - max(c.x1 for c in after)) > 6:
            continue
        if [c.text for c in first.cells or ()] == [c.text for c in heads[last.table].cells or ()]:
            continue  # the header row repeated on the new page
        _carry_cut_labels(before, first.cells or [])


def _carry_cut_labels(before: list[_PdfCell], first: list[_PdfCell]) -> None:
    """Join to the cell at the foot of the previous page the text that continues it at the top of
    this one. Only in the label columns (before the row's first number), only text that does not
    start an item of its own (（五）…, 2.…), and only where one of the two parts is merged over
    several rows: a label merged down the rows of its group is what a page break cuts; a one-row
    label at the top of a page (规章 after 行政规范性文件) is a label of its own."""
    bottom = max(c.bottom for c in before)
    for cell in first:
        if _NUMBER.fullmatch(cell.text):
            break  # the label columns end at the first number
        if not cell.text or _ITEM_START.match(cell.text) or not _has_ideograph(cell.text):
            continue
        above = next(
            (c for c in before if abs(c.bottom - bottom) < 1 and abs(c.x0 - cell.x0) <= 6 and abs(c.x1 - cell.x1) <= 6),
            None,
        )
        if above is None or not _has_ideograph(above.text) or max(above.rows, cell.rows) < 2:
            continue
        above.text += cell.text
        cell.text = ""


def _has_ideograph(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u2e80" <= ch <= "\u2fdf" for ch in text)


# --- the text ---------------------------------------------------------------------------------------------


def _row_text(cells: list[_PdfCell], separator: str) -> str:
    texts = [c.text for c in cells]
    # Empty cells before the row's label are the rest of merged cells cut by a page break, or cells
    # emptied by joining a cut label: nothing. Before a number they are blank values, and stay.
    k = next((i for i, t in enumerate(texts) if t), len(texts))
    if k < len(texts) and not _NUMBER.fullmatch(texts[k]):
        texts = texts[k:]
    return separator.join(texts).strip() if separator.strip() else " ".join(t for t in texts if t)


def _source(path: str, lines: list[_Line], separator: str, options: Options) -> Source:
    parts: list[str] = []
    places: list[Place] = []
    offset = 0
    for line in lines:
        text = line.text if line.cells is None else _row_text(line.cells, separator)
        places.append(Place(offset, f"第{line.page}页第{line.line}行", f"page {line.page}, line {line.line}"))
        parts.append(text)
        offset += len(text) + 1
    text = "\n".join(parts) + "\n"
    check_text(text, path, options)
    return Source(path, text, origin=Origin(kind="pdf", places=tuple(places)))
