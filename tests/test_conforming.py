"""Conforming reports give no error or warning, in every layout; every cell is read right.

corpus/conforming/ holds one V2019 and one V2021 report (written by bench/make_conforming.py
from bench/reportgen.py) in eight layouts; expected.json has the values the generator put in.
Further reports are generated here from fixed seeds in all nine layouts.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal

import pytest
import reportgen
from conftest import CONFORMING, diagnostics, parsed

from nianbao.api import lint, parse
from nianbao.inputs.text import source_of
from nianbao.source import Source
from nianbao.syntax.nodes import CellStatus
from nianbao.template import CellKey, Version

EXPECTED = json.loads((CONFORMING / "expected.json").read_text("utf-8"))
SERIOUS = ("error", "warning")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_conforming_file_is_clean(name: str) -> None:
    path = CONFORMING / name
    serious = [(d.code, d.message) for d in diagnostics(path) if d.severity in SERIOUS]
    assert serious == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_conforming_file_cells_and_metadata(name: str) -> None:
    want = EXPECTED[name]
    p = parsed(CONFORMING / name)
    assert p.report.version.value == want["version"]
    assert p.table_format is not None and p.table_format.value == want["version"]
    assert (p.meta.year, p.meta.agency) == (want["year"], want["organ"])
    assert p.meta.published is not None and p.meta.published.value.isoformat() == want["published"]
    got = {(c.key.table, c.key.block, c.key.group, c.key.row, c.key.column): c for c in p.report.cells()}
    assert len(got) == len(want["cells"])
    for cell in want["cells"]:
        c = got[(cell["table"], cell["block"], cell["group"], cell["row"], cell["column"])]
        assert c.status is CellStatus.OK, cell
        assert c.value == Decimal(str(cell["value"])), cell


LAYOUTS = reportgen.LAYOUTS
# four seeds (both versions) in make test, the rest in the slow suite
GENERATED = [
    (seed, layout) if seed < 4 else pytest.param(seed, layout, marks=pytest.mark.slow)
    for seed in range(12)
    for layout in LAYOUTS
]
# What a layout itself changes in a conforming report, and says: a PDF converted to Markdown numbers
# the headings of its statistics part from 一 again (S103); a grid table wraps its header cells over the
# lines of a row (T105: the first line is read). Row labels wrapped over rows are joined: no T104.
LAYOUT_FINDINGS = {"pdfmarkdown": {"S103"}, "grid": {"T105"}}


@pytest.mark.parametrize(("seed", "layout"), GENERATED)
def test_generated_reports(seed: int, layout: str) -> None:
    """Every cell is read as generated; in run-on text a cell may be unreadable but never wrong."""
    version = Version.V2019 if seed % 2 else Version.V2021
    data = reportgen.random_report(random.Random(1000 + seed), version)
    text = reportgen.render(data, layout, random.Random(seed))
    p = parse(source_of(f"gen-{seed}-{layout}", text))  # as a file of this text is read
    cells = {c.key: c for c in p.report.cells()}
    assert set(cells) == set(data.values)
    unreadable = 0
    for key, value in data.values.items():
        c = cells[key]
        if c.status is CellStatus.UNREADABLE and layout == "runon" and key.table == "二":
            unreadable += 1
            continue
        assert c.status is CellStatus.OK, (key, c)
        assert c.value == Decimal(value), (key, c.raw)
    diags = lint(p)
    serious = [d for d in diags if d.severity in SERIOUS and d.code not in LAYOUT_FINDINGS.get(layout, ())]
    # the only serious finding a conforming report may get: fused table 二 cells that cannot be told apart
    assert all(d.code == "T204" and d.table == "二" for d in serious), [(d.code, d.message) for d in serious]
    assert bool(unreadable) == bool(serious)


def test_runon_fused_digits_are_split_by_arithmetic() -> None:
    from nianbao.syntax.nodes import Row

    p = parsed(CONFORMING / "v2021_runon.txt")
    split_rows = [r for r in p.report.find(Row) if any(c.split for c in r.cells)]
    assert any(r.table == "三" for r in split_rows), "table 三 rows are recovered from their fused digits"
    info = [d for d in diagnostics(CONFORMING / "v2021_runon.txt") if d.code == "T206"]
    assert len(info) == len(split_rows)


def test_ambiguous_runon_is_never_guessed() -> None:
    """The V2019 report of the corpus, run on with its real table 二 values: 规范性文件 6|6|28?"""
    data = reportgen.random_report(random.Random(377), Version.V2019)
    text = reportgen.render(data, "runon")
    p = parse(Source("runon", text))
    key = CellKey("二", "第二十条第（一）项", "", "规范性文件", "本年新制作数量")
    assert p.report.cells() is not None
    cell = next(c for c in p.report.cells() if c.key == key)
    assert cell.status is CellStatus.UNREADABLE and cell.value is None and cell.candidates > 1
    t204 = [d for d in lint(p) if d.code == "T204" and d.row == "规范性文件"]
    assert len(t204) == 1 and f"有{cell.candidates}种可能的拆分" in t204[0].message


MARKDOWN_HEADS = ("一、总体情况", "二、主动公开政府信息情况", "五、存在的主要问题及改进情况")


def test_markdown_markup_is_masked_and_reported() -> None:
    """A page converted to Markdown: "#" headings, "**" around headings, escaped "1\\." labels, a
    link and an image after the report. The report reads as the plain one (every cell, no
    finding), the markup is said once (X105), the link and image lines are page chrome (X101),
    and a lone "\\" cell is still a placeholder (T202)."""
    text = (CONFORMING / "v2021_markdown.txt").read_text("utf-8")
    marked = text.replace(MARKDOWN_HEADS[0], "## " + MARKDOWN_HEADS[0])
    marked = marked.replace(MARKDOWN_HEADS[1], "**" + MARKDOWN_HEADS[1] + "**")
    marked = marked.replace("| 1.属于国家秘密", "| 1\\.属于国家秘密")
    marked += "[附件下载](http://www.example.gov.cn/a.pdf)\n![](http://www.example.gov.cn/qr.png)\n"
    plain, p = parse(text), parse(marked)
    assert [(c.key, c.value) for c in p.report.cells()] == [(c.key, c.value) for c in plain.report.cells()]
    codes = [d.code for d in lint(p)]
    assert codes.count("X105") == 1 and codes.count("X101") == 1
    assert not [c for c in codes if c not in ("X101", "X105")]
    (x105,) = [d for d in lint(p) if d.code == "X105"]
    assert (
        "4处" in x105.message
        and p.source.position(x105.span.start).line == text[: text.index("一、总体")].count("\n") + 1
    )
    placeholder = marked.replace("| 行政处罚 | 0 |", "| 行政处罚 | \\ |")
    assert [d.code for d in lint(placeholder) if d.code == "T202"] == ["T202"]
