"""Which characters of a changed narrative sentence differ from its counterpart on the other side.

`changed_runs` gives the ranges of one side's (folded) text that ``nianbao diff`` marks as changed:
short islands of common characters between two changes are absorbed, and a range never cuts a number.
"""

from __future__ import annotations

import difflib

from .diff import Side


def changed_runs(mine: str, other: str, side: Side) -> list[tuple[int, int]]:
    """Ranges of ``mine`` that differ from ``other``; matches of one or two characters between two
    changes count as changed, or common characters (的, ，) would chop a rewritten clause into bits.
    A range that cuts a number is widened to the whole number (254 → 262, not 2[54] → 2[62])."""
    if not other:
        return [(0, len(mine))] if mine else []
    a, b = (mine, other) if side == "a" else (other, mine)
    blocks = [m for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size]
    kept = [m for m in blocks if m.size > 2 or _at_edge(m, a, b)]
    runs: list[tuple[int, int]] = []
    pos = 0
    for m in kept:
        start = m.a if side == "a" else m.b
        if start > pos:
            runs.append(_whole_numbers(mine, pos, start))
        pos = start + m.size
    if pos < len(mine):
        runs.append(_whole_numbers(mine, pos, len(mine)))
    merged: list[tuple[int, int]] = []
    for start, end in runs:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _whole_numbers(s: str, start: int, end: int) -> tuple[int, int]:
    while 0 < start < len(s) and _number_char(s[start - 1]) and _number_char(s[start]):
        start -= 1
    while 0 < end < len(s) and _number_char(s[end - 1]) and _number_char(s[end]):
        end += 1
    return start, end


def _number_char(ch: str) -> bool:
    return ch.isdigit() or ch == "."


def _at_edge(m: difflib.Match, a: str, b: str) -> bool:
    # A short match at the start or end of both passages is no island between changes.
    return (m.a == 0 and m.b == 0) or (m.a + m.size == len(a) and m.b + m.size == len(b))
