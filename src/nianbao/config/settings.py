"""The effective settings (`Settings`): which rules run where, at which severity, on which files.

A rule runs when the most specific selector of ``select`` + ``extend-select`` that matches it is
more specific than the most specific matching selector of ``ignore``, and no ``per-file-ignores``
entry for the file matches it; globs follow git's rules, relative to the configuration's folder.
`show` prints the settings as TOML with the origin of each value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Severity
from ..links import local_docs_url
from .schema import DEFAULT, INCLUDE, KINDS, ConfigError, _frozen, _pattern, _resolve, _toml, _unknown_selector


@dataclass(frozen=True)
class Settings:
    """The effective configuration; ``Settings()`` is the default one."""

    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=lambda: _frozen({}))
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _frozen({}))
    template: str = "auto"
    organ_kind: str = "auto"
    include: tuple[str, ...] = INCLUDE
    exclude: tuple[str, ...] = ()
    lang: str = "zh"
    docs_url: str = field(default_factory=local_docs_url)
    encoding: str = "auto"  # or a codec name: read every file in it instead of detecting
    max_file_size: int = 20  # megabytes; larger files are refused
    organs: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _frozen({}))  # canonical → other names
    copied_text_threshold: float = 0.5  # C201: similarity from which two narrative sections are a copy
    root: Path | None = None  # directory of the configuration file used; globs are relative to it
    origins: Mapping[str, str] = field(default_factory=lambda: _frozen(dict.fromkeys(KINDS, DEFAULT)))

    def enabled(self, code: str, path: str | Path | None = None) -> bool:
        """Whether rule ``code`` runs (for the file ``path``, when given: per-file-ignores apply)."""
        if _specificity(code, (*self.select, *self.extend_select)) <= _specificity(code, self.ignore):
            return False
        if path is None:
            return True
        return not any(
            _specificity(code, selectors) >= 0 and _glob_matches(glob, path, self.root)
            for glob, selectors in self.per_file_ignores.items()
        )

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The severity of rule ``code``: the most specific matching override (the later one on a tie)."""
        best, result = -1, default
        for selector, severity in self.severity.items():
            s = _specificity(code, (selector,))
            if s >= 0 and s >= best:
                best, result = s, severity
        return result

    def includes(self, path: str | Path) -> bool:
        """Whether a file found while recursing into a directory is linted (matches ``include``)."""
        return any(_glob_matches(glob, path, self.root) for glob in self.include)

    def excludes(self, path: str | Path, directory: bool | None = None) -> bool:
        """Whether a file or directory is skipped while recursing (matches ``exclude``);
        ``directory`` None: look at the file system."""
        if not self.exclude:
            return False
        folder = os.path.isdir(path) if directory is None else directory
        return any(_glob_matches(glob, path, self.root, folder) for glob in self.exclude)


def _specificity(code: str, selectors: tuple[str, ...]) -> int:
    """How specific the most specific selector matching ``code`` is; -1 when none matches."""
    best = -1
    for selector in selectors:
        prefix = _resolve(selector)
        if prefix is None:
            raise ConfigError(_unknown_selector(selector))
        if code.startswith(prefix):
            best = max(best, len(prefix))
    return best


def _glob_matches(glob: str, path: str | Path, base: Path | None, directory: bool = False) -> bool:
    """Git's wildcard rules (``pathspec``), as in ``.gitignore``: ``*`` stops at ``/``, ``**``
    crosses folders, a glob without ``/`` matches the name at any depth, one with a ``/`` is
    relative to ``base`` (else the current directory); an absolute glob to the root."""
    absolute = os.path.abspath(path)
    if os.path.isabs(glob):
        return _pattern(glob.lstrip("/")).match_file(Path(absolute).as_posix().lstrip("/"))
    rel = os.path.relpath(absolute, os.path.abspath(base or Path.cwd())).replace(os.sep, "/")
    if rel == ".." or rel.startswith("../"):  # outside the configuration's folder: only a name can match
        return "/" not in glob.rstrip("/") and _pattern(glob).match_file(os.path.basename(absolute))
    return _pattern(glob).match_file(rel + "/" if directory else rel)


def show(settings: Settings) -> str:
    """The effective settings as TOML, one ``key = value  # origin`` line per key, in a fixed order."""
    lines = []
    for key in KINDS:
        value = getattr(settings, key.replace("-", "_"))
        lines.append(f"{key} = {_toml(value)}  # {settings.origins.get(key, DEFAULT)}")
    return "\n".join(lines) + "\n"
