"""Which files a run reads: files as named, directories walked as ruff and ESLint walk them.

`expand` returns an `Expansion`: the files in a stable order, each once by real path; what the walk
passed over (special files, links out of the tree) and could not list; folders named that hold no
report file; and the Markdown files taken on condition that they read as reports (`TENTATIVE`),
which `runner.lint_many` drops when they are none.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .config.schema import TENTATIVE

if TYPE_CHECKING:
    from .runner import RunConfig


@dataclass(frozen=True)
class SkippedPath:
    """A path a directory walk passed over, and why: ``special`` (a FIFO, socket or device: reading
    it could block forever), ``symlink`` (a link out of the linted tree, not followed)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Expansion:
    """The files to lint, in a stable order, each once; and what the walk passed over or could not read."""

    files: list[str] = field(default_factory=list)
    skipped: list[SkippedPath] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (directory, why)
    empty: list[str] = field(default_factory=list)  # directories named that hold no report file
    # files the walk took only on condition that they read as reports (`TENTATIVE`: Markdown)
    tentative: frozenset[str] = frozenset()

    def __iter__(self) -> Iterator[str]:  # the files, as `expand` returned before it said more
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)


# Folders a walk never enters, whatever the configuration says (as ruff and ESLint skip them):
# tool caches and dependency trees. Hidden folders (.git, .venv …) and virtual environments
# (any folder with a pyvenv.cfg) are skipped too.
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "__pypackages__", "site-packages"})


def expand(paths: Sequence[str], run: RunConfig) -> Expansion:
    """The files to lint: files as given (existing or not), directories walked for the files their
    settings include and do not exclude, in sorted order; ``-`` for standard input. The same file
    named twice (``X.txt ./X.txt``, or a folder and a file in it) is linted once, where first named.

    A walk skips hidden folders, virtual environments, `SKIPPED_DIRS`, what ``.gitignore`` files
    ignore (unless ``run.respect_gitignore`` is off), special files, and links that lead out of the
    tree walked (unless ``run.follow_symlinks``)."""
    out = Expansion()
    seen: dict[str, str] = {}  # real path: the path linted
    tentative: set[str] = set()

    def add(path: str, walked: bool) -> None:
        key = path if path == "-" else os.path.realpath(path)
        if key not in seen:
            seen[key] = path
            out.files.append(path)
            if walked and any(fnmatch.fnmatch(os.path.basename(path).lower(), g) for g in TENTATIVE):
                tentative.add(path)
        elif not walked:
            tentative.discard(seen[key])  # named as well: linted whatever it is

    for p in paths:
        if p != "-" and Path(p).is_dir():
            before = len(out.files)
            for found in _walk(Path(p), run, out):
                add(found, True)
            if len(out.files) == before and not any(u[0] == p for u in out.unreadable):
                out.empty.append(p)
        else:
            add(p, False)
    return replace(out, tentative=frozenset(tentative))


def _walk(root: Path, run: RunConfig, out: Expansion) -> Iterator[str]:
    """The report files below ``root`` (depth first, sorted), noting in ``out`` what was passed over."""
    from .ignore import Gitignore

    settings = run.settings(str(root))
    ignored = Gitignore.above(root) if run.respect_gitignore else None
    tree = os.path.realpath(root)
    visited = {tree}  # real paths of the folders entered: a link cycle is entered once

    def inside(real: str) -> bool:
        return real == tree or real.startswith(tree.rstrip(os.sep) + os.sep)

    def onerror(exc: OSError) -> None:
        out.unreadable.append((exc.filename or str(root), exc.strerror or str(exc)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=run.follow_symlinks):
        visited.add(os.path.realpath(dirpath))
        if ignored is not None:
            ignored = ignored.enter(dirpath)
        keep = []
        for d in sorted(dirnames):
            path = os.path.join(dirpath, d)
            if d.startswith(".") or d in SKIPPED_DIRS or os.path.isfile(os.path.join(path, "pyvenv.cfg")):
                continue
            if settings.excludes(path, directory=True) or (
                ignored is not None and ignored.ignores(path, directory=True)
            ):
                continue
            if os.path.islink(path):
                real = os.path.realpath(path)
                if not run.follow_symlinks:
                    if not inside(real):
                        out.skipped.append(SkippedPath(path, "symlink"))
                    continue  # a link inside the tree: its folder is walked where it really is
                if real in visited:
                    continue
                visited.add(real)
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if not settings.includes(path) or settings.excludes(path, directory=False):
                continue
            if ignored is not None and ignored.ignores(path, directory=False):
                continue
            try:
                st = os.stat(path)  # follows a link: what would be read
            except OSError as exc:
                if os.path.islink(path):  # a dangling link is no report
                    continue
                out.unreadable.append((path, exc.strerror or str(exc)))
                continue
            if not stat.S_ISREG(st.st_mode):
                out.skipped.append(SkippedPath(path, "special"))
                continue
            if os.path.islink(path) and not run.follow_symlinks and not inside(os.path.realpath(path)):
                out.skipped.append(SkippedPath(path, "symlink"))
                continue
            yield path
