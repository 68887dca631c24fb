"""C2-rules: copied text (内容雷同) between the reports of one run, and one report seen twice.

The engine is `nianbao.similar`: narrative sections masked (figures, dates, the organ's names),
fingerprinted in the worker processes, joined in the parent without comparing every pair.

Renderings of one report (the same organ, year, template and table cells: a page and its PDF, the
same report in two layouts) are one report seen twice, not a copy: C202 says so once, on the first
of them in the run, and C201 compares only that first one with the other reports.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..corpus import Facts, Narrative
from ..diagnostics import Elsewhere, Severity
from ..nodes import CellStatus
from ..similar import longest_shared, near_duplicates
from ..source import Span
from ..template import section as section_spec
from . import CorpusContext, Doc, Finding, SeriesExample, corpus_rule

NEARLY_IDENTICAL = 0.8  # from here the texts are nearly identical; below, one largely repeats the other

# The example: 东阳区财政局's 2019 report beside another organ's 2018 report, its own text (good) or the
# same text with the other organ's name and figures (bad).
_OTHER = (
    ("白水县应急管理局", "西山县应急管理局"),
    ("2021年", "2018年"),
    ("2022年1月18日", "2019年1月18日"),
)


@corpus_rule(
    "C201",
    "copied-narrative",
    Severity.WARNING,
    zh=Doc(
        "叙述部分与另一份报告几乎相同（内容雷同）",
        "把第一、五、六部分的文字与本次检查的其他报告比较：同一机关上一年的报告，以及其他机关的报告。比较前去掉数字、日期和机关名称，"
        "忽略换行和空白，所以换了数字和名称的抄写也能发现。两部分相同的文字片段达到阈值（默认0.5，配置项 copied-text-threshold）时报告，"
        "并给出相似度和最长的相同段落在两份报告中的位置。",
        "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》把“内容雷同”列为应当纠正的问题；"
        "照抄上一年或其他机关的报告，读者无法了解本机关本年度的真实工作。",
        "按本机关本年度的实际情况重写该部分；确实沿用的制度性表述应简短，并写明本年度的具体情况。",
    ),
    en=Doc(
        "a narrative section nearly repeats another report (内容雷同)",
        "Compares sections 一, 五 and 六 with the other reports of the run: the same organ's previous report and "
        "other organs' reports. Figures, dates and the organs' names are masked and line breaks and spaces "
        "ignored first, so a copy with new figures and another name is still found. Reports pairs whose shared "
        "passages reach the threshold (0.5 by default; copied-text-threshold in the configuration), with the "
        "similarity and the longest shared passage in both reports.",
        "The 2021 template's notice names “内容雷同” (copied content) among the faults to correct: a report copied "
        "from last year or from another organ tells the reader nothing about this organ's year.",
        "Rewrite the section from this year's facts; keep any standing wording short and add what happened this year.",
    ),
    example=SeriesExample(
        good="（一）主动公开方面。全年通过政府门户网站主动公开政府信息",
        bad="（一）依申请公开情况。严格遵守答复期限，答复文书做到要素齐全、依据充分。全年共收到政府信息公开申请298件",
        previous="v2021_pipe.txt",
        previous_edits=_OTHER,
        current="v2019_pipe.txt",
        bad_previous="v2019_pipe.txt",
        bad_previous_edits=(("东阳区财政局", "白水县应急管理局"), ("2019年", "2018年"), ("335件", "298件")),
    ),
    messages={
        "default": (
            "{part}与{other}（{who}）的同一部分{degree}：相似度{pct}%（去掉数字、日期和机关名称后）；最长的相同段落从第{line}行起，共{length}字{more}",
            "{part_en} {degree_en} the same section of {other} ({who_en}): similarity {pct}% (figures, dates and "
            "names masked); the longest shared passage starts on line {line}, {length} characters{more_en}",
        ),
    },
    note=(
        "国办公开办函〔2021〕30号：年度报告内容雷同的，应当予以纠正",
        "国办公开办函〔2021〕30号: annual reports with copied content (内容雷同) are to be corrected",
    ),
)
def copied_narrative(ctx: CorpusContext) -> Iterator[Finding]:
    by_path = {f.path: f for f in ctx.facts}
    order = {path: i for i, path in enumerate(by_path)}  # the reports' order in the run
    firsts = [group[0] for group in renderings(ctx.facts)]  # a report seen twice is compared once
    for number in (1, 5, 6):
        items = [
            (f.path, n.sketch) for f in firsts if (n := f.narratives.get(number)) is not None and n.sketch is not None
        ]
        # per report, the other reports its section repeats: one finding, on the closest of them
        matches: dict[str, list[tuple[float, str]]] = {}
        lowest = min((ctx.threshold(f.path) for f in ctx.facts), default=0.5)
        for pair in near_duplicates(items, lowest):
            a, b = by_path[str(pair.a)], by_path[str(pair.b)]
            if a.organ_key is not None and a.organ_key == b.organ_key and a.year == b.year:
                continue  # one report twice (a revision, another extraction): not a copy of another report
            for here, there in _sides(a, b):
                if pair.similarity >= ctx.threshold(here.path):  # the threshold of the report it goes on
                    matches.setdefault(here.path, []).append((pair.similarity, there.path))
        for path in sorted(matches, key=order.__getitem__):
            ranked = sorted(matches[path], key=lambda m: (-m[0], order[m[1]]))
            similarity, other = ranked[0]
            finding = _finding(ctx, by_path[path], by_path[other], number, similarity, len(ranked) - 1)
            if finding is not None:
                yield finding


def _sides(a: Facts, b: Facts) -> list[tuple[Facts, Facts]]:
    """On which report(s) the finding goes: the later one, or both when neither is later."""
    if a.year is not None and b.year is not None and a.year != b.year:
        return [(b, a)] if b.year > a.year else [(a, b)]
    return [(a, b), (b, a)]


def _who(f: Facts, lang: str) -> str:
    organ = f.organ or ("an unnamed organ" if lang == "en" else "未识别机关")
    if f.year is None:
        return organ
    return f"{organ}, {f.year}" if lang == "en" else f"{organ}{f.year}年报告"


def _finding(
    ctx: CorpusContext, here: Facts, there: Facts, number: int, similarity: float, others: int
) -> Finding | None:
    mine, theirs = here.narratives[number], there.narratives[number]
    shared = longest_shared(mine.masked, theirs.masked)
    source, other = ctx.sources.get(here.path), ctx.sources.get(there.path)
    if shared is None or source is None or other is None:
        return None
    span_here, span_there = _absolute(mine, shared[0]), _absolute(theirs, shared[1])
    start, end = other.position(span_there.start), other.end_position(span_there)
    numeral = section_spec(number).numeral
    nearly = similarity >= NEARLY_IDENTICAL
    d = copied_narrative.make(
        span_here,
        note=True,
        section=number,
        part=f"第{numeral}部分",
        part_en=f"Section {numeral}",
        other=there.path,
        who=_who(there, "zh"),
        who_en=_who(there, "en"),
        degree="几乎相同" if nearly else "大部分相同",
        degree_en="nearly repeats" if nearly else "largely repeats",
        pct=f"{similarity * 100:.0f}",
        line=source.position(span_here.start).line,
        length=len(span_here),
        more=f"；另有{others}份报告与之相近" if others else "",
        more_en=f"; {others} other report(s) are close too" if others else "",
        elsewhere=(
            Elsewhere(
                there.path,
                start.line,
                start.column,
                end.line,
                end.column,
                f"{_who(there, 'zh')}的相同段落",
                f"the shared passage in {_who(there, 'en')}",
            ),
        ),
    )
    return Finding(here.path, d)


def _absolute(n: Narrative, span: Span) -> Span:
    return Span(n.start + span.start, n.start + span.end)


def _signature(f: Facts) -> tuple[object, ...] | None:
    """What makes two files one report: organ, year, template and every number read from the tables."""
    numbers = tuple(sorted((key, c.value) for key, c in f.cells.items() if c.status is CellStatus.OK))
    if f.year is None or not numbers:
        return None  # without a year or a number read, two files cannot be told to be one report
    return (f.organ_key, f.year, f.version, numbers)


def renderings(facts: Sequence[Facts]) -> list[list[Facts]]:
    """The reports of a run grouped by `_signature`, in run order: each group is one report; a
    report that no other file renders is a group of one."""
    groups: dict[object, list[Facts]] = {}
    for f in facts:
        sig = _signature(f)
        groups.setdefault(sig if sig is not None else ("alone", f.path), []).append(f)
    return list(groups.values())


@corpus_rule(
    "C202",
    "same-report",
    Severity.INFO,
    zh=Doc(
        "同一份报告出现了不止一次（不同的文件或版式）",
        "本次检查中，几个文件的机关、年度、格式和表格中读出的每个数字都相同：它们是同一份报告的不同文件（网页和PDF、不同版式、重复下载）。"
        "只在其中第一个文件上说明一次，并列出其他文件；比较叙述部分是否雷同（C201）时，这份报告只算一次，不把它的各个文件互称抄袭。",
        "同一份报告的几个文件不是互相抄袭；把它们当作几份报告，会让“内容雷同”的警告成倍出现，也会让统计重复计数。",
        "如果只需检查一次，去掉重复的文件；如果有意保留几个版本（例如网页和PDF），无需处理。",
    ),
    en=Doc(
        "the same report appears more than once (other files or layouts)",
        "Files of the run whose organ, year, template and every number read from the tables are the same are one "
        "report in several files (a page and its PDF, two layouts, a second download). Said once, on the first of "
        "them, listing the others; the copied-text check (C201) compares the report once and never calls its "
        "files copies of each other.",
        "Files of one report do not copy each other; taken as several reports they multiply copied-text warnings "
        "and count the report twice in statistics.",
        "Drop the duplicate files if one is enough; keep them if the versions are wanted (a page and its PDF).",
    ),
    example=SeriesExample(
        good="白水县应急管理局\n2020年政府信息公开工作年度报告",
        bad="白水县应急管理局\n\n2021年政府信息公开工作年度报告",
        previous="v2021_pipe.txt",
        previous_edits=(("2021年", "2020年"),),
        current="v2021_pipe.txt",
        bad_previous="v2021_lines.txt",
    ),
    messages={
        "default": (
            "与{others}是同一份报告（机关、年度、格式和表格数据都相同）：只算一份，不比较它们之间是否雷同",
            "the same report as {others_en} (same organ, year, template and table data): counted once, "
            "not compared with itself for copied text",
        ),
    },
)
def same_report(ctx: CorpusContext) -> Iterator[Finding]:
    for group in renderings(ctx.facts):
        if len(group) < 2:
            continue
        first, others = group[0], group[1:]
        listed = "、".join(f.path for f in others[:3]) + (f"等{len(others)}个文件" if len(others) > 3 else "")
        listed_en = ", ".join(f.path for f in others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        d = same_report.make(
            first.anchor.span,
            others=listed,
            others_en=listed_en,
            elsewhere=tuple(
                Elsewhere(
                    f.path,
                    f.anchor.line,
                    f.anchor.column,
                    f.anchor.end_line,
                    f.anchor.end_column,
                    "同一份报告",
                    "the same report",
                )
                for f in others
            ),
        )
        yield Finding(first.path, d)
