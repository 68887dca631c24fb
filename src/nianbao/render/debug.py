"""``nianbao debug``: each stage's output, for developers."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..pipeline import parse_source
from ..source import Source
from ..syntax.lex_tokens import OutOfBand
from ..syntax.normalize import MASK


def _normalized(source: Source) -> Group:
    from ..syntax.normalize import normalize

    norm = normalize(source.text)
    head = Text(
        f"# analysis text: {len(norm.analysis)} code points (= original); {len(norm.converted)} converted to "
        f"simplified, {len(norm.pinyin)} pinyin annotations and {len(norm.markup)} Markdown marks masked "
        "(shown as ▒), "
        f"{len(norm.ideographs)} radicals/compatibility ideographs mapped",
        style="dim",
    )
    body = Text()
    for i in range(len(source.lines)):
        span = source.lines.line_span(i)
        body.append(f"{i + 1:>5} ", style="blue")
        body.append(norm.analysis[span.start : span.end].replace(MASK, "▒") + "\n")
    return Group(head, body)


def _text(source: Source) -> Group:
    """The text nianbao parses, with its line numbers (the line:column of diagnostics on a Word or PDF
    file) and where each line came from in the file."""
    kind = source.origin.kind if source.origin is not None else "text"
    head = Text(f"# {kind}, {source.encoding}: {len(source.lines)} lines, {len(source.text)} code points", style="dim")
    body = Text()
    for i in range(len(source.lines)):
        span = source.lines.line_span(i)
        body.append(f"{i + 1:>5} ", style="blue")
        if source.origin is not None:
            place = source.place(span.start)
            where = (
                place.zh
                if place is not None
                else f"{source.position(span.start).line}:{source.position(span.start).column}"
            )
            body.append(f"{where:<16} ", style="dim")
        body.append(source.slice(span) + "\n")
    return Group(head, body)


def _tokens(source: Source) -> Table:
    parsed = parse_source(source, trace=True)
    table = Table("line:col", "event", "terminal", "text", box=None, pad_edge=False)
    events = []
    for ev, obj in parsed.trace:
        if isinstance(obj, OutOfBand):
            events.append((obj.span.start, 1, ev, obj.kind, obj))
        else:
            events.append((obj.start, 0, ev, obj.type, obj))
    for start, _, ev, terminal, obj in sorted(events, key=lambda e: (e[0], e[1])):
        end = obj.end if hasattr(obj, "end") else obj.span.end
        pos = source.position(start)
        text = source.text[start:end].replace("\n", "⏎").replace("\r", "⏎")
        flag = " ~fuzzy" if getattr(obj, "fuzzy", False) else ""
        style = {"missing": "yellow", "misplaced": "magenta", "skipped": "red", "chrome": "dim"}.get(ev, "")
        table.add_row(
            f"{pos.line}:{pos.column}", ev, terminal + flag, text[:60] + ("…" if len(text) > 60 else ""), style=style
        )
    return table


def _tree(source: Source) -> Text:
    from ..pipeline import front_end
    from ..syntax.parser import describe

    _, _, result = front_end(source)
    return Text(describe(result, source.text))


def render(source: Source, stage: str) -> Group | Table | Text:
    return {"text": _text, "normalized": _normalized, "tokens": _tokens, "tree": _tree}[stage](source)
