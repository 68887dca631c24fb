"""What every reader of an input form shares: the forms, the `Options` and the text bounds.

`Options` carry the encoding override and the limits that keep a hostile or broken file from
exhausting the machine. Every extractor calls `check_text` on the text it made (or `check_lines`
on a line count it knows first) before building its `Source`; both raise `InputError`, the one
exception for input that cannot be read. This module imports nothing of the package, so that
the form modules and the package's dispatcher can all import it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError

__all__ = ["FORMS", "MB", "InputError", "Options", "check_lines", "check_text", "line_count"]

FORMS = ("text", "html", "docx", "pdf", "doc")
MB = 1024 * 1024


@dataclass(frozen=True)
class Options:
    """How to read inputs; the limits keep a hostile or broken file from exhausting the machine."""

    encoding: str | None = None  # a codec name to use instead of detection (``--encoding``)
    max_bytes: int = 20 * MB  # the file as stored
    max_unpacked: int = 100 * MB  # the parts of a .docx (a zip) once decompressed, together
    max_pages: int = 500  # of a PDF
    max_depth: int = 256  # element nesting of an HTML page
    max_tags: int = 200_000  # of an HTML page: a report's page has a few thousand; memory grows with them
    # The text read, whatever the form: reports have 2,000-40,000 characters and up to 3,000 lines.
    # Under these limits the whole pipeline took at most 8.3 s and 134 MB (docs/RELIABILITY.md).
    max_chars: int = 500_000
    max_lines: int = 100_000


def line_count(text: str) -> int:
    """Lines of ``text`` as `nianbao.source.LineIndex` counts them (``\r\n``, ``\r`` and ``\n`` end one)."""
    return text.count("\n") + text.count("\r") - text.count("\r\n") + 1


def check_text(text: str, path: str, options: Options) -> None:
    """Refuse a text of more characters or lines than the limits, before anything is built on it."""
    if len(text) > options.max_chars:
        n = options.max_chars
        raise InputError(path, f"文字超过 {n:,} 个字符上限（text longer than {n:,} characters）")
    check_lines(line_count(text), path, options)


def check_lines(count: int, path: str, options: Options) -> None:
    """Refuse more lines than ``Options.max_lines`` (of a text, or of a page whose positions are shown)."""
    if count > options.max_lines:
        n = options.max_lines
        raise InputError(path, f"文字超过 {n:,} 行上限（text of more than {n:,} lines）")
