"""S-rules: is it a report, and are its six sections there, in order, with their headings."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from .. import template as T
from ..diagnostics import Diagnostic, Related, Severity
from ..source import Span
from ..syntax.nodes import Front, Heading, Missing, Paragraph, Section, Table, Token
from ..syntax.scanner import Kind, Wording, label_texts
from .base import Context, Doc, Example, rule

_HAN = re.compile(r"[\u4e00-\u9fff]")
ART50 = (
    "《中华人民共和国政府信息公开条例》第五十条；年度报告格式（国办公开办函〔2021〕30号）",
    "Regulations on Open Government Information, art. 50; annual report template (国办公开办函〔2021〕30号)",
)
NOTICE = """关于印发河北省2019年政务公开工作要点的通知
各市（含定州、辛集市）人民政府，雄安新区管委会，省政府各部门：
《河北省2019年政务公开工作要点》已经省政府同意，现印发给你们，请结合实际认真贯彻落实。
"""


def sections(ctx: Context) -> list[tuple[Section, bool]]:
    """Every section of the report in document order, with whether it is out of place."""
    return [(s, id(s) in ctx.misplaced) for s in ctx.all(Section)]


def heading_label(number: int) -> str:
    spec = T.section(number)
    return f"{spec.numeral}、{spec.title}"


def _table_tokens(ctx: Context) -> int:
    return sum(1 for t in ctx.all(Token) if T.table_of_terminal(t.terminal))


def is_report(ctx: Context) -> bool:
    """A report in the 2019+ format: enough of the six headings or of the three tables, in the tree
    or, whatever the parse made of the text, anywhere in it (headings in their order, the tables'
    labels)."""
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
    if len(strong) >= 3 or (len(strong) >= 2 and tables >= 10) or tables >= 30:
        return True
    return _headings_in_order(ctx) >= 3 or _table_labels(ctx) >= 15


def _headings_in_order(ctx: Context) -> int:
    """The most section headings found in the text in the template's order (longest increasing run)."""
    numbers = [
        int(c.key) for c in ctx.parsed.index.items if c.kind is Kind.HEADING and c.wording is not Wording.UNKNOWN
    ]
    best: list[int] = []  # best[i]: the smallest last number of an increasing run of length i + 1
    for n in numbers:
        i = bisect_left(best, n)
        best[i : i + 1] = [n]
    return len(best)


def _table_labels(ctx: Context) -> int:
    """Distinct labels of the three tables found in the text."""
    return len(
        {
            c.key
            for c in ctx.parsed.index.items
            if c.kind is Kind.LABEL and any(map(T.table_of_terminal, label_texts()[c.key]))
        }
    )


@rule(
    "S001",
    "not-a-report",
    Severity.ERROR,
    zh=Doc(
        "不是2019年以后格式的政府信息公开工作年度报告",
        "检查文本是否为2019年以后格式的政府信息公开工作年度报告：至少有六个部分标题中的三个，或有统计表格"
        "（按报告的结构读不出时，也看全文中依次出现的部分标题和表格的标签）。只有报告标题而没有正文的网页，单独说明。",
        "年报栏目里还常见法治政府建设报告、政务公开工作要点、2019年以前的统计表和空白网页；"
        "拿它们逐条对照模板只会淹没读者。此规则触发时，这个文件不再报告其他问题。",
        "确认文件是年报正文本身，而不是通知、其他报告或年报所在网页的其他部分。",
    ),
    en=Doc(
        "not an annual report in the 2019+ format",
        "Checks that the text is a government information-disclosure annual report in the format of 2019 or "
        "later: at least three of its six section headings, or its statistical tables (where the structure "
        "cannot be read, the headings in their order and the tables' labels anywhere in the text). A page with "
        "the report's title and no body is said to be so.",
        "Web columns for annual reports also hold 法治政府建设 reports, 政务公开 work plans, pre-2019 "
        "statistics tables and empty pages; checking them against the template would only bury the reader in "
        "findings. When this rule fires, nothing else is reported for the file.",
        "Make sure the file is the report itself, not a notice, another report or the page around it.",
    ),
    example=Example(good="", bad=NOTICE, whole=True),
    messages={
        "old": (
            "不是2019年以后格式的年度报告：报告年度为{year}年，早于新格式",
            "not a report in the 2019+ format: it is for {year}",
        ),
        "some": (
            "不是2019年以后格式的政府信息公开工作年度报告：只找到第{found}部分的标题，且没有统计表格",
            "not an annual report in the 2019+ format: only the headings of section(s) {found}, and no tables",
        ),
        "none": (
            "不是2019年以后格式的政府信息公开工作年度报告：没有找到年度报告的六个部分标题或统计表格",
            "not an annual report in the 2019+ format: none of the six section headings and no tables",
        ),
        "title": (
            "只有标题“{title}”，没有报告正文（网页或提取的文本缺了报告本身）",
            "only the title “{title}”: the report's body is missing (the page or the extracted text lost it)",
        ),
        "help": (
            "确认文件是年报正文，而不是通知、法治政府建设报告或网页的其他部分",
            "check that the file is the report itself",
        ),
    },
    note=ART50,
    gate=True,
)
def not_a_report(ctx: Context) -> Iterator[Diagnostic]:
    if is_report(ctx):
        return
    year = ctx.meta.year
    found = sorted({s.number for s, _ in sections(ctx)})
    text = ctx.source.text
    span = Span(0, len(text.split("\n", 1)[0]) if text else 0)
    title = _title_only(ctx)
    if year is not None and year < 2019:
        yield not_a_report.make(span, "old", year=year, help="help", note=True)
    elif title is not None:
        yield not_a_report.make(title, "title", title=ctx.text(title).strip(), help="help", note=True)
    elif found:
        numerals = "、".join(T.section(n).numeral for n in found)
        yield not_a_report.make(span, "some", found=numerals, help="help", note=True)
    else:
        yield not_a_report.make(span, "none", help="help", note=True)


def _title_only(ctx: Context) -> Span | None:
    """The title of a page whose body is nothing but it (beside the page's chrome)."""
    titles = [t for t in ctx.all(Token) if t.terminal == "TITLE"]
    if not titles:
        return None
    prose = sum(len(_HAN.findall(ctx.analysis[p.span.start : p.span.end])) for p in ctx.all(Paragraph))
    return titles[0].span if prose < 40 else None


def _where_missing(ctx: Context, number: int) -> Span:
    """Where section ``number`` should have started: at the next section present, else at the end."""
    for s, out_of_place in sections(ctx):
        if not out_of_place and s.number > number:
            return Span(s.span.start, s.span.start)
    end = ctx.report.span.end
    for s, _ in sections(ctx):
        end = s.span.end
    return Span(end, end)


@rule(
    "S101",
    "missing-section",
    Severity.ERROR,
    zh=Doc(
        "缺少报告的某一部分",
        "检查模板规定的六个部分是否都在：一、总体情况 …… 六、其他需要报告的事项。",
        "条例第五十条规定了年度报告的内容，模板把它落实为固定顺序的六个部分。缺少一个部分就是缺少一项内容，而不只是缺少一个标题。",
        "按模板补上这一部分及其标题；第六部分没有需要报告的事项时写“无”。",
    ),
    en=Doc(
        "a section of the report is missing",
        "Checks that each of the template's six sections is present (一、总体情况 … 六、其他需要报告的事项).",
        "Article 50 of the Regulations fixes what the report contains; the template turns it into six sections in a "
        "fixed order. A missing section is missing content, not just a missing heading.",
        "Add the section with its template heading; write 无 under section 六 if there is nothing to report.",
    ),
    example=Example(
        good="五、存在的主要问题及改进情况\n对照上级要求和群众期盼",
        bad="对照上级要求和群众期盼",
    ),
    messages={
        "default": ("缺少第{numeral}部分“{heading}”", "section {numeral} “{heading}” is missing"),
        "help": ("按模板补上“{heading}”", "add “{heading}” as in the template"),
    },
    note=ART50,
)
def missing_section(ctx: Context) -> Iterator[Diagnostic]:
    present = {s.number for s, _ in sections(ctx)}
    for n in range(1, 7):
        if n not in present:
            yield missing_section.make(
                _where_missing(ctx, n),
                numeral=T.section(n).numeral,
                heading=heading_label(n),
                help="help",
                note=True,
                section=n,
            )


@rule(
    "S102",
    "section-order",
    Severity.ERROR,
    zh=Doc(
        "报告各部分顺序与模板不一致",
        "检查六个部分是否按模板顺序排列。",
        "读者和比对工具依赖模板的固定顺序；顺序颠倒容易让人把一部分的内容当成另一部分。",
        "把这一部分移回模板规定的位置。",
    ),
    en=Doc(
        "sections are out of order",
        "Checks that the six sections come in the template's order.",
        "Readers and comparisons rely on the template's fixed order.",
        "Move the section back to its place.",
    ),
    example=Example(
        good="五、存在的主要问题及改进情况\n对照上级要求和群众期盼，……\n下一步，……\n六、其他需要报告的事项\n本年度未收取信息处理费。",
        bad="六、其他需要报告的事项\n本年度未收取信息处理费。\n五、存在的主要问题及改进情况\n对照上级要求和群众期盼，……\n下一步，……",
    ),
    messages={
        "default": ("第{numeral}部分“{heading}”位置不对", "section {numeral} “{heading}” is out of order"),
        "after": (
            "第{numeral}部分“{heading}”位置不对，却出现在第{before}部分之后",
            "section {numeral} “{heading}” comes after section {before}",
        ),
        "help": ("按模板顺序排列六个部分", "put the six sections in the template's order"),
    },
    note=ART50,
)
def section_order(ctx: Context) -> Iterator[Diagnostic]:
    main = {s.number for s, out in sections(ctx) if not out}
    for s, out_of_place in sections(ctx):
        if out_of_place and s.number not in main:
            before = [x.number for x, o in sections(ctx) if not o and x.span.start < s.span.start]
            spec = T.section(s.number)
            params = {"numeral": spec.numeral, "heading": heading_label(s.number)}
            if before:
                params["before"] = T.section(max(before)).numeral
            yield section_order.make(
                _head_span(s), "after" if before else "default", help="help", note=True, section=s.number, **params
            )


@rule(
    "S106",
    "duplicate-section",
    Severity.ERROR,
    zh=Doc(
        "同一部分出现两次",
        "检查同一个部分标题是否出现两次。",
        "重复的部分通常是两稿或两份报告拼在了一起，其中一份的表格会被所有读者忽略。",
        "保留其中一份，或确认是否误把两份报告拼在一起。",
    ),
    en=Doc(
        "a section appears twice",
        "Checks that no section heading appears twice.",
        "A repeated section usually means two drafts or two reports were pasted together; the tables of one of "
        "them would be ignored by every reader.",
        "Keep one of the two.",
    ),
    example=Example(
        good="六、其他需要报告的事项\n本年度未收取信息处理费。",
        bad="六、其他需要报告的事项\n本年度未收取信息处理费。\n六、其他需要报告的事项\n无。",
    ),
    messages={
        "default": ("第{numeral}部分“{heading}”重复出现", "section {numeral} “{heading}” appears twice"),
        "first": ("第一次出现在这里", "first here"),
        "help": ("删去重复的部分，或确认是否误把两份报告拼在一起", "remove the duplicate"),
    },
    note=ART50,
)
def duplicate_section(ctx: Context) -> Iterator[Diagnostic]:
    main = {s.number: s for s, out in sections(ctx) if not out}
    for s, out_of_place in sections(ctx):
        if out_of_place and s.number in main:
            first = main[s.number]
            yield duplicate_section.make(
                _head_span(s),
                numeral=T.section(s.number).numeral,
                heading=heading_label(s.number),
                related=(Related(_head_span(first), *duplicate_section.messages["first"]),),
                help="help",
                section=s.number,
            )


def _head_span(s: Section) -> Span:
    h = s.heading
    return h.span if h is not None else Span(s.span.start, s.span.start)


@rule(
    "S103",
    "heading-wording",
    Severity.WARNING,
    zh=Doc(
        "部分标题的措辞或编号与模板不一致",
        "对照模板检查每个部分标题的措辞和编号。模板本身提到的地方写法（如“四、因政府信息公开工作被申请行政复议、"
        "提起行政诉讼情况”）作为提示，其他写法和错误的编号作为警告。",
        "统一的标题让审阅者和工具能找到各部分；编号错误往往说明某一部分被删掉或移动了。",
        "使用模板的标题。",
    ),
    en=Doc(
        "a section heading differs from the template",
        "Checks the wording and numbering of each section heading against the template. Local variants that the "
        "template itself mentions are info; other wordings and wrong numerals are warnings.",
        "Uniform headings let reviewers and tools find each part; a wrong numeral suggests a section was dropped "
        "or moved.",
        "Use the template heading.",
    ),
    example=Example(good="一、总体情况\n2021年，在县委", bad="一、基本情况\n2021年，在县委"),
    messages={
        "known": (
            "标题“{written}”是模板允许的地方写法，模板为“{want}”",
            "heading “{written}” is a local variant the template allows; the template has “{want}”",
        ),
        "other": (
            "标题“{written}”与模板不一致，应为“{want}”",
            "heading “{written}” differs from the template: “{want}”",
        ),
        "numeral": (
            "标题编号“{numeral}”与位置不符，应为“{want}”",
            "heading numeral “{numeral}” does not fit its place: “{want}”",
        ),
        "unnumbered": (
            "标题“{written}”缺少编号，应为“{want}”",
            "heading “{written}” has no numeral: “{want}”",
        ),
        "help": ("改为“{want}”", "write “{want}”"),
    },
    note=ART50,
)
def heading_wording(ctx: Context) -> Iterator[Diagnostic]:
    for s, _ in sections(ctx):
        h = s.heading
        if not isinstance(h, Heading):
            continue
        want = heading_label(s.number)
        written = ctx.text(h.span)
        numeral_ok = h.numeral == T.section(s.number).numeral
        if h.wording is Wording.KNOWN and numeral_ok:
            yield heading_wording.make(
                h.span, "known", severity=Severity.INFO, written=written, want=want, section=s.number
            )
        elif h.wording in (Wording.OTHER, Wording.UNKNOWN):
            yield heading_wording.make(h.span, "other", help="help", written=written, want=want, section=s.number)
        elif not h.numeral:
            yield heading_wording.make(h.span, "unnumbered", help="help", written=written, want=want, section=s.number)
        elif not numeral_ok:
            yield heading_wording.make(h.span, "numeral", help="help", numeral=h.numeral, want=want, section=s.number)


@rule(
    "S104",
    "missing-title",
    Severity.WARNING,
    zh=Doc(
        "缺少报告标题",
        "检查报告开头是否有写明机关和年度的标题（“某某局2023年政府信息公开工作年度报告”）。",
        "标题告诉读者、档案和工具这是谁在哪一年的报告。",
        "在开头加上包含机关全称和年度的标题。",
    ),
    en=Doc(
        "the report has no title",
        "Checks that the report opens with a title naming the organ and the year (某某局2023年政府信息公开工作年度报告).",
        "The title is how readers, archives and tools know whose report it is and for which year.",
        "Add the title line with the organ's full name and the year.",
    ),
    example=Example(good="白水县应急管理局\n2021年政府信息公开工作年度报告\n", bad=""),
    messages={
        "default": (
            "缺少报告标题（如“某某局2023年政府信息公开工作年度报告”）",
            "the report has no title (such as 某某局2023年政府信息公开工作年度报告)",
        ),
        "help": ("在开头加上包含机关名称和年度的标题", "add a title with the organ's name and the year"),
    },
    note=(
        "年度报告格式：标题写明机关名称和年度（“……政府信息公开工作年度报告”）",
        "annual report template: the title names the organ and the year (“……政府信息公开工作年度报告”)",
    ),
)
def missing_title(ctx: Context) -> Iterator[Diagnostic]:
    fronts = [f for f in ctx.report.children if isinstance(f, Front)]
    if any(isinstance(t, Token) and t.terminal == "TITLE" for f in fronts for t in f.children):
        return
    first = next((s for s, _ in sections(ctx)), None)
    at = first.span.start if first else 0
    yield missing_title.make(Span(at, at), help="help")


@rule(
    "S105",
    "missing-heading",
    Severity.ERROR,
    zh=Doc(
        "某部分有内容但缺少标题",
        "检查内容（如表三）已经出现的部分是否也有标题。",
        "没有标题，读者会把这部分内容当作上一部分的延续。",
        "在内容前补上模板标题。",
    ),
    en=Doc(
        "a section's content has no heading",
        "Checks that a section whose content is there (e.g. table 三) also has its heading.",
        "Without the heading the content runs into the previous section for every reader.",
        "Add the heading before the content.",
    ),
    example=Example(good="三、收到和处理政府信息公开申请情况\n2021年", bad="2021年"),
    messages={
        "table": (
            "第{numeral}部分的表格前缺少标题“{heading}”",
            "the table of section {numeral} has no heading “{heading}”",
        ),
        "content": (
            "第{numeral}部分的内容前缺少标题“{heading}”",
            "the content of section {numeral} has no heading “{heading}”",
        ),
        "help": ("补上标题“{heading}”", "add the heading “{heading}”"),
    },
    note=ART50,
)
def missing_heading(ctx: Context) -> Iterator[Diagnostic]:
    for s, _ in sections(ctx):
        h = s.heading
        if isinstance(h, Missing):
            start = next((c.span.start for c in s.children if not isinstance(c, Missing)), h.span.start)
            yield missing_heading.make(
                Span(start, start),
                "table" if isinstance(s.table, Table) else "content",
                help="help",
                numeral=T.section(s.number).numeral,
                heading=heading_label(s.number),
                section=s.number,
            )
