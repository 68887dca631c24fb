"""Checks across years: a series of synthetic reports of two organs over three years, both templates."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CONFORMING

from nianbao.cli import main
from nianbao.organs import alias_table, organ_key, resolve_short_names

V2021 = (CONFORMING / "v2021_pipe.txt").read_text("utf-8")  # 白水县应急管理局, 2021
V2019 = (CONFORMING / "v2019_pipe.txt").read_text("utf-8")  # 东阳区财政局, 2019


def edit(text: str, *edits: tuple[str, str]) -> str:
    for find, replace in edits:
        assert find in text, find
        text = text.replace(find, replace)
    return text


def make_series(root: Path) -> dict[str, Path]:
    """白水县应急管理局 2020 (V2019), 2021, 2022 (carry-over broken); 东阳区财政局 2019, 2020 (traditional
    script, one item count wrong)."""
    files = {
        # the 2020 report of 白水: the V2019 template, carrying 1 application forward (as 2021 carries over 0: broken
        # would be wrong here, so 2021's 上年结转 is edited to match)
        "baishui-2020.txt": edit(
            V2019,
            ("东阳区财政局", "白水县应急管理局"),
            ("2019年", "2020年"),
            (
                "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||",
                "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||",
            ),
        ),
        "baishui-2021.txt": V2021,
        "baishui-2022.txt": edit(
            V2021,
            ("2021年", "2022年"),
            ("2022年1月18日", "2023年1月18日"),
            # 2021 carried 1 forward (法律服务机构); 2022 says it carried over 2
            (
                "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||",
                "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 2 | 0 | 2 | ||",
            ),
        ),
        "dongyang-2019.txt": V2019,
        "dongyang-2020.txt": edit(
            V2019,
            ("东阳区财政局", "東陽區財政局"),  # traditional script: still the same organ
            ("2019年", "2020年"),
            ("行政许可 | 71 | 减3 | 516 |", "行政许可 | 68 | 减3 | 516 |"),  # 71 − 3: right
            ("行政处罚 | 355 | 15 | 97 |", "行政处罚 | 360 | 15 | 97 |"),  # 355 + 15 = 370: wrong
            # 2019 carried nothing forward, so 2020 carries nothing over
            (
                "二、上年结转政府信息公开申请数量 | 0 | 2 | 0 | 0 | 0 | 0 | 2 | ||",
                "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||",
            ),
        ),
    }
    out = {}
    for name, text in files.items():
        path = root / name
        path.write_text(text, "utf-8")
        out[name] = path
    return out


def lint_json(*paths: str) -> list[dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(main, ["lint", "--isolated", "--format", "json", *paths])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["diagnostics"]


def test_the_series(tmp_path: Path) -> None:
    files = make_series(tmp_path)
    diags = [d for d in lint_json(str(tmp_path)) if d["code"].startswith("C1")]
    found = sorted((Path(d["path"]).name, d["code"]) for d in diags)
    assert found == [
        ("baishui-2021.txt", "C100"),  # 2020 was V2019, 2021 is V2021: said once
        ("baishui-2022.txt", "C101"),
        ("dongyang-2020.txt", "C103"),
    ]
    c101 = next(d for d in diags if d["code"] == "C101")
    assert c101["cell"]["row"] == "二、上年结转政府信息公开申请数量" and c101["cell"]["column"] == "法律服务机构"
    lines = files["baishui-2022.txt"].read_text("utf-8").split("\n")
    assert lines[c101["line"] - 1].startswith("二、上年结转政府信息公开申请数量")
    assert (
        "法律服务机构列本年2、上年结转下年度1" in c101["message"] and "总计列本年2、上年结转下年度1" in c101["message"]
    )
    elsewhere = [r for r in c101["related"] if "path" in r]
    assert [Path(r["path"]).name for r in elsewhere] == ["baishui-2021.txt", "baishui-2021.txt"]
    previous = files["baishui-2021.txt"].read_text("utf-8").split("\n")
    for r in elsewhere:
        assert previous[r["line"] - 1].startswith("四、结转下年度继续办理")
        assert previous[r["line"] - 1][r["column"] - 1] == "1"
    c103 = next(d for d in diags if d["code"] == "C103")
    assert c103["message"] == "“行政处罚”上一年项目数量为360，而2019年报告为355、增减15，应为370"
    assert c103["severity"] == "warning"
    c100 = next(d for d in diags if d["code"] == "C100")
    assert c100["severity"] == "info" and "V2019" in c100["message"] and "baishui-2020.txt" in c100["message"]


def test_order_of_files_does_not_matter(tmp_path: Path) -> None:
    files = make_series(tmp_path)
    names = list(files.values())
    expected = lint_json(*map(str, names))
    random.Random(3).shuffle(names)
    again = lint_json(*map(str, names))
    assert sorted(json.dumps(d, sort_keys=True, ensure_ascii=False) for d in again) == sorted(
        json.dumps(d, sort_keys=True, ensure_ascii=False) for d in expected
    )


def test_one_report_alone_is_not_compared(tmp_path: Path) -> None:
    files = make_series(tmp_path)
    assert not [d for d in lint_json(str(files["baishui-2022.txt"])) if d["code"].startswith("C")]


def test_renamed_organ_with_an_alias(tmp_path: Path) -> None:
    files = make_series(tmp_path)
    renamed = files["baishui-2022.txt"].read_text("utf-8").replace("白水县应急管理局", "白水县应急局")
    files["baishui-2022.txt"].write_text(renamed, "utf-8")
    assert not [d for d in lint_json(str(tmp_path)) if d["code"] == "C101"]  # not known to be the same organ
    (tmp_path / "nianbao.toml").write_text('[organs]\n"白水县应急管理局" = ["白水县应急局"]\n', "utf-8")
    result = CliRunner().invoke(main, ["lint", "--format", "json", str(tmp_path)])
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "C101"] == ["C101"]


def test_selection_and_severity_apply(tmp_path: Path) -> None:
    make_series(tmp_path)
    (tmp_path / "nianbao.toml").write_text('ignore = ["C100"]\n[severity]\nC101 = "error"\n', "utf-8")
    result = CliRunner().invoke(main, ["lint", "--format", "json", str(tmp_path)])
    diags = json.loads(result.stdout)["diagnostics"]
    assert "C100" not in {d["code"] for d in diags}
    assert {d["severity"] for d in diags if d["code"] == "C101"} == {"error"} and result.exit_code == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("白水县应急管理局", "白水縣應急管理局"),  # traditional script
        ("白水县人民政府", "白水县政府"),  # the short form
        ("白水县人民政府办公室", "白水县政府办"),
        ("白水县 应急管理局", "白水县应急管理局（本级）"),  # spaces, a note in brackets
        ("ＡＢ市教育局", "AB市教育局"),  # full width
    ],
)
def test_organ_names_that_are_one_organ(a: str, b: str) -> None:
    assert organ_key(a) == organ_key(b) is not None


def test_organ_names_that_are_not_one_organ() -> None:
    assert organ_key("中共白水县委办公室") != organ_key("白水县人民政府办公室")
    assert organ_key("白水县教育局") != organ_key("白水县应急管理局")
    assert organ_key(None) is None and organ_key("  ") is None
    aliases = alias_table({"某市自然资源和规划局": ("某市国土资源局",)})
    assert organ_key("某市國土資源局", aliases) == organ_key("某市自然资源和规划局")


def test_series_in_the_summary_and_sarif(tmp_path: Path) -> None:
    make_series(tmp_path)
    result = CliRunner().invoke(main, ["lint", "--isolated", "--format", "sarif", str(tmp_path)])
    sarif = json.loads(result.stdout)
    c101 = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "C101")
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for loc in c101["relatedLocations"]}
    assert len(uris) == 1 and uris.pop().endswith("baishui-2021.txt")
    result = CliRunner().invoke(main, ["summary", "--isolated", "--format", "json", str(tmp_path)])
    rows = {Path(r["path"]).name: r for r in json.loads(result.stdout)["reports"]}
    assert "C101" in rows["baishui-2022.txt"]["codes"]


def test_copied_narrative(tmp_path: Path) -> None:
    """Another organ's 2022 report copies 白水's 2021 section 一 with its own name and new figures."""
    files = make_series(tmp_path)
    copied = edit(
        V2021,
        ("白水县应急管理局", "北河县林业局"),
        ("2021年", "2022年"),
        ("2022年1月18日", "2023年1月18日"),
        ("主动公开政府信息685条", "主动公开政府信息702条"),
        (
            "对照上级要求和群众期盼，应急管理领域的信息公开仍有短板：应急预案和风险隐患信息的公开不够系统，"
            "部分乡镇转载的信息更新滞后。",
            "今年我局在平台建设和解读质量上仍有不足。",
        ),
        (
            "下一步，我局将做好三件事：一是按季度梳理应急管理领域的公开目录；二是在汛期前集中公开防汛抗旱信息；"
            "三是与各乡镇建立信息报送台账，确保转载及时准确。",
            "明年我局将改版门户网站的信息公开专栏。",
        ),
    )
    # section 一 re-wrapped as a crawler might, to show that line breaks do not matter
    copied = copied.replace("坚持以公开为常态、", "坚持以公开为常态、\n", 1)
    (tmp_path / "beihe-2022.txt").write_text(copied, "utf-8")
    diags = [d for d in lint_json(str(tmp_path)) if d["code"] == "C201"]
    mine = [d for d in diags if Path(d["path"]).name == "beihe-2022.txt"]
    assert [d["message"][:4] for d in mine] == ["第一部分"]
    (d,) = mine
    assert "baishui-2021.txt" in d["message"] and "白水县应急管理局2021年报告" in d["message"]
    assert "几乎相同" in d["message"]
    text = (tmp_path / "beihe-2022.txt").read_text("utf-8").split("\n")
    assert text[d["line"] - 1].startswith("2022年，在县委")  # the shared passage starts with the section
    (there,) = [r for r in d["related"] if "path" in r]
    assert Path(there["path"]).name == "baishui-2021.txt"
    original = files["baishui-2021.txt"].read_text("utf-8").split("\n")
    assert original[there["line"] - 1].startswith("2021年，在县委")
    # 白水's own 2022 report repeats its 2021 one (only the year changed): the same organ's previous report
    (own,) = [x for x in diags if Path(x["path"]).name == "baishui-2022.txt" and x["message"].startswith("第一部分")]
    assert "baishui-2021.txt" in own["message"] and "相似度100%" in own["message"]


def test_copy_threshold_is_configurable(tmp_path: Path) -> None:
    # two different organs whose sections 一 share some stock phrases (similarity 0.22)
    (tmp_path / "baishui-2021.txt").write_text(V2021, "utf-8")
    (tmp_path / "dongyang-2019.txt").write_text(V2019, "utf-8")

    def sections_flagged() -> list[str]:
        result = CliRunner().invoke(main, ["lint", "--format", "json", str(tmp_path)])
        return sorted(d["message"][:4] for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "C201")

    assert sections_flagged() == []  # below the default threshold of 0.5
    (tmp_path / "nianbao.toml").write_text("copied-text-threshold = 0.2\n", "utf-8")
    assert "第一部分" in sections_flagged()


def test_short_names_resolved_only_when_one_full_name_fits() -> None:
    keys = ["省工业和信息化厅", "河北省工业和信息化厅", "市教育局", "甲市教育局", "乙市教育局", "县教育局"]
    assert resolve_short_names(keys) == {"省工业和信息化厅": "河北省工业和信息化厅"}
    assert resolve_short_names(["省教育厅"]) == {}  # nothing to resolve to
    assert resolve_short_names(["教育局", "白水县教育局"]) == {}  # no level: could be any 教育局


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("一、总体情况\n2021年，白水县应急管理局坚持以习近平新时代中国特色社会主义思想为指导。", "白水县应急管理局"),
        ("前言\n现编写了《东阳区财政局2020年度政府信息公开工作年度报告》。", "东阳区财政局"),
        ("一、总体情况\n2021年，我局坚持以习近平新时代中国特色社会主义思想为指导。", None),
        ("一、总体情况\n2021年，本机关认真贯彻落实条例。", None),
        ("一、总体情况\n2021年，全县各单位坚持公开为常态。", None),
        ("一、总体情况\n2021年，在县委县政府的领导下，持续推进政务公开。", None),
    ],
)
def test_organ_named_in_the_opening(text: str, organ: str | None) -> None:
    from nianbao.api import parse

    assert parse(text).meta.agency == organ


def test_only_the_comparisons_some_file_wants_are_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule that compares reports and that every file ignores is not run at all (the copied-text
    search of a large run costs seconds); ignored for some files only, it runs for the others."""
    from dataclasses import replace

    from nianbao.rules import REGISTRY, all_rules

    make_series(tmp_path)
    calls: list[str] = []
    (rule,) = [r for r in all_rules() if r.code == "C201"]
    original = rule.compare
    assert original is not None

    def counting(ctx):  # type: ignore[no-untyped-def]
        calls.append("C201")
        return original(ctx)

    monkeypatch.setitem(REGISTRY, "C201", replace(rule, compare=counting))
    codes = {d["code"] for d in lint_json(str(tmp_path), "--ignore", "C201")}
    assert calls == [] and "C101" in codes
    (tmp_path / "nianbao.toml").write_text('[per-file-ignores]\n"baishui-*" = ["C201"]\n', "utf-8")
    CliRunner().invoke(main, ["lint", "--format", "json", str(tmp_path)])
    assert calls == ["C201"]
