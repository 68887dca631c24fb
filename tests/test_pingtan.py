"""The 86 pages of ../shared/corpus-real/pingtan-departments, as the site's crawler saved them.

Twelve departments of one city, 2019–2025: one line of body text each, many with the site's
breadcrumb and share bar glued to it, table cells run together. tests/data/pingtan-hand-read.json
holds the cells of 17 of them (every department, every year, ten of those rejected as "not a
report" before), read by hand from the text: a run of as many digits as cells is one digit a
cell; a longer run is split where only one split fits the row's total and the columns' sums; a run
with several possible splits and no arithmetic to choose (table 二) is unreadable.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import REAL, ROOT

from nianbao import template as T
from nianbao.api import lint, parse
from nianbao.nodes import CellStatus
from nianbao.runner import cells_read

FOLDER = REAL / "pingtan-departments"
HAND_READ = json.loads((ROOT / "tests" / "data" / "pingtan-hand-read.json").read_text("utf-8"))
NEGATIVES = ("235", "236", "237", "320")  # a 2018 report, a 自查报告, 工作要点落实情况, a 工作总结
STUB = "256"  # the page holds only the title

pytestmark = pytest.mark.skipif(not FOLDER.is_dir(), reason="../shared/corpus-real is not available")


def page(prefix: str) -> Path:
    return next(FOLDER.glob(f"{prefix}_*.txt"))


def annual_reports() -> list[Path]:
    if not FOLDER.is_dir():
        return []
    return [p for p in sorted(FOLDER.glob("*.txt")) if p.name[:3] not in (*NEGATIVES, STUB)]


@pytest.mark.parametrize("path", annual_reports(), ids=lambda p: p.name[:3])
def test_every_annual_report_is_recognised(path: Path) -> None:
    p = parse(path)
    assert not any(d.code == "S001" for d in lint(p))
    assert len([s for s in p.report.sections if s]) >= 5  # at least five of the six sections found


@pytest.mark.parametrize("prefix", NEGATIVES)
def test_what_is_no_annual_report_says_so_once(prefix: str) -> None:
    assert [d.code for d in lint(page(prefix))] == ["S001"]


def test_a_page_with_only_the_title_says_its_body_is_missing() -> None:
    (d,) = lint(page(STUB))
    assert d.code == "S001" and "只有标题" in d.message


def test_the_share_of_cells_read() -> None:
    """The health figure of summary: over the folder's 81 reports, the template's cells read."""
    read = total = 0
    for path in annual_reports():
        r, t = cells_read(parse(path))
        read, total = read + r, total + t
    assert total > 80 * 190
    assert read / total >= 0.98


def _expected(name: str) -> dict[T.CellKey, object]:
    want = HAND_READ[name]
    version = T.Version(want["version"])
    out: dict[T.CellKey, object] = {}
    rows_2 = want["二"]
    for key in T.table("二", version).cells:
        row = rows_2[key.row]
        if isinstance(row, str):
            out[key] = row
        else:
            cols = [c.label.full for b in T.TABLE2[version] if b.key == key.block for c in b.columns]
            out[key] = row[cols.index(key.column)]
    columns = [c.label.full for c in T.TABLE3_COLUMNS]
    for key in T.table("三", version).cells:
        row = want["三"].get(f"{key.group}/{key.row}" if key.group else key.row, [0] * 7)
        out[key] = row if isinstance(row, str) else row[columns.index(key.column)]
    four = [0] * 15 if want["四"] == "zeros" else want["四"]
    for key, value in zip(T.table("四", version).cells, four, strict=True):
        out[key] = value
    return out


@pytest.mark.parametrize("name", sorted(k for k in HAND_READ if not k.startswith("_")), ids=lambda n: n[:3])
def test_cells_read_by_hand(name: str) -> None:
    p = parse(FOLDER / name)
    assert p.report.version.value == HAND_READ[name]["version"]
    got = {c.key: c for c in p.report.cells()}
    for key, want in _expected(name).items():
        cell = got.get(key)
        if want == "absent":
            assert cell is None or cell.status is not CellStatus.OK, key
        elif isinstance(want, str):
            assert cell is not None and cell.status.value == want, (key, cell)
        else:
            assert cell is not None and cell.status is CellStatus.OK, (key, cell)
            assert cell.value == Decimal(str(want)), (key, cell.raw)
