"""Reading a file the user named: only a regular file, never more than a limit, never blocking.

A FIFO opened for reading waits for a writer for ever, a device may never end (``/dev/zero``) or
have effects when opened (a tape rewinds): a named input, ``--config`` or ``--baseline`` that is not
a regular file is refused before it is opened. The file is then opened without blocking
(``O_NONBLOCK``) and checked again on the open descriptor, so that a file swapped for a FIFO in
between is refused too, and read no further than the limit and one byte.
"""

from __future__ import annotations

import os
import stat


class NotRegular(OSError):
    """The path names a directory, a FIFO, a device or a socket: ``zh`` and ``en`` say which, ``kind``
    both, as "是目录，不是文件（is a directory）"."""

    def __init__(self, path: str, zh: str, en: str) -> None:
        super().__init__(f"{path}: {en}")
        self.path = path
        self.zh, self.en = zh, en
        self.kind = f"{zh}（{en}）"


def kind_of(mode: int) -> tuple[str, str] | None:
    """What a file of this mode is, in Chinese and English, when it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "是目录，不是文件", "is a directory"
    if stat.S_ISFIFO(mode):
        return "是命名管道，不是普通文件", "a FIFO, not a regular file: to read a pipe, give - and redirect it"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "是设备，不是普通文件", "a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "是套接字，不是普通文件", "a socket, not a regular file"
    return "不是普通文件", "not a regular file"


def read_regular(path: str, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of the regular file ``path``. Raises `NotRegular` and `OSError`."""
    kind = kind_of(os.stat(path).st_mode)
    if kind is not None:
        raise NotRegular(path, *kind)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotRegular(path, *kind)
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


__all__ = ["NotRegular", "kind_of", "read_regular"]
