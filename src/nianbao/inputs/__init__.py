"""Stage 1: a file as published → `Source`.

Reports come as text files in several encodings, as web pages, as Word and as PDF documents.
Each *form* has a module here with one function, ``extract(data, path, options) -> Source``,
that turns the file's bytes into the text the grammar parses, and keeps an `Origin` when that
text is not the file itself, so that every diagnostic can still point at a place in the file.

``load`` sniffs the form (content first, then the file name) and dispatches; `InputError` is the
one exception any of them raises for input that cannot be read (exit code 2). Every extractor calls
`check_text` on the text it made before building its `Source`: the text's characters and lines
are bounded (``Options.max_chars``, ``Options.max_lines``) whatever the form, so that the line index,
the lexer's tokens and the parser's rows — all at most one per character — stay within bounds.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..source import Source

__all__ = ["FORMS", "MB", "InputError", "Options", "check_lines", "check_text", "line_count", "load", "sniff"]

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
    # The text read, whatever the form: reports have 2,000-40,000 characters and up to 3,000 lines.
    # Under these limits the whole pipeline took at most 8.3 s and 134 MB (docs/RELIABILITY.md).
    max_chars: int = 500_000
    max_lines: int = 100_000


def line_count(text: str) -> int:
    """Lines of ``text`` as `nianbao.source.LineIndex` counts them (``\r\n``, ``\r`` and ``\n`` end one)."""
    return text.count("\n") + text.count("\r") - text.count("\r\n") + 1


def check_text(text: str, path: str, options: Options) -> None:
    """Refuse a text of more characters or lines than the limits, before anything is built on it."""
    if len(text) > options.max_chars:
        n = options.max_chars
        raise InputError(path, f"文字超过 {n:,} 个字符上限（text longer than {n:,} characters）")
    check_lines(line_count(text), path, options)


def check_lines(count: int, path: str, options: Options) -> None:
    """Refuse more lines than ``Options.max_lines`` (of a text, or of a page whose positions are shown)."""
    if count > options.max_lines:
        n = options.max_lines
        raise InputError(path, f"文字超过 {n:,} 行上限（text of more than {n:,} lines）")


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
