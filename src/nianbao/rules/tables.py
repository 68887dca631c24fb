"""T1-rules: the tables of sections 二, 三 and 四 — blocks, rows, their order and labels (the header
rows: `table_headers`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import template as T
from ..diagnostics import Diagnostic, Severity
from ..source import Span
from ..syntax import pictures
from ..syntax.nodes import Block, Group, Missing, Node, Row, Section, Skipped, Table, Token
from ..syntax.normalize import MASK
from ..syntax.scanner import label as label_of
from .base import Context, Doc, Example, at_label, at_row, rule
from .structure import sections

TEMPLATE_NOTE = (
    "年度报告格式（国办公开办函〔2019〕60号、〔2021〕30号）",
    "annual report template (国办公开办函〔2019〕60号, 〔2021〕30号)",
)
SQUEEZABLE = re.compile(rf"[ {MASK}\r\n\t]")  # what a label's text is compared without


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


def rows_of_misplaced(ctx: Context, table: str) -> list[Row]:
    return [r for r in ctx.all(Row) if r.table == table and id(r) in ctx.misplaced]


@rule(
    "T101",
    "missing-table",
    Severity.ERROR,
    zh=Doc(
        "缺少统计表格",
        "检查第二、三、四部分是否各有模板规定的统计表。表格以图片发布时（网页的<img>、Word中的图片，或抓取文本中的“[图片]”行），"
        "报告的是“统计表是图片，无法核对”（警告），而不是缺少表格。",
        "三张表是报告的数据；即使所有数字都是0，模板也要求有表，“未发生行政复议”一类的句子不能代替表四。",
        "按模板补上表格，没有发生的事项填0。",
    ),
    en=Doc(
        "a statistical table is missing",
        "Checks that sections 二, 三 and 四 each carry their table. A table published as a picture (an <img> of "
        "the page, a picture in Word, a “[图片]” line of crawled text) is reported as such, a warning that its "
        "numbers cannot be checked, rather than as missing.",
        "The three tables are the report's data; the template requires them even when every number is 0 (a "
        "sentence such as 未发生行政复议 does not replace table 四).",
        "Add the table of the template and fill in every cell, with 0 where nothing happened.",
    ),
    example=Example(
        good="政府信息公开行政复议、行政诉讼情况如下：\n行政复议 | 行政诉讼 | ……\n1 | 1 | 1 | 0 | 3 | ……\n",
        bad="本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。\n",
    ),
    messages={
        "default": ("第{numeral}部分缺少统计表", "section {numeral} has no table"),
        "text": ("第{numeral}部分缺少统计表（只有文字说明）", "section {numeral} has no table (only text)"),
        "image": (
            "第{numeral}部分的统计表是图片，无法核对其中的数字",
            "section {numeral}: the table is a picture; its numbers cannot be checked",
        ),
        "image_help": (
            "以文字表格发布，便于核对和无障碍阅读",
            "publish the table as text, for checking and accessibility",
        ),
        "help": ("按模板补上表格，没有发生的事项填0", "add the table; write 0 where nothing happened"),
    },
    note=TEMPLATE_NOTE,
)
def missing_table(ctx: Context) -> Iterator[Diagnostic]:
    have = tables(ctx)
    for s, _ in sections(ctx):
        spec = T.section(s.number)
        if spec.table is None or spec.table in have:
            continue
        head = s.heading
        span = head.span if head is not None else Span(s.span.start, s.span.start)
        picture = next(
            (
                c
                for c in s.children
                if isinstance(c, Token) and c.terminal == "TEXT" and pictures.LINE.fullmatch(ctx.text(c.span).strip())
            ),
            None,
        )
        if picture is not None:  # the table published as an image: there, but not readable
            yield missing_table.make(
                picture.span,
                "image",
                severity=Severity.WARNING,
                numeral=spec.numeral,
                help="image_help",
                note=True,
                table=spec.table,
                section=s.number,
            )
            continue
        text_only = any(isinstance(c, Token) and c.terminal == "TEXT" for c in s.children)
        yield missing_table.make(
            span,
            "text" if text_only else "default",
            numeral=spec.numeral,
            help="help",
            note=True,
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


@rule(
    "T102",
    "missing-block",
    Severity.ERROR,
    zh=Doc(
        "表二缺少某一项（区块）或其标题",
        "检查表二是否有模板版本规定的每一项（第二十条第（一）项……），以及每一项的标题。",
        "表二的每一项对应条例第二十条的一款主动公开内容。",
        "补上这一项的标题、表头和各行。",
    ),
    en=Doc(
        "a block of table 二 or its caption is missing",
        "Checks that table 二 has every block of its template version (第二十条第（一）项 …), each with its caption.",
        "Each block reports one item of article 20 of the Regulations.",
        "Add the block, with its caption, header and rows.",
    ),
    example=Example(
        good="第二十条第（六）项 | |||\n信息内容 | 本年处理决定数量 | ||\n行政处罚 | 0 | ||\n行政强制 | 0 | ||\n",
        bad="",
    ),
    messages={
        "default": ("表二缺少“{block}”一项", "table 二 lacks the block “{block}”"),
        "caption": ("表二缺少区块标题“{block}”", "table 二: the caption “{block}” is missing"),
    },
    note=TEMPLATE_NOTE,
)
def missing_block(ctx: Context) -> Iterator[Diagnostic]:
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
            yield missing_block.make(Span(where, where), block=key, note=True, table="二")
        elif isinstance(b.children[0], Missing):
            yield missing_block.make(b.children[0].span, "caption", severity=Severity.WARNING, block=key, table="二")


@rule(
    "T103",
    "missing-row",
    Severity.ERROR,
    zh=Doc(
        "表格缺少某一行",
        "检查表二、表三、表四是否有模板规定的每一行，表三的分组标题（（三）不予公开、（四）无法提供……）是否都在。",
        "缺少一行就是缺少一组数字，勾稽关系也无法核对。",
        "补上这一行及其标题，每一列都填写数字（没有的填0）。",
    ),
    en=Doc(
        "a row of a table is missing",
        "Checks that every row of the template is present in tables 二, 三 and 四, and that table 三's group labels "
        "((三)不予公开, (四)无法提供 …) are there.",
        "A missing row is a missing number; the template's arithmetic (勾稽关系) cannot be checked without it.",
        "Add the row with its label and a number in every column (0 if none).",
    ),
    example=Example(good="5.属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n", bad=""),
    messages={
        "t2": ("表二“{block}”缺少“{row}”行", "table 二 “{block}” lacks the row “{row}”"),
        "t3": ("表三缺少“{row}”行", "table 三 lacks the row “{row}”"),
        "t3_group_row": ("表三缺少“{row}”行（属“{group}”）", "table 三 lacks the row “{row}” (of “{group}”)"),
        "t3_group": ("表三缺少“{group}”及其{count}个子项", "table 三 lacks “{group}” and its {count} rows"),
        "group_label": ("表三缺少分组标题“{group}”", "table 三: the group label “{group}” is missing"),
    },
    note=TEMPLATE_NOTE,
)
def missing_row(ctx: Context) -> Iterator[Diagnostic]:
    have = tables(ctx)
    t2 = have.get("二")
    if t2 is not None:
        yield from _missing_rows_2(ctx, t2)
    t3 = have.get("三")
    if t3 is not None:
        yield from _missing_rows_3(ctx, t3)


def _missing_rows_2(ctx: Context, t2: Table) -> Iterator[Diagnostic]:
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
                where = _row_where(rows, order, r.label.terminal, block.span)
                yield missing_row.make(where, "t2", block=block.key, row=r.label.full, table="二")


def _missing_rows_3(ctx: Context, t3: Table) -> Iterator[Diagnostic]:
    spec = table_spec(ctx, "三")
    rows = rows_of(t3)
    present = {r.terminal for r in rows} | {r.terminal for r in rows_of_misplaced(ctx, "三")}
    order = [r.label.terminal for r in spec.rows]
    groups = {g.terminal: g for g in t3.find(Group)}
    reported_groups = set()
    for r in spec.rows:
        if r.label.terminal in present:
            continue
        where = _row_where(rows, order, r.label.terminal, t3.span)
        group_rows = [x for x in spec.rows if x.group and x.group == r.group]
        gterm = next((g.terminal for g in spec.groups if g.full == r.group), None)
        if r.group and gterm not in groups and all(x.label.terminal not in present for x in group_rows):
            if r.group not in reported_groups:
                reported_groups.add(r.group)
                yield missing_row.make(where, "t3_group", group=r.group, count=len(group_rows), table="三", row=r.group)
            continue
        if r.group:
            yield missing_row.make(where, "t3_group_row", row=r.label.full, group=r.group, table="三")
        else:
            yield missing_row.make(where, "t3", row=r.label.full, table="三")
    for g in t3.find(Group):
        first = g.children[0]
        if isinstance(first, Missing) and g.terminal != "G3_RESULTS":
            yield missing_row.make(
                first.span, "group_label", severity=Severity.WARNING, group=g.label, table="三", row=g.label
            )


_NUMBERING = re.compile(r"^(?:[0-9]{1,2}[.、]|\([一二三四五六七八九十]\)|[一二三四五六七八九十][、.])")


@rule(
    "T104",
    "row-label",
    Severity.WARNING,
    zh=Doc(
        "行标题与模板不一致",
        "对照模板的措辞检查每一行的标题。只能凭相似度和位置认出的标题作为警告；只是缺少编号的，"
        "以及模板旧版或地方的写法（V2021报告中的“规范性文件”），作为提示。",
        "行标题决定每个数字的含义；改写的标题让数字含义不清，也无法与其他报告比较。",
        "使用模板的行标题。",
    ),
    en=Doc(
        "a row label differs from the template",
        "Checks each row label against the template's wording. A label recognised only by its similarity and "
        "position is a warning; a label that only omits its numbering, or writes an older or local wording "
        "(规范性文件 in a V2021 report), is info.",
        "The row labels define what each number means; a reworded label makes the number ambiguous and breaks "
        "comparisons across reports.",
        "Use the template's label.",
    ),
    example=Example(
        good="3.补正后申请内容仍不明确 | 5 | 0 | 0 | 0 | 0 | 0 | 5 | ||",
        bad="3.申请内容不明确 | 5 | 0 | 0 | 0 | 0 | 0 | 5 | ||",
    ),
    messages={
        "fuzzy": (
            "行标题“{written}”与模板不一致，应为“{want}”",
            "row label “{written}” differs from the template: “{want}”",
        ),
        "numbering": ("行标题“{written}”缺少编号“{numbering}”", "row label “{written}” lacks its number “{numbering}”"),
        "variant": (
            "行标题“{written}”是旧版模板或地方的写法，现行模板为“{want}”",
            "row label “{written}” is an older or local wording; the template has “{want}”",
        ),
        "help": ("改为“{want}”", "write “{want}”"),
    },
    note=TEMPLATE_NOTE,
)
def row_label(ctx: Context) -> Iterator[Diagnostic]:
    for tok in ctx.all(Token):
        if not tok.label or T.role_of(tok.terminal) not in (T.Role.ROW, T.Role.GROUP):
            continue
        written = ctx.text(tok.span)
        place = at_label(ctx.report.version, tok.terminal)
        if tok.fuzzy:
            yield row_label.make(tok.span, "fuzzy", help="help", written=written, want=tok.label, **place)
            continue
        if tok.variant:
            yield row_label.make(
                tok.span, "variant", severity=Severity.INFO, help="help", written=written, want=tok.label, **place
            )
            continue
        lab = label_of(tok.label)
        if lab.numbering and not _NUMBERING.match(SQUEEZABLE.sub("", ctx.analysis[tok.span.start : tok.span.end])):
            yield row_label.make(
                tok.span,
                "numbering",
                severity=Severity.INFO,
                help="help",
                written=written,
                numbering=lab.numbering,
                want=lab.full,
                **place,
            )


@rule(
    "T106",
    "extra-row",
    Severity.WARNING,
    zh=Doc(
        "表格中有模板之外的行或单元格",
        "检查模板之外的行和单元格：标题不认识的行，或一行中数值多于模板的列数。",
        "多出的行（合计、其他说明）或数值，会让读者弄不清哪个数字属于哪里。",
        "删去多出的行或数值，或把这些信息移到正文。",
    ),
    en=Doc(
        "a row or cells not in the template",
        "Checks for rows and cells the template does not have: a row with an unknown label, or more values in a "
        "row than the template has columns.",
        "Extra rows (合计, 其他说明) or extra values shift the reader's understanding of which number belongs where.",
        "Remove the extra row or value, or move the information to the text.",
    ),
    example=Example(
        good="四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 1 | 0 | 1 | ||",
        bad="合计 | 254 | 0 | 0 | 0 | 5 | 0 | 259 | ||\n四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 1 | 0 | 1 | ||",
    ),
    messages={
        "content": (
            "“{label}”行后有模板之外的内容：{shown}",
            "content not in the template after row “{label}”: {shown}",
        ),
        "values": (
            "“{label}”行的数值多于模板的{count}列：多出 {shown}",
            "row “{label}” has more values than its {count} columns: {shown}",
        ),
    },
    note=TEMPLATE_NOTE,
)
def extra_row(ctx: Context) -> Iterator[Diagnostic]:
    for row in ctx.all(Row):
        if not row.extra:
            continue
        texts = [c for c in row.extra if isinstance(c, Token) and c.terminal == "CELLTEXT"]
        where = Span(row.extra[0].span.start, row.extra[-1].span.end)
        shown = "、".join([t for c in row.extra if (t := ctx.text(c.span).strip())][:8])  # (an empty cell: no word)
        name = row.row or "表四"
        if texts:
            yield extra_row.make(where, "content", label=name, shown=shown, **at_row(row))
        else:
            yield extra_row.make(where, "values", label=name, count=len(row.cells), shown=shown, **at_row(row))


@rule(
    "T107",
    "row-order",
    Severity.WARNING,
    zh=Doc(
        "行或区块的顺序与模板不一致",
        "检查表格中的行、分组和区块是否按模板顺序排列。",
        "读者逐行比较报告；挪动位置的行会被当成别的行的数字。",
        "把这一行移回模板规定的位置。",
    ),
    en=Doc(
        "rows or blocks are out of order",
        "Checks that rows, groups and blocks of the tables come in the template's order.",
        "Readers compare reports row by row; a moved row is read as another row's number.",
        "Put the row back in its place.",
    ),
    example=Example(
        good="3.危及“三安全一稳定” | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n4.保护第三方合法权益 | 5 | 0 | 0 | 0 | 0 | 0 | 5 | ||",
        bad="4.保护第三方合法权益 | 5 | 0 | 0 | 0 | 0 | 0 | 5 | ||\n3.危及“三安全一稳定” | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||",
    ),
    messages={
        "default": ("“{what}”的位置与模板顺序不一致", "“{what}” is out of the template's order"),
        "help": ("按模板顺序排列", "put it in the template's order"),
    },
    note=TEMPLATE_NOTE,
)
def row_order(ctx: Context) -> Iterator[Diagnostic]:
    from ..syntax.nodes import Misplaced

    for m in ctx.all(Misplaced):
        inner = m.children[0]
        if isinstance(inner, Section):
            continue
        first = next((t for t in inner.walk() if isinstance(t, Token)), None)
        if first is None:
            continue
        what = first.label or ctx.text(first.span)
        yield row_order.make(first.span, help="help", what=what, **at_label(ctx.report.version, first.terminal))


@rule(
    "T109",
    "unexpected-content",
    Severity.WARNING,
    zh=Doc(
        "表格或报告中有无法识别的内容",
        "报告无法归入报告结构的内容，例如数据行中间的表头单元格，或不属于任何一行的数字。",
        "无论它是什么，表格的读者都不知道它属于哪里。",
        "把它移到正确的行或列，或移到正文。",
    ),
    en=Doc(
        "content that fits nowhere in the template",
        "Reports text the parser could not place in the report's structure, such as a header cell in a data row "
        "or a number with no row.",
        "Whatever it is, a reader of the table will not know what it belongs to.",
        "Move it into the right row or column, or into the text.",
    ),
    example=Example(
        good="商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||\n一、本年新收",
        bad="商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||\n12345\n一、本年新收",
    ),
    messages={"default": ("无法归入模板结构的内容：“{shown}”", "content that fits nowhere in the template: “{shown}”")},
    note=TEMPLATE_NOTE,
)
def unexpected_content(ctx: Context) -> Iterator[Diagnostic]:
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
    return unexpected_content.make(span, shown=shown)
