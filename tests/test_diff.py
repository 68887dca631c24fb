"""``nianbao diff``: two reports side by side (render/diff.py).

The pairs are built from the conforming corpus by hand-made edits whose effects are known in advance:
a later year of the V2021 report (more applications, one result moved between rows, a paragraph
re-wrapped, one sentence changed, part of a section in traditional script), a V2019 report beside a
V2021 one, a report beside itself, and a report with a missing section and cells that are blank, a
placeholder or unreadable. Expected line numbers are found in the edited texts, not taken from the
output. The real seeds are a smoke test. ``NIANBAO_UPDATE_GOLDEN=1`` rewrites the golden files in
tests/golden/ (read the diff before committing it).
"""

from __future__ import annotations

import difflib
import io
import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import CONFORMING, check_golden, parsed, seed
from rich.console import Console

from nianbao import template as T
from nianbao.api import load, parse
from nianbao.pipeline import Parsed
from nianbao.render.diff import (
    SCHEMA,
    WORDS,
    CellDiff,
    Comparison,
    as_json,
    comparable_keys,
    compare,
    render,
)
from nianbao.template import CellKey, Version

ROOT = Path(__file__).resolve().parent.parent

V2021 = (CONFORMING / "v2021_pipe.txt").read_text(encoding="utf-8")
V2019 = (CONFORMING / "v2019_pipe.txt").read_text(encoding="utf-8")


def edit(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def line_of(text: str, needle: str) -> int:
    """1-based line of the only occurrence of ``needle``."""
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def parse_text(text: str, path: str) -> Parsed:
    return parse(load(text, path=path))


def k3(row: str, column: str, group: str = "") -> CellKey:
    return CellKey("三", "", group, row, column)


def text_of(renderable: Any) -> str:
    buf = io.StringIO()
    Console(file=buf, width=120, no_color=True).print(renderable)
    # Rich pads table cells; trailing spaces carry nothing and editors strip them.
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def by_key(c: Comparison) -> dict[CellKey, CellDiff]:
    return {d.key: d for d in c.cells}


# ------------------------------------------------------------------------------ a later year, V2021

NEW = "一、本年新收政府信息公开申请数量"
DISCLOSED = "（一）予以公开"
UNKNOWN = "1.本机关不掌握相关政府信息"
NO_INFO = "2.没有现成信息需要另行制作"
TOTAL = "（七）总计"
CARRY = "四、结转下年度继续办理"
UNABLE = "（四）无法提供"

OLD_PARAGRAPH = (
    "（一）主动公开方面。全年通过政府门户网站主动公开政府信息685条，其中工作动态403条、通知公告59条。"
    "坚持政策文件与解读方案同步组织、同步审签、同步部署，全年发布政策解读34篇。"
    "及时更新机构职能、权责清单、办事指南等基础信息，方便群众查询。"
)
# The same words, wrapped in the middle of sentences and of a number, with ideographic indentation.
NEW_PARAGRAPH = (
    "（一）主动公开方面。全年通过政府门户网站主动公开政府信息685条，\n"
    "\u3000\u3000其中工作动态403条、通知公告5\n9条。坚持政策文件与解读方案同步组织、\n"
    "\u3000\u3000同步审签、同步部署，全年发布政策解读34篇。及时更新机构职能、权责清单、办事指南等基础信息，方便群众查询。"
)
OLD_SENTENCE = "全年共收到政府信息公开申请254件，办结253件，结转下年度继续办理1件。"
NEW_SENTENCE = "全年共收到政府信息公开申请262件，全部按时办结。"

LATER = edit(
    V2021,
    ("2021年政府信息公开工作年度报告", "2022年政府信息公开工作年度报告"),
    ("自2021年1月1日起至2021年12月31日止", "自2022年1月1日起至2022年12月31日止"),
    # Eight more applications (ten more from people, two fewer from legal services)...
    (f"{NEW} | 249 | 0 | 0 | 0 | 5 | 0 | 254 |", f"{NEW} | 259 | 0 | 0 | 0 | 3 | 0 | 262 |"),
    # ...disclosed, and last year's carried-over one finished...
    (f"{DISCLOSED} | 102 | 0 | 0 | 0 | 3 | 0 | 105 |", f"{DISCLOSED} | 112 | 0 | 0 | 0 | 2 | 0 | 114 |"),
    (f"{TOTAL} | 249 | 0 | 0 | 0 | 4 | 0 | 253 |", f"{TOTAL} | 259 | 0 | 0 | 0 | 3 | 0 | 262 |"),
    (f"{CARRY} | 0 | 0 | 0 | 0 | 1 | 0 | 1 |", f"{CARRY} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"),
    # ...and one result moved from 1. to 2. of （四）无法提供.
    (f"{UNKNOWN} | 55 | 0 | 0 | 0 | 1 | 0 | 56 |", f"{UNKNOWN} | 54 | 0 | 0 | 0 | 1 | 0 | 55 |"),
    (f"{NO_INFO} | 8 | 0 | 0 | 0 | 0 | 0 | 8 |", f"{NO_INFO} | 9 | 0 | 0 | 0 | 0 | 0 | 9 |"),
    ("\n1 | 1 | 1 | 0 | 3 | 0 |", "\n2 | 1 | 1 | 0 | 4 | 0 |"),
    ("行政许可 | 552 |", "行政许可 | 600 |"),
    ("行政事业性收费 | 1552.86 |", "行政事业性收费 | 1600.5 |"),
    (OLD_PARAGRAPH, NEW_PARAGRAPH),
    (OLD_SENTENCE, NEW_SENTENCE),
    ("对照上级要求和群众期盼，应急管理领域的信息公开", "對照上級要求和群眾期盼，應急管理領域的信息公開"),
)

# Every cell that changed: key → (A, B, B − A, relative change).
CHANGED: dict[CellKey, tuple[Decimal, Decimal, Decimal, float | None]] = {
    CellKey("二", "第二十条第（五）项", "", "行政许可", "本年处理决定数量"): (
        Decimal(552), Decimal(600), Decimal(48), 0.087,
    ),
    CellKey("二", "第二十条第（八）项", "", "行政事业性收费", "本年收费金额（单位：万元）"): (
        Decimal("1552.86"), Decimal("1600.5"), Decimal("47.64"), 0.0307,
    ),
    k3(NEW, "自然人"): (Decimal(249), Decimal(259), Decimal(10), 0.0402),
    k3(NEW, "法律服务机构"): (Decimal(5), Decimal(3), Decimal(-2), -0.4),
    k3(NEW, "总计"): (Decimal(254), Decimal(262), Decimal(8), 0.0315),
    k3(DISCLOSED, "自然人"): (Decimal(102), Decimal(112), Decimal(10), 0.098),
    k3(DISCLOSED, "法律服务机构"): (Decimal(3), Decimal(2), Decimal(-1), -0.3333),
    k3(DISCLOSED, "总计"): (Decimal(105), Decimal(114), Decimal(9), 0.0857),
    k3(UNKNOWN, "自然人", UNABLE): (Decimal(55), Decimal(54), Decimal(-1), -0.0182),
    k3(UNKNOWN, "总计", UNABLE): (Decimal(56), Decimal(55), Decimal(-1), -0.0179),
    k3(NO_INFO, "自然人", UNABLE): (Decimal(8), Decimal(9), Decimal(1), 0.125),
    k3(NO_INFO, "总计", UNABLE): (Decimal(8), Decimal(9), Decimal(1), 0.125),
    k3(TOTAL, "自然人"): (Decimal(249), Decimal(259), Decimal(10), 0.0402),
    k3(TOTAL, "法律服务机构"): (Decimal(4), Decimal(3), Decimal(-1), -0.25),
    k3(TOTAL, "总计"): (Decimal(253), Decimal(262), Decimal(9), 0.0356),
    k3(CARRY, "法律服务机构"): (Decimal(1), Decimal(0), Decimal(-1), -1.0),
    k3(CARRY, "总计"): (Decimal(1), Decimal(0), Decimal(-1), -1.0),
    CellKey("四", "行政复议", "", "", "结果维持"): (Decimal(1), Decimal(2), Decimal(1), 1.0),
    CellKey("四", "行政复议", "", "", "总计"): (Decimal(3), Decimal(4), Decimal(1), 0.3333),
}  # fmt: skip

# Terms whose change is opposite to the change of a total they add up to, and those totals.
FLAGGED = {
    k3(NEW, "法律服务机构"): (k3(NEW, "总计"),),  # −2 while the row's 总计 +8
    k3(DISCLOSED, "法律服务机构"): (k3(DISCLOSED, "总计"),),  # −1 while +9
    k3(UNKNOWN, "自然人", UNABLE): (k3(TOTAL, "自然人"),),  # −1 while （七）总计 +10
    k3(UNKNOWN, "总计", UNABLE): (k3(TOTAL, "总计"),),  # −1 while （七）总计 +9
    k3(TOTAL, "法律服务机构"): (k3(TOTAL, "总计"),),  # −1 while +9
}


@cache
def later_pair() -> Comparison:
    return compare(parse_text(V2021, "derived/2021.txt"), parse_text(LATER, "derived/2022.txt"))


def test_pair_identities() -> None:
    c = later_pair()
    assert (c.a.path, c.a.organ, c.a.year, c.a.template) == (
        "derived/2021.txt",
        "白水县应急管理局",
        2021,
        Version.V2021,
    )
    assert (c.b.path, c.b.organ, c.b.year, c.b.template) == (
        "derived/2022.txt",
        "白水县应急管理局",
        2022,
        Version.V2021,
    )
    assert c.notes == () and c.not_comparable == ()


def test_sections_with_their_lines() -> None:
    c = later_pair()
    a_heads = [line_of(V2021, f"\n{s.numeral}、{s.title}\n") + 1 for s in T.SECTIONS]
    b_heads = [line_of(LATER, f"\n{s.numeral}、{s.title}\n") + 1 for s in T.SECTIONS]
    assert [s.a.start for s in c.sections if s.a] == a_heads == [4, 8, 23, 53, 59, 62]
    assert [s.b.start for s in c.sections if s.b] == b_heads == [4, 11, 26, 56, 62, 65]  # three lines more in 一
    # A section ends on the line before the next one begins; 六 before the signature.
    assert [s.a.end for s in c.sections if s.a] == [*[h - 1 for h in a_heads[1:]], a_heads[-1] + 1]
    assert [s.b.end for s in c.sections if s.b] == [*[h - 1 for h in b_heads[1:]], b_heads[-1] + 1]


def test_every_cell_in_template_order() -> None:
    c = later_pair()
    assert [d.key for d in c.cells] == list(T.all_cells(Version.V2021))
    assert all(d.a.status == d.b.status == "ok" for d in c.cells)


def test_changed_cells_their_values_and_lines() -> None:
    c = later_pair()
    found = {d.key: (d.a.value, d.b.value, d.change, d.relative) for d in c.cells if d.changed}
    assert found == CHANGED
    for d in c.cells:
        if d.key not in CHANGED:
            assert d.change == 0 and d.state == "same" and d.relative in (0.0, None) and d.against == ()
        if d.key.table == "四":  # the values row
            assert d.a.line == line_of(V2021, "\n1 | 1 | 1 | 0 | 3 |") + 1
            assert d.b.line == line_of(LATER, "\n2 | 1 | 1 | 0 | 4 |") + 1
        else:
            assert d.a.line == line_of(V2021, f"{d.key.row} |")
            assert d.b.line == line_of(LATER, f"{d.key.row} |")


def test_cells_moving_against_their_total_are_flagged() -> None:
    c = later_pair()
    assert {d.key: d.against for d in c.cells if d.against} == FLAGGED
    # The balance 一+二 = （七）+四 has no single total: 四、结转 going down while （七） goes up is no flag.
    assert by_key(c)[k3(CARRY, "法律服务机构")].against == ()


def test_narrative_ignores_rewrapping_and_script() -> None:
    c = later_pair()
    one, five, six = c.narrative
    assert (one.number, five.number, six.number) == (1, 5, 6)
    assert len(one.hunks) == 1
    hunk = one.hunks[0]
    assert hunk.op == "replace"
    assert (hunk.a.text, hunk.b.text) == (OLD_SENTENCE, NEW_SENTENCE)
    assert (hunk.a.line, hunk.a.end_line) == (line_of(V2021, OLD_SENTENCE),) * 2 == (7, 7)
    assert (hunk.b.line, hunk.b.end_line) == (line_of(LATER, NEW_SENTENCE),) * 2 == (10, 10)
    assert hunk.a.column == V2021.splitlines()[6].index(OLD_SENTENCE) + 1
    assert hunk.b.column == LATER.splitlines()[9].index(NEW_SENTENCE) + 1
    # The similarity is the character ratio of the two texts without whitespace.
    squeeze = lambda s: re.sub(r"\s", "", s)  # noqa: E731
    body_a = squeeze(V2021.split("一、总体情况\n")[1].split("二、主动公开")[0])
    body_b = squeeze(LATER.split("一、总体情况\n")[1].split("二、主动公开")[0])
    expected = difflib.SequenceMatcher(None, body_a, body_b, autojunk=False).ratio()
    assert one.similarity == pytest.approx(expected, abs=1e-4) and 0.9 < one.similarity < 1
    assert not one.reflowed
    # 五 differs only in script: same text, written differently; 六 is the same.
    assert (five.similarity, five.reflowed, five.hunks) == (1.0, True, ())
    assert (six.similarity, six.reflowed, six.hunks) == (1.0, False, ())


def test_rich_view_shows_changes_and_collapses_the_rest() -> None:
    out = text_of(render(later_pair(), show_all=False, lang="zh"))
    assert "表二  10格 · 2格有变化" in out and "另有8格无变化（--all 全部显示）" in out
    assert "表三  175格 · 15格有变化 · 5格与总计反向" in out and "另有160格无变化" in out
    assert "表四  15格 · 2格有变化" in out
    assert out.count("⚠ 与“总计”反向") == 3 and out.count("⚠ 与“（七）总计”反向") == 2
    assert "[-254件，办结253件，结转下年度继续办理1件-]" in out and "{+262件，全部按时办结+}" in out
    assert "文字相同（只有换行、空白或繁简不同）" in out
    everything = text_of(render(later_pair(), show_all=True, lang="en"))
    assert "more cells unchanged" not in everything
    assert everything.count("\n（三）1.属于国家秘密") == 1 and "opposite to “总计”" in everything


def test_json_document() -> None:
    doc = as_json(later_pair(), "zh")
    assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc
    assert doc["schema"] == SCHEMA == "nianbao-diff/1"
    assert doc["a"] == {"file": "derived/2021.txt", "organ": "白水县应急管理局", "year": 2021, "template": "V2021"}
    assert doc["b"]["year"] == 2022 and doc["notes"] == [] and doc["not_comparable"] == []
    assert [s["section"] for s in doc["sections"]] == list("一二三四五六")
    assert doc["sections"][0]["b"] == {"present": True, "start_line": 4, "end_line": 10}
    assert len(doc["cells"]) == 175 + 10 + 15
    cell = next(x for x in doc["cells"] if x["key"] == k3(NEW, "法律服务机构")._asdict())
    assert cell == {
        "key": {"table": "三", "block": "", "group": "", "row": NEW, "column": "法律服务机构"},
        "a": {"value": 5, "status": "ok", "raw": "5", "line": 28},
        "b": {"value": 3, "status": "ok", "raw": "3", "line": 31},
        "state": "changed",
        "change": -2,
        "relative": -0.4,
        "flag": {"against": [{"table": "三", "block": "", "group": "", "row": NEW, "column": "总计"}]},
    }
    money = next(x for x in doc["cells"] if x["key"]["row"] == "行政事业性收费")
    assert (money["a"]["value"], money["b"]["value"], money["change"]) == (1552.86, 1600.5, 47.64)
    one = doc["narrative"][0]
    assert (one["section"], one["a_present"], one["b_present"], one["reflowed"]) == ("一", True, True, False)
    assert one["hunks"] == [
        {
            "op": "replace",
            "a": {"text": OLD_SENTENCE, "line": 7, "column": 37, "end_line": 7},
            "b": {"text": NEW_SENTENCE, "line": 10, "column": 37, "end_line": 10},
        }
    ]


# ------------------------------------------------------------------------ across template versions


@cache
def cross_pair() -> Comparison:
    # The same organ: its 2020 report on the V2019 template, its 2021 report on V2021.
    a = V2019.replace("2019年", "2020年")
    b = V2021.replace("白水县应急管理局", "东阳区财政局")
    return compare(parse_text(a, "derived/2020.txt"), parse_text(b, "derived/2021.txt"))


def test_across_versions_only_shared_cells_are_compared() -> None:
    c = cross_pair()
    assert (c.a.template, c.b.template) == (Version.V2019, Version.V2021)
    assert [(n.kind, n.a, n.b) for n in c.notes] == [("versions", "V2019", "V2021")]
    keys = [d.key for d in c.cells]
    assert keys == list(comparable_keys(Version.V2019, Version.V2021))
    assert not any(k.table == "二" for k in keys)  # no label of table 二's columns is in both versions
    assert sum(k.table == "三" for k in keys) == 22 * 7  # all rows but （六）
    assert [k for k in keys if k.table == "四"] == list(T.table("四", Version.V2021).cells)
    assert not any(k.row.startswith("（六）") or k.group.startswith("（六）") for k in keys)
    got = [(n.table, n.side, n.template.value, n.whole_table, n.group, n.row, n.cells) for n in c.not_comparable]
    assert got == [
        ("二", "a", "V2019", True, "", "", 22),
        ("二", "b", "V2021", True, "", "", 10),
        ("三", "a", "V2019", False, "", "（六）其他处理", 7),
        ("三", "b", "V2021", False, "（六）其他处理", T.TABLE3_ROWS[Version.V2021][20].label.full, 7),
        ("三", "b", "V2021", False, "（六）其他处理", T.TABLE3_ROWS[Version.V2021][21].label.full, 7),
        ("三", "b", "V2021", False, "（六）其他处理", "3.其他", 7),
    ]
    assert all(len(n.columns) == 7 for n in c.not_comparable if n.table == "三")
    # Values of the shared cells are compared as usual.
    d = by_key(c)[k3(NEW, "总计")]
    assert (d.a.value, d.b.value, d.change) == (Decimal(335), Decimal(254), Decimal(-81))


def test_across_versions_output_says_what_is_not_comparable() -> None:
    out = text_of(render(cross_pair(), show_all=False, lang="zh"))
    assert "⚠ A为V2019格式，B为V2021格式：只比较两种格式共有的栏目，其余列为不可比较" in out
    assert "表二：两种格式的栏目不同，不可比较（A 22格，B 10格）" in out
    assert "仅A（V2019）有：（六）其他处理（7格）" in out
    assert "仅B（V2021）有：（六）3.其他（7格）" in out
    doc = as_json(cross_pair(), "en")
    assert doc["notes"][0]["kind"] == "versions" and "V2019" in doc["notes"][0]["message"]
    assert doc["not_comparable"][0]["message"].startswith("table 二: the two templates have different columns")
    assert doc["not_comparable"][2]["message"] == "only in A (V2019): （六）其他处理 (7 cells)"
    assert len(doc["cells"]) == 169


# ---------------------------------------------------------------------------------- identical reports


def test_identical_reports() -> None:
    p = parsed(CONFORMING / "v2021_pipe.txt")
    c = compare(p, p)
    assert all(d.change == 0 and not d.changed and d.against == () for d in c.cells)
    assert all(n.similarity == 1.0 and n.hunks == () and not n.reflowed for n in c.narrative)
    assert [(n.kind, n.a) for n in c.notes] == [("same_year", "2021")]
    assert [(s.a, s.b) for s in c.sections] == [(s.a, s.a) for s in c.sections]
    out = text_of(render(c, show_all=False, lang="zh"))
    assert out.count("格有变化") == 0 and out.count("格 · 无变化") == 3 and "相似度 100.0% · 文字相同" in out


# ------------------------------------------------------------- missing section, blank and bad cells

BLANKED = edit(
    V2021,
    ("2.重复申请 | 8 | 0 | 0 | 0 | 0 | 0 | 8 |", "2.重复申请 | 8 | 0 | 0 | 0 | 0 | 09 |"),  # unreadable
    ("3.要求提供公开出版物 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "3.要求提供公开出版物 | 1 | 0 |  | 0 | / | 0 | 1 |"),
    ("行政处罚 | 0 |", "行政处罚 |  |"),
    (V2021[V2021.index("五、存在的主要问题") : V2021.index("六、其他需要")], ""),
    ("本年度未收取信息处理费。", "本年度未收取信息处理费。\n本年度无其他需要报告的事项。"),
)


@cache
def blanked_pair() -> Comparison:
    return compare(parse_text(V2021, "derived/full.txt"), parse_text(BLANKED, "derived/blanked.txt"))


def test_missing_section() -> None:
    c = blanked_pair()
    five = c.sections[4]
    assert five.a is not None and five.b is None
    narrative = {n.number: n for n in c.narrative}
    assert (narrative[5].present_a, narrative[5].present_b, narrative[5].similarity) == (True, False, None)
    assert narrative[5].hunks == ()
    # 六: a sentence added at the end; A's side is the place where it would be.
    (hunk,) = narrative[6].hunks
    assert hunk.op == "insert" and hunk.a.text == "" and hunk.b.text == "本年度无其他需要报告的事项。"
    assert (hunk.a.line, hunk.b.line) == (line_of(V2021, "本年度未收取信息处理费。"), line_of(BLANKED, "本年度无其他"))
    out = text_of(render(c, show_all=False, lang="zh"))
    assert "五、存在的主要问题及改进情况            ✓ 第59–61行  ✗ 缺少" in out
    assert "五、存在的主要问题及改进情况  只有A有此节" in out
    assert "A 第63行 （无）" in out


def test_blank_placeholder_and_unreadable_cells_are_never_zero() -> None:
    c = blanked_pair()
    cells = by_key(c)
    blank = cells[CellKey("二", "第二十条第（六）项", "", "行政处罚", "本年处理决定数量")]
    assert (blank.a.status, blank.b.status, blank.b.value, blank.change, blank.changed) == (
        "ok", "blank", None, None, True,
    )  # fmt: skip
    group = "（五）不予处理"
    assert cells[k3("3.要求提供公开出版物", "科研机构", group)].b.status == "blank"
    slash = cells[k3("3.要求提供公开出版物", "法律服务机构", group)]
    assert (slash.b.status, slash.b.raw, slash.b.value, slash.change) == ("placeholder", "/", None, None)
    unreadable = [d for d in c.cells if d.key.row == "2.重复申请"]
    assert [d.b.status for d in unreadable] == ["unreadable"] * 7
    assert all(d.change is None and d.b.value is None for d in unreadable)
    assert all(d.b.line == line_of(BLANKED, "2.重复申请 |") for d in unreadable)
    # A missing value never takes part in a flag, nor in a change of its total.
    assert not any(d.against for d in c.cells)
    doc = as_json(c, "zh")
    bad = [x for x in doc["cells"] if x["b"]["status"] != "ok"]
    assert len(bad) == 1 + 2 + 7 and all(x["b"]["value"] is None and x["change"] is None for x in bad)
    out = text_of(render(c, show_all=False, lang="zh"))
    assert "（空）" in out and "“/”" in out and "（无法识别）" in out
    assert re.search(r"行政处罚\s+本年处理决定数量\s+0\s+（空）\s+—", out)


def test_both_sides_blank_is_no_change() -> None:
    p = parse_text(BLANKED, "derived/blanked.txt")
    c = compare(p, p)
    assert not any(d.changed for d in c.cells)
    assert by_key(c)[CellKey("二", "第二十条第（六）项", "", "行政处罚", "本年处理决定数量")].b.status == "blank"


# ------------------------------------------------------------------------------------ the real seeds


@pytest.mark.parametrize("pair", [("000", "001"), ("003", "004"), ("002", "003"), ("004", "000")])
def test_seed_pairs(pair: tuple[str, str]) -> None:
    a, b = (parsed(seed(p)) for p in pair)
    c = compare(a, b)
    assert len(c.cells) == len(comparable_keys(a.report.version, b.report.version))
    for lang in ("zh", "en"):
        doc = as_json(c, lang)
        assert json.loads(json.dumps(doc, ensure_ascii=False, allow_nan=False)) == doc
        assert text_of(render(c, show_all=True, lang=lang))
    # Organ names in traditional and simplified script are compared simplified.
    organs = a.meta.agency_simplified, b.meta.agency_simplified
    assert any(n.kind == "organ" for n in c.notes) == (None not in organs and organs[0] != organs[1])


def test_seed_positions_point_at_the_text() -> None:
    a, b = parsed(seed("003")), parsed(seed("004"))
    c = compare(a, b)
    for n in c.narrative:
        for h in n.hunks:
            for side, p in ((h.a, a), (h.b, b)):
                if side.text:
                    line = p.source.line_text(side.line)
                    assert line[side.column - 1] == side.text[0]


def test_words_exist_in_both_languages() -> None:
    assert WORDS["zh"].keys() == WORDS["en"].keys()


# ------------------------------------------------------------------------------------- golden files

GOLDEN_CASES = {
    "diff-later-zh.txt": lambda: text_of(render(later_pair(), show_all=False, lang="zh")),
    "diff-later-all-en.txt": lambda: text_of(render(later_pair(), show_all=True, lang="en")),
    "diff-versions-zh.txt": lambda: text_of(render(cross_pair(), show_all=False, lang="zh")),
    "diff-blanked-zh.txt": lambda: text_of(render(blanked_pair(), show_all=False, lang="zh")),
    "diff-later-zh.json": lambda: json.dumps(as_json(later_pair(), "zh"), ensure_ascii=False, indent=1) + "\n",
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str) -> None:
    check_golden(name, GOLDEN_CASES[name]())
