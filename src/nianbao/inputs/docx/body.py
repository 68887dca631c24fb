"""The body of a Word document as text: paragraphs and tables in document order, each with its place.

Contract: `_Walker(writer, numbering).body(body)` writes into the `_DocxWriter` every body paragraph as a line
(its list number first) and every table row as a line ``cell | cell | … |`` padded to the table's grid width
(at most `MAX_SPAN` columns), recording for each stretch of text its place (``第N段``, ``第T个表格第R行第C格``);
a table of one cell per row is a frame, read as paragraphs; a table nested in a cell is flattened into the
cell's text. The writer raises `_TooLong` as soon as the text passes its characters or lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ...source import Place
from ...syntax import pictures
from .numbering import _Numbering
from .wordml import (
    _DOC_PR,
    _IMAGEDATA,
    _PIC,
    BR,
    CR,
    CUSTOM_XML,
    DRAWING,
    GRID_BEFORE,
    GRID_COL,
    GRID_SPAN,
    H_MERGE,
    NO_BREAK_HYPHEN,
    PICT,
    PTAB,
    R_PR,
    SDT,
    SDT_CONTENT,
    TAB,
    TBL,
    TBL_GRID,
    TC,
    TC_PR,
    TR,
    TR_PR,
    V_MERGE,
    VAL,
    VANISH,
    P,
    R,
    T,
    _int_val,
    _on,
    _w,
)

MAX_SPAN = 64  # grid columns a cell may span: report tables have at most 15; a hostile span must not pad rows
# Inline wrappers whose runs are part of the paragraph's visible text.
_INLINE_CONTAINERS = frozenset(
    _w(t)
    for t in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "sdt", "sdtContent", "fldSimple", "dir", "bdo")
)
# Block wrappers whose paragraphs and tables are part of the body (or of a cell).
_BLOCK_CONTAINERS = frozenset({SDT, SDT_CONTENT, CUSTOM_XML, _w("ins"), _w("moveTo")})
_LINE_CHARS = str.maketrans({"\n": " ", "\r": " ", "\x0b": " ", "\x0c": " "})


# ---------------------------------------------------------------------- the text and its places


class _TooLong(Exception):
    """The text grew past the limit (a crafted table padded to thousands of columns)."""


@dataclass
class _DocxWriter:
    limit: int  # characters
    max_lines: int
    parts: list[str] = field(default_factory=list)
    length: int = 0
    lines: int = 1
    places: list[Place] = field(default_factory=list)
    started: bool = False

    def place(self, zh: str, en: str) -> None:
        if self.places and self.places[-1].start == self.length:
            self.places[-1] = Place(self.length, zh, en)  # the earlier place covers nothing
        else:
            self.places.append(Place(self.length, zh, en))

    def write(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)
        self.lines += s.count("\n")  # cells and paragraphs have no other line breaks (_LINE_CHARS)
        if self.length > self.limit or self.lines > self.max_lines:
            raise _TooLong  # before a million empty paragraphs take a gigabyte of places

    def newline(self) -> None:
        """Ends the line before a new paragraph or row (none before the first, even if it was empty)."""
        if self.started:
            self.write("\n")
        self.started = True

    def text(self) -> str:
        return "".join(self.parts)


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs and tables of a body or cell, in order, through content controls."""
    for child in container:
        if child.tag in (P, TBL):
            yield child
        elif child.tag in _BLOCK_CONTAINERS:
            yield from _blocks(child)


def _children(container: etree._Element, tag: str) -> Iterator[etree._Element]:
    """The rows of a table or the cells of a row, through content controls."""
    for child in container:
        if child.tag == tag:
            yield child
        elif child.tag in _BLOCK_CONTAINERS:
            yield from _children(child, tag)


def _paragraph_lines(p: etree._Element, numbering: _Numbering) -> list[str]:
    """The visible text of a paragraph, after its list number, split at its soft line breaks."""
    lines = [numbering.label(p)]
    pieces: list[str] = []

    def runs(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag == R:
                run(child)
            elif tag in _INLINE_CONTAINERS:
                runs(child)

    def run(r: etree._Element) -> None:
        rpr = r.find(R_PR)
        if rpr is not None and _on(rpr.find(VANISH)):
            return  # hidden text: Word does not show it
        for child in r:
            tag = child.tag
            if tag == T:
                # Entity references (kept unexpanded by the parser) are children: only their tails are text.
                text = (child.text or "") + "".join(c.tail or "" for c in child)
                pieces.append(text.translate(_LINE_CHARS))
            elif tag in (TAB, PTAB):
                pieces.append("\t")
            elif tag in (BR, CR):
                lines[-1] += "".join(pieces)
                pieces.clear()
                lines.append("")
            elif tag == NO_BREAK_HYPHEN:
                pieces.append("-")
            elif tag in (DRAWING, PICT) and _picture(child):
                # a picture is a line of its own, as the HTML reader writes it: "[图片：alt]"
                lines[-1] += "".join(pieces)
                pieces.clear()
                described = next(child.iter(_DOC_PR), None)
                lines.extend([pictures.line(described.get("descr") if described is not None else None), ""])

    runs(p)
    lines[-1] += "".join(pieces)
    return lines


def _picture(el: etree._Element) -> bool:
    """A picture (DrawingML ``pic:pic`` or VML ``v:imagedata``), not a shape or a text box."""
    return next(el.iter(_PIC, _IMAGEDATA), None) is not None


def _join(pieces: list[str]) -> str:
    """Pieces of one cell as one label: nothing between them, a space between ASCII words."""
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and piece[0].isascii() and piece[0].isalnum():
            out += " "
        out += piece
    return out


@dataclass
class _DocxCell:
    tc: etree._Element
    col: int  # 0-based grid column it starts in
    span: int
    merged: bool  # continues a vertical or legacy horizontal merge


@dataclass
class _Walker:
    out: _DocxWriter
    numbering: _Numbering
    paragraphs: int = 0
    tables: int = 0

    def body(self, body: etree._Element) -> None:
        for block in _blocks(body):
            if block.tag == P:
                self.paragraphs += 1
                self.paragraph(block, f"第{self.paragraphs}段", f"paragraph {self.paragraphs}")
            else:
                self.table(block)

    def paragraph(self, p: etree._Element, zh: str, en: str) -> None:
        self.out.newline()
        self.out.place(zh, en)
        self.out.write("\n".join(_paragraph_lines(p, self.numbering)))

    def table(self, tbl: etree._Element, zh: str = "", en: str = "") -> None:
        """Writes a table; ``zh``/``en`` locate a table nested in a frame table."""
        self.tables += 1
        t = self.tables
        rows = [self.cells(tr) for tr in _children(tbl, TR)]
        if all(len(r) <= 1 for r in rows):
            self.frame(rows, t, zh, en)
            return
        grid = tbl.find(TBL_GRID)
        declared = len(grid.findall(GRID_COL)) if grid is not None else 0
        width = min(max([declared] + [sum(c.span for c in r) for r in rows]), MAX_SPAN)
        for r, row in enumerate(rows, 1):
            self.out.newline()
            self.out.place(f"{zh}第{t}个表格第{r}行", f"{en}table {t}, row {r}")  # replaced by its first cell's
            written = 0
            for cell in row:
                text = self.cell_text(cell.tc)
                if cell.merged and not text:
                    continue  # covered by the merge: written as an empty cell at the end of the row
                if written:
                    self.out.write(" |")
                # The place starts right after the pipe: an empty cell is the stretch between two pipes.
                c = cell.col + 1
                self.out.place(f"{zh}第{t}个表格第{r}行第{c}格", f"{en}table {t}, row {r}, cell {c}")
                self.out.write((" " if written else "") + text)
                written += 1
            if written:
                self.out.write(" |" * (max(width - written, 0) + 1))

    def frame(self, rows: list[list[_DocxCell]], t: int, zh: str, en: str) -> None:
        """A table of one cell per row: a frame around paragraphs and tables, read as a body."""
        for r, row in enumerate(rows, 1):
            for cell in row:
                where_zh, where_en = f"{zh}第{t}个表格第{r}行第1格", f"{en}table {t}, row {r}, cell 1"
                k = 0
                for block in _blocks(cell.tc):
                    if block.tag == P:
                        k += 1
                        self.paragraph(block, f"{where_zh}第{k}段", f"{where_en}, paragraph {k}")
                    else:
                        self.table(block, f"{where_zh}中", f"{where_en}: ")

    def cells(self, tr: etree._Element) -> list[_DocxCell]:
        trpr = tr.find(TR_PR)
        col = _int_val(trpr.find(GRID_BEFORE), 0, MAX_SPAN) if trpr is not None else 0
        out = []
        for tc in _children(tr, TC):
            tcpr = tc.find(TC_PR)
            span, merged = 1, False
            if tcpr is not None:
                span = max(_int_val(tcpr.find(GRID_SPAN), 1, MAX_SPAN), 1)
                for tag in (V_MERGE, H_MERGE):
                    m = tcpr.find(tag)
                    merged = merged or (m is not None and m.get(VAL, "continue") == "continue")
            out.append(_DocxCell(tc, col, span, merged))
            col += span
        return out

    def cell_text(self, tc: etree._Element) -> str:
        pieces: list[str] = []
        for block in _blocks(tc):
            if block.tag == P:
                pieces.extend(_paragraph_lines(block, self.numbering))
            else:
                pieces.append(self.flat(block))
        return _join(pieces).replace("|", "｜").replace("\t", " ")

    def flat(self, tbl: etree._Element) -> str:
        """A table nested in a cell, as text: its cells joined by spaces (still counted as a table)."""
        self.tables += 1
        texts = [self.cell_text(tc) for tr in _children(tbl, TR) for tc in _children(tr, TC)]
        return " ".join(t for t in texts if t)
