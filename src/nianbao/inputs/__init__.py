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
What the form modules share (`Options`, the bounds) lives in `nianbao.inputs.base`, which they
import; this package re-exports it and is imported by none of them.
"""

from __future__ import annotations

from ..source import Source
from .base import FORMS, MB, InputError, Options, check_lines, check_text, line_count

__all__ = ["FORMS", "MB", "InputError", "Options", "check_lines", "check_text", "line_count", "load", "sniff"]


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
