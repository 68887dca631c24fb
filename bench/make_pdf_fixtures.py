"""Write the PDF test fixtures in tests/data/pdf/ (see its README.md): reports drawn as published PDFs are.

    .venv/bin/python bench/make_pdf_fixtures.py

Deterministic: running it again rewrites the same bytes. It needs pdfminer.six (for the Adobe-GB1
character collection: which glyph id, CID, draws which character) and pypdf (only to encrypt two
fixtures); both come with the ``pdf`` extra. No font file and no reportlab: the PDFs are written
here, object by object, with the standard non-embedded CID font STSong-Light, as two kinds of
producers write Chinese PDFs:

* ``identity`` (as Word, WPS and most PDF printers): ``Identity-H`` encoding, the string codes are
  CIDs, and a ``/ToUnicode`` CMap tells readers which character each CID is. The Kangxi fixture maps
  some CIDs to Kangxi radicals there (一 → ⼀ U+2F00), the way real subset fonts do.
* ``ucs2`` (as iText with its ``STSong-Light``/``UniGB-UCS2-H`` pair): the codes are UCS-2, no
  ``/ToUnicode``; readers decode through the named CMap. (reportlab's ``UnicodeCIDFont`` writes the
  same; pdfminer then maps a Kangxi radical to the unified ideograph, because both share one CID,
  which is why the Kangxi fixture uses the ``identity`` form.)

The page is A4 with 16 pt body text wrapped to the text width and justified (``Tc``), 22 pt title,
headings drawn twice 0.4 pt apart (the "fake bold" of fonts without a bold face), 9 pt table text
in ruled cells with merged header cells, numbers centred in their rows, page footers ``- n -``.
Tables break across pages; one break is forced inside table 三 so that a footer falls in the middle
of the table and the vertically merged cell （四）无法提供 is cut in two, as in real reports.

Alongside each report fixture, ``NAME.lines.json`` lists every line as drawn: page, line on the
page (a table row is one line however many text lines its cells take), and its text (table cells
joined by `` | ``). The tests check the places of the extracted text against it.
"""

from __future__ import annotations

import io
import json
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONFORMING = ROOT / "corpus" / "conforming"
OUT = ROOT / "tests" / "data" / "pdf"

PAGE_W, PAGE_H = 595.28, 841.89  # A4
LEFT, RIGHT, TOP, BOTTOM = 79.0, 79.0, 72.0, 80.0
WIDTH = PAGE_W - LEFT - RIGHT
BODY, BODY_LEAD = 16.0, 28.0  # 三号 仿宋, fixed 28 pt line spacing
TITLE = 22.0
CELL, CELL_LEAD, PAD = 9.0, 11.7, 3.0
FOOTER_Y = 50.0
ASCENT = 0.88  # of the font size: the baseline below the top of a line

# Ideographs whose ToUnicode entry names a Kangxi radical in the Kangxi fixture (U+2F00 block).
KANGXI = {"一": "⼀", "人": "⼈", "工": "⼯", "日": "⽇", "月": "⽉", "行": "⾏", "大": "⼤"}


# --- the font: which CID draws a character, how wide it is -------------------------------------


class Font:
    """STSong-Light (Adobe-GB1), not embedded: CIDs from pdfminer's copy of the UniGB-UCS2-H CMap."""

    def __init__(self, mode: str, to_unicode: dict[str, str] | None = None) -> None:
        from pdfminer.cmapdb import CMapDB

        self.mode = mode  # "identity" or "ucs2"
        self._cmap = CMapDB.get_cmap("UniGB-UCS2-H")
        self.to_unicode = to_unicode or {}  # character drawn → character its ToUnicode entry names
        self.used: dict[int, str] = {}  # CID → the character the ToUnicode CMap says it is

    def cid(self, ch: str) -> int:
        cids = list(self._cmap.decode(ch.encode("utf-16-be")))
        if len(cids) != 1 or cids[0] == 0:
            raise ValueError(f"STSong-Light cannot draw {ch!r}")
        return cids[0]

    @staticmethod
    def width(ch: str) -> float:
        """Advance in thousandths of the size: half width for ASCII, full width for the rest."""
        return 500.0 if ord(ch) < 0x80 else 1000.0

    def text_width(self, text: str, size: float) -> float:
        return sum(self.width(c) for c in text) * size / 1000

    def encode(self, text: str) -> str:
        """A PDF hex string for ``text``."""
        out = []
        for ch in text:
            cid = self.cid(ch)
            self.used[cid] = self.to_unicode.get(ch, ch)
            out.append(f"{cid:04X}" if self.mode == "identity" else ch.encode("utf-16-be").hex().upper())
        return "<" + "".join(out) + ">"

    def objects(self, w: Writer) -> int:
        """Write the font's objects; returns the Type0 font's object number."""
        widths = " ".join(f"{cid} [{int(self.width(ch))}]" for cid, ch in sorted(self.used.items()))
        descriptor = w.add(
            "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
            "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
        )
        cidfont = w.add(
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
            f"/FontDescriptor {descriptor} 0 R /DW 1000 /W [{widths}] >>"
        )
        if self.mode == "ucs2":
            return w.add(
                "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H "
                f"/DescendantFonts [{cidfont} 0 R] >>"
            )
        lines = []
        for cid, ch in sorted(self.used.items()):
            lines.append(f"<{cid:04X}> <{ch.encode('utf-16-be').hex().upper()}>")
        chunks = [lines[i : i + 100] for i in range(0, len(lines), 100)]
        body = "".join(f"{len(c)} beginbfchar\n" + "\n".join(c) + "\nendbfchar\n" for c in chunks)
        cmap = (
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        )
        to_unicode = w.add_stream(cmap.encode("ascii"))
        return w.add(
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
            f"/DescendantFonts [{cidfont} 0 R] /ToUnicode {to_unicode} 0 R >>"
        )


# --- the PDF file -------------------------------------------------------------------------------


class Writer:
    """Objects numbered in order of addition; ``pages`` are content streams; an xref at the end."""

    def __init__(self) -> None:
        self.objs: list[bytes] = []

    def add(self, body: str | bytes) -> int:
        self.objs.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(self.objs)

    def add_stream(self, data: bytes, extra: str = "") -> int:
        packed = zlib.compress(data, 9)
        head = f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode("latin-1")
        return self.add(head + packed + b"\nendstream")

    def finish(self, contents: Sequence[bytes], font: Font | None, images: dict[str, int] | None = None) -> bytes:
        pages_no = len(self.objs) + 1
        self.objs.append(b"")  # reserved for the page tree
        font_no = font.objects(self) if font is not None else None
        resources = "<< "
        if font_no is not None:
            resources += f"/Font << /F1 {font_no} 0 R >> "
        if images:
            resources += "/XObject << " + " ".join(f"/{k} {v} 0 R" for k, v in images.items()) + " >> "
        resources += ">>"
        kids = []
        for content in contents:
            c = self.add_stream(content)
            kids.append(
                self.add(
                    f"<< /Type /Page /Parent {pages_no} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
                    f"/Resources {resources} /Contents {c} 0 R >>"
                )
            )
        self.objs[pages_no - 1] = (
            f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode("latin-1")
        )
        catalog = self.add(f"<< /Type /Catalog /Pages {pages_no} 0 R >>")
        out = io.BytesIO()
        out.write(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(self.objs, 1):
            offsets.append(out.tell())
            out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
        xref = out.tell()
        out.write(f"xref\n0 {len(self.objs) + 1}\n0000000000 65535 f \n".encode())
        for off in offsets:
            out.write(f"{off:010d} 00000 n \n".encode())
        out.write(f"trailer\n<< /Size {len(self.objs) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
        return out.getvalue()


# --- drawing ----------------------------------------------------------------------------------------


@dataclass
class Page:
    ops: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the lines as drawn, for NAME.lines.json


class Canvas:
    """Pages of drawing operators; y is measured from the top of the page, as readers show it."""

    def __init__(self, font: Font, *, bold: str = "double", rules: str = "lines") -> None:
        self.font = font
        self.bold = bold  # "double": headings drawn twice, 0.4 pt apart; "none"
        self.rules = rules  # cell borders: "lines" stroked, "rects" thin filled rectangles, "none" not drawn
        self.pages: list[Page] = [Page()]
        self.y = TOP  # top of the next line

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = TOP

    def room(self) -> float:
        return PAGE_H - BOTTOM - self.y

    def text(
        self, x: float, top: float, size: float, text: str, spacing: float = 0.0, bold: bool = False, page: int = -1
    ) -> None:
        """Draw ``text`` from ``x`` with its line's top at ``top`` (on the last page unless told)."""
        base = PAGE_H - top - ASCENT * size
        hexed = self.font.encode(text)
        tc = f"{spacing:.3f} Tc " if spacing else ""
        ops = self.pages[page].ops
        ops.append(f"BT /F1 {size:g} Tf {tc}1 0 0 1 {x:.2f} {base:.2f} Tm {hexed} Tj ET")
        if bold and self.bold == "double":
            ops.append(f"BT /F1 {size:g} Tf {tc}1 0 0 1 {x + 0.4:.2f} {base:.2f} Tm {hexed} Tj ET")

    def rule(self, x0: float, top: float, x1: float, bottom: float, page: int = -1) -> None:
        """A border segment (horizontal or vertical)."""
        ops = self.pages[page].ops
        if self.rules == "none":  # a table without ruling lines
            return
        if self.rules == "rects":
            w = 0.5
            if top == bottom:
                ops.append(f"{x0:.2f} {PAGE_H - top - w / 2:.2f} {x1 - x0:.2f} {w} re f")
            else:
                ops.append(f"{x0 - w / 2:.2f} {PAGE_H - bottom:.2f} {w} {bottom - top:.2f} re f")
        else:
            ops.append(f"{x0:.2f} {PAGE_H - top:.2f} m {x1:.2f} {PAGE_H - bottom:.2f} l S")

    def fill(self, x0: float, top: float, x1: float, bottom: float, gray: float, page: int = -1) -> None:
        """A filled rectangle without border (paragraph backgrounds, shaded header cells)."""
        h = bottom - top
        self.pages[page].ops.append(f"q {gray:g} g {x0:.2f} {PAGE_H - bottom:.2f} {x1 - x0:.2f} {h:.2f} re f Q")


def wrap(font: Font, text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """Break ``text`` into lines no wider than ``width``; no line starts with closing punctuation."""
    lines: list[str] = []
    line = ""
    avail = width - indent
    for ch in text:
        if line and font.text_width(line + ch, size) > avail + 0.01:
            if ch in "，。、；：）》”！？" and len(line) > 1:  # keep it with the character before
                line, ch = line[:-1], line[-1] + ch
            lines.append(line)
            line = ch
            avail = width
        else:
            line += ch
    if line:
        lines.append(line)
    return lines


def paragraph(cv: Canvas, text: str, *, indent: bool = True, justify: bool = True) -> None:
    first = 2 * BODY if indent else 0.0
    lines = wrap(cv.font, text, WIDTH, BODY, first)
    for i, line in enumerate(lines):
        if cv.room() < BODY_LEAD:
            cv.new_page()
        x = LEFT + (first if i == 0 else 0.0)
        spacing = 0.0
        if justify and i < len(lines) - 1 and len(line) > 1:
            natural = cv.font.text_width(line, BODY)
            spacing = (WIDTH - (x - LEFT) - natural) / (len(line) - 1)
        cv.text(x, cv.y + (BODY_LEAD - BODY) / 2, BODY, line, spacing)
        cv.page.lines.append(line)
        cv.y += BODY_LEAD


def centred(cv: Canvas, text: str, size: float, lead: float, bold: bool = False) -> None:
    if cv.room() < lead:
        cv.new_page()
    x = LEFT + (WIDTH - cv.font.text_width(text, size)) / 2
    cv.text(x, cv.y + (lead - size) / 2, size, text, bold=bold)
    cv.page.lines.append(text)
    cv.y += lead


def heading(cv: Canvas, text: str) -> None:
    if cv.room() < 3 * BODY_LEAD:  # a heading is never the last line of a page
        cv.new_page()
    cv.text(LEFT + 2 * BODY, cv.y + (BODY_LEAD - BODY) / 2, BODY, text, bold=True)
    cv.page.lines.append(text)
    cv.y += BODY_LEAD


def right(cv: Canvas, text: str) -> None:
    if cv.room() < BODY_LEAD:
        cv.new_page()
    x = LEFT + WIDTH - 2 * BODY - cv.font.text_width(text, BODY)
    cv.text(x, cv.y + (BODY_LEAD - BODY) / 2, BODY, text)
    cv.page.lines.append(text)
    cv.y += BODY_LEAD


# --- tables -----------------------------------------------------------------------------------------


@dataclass
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    number: bool = False
    shade: bool = False


@dataclass
class Table:
    widths: list[float]
    cells: list[Cell]
    rows: int
    break_before: set[int] = field(default_factory=set)  # rows that must start a new page

    def x(self, col: int) -> float:
        return LEFT + sum(self.widths[:col])


def draw_table(cv: Canvas, t: Table) -> None:
    """Rows top to bottom, breaking to a new page where a row does not fit; each cell's border is
    drawn on every page its rows reach, closed at the page break."""
    cv.y += 4
    lines = {id(c): wrap(cv.font, c.text, sum(t.widths[c.col : c.col + c.colspan]) - 2 * PAD, CELL) for c in t.cells}
    height = [2 * PAD + CELL_LEAD] * t.rows
    for c in sorted(t.cells, key=lambda c: c.rowspan):
        need = len(lines[id(c)]) * CELL_LEAD + 2 * PAD
        have = sum(height[c.row : c.row + c.rowspan])
        if need > have:
            height[c.row + c.rowspan - 1] += need - have
    # Pages and tops of rows.
    place: list[tuple[int, float]] = []
    line_of_row: dict[int, int] = {}
    for r in range(t.rows):
        if r in t.break_before or height[r] > cv.room():
            cv.new_page()
        place.append((len(cv.pages) - 1, cv.y))
        line_of_row[r] = len(cv.page.lines)
        cv.page.lines.append("")
        cv.y += height[r]
    cv.y += 8
    row_texts: dict[int, list[tuple[int, str]]] = {r: [] for r in range(t.rows)}
    for c in t.cells:
        x0, x1 = t.x(c.col), t.x(c.col + c.colspan)
        span = range(c.row, c.row + c.rowspan)
        by_page: dict[int, list[int]] = {}
        for r in span:
            by_page.setdefault(place[r][0], []).append(r)
        for p, rows in by_page.items():
            top = place[rows[0]][1]
            bottom = place[rows[-1]][1] + height[rows[-1]]
            if c.shade:
                cv.fill(x0, top, x1, bottom, 0.85, page=p)
            for a, b, e, f in (
                (x0, top, x1, top),
                (x0, bottom, x1, bottom),
                (x0, top, x0, bottom),
                (x1, top, x1, bottom),
            ):
                cv.rule(a, b, e, f, page=p)
        row_texts[c.row].append((c.col, c.text))
        texts = lines[id(c)]
        if not texts:
            continue
        pages = sorted(by_page)
        if len(pages) == 1:  # vertically centred in the cell
            rows = by_page[pages[0]]
            top = place[rows[0]][1]
            bottom = place[rows[-1]][1] + height[rows[-1]]
            first = top + (bottom - top - len(texts) * CELL_LEAD) / 2
            spots = [(pages[0], first + i * CELL_LEAD) for i in range(len(texts))]
        else:  # cut by a page break: the text flows from the top of the cell onto the next page
            spots = []
            segments = [
                (p, place[by_page[p][0]][1] + PAD, place[by_page[p][-1]][1] + height[by_page[p][-1]] - PAD)
                for p in pages
            ]
            s = 0
            y = segments[0][1]
            for _ in texts:
                while y + CELL_LEAD > segments[s][2] and s + 1 < len(segments):
                    s += 1
                    y = segments[s][1]
                spots.append((segments[s][0], y))
                y += CELL_LEAD
        for (p, y), line in zip(spots, texts, strict=True):
            w = cv.font.text_width(line, CELL)
            x = x0 + (x1 - x0 - w) / 2 if c.number else x0 + PAD
            cv.text(x, y + (CELL_LEAD - CELL) / 2, CELL, line, page=p)
    for r in range(t.rows):
        p, _ = place[r]
        cv.pages[p].lines[line_of_row[r]] = " | ".join(text for _, text in sorted(row_texts[r]))


def is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[减增+-]?[0-9]+(?:\.[0-9]+)?", text))


def table_two(rows: list[list[str]], breaks: frozenset[str]) -> Table:
    """Four columns; a block heading spans them all, a row's last cell spans what is left."""
    cells: list[Cell] = []
    cut = set()
    for r, row in enumerate(rows):
        if row[0] in breaks:
            cut.add(r)
        while len(row) > 1 and row[-1] == "":
            row = row[:-1]
        for c, text in enumerate(row):
            span = 4 - c if c == len(row) - 1 else 1
            cells.append(Cell(r, c, text, colspan=span, number=is_number(text), shade=len(row) == 1))
    return Table([WIDTH * 0.4, WIDTH * 0.2, WIDTH * 0.2, WIDTH * 0.2], cells, len(rows), cut)


def _level(label: str) -> int:
    """Column of a row label of table 三: 一、… first, （一）… second, 1.… third."""
    if re.match(r"[一二三四五六七八九十]、", label):
        return 0
    if label.startswith("（"):
        return 1
    return 2


def table_three(rows: list[list[str]], breaks: frozenset[str]) -> Table:
    """Ten columns: three of row labels (merged down and across as the template has them), seven of numbers.

    A label spans the label columns from its own level to the next label's; the label columns a
    row leaves empty belong to the cells above, which grow down over it."""
    widths = [24.0, 54.0, 125.0]
    widths += [(WIDTH - sum(widths)) / 7] * 7
    head = rows[:3]
    cells = [
        Cell(0, 0, head[0][0], rowspan=3, colspan=3),
        Cell(0, 3, head[0][1], colspan=7),
        Cell(1, 3, head[1][0], rowspan=2),
        Cell(1, 4, head[1][1], colspan=5),
        Cell(1, 9, head[1][2], rowspan=2),
        *[Cell(2, 4 + i, text) for i, text in enumerate(head[2][:5])],
    ]
    covering: list[Cell | None] = [None, None, None]  # the label cell over each label column
    cut = set()
    for r, row in enumerate(rows[3:], 3):
        n = next(i for i, x in enumerate(row) if not x or is_number(x))
        labels, numbers = row[:n], row[n : n + 7]  # a blank value is an empty cell among the numbers
        assert labels and len(numbers) == 7 and not any(row[n + 7 :]), row
        levels = [_level(x) for x in labels]
        for k in range(levels[0]):
            above = covering[k]
            assert above is not None, row
            above.rowspan = r - above.row + 1
        for j, (label, level) in enumerate(zip(labels, levels, strict=True)):
            end = levels[j + 1] if j + 1 < len(levels) else 3
            cell = Cell(r, level, label, colspan=end - level)
            cells.append(cell)
            covering[level:end] = [cell] * (end - level)
        cells += [Cell(r, 3 + j, x, number=True) for j, x in enumerate(numbers)]
        if labels[-1] in breaks:
            cut.add(r)
    return Table(widths, cells, len(rows), cut)


def table_four(rows: list[list[str]]) -> Table:
    """Fifteen columns: 行政复议 (5) and 行政诉讼 (10) over three header rows, one row of numbers."""
    h0, h1, h2, data = rows
    cells = [Cell(0, 0, h0[0], colspan=5), Cell(0, 5, h0[1], colspan=10)]
    cells += [Cell(1, i, h1[i], rowspan=2) for i in range(5)]
    cells += [Cell(1, 5, h1[5], colspan=5), Cell(1, 10, h1[6], colspan=5)]
    cells += [Cell(2, 5 + i, text) for i, text in enumerate(h2[:10])]
    cells += [Cell(3, i, text, number=True) for i, text in enumerate(data)]
    return Table([WIDTH / 15] * 15, cells, 4)


# --- a report -----------------------------------------------------------------------------------------


def split_row(line: str) -> list[str]:
    parts = [p.strip() for p in line.split("|")]
    if parts and parts[-1] == "":
        parts = parts[:-1]
    return parts


def draw_report(cv: Canvas, text: str, *, breaks: frozenset[str] = frozenset()) -> None:
    """Title, paragraphs, headings and tables of a report in pipe layout; a table row whose label
    is in ``breaks`` starts a new page."""
    lines = text.splitlines()
    i = 0
    section = ""
    title_done = 0
    tail = False
    while i < len(lines):
        line = lines[i]
        if "|" in line:
            rows = []
            while i < len(lines) and "|" in lines[i]:
                rows.append(split_row(lines[i]))
                i += 1
            if section == "二":
                draw_table(cv, table_two(rows, breaks))
            elif section == "三":
                draw_table(cv, table_three(rows, breaks))
            else:
                draw_table(cv, table_four(rows))
            continue
        m = re.match(r"([一二三四五六])、", line)
        if title_done < 2:
            centred(cv, line, TITLE, 40, bold=True)
            title_done += 1
            if title_done == 2:
                cv.y += 16
        elif m and len(line) < 30:
            section = m.group(1)
            heading(cv, line)
        elif section == "六" and (tail or (len(line) < 20 and line.endswith(("局", "日")))):
            tail = True
            right(cv, line)
        else:
            paragraph(cv, line)
        i += 1


def footers(cv: Canvas, form: Sequence[str] = ("- {n} -",)) -> None:
    """A page number at the bottom of every page, centred; ``form`` cycles over the pages."""
    for n, page in enumerate(cv.pages, 1):
        text = form[(n - 1) % len(form)].format(n=n, total=len(cv.pages))
        x = LEFT + (WIDTH - cv.font.text_width(text, 14)) / 2
        cv.text(x, PAGE_H - FOOTER_Y - 14, 14, text, page=n - 1)
        page.lines.append(text)


def render(cv: Canvas) -> tuple[bytes, list[list[Any]]]:
    """The PDF file and its manifest: ``[page, line on the page, text as drawn]`` for every line."""
    data = Writer().finish([("\n".join(p.ops) + "\n").encode("latin-1") for p in cv.pages], cv.font)
    manifest: list[list[Any]] = [
        [p, n, line] for p, page in enumerate(cv.pages, 1) for n, line in enumerate(page.lines, 1)
    ]
    return data, manifest


def write(name: str, cv: Canvas) -> None:
    data, manifest = render(cv)
    (OUT / f"{name}.pdf").write_bytes(data)
    text = "[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in manifest) + "\n]\n"
    (OUT / f"{name}.lines.json").write_text(text, encoding="utf-8")
    print(f"{name}.pdf: {len(data):,} bytes, {len(cv.pages)} pages")


def report_pdf(
    text: str, *, font: str = "identity", rules: str = "lines", bold: str = "double", breaks: Iterable[str] = ()
) -> Canvas:
    """A report in pipe layout drawn on pages, footers included (``font``: "identity" or "ucs2")."""
    cv = Canvas(Font(font), bold=bold, rules=rules)
    draw_report(cv, text, breaks=frozenset(breaks))
    footers(cv)
    return cv


def kangxi(text: str) -> str:
    return "".join(KANGXI.get(c, c) for c in text)


# --- the fixtures -------------------------------------------------------------------------------------

# The V2019 fixture carries one wrong total and one blank cell, so that diagnostics fall on cells
# whose places are known, and a blank cell shows what the separator of cells keeps.
V2019_CHANGES = (
    ("一、本年新收政府信息公开申请数量 | 304 | 24 | 0 | 7 | 0 | 0 | 335 |", "335 |", "345 |"),
    ("二、上年结转政府信息公开申请数量 | 0 | 2 | 0 | 0 | 0 | 0 | 2 |", "| 2 | 0 |", "| 2 |  |"),
)


def v2019_text() -> str:
    """The conforming V2019 report with `V2019_CHANGES` made (the text version of the fixture)."""
    text = (CONFORMING / "v2019_pipe.txt").read_text(encoding="utf-8")
    for row, old, new in V2019_CHANGES:
        assert text.count(row) == 1 and row.count(old) == 1
        text = text.replace(row, row.replace(old, new))
    return text


# Forced page breaks. V2021: inside the group （四）无法提供, whose label is cut in two by the break.
# V2019: inside table 二 between two one-row labels (规章 | 规范性文件: not one cut label), and
# inside the group （三）不予公开, whose label stays whole above the break.
BREAKS_2021 = ("2.没有现成信息需要另行制作",)
BREAKS_2019 = ("规范性文件", "5.属于三类内部事务信息")


def reports() -> None:
    v2021 = (CONFORMING / "v2021_pipe.txt").read_text(encoding="utf-8")
    write("v2021", report_pdf(v2021, breaks=BREAKS_2021))
    write("v2019", report_pdf(v2019_text(), font="ucs2", rules="rects", bold="none", breaks=BREAKS_2019))
    # Kangxi radicals where the ToUnicode CMap names them: the CIDs drawn are those of the
    # ideographs, what readers extract (and the manifest lists) has the radicals.
    cv = Canvas(Font("identity", to_unicode=KANGXI))
    draw_report(cv, v2021, breaks=frozenset(BREAKS_2021))
    footers(cv)
    for page in cv.pages:
        page.lines = [kangxi(line) for line in page.lines]
    write("v2021_kangxi", cv)


def furniture() -> None:
    """Three short pages whose page numbers take three other forms, and a running header."""
    cv = Canvas(Font("identity"))
    for n in range(3):
        if n:
            cv.new_page()
        cv.text(LEFT, 40, 10.5, "淮安市人民政府办公室")
        cv.page.lines.append("淮安市人民政府办公室")
        paragraph(cv, f"第{n + 1}页的正文。" + "政府信息公开工作稳步推进，公开内容不断丰富。" * 3)
    footers(cv, ("第 {n} 页", "{n}/{total}", "第 {n} 页 共 {total} 页"))
    write("furniture", cv)


def image_only() -> None:
    """One page with a scanned-looking image and no text at all."""
    w = Writer()
    side = 64
    pixels = bytes((x * 7 + y * 3) % 256 for y in range(side) for x in range(side))
    img = w.add_stream(
        pixels,
        f"/Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace /DeviceGray /BitsPerComponent 8 ",
    )
    content = f"q 400 0 0 400 {LEFT:.2f} 300 cm /Im1 Do Q\n".encode()
    data = w.finish([content], None, {"Im1": img})
    (OUT / "image_only.pdf").write_bytes(data)
    print(f"image_only.pdf: {len(data):,} bytes")


def encrypted() -> None:
    """The furniture fixture encrypted (AES-128): with a user password, and with an owner password only.

    pypdf draws random keys, so a new file differs from the last in every byte: an existing file
    that already decrypts to the furniture fixture's text is left as it is."""
    from pypdf import PdfReader, PdfWriter

    want = [page.extract_text() for page in PdfReader(OUT / "furniture.pdf").pages]
    for name, user in (("encrypted_password", "secret"), ("encrypted_owner_only", "")):
        path = OUT / f"{name}.pdf"
        if path.exists():
            old = PdfReader(path)
            if old.is_encrypted and old.decrypt(user) and [page.extract_text() for page in old.pages] == want:
                print(f"{name}.pdf: kept")
                continue
        reader = PdfReader(OUT / "furniture.pdf")
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        writer.encrypt(user_password=user, owner_password="owner", algorithm="AES-128")
        buf = io.BytesIO()
        writer.write(buf)
        (OUT / f"{name}.pdf").write_bytes(buf.getvalue())
        print(f"{name}.pdf: {len(buf.getvalue()):,} bytes")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    reports()
    furniture()
    image_only()
    encrypted()


if __name__ == "__main__":
    main()
