"""The pages of a PDF, opened and interpreted within budgets: what a page will inflate is bounded before pdfminer
inflates it, and what it draws is counted while pdfminer interprets it.

Contract: `_pages` returns the document's pages (pdfplumber's) once their number is within ``Options.max_pages``
(the page tree walked no further) and the streams they use inflate within ``Options.max_unpacked`` together and
the content limit given for those parsed token by token, else raises `InputError`. `_lay_out` interprets one page
with pdfminer's interpreter and pdfplumber's device subclassed to count into a `_Drawn` (tokens, characters per
page and per document, form XObjects drawn and nested, time: `_DrawLimits`), raising `_Overdrawn` past any of
them and leaving out paths and images past the page's limit; the layout is handed to pdfplumber's page.
"""

from __future__ import annotations

import functools
import itertools
import time
import zlib
from dataclasses import dataclass, field
from typing import Any

from ..base import MB, InputError, Options


def _pages(pdf: Any, path: str, options: Options, content_limit: int) -> list[Any]:
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
    budget = _Budget(options.max_unpacked, content_limit)
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
    parses token by token (pages, forms, character maps) within ``content_limit`` (time: up to 2.5 s
    per MB)."""

    def __init__(self, limit: int, content_limit: int) -> None:
        self.limits = {"all": limit, "content": content_limit}
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


@dataclass(frozen=True)
class _DrawLimits:
    """What the pages of one document may draw: the package's constants as they stand when a reading starts."""

    seconds: float
    tokens: int
    chars: int
    page_chars: int
    page_shapes: int
    forms: int
    form_depth: int


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
    limits: _DrawLimits
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
            en = f"took longer than {self.limits.seconds:g} s to read"
            raise _Overdrawn("", en, f"读取超时（PDF {en}）")

    def token(self) -> None:
        self.tokens += 1
        most = self.limits.tokens
        if self.tokens > most:
            raise _Overdrawn(f"页面内容超过 {most:,} 个记号", f"content runs past {most:,} tokens")
        if not self.tokens & 0x3FF:
            self.time()

    def char(self) -> None:
        self.chars += 1
        self.page_chars += 1
        page_most, most = self.limits.page_chars, self.limits.chars
        if self.page_chars > page_most or self.chars > most:
            where, limit = ("一页", page_most) if self.page_chars > page_most else ("", most)
            raise _Overdrawn(f"{where}绘制超过 {limit:,} 个字符", f"draws over {limit:,} characters{_on(where)}")
        if not self.chars & 0x3FF:
            self.time()

    def shape(self) -> bool:
        """Whether a path or image is kept: beyond ``limits.page_shapes`` on a page (a chart, a map) the
        rest are not recorded; such a page has too many rules to look for tables anyway."""
        self.page_shapes += 1
        return self.page_shapes <= self.limits.page_shapes

    def enter_form(self) -> None:
        self.forms += 1
        self.depth += 1
        deepest, most = self.limits.form_depth, self.limits.forms
        if self.depth > deepest:
            zh, en = f"表单对象嵌套超过 {deepest} 层", f"nests form XObjects over {deepest} deep"
            raise _Overdrawn(zh, en)
        if self.forms > most:
            raise _Overdrawn(f"绘制表单对象超过 {most:,} 次", f"draws form XObjects over {most:,} times")
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
