"""A text without its spaces, line breaks and masks, mapped back to the full text's offsets: label
words are matched on it fast and whatever stray spaces stand between their characters."""

from __future__ import annotations

import re
from bisect import bisect_right

from .normalize import MASK

# Two line breaks inside a match mean it joined separate cells: not a label.
PARAGRAPH_BREAK = re.compile(rf"(?:\r\n|\r(?!\n)|\n)[ {MASK}]*(?:\r\n|\r(?!\n)|\n)")  # a lone \r of \r\n is no break


class Squeezed:
    """A text without some characters (by default spaces, line breaks and masks), with a map back
    to offsets of the full text. Matching label words on it is fast and ignores stray spaces."""

    def __init__(self, text: str, drop: str = rf" \r\n{MASK}") -> None:
        self.run_starts: list[int] = []  # offset in text of each run
        self.sq_starts: list[int] = []  # offset in squeezed text of each run
        parts = []
        n = 0
        for m in re.finditer(rf"[^{drop}]+", text):
            self.run_starts.append(m.start())
            self.sq_starts.append(n)
            parts.append(m.group())
            n += m.end() - m.start()
        self.text = "".join(parts)

    def offset(self, i: int) -> int:
        """Offset in the full text of character ``i`` of the squeezed text."""
        j = bisect_right(self.sq_starts, i) - 1
        return self.run_starts[j] + i - self.sq_starts[j]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Full-text span of the squeezed ``[start, end)`` (``end > start``)."""
        return self.offset(start), self.offset(end - 1) + 1
