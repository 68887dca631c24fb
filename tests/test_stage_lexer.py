"""Stage 3b on its own: `nianbao.syntax.lexer.Lexer`, text + what the parser accepts → tokens.

The parser drives the lexer: before each token it hands it the exact set of terminals its state can
shift (`lexer.Accepts`, computed by `parser.Driver.accepts`). The helper below does what
`parser.Driver.run` does without recovery: it puts Lark's interactive parser in a state by feeding
a prefix of terminals, then asks the lexer for one token at a time, feeds it, and stops at the
first token the state cannot take (recovery's business, tested in test_stage_recovery.py).

Expected tokens are written from the lexer's docstrings: labels and headings where the scan found
them, a number (digits, sign, decimals, unit) or a placeholder (``\\ / - — 无``) where cells are
accepted, an empty cell (BLANK) between pipes or tabs, TEXT for prose and CELLTEXT for a short
cell; pipes, tabs, line breaks and runs of spaces end a cell, single spaces separate numbers,
labels and number boundaries split run-on text, chrome is set aside out of band.
"""

from __future__ import annotations

import pytest
from lark import Token as LarkToken

from nianbao.syntax.lex_tokens import LexToken, OutOfBand
from nianbao.syntax.lexer import Lexer
from nianbao.syntax.normalize import MASK, normalize
from nianbao.syntax.parser import Driver
from nianbao.syntax.scanner import scan
from nianbao.template import Version

V19, V21 = Version.V2019, Version.V2021
UNEXPECTED = "<unexpected>"


def run(text: str, prefix: tuple[str, ...], version: Version = V21) -> tuple[list[LexToken], list[OutOfBand]]:
    norm = normalize(text)
    lexer = Lexer(norm.analysis, scan(norm.analysis), text)
    driver = Driver(text, lexer, version)
    ip = driver.parser.parse_interactive("", start=f"report_{version.value.lower()}")
    for terminal in prefix:
        ip.feed_token(LarkToken(terminal, ""))
    tokens: list[LexToken] = []
    while (tok := lexer.next(acc := driver.accepts(ip))) is not None:
        tokens.append(tok)
        if tok.type not in acc.terms:
            break
        ip.feed_token(LarkToken(tok.type, text[tok.start : tok.end]))
    return tokens, lexer.out_of_band


def lex(text: str, prefix: tuple[str, ...], version: Version = V21) -> list[tuple[str, str]]:
    tokens, _ = run(text, prefix, version)
    return [(t.type, text[t.start : t.end]) for t in tokens]


# parser states, as the terminals that lead there
FRONT: tuple[str, ...] = ()
SECTION_1 = ("HEAD_1",)
HEADER_2 = ("HEAD_2", "CAP_1")  # after 第二十条第（一）项
HEADER_3 = ("HEAD_3",)
ROW_NEW = ("HEAD_3", "R3_NEW")  # after 一、本年新收政府信息公开申请数量
WITHHELD = ("HEAD_3", "G3_WITHHELD")  # after （三）不予公开
UNABLE = ("HEAD_3", "G3_UNABLE")  # after （四）无法提供
CARRY_OVER = ("HEAD_3", "R3_CARRY_OVER")  # after 四、结转下年度继续办理
BLOCK_5_V19 = ("HEAD_2", "CAP_5")  # V2019 第二十条第（五）项: 上一年项目数量, 本年增/减, 处理决定数量
BLOCK_9_V19 = ("HEAD_2", "CAP_9")  # V2019 第二十条第（九）项: 采购项目数量, 采购总金额
TABLE_4 = ("HEAD_4", "T4_REVIEW")

NUMS7 = [("NUM", "0")] * 7


def nums(text: str) -> list[tuple[str, str]]:
    return [("NUM", n) for n in text.split()]


MARKDOWN = "| 类别 | 数据1 |\n|---|---|\n| 规章 | 0 | 0 | 0 |"
SKIPPED = {MARKDOWN: "类别数据1"}  # a converter's header row over a Markdown table: table syntax, no token

LEXES = [
    # ------------------------------------------------------------ numbers, fused or apart
    pytest.param(
        "249 0 0 0 5 0 254",
        ROW_NEW,
        V21,
        nums("249 0 0 0 5 0 254"),
        id="numbers-apart",
    ),
    pytest.param("24900050254", ROW_NEW, V21, [("NUM", "24900050254")], id="fused-digits-stay-one-number"),
    pytest.param(
        "0000000二、上年结转政府信息公开申请数量0000000",
        ROW_NEW,
        V21,
        [("NUM", "0000000"), ("R3_CARRIED", "二、上年结转政府信息公开申请数量"), ("NUM", "0000000")],
        id="label-ends-a-run-of-digits",
    ),
    pytest.param(
        "规章000行政规范性文件008",
        HEADER_2,
        V21,
        [("R2_RULES", "规章"), ("NUM", "000"), ("R2_ADMIN_NORMATIVE", "行政规范性文件"), ("NUM", "008")],
        id="run-on-table-2",
    ),
    pytest.param("1,234", ROW_NEW, V21, [("NUM", "1,234")], id="thousands-separator"),
    pytest.param(
        "行政许可 12 -8 增3 减2",
        BLOCK_5_V19,
        V19,
        [("R2_LICENSING", "行政许可"), ("NUM", "12"), ("NUM", "-8"), ("NUM", "增3"), ("NUM", "减2")],
        id="signed-numbers",
    ),
    pytest.param(
        "行政许可 2增4",
        BLOCK_5_V19,
        V19,
        [("R2_LICENSING", "行政许可"), ("NUM", "2"), ("NUM", "增4")],
        id="a-sign-starts-the-next-number",
    ),
    pytest.param(
        "政府集中采购 45 160.5964万元",
        BLOCK_9_V19,
        V19,
        [("R2_PROCUREMENT", "政府集中采购"), ("NUM", "45"), ("NUM", "160.5964万元")],
        id="decimal-with-unit",
    ),
    pytest.param(
        "政府集中采购 2笔 984361元",
        BLOCK_9_V19,
        V19,
        [("R2_PROCUREMENT", "政府集中采购"), ("NUM", "2笔"), ("NUM", "984361元")],
        id="purchases-counted-in-bi",
    ),
    # ------------------------------------------------------------ placeholders
    pytest.param(
        "规章 — / \\",
        HEADER_2,
        V21,
        [("R2_RULES", "规章"), ("PLACEHOLDER", "—"), ("PLACEHOLDER", "/"), ("PLACEHOLDER", "\\")],
        id="placeholders",
    ),
    pytest.param(
        "规章 - 无 0",
        HEADER_2,
        V21,
        [("R2_RULES", "规章"), ("PLACEHOLDER", "-"), ("PLACEHOLDER", "无"), ("NUM", "0")],
        id="dash-and-wu-placeholders-zero-number",
    ),
    pytest.param(
        "规章\\\\\\行政规范性文件111",
        HEADER_2,
        V21,
        [
            ("R2_RULES", "规章"),
            *[("PLACEHOLDER", "\\")] * 3,
            ("R2_ADMIN_NORMATIVE", "行政规范性文件"),
            ("NUM", "111"),
        ],
        id="run-on-placeholders-before-the-next-label",
    ),
    pytest.param(
        "规章 无此类情况",
        HEADER_2,
        V21,
        [("R2_RULES", "规章"), ("CELLTEXT", "无此类情况")],
        id="wu-before-words-is-text",
    ),
    pytest.param(
        "规章 无。", HEADER_2, V21, [("R2_RULES", "规章"), ("TEXT", "无。")], id="wu-ending-a-sentence-is-prose"
    ),
    pytest.param(
        "4.无正当理由大量反复申请 0 0 0 0 0 0 0",
        ("HEAD_3", "G3_UNPROCESSED"),
        V21,
        [("R3_N4", "4.无正当理由大量反复申请"), *NUMS7],
        id="wu-zhengdang-is-a-label",
    ),
    pytest.param(
        "4.无正当理由反复申请  0 0 0 0 0 0 0",
        ("HEAD_3", "G3_UNPROCESSED"),
        V21,
        [("R3_N4", "4.无正当理由反复申请"), *NUMS7],
        id="wu-zhengdang-reworded-is-a-fuzzy-label",
    ),
    # ------------------------------------------------------------ free text vs cells
    pytest.param(
        "规章 0 0 0 注：本表数据截至12月31日。",
        HEADER_2,
        V21,
        [("R2_RULES", "规章"), ("NUM", "0"), ("NUM", "0"), ("NUM", "0"), ("TEXT", "注：本表数据截至12月31日。")],
        id="note-after-the-cells-is-prose",
    ),
    pytest.param(
        "254全年共受理政府信息公开申请254件，办结253件。",
        ROW_NEW,
        V21,
        [("NUM", "254"), ("TEXT", "全年共受理政府信息公开申请254件，办结253件。")],
        id="number-then-prose",
    ),
    pytest.param("30余件", ROW_NEW, V21, [("CELLTEXT", "30余件")], id="number-with-a-counter-word-is-text"),
    pytest.param(
        "20000022025年，我局继续推进公开工作。",
        CARRY_OVER,
        V21,
        [("NUM", "2000002"), ("TEXT", "2025年，我局继续推进公开工作。")],
        id="year-cut-from-the-digits",
    ),
    pytest.param(
        "0000000五、信息处理费收取情况",
        CARRY_OVER,
        V21,
        [("NUM", "0000000"), ("CELLTEXT", "五、信息处理费收取情况")],
        id="numbered-item-ends-the-number",
    ),
    pytest.param(
        "00000001.属于国家秘密0000000",
        WITHHELD,
        V21,
        [("NUM", "0000000"), ("R3_W1", "1.属于国家秘密"), ("NUM", "0000000")],
        id="numbering-of-the-next-row-is-not-a-digit",
    ),
    pytest.param(
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计"
        "商业企业科研机构社会公益组织法律服务机构其他",
        HEADER_3,
        V21,
        [
            ("T3_CORNER", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
            ("T3_APPLICANT", "申请人情况"),
            ("C3_NATURAL", "自然人"),
            ("T3_LEGAL_PERSON", "法人或其他组织"),
            ("C3_TOTAL", "总计"),
            ("C3_BUSINESS", "商业企业"),
            ("C3_RESEARCH", "科研机构"),
            ("C3_NONPROFIT", "社会公益组织"),
            ("C3_LEGAL_SERVICE", "法律服务机构"),
            ("C3_OTHER", "其他"),
        ],
        id="run-on-header-of-table-3",
    ),
    pytest.param(
        "信息内容  本年制发件数  其他说明  现行有效件数",
        HEADER_2,
        V21,
        [
            ("T2_INFO", "信息内容"),
            ("T2_ISSUED", "本年制发件数"),
            ("CELLTEXT", "其他说明"),
            ("T2_IN_FORCE", "现行有效件数"),
        ],
        id="header-cell-that-is-no-label",
    ),
    pytest.param(
        "3.申请内容不明确  5 0 0 0 0 0 5",
        UNABLE,
        V21,
        [("R3_U3", "3.申请内容不明确"), *nums("5 0 0 0 0 0 5")],
        id="fuzzy-row-label",
    ),
    # ------------------------------------------------------------ pipes, Markdown, tabs
    pytest.param(
        "| 规章 | 1 |  | 3 |",
        HEADER_2,
        V21,
        [("R2_RULES", "规章"), ("NUM", "1"), ("BLANK", "  "), ("NUM", "3")],
        id="pipe-blank-cell",
    ),
    pytest.param(
        "| 规章 |  |  | 3 |",
        HEADER_2,
        V21,
        [("R2_RULES", "规章"), ("BLANK", "  "), ("BLANK", "  "), ("NUM", "3")],
        id="pipe-blank-cells-before-a-value",
    ),
    pytest.param(
        "| 规章 | 1 | 2 | 3 |  |  |",
        HEADER_2,
        V21,
        [("R2_RULES", "规章"), ("NUM", "1"), ("NUM", "2"), ("NUM", "3")],
        id="pipe-trailing-empty-cells-are-ghosts",
    ),
    pytest.param(
        "| 规章 | 约3 | 0 | 0 |",
        HEADER_2,
        V21,
        [("R2_RULES", "规章"), ("CELLTEXT", "约3"), ("NUM", "0"), ("NUM", "0")],
        id="pipe-cell-is-one-cell",
    ),
    pytest.param(
        MARKDOWN,
        HEADER_2,
        V21,
        [("R2_RULES", "规章"), ("NUM", "0"), ("NUM", "0"), ("NUM", "0")],
        id="markdown-generic-header-and-delimiter-skipped",
    ),
    pytest.param(
        "| 信息内容 | 本年制发件数 |\n|:---|---:|\n| 规章 | 0 |",
        HEADER_2,
        V21,
        [("T2_INFO", "信息内容"), ("T2_ISSUED", "本年制发件数"), ("R2_RULES", "规章"), ("NUM", "0")],
        id="markdown-header-with-labels-kept",
    ),
    pytest.param(
        "规章\t0\t\t5",
        HEADER_2,
        V21,
        [("R2_RULES", "规章"), ("NUM", "0"), ("BLANK", ""), ("NUM", "5")],
        id="tab-blank-cell",
    ),
    pytest.param(
        "\t1\t2\t3\t4",
        TABLE_4,
        V21,
        [("BLANK", ""), ("NUM", "1"), ("NUM", "2"), ("NUM", "3"), ("NUM", "4")],
        id="tab-row-begins-with-an-empty-cell",
    ),
    # ------------------------------------------------------------ text, headings, masks
    pytest.param(
        "全年行政许可事项办理及时，未发生行政复议。",
        SECTION_1,
        V21,
        [("TEXT", "全年行政许可事项办理及时，未发生行政复议。")],
        id="labels-inside-prose-are-text",
    ),
    pytest.param(
        "本年度情况如下。二、主动公开政府信息情况",
        SECTION_1,
        V21,
        [("TEXT", "本年度情况如下。"), ("HEAD_2", "二、主动公开政府信息情况")],
        id="heading-ends-a-paragraph",
    ),
    pytest.param(
        "二、主動(dòng)公開政府信息情況",
        SECTION_1,
        V21,
        [("HEAD_2", "二、主動(dòng)公開政府信息情況")],
        id="heading-with-masked-pinyin",
    ),
    pytest.param(
        "3.补正后申請內(nèi)容仍不明確 5 0 0 0 0 0 5",
        UNABLE,
        V21,
        [("R3_U3", "3.补正后申請內(nèi)容仍不明確"), *nums("5 0 0 0 0 0 5")],
        id="row-label-with-masked-pinyin",
    ),
    pytest.param(
        "我局情况如下。\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1",
        SECTION_1,
        V21,
        [("TEXT", "我局情况如下。"), ("R3_NEW", "一、本年新收政府信息公开申请数量")],
        id="table-opener-at-a-line-start-in-text",
    ),
    pytest.param(
        "某某县应急管理局\n2021年政府信息公开工作年度报告",
        FRONT,
        V21,
        [("TEXT", "某某县应急管理局"), ("TITLE", "2021年政府信息公开工作年度报告")],
        id="front-title",
    ),
]
CELL_EDGES = [
    pytest.param("5,52", ROW_NEW, V21, [("CELLTEXT", "5,52")], id="comma-not-grouping-thousands-is-no-number"),
    pytest.param(
        "规章 不适用 0 0",
        HEADER_2,
        V21,
        [("R2_RULES", "规章"), ("CELLTEXT", "不适用"), ("NUM", "0"), ("NUM", "0")],
        id="cell-text-before-a-number",
    ),
    pytest.param(
        "3.申请内容不明确 5 0 0 0 0 0 5",
        UNABLE,
        V21,
        [("R3_U3", "3.申请内容不明确"), *nums("5 0 0 0 0 0 5")],
        id="fuzzy-row-label-before-a-number",
    ),
]


@pytest.mark.parametrize(("text", "prefix", "version", "expected"), LEXES + CELL_EDGES)
def test_lex(text: str, prefix: tuple[str, ...], version: Version, expected: list[tuple[str, str]]) -> None:
    assert lex(text, prefix, version) == expected


@pytest.mark.parametrize(("text", "prefix", "version", "expected"), LEXES)
def test_tokens_are_in_order_and_gaps_are_layout(
    text: str, prefix: tuple[str, ...], version: Version, expected: list[tuple[str, str]]
) -> None:
    """Tokens never overlap, and what lies between them is spaces, pipes, line breaks, tabs,
    masks or a Markdown delimiter row: nothing of the report is lost between tokens."""
    tokens, chrome = run(text, prefix, version)
    at = 0
    gaps = []
    for tok in tokens:
        assert at <= tok.start <= tok.end
        gaps.append(text[at : tok.start])
        at = tok.end
    layout = " |\t\r\n-:" + MASK
    assert "".join(g.strip(layout) for g in gaps).replace(" ", "").replace("|", "") == SKIPPED.get(text, "")
    assert not chrome


def test_chrome_is_set_aside_out_of_band() -> None:
    stamp = "發(fā)布時(shí)間：2020-01-02"
    tokens, chrome = run(stamp + "\n一、总体情况", FRONT)
    assert [(t.type, t.start, t.end) for t in tokens] == [("HEAD_1", len(stamp) + 1, len(stamp) + 7)]
    assert [(c.kind, c.span.start, c.span.end) for c in chrome] == [("page", 0, len(stamp))]


def test_a_heading_token_carries_its_number_wording_and_numeral() -> None:
    (tok,) = run("五、存在的主要问题和改进情况", SECTION_1)[0]
    assert (tok.type, tok.label, tok.wording.value, tok.numeral) == ("HEAD_5", "5", "other", "五")


def test_a_label_token_carries_its_canonical_label() -> None:
    tokens, _ = run("(一)予以公开 1", ("HEAD_3",))
    assert (tokens[0].type, tokens[0].label, tokens[0].fuzzy) == ("R3_DISCLOSED", "（一）予以公开", False)


def test_the_end_of_the_text_is_none() -> None:
    norm = normalize("  \n ")
    lexer = Lexer(norm.analysis, scan(norm.analysis), norm.original)
    driver = Driver(norm.original, lexer, V21)
    assert lexer.next(driver.accepts(driver.parser.parse_interactive("", start="report_v2021"))) is None


@pytest.mark.parametrize(
    ("pieces", "terminal"),
    [
        ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再受理其政府信息公开申请", "R3_O2"),  # one word changed
        ("2、申请人逾期未按收费通知要求缴纳费用、行政机关不再受理其政府信息公开申请", "R3_O2"),  # its number as "2、"
        ("1.申请人逾期未按收费通知要求缴纳费用、行政机关不再受理其政府信息公开申请", None),  # another row's number
        ("2.申请人逾期未按收费通知要求缴费后由机关另行受理其政府信息公开申请", None),  # changed beyond a few edits
        ("2.其他法律和行政法规禁止公开", "R3_W2"),
        ("3.其他", None),  # a short label is never matched by edits
    ],
)
def test_a_long_label_reworded_by_a_character_or_two_is_near_its_row(pieces: str, terminal: str | None) -> None:
    from nianbao.syntax.label_tails import near_label

    assert near_label(pieces) == terminal
