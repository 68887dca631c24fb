"""The command outputs shown in README.md, checked against the program (or rewritten from it).

    .venv/bin/python bench/readme.py           # say which blocks differ (exit 1 if any)
    .venv/bin/python bench/readme.py --write   # rewrite them (make readme), then read the diff

A block is a fenced code block whose first line is ``$ nianbao …`` (optionally piped into
``grep PATTERN`` or ``head -N``); the lines after it are the output, run from the repository's
root with ``COLUMNS=100``, no colour, the default language and no configuration but the
repository's. An HTML comment on the line before the fence chooses what the block shows of a
long output, and an elided stretch is a line ``…``:

    <!-- readme: lines 1-8, 20-22 -->   these lines (1-based) of the output
    <!-- readme: head 12 -->           the first 12 lines
    <!-- readme: grep A10[12] -->      the lines that match the regular expression
    <!-- readme: head 3; last 1 -->    clauses together, separated by ";"

tests/test_readme.py runs `check`, so that the README cannot drift from the program; the lead
refreshes it on purpose with ``make readme`` when the program's output changes.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
WIDTH = 100
ELIDED = "…"
_SELECT = re.compile(r"<!--\s*readme:\s*(.*?)\s*-->")


@dataclass(frozen=True)
class Block:
    start: int  # index of the line after the fence (the "$ " line)
    end: int  # index of the closing fence
    command: str
    selection: str  # "" for the whole output
    shown: list[str]  # the output as the README shows it


def blocks(lines: list[str]) -> list[Block]:
    out = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("```") and i + 1 < len(lines) and lines[i + 1].startswith("$ nianbao "):
            end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
            m = _SELECT.fullmatch(lines[i - 1].strip()) if i > 0 else None
            out.append(Block(i + 1, end, lines[i + 1][2:], m.group(1) if m else "", lines[i + 2 : end]))
            i = end
        i += 1
    return out


def run(command: str) -> list[str]:
    """The output of a README command line, as a terminal of `WIDTH` columns without colour shows it."""
    from click.testing import CliRunner

    from nianbao.cli import main

    stages = [shlex.split(part) for part in command.split(" | ")]
    args = stages[0][1:]  # without "nianbao"
    env = {"COLUMNS": str(WIDTH), "NO_COLOR": "1", "LANG": "C.UTF-8", "LC_ALL": "", "NIANBAO_LANG": ""}
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, args, env=env)
    finally:
        os.chdir(here)
    lines = [line.rstrip() for line in (result.stdout or "").splitlines()]
    for stage in stages[1:]:
        if stage[0] == "grep":
            lines = [line for line in lines if re.search(stage[1], line)]
        elif stage[0] == "head":
            lines = lines[: int(stage[1].lstrip("-n") or 10)]
        else:
            raise ValueError(f"README command: cannot run {' '.join(stage)!r}")
    return lines


def select(lines: list[str], selection: str) -> list[str]:
    """What a block shows of ``lines``: the selection, with ``…`` where lines are left out."""
    if not selection:
        return lines
    keep: list[int] = []
    for clause in selection.split(";"):
        kind, _, rest = clause.strip().partition(" ")
        if kind == "head":
            keep += range(min(int(rest), len(lines)))
        elif kind == "last":
            keep += range(max(0, len(lines) - int(rest)), len(lines))
        elif kind == "lines":
            for part in rest.split(","):
                a, _, b = part.strip().partition("-")
                keep += range(int(a) - 1, min(int(b or a), len(lines)))
        elif kind == "grep":
            keep += [i for i, line in enumerate(lines) if re.search(rest, line)]
        else:
            raise ValueError(f"unknown README selection {selection!r}")
    keep = sorted(set(keep))
    out: list[str] = []
    previous = -1
    for i in keep:
        if i != previous + 1:
            out.append(ELIDED)
        out.append(lines[i])
        previous = i
    if previous != len(lines) - 1:
        out.append(ELIDED)
    return out


def check(path: Path = README) -> list[str]:
    """One message per block that does not show what its command prints today."""
    problems = []
    for b in blocks(path.read_text("utf-8").splitlines()):
        expected = select(run(b.command), b.selection)
        shown = [line.rstrip() for line in b.shown]
        if shown != expected:
            diff = "\n".join(difflib.unified_diff(shown, expected, "README", "program", lineterm="", n=1))
            problems.append(f"$ {b.command}\n{diff}")
    return problems


def write(path: Path = README) -> int:
    """Rewrite every block from the program; the number of blocks changed."""
    lines = path.read_text("utf-8").splitlines()
    changed = 0
    for b in reversed(blocks(lines)):
        expected = select(run(b.command), b.selection)
        if [line.rstrip() for line in b.shown] != expected:
            lines[b.start + 1 : b.end] = expected
            changed += 1
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return changed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="rewrite the blocks from the program")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    if args.write:
        print(f"README.md: {write()} block(s) rewritten")
        return
    problems = check()
    for p in problems:
        print(p, end="\n\n")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
