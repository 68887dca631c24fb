"""Real reports rewritten in the layouts of other sites and converters (metamorphic testing).

`document_of` reads a parsed report back into the document model of `layouts` — its title block,
headings and paragraphs as written, its tables with their labels as written and their cells as
read — so that `derive` can write the same report in another layout. The derived text must read
the same cells (value and status) and sections as the original, wherever the layout keeps what
the cells were: `compare` says where it does not. Layouts that lose empty cells (``LOSSY``: the
body on one line, a PDF row) may leave a cell unreadable, but never read another value.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from layouts import (
    Item,
    Part,
    Table,
    render_items,
    with_document_modifiers,
    with_modifiers,
)

from nianbao import template as T
from nianbao.pipeline import Parsed
from nianbao.syntax.nodes import (
    Block,
    CellStatus,
    Front,
    Group,
    Header,
    Heading,
    Misplaced,
    Node,
    Paragraph,
    Report,
    Row,
    Section,
    Signature,
    Token,
)
from nianbao.syntax.nodes import Table as TableNode

# The forms every real report is rewritten in (a layout, then modifiers); "original" is the
# report's own text.
FORMS: tuple[str, ...] = (
    "original+chrome",
    "original+eol-crlf",
    "original+eol-cr",
    "oneline",
    "oneline+chrome",
    "cellblank",
    "cellblank+wrap",
    "cellblank+eol-cr",
    "lines+wrap",
    "pipeblank",
    "pipeblank+eol-crlf",
    "ocr",
    "markdown",
    "spaced+wrap",
    "mdhtml",
    "pdfmarkdown",
    "markdown+brwrap",
    "boxed",
    "pipeblank+nocaptions",
    "oneline+nocaptions",
    "cellblank+nogroups",
    "ocr+nogroups",
    "pdfmarkdown+nogroups",
    "lines+noheaders",
    "grid",
    "pdftext",
    "pdftext+nogroups",
    "pdftext+midgroups",
    "csv",
    "csv+eol-crlf",
    "csv+wrap",
    "pipeblank+entities",
    "spanfill",
    "mdhtmlspan",
    "frame",
    "framecsv",
    "pipeblank+unnumbered",
    "ocr+unnumbered",
    "pipeblank+tablesatend",
    "pipeblank+nodot",
    "pipeblank+remarks",
    "pipeblank+rowwrap",
    "csv+rowwrap",
    "ocr+rowwrap",
    "grid+rowwrap",
    "pdfmarkdown+rowwrap",
    "tsv",
    "tsv+rowwrap",
    "csv+remarks",
    "csv+nodot",
    "cellblank+nodot",
    "pdftext+nodot",
    "pdfmarkdown+nodot",
    "grid+nodot",
    "lines+tablesatend",
)
LOSSY = frozenset({"oneline", "runon", "spaced", "pdftext"})  # empty cells vanish from these layouts


def _text(parsed: Parsed, node: Node) -> str:
    return " ".join(parsed.source.slice(node.span).split())


def _values(parsed: Parsed, row: Row) -> tuple[tuple[str, ...], bool]:
    """A row's cell texts, and whether they are its cells (not the raw values of a row nobody can read)."""
    if any(c.status is CellStatus.UNREADABLE for c in row.cells):
        toks = [c for c in row.children if isinstance(c, Token) and c.terminal in T.VALUE_TERMINALS]
        return tuple(_text(parsed, t) for t in toks if t.terminal != "BLANK"), False
    return tuple("" if c.status is CellStatus.BLANK else " ".join(c.raw.split()) for c in row.cells), True


def _row_label(parsed: Parsed, row: Row) -> str:
    first = row.children[0] if row.children else None
    if isinstance(first, Token) and first.terminal == row.terminal:
        return _text(parsed, first)
    return row.row


def _table_parts(parsed: Parsed, node: Node) -> Iterator[Part]:
    for child in node.children:
        if isinstance(child, Header):
            yield Part("header", "", tuple(_text(parsed, t) for t in child.children if isinstance(t, Token)))
        elif isinstance(child, Row):
            values, _ = _values(parsed, child)
            yield Part("row", _row_label(parsed, child) if child.table != "四" else "", values)
        elif isinstance(child, Group):
            label = next((t for t in child.children if isinstance(t, Token) and t.terminal == child.terminal), None)
            yield Part("group", _text(parsed, label) if label is not None else child.label)
            yield from _table_parts(parsed, child)
        elif isinstance(child, Token) and child.terminal.startswith("CAP_"):
            yield Part("caption", _text(parsed, child))
        elif isinstance(child, Block | Misplaced | TableNode):
            yield from _table_parts(parsed, child)


def _items(parsed: Parsed, node: Node) -> Iterator[Item]:
    for child in node.children:
        if isinstance(child, Front | Section | Misplaced):
            yield from _items(parsed, child)
        elif isinstance(child, Signature):
            yield from (("sign", _text(parsed, t)) for t in child.children if isinstance(t, Token))
        elif isinstance(child, Heading):
            yield ("head", _text(parsed, child))
        elif isinstance(child, Paragraph):
            yield ("para", _text(parsed, child))
        elif isinstance(child, Token) and child.terminal in ("TITLE", "DATE_LINE"):
            yield ("title" if child.terminal == "TITLE" else "para", _text(parsed, child))
        elif isinstance(child, TableNode):
            parts = tuple(_table_parts(parsed, child))
            if parts:
                width = max(len(p.values) + (1 if p.label else 0) for p in parts)
                yield ("table", Table(child.name, parts, width))
        elif isinstance(child, Block | Group | Row):  # a table part found out of place
            parts = tuple(_table_parts(parsed, Misplaced(child.span, (child,))))
            if parts:
                yield ("table", Table(_table_name(child), parts, max(len(p.values) + 1 for p in parts)))


def _table_name(node: Node) -> str:
    for n in node.walk():
        if isinstance(n, Row) and n.table:
            return n.table
    return "二" if isinstance(node, Block) else "三"


def document_of(parsed: Parsed) -> list[Item]:
    """The report as the document model: what a page of another site would show of it."""
    return [item for item in _items(parsed, parsed.report) if item[1]]


def derive(parsed: Parsed, form: str, seed: int = 0) -> str:
    """The report in ``form`` (see `FORMS`): a layout of `layouts` or "original", then modifiers."""
    base, *mods = form.split("+")
    rng = random.Random(seed)
    items = with_document_modifiers(document_of(parsed), mods)
    text = parsed.source.text if base == "original" else render_items(items, base)
    meta = parsed.meta
    published = meta.published.value.isoformat() if meta.published else "2021-01-20"
    return with_modifiers(text, mods, rng, (meta.agency or "某某局", meta.year or 2020, published))


@dataclass(frozen=True)
class Difference:
    key: T.CellKey
    original: tuple[str, object]  # (status, value)
    derived: tuple[str, object] | None


def readable_cells(parsed: Parsed) -> dict[T.CellKey, tuple[str, object]]:
    """The cells the original reads, by key: (status, value), for the rows whose cells were read."""
    out = {}
    for row in parsed.report.all(Row):
        if _values(parsed, row)[1]:
            for c in row.cells:
                out[c.key] = (c.status.value, c.value)
    return out


def compare(original: Parsed, derived: Parsed, form: str) -> list[Difference]:
    """The cells the derived form reads otherwise than the original (see the module's docstring)."""
    lossy = form.split("+")[0] in LOSSY
    got = {c.key: (c.status.value, c.value) for c in derived.report.cells()}
    wanted = readable_cells(original)
    # without its header rows, a table of only empty cells leaves nothing to see
    invisible = {
        table
        for table in ("二", "三", "四")
        if "noheaders" in form.split("+") and all(v[0] == "blank" for k, v in wanted.items() if k.table == table)
    }
    out = []
    for key, want in wanted.items():
        have = got.get(key)
        if have == want or (have is None and key.table in invisible):
            continue
        if lossy and have is not None and have[0] == "unreadable":
            continue  # the layout lost where the empty cells were
        out.append(Difference(key, want, have))
    return out


def sections(parsed: Parsed) -> list[int]:
    """The sections with a heading of their own, in document order."""
    report: Report = parsed.report
    return [s.number for s in report.all(Section) if isinstance(s.heading, Heading)]
