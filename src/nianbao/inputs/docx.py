"""Word documents (.docx): not read yet."""

from __future__ import annotations

from ..source import Source
from . import InputError, Options


def extract(data: bytes, path: str, options: Options) -> Source:
    raise InputError(path, "暂不支持此文件格式（docx: not supported yet）")
