"""The diagnostic tree: the report's outline with every deviation shown where it is.

Header (organ, year, template version, counts), the title block, the six sections in template
order with ✓/⚠/✗ and line ranges, their tables with cell counts, and every deviating row
expanded in place with its values, the offending cells highlighted and the diagnostics beside
it. Conforming parts stay collapsed unless ``show_all``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rich.console import Group as RichGroup
from rich.text import Text
from rich.tree import Tree

from .. import template as T
from ..diagnostics import Diagnostic, Severity
from ..nodes import Block, Cell, CellStatus, Front, Group, Misplaced, Node, Row, Section, Table
from ..pipeline import Parsed
from ..source import Span
from .lint import SEVERITY_STYLE

MARK = {
    None: ("✓", "green"),
    Severity.INFO: ("✓", "green"),
    Severity.WARNING: ("⚠", "yellow"),
    Severity.ERROR: ("✗", "bold red"),
}
STATUS_SHOW = {CellStatus.BLANK: "（空）", CellStatus.UNREADABLE: "？"}


def _worst(diags: Iterable[Diagnostic]) -> Severity | None:
    ranked = sorted((d.severity for d in diags), key=lambda s: s.rank)
    return ranked[0] if ranked else None


def _lines(parsed: Parsed, span: Span) -> str:
    a = parsed.source.position(span.start).line
    b = parsed.source.position(max(span.start, span.end - 1)).line
    return f"第{a}行" if a == b else f"第{a}–{b}行"


def _diag_text(parsed: Parsed, d: Diagnostic) -> Text:
    t = Text()
    t.append(f"{d.code} ", style=SEVERITY_STYLE[d.severity])
    t.append(d.message)
    t.append(
        f"  ({parsed.source.position(d.span.start).line}:{parsed.source.position(d.span.start).column})", style="dim"
    )
    return t


class _Attach:
    """Which node of the outline each diagnostic belongs to."""

    def __init__(self, parsed: Parsed, diagnostics: list[Diagnostic]) -> None:
        self.by_row: dict[int, list[Diagnostic]] = defaultdict(list)
        self.by_section: dict[int, list[Diagnostic]] = defaultdict(list)
        self.by_table: dict[str, list[Diagnostic]] = defaultdict(list)
        self.front: list[Diagnostic] = []
        self.other: list[Diagnostic] = []
        report = parsed.report
        rows = list(report.find(Row))
        sections = [s for s in report.walk() if isinstance(s, Section)]
        fronts = [f for f in report.children if isinstance(f, Front)]
        for d in diagnostics:
            row = self._row_of(d, rows)
            if row is not None:
                self.by_row[id(row)].append(d)
                continue
            if d.section is not None:
                self.by_section[d.section].append(d)
                continue
            if d.table is not None:
                self.by_table[d.table].append(d)
                continue
            if any(f.span.start <= d.span.start < f.span.end for f in fronts) or d.code == "S104":
                self.front.append(d)
                continue
            sec = next((s for s in sections if s.span.start <= d.span.start < s.span.end), None)
            if sec is not None and d.code[0] != "X":
                self.by_section[sec.number].append(d)
            else:
                self.other.append(d)

    @staticmethod
    def _row_of(d: Diagnostic, rows: list[Row]) -> Row | None:
        if d.table is None:
            return None
        for r in rows:
            if r.table != d.table:
                continue
            if d.row and r.row == d.row:
                return r
            if d.row is None and r.table == "四" and r.span.start <= d.span.start <= r.span.end:
                return r
        return None

    def section_diags(self, number: int) -> list[Diagnostic]:
        return self.by_section.get(number, [])


def _cell_text(cell: Cell, hot: bool) -> Text:
    shown = STATUS_SHOW.get(cell.status, cell.raw.strip() or "（空）")
    bad = cell.status is not CellStatus.OK
    style = "bold red" if hot else ("yellow" if bad else "")
    return Text(shown, style=style)


def _row_node(parsed: Parsed, row: Row, diags: list[Diagnostic]) -> Tree:
    mark, style = MARK[_worst(diags)]
    label = Text()
    label.append(f"{mark} ", style=style)
    label.append(row.row or "数据行")
    label.append(f"  {_lines(parsed, row.span)}", style="dim")
    hot: set[str] = set()
    for d in diags:
        if d.cell is not None:
            hot.add(d.cell.block + "·" + d.cell.column)
        for span, _ in d.related:
            for c in row.cells:
                if c.span == span:
                    hot.add(c.key.block + "·" + c.key.column)
    values = Text("    ")
    for i, c in enumerate(row.cells):
        if i:
            values.append(" │ ", style="dim")
        values.append_text(_cell_text(c, c.key.block + "·" + c.key.column in hot))
    node = Tree(RichGroup(label, values))
    for d in diags:
        node.add(_diag_text(parsed, d))
    return node


def _table_node(parsed: Parsed, table: Table, attach: _Attach, show_all: bool) -> Tree:
    rows = list(table.find(Row))
    cells = [c for r in rows for c in r.cells]
    ok = sum(1 for c in cells if c.status is CellStatus.OK)
    table_diags = attach.by_table.get(table.name, []) + [d for r in rows for d in attach.by_row.get(id(r), [])]
    mark, style = MARK[_worst(table_diags)]
    title = Text()
    title.append(f"{mark} ", style=style)
    title.append(f"表{table.name}", style="bold")
    title.append(f"  {len(rows)}行 · {len(cells)}格 · {ok}格为数字  {_lines(parsed, table.span)}", style="dim")
    node = Tree(title)
    if table.name == "三":
        node.add(Text("列：" + " │ ".join(c.label.full for c in T.TABLE3_COLUMNS), style="dim"))
    if table.name == "四":
        node.add(
            Text(
                "列：行政复议 ×5 │ 未经复议直接起诉 ×5 │ 复议后起诉 ×5（结果维持 结果纠正 其他结果 尚未审结 总计）",
                style="dim",
            )
        )
    for d in attach.by_table.get(table.name, []):
        node.add(_diag_text(parsed, d))
    _children(parsed, table, node, attach, show_all)
    return node


def _children(parsed: Parsed, parent: Node, node: Tree, attach: _Attach, show_all: bool) -> None:
    for child in parent.children:
        if isinstance(child, Row):
            diags = attach.by_row.get(id(child), [])
            if diags or show_all:
                node.add(_row_node(parsed, child, diags))
        elif isinstance(child, Block | Group | Misplaced):
            sub_rows = list(child.find(Row))
            diags = [d for r in sub_rows for d in attach.by_row.get(id(r), [])]
            if not diags and not show_all:
                continue
            mark, style = MARK[_worst(diags)]
            title = Text()
            title.append(f"{mark} ", style=style)
            name = (
                child.key if isinstance(child, Block) else child.label if isinstance(child, Group) else "位置不对的部分"
            )
            title.append(name or "")
            title.append(f"  {_lines(parsed, child.span)}", style="dim")
            sub = node.add(title)
            _children(parsed, child, sub, attach, show_all)


def render(parsed: Parsed, diagnostics: list[Diagnostic], show_all: bool = False) -> Tree:
    meta = parsed.meta
    report = parsed.report
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    head = Text()
    head.append(meta.agency or "（未识别机关）", style="bold")
    head.append(f" · {meta.year or '？'}年度 · {report.version.value}格式 · ")
    head.append(
        f"✗ {counts[Severity.ERROR]} 错误", style=SEVERITY_STYLE[Severity.ERROR] if counts[Severity.ERROR] else "dim"
    )
    head.append(" ")
    head.append(
        f"⚠ {counts[Severity.WARNING]} 警告",
        style=SEVERITY_STYLE[Severity.WARNING] if counts[Severity.WARNING] else "dim",
    )
    head.append(f" ℹ {counts[Severity.INFO]} 提示", style="dim")
    head.append(f"\n{parsed.source.path}", style="dim")
    tree = Tree(head)
    attach = _Attach(parsed, diagnostics)

    if any(d.code == "S001" for d in diagnostics):
        for d in diagnostics:
            tree.add(_diag_text(parsed, d))
        return tree

    fronts = [f for f in report.children if isinstance(f, Front)]
    mark, style = MARK[_worst(attach.front)]
    t = Text()
    t.append(f"{mark} ", style=style)
    t.append("标题与说明")
    if fronts:
        t.append(f"  {_lines(parsed, fronts[0].span)}", style="dim")
    front = tree.add(t)
    for d in attach.front:
        front.add(_diag_text(parsed, d))

    for number in range(1, 7):
        spec = T.section(number)
        section = report.sections.get(number) or next(
            (s for s in report.walk() if isinstance(s, Section) and s.number == number), None
        )
        diags = attach.section_diags(number)
        inner = []
        if section is not None:
            for tbl in section.find(Table):
                inner += attach.by_table.get(tbl.name, [])
                inner += [d for r in tbl.find(Row) for d in attach.by_row.get(id(r), [])]
        mark, style = MARK[_worst(diags + inner)]
        t = Text()
        t.append(f"{mark} ", style=style)
        t.append(f"{spec.numeral}、{spec.title}", style="bold")
        if section is None:
            t.append("  缺少", style="bold red")
        else:
            t.append(f"  {_lines(parsed, section.span)}", style="dim")
        sec_node = tree.add(t)
        for d in diags:
            sec_node.add(_diag_text(parsed, d))
        if section is not None:
            for tbl in section.find(Table):
                sub_diags = attach.by_table.get(tbl.name, []) + [
                    d for r in tbl.find(Row) for d in attach.by_row.get(id(r), [])
                ]
                if sub_diags or show_all:
                    sec_node.add(_table_node(parsed, tbl, attach, show_all))
                else:
                    rows = list(tbl.find(Row))
                    cells = sum(len(r.cells) for r in rows)
                    sec_node.add(Text(f"✓ 表{tbl.name}  {len(rows)}行 · {cells}格", style="green"))
    if attach.other:
        others = tree.add(Text("其他", style="bold"))
        for d in attach.other:
            others.add(_diag_text(parsed, d))
    return tree
