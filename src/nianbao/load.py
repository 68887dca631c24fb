"""Stage 1: reading a report — from a file, standard input or bytes — in whatever form it comes.

The forms themselves (text in its encodings, HTML, Word, PDF) are read in `nianbao.inputs`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .inputs import MB, InputError, Options, load
from .source import Source

__all__ = ["MAX_BYTES", "InputError", "Options", "decode", "read_path"]

MAX_BYTES = Options.max_bytes  # a generous default: real reports are 5–100 kB, attachments a few MB


def decode(data: bytes, path: str = "<bytes>", options: Options | None = None) -> Source:
    """The report in ``data`` (bytes of any supported form)."""
    return load(data, path, options)


def read_path(path: str | os.PathLike[str], options: Options | None = None) -> Source:
    """Read a report from a file, or from standard input when ``path`` is ``-``. The file is only
    ever opened for reading."""
    options = options or Options()
    name = os.fspath(path)
    limit = options.max_bytes
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        p = Path(name)
        try:
            if p.is_dir():
                raise InputError(name, "是目录，不是文件（is a directory）")
            with p.open("rb") as fh:
                data = fh.read(limit + 1)
        except FileNotFoundError:
            raise InputError(name, "文件不存在（no such file）") from None
        except PermissionError:
            raise InputError(name, "没有读取权限（permission denied）") from None
        except OSError as exc:
            raise InputError(name, f"无法读取（cannot read: {exc.strerror or exc}）") from None
    if len(data) > limit:
        raise InputError(name, f"文件超过 {limit // MB} MB 上限（file larger than {limit // MB} MB）")
    return load(data, name, options)
