"""The Python API: ``parse`` a report, ``lint`` it.

``parse`` raises only `InputError` (the report cannot be read) and `InternalError` (a fault of
nianbao's, with the original exception as its cause); ``lint`` raises nothing: it reports both as
diagnostics, E001 unreadable-input and E900 internal-error, at the start of the report.
"""

from __future__ import annotations

import os

from .diagnostics import Diagnostic, Severity
from .errors import InputError, InternalError
from .inputs import Options
from .load import decode, read_path
from .pipeline import Parsed, parse_source
from .rules import run_checks
from .source import Source, Span
from .template import Version

Report = str | bytes | os.PathLike[str] | Source


def load(report: Report, *, path: str = "<string>", options: Options | None = None) -> Source:
    """A `Source` from text, bytes (of any supported form), a path or a `Source`."""
    if isinstance(report, Source):
        return report
    if isinstance(report, bytes):
        return decode(report, path, options)
    if isinstance(report, os.PathLike):
        return read_path(report, options)
    if isinstance(report, str):
        return Source(path, report)
    raise TypeError(f"expected text, bytes, a path or a Source, not {type(report).__name__}")


def parse(report: Report, *, version: Version | None = None, options: Options | None = None) -> Parsed:
    """Parse a report (text, bytes, a ``pathlib.Path`` or a `Source`) into its typed tree.

    A ``str`` is taken as the report's text; pass a ``pathlib.Path`` to read a file.
    """
    source = load(report, options=options)
    try:
        return parse_source(source, version)
    except Exception as exc:  # never the input's fault: every input has a tree
        raise InternalError(source.path, exc) from exc


def lint(report: Report | Parsed, *, organ_kind: str = "auto", options: Options | None = None) -> list[Diagnostic]:
    """All diagnostics for one report, in document order. Never raises for any input."""
    path = report.source.path if isinstance(report, Parsed) else _name(report)
    try:
        parsed = report if isinstance(report, Parsed) else parse(report, options=options)
        return run_checks(parsed, organ_kind)
    except InputError as exc:
        return [_system("E001", "unreadable-input", f"无法读取：{exc.message}", f"cannot be read: {exc.message}")]
    except Exception as exc:
        cause = exc.__cause__ if isinstance(exc, InternalError) and exc.__cause__ else exc
        what = f"{type(cause).__name__}: {cause}"
        zh, en = f"nianbao 内部错误（{path}）：{what}", f"internal error ({path}): {what}"
        return [_system("E900", "internal-error", zh, en)]


def _name(report: Report) -> str:
    if isinstance(report, Source):
        return report.path
    if isinstance(report, os.PathLike):
        return os.fspath(report)
    return "<string>" if isinstance(report, str) else "<bytes>"


def _system(code: str, name: str, zh: str, en: str) -> Diagnostic:
    return Diagnostic(code, name, Severity.ERROR, zh, Span(0, 0), message_en=en)
