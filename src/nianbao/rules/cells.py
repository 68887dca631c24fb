"""T2-rules: what is written in each cell — blank, placeholder, text, unreadable, negative."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..source import Span
from ..syntax.cell_values import REPORT_SPLITS
from ..syntax.digit_splits import MAX_SPLITS
from ..syntax.nodes import Cell, CellStatus, Row, Table
from .base import Context, Doc, Example, at_row, rule

ZERO_NOTE = ("模板要求每个单元格填写数字，没有发生的事项填0", "the template asks for a number in every cell, 0 if none")


def _columns(cells: list[Cell]) -> str:
    return "、".join(f"{c.key.block}·{c.key.column}" if c.key.table == "四" else c.key.column for c in cells)


def _row_name(row: Row) -> str:
    return row.row or "表四数据行"


def _row_span(row: Row, cells: list[Cell]) -> Span:
    with_text = [c for c in cells if c.span.end > c.span.start]
    if with_text:
        return Span(with_text[0].span.start, with_text[-1].span.end)
    return row.children[0].span if row.children else row.span


@rule(
    "T201",
    "blank-cell",
    Severity.ERROR,
    zh=Doc(
        "单元格空白，没有填写数字",
        "检查表格中没有空白的单元格（每行报告一次，列出空白的列）。",
        "空白无法与丢失的数字区分；模板要求没有发生的事项填0。",
        "在每个单元格填写数字，没有发生的事项填0。",
    ),
    en=Doc(
        "blank cells instead of numbers",
        "Checks that no cell of a table is left empty (one diagnostic per row, naming the columns).",
        "An empty cell cannot be told apart from a lost number; the template requires 0 where nothing happened.",
        "Write 0 (or the number) in every cell.",
    ),
    example=Example(
        good="4.保护第三方合法权益 | 5 | 0 | 0 | 0 | 0 | 0 | 5 | ||",
        bad="4.保护第三方合法权益 | 5 |  | 0 | 0 | 0 | 0 | 5 | ||",
    ),
    messages={
        "all": ("“{label}”行全部单元格空白：{columns}", "row “{label}”: every cell is blank: {columns}"),
        "some": ("“{label}”行{count}个单元格空白：{columns}", "row “{label}”: {count} blank cell(s): {columns}"),
        "help": ("没有发生的事项填0", "write 0 where nothing happened"),
    },
    note=ZERO_NOTE,
)
def blank_cell(ctx: Context) -> Iterator[Diagnostic]:
    for row in ctx.all(Row):
        blank = [c for c in row.cells if c.status is CellStatus.BLANK]
        if not blank:
            continue
        whole = len(blank) == len(row.cells)
        label = row.children[0].span if row.children else row.span
        yield blank_cell.make(
            label if whole else _row_span(row, blank),
            "all" if whole else "some",
            help="help",
            note=True,
            **at_row(row),
            cell=blank[0].key if len(blank) == 1 else None,
            label=_row_name(row),
            count=len(blank),
            columns=_columns(blank),
        )


@rule(
    "T202",
    "placeholder-cell",
    Severity.WARNING,
    zh=Doc(
        "用“\\”“/”“-”“—”“无”等符号代替数字",
        "检查单元格填的是数字，而不是“\\”“/”“-”“—”“无”一类符号（每行报告一次）。",
        "符号表达“不适用”或“没有”，但无法相加和比较；模板要求填0。",
        "把符号改为0。",
    ),
    en=Doc(
        "a placeholder instead of a number",
        "Checks that cells hold numbers rather than placeholders (\\ / - — 无); one diagnostic per row.",
        "A placeholder says 'not applicable' or 'none' in a way no tool can sum; the template asks for 0.",
        "Write 0 instead of the placeholder.",
    ),
    example=Example(good="行政强制 | 0 | ||", bad="行政强制 | / | ||"),
    messages={
        "default": (
            "“{label}”行用“{marks}”代替数字：{columns}",
            "row “{label}” has “{marks}” instead of numbers: {columns}",
        ),
        "help": ("改为0", "write 0"),
    },
    note=ZERO_NOTE,
)
def placeholder_cell(ctx: Context) -> Iterator[Diagnostic]:
    for row in ctx.all(Row):
        ph = [c for c in row.cells if c.status is CellStatus.PLACEHOLDER]
        if not ph:
            continue
        yield placeholder_cell.make(
            _row_span(row, ph),
            help="help",
            note=True,
            **at_row(row),
            cell=ph[0].key if len(ph) == 1 else None,
            label=_row_name(row),
            marks="".join(sorted({c.raw.strip() for c in ph})),
            columns=_columns(ph),
        )


@rule(
    "T203",
    "not-a-number",
    Severity.ERROR,
    zh=Doc(
        "单元格内容不是数字",
        "检查每个单元格的内容能读成数字（“约30”“若干”“30余”都不能）。",
        "表格是统计数字；不是数字的单元格无法相加，也无法比较。",
        "填写确切的数字。",
    ),
    en=Doc(
        "a cell holds text, not a number",
        "Checks that each cell's content reads as a number (约30, 若干, 30余 do not).",
        "The tables are statistics; a cell that is not a number cannot be summed or compared.",
        "Write the exact number.",
    ),
    example=Example(good="2.重复申请 | 8 | 0 |", bad="2.重复申请 | 约8 | 0 |"),
    messages={
        "default": ("“{raw}”不是数字（{label}·{column}）", "“{raw}” is not a number ({label}·{column})"),
        "help": ("填写确切的数字", "write the exact number"),
    },
    note=ZERO_NOTE,
)
def not_a_number(ctx: Context) -> Iterator[Diagnostic]:
    for row in ctx.all(Row):
        for c in row.cells:
            if c.status is CellStatus.INVALID:
                yield not_a_number.make(
                    c.span, help="help", cell=c.key, raw=c.raw.strip(), label=_row_name(row), column=c.key.column
                )


@rule(
    "T204",
    "unreadable-cells",
    Severity.ERROR,
    zh=Doc(
        "数字连写或缺失，无法确定各单元格的数值",
        "报告无法确定各列数值的行：相邻单元格的数字连在一起（“121010014”），而符合勾稽关系的拆分不止一种；"
        "或数值少于列数，又无法判断缺的是哪一列。",
        "nianbao 从不猜测数字。这类行来自丢失了表格结构的网页，需要人工核对发布的原表。",
        "以真正的表格发布，让单元格彼此分开，而不是连写的文字。",
    ),
    en=Doc(
        "cells cannot be read with certainty",
        "Reports rows whose numbers cannot be assigned to columns with certainty: digits of neighbouring cells "
        "fused (121010014) with several splits consistent with the arithmetic, or fewer values than columns "
        "with no way to tell which are missing.",
        "nianbao never guesses a number. Such rows come from pages that lost their table markup; the published "
        "table must be checked by a person.",
        "Publish the table with its cells separated (a real table, not run-on text).",
    ),
    example=Example(good="规范性文件 | 6 | 6 | 28 |", bad="规范性文件6628", base="v2019_pipe.txt"),
    messages={
        "many": (
            "“{label}”行无法确定各列数值：数字连写“{raw}”，可能的拆分超过{limit}种",
            "row “{label}”: cannot read the cells: the digits “{raw}” allow more than {limit} splits",
        ),
        "no_fit": (
            "“{label}”行无法确定各列数值：数字连写“{raw}”的{tried}种拆分都不符合本行的合计关系（可能有单元格被省略，或数字有误）",
            "row “{label}”: cannot read the cells: none of the {tried} splits of the digits “{raw}” fits the row's "
            "total (a cell may have been dropped, or a number is wrong)",
        ),
        "spent": (
            "“{label}”行无法确定各列数值：数字连写“{raw}”有{count}种可能的拆分，本报告连写数字的拆分已达上限（共{budget}种），未再尝试",
            "row “{label}”: cannot read the cells: the digits “{raw}” allow {count} splits, and this report's fused "
            "digits already took the {budget} splits tried in one report",
        ),
        "no_arithmetic": (
            "“{label}”行无法确定各列数值：数字连写“{raw}”，有{count}种可能的拆分（表二没有可用来判断的合计关系）",
            "row “{label}”: cannot read the cells: the digits “{raw}” allow {count} splits (table 二 has no totals to decide)",
        ),
        "ambiguous": (
            "“{label}”行无法确定各列数值：数字连写“{raw}”，有{count}种拆分都符合表格的勾稽关系",
            "row “{label}”: cannot read the cells: {count} splits of the digits “{raw}” fit the table's arithmetic",
        ),
        "dropped": (
            "“{label}”行无法确定各列数值：数值“{raw}”不能拆成{columns}列（单元格可能被省略）",
            "row “{label}”: cannot read the cells: “{raw}” cannot make {columns} columns (cells may have been dropped)",
        ),
        "count": (
            "“{label}”行无法确定各列数值：数值个数与列数不符",
            "row “{label}”: cannot read the cells: wrong number of values",
        ),
    },
)
def unreadable_cells(ctx: Context) -> Iterator[Diagnostic]:
    detached = {id(row) for t in ctx.all(Table) if t.detached for row in t.rows()}  # said once by T208
    for row in ctx.all(Row):
        cells = [c for c in row.cells if c.status is CellStatus.UNREADABLE]
        if id(row) in detached:
            continue
        if not cells:
            continue
        c = cells[0]
        params = {
            "label": _row_name(row),
            "raw": c.raw,
            "count": c.candidates,
            "tried": c.tried,
            "limit": MAX_SPLITS,
            "budget": REPORT_SPLITS,
        }
        if c.untried:
            kind = "spent"
        elif c.tried:
            kind = "no_fit"
        elif c.candidates > MAX_SPLITS:
            kind = "many"
        elif c.candidates > 1:
            kind = "no_arithmetic" if row.table == "二" else "ambiguous"
        elif c.raw:
            kind = "dropped"
        else:
            kind = "count"
        yield unreadable_cells.make(c.span, kind, **at_row(row), columns=len(row.cells), **params)


@rule(
    "T205",
    "negative-count",
    Severity.ERROR,
    zh=Doc(
        "计数为负数",
        "检查计数都不小于0（只有表二的“本年增/减”可以为负）。",
        "申请或案件的数量不可能是负数。",
        "改正这个数字。",
    ),
    en=Doc(
        "a count is negative",
        "Checks that counts are ≥ 0 (only 本年增/减 of table 二 may be negative).",
        "A negative number of applications or cases is impossible.",
        "Correct the number.",
    ),
    example=Example(good="2.重复申请 | 8 | 0 |", bad="2.重复申请 | -8 | 0 |"),
    messages={"default": ("“{label}·{column}”为负数：{raw}", "“{label}·{column}” is negative: {raw}")},
    note=(
        "年度报告格式表三、表四：申请和案件的件数",
        "template, tables 三 and 四: numbers of applications and cases",
    ),
)
def negative_count(ctx: Context) -> Iterator[Diagnostic]:
    for row in ctx.all(Row):
        for c in row.cells:
            if c.value is not None and c.value < 0 and c.key.column != "本年增/减":
                yield negative_count.make(
                    c.span, cell=c.key, label=_row_name(row), column=c.key.column, raw=c.raw.strip()
                )


@rule(
    "T206",
    "split-cells",
    Severity.INFO,
    zh=Doc(
        "连写的数字已按勾稽关系拆分",
        "报告那些连写的数字被拆分成各单元格的行：只有一种拆分同时符合列数和模板的算术关系（行合计、列合计、勾稽关系）。",
        "让读者知道这些数字是推出来的，不是直接读到的。",
        "数值无需修改；以分开的单元格发布表格可以避免这种情况。",
    ),
    en=Doc(
        "fused digits were split by the arithmetic",
        "Reports rows whose fused digits were split into cells because exactly one split satisfied the number of "
        "columns and the template's arithmetic (row totals, column totals, 勾稽关系).",
        "So that a reader knows these numbers were recovered, not read directly.",
        "None needed for the values; publishing the table with separate cells avoids it.",
    ),
    example=Example(good="规章 | 0 | 0 | 0 |", bad="规章000"),
    messages={
        "default": ("“{label}”行连写的数字已拆分为：{values}", "row “{label}”: fused digits split into {values}")
    },
)
def split_cells(ctx: Context) -> Iterator[Diagnostic]:
    for row in ctx.all(Row):
        split = [c for c in row.cells if c.split]
        if split:
            span = Span(split[0].span.start, split[-1].span.end)
            values = "、".join(c.raw for c in split)
            yield split_cells.make(span, **at_row(row), label=_row_name(row), values=values)


@rule(
    "T207",
    "money-unit",
    Severity.WARNING,
    zh=Doc(
        "金额单位与模板不一致",
        "在模板规定了单位的地方检查金额的单位：V2021 的“本年收费金额”以万元为单位。",
        "在以万元为单位的列中写成元的金额会差一万倍。",
        "把金额换算成万元（如果已经是万元，去掉单位）。",
    ),
    en=Doc(
        "an amount's unit differs from the template",
        "Checks the unit of amounts where the template fixes it: V2021 本年收费金额 is in 万元.",
        "A fee written in 元 in a column headed 万元 is off by a factor of 10,000.",
        "Convert the amount to 万元 (or drop the unit if it is already in 万元).",
    ),
    example=Example(good="行政事业性收费 | 1552.86 | ||", bad="行政事业性收费 | 1552.86元 | ||"),
    messages={
        "default": (
            "“{column}”以万元为单位，单元格却写作“{raw}”",
            "“{column}” is in 万元, but the cell says “{raw}”",
        )
    },
    note=(
        "年度报告格式（国办公开办函〔2021〕30号）表二：本年收费金额（单位：万元）",
        "template (国办公开办函〔2021〕30号), table 二: 本年收费金额 in 万元",
    ),
)
def money_unit(ctx: Context) -> Iterator[Diagnostic]:
    for row in ctx.all(Row):
        for c in row.cells:
            if "万元" in c.key.column and c.unit and c.unit != "万元":
                yield money_unit.make(c.span, cell=c.key, column=c.key.column, raw=c.raw.strip())


@rule(
    "T208",
    "detached-values",
    Severity.ERROR,
    zh=Doc(
        "表格的数字与行标签分离，无法对应到单元格",
        "报告数字不在其所属行中的表格：几行没有任何数值，而表中另有一串不属于任何一行的数字"
        "（如按列而不是按行提取的PDF文本：先是全部行标签，再是一列一列的数字）。这样的表格，"
        "nianbao 把每个单元格都当作无法读取，不核对它的合计关系，每张表只报告一次。",
        "数字属于哪一行、哪一列已经无从得知；按位置硬配只会得出错误的数字和错误的合计问题。",
        "以真正的表格发布（或从原文件按行提取文本），让每个数字留在它的行中。",
    ),
    en=Doc(
        "a table's numbers stand apart from their rows",
        "Reports tables whose numbers are not in their rows: several rows have no value at all while the table "
        "holds a run of numbers that belong to no row (PDF text extracted column by column rather than row by "
        "row: first every row label, then the numbers column after column). nianbao treats every cell of such a "
        "table as unreadable, does not check its totals, and says so once per table.",
        "Which number belongs to which row and column can no longer be known; pairing them by position would "
        "give wrong numbers and wrong findings about the totals.",
        "Publish the table as a table (or extract the text from the original row by row) so that each number "
        "stays in its row.",
    ),
    example=Example(
        good="规章 | 0 | 0 | 0 |\n行政规范性文件 | 0 | 0 | 78 |\n第二十条第（五）项 | |||\n"
        "信息内容 | 本年处理决定数量 | ||\n行政许可 | 552 | ||",
        bad="规章\n行政规范性文件\n第二十条第（五）项\n信息内容 | 本年处理决定数量\n行政许可\n0\n0\n0\n0\n0\n78\n552",
    ),
    messages={
        "default": (
            "表{table}的数字与行标签分离：{count}个数字不在其所属的行中（常见于按列提取的PDF文本），"
            "无法确定各单元格的数值；本表不作数值核对",
            "table {table}: its numbers stand apart from the row labels ({count} numbers outside their rows, as in "
            "PDF text extracted column by column); the cells cannot be read and the table's totals are not checked",
        )
    },
)
def detached_values(ctx: Context) -> Iterator[Diagnostic]:
    for t in ctx.all(Table):
        if t.detached and t.detached_span is not None:
            yield detached_values.make(t.detached_span, table=t.name, count=t.detached)
