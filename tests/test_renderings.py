"""One report seen twice (C202) is not a copy (C201): the same organ, year, template and cells."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import CONFORMING, seed

from nianbao.cli import main


def findings(*paths: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["lint", "--isolated", "--format", "json", *paths])
    return json.loads(result.stdout)["diagnostics"]


def test_the_bundled_corpus_has_no_warning_about_itself() -> None:
    """Eight layouts of each conforming report: two C202, said once each, and no C201."""
    found = findings(str(CONFORMING))
    assert [d for d in found if d["severity"] != "info"] == []
    same = [d for d in found if d["code"] == "C202"]
    assert sorted(Path(str(d["path"])).name for d in same) == ["v2019_cellbar.txt", "v2021_cellbar.txt"]
    for d in same:
        others = {Path(str(r["path"])).name for r in d["related"]}  # type: ignore[union-attr]
        version = Path(str(d["path"])).name[:5]
        # runon has other numbers in table 二 (its generator keeps them apart): another report
        layouts = ("cr", "lines", "markdown", "pipe", "spaced", "tsv")
        assert others == {f"{version}_{x}.txt" for x in layouts}


def test_a_file_and_its_copy_are_one_report(tmp_path: Path) -> None:
    """Seed 002 has no organ in its title: two copies of it were two organs copying each other."""
    shutil.copy(seed("002"), tmp_path / "a.txt")
    shutil.copy(seed("002"), tmp_path / "b.txt")
    found = findings(str(tmp_path))
    assert [d["code"] for d in found if d["code"].startswith("C2")] == ["C202"]  # type: ignore[union-attr]


def test_a_copy_of_a_report_seen_twice_is_one_finding(tmp_path: Path) -> None:
    """Another organ copies 白水's section 一; 白水's report is there in two layouts: one C201, on the
    copy, pointing at the first of the two, and not "1 other report is close too"."""
    text = (CONFORMING / "v2021_pipe.txt").read_text("utf-8")
    shutil.copy(CONFORMING / "v2021_pipe.txt", tmp_path / "a-pipe.txt")
    shutil.copy(CONFORMING / "v2021_lines.txt", tmp_path / "b-lines.txt")
    copied = text.replace("白水县应急管理局", "北河县林业局").replace("2021年", "2022年")
    copied = copied.replace("2022年1月18日", "2023年1月18日")
    five = text[text.index("五、存在的主要问题及改进情况") : text.index("六、其他需要报告的事项")]
    own = "五、存在的主要问题及改进情况\n北河县林业局的公开专栏明年改版。\n"
    copied = copied.replace(five.replace("2021年", "2022年"), own)
    (tmp_path / "c-copy.txt").write_text(copied, "utf-8")
    c201 = [d for d in findings(str(tmp_path)) if d["code"] == "C201"]
    assert [Path(str(d["path"])).name for d in c201] == ["c-copy.txt"]
    (d,) = c201
    assert "a-pipe.txt" in str(d["message"]) and "另有" not in str(d["message"])
