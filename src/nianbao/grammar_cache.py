"""The LALR parser of ``grammar/report.lark``, built once and cached per user.

The cache is a pickle, so it lives only where no one else can write: a per-user directory
(``$NIANBAO_CACHE_DIR``, else ``$XDG_CACHE_HOME/nianbao``, else ``~/.cache/nianbao``) created
with mode 0700, in a file named after nianbao's version and a hash of the grammar and of Lark's
version. A file that is not ours, is writable by others, or fails to load is ignored and the
parser rebuilt (it takes a few hundred milliseconds). Lark's own ``cache=True`` is not used: it
writes a predictable pickle into the shared temporary directory.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import io
import os
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

GRAMMAR_FILE = "report.lark"


def start_symbols() -> list[str]:
    """The start symbols: a report of each version, and the parts parsed on their own when they turn
    up out of place (named by the grammar's writer, `grammar_gen`)."""
    from .grammar_gen import start_symbols

    return start_symbols()


def grammar_text() -> str:
    return (importlib.resources.files("nianbao.grammar") / GRAMMAR_FILE).read_text("utf-8")


def _options(strict: bool = False) -> dict[str, Any]:
    return {
        "parser": "lalr",
        "lexer": "basic",  # never run: nianbao's own lexer feeds the parser token by token
        "maybe_placeholders": False,
        "start": start_symbols(),
        "strict": strict,
    }


def build(strict: bool = False) -> Any:
    """Build the Lark parser from the grammar (``strict`` refuses any conflict; used in tests)."""
    from lark import Lark

    return Lark(grammar_text(), **_options(strict))


def cache_dir() -> Path:
    env = os.environ.get("NIANBAO_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "nianbao"


def _cache_file() -> Path:
    import lark

    from . import __version__

    digest = hashlib.sha256(
        (grammar_text() + repr(sorted(_options().items())) + lark.__version__ + sys.version).encode()
    ).hexdigest()[:16]
    return cache_dir() / f"parser-{__version__}-{digest}.pickle"


def _safe_to_load(path: Path) -> bool:
    try:
        st = path.stat()
        parent = path.parent.stat()
    except OSError:
        return False
    uid = os.getuid() if hasattr(os, "getuid") else None
    if uid is not None and (st.st_uid != uid or parent.st_uid != uid):
        return False
    writable_by_others = stat.S_IWGRP | stat.S_IWOTH
    return not (st.st_mode & writable_by_others or parent.st_mode & writable_by_others)


@cache
def parser() -> Any:
    """The parser, from the per-user cache when possible."""
    from lark import Lark

    path = _cache_file()
    if path.is_file() and _safe_to_load(path):
        try:
            with path.open("rb") as fh:
                return Lark.load(fh)
        except Exception:  # a corrupt or stale cache is not an error: rebuild it below
            pass
    lark_parser = build()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        buf = io.BytesIO()
        lark_parser.save(buf)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".parser-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(buf.getvalue())
        os.replace(tmp, path)
    except OSError:  # a read-only home is fine: we just do not cache
        pass
    return lark_parser
