"""T2-rules: what is written in each cell — blank, placeholder, text, unreadable, negative."""

from __future__ import annotations

from collections.abc import Iterator

from ..cells import MAX_SPLITS
from ..diagnostics import Diagnostic, Severity
from ..nodes import Cell, CellStatus, Row
from ..source import Span
from . import Context, rule

NOTE_ZERO = "模板要求每个单元格填写数字，没有发生的事项填0"


def _columns(cells: list[Cell]) -> str:
    names = []
    for c in cells:
        names.append(f"{c.key.block}·{c.key.column}" if c.key.table == "四" else c.key.column)
    return "、".join(names)


def _row_name(row: Row) -> str:
    return row.row or "表四数据行"


def _row_span(row: Row, cells: list[Cell]) -> Span:
    with_text = [c for c in cells if c.span.end > c.span.start]
    if with_text:
        return Span(with_text[0].span.start, with_text[-1].span.end)
    return row.children[0].span if row.children else row.span


@rule("T201", "blank-cell", Severity.ERROR, "单元格空白，没有填写数字", "blank cells instead of numbers")
def blank_cell(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that no cell of a table is left empty (one diagnostic per row, naming the columns).

    **Why**: an empty cell cannot be told apart from a lost number; the template requires 0 where
    nothing happened.

    **Fix**: write 0 (or the number) in every cell.
    """
    for row in ctx.all(Row):
        blank = [c for c in row.cells if c.status is CellStatus.BLANK]
        if not blank:
            continue
        label = row.children[0].span if row.children else row.span
        scope = "全部" if len(blank) == len(row.cells) else f"{len(blank)}个"
        yield blank_cell.make(
            label if scope == "全部" else _row_span(row, blank),
            f"“{_row_name(row)}”行{scope}单元格空白：{_columns(blank)}",
            help="没有发生的事项填0",
            note=NOTE_ZERO,
            table=row.table,
            row=row.row,
            cell=blank[0].key if len(blank) == 1 else None,
        )


@rule(
    "T202",
    "placeholder-cell",
    Severity.WARNING,
    "用“\\”“/”“-”“—”“无”等符号代替数字",
    "a placeholder instead of a number",
)
def placeholder_cell(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that cells hold numbers rather than placeholders (``\\`` ``/`` ``-`` ``—`` ``无``);
    one diagnostic per row.

    **Why**: a placeholder says "not applicable" or "none" in a way no tool can sum; the template
    asks for 0.

    **Fix**: write 0 instead of the placeholder.
    """
    for row in ctx.all(Row):
        ph = [c for c in row.cells if c.status is CellStatus.PLACEHOLDER]
        if not ph:
            continue
        marks = "".join(sorted({c.raw.strip() for c in ph}))
        yield placeholder_cell.make(
            _row_span(row, ph),
            f"“{_row_name(row)}”行用“{marks}”代替数字：{_columns(ph)}",
            help="改为0",
            note=NOTE_ZERO,
            table=row.table,
            row=row.row,
            cell=ph[0].key if len(ph) == 1 else None,
        )


@rule("T203", "not-a-number", Severity.ERROR, "单元格内容不是数字", "a cell holds text, not a number")
def not_a_number(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that each cell's content reads as a number (``约30``, ``若干``, ``30余`` do not).

    **Why**: the tables are statistics; a cell that is not a number cannot be summed or compared.

    **Fix**: write the exact number.
    """
    for row in ctx.all(Row):
        for c in row.cells:
            if c.status is CellStatus.INVALID:
                yield not_a_number.make(
                    c.span, f"“{c.raw.strip()}”不是数字（{_row_name(row)}·{c.key.column}）", cell=c.key
                )


@rule(
    "T204",
    "unreadable-cells",
    Severity.ERROR,
    "数字连写或缺失，无法确定各单元格的数值",
    "cells cannot be read with certainty",
)
def unreadable_cells(ctx: Context) -> Iterator[Diagnostic]:
    """Reports rows whose numbers cannot be assigned to columns with certainty: digits of
    neighbouring cells fused (``121010014``) with several splits consistent with the arithmetic,
    or fewer values than columns with no way to tell which are missing.

    **Why**: nianbao never guesses a number. Such rows come from pages that lost their table
    markup; the published table must be checked by a person.

    **Fix**: publish the table with its cells separated (a real table, not run-on text).
    """
    for row in ctx.all(Row):
        cells = [c for c in row.cells if c.status is CellStatus.UNREADABLE]
        if not cells:
            continue
        c = cells[0]
        k = len(row.cells)
        if c.candidates > MAX_SPLITS:
            why = f"数字连写“{c.raw}”，可能的拆分超过{MAX_SPLITS}种"
        elif c.candidates > 1 and row.table == "二":
            why = f"数字连写“{c.raw}”，有{c.candidates}种可能的拆分（表二没有可用来判断的合计关系）"
        elif c.candidates > 1:
            why = f"数字连写“{c.raw}”，有{c.candidates}种拆分都符合表格的勾稽关系"
        elif c.candidates == 0 and c.raw:
            why = f"数值“{c.raw}”不能拆成{k}列（单元格可能被省略）"
        else:
            why = "数值个数与列数不符"
        yield unreadable_cells.make(
            c.span, f"“{_row_name(row)}”行无法确定各列数值：{why}", table=row.table, row=row.row
        )


@rule("T205", "negative-count", Severity.ERROR, "计数为负数", "a count is negative")
def negative_count(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that counts are ≥ 0 (only 本年增/减 of table 二 may be negative).

    **Why**: a negative number of applications or cases is impossible.

    **Fix**: correct the number.
    """
    for row in ctx.all(Row):
        signed = {c.key.column for c in row.cells if c.key.column == "本年增/减"}
        for c in row.cells:
            if c.value is not None and c.value < 0 and c.key.column not in signed:
                yield negative_count.make(
                    c.span, f"“{_row_name(row)}·{c.key.column}”为负数：{c.raw.strip()}", cell=c.key
                )


@rule("T206", "split-cells", Severity.INFO, "连写的数字已按勾稽关系拆分", "fused digits were split by the arithmetic")
def split_cells(ctx: Context) -> Iterator[Diagnostic]:
    """Reports rows whose fused digits were split into cells because exactly one split satisfied
    the template's arithmetic (row totals, column totals, 勾稽关系).

    **Why**: so that a reader knows these numbers were recovered, not read directly.

    **Fix**: none needed for the values; publishing the table with separate cells avoids it.
    """
    for row in ctx.all(Row):
        split = [c for c in row.cells if c.split]
        if not split:
            continue
        values = "、".join(c.raw for c in split)
        span = Span(split[0].span.start, split[-1].span.end)
        yield split_cells.make(span, f"“{_row_name(row)}”行连写的数字已拆分为：{values}", table=row.table, row=row.row)


@rule("T207", "money-unit", Severity.WARNING, "金额单位与模板不一致", "an amount's unit differs from the template")
def money_unit(ctx: Context) -> Iterator[Diagnostic]:
    """Checks the unit of amounts where the template fixes it: V2021 本年收费金额 is in 万元.

    **Why**: a fee written in 元 in a column headed 万元 is off by a factor of 10,000.

    **Fix**: convert the amount to 万元 (or drop the unit if it is already in 万元).
    """
    for row in ctx.all(Row):
        for c in row.cells:
            if "万元" in c.key.column and c.unit and c.unit != "万元":
                yield money_unit.make(
                    c.span, f"“{c.key.column}”以万元为单位，单元格却写作“{c.raw.strip()}”", cell=c.key
                )
