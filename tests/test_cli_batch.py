"""The command line on many files: configuration, parallel runs, baselines, the summary, languages."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CONFORMING, SEEDS, seed

from nianbao.cli import main


def run(*args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def codes(out: str) -> list[str]:
    return [d["code"] for d in json.loads(out)["diagnostics"]]


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """The seeds in a directory of their own, where a configuration file can be put."""
    d = tmp_path / "seeds"
    shutil.copytree(SEEDS, d)
    return d


def test_json_envelope() -> None:
    code, out, _ = run("lint", "--isolated", "--format", "json", str(seed("001")))
    doc = json.loads(out)
    assert code == 1 and doc["schema"] == "nianbao-lint/1"
    assert doc["errors"] == []
    a102 = next(d for d in doc["diagnostics"] if d["code"] == "A102")
    assert (a102["line"], a102["column"]) == (174, 1)


def test_configuration_file_and_command_line_precedence(seeds: Path) -> None:
    target = str(next(seeds.glob("002_*.txt")))
    base = codes(run("lint", "--format", "json", target)[1])
    assert "S104" in base and "T105" in base
    (seeds / "nianbao.toml").write_text('ignore = ["S104"]\n', "utf-8")
    assert "S104" not in codes(run("lint", "--format", "json", target)[1])
    # the command line extends what the file says; --isolated forgets the file
    assert codes(run("lint", "--format", "json", "--ignore", "T105", target)[1]) == []
    assert codes(run("lint", "--format", "json", "--isolated", target)[1]) == base
    # a more specific --select re-enables what the file ignored
    assert set(codes(run("lint", "--format", "json", "--select", "S104", target)[1])) == {"S104"}


def test_severity_override_changes_exit_code(seeds: Path) -> None:
    target = str(next(seeds.glob("001_*.txt")))
    assert run("lint", "--format", "concise", target)[0] == 1
    (seeds / "nianbao.toml").write_text('[severity]\nA1 = "warning"\n', "utf-8")
    code, out, _ = run("lint", "--format", "json", target)
    diags = json.loads(out)["diagnostics"]
    assert {d["severity"] for d in diags if d["code"].startswith("A1")} == {"warning"}
    assert code == 0 and "error" not in {d["severity"] for d in diags}


def test_bad_configuration_is_exit_2(seeds: Path) -> None:
    (seeds / "nianbao.toml").write_text('select = ["ZZZ999"]\n', "utf-8")
    code, out, err = run("lint", str(seeds))
    assert code == 2 and out == ""
    assert "nianbao.toml" in err and "ZZZ999" in err and "Traceback" not in err
    code, _, err = run("lint", "--select", "Q1", str(seed("001")), "--isolated")
    assert code == 2 and "Q1" in err


def test_parallel_run_gives_the_serial_output() -> None:
    args = ("lint", "--isolated", "--format", "json", str(SEEDS), str(CONFORMING))
    serial = run(*args, "--jobs", "1")
    parallel = run(*args, "--jobs", "3")
    assert serial == parallel
    assert len({d["path"] for d in json.loads(serial[1])["diagnostics"]}) >= 5


def test_baseline_hides_known_findings_and_reports_new_and_unused(tmp_path: Path) -> None:
    work = tmp_path / "reports"
    work.mkdir()
    report = work / "a.txt"
    lines = (CONFORMING / "v2021_pipe.txt").read_text("utf-8").split("\n")
    review = lines.index("1 | 1 | 1 | 0 | 3 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |")  # table 四
    lines[review] = "1 | 1 | 1 | 0 | 4 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"  # one A104 (and N101)
    report.write_text("\n".join(lines), "utf-8")
    shutil.copy(seed("002"), work / "b.txt")
    baseline = tmp_path / "baseline.json"
    code, _, err = run("lint", "--isolated", str(work), "--write-baseline", str(baseline))
    assert code == 0 and "已写入" in err and "baseline.json" in err
    doc = json.loads(baseline.read_text("utf-8"))
    assert doc["format"] == "nianbao-baseline/1"
    assert doc["files"]["reports/a.txt"]["A104"] == 1  # relative to the baseline: portable
    # nothing new: clean, exit 0
    code, out, _ = run("lint", "--isolated", "--format", "json", str(work), "--baseline", str(baseline))
    assert code == 0 and json.loads(out)["diagnostics"] == []
    # a second A104: which one is new cannot be told, so both show; the rest stays hidden
    lines[review] = "1 | 1 | 1 | 0 | 4 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |"
    report.write_text("\n".join(lines), "utf-8")
    code, out, _ = run("lint", "--isolated", "--format", "json", str(work), "--baseline", str(baseline))
    assert code == 1 and codes(out) == ["A104", "A104"]
    # b.txt fixed: its entries are unused, and said so
    shutil.copy(CONFORMING / "v2021_pipe.txt", work / "b.txt")
    code, out, _ = run("lint", "--isolated", str(work), "--baseline", str(baseline))
    assert "基线中不再需要的记录：reports/b.txt S104" in out


def test_bad_baseline_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text('{"format": "something else"}', "utf-8")
    code, _, err = run("lint", str(seed("002")), "--baseline", str(bad))
    assert code == 2 and "not a nianbao baseline" in err


def test_summary_one_row_per_report() -> None:
    code, out, _ = run("summary", "--isolated", "--format", "csv", "--no-bom", str(SEEDS))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 1 and len(rows) == 5
    by_file = {Path(r["path"]).name[:3]: r for r in rows}
    assert by_file["001"]["organ"] == "衡陽市人民政府辦公室"  # as published
    assert by_file["001"]["year"] == "2019" and by_file["001"]["template"] == "V2019"
    assert int(by_file["001"]["errors"]) > 0 and by_file["001"]["codes"].split()[0].startswith("A")
    assert by_file["002"]["errors"] == "0"
    # the same numbers as lint
    lint = json.loads(run("lint", "--isolated", "--format", "json", str(SEEDS))[1])["diagnostics"]
    for r in rows:
        mine = [d for d in lint if d["path"] == r["path"]]
        assert int(r["errors"]) == sum(d["severity"] == "error" for d in mine)
        assert int(r["warnings"]) == sum(d["severity"] == "warning" for d in mine)
    sorted_rows = list(
        csv.DictReader(io.StringIO(run("summary", "--format", "csv", "--no-bom", "--sort", "errors", str(SEEDS))[1]))
    )
    errors = [int(r["errors"]) for r in sorted_rows]
    assert errors == sorted(errors, reverse=True)


def test_summary_table_and_json() -> None:
    code, out, _ = run("summary", "--isolated", str(CONFORMING))
    assert code == 0 and "v2021_runon.txt" in out
    code, out, _ = run("summary", "--isolated", "--format", "json", str(CONFORMING))
    doc = json.loads(out)
    assert code == 0 and doc["overview"]["reports"] == 16 and doc["overview"]["with_errors"] == 0
    assert all(r["errors"] == 0 and r["template"] in ("V2019", "V2021") for r in doc["reports"])


def test_summary_tells_the_texts_that_are_not_reports(tmp_path: Path) -> None:
    """A column of annual reports holds other texts too: they count apart in the corpus line and
    have no template in their row."""
    (tmp_path / "report.txt").write_bytes((CONFORMING / "v2021_pipe.txt").read_bytes())
    notice = "关于印发2019年政务公开工作要点的通知\n各市人民政府：\n现将《2019年政务公开工作要点》印发给你们。\n"
    (tmp_path / "notice.txt").write_text(notice, "utf-8")
    code, out, _ = run("summary", "--isolated", "--format", "json", str(tmp_path))
    doc = json.loads(out)
    assert code == 1  # the notice's S001 is an error
    assert doc["overview"]["not_reports"] == 1 and doc["overview"]["with_errors"] == 1
    by_name = {Path(r["path"]).name: r for r in doc["reports"]}
    assert by_name["notice.txt"]["template"] is None and by_name["notice.txt"]["codes"] == ["S001"]
    assert by_name["report.txt"]["template"] == "V2021"
    _, table, _ = run("summary", "--isolated", str(tmp_path))
    assert table.splitlines()[0].startswith("读取 2 份报告，1 份有错误（其中 1 份不是年度报告）")


def test_messages_in_english() -> None:
    _, zh, _ = run("lint", "--isolated", "--format", "json", str(seed("001")))
    _, en, _ = run("lint", "--isolated", "--format", "json", "--lang", "en", str(seed("001")))
    zh_d, en_d = json.loads(zh)["diagnostics"], json.loads(en)["diagnostics"]
    assert [d["code"] for d in zh_d] == [d["code"] for d in en_d]
    assert all(
        d["message"].isascii() or "「" in d["message"] or any(ord(c) > 0x2E80 for c in d["message"]) for d in en_d
    )
    assert any(a["message"] != b["message"] for a, b in zip(zh_d, en_d, strict=True))
    _, text, _ = run("lint", "--isolated", str(seed("002")), env={"NIANBAO_LANG": "en"})
    assert "Checked 1 file(s)" in text and "help:" in text


def test_rules_listing_and_rule_doc() -> None:
    code, out, _ = run("rules", "--format", "json")
    items = json.loads(out)
    assert code == 0 and len(items) >= 30
    assert {"code", "name", "severity", "summary", "url"} <= set(items[0])
    code, doc, _ = run("rule", "T201", "--raw")
    assert code == 0 and doc.startswith("# T201")
    assert run("rule", items[0]["name"], "--raw")[1].startswith(f"# {items[0]['code']}")
    code, _, err = run("rule", "Z999")
    assert code == 2 and "Z999" in err


def test_output_file_quiet_and_statistics(tmp_path: Path) -> None:
    out_file = tmp_path / "out" / "lint.sarif"
    out_file.parent.mkdir()
    code, out, _ = run("lint", "--isolated", "--format", "sarif", "-o", str(out_file), str(seed("001")))
    assert code == 1 and out == ""
    assert json.loads(out_file.read_text("utf-8"))["version"] == "2.1.0"
    assert [p.name for p in out_file.parent.iterdir()] == ["lint.sarif"]  # no temporary file left
    _, quiet, _ = run("lint", "--isolated", "--format", "json", "-q", str(seed("001")))
    assert {d["severity"] for d in json.loads(quiet)["diagnostics"]} == {"error"}
    _, stats, _ = run("lint", "--isolated", "--statistics", str(seed("001")))
    everything = codes(run("lint", "--isolated", "--format", "json", str(seed("001")))[1])
    for c in set(everything):  # a rule may report at two severities: one line each
        counted = [int(x.split()[0]) for x in stats.splitlines() if c in x.split()]
        assert sum(counted) == everything.count(c)


def test_config_show(seeds: Path) -> None:
    (seeds / "nianbao.toml").write_text('ignore = ["N101"]\n', "utf-8")
    code, out, _ = run("config", str(seeds), "--show")
    assert code == 0 and "nianbao.toml" in out and "N101" in out


def test_template_option_decides_when_the_report_does_not_tell(tmp_path: Path) -> None:
    # the six headings, no tables, no year: the configured template is the one checked against
    f = tmp_path / "bare.txt"
    headings = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]
    headings += ["四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    f.write_text("\n\n".join(headings) + "\n", "utf-8")
    for version in ("V2019", "V2021"):
        _, out, _ = run("summary", "--isolated", "--format", "json", "--template", version, str(f))
        assert json.loads(out)["reports"][0]["template"] == version
        _, out, _ = run("tree", "--isolated", "--template", version, str(f))
        assert f"{version}格式" in out.splitlines()[0]
    # tables that tell win over the setting
    _, out, _ = run(
        "summary", "--isolated", "--format", "json", "--template", "V2019", str(CONFORMING / "v2021_pipe.txt")
    )
    assert json.loads(out)["reports"][0]["template"] == "V2021"


def test_input_options() -> None:
    code, _, err = run("lint", "--isolated", "--encoding", "klingon", str(seed("002")))
    assert code == 2 and '--encoding "klingon"' in err
    code, _, err = run("lint", "--isolated", "--max-file-size", "1", str(seed("002")))
    assert code == 0  # 5 kB
    code, out, _ = run("debug", str(seed("002")), "--stage", "text")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("# text, utf-8:") and lines[1].split(maxsplit=1) == ["1", "一、总体情况"]
    code, out, _ = run("parse", "--format", "json", str(seed("002")))
    doc = json.loads(out)
    assert (doc["form"], doc["encoding"]) == ("text", "utf-8")
    _, out, _ = run("parse", "--format", "json", str(seed("001")))
    doc = json.loads(out)
    assert (doc["organ"], doc["organ_key"], doc["year"]) == ("衡陽市人民政府辦公室", "衡阳市人民政府办公室", 2019)


def test_places_in_word_and_pdf_files() -> None:
    pdf = str(Path(__file__).parent / "data" / "pdf" / "v2021_kangxi.pdf")
    _, out, _ = run("lint", "--isolated", "--format", "json", pdf)
    diags = json.loads(out)["diagnostics"]
    assert diags and all(re.fullmatch(r"第[0-9]+页第[0-9]+行", d["place"]) for d in diags)
    x104 = next(d for d in diags if d["code"] == "X104")
    assert x104["place"] == "第1页第2行"
    _, out, _ = run("lint", "--isolated", "--format", "json", "--lang", "en", pdf)
    assert json.loads(out)["diagnostics"][0]["place"].startswith("page ")
    _, out, _ = run("lint", "--isolated", "--format", "concise", pdf)
    assert out.splitlines()[0].endswith("[第1页第2行]")
    _, out, _ = run("lint", "--isolated", "--format", "json", str(seed("002")))
    assert all("place" not in d for d in json.loads(out)["diagnostics"])  # a text file: line:column say it all


def test_diff_command(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes((CONFORMING / "v2021_pipe.txt").read_bytes())
    b = tmp_path / "b.txt"
    b.write_text(
        a.read_text("utf-8").replace("2021年", "2022年").replace("行政许可 | 552 |", "行政许可 | 600 |"), "utf-8"
    )
    code, out, _ = run("diff", str(a), str(b))
    assert code == 0 and "行政许可" in out and "+48" in out
    code, out, _ = run("diff", "--format", "json", str(a), str(b))
    doc = json.loads(out)
    changed = [c for c in doc["cells"] if c["state"] == "changed"]
    assert doc["schema"] == "nianbao-diff/1" and [c["key"]["row"] for c in changed] == ["行政许可"]
    assert changed[0]["change"] == 48
    code, _, err = run("diff", str(a), str(tmp_path / "nope.txt"))
    assert code == 2 and "nope.txt" in err


def test_summary_share_of_cells_read(tmp_path: Path) -> None:
    """Read share: cells ok, blank or placeholder of the template's cells. A conforming report has
    all of them; the same report with table 四 cut out lacks table 四's cells (15 of V2021's)."""
    from nianbao.template import Version, all_cells, table

    text = (CONFORMING / "v2021_pipe.txt").read_text("utf-8")
    start, end = text.index("四、政府信息公开行政复议"), text.index("五、存在的主要问题")
    (tmp_path / "full.txt").write_text(text, "utf-8")
    (tmp_path / "cut.txt").write_text(text[:start] + "四、政府信息公开行政复议、行政诉讼情况\n" + text[end:], "utf-8")
    (tmp_path / "note.txt").write_text("关于召开会议的通知\n请各单位准时参加。\n", "utf-8")
    total = len(all_cells(Version.V2021))
    four = len(table("四", Version.V2021).cells)
    _code, out, _ = run("summary", "--isolated", "--format", "json", str(tmp_path))
    doc = json.loads(out)
    by_name = {Path(r["path"]).name: r for r in doc["reports"]}
    assert (by_name["full.txt"]["cells_read"], by_name["full.txt"]["cells_total"]) == (total, total)
    assert (by_name["cut.txt"]["cells_read"], by_name["cut.txt"]["cells_total"]) == (total - four, total)
    assert by_name["note.txt"]["cells_read"] is None  # S001: no report, no share
    assert doc["overview"]["cells_read"] == 2 * total - four and doc["overview"]["cells_total"] == 2 * total
    rows = list(
        csv.DictReader(io.StringIO(run("summary", "--isolated", "--format", "csv", "--no-bom", str(tmp_path))[1]))
    )
    assert {r["path"].rsplit("/", 1)[-1]: r["cells_read"] for r in rows}["cut.txt"] == str(total - four)
    _, table_view, _ = run("summary", "--isolated", str(tmp_path))
    share = f"{100 * (2 * total - four) / (2 * total):.1f}%"
    assert f"单元格读取率 {share}" in table_view
    assert f"{100 * (total - four) / total:.0f}%" in table_view and "100%" in table_view


def test_summary_cuts_paths_from_the_left_at_80_columns() -> None:
    _code, out, _ = run("summary", "--isolated", str(CONFORMING), env={"COLUMNS": "80"})
    rows = [line for line in out.splitlines() if "东阳区财政局" in line or "白水县" in line]
    assert len(rows) == 16
    names = [line.split()[0] for line in rows]
    assert len(set(names)) == 16  # every row tells its file apart
    assert all(n.startswith("…") and n.endswith(".txt") for n in names), names
    assert any(n.endswith("/v2019_cr.txt") for n in names)
    assert all(len(line) <= 80 for line in out.splitlines()[1:])
