"""Which lines of the text are a row's: its label's, and those of its values, up to a line that
opens another row whose label went unread (its values are never this row's cells), and whether
digits follow the label where no value was read (the row is then unreadable, never blank)."""

from __future__ import annotations

import re

from .. import template as T
from ..source import Source, Span
from .cell_patterns import _HAN, _NUM, _PLACEHOLDER, unnumbered
from .fuzzy_labels import closer_to_row
from .nodes import Row, Token
from .normalize import MASK
from .raw_values import RawValue


def label_end(row: Row) -> int | None:
    """Where the row's label token ends (``None`` for a row without one: table 四's values)."""
    first = row.children[0] if row.children else None
    if isinstance(first, Token) and first.terminal not in T.VALUE_TERMINALS:
        return first.span.end
    return None


def _first_field(text: str, start: int, end: int) -> str | None:
    """The first cell of the delimited line ``text[start:end]`` (None: a line without borders)."""
    line = text[start:end].strip(" " + MASK)
    if line.count("|") + line.count("\t") < 3:
        return None  # (a "|" in a sentence of a one-line body is no border)
    line = line[1:] if line.startswith("|") else line
    cut = min((i for i in (line.find("|"), line.find("\t")) if i >= 0), default=-1)
    return line[:cut].strip(" " + MASK) if 0 <= cut <= 60 else None


_NUMBER_OF_NEXT = re.compile(r"[0-9]{1,2}[.、．,]?[ \u3000]*\Z")


def digits_after(layout: Source, anchor: Span) -> bool:
    """Whether digits follow the row's label on its line before any word (",0,0,…" that the lexer
    took for prose): the row has values, unread."""
    line = layout.lines.line_span(layout.lines.line_of(max(anchor.start, anchor.end - 1)))
    rest = layout.text[anchor.end : line.end]
    word = _HAN.search(rest)
    before = rest[: word.start()] if word else rest
    before = _NUMBER_OF_NEXT.sub("", before) if word else before  # ("2.其他法律…": the next row's number)
    return any(ch.isdigit() for ch in before)


def row_words(text: str) -> bool:
    """Whether ``text`` is the words of a row's label: three Han characters or more, no digit after
    the row's number ("1.本某某某", a row the template may not know)."""
    words = unnumbered(text)
    return len(_HAN.findall(words)) >= 3 and not any(ch.isdigit() for ch in words)


def _words_alone(text: str, line: Span, value: RawValue) -> bool:
    """Whether ``value`` is a row label's words (`row_words`) that open their line."""
    return (
        value.terminal == "CELLTEXT"
        and not text[line.start : value.span.start].strip(" " + MASK)
        and row_words(value.text)
    )


def own_lines(layout: Source, row: Row, values: list[RawValue]) -> tuple[list[RawValue], tuple[RawValue, ...], bool]:
    """The row's values up to the first on a later line that opens another row whose label went
    unread (OCR garbled it, or a local row the template lacks), and the values from there: another
    row's, never this one's. Such a line is a delimited one whose first cell holds words that are
    not the row's label ("| 5.要求…信息 |  |…" over "| ※六※其他处理 |" and "| 总 计 | 22 |"; a values
    line below the label keeps its first cell empty: "|  | 9 | 0 |…"), or a line of words alone
    with values after it (one cell per line: "3.其他", its blanks, "※七※总计", "4", "0", …).
    Whether the line was a delimited one (its numbers are then a row's, not numbers apart)."""
    if label_end(row) is None:
        return values, (), False  # (table 四's values: no label to part them from)
    lines = layout.lines
    taken = {v.span for v in values}
    own = {  # the lines of the label and its words (a label the scanner read across a line break too)
        line
        for c in row.children
        if c.span not in taken
        for line in range(lines.line_of(c.span.start), lines.line_of(max(c.span.start, c.span.end - 1)) + 1)
    }
    read = "".join(layout.text[c.span.start : c.span.end] for c in row.children if c.span not in taken)
    words: set[int] = set()  # the values that are the label's words (a reworded label split over rows)
    for i, v in enumerate(values):
        line = lines.line_of(v.span.start)
        if line in own:
            continue
        span = lines.line_span(line)
        first = _first_field(layout.text, span.start, span.end)
        if first and not _NUM.fullmatch(first) and not _PLACEHOLDER.fullmatch(first):
            if v.terminal == "CELLTEXT" and v.text == first and closer_to_row(row.terminal, read, read + first):
                # "| 2.其他法 |  |…", "| 律、行政法 |  |…", "| 规禁止公开 | 0 |…": pieces of a reworded label
                # that together come closer to its wording than the head alone
                read += first
                words.add(i)
                own.add(line)
                continue
            return _without(values[:i], words), tuple(values[i:]), True
        if first is None and _words_alone(layout.text, span, v) and any(w.terminal == "NUM" for w in values[i + 1 :]):
            return _without(values[:i], words), tuple(values[i:]), False
        own.add(line)
    return _without(values, words), (), False


def _without(values: list[RawValue], drop: set[int]) -> list[RawValue]:
    return [v for i, v in enumerate(values) if i not in drop] if drop else values
