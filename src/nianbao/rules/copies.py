"""C2-rules: copied text (内容雷同) between the reports of one run.

The engine is `nianbao.similar`: narrative sections masked (figures, dates, the organ's names),
fingerprinted in the worker processes, joined in the parent without comparing every pair.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..corpus import Facts, Narrative
from ..diagnostics import Elsewhere, Severity
from ..similar import longest_shared, near_duplicates
from ..source import Span
from ..template import section as section_spec
from . import CorpusContext, Doc, Finding, SeriesExample, corpus_rule

NEARLY_IDENTICAL = 0.8  # from here the texts are nearly identical; below, one largely repeats the other

# The example: 东阳区财政局's 2019 report beside another organ's 2018 report, its own text (good) or the
# same text with the other organ's name and figures (bad). Section 五 of the two conforming reports
# is the same boilerplate: the other organ's 2018 report has its own.
_OTHER = (
    ("白水县应急管理局", "西山县应急管理局"),
    ("2021年", "2018年"),
    ("2022年1月18日", "2019年1月18日"),
    ("对照上级要求和群众期盼，我局政府信息公开工作还存在一些差距", "本年度我局在信息公开平台建设方面仍有短板"),
    ("下一步，我局将进一步加大政府信息公开力度", "明年我局将重点改版门户网站信息公开专栏"),
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
    for number in (1, 5, 6):
        items = [
            (f.path, n.sketch)
            for f in ctx.facts
            if (n := f.narratives.get(number)) is not None and n.sketch is not None
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
