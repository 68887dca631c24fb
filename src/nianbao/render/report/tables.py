"""A table of the tree as an HTML table: the rows in the order read, their values under their columns'
names, the cells a finding is about highlighted, the terms of a sum outlined, and beside each row
the notes of its findings with the arithmetic (``49 ≠ 49+42+3+0+0+4 = 98``).

The arithmetic is `template.relations` applied to the report's cells (`Report.cells`, the first
cell of a key, as the checks take it); the cells a finding is about are its `cell` key and its
`related` spans; which row a finding belongs to is decided by `attach_row`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from ... import template as T
from ...diagnostics import Diagnostic
from ...nodes import Cell, CellStatus, Report, Row, Table
from .marks import SEV, esc

ARITHMETIC = ("A101", "A102", "A103", "A104")
_RESULTS = {"结果维持": "维持", "结果纠正": "纠正", "其他结果": "其他", "尚未审结": "未审结"}


def fmt(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())


def relation_of(d: Diagnostic, version: T.Version) -> T.Relation | None:
    """The identity an arithmetic finding reports: the relation of its code whose total is its cell
    (A101 points at （七）总计, the first term of the right side; the others at their left side)."""
    if d.code not in ARITHMETIC or d.cell is None:
        return None
    for rel in T.relations(version):
        if rel.code == d.code and (rel.rhs[0] if d.code == "A101" else rel.lhs[0]) == d.cell:
            return rel
    return None


def arithmetic(rel: T.Relation, cells: dict[T.CellKey, Cell]) -> str | None:
    """``left ≠ right`` with each side's terms: ``49 ≠ 49+42+3+0+0+4 = 98``; None when a cell has no value."""
    sides = []
    for keys in (rel.lhs, rel.rhs):
        values = [cells[k].value if k in cells else None for k in keys]
        if any(v is None for v in values):
            return None
        total = sum(values, Decimal(0))  # type: ignore[arg-type]
        terms = "+".join(fmt(v) for v in values)  # type: ignore[arg-type]
        sides.append(terms if len(values) == 1 else f"{terms} = {fmt(total)}")
    return f"{sides[0]} ≠ {sides[1]}"


def first_cells(report: Report) -> dict[T.CellKey, Cell]:
    out: dict[T.CellKey, Cell] = {}
    for c in report.cells():
        out.setdefault(c.key, c)
    return out


def attach_row(d: Diagnostic, rows: list[Row]) -> int | None:
    """The row of ``rows`` a finding inside the table is about: the row of its cell, the row its
    table, group and row labels name, else the row its span lies in; None for the table as a whole."""
    if d.cell is not None:
        for i, r in enumerate(rows):
            if any(c.key == d.cell and c.span == d.span for c in r.cells):
                return i
        for i, r in enumerate(rows):
            if any(c.key == d.cell for c in r.cells):
                return i
    if d.row:
        for i, r in enumerate(rows):
            if r.row == d.row and (not d.group or r.group == d.group) and _within(d, r):
                return i
        for i, r in enumerate(rows):
            if r.row == d.row and (not d.group or r.group == d.group):
                return i
    for i, r in enumerate(rows):
        if _within(d, r):
            return i
    return None


def _within(d: Diagnostic, r: Row) -> bool:
    return r.span.start <= d.span.start < r.span.end or d.span.start == r.span.start


@dataclass
class Grid:
    """What the page needs to draw one table: which findings go with which row, which cells they mark."""

    table: Table
    rows: list[Row]
    by_row: dict[int, list[int]] = field(default_factory=dict)  # row index → finding indices
    whole: list[int] = field(default_factory=list)  # findings about the table as a whole
    hot: dict[int, list[int]] = field(default_factory=dict)  # id(cell) → findings about that cell
    terms: dict[int, list[int]] = field(default_factory=dict)  # id(cell) → findings it is a term of
    cell_ids: dict[int, str] = field(default_factory=dict)  # id(cell) → element id


def grid_of(
    table: Table,
    found: list[int],
    diagnostics: list[Diagnostic],
    version: T.Version,
    related: dict[tuple[int, int], list[int]],
    prefix: str,
    counter: list[int],
) -> Grid:
    """Attach the findings ``found`` (indices into ``diagnostics``, all inside this table) to its rows
    and cells; ``related`` maps a cell span (start, end) to the findings anywhere in the report that
    name it as a related place. Cells get ids ``{prefix}c{n}`` from the running ``counter``."""
    rows = list(table.find(Row))
    g = Grid(table, rows)
    by_key: dict[T.CellKey, Cell] = {}
    for r in rows:
        for c in r.cells:
            by_key.setdefault(c.key, c)
            g.cell_ids[id(c)] = f"{prefix}c{counter[0]}"
            counter[0] += 1
            for k in related.get((c.span.start, c.span.end), []):
                g.terms.setdefault(id(c), []).append(k)
    for k in found:
        d = diagnostics[k]
        i = attach_row(d, rows)
        if i is None:
            g.whole.append(k)
        else:
            g.by_row.setdefault(i, []).append(k)
            for c in rows[i].cells:
                if d.cell is not None and c.key == d.cell:
                    g.hot.setdefault(id(c), []).append(k)
        rel = relation_of(d, version)
        if rel is not None:
            for key in rel.lhs + rel.rhs:
                c = by_key.get(key)
                if c is not None and key != d.cell and k not in g.terms.get(id(c), []):
                    g.terms.setdefault(id(c), []).append(k)
    return g


def _column(key: T.CellKey) -> str:
    return _RESULTS.get(key.column, key.column) if key.table == "四" else key.column


def render_grid(
    g: Grid,
    diagnostics: list[Diagnostic],
    note: Callable[[int], str],
    words: dict[str, str],
    xref_cells: dict[int, list[str]],
) -> str:
    """The table's HTML: one <table> for each run of rows with the same columns (table 二's blocks
    each have their own), a caption row where a block or group begins, notes in the last column.
    ``note(k)`` gives the HTML of finding k's note; ``xref_cells`` maps id(cell) to the anchors of
    the places other reports point at in it."""
    out: list[str] = []
    columns: tuple[tuple[str, str], ...] | None = None
    block = group = None
    for i, row in enumerate(g.rows):
        cols = tuple((c.key.block, c.key.column) for c in row.cells)
        if cols != columns:
            if columns is not None:
                out.append("</tbody></table>")
            columns = cols
            out.append('<table class="grid"><thead>')
            blocks = [b for b, _ in cols]
            if len(set(blocks)) > 1:  # table 四: the three blocks over their five results
                out.append('<tr><th rowspan="2"></th>')
                j = 0
                while j < len(blocks):
                    n = 1
                    while j + n < len(blocks) and blocks[j + n] == blocks[j]:
                        n += 1
                    out.append(f'<th colspan="{n}">{esc(blocks[j])}</th>')
                    j += n
                out.append(f'<th rowspan="2" class="nh">{esc(words["notes"])}</th></tr><tr>')
            else:
                out.append(f"<tr><th>{esc(words['row_label'])}</th>")
            out.extend(f"<th>{esc(_column(c.key))}</th>" for c in row.cells)
            if len(set(blocks)) <= 1:
                out.append(f'<th class="nh">{esc(words["notes"])}</th>')
            out.append("</tr></thead><tbody>")
            block = group = None
        width = len(row.cells) + 2
        row_block = row.cells[0].key.block if row.cells else ""
        if row_block and row_block != block and len({b for b, _ in cols}) == 1:
            out.append(f'<tr class="cap"><th colspan="{width}">{esc(row_block)}</th></tr>')
        block = row_block
        if row.group and row.group != group and row.group != row.row:
            out.append(f'<tr class="grp"><th colspan="{width}">{esc(row.group)}</th></tr>')
        group = row.group
        ks = g.by_row.get(i, [])
        worst = min((diagnostics[k].severity.rank for k in ks), default=None)
        cls = f' class="s{"ewi"[worst]}"' if worst is not None else ""
        out.append(f'<tr{cls}><th class="rl">{esc(row.row)}</th>')
        for c in row.cells:
            out.append(_cell(c, g, diagnostics, words, xref_cells))
        out.append(f'<td class="ns">{"".join(note(k) for k in ks)}</td></tr>')
    if columns is not None:
        out.append("</tbody></table>")
    return "".join(out)


def _cell(c: Cell, g: Grid, diagnostics: list[Diagnostic], words: dict[str, str], xref: dict[int, list[str]]) -> str:
    if c.status is CellStatus.BLANK:
        shown = words["blank"]
    elif c.status is CellStatus.UNREADABLE:
        shown = words["unreadable_cell"]
    else:
        shown = c.raw.strip() or words["blank"]
    classes = ["c", f"st-{c.status.value}"]
    attrs = [f'id="{g.cell_ids[id(c)]}"']
    hot = g.hot.get(id(c), [])
    if hot:
        worst = min((diagnostics[k] for k in hot), key=lambda d: d.severity.rank)
        classes.append(f"hot s{SEV[worst.severity]}")
        attrs.append(f'data-f="{" ".join(map(str, hot))}"')
    terms = g.terms.get(id(c), [])
    if terms:
        classes.append("term")
        attrs.append(f'data-r="{" ".join(map(str, terms))}"')
    anchors = xref.get(id(c), [])
    if anchors:
        classes.append("xref")
        attrs.append(f'data-xa="{anchors[0]}"')
    title = f"{c.key.block or c.key.group} {c.key.row} · {c.key.column}".strip()
    inside = "".join(f'<a class="an" id="{a}"></a>' for a in anchors) + esc(shown)
    return f'<td class="{" ".join(classes)}" {" ".join(attrs)} title="{esc(title)}">{inside}</td>'
