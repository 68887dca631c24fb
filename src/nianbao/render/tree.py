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
from rich.table import Table as RichTable
from rich.text import Text
from rich.tree import Tree

from .. import template as T
from ..diagnostics import Diagnostic, Severity
from ..nodes import Block, Cell, CellStatus, Front, Group, Misplaced, Node, Row, Section, Table
from ..pipeline import Parsed
from ..source import Span
from .lint import SEVERITY_STYLE
from .wrap import CJKText

MARK = {
    None: ("✓", "green"),
    Severity.INFO: ("✓", "green"),
    Severity.WARNING: ("⚠", "yellow"),
    Severity.ERROR: ("✗", "bold red"),
}

# Words of the outline in both languages (the report's own labels stay as written).
WORDS = {
    "zh": {
        "unknown_organ": "（未识别机关）",
        "year": "{year}年度",
        "format": "{version}格式",
        "errors": "{n} 错误",
        "warnings": "{n} 警告",
        "infos": "{n} 提示",
        "front": "标题与说明",
        "missing": "缺少",
        "line": "第{a}行",
        "lines": "第{a}–{b}行",
        "table": "表{name}",
        "table_stats": "{rows}行 · {cells}格 · {ok}格为数字",
        "table_short": "{rows}行 · {cells}格",
        "columns4": "列：行政复议 ×5 │ 未经复议直接起诉 ×5 │ 复议后起诉 ×5（结果维持 结果纠正 其他结果 尚未审结 总计）",
        "values_row": "数据行",
        "misplaced": "位置不对的部分",
        "other": "其他",
        "blank": "（空）",
        "unreadable": "？",
    },
    "en": {
        "unknown_organ": "(organ not found)",
        "year": "year {year}",
        "format": "{version} template",
        "errors": "{n} errors",
        "warnings": "{n} warnings",
        "infos": "{n} info",
        "front": "title block",
        "missing": "missing",
        "line": "line {a}",
        "lines": "lines {a}–{b}",
        "table": "table {name}",
        "table_stats": "{rows} rows · {cells} cells · {ok} numbers",
        "table_short": "{rows} rows · {cells} cells",
        "columns4": (
            "columns: 行政复议 ×5 │ 未经复议直接起诉 ×5 │ 复议后起诉 ×5 (结果维持 结果纠正 其他结果 尚未审结 总计)"
        ),
        "values_row": "values",
        "misplaced": "out of place",
        "other": "other",
        "blank": "(blank)",
        "unreadable": "?",
    },
}


def _worst(diags: Iterable[Diagnostic]) -> Severity | None:
    ranked = sorted((d.severity for d in diags), key=lambda s: s.rank)
    return ranked[0] if ranked else None


class _Attach:
    """Which node of the outline each diagnostic belongs to."""

    def __init__(self, parsed: Parsed, diagnostics: list[Diagnostic]) -> None:
        self.by_row: dict[int, list[Diagnostic]] = defaultdict(list)
        self.by_section: dict[int, list[Diagnostic]] = defaultdict(list)
        self.by_table: dict[str, list[Diagnostic]] = defaultdict(list)
        self.front: list[Diagnostic] = []
        self.other: list[Diagnostic] = []
        report = parsed.report
        rows = report.all(Row)
        sections = report.all(Section)
        fronts = [f for f in report.children if isinstance(f, Front)]
        tables = {t.name for t in report.all(Table)}
        for d in diagnostics:
            row = self._row_of(d, rows)
            if row is not None:
                self.by_row[id(row)].append(d)
            elif d.section is not None:
                self.by_section[d.section].append(d)
            elif d.table in tables:  # a table the outline shows (else the finding would be lost)
                self.by_table[d.table].append(d)
            elif any(f.span.start <= d.span.start < f.span.end for f in fronts) or d.code == "S104":
                self.front.append(d)
            else:
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
            if not d.row and r.table == "四" and r.span.start <= d.span.start <= r.span.end:
                return r
        return None

    def of_rows(self, rows: Iterable[Row]) -> list[Diagnostic]:
        return [d for r in rows for d in self.by_row.get(id(r), [])]


class _View:
    def __init__(self, parsed: Parsed, diagnostics: list[Diagnostic], show_all: bool, lang: str) -> None:
        self.parsed = parsed
        self.diagnostics = diagnostics
        self.show_all = show_all
        self.lang = "en" if lang == "en" else "zh"
        self.words = WORDS[self.lang]
        self.attach = _Attach(parsed, diagnostics)

    def w(self, key: str, **params: object) -> str:
        return self.words[key].format(**params)

    def lines(self, span: Span) -> str:
        source = self.parsed.source
        last = max(span.start, span.end - 1)
        first_place, last_place = source.place(span.start), source.place(last)
        if first_place is not None and last_place is not None:  # Word, PDF: the document's own places
            a, b = (p.en if self.lang == "en" else p.zh for p in (first_place, last_place))
            return a if a == b else f"{a}–{b}"
        a, b = source.position(span.start).line, source.position(last).line
        return self.w("line", a=a) if a == b else self.w("lines", a=a, b=b)

    def at(self, offset: int) -> str:
        """Where a diagnostic is: line:column, or the page and line of a Word or PDF document."""
        place = self.parsed.source.place(offset)
        if place is not None:
            return place.en if self.lang == "en" else place.zh
        pos = self.parsed.source.position(offset)
        return f"{pos.line}:{pos.column}"

    def diag(self, d: Diagnostic) -> CJKText:
        t = Text()
        t.append(f"{d.code} ", style=SEVERITY_STYLE[d.severity])
        t.append(d.text(self.lang))
        t.append(f"  ({self.at(d.span.start)})", style="dim")
        return CJKText(t)

    @staticmethod
    def marked(diags: Iterable[Diagnostic], label: str, label_style: str = "") -> Text:
        mark, style = MARK[_worst(diags)]
        t = Text()
        t.append(f"{mark} ", style=style)
        t.append(label, style=label_style)
        return t

    # ------------------------------------------------------------------ parts

    def cell(self, cell: Cell, hot: bool) -> Text:
        if cell.status is CellStatus.BLANK:
            shown = self.w("blank")
        elif cell.status is CellStatus.UNREADABLE:
            shown = self.w("unreadable")
        else:
            shown = cell.raw.strip() or self.w("blank")
        bad = cell.status is not CellStatus.OK
        return Text(shown, style="bold red" if hot else ("yellow" if bad else ""))

    def row(self, row: Row, diags: list[Diagnostic]) -> Tree:
        label = self.marked(diags, row.row or self.w("values_row"))
        label.append(f"  {self.lines(row.span)}", style="dim")
        hot: set[tuple[str, str]] = set()
        for d in diags:
            if d.cell is not None:
                hot.add((d.cell.block, d.cell.column))
            for span in (r.span for r in d.related):
                hot.update((c.key.block, c.key.column) for c in row.cells if c.span == span)
        # the values under their columns' names, aligned, whatever the depth of the row in the tree
        grid = RichTable(box=None, pad_edge=False, padding=(0, 0, 0, 1), show_edge=False, header_style="dim")
        for c in row.cells:
            grid.add_column(_short_column(c.key), justify="right", overflow="fold")
        grid.add_row(*(self.cell(c, (c.key.block, c.key.column) in hot) for c in row.cells))
        node = Tree(RichGroup(label, grid) if row.cells else label)
        for d in diags:
            node.add(self.diag(d))
        return node

    def table(self, table: Table) -> Tree:
        rows = list(table.find(Row))
        cells = [c for r in rows for c in r.cells]
        ok = sum(1 for c in cells if c.status is CellStatus.OK)
        diags = self.attach.by_table.get(table.name, []) + self.attach.of_rows(rows)
        title = self.marked(diags, self.w("table", name=table.name), "bold")
        title.append(
            f"  {self.w('table_stats', rows=len(rows), cells=len(cells), ok=ok)}  {self.lines(table.span)}", style="dim"
        )
        node = Tree(title)
        if table.name == "四":
            node.add(Text(self.w("columns4"), style="dim"))
        for d in self.attach.by_table.get(table.name, []):
            node.add(self.diag(d))
        self.children(table, node)
        return node

    def children(self, parent: Node, node: Tree) -> None:
        for child in parent.children:
            if isinstance(child, Row):
                diags = self.attach.by_row.get(id(child), [])
                if diags or self.show_all:
                    node.add(self.row(child, diags))
            elif isinstance(child, Block | Group | Misplaced):
                diags = self.attach.of_rows(child.find(Row))
                if not diags and not self.show_all:
                    continue
                if isinstance(child, Block):
                    name = child.key
                elif isinstance(child, Group):
                    name = child.label
                else:
                    name = self.w("misplaced")
                title = self.marked(diags, name)
                title.append(f"  {self.lines(child.span)}", style="dim")
                self.children(child, node.add(title))

    # ------------------------------------------------------------------ whole

    def header(self) -> Text:
        meta = self.parsed.meta
        counts = {s: sum(1 for d in self.diagnostics if d.severity is s) for s in Severity}
        head = Text()
        head.append(meta.agency or self.w("unknown_organ"), style="bold")
        year = self.w("year", year=meta.year or "？")
        head.append(f" · {year} · {self.w('format', version=self.parsed.report.version.value)} · ")
        err, warn = counts[Severity.ERROR], counts[Severity.WARNING]
        head.append(f"✗ {self.w('errors', n=err)}", style=SEVERITY_STYLE[Severity.ERROR] if err else "dim")
        head.append(" ")
        head.append(f"⚠ {self.w('warnings', n=warn)}", style=SEVERITY_STYLE[Severity.WARNING] if warn else "dim")
        head.append(f" ℹ {self.w('infos', n=counts[Severity.INFO])}", style="dim")
        head.append(f"\n{self.parsed.source.path}", style="dim")
        return head

    def render(self) -> Tree:
        report = self.parsed.report
        tree = Tree(self.header())
        if any(d.code == "S001" for d in self.diagnostics):
            for d in self.diagnostics:
                tree.add(self.diag(d))
            return tree
        fronts = [f for f in report.children if isinstance(f, Front)]
        t = self.marked(self.attach.front, self.w("front"))
        if fronts:
            t.append(f"  {self.lines(fronts[0].span)}", style="dim")
        front = tree.add(t)
        for d in self.attach.front:
            front.add(self.diag(d))
        for number in range(1, 7):
            self.section(tree, number)
        if self.attach.other:
            others = tree.add(Text(self.w("other"), style="bold"))
            for d in self.attach.other:
                others.add(self.diag(d))
        return tree

    def section(self, tree: Tree, number: int) -> None:
        spec = T.section(number)
        report = self.parsed.report
        section = report.sections.get(number) or next((s for s in report.all(Section) if s.number == number), None)
        diags = self.attach.by_section.get(number, [])
        tables = list(section.find(Table)) if section is not None else []
        inner = [
            d for tbl in tables for d in self.attach.by_table.get(tbl.name, []) + self.attach.of_rows(tbl.find(Row))
        ]
        t = self.marked(diags + inner, f"{spec.numeral}、{spec.title}", "bold")
        if section is None:
            t.append(f"  {self.w('missing')}", style="bold red")
        else:
            t.append(f"  {self.lines(section.span)}", style="dim")
        node = tree.add(t)
        for d in diags:
            node.add(self.diag(d))
        for tbl in tables:
            rows = list(tbl.find(Row))
            if self.attach.by_table.get(tbl.name) or self.attach.of_rows(rows) or self.show_all:
                node.add(self.table(tbl))
            else:
                cells = sum(len(r.cells) for r in rows)
                node.add(
                    Text(
                        f"✓ {self.w('table', name=tbl.name)}  {self.w('table_short', rows=len(rows), cells=cells)}",
                        style="green",
                    )
                )


# Table 四's columns by the five results; the three groups are said once at the table.
_RESULTS = {"结果维持": "维持", "结果纠正": "纠正", "其他结果": "其他", "尚未审结": "未审结"}


def _short_column(key: T.CellKey) -> str:
    """A cell's column as a row's header shows it: table 四's by result, the others as written."""
    if key.table == "四":
        return _RESULTS.get(key.column, key.column)
    return key.column


def render(parsed: Parsed, diagnostics: list[Diagnostic], show_all: bool = False, lang: str = "zh") -> Tree:
    return _View(parsed, diagnostics, show_all, lang).render()
