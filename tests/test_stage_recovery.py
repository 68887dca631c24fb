"""The parser's error recovery on five-line reports, asserted on the tree it leaves.

The contract (parser.py's docstring): when a token cannot be taken, the cheapest repair that keeps
the rest readable, in this order — **insert** one zero-width `Missing` terminal that introduces the
token's own table (its section heading, a block caption, a group label; only a label justifies
it), **re-synchronise** (a heading, block, group or row found out of place is parsed from its own
start symbol and kept as `Misplaced`), else **skip** (`Skipped`). Whatever happens, the leaves of
the tree tile the input (nodes.py): every character belongs to exactly one leaf.

Each case states which sections the report's own order recognised, what recovery inserted, set
aside as misplaced or skipped, and the rows read (their cells, by the template's column order).
"""

from __future__ import annotations

import itertools

import pytest

from nianbao.api import parse
from nianbao.syntax.nodes import Block, CellStatus, Header, Misplaced, Missing, Paragraph, Report, Row, Section, Skipped

HEAD_1 = "一、总体情况"
HEAD_2 = "二、主动公开政府信息情况"
HEAD_3 = "三、收到和处理政府信息公开申请情况"
HEAD_4 = "四、政府信息公开行政复议、行政诉讼情况"
HEAD_5 = "五、存在的主要问题及改进情况"
CAPTION_1 = "第二十条第（一）项"
HEADER_2_1 = "信息内容 本年制发件数 本年废止件数 现行有效件数"
CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
NEW = "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1"
CARRIED = "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0"
PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0"
T4_ZEROS = " ".join(["0"] * 15)

ONE_NEW = ("R3_NEW", [1, 0, 0, 0, 0, 0, 1])
ZERO_CARRIED = ("R3_CARRIED", [0] * 7)


def lines(*parts: str) -> str:
    return "\n".join(parts)


def cells_of(row: Row) -> list[object]:
    return [c.number if c.status is CellStatus.OK else c.status.value for c in row.cells]


def outline(report: Report, text: str) -> dict[str, object]:
    return {
        "sections": [c.number for c in report.children if isinstance(c, Section)],
        "missing": [m.terminal for m in report.all(Missing)],
        "misplaced": [(m.rule, type(m.children[0]).__name__) for m in report.all(Misplaced)],
        "skipped": [(s.terminal, text[s.span.start : s.span.end]) for s in report.all(Skipped)],
        "rows": [(r.terminal, cells_of(r)) for r in report.all(Row)],
    }


def expect(
    sections: list[int],
    missing: tuple[str, ...] = (),
    misplaced: tuple[tuple[str, str], ...] = (),
    skipped: tuple[tuple[str, str], ...] = (),
    rows: tuple[tuple[str, list[object]], ...] = (),
) -> dict[str, object]:
    return {
        "sections": sections,
        "missing": list(missing),
        "misplaced": list(misplaced),
        "skipped": list(skipped),
        "rows": list(rows),
    }


CASES = [
    pytest.param(
        lines(HEAD_1, "本年度我局依法公开政府信息。", CAPTION_1, HEADER_2_1, "规章 0 0 1"),
        # the caption opens table 二 at a line start: its heading is inserted
        expect([1, 2], missing=("HEAD_2",), rows=(("R2_RULES", [0, 0, 1]),)),
        id="missing-heading-before-a-caption",
    ),
    pytest.param(
        lines(HEAD_1, "本年度工作平稳。", CORNER, NEW, CARRIED),
        expect([1, 3], missing=("HEAD_3",), rows=(ONE_NEW, ZERO_CARRIED)),
        id="missing-heading-before-table-3s-corner",
    ),
    pytest.param(
        lines("某县人民政府办公室", "2021年政府信息公开工作年度报告", NEW, CARRIED),
        expect([3], missing=("HEAD_3",), rows=(ONE_NEW, ZERO_CARRIED)),
        id="table-3-straight-after-the-title",
    ),
    pytest.param(
        lines(HEAD_2, CAPTION_1, HEADER_2_1, "规章 0 0 1", "信息内容 本年处理决定数量", "行政许可 5"),
        # a header after a block's rows: the caption that introduces it is inserted (the first that fits)
        expect([2], missing=("CAP_5",), rows=(("R2_RULES", [0, 0, 1]), ("R2_LICENSING", [5]))),
        id="missing-block-caption",
    ),
    pytest.param(
        lines(HEAD_2, "信息内容 本年制发件数 本年废止件数 现行有效件数", "规章 0 0 1", "行政规范性文件 2 0 3"),
        # table 二 without its captions: its first header word, a table line of its own, opens it
        expect([2], missing=("CAP_1",), rows=(("R2_RULES", [0, 0, 1]), ("R2_ADMIN_NORMATIVE", [2, 0, 3]))),
        id="table-2-without-captions",
    ),
    pytest.param(
        lines(HEAD_2, "| 规章 | 0 | 0 | 1 |", "| 信息内容 | 本年处理决定数量 |", "| 行政处罚 | 4 |"),
        # a header that fits blocks 五 and 六 belongs to the block whose row follows it (六)
        expect([2], missing=("CAP_1", "CAP_6"), rows=(("R2_RULES", [0, 0, 1]), ("R2_PENALTY", [4]))),
        id="table-2-without-captions-a-block-left-out",
    ),
    pytest.param(
        HEAD_2 + " <!--[if !supportMisalignedColumns] 信息内容 本年制发件数 本年废止件数 现行有效件数"
        " 规章 0 0 1 行政规范性文件 2 0 3 信息内容 本年处理决定数量 行政许可 5",
        # the same on one line, after the heading and a page's leftover comment
        expect(
            [2],
            missing=("CAP_1", "CAP_5"),
            rows=(("R2_RULES", [0, 0, 1]), ("R2_ADMIN_NORMATIVE", [2, 0, 3]), ("R2_LICENSING", [5])),
        ),
        id="table-2-without-captions-on-one-line",
    ),
    pytest.param(
        HEAD_2 + " 本年度共制发规章 0 件。规章 0 0 1 行政规范性文件 2 0 3",
        # after a sentence, on the same line: a table line, whose prose stays a paragraph
        expect([2], missing=("CAP_1",), rows=(("R2_RULES", [0, 0, 1]), ("R2_ADMIN_NORMATIVE", [2, 0, 3]))),
        id="table-2-without-captions-after-a-sentence",
    ),
    pytest.param(
        lines(HEAD_2 + " 规章制度建设得到加强，行政许可 5 件。", CAPTION_1, HEADER_2_1, "规章 0 0 1"),
        expect([2], rows=(("R2_RULES", [0, 0, 1]),)),
        id="prose-after-a-heading-with-row-labels-inside",
    ),
    pytest.param(
        lines(
            HEAD_2, "规章0件，规范性文件13件。", "行政许可 5 件，行政处罚 3 件。", CAPTION_1, HEADER_2_1, "规章 0 0 1"
        ),
        # a sentence that begins with a row label is no table line
        expect([2], rows=(("R2_RULES", [0, 0, 1]),)),
        id="prose-beginning-with-a-row-label",
    ),
    pytest.param(
        lines(HEAD_3, NEW, PARTIAL, "1.属于国家秘密 0 0 0 0 0 0 0"),
        expect([3], missing=("G3_WITHHELD",), rows=(ONE_NEW, ("R3_PARTIAL", [0] * 7), ("R3_W1", [0] * 7))),
        id="missing-group-label",
    ),
    pytest.param(
        lines(
            HEAD_3,
            "| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
            "| （三）不予公开 |  |  |  |  |  |  |  |",
            "| 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 1.本机关不掌 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
            "| 握相关政府信息 |  |  |  |  |  |  |  |",
        ),
        # a numbered label wrapped into the row below, its group label left out: the group is inserted
        expect(
            [3],
            missing=("G3_UNABLE",),
            rows=(("R3_NEW", [2, 0, 0, 0, 0, 0, 2]), ("R3_W8", [0] * 7), ("R3_U1", [2, 0, 0, 0, 0, 0, 2])),
        ),
        id="wrapped-row-of-a-group-left-out",
    ),
    pytest.param(
        lines(
            HEAD_3,
            NEW,
            "（四）无法提供",
            "1.本机关不掌握相关政府信息 0 0 0 0 0 0 0",
            "（三）不予公开",
            "1.属于国家秘密 0 0 0 0 0 0 0",
        ),
        # （三） after （四）: the group is parsed on its own, with its row
        expect(
            [3],
            misplaced=(("withheld", "Group"),),
            rows=(ONE_NEW, ("R3_U1", [0] * 7), ("R3_W1", [0] * 7)),
        ),
        id="group-out-of-order",
    ),
    pytest.param(
        lines(HEAD_3, NEW, "四、结转下年度继续办理 0 0 0 0 0 0 0", HEAD_4, T4_ZEROS),
        # TEMPLATE.md's trap: a row of table 三 numbered like a heading is no section
        expect([3, 4], rows=(ONE_NEW, ("R3_CARRY_OVER", [0] * 7), ("VALUES_4", [0] * 15))),
        id="table-3-row-numbered-like-a-heading",
    ),
    pytest.param(
        lines(HEAD_1, "本年度工作平稳。", HEAD_5, "公开深度不够。", HEAD_2, "全年主动公开信息100条。"),
        # section 二 after 五: parsed on its own, text included
        expect([1, 5], misplaced=(("sec_2_v2021", "Section"),)),
        id="sections-out-of-order",
    ),
    pytest.param(
        lines("", HEAD_1, "第一段。", HEAD_1, "第二段。", HEAD_2, ""),  # (blank lines around it)
        expect([1, 2], misplaced=(("sec_1", "Section"),)),
        id="duplicated-section",
    ),
    pytest.param(
        lines(HEAD_3, NEW, HEAD_4, T4_ZEROS, CARRIED),
        # a row of table 三 after table 四: no heading 三 can come back, the row is read on its own
        expect(
            [3, 4],
            misplaced=(("row{R3_CARRIED}", "Row"),),
            rows=(ONE_NEW, ("VALUES_4", [0] * 15), ZERO_CARRIED),
        ),
        id="row-outside-its-table",
    ),
    pytest.param(
        lines(HEAD_2, CAPTION_1, HEADER_2_1, HEAD_3, NEW),
        expect([2, 3], rows=(ONE_NEW,)),
        id="table-2-truncated-after-its-header",
    ),
    pytest.param(
        lines(HEAD_1, "本年度工作平稳。", "@@@ ### $$$ 123 ***", HEAD_2, "全年主动公开信息100条。"),
        # text where text is allowed is a paragraph, however odd
        expect([1, 2]),
        id="garbage-text-between-sections",
    ),
    pytest.param(
        lines(HEAD_4, T4_ZEROS, "自然人 商业企业", HEAD_5, "公开深度不够。"),
        # header words of table 三 in table 四: no table 三 can be opened here, nor parsed on its own
        expect(
            [4, 5],
            skipped=(("C3_NATURAL", "自然人"), ("C3_BUSINESS", "商业企业")),
            rows=(("VALUES_4", [0] * 15),),
        ),
        id="stray-labels-between-sections-skipped",
    ),
    pytest.param(
        lines(HEAD_3, NEW, CARRIED, "（七）总计 1 0 0"),
        # cells written apart and three of seven given: which ones are empty cannot be known
        expect([3], rows=(ONE_NEW, ZERO_CARRIED, ("R3_TOTAL", ["unreadable"] * 7))),
        id="ends-in-the-middle-of-a-row",
    ),
    pytest.param(
        lines(HEAD_3, NEW, "二、上年结转政府信息公开申请数量"),
        expect([3], rows=(ONE_NEW, ("R3_CARRIED", ["blank"] * 7))),
        id="ends-after-a-row-label",
    ),
    pytest.param(
        lines(HEAD_3, "一、本年新收政府信息公开     1     0     0     0     0     0     1", "申请数量", CARRIED),
        # pdftotext -layout: a label wrapped in its cell, the values on its first line, its tail below
        expect([3], rows=(ONE_NEW, ZERO_CARRIED)),
        id="pdf-label-cut-by-its-values",
    ),
    pytest.param(
        lines(
            HEAD_3,
            NEW,
            CARRIED,
            "（二）部分公开（区分处理",
            "的，只计这一情形，不计其     2     0     0     0     0     0     2",
            "他情形）",
            "1.属于国家秘密 0 0 0 0 0 0 0",
        ),
        # the values on the middle line of a three-line label: the pieces are the label's, no cell
        expect(
            [3],
            missing=("G3_WITHHELD",),
            rows=(ONE_NEW, ZERO_CARRIED, ("R3_PARTIAL", [2, 0, 0, 0, 0, 0, 2]), ("R3_W1", [0] * 7)),
        ),
        id="pdf-label-with-its-values-in-the-middle",
    ),
    pytest.param(
        lines(
            HEAD_3,
            NEW,
            "（二）部分公开（区分处理     2     0     0     0     0     0     2",
            "的，只计这一情形，不计其他情形）",
        ),
        # the label's next words before the values are no cell: nothing shifts
        expect([3], rows=(ONE_NEW, ("R3_PARTIAL", [2, 0, 0, 0, 0, 0, 2]))),
        id="pdf-label-words-before-the-values",
    ),
    pytest.param(
        lines(HEAD_3, NEW, "（二）部分公开 附注 2 0 0 0 0 0 2"),
        # a word before the numbers that makes the row one cell too long is the label's, not a cell
        expect([3], rows=(ONE_NEW, ("R3_PARTIAL", [2, 0, 0, 0, 0, 0, 2]))),
        id="word-after-the-label-one-cell-too-many",
    ),
    pytest.param(
        lines(HEAD_3, NEW, "（二）部分公开", "附注     2     0     0     0     0     0     2"),
        # the same word on the line of the values, below its label
        expect([3], rows=(ONE_NEW, ("R3_PARTIAL", [2, 0, 0, 0, 0, 0, 2]))),
        id="word-below-the-label-one-cell-too-many",
    ),
    pytest.param(
        lines(HEAD_3, NEW, "（四）无法提供", "1.本机关不掌握相关政府     746     12     0     0     10     1     769"),
        # a label short of its last words: the approximate match never takes the digits for them
        expect([3], rows=(ONE_NEW, ("R3_U1", [746, 12, 0, 0, 10, 1, 769]))),
        id="label-short-of-its-end-before-values",
    ),
    pytest.param(
        lines(
            HEAD_3,
            "+------------+----+----+----+----+----+----+----+",
            "| 一、本年新收政府信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
            "| 公开申请数量 |  |  |  |  |  |  |  |",
            "+============+====+====+====+====+====+====+====+",
            "| 二、上年结转政府信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 公开申请数量 |  |  |  |  |  |  |  |",
            "+------------+----+----+----+----+----+----+----+",
            "| （一）予以公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |",
            "+------------+----+----+----+----+----+----+----+",
        ),
        # pandoc's grid table: its border lines are rule lines, a wrapped cell the label's
        expect([3], rows=(ONE_NEW, ZERO_CARRIED, ("R3_DISCLOSED", [3, 0, 0, 0, 0, 0, 3]))),
        id="grid-table",
    ),
    pytest.param(
        lines(HEAD_4, "--------------  ------  ------", "", T4_ZEROS, "--------------  ------  ------"),
        # pandoc's simple and multiline tables: a line of dash runs is a rule, not placeholders
        expect([4], rows=(("VALUES_4", [0] * 15),)),
        id="dash-rule-lines",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_recovery(text: str, expected: dict[str, object]) -> None:
    report = parse(text).report
    assert outline(report, text) == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_every_character_belongs_to_one_leaf(text: str, expected: dict[str, object]) -> None:
    report = parse(text).report
    leaves = list(report.leaves())
    assert "".join(text[leaf.span.start : leaf.span.end] for leaf in leaves) == text
    assert leaves[0].span.start == 0 and leaves[-1].span.end == len(text)
    for a, b in itertools.pairwise(leaves):
        assert a.span.end == b.span.start


def test_a_misplaced_section_keeps_its_heading_and_text() -> None:
    text = lines(HEAD_1, "本年度工作平稳。", HEAD_5, "公开深度不够。", HEAD_2, "全年主动公开信息100条。")
    report = parse(text).report
    (misplaced,) = report.all(Misplaced)
    section = misplaced.children[0]
    assert isinstance(section, Section) and section.number == 2
    assert text[misplaced.span.start : misplaced.span.end] == HEAD_2 + "\n全年主动公开信息100条。"
    assert 2 not in report.sections and set(report.sections) == {1, 5}


def test_an_inserted_heading_is_zero_width_where_the_table_begins() -> None:
    text = lines(HEAD_1, "本年度我局依法公开政府信息。", CAPTION_1, HEADER_2_1, "规章 0 0 1")
    report = parse(text).report
    section = report.sections[2]
    assert isinstance(section.heading, Missing)
    assert section.heading.span.start == section.heading.span.end == text.index(CAPTION_1)
    assert section.table is not None and section.table.name == "二"


def test_garbage_text_is_a_paragraph_of_the_section_before() -> None:
    text = lines(HEAD_1, "本年度工作平稳。", "@@@ ### $$$ 123 ***", HEAD_2, "全年主动公开信息100条。")
    paragraphs = [text[p.span.start : p.span.end] for p in parse(text).report.sections[1].find(Paragraph)]
    assert paragraphs == ["本年度工作平稳。", "@@@ ### $$$ 123 ***"]


def test_a_truncated_block_has_its_header_and_no_row() -> None:
    text = lines(HEAD_2, CAPTION_1, HEADER_2_1, HEAD_3, NEW)
    table = parse(text).report.sections[2].table
    assert table is not None
    (block,) = table.find(Block)
    assert block.key == CAPTION_1
    assert len(list(block.find(Header))) == 1 and not list(block.find(Row))
