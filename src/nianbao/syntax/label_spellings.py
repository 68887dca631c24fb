"""Every way a label of the template may be written once spaces, line breaks and masks are
squeezed out: numbering optional where the rest is long enough (or bare, see `bare_numbers`),
quotes and list punctuation optional, known variants; all of them in one trie-shaped regex."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import product

from .. import template as T
from .bare_numbers import bare_numberings, stands_alone
from .literal_trie import trie_pattern
from .normalize import fold
from .squeezed import Squeezed


@cache
def label_objects() -> dict[str, T.Label]:
    return {label.full: label for labels in T.labels_by_terminal().values() for label in labels}


def _forms(text: str) -> list[str]:
    """Every way a label body may be written once spaces are gone: quotes and 、 optional."""
    options = []
    for ch in fold(text).replace(" ", ""):
        if ch in "\"'":
            options.append((ch, ""))
        elif ch in "、,":
            options.append(("、", ",", ""))
        else:
            options.append((ch,))
    return ["".join(p) for p in product(*options)]


def numberings(label: T.Label) -> list[str]:
    if not label.numbering:
        return [""]
    n = fold(label.numbering)
    forms = [n] if n.startswith("(") else [n[:-1] + c for c in "、.,"]  # "（一）" | "一、" "1." …
    forms += [f"({n[:-1]})"] if n[:-1].isdigit() else []  # "（1）属于国家秘密"
    return [*forms, ""] if label.numbering_optional else forms


def label_spellings(label: T.Label) -> set[str]:
    """All literal spellings of ``label`` once spaces, line breaks and masks are squeezed out."""
    bodies = {b for text in (label.text, *label.variants) for b in _forms(text)}
    suffixes = ["", *_forms(label.suffix)] if label.suffix else [""]
    return {n + b + s for n in numberings(label) for b in bodies for s in suffixes}


@cache
def label_regex() -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, bool], ...]], dict[str, int]]:
    """The regex of every label spelling; spelling → the canonical label texts it may stand for
    with whether it is the label's own wording (规范性文件 is V2019's row and V2021's old wording of
    行政规范性文件: the parser takes the one its template has); and the spellings that begin with a
    bare number (``1属于国家秘密``) → the number's length."""
    spelling: dict[str, list[tuple[str, bool]]] = {}
    labels = sorted(label_objects().items())
    for text, lab in labels:
        own = label_spellings(T.Label(lab.terminal, lab.text, lab.numbering, lab.suffix))
        for s in label_spellings(lab):
            spelling.setdefault(s, []).append((text, s in own))
    bare: dict[str, int] = {}
    for text, lab in labels:  # a spelling of another label's own comes first
        own = label_spellings(T.Label(lab.terminal, lab.text, "", lab.suffix))
        for n in bare_numberings(fold(lab.numbering)):
            for s in label_spellings(T.Label(lab.terminal, lab.text, "", lab.suffix, lab.variants)):
                if n + s not in spelling or n + s in bare:
                    spelling.setdefault(n + s, []).append((text, s in own))
                    bare[n + s] = len(n)
    # the label's own wording first
    frozen = {s: tuple(sorted(v, key=lambda tv: not tv[1])) for s, v in spelling.items()}
    return re.compile(trie_pattern(frozen)), frozen, bare


def label_matches(text: str, sq: Squeezed) -> Iterator[tuple[int, int, str]]:
    """Every label spelling in ``text`` (squeezed as ``sq``) as (start, end, spelling); a bare
    number is the label's only where it stands alone before it, else the label starts after it."""
    regex, _, bare = label_regex()
    for m in regex.finditer(sq.text):
        a, b, s = m.start(), m.end(), m.group()
        if (n := bare.get(s)) is not None:
            start, body = sq.offset(a), sq.offset(a + n)
            if not stands_alone(text, start, sq.offset(a + n - 1) + 1, body):
                if (rest := regex.match(sq.text, a + n)) is None or rest.group() in bare:
                    continue
                a, b, s = rest.start(), rest.end(), rest.group()
        yield a, b, s
