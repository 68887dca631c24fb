"""Structure-aware generators: the fuzzer's bytes are a recipe, read by `Draw`, for a PDF, a zip
(Word package) or an HTML page that is well-formed enough to reach deep into its reader, and hostile
where readers trust what a file declares.

* PDF: pages and form XObjects drawing each other (nesting, fan-out, cycles), text operators with
  long strings and TJ arrays, paths, inline images, q/Q and cm, marked content, chunks repeated up
  to thousands of times; standard and Type 0 fonts with generated ``/ToUnicode`` maps; Flate, hex
  and chained filters, wrong ``/Length``, lying page counts, a lost cross-reference table.
* zip: the members of a Word package with any compression method, sizes that lie in either
  direction, encryption and data-descriptor flags, duplicate and directory entries, a zip inside a
  member; the document drawn from paragraphs, runs, tables with merges, content controls, list
  numbering, pictures, DTDs.
* HTML: elements from the report's vocabulary (tables with row and column spans, pictures, hidden
  and styled elements, frames, scripts, comments, entities, unclosed and mis-nested tags, deep
  nesting) and style sheets (classes, ids, ``@media``, broken rules); declared and real encodings.

`Draw` reads choices from an ``atheris.FuzzedDataProvider`` (bench/fuzz/fuzz_structured.py) or from
a ``random.Random`` (the smoke test in tests/test_hostile.py), so the same generators serve both.
"""

from __future__ import annotations

import random
import sys
import zlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/: hostile.py

import hostile

ROOT = Path(__file__).resolve().parent.parent.parent
T = TypeVar("T")
MAX_REPEAT = 4_000_000  # characters or bytes repeated in one input, together
MAX_NODES = 3_000  # elements, blocks or operators made for one input


class Source(Protocol):
    def ConsumeIntInRange(self, lo: int, hi: int) -> int: ...
    def ConsumeBytes(self, n: int) -> bytes: ...


class _RandomSource:
    """``random.Random`` with the two methods of atheris's FuzzedDataProvider that `Draw` uses."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def ConsumeIntInRange(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def ConsumeBytes(self, n: int) -> bytes:
        return self.rng.randbytes(n)


class Draw:
    """Choices, from a fuzzer's bytes or a seeded random generator."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.left = MAX_REPEAT
        self.nodes = MAX_NODES

    def more(self) -> bool:
        """Whether another element may be made: trees branch, and their size must stay bounded."""
        self.nodes -= 1
        return self.nodes > 0

    @classmethod
    def seeded(cls, seed: int) -> Draw:
        return cls(_RandomSource(seed))

    def int(self, lo: int, hi: int) -> int:
        return self.source.ConsumeIntInRange(lo, hi)

    def bool(self, p_true: int = 50) -> bool:
        return self.int(0, 99) < p_true

    def pick(self, items: Sequence[T]) -> T:
        return items[self.int(0, len(items) - 1)]

    def bytes(self, hi: int) -> bytes:
        return self.source.ConsumeBytes(self.int(0, hi))

    def size(self) -> int:
        """A count, mostly small, sometimes large: repeats and lengths that stress a reader."""
        return self.pick((0, 1, 2, 3, 5, 10, 100, 1000, 10_000, 100_000, self.int(0, 300)))

    def repeat(self, chunk: T) -> T:
        """``chunk`` repeated `size` times, all repeats of one input together within `MAX_REPEAT`
        characters or bytes (repeats inside repeats would otherwise multiply past any memory)."""
        n = min(self.size(), self.left // max(len(chunk), 1))  # type: ignore[arg-type]
        self.left -= n * len(chunk)  # type: ignore[arg-type]
        return chunk * n  # type: ignore[operator, no-any-return]


def _vocabulary() -> list[str]:
    lines: list[str] = []
    for name in ("v2021_pipe.txt", "v2019_pipe.txt"):
        path = ROOT / "corpus" / "conforming" / name
        if path.exists():
            lines += [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    return lines or ["一、总体情况", "二、主动公开政府信息情况", "行政许可 | 552 |"]


VOCABULARY = _vocabulary()


def phrase(d: Draw) -> str:
    """A line of a report, or a piece of one, sometimes with noise."""
    line = d.pick(VOCABULARY)
    if d.bool(30):
        a, b = sorted((d.int(0, len(line)), d.int(0, len(line))))
        line = line[a:b]
    if d.bool(10):
        line += d.pick(("\u3000", "\r", "\t", "|", "&amp;", "\ufeff", "\x00", "<", "]]>", "\\"))
    return line


# --------------------------------------------------------------------------------------- PDF


def _pdf_string(d: Draw, text: bytes) -> bytes:
    if d.bool(20):
        return b"<" + text.hex().encode() + b">"
    return b"(" + text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _pdf_text(d: Draw) -> bytes:
    raw = phrase(d).encode(d.pick(("latin-1", "utf-16-be", "gb18030")), "replace")
    if d.bool(10):
        raw = d.repeat(raw) or raw
    return raw


def _op(d: Draw, forms: int) -> bytes:
    kind = d.int(0, 11) if d.more() else 2
    if kind == 0:
        return b"BT /F%d %d Tf %d %d Td %s Tj ET\n" % (
            d.int(1, 2),
            d.int(0, 40),
            d.int(-50, 600),
            d.int(-50, 850),
            _pdf_string(d, _pdf_text(d)),
        )
    if kind == 1:
        parts = b" ".join(_pdf_string(d, _pdf_text(d)) + b" %d" % d.int(-2000, 2000) for _ in range(d.int(0, 8)))
        return b"BT /F1 12 Tf 72 %d Td [%s] TJ ET\n" % (d.int(0, 800), parts)
    if kind == 2:
        return b"%d %d m %d %d l S\n" % tuple(d.int(0, 600) for _ in range(4))
    if kind == 3:
        return b"%d %d %d %d re %s\n" % (*(d.int(0, 600) for _ in range(4)), d.pick((b"S", b"f", b"B", b"n", b"W n")))
    if kind == 4:
        return b"q %d 0 0 %d %d %d cm\n" % (d.int(-3, 3), d.int(-3, 3), d.int(0, 300), d.int(0, 300))
    if kind == 5:
        return b"Q\n"
    if kind == 6 and forms:
        return b"/X%d Do\n" % d.int(1, forms)
    if kind == 7:
        w, h = d.int(0, 8), d.int(0, 8)
        return b"BI /W %d /H %d /CS /G /BPC 8 ID\n" % (w, h) + d.bytes(64) + b"\nEI\n"
    if kind == 8:
        return b"/P <</MCID %d>> BDC %s EMC\n" % (d.int(0, 9), _op(d, forms) if d.bool(50) else b"")
    if kind == 9:
        return b"BT %d Tr %d Tc %d Tw %d Tz %d TL T* ET\n" % tuple(d.int(-5, 200) for _ in range(5))
    if kind == 10:  # a chunk repeated: what is drawn grows, the file does not
        return d.repeat(_op(d, forms))
    return d.pick((b"[", b"]", b"<<", b">>", b"1 2 3", b"/Name", b"(unclosed", b"%comment\n", b"BT", b"ET", b"Do"))


def _content(d: Draw, forms: int) -> bytes:
    return b"".join(_op(d, forms) for _ in range(d.int(0, 12)))


def _tounicode(d: Draw) -> bytes:
    entries = b"".join(
        b"<%04X> <%04X>\n" % (d.int(0, 0xFFFF), d.pick((0x4E00, 0x2F00, 0x3000, 0x41, d.int(0, 0xFFFF))))
        for _ in range(d.int(0, 20))
    )
    body = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange "
    )
    return (
        body
        + b"%d beginbfchar\n" % d.int(0, 30)
        + entries
        + b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    )


def _stream(d: Draw, content: bytes, extra: bytes = b"") -> bytes:
    how = d.int(0, 5)
    if how == 0:
        return hostile.stream(content, extra, compress=False)
    if how == 1:
        body = content.hex().encode() + b">"
        return b"<< /Length %d /Filter /ASCIIHexDecode %s >>\nstream\n" % (len(body), extra) + body + b"\nendstream"
    if how == 2:  # a chain: hex of deflate
        body = zlib.compress(content).hex().encode() + b">"
        flt = b"[/ASCIIHexDecode /FlateDecode]"
        return b"<< /Length %d /Filter %s %s >>\nstream\n" % (len(body), flt, extra) + body + b"\nendstream"
    if how == 3:  # a wrong length
        body = zlib.compress(content)
        return (
            b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (d.int(0, 2 * len(body) + 10), extra)
            + body
            + b"\nendstream"
        )
    if how == 4:  # a broken deflate stream
        body = bytearray(zlib.compress(content))
        if body:
            body[d.int(0, len(body) - 1)] ^= d.int(1, 255)
        return b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(body), extra) + bytes(body) + b"\nendstream"
    return hostile.stream(content, extra)


def pdf(d: Draw) -> bytes:
    """A PDF document drawn from ``d``."""
    pages = d.int(1, 4)
    forms = d.int(0, 6)
    first_page = 6  # 1 catalog, 2 pages, 3 font F1, 4 font F2, 5 its ToUnicode
    first_form = first_page + 2 * pages
    xobjects = b" ".join(b"/X%d %d 0 R" % (i, first_form + i - 1) for i in range(1, forms + 1))
    resources = b"<< /Font << /F1 3 0 R /F2 4 0 R >> /XObject << %s >> >>" % xobjects
    count = pages if d.bool(80) else d.pick((0, -1, 10**6, pages + 1))
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(pages)), count),
        hostile.FONT
        if d.bool(80)
        else b"<< /Type /Font /Subtype /Type1 /BaseFont /%s >>" % d.pick((b"Courier", b"Nope", b"Symbol")),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /%s /ToUnicode 5 0 R "
        b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>] >>"
        % d.pick((b"Identity-H", b"UniGB-UCS2-H", b"Nope")),
        _stream(d, _tounicode(d)),
    ]
    for _ in range(pages):
        box = b"[0 0 595 842]" if d.bool(85) else b"[%d %d %d %d]" % tuple(d.int(-1000, 1000) for _ in range(4))
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Rotate %d /Resources %s /Contents %d 0 R >>"
            % (box, d.pick((0, 90, 180, 270, 45)), resources, len(objs) + 2)
        )
        objs.append(_stream(d, _content(d, forms)))
    for _ in range(forms):
        extra = b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources " + resources
        objs.append(_stream(d, _content(d, forms), extra))
    data = hostile.serialise(objs)
    if d.bool(10):  # the cross-reference table lost: pdfminer rebuilds it by scanning
        data = data[: data.rindex(b"xref")] + b"%%EOF\n"
    return _flip(d, data)


def _flip(d: Draw, data: bytes, percent: int = 15) -> bytes:
    """A few bytes flipped, ``percent`` times in a hundred."""
    if not data or not d.bool(percent):
        return data
    out = bytearray(data)
    for _ in range(d.int(1, 4)):
        out[d.int(0, len(out) - 1)] ^= d.int(1, 255)
    return bytes(out)


# --------------------------------------------------------------------------------------- zip


def _run(d: Draw) -> str:
    text = phrase(d).replace("&", "&amp;").replace("<", "&lt;")
    props = d.pick(("", "<w:rPr><w:vanish/></w:rPr>", "<w:rPr><w:b/></w:rPr>"))
    inner = d.pick(
        (
            f"<w:t>{text}</w:t>",
            f"<w:t>{text}</w:t><w:tab/><w:t>1</w:t>",
            "<w:br/>",
            "<w:noBreakHyphen/>",
            f"<w:delText>{text}</w:delText>",
        )
    )
    return f"<w:r>{props}{inner}</w:r>"


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_NUM_FORMATS = ("decimal", "chineseCounting", "upperRoman", "lowerLetter", "bullet", "ideographTraditional", "nope")


def _paragraph(d: Draw, depth: int = 0) -> str:
    num = (
        f'<w:pPr><w:numPr><w:ilvl w:val="{d.int(0, 9)}"/><w:numId w:val="{d.int(0, 3)}"/></w:numPr></w:pPr>'
        if d.bool(30)
        else ""
    )
    runs = "".join(_run(d) for _ in range(d.int(0, 4)))
    if d.bool(10):
        runs += f'<w:r><w:drawing><wp:docPr xmlns:wp="{_WP}" id="1" name="p" descr="图"/></w:drawing></w:r>'
    if d.bool(10):
        runs = f"<w:hyperlink>{runs}</w:hyperlink>"
    return f"<w:p>{num}{runs}</w:p>"


def _cell(d: Draw, depth: int) -> str:
    props = ""
    if d.bool(30):
        props = f'<w:tcPr><w:gridSpan w:val="{d.pick((1, 2, 3, 64, 99999, -1))}"/></w:tcPr>'
    elif d.bool(20):
        merge = d.pick(("", ' w:val="restart"'))
        props = f"<w:tcPr><w:vMerge{merge}/></w:tcPr>"
    inner = "".join(_block(d, depth + 1) for _ in range(d.int(0, 2)))
    return f"<w:tc>{props}{inner or '<w:p/>'}</w:tc>"


def _block(d: Draw, depth: int = 0) -> str:
    kind = d.int(0, 5) if depth < 6 and d.more() else 0
    if kind <= 2:
        return _paragraph(d, depth)
    if kind == 3:
        rows = "".join(
            "<w:tr>" + "".join(_cell(d, depth) for _ in range(d.int(1, 8))) + "</w:tr>" for _ in range(d.int(1, 6))
        )
        return f"<w:tbl><w:tblGrid>{'<w:gridCol/>' * d.int(0, 8)}</w:tblGrid>{rows}</w:tbl>"
    if kind == 4:
        return (
            "<w:sdt><w:sdtContent>"
            + "".join(_block(d, depth + 1) for _ in range(d.int(0, 3)))
            + "</w:sdtContent></w:sdt>"
        )
    return d.repeat(_block(d, depth + 1))


def _numbering(d: Draw) -> bytes:
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{d.int(-2, 100)}"/><w:numFmt w:val="{d.pick(_NUM_FORMATS)}"/>'
        f'<w:lvlText w:val="{d.pick(("%1.", "%1、", "（%1）", "%1.%2", "%9", "", "%"))}"/></w:lvl>'
        for i in range(d.int(0, 4))
    )
    nums = "".join(f'<w:num w:numId="{i}"><w:abstractNumId w:val="{d.int(0, 2)}"/></w:num>' for i in range(d.int(0, 3)))
    head = f'<?xml version="1.0"?><w:numbering xmlns:w="{hostile.W}">'
    return f'{head}<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>{nums}</w:numbering>'.encode()


def zip_package(d: Draw) -> bytes:
    """A Word package (or something like one) drawn from ``d``."""
    body = "".join(_block(d) for _ in range(d.int(0, 10)))
    prolog = d.pick(('<!DOCTYPE x [<!ENTITY e "PWNED">]>', "<!DOCTYPE x>")) if d.bool(4) else ""
    document = hostile.document_xml(body, prolog)
    parts = {
        "word/numbering.xml": _numbering(d) if d.bool(95) else d.bytes(40),
        "word/styles.xml": hostile.styles_xml('<!DOCTYPE s [<!ENTITY e "x">]>' if d.bool(3) else ""),
    }
    members: list[hostile.Member] = []
    for name, data in (
        ("[Content_Types].xml", hostile.TYPES.encode()),
        ("_rels/.rels", hostile.RELS.encode()),
        ("word/_rels/document.xml.rels", hostile.DOC_RELS.encode()),
        ("word/document.xml", document),
        *parts.items(),
    ):
        if d.bool(3):
            continue  # a part missing
        members.append(_member(d, name, data))
    for _ in range(d.int(0, 3)):
        name = d.pick(
            ("word/media/image1.png", "word/media/image2.emf", "word/", "../evil.xml", "/abs.xml", "docProps/core.xml")
        )
        inner = zip_package(d) if d.bool(5) else b"<x/>" if name.endswith(".xml") and d.bool(85) else d.bytes(64)
        members.append(_member(d, name, inner))
    if members and d.bool(10):  # a member twice
        members.append(members[d.int(0, len(members) - 1)])
    if members and d.bool(40):
        i = d.int(0, len(members) - 1)
        members[i] = _lie(d, members[i])
    return _flip(d, hostile.zip_archive(members), 4)  # a flipped byte mostly breaks a CRC: no deeper


def _member(d: Draw, name: str, data: bytes) -> hostile.Member:
    """An honest member, mostly deflated; `_lie` makes one of a package's members hostile."""
    return hostile.Member(name, data, hostile.STORED if d.bool(15) else hostile.DEFLATED)


def _lie(d: Draw, m: hostile.Member) -> hostile.Member:
    trait = d.int(0, 3)
    if trait == 0:  # another compression method
        return replace(m, method=d.pick((hostile.BZIP2, hostile.LZMA, d.int(0, 99))))
    if trait == 1:  # a size that lies
        n = len(m.data)
        return replace(m, declared_size=d.pick((0, 1, n // 2, n * 2, 2**31, d.int(0, 2**32 - 1))))
    if trait == 2:  # flags: encryption, data descriptor, UTF-8 names
        return replace(m, flags=d.pick((1, 8, 0x800, d.int(0, 0xFFFF))))
    return replace(m, runs=((b" ", d.size() * 100),))  # a body up to 10 MB, compressed piece by piece


# --------------------------------------------------------------------------------------- HTML

_TAGS = ("p", "div", "span", "b", "font", "center", "li", "ul", "h1", "h2", "strong", "section", "article", "td")


def _css(d: Draw) -> str:
    rules = []
    for _ in range(d.int(0, 6)):
        selector = d.pick(
            (
                ".hide",
                "#x",
                "p",
                ".a .b",
                "div.hide",
                "*",
                "td:hover",
                ".h,#x",
                "@media print{.p",
                "",
                "{",
                f".{d.int(0, 9)}",
            )
        )
        decl = d.pick(
            (
                "display:none",
                "display: none !important",
                "visibility:hidden",
                "color:red",
                "display:block",
                "",
                "}",
                "display:none;font-size:0",
            )
        )
        rules.append(f"{selector}{{{decl}}}")
    if d.bool(20):
        rules.append("/* unclosed comment")
    return "".join(rules)


def _table(d: Draw, depth: int) -> str:
    rows = []
    for _ in range(d.int(0, 6)):
        cells = []
        for _ in range(d.int(0, 8)):
            span = ""
            if d.bool(20):
                span = f' rowspan="{d.pick((1, 2, 3, 0, -1, 1000, 65535, "x"))}"'
            if d.bool(20):
                span += f' colspan="{d.pick((1, 2, 15, 0, 1000, 99999))}"'
            cells.append(f"<td{span}>{_html_node(d, depth + 1)}</td>")
        rows.append("<tr>" + "".join(cells) + ("</tr>" if d.bool(80) else ""))
    return "<table>" + "".join(rows) + ("</table>" if d.bool(85) else "")


def _html_node(d: Draw, depth: int = 0) -> str:
    if not d.more() or (depth > 40 and d.bool(80)):
        return phrase(d)
    kind = d.int(0, 13)
    if kind <= 3:
        return phrase(d).replace("&", d.pick(("&amp;", "&", "&#x4e00;", "&nbsp;", "&bogus;")))
    if kind == 4:
        return _table(d, depth)
    if kind == 5:
        return d.pick(("<br>", "<br/>", "</br>", "<hr>", "<wbr>"))
    if kind == 6:
        return f'<img src="a.png" alt="{phrase(d)}" width="{d.pick((10, 48, 49, 600, "x"))}">'
    if kind == 7:
        attr = d.pick(
            (' style="display:none"', ' class="hide"', ' id="x"', " hidden", ' aria-hidden="true"', ' class="a b"')
        )
        return f"<{d.pick(_TAGS)}{attr}>{_html_node(d, depth + 1)}</{d.pick(_TAGS)}>"
    if kind == 8:
        return f"<style>{_css(d)}</style>"
    if kind == 9:
        return d.pick(
            (
                "<script>document.write('<p>x</p>')</script>",
                "<!-- comment -->",
                "<!--",
                "<![CDATA[x]]>",
                "<noscript>x</noscript>",
            )
        )
    if kind == 10:
        return '<frameset><frame src="r.html" name="main"></frameset>' if d.bool(30) else "<iframe src=x></iframe>"
    if kind == 11:  # deep nesting
        tag = d.pick(_TAGS)
        opening = d.repeat(f"<{tag}>")
        return opening + phrase(d) + d.repeat(f"</{tag}>")
    if kind == 12:
        return d.repeat(_html_node(d, depth + 1))
    tag = d.pick(_TAGS)
    return (
        f"<{tag}>" + "".join(_html_node(d, depth + 1) for _ in range(d.int(0, 4))) + (f"</{tag}>" if d.bool(70) else "")
    )


def html(d: Draw) -> bytes:
    """An HTML page drawn from ``d``."""
    declared = d.pick(("utf-8", "gb2312", "gbk", "big5", "utf-16", "iso-8859-1", "nope"))
    head = f'<head><meta charset="{declared}"><title>{phrase(d)}</title><style>{_css(d)}</style></head>'
    body = "".join(_html_node(d) for _ in range(d.int(0, 12)))
    page = d.pick(("<!DOCTYPE html>", "", "<?xml version='1.0'?>")) + f"<html>{head}<body>{body}</body></html>"
    encoding = d.pick(("utf-8", "utf-8", "gb18030", "big5", "utf-16"))
    return _flip(d, page.encode(encoding, "replace"))


GENERATORS: dict[str, Callable[[Draw], bytes]] = {"pdf": pdf, "zip": zip_package, "html": html}
NAMES = {"pdf": "fuzz.pdf", "zip": "fuzz.docx", "html": "fuzz.html"}
FORMS = {"pdf": "pdf", "zip": "docx", "html": "html"}


def generate(form: str, d: Draw) -> bytes:
    return GENERATORS[form](d)


__all__ = ["FORMS", "GENERATORS", "NAMES", "Draw", "generate", "phrase"]
