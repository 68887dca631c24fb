"""A-rules: the template's arithmetic — 勾稽关系, row totals, column totals, table 四 totals."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .. import template as T
from ..diagnostics import Diagnostic, Severity
from ..nodes import Cell, CellStatus
from . import Context, Rule, rule


def _fmt(v: Decimal) -> str:
    return str(int(v)) if v == v.to_integral_value() else str(v.normalize())


def _sum(keys: tuple[T.CellKey, ...], cells: dict[T.CellKey, Cell]) -> Decimal:
    return sum((cells[k].value for k in keys), Decimal(0))  # type: ignore[misc]


def _terms(keys: tuple[T.CellKey, ...], cells: dict[T.CellKey, Cell]) -> str:
    return "+".join(_fmt(cells[k].value) for k in keys)  # type: ignore[arg-type]


def _message(rel: T.Relation, cells: dict[T.CellKey, Cell]) -> str:
    left, right = _sum(rel.lhs, cells), _sum(rel.rhs, cells)
    lhs, rhs = rel.lhs, rel.rhs
    if rel.code == "A101":
        column = lhs[0].column
        return (
            f"勾稽关系不成立（{column}列）：第一项+第二项＝{_terms(lhs, cells)}＝{_fmt(left)}，"
            f"第三项+第四项＝{_terms(rhs, cells)}＝{_fmt(right)}，相差{_fmt(abs(left - right))}"
        )
    if rel.code == "A102":
        return f"“{lhs[0].row}”行总计为{_fmt(left)}，而各类申请人之和为{_fmt(right)}（{_terms(rhs, cells)}）"
    if rel.code == "A103":
        return f"（七）总计（{lhs[0].column}列）为{_fmt(left)}，而各项办理结果之和为{_fmt(right)}"
    return f"表四“{lhs[0].block}”总计为{_fmt(left)}，而四项结果之和为{_fmt(right)}（{_terms(rhs, cells)}）"


def _check(ctx: Context, code: str, r: Rule) -> Iterator[Diagnostic]:
    cells = ctx.cells
    for rel in T.relations(ctx.report.version):
        if rel.code != code:
            continue
        keys = rel.lhs + rel.rhs
        if not all(k in cells and cells[k].status is CellStatus.OK and cells[k].value is not None for k in keys):
            continue
        if _sum(rel.lhs, cells) == _sum(rel.rhs, cells):
            continue
        # Point at the total the relation is about: （七）总计 for A101/A103, the 总计 cell otherwise.
        anchor = cells[rel.rhs[0]] if code == "A101" else cells[rel.lhs[0]]
        related = tuple(
            (cells[k].span, f"{k.row or k.block}·{k.column} {_fmt(cells[k].value)}")  # type: ignore[arg-type]
            for k in keys
            if cells[k] is not anchor and cells[k].value
        )
        yield r.make(
            anchor.span,
            _message(rel, cells),
            cell=anchor.key,
            related=related[:6],
            note="年度报告格式表三：本列数据的勾稽关系为第一项加第二项之和等于第三项加第四项之和"
            if code == "A101"
            else None,
        )


@rule("A101", "balance", Severity.ERROR, "表三勾稽关系不成立（一+二 ≠ 三+四）", "table 三 does not balance")
def balance(ctx: Context) -> Iterator[Diagnostic]:
    """Checks, for each column of table 三, the identity the template prints in its corner:
    一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理.

    **Why**: every application received or carried over must end up handled or carried forward;
    if the sides differ, applications were lost or double-counted.

    **Fix**: recount the column; the difference shows how many applications are unaccounted for.
    """
    yield from _check(ctx, "A101", balance)


@rule("A102", "row-total", Severity.ERROR, "表三行合计不等于各类申请人之和", "a row total of table 三 is wrong")
def row_total(ctx: Context) -> Iterator[Diagnostic]:
    """Checks, for each row of table 三, that 总计 = 自然人 + the five kinds of 法人或其他组织.

    **Why**: the total column is what most readers take; a wrong total misstates the row.

    **Fix**: recompute the total from the six columns.
    """
    yield from _check(ctx, "A102", row_total)


@rule(
    "A103",
    "column-total",
    Severity.ERROR,
    "表三（七）总计不等于各项办理结果之和",
    "a column total of table 三 is wrong",
)
def column_total(ctx: Context) -> Iterator[Diagnostic]:
    """Checks, for each column of table 三, that （七）总计 = （一）+（二）+ every numbered row of
    （三）（四）（五） + （六） (V2021: the three rows of （六）).

    **Why**: （七）总计 is the number of applications handled; it must be the sum of the outcomes.
    Remember that an application handled partly counts under （二） only.

    **Fix**: recount the outcomes, or the total.
    """
    yield from _check(ctx, "A103", column_total)


@rule("A104", "review-total", Severity.ERROR, "表四总计不等于四项结果之和", "a total of table 四 is wrong")
def review_total(ctx: Context) -> Iterator[Diagnostic]:
    """Checks each block of table 四 (行政复议, 未经复议直接起诉, 复议后起诉): 总计 = 结果维持 +
    结果纠正 + 其他结果 + 尚未审结.

    **Why**: every case has exactly one of the four results.

    **Fix**: recompute the total.
    """
    yield from _check(ctx, "A104", review_total)
