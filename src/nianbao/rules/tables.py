"""T1-rules: the tables of sections 二, 三 and 四 — blocks, headers, rows, their order and labels."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from .. import template as T
from ..diagnostics import Diagnostic, Severity
from ..lexicon import label as label_of
from ..nodes import Block, Group, Header, Misplaced, Missing, Node, Row, Section, Skipped, Table, Token
from ..normalize import MASK
from ..source import Span
from . import Context, rule
from .structure import sections

NOTE_TEMPLATE = "年度报告格式（国办公开办函〔2019〕60号、〔2021〕30号）"


def table_spec(ctx: Context, name: str) -> T.TableSpec:
    return T.table(name, ctx.report.version)


def tables(ctx: Context) -> dict[str, Table]:
    """The first table of each name, in the main tree or out of place."""
    out: dict[str, Table] = {}
    for t in ctx.all(Table):
        out.setdefault(t.name, t)
    return out


def rows_of(node: Node) -> list[Row]:
    return [n for n in node.walk() if isinstance(n, Row)]


@rule("T101", "missing-table", Severity.ERROR, "缺少统计表格", "a statistical table is missing")
def missing_table(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that sections 二, 三 and 四 each carry their table.

    **Why**: the three tables are the report's data; the template requires them even when every
    number is 0 (a sentence such as "未发生行政复议" does not replace table 四).

    **Fix**: add the table of the template and fill in every cell, with 0 where nothing happened.
    """
    have = tables(ctx)
    for s, _ in sections(ctx):
        spec = T.section(s.number)
        if spec.table is None or spec.table in have:
            continue
        head = s.heading
        span = head.span if head is not None else Span(s.span.start, s.span.start)
        text_only = any(isinstance(c, Token) and c.terminal == "TEXT" for c in s.children)
        extra = "（只有文字说明）" if text_only else ""
        yield missing_table.make(
            span,
            f"第{spec.numeral}部分缺少统计表{extra}",
            help="按模板补上表格，没有发生的事项填0",
            note=NOTE_TEMPLATE,
            table=spec.table,
            section=s.number,
        )


def _row_where(rows: list[Row], order: list[str], terminal: str, fallback: Span) -> Span:
    """Zero-width span where the row ``terminal`` should be: before the next row present."""
    idx = order.index(terminal)
    present = {r.terminal: r for r in rows}
    for t in order[idx + 1 :]:
        if t in present:
            s = present[t].span.start
            return Span(s, s)
    return Span(fallback.end, fallback.end)


@rule("T102", "missing-block", Severity.ERROR, "表二缺少某一项（区块）", "a block of table 二 is missing")
def missing_block(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that table 二 has every block of its template version (第二十条第（一）项 …), each
    with its caption.

    **Why**: each block reports one item of article 20 of the 条例.

    **Fix**: add the block, with its caption, header and rows.
    """
    table = tables(ctx).get("二")
    if table is None:
        return
    spec = table_spec(ctx, "二")
    blocks = {b.key: b for b in table.find(Block)}
    keys = [b.key for b in spec.blocks]
    for key in keys:
        b = blocks.get(key)
        if b is None:
            where = next((blocks[k].span.start for k in keys[keys.index(key) + 1 :] if k in blocks), table.span.end)
            yield missing_block.make(Span(where, where), f"表二缺少“{key}”一项", note=NOTE_TEMPLATE, table="二")
        elif isinstance(b.children[0], Missing):
            yield missing_block.make(
                b.children[0].span, f"表二缺少区块标题“{key}”", severity=Severity.WARNING, table="二"
            )


@rule("T103", "missing-row", Severity.ERROR, "表格缺少某一行", "a row of a table is missing")
def missing_row(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that every row of the template is present in tables 二, 三 and 四, and that table 三's
    group labels ((三)不予公开, (四)无法提供 …) are there.

    **Why**: a missing row is a missing number; the template's arithmetic (勾稽关系) cannot be
    checked without it.

    **Fix**: add the row with its label and a number in every column (0 if none).
    """
    have = tables(ctx)
    t2 = have.get("二")
    if t2 is not None:
        spec = table_spec(ctx, "二")
        elsewhere = {r.terminal for r in rows_of_misplaced(ctx, "二")}
        for block in t2.find(Block):
            sb = next((b for b in spec.blocks if b.key == block.key), None)
            if sb is None:
                continue
            rows = rows_of(block)
            order = [r.label.terminal for r in sb.rows]
            present = {r.terminal for r in rows} | elsewhere
            for r in sb.rows:
                if r.label.terminal not in present:
                    yield missing_row.make(
                        _row_where(rows, order, r.label.terminal, block.span),
                        f"表二“{block.key}”缺少“{r.label.full}”行",
                        table="二",
                        row=r.label.full,
                    )
    t3 = have.get("三")
    if t3 is not None:
        spec = table_spec(ctx, "三")
        rows = rows_of(t3)
        present = {r.terminal for r in rows} | {r.terminal for r in rows_of_misplaced(ctx, "三")}
        order = [r.label.terminal for r in spec.rows]
        groups = {g.terminal: g for g in t3.find(Group)}
        reported_groups = set()
        for r in spec.rows:
            if r.label.terminal in present:
                continue
            group_rows = [x for x in spec.rows if x.group and x.group == r.group]
            gterm = next((g.terminal for g in spec.groups if g.full == r.group), None)
            if r.group and gterm not in groups and all(x.label.terminal not in present for x in group_rows):
                if r.group in reported_groups:
                    continue
                reported_groups.add(r.group)
                yield missing_row.make(
                    _row_where(rows, order, r.label.terminal, t3.span),
                    f"表三缺少“{r.group}”及其{len(group_rows)}个子项",
                    table="三",
                    row=r.group,
                )
                continue
            yield missing_row.make(
                _row_where(rows, order, r.label.terminal, t3.span),
                f"表三缺少“{r.label.full}”行" + (f"（属“{r.group}”）" if r.group else ""),
                table="三",
                row=r.label.full,
            )
        for g in t3.find(Group):
            first = g.children[0]
            if isinstance(first, Missing) and g.terminal != "G3_RESULTS":
                yield missing_row.make(
                    first.span, f"表三缺少分组标题“{g.label}”", severity=Severity.WARNING, table="三", row=g.label
                )


def rows_of_misplaced(ctx: Context, table: str) -> list[Row]:
    return [r for r in ctx.all(Row) if r.table == table and id(r) in ctx.misplaced]


_NUMBERING = re.compile(r"^(?:[0-9]{1,2}[.、]|\([一二三四五六七八九十]\)|[一二三四五六七八九十][、.])")


@rule("T104", "row-label", Severity.WARNING, "行标题与模板不一致", "a row label differs from the template")
def row_label(ctx: Context) -> Iterator[Diagnostic]:
    """Checks each row label against the template's wording. A label recognised only by its
    similarity and position is a warning; a label that only omits its numbering is info.

    **Why**: the row labels define what each number means; a reworded label makes the number
    ambiguous and breaks comparisons across reports.

    **Fix**: use the template's label.
    """
    for tok in ctx.all(Token):
        if not tok.label or not (tok.terminal.startswith(("R2_", "R3_", "G3_"))):
            continue
        written = ctx.text(tok.span)
        if tok.fuzzy:
            yield row_label.make(
                tok.span, f"行标题“{written}”与模板不一致，应为“{tok.label}”", help=f"改为“{tok.label}”", row=tok.label
            )
            continue
        lab = label_of(tok.label)
        if lab.numbering:
            squeezed = re.sub(rf"[ {MASK}\r\n\t]", "", ctx.analysis[tok.span.start : tok.span.end])
            if not _NUMBERING.match(squeezed):
                yield row_label.make(
                    tok.span,
                    f"行标题“{written}”缺少编号“{lab.numbering}”",
                    severity=Severity.INFO,
                    help=f"改为“{lab.full}”",
                    row=tok.label,
                )


def _header_expectation(ctx: Context, header: Header) -> tuple[str, list[T.Label], bool]:
    """(table name, expected labels in order, whether order matters) for a header row."""
    parent = _parent_of(ctx, header)
    if isinstance(parent, Block):
        sb = next(b for b in table_spec(ctx, "二").blocks if b.key == parent.key)
        return "二", [T.T2_INFO] + [c.label for c in sb.columns], True
    table = parent.name if isinstance(parent, Table) else "三"
    if table == "四":
        cols = [c.label for c in T.TABLE4_COLUMNS]
        return "四", [T.T4_REVIEW, T.T4_LITIGATION, *cols, T.T4_DIRECT, T.T4_AFTER_REVIEW, *cols, *cols], True
    return "三", list(table_spec(ctx, "三").header), False


def _parent_of(ctx: Context, target: Node) -> Node | None:
    return ctx.parent(target)


@rule(
    "T105",
    "column-header",
    Severity.WARNING,
    "列标题缺失、不完整或与模板不一致",
    "a column header is missing, truncated or renamed",
)
def column_header(ctx: Context) -> Iterator[Diagnostic]:
    """Checks the header row of each table block against the template: every column label present,
    complete (not cut short, as ``本年新`` for ``本年新制作数量``) and with the template's wording.

    **Why**: the header says what each column counts; a truncated or renamed header makes the
    numbers below it unreadable for anyone who does not know the template by heart.

    **Fix**: use the template's header labels.
    """
    for header in ctx.all(Header):
        table, expected, ordered = _header_expectation(ctx, header)
        cells = [c for c in header.children if isinstance(c, Token)]
        if ordered:
            yield from _aligned(ctx, header, table, expected, cells)
        else:
            yield from _unordered(ctx, header, table, expected, cells)


def _describe(ctx: Context, tok: Token, want: T.Label, table: str) -> Diagnostic:
    written = re.sub(r"\s+", "", ctx.text(tok.span))
    squeezed = re.sub(rf"[ {MASK}\r\n\t]", "", ctx.analysis[tok.span.start : tok.span.end])
    if len(squeezed) >= 2 and want.full.startswith(squeezed):
        msg = f"列标题不完整：“{written}”应为“{want.full}”"
    else:
        msg = f"列标题“{written}”与模板不一致，应为“{want.full}”"
    return column_header.make(tok.span, msg, help=f"改为“{want.full}”", table=table)


def _aligned(
    ctx: Context, header: Header, table: str, expected: list[T.Label], cells: list[Token]
) -> Iterator[Diagnostic]:
    want = [label.terminal for label in expected]
    have = [c.terminal if c.terminal != "CELLTEXT" else f"?{i}" for i, c in enumerate(cells)]
    for op, i1, i2, j1, j2 in SequenceMatcher(None, want, have, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(range(i1, i2), range(j1, j2), strict=False))
        for i, j in pairs:
            if cells[j].terminal == "CELLTEXT":
                yield _describe(ctx, cells[j], expected[i], table)
            else:
                yield column_header.make(
                    cells[j].span,
                    f"列标题“{ctx.text(cells[j].span)}”位置不对，此处应为“{expected[i].full}”",
                    table=table,
                )
        for i in range(i1 + len(pairs), i2):
            at = cells[j2 - 1].span.end if j2 > 0 else header.span.start
            if j2 < len(cells) and j2 > j1:
                at = cells[j2].span.start
            elif j1 < len(cells):
                at = cells[j1].span.start
            yield column_header.make(Span(at, at), f"缺少列标题“{expected[i].full}”", table=table)
        for j in range(j1 + len(pairs), j2):
            if cells[j].terminal == "CELLTEXT":
                yield column_header.make(cells[j].span, f"多出列标题“{ctx.text(cells[j].span)}”", table=table)


def _unordered(
    ctx: Context, header: Header, table: str, expected: list[T.Label], cells: list[Token]
) -> Iterator[Diagnostic]:
    present = {c.terminal for c in cells}
    missing = [label for label in expected if label.terminal not in present]
    unknown = [c for c in cells if c.terminal == "CELLTEXT"]
    for label, tok in zip(missing, unknown, strict=False):
        yield _describe(ctx, tok, label, table)
    for label in missing[len(unknown) :]:
        at = header.span.start
        sev = Severity.INFO if label.terminal == "T3_CORNER" else None
        yield column_header.make(Span(at, at), f"缺少表头“{label.full}”", severity=sev, table=table)
    for tok in unknown[len(missing) :]:
        yield column_header.make(tok.span, f"多出表头“{ctx.text(tok.span)}”", table=table)


@rule("T106", "extra-row", Severity.WARNING, "表格中有模板之外的行或单元格", "a row or cells not in the template")
def extra_row(ctx: Context) -> Iterator[Diagnostic]:
    """Checks for rows and cells the template does not have: a row with an unknown label, or more
    values in a row than the template has columns.

    **Why**: extra rows (合计, 其他说明) or extra values shift the reader's understanding of which
    number belongs where.

    **Fix**: remove the extra row or value, or move the information to the text.
    """
    for row in ctx.all(Row):
        if not row.extra:
            continue
        texts = [c for c in row.extra if isinstance(c, Token) and c.terminal == "CELLTEXT"]
        where = Span(row.extra[0].span.start, row.extra[-1].span.end)
        shown = "、".join(ctx.text(c.span).strip() for c in row.extra[:8])
        if texts:
            yield extra_row.make(
                where, f"“{row.row or '表四'}”行后有模板之外的内容：{shown}", table=row.table, row=row.row
            )
        else:
            yield extra_row.make(
                where,
                f"“{row.row or '表四'}”行的数值多于模板的{len(row.cells)}列：多出 {shown}",
                table=row.table,
                row=row.row,
            )


@rule("T107", "row-order", Severity.WARNING, "行或区块的顺序与模板不一致", "rows or blocks are out of order")
def row_order(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that rows, groups and blocks of the tables come in the template's order.

    **Why**: readers compare reports row by row; a moved row is read as another row's number.

    **Fix**: put the row back in its place.
    """
    for m in ctx.all(Misplaced):
        inner = m.children[0]
        if isinstance(inner, Section):
            continue
        first = next((t for t in inner.walk() if isinstance(t, Token)), None)
        if first is None:
            continue
        what = first.label or ctx.text(first.span)
        yield row_order.make(first.span, f"“{what}”的位置与模板顺序不一致", help="按模板顺序排列", row=first.label)


@rule(
    "T109",
    "unexpected-content",
    Severity.WARNING,
    "表格或报告中有无法识别的内容",
    "content that fits nowhere in the template",
)
def unexpected_content(ctx: Context) -> Iterator[Diagnostic]:
    """Reports text the parser could not place in the report's structure, such as a header cell
    in a data row or a number with no row.

    **Why**: whatever it is, a reader of the table will not know what it belongs to.

    **Fix**: move it into the right row or column, or into the text.
    """
    run: list[Skipped] = []
    for node in ctx.all(Skipped):
        if run and ctx.text(Span(run[-1].span.end, node.span.start)).strip(" \t\r\n|" + MASK):
            yield _skipped(ctx, run)
            run = []
        run.append(node)
    if run:
        yield _skipped(ctx, run)


def _skipped(ctx: Context, run: list[Skipped]) -> Diagnostic:
    span = Span(run[0].span.start, run[-1].span.end)
    text = re.sub(r"\s+", " ", ctx.text(span)).strip()
    shown = text if len(text) <= 30 else text[:30] + "…"
    return unexpected_content.make(span, f"无法归入模板结构的内容：“{shown}”")


def in_section(ctx: Context, node: Node) -> Section | None:
    for s, _ in sections(ctx):
        if s.span.start <= node.span.start < s.span.end:
            return s
    return None
