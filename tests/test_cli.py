"""The command line: commands, formats, exit codes; never a traceback."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CONFORMING, SEEDS, seed

from nianbao import __version__
from nianbao.cli import main


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out
    for cmd in ([], ["lint"], ["tree"], ["parse"], ["export"], ["debug"]):
        code, out, _ = run(*cmd, "--help")
        assert code == 0 and "用法:" in out
        code, out, _ = run(*cmd, "--help", "--lang", "en")
        assert code == 0 and "Usage:" in out


def test_lint_exit_codes() -> None:
    # 002 has warnings only, 001 has arithmetic errors
    assert run("lint", str(seed("002")))[0] == 0
    assert run("lint", str(seed("001")))[0] == 1
    assert run("lint", "--exit-zero", str(seed("001")))[0] == 0


def test_lint_text_shows_source_and_underline() -> None:
    code, out, _ = run("lint", str(seed("003")))
    assert code == 0
    line = next(x for x in out.splitlines() if "N101" in x)
    assert line.startswith(f"{seed('003')}:2:")
    assert "[warning]" in line
    assert "\n2 | " in out and "^^^" in out
    assert "检查了 1 个文件：0 个错误，2 个警告" in out


def test_lint_concise_one_line_each() -> None:
    _, out, _ = run("lint", "--format", "concise", str(seed("002")))
    lines = [x for x in out.splitlines() if x.startswith(str(seed("002")))]
    assert [x.split()[1] for x in lines] == ["S104", "T105", "T105"]
    assert " | " not in out.replace("检查了", "")


def test_lint_json_fields() -> None:
    code, out, _ = run("lint", "--format", "json", str(seed("001")))
    assert code == 1
    items = json.loads(out)["diagnostics"]
    a102 = next(d for d in items if d["code"] == "A102")
    for key in ("code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column"):
        assert key in a102
    assert a102["name"] == "row-total" and a102["severity"] == "error"
    assert a102["cell"] == {
        "table": "三",
        "block": "",
        "group": "",
        "row": "一、本年新收政府信息公开申请数量",
        "column": "总计",
    }
    assert (a102["line"], a102["column"]) == (174, 1)


def test_lint_directory_and_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa not utf-8 \x81")
    good = tmp_path / "good.txt"
    good.write_bytes(seed("002").read_bytes())
    code, out, err = run("lint", str(tmp_path))
    assert code == 2  # nothing worse than an unreadable file
    assert "bad.txt" in err and "Traceback" not in err
    assert "检查了 1 个文件" in out and "1 个文件无法读取" in out
    code, _, _ = run("lint", str(tmp_path), str(seed("001")))
    assert code == 1  # error-level findings are worse


def test_missing_file_is_exit_2() -> None:
    code, _, err = run("lint", "no/such/file.txt")
    assert code == 2 and "文件不存在" in err
    code, _, err = run("lint", "no/such/file.txt", "--lang", "en")
    assert code == 2 and "no such file" in err


def test_stdin() -> None:
    code, out, _ = run("lint", "--format", "concise", "-", input=seed("002").read_bytes())
    assert code == 0 and "-:1:1: S104" in out


def test_tree_view() -> None:
    code, out, _ = run("tree", str(seed("001")))
    assert code == 1
    assert out.splitlines()[0].startswith("衡陽市人民政府辦公室 · 2019年度 · V2019格式 · ✗ 12 错误")
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项"):
        assert heading in out
    assert "✗ 三、收到和处理政府信息公开申请情况  第139–536行" in out
    # the deviating row, expanded with its values under its columns' names
    assert re.search(
        r"自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n[│ ]*49 +42 +3 +0 +0 +4 +49\n", out
    )
    assert "A102" in out
    assert "规章" not in out  # conforming rows stay collapsed
    _, full, _ = run("tree", "--all", str(seed("001")))
    assert "规章" in full
    code, same, _ = run("tree", "--exit-zero", str(seed("001")))
    assert code == 0 and same == out


def test_tree_shows_missing_section(tmp_path: Path) -> None:
    text = seed("002").read_text("utf-8")
    start = text.index("五、存在的主要问题")
    end = text.index("六、其他需要报告的事项")
    f = tmp_path / "no5.txt"
    f.write_text(text[:start] + text[end:], "utf-8")
    code, out, _ = run("tree", str(f))
    assert code == 1
    assert "✗ 五、存在的主要问题及改进情况  缺少" in out


def test_parse_json_is_lossless() -> None:
    code, out, _ = run("parse", "--format", "json", str(seed("000")))
    assert code == 0
    doc = json.loads(out)
    text = seed("000").read_text("utf-8")

    def leaves(node: dict) -> list[str]:  # type: ignore[type-arg]
        if "children" in node:
            return [t for c in node["children"] for t in leaves(c)]
        return [node["text"]]

    assert "".join(leaves(doc["tree"])) == text
    assert doc["tree"]["kind"] == "report" and doc["tree"]["version"] == "V2019"


def test_parse_tree_view() -> None:
    code, out, _ = run("parse", str(seed("002")))
    assert code == 0 and "section number=3" in out and "row table=三" in out


def test_export_json_document() -> None:
    code, out, _ = run("export", str(seed("001")))
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == {
        "file",
        "form",
        "encoding",
        "template",
        "year",
        "agency",
        "organ",
        "organ_key",
        "published",
        "sections",
        "cells",
    }
    assert (doc["form"], doc["encoding"], doc["organ_key"]) == ("text", "utf-8", "衡阳市人民政府办公室")
    assert doc["template"] == "V2019" and doc["year"] == 2019 and doc["published"] == "2020-03-25"
    assert doc["sections"]["三"] == {"line": 139, "title": "三、收到和處理政府信息公開申請情況"}
    assert len(doc["cells"]) == 198
    cell = next(c for c in doc["cells"] if c["row"] == "政府集中采购" and c["column"] == "采购总金额")
    assert cell == {
        "table": "二",
        "block": "第二十条第（九）项",
        "group": "",
        "row": "政府集中采购",
        "column": "采购总金额",
        "value": 297.17,
        "status": "ok",
        "raw": "297.17萬元",
        "line": 135,
    }


def test_export_csv_many_files() -> None:
    code, out, _ = run("export", "--format", "csv", "--no-bom", str(seed("000")), str(seed("004")))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 2 * 198
    report = ["file", "organ", "organ_key", "year", "template"]
    assert list(rows[0]) == [*report, "table", "block", "group", "row", "column", "value", "status", "raw", "line"]
    assert {(r["organ"], r["year"], r["template"]) for r in rows if r["file"].startswith(str(SEEDS / "000"))} == {
        ("衡陽市煙草專賣局", "2019", "V2019")
    }
    statuses = {r["status"] for r in rows}
    assert {"ok", "placeholder", "blank"} <= statuses
    blank = next(r for r in rows if r["status"] == "blank")
    assert blank["value"] == ""


@pytest.mark.parametrize("stage", ["normalized", "tokens", "tree"])
def test_debug_stages(stage: str) -> None:
    code, out, _ = run("debug", str(seed("001")), "--stage", stage)
    assert code == 0 and out
    if stage == "normalized":
        assert "▒" in out and "总体情况" in out  # masked pinyin, simplified script
    if stage == "tokens":
        assert "HEAD_3" in out and "chrome" in out
    if stage == "tree":
        assert "report_v2019" in out


def test_all_seeds_never_crash() -> None:
    for name in ("000", "001", "002", "003", "004"):
        for cmd in ("lint", "tree", "parse", "export"):
            code, _, err = run(cmd, str(seed(name)))
            assert code in (0, 1), (cmd, name, err)
            assert "Traceback" not in err


def test_text_view_shows_the_related_places() -> None:
    """The other cells of a sum that does not add up are listed under the finding, in both
    languages; a finding with many related places shows six and counts the rest."""
    path = str(SEEDS / "001_fe31697e2adee0d8.txt")
    _, out, _ = run("lint", "--isolated", "--select", "A102", path)
    assert "   = 参见：162:1 一、本年新收政府信息公开申请数量·自然人 49\n" in out
    _, out, _ = run("lint", "--isolated", "--select", "N101", "--lang", "en", str(SEEDS / "003_bff0f7580975e1aa.txt"))
    assert "   = see: 59:1 table 二 采购总金额\n" in out
    text = (CONFORMING / "v2021_pipe.txt").read_text("utf-8")
    header = "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |"
    broken = " | ".join(c[:1] + " " + c[1:] + "甲" for c in header.rstrip(" |").split(" | ")) + " |"
    _, out, _ = run("lint", "--isolated", "--select", "T105", "-", input=text.replace(header, broken).encode())
    assert out.count("   = 参见：") == 6 and "   = 另有4处\n" in out
