"""S-rules: is it a report, and are its six sections there, in order, with their headings."""

from __future__ import annotations

from collections.abc import Iterator

from .. import template as T
from ..diagnostics import Diagnostic, Severity
from ..lexicon import Wording
from ..nodes import Front, Heading, Missing, Section, Table, Token
from ..source import Span
from . import Context, rule

NOTE_ART50 = "《中华人民共和国政府信息公开条例》第五十条；年度报告格式（国办公开办函〔2021〕30号）"


def sections(ctx: Context) -> list[tuple[Section, bool]]:
    """Every section of the report in document order, with whether it is out of place."""
    return [(s, id(s) in ctx.misplaced) for s in ctx.all(Section)]


def heading_label(number: int) -> str:
    spec = T.section(number)
    return f"{spec.numeral}、{spec.title}"


def _table_tokens(ctx: Context) -> int:
    return sum(1 for t in ctx.all(Token) if T.table_of_terminal(t.terminal))


def is_report(ctx: Context) -> bool:
    """A report in the 2019+ format: enough of the six headings or of the three tables."""
    strong = {
        s.number
        for s, _ in sections(ctx)
        if isinstance(s.heading, Heading) and s.heading.wording is not Wording.UNKNOWN
    }
    tables = _table_tokens(ctx)
    year = ctx.meta.year
    v19, v21 = ctx.parsed.format_evidence
    if year is not None and year < 2019 and not (v19 or v21):
        return False
    return len(strong) >= 3 or (len(strong) >= 2 and tables >= 10) or tables >= 30


@rule(
    "S001",
    "not-a-report",
    Severity.ERROR,
    "不是2019年以后格式的政府信息公开工作年度报告",
    "not an annual report in the 2019+ format",
)
def not_a_report(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that the text is a government information-disclosure annual report in the format of
    2019 or later: at least three of its six section headings, or its statistical tables.

    **Why**: web columns for 年报 also hold 法治政府建设 reports, 政务公开 work plans, pre-2019
    statistics tables and empty pages; checking them against the template would only bury the
    reader in findings. When this rule fires, nothing else is reported for the file.

    **Fix**: make sure the file is the report itself (not a notice or the page around it).
    """
    year = ctx.meta.year
    found = sorted({s.number for s, _ in sections(ctx)})
    if year is not None and year < 2019:
        why = f"报告年度为{year}年，早于2019年施行的新格式"
    elif found:
        why = "只找到第" + "、".join(T.section(n).numeral for n in found) + "部分的标题，且没有统计表格"
    else:
        why = "没有找到年度报告的六个部分标题或统计表格"
    text = ctx.source.text
    end = len(text.split("\n", 1)[0]) if text else 0
    yield not_a_report.make(
        Span(0, min(end, len(text))),
        f"不是2019年以后格式的政府信息公开工作年度报告：{why}",
        help="确认文件是年报正文，而不是通知、法治政府建设报告或网页的其他部分",
        note=NOTE_ART50,
    )


def _where_missing(ctx: Context, number: int) -> Span:
    """Where section ``number`` should have started: at the next section present, else at the end."""
    for s, out_of_place in sections(ctx):
        if not out_of_place and s.number > number:
            return Span(s.span.start, s.span.start)
    end = ctx.report.span.end
    for s, _ in sections(ctx):
        end = s.span.end
    return Span(end, end)


@rule("S101", "missing-section", Severity.ERROR, "缺少报告的某一部分", "a section of the report is missing")
def missing_section(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that each of the six sections of the template is present.

    **Why**: article 50 of the 条例 fixes what the report contains; the template turns it into six
    sections in a fixed order (一、总体情况 … 六、其他需要报告的事项). A missing section is missing
    content, not just a missing heading.

    **Fix**: add the section with its template heading; write "无" under 六 if there is nothing to report.
    """
    present = {s.number for s, _ in sections(ctx)}
    for n in range(1, 7):
        if n not in present:
            yield missing_section.make(
                _where_missing(ctx, n),
                f"缺少第{T.section(n).numeral}部分“{heading_label(n)}”",
                help=f"按模板补上“{heading_label(n)}”",
                note=NOTE_ART50,
                section=n,
            )


@rule("S102", "section-order", Severity.ERROR, "报告各部分顺序与模板不一致", "sections are out of order")
def section_order(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that the six sections come in the template's order.

    **Why**: readers and comparisons rely on the fixed order of the template.

    **Fix**: move the section to its place.
    """
    main = {s.number for s, out in sections(ctx) if not out}
    for s, out_of_place in sections(ctx):
        if out_of_place and s.number not in main:
            before = [x.number for x, o in sections(ctx) if not o and x.span.start < s.span.start]
            after = f"，却出现在第{T.section(max(before)).numeral}部分之后" if before else ""
            yield section_order.make(
                _head_span(s),
                f"第{T.section(s.number).numeral}部分“{heading_label(s.number)}”位置不对{after}",
                help="按模板顺序排列六个部分",
                note=NOTE_ART50,
                section=s.number,
            )


@rule("S106", "duplicate-section", Severity.ERROR, "同一部分出现两次", "a section appears twice")
def duplicate_section(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that no section heading appears twice.

    **Why**: a repeated section usually means two drafts or two reports were pasted together; the
    tables of one of them would be ignored by every reader.

    **Fix**: keep one of the two.
    """
    main = {s.number: s for s, out in sections(ctx) if not out}
    for s, out_of_place in sections(ctx):
        if out_of_place and s.number in main:
            first = main[s.number]
            yield duplicate_section.make(
                _head_span(s),
                f"第{T.section(s.number).numeral}部分“{heading_label(s.number)}”重复出现",
                related=((_head_span(first), "第一次出现在这里"),),
                help="删去重复的部分，或确认是否误把两份报告拼在一起",
                section=s.number,
            )


def _head_span(s: Section) -> Span:
    h = s.heading
    return h.span if h is not None else Span(s.span.start, s.span.start)


@rule(
    "S103",
    "heading-wording",
    Severity.WARNING,
    "部分标题的措辞与模板不一致",
    "a section heading differs from the template",
)
def heading_wording(ctx: Context) -> Iterator[Diagnostic]:
    """Checks the wording and numbering of each section heading against the template.

    Local variants that the template itself mentions (e.g. 四、因政府信息公开工作被申请行政复议、提起
    行政诉讼情况) are reported as info; other wordings and wrong numerals as warnings.

    **Why**: uniform headings let reviewers and tools find each part; a wrong numeral suggests a
    section was dropped or moved.

    **Fix**: use the template heading.
    """
    for s, _ in sections(ctx):
        h = s.heading
        if not isinstance(h, Heading):
            continue
        want = heading_label(s.number)
        written = ctx.text(h.span)
        numeral_ok = h.numeral == T.section(s.number).numeral
        if h.wording is Wording.KNOWN and numeral_ok:
            yield heading_wording.make(
                h.span,
                f"标题“{written}”是模板允许的地方写法，模板为“{want}”",
                severity=Severity.INFO,
                section=s.number,
            )
        elif h.wording in (Wording.OTHER, Wording.UNKNOWN):
            yield heading_wording.make(
                h.span, f"标题“{written}”与模板不一致，应为“{want}”", help=f"改为“{want}”", section=s.number
            )
        elif not numeral_ok:
            yield heading_wording.make(
                h.span, f"标题编号“{h.numeral}”与位置不符，应为“{want}”", help=f"改为“{want}”", section=s.number
            )


@rule("S104", "missing-title", Severity.WARNING, "缺少报告标题", "the report has no title")
def missing_title(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that the report opens with a title naming the organ and the year
    (``某某局2023年政府信息公开工作年度报告``).

    **Why**: the title is how readers, archives and tools know whose report it is and for which year.

    **Fix**: add the title line with the organ's full name and the year.
    """
    fronts = [f for f in ctx.report.children if isinstance(f, Front)]
    if any(isinstance(t, Token) and t.terminal == "TITLE" for f in fronts for t in f.children):
        return
    first = next((s for s, _ in sections(ctx)), None)
    at = first.span.start if first else 0
    yield missing_title.make(
        Span(at, at),
        "缺少报告标题（如“某某局2023年政府信息公开工作年度报告”）",
        help="在开头加上包含机关名称和年度的标题",
    )


@rule("S105", "missing-heading", Severity.ERROR, "某部分有内容但缺少标题", "a section's content has no heading")
def missing_heading(ctx: Context) -> Iterator[Diagnostic]:
    """Checks that a section whose content is there (e.g. table 三) also has its heading.

    **Why**: without the heading the content runs into the previous section for every reader.

    **Fix**: add the heading before the content.
    """
    for s, _ in sections(ctx):
        h = s.heading
        if isinstance(h, Missing):
            start = next((c.span.start for c in s.children if not isinstance(c, Missing)), h.span.start)
            table = s.table
            what = "表格" if isinstance(table, Table) else "内容"
            yield missing_heading.make(
                Span(start, start),
                f"第{T.section(s.number).numeral}部分的{what}前缺少标题“{heading_label(s.number)}”",
                help=f"补上标题“{heading_label(s.number)}”",
                section=s.number,
            )
