"""nianbao: parse and lint Chinese government information-disclosure annual reports (年报).

``nianbao.parse(pathlib.Path("report.html"))`` gives the typed tree (it raises `InputError` when
the file cannot be read); ``nianbao.lint(path_or_parsed)`` gives the diagnostics and never raises.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["InputError", "InternalError", "NianbaoError", "Options", "__version__", "lint", "parse"]

# Imported on first use: ``import nianbao`` (and so the CLI's start-up) stays cheap.
_LAZY = {
    "parse": "api",
    "lint": "api",
    "InputError": "errors",
    "InternalError": "errors",
    "NianbaoError": "errors",
    "Options": "inputs",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'nianbao' has no attribute {name!r}")
