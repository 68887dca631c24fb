"""C1-rules: one organ's reports of consecutive years must agree where the template links them.

They run when one run holds reports of the same organ for consecutive years (files or
directories, in any order; see `nianbao.corpus`). A finding belongs to the later report and
points at the earlier one.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .. import template as T
from ..corpus import CellFact, Facts
from ..diagnostics import Elsewhere, Severity
from ..template import CellKey, Version
from . import CorpusContext, Doc, Finding, SeriesExample, corpus_rule

T3_COLUMNS = tuple(c.label.full for c in T.TABLE3_COLUMNS)
T2_PREV_ROWS = (
    "R2_LICENSING",
    "R2_OTHER_SERVICES",
    "R2_PENALTY",
    "R2_COERCION",
    "R2_FEES",
)  # V2019 rows with 上一年项目数量
SERIES_NOTE = (
    "《中华人民共和国政府信息公开条例》第五十条；年度报告格式（国办公开办函〔2021〕30号）表三",
    "Regulations on Open Government Information, art. 50; annual report template (国办公开办函〔2021〕30号), table 三",
)
YEAR_SHIFT = (("2021年", "2022年"), ("2022年1月18日", "2023年1月18日"))  # v2021_pipe.txt one year later


def _fmt(v: Decimal) -> str:
    return str(int(v)) if v == v.to_integral_value() else str(v.normalize())


def _there(f: Facts, cell: CellFact, zh: str, en: str) -> Elsewhere:
    p = cell.place
    return Elsewhere(f.path, p.line, p.column, p.end_line, p.end_column, zh, en)


def _t3(row: str, column: str) -> CellKey:
    """A cell of table 三 by its row's terminal and its column's canonical label."""
    return next(k for k in T.row_place(Version.V2021, row).keys if k.column == column)


@corpus_rule(
    "C100",
    "series-boundary",
    Severity.INFO,
    zh=Doc(
        "与上一年报告的格式版本不同，只核对两版共有的项目",
        "同一机关上一年的报告按2019版格式填写、本年的按2021版格式填写时，说明跨年度核对只做两版共有的项目：表三的结转（C101）；"
        "表二两版的内容不同，不作比较（C102、C103 不适用）。",
        "审阅者需要知道哪些跨年度核对做了、哪些没有做，而不是从没有结果推断一切正常。",
        "无需修改；这是说明。",
    ),
    en=Doc(
        "the previous year's report follows the other template: only what both share is compared",
        "When the organ's previous report follows the 2019 template and this one the 2021 template, says that the "
        "cross-year checks compare only what both versions share: the carry-over of table 三 (C101); table 二 differs "
        "between the versions and is not compared (C102 and C103 do not apply).",
        "A reviewer should know which cross-year checks ran, rather than read the absence of findings as agreement.",
        "Nothing to fix; this is a note.",
    ),
    example=SeriesExample(
        good="信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        bad="信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
        previous="v2021_pipe.txt",
        previous_edits=(("2021年", "2020年"), ("2022年1月18日", "2021年1月18日")),
        target="previous",
        bad_previous="v2019_pipe.txt",
        bad_previous_edits=(("东阳区财政局", "白水县应急管理局"), ("2019年", "2020年")),
    ),
    messages={
        "default": (
            "上一年的报告（{path}）采用{old}格式，本年采用{new}格式：跨年度只核对两版共有的表三结转，表二不作比较",
            "the previous report ({path}) follows {old}, this one {new}: across the years only the carry-over of "
            "table 三, which both share, is compared; table 二 is not",
        )
    },
    note=SERIES_NOTE,
)
def series_boundary(ctx: CorpusContext) -> Iterator[Finding]:
    for step in ctx.steps:
        old, new = step.versions
        if old is new:
            continue
        d = series_boundary.make(
            step.current.anchor.span,
            note=True,
            path=step.previous.path,
            old=old.value,
            new=new.value,
            elsewhere=(
                _there_anchor(step.previous, f"{step.previous.year}年报告", f"report for {step.previous.year}"),
            ),
        )
        yield Finding(step.current.path, d)


def _there_anchor(f: Facts, zh: str, en: str) -> Elsewhere:
    p = f.anchor
    return Elsewhere(f.path, p.line, p.column, p.end_line, p.end_column, zh, en)


@corpus_rule(
    "C101",
    "carry-over",
    Severity.WARNING,
    zh=Doc(
        "本年“上年结转”与上一年报告的“结转下年度继续办理”不一致",
        "对同一机关相邻两年的报告，逐列检查：本年表三“二、上年结转政府信息公开申请数量”等于上一年表三“四、结转下年度继续办理”。",
        "上一年没有办完、结转过来的申请，就是本年从上年接手的申请；两个数不同，说明有申请在两年之间丢失或被重复计算。",
        "核对两年的结转数，改正错误的一方；如有撤回等特殊情况，在报告中说明。",
    ),
    en=Doc(
        "this year's carried-over applications differ from last year's carried forward",
        "For two reports of one organ for consecutive years, checks per column of table 三 that this year's "
        "“二、上年结转政府信息公开申请数量” equals last year's “四、结转下年度继续办理”.",
        "Applications carried forward at the end of one year are the ones carried over at the start of the next; "
        "if the numbers differ, applications were lost or double-counted between the years.",
        "Check both years' figures and correct the wrong one; explain special cases such as withdrawals in the report.",
    ),
    example=SeriesExample(
        good="二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 1 | 0 | 1 | ||",
        bad="二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 2 | 0 | 2 | ||",
        current_edits=(
            *YEAR_SHIFT,
            (
                "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||",
                "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 1 | 0 | 1 | ||",
            ),
        ),
    ),
    messages={
        "default": (
            "表三“二、上年结转”与{year}年报告的“四、结转下年度继续办理”不一致：{diffs}",
            "table 三: “二、上年结转” differs from “四、结转下年度继续办理” of the {year} report: {diffs_en}",
        ),
        "there": ("{year}年报告：结转下年度继续办理", "{year} report: carried forward"),
    },
    note=SERIES_NOTE,
)
def carry_over(ctx: CorpusContext) -> Iterator[Finding]:
    for step in ctx.steps:
        prev, cur = step.previous, step.current
        diffs: list[tuple[str, Decimal, Decimal, CellFact, CellFact]] = []
        for column in T3_COLUMNS:
            was, now = prev.cells.get(_t3("R3_CARRY_OVER", column)), cur.cells.get(_t3("R3_CARRIED", column))
            a, b = prev.value(_t3("R3_CARRY_OVER", column)), cur.value(_t3("R3_CARRIED", column))
            if a is not None and b is not None and a != b and was is not None and now is not None:
                diffs.append((column, b, a, now, was))
        if not diffs:
            continue
        column, _, _, now, was = diffs[0]
        zh = "，".join(f"{c}列本年{_fmt(b)}、上年结转下年度{_fmt(a)}" for c, b, a, _, _ in diffs)
        en = ", ".join(f"{c}: {_fmt(b)} carried over, {_fmt(a)} carried forward" for c, b, a, _, _ in diffs)
        there = [
            _there(prev, w, f"{prev.year}年：{c} {_fmt(a)}", f"{prev.year}: {c} {_fmt(a)}") for c, _, a, _, w in diffs
        ]
        d = carry_over.make(
            now.place.span,
            cell=_t3("R3_CARRIED", column),
            note=True,
            year=prev.year,
            diffs=zh,
            diffs_en=en,
            elsewhere=tuple(there),
        )
        yield Finding(cur.path, d)


@corpus_rule(
    "C102",
    "documents-in-force",
    Severity.WARNING,
    zh=Doc(
        "现行有效件数与上一年的件数和本年的制发、废止不一致",
        "对同一机关相邻两年按2021版格式的报告，对表二“第二十条第（一）项”的规章和行政规范性文件检查：本年现行有效件数 = 上一年现行有效件数 + 本年制发件数 − 本年废止件数。",
        "三个数应当能互相印证；不一致时，读者无法知道现行有效的文件到底有多少。修订、联合发文和集中清理可能使等式不严格成立，所以这是警告。",
        "核对文件台账；如等式因修订或联合发文不成立，在报告中说明。",
    ),
    en=Doc(
        "documents in force do not follow from last year's and this year's issued and repealed",
        "For two reports of one organ for consecutive years in the 2021 template, checks for 规章 and 行政规范性文件 "
        "of table 二 (第二十条第（一）项): in force this year = in force last year + issued this year − repealed "
        "this year.",
        "The three figures should confirm each other; if they do not, a reader cannot tell how many documents are "
        "in force. Revisions, joint documents and clean-ups can break the identity, hence a warning.",
        "Check the register of documents; if revisions or joint documents explain the gap, say so in the report.",
    ),
    example=SeriesExample(
        good="行政规范性文件 | 0 | 0 | 78 |",
        bad="行政规范性文件 | 0 | 0 | 80 |",
        current_edits=YEAR_SHIFT,
    ),
    messages={
        "default": (
            "“{row}”现行有效{now}件，而{year}年现行有效{was}件 + 本年制发{issued}件 − 废止{repealed}件 = {want}件",
            "“{row}”: {now} in force, but {was} in force in {year} + {issued} issued − {repealed} repealed = {want}",
        )
    },
    note=(
        "年度报告格式（国办公开办函〔2021〕30号）表二第二十条第（一）项：本年制发件数、本年废止件数、现行有效件数",
        "template (国办公开办函〔2021〕30号), table 二, 第二十条第（一）项: issued, repealed and in force",
    ),
)
def documents_in_force(ctx: CorpusContext) -> Iterator[Finding]:
    for step in ctx.steps:
        prev, cur = step.previous, step.current
        if step.versions != (Version.V2021, Version.V2021):
            continue
        for row in ("R2_RULES", "R2_ADMIN_NORMATIVE"):
            in_force = T.key(row, "T2_IN_FORCE")
            was, now = prev.value(in_force), cur.value(in_force)
            issued = cur.value(T.key(row, "T2_ISSUED"))
            repealed = cur.value(T.key(row, "T2_REPEALED"))
            if was is None or now is None or issued is None or repealed is None:
                continue
            want = was + issued - repealed
            if now == want:
                continue
            there = prev.cells[in_force]
            d = documents_in_force.make(
                cur.cells[in_force].place.span,
                cell=in_force,
                note=True,
                row=in_force.row,
                now=_fmt(now),
                year=prev.year,
                was=_fmt(was),
                issued=_fmt(issued),
                repealed=_fmt(repealed),
                want=_fmt(want),
                elsewhere=(
                    _there(prev, there, f"{prev.year}年：现行有效{_fmt(was)}件", f"{prev.year}: {_fmt(was)} in force"),
                ),
            )
            yield Finding(cur.path, d)


@corpus_rule(
    "C103",
    "items-last-year",
    Severity.WARNING,
    zh=Doc(
        "“上一年项目数量”与上一年报告的项目数量和增减不一致",
        "对同一机关相邻两年按2019版格式的报告，对表二有“上一年项目数量”的各行（行政许可、其他对外管理服务事项、行政处罚、行政强制、行政事业性收费）检查："
        "本年的上一年项目数量 = 上一年报告的上一年项目数量 + 上一年报告的本年增/减。",
        "上一年报告写明了当年的项目数和增减，本年报告的“上一年项目数量”应当与之相符；不符时两份报告至少有一份错了。",
        "核对两年的事项清单，改正错误的一方。",
    ),
    en=Doc(
        "“items last year” differs from last year's count and change",
        "For two reports of one organ for consecutive years in the 2019 template, checks the rows of table 二 that "
        "have 上一年项目数量 (行政许可, 其他对外管理服务事项, 行政处罚, 行政强制, 行政事业性收费): this year's "
        "上一年项目数量 = last year's 上一年项目数量 + last year's 本年增/减.",
        "Last year's report states the count and its change; this year's “items last year” should agree with them.",
        "Check both years' lists of items and correct the wrong report.",
    ),
    example=SeriesExample(
        good="行政许可 | 68 | 减3 | 516 |",
        bad="行政许可 | 75 | 减3 | 516 |",
        previous="v2019_pipe.txt",
        current="v2019_pipe.txt",
        current_edits=(
            ("2019年", "2020年"),
            ("行政许可 | 71 | 减3 | 516 |", "行政许可 | 68 | 减3 | 516 |"),
            ("行政处罚 | 355 | 15 | 97 |", "行政处罚 | 370 | 15 | 97 |"),
        ),
    ),
    messages={
        "default": (
            "“{row}”上一年项目数量为{now}，而{year}年报告为{was}、增减{change}，应为{want}",
            "“{row}”: {now} items last year, but the {year} report has {was} and a change of {change}: {want}",
        )
    },
    note=(
        "年度报告格式（国办公开办函〔2019〕60号）表二：上一年项目数量、本年增/减",
        "template (国办公开办函〔2019〕60号), table 二: items last year, change this year",
    ),
)
def items_last_year(ctx: CorpusContext) -> Iterator[Finding]:
    for step in ctx.steps:
        prev, cur = step.previous, step.current
        if step.versions != (Version.V2019, Version.V2019):
            continue
        for row in T2_PREV_ROWS:
            count, change = T.key(row, "T2_PREV_COUNT", Version.V2019), T.key(row, "T2_CHANGE", Version.V2019)
            was, delta, now = prev.value(count), prev.value(change), cur.value(count)
            if was is None or delta is None or now is None or now == was + delta:
                continue
            want = was + delta
            there = prev.cells[count]
            d = items_last_year.make(
                cur.cells[count].place.span,
                cell=count,
                note=True,
                row=count.row,
                now=_fmt(now),
                year=prev.year,
                was=_fmt(was),
                change=_fmt(delta),
                want=_fmt(want),
                elsewhere=(
                    _there(
                        prev,
                        there,
                        f"{prev.year}年：{_fmt(was)}，增减{_fmt(delta)}",
                        f"{prev.year}: {_fmt(was)}, change {_fmt(delta)}",
                    ),
                ),
            )
            yield Finding(cur.path, d)
