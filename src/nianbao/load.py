"""Stage 1: reading a report — from a file, standard input or bytes — in whatever form it comes.

The forms themselves (text in its encodings, HTML, Word, PDF) are read in `nianbao.inputs`.
"""

from __future__ import annotations

import os
import sys

from .files import NotRegular, read_regular
from .inputs import MB, InputError, Options, load
from .source import Source

__all__ = ["MAX_BYTES", "InputError", "Options", "decode", "read_path"]

MAX_BYTES = Options.max_bytes  # a generous default: real reports are 5–100 kB, attachments a few MB


def decode(data: bytes, path: str = "<bytes>", options: Options | None = None) -> Source:
    """The report in ``data`` (bytes of any supported form)."""
    return load(data, path, options)


def read_path(path: str | os.PathLike[str], options: Options | None = None) -> Source:
    """Read a report from a file, or from standard input when ``path`` is ``-``. The file is only
    ever opened for reading, and only when it is a regular file (`nianbao.files`): a FIFO or a device
    named as input is refused rather than waited on; pipes come through standard input."""
    options = options or Options()
    name = os.fspath(path)
    limit = options.max_bytes
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        try:
            data = read_regular(name, limit)
        except NotRegular as exc:
            if os.path.isdir(name):
                _listable(name)
            raise InputError(name, exc.kind) from None
        except FileNotFoundError:
            raise InputError(name, "文件不存在（no such file）") from None
        except PermissionError:
            raise InputError(name, "没有读取权限（permission denied）") from None
        except OSError as exc:
            raise InputError(name, f"无法读取（cannot read: {exc.strerror or exc}）") from None
    if len(data) > limit:
        raise InputError(name, f"文件超过 {limit // MB} MB 上限（file larger than {limit // MB} MB）")
    return load(data, name, options)


def _listable(name: str) -> None:
    """A folder given where a file is read (a folder that could not be walked) says why it could not."""
    try:
        with os.scandir(name):
            pass
    except OSError as exc:
        why = "没有权限（permission denied）" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
        raise InputError(name, f"目录无法读取：{why}（cannot read the folder）") from None
