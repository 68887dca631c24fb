"""A source line with an underline, measured in terminal cells (CJK characters are two wide)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from ..source import Source, Span

WINDOW = 72  # cells of source shown around the underlined part of a long line


def _crop(line: str, start: int, end: int) -> tuple[str, int, int, bool, bool]:
    """Cut ``line`` to about WINDOW cells around ``[start, end)``; returns the piece and new offsets."""
    if cell_len(line) <= WINDOW:
        return line, start, end, False, False
    lo = start
    budget = WINDOW // 3
    while lo > 0 and cell_len(line[lo - 1 : start]) <= budget:
        lo -= 1
    hi = end
    while hi < len(line) and cell_len(line[lo:hi]) < WINDOW:
        hi += 1
    return line[lo:hi], start - lo, end - lo, lo > 0, hi < len(line)


def render(source: Source, span: Span, label: str = "", style: str = "bold red") -> Text:
    """``  12 | the line`` and ``     |   ^^^^ label`` for the first line of ``span``.

    The line shown is a line of the text that was parsed. For a text file that is the file's own
    line; for an extracted text (HTML, Word, PDF) it is the extracted line, and the gutter shows
    no line number (the header gives the place in the file)."""
    pos = source.text_position(span.start)
    line_span = source.lines.line_span(pos.line - 1)
    line = source.slice(line_span).replace("\t", " ")
    start = span.start - line_span.start
    end = min(span.end, line_span.end) - line_span.start
    piece, s, e, left, right = _crop(line, start, end)
    prefix = "…" if left else ""
    gutter = str(pos.line) if source.origin is None else "…"
    pad = " " * len(gutter)
    out = Text()
    out.append(f"{pad} |\n", style="blue")
    out.append(f"{gutter} | ", style="blue")
    out.append(prefix)
    out.append(piece[:s])
    out.append(piece[s:e], style=style)
    out.append(piece[e:])
    out.append("…" if right else "")
    out.append("\n")
    out.append(f"{pad} | ", style="blue")
    offset = cell_len(prefix + piece[:s])
    width = max(1, cell_len(piece[s:e]))
    out.append(" " * offset + "^" * width, style=style)
    if label:
        out.append(" " + label, style=style)
    return out
