"""A web page's element tree rendered as a browser lays its text out, with the page offset of every character.

Contract: `_Renderer(hidden).render(root)` returns the `_TextWriter` that holds the rendered text (``parts``), the
offset in the page of each of its characters (``offs``) and the start of each line with text and its block
(``lines``); rendering records every element's range in the rendered text (``out_s``, ``out_e``), the links and
the chrome elements met, and whether an element was left out for being hidden (``hidden`` shows those too).
Blocks and ``<br>`` end lines, white space collapses, no line starts or ends with a space; a data table is one
line per row in the pipe layout, padded to its grid's width (at most `MAX_COLUMNS` columns, `MAX_PADDING` empty
cells a page); a table that lays out a page is read as blocks. Characters that do not come from the page map to
the tag that caused them.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterator, Sequence

from ...syntax import pictures
from .style import _chrome, _hidden, _icon
from .tree import _BLOCKS, _PRE, _SECTIONS, _SKIP, Run, _Node

_WS = "\t\n\f\r \x00-\x08\x0b\x0e-\x1f\x7f"  # HTML's white space, and controls a browser does not show
_WORDS = re.compile(rf"([^{_WS}]+)|[{_WS}]+")
_NBSP = re.compile(r"(\xa0+)|[^\xa0]+")
_PRE_PIECES = re.compile(r"(\r\n|\r|\n)|([ \t\xa0]+)|[^\r\n \t\xa0]+")
_WS_CHARS = "\t\n\f\r " + "".join(map(chr, (*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F)))
_NOT_ONE_WORD = re.compile(rf"[{_WS}\xa0|]")
MAX_COLUMNS = 64  # a table's grid is kept this wide; report tables have at most 15 columns
MAX_PADDING = 100_000  # empty cells written to give rows the grid's width, a page


def _wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in ("W", "F", "H") and not "\uac00" <= c <= "\ud7a3"


class _TextWriter:
    """Accumulates rendered text and, for each character, its offset in the page.

    Spaces are written only when text follows them on the same line, so that no line starts or ends with one and
    nothing written is taken back (element ranges recorded meanwhile stay right): a run of white space is one
    pending space, each ``&nbsp;`` one more. In a table cell (``cell``) a line break is such a space."""

    def __init__(self, cell: bool = False) -> None:
        self.cell = cell
        self.parts: list[str] = []
        self.offs = array("q")
        self.n = 0
        self.line = False  # the current line has text
        self.blank = True  # the last line written is blank (or nothing is written yet)
        self.spaces: list[int] = []  # offsets of the pending spaces
        self.soft = False  # the last pending space is collapsible white space (another run joins it)
        self.space_nl = False  # the pending white space holds a line break (dropped between two CJK characters)
        self.space_kept = False  # … or stands for a line break in a cell (never dropped)
        self.last = ""  # the last character written
        self.pre = 0  # inside <pre>
        self.block: _Node | None = None  # innermost block being written (main writer)
        self.lines: list[tuple[int, _Node | None]] = []  # start of each line with text, and its block

    def reset(self) -> None:
        self.parts.clear()
        del self.offs[:]
        self.n = 0
        self.line = False
        self._no_spaces()
        self.last = ""

    def _no_spaces(self) -> None:
        self.spaces.clear()
        self.soft = self.space_nl = self.space_kept = False

    def _emit(self, text: str, start: int, step: int) -> None:
        self.parts.append(text)
        if len(text) == 1:
            self.offs.append(start)
        elif step:
            self.offs.extend(range(start, start + len(text)))
        else:
            self.offs.extend(array("q", (start,)) * len(text))
        self.n += len(text)

    def _space(self, at: int, collapsible: bool) -> None:
        if not collapsible or not self.soft:
            self.spaces.append(at)
        self.soft = collapsible

    def _chars(self, chars: str, start: int, step: int) -> None:
        """Characters that are not spaces: the pending spaces before them first, if the line has text."""
        if self.line:
            spaces = self.spaces
            if spaces:
                cjk_break = (
                    len(spaces) == 1 and self.space_nl and not self.space_kept and _wide(self.last) and _wide(chars[0])
                )
                if not cjk_break:
                    self.parts.append(" " * len(spaces))
                    self.offs.extend(spaces)
                    self.n += len(spaces)
        else:
            self.lines.append((self.n, self.block))
            self.line = True
        self._no_spaces()
        if self.cell and "|" in chars:
            chars = chars.replace("|", "¦")  # a pipe in a cell would split it; the broken bar keeps it one cell
        self._emit(chars, start, step)
        self.last = chars[-1]

    def _word(self, word: str, start: int, step: int) -> None:
        if "\xa0" not in word:
            self._chars(word, start, step)
            return
        for m in _NBSP.finditer(word):  # no-break spaces are spaces that do not collapse
            at = start + step * m.start()
            if m.group(1):
                for k in range(len(m.group(1))):
                    self._space(at + step * k, False)
            else:
                self._chars(m.group(), at, step)

    def put(self, text: str, offs: Sequence[int]) -> None:
        """Text with its own offsets, written as is (a table row: no spaces at its ends but a row's first " |")."""
        if not self.line:
            drop = len(text) - len(text.lstrip(" "))
            text, offs = text[drop:], offs[drop:]
        if text:
            self._chars(text[0], offs[0], 0)
            self.parts.append(text[1:])
            self.offs.extend(offs[1:])
            self.n += len(text) - 1
            self.last = text[-1]

    def text(self, text: str, start: int, step: int) -> None:
        if self.pre:
            self._pre_text(text, start, step)
            return
        for m in _WORDS.finditer(text):
            word = m.group(1)
            if word is not None:
                self._word(word, start + step * m.start(), step)
            else:
                self._space(start + step * m.start(), True)
                if "\n" in m.group() or "\r" in m.group():
                    self.space_nl = True

    def _pre_text(self, text: str, start: int, step: int) -> None:
        """In <pre>: every space is kept (but at the ends of lines), every line break is one."""
        for m in _PRE_PIECES.finditer(text):
            at = start + step * m.start()
            if m.group(1):
                self.hard_break(at)
            elif m.group(2):
                for k in range(len(m.group(2))):
                    self._space(at + step * k, False)
            else:
                self._chars(m.group(), at, step)

    def soft_break(self, at: int) -> None:
        """The end of a block: a new line unless the current one is empty."""
        if self.cell:
            self._cell_break(at)
        elif self.line:
            self._emit("\n", at, 0)
            self.line = False
            self.blank = False
            self._no_spaces()

    def hard_break(self, at: int) -> None:
        """``<br>``: a new line, or one blank line (never more) when the current one is empty."""
        if self.cell:
            self._cell_break(at)
        elif self.line or not self.blank:
            self.blank = not self.line
            self._emit("\n", at, 0)
            self.line = False
            self._no_spaces()

    def _cell_break(self, at: int) -> None:
        self._space(at, True)
        self.space_kept = True


class _Renderer:
    def __init__(self, hidden: bool) -> None:
        self.hidden = hidden  # show hidden elements too
        self.nodes: list[_Node] = []  # elements rendered by the main writer, in document order
        self.links: list[_Node] = []
        self.chrome: list[_Node] = []
        self.padding = 0
        self.skipped = False  # an element was not shown for being hidden

    def render(self, root: _Node) -> _TextWriter:
        w = _TextWriter()
        self._walk(root, w, 0)
        return w

    def _open(self, node: _Node, w: _TextWriter, nest: int) -> bool:
        """Enter an element: True to render its children, then `_close` it."""
        tag = node.tag
        if tag in _SKIP:
            return False
        if not self.hidden and _hidden(node):
            self.skipped = True
            return False
        main = not w.cell
        if main:
            node.out_s = w.n
            self.nodes.append(node)
        if tag == "br":
            w.hard_break(node.start)
            node.out_e = w.n
            return False
        if tag == "hr":
            w.soft_break(node.start)
            node.out_e = w.n
            return False
        if tag == "img":
            # A picture in the text is shown as a line "[图片：alt]" at the tag (as text browsers show
            # it): a table published as an image is then seen where it stands (T101 says so).
            if main and not _icon(node):
                w.soft_break(node.start)
                w._chars(pictures.line(node.attr("alt")), node.start, 0)
                w.soft_break(node.end)
            node.out_e = w.n
            return False
        if tag == "table" and main and nest < 16 and not self._layout(node):
            self._table(node, w, nest + 1)
            node.out_e = w.n
            return False
        if tag in _BLOCKS:
            w.soft_break(node.start)
        if tag in _PRE:
            w.pre += 1
        if main:
            if tag == "a":
                self.links.append(node)
            elif _chrome(node):
                self.chrome.append(node)
        return True

    def _close(self, node: _Node, w: _TextWriter, block: _Node | None) -> None:
        if node.tag in _BLOCKS:
            w.soft_break(node.end)
        if node.tag in _PRE:
            w.pre -= 1
        if not w.cell:
            node.out_e = w.n
            w.block = block

    def _walk(self, top: _Node | Run, w: _TextWriter, nest: int) -> None:
        """Render an element and what it holds; iterative, so that nesting is limited by memory only."""
        if isinstance(top, tuple):
            w.text(*top)
            return
        if not self._open(top, w, nest):
            return
        frames: list[tuple[_Node, Iterator[_Node | Run], _Node | None]] = [(top, iter(top.kids or ()), w.block)]
        if top.tag in _BLOCKS and not w.cell:
            w.block = top
        while frames:
            node, kids, outer = frames[-1]
            kid = next(kids, None)
            if kid is None:
                frames.pop()
                self._close(node, w, outer)
            elif isinstance(kid, tuple):
                w.text(*kid)
            elif self._open(kid, w, nest):
                frames.append((kid, iter(kid.kids or ()), w.block))
                if kid.tag in _BLOCKS and not w.cell:
                    w.block = kid

    # Tables -----------------------------------------------------------------------------------------------------

    @staticmethod
    def _parts(table: _Node) -> tuple[list[_Node], list[list[_Node]], list[_Node | Run]]:
        """A table's captions, rows (their cells), and what stands in it outside any cell (shown before it)."""
        captions: list[_Node] = []
        rows: list[tuple[_Node, list[_Node]]] = []
        fostered: list[_Node | Run] = []

        def row(tr: _Node) -> None:
            cells: list[_Node] = []
            for kid in tr.kids or ():
                if isinstance(kid, _Node) and kid.tag in ("td", "th"):
                    cells.append(kid)
                elif not isinstance(kid, tuple) or not kid[0].isspace():
                    fostered.append(kid)
            rows.append((tr, cells))

        for kid in table.kids or ():
            if isinstance(kid, tuple):
                if not kid[0].isspace():
                    fostered.append(kid)
            elif kid.tag == "tr":
                row(kid)
            elif kid.tag in _SECTIONS:
                for sub in kid.kids or ():
                    if isinstance(sub, _Node) and sub.tag == "tr":
                        row(sub)
                    elif not isinstance(sub, tuple) or not sub[0].isspace():
                        fostered.append(sub)
            elif kid.tag == "caption":
                captions.append(kid)
            elif kid.tag != "col":
                fostered.append(kid)
        return captions, [[tr, *cells] for tr, cells in rows], fostered

    def _layout(self, table: _Node) -> bool:
        """A table that lays out a page, rather than data: a cell holds a table, lists, headings or sections, or
        page-sized content (a data cell holds a label or a number, at most in a few paragraphs: Word's <p>s)."""
        if not table.tables and not table.structure and table.chars <= 400 and table.blocks < 6:
            return False
        for kid in table.kids or ():
            if not isinstance(kid, _Node):
                continue
            rows = [kid] if kid.tag == "tr" else (kid.kids or ()) if kid.tag in _SECTIONS else ()
            for tr in rows:
                if not isinstance(tr, _Node) or tr.tag != "tr":
                    continue
                for cell in tr.kids or ():
                    if not isinstance(cell, _Node):
                        continue
                    if cell.tables or cell.structure or cell.chars > 400 or cell.blocks >= 6:
                        return True
        return False

    def _cell(self, cell: _Node, cw: _TextWriter, nest: int) -> tuple[str, Sequence[int]]:
        kids = cell.kids
        if kids is None:
            return "", ()
        if len(kids) == 1 and isinstance(kids[0], tuple):  # most cells: one word (a number, a label)
            text, start, step = kids[0]
            word = text.strip(_WS_CHARS)
            if word and not _NOT_ONE_WORD.search(word):
                first = start + step * (len(text) - len(text.lstrip(_WS_CHARS)))
                return word, range(first, first + len(word)) if step else array("q", (first,)) * len(word)
        cw.reset()
        for kid in cell.kids:
            if isinstance(kid, tuple):
                cw.text(*kid)
            else:
                self._walk(kid, cw, nest)
        text = "".join(cw.parts)
        stripped = text.strip(" ")
        if not stripped:
            return "", ()
        left = len(text) - len(text.lstrip(" "))
        return stripped, cw.offs[left : left + len(stripped)]

    def _table(self, table: _Node, w: _TextWriter, nest: int) -> None:
        captions, rows, fostered = self._parts(table)
        w.soft_break(table.start)
        for kid in fostered:
            self._walk(kid, w, nest)
        w.soft_break(table.start)
        for caption in captions:
            self._walk(caption, w, nest)
        if not self.hidden:
            rows = [[tr, *self._shown(cells)] for tr, *cells in rows]
        width = _width(rows)
        cw = _TextWriter(cell=True)
        for tr, *cells in rows:
            out = [self._cell(cell, cw, nest) for cell in cells]
            if not any(text for text, _ in out):
                continue  # a row with no text at all: spacing
            parts: list[str] = []
            offsets = array("q")
            for cell, (text, offs) in zip(cells, out, strict=True):
                if parts:
                    parts.append(" ")
                    offsets.append(cell.start)
                parts.append(text)
                offsets.extend(offs)
                after = offs[-1] + 1 if text else cell.end  # an empty cell: between its <td> and </td>
                parts.append(" |")
                offsets.extend((after, after))
            pad = max(0, min(width - len(cells), MAX_PADDING - self.padding))
            if pad:
                self.padding += pad
                parts.append(" |" * pad)
                offsets.extend(array("q", (tr.end,)) * (2 * pad))
            w.soft_break(tr.start)
            w.put("".join(parts), offsets)
            w.soft_break(tr.end)
        w.soft_break(table.end)

    def _shown(self, cells: list[_Node]) -> list[_Node]:
        shown = [cell for cell in cells if not _hidden(cell)]
        if len(shown) < len(cells):
            self.skipped = True
        return shown


def _width(rows: list[list[_Node]]) -> int:
    """Columns of a table's grid (at most `MAX_COLUMNS`), counting the positions that spanning cells cover."""
    spans: dict[int, int] = {}  # column → rows a cell spans down from the current row (this one included)
    width = 0
    for r, (_, *cells) in enumerate(rows):
        col = 0
        for cell in cells:
            while col in spans:
                col += 1
            colspan = min(max(_number(cell.attr("colspan"), 1), 1), 1000)
            rowspan = _number(cell.attr("rowspan"), 1)
            rowspan = len(rows) - r if rowspan == 0 else min(max(rowspan, 1), len(rows) - r)
            if rowspan > 1:
                for c in range(col, min(col + colspan, MAX_COLUMNS)):
                    spans[c] = rowspan
            col += colspan
        width = max(width, min(max(col, max(spans, default=-1) + 1), MAX_COLUMNS))
        for c in [c for c, left in spans.items() if left <= 1]:
            del spans[c]
        for c in spans:
            spans[c] -= 1
    return width


def _number(value: str | None, default: int) -> int:
    """An integer attribute as browsers read it: leading digits, the rest ignored."""
    if not value:
        return default
    m = re.match(r"\s*([0-9]{1,7})", value)
    return int(m.group(1)) if m else default
