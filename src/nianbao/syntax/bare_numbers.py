"""Row numbers written without their punctuation: OCR and some converters drop the dot or the 、
(``1 属于国家秘密``, ``一 本年新收政府信息公开申请数量``).

A bare number is the label's own only where it can be nothing else: at the start of a line or of
a pipe cell, with the label's words after it on the same line and in the same cell. Anywhere else
(``… 0 0 1 属于国家秘密`` in run-on text, or a value alone on the line above the label) the digit
may be the previous row's value, and it is left to the cell reader."""

from __future__ import annotations

from .normalize import MASK

# what stands between two words of one line and one cell (no-break, en, em, thin spaces as written)
SPACES = frozenset(f" \t\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f{MASK}")
_OPENS = frozenset("\n\r|")


def spaces_only(text: str, start: int, end: int) -> bool:
    """Whether only spaces stand in ``text[start:end]`` (no line break, no cell border)."""
    return all(ch in SPACES for ch in text[start:end])


def bare_numberings(numbering: str) -> list[str]:
    """The bare forms of a (folded) numbering: ``1.`` → ``1``, ``一、`` → ``一``; none for ``(一)``."""
    return [numbering[:-1]] if len(numbering) > 1 and numbering[-1] in "、.," else []


def opens_cell(text: str, p: int) -> bool:
    """Whether ``p`` opens its line or pipe cell of ``text`` (only spaces before it there)."""
    i = p - 1
    while i >= 0 and text[i] in SPACES:
        i -= 1
    return i < 0 or text[i] in _OPENS


def stands_alone(text: str, number_start: int, number_end: int, body_start: int) -> bool:
    """Whether the number at ``[number_start, number_end)`` of ``text`` opens its line or pipe cell
    and only spaces stand between it and the label's words at ``body_start``."""
    return spaces_only(text, number_end, body_start) and opens_cell(text, number_start)
