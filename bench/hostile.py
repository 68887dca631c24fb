"""Hostile inputs, small on disk, each built to exhaust a reader that trusts what a file declares.

Used by the tests (tests/test_hostile.py: every attack of docs/RELIABILITY.md's table) and by the
structure-aware fuzzers (bench/fuzz/), which draw the parameters. Every function returns bytes and
is deterministic; none writes anything.

PDF: `pdf` writes a document object by object (a standard Type 1 font, so that text operators emit
characters without any font file); `nested_forms` draws a form that draws the next one ``fanout``
times, ``depth`` deep; `long_text` shows ``n`` characters in one text operator. Zip: `zip_archive`
writes members with any method and with central-directory sizes that lie; `docx` builds a minimal
Word package around a document, numbering and styles part.
"""

from __future__ import annotations

import bz2
import io
import lzma
import struct
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

# --------------------------------------------------------------------------------------- PDF

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def stream(content: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
    """A stream object's text (its dictionary holds ``extra``)."""
    body = zlib.compress(content, 9) if compress else content
    flt = b" /Filter /FlateDecode" if compress else b""
    return b"<< /Length %d%s %s >>\nstream\n" % (len(body), flt, extra) + body + b"\nendstream"


def pdf(pages: Sequence[bytes], objects: Sequence[bytes] = (), resources: bytes | None = None) -> bytes:
    """A PDF whose pages draw the content streams ``pages``; ``objects`` are numbered from 4 +
    2 × len(pages) on, for forms the resources can refer to. The default resources: font F1."""
    res = resources if resources is not None else b"<< /Font << /F1 3 0 R >> >>"
    n = len(pages)
    first_page = 4
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(n)), n),
        FONT,
    ]
    for i, content in enumerate(pages):
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>"
            % (res, first_page + 2 * i + 1)
        )
        objs.append(stream(content))
    objs.extend(objects)
    return serialise(objs)


def serialise(objs: Sequence[bytes]) -> bytes:
    """Objects 1..n with a correct cross-reference table; object 1 is the catalog."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def text_ops(text: bytes, x: float = 72, y: float = 750, size: float = 12) -> bytes:
    return b"BT /F1 %g Tf %g %g Td (%s) Tj ET\n" % (size, x, y, text)


def nested_forms(depth: int = 4, fanout: int = 10, leaf: bytes = b"ABCDEFGHIJ" * 10) -> bytes:
    """A page that draws form 0, which draws form 1 ``fanout`` times, … ``depth`` levels down to a
    form that shows ``leaf``: that form is drawn fanout**depth times; the file stays a few kB."""
    first_form = 6  # after the catalog, the page tree, the font, the page and its content
    forms: list[bytes] = []
    for level in range(depth + 1):
        own = first_form + level
        if level == depth:
            content = text_ops(leaf, 10, 10, 8)
            res = b"<< /Font << /F1 3 0 R >> >>"
        else:
            content = b"".join(b"q 1 0 0 1 %d %d cm /X%d Do Q\n" % (i, 3 * i, own + 1) for i in range(fanout))
            res = b"<< /Font << /F1 3 0 R >> /XObject << /X%d %d 0 R >> >>" % (own + 1, own + 1)
        forms.append(stream(content, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources " + res))
    page = b"/X%d Do\n" % first_form
    return pdf([page], forms, b"<< /Font << /F1 3 0 R >> /XObject << /X%d %d 0 R >> >>" % (first_form, first_form))


def long_text(n: int, pages: int = 1) -> bytes:
    """``pages`` pages, each showing ``n`` characters in one ``Tj`` (compressed: a few kB)."""
    return pdf([text_ops(b"A" * n, 72, 750, 1)] * pages)


def many_operators(n: int) -> bytes:
    """``n`` cheap operators (``q Q``) that draw nothing, on one page."""
    return pdf([b"q Q\n" * n])


def many_paths(n: int) -> bytes:
    """``n`` stroked line segments on one page: drawn objects that are not characters."""
    return pdf([b"0 0 m 1 1 l S\n" * n + text_ops(b"x")])


def many_operands(n: int) -> bytes:
    """``n`` numbers and no operator: an operand stack that only grows."""
    return pdf([b"1 " * n])


def report_pdf(lines: Sequence[str], per_page: int = 40) -> bytes:
    """Lines of ASCII text as a PDF, ``per_page`` lines a page (a well-behaved document)."""
    pages = []
    for start in range(0, len(lines), per_page):
        ops = b"".join(
            text_ops(line.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]"), 72, 800 - 18 * i)
            for i, line in enumerate(lines[start : start + per_page])
        )
        pages.append(ops)
    return pdf(pages or [b""])


# --------------------------------------------------------------------------------------- zip

STORED, DEFLATED, BZIP2, LZMA = 0, 8, 12, 14


@dataclass(frozen=True)
class Member:
    """A zip member: its data is ``data`` followed by each ``(piece, times)`` of ``runs``, so that a
    member gigabytes long is compressed piece by piece, never held in memory."""

    name: str
    data: bytes
    method: int = DEFLATED
    declared_size: int | None = None  # the uncompressed size the headers claim (None: the truth)
    flags: int = 0
    runs: tuple[tuple[bytes, int], ...] = ()

    def pieces(self) -> Iterator[bytes]:
        yield self.data
        for piece, times in self.runs:
            block = piece * max(1, (1 << 20) // max(len(piece), 1))
            per = len(block) // max(len(piece), 1)
            full, rest = divmod(times, per)
            for _ in range(full):
                yield block
            yield piece * rest


def _compressor(method: int) -> tuple[Callable[[bytes], bytes], Callable[[], bytes], bytes]:
    """compress, flush and a header to put first, for ``method``."""
    if method == DEFLATED:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress, c.flush, b""
    if method == BZIP2:
        b = bz2.BZ2Compressor(9)
        return b.compress, b.flush, b""
    if method == LZMA:
        filters = [{"id": lzma.FILTER_LZMA1}]
        props = lzma._encode_filter_properties(filters[0])  # type: ignore[attr-defined]
        x = lzma.LZMACompressor(format=lzma.FORMAT_RAW, filters=filters)
        return x.compress, x.flush, struct.pack("<BBH", 9, 4, len(props)) + props
    return (lambda data: data), (lambda: b""), b""  # stored, or an unknown method: the bytes as they are


def _pack(m: Member) -> tuple[bytes, int, int]:
    """The member compressed, its CRC-32 and its real size."""
    compress, flush, header = _compressor(m.method)
    out = [header]
    crc = size = 0
    for piece in m.pieces():
        crc = zlib.crc32(piece, crc)
        size += len(piece)
        out.append(compress(piece))
    out.append(flush())
    return b"".join(out), crc, size


def zip_archive(members: Sequence[Member]) -> bytes:
    """A zip whose local headers and central directory state ``declared_size`` (when given) instead
    of the real uncompressed size; the CRC is the real one."""
    out = io.BytesIO()
    central = []
    for m in members:
        packed, crc, real = _pack(m)
        size = real if m.declared_size is None else m.declared_size
        name = m.name.encode()
        offset = out.tell()
        local = (b"PK\x03\x04", 20, m.flags, m.method, 0, 0x21, crc, len(packed), size, len(name), 0)
        out.write(struct.pack("<4sHHHHHIIIHH", *local))
        out.write(name + packed)
        central.append(
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                20,
                20,
                m.flags,
                m.method,
                0,
                0x21,
                crc,
                len(packed),
                size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    start = out.tell()
    cd = b"".join(central)
    out.write(cd)
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), len(cd), start, 0))
    return out.getvalue()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="numbering.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"/>'
    '<Relationship Id="rId2" Target="styles.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/></Relationships>'
)


def document_xml(body: str, prolog: str = "") -> bytes:
    head = f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W}">'
    return f"{head}<w:body>{body}</w:body></w:document>".encode()


def paragraphs(lines: Sequence[str], numbered: bool = False) -> str:
    num = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' if numbered else ""
    return "".join(f"<w:p>{num}<w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)


def numbering_xml(lvl_text: str = "%1.", prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:numbering xmlns:w="{W}">'
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{lvl_text}"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    ).encode()


def styles_xml(prolog: str = "") -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:styles xmlns:w="{W}"/>'.encode()


def docx(
    document: bytes,
    numbering: bytes | None = None,
    styles: bytes | None = None,
    method: int = DEFLATED,
    declared: dict[str, int] | None = None,
    extra: Sequence[Member] = (),
    replace_document: Member | None = None,
) -> bytes:
    """A Word package: content types, relationships, the document (and numbering and styles);
    ``method`` compresses the document part, ``declared`` states sizes that lie, per member."""
    declared = declared or {}
    parts = [
        ("[Content_Types].xml", TYPES.encode()),
        ("_rels/.rels", RELS.encode()),
        ("word/_rels/document.xml.rels", DOC_RELS.encode()),
        ("word/document.xml", document),
        ("word/numbering.xml", numbering if numbering is not None else numbering_xml()),
        ("word/styles.xml", styles if styles is not None else styles_xml()),
    ]
    members = [Member(n, d, method if n == "word/document.xml" else DEFLATED, declared.get(n)) for n, d in parts]
    if replace_document is not None:
        members[3] = replace_document
    return zip_archive([*members, *extra])


def inflating_docx(size: int, method: int = BZIP2, declared: int = 13_000) -> bytes:
    """A Word package whose document part declares ``declared`` bytes and inflates to ``size``:
    a valid document with ``size`` bytes of spaces inside its body."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'.encode()
    tail = b"</w:body></w:document>"
    document = Member("word/document.xml", head, method, declared, runs=((b" ", size), (tail, 1)))
    return docx(b"", replace_document=document)


__all__ = [
    "BZIP2",
    "DEFLATED",
    "LZMA",
    "STORED",
    "Member",
    "document_xml",
    "docx",
    "inflating_docx",
    "long_text",
    "many_operands",
    "many_operators",
    "many_paths",
    "nested_forms",
    "numbering_xml",
    "paragraphs",
    "pdf",
    "report_pdf",
    "serialise",
    "stream",
    "styles_xml",
    "text_ops",
    "zip_archive",
]
