"""The layout of the code, checked: what docs/ARCHITECTURE.md says about modules holds.

* every module states its contract in a docstring;
* a class name is used once in the package (two ``Misplaced`` or ``Skipped`` made readers and
  tracebacks ambiguous);
* Lark's objects stay at the parse boundary: only the parser's modules import it;
* modules stay small: at most 500 lines (a module over it is split by what it holds; a cap of
  its own in ``OVER_THE_LIMIT`` only while it is being split).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "nianbao"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 500
# A module being split may keep a cap of its own for a while, so that it shrinks and never grows.
OVER_THE_LIMIT: dict[str, int] = {}
LARK_MODULES = {"syntax/build.py", "syntax/grammar_cache.py", "syntax/parser.py", "syntax/grammar_gen.py"}


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"), str(path))


def test_the_package_is_found() -> None:
    assert len(MODULES) > 50 and (PACKAGE / "syntax" / "lexer.py") in MODULES


def test_every_module_has_a_docstring() -> None:
    missing = [_name(p) for p in MODULES if p.stat().st_size and not ast.get_docstring(_tree(p))]
    assert not missing


def test_class_names_are_unique() -> None:
    where: dict[str, list[str]] = defaultdict(list)
    for path in MODULES:
        for node in _tree(path).body:
            if isinstance(node, ast.ClassDef):
                where[node.name].append(_name(path))
    assert {name: paths for name, paths in where.items() if len(paths) > 1} == {}


def test_lark_is_imported_only_at_the_parse_boundary() -> None:
    importers = set()
    for path in MODULES:
        for node in ast.walk(_tree(path)):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else []
            )
            if any(n == "lark" or n.startswith("lark.") for n in names):
                importers.add(_name(path))
    assert importers <= LARK_MODULES


def test_modules_stay_small() -> None:
    sizes = {_name(p): len(p.read_text("utf-8").splitlines()) for p in MODULES}
    too_long = {n: s for n, s in sizes.items() if s > OVER_THE_LIMIT.get(n, MAX_LINES)}
    assert too_long == {}
    # a module under the limit again leaves the list
    assert all(sizes[n] > MAX_LINES for n in OVER_THE_LIMIT)
