"""Stage 2 on its own: `nianbao.syntax.normalize` (normalize, fold, to_simplified).

The contract (the module's docstring, docs/ARCHITECTURE.md): the analysis text has the original's
length, so an offset of the analysis text *is* the offset of the original; pinyin annotations and
Markdown markup are masked (U+E000), traditional script becomes simplified with OpenCC t2s,
Kangxi radicals and compatibility ideographs become their ideographs, full-width ASCII, odd spaces,
curly quotes and control characters are folded — and nothing is NFKC'd.

In the tables ``¤`` stands for `normalize.MASK`. Expected texts are written from the input, the
fold table of the docstring and OpenCC's dictionaries (TSCharacters.txt, TSPhrases.txt).
"""

from __future__ import annotations

import re

import pytest

from nianbao.source import LineIndex, Span
from nianbao.syntax import normalize as N
from nianbao.syntax.normalize import MASK, fold, normalize, to_simplified


def m(text: str) -> str:
    """``¤`` → the mask character."""
    return text.replace("¤", MASK)


# --------------------------------------------------------------------------- the analysis text

ANALYSIS = [
    # full-width ASCII → ASCII
    pytest.param("２０２１年", "2021年", id="fullwidth-digits"),
    pytest.param("ＡＢＣｘｙｚ", "ABCxyz", id="fullwidth-letters"),
    pytest.param("（一）予以公开：", "(一)予以公开:", id="fullwidth-parens-colon"),
    pytest.param("１，２３４．５％", "1,234.5%", id="fullwidth-number-punctuation"),
    pytest.param("﹙一﹚﹐﹑﹒", "(一),、.", id="small-form-variants"),
    # spaces, invisible characters, controls
    pytest.param("结果　维持", "结果 维持", id="ideographic-space"),
    pytest.param("1\u00a02\u202f3\u2009", "1 2 3 ", id="nbsp-and-thin-spaces"),
    pytest.param("总\u200b计\ufeff", m("总¤计¤"), id="zero-width-and-bom-masked"),
    pytest.param("a\tb\x0cc\x0bd\x85e\u2028f", "a b c d e f", id="tab-formfeed-vt-nel-lsep-are-spaces"),
    pytest.param("一\r\n二\r三\n", "一\r\n二\r三\n", id="line-breaks-kept"),
    # quotes
    pytest.param("危及“三安全一稳定”‘甲’", "危及\"三安全一稳定\"'甲'", id="curly-quotes"),
    # traditional → simplified (OpenCC t2s, its phrases included)
    pytest.param("屬於國家秘密", "属于国家秘密", id="t2s-characters"),
    pytest.param("乾淨", "干净", id="t2s-phrase-qian-as-gan"),
    pytest.param("乾縣人民政府", "乾县人民政府", id="t2s-place-name-keeps-qian"),
    pytest.param("於崇文與於是", "於崇文与于是", id="t2s-surname-yu-kept-word-yu-converted"),
    pytest.param("规章和行政规范性文件", "规章和行政规范性文件", id="simplified-text-unchanged"),
    # Kangxi radicals and compatibility ideographs
    pytest.param("⼀、总体情况", "一、总体情况", id="kangxi-radical-one"),
    pytest.param("本机关\uf967掌握", "本机关不掌握", id="compatibility-ideograph"),
    # pinyin annotations of machine-converted pages
    pytest.param("發(fā)布", m("发¤¤¤¤布"), id="pinyin-halfwidth-parens"),
    pytest.param("數（shù）量", m("数¤¤¤¤¤量"), id="pinyin-fullwidth-parens"),
    pytest.param("發(fā)布時(shí)間", m("发¤¤¤¤布时¤¤¤¤¤间"), id="pinyin-twice"),
    pytest.param("文件(pdf)", "文件(pdf)", id="no-tone-mark-not-pinyin"),
    pytest.param("A(fā)", "A(fā)", id="not-after-han-not-pinyin"),
    # Markdown markup
    pytest.param("## 一、总体情况", m("¤¤¤一、总体情况"), id="md-heading"),
    pytest.param("   # 二、", m("   ¤¤二、"), id="md-heading-three-spaces-indent"),
    pytest.param("    # 二、", "    # 二、", id="md-four-spaces-is-no-heading"),
    pytest.param("#一、总体情况", "#一、总体情况", id="md-hash-without-space-kept"),
    pytest.param("第#1号 ## 二", "第#1号 ## 二", id="md-hash-inside-line-kept"),
    pytest.param("**二、主动公开**", m("¤¤二、主动公开¤¤"), id="md-strong"),
    pytest.param("** 二 **", "** 二 **", id="md-strong-needs-text-inside"),
    pytest.param("1\\.属于国家秘密", m("1¤.属于国家秘密"), id="md-escape"),
    pytest.param("| \\ | / |", "| \\ | / |", id="lone-backslash-is-a-placeholder"),
    pytest.param("前言\r\n## 一、总体情况", m("前言\r\n¤¤¤一、总体情况"), id="md-heading-after-crlf"),
    pytest.param("前言\r## 一、总体情况", m("前言\r¤¤¤一、总体情况"), id="md-heading-after-lone-cr"),
    # never NFKC: these would change length or meaning
    pytest.param("①㈠⑴…㎡ﬁ²", "①㈠⑴…㎡ﬁ²", id="no-nfkc"),
    pytest.param("e\u0301發\u0301", "e\u0301发\u0301", id="combining-marks-kept"),
    pytest.param("𠀀發𠀁😀２", "𠀀发𠀁😀2", id="astral-characters"),
]
PHRASES = [
    # the module converts whenever t2s would change the text; a text whose only traditional
    # spelling is a phrase entry (TSPhrases.txt: 瞭解 → 了解) is converted too
    pytest.param("瞭解", "了解", id="t2s-phrase-only"),
    pytest.param("答覆申请人", "答复申请人", id="t2s-phrase-in-simplified-text"),
    pytest.param("覆盖全区", "覆盖全区", id="phrase-character-alone-unchanged"),
]


@pytest.mark.parametrize(("original", "expected"), ANALYSIS + PHRASES)
def test_analysis_text(original: str, expected: str) -> None:
    norm = normalize(original)
    assert norm.original == original
    assert norm.analysis == expected
    assert len(norm.analysis) == len(original)


@pytest.mark.parametrize(("original", "expected"), ANALYSIS)
def test_every_offset_is_the_originals(original: str, expected: str) -> None:
    """Same length, same line breaks at the same offsets: a position of the analysis text is the
    position of the original (line and column included), whatever was folded or masked."""
    norm = normalize(original)
    assert LineIndex.of(norm.analysis) == LineIndex.of(original)
    for i, (a, o) in enumerate(zip(norm.analysis, original, strict=True)):
        # each analysis character stands for the original character at the same offset
        assert a in (o, MASK, fold(o), fold(to_simplified(o))) or i in norm.converted or i in _spans(norm)


def _spans(norm: N.Normalized) -> set[int]:
    return {i for s in (*norm.ideographs, *norm.pinyin, *norm.markup) for i in range(s.start, s.end)}


# --------------------------------------------------------------------------- what was recorded

RECORDS = [
    # (original, pinyin spans, markup spans, converted offsets, ideograph spans)
    pytest.param("發(fā)布", [(1, 5)], [], [0], [], id="pinyin-span-and-converted"),
    pytest.param("\r\n數（shù）量", [(3, 8)], [], [2], [], id="pinyin-after-crlf"),
    pytest.param("## 一\n**二**", [], [(0, 3), (5, 7), (8, 10)], [], [], id="markup-spans"),
    pytest.param("𠀀屬於", [], [], [1, 2], [], id="converted-after-astral"),
    pytest.param("⼀\uf967", [], [], [], [(0, 1), (1, 2)], id="ideograph-spans"),
    pytest.param("乾縣", [], [], [1], [], id="converted-only-what-changed"),
    pytest.param("总体情况", [], [], [], [], id="nothing-to-record"),
]


@pytest.mark.parametrize(("original", "pinyin", "markup", "converted", "ideographs"), RECORDS)
def test_records_point_into_the_original(
    original: str,
    pinyin: list[tuple[int, int]],
    markup: list[tuple[int, int]],
    converted: list[int],
    ideographs: list[tuple[int, int]],
) -> None:
    norm = normalize(original)
    assert norm.pinyin == tuple(Span(a, b) for a, b in pinyin)
    assert norm.markup == tuple(Span(a, b) for a, b in markup)
    assert norm.converted == tuple(converted)
    assert norm.ideographs == tuple(Span(a, b) for a, b in ideographs)
    for s in norm.pinyin:
        assert re.fullmatch(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]", original[s.start : s.end])
        assert norm.analysis[s.start : s.end] == MASK * len(s)
    for s in norm.markup:
        assert set(original[s.start : s.end]) <= set("#* \t\\")
    for i in norm.converted:
        assert original[i] != norm.analysis[i]


# --------------------------------------------------------------------------- fold and to_simplified

FOLDS = [
    pytest.param("（单位：万元）", "(单位:万元)", id="label-suffix"),
    pytest.param("“三安全一稳定”", '"三安全一稳定"', id="label-quotes"),
    pytest.param("第二十条第（一）项", "第二十条第(一)项", id="caption"),
    pytest.param("、。—《》", "、。—《》", id="chinese-punctuation-kept"),
    pytest.param("～！＠", "~!@", id="fullwidth-ascii-range-ends"),
    pytest.param("￥５", "￥5", id="fullwidth-yen-outside-range-kept"),
]


@pytest.mark.parametrize(("text", "expected"), FOLDS)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


class _Expanding:
    """A converter whose phrase entry changes the length (``於是`` → three characters)."""

    def convert(self, text: str) -> str:
        return text.replace("於是", "于是了").replace("於", "于").replace("發", "发发")


SIMPLIFIED = [
    pytest.param("於是", "于是", id="phrase-changes-length-per-character-fallback"),
    pytest.param("發布", "發布", id="character-changes-length-kept-as-written"),
    pytest.param("於", "于", id="same-length-as-converted"),
]


@pytest.mark.parametrize(("text", "expected"), SIMPLIFIED)
def test_to_simplified_keeps_the_length(monkeypatch: pytest.MonkeyPatch, text: str, expected: str) -> None:
    monkeypatch.setattr(N, "_t2s", _Expanding)  # the per-character fallback's converter
    monkeypatch.setattr(N, "t2s", _Expanding().convert)  # and the whole text's
    assert to_simplified(text) == expected


def test_the_analysis_must_keep_the_length() -> None:
    with pytest.raises(AssertionError):
        N.Normalized("ab", "a", (), (), ())


# --------------------------------------------------------------------------- comma-separated rows

CSV = [
    # a table saved as CSV: its commas are cell borders, a field's quotes are masked, a comma
    # inside quotes (thousands) stays
    pytest.param(
        "行政许可,2,1,5\n行政处罚,30,0,0\n",
        "行政许可|2|1|5\n行政处罚|30|0|0\n",
        id="csv-rows",
    ),
    pytest.param(
        '政府集中采购,1,"1,234元"\r\n行政收费,0,0\r\n',
        m("政府集中采购|1|¤1,234元¤\r\n行政收费|0|0\r\n"),
        id="csv-quoted-thousands-crlf",
    ),
    pytest.param(
        '"5.要求行政机关确认或重新出具\n已获取信息",0,0\n"（六）其他处理",1,""\n',
        m("¤5.要求行政机关确认或重新出具\n已获取信息¤|0|0\n¤(六)其他处理¤|1|¤¤\n"),
        id="csv-field-with-a-line-break",
    ),
    pytest.param(
        "第二十条第（一）项,,,\n信息内容,本年新制作数量,本年新公开数量\n",
        "第二十条第(一)项|||\n信息内容|本年新制作数量|本年新公开数量\n",
        id="csv-caption-and-header",
    ),
    pytest.param(
        "行政许可（注：含下放事项。）,2,1,5\n行政处罚,30,0,0\n",
        "行政许可(注:含下放事项。)|2|1|5\n行政处罚|30|0|0\n",
        id="csv-a-label-with-a-sentence-before-values",
    ),
    # not CSV: prose with ASCII commas, a row of numbers apart by spaces with thousands commas,
    # a lone line, a sentence, full-width commas, a quote left open
    pytest.param("本年度,我单位共收到申请3件,均已办结\n其中,依申请公开2件,主动公开1件\n", None, id="prose-clauses"),
    pytest.param("行政许可 1,234 2,345 3,456\n行政处罚 1,000 2,000 3,000\n", None, id="spaced-numbers-with-thousands"),
    pytest.param("政府集中采购,1个,246900元\n", None, id="a-lone-line"),
    pytest.param("行政许可,2,1,5\n我局共受理,办结3件,0件。\n", None, id="a-sentence-breaks-the-run"),
    pytest.param("本年度我局办结。,共3件,其中公开2件\n行政许可,2,1,5\n", None, id="a-sentence-before-words"),
    pytest.param("行政许可，2，1，5\n行政处罚，30，0，0\n", None, id="full-width-commas"),
    pytest.param('行政许可,"2,1,5\n行政处罚,30,0,0\n', None, id="an-open-quote"),
]


@pytest.mark.parametrize(("original", "expected"), CSV)
def test_comma_separated_rows(original: str, expected: str | None) -> None:
    """Expected texts follow the CSV rules (RFC 4180: fields apart by commas, a field in quotes
    may hold commas, doubled quotes and line breaks) and the module's conditions for a run."""
    norm = normalize(original)
    want = fold(original) if expected is None else expected
    assert norm.analysis == want
    assert LineIndex.of(norm.analysis) == LineIndex.of(original)


# --------------------------------------------------------------------------- a data frame's marks

FRAMES = [
    # pandas' to_markdown: the header of column numbers over an empty corner goes, line and all;
    # each index cell goes with the border after it; nan is spaces (an empty cell)
    pytest.param(
        "|    | 0 | 1 | 2 |\n|---:|:--|:--|:--|\n| 0 | 行政许可 | 3 | nan |\n| 1 | 行政处罚 | nan | 5 |\n",
        m("¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤\n|---:|:--|:--|:--|\n| ¤¤¤ 行政许可 | 3 |     |\n| ¤¤¤ 行政处罚 |     | 5 |\n"),
        id="markdown-frame",
    ),
    # to_csv: the corner is the empty field before the first comma
    pytest.param(
        ",0,1,2\n0,行政许可,3,\n1,行政处罚,,5\n",
        m("¤¤¤¤¤¤\n¤¤行政许可|3|\n¤¤行政处罚||5\n"),
        id="csv-frame",
    ),
    # index=False: four numbers or more across the first row, no index below
    pytest.param(
        "| 0 | 1 | 2 | 3 |\n| 行政许可 | 3 | 0 | None |\n",
        m("¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤\n| 行政许可 | 3 | 0 |      |\n"),
        id="header-without-index",
    ),
    # an index restarting where a second frame begins in the same run of rows
    pytest.param(
        "| | 0 | 1 |\n| 0 | 行政许可 | 3 |\n| | 0 | 1 |\n| 0 | 行政处罚 | 5 |\n",
        m("¤¤¤¤¤¤¤¤¤¤¤\n| ¤¤¤ 行政许可 | 3 |\n¤¤¤¤¤¤¤¤¤¤¤\n| ¤¤¤ 行政处罚 | 5 |\n"),
        id="two-frames",
    ),
    # not a frame: three numbers without a corner (a table 二 row's values), numbers not counting
    # from 0 or 1, a corner over rows that are no index, numbered rows under no header, nan in prose
    pytest.param("| 0 | 1 | 2 |\n| 行政许可 | 3 | 0 |\n", None, id="three-numbers"),
    pytest.param("| 2 | 3 | 4 | 5 |\n| 行政许可 | 3 | 0 | 1 |\n", None, id="not-from-zero-or-one"),
    pytest.param("| | 0 | 1 |\n| 行政许可 | 3 | 0 |\n", None, id="corner-without-index"),
    pytest.param("| 1 | 行政许可 | 3 |\n| 2 | 行政处罚 | 5 |\n", None, id="numbered-rows-without-header"),
    pytest.param("| 0 | 1 | 2 | 3 |\n", None, id="a-lone-row-of-numbers-is-a-header-of-nothing"),
    pytest.param("统计中 nan 表示空白\n", None, id="nan-in-prose"),
    pytest.param("| 行政许可 | nana | Nan |\n", None, id="words-like-nan"),
]


@pytest.mark.parametrize(("original", "expected"), FRAMES)
def test_data_frame_marks(original: str, expected: str | None) -> None:
    """Expected texts follow what pandas writes (to_markdown: column numbers over an empty corner,
    the index, "nan"; to_csv: the same with empty fields) and the module's conditions."""
    norm = normalize(original)
    assert norm.analysis == (fold(original) if expected is None else expected)
    assert bool(norm.frame) == (expected is not None)
    assert all(norm.original[s.start : s.end].strip() for s in norm.frame)
