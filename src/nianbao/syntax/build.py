"""Stage 5: Lark's parse tree → nianbao's typed, immutable, lossless tree.

In order:

1. convert the main tree and every misplaced subtree, token by token, into typed nodes;
2. place misplaced parts, skipped tokens and chrome regions where they stand in the text;
3. read every table's cells (`row_cells`: splitting fused digits table by table);
4. fill every gap between nodes with trivia, so that the leaves tile the whole input.

Lark objects are used only here and in ``parser.py``.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import replace
from typing import Any

from lark import Transformer

from .. import template as T
from ..source import Source, Span
from .header_values import values_out_of_headers
from .nodes import (
    Block,
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
from .normalize import Normalized
from .parser import ParseResult
from .row_cells import resolve_rows
from .scanner import Wording
from .spanned_groups import merge_spanned_groups


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
        kids = values_out_of_headers(k[0], self.source, lambda span, cells: self._row(span, cells, T.VALUES_4))
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
        root = merge_spanned_groups(root, source.text) if result.misplaced else root
    elif items:
        root = replace(root, span=Span(items[0].span.start, items[-1].span.end), children=tuple(items))
    root = resolve_rows(root, result.version, source, norm)
    if root.children:
        root = _fill(root, 0, n)
    elif n:
        root = replace(root, span=Span(0, n), children=(Trivia(Span(0, n)),))
    assert isinstance(root, Report)
    sections = {c.number: c for c in root.children if isinstance(c, Section)}
    return replace(root, sections=sections)


__all__ = ["Wording", "build"]
