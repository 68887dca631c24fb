"""D-rules: the template version for the year, the statistics period, the publication deadline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .. import template as T
from ..diagnostics import Diagnostic, Severity
from ..nodes import Token
from ..source import Span
from . import Context, rule


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


_VERSION_TOKENS = {
    T.Version.V2019: (
        "T2_NEW_MADE",
        "T2_NEW_PUBLIC",
        "T2_PREV_COUNT",
        "T2_CHANGE",
        "T2_DECISIONS",
        "CAP_9",
        "R2_NORMATIVE",
    ),
    T.Version.V2021: (
        "T2_ISSUED",
        "T2_REPEALED",
        "T2_IN_FORCE",
        "T2_YEAR_DECISIONS",
        "T2_FEE_AMOUNT",
        "R2_ADMIN_NORMATIVE",
    ),
}


@rule(
    "D101",
    "template-version-mismatch",
    Severity.ERROR,
    "表格格式与报告年度应采用的模板不一致",
    "the tables follow the wrong template version",
)
def template_version(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that the tables follow the template of the report's year: V2019 (国办公开办函〔2019〕
    60号) for 2019 and 2020, V2021 (〔2021〕30号) from 2021 on. The table 二 header tells which one a
    report follows (本年新制作数量 vs 本年制发件数).

    **Why**: the two versions count different things (table 二 was redesigned, table 三 （六） split in
    three); a report on the old template leaves out what the new one asks for.

    **Fix**: redo the tables on the template of the report's year.
    """
    year = ctx.meta.year
    used = ctx.parsed.table_format
    if year is None or used is None:
        return
    want = T.Version.for_year(year)
    if used is want:
        return
    tok = next((t for t in ctx.all(Token) if t.terminal in _VERSION_TOKENS[used]), None)
    span = tok.span if tok else (ctx.meta.year_span or Span(0, 0))
    doc = "国办公开办函〔2019〕60号" if want is T.Version.V2019 else "国办公开办函〔2021〕30号"
    yield template_version.make(
        span,
        f"{year}年度报告应采用{want.value}格式（{doc}），表格却是{used.value}格式",
        help=f"按{want.value}格式重新填写表格",
        note=doc,
    )


@rule(
    "D102",
    "period",
    Severity.WARNING,
    "统计期限不是报告年度的1月1日至12月31日，或无法识别",
    "the statistics period is wrong or unreadable",
)
def period(ctx: Context) -> Iterator[Diagnostic]:
    """Checks the stated statistics period (统计期限): it must run from 1月1日 to 12月31日 of the
    report year, and be written so that it can be read.

    **Why**: the numbers of the tables are only comparable over the same calendar year.

    **Fix**: state "本报告中所列数据的统计期限自YYYY年1月1日起至YYYY年12月31日止".
    """
    p = ctx.meta.period
    if p is None:
        return
    written = ctx.text(p.span)
    if not p.readable:
        yield period.make(p.span, f"统计期限无法识别：“{written}”", help="写明“自YYYY年1月1日起至YYYY年12月31日止”")
        return
    year = ctx.meta.year
    assert p.start is not None and p.end is not None
    if year is not None and (p.start != date(year, 1, 1) or p.end != date(year, 12, 31)):
        yield period.make(
            p.span,
            f"统计期限为{_cn(p.start)}至{_cn(p.end)}，应为{year}年1月1日至{year}年12月31日",
        )


@rule(
    "D103",
    "late-publication",
    Severity.WARNING,
    "发布晚于条例第四十九条规定的期限",
    "published after the statutory deadline",
)
def late_publication(ctx: Context) -> Iterator[Diagnostic]:
    """Checks the publication date against article 49 of the 条例: a department of a government at
    county level or above publishes by 1月31日 of the following year; the government's own report
    by 3月31日. For a 政府办公室/办公厅, which may publish either, only 3月31日 is certain; for
    townships the article sets no date. No judgement without a publication date and a year.

    **Why**: the deadline is statutory; reviewers track it.

    **Fix**: publish on time; if the page shows a later update date, keep the original date visible.
    """
    meta = ctx.meta
    if meta.published is None or meta.year is None:
        return
    kind = meta.organ_kind
    if kind in (None, "township"):
        return
    deadline = date(meta.year + 1, 1, 31) if kind == "department" else date(meta.year + 1, 3, 31)
    if meta.published.value <= deadline:
        return
    who = {"department": "部门", "government": "本级人民政府", "office": "政府办公室（按较晚的3月31日）"}[kind]
    origin = {"page": "网页发布时间", "signature": "落款日期", "title-block": "标题下日期"}[meta.published.origin]
    yield late_publication.make(
        meta.published.span,
        f"{origin}{_cn(meta.published.value)}晚于条例第四十九条规定的{_cn(deadline)}（{who}）",
        note="《中华人民共和国政府信息公开条例》第四十九条",
    )
