"""The lexer's vocabulary: the tokens it produces (`LexToken`), the regions it sets aside
(`OutOfBand`), and what the parser can take next, as the lexer needs it (`Accepts`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .. import template as T
from ..source import Span
from .scanner import Wording, label_texts


@dataclass(frozen=True, slots=True)
class LexToken:
    type: str  # grammar terminal
    start: int
    end: int
    label: str = ""  # canonical label text for label terminals; section number for headings
    fuzzy: bool = False  # a label recognised by similarity, not by its template wording
    wording: Wording = Wording.EXACT  # headings: how the title compares; labels: KNOWN for a variant
    numeral: str = ""  # headings: the numeral as written


@dataclass(frozen=True, slots=True)
class OutOfBand:
    """A region the parser never sees: web-page chrome (kept in the tree, reported as info)."""

    kind: str  # "page", "footer", "spam", "tail", "nav"
    span: Span


@dataclass(frozen=True)
class Accepts:
    """What the parser can take next, digested for the lexer (computed once per parser state)."""

    terms: frozenset[str]
    labels: dict[str, str]  # candidate label text → acceptable terminal
    heads: dict[str, str]  # section number → acceptable HEAD_n
    mode: str  # "text", "header" or "cells"
    families: frozenset[str]  # tables whose labels are acceptable here ("二", "三", "四")

    def also(self, outer: Accepts) -> Accepts:
        """These accepts with the labels ``outer`` takes too (a misplaced part's, with the report's)."""
        return _also(self, outer)

    @classmethod
    def of(cls, terms: frozenset[str]) -> Accepts:
        labels = {}
        for text, terminals in label_texts().items():
            for t in terminals:
                if t in terms:
                    labels[text] = t
                    break
        heads = {str(n): t for t in terms if (n := T.section_of(t))}
        families = frozenset(f for t in terms if (f := T.table_of_terminal(t)))
        if terms & {"NUM", "PLACEHOLDER", "BLANK"}:
            mode = "cells"
        elif "CELLTEXT" in terms:
            mode = "header"
        else:
            mode = "text"
        return cls(terms, labels, heads, mode, families)


@cache
def label_family(text: str) -> frozenset[str]:
    """The tables a label's text may belong to ("二", "三", "四")."""
    return frozenset(f for t in label_texts()[text] if (f := T.table_of_terminal(t)))


def best_terminal(terminals: tuple[str, ...], acc: Accepts) -> str:
    """Of the terminals a label may stand for, one of a table the parser takes here, else the first."""
    for t in terminals:
        if T.table_of_terminal(t) in acc.families:
            return t
    return terminals[0]


# (id, id) → (inner, outer, both): Accepts hold dicts (no hash); the pair is kept to keep the ids its own
_ALSO: dict[tuple[int, int], tuple[Accepts, Accepts, Accepts]] = {}


def _also(inner: Accepts, outer: Accepts) -> Accepts:
    hit = _ALSO.get((id(inner), id(outer)))
    if hit is not None and hit[0] is inner and hit[1] is outer:
        return hit[2]
    if outer.labels.keys() <= inner.labels.keys():
        both = inner
    else:
        labels = {**outer.labels, **inner.labels}
        both = Accepts(inner.terms, labels, inner.heads, inner.mode, inner.families | outer.families)
    if len(_ALSO) > 4096:
        _ALSO.clear()
    _ALSO[(id(inner), id(outer))] = (inner, outer, both)
    return both
