"""Stage 1: bytes → text. UTF-8 with or without BOM for now; anything else is a clear error."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .source import Source

# A generous default: real reports are 5–100 kB; a 20 MB "report" is a mistake or an attack.
MAX_BYTES = 20 * 1024 * 1024


class InputError(Exception):
    """The input cannot be read as a report (missing, unreadable, not text). Exit code 2."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def decode(data: bytes, path: str = "<bytes>") -> Source:
    """Decode ``data`` as UTF-8 (a BOM is dropped and remembered)."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "文件为 UTF-16 编码，暂不支持；请另存为 UTF-8（file is UTF-16; save it as UTF-8）")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"不是有效的 UTF-8 文本：第 {line} 行附近（字节偏移 {exc.start}）有无效字节 "
            f"{data[exc.start : exc.start + 4]!r}（not valid UTF-8 at byte {exc.start}）",
        ) from None
    if "\x00" in text:
        raise InputError(path, "文件含有 NUL 字节，不是文本文件（file contains NUL bytes: not a text file）")
    return Source(path, text, "utf-8-sig" if bom else "utf-8", bom)


def read_path(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> Source:
    """Read a report from a file, or from standard input when ``path`` is ``-``."""
    name = os.fspath(path)
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(name)
        try:
            if p.is_dir():
                raise InputError(name, "是目录，不是文件（is a directory）")
            with p.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError(name, "文件不存在（no such file）") from None
        except PermissionError:
            raise InputError(name, "没有读取权限（permission denied）") from None
        except OSError as exc:
            raise InputError(name, f"无法读取（cannot read: {exc.strerror or exc}）") from None
    if len(data) > max_bytes:
        raise InputError(name, f"文件超过 {max_bytes // (1024 * 1024)} MB 上限（file too large）")
    return decode(data, name)
