"""Word documents (.docx, also .docm/.dotx/.dotm): the body's paragraphs and tables, in order.

Method. The file is a zip: its directory is checked first (member count, total uncompressed size
against ``Options.max_unpacked``, compression ratio, encryption, that it holds a Word document at
all) so that python-docx never inflates a zip bomb. python-docx then opens the package (its lxml
parser has ``resolve_entities=False``, never touches the network, and libxml2 refuses entity
amplification); a main document with a DTD is refused outright, as Word itself refuses it. The
body element is walked directly — ``Document.paragraphs``/``.tables`` would lose the order of
paragraphs and tables — descending into content controls (``w:sdt``) and custom XML:

- a paragraph is one line (a soft break ``w:br`` inside it starts a new line of the text, as in
  the text version, but stays in the same paragraph's place); tabs become ``\\t``;
- a table row is one line, ``cell | cell | … |``, in the shape of the pipe corpus files: every
  cell that *starts* in the row appears once, in row order; grid positions covered by a
  horizontal merge (``gridSpan``, legacy ``hMerge``) and by the continuation of a vertical merge
  (``vMerge``) are not written in place but as empty cells at the end of the row, so that every
  row has as many cells as the table has grid columns and a label merged across columns is not
  followed by empty cells the parser would read as blank values;
- the paragraphs and soft breaks inside one cell are joined with nothing (a space between two
  ASCII letters or digits), so that a label Word wraps inside a cell (商业/企业) stays one label;
  a ``|`` typed in a cell becomes ``｜`` so that it cannot split the cell;
- a table whose every row is a single cell (a frame around the text, as some agencies lay out a
  whole report) is not a data table: its paragraphs are lines and the tables in it are tables;
  a table nested in a cell of a real table is flattened into that cell's text (its cells joined
  by spaces).

Places. Body paragraphs are numbered as Word users count them: every paragraph of the body,
empty ones included (``第N段``). Tables are numbered in document order, nested ones included where
they start; rows 1-based within their table; cells by the *grid column* they start in, so that a
column has the same number in every row whatever is merged (``第T个表格第R行第C格``). Paragraphs
of a frame table are ``第T个表格第R行第1格第K段``. Positions (line:column) refer to the extracted
text, as ``nianbao debug --stage text`` shows it.

Limits. Headers, footers (page chrome: page numbers, running titles), footnotes, endnotes,
comments, text boxes and shapes (``w:drawing``, ``w:pict`` other than pictures, which are a line
``[图片]`` of their own), deleted text of tracked changes,
field instructions, hidden text and embedded ``altChunk`` parts are not read.

Automatic numbering. A ``一、`` or ``1.`` that Word's list numbering draws (``w:numPr`` on the
paragraph or its style) is not in the text runs; it is rendered here, before the paragraph's text
and without the tab Word puts after it, so that a numbered heading reads as typed. Counters run
per abstract list in document order (cells included), deeper levels restart when a level
advances, ``startOverride`` restarts a list; the usual formats are rendered (decimal, Chinese
counting, 甲乙丙, letters, Roman, circled and full-width digits), bullets are dropped. Not
rendered: ``numStyleLink`` indirections, ``lvlRestart`` other than the default, picture bullets.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ..source import Origin, Place, Source
from ..syntax import pictures
from . import isolate
from .base import MB, InputError, Options, check_lines, check_text

MAX_MEMBERS = 5000  # real documents have 10–50 parts, a few hundred with many images
# Deflate cannot beat ~1030:1; real XML parts reach 50–100:1. A large part far beyond that is a bomb.
MAX_RATIO = 300
RATIO_FLOOR = 1 * MB  # small parts may compress arbitrarily well (a run of spaces)
MAX_MEMORY = 400 * MB  # beyond the parent's: reading a 20-page report takes 30 MB
TIME_LIMIT = 15.0  # seconds
MAX_XML = 16 * MB  # the XML parts read, together: a 20-page report's are 0.3-3 MB; lxml takes ~25x that in memory
MAX_SPAN = 64  # grid columns a cell may span: report tables have at most 15; a hostile span must not pad rows

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WORD_MAIN_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = (
    _w(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml")
)
R, T, TAB, PTAB, BR, CR = (_w(t) for t in ("r", "t", "tab", "ptab", "br", "cr"))
BODY, TBL_GRID, GRID_COL, TC_PR, TR_PR = (_w(t) for t in ("body", "tblGrid", "gridCol", "tcPr", "trPr"))
GRID_SPAN, V_MERGE, H_MERGE, GRID_BEFORE = (_w(t) for t in ("gridSpan", "vMerge", "hMerge", "gridBefore"))
R_PR, VANISH, VAL = _w("rPr"), _w("vanish"), _w("val")
NO_BREAK_HYPHEN = _w("noBreakHyphen")
DRAWING, PICT = _w("drawing"), _w("pict")
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"
_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
# Inline wrappers whose runs are part of the paragraph's visible text.
_INLINE_CONTAINERS = frozenset(
    _w(t)
    for t in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "sdt", "sdtContent", "fldSimple", "dir", "bdo")
)
# Block wrappers whose paragraphs and tables are part of the body (or of a cell).
_BLOCK_CONTAINERS = frozenset({SDT, SDT_CONTENT, CUSTOM_XML, _w("ins"), _w("moveTo")})
_LINE_CHARS = str.maketrans({"\n": " ", "\r": " ", "\x0b": " ", "\x0c": " "})


def extract(data: bytes, path: str, options: Options) -> Source:
    """The report in a Word document, read in a child process under `MAX_MEMORY` (lxml's tree of a
    dense 16 MB part takes 600 MB) and `TIME_LIMIT` (`nianbao.inputs.isolate`)."""
    return isolate.run(lambda: _extract(data, path, options), path, memory=MAX_MEMORY, seconds=TIME_LIMIT)


def _extract(data: bytes, path: str, options: Options) -> Source:
    body, numbering = _open_body(data, path, options)
    out = _Writer(limit=min(options.max_unpacked, options.max_chars), max_lines=options.max_lines)
    try:
        _Walker(out, numbering).body(body)
    except RecursionError:
        raise InputError(path, "文档嵌套过深（document nested too deeply）") from None
    except _TooLong:
        if out.lines > options.max_lines:
            check_lines(out.lines, path, options)
        if out.length > options.max_chars:
            check_text(out.text(), path, options)
        mb = options.max_unpacked // MB
        raise InputError(path, f"提取的文字超过 {mb} MB 上限（extracted text over the {mb} MB limit）") from None
    text = out.text()
    check_text(text, path, options)
    return Source(path, text, origin=Origin(kind="docx", places=tuple(out.places)))


# ---------------------------------------------------------------------- opening the package


def _open_body(data: bytes, path: str, options: Options) -> tuple[etree._Element, _Numbering]:
    """The ``w:body`` element of the main document and its list numbering, after checking the
    zip is safe to open."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise InputError(
            path, "压缩包损坏，无法作为 Word 文档读取（corrupt zip: cannot read as a Word document）"
        ) from None
    with zf:
        _check_members(zf, infos, path, options)
        package_bytes = _repacked(zf, infos, path, min(options.max_unpacked, MAX_XML))
    # Imported here: python-docx is only needed for Word documents.
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import XmlPart
    from docx.oxml.parser import parse_xml
    from docx.package import Package

    try:
        package = Package.open(io.BytesIO(package_bytes))
        for any_part in package.iter_parts():  # a DTD in an encoding the byte scan does not read
            if isinstance(any_part, XmlPart) and _has_dtd(any_part.element):
                raise InputError(path, _dtd_message(str(any_part.partname).lstrip("/")))
        part = package.part_related_by(RT.OFFICE_DOCUMENT)
        if part.content_type not in _WORD_MAIN_TYPES:
            raise InputError(path, f"不是 Word 文档（not a Word document: main part is {part.content_type}）")
        root = part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
        related = {}
        for name, reltype in (("numbering", RT.NUMBERING), ("styles", RT.STYLES)):
            try:
                other = part.part_related_by(reltype)
            except (KeyError, ValueError):
                continue  # a document without lists or styles
            related[name] = other.element if isinstance(other, XmlPart) else parse_xml(other.blob)
        for name, element in (("document", root), *related.items()):
            if _has_dtd(element):
                raise InputError(path, _dtd_message(f"{name} part"))
    except InputError:
        raise
    except KeyError:
        raise InputError(path, "不是 Word 文档：找不到正文部分（not a Word document: no main document part）") from None
    except etree.XMLSyntaxError as exc:
        if any(e.type_name == "ERR_NO_MEMORY" for e in exc.error_log):
            raise MemoryError from None  # libxml2 ran out: `isolate.run` says how much was allowed
        raise InputError(path, f"Word 文档的 XML 损坏（corrupt XML in the Word document: {exc}）") from None
    except Exception as exc:  # python-docx raises many kinds on broken packages; any of them means unreadable
        raise InputError(
            path, f"Word 文档损坏，无法读取（corrupt Word document: {type(exc).__name__}: {exc}）"
        ) from None
    body = root.find(BODY)
    if root.tag != _w("document") or body is None:
        raise InputError(path, "不是 Word 文档：没有正文（not a Word document: no w:body）")
    return body, _Numbering(related.get("numbering"), related.get("styles"))


def _has_dtd(element: etree._Element) -> bool:
    info = element.getroottree().docinfo
    return bool(info.doctype) or info.internalDTD is not None


def _dtd_message(part: str) -> str:
    # OOXML forbids DTDs and Word refuses them: one is a crafted file (entity tricks, in any part:
    # entities in attribute values are expanded even when references in text are not).
    return f"Word 文档含有 DTD 声明，拒绝读取（{part} has a DTD, which Word documents never have）"


# What is read of a package: XML parts and relationships. Pictures, fonts and embedded files are
# never decompressed (their bytes are not needed), and so cannot be a bomb.
_READ_SUFFIXES = (".xml", ".rels")
_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}  # all that Word writes
_CHUNK = 1 << 16
_DTD = re.compile(rb"<!(?i:doctype|entity)")


def _repacked(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], path: str, limit: int) -> bytes:
    """The package rebuilt (uncompressed, in memory) from what its members really hold, for
    python-docx to open: every part it parses read through a counting reader that stops at
    ``limit`` bytes together, whatever the zip declares; other parts left empty; a compression
    method other than stored or deflate, or a DTD in any XML part, refused."""
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if info.compress_type not in _METHODS:
            method = {12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "XZ"}.get(info.compress_type, info.compress_type)
            raise InputError(
                path,
                f"{info.filename} 的压缩方式不是 Word 所用的（{info.filename}: compression method {method}, "
                "not stored or deflate as Word writes: a crafted file?）",
            )
        if not info.is_dir():
            members[info.filename] = info  # a name twice: the last one, as zipfile reads it
    out = io.BytesIO()
    left = limit
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for name, info in members.items():
            data = b""
            if name.lower().endswith(_READ_SUFFIXES):
                data = _read_member(zf, info, left, path, limit)
                left -= len(data)
                if _DTD.search(data.replace(b"\x00", b"")):  # UTF-8, and UTF-16 with its zero bytes dropped
                    raise InputError(path, _dtd_message(name))
            dst.writestr(zipfile.ZipInfo(name), data)
    return out.getvalue()


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, left: int, path: str, limit: int) -> bytes:
    """The member's bytes, read a chunk at a time and counted: never more than ``left`` in all."""
    chunks = []
    total = 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                total += len(chunk)
                if total > left:
                    mb = limit // MB
                    raise InputError(
                        path,
                        f"文档的 XML 解压后超过 {mb} MB 上限，疑为压缩炸弹"
                        f"（the XML parts unpack to over {mb} MB, the limit: zip bomb?）",
                    )
                chunks.append(chunk)
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        # a CRC that does not match is also what a member longer than it declares gives
        raise InputError(path, f"Word 文档损坏，无法读取（corrupt Word document: {info.filename}: {exc}）") from None
    return b"".join(chunks)


def _check_members(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], path: str, options: Options) -> None:
    if len(infos) > MAX_MEMBERS:
        raise InputError(path, f"压缩包含 {len(infos)} 个文件，超过上限（zip has {len(infos)} members: too many）")
    total = sum(i.file_size for i in infos)
    if total > options.max_unpacked:
        mb = options.max_unpacked // MB
        raise InputError(
            path,
            f"解压后超过 {mb} MB 上限，疑为压缩炸弹（unpacks to {total // MB} MB, over the {mb} MB limit: zip bomb?）",
        )
    for i in infos:
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise InputError(
                path,
                f"{i.filename} 压缩比异常，疑为压缩炸弹（{i.filename}: compression ratio over {MAX_RATIO}: zip bomb?）",
            )
        if i.flag_bits & 0x1:
            raise InputError(path, "压缩包已加密（encrypted zip）")
    names = {i.filename.lower(): i for i in infos}
    if "word/document.xml" in names:
        return
    types = names.get("[content_types].xml")
    if types is not None:
        if types.compress_type not in _METHODS:
            return  # refused with its method named, below
        try:
            declared = _read_member(zf, types, 1 * MB, path, 1 * MB)
        except InputError:  # a broken member: said below
            return
        if any(t.encode() in declared for t in _WORD_MAIN_TYPES):
            return  # a main document under another name
    raise InputError(path, f"不是 Word 文档（not a Word document: {_what_zip(zf, names)}）")


def _what_zip(zf: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> str:
    """What a zip without a Word document is, for the message."""
    if "xl/workbook.xml" in names:
        return "an Excel workbook (.xlsx)"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation (.pptx)"
    mimetype = names.get("mimetype")
    if mimetype is not None and mimetype.file_size < 200:
        try:
            kind = zf.read(mimetype).decode("ascii", "replace").strip()
        except Exception:
            kind = ""
        if kind == "application/vnd.oasis.opendocument.text":
            return "an OpenDocument text (.odt); save it as .docx"
        if kind:
            return f"a {kind} file"
    if "[content_types].xml" in names:
        return "an Office file without a Word document"
    return f"a zip archive of {len(names)} files"


# ---------------------------------------------------------------------- the text and its places


class _TooLong(Exception):
    """The text grew past the limit (a crafted table padded to thousands of columns)."""


@dataclass
class _Writer:
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


def _on(el: etree._Element | None) -> bool:
    """A toggle property (``<w:vanish/>``, ``w:val="true"``) is set."""
    return el is not None and el.get(VAL, "true").lower() not in ("0", "false", "off")


def _int_val(el: etree._Element | None, default: int, most: int = 1000) -> int:
    if el is None:
        return default
    try:
        return max(0, min(int(el.get(VAL, str(default))), most))
    except ValueError:
        return default


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
class _Cell:
    tc: etree._Element
    col: int  # 0-based grid column it starts in
    span: int
    merged: bool  # continues a vertical or legacy horizontal merge


@dataclass
class _Walker:
    out: _Writer
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

    def frame(self, rows: list[list[_Cell]], t: int, zh: str, en: str) -> None:
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

    def cells(self, tr: etree._Element) -> list[_Cell]:
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
            out.append(_Cell(tc, col, span, merged))
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


# ---------------------------------------------------------------------- automatic numbering

P_PR, NUM_PR, NUM_ID, ILVL, P_STYLE = (_w(t) for t in ("pPr", "numPr", "numId", "ilvl", "pStyle"))
_CHINESE_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int) -> str:
    """一 … 九十九, 一百 …: the counting style of 一、二、 headings (十一, not 一十一)."""
    if n <= 0:
        return _CHINESE_DIGITS[0]
    if n >= 10000:
        return str(n)
    out = ""
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out += ("" if (unit == "十" and digit == 1 and not out) else _CHINESE_DIGITS[digit]) + unit
        elif out and n:
            out += "零" if not out.endswith("零") else ""
    if n:
        out += _CHINESE_DIGITS[n]
    return out


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out += numeral * count
    return out


def _letters(n: int) -> str:
    """a … z, aa … zz, aaa …: Word repeats the letter."""
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting"):
        text = _chinese(n)
        return (
            text.translate(str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟"))
            if "Legal" in fmt
            else text
        )
    if fmt == "taiwaneseCounting":
        return _chinese(n)
    if fmt in ("ideographTraditional", "ideographZodiac"):
        signs = _TIANGAN if fmt == "ideographTraditional" else _DIZHI
        return signs[(n - 1) % len(signs)] if n > 0 else str(n)
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letters = _letters(n)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    start: int
    fmt: str
    text: str
    legal: bool


class _Numbering:
    """The numbers Word draws before list paragraphs, in document order."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if numbering is not None:
            for a in numbering.iter(_w("abstractNum")):
                self.abstract[a.get(_w("abstractNumId"), "")] = self._levels(a)
            for num in numbering.iter(_w("num")):
                ref = num.find(_w("abstractNumId"))
                starts: dict[int, int] = {}
                levels: dict[int, _Level] = {}
                for override in num.iter(_w("lvlOverride")):
                    ilvl = _int_attr(override, _w("ilvl"))
                    start = override.find(_w("startOverride"))
                    if start is not None:
                        starts[ilvl] = _int_val(start, 0)
                    levels.update(self._levels(override))
                abstract = ref.get(VAL, "") if ref is not None else ""
                self.nums[num.get(_w("numId"), "")] = (abstract, starts, levels)
        if styles is not None:
            for style in styles.iter(_w("style")):
                sid = style.get(_w("styleId"), "")
                based = style.find(_w("basedOn"))
                if based is not None:
                    self.style_parent[sid] = based.get(VAL, "")
                ppr = style.find(P_PR)
                numpr = ppr.find(NUM_PR) if ppr is not None else None
                if numpr is not None:
                    self.style_num[sid] = _num_pr(numpr)

    @staticmethod
    def _levels(el: etree._Element) -> dict[int, _Level]:
        levels = {}
        for lvl in el.findall(_w("lvl")):
            fmt = lvl.find(_w("numFmt"))
            text = lvl.find(_w("lvlText"))
            levels[_int_attr(lvl, _w("ilvl"))] = _Level(
                start=_int_val(lvl.find(_w("start")), 1),
                fmt=fmt.get(VAL, "decimal") if fmt is not None else "decimal",
                text=text.get(VAL, "") if text is not None else "",
                legal=_on(lvl.find(_w("isLgl"))),
            )
        return levels

    def label(self, p: etree._Element) -> str:
        if not self.nums:
            return ""
        num_id, ilvl = self._num_of(p)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = min(ilvl or 0, 8)
        abstract, starts, overrides = self.nums[num_id]
        levels = {**self.abstract.get(abstract, {}), **overrides}
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:  # a restarted list (startOverride) begins anew
            self.started.add(num_id)
            for level, start in starts.items():
                counters[level] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # deeper levels restart after a higher one advances
        level = levels[ilvl]
        if level.fmt == "bullet":
            return ""

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            n = counters.get(k, levels[k].start)
            return str(n) if level.legal else _format(n, levels[k].fmt)

        return re.sub(r"%([1-9])", number, level.text)

    def _num_of(self, p: etree._Element) -> tuple[str | None, int | None]:
        ppr = p.find(P_PR)
        if ppr is None:
            return None, None
        numpr = ppr.find(NUM_PR)
        num_id, ilvl = _num_pr(numpr) if numpr is not None else (None, None)
        style = ppr.find(P_STYLE)
        sid = style.get(VAL, "") if style is not None else None
        for _ in range(20):  # a basedOn chain; a cycle must not hang
            if num_id is not None or sid is None:
                break
            if sid in self.style_num:
                num_id, style_ilvl = self.style_num[sid]
                ilvl = ilvl if ilvl is not None else style_ilvl
            sid = self.style_parent.get(sid)
        return num_id, ilvl


def _num_pr(numpr: etree._Element) -> tuple[str | None, int | None]:
    num_id = numpr.find(NUM_ID)
    ilvl = numpr.find(ILVL)
    return (num_id.get(VAL) if num_id is not None else None), (_int_val(ilvl, 0) if ilvl is not None else None)


def _int_attr(el: etree._Element, name: str) -> int:
    try:
        return max(0, min(int(el.get(name, "0")), 1000))
    except ValueError:
        return 0
