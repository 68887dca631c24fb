"""Stage 5: Lark's parse tree → nianbao's typed, immutable, lossless tree.

In order:

1. convert the main tree and every misplaced subtree, token by token, into typed nodes;
2. place misplaced parts, skipped tokens and chrome regions where they stand in the text;
3. read every table's cells (splitting fused digits table by table, see ``cells.py``);
4. fill every gap between nodes with trivia, so that the leaves tile the whole input.

Lark objects are used only here and in ``parser.py``.
"""

from __future__ import annotations

import re
from bisect import insort
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import Any

from lark import Transformer

from .. import template as T
from ..source import Source, Span
from .cell_values import RawRow, Resolved, SplitBudget, Writing, resolve_table
from .nodes import (
    Block,
    Cell,
    CellStatus,
    Chrome,
    Front,
    Group,
    Header,
    Heading,
    Misplaced,
    Missing,
    Node,
    Paragraph,
    Report,
    Row,
    Section,
    Signature,
    Skipped,
    Table,
    Token,
    Trivia,
)
from .normalize import MASK, Normalized
from .parser import ParseResult
from .raw_values import RawValue
from .scanner import Wording


class _Builder(Transformer):  # type: ignore[type-arg]
    """Lark's tree → nianbao's nodes: one method per kind of rule (the grammar's aliases), each
    returning a positioned node; a rule with nothing in it is no node."""

    def __init__(self, source: Source, result: ParseResult) -> None:
        super().__init__(visit_tokens=True)
        self.source = source
        self.result = result
        self.version = result.version

    def __default_token__(self, tok: Any) -> Node:
        lex = self.result.info[id(tok)]
        span = Span(lex.start, lex.end)
        if id(tok) in self.result.missing:
            return Missing(span, terminal=lex.type)
        if (number := T.section_of(lex.type)) is not None:
            return Heading(
                span,
                terminal=lex.type,
                label=T.section(number).title,
                number=number,
                numeral=lex.numeral,
                wording=lex.wording,
            )
        if lex.type == "TEXT":
            return Paragraph(span, terminal="TEXT")
        variant = bool(lex.label) and lex.wording is Wording.KNOWN
        return Token(span, terminal=lex.type, label=lex.label, fuzzy=lex.fuzzy, variant=variant)

    def convert(self, tree: Any) -> Node | None:
        node: Node | None = self.transform(tree)
        return node

    @staticmethod
    def _kept(children: list[Node | None]) -> tuple[tuple[Node, ...], Span] | None:
        kept = tuple(c for c in children if c is not None)
        return (kept, Span(kept[0].span.start, kept[-1].span.end)) if kept else None

    def report(self, children: list[Node | None]) -> Node | None:
        if (k := self._kept(children)) is None:
            return None
        return Report(k[1], k[0], version=self.version)

    def front(self, children: list[Node | None]) -> Node | None:
        return Front(k[1], k[0]) if (k := self._kept(children)) else None

    def signature(self, children: list[Node | None]) -> Node | None:
        return Signature(k[1], k[0]) if (k := self._kept(children)) else None

    def section(self, children: list[Node | None]) -> Node | None:
        if (k := self._kept(children)) is None:
            return None
        head = k[0][0]  # the heading, written or missing
        number = head.number if isinstance(head, Heading) else T.section_of(getattr(head, "terminal", ""))
        return Section(k[1], k[0], number=number or 0)

    def table_2(self, children: list[Node | None]) -> Node | None:
        return Table(k[1], k[0], name="二") if (k := self._kept(children)) else None

    def table_3(self, children: list[Node | None]) -> Node | None:
        return Table(k[1], k[0], name="三") if (k := self._kept(children)) else None

    def table_4(self, children: list[Node | None]) -> Node | None:
        if (k := self._kept(children)) is None:
            return None
        kids = k[0]
        if not any(isinstance(c, Row) for c in kids):
            # A header with no values after it: the 15 cells are there but empty.
            end = kids[-1].span.end
            kids = (*kids, self._row(Span(end, end), (), T.VALUES_4))
        kids = _table4_blocks(kids)
        return Table(Span(kids[0].span.start, kids[-1].span.end), kids, name="四")

    def block(self, children: list[Node | None]) -> Node | None:
        if (k := self._kept(children)) is None:
            return None
        caption = k[0][0]  # the block's caption, written or missing
        return Block(k[1], k[0], key=T.CAPTIONS[getattr(caption, "terminal", "")].full)

    def part(self, children: list[Node | None]) -> Node | None:
        """A captioned part of table 四: `_table4_blocks` names its blocks."""
        return Block(k[1], k[0], key="") if (k := self._kept(children)) else None

    def header(self, children: list[Node | None]) -> Node | None:
        return Header(k[1], k[0]) if (k := self._kept(children)) else None

    def outcomes(self, children: list[Node | None]) -> Node | None:
        if (k := self._kept(children)) is None:
            return None
        return Group(k[1], k[0], label=T.G3_RESULTS.full, terminal=T.G3_RESULTS.terminal)

    def group(self, children: list[Node | None]) -> Node | None:
        if (k := self._kept(children)) is None:
            return None
        terminal = getattr(k[0][0], "terminal", "")  # the group's label, written or missing
        return Group(k[1], k[0], label=T.group_labels()[terminal], terminal=terminal)

    def row(self, children: list[Node | None]) -> Node | None:
        if (k := self._kept(children)) is None:
            return None
        first = k[0][0]
        return self._row(k[1], k[0], first.terminal if isinstance(first, Token | Missing) else "")

    def values(self, children: list[Node | None]) -> Node | None:
        return self._row(k[1], k[0], T.VALUES_4) if (k := self._kept(children)) else None

    def _row(self, span: Span, children: tuple[Node, ...], terminal: str) -> Row:
        place = T.row_place(self.version, terminal)
        return Row(span, children, table=place.table, row=place.row, group=place.group, terminal=terminal)

    def __default__(self, data: Any, children: list[Node | None], meta: Any) -> Node:
        raise AssertionError(f"a rule the builder does not know: {data}")


_BLOCK_OF = {b.caption.terminal: b.key for b in T.TABLE4_BLOCKS if b.caption}  # T4_REVIEW → 行政复议


def _table4_blocks(children: tuple[Node, ...]) -> tuple[Node, ...]:
    """Each row of numbers of table 四 gets the blocks its header names: the whole header (or none)
    all three, a part captioned 行政复议 that block, 行政诉讼（复议后起诉） that one, a bare 行政诉讼 both of
    litigation's; a part whose header names none, the blocks not given numbers yet."""
    order = [b.key for b in T.TABLE4_BLOCKS]
    width = len(T.TABLE4_COLUMNS)
    given: set[str] = set()
    named: list[str] = []
    sets = 0  # how many times the header above writes the five columns

    def visit(node: Node) -> Node:
        nonlocal named, sets
        if isinstance(node, Header):
            terminals = [t.terminal for t in node.children if isinstance(t, Token)]
            for term in terminals:
                if term in _BLOCK_OF and _BLOCK_OF[term] not in named:
                    named.append(_BLOCK_OF[term])
            if "T4_LITIGATION" in terminals and not {"T4_DIRECT", "T4_AFTER_REVIEW"} & set(terminals):
                named += [b for b in order[1:] if b not in named]
            sets = max((terminals.count(c.label.terminal) for c in T.TABLE4_COLUMNS), default=0)
            return node
        if isinstance(node, Row):
            blocks = [b for b in order if b in named and b not in given] or [b for b in order if b not in given]
            values = [c for c in node.children if isinstance(c, Token) and c.terminal in T.VALUE_TERMINALS]
            if not given and (sets >= len(order) or len(values) == width * len(order)):
                blocks = order  # the whole table's header or numbers, whichever captions were read
            # A part whose blocks were all given numbers already, or a part under a header of one
            # set of columns with one block's numbers that may be either of two blocks (a bare
            # 行政诉讼): which cells they are cannot be known, and a guess would be a wrong number.
            if (given and not blocks) or (sets == 1 and len(values) == width and len(blocks) > 1):
                named = []
                return Skipped(node.span, node.children, terminal="NUM")
            named = []
            given.update(blocks)
            if blocks == order or not blocks:
                return node
            return replace(node, terminal=T.values4_terminal(tuple(blocks)))
        if isinstance(node, Block):
            inner = tuple(visit(c) for c in node.children)
            key = "、".join(dict.fromkeys(k for r in inner if isinstance(r, Row) for k in T.values4_blocks(r.terminal)))
            return replace(node, children=inner, key=key)
        return node

    return tuple(visit(c) for c in children)


# --------------------------------------------------------------------------- placing


def _nest(items: list[Node]) -> list[Node]:
    """Items (sorted by start, longest first) that lie inside another item go into it: chrome set
    aside while a misplaced section was re-parsed belongs to that section, not beside it. One pass
    with a stack of the items still open (linear: thousands of skipped rows are common)."""
    out: list[Node] = []
    inner: dict[int, list[Node]] = {}
    open_: list[int] = []  # indices in ``out`` of items with children that may hold the next ones
    for item in items:
        while open_ and out[open_[-1]].span.end <= item.span.start:
            open_.pop()
        if open_ and _inside(item.span, out[open_[-1]].span):
            inner.setdefault(open_[-1], []).append(item)
            continue
        out.append(item)
        if item.children:
            open_.append(len(out) - 1)
    for i, contained in inner.items():
        out[i] = _place(out[i], contained)
    return out


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner != outer


def _place(node: Node, items: list[Node]) -> Node:
    """Put ``items`` (sorted by start) into ``node`` at the deepest node that surrounds them."""
    if not items:
        return node
    children = list(node.children)
    inner: dict[int, list[Node]] = {}
    own: list[Node] = []
    for item in items:
        for i, child in enumerate(children):
            s, e = child.span.start, child.span.end
            if child.children and not isinstance(child, Misplaced) and s < item.span.start and item.span.end < e:
                inner.setdefault(i, []).append(item)
                break
        else:
            own.append(item)
    for i, sub in inner.items():
        children[i] = _place(children[i], sub)
    for item in own:
        insort(children, item, key=lambda c: (c.span.start, c.span.end))
    return _respan(node, tuple(children))


def _respan(node: Node, children: tuple[Node, ...]) -> Node:
    span = Span(min(c.span.start for c in children), max(c.span.end for c in children))
    return replace(node, span=span, children=children)


# --------------------------------------------------------------------------- cells


def _layout(source: Source, norm: Normalized) -> Source:
    """The text where cell borders are found: the analysis text, in which full-width and box-drawn
    borders ("｜", "│") are pipes; the source itself when no border was folded (the usual case)."""
    if norm.analysis.count("|") == source.text.count("|"):
        return source
    return Source(source.path, norm.analysis)


def _raw_values(row: Row, source: Source, norm: Normalized, layout: Source) -> list[RawValue]:
    out = []
    label_end = _label_end(row)
    for c in row.children:
        if (
            isinstance(c, Token)
            and c.terminal in T.VALUE_TERMINALS
            and not _label_run_on(layout, c)
            and not _in_label_cell(layout, label_end, c)
        ):
            out.append(
                RawValue(c.terminal, c.span, source.slice(c.span), norm.analysis[c.span.start : c.span.end].strip())
            )
    return _one_per_pipe_cell(out, source, norm, layout)


def _one_per_pipe_cell(values: list[RawValue], source: Source, norm: Normalized, layout: Source) -> list[RawValue]:
    """Between pipes a cell is one cell: a number and more digits in one pipe cell ("| 4166.21<br>4619 |",
    a long number a converter wrapped) are one cell that cannot be read, never two cells or a part."""
    text = layout.text
    gap = " " + MASK

    def one_cell(a: RawValue, b: RawValue) -> bool:  # a pipe cell holds a and b, and nothing else
        line = source.lines.line_span(source.lines.line_of(a.span.start))
        left = text.rfind("|", line.start, a.span.start)
        right = text.find("|", b.span.end, line.end)
        return (
            left >= 0
            and right >= 0
            and not text[left + 1 : a.span.start].strip(gap)
            and not text[b.span.end : right].strip(gap)
            and "|" not in text[a.span.end : b.span.start]
        )

    out: list[RawValue] = []
    for v in values:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.terminal == "NUM"
            and (v.terminal == "NUM" or (v.terminal == "CELLTEXT" and any(ch.isdigit() for ch in v.text)))
            and one_cell(prev, v)
        ):
            span = Span(prev.span.start, v.span.end)
            out[-1] = RawValue("CELLTEXT", span, source.slice(span), norm.analysis[span.start : span.end].strip())
            continue
        out.append(v)
    return out


def _label_run_on(source: Source, tok: Token) -> bool:
    """Text alone in the first cell of a pipe row of its own ("| 政法规禁止公开 |  |  |"): the rest
    of a row label that a converter put in a row below it, not a cell."""
    if tok.terminal != "CELLTEXT" or any(ch.isdigit() for ch in source.slice(tok.span)):
        return False
    line = source.lines.line_of(tok.span.start)
    span = source.lines.line_span(line)
    text = source.text
    if "|" not in text[span.start : span.end] or text[span.start : tok.span.start].strip(" |"):
        return False
    return not text[tok.span.end : span.end].strip(" |")


def _label_end(row: Row) -> int | None:
    """Where the row's label token ends (``None`` for a row without one: table 四's values)."""
    first = row.children[0] if row.children else None
    if isinstance(first, Token) and first.terminal not in T.VALUE_TERMINALS:
        return first.span.end
    return None


def _in_label_cell(source: Source, label_end: int | None, tok: Token) -> bool:
    """Words in the pipe cell of the row's label ("| （二）部分公开（区分处理的， | 0 |"): the rest of
    a label a converter wrapped, not a cell."""
    if label_end is None or tok.terminal != "CELLTEXT" or any(ch.isdigit() for ch in source.slice(tok.span)):
        return False
    between = source.text[label_end : tok.span.start]
    if "|" in between or "\n" in between or "\r" in between:
        return False
    line = source.lines.line_span(source.lines.line_of(tok.span.start))
    return source.text.find("|", tok.span.end, line.end) != -1


def _trailing_empty(source: Source, line: int, values: list[RawValue]) -> tuple[Span, ...]:
    """The empty pipe cells after a row's last value, on its line (``… | 0 |  | ||``)."""
    if not values:
        return ()
    line_span = source.lines.line_span(line)
    end = values[-1].span.end
    if not line_span.start <= end <= line_span.end:
        return ()
    out = []
    text = source.text
    a = text.find("|", end, line_span.end)
    while a != -1 and (b := text.find("|", a + 1, line_span.end)) != -1:
        if text[a + 1 : b].strip():
            return ()  # a filled cell after the last value: not a row's tail
        out.append(Span(a + 1, b))
        a = b
    return tuple(out)


def _values_apart(source: Source, anchor: Span, values: list[RawValue]) -> list[RawValue]:
    """A pipe row whose label stands alone in its row, its numbers in the next one under an empty
    label cell ("| 行政强制 |  |" then "|  | 0 |", as PDF converters split a row): that empty cell
    is the label's column, not a cell of the row."""
    if not values or values[0].terminal != "BLANK":
        return values
    lines = source.lines
    line = lines.line_of(values[0].span.start)
    if line <= lines.line_of(max(anchor.end - 1, anchor.start)):
        return values
    before = source.text[lines.starts[line] : values[0].span.start]
    same_line = [v for v in values[1:] if lines.line_of(v.span.start) == line]
    if before.strip(" ") not in ("|", "") or not any(v.terminal != "BLANK" for v in same_line):
        return values  # (a line that is only " |" is an empty cell of one-cell-per-line text)
    return values[1:]


def _empty_lines(source: Source, anchor: Span, values: list[RawValue]) -> tuple[tuple[Span, ...], ...] | None:
    """For a row written one value per line: the empty lines before each value (back to the line
    with the row's label, or with whatever precedes a row without one) and after the last one (to
    the next line with text), as zero-width spans at their starts. None when a line holds more
    than a value, or text stands between the values."""
    if not values:
        return None
    lines = source.lines
    text = source.text

    def empty(i: int) -> bool:
        return not text[lines.starts[i] : lines.ends[i]].strip(" \t\u3000")

    out: list[tuple[Span, ...]] = []
    at_line: int | None = None
    for v in values:
        line = lines.line_of(v.span.start)
        span = lines.line_span(line)
        if text[span.start : span.end].strip(" \t\u3000") != text[v.span.start : v.span.end].strip():
            return None
        if at_line is None:  # back to the label's line (or the last line with text before it)
            at_line = line - 1
            while at_line >= 0 and empty(at_line):
                at_line -= 1
            if at_line < lines.line_of(anchor.start) and anchor.start < v.span.start:
                return None
        if line <= at_line or not all(empty(i) for i in range(at_line + 1, line)):
            return None
        out.append(tuple(Span(lines.starts[i], lines.starts[i]) for i in range(at_line + 1, line)))
        at_line = line
    after = []
    i = (at_line or 0) + 1
    while i < len(lines) and empty(i):
        after.append(Span(lines.starts[i], lines.starts[i]))
        i += 1
    if i >= len(lines):  # the end of the text: no row follows
        after = []
    out.append(tuple(after))
    return tuple(out)


def _delimiters(line: str) -> int:
    return line.count("|") if "|" in line else line.count("\t")


def _mark_full_width(raws: list[RawRow], lines: list[int], source: Source) -> None:
    """A pipe (or tab-separated) row with as many delimiters as most rows of its table has all its
    cells: what is short of values there is empty cells at its end, not values run together
    (``… | 0 |  | ||``), or a table narrower than the template."""
    widths = [_delimiters(source.line_text(line + 1)) for line in lines]
    counted = Counter(w for w, r in zip(widths, raws, strict=True) if r.positional)
    if not counted:
        return
    usual = counted.most_common(1)[0][0]
    for raw, width in zip(raws, widths, strict=True):
        raw.full_width = raw.positional and width == usual
    # A table narrower than the template: most of its delimited rows of k cells have fewer cells
    # than k, every one written (自然人 | 法人或其他组织 | 总计 for table 三's seven columns).
    cells = {id(r): len(r.values) + len(r.trailing_empty) for r in raws if r.positional}
    by_keys: dict[int, Counter[int]] = {}
    for r in raws:
        if r.positional:
            by_keys.setdefault(len(r.keys), Counter())[cells[id(r)]] += 1
    for r in raws:
        if r.positional:
            (common, seen), *_ = by_keys[len(r.keys)].most_common(1)
            r.narrow = seen >= 3 and common < len(r.keys) and cells[id(r)] == common


def _tables(node: Node) -> Iterator[Node]:
    """The tables below ``node``, and the misplaced parts that hold rows outside any table."""
    if isinstance(node, Table) or (isinstance(node, Misplaced) and not any(isinstance(n, Table) for n in node.walk())):
        yield node
        return
    for c in node.children:
        yield from _tables(c)


def _raw_rows(rows: list[Row], version: T.Version, source: Source, norm: Normalized, layout: Source) -> list[RawRow]:
    raws = []
    lines = []
    for row in rows:
        place = T.row_place(version, row.terminal)
        keys = T.values4_keys(row.terminal) if row.terminal.startswith(T.VALUES_4) else place.keys
        anchor = row.children[0].span if row.children else row.span
        values = _raw_values(row, source, norm, layout)
        values = _values_apart(layout, anchor, values)
        # the line of its values (a wrapped label starts a line earlier)
        line = source.lines.line_of(values[0].span.start if values else anchor.start)
        text = layout.line_text(line + 1)
        positional = "|" in text or text.count("\t") >= 2  # cells between pipes or tabs
        raws.append(
            RawRow(
                keys,
                place.columns,
                values,
                anchor,
                positional,
                _trailing_empty(layout, line, values),
                lines_of=None if positional else partial(_empty_lines, layout, anchor, values),
            )
        )
        lines.append(line)
    _mark_full_width(raws, lines, layout)
    return raws


def _resolve_rows(root: Node, version: T.Version, source: Source, norm: Normalized) -> Node:
    """Read the cells of every row, one table at a time; how the report writes its cells (every one,
    apart or run together, with empty lines between them) is read from all its tables."""
    parts = [(node, [n for n in node.walk() if isinstance(n, Row)]) for node in _tables(root)]
    layout = _layout(source, norm)
    raws_of = {id(node): _raw_rows(rows, version, source, norm, layout) for node, rows in parts if rows}
    writing = Writing.of([r for raws in raws_of.values() for r in raws])
    budget = SplitBudget()
    done: dict[int, Node] = {}
    for node, rows in parts:
        if not rows:
            continue
        raws = raws_of[id(node)]
        relations = [r for r in T.relations(version) if r.table == rows[0].table]
        resolved = resolve_table(raws, relations, writing, budget)
        if isinstance(node, Table):
            stray = _detached_numbers(node, raws, resolved, norm)
            if stray:
                # which number belongs to which row cannot be known: every cell is unreadable
                resolved = [
                    Resolved(tuple(Cell(k, CellStatus.UNREADABLE, raw.anchor) for k in raw.keys), ()) for raw in raws
                ]
                node_ = replace(node, detached=len(stray), detached_span=Span(stray[0].start, stray[-1].end))
                done[id(node)] = _replace_rows(node_, {id(r): res for r, res in zip(rows, resolved, strict=True)})
                continue
        done[id(node)] = _replace_rows(node, {id(r): res for r, res in zip(rows, resolved, strict=True)})
    return _substitute(root, done) if done else root


def _substitute(node: Node, done: dict[int, Node]) -> Node:
    if id(node) in done:
        return done[id(node)]
    if not node.children:
        return node
    children = tuple(_substitute(c, done) for c in node.children)
    return (
        node if all(a is b for a, b in zip(children, node.children, strict=True)) else replace(node, children=children)
    )


_BARE_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _detached_numbers(table: Table, raws: list[RawRow], resolved: list[Resolved], norm: Normalized) -> list[Span]:
    """The numbers of a table that stand apart from its rows, when the rows' own numbers are
    missing: rows with no value at all (at least two) beside at least half as many stray numbers
    as those rows have cells — values beyond a row's columns, numbers the parser set aside, lines
    that are only a number. Empty when the rows hold their numbers."""
    empty = [raw for raw in raws if not [v for v in raw.values if v.terminal != "BLANK"]]
    if len(empty) < 2:
        return []
    stray = [v.span for res in resolved for v in res.extra if v.terminal == "NUM"]
    for n in table.walk():
        set_aside = isinstance(n, Skipped) and n.terminal == "NUM"
        if set_aside or (
            isinstance(n, Paragraph) and _BARE_NUMBER.fullmatch(norm.analysis[n.span.start : n.span.end].strip())
        ):
            stray.append(n.span)
    if 2 * len(stray) < sum(len(raw.keys) for raw in empty):
        return []
    return sorted(stray, key=lambda s: s.start)


def _replace_rows(node: Node, by_id: dict[int, Any]) -> Node:
    if isinstance(node, Row) and id(node) in by_id:
        res = by_id[id(node)]
        extra_spans = {v.span for v in res.extra}
        extra = tuple(c for c in node.children if c.span in extra_spans and isinstance(c, Token))
        return replace(node, cells=res.cells, extra=extra)
    if not node.children:
        return node
    return replace(node, children=tuple(_replace_rows(c, by_id) for c in node.children))


# --------------------------------------------------------------------------- trivia


def _fill(node: Node, start: int | None = None, end: int | None = None) -> Node:
    """Cover every gap between children with Trivia; the root also covers [start, end)."""
    if not node.children:
        return node
    out: list[Node] = []
    at = node.children[0].span.start if start is None else start
    changed = start is not None
    for child in node.children:
        k = _fill(child)
        changed = changed or k is not child
        if k.span.start > at:
            out.append(Trivia(Span(at, k.span.start)))
            changed = True
        out.append(k)
        if k.span.end > at:
            at = k.span.end
    if end is not None and end > at:
        out.append(Trivia(Span(at, end)))
        at = end
    if not changed:
        return node
    return replace(node, span=Span(out[0].span.start, at), children=tuple(out))


# --------------------------------------------------------------------------- entry


def build(source: Source, norm: Normalized, result: ParseResult) -> Report:
    conv = _Builder(source, result)
    root = conv.convert(result.tree)
    n = len(source.text)
    if not isinstance(root, Report):  # nothing recognised at all: an empty report node
        root = Report(Span(0, 0), (), version=result.version)
    items: list[Node] = []
    for m in result.misplaced:
        sub = conv.convert(m.tree)
        if sub is not None:
            items.append(Misplaced(sub.span, (sub,), rule=m.rule))
    for tok in result.skipped:
        items.append(Skipped(Span(tok.start, tok.end), terminal=tok.type))
    for oob in result.out_of_band:
        items.append(Chrome(oob.span, chrome=oob.kind))
    items = _nest(sorted(items, key=lambda c: (c.span.start, -c.span.end)))
    if root.children:
        root = _place(root, items) if items else root
    elif items:
        root = replace(root, span=Span(items[0].span.start, items[-1].span.end), children=tuple(items))
    root = _resolve_rows(root, result.version, source, norm)
    if root.children:
        root = _fill(root, 0, n)
    elif n:
        root = replace(root, span=Span(0, n), children=(Trivia(Span(0, n)),))
    assert isinstance(root, Report)
    sections = {c.number: c for c in root.children if isinstance(c, Section)}
    return replace(root, sections=sections)


__all__ = ["Wording", "build"]
