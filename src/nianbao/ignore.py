"""What ``.gitignore`` files ignore, for directory walks (as ruff and ESLint honour them).

The files read: ``.git/info/exclude`` and every ``.gitignore`` from the repository's root (the
closest folder above the walk holding ``.git``; none when the walk is not in a repository) down
to the folders walked. A deeper file's patterns win over a shallower one's, and a later pattern
over an earlier one, ``!`` negations included, as git decides. Patterns are git's (``pathspec``'s
``gitignore`` flavour): ``*`` stops at ``/``, ``**`` crosses folders, a trailing ``/`` matches
folders only, a pattern with a ``/`` is anchored to its file's folder.

An unreadable ``.gitignore`` is treated as empty: it hides nothing rather than stopping the run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pathspec


@dataclass(frozen=True)
class _Layer:
    base: str  # the folder the patterns are relative to
    spec: pathspec.GitIgnoreSpec


def _read(path: str, base: str) -> _Layer | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    spec = pathspec.GitIgnoreSpec.from_lines(_valid(lines))
    return _Layer(base, spec) if len(spec) else None


def _valid(lines: list[str]) -> list[str]:
    """The lines git would use: a pattern it cannot read (a lone ``!``, a trailing ``\\``) is passed over."""
    out = []
    for line in lines:
        try:
            pathspec.GitIgnoreSpec.from_lines([line])
        except ValueError:
            continue
        out.append(line)
    return out


def repository_root(start: Path) -> Path | None:
    """The closest folder at or above ``start`` that holds ``.git`` (a folder, or a file in a worktree)."""
    here = Path(os.path.abspath(start))
    for directory in (here, *here.parents):
        if (directory / ".git").exists():
            return directory
    return None


class Gitignore:
    """The ignore files in force in each folder of one walk, entered top down."""

    def __init__(self, outer: tuple[_Layer, ...]) -> None:
        self._outer = outer
        self._layers: dict[str, tuple[_Layer, ...]] = {}

    @classmethod
    def above(cls, root: Path) -> Gitignore:
        """The files that apply to ``root`` from above it: the repository's exclude file and the
        ``.gitignore`` of every folder from the repository's root down to ``root``'s parent."""
        top = repository_root(root)
        layers: list[_Layer] = []
        if top is not None:
            exclude = _read(str(top / ".git" / "info" / "exclude"), str(top))
            if exclude is not None:
                layers.append(exclude)
            here = Path(os.path.abspath(root))
            chain = [d for d in (here.parent, *here.parents) if d == top or top in d.parents]
            for directory in reversed(chain):
                layer = _read(str(directory / ".gitignore"), str(directory))
                if layer is not None:
                    layers.append(layer)
        return cls(tuple(layers))

    def enter(self, dirpath: str) -> Gitignore:
        """Take the ``.gitignore`` of ``dirpath`` (a folder being walked) into account."""
        key = os.path.abspath(dirpath)
        parent = self._layers.get(os.path.dirname(key), self._outer)
        own = _read(os.path.join(key, ".gitignore"), key)
        self._layers[key] = (*parent, own) if own is not None else parent
        return self

    def ignores(self, path: str, *, directory: bool) -> bool:
        """Whether ``path`` (in a folder entered) is ignored."""
        absolute = os.path.abspath(path)
        layers = self._layers.get(os.path.dirname(absolute), self._outer)
        for layer in reversed(layers):  # the deepest file that has a say decides
            rel = os.path.relpath(absolute, layer.base).replace(os.sep, "/")
            result = layer.spec.check_file(rel + "/" if directory else rel)
            if result.include is not None:
                return bool(result.include)
        return False
