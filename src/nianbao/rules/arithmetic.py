"""A-rules: the template's arithmetic — 勾稽关系, row totals, column totals, table 四 totals.

The identities themselves are data (`template.relations`), shared with the digit splitter.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .. import template as T
from ..diagnostics import Diagnostic, Related, Severity
from ..syntax.nodes import Cell, CellStatus
from .base import Context, Doc, Example, Rule, rule

BALANCE_NOTE = (
    "年度报告格式表三：本列数据的勾稽关系为第一项加第二项之和，等于第三项加第四项之和",
    "template, table 三: in each column, item one plus item two equals item three plus item four",
)


def _fmt(v: Decimal) -> str:
    return str(int(v)) if v == v.to_integral_value() else str(v.normalize())


def _sum(keys: tuple[T.CellKey, ...], cells: dict[T.CellKey, Cell]) -> Decimal:
    return sum((cells[k].value for k in keys), Decimal(0))  # type: ignore[misc]


def _terms(keys: tuple[T.CellKey, ...], cells: dict[T.CellKey, Cell]) -> str:
    return "+".join(_fmt(cells[k].value) for k in keys)  # type: ignore[arg-type]


def _check(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    cells = ctx.cells
    for rel in T.relations(ctx.report.version):
        if rel.code != r.code:
            continue
        keys = rel.lhs + rel.rhs
        if not all(k in cells and cells[k].status is CellStatus.OK and cells[k].value is not None for k in keys):
            continue  # a blank, placeholder or missing cell: the identity cannot be checked
        left, right = _sum(rel.lhs, cells), _sum(rel.rhs, cells)
        if left == right:
            continue
        # Point at the total the identity is about: （七）总计 for A101, the 总计 cell otherwise.
        anchor = cells[rel.rhs[0]] if r.code == "A101" else cells[rel.lhs[0]]
        related = tuple(
            Related(cells[k].span, f"{k.row or k.block}·{k.column} {_fmt(cells[k].value)}")  # type: ignore[arg-type]
            for k in keys
            if cells[k] is not anchor and cells[k].value
        )
        yield r.make(
            anchor.span,
            cell=anchor.key,
            related=related[:6],
            note=True,
            left=_fmt(left),
            right=_fmt(right),
            lterms=_terms(rel.lhs, cells),
            rterms=_terms(rel.rhs, cells),
            diff=_fmt(abs(left - right)),
            column=rel.lhs[0].column,
            label=rel.lhs[0].row,
            block=rel.lhs[0].block,
        )


@rule(
    "A101",
    "balance",
    Severity.ERROR,
    zh=Doc(
        "表三勾稽关系不成立（一+二 ≠ 三+四）",
        "对表三的每一列检查模板在表头写明的勾稽关系：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理。",
        "收到或结转来的每一件申请，最后不是办结就是结转到下一年；两边不等，说明有申请被漏算或重复计算。",
        "重新清点这一列；两边的差额就是对不上的申请件数。",
    ),
    en=Doc(
        "table 三 does not balance",
        "Checks, for each column of table 三, the identity the template prints in its corner: 一、本年新收 + "
        "二、上年结转 = （七）总计 + 四、结转下年度继续办理.",
        "Every application received or carried over must end up handled or carried forward; if the sides differ, "
        "applications were lost or double-counted.",
        "Recount the column; the difference shows how many applications are unaccounted for.",
    ),
    example=Example(
        good="四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 1 | 0 | 1 | ||",
        bad="四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 1 | 0 | 3 | ||",
    ),
    messages={
        "default": (
            "勾稽关系不成立（{column}列）：第一项+第二项＝{lterms}＝{left}，第三项+第四项＝{rterms}＝{right}，相差{diff}",
            "table 三 does not balance ({column}): items one + two = {lterms} = {left}, "
            "items three + four = {rterms} = {right}, off by {diff}",
        )
    },
    note=BALANCE_NOTE,
)
def balance(ctx: Context) -> Iterator[Diagnostic]:
    yield from _check(ctx, balance)


@rule(
    "A102",
    "row-total",
    Severity.ERROR,
    zh=Doc(
        "表三行合计不等于各类申请人之和",
        "对表三的每一行检查：总计 = 自然人 + 法人或其他组织的五类（商业企业、科研机构、社会公益组织、法律服务机构、其他）。",
        "大多数读者只看总计列；总计错了，这一行就说错了。",
        "用六列重新计算总计。",
    ),
    en=Doc(
        "a row total of table 三 is wrong",
        "Checks, for each row of table 三, that 总计 = 自然人 + the five kinds of 法人或其他组织.",
        "The total column is what most readers take; a wrong total misstates the row.",
        "Recompute the total from the six columns.",
    ),
    example=Example(
        good="2.重复申请 | 8 | 0 | 0 | 0 | 0 | 0 | 8 | ||",
        bad="2.重复申请 | 8 | 0 | 0 | 0 | 0 | 0 | 9 | ||",
    ),
    messages={
        "default": (
            "“{label}”行总计为{left}，而各类申请人之和为{right}（{rterms}）",
            "row “{label}”: the total is {left}, the six applicant columns add up to {right} ({rterms})",
        )
    },
    note=(
        "年度报告格式表三“申请人情况”：自然人、法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）、总计",
        "template, table 三, applicants: 自然人, the five kinds of 法人或其他组织, and their 总计",
    ),
)
def row_total(ctx: Context) -> Iterator[Diagnostic]:
    yield from _check(ctx, row_total)


@rule(
    "A103",
    "column-total",
    Severity.ERROR,
    zh=Doc(
        "表三（七）总计不等于各项办理结果之和",
        "对表三的每一列检查：（七）总计 =（一）+（二）+（三）（四）（五）的各小项 +（六）（V2021为（六）的三个小项）。",
        "（七）总计是办结的申请数，必须等于各种办理结果之和。注意：区分处理的申请只计入（二）。",
        "重新清点各项办理结果，或改正总计。",
    ),
    en=Doc(
        "a column total of table 三 is wrong",
        "Checks, for each column of table 三, that （七）总计 = （一）+（二）+ every numbered row of （三）（四）（五） "
        "+ （六） (V2021: the three rows of （六）).",
        "（七）总计 is the number of applications handled; it must be the sum of the outcomes. An application "
        "handled partly counts under （二） only.",
        "Recount the outcomes, or the total.",
    ),
    example=Example(
        good="2.重复申请 | 8 | 0 | 0 | 0 | 0 | 0 | 8 | ||",
        bad="2.重复申请 | 9 | 0 | 0 | 0 | 0 | 0 | 9 | ||",
    ),
    messages={
        "default": (
            "（七）总计（{column}列）为{left}，而各项办理结果之和为{right}",
            "（七）总计 ({column}) is {left}, the outcomes add up to {right}",
        )
    },
    note=(
        "年度报告格式表三“三、本年度办理结果”：（一）至（六）各项与“（七）总计”；区分处理的，只计（二）部分公开",
        "template, table 三, results: items （一）–（六） and their total （七）; an application handled in part counts under （二） only",
    ),
)
def column_total(ctx: Context) -> Iterator[Diagnostic]:
    yield from _check(ctx, column_total)


@rule(
    "A104",
    "review-total",
    Severity.ERROR,
    zh=Doc(
        "表四总计不等于四项结果之和",
        "对表四的每一块（行政复议、未经复议直接起诉、复议后起诉）检查：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。",
        "每个案件都有且只有四种结果之一。",
        "重新计算总计。",
    ),
    en=Doc(
        "a total of table 四 is wrong",
        "Checks each block of table 四 (行政复议, 未经复议直接起诉, 复议后起诉): 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.",
        "Every case has exactly one of the four results.",
        "Recompute the total.",
    ),
    example=Example(good="1 | 1 | 1 | 0 | 3 | 0 |", bad="1 | 1 | 1 | 0 | 4 | 0 |"),
    messages={
        "default": (
            "表四“{block}”总计为{left}，而四项结果之和为{right}（{rterms}）",
            "table 四 “{block}”: the total is {left}, the four results add up to {right} ({rterms})",
        )
    },
    note=(
        "年度报告格式表四：行政复议、未经复议直接起诉、复议后起诉各分结果维持、结果纠正、其他结果、尚未审结、总计五列",
        "template, table 四: each block has the columns 结果维持, 结果纠正, 其他结果, 尚未审结 and 总计",
    ),
)
def review_total(ctx: Context) -> Iterator[Diagnostic]:
    yield from _check(ctx, review_total)
