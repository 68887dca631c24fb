"""Plain text files: decoded, and the text is the file."""

from __future__ import annotations

from ..source import Origin, Source
from .base import InputError, Options, check_text
from .encodings import decode_text


def extract(data: bytes, path: str, options: Options) -> Source:
    text, encoding, bom = decode_text(data, path, options.encoding)
    if "\x00" in text:
        raise InputError(path, "文件含有 NUL 字节，不是文本文件（file contains NUL bytes: not a text file）")
    check_text(text, path, options)
    return source_of(path, text, encoding, bom, options)


def source_of(
    path: str, text: str, encoding: str = "utf-8", bom: bool = False, options: Options | None = None
) -> Source:
    """The `Source` of a decoded text: the text itself, unless it writes tables as HTML (Markdown from
    a PDF converter): then the tables are read as a page shows them, positions still the text's."""
    if "<" in text:
        from .html import text_with_tables

        mixed = text_with_tables(text, options or Options())
        if mixed is not None:
            check_text(mixed[0], path, options or Options())
            return Source(path, mixed[0], encoding, bom, origin=Origin(kind="text", original=text, offsets=mixed[1]))
    return Source(path, text, encoding, bom)
