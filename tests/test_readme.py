"""The README's examples are true: each ``$ nianbao …`` block shows what the command prints today.

When the program's output changes on purpose, ``make readme`` rewrites the blocks (read the diff);
until then this test fails and says which block differs and how."""

from __future__ import annotations

import re

import readme  # bench/readme.py (bench/ is on sys.path, see conftest)
from conftest import ROOT


def test_readme_blocks_show_todays_output() -> None:
    found = readme.blocks((ROOT / "README.md").read_text("utf-8").splitlines())
    assert len(found) >= 8
    problems = readme.check()
    assert problems == [], "README.md shows other output than the program (make readme rewrites it):\n\n" + "\n\n".join(
        problems
    )


def test_readme_names_only_files_that_are_shipped() -> None:
    for block in readme.blocks((ROOT / "README.md").read_text("utf-8").splitlines()):
        for word in block.command.split():
            if re.search(r"/|\.txt$", word) and not word.startswith("-"):
                assert (ROOT / word).exists(), f"{word} in $ {block.command}"


def test_selections() -> None:
    lines = [str(i) for i in range(1, 11)]
    assert readme.select(lines, "head 3") == ["1", "2", "3", "…"]
    assert readme.select(lines, "lines 2-3, 9-10") == ["…", "2", "3", "…", "9", "10"]
    assert readme.select(lines, "grep ^1") == ["1", "…", "10"]
    assert readme.select(lines, "head 2; last 1") == ["1", "2", "…", "10"]
    assert readme.select(lines, "") == lines
