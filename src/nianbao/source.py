"""The user's text as read, with a line index for positions in the original file.

Offsets everywhere in nianbao are code-point offsets into ``Source.text``; lines end at
``\\n``, ``\\r\\n`` or a lone ``\\r``. Line and column numbers shown to users are 1-based and
count code points, as editors and Lark do.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of code points in the original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def __contains__(self, offset: object) -> bool:
        return isinstance(offset, int) and self.start <= offset < self.end

    def cover(self, other: Span) -> Span:
        return Span(min(self.start, other.start), max(self.end, other.end))


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, in code points


@dataclass(frozen=True)
class LineIndex:
    """Start offsets of every line of a text."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]  # end of each line's content, before its line break

    @classmethod
    def of(cls, text: str) -> LineIndex:
        starts = [0]
        ends = []
        for m in _LINE_BREAK.finditer(text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(text))
        return cls(tuple(starts), tuple(ends))

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """0-based line number that holds ``offset`` (an offset at a line break belongs to its line)."""
        return bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> Position:
        line = self.line_of(offset)
        return Position(line + 1, offset - self.starts[line] + 1)

    def line_span(self, line: int) -> Span:
        """Span of the content of 0-based ``line`` without its line break."""
        return Span(self.starts[line], self.ends[line])


@dataclass(frozen=True)
class Source:
    """A report as read: where it came from, its text and its line index."""

    path: str  # as the user named it; "-" for stdin; "<string>" for text given directly
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    lines: LineIndex = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", LineIndex.of(self.text))

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def position(self, offset: int) -> Position:
        return self.lines.position(offset)

    def line_text(self, line: int) -> str:
        """Text of 1-based ``line`` without its line break."""
        return self.slice(self.lines.line_span(line - 1))
