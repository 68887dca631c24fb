"""nianbao: parse and lint Chinese government information-disclosure annual reports (年报).

``nianbao.parse(pathlib.Path("report.html"))`` gives the typed tree (it raises `InputError` when
the file cannot be read); ``nianbao.lint_path("report.txt")`` / ``nianbao.lint_text(text)`` give
the diagnostics and never raise for a report; ``nianbao.lint_paths(["reports/"])`` is the run of
``nianbao lint``: directories walked, settings applied, reports compared across years. See
docs/API.md.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = [
    "FileResult",
    "InputError",
    "InternalError",
    "NianbaoError",
    "Options",
    "__version__",
    "lint",
    "lint_path",
    "lint_paths",
    "lint_text",
    "parse",
]

# Imported on first use: ``import nianbao`` (and so the CLI's start-up) stays cheap.
_LAZY = {
    "parse": "api",
    "lint": "api",
    "lint_text": "api",
    "lint_path": "api",
    "lint_paths": "api",
    "FileResult": "render.formats",
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


def __dir__() -> list[str]:  # the lazy names too, for dir(), completion and help()
    return sorted({*globals(), *_LAZY})
