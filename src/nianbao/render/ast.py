"""The typed AST as a Rich tree (``nianbao parse``) or as JSON with spans (``--format json``)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from rich.tree import Tree

from ..pipeline import Parsed
from ..source import Source
from ..syntax.nodes import (
    Block,
    Cell,
    Chrome,
    Group,
    Heading,
    Misplaced,
    Missing,
    Node,
    Report,
    Row,
    Section,
    Skipped,
    Table,
    Token,
    Trivia,
)


def _attrs(node: Node) -> dict[str, Any]:
    if isinstance(node, Report):
        return {"version": node.version.value}
    if isinstance(node, Section):
        return {"number": node.number}
    if isinstance(node, Table):
        # numbers standing apart from their rows (T208): the table's cells are unreadable
        return {"name": node.name, "detached": node.detached} if node.detached else {"name": node.name}
    if isinstance(node, Block):
        return {"key": node.key}
    if isinstance(node, Group):
        return {"label": node.label}
    if isinstance(node, Row):
        return {"table": node.table, "row": node.row, "group": node.group}
    if isinstance(node, Misplaced):
        return {"rule": node.rule}
    if isinstance(node, Heading):
        return {"terminal": node.terminal, "number": node.number, "wording": node.wording.value}
    if isinstance(node, Token):
        out: dict[str, Any] = {"terminal": node.terminal}
        if node.label:
            out["label"] = node.label
        if node.fuzzy:
            out["fuzzy"] = True
        return out
    if isinstance(node, Missing | Skipped):
        return {"terminal": node.terminal}
    if isinstance(node, Chrome):
        return {"chrome": node.chrome}
    return {}


def cell_json(c: Cell, source: Source) -> dict[str, Any]:
    pos = source.position(c.span.start)
    return {
        **c.key.as_dict(),
        "value": c.number,
        "status": c.status.value,
        "raw": c.raw,
        "unit": c.unit or None,
        "split": c.split,
        "span": [c.span.start, c.span.end],
        "line": pos.line,
        "column": pos.column,
    }


def node_json(node: Node, source: Source) -> dict[str, Any]:
    start = source.position(node.span.start)
    end = source.position(node.span.end)
    out: dict[str, Any] = {
        "kind": node.kind,
        **_attrs(node),
        "span": [node.span.start, node.span.end],
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
    }
    if isinstance(node, Row):
        out["cells"] = [cell_json(c, source) for c in node.cells]
    if node.children:
        out["children"] = [node_json(c, source) for c in node.children]
    else:
        out["text"] = source.slice(node.span)
    return out


def _label(node: Node, source: Source) -> Text:
    start = source.position(node.span.start).line
    end = source.position(max(node.span.start, node.span.end - 1)).line
    where = f"{start}" if start == end else f"{start}–{end}"
    t = Text()
    t.append(node.kind, style="bold magenta" if node.children else "cyan")
    attrs = _attrs(node)
    if attrs:
        t.append(" " + " ".join(f"{k}={v}" for k, v in attrs.items()), style="green")
    t.append(f" @{where}", style="dim")
    if not node.children:
        text = source.slice(node.span).replace("\n", "⏎").replace("\r", "⏎")
        t.append("  " + (text if len(text) <= 40 else text[:40] + "…"))
    if isinstance(node, Row) and node.cells:
        t.append("  [" + ", ".join(f"{c.raw or c.status.value}" for c in node.cells) + "]", style="yellow")
    return t


def rich_tree(parsed: Parsed, show_trivia: bool = False) -> Tree:
    source = parsed.source

    def add(parent: Tree, node: Node) -> None:
        for child in node.children:
            if isinstance(child, Trivia) and not show_trivia:
                continue
            sub = parent.add(_label(child, source))
            if (child.children and not isinstance(child, Row)) or (isinstance(child, Row) and show_trivia):
                add(sub, child)

    root = Tree(_label(parsed.report, source))
    add(root, parsed.report)
    return root
