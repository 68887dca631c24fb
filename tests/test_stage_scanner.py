"""Stage 3a on its own: the one-pass scan (`nianbao.syntax.scanner.scan`) and web-page chrome
(`nianbao.syntax.chrome.find`).

`scan` keeps *every* match as a candidate — a label word in a sentence too: the lexer later picks
what the parser can accept — so the tables below list, for a short text, the whole set of label,
heading, title and date candidates, written from the template's labels (TEMPLATE.md, template.py)
and the rules of lexicon.py's docstrings: tolerant label spellings (numbering optional when the
body has four characters or more, quotes and 、 optional, stray spaces and one line break),
headings only with their numeral, shape-only headings dropped when a later heading contradicts
them, long labels and titles matched within a small edit distance only where the exact wording is
nowhere in the text.
"""

from __future__ import annotations

import pytest

from nianbao.syntax import chrome
from nianbao.syntax.normalize import normalize
from nianbao.syntax.scanner import Kind, Wording, scan

E, K, OTHER, U = Wording.EXACT, Wording.KNOWN, Wording.OTHER, Wording.UNKNOWN

Found = tuple[str, Kind, str, Wording]


def L(text: str, key: str | None = None, wording: Wording = E) -> Found:
    return (text, Kind.LABEL, key or text, wording)


def H(text: str, number: int, wording: Wording = E) -> Found:
    return (text, Kind.HEADING, str(number), wording)


def TITLE(text: str) -> Found:
    return (text, Kind.TITLE, "title", E)


def DATE(text: str) -> Found:
    return (text, Kind.DATE, "date", E)


def found(text: str) -> set[Found]:
    index = scan(normalize(text).analysis)
    return {
        (text[c.start : c.end], c.kind, c.key, c.wording)
        for c in index.items
        if c.kind in (Kind.LABEL, Kind.HEADING, Kind.TITLE, Kind.DATE)
    }


SCANS = [
    # ------------------------------------------------------------ exact labels
    pytest.param("规章", {L("规章")}, id="label-exact"),
    pytest.param("结果 维持", {L("结果 维持", "结果维持")}, id="label-stray-space"),
    pytest.param(
        "第二十条\n第（一）项", {L("第二十条\n第（一）项", "第二十条第（一）项")}, id="label-over-one-line-break"
    ),
    pytest.param("结果维\n\n持", set(), id="label-across-a-paragraph-break-is-none"),
    pytest.param("（1）属于国家秘密", {L("（1）属于国家秘密", "1.属于国家秘密")}, id="row-numbered-in-brackets"),
    # a number without its dot is the label's only where it opens its line or pipe cell
    pytest.param("| 1 属于国家秘密 |", {L("1 属于国家秘密", "1.属于国家秘密")}, id="bare-number-opening-a-cell"),
    pytest.param("1属于国家秘密", {L("1属于国家秘密", "1.属于国家秘密")}, id="bare-number-fused-at-line-start"),
    pytest.param("0 0 1 属于国家秘密", {L("属于国家秘密", "1.属于国家秘密")}, id="bare-number-after-values-is-none"),
    pytest.param("1\n属于国家秘密", {L("属于国家秘密", "1.属于国家秘密")}, id="bare-number-on-the-line-above-is-none"),
    pytest.param("| 3 其他 |", {L("3 其他", "3.其他")}, id="bare-number-of-a-short-label"),  # as "3.其他"
    pytest.param("結果維(wéi)持", {L("結果維(wéi)持", "结果维持")}, id="label-traditional-with-pinyin"),
    pytest.param("总计", {L("总计")}, id="label-short-column"),
    pytest.param("本年收费金额", {L("本年收费金额", "本年收费金额（单位：万元）")}, id="label-without-optional-suffix"),
    pytest.param(
        "本年收费金额(单位:万元)",
        {L("本年收费金额(单位:万元)", "本年收费金额（单位：万元）")},
        id="label-halfwidth-suffix",
    ),
    pytest.param("3.危及三安全一稳定", {L("3.危及三安全一稳定", "3.危及“三安全一稳定”")}, id="label-quotes-optional"),
    pytest.param("3.危及“三安全一稳定”", {L("3.危及“三安全一稳定”")}, id="label-curly-quotes"),
    # ------------------------------------------------------------ numbered labels
    pytest.param("（一）予以公开", {L("（一）予以公开")}, id="numbered-fullwidth"),
    pytest.param("(一)予以公开", {L("(一)予以公开", "（一）予以公开")}, id="numbered-halfwidth"),
    pytest.param("予以公开", {L("予以公开", "（一）予以公开")}, id="numbering-optional-long-body"),
    pytest.param("1、属于国家秘密", {L("1、属于国家秘密", "1.属于国家秘密")}, id="numbered-with-dun"),
    pytest.param("1,属于国家秘密", {L("1,属于国家秘密", "1.属于国家秘密")}, id="numbered-with-comma"),
    pytest.param("（七）总计", {L("（七）总计")}, id="numbered-short-body-one-candidate"),
    pytest.param("3.其他", {L("3.其他")}, id="numbered-other-is-the-row"),
    pytest.param("3.重复申请", {L("重复申请", "2.重复申请")}, id="wrong-number-label-without-it"),
    pytest.param("结转下年度继续办理", {L("结转下年度继续办理", "四、结转下年度继续办理")}, id="carry-over-unnumbered"),
    # ------------------------------------------------------------ label variants
    pytest.param("规范性文件", {L("规范性文件"), L("规范性文件", "行政规范性文件", K)}, id="variant-both-readings"),
    pytest.param("行政规范性文件", {L("行政规范性文件")}, id="variant-longest-wins"),
    # ------------------------------------------------------------ approximate long labels
    pytest.param(
        "1.本机关未掌握相关政府信息",
        {L("1.本机关未掌握相关政府信息", "1.本机关不掌握相关政府信息", OTHER)},
        id="approx-substitution",
    ),
    pytest.param(
        "2.其他法律和行政法规禁止公开",
        # (其他 is a label of its own, found exactly inside the reworded one)
        {L("2.其他法律和行政法规禁止公开", "2.其他法律行政法规禁止公开", OTHER), L("其他")},
        id="approx-insertion",
    ),
    pytest.param("1.本机关未能掌握有关政府信息", set(), id="approx-beyond-budget-is-none"),
    pytest.param(
        "1.本机关不掌握相关政府信息\n1.本机关未掌握相关政府信息",
        {L("1.本机关不掌握相关政府信息")},
        id="approx-not-where-exact-exists",
    ),
    pytest.param("重复申诉", set(), id="approx-never-for-short-labels"),
    # ------------------------------------------------------------ headings
    pytest.param("一、总体情况", {H("一、总体情况", 1)}, id="heading-exact"),
    pytest.param("一总体情况", {H("一总体情况", 1)}, id="heading-without-separator"),
    pytest.param("一.总体情况", {H("一.总体情况", 1)}, id="heading-dot-separator"),
    pytest.param(
        "三、收到和处理政府信息\n公开申请情况",
        {H("三、收到和处理政府信息\n公开申请情况", 3)},
        id="heading-over-a-line-break",
    ),
    pytest.param(
        "四、政府信息公开行政复议、行政诉讼情况",
        {H("四、政府信息公开行政复议、行政诉讼情况", 4), L("行政复议"), L("行政诉讼")},
        id="heading-4-holds-two-labels",
    ),
    pytest.param(
        "四、因政府信息公开工作被申请行政复议提起行政诉讼情况",
        {H("四、因政府信息公开工作被申请行政复议提起行政诉讼情况", 4, K), L("行政复议"), L("行政诉讼")},
        id="heading-known-variant",
    ),
    pytest.param(
        "五、政府信息公开工作存在的主要问题及改进情况",
        {H("五、政府信息公开工作存在的主要问题及改进情况", 5, K)},
        id="heading-known-variant-5",
    ),
    pytest.param(
        "五、存在的主要问题和改进情况", {H("五、存在的主要问题和改进情况", 5, OTHER)}, id="heading-other-variant"
    ),
    pytest.param("六、其他需要报告的事项", {H("六、其他需要报告的事项", 6), L("其他")}, id="heading-6-holds-a-label"),
    pytest.param(
        "四、政府信息公开行政复议与行政诉讼情况",
        {H("四、政府信息公开行政复议与行政诉讼情况", 4, U), L("行政复议"), L("行政诉讼")},
        id="loose-heading-essential-words",
    ),
    pytest.param("五、当前存在的突出问题", {H("五、当前存在的突出问题", 5, U)}, id="loose-heading-problems"),
    pytest.param(
        "四政府信息公开行政复议与行政诉讼情况",
        {L("行政复议"), L("行政诉讼")},
        id="loose-heading-needs-a-separator",
    ),
    pytest.param("六、其他工作", {H("六、其他工作", 6, U), L("其他")}, id="short-numbered-line"),
    pytest.param("一、总休情况。2021年，我局坚持公开。", {H("一、总休情况", 1, U)}, id="heading-ocr-slip"),
    # ------------------------------------------------------------ headings without their numeral
    # (what Word's automatic numbering leaves when the text is taken out of the document)
    pytest.param(
        "总体情况\n2021年，我局坚持公开。\n主动公开政府信息情况\n规章",
        {H("总体情况", 1), H("主动公开政府信息情况", 2), L("规章")},
        id="unnumbered-headings-alone-on-their-lines",
    ),
    pytest.param(
        "1.总体情况\n第二部分：主动公开政府信息情况",
        {H("1.总体情况", 1), H("第二部分：主动公开政府信息情况", 2)},
        id="headings-numbered-otherwise",
    ),
    pytest.param(
        "  存在的主要问题及明年工作计划：\n其他需说明事项",
        {H("存在的主要问题及明年工作计划", 5, U), H("其他需说明事项", 6, U), L("其他")},
        id="unnumbered-headings-by-their-essential-words",
    ),
    pytest.param(
        "一、总体情况\n主动公开政府信息情况\n二、主动公开政府信息情况",
        {H("一、总体情况", 1), H("二、主动公开政府信息情况", 2)},
        id="unnumbered-title-of-a-numbered-section-is-text",
    ),
    pytest.param(
        "收到和处理政府信息公开申请情况\n总体情况\n主动公开政府信息情况",
        {H("总体情况", 1), H("主动公开政府信息情况", 2)},
        id="unnumbered-headings-out-of-order-keep-the-longest-run",
    ),
    pytest.param("5、主动公开政府信息情况。我局主要通过门户网站公开。", set(), id="numbered-title-in-prose-no-heading"),
    # ------------------------------------------------------------ what is no heading
    pytest.param("（一）总体情况", set(), id="parenthesised-numeral-no-heading"),
    pytest.param("全文包括总体情况、主动公开政府信息情况。", set(), id="title-in-prose-no-heading"),
    pytest.param(
        "一、总体情况\n五、政府信息管理\n二、主动公开政府信息情况",
        {H("一、总体情况", 1), H("二、主动公开政府信息情况", 2)},
        id="sub-heading-contradicted-by-a-later-heading",
    ),
    pytest.param(
        "三、本年度办理结果\n四、结转下年度继续办理\n四、政府信息公开行政复议、行政诉讼情况",
        {
            L("三、本年度办理结果"),
            # a shape-only heading is dropped only when a later heading contradicts it (the lexer
            # prefers the label at the same place)
            H("三、本年度办理结果", 3, U),
            L("四、结转下年度继续办理"),
            H("四、政府信息公开行政复议、行政诉讼情况", 4),
            L("行政复议"),
            L("行政诉讼"),
        },
        id="table-3-rows-that-look-like-headings",
    ),
    # ------------------------------------------------------------ titles, dates, years
    pytest.param(
        "某某县应急管理局2021年政府信息公开工作年度报告",
        {TITLE("某某县应急管理局2021年政府信息公开工作年度报告")},
        id="title",
    ),
    pytest.param("2021年度政府信息公开工作报告", {TITLE("2021年度政府信息公开工作报告")}, id="title-niandu"),
    pytest.param("依据《2021年政府信息公开工作年度报告》", set(), id="quoted-title-is-none"),
    pytest.param("2022年1月20日", {DATE("2022年1月20日")}, id="date-line"),
    pytest.param("  （2022年1月20日）", {DATE("（2022年1月20日）")}, id="date-line-in-parens"),
    pytest.param("统计期限自2021年1月1日起至2021年12月31日止。", set(), id="date-in-prose-is-none"),
    pytest.param("2021年", set(), id="year-is-none"),
]


@pytest.mark.parametrize(("text", "expected"), SCANS)
def test_scan(text: str, expected: set[Found]) -> None:
    assert found(text) == expected


def test_heading_numeral_as_written_and_index_lookup() -> None:
    text = "前言\n二、主动公开政府信息情况"
    index = scan(normalize(text).analysis)
    (head,) = [c for c in index.at(3) if c.kind is Kind.HEADING]
    assert (head.key, head.numeral, head.start, head.end) == ("2", "二", 3, len(text))
    assert index.at(4) == []
    assert index.items[index.next_from(1)].start == 3


# --------------------------------------------------------------------------- chrome


def chrome_of(text: str) -> set[tuple[str, str]]:
    """The chrome regions as (text, kind); spaces at a region's edges do not matter."""
    analysis = normalize(text).analysis
    index = scan(analysis)
    structure = sorted(c.start for c in index.items if c.kind in (Kind.LABEL, Kind.HEADING))
    return {(text[s:e].strip(" "), kind) for s, e, kind in chrome.find(analysis, structure)}


STAMP_LINE = "发布时间：2022-01-19 14:16"
CHROME = [
    pytest.param(
        "当前位置：首页 > 政务公开 > 年报", {("当前位置：首页 > 政务公开 > 年报", "page")}, id="breadcrumb-line"
    ),
    pytest.param("首页 > 信息公开 > 年报", {("首页 > 信息公开 > 年报", "page")}, id="breadcrumb-home"),
    pytest.param(STAMP_LINE, {(STAMP_LINE, "page")}, id="date-stamp-line"),
    pytest.param("浏览量：123", {("浏览量：123", "page")}, id="counter"),
    pytest.param("字体：大 中 小", {("字体：大 中 小", "page")}, id="font-switch"),
    pytest.param("微信 微博 QQ空间", {("微信 微博 QQ空间", "page")}, id="share-bar"),
    pytest.param("打印", {("打印", "page")}, id="lone-widget-on-its-line"),
    pytest.param("材料 打印 后提交", set(), id="lone-widget-in-a-line-is-none"),
    pytest.param("请打印后提交。", set(), id="widget-word-in-prose-is-none"),
    pytest.param("报告全文见下。附件下载", {("附件下载", "tail")}, id="attachment-tail-at-the-end"),
    pytest.param(
        "附件下载：年报.pdf\n一、总体情况",
        {("附件下载：年报.pdf", "page"), ("附件下载：", "tail")},
        id="attachment-line",
    ),
    pytest.param(
        "扫一扫在手机打开当前页",
        {("扫一扫在手机打开当前页", "page"), ("扫一扫在手机打开当前页", "tail")},
        id="qr-code-tail",
    ),
    pytest.param(
        "某局 时间：2022-01-19 14:16 一、总体情况",
        {("时间：2022-01-19 14:16", "page")},
        id="stamp-glued-to-the-report",
    ),
    pytest.param(
        "来源：本局 时间：2022-01-19 一、总体情况",
        {("来源：本局 时间：2022-01-19", "page")},
        id="chrome-line-with-the-report-keeps-only-phrases",
    ),
    pytest.param("来源：本局 一、总体情况", set(), id="one-weak-phrase-before-the-report-is-none"),
    pytest.param(
        "發(fā)布時(shí)間：2020-01-02", {("發(fā)布時(shí)間：2020-01-02", "page")}, id="stamp-with-masked-pinyin"
    ),
    pytest.param(
        "==================== 正文 ====================",
        {("==================== 正文 ====================", "page")},
        id="rule-line",
    ),
    pytest.param(
        "Normal 0 7.8 磅 0 2 false false false EN-US ZH-CN X-NONE",
        {("Normal 0 7.8 磅 0 2 false false false EN-US ZH-CN X-NONE", "markup")},
        id="word-settings",
    ),
    pytest.param(
        "/* Style Definitions */ table.MsoNormalTable {mso-style-name:普通表格;}",
        {("/* Style Definitions */ table.MsoNormalTable {mso-style-name:普通表格;}", "markup")},
        id="word-style-sheet",
    ),
    pytest.param("2021年政府信息公开工作年度报告", set(), id="report-title-is-none"),
    pytest.param("本报告的发布时间：每年1月", set(), id="keyword-inside-a-sentence-is-none"),
]


@pytest.mark.parametrize(("text", "expected"), CHROME)
def test_chrome(text: str, expected: set[tuple[str, str]]) -> None:
    assert chrome_of(text) == expected


def test_scan_marks_chrome_as_candidates() -> None:
    text = STAMP_LINE + "\n一、总体情况"
    index = scan(normalize(text).analysis)
    assert [(c.start, c.end, c.key) for c in index.items if c.kind is Kind.CHROME] == [(0, len(STAMP_LINE), "page")]


def test_of_two_unnumbered_headings_the_later() -> None:
    """Section 二's title alone on a line in section 一 (a sub-heading that lost its numbering too)
    and again before table 二: the later one is the heading."""
    text = "总体情况\n主动公开政府信息情况\n全年公开信息685条。\n主动公开政府信息情况\n收到和处理政府信息公开申请情况\n"
    heads = [c for c in scan(normalize(text).analysis).items if c.kind is Kind.HEADING]
    assert [(c.key, c.start) for c in heads] == [("1", 0), ("2", text.rindex("主动公开")), ("3", text.index("收到"))]
    assert all(c.numeral == "" for c in heads)
