"""The five seed reports: sections, every table cell as written, and the deviations they contain.

The expectations below were written by reading the seed files line by line (``corpus/seeds``), not
from nianbao's output: section heading lines, then each table row's cells in template order.
In the cell strings "_" stands for an empty cell and "\\" for the placeholder the report wrote.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import diagnostics, parsed, seed

from nianbao import template as T
from nianbao.syntax.nodes import CellStatus, Heading, Section

Z = "0 0 0 0 0 0 0"
P = " ".join(["\\"] * 7)
B = " ".join(["_"] * 7)
T2_ROWS = [
    "规章",
    "规范性文件",
    "行政许可",
    "其他对外管理服务事项",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "政府集中采购",
]

SEEDS = {
    "000": {
        "sections": [5, 10, 29, 56, 61, 64],
        "t2": ["\\ \\ \\", "1 1 1", "3 0 8073", "\\ \\ \\", "23 0 1263", "\\ \\ \\", "\\ \\", "\\ \\"],
        "t3": [P] * 23,
        "t4": " ".join(["\\"] * 15),
    },
    "001": {
        "sections": [13, 29, 139, 538, 609, 621],
        "t2": ["0 0 0", "13 13 13", "0 0 0", "0 0 0", "0 0 0", "0 0 0", "0 0", "11 297.17萬元"],
        "t3": [
            "49 42 3 0 0 4 49",
            "5 0 0 0 0 0 5",
            "38 36 0 0 0 2 36",
            "2 0 0 0 0 0 2",
            Z,
            Z,
            Z,
            Z,
            Z,
            Z,
            "1 0 0 0 0 0 1",
            Z,  # （三）不予公开 1–8
            "2 1 0 0 0 1 2",
            "2 1 0 0 0 0 3",
            "1 0 0 0 0 0 1",  # （四）无法提供 1–3
            Z,
            "1 0 0 0 0 0 1",
            Z,
            Z,
            Z,  # （五）不予处理 1–5
            "1 0 0 0 0 0 1",  # （六）其他处理
            "46 1 0 0 0 2 49",  # （七）总计
            Z,  # 四、结转下年度继续办理
        ],
        "t4": "0 1 2 0 3 0 1 0 0 1 0 0 0 0 0",
    },
    "002": {
        "sections": [1, 18, 37, 64, 69, 72],
        "t2": ["0 0 0", "0 0 0", "7479 增413 7892", "0 0 0", "12 增11 23", "0 0 0", "0 0", "0 0"],
        "t3": [Z] * 23,
        "t4": "0 0 0 0 0 0 0 0 1 1 0 0 0 0 0",
    },
    "003": {
        "sections": [1, 6, 60, 259, 294, 297],
        "t2": ["0 0 0", "0 0 0", "112 增3 3", "0 0 0", "0 0 0", "0 0 0", "0 0", "45 13713.89元"],
        "t3": [Z] * 23,
        "t4": " ".join(["0"] * 15),
    },
    "004": {
        "sections": [11, 29, 131, 370, 433, 443],
        "t2": ["0 0 0", "10 10 10", "517 31 486", "_ _ _", "0 0 0", "_ _ _", "19 0", "0 0"],
        "t3": [B] * 23,
        "t4": " ".join(["_"] * 15),
    },
}


def _expected_cells(name: str) -> dict[T.CellKey, str]:
    exp = SEEDS[name]
    out: dict[T.CellKey, str] = {}
    t2_keys = T.table("二", T.Version.V2019).cells
    values = [v for row in exp["t2"] for v in row.split()]  # type: ignore[attr-defined]
    assert len(values) == len(t2_keys) == 22
    out.update(zip(t2_keys, values, strict=True))
    t3_keys = T.table("三", T.Version.V2019).cells
    values = [v for row in exp["t3"] for v in row.split()]  # type: ignore[attr-defined]
    assert len(values) == len(t3_keys) == 161
    out.update(zip(t3_keys, values, strict=True))
    out.update(zip(T.table("四", T.Version.V2019).cells, exp["t4"].split(), strict=True))  # type: ignore[attr-defined]
    return out


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_parses_losslessly(name: str) -> None:
    p = parsed(seed(name))
    assert "".join(p.source.slice(leaf.span) for leaf in p.report.leaves()) == p.source.text


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_sections(name: str) -> None:
    p = parsed(seed(name))
    lines = []
    for number in range(1, 7):
        section = p.report.sections[number]
        assert isinstance(section, Section)
        assert isinstance(section.heading, Heading)
        lines.append(p.source.position(section.heading.span.start).line)
    assert lines == SEEDS[name]["sections"]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_cells_as_written(name: str) -> None:
    p = parsed(seed(name))
    assert p.report.version is T.Version.V2019
    cells = {c.key: c for c in p.report.cells()}
    expected = _expected_cells(name)
    assert set(cells) == set(expected), "every template cell, and only those, is read"
    for key, want in expected.items():
        cell = cells[key]
        if want == "_":
            assert cell.status is CellStatus.BLANK, key
        elif want == "\\":
            assert cell.status is CellStatus.PLACEHOLDER and cell.raw.strip() == "\\", key
        else:
            assert cell.status is CellStatus.OK, key
            assert cell.raw.strip() == want, key


def test_seed_001_values_are_numbers() -> None:
    cells = {(c.key.row, c.key.column): c for c in parsed(seed("001")).report.cells()}
    assert cells[("政府集中采购", "采购总金额")].number == 297.17
    assert cells[("政府集中采购", "采购总金额")].unit == "万元"
    assert cells[("（七）总计", "总计")].number == 49


def test_seed_002_signed_changes() -> None:
    cells = {(c.key.row, c.key.column): c for c in parsed(seed("002")).report.cells()}
    assert cells[("行政许可", "本年增/减")].number == 413
    assert cells[("行政处罚", "本年增/减")].number == 11


def _codes(name: str, severities: tuple[str, ...] = ("error", "warning")) -> Counter[tuple[str, int]]:
    p = parsed(seed(name))
    return Counter(
        (d.code, p.source.position(d.span.start).line) for d in diagnostics(seed(name)) if d.severity in severities
    )


def test_seed_000_placeholders_and_truncated_headers() -> None:
    t202_lines = [13, 18, 22, 25, 28, *range(33, 56), 60]
    assert _codes("000") == Counter({("T105", 12): 2, **{("T202", line): 1 for line in t202_lines}})


def test_seed_001_arithmetic_and_labels() -> None:
    expected = Counter(
        {
            # row totals: 一 (49 ≠ 98), （一） (36 ≠ 76), （四）1 (2 ≠ 4)
            ("A102", 174): 1,
            ("A102", 208): 1,
            ("A102", 372): 1,
            # 勾稽关系 per column, reported at （七）总计: 自然人, 商业企业, 科研机构, 其他, 总计
            ("A101", 506): 1,
            ("A101", 508): 1,
            ("A101", 510): 1,
            ("A101", 516): 1,
            ("A101", 518): 1,
            # column totals at （七）总计: 自然人 48≠46, 商业企业 38≠1, 其他 3≠2, 总计 47≠49
            ("A103", 506): 1,
            ("A103", 508): 1,
            ("A103", 516): 1,
            ("A103", 518): 1,
            ("T104", 390): 1,  # 3.申請內容不明確 for 3.补正后申请内容仍不明确
            ("T105", 548): 1,  # 駁回申請 for 其他结果 (行政复议)
            ("T105", 572): 1,  # 駁回起訴 for 其他结果 (复议后起诉)
        }
    )
    assert _codes("001") == expected
    infos = _codes("001", ("info",))
    assert infos[("S103", 609)] == 1  # 五、政府信息公开工作存在的主要问题及改进情况: a known variant
    assert infos[("T104", 192)] == 1  # 本年度辦理結果 without 三、
    assert infos[("X102", 2)] == 1 and infos[("X103", 1)] == 1


def test_seed_002_missing_title_and_truncated_headers() -> None:
    assert _codes("002") == Counter({("S104", 1): 1, ("T105", 20): 2})


def test_seed_003_unit_mismatch() -> None:
    assert _codes("003") == Counter({("S104", 1): 1, ("N101", 2): 1})
    d = next(d for d in diagnostics(seed("003")) if d.code == "N101")
    assert "13713.89万元" in d.message and "13713.89元" in d.message


def test_seed_004_blank_cells_late_and_period() -> None:
    t201_lines = [75, 98, 153, 162, 173, 182, 193, 202, 211, 220, 229, 238, 247, 256, 267, 276, 285, 296, 305, 314,
                  323, 332, 341, 350, 359, 408]  # fmt: skip
    expected = Counter({("D103", 5): 1, ("D102", 9): 1, **{("T201", line): 1 for line in t201_lines}})
    assert _codes("004") == expected


def test_seed_metadata() -> None:
    m = parsed(seed("000")).meta
    assert (m.agency, m.year, str(m.published.value)) == ("衡陽市煙草專賣局", 2019, "2020-01-19")  # type: ignore[union-attr]
    m = parsed(seed("001")).meta
    assert (m.agency, m.year, str(m.published.value)) == ("衡陽市人民政府辦公室", 2019, "2020-03-25")  # type: ignore[union-attr]
    m = parsed(seed("004")).meta
    assert (m.agency, m.year, m.published.origin) == ("株洲市渌口区行政审批服务局", 2020, "page")  # type: ignore[union-attr]
    assert m.period is not None and not m.period.readable
    m = parsed(seed("003")).meta
    assert m.agency == "牟定縣政務服務管理局" and m.year == 2020
