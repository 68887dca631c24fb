"""`FileResult` — what linting one file gave — and what every output format reads of it.

The helpers walk results in their given order (`_located`: each diagnostic with its position;
`_unreadable`: the files that could not be read) and keep names and messages on one line
(`line_safe`), so that every format in `nianbao.render.formats` says the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Located
from ..rules import REGISTRY, Rule, all_rules
from ..source import Source


@dataclass(frozen=True)
class FileResult:
    """What linting one file gave: its diagnostics, or why it could not be read."""

    path: str  # as the user named it
    source: Source | None  # None when the file could not be read
    diagnostics: tuple[Diagnostic, ...] = ()
    error: str | None = None  # why the file could not be read (then source is None)

    def __post_init__(self) -> None:
        if self.source is None and self.error is None:
            raise ValueError(f"{self.path}: a file without a source needs an error")
        if self.source is None and self.diagnostics:
            raise ValueError(f"{self.path}: diagnostics need the source they point into")

    @property
    def readable(self) -> bool:
        return self.source is not None


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _rule(code: str) -> Rule | None:
    if code not in REGISTRY:
        all_rules()  # loads the rule modules
    return REGISTRY.get(code)


def _url(d: Diagnostic, docs_url: str, lang: str) -> str:
    rule = _rule(d.code)
    return rule.url(docs_url, lang) if rule is not None else docs_url.format(code=d.code, name=d.name, lang=lang)


def _located(results: Sequence[FileResult]) -> Iterator[tuple[FileResult, Source, Located]]:
    """Every diagnostic with its position, files and diagnostics in the given order."""
    for r in results:
        if r.source is None:
            continue
        for d in r.diagnostics:
            yield r, r.source, Located.of(d, r.source)


def _unreadable(results: Sequence[FileResult]) -> list[FileResult]:
    return [r for r in results if not r.readable]


def _error(r: FileResult) -> str:
    return r.error or ""


# What a name must not carry into a line of output: control characters (a newline would start a
# line of its own, an escape sequence would drive the terminal), line and paragraph separators, and
# the bidirectional overrides that make a name read as another.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def line_safe(name: str) -> str:
    """A file name as one line shows it: the characters above escaped (``\\n``, ``\\x1b``,
    ``\\u202e``); any other name unchanged. Used wherever a format puts a name on a line."""
    return _UNSAFE.sub(_escaped, name)


def _escaped(m: re.Match[str]) -> str:
    c = m.group()
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def _lines(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def _where(loc: Located, lang: str) -> str:
    """`` [第3页第12行]`` after a message, for a Word or PDF file; nothing otherwise."""
    where = loc.where(lang)
    return f" [{where}]" if where else ""
