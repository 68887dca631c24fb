"""D-rules: the template version for the year, the statistics period, the publication deadline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .. import template as T
from ..diagnostics import Diagnostic, Severity
from ..source import Span
from ..syntax.nodes import Token
from .base import Context, Doc, Example, rule

ART49 = ("《中华人民共和国政府信息公开条例》第四十九条", "Regulations on Open Government Information, art. 49")
_VERSION_DOCS = {T.Version.V2019: "国办公开办函〔2019〕60号", T.Version.V2021: "国办公开办函〔2021〕30号"}
_VERSION_TOKENS = {
    T.Version.V2019: ("T2_NEW_MADE", "T2_NEW_PUBLIC", "T2_PREV_COUNT", "T2_CHANGE", "T2_DECISIONS", "CAP_9"),
    T.Version.V2021: ("T2_ISSUED", "T2_REPEALED", "T2_IN_FORCE", "T2_YEAR_DECISIONS", "T2_FEE_AMOUNT"),
}


_ORIGIN = {"page": ("网页发布时间", "published on the page"), "signature": ("落款日期", "signed"),
           "title-block": ("标题下日期", "dated")}  # fmt: skip


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@rule(
    "D101",
    "template-version-mismatch",
    Severity.ERROR,
    zh=Doc(
        "表格格式与报告年度应采用的模板不一致",
        "检查表格是否采用报告年度应采用的模板：2019、2020年度用V2019（国办公开办函〔2019〕60号），2021年度起用V2021"
        "（〔2021〕30号）。表二的表头可以看出报告实际采用的版本（“本年新制作数量”还是“本年制发件数”）。",
        "两个版本统计的内容不同（表二重新设计，表三（六）拆成三项）；按旧模板填写的报告会漏掉新模板要求的内容。",
        "按报告年度的模板重新填写表格。",
    ),
    en=Doc(
        "the tables follow the wrong template version",
        "Checks that the tables follow the template of the report's year: V2019 (国办公开办函〔2019〕60号) for 2019 and "
        "2020, V2021 (〔2021〕30号) from 2021 on. The table 二 header tells which one a report follows (本年新制作数量 "
        "vs 本年制发件数).",
        "The two versions count different things (table 二 was redesigned, table 三 （六） split in three); a report "
        "on the old template leaves out what the new one asks for.",
        "Redo the tables on the template of the report's year.",
    ),
    example=Example(good="2019年政府信息公开工作年度报告", bad="2022年政府信息公开工作年度报告", base="v2019_pipe.txt"),
    messages={
        "default": (
            "{year}年度报告应采用{want}格式（{doc}），表格却是{used}格式",
            "a report for {year} must use the {want} template ({doc}); the tables follow {used}",
        ),
        "help": ("按{want}格式重新填写表格", "redo the tables on the {want} template"),
    },
    note=(
        "国办公开办函〔2019〕60号（2019、2020年度报告）；国办公开办函〔2021〕30号（2021年度起）",
        "国办公开办函〔2019〕60号 (reports for 2019 and 2020); 国办公开办函〔2021〕30号 (from 2021)",
    ),
)
def template_version(ctx: Context) -> Iterator[Diagnostic]:
    year = ctx.meta.year
    used = ctx.parsed.table_format
    if year is None or used is None:
        return
    want = T.Version.for_year(year)
    if used is want:
        return
    tok = next((t for t in ctx.all(Token) if t.terminal in _VERSION_TOKENS[used]), None)
    span = tok.span if tok else (ctx.meta.year_span or Span(0, 0))
    yield template_version.make(span, help="help", year=year, want=want.value, used=used.value, doc=_VERSION_DOCS[want])


@rule(
    "D102",
    "period",
    Severity.WARNING,
    zh=Doc(
        "统计期限不是报告年度的1月1日至12月31日，或无法识别",
        "检查写明的统计期限：应为报告年度的1月1日至12月31日，并且写法能够识别。",
        "只有统计区间都是同一个自然年，各表的数字才能比较。",
        "写明“本报告中所列数据的统计期限自YYYY年1月1日起至YYYY年12月31日止”。",
    ),
    en=Doc(
        "the statistics period is wrong or unreadable",
        "Checks the stated statistics period (统计期限): it must run from 1月1日 to 12月31日 of the report year, and "
        "be written so that it can be read.",
        "The numbers of the tables are only comparable over the same calendar year.",
        "State 本报告中所列数据的统计期限自YYYY年1月1日起至YYYY年12月31日止.",
    ),
    example=Example(good="自2021年1月1日起至2021年12月31日止", bad="自2021年1月1日起至2021年11月30日止"),
    messages={
        "unreadable": ("统计期限无法识别：“{written}”", "the statistics period cannot be read: “{written}”"),
        "wrong": (
            "统计期限为{start}至{end}，应为{year}年1月1日至{year}年12月31日",
            "the statistics period is {start} to {end}; it should be 1 January to 31 December {year}",
        ),
        "help": ("写明“自YYYY年1月1日起至YYYY年12月31日止”", "write 自YYYY年1月1日起至YYYY年12月31日止"),
    },
    note=(
        "《中华人民共和国政府信息公开条例》第四十九条：年度报告报告上一年度的政府信息公开工作",
        "Regulations on Open Government Information, art. 49: the report covers the previous year",
    ),
)
def period(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.meta.period
    if p is None:
        return
    if not p.readable:
        yield period.make(p.span, "unreadable", help="help", written=ctx.text(p.span))
        return
    year = ctx.meta.year
    assert p.start is not None and p.end is not None
    if year is not None and (p.start != date(year, 1, 1) or p.end != date(year, 12, 31)):
        yield period.make(p.span, "wrong", start=_cn(p.start), end=_cn(p.end), year=year)


@rule(
    "D103",
    "late-publication",
    Severity.WARNING,
    zh=Doc(
        "发布晚于条例第四十九条规定的期限",
        "对照条例第四十九条检查发布日期：县级以上人民政府部门在次年1月31日前发布，本级人民政府的报告在3月31日前发布。"
        "政府办公室（厅）两种情况都有可能，只能确定3月31日；乡镇不适用这一期限。没有发布日期或年度时不作判断。",
        "期限是法定的，审阅者要跟踪。",
        "按时发布；网页显示的如果是后来的更新日期，请保留原始发布日期。",
    ),
    en=Doc(
        "published after the statutory deadline",
        "Checks the publication date against article 49 of the Regulations: a department of a government at county "
        "level or above publishes by 1月31日 of the following year; the government's own report by 3月31日. For a "
        "政府办公室/办公厅, which may publish either, only 3月31日 is certain; for townships the article sets no "
        "date. No judgement without a publication date and a year.",
        "The deadline is statutory; reviewers track it.",
        "Publish on time; if the page shows a later update date, keep the original date visible.",
    ),
    example=Example(good="白水县应急管理局\n2022年1月18日", bad="白水县应急管理局\n2022年2月18日"),
    messages={
        "default": (
            "{origin}{published}晚于条例第四十九条规定的{deadline}（{who}）",
            "{origin_en} {published} is later than the deadline of article 49, {deadline} ({who_en})",
        )
    },
    note=ART49,
)
def late_publication(ctx: Context) -> Iterator[Diagnostic]:
    meta = ctx.meta
    if meta.published is None or meta.year is None:
        return
    kind = ctx.organ_kind
    if kind in (None, "township"):
        return
    deadline = date(meta.year + 1, 1, 31) if kind == "department" else date(meta.year + 1, 3, 31)
    if meta.published.value <= deadline:
        return
    who = {"department": ("部门", "a department"), "government": ("本级人民政府", "the government's own report"),
           "office": ("政府办公室，按较晚的3月31日", "a government office: the later date")}[kind]  # fmt: skip
    origin = _ORIGIN[meta.published.origin]
    yield late_publication.make(
        meta.published.span,
        note=True,
        origin=origin[0],
        origin_en=origin[1],
        who=who[0],
        who_en=who[1],
        published=_cn(meta.published.value),
        deadline=_cn(deadline),
    )


@rule(
    "D104",
    "dated-before-year-end",
    Severity.WARNING,
    zh=Doc(
        "落款或发布日期早于报告年度结束",
        "检查报告的日期（落款、标题下日期或网页发布时间）是否晚于报告年度的12月31日：年度报告统计的是全年，"
        "不可能在年度结束前写成。早于年末的日期通常是年份写错（如2024年1月写成2023年1月）。",
        "日期是判断是否按时发布（条例第四十九条）的依据；写错的日期让读者和审阅者无从判断。",
        "改正日期的年份。",
    ),
    en=Doc(
        "dated before the report year ends",
        "Checks that the report's date (its signature, the date under the title, or the page's publication time) "
        "is after 12月31日 of the report year: a report on the whole year cannot be written before the year ends. "
        "An earlier date is usually a wrong year (2023年1月 for 2024年1月).",
        "The date is what the deadline of article 49 is judged by; a wrong one leaves readers and reviewers "
        "unable to judge it.",
        "Correct the year of the date.",
    ),
    example=Example(good="白水县应急管理局\n2022年1月18日", bad="白水县应急管理局\n2021年1月18日"),
    messages={
        "default": (
            "{origin}{published}早于{year}年度结束（{year}年12月31日），日期可能有误",
            "{origin_en} {published}, before the report year {year} ends (12月31日): the date may be wrong",
        )
    },
    note=ART49,
)
def dated_before_year_end(ctx: Context) -> Iterator[Diagnostic]:
    meta = ctx.meta
    if meta.published is None or meta.year is None or meta.published.value > date(meta.year, 12, 31):
        return
    origin = _ORIGIN[meta.published.origin]
    yield dated_before_year_end.make(
        meta.published.span,
        note=True,
        origin=origin[0],
        origin_en=origin[1],
        published=_cn(meta.published.value),
        year=meta.year,
    )
