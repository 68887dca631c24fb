"""Stage 5 on its own: `nianbao.syntax.build` (the Lark Transformer `_Builder`, placing, cells, trivia).

The inputs are the parser's `ParseResult`s (`pipeline.front_end`: normalise, scan, choose the
version, parse); `build.build` is the function under test. Its contract (build.py, nodes.py,
docs/ARCHITECTURE.md): Lark objects never leave it; nodes are typed and immutable, a composite
node covers exactly its children and the leaves tile the input; misplaced parts, skipped tokens
and chrome go to the deepest node that surrounds them; every table's cells are read (cells.py);
a table whose rows have no numbers while numbers stand apart from them gets every cell
unreadable and `Table.detached` set — never a guess of which number is whose.
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import lark
import pytest

from nianbao import template as T
from nianbao.pipeline import front_end
from nianbao.source import Source, Span
from nianbao.syntax.build import _Builder, build
from nianbao.syntax.nodes import (
    Block,
    Cell,
    CellStatus,
    Chrome,
    Heading,
    Missing,
    Node,
    Report,
    Row,
    Section,
    Table,
    Token,
)

CONFORMING = Path(__file__).resolve().parent.parent / "corpus" / "conforming"

HEAD_1 = "一、总体情况"
HEAD_2 = "二、主动公开政府信息情况"
HEAD_3 = "三、收到和处理政府信息公开申请情况"
HEAD_4 = "四、政府信息公开行政复议、行政诉讼情况"
CAPTION_1 = "第二十条第（一）项"
HEADER_2_1 = "信息内容 本年制发件数 本年废止件数 现行有效件数"
R3_LABELS = (
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（七）总计",
    "四、结转下年度继续办理",
)


def lines(*parts: str) -> str:
    return "\n".join(parts)


def built(text: str) -> Report:
    source = Source("<test>", text)
    norm, _, result = front_end(source)
    return build(source, norm, result)


SHORT = {
    "heading-and-text": lines(HEAD_1, "本年度工作平稳。"),
    "table-2-with-inserted-heading": lines(HEAD_1, "文字。", CAPTION_1, HEADER_2_1, "规章 0 0 1"),
    "pipes-with-blanks": lines(
        HEAD_2, CAPTION_1, "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "| 规章 | 1 |  | 3 | | |"
    ),
    "misplaced-and-skipped": lines(
        HEAD_1, "第一段。", HEAD_1, "第二段。", HEAD_4, " ".join(["0"] * 15), "自然人", "五、存在的主要问题及改进情况"
    ),
    "chrome-inside-a-section": lines(HEAD_1 + " 时间：2022-01-19 14:16 本年度工作平稳。", HEAD_2),
    "empty": "",
    "only-spaces": " \n\t ",
}
FILES = ("v2021_runon.txt", "v2019_pipe.txt", "v2021_markdown.txt")
INPUTS = [pytest.param(text, id=name) for name, text in SHORT.items()] + [
    pytest.param((CONFORMING / name).read_text("utf-8"), id=name) for name in FILES
]


def values_of(node: object) -> list[object]:
    """Every value held by a node's fields (cells, their keys, tuples, the sections dict)."""
    out: list[object] = []
    stack = [node]
    while stack:
        v = stack.pop()
        out.append(v)
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            stack.extend(getattr(v, f.name) for f in dataclasses.fields(v) if f.name not in ("children", "_index"))
        elif isinstance(v, tuple | list):
            stack.extend(v)
        elif isinstance(v, dict):
            stack.extend(v.values())
    return out


@pytest.mark.parametrize("text", INPUTS)
def test_no_lark_object_leaves_the_builder(text: str) -> None:
    report = built(text)
    for node in report.walk():
        for v in values_of(node):
            assert not isinstance(v, lark.Tree | lark.Token), (type(node).__name__, v)
            assert not type(v).__module__.startswith("lark"), (type(node).__name__, type(v))


@pytest.mark.parametrize("text", INPUTS)
def test_spans_nest_and_cover_their_children(text: str) -> None:
    report = built(text)
    assert report.span == Span(0, len(text))
    for node in report.walk():
        if not node.children:
            continue
        kids = node.children
        assert node.span == Span(kids[0].span.start, kids[-1].span.end), type(node).__name__
        for a, b in itertools.pairwise(kids):
            assert a.span.end == b.span.start, (type(node).__name__, a, b)
    assert "".join(text[n.span.start : n.span.end] for n in report.leaves()) == text


@pytest.mark.parametrize("text", INPUTS)
def test_cells_say_what_is_written_where(text: str) -> None:
    """An OK cell's raw text is the text at its span (a split cell: its digits)."""
    report = built(text)
    for cell in report.cells():
        assert 0 <= cell.span.start <= cell.span.end <= len(text)
        if cell.status is CellStatus.OK:
            assert text[cell.span.start : cell.span.end] == cell.raw


# --------------------------------------------------------------------------- the transformer


def test_the_builder_makes_typed_nodes_of_the_template() -> None:
    text = lines("五、存在的主要问题和改进情况", "无。")
    source = Source("<test>", text)
    _, _, result = front_end(source)
    report = _Builder(source, result).convert(result.tree)
    assert isinstance(report, Report) and report.version is result.version
    (section,) = report.children
    assert isinstance(section, Section) and section.number == 5
    heading = section.children[0]
    assert isinstance(heading, Heading)
    # the template's title, whatever the wording; the numeral and the wording as written
    assert (heading.label, heading.numeral, heading.wording.value) == ("存在的主要问题及改进情况", "五", "other")


def test_the_builder_refuses_a_rule_it_does_not_know() -> None:
    source = Source("<test>", "一、总体情况")
    _, _, result = front_end(source)
    with pytest.raises(AssertionError, match="no_such_rule"):
        _Builder(source, result).convert(lark.Tree("no_such_rule", []))


def test_variant_and_fuzzy_labels_are_marked() -> None:
    text = lines(
        HEAD_2,
        CAPTION_1,
        HEADER_2_1,
        "规章 0 0 1",
        "规范性文件 0 0 2",
        HEAD_3,
        "（四）无法提供",
        "3.申请内容不明确  5 0 0 0 0 0 5",
    )
    report = built(text)
    tokens = {n.terminal: n for n in report.walk() if isinstance(n, Token) and n.label}
    # V2021's 行政规范性文件 written in its old wording
    normative = tokens["R2_ADMIN_NORMATIVE"]
    assert (normative.label, normative.variant, normative.fuzzy) == ("行政规范性文件", True, False)
    assert text[normative.span.start : normative.span.end] == "规范性文件"
    unclear = tokens["R3_U3"]
    assert (unclear.label, unclear.fuzzy, unclear.variant) == ("3.补正后申请内容仍不明确", True, False)
    assert (tokens["R2_RULES"].variant, tokens["R2_RULES"].fuzzy) == (False, False)


def test_an_inserted_terminal_is_a_missing_leaf() -> None:
    text = lines(HEAD_1, "文字。", CAPTION_1, HEADER_2_1, "规章 0 0 1")
    report = built(text)
    (missing,) = report.all(Missing)
    assert (missing.terminal, missing.span) == ("HEAD_2", Span(text.index(CAPTION_1), text.index(CAPTION_1)))
    assert report.sections[2].children[0] is missing


def test_chrome_goes_to_the_deepest_node_around_it() -> None:
    text = SHORT["chrome-inside-a-section"]
    report = built(text)
    (chrome,) = report.all(Chrome)
    assert text[chrome.span.start : chrome.span.end].strip() == "时间：2022-01-19 14:16"
    assert chrome in report.sections[1].children


# --------------------------------------------------------------------------- rows and their cells


def row_cells(report: Report, terminal: str) -> list[object]:
    (row,) = [r for r in report.all(Row) if r.terminal == terminal]
    return [c.number if c.status is CellStatus.OK else c.status.value for c in row.cells]


TABLE_2 = lines(HEAD_2, CAPTION_1, HEADER_2_1)
ROWS = [
    pytest.param(lines(TABLE_2, "规章 0 0 1"), "R2_RULES", [0, 0, 1], id="spaced"),
    pytest.param(lines(TABLE_2, "规章 0 — 1"), "R2_RULES", [0, "placeholder", 1], id="placeholder"),
    pytest.param(lines(TABLE_2, "规章 1"), "R2_RULES", ["unreadable"] * 3, id="spaced-short-row"),
    pytest.param(lines(TABLE_2, "| 规章 | 1 |  | 3 |"), "R2_RULES", [1, "blank", 3], id="pipe-blank-inside"),
    pytest.param(lines(TABLE_2, "| 规章 | 1 | 2 | | |"), "R2_RULES", [1, 2, "blank"], id="pipe-blank-at-the-end"),
    pytest.param(lines(TABLE_2, "| 规章 | 约3 | 0 | 0 |"), "R2_RULES", ["invalid", 0, 0], id="pipe-text-cell"),
    pytest.param(lines(TABLE_2, "规章\t0\t\t5"), "R2_RULES", [0, "blank", 5], id="tabs"),
    pytest.param(lines(TABLE_2, "规章 约3 0 0"), "R2_RULES", ["invalid", 0, 0], id="text-cell-glued-to-a-digit"),
    pytest.param(lines(TABLE_2, "规章 5,52 0 0"), "R2_RULES", ["invalid", 0, 0], id="bad-thousands-separator"),
]


@pytest.mark.parametrize(("text", "terminal", "expected"), ROWS)
def test_row_cells(text: str, terminal: str, expected: list[object]) -> None:
    report = built(text)
    assert row_cells(report, terminal) == expected
    (row,) = [r for r in report.all(Row) if r.terminal == terminal]
    assert tuple(c.key for c in row.cells) == T.row_place(report.version, terminal).keys


def test_table_4_rows_take_the_blocks_their_headers_name() -> None:
    text = lines(HEAD_4, "行政复议", "1 0 0 0 1", "行政诉讼", " ".join(["0"] * 10))
    report = built(text)
    review, litigation = report.all(Row)
    assert review.terminal == T.values4_terminal(("行政复议",))
    assert [c.key for c in review.cells] == [T.key("T4_REVIEW", c.label.terminal) for c in T.TABLE4_COLUMNS]
    assert [c.number for c in review.cells] == [1, 0, 0, 0, 1]
    assert litigation.terminal == T.values4_terminal(("未经复议直接起诉", "复议后起诉"))
    assert [c.key for c in litigation.cells] == [
        T.key(block, c.label.terminal) for block in ("T4_DIRECT", "T4_AFTER_REVIEW") for c in T.TABLE4_COLUMNS
    ]
    (part,) = [b for b in report.all(Block) if b.key]
    assert part.key == "未经复议直接起诉、复议后起诉"


def test_a_table_4_header_without_numbers_has_fifteen_blank_cells() -> None:
    report = built(lines(HEAD_4, "行政复议 行政诉讼", "五、存在的主要问题及改进情况"))
    (row,) = report.all(Row)
    assert [c.key for c in row.cells] == list(T.table("四", report.version).cells)
    assert {c.status for c in row.cells} == {CellStatus.BLANK}


# --------------------------------------------------------------------------- detached numbers


def detached_table(numbers: int, labels: tuple[str, ...] = R3_LABELS) -> str:
    """Table 三's row labels one a line, then ``numbers`` numbers one a line (a PDF read column by column)."""
    return lines(HEAD_3, *labels, *(str(i % 3) for i in range(numbers)))


DETACHED = [
    # four rows, 28 numbers after the last label: that row takes 7 and 21 stand apart, beside three
    # rows (21 cells) with none
    pytest.param(detached_table(28), 21, id="every-number-after-the-last-label"),
    # 18 numbers: 11 stand apart, at least half the 21 cells of the empty rows
    pytest.param(detached_table(18), 11, id="half-the-empty-cells-is-enough"),
    # 17 numbers: 10 apart, fewer than half of 21
    pytest.param(detached_table(17), 0, id="fewer-than-half-the-empty-cells"),
    # one row without numbers is not enough to tell
    pytest.param(detached_table(14, R3_LABELS[-2:]), 0, id="one-empty-row"),
    pytest.param(
        lines(HEAD_3, *(label + " 0 0 0 0 0 0 0" for label in R3_LABELS), "5"),
        0,
        id="rows-hold-their-numbers",
    ),
]


@pytest.mark.parametrize(("text", "detached"), DETACHED)
def test_detached_numbers(text: str, detached: int) -> None:
    report = built(text)
    (table,) = report.all(Table)
    assert table.detached == detached
    statuses = [c.status for c in report.cells()]
    if detached:
        # which number belongs to which row cannot be known: every cell unreadable, none guessed
        assert len(statuses) == 7 * len(list(table.rows()))
        assert set(statuses) == {CellStatus.UNREADABLE}
        assert table.detached_span is not None
        assert set(text[table.detached_span.start : table.detached_span.end].split()) <= {"0", "1", "2"}
        for row in table.rows():
            assert {c.span for c in row.cells} == {row.children[0].span}  # said at the row's label
    else:
        assert CellStatus.UNREADABLE not in statuses
        assert table.detached_span is None


def test_a_cell_is_a_cell_of_the_template() -> None:
    report = built(lines(TABLE_2, "规章 0 0 1"))
    cells: list[Cell] = list(report.cells())
    assert {c.key for c in cells} <= set(T.all_cells(report.version))
    assert all(isinstance(n, Node) for n in report.walk())
