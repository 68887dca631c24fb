"""Line breaking for Chinese text in terminal views (the rules of clreq and JIS X 4051, simply).

Rich breaks lines at spaces and folds a "word" longer than the line anywhere; Chinese has no
spaces, so a diagnostic code stood alone on its line, followed by the message folded at the width,
a closing ``”`` alone on the next. `CJKText` breaks between any two Chinese characters instead, but

* never before closing punctuation (``，。、；：？！”’）》」』】…``): it stays at the line's end;
* never after opening punctuation (``“‘（《「『【``): it goes to the next line with what it opens;
* never inside a run of Latin letters, digits and their punctuation (``T201``, ``49+42+3``,
  ``2020-03-25``, a path), unless the run alone is longer than the line;
* at a space when there is one, dropping it.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

NO_START = frozenset("，。、；：？！”’）》」』】〕〉…—·%,.;:?!)]}")  # may not begin a line
NO_END = frozenset("“‘（《「『【〔〈([{")  # may not end a line


def _word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "._-+/:#%=@&*'")


def break_points(text: str, width: int) -> list[int]:
    """Offsets at which to start new lines so that each line fits ``width`` cells (where it can)."""
    if width <= 0:
        return []
    points: list[int] = []
    start, used, i, n = 0, 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            points.append(i + 1)
            start, used, i = i + 1, 0, i + 1
            continue
        w = cell_len(ch)
        if used + w <= width or i == start:
            used += w
            i += 1
            continue
        cut = _cut(text, start, i)
        points.append(cut)
        start, i = cut, cut
        while i < n and text[i] == " ":  # a space at the break is dropped
            i += 1
        start, used = i, 0
        if i > cut:
            points[-1] = i
    return points


def _cut(text: str, start: int, i: int) -> int:
    """Where to break a line from ``start`` whose character ``i`` does not fit."""
    cut = i
    space = text.rfind(" ", start, i + 1)
    if space > start and not text[start:space].isspace() and _all_ascii(text[space + 1 : i + 1]):
        return space + 1 if text[space + 1 : i + 1] else i  # break at the space before a Latin word
    # not inside a Latin word or number
    while cut > start and _word_char(text[cut - 1]) and cut < len(text) and _word_char(text[cut]):
        cut -= 1
    # closing punctuation stays with what it closes; an opener goes with what it opens
    while cut > start and cut < len(text) and text[cut] in NO_START:
        cut -= 1
    while cut > start + 1 and text[cut - 1] in NO_END:
        cut -= 1
    return cut if cut > start else i  # nothing better: break where the line is full


def _all_ascii(s: str) -> bool:
    return all(_word_char(c) for c in s)


class CJKText:
    """A `rich.text.Text` wrapped by `break_points` at the width it is given, styles kept."""

    def __init__(self, text: Text | str, style: str = "") -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        longest_word = max((cell_len(w) for w in _words(self.text.plain)), default=1)
        return Measurement(min(longest_word, widest) or 1, widest or 1)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        points = break_points(self.text.plain, options.max_width)
        for line in self.text.divide(points):
            line.rstrip()
            line.remove_suffix("\n")
            line.no_wrap = True
            line.overflow = "crop"
            yield line


def _words(text: str) -> list[str]:
    """The pieces a line can never be broken inside: Latin runs, each other character."""
    out: list[str] = []
    run = ""
    for ch in text:
        if _word_char(ch):
            run += ch
            continue
        if run:
            out.append(run)
            run = ""
        if not ch.isspace():
            out.append(ch)
    if run:
        out.append(run)
    return out
