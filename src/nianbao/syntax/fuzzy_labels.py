"""Row labels and header cells written otherwise than the template (OCR, local wordings), matched
to the one the parser expects by similarity: only where one candidate is clearly the closest."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import cache

from .. import template as T
from .cell_patterns import _HAN, _NUMBERING
from .label_tails import squeeze, wordings
from .lex_tokens import Accepts
from .normalize import MASK, fold
from .scanner import label, label_texts

_NUMBER_WITHOUT_DOT = re.compile(r"[0-9]{1,2}(?=[^0-9.、,])")


def similarity(text: str, wordings: Iterable[str]) -> float:
    """How close ``text`` comes to the closest of ``wordings`` (difflib's ratio, 0 to 1)."""
    return max((SequenceMatcher(None, text, w).ratio() for w in wordings), default=0.0)


def closer_to_row(terminal: str, read: str, more: str) -> bool:
    """Whether ``more`` (a row label read so far as ``read``, and its next piece) is one of the
    row's wordings, or closer to one than ``read`` is and close to it (a ratio of 0.8 at least)."""
    forms = wordings(terminal)
    near = similarity(squeeze(fold(more)), forms)
    return near >= 0.8 and near > similarity(squeeze(fold(read)), forms)


def fuzzy_header(stretch: str, acc: Accepts) -> tuple[str, str] | None:
    """A header cell a character away from one of the header labels the parser expects
    (OCR's "（未经夏议直接起诉）"), when no other label comes near it."""
    s = re.sub(rf"[ {MASK}\r\n()（）]", "", stretch)
    if not 4 <= len(s) <= 20 or not _HAN.search(s) or any(ch.isdigit() for ch in s):
        return None
    scored = sorted(
        (
            (SequenceMatcher(None, s, fold(label(text).text)).ratio(), terminal, text)
            for text, terminal in acc.labels.items()
            if T.role_of(terminal) in (T.Role.HEADER, T.Role.COLUMN) and len(text) >= 4
        ),
        reverse=True,
    )
    if not scored or scored[0][0] < 0.75 or (len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.15):
        return None
    return scored[0][1], scored[0][2]


def fuzzy_row(
    stretch: str, acc: Accepts, labels: dict[str, str] | None = None, alone: bool = False
) -> tuple[str, str] | None:
    """A row label written differently (``3.申请内容不明确``) matched to the expected one (or to one
    of ``labels``, label text → terminal, instead); a number without its dot (``3申请内容不明确``) is
    the label's own only when the stretch opens its line or pipe cell (``alone``) and the number is
    the label's."""
    s = re.sub(rf"[ {MASK}\r\n]", "", stretch)
    if len(s) < 3 or not _HAN.search(s):
        return None
    m = _NUMBERING.match(s) or (_NUMBER_WITHOUT_DOT.match(s) if alone else None)
    numbering = m.group() if m else ""
    bare = numbering.isdigit()
    body = s[len(numbering) :]
    best: tuple[float, str, str] | None = None
    other = 0.0  # the closest label of another number, by its words alone
    for text, terminal in (acc.labels if labels is None else labels).items():
        if T.role_of(terminal) not in (T.Role.ROW, T.Role.GROUP):
            continue
        lab = label(text)
        lab_num = fold(lab.numbering)
        # (with its remark too: "部分公开（区分处理的，…）" whole, a head and the tail run on)
        ratio = similarity(body, {fold(lab.text), fold(lab.text + lab.suffix)})
        # "3." and "3、" are the same number; "3." and "(三)" are not
        if numbering and lab_num and numbering.strip("()、.,") != lab_num.strip("()、.,"):
            other = max(other, ratio)
            continue
        if bare and not lab_num:
            continue
        threshold = 0.5 if numbering and lab_num else 0.75
        if ratio >= threshold and (best is None or ratio > best[0]):
            best = (ratio, terminal, text)
    # A number that is another row's, the words clearly that row's ("1.申请人逾期未按收费…" for row 2):
    # which row it is cannot be known, and its values are never the numbered row's.
    if best is not None and other >= 0.75 and other >= best[0] + 0.2:
        return None
    return (best[1], best[2]) if best else None


@cache
def strong_rows(families: frozenset[str]) -> dict[str, str]:
    """The rows of these tables that stand for structure wherever they are (table 三's)."""
    strong = T.strong_terminals()
    return {
        text: t
        for text, terms in label_texts().items()
        for t in terms[:1]
        if t in strong and T.role_of(t) is T.Role.ROW and T.table_of_terminal(t) in families
    }
