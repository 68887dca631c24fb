"""Opening a Word document's package safely: a zip checked before anything is inflated, then rebuilt from what a
counting reader read of its XML parts, and opened with python-docx.

Contract: `_open_body` returns the main document's ``w:body`` element and its numbering and styles parts, or raises
`InputError` naming what is wrong: a broken zip, too many members, a total uncompressed size over
``Options.max_unpacked``, a compression ratio of a bomb, encryption, a compression method Word does not write,
XML parts that unpack past the limit given (whatever the zip declares), a DTD in any part, or no Word document at
all (what the zip is instead is said). Pictures and other parts that are not XML are never decompressed.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from lxml import etree

from ..base import MB, InputError, Options
from .wordml import BODY, _w

MAX_MEMBERS = 5000  # real documents have 10–50 parts, a few hundred with many images
# Deflate cannot beat ~1030:1; real XML parts reach 50–100:1. A large part far beyond that is a bomb.
MAX_RATIO = 300
RATIO_FLOOR = 1 * MB  # small parts may compress arbitrarily well (a run of spaces)
_WORD_MAIN_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)


def _open_body(
    data: bytes, path: str, options: Options, xml_limit: int
) -> tuple[etree._Element, etree._Element | None, etree._Element | None]:
    """The ``w:body`` element of the main document, and its numbering and styles parts when it has them, after
    checking the zip is safe to open; the XML parts are read within ``xml_limit`` bytes together."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise InputError(
            path, "压缩包损坏，无法作为 Word 文档读取（corrupt zip: cannot read as a Word document）"
        ) from None
    with zf:
        _check_members(zf, infos, path, options)
        package_bytes = _repacked(zf, infos, path, min(options.max_unpacked, xml_limit))
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
    return body, related.get("numbering"), related.get("styles")


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
