"""The line structure of an analysis text, found once before lexing: where lines start and end,
which lines are pipe rows (and where their pipes are), Markdown delimiter rows and converters'
generic header rows, and where a cell may end (tab- and comma-separated rows are pipe rows by
then: normalisation made their separators borders).

The lexer asks it by position (a bisection); it never changes once built.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .cell_patterns import _CELL_END, _CLAUSE_PUNCT, _DELIMITER_ROW, _LINE_END, _VALUE_CELL
from .normalize import MASK
from .scanner import CandidateIndex, Kind


def _in_prose(line: str) -> bool:
    """Whether the line's one or two pipes stand in prose: a cell beside them is a long sentence
    ("…发布365篇《我为群众办实事|食用农产品快速检测结果天天报》…", a page flattened to one line). A
    table row has short cells, or more pipes than that."""
    if line.count("|") > 2:
        return False
    return any(len(cell) > 80 and _CLAUSE_PUNCT.search(cell) for cell in line.split("|"))


@dataclass(slots=True)
class LineMap:
    """Lines, pipe rows and cell ends of one text."""

    text: str
    starts: list[int]
    ends: list[int]
    # Offsets of the pipes of lines that are pipe rows (empty for a pipe line holding no value:
    # its empty cells are the ghosts of merged cells), by line start.
    pipe_lines: dict[int, tuple[int, ...]] = field(default_factory=dict)
    bar_lines: dict[int, int] = field(default_factory=dict)  # line start → its only pipe (an empty cell)
    # Markdown table delimiter rows (``|---|:---:|``, ``---|---``), as HTML-to-Markdown crawlers
    # write them, and converters' generic headers: table syntax, not cells. Line start → line end.
    rule_lines: dict[int, int] = field(default_factory=dict)
    borderless: bool = False  # pipe rows written "a | b |", without the border: " | 0 |" begins empty
    # Where cells may end (a pipe, a line break, the first of two spaces), found once: a cell's end
    # is then a bisection, not a walk to the next delimiter (the whole line, in run-on text).
    cell_ends: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, index: CandidateIndex) -> LineMap:
        starts, ends = [0], []
        for m in re.finditer(r"\r\n|\r|\n", text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(text))
        lines = cls(text, starts, ends, cell_ends=[m.start() for m in _CELL_END.finditer(text)])
        if "|" in text:
            lines._find_pipe_rows(index)
        return lines

    def _find_pipe_rows(self, index: CandidateIndex) -> None:
        text = self.text
        chrome_starts = {c.start for c in index.items if c.kind is Kind.CHROME}
        label_starts = sorted(c.start for c in index.items if c.kind in (Kind.LABEL, Kind.HEADING))
        previous: tuple[int, int] | None = None  # the last line with a pipe, when it began a table
        in_table = False  # a row of the table came before (rule lines between rows do not count)
        for s in self.starts:
            e = self.end_from(s)
            line = text[s:e]
            if "|" not in line or s + len(line) - len(line.lstrip(" ")) in chrome_starts or _in_prose(line):
                if line.strip(" " + MASK):
                    previous = None
                in_table = False
                continue
            if "---" in line and not line.strip(_DELIMITER_ROW):
                self.rule_lines[s] = e
                if previous is not None and self._generic_header(*previous, label_starts):
                    # "| 类别 | 数据1 | 数据2 |…" over a table: the converter's header, not the report's
                    self.rule_lines[previous[0]] = previous[1]
                    self.pipe_lines.pop(previous[0], None)
                previous = None
                continue
            # only a table's first row can be a converter's header (a box-drawn table has a rule
            # line after every row: "| 信息公开申请数量 |  |…" under one is a row)
            previous = None if in_table else (s, e)
            in_table = True
            pipes = tuple(s + i for i, c in enumerate(line) if c == "|")
            # Empty cells count only on lines that hold values (or nothing at all): on header
            # lines they are the ghosts of merged cells.
            cells = [c.strip(" " + MASK) for c in line.split("|")]
            filled = [c for c in cells if c]
            if len(pipes) == 1 and not filled:
                self.bar_lines[s] = pipes[0]
            if not filled or any(_VALUE_CELL.fullmatch(c) for c in filled):
                self.pipe_lines[s] = pipes
            else:
                self.pipe_lines[s] = ()
        # Rows written "| a | b |" have a border; rows written "a | b |" do not, and there a row
        # that begins " | 0 |" begins with an empty cell.
        value_lines = [text[s : self.end_from(s)].lstrip(" " + MASK) for s, p in self.pipe_lines.items() if p]
        bordered = sum(1 for line in value_lines if line.startswith("|"))
        self.borderless = bordered * 2 < len(value_lines)

    def _generic_header(self, start: int, end: int, label_starts: list[int]) -> bool:
        """A Markdown header row with no label of the template and no value in it."""
        i = bisect_right(label_starts, start - 1)
        if i < len(label_starts) and label_starts[i] < end:
            return False
        cells = [c.strip(" " + MASK) for c in self.text[start:end].split("|")]
        return not any(_VALUE_CELL.fullmatch(c) for c in cells if c)

    def end_from(self, p: int) -> int:
        """End of the line that holds ``p`` (``p`` itself if it is a line break)."""
        if p < len(self.text) and self.text[p] in _LINE_END:
            return p
        return self.ends[bisect_right(self.starts, p) - 1]

    def start_of(self, p: int) -> int:
        return self.starts[bisect_right(self.starts, p) - 1]

    def after_pipe_row(self, p: int) -> bool:
        """Whether ``p`` begins a line without pipes whose nearest line above with anything on it is
        a pipe row: that row ended at its line's end, and this line is none of its cells."""
        start = self.start_of(p)
        if start in self.pipe_lines or self.text[start:p].strip(" " + MASK):
            return False
        i = bisect_right(self.starts, start) - 2
        while i >= 0 and not self.text[self.starts[i] : self.ends[i]].strip(" \t" + MASK):
            i -= 1
        return i >= 0 and self.starts[i] in self.pipe_lines

    def chunk_end(self, p: int) -> int:
        """End of the cell that starts at ``p``: a pipe, a line break, a tab or two spaces."""
        text = self.text
        i = bisect_left(self.cell_ends, p)
        q = self.cell_ends[i] if i < len(self.cell_ends) else len(text)
        while q > p and text[q - 1] == " ":
            q -= 1
        return q

    def pipes_of(self, p: int) -> tuple[int, ...] | None:
        """The pipes of the pipe row that holds ``p`` (empty: a pipe line of no values), or None."""
        return self.pipe_lines.get(self.start_of(p))
