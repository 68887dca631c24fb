"""Real texts as crawled (../shared/corpus-real, read in place; skipped when absent).

Expected values were read from the files themselves: for run-on text, by working out the only
split of the fused digits that the template's arithmetic allows.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import REAL

from nianbao.api import lint, parse
from nianbao.syntax.nodes import CellStatus

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus-real is not available")

T3_ROW1 = "一、本年新收政府信息公开申请数量"
T3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def real(prefix: str) -> Path:
    return next(REAL.glob(f"{prefix}_*.txt"))


def row_values(path: Path, row: str) -> list[object]:
    cells = {c.key.column: c for c in parse(path).report.cells() if c.key.row == row}
    return [cells[c].value if cells[c].status is CellStatus.OK else cells[c].status.value for c in T3_COLUMNS]


def table4(path: Path) -> list[object]:
    return [c.value for c in parse(path).report.cells() if c.key.table == "四"]


@pytest.mark.parametrize("prefix", ["029", "032", "033", "034", "036"])
def test_not_reports_say_so_once(prefix: str) -> None:
    diags = lint(real(prefix))
    assert [d.code for d in diags] == ["S001"]


def test_every_real_text_is_read_without_crashing() -> None:
    for path in sorted(REAL.glob("0*.txt")):
        p = parse(path)
        assert "".join(p.source.slice(leaf.span) for leaf in p.report.leaves()) == p.source.text
        lint(p)


def test_runon_digits_split_by_column_totals() -> None:
    """016: ``…申请数量121010014`` has two splits with a right row total (12|1|0|1|0|0|14 and
    1|2|10|1|0|0|14); only the first agrees with the column totals of the outcome rows."""
    path = real("016")
    assert row_values(path, T3_ROW1) == [12, 1, 0, 1, 0, 0, 14]
    assert row_values(path, "（七）总计") == [12, 1, 0, 1, 0, 0, 14]
    assert table4(path) == [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]
    cells = {(c.key.row, c.key.column): c for c in parse(path).report.cells()}
    # 行政规范性文件5426: 5|4|26, 5|42|6 or 54|2|6 — table 二 has no arithmetic: not guessed
    fused = cells[("行政规范性文件", "本年制发件数")]
    assert fused.status is CellStatus.UNREADABLE and fused.candidates == 3
    assert cells[("行政事业性收费", "本年收费金额（单位：万元）")].value == Decimal("650.6")
    codes = Counter(d.code for d in lint(path) if d.severity != "info")
    assert codes == Counter({"T204": 1, "S104": 1})


def test_pdf_text_column_by_column() -> None:
    """011 (pdfminer): the labels of tables 二 and 三 come first, then their numbers column after
    column. Which number is whose cannot be known: every cell of those tables is unreadable, said
    once per table (T208), with no blank-cell, arithmetic or per-row findings made of misplaced
    numbers. Table 四 keeps its rows' numbers: the same as pypdf's row-wise text (012)."""
    path = real("011")
    p = parse(path)
    cells = [c for c in p.report.cells() if c.key.table in ("二", "三")]
    assert cells and {c.status for c in cells} == {CellStatus.UNREADABLE}
    diags = lint(p)
    detached = [d for d in diags if d.code == "T208"]
    assert [d.table for d in detached] == ["二", "三"]
    # from the first number standing apart: line 140 "1" (after the header cells of table 二) and
    # line 264 "3001" (一、本年新收, 自然人 in 012's rows)
    assert [p.source.position(d.span.start).line for d in detached] == [140, 264]
    assert not [d for d in diags if d.code in ("T201", "T204", "T106", "A101", "A102", "A103")]
    assert table4(path) == table4(real("012"))


def test_pdf_text_row_by_row() -> None:
    """012 (pypdf): rows with space-separated numbers, labels wrapped over lines."""
    path = real("012")
    assert row_values(path, T3_ROW1) == [3001, 53, 0, 0, 61, 4, 3119]
    assert row_values(path, "（七）总计") == [2932, 53, 0, 0, 61, 4, 3050]
    assert row_values(path, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请") == [
        67,
        3,
        0,
        0,
        1,
        0,
        71,
    ]
    assert table4(path) == [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
    meta = parse(path).meta
    assert (meta.agency, meta.year) == ("淮安市人民政府", 2024)


def test_cr_only_cells() -> None:
    """025: one cell per line, lines ending in a lone CR, header cells split over lines."""
    path = real("025")
    p = parse(path)
    assert row_values(path, T3_ROW1) == [41, 2, 0, 0, 1, 0, 44]
    assert row_values(path, "（七）总计") == [41, 2, 0, 0, 1, 0, 44]
    assert table4(path)[10:] == [1, 0, 0, 0, 1]
    serious = [d.code for d in lint(p) if d.severity in ("error", "warning")]
    assert serious == ["S104"]
    heading = p.report.sections[3].heading
    assert heading is not None and p.source.position(heading.span.start).line == 145


def test_organ_of_a_title_quoted_in_the_introduction() -> None:
    """024 has no title line; its introduction says "…要求，发布河北省教育厅2021年政府信息公开工作年度报告"."""
    meta = parse(real("024")).meta
    assert (meta.agency, meta.year) == ("河北省教育厅", 2021)


@pytest.mark.parametrize(
    ("prefix", "organ"),
    [
        ("013", "河北省工业和信息化厅"),  # "…编写了《河北省工业和信息化厅2019年度政府信息公开工作报告》"
        ("018", "河北省科学技术厅"),  # "2019年以来，河北省科学技术厅深入贯彻…"
        ("020", "河北省科学技术厅"),  # "2021年，河北省科学技术厅坚持…"
        ("016", "省工业和信息化厅"),  # "2022年，省工业和信息化厅坚持…": as written
    ],
)
def test_organ_named_in_the_text_when_the_title_is_lost(prefix: str, organ: str) -> None:
    meta = parse(real(prefix)).meta
    assert meta.agency == organ
    assert meta.agency_span is not None and parse(real(prefix)).source.slice(meta.agency_span) == organ


def test_organ_not_named_stays_unknown() -> None:
    """028 says only "现将我厅政务公开工作报告如下"."""
    assert parse(real("028")).meta.agency is None


def test_short_name_of_a_run_paired_with_the_full_one(tmp_path: Path) -> None:
    """016 and 017 say 省工业和信息化厅, 015 河北省工业和信息化厅: one organ, so the years are compared.
    In a copy of 017 whose carry-over no longer matches 2022's 结转下年度, C101 finds it against 016."""
    import json

    from click.testing import CliRunner

    from nianbao.cli import main

    for prefix in ("015", "016", "017"):
        (tmp_path / real(prefix).name).write_bytes(real(prefix).read_bytes())
    later = tmp_path / real("017").name
    text = later.read_text("utf-8")
    carried = "二、上年结转政府信息公开申请数量0000000"  # 2022 carried nothing forward
    assert text.count(carried) == 1
    later.write_text(text.replace(carried, "二、上年结转政府信息公开申请数量1000001"), "utf-8")
    out = CliRunner().invoke(main, ["lint", "--isolated", str(tmp_path), "--format", "json", "--select", "C1"])
    found = [d for d in json.loads(out.stdout)["diagnostics"] if d["code"] == "C101"]
    assert [(Path(d["path"]).name, d["cell"]["column"]) for d in found] == [(later.name, "自然人")]
    assert "自然人列本年1、上年结转下年度0" in found[0]["message"] and "总计列本年1" in found[0]["message"]
    assert all(Path(d["related"][0]["path"]).name == real("016").name for d in found)


def test_signature_run_into_the_last_paragraph() -> None:
    """031 ends "…未收取信息处理费。河北省人力资源和社会保障厅2023年1月29日" and then the site's
    footer: the date is the signature, and it is earlier than the end of the year reported on (the
    report was published on 2024-01-31: a wrong year), D104."""
    p = parse(real("031"))
    assert p.meta.published is not None and p.meta.published.origin == "signature"
    assert p.source.slice(p.meta.published.span) == "2023年1月29日"
    (d,) = [d for d in lint(p) if d.code == "D104"]
    assert d.span == p.meta.published.span and "早于2023年度结束" in d.message
    assert str(parse(real("027")).meta.published.value) == "2020-01-20"  # type: ignore[union-attr]
    # a date at the end of a sentence that is not a signature is no publication date
    text = real("031").read_text("utf-8").replace("河北省人力资源和社会保障厅2023年1月29日", "我厅将于2023年1月29日")
    assert parse(text).meta.published is None


def test_old_heading_wording_and_table_replaced_by_text() -> None:
    """013: 一、基本情况 for 一、总体情况; table 四 replaced by a sentence; fused run-on cells."""
    diags = lint(real("013"))
    codes = Counter(d.code for d in diags)
    assert codes["S103"] == 1 and codes["T101"] == 1
    t101 = next(d for d in diags if d.code == "T101")
    assert "第四部分" in t101.message and "只有文字说明" in t101.message
    # 行政许可156-5997: 156|-5|997, 156|-59|97, 156|-599|7 — never guessed
    unreadable = [d for d in diags if d.code == "T204" and d.row == "行政许可"]
    assert len(unreadable) == 1 and "3种" in unreadable[0].message


def test_sections_lost_by_the_crawler() -> None:
    """030: the page lost the headings of 四 and 五 (三's heading is followed by 五's text)."""
    codes = Counter((d.code, d.message[:8]) for d in lint(real("030")) if d.code == "S101")
    assert sorted(m for _, m in codes) == ["缺少第五部分“五", "缺少第四部分“四"]
