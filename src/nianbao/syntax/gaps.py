"""What lies between tokens: spaces, line breaks, pipes, Markdown delimiter rows, and the empty
cells they make — between two pipes before a filled cell, the first cell of a borderless pipe row
(`` | 0 |``) or of a comma- or tab-separated row, a line that is only `` |``. The lexer skips to the next token or
takes the empty cell (BLANK) found on the way."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..source import after_break
from .cell_patterns import _GAP_CHARS, _LINE_END
from .lex_tokens import Accepts, LexToken
from .line_map import LineMap
from .normalize import MASK


@dataclass
class Gaps:
    """The gaps of one text; remembers the rows whose empty first cell was given."""

    text: str  # the analysis text
    original: str  # the text as written (which pipes were commas or tabs)
    lines: LineMap
    leads: set[int] = field(default_factory=set)  # lines whose empty first cell was given

    def skip(self, p: int, acc: Accepts) -> int | LexToken:
        text = self.text
        n = len(text)
        while p < n:
            c = text[p]
            if self.lines.rule_lines and (end := self.lines.rule_lines.get(self.lines.start_of(p))) is not None:
                p = max(p + 1, end)
                continue
            if c == "|":
                pipes = self.lines.pipes_of(p)
                if pipes and "BLANK" in acc.terms:
                    blank = self._leading_blank(p, pipes) or self._blank_after_pipe(p, pipes)
                    if blank is not None:
                        return blank
                p += 1
                continue
            if c in _GAP_CHARS:
                if c in _LINE_END or (c == " " and p == self.lines.start_of(p)):
                    # At a line start: a line that is only " |" is an empty cell in one-cell-per-line layouts.
                    blank = self._blank_line_cell(p, acc)
                    if blank is not None:
                        return blank
                p += 1
                continue
            break
        return p

    def _leading_blank(self, p: int, pipes: tuple[int, ...]) -> LexToken | None:
        """The empty first cell of a borderless pipe row (" | 0 | 0 |"); a comma- or tab-separated
        row has no borders, so a separator that opens it opens an empty field."""
        start = self.lines.start_of(p)
        separated = self.original[p] in ",\t"
        if not (self.lines.borderless or separated) or len(pipes) < 2 or p != pipes[0] or start in self.leads:
            return None
        if self.text[start:p].strip(" " + MASK):
            return None
        self.leads.add(start)
        return LexToken("BLANK", start, p)

    def _blank_after_pipe(self, p: int, pipes: tuple[int, ...]) -> LexToken | None:
        """An empty cell between the pipe at ``p`` and the next pipe of the line.

        Only when a filled cell follows on the line: empty cells at the end of a pipe row are
        the ghosts of merged cells, and a row short of cells is padded with blanks anyway.
        """
        i = pipes.index(p)
        if i + 1 >= len(pipes):
            return None
        nxt = pipes[i + 1]
        if self.text[p + 1 : nxt].strip(" " + MASK) != "":
            return None
        rest = self.text[nxt + 1 : self.lines.end_from(nxt)]
        if rest.replace("|", "").strip(" " + MASK) == "":
            return None
        return LexToken("BLANK", p + 1, nxt)

    def _blank_line_cell(self, p: int, acc: Accepts) -> LexToken | None:
        """A line that is only `` |`` (one cell per line, each ending in a pipe) is an empty cell."""
        if not self.lines.bar_lines or "BLANK" not in acc.terms:
            return None
        # the line that starts after this break (or at p)
        start = p if p == self.lines.start_of(p) and self.text[p] not in _LINE_END else after_break(self.text, p)
        pipe = self.lines.bar_lines.get(start)
        return LexToken("BLANK", start, pipe) if pipe is not None else None
