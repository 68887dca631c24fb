"""PDF documents: the text layer, rebuilt line by line from where each character is drawn.

Method. pdfplumber (on pdfminer.six) gives every character with its position, font size and
matrix, and every ruling line and rectangle; no layout analysis of pdfminer's own is used. Per page:

1. Characters drawn twice at almost the same place (the "fake bold" of fonts without a bold face)
   are drawn once (``dedupe_chars``).
2. Tables are found from their ruling lines (pdfplumber's ``lines`` strategy). Rectangles filled in
   white are not rules (producers put them behind paragraphs), and a "table" of a single column is a
   boxed paragraph, read as text. Each character goes to the cell that holds its centre; a cell's
   text lines are joined without a break (a label wrapped inside a cell is one label again, a number
   centred in a tall row is in its row). A table row is one line, its cells joined by `` | ``; cells
   covered by a merged cell are left out, an empty cell stays an empty cell.
3. Characters outside tables make lines by their baseline, left to right. A space is put where the
   gap between two characters is wide: more than 0.4 em, so that the narrow gap Word leaves between
   Chinese and digits (0.2–0.3 em, measured on the huaian report) gives ``2024年`` as the text
   versions have it; more than 0.6 em between two Chinese characters, which justified text spreads
   a little (no space there is noise). Spaces drawn in the PDF are kept, runs of them made one.
4. Lines and rows are ordered top to bottom.

Across pages: a table that goes on at the top of the next page (nothing but a page number above it)
with the same left and right edges is the same table, and its rows simply follow. A label cut by
the page break is joined again in the cell where it starts (``（四）无`` at the foot of one page,
``法提供`` at the top of the next): in a label column, when the text at the top does not start an
item of its own and one of the two parts is merged over several rows, as a group label is. Two
one-row labels (``规章`` | ``行政规范性文件``) stay apart.

Page furniture (``- 3 -``, ``第 3 页``, ``3/12``, running heads) is kept, each on its own line where
it is drawn: nothing is dropped, and the parser sets ``- n -`` aside as page chrome (X101).

Places: every line of the text has ``第P页第L行`` — P the page in the file (not its printed
number), L the line on that page as extracted (a table row is one line, however many lines its
cells take).

Limits. Only the text layer is read: scanned pages have none (an error when no page has any; a
page without text among others gives no line). Tables without ruling lines (or with horizontal
rules only) are read as lines of text by baseline, which interleaves the lines of wrapped cells:
bench/pdf_accuracy.py measures some 35% of cells on such tables (pypdf, which keeps the content
stream's order, reads them whole). A cut label whose two parts are each one row is not joined.
Vertical text, multi-column pages and text boxes are read in top-to-bottom order of their lines.
Permissions set by an owner password (no copying) are not enforced: the text of a published report
is read as any reader shows it.

Safety. Never the network. Any bytes give a `Source` or an `InputError`: pdfminer raises many
kinds of exceptions on broken files, all turned into `InputError`. Encrypted files are tried with
the empty password (owner-password-only files open). ``Options.max_pages`` bounds the pages, and the
page tree is walked no further than that. Three layers keep a hostile file within bounds:

1. Before any page is read, the streams the pages use (contents, forms, fonts and their character
   maps; not images, which are not decoded) are inflated by a bounded decompressor: all together
   within ``Options.max_unpacked``, the ones parsed token by token within `MAX_CONTENT`.
2. While pdfminer interprets a page, what it *draws* is counted (`_Drawn`), not what the file holds:
   a form drawn ten times costs ten times. Content tokens (`MAX_TOKENS`), characters per page and per
   document (`MAX_PAGE_CHARS`, `MAX_CHARS`), form XObjects drawn and their nesting (`MAX_FORMS`,
   `MAX_FORM_DEPTH`), and the time (`TIME_LIMIT`, checked every thousand tokens or characters):
   beyond any of them the file is refused with a message that names the limit. Paths and images
   beyond `MAX_PAGE_SHAPES` on a page are left out (a chart, a map; its text is still read).
   The counting device and interpreter subclass pdfminer's and pdfplumber's; the page's layout is
   handed to pdfplumber, whose ``Page.layout`` returns it.
3. pdfminer parses the file's own objects (the page tree, object streams, fonts, filter chains)
   without a budget, so the whole reading runs in a child process (`nianbao.inputs.isolate`) with
   at most `MAX_MEMORY` more memory than the parent and a hard time limit.

Table detection is skipped on a page with more than `MAX_EDGES` ruling segments (charts, maps): its
text is read as lines. pdfminer's warnings about broken files go to logging, not to stderr.
"""

from __future__ import annotations

import bisect
import functools
import io
import itertools
import logging
import operator
import re
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..source import Origin, Place, Source
from . import isolate
from .base import MB, InputError, Options, check_text

CELL_SEPARATOR = " | "
TIME_LIMIT = 15.0  # seconds for one document, checked as it is interpreted
MAX_CONTENT = 8 * MB  # content streams (pages, forms, character maps) inflated, together: a 6-page report has 150 kB
# What the pages may draw (see _Drawn). A report's page draws 1,000-3,000 characters and a few hundred
# rules; a 6-page report's content streams are some 40,000 tokens. pdfminer takes 5-8 µs a token,
# reading takes some 30 µs a character in all, and pdfplumber 2 kB of memory a character until the
# page is read. At the budgets: 5-13 s of tokens (by their kind), or 10 s of characters.
MAX_TOKENS = 1_000_000  # content-stream tokens interpreted, forms counted each time they are drawn
MAX_CHARS = 300_000  # characters drawn by the whole document (a 100-page report draws 70,000) ...
MAX_PAGE_CHARS = 50_000  # ... and by one page
MAX_PAGE_SHAPES = 20_000  # paths and images recorded on one page (the rest are left out)
MAX_FORMS = 5_000  # form and image XObjects drawn
MAX_FORM_DEPTH = 12  # forms drawn inside forms
# Memory the reading may take beyond the process's own (a child process's hard limit): pdfminer's
# parsing of a file's objects has no budget of its own. Reading the 6-page huaian report takes 40 MB.
MAX_MEMORY = 400 * MB
MAX_EDGES = 4000  # ruling segments on a page beyond which no tables are looked for
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

# pdfminer logs a warning for every oddity of a broken file; without a handler of the application's
# own those would reach stderr through logging's last resort (hundreds of lines for one file).
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_MISSING = (
    '读取 PDF 需要安装可选依赖：pip install "nianbao[pdf]"'
    '（reading PDF needs the pdf extra: pip install "nianbao[pdf]"）'
)


def extract(data: bytes, path: str, options: Options) -> Source:
    """The report in a PDF file: its text layer as lines, each with its page and line; read in a
    child process under `MAX_MEMORY` and a hard time limit (`nianbao.inputs.isolate`)."""
    return isolate.run(lambda: read(data, path, options), path, memory=MAX_MEMORY, seconds=TIME_LIMIT + 5)


def read(data: bytes, path: str, options: Options, *, separator: str = CELL_SEPARATOR) -> Source:
    """`extract`, with the separator of table cells as a parameter (the benchmark compares them)."""
    try:
        import pdfplumber
    except ImportError:
        raise InputError(path, _MISSING) from None
    drawn = _Drawn(time.monotonic() + TIME_LIMIT)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = _pages(pdf, path, options)
        lines: list[_Line] = []
        table_ids = itertools.count()
        for number, page in enumerate(pages, 1):
            drawn.next_page()
            _lay_out(page, drawn)
            drawn.time()
            lines += _page_lines(page, number, table_ids)
            page.close()  # frees the page's layout and cached objects
    except _Overdrawn as exc:
        raise InputError(path, exc.message) from None
    except (InputError, MemoryError):
        raise  # out of memory: `isolate.run` says how much was allowed
    except RecursionError:
        raise InputError(path, "PDF 结构嵌套过深，无法读取（PDF nested too deeply）") from None
    except Exception as exc:  # pdfminer raises anything from KeyError to struct.error on broken files
        raise InputError(path, _reason(exc)) from None
    if not any(line.has_text() for line in lines):
        raise InputError(
            path, "PDF 没有文字层（可能是扫描件，需要先做文字识别 OCR）（no text layer: scanned images? OCR needed）"
        )
    _join_continued_tables(lines)
    return _source(path, lines, separator, options)


# --- opening -----------------------------------------------------------------------------------------


def _reason(exc: BaseException) -> str:
    names = {type(e).__name__ for e in _chain(exc)}
    if "PDFPasswordIncorrect" in names:
        return "PDF 已加密，需要密码（encrypted PDF: a password is needed）"
    if "PDFEncryptionError" in names or "PDFEncryptionWarning" in names:
        return "PDF 的加密方式不受支持（unsupported PDF encryption）"
    detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
    return f"PDF 文件损坏或无法解析（corrupt or unreadable PDF: {detail}）"


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        yield e
        e = e.__cause__ or e.__context__


def _pages(pdf: Any, path: str, options: Options) -> list[Any]:
    """The pages, once their number and the size of their streams are known to be within limits.
    The page tree is walked only as far as the limit: a tree that lies about its count stops there."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    limit = options.max_pages
    declared = _declared_count(pdf.doc)
    if declared is not None and declared > limit:
        raise InputError(path, f"PDF 共 {declared} 页，超过 {limit} 页上限（more than {limit} pages）")
    pages: list[Any] = []
    top = 0.0
    for number, obj in enumerate(itertools.islice(PDFPage.create_pages(pdf.doc), limit + 1), 1):
        if number > limit:
            raise InputError(path, f"PDF 超过 {limit} 页上限（more than {limit} pages）")
        page = Page(pdf, obj, page_number=number, initial_doctop=top)
        top += page.height
        pages.append(page)
    budget = _Budget(options.max_unpacked)
    for page in pages:
        budget.check(page.page_obj, path)
    return pages


def _declared_count(doc: Any) -> int | None:
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(doc.catalog["Pages"])["Count"])
    except Exception:  # a broken page tree: pdfplumber's own walk decides
        return None
    return count if isinstance(count, int) else None


class _Budget:
    """Inflates every compressed stream a page's reading will decode, with a bounded decompressor,
    so that a file whose streams would inflate past the limits is refused before pdfminer inflates
    them: all streams together within ``Options.max_unpacked`` (memory), and the streams pdfminer
    parses token by token (pages, forms, character maps) within `MAX_CONTENT` (time: up to 2.5 s
    per MB)."""

    def __init__(self, limit: int) -> None:
        self.limits = {"all": limit, "content": MAX_CONTENT}
        self.used = {"all": 0, "content": 0}
        self.seen: set[int] = set()

    def check(self, page: Any, path: str) -> None:
        from pdfminer.pdftypes import PDFStream, resolve1

        todo: list[tuple[Any, int, bool]] = [(c, 0, True) for c in page.contents] + [(page.resources, 0, False)]
        while todo:
            obj, depth, content = todo.pop()
            try:
                obj = resolve1(obj)
            except Exception:  # a broken reference: pdfminer will meet it, or never need it
                continue
            if id(obj) in self.seen or depth > 12:
                continue
            self.seen.add(id(obj))
            if isinstance(obj, PDFStream):
                subtype = getattr(obj.attrs.get("Subtype"), "name", None)
                if subtype == "Image":
                    continue  # image data is not decoded to read text
                kinds = ("content", "all") if content or subtype == "Form" else ("all",)
                size = _inflated_size(obj, min(self.limits[k] - self.used[k] for k in kinds) + 1)
                for kind in kinds:
                    self._spend(kind, size, path)
                todo += [(v, depth + 1, False) for v in obj.attrs.values()]
            elif isinstance(obj, dict):  # character maps are parsed as content streams are
                todo += [(v, depth + 1, k in _PARSED) for k, v in obj.items() if k not in ("Parent", "P")]
            elif isinstance(obj, list):
                todo += [(v, depth + 1, content) for v in obj]

    def _spend(self, kind: str, size: int, path: str) -> None:
        self.used[kind] += size
        if self.used[kind] > self.limits[kind]:
            mb = self.limits[kind] // MB
            zh, en = ("页面内容", "page content streams") if kind == "content" else ("数据", "streams")
            raise InputError(path, f"PDF {zh}解压后超过 {mb} MB 上限（PDF {en} inflate past {mb} MB）")


_PARSED = ("ToUnicode", "Encoding")  # keys of a font whose streams pdfminer parses token by token


def _inflated_size(stream: Any, limit: int) -> int:
    """Bytes ``stream`` decodes to (up to ``limit``): only Flate can multiply its size many times."""
    if stream.data is not None:
        return len(stream.data)
    raw = stream.rawdata or b""
    try:
        filters = stream.get_filters()
    except Exception:
        return len(raw)
    if not filters or getattr(filters[0][0], "name", None) not in ("FlateDecode", "Fl"):
        return len(raw)
    if stream.decipher is not None:
        raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
    inflater = zlib.decompressobj()
    total = 0
    chunk = raw
    try:
        while chunk and total <= limit and not inflater.eof:
            out = inflater.decompress(chunk, 1 << 20)
            if not out and len(inflater.unconsumed_tail) == len(chunk):
                break  # no progress (found by the fuzzer: this loop never ended)
            total += len(out)
            chunk = inflater.unconsumed_tail
    except zlib.error:  # pdfminer recovers what it can from a broken stream; so much is at most this
        pass
    return total


# --- what the pages draw -------------------------------------------------------------------------


class _Overdrawn(Exception):
    """The pages draw more than a report ever does: counted while pdfminer interprets them."""

    def __init__(self, zh: str, en: str, message: str | None = None) -> None:
        super().__init__(en)
        self.message = message or f"PDF {zh}，拒绝读取（PDF {en}: refused）"


@dataclass
class _Drawn:
    """What the pages of one document draw, counted as pdfminer interprets them: the budget is
    spent on what is *drawn* (a form drawn ten times costs ten times), not on what the file holds."""

    deadline: float
    tokens: int = 0  # of content streams parsed, each form again each time it is drawn
    chars: int = 0
    page_chars: int = 0
    page_shapes: int = 0  # paths and images
    forms: int = 0
    depth: int = 0  # forms inside forms
    active: set[int] = field(default_factory=set)  # the streams being interpreted (a form that draws itself)

    def next_page(self) -> None:
        self.page_chars = self.page_shapes = 0
        self.time()

    def time(self) -> None:
        if time.monotonic() > self.deadline:
            en = f"took longer than {TIME_LIMIT:g} s to read"
            raise _Overdrawn("", en, f"读取超时（PDF {en}）")

    def token(self) -> None:
        self.tokens += 1
        if self.tokens > MAX_TOKENS:
            raise _Overdrawn(f"页面内容超过 {MAX_TOKENS:,} 个记号", f"content runs past {MAX_TOKENS:,} tokens")
        if not self.tokens & 0x3FF:
            self.time()

    def char(self) -> None:
        self.chars += 1
        self.page_chars += 1
        if self.page_chars > MAX_PAGE_CHARS or self.chars > MAX_CHARS:
            where, limit = ("一页", MAX_PAGE_CHARS) if self.page_chars > MAX_PAGE_CHARS else ("", MAX_CHARS)
            raise _Overdrawn(f"{where}绘制超过 {limit:,} 个字符", f"draws over {limit:,} characters{_on(where)}")
        if not self.chars & 0x3FF:
            self.time()

    def shape(self) -> bool:
        """Whether a path or image is kept: beyond `MAX_PAGE_SHAPES` on a page (a chart, a map) the
        rest are not recorded; such a page has too many rules to look for tables anyway."""
        self.page_shapes += 1
        return self.page_shapes <= MAX_PAGE_SHAPES

    def enter_form(self) -> None:
        self.forms += 1
        self.depth += 1
        if self.depth > MAX_FORM_DEPTH:
            zh, en = f"表单对象嵌套超过 {MAX_FORM_DEPTH} 层", f"nests form XObjects over {MAX_FORM_DEPTH} deep"
            raise _Overdrawn(zh, en)
        if self.forms > MAX_FORMS:
            raise _Overdrawn(f"绘制表单对象超过 {MAX_FORMS:,} 次", f"draws form XObjects over {MAX_FORMS:,} times")
        self.time()


def _on(where: str) -> str:
    return " on one page" if where else ""


@functools.cache
def _machinery() -> tuple[type, type]:
    """pdfminer's page interpreter and pdfplumber's device, counting what they draw (built once, on
    first use: pdfplumber is an optional dependency)."""
    from pdfminer.pdfinterp import PDFContentParser, PDFPageInterpreter
    from pdfminer.pdftypes import stream_value
    from pdfminer.psexceptions import PSEOF
    from pdfminer.psparser import PSKeyword, keyword_name
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Parser(PDFContentParser):  # type: ignore[misc]
        def __init__(self, streams: list[Any], drawn: _Drawn) -> None:
            self.drawn = drawn
            super().__init__(streams)

        def nexttoken(self) -> Any:
            token = super().nexttoken()
            self.drawn.token()
            return token

    class Device(PDFPageAggregatorWithMarkedContent):  # type: ignore[misc]
        drawn: _Drawn

        def render_char(self, *args: Any, **kwargs: Any) -> Any:
            self.drawn.char()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args: Any, **kwargs: Any) -> None:  # called again for each subpath
            if self.drawn.shape():
                super().paint_path(*args, **kwargs)

        def render_image(self, *args: Any, **kwargs: Any) -> None:
            if self.drawn.shape():
                super().render_image(*args, **kwargs)

    class Interpreter(PDFPageInterpreter):  # type: ignore[misc]
        device: Device

        def do_Do(self, xobjid_arg: Any) -> None:
            drawn = self.device.drawn
            drawn.enter_form()  # an image costs as much as a form here: both are counted, drawn or not
            try:
                super().do_Do(xobjid_arg)
            finally:
                drawn.depth -= 1

        def execute(self, streams: Any) -> None:
            # pdfminer's loop (PDFPageInterpreter.execute), with a parser that counts its tokens and
            # a form that draws itself (directly or through others) skipped, as pdfminer does.
            drawn = self.device.drawn
            valid = [s for s in map(stream_value, streams) if s.objid is not None and s.objid not in drawn.active]
            ids = {s.objid for s in valid} - drawn.active
            drawn.active |= ids
            try:
                try:
                    parser = Parser(valid, drawn)
                except PSEOF:
                    return
                while True:
                    try:
                        _, obj = parser.nextobject()
                    except PSEOF:
                        break
                    if not isinstance(obj, PSKeyword):
                        self.push(obj)
                        continue
                    name = keyword_name(obj).replace("*", "_a").replace('"', "_w").replace("'", "_q")
                    func = getattr(self, f"do_{name}", None)
                    if func is None:
                        continue  # an unknown operator: pdfminer ignores it too (outside strict mode)
                    nargs = func.__code__.co_argcount - 1
                    if nargs:
                        args = self.pop(nargs)
                        if len(args) == nargs:
                            func(*args)
                    else:
                        func()
            finally:
                drawn.active -= ids

    return Interpreter, Device


def _lay_out(page: Any, drawn: _Drawn) -> None:
    """Interpret the page with the counting machinery and give pdfplumber the result: ``Page.layout``
    returns ``_layout`` when it is set, so every later use of the page (chars, edges, tables) reads it."""
    interpreter_type, device_type = _machinery()
    device = device_type(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    device.drawn = drawn
    interpreter_type(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()


# --- a page --------------------------------------------------------------------------------------------


@dataclass
class _Cell:
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
    cells: list[_Cell] | None = None
    table: int = -1  # which table of the document a row belongs to
    part: list[_Cell] | None = None  # all cells of that table on this page (shared by its rows)
    line: int = 0  # on its page, 1-based

    def has_text(self) -> bool:
        return bool(self.text.strip()) or any(c.text for c in self.cells or ())


def _page_lines(page: Any, number: int, table_ids: Iterator[int]) -> list[_Line]:
    page = _dedupe_chars(page)
    chars = [c for c in page.chars if c.get("text")]
    tables = _tables(page)
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
        part: list[_Cell] = []
        for row in g.table.rows:
            cells = []
            for bbox in row.cells:
                if bbox is None:
                    continue  # covered by a merged cell, whose text is in the row where it starts
                x0, top, x1, bottom = bbox
                rows = 1 + sum(1 for y in g.row_tops if top + 0.01 < y < bottom - 0.01)
                cells.append(_Cell(x0, top, x1, bottom, _cell_text(in_cells.get(bbox, [])), rows))
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


def _tables(page: Any) -> list[Any]:
    if len(page.edges) > MAX_EDGES:
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


def _carry_cut_labels(before: list[_Cell], first: list[_Cell]) -> None:
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


def _row_text(cells: list[_Cell], separator: str) -> str:
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


__all__ = ["CELL_SEPARATOR", "extract", "read"]
