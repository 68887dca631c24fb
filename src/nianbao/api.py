"""The Python API: ``parse`` a report, ``lint`` it."""

from __future__ import annotations

import os

from .diagnostics import Diagnostic
from .load import decode, read_path
from .pipeline import Parsed, parse_source
from .rules import run_checks
from .source import Source
from .template import Version


def load(report: str | bytes | os.PathLike[str] | Source, *, path: str = "<string>") -> Source:
    """A `Source` from text, bytes, a path or a `Source`."""
    if isinstance(report, Source):
        return report
    if isinstance(report, bytes):
        return decode(report, path)
    if isinstance(report, os.PathLike):
        return read_path(report)
    return Source(path, report)


def parse(report: str | bytes | os.PathLike[str] | Source, *, version: Version | None = None) -> Parsed:
    """Parse a report (text, bytes, a ``pathlib.Path`` or a `Source`) into its typed tree.

    A ``str`` is taken as the report's text; pass a ``pathlib.Path`` to read a file.
    """
    return parse_source(load(report), version)


def lint(report: str | bytes | os.PathLike[str] | Source | Parsed) -> list[Diagnostic]:
    """All diagnostics for one report, in document order."""
    parsed = report if isinstance(report, Parsed) else parse(report)
    return run_checks(parsed)
