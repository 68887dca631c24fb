"""Group labels of table 三 that stand among their own rows: a PDF's merged cell.

A group label cell spans its rows; a PDF's text (``pdftotext -layout``) writes it on the line of
the row it is centred on (``（三）不予公开　　4.保护第三方合法权益　0 0 …``). The parser then inserts
the group's label where its first row begins and takes the label, with the rows after it, for the
same group out of place. Where the label stands on one line before a row of its own group, and the
two parts hold different rows of that group, they are one group whose label stands where it is."""

from __future__ import annotations

from dataclasses import replace

from ..source import Span
from .bare_numbers import spaces_only
from .nodes import Group, Misplaced, Missing, Node, Row, Token


def merge_spanned_groups(node: Node, text: str) -> Node:
    """``node`` with every group split by its merged label cell made one again."""
    if not node.children:
        return node
    children = [merge_spanned_groups(c, text) for c in node.children]
    out: list[Node] = []
    for child in children:
        part = _spanned_part(out[-1], child, text) if out else None
        if part is not None:
            first = out[-1]
            out[-1] = replace(
                first, span=Span(first.span.start, part.span.end), children=(*first.children[1:], *part.children)
            )
        else:
            out.append(child)
    if len(out) == len(node.children) and all(a is b for a, b in zip(out, node.children, strict=True)):
        return node
    return replace(node, span=Span(out[0].span.start, max(c.span.end for c in out)), children=tuple(out))


def _spanned_part(first: Node, after: Node, text: str) -> Group | None:
    """The group of ``after`` when it is the rest of ``first`` below its merged label cell."""
    if not (isinstance(first, Group) and isinstance(after, Misplaced) and len(after.children) == 1):
        return None
    part = after.children[0]
    if not (isinstance(part, Group) and part.terminal == first.terminal and len(part.children) >= 2):
        return None
    head, label, below = first.children[0], part.children[0], part.children[1]
    if not (isinstance(head, Missing) and head.terminal == first.terminal and len(first.children) >= 2):
        return None
    if not (isinstance(label, Token) and label.terminal == part.terminal and isinstance(below, Row | Group)):
        return None
    if not spaces_only(text, label.span.end, below.span.start):
        return None  # the label does not stand before a row on its line: it is out of place
    above = {c.terminal for c in first.children[1:] if hasattr(c, "terminal")}
    if above & {c.terminal for c in part.children[1:] if hasattr(c, "terminal")}:
        return None
    return part
