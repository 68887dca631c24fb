"""Stage 1: a file as published → `Source`.

Reports come as text files in several encodings, as web pages, as Word and as PDF documents.
Each *form* has a module here with one function, ``extract(data, path, options) -> Source``,
that turns the file's bytes into the text the grammar parses, and keeps an `Origin` when that
text is not the file itself, so that every diagnostic can still point at a place in the file.

``load`` sniffs the form (content first, then the file name) and dispatches; `InputError` is the
one exception any of them raises for input that cannot be read (exit code 2).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..source import Source

__all__ = ["FORMS", "MB", "InputError", "Options", "load", "sniff"]

FORMS = ("text", "html", "docx", "pdf", "doc")
MB = 1024 * 1024


@dataclass(frozen=True)
class Options:
    """How to read inputs; the limits keep a hostile or broken file from exhausting the machine."""

    encoding: str | None = None  # a codec name to use instead of detection (``--encoding``)
    max_bytes: int = 20 * MB  # the file as stored
    max_unpacked: int = 100 * MB  # the parts of a .docx (a zip) once decompressed, together
    max_pages: int = 500  # of a PDF
    max_depth: int = 256  # element nesting of an HTML page
    max_tags: int = 200_000  # of an HTML page: a report's page has a few thousand; memory grows with them


def sniff(data: bytes, name: str) -> str:
    """The form of a file: by its content when it tells, else by its name; ``text`` otherwise."""
    head = data[:1024]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"  # a zip; extract() checks it is a Word document
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"  # OLE compound file: legacy Word (or Excel)
    lowered = name.lower()
    for form, suffixes in (("html", (".html", ".htm", ".shtml", ".xhtml")), ("docx", (".docx",)), ("pdf", (".pdf",))):
        if lowered.endswith(suffixes):
            return form
    if lowered.endswith(".doc"):
        return "doc"
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<head", b"<meta", b"<body")) or b"<html" in head.lower():
        return "html"
    start = data[:4096].lower()
    if probe.startswith(b"<") and b"</" in start and (b"<p" in start or b"<div" in start or b"<table" in start):
        return "html"
    return "text"


def load(data: bytes, path: str, options: Options | None = None, form: str | None = None) -> Source:
    """The `Source` of a file's bytes, whatever its form (``form`` forces one of `FORMS`)."""
    options = options or Options()
    if len(data) > options.max_bytes:
        mb = options.max_bytes // MB
        raise InputError(path, f"文件超过 {mb} MB 上限（file larger than {mb} MB）")
    form = form or sniff(data, path)
    if form == "html":
        from . import html

        return html.extract(data, path, options)
    if form == "docx":
        from . import docx

        return docx.extract(data, path, options)
    if form == "pdf":
        from . import pdf

        return pdf.extract(data, path, options)
    if form == "doc":
        from . import doc

        return doc.extract(data, path, options)
    from . import text

    return text.extract(data, path, options)
