"""Stage 5's cell reader on its own: `nianbao.syntax.cell_values`, raw rows + the template's arithmetic → cells.

The contract (cells.py's docstring, TEMPLATE.md §5): a fused run of digits is split only when
exactly one split fits the number of cells and the arithmetic — the row's own first (table 三's row
total, table 四's block totals), then the table's (column totals, 勾稽关系); otherwise the cells
are unreadable, with the number of splits that fitted; a value is never guessed. Zeros cannot
begin a number; a sign belongs to the first number of its run and only 本年增/减 may be negative;
decimals only in money columns; a unit stays with the last number.

Rows are built from the template (`T.row_place`, `T.key`, `T.relations`); values are written as
the lexer would hand them over: ``"24900050254"`` one NUM, ``"_"`` an empty cell (BLANK), ``"—"``
a placeholder, ``"t:约3"`` a text cell. Every expected reading below is worked out by hand from the
digits and the identities (the splits are enumerated in the comments where a choice is made).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from nianbao import template as T
from nianbao.source import Span
from nianbao.syntax import cell_values as cells
from nianbao.syntax import digit_splits as splits
from nianbao.syntax.cell_values import RawRow, Resolved, SplitBudget, Writing
from nianbao.syntax.nodes import CellStatus
from nianbao.syntax.raw_values import RawValue, parse_number, read_cell
from nianbao.template import Version

V19, V21 = Version.V2019, Version.V2021
RUNON = Writing(complete=False, apart=False, gap=None)  # run-together cells, some row lost its empty cells
COMPLETE = Writing(complete=True, apart=False, gap=None)  # run-together cells, every cell written
APART = Writing(complete=True, apart=True, gap=None)  # cells written apart (spaces, one per line)
ANCHOR = Span(0, 10)  # the row's label
PLACEHOLDERS = {"—", "/", "\\", "无", "-"}


def raw_values(spec: str, start: int = 100) -> list[RawValue]:
    out = []
    at = start
    for item in spec.split():
        if item == "_":
            out.append(RawValue("BLANK", Span(at, at), "", ""))
            at += 1
            continue
        terminal = "PLACEHOLDER" if item in PLACEHOLDERS else "CELLTEXT" if item.startswith("t:") else "NUM"
        text = item.removeprefix("t:")
        out.append(RawValue(terminal, Span(at, at + len(text)), text, text))
        at += len(text) + 1
    return out


def row(terminal: str, spec: str, version: Version = V21, positional: bool = False, **kw: object) -> RawRow:
    place = T.row_place(version, terminal)
    return RawRow(place.keys, place.columns, raw_values(spec), ANCHOR, positional, **kw)  # type: ignore[arg-type]


def relations(table: str, version: Version = V21) -> list[T.Relation]:
    return [r for r in T.relations(version) if r.table == table]


def show(res: Resolved) -> list[object]:
    return [c.number if c.status is CellStatus.OK else c.status.value for c in res.cells]


def unreadable(n: int) -> list[object]:
    return ["unreadable"] * n


def zeros(n: int) -> list[object]:
    return [0] * n


# --------------------------------------------------------------------------- one row at a time

ROWS = [
    # ------------------------------------------------------------ table 三: the row total decides
    # "120000012" = 9 digits for 7 cells; two digits join a neighbour, only where a non-zero digit
    # begins a number (positions 0, 1, 7): 120|0|0|0|0|1|2, 12|0|0|0|0|0|12, 1|200|0|0|0|1|2,
    # 1|20|0|0|0|0|12; only 12 = 12+0+0+0+0+0 holds
    pytest.param(
        "三", row("R3_NEW", "120000012"), RUNON, [12, 0, 0, 0, 0, 0, 12], id="t3-one-split-fits-the-row-total"
    ),
    # "110000011": 11|0|0|0|0|0|11 and 1|10|0|0|0|0|11 both hold (and two others do not)
    pytest.param("三", row("R3_NEW", "110000011"), RUNON, unreadable(7), id="t3-two-splits-fit-unreadable"),
    pytest.param("三", row("R3_NEW", "0000000"), RUNON, zeros(7), id="t3-seven-zeros-one-digit-a-cell"),
    pytest.param("三", row("R3_NEW", "1001"), RUNON, unreadable(7), id="t3-fewer-digits-than-cells"),
    # "50000005": only 50|0|0|0|0|0|5 (a zero begins no number); 50 ≠ 5
    pytest.param("三", row("R3_NEW", "50000005"), RUNON, unreadable(7), id="t3-only-split-fails-the-total"),
    pytest.param(
        "三", row("R3_NEW", "50000005"), COMPLETE, [50, 0, 0, 0, 0, 0, 5], id="t3-only-split-of-a-complete-table"
    ),
    pytest.param(
        "三",
        row("R3_NEW", "50000005", positional=True),
        COMPLETE,
        unreadable(7),
        id="t3-digits-run-together-between-pipes-need-the-arithmetic",
    ),
    pytest.param("三", row("R3_NEW", "249 0 0 0 5 0 254"), RUNON, [249, 0, 0, 0, 5, 0, 254], id="t3-values-apart"),
    pytest.param(
        "三", row("R3_NEW", "1 0 0 0 0 0 1 9"), RUNON, [1, 0, 0, 0, 0, 0, 1], id="t3-value-beyond-the-columns-is-extra"
    ),
    pytest.param("三", row("R3_NEW", "0000000 t:三"), RUNON, zeros(7), id="t3-stray-text-tail"),
    pytest.param("三", row("R3_NEW", ""), RUNON, ["blank"] * 7, id="t3-no-value-all-blank"),
    pytest.param(
        "三",
        row("R3_NEW", "— / 无 \\ - 0 0"),
        RUNON,
        ["placeholder"] * 5 + [0, 0],
        id="t3-placeholders",
    ),
    pytest.param("三", row("R3_NEW", "t:约3 0 0 0 0 0 0"), RUNON, ["invalid", *zeros(6)], id="t3-text-cell-invalid"),
    # ------------------------------------------------------------ pipes
    pytest.param(
        "三",
        row("R3_NEW", "5 0 0", positional=True),
        RUNON,
        [5, 0, 0, "blank", "blank", "blank", "blank"],
        id="pipe-row-short-of-cells-ends-with-blanks",
    ),
    pytest.param(
        "三",
        row("R3_NEW", "0 0 0 0 0 0 0 _ _", positional=True),
        RUNON,
        zeros(7),
        id="pipe-ghost-cells-beyond-the-columns-dropped",
    ),
    # "12 0 0 0 0 0": six values for seven cells; the only split 1|2|0|0|0|0|0 fails the total
    pytest.param(
        "三", row("R3_NEW", "12 0 0 0 0 0", positional=True), RUNON, unreadable(7), id="pipe-row-fused-not-full-width"
    ),
    pytest.param(
        "三",
        row("R3_NEW", "12 0 0 0 0 0", positional=True, full_width=True, trailing_empty=(Span(120, 121),)),
        RUNON,
        [12, 0, 0, 0, 0, 0, "blank"],
        id="pipe-row-full-width-ends-with-an-empty-cell",
    ),
    # ------------------------------------------------------------ table 四: block totals
    pytest.param(
        "四",
        row(T.VALUES_4, "111030000000000"),
        RUNON,
        [1, 1, 1, 0, 3, *zeros(10)],
        id="t4-fifteen-digits-fifteen-cells",
    ),
    # "10200120000000000" = 17 digits for 15 cells: numbers begin at the non-zero digits 0, 2, 5, 6;
    # the nine splits (one 3-digit number at 0, 2, 5 or 6; two 2-digit ones at 0+2, 0+5, 0+6, 2+5,
    # 2+6) give 行政复议 102|0|0|1|2, 1|0|200|1|2, 1|0|2|0|0, 1|0|2|0|0, 10|20|0|1|2, 10|2|0|0|12,
    # 10|2|0|0|1, 1|0|20|0|12, 1|0|20|0|1: only 10+2+0+0 = 12 holds
    pytest.param(
        "四",
        row(T.VALUES_4, "10200120000000000"),
        RUNON,
        [10, 2, 0, 0, 12, *zeros(10)],
        id="t4-block-total-decides",
    ),
    # ------------------------------------------------------------ table 二: no arithmetic
    pytest.param("二", row("R2_RULES", "000"), RUNON, zeros(3), id="t2-zeros-one-digit-a-cell"),
    pytest.param("二", row("R2_RULES", "008"), RUNON, [0, 0, 8], id="t2-zeros-then-a-digit"),
    # "025": 0|2|5 is the only split, but with cells dropped elsewhere it may be 0|·|25
    pytest.param("二", row("R2_RULES", "025"), RUNON, unreadable(3), id="t2-one-split-cells-may-be-dropped"),
    pytest.param("二", row("R2_RULES", "025"), COMPLETE, [0, 2, 5], id="t2-one-split-every-cell-written"),
    # "1552": 1|5|52, 1|55|2, 15|5|2
    pytest.param("二", row("R2_RULES", "1552"), COMPLETE, unreadable(3), id="t2-three-splits-no-arithmetic"),
    pytest.param("二", row("R2_RULES", "1012.5"), COMPLETE, unreadable(3), id="t2-decimal-in-a-count-column"),
    pytest.param("二", row("R2_RULES", "减123"), COMPLETE, unreadable(3), id="t2-sign-in-an-unsigned-column"),
    pytest.param("二", row("R2_FEES", "1552.86"), RUNON, [1552.86], id="t2-fee-amount-one-cell"),
    pytest.param(
        "二", row("R2_LICENSING", "12 减3 4", V19), RUNON, [12, -3, 4], id="t2-v2019-signed-change-written-apart"
    ),
    # "200万元" for 采购项目数量, 采购总金额: 20|0万元 only (00 is no number)
    pytest.param("二", row("R2_PROCUREMENT", "200万元", V19), COMPLETE, [20, 0], id="t2-unit-stays-with-the-last"),
]


@pytest.mark.parametrize(("table", "raw", "writing", "expected"), ROWS)
def test_one_row(table: str, raw: RawRow, writing: Writing, expected: list[object]) -> None:
    (res,) = cells.resolve_table([raw], relations(table), writing)
    assert show(res) == expected
    assert tuple(c.key for c in res.cells) == raw.keys


def test_split_cells_are_marked_and_placed_in_the_digits() -> None:
    (res,) = cells.resolve_table([row("R3_NEW", "120000012")], relations("三"), RUNON)
    assert all(c.split for c in res.cells)
    # the run starts at 100: 12 | 0 | 0 | 0 | 0 | 0 | 12
    assert [(c.span.start, c.span.end, c.raw) for c in res.cells] == [
        (100, 102, "12"),
        (102, 103, "0"),
        (103, 104, "0"),
        (104, 105, "0"),
        (105, 106, "0"),
        (106, 107, "0"),
        (107, 109, "12"),
    ]
    assert res.cells[0].key == T.key("R3_NEW", "C3_NATURAL") and res.cells[-1].key == T.key("R3_NEW", "C3_TOTAL")


def test_extra_values_and_stray_text_are_kept_aside() -> None:
    res = cells.resolve_table(
        [row("R3_NEW", "1 0 0 0 0 0 1 9"), row("R3_CARRIED", "0000000 t:三")], relations("三"), RUNON
    )
    assert [v.text for v in res[0].extra] == ["9"]
    assert [(v.terminal, v.text) for v in res[1].extra] == [("CELLTEXT", "三")]
    (ghosts,) = cells.resolve_table([row("R3_NEW", "0 0 0 0 0 0 0 _ _", positional=True)], relations("三"), RUNON)
    assert ghosts.extra == ()  # empty pipe cells beyond the template's columns are no values


def test_blank_cells_stand_where_the_empty_pipe_cells_are() -> None:
    raw = row("R3_NEW", "12 0 0 0 0 0", positional=True, full_width=True, trailing_empty=(Span(120, 121),))
    (res,) = cells.resolve_table([raw], relations("三"), RUNON)
    assert res.cells[-1].span == Span(120, 121)
    (res,) = cells.resolve_table([row("R3_NEW", "5 0 0", positional=True)], relations("三"), RUNON)
    assert {c.span for c in res.cells[3:]} == {Span(105, 105)}  # just after the last value


# --------------------------------------------------------------------------- the table's arithmetic


def test_the_tables_balance_chooses_between_two_splits() -> None:
    """一、本年新收 "110000011" reads 11|0|0|0|0|0|11 or 1|10|0|0|0|0|11 (both hold its row total);
    with 二 = 0, （七）总计 = 1 10 0 0 0 0 11 and 四 = 0, 勾稽关系 per column (一 + 二 = （七） + 四)
    leaves only the second."""
    rows = [
        row("R3_NEW", "110000011"),
        row("R3_CARRIED", "0 0 0 0 0 0 0"),
        row("R3_TOTAL", "1 10 0 0 0 0 11"),
        row("R3_CARRY_OVER", "0 0 0 0 0 0 0"),
    ]
    res = cells.resolve_table(rows, relations("三"), RUNON)
    assert show(res[0]) == [1, 10, 0, 0, 0, 0, 11]
    assert all(c.split for c in res[0].cells)


def test_without_the_other_rows_the_balance_cannot_choose() -> None:
    rows = [row("R3_NEW", "110000011"), row("R3_CARRIED", "0 0 0 0 0 0 0")]
    res = cells.resolve_table(rows, relations("三"), RUNON)
    assert show(res[0]) == unreadable(7)


# --------------------------------------------------------------------------- unreadable: how many splits

CANDIDATES = [
    pytest.param("三", row("R3_NEW", "110000011"), RUNON, 2, id="two-fit"),
    pytest.param("三", row("R3_NEW", "1001"), RUNON, 0, id="no-split-at-all"),
    pytest.param("二", row("R2_RULES", "025"), RUNON, 1, id="table-2-one-split-not-taken"),
    pytest.param("二", row("R2_RULES", "1552"), COMPLETE, 3, id="table-2-three-splits"),
    pytest.param("二", row("R2_RULES", "1012.5"), COMPLETE, 0, id="table-2-no-split-allowed"),
    pytest.param(
        "三",
        row("R3_NEW", "10000010"),  # 10|0|0|0|0|1|0 and 1|0|0|0|0|0|10: 11 ≠ 0, 1 ≠ 10
        RUNON,
        0,
        id="splits-none-of-which-fits",
    ),
]


@pytest.mark.parametrize(("table", "raw", "writing", "count"), CANDIDATES)
def test_unreadable_cells_say_how_many_splits_fitted(table: str, raw: RawRow, writing: Writing, count: int) -> None:
    (res,) = cells.resolve_table([raw], relations(table), writing)
    assert {c.status for c in res.cells} == {CellStatus.UNREADABLE}
    assert {c.candidates for c in res.cells} == {count}
    assert not any(c.untried for c in res.cells)


# --------------------------------------------------------------------------- splits: signs, decimals, units

SPLITS = [
    # V2019 第二十条第（五）项: 上一年项目数量, 本年增/减 (signed), 处理决定数量. "71" and "减3516": the sign
    # goes with the first number of its run, and only 本年增/减 may be negative (so "71" is one cell)
    pytest.param(
        "R2_LICENSING",
        V19,
        "71 减3516",
        {(71, -3, 516), (71, -35, 16), (71, -351, 6)},
        id="sign-with-the-first-number-negative-only-when-signed",
    ),
    # V2019 第二十条第（九）项: 采购项目数量, 采购总金额 (money): decimals go with the last number
    pytest.param(
        "R2_PROCUREMENT",
        V19,
        "413495.917",
        {
            (4, Decimal("13495.917")),
            (41, Decimal("3495.917")),
            (413, Decimal("495.917")),
            (4134, Decimal("95.917")),
            (41349, Decimal("5.917")),
        },
        id="decimals-with-the-last-number",
    ),
    pytest.param("R2_PROCUREMENT", V19, "200万元", {(20, 0)}, id="no-number-begins-with-zero"),
    pytest.param("R2_RULES", V21, "1012.5", set(), id="decimals-only-in-money-columns"),
    pytest.param("R2_RULES", V21, "减123", set(), id="signed-only-in-the-change-column"),
    pytest.param("R2_RULES", V21, "12 345", {(1, 2, 345), (12, 3, 45), (12, 34, 5)}, id="two-runs"),
]


@pytest.mark.parametrize(("terminal", "version", "spec", "readings"), SPLITS)
def test_iter_splits(terminal: str, version: Version, spec: str, readings: set[tuple[object, ...]]) -> None:
    place = T.row_place(version, terminal)
    got = {tuple(s.values) for s in splits.iter_splits(raw_values(spec), place.columns)}
    assert got == {tuple(Decimal(str(v)) for v in r) for r in readings}


def test_a_unit_stays_with_the_last_number() -> None:
    place = T.row_place(V19, "R2_PROCUREMENT")
    (split,) = splits.iter_splits(raw_values("200万元"), place.columns)
    assert split.raws == ("20", "0万元")
    assert [(s.start, s.end) for s in split.spans] == [(100, 102), (102, 105)]


@pytest.mark.parametrize(
    ("spec", "k", "ways"),
    [
        pytest.param("110000011", 7, 28, id="nine-digits-seven-cells-c(8,6)"),
        pytest.param("12 345", 3, 3, id="two-runs"),
        pytest.param("0 0 0", 3, 1, id="one-digit-each"),
        pytest.param("1001", 7, 0, id="too-few-digits"),
    ],
)
def test_count_splits(spec: str, k: int, ways: int) -> None:
    assert splits.count_splits(raw_values(spec), k) == ways


# --------------------------------------------------------------------------- the report's budget


def test_the_budget_is_the_reports() -> None:
    assert SplitBudget().remaining == cells.REPORT_SPLITS


@pytest.mark.parametrize(
    ("remaining", "tried", "left"),
    [
        pytest.param(27, [False], 27, id="one-short-untried"),
        pytest.param(28, [True], 0, id="just-enough"),
        pytest.param(40, [True, False], 12, id="second-row-beyond-the-budget"),
        pytest.param(56, [True, True], 0, id="both-rows"),
    ],
)
def test_rows_beyond_the_budget_are_untried(remaining: int, tried: list[bool], left: int) -> None:
    """Each "110000011" row costs C(8,6) = 28 ways."""
    budget = SplitBudget(remaining)
    rows = [row(t, "110000011") for t in ("R3_NEW", "R3_CARRIED")[: len(tried)]]
    res = cells.resolve_table(rows, relations("三"), RUNON, budget)
    for r, was_tried in zip(res, tried, strict=True):
        assert {c.status for c in r.cells} == {CellStatus.UNREADABLE}
        assert {c.untried for c in r.cells} == {not was_tried}
        assert {c.candidates for c in r.cells} == {2 if was_tried else 28}
    assert budget.remaining == left


def test_a_run_with_too_many_ways_is_unreadable_without_spending_the_budget() -> None:
    budget = SplitBudget()
    (res,) = cells.resolve_table([row(T.VALUES_4, "1" * 30)], relations("四"), RUNON, budget)  # C(29,14) ways
    assert {c.candidates for c in res.cells} == {splits.MAX_SPLITS + 1}
    assert not any(c.untried for c in res.cells)
    assert budget.remaining == cells.REPORT_SPLITS


# --------------------------------------------------------------------------- cells written apart


def lines(*gaps: int) -> object:
    """The empty lines before each value and after the last, as zero-width spans."""
    return lambda: tuple(tuple(Span(i, i) for i in range(n)) for n in gaps)


APARTS = [
    pytest.param(row("R3_NEW", "0 0 0 0 0 00"), None, zeros(7), id="zeros-peeled-off-a-run"),
    pytest.param(row("R3_NEW", "1 2 3 4 5"), None, unreadable(7), id="short-row-which-cell-is-empty-unknown"),
    pytest.param(row("R3_NEW", "24900050254"), None, unreadable(7), id="a-value-is-one-cell-whatever-its-digits"),
    pytest.param(row("R3_NEW", "1 0 0 0 0 0 1"), None, [1, 0, 0, 0, 0, 0, 1], id="full-row"),
    # one value a line; gap 0: an empty line is an empty cell
    pytest.param(row("R2_RULES", "1 3", lines_of=lines(0, 1, 0)), 0, [1, "blank", 3], id="empty-line-is-an-empty-cell"),
    # gap 1: one empty line separates cells, three hold one empty cell
    pytest.param(row("R2_RULES", "1 3", lines_of=lines(0, 1, 0)), 1, unreadable(3), id="separator-line-only"),
    pytest.param(row("R2_RULES", "1 3", lines_of=lines(0, 3, 0)), 1, [1, "blank", 3], id="separator-empty-separator"),
    pytest.param(row("R2_RULES", "1 3", lines_of=lines(0, 2, 0)), 1, unreadable(3), id="not-the-tables-rhythm"),
]


@pytest.mark.parametrize(("raw", "gap", "expected"), APARTS)
def test_cells_written_apart(raw: RawRow, gap: int | None, expected: list[object]) -> None:
    table = "二" if raw.keys[0].table == "二" else "三"
    (res,) = cells.resolve_table([raw], relations(table), Writing(complete=True, apart=True, gap=gap))
    assert show(res) == expected


# --------------------------------------------------------------------------- how a report writes its cells

WRITINGS = [
    pytest.param([row("R3_NEW", "120000012"), row("R3_CARRIED", "0000000")], True, False, id="run-on-every-cell"),
    pytest.param([row("R3_NEW", "120000012"), row("R3_CARRIED", "000")], False, False, id="run-on-a-row-short"),
    pytest.param(
        [row("R3_NEW", "1 0 0 0 0 0 1"), row("R3_CARRIED", "0 0 0 0 0 0 0"), row("R3_TOTAL", "0000000")],
        True,
        True,
        id="apart-more-rows-than-run-together",
    ),
    pytest.param(
        [row("R3_NEW", "1 0 0 0 0 0 1"), row("R3_CARRIED", "0000000"), row("R3_TOTAL", "0000000")],
        True,
        False,
        id="run-together-more-rows",
    ),
    pytest.param(
        [row("R3_NEW", "1 0", positional=True), row("R3_CARRIED", "0000000")],
        True,
        False,
        id="pipe-rows-do-not-count",
    ),
]


@pytest.mark.parametrize(("rows", "complete", "apart"), WRITINGS)
def test_writing_of_the_rows(rows: list[RawRow], complete: bool, apart: bool) -> None:
    writing = Writing.of(rows)
    assert (writing.complete, writing.apart) == (complete, apart)


# --------------------------------------------------------------------------- numbers and cells as written

NUMBERS = [
    pytest.param("0", (0, ""), id="zero"),
    pytest.param("增3", (3, ""), id="zeng"),
    pytest.param("减2", (-2, ""), id="jian"),
    pytest.param("减 3", (-3, ""), id="jian-space"),
    pytest.param("-8", (-8, ""), id="minus"),
    pytest.param("+5", (5, ""), id="plus"),
    pytest.param("1,234", (1234, ""), id="thousands"),
    pytest.param("1,234,567", (1234567, ""), id="millions"),
    pytest.param("297.17万元", (Decimal("297.17"), "万元"), id="wan-yuan"),
    pytest.param("0.5 万元", (Decimal("0.5"), "万元"), id="wan-yuan-spaced"),
    pytest.param("297.17万 元", (Decimal("297.17"), "万元"), id="unit-characters-spaced-as-pdf-text-does"),
    pytest.param("3 人 次", (3, "人次"), id="renci-spaced"),
    pytest.param("3万 件", None, id="spaced-words-are-no-unit"),
    pytest.param("251000元", (251000, "元"), id="yuan"),
    pytest.param("5件", (5, "件"), id="jian-counter"),
    pytest.param("3人次", (3, "人次"), id="renci"),
    pytest.param(" 12 ", (12, ""), id="spaces-around"),
    pytest.param("1,23", None, id="bad-grouping"),
    pytest.param("12.5.3", None, id="two-points"),
    pytest.param("约3", None, id="words-before"),
    pytest.param("3万", None, id="wan-is-no-unit"),
    pytest.param("１２", None, id="fullwidth-digits-are-folded-before"),
    pytest.param("", None, id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number(text: str, expected: tuple[object, str] | None) -> None:
    got = parse_number(text)
    assert got == (None if expected is None else (Decimal(expected[0]), expected[1]))  # type: ignore[arg-type]


KEY = T.key("R2_RULES", "T2_ISSUED")
READS = [
    pytest.param("BLANK", "", "", (CellStatus.BLANK, None, ""), id="blank"),
    pytest.param("PLACEHOLDER", "—", "—", (CellStatus.PLACEHOLDER, None, ""), id="placeholder"),
    pytest.param("CELLTEXT", "约3", "约3", (CellStatus.INVALID, None, ""), id="text"),
    pytest.param("NUM", "１２", "12", (CellStatus.OK, 12, ""), id="fullwidth-number-read-from-analysis"),
    pytest.param("NUM", "297.17万元", "297.17万元", (CellStatus.OK, Decimal("297.17"), "万元"), id="money"),
    pytest.param("NUM", "减2", "减2", (CellStatus.OK, -2, ""), id="signed"),
    pytest.param("NUM", "12.5.3", "12.5.3", (CellStatus.INVALID, None, ""), id="bad-number"),
]


@pytest.mark.parametrize(("terminal", "raw", "text", "expected"), READS)
def test_read_cell(terminal: str, raw: str, text: str, expected: tuple[CellStatus, object, str]) -> None:
    cell = read_cell(KEY, RawValue(terminal, Span(5, 5 + len(raw)), raw, text))
    assert (cell.status, cell.value, cell.unit) == expected
    assert (cell.key, cell.raw, cell.span) == (KEY, raw, Span(5, 5 + len(raw)))
