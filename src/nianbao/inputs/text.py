"""Plain text files: decoded, and the text is the file."""

from __future__ import annotations

from ..source import Source
from . import InputError, Options, check_text
from .encodings import decode_text


def extract(data: bytes, path: str, options: Options) -> Source:
    text, encoding, bom = decode_text(data, path, options.encoding)
    if "\x00" in text:
        raise InputError(path, "文件含有 NUL 字节，不是文本文件（file contains NUL bytes: not a text file）")
    check_text(text, path, options)
    return Source(path, text, encoding, bom)
