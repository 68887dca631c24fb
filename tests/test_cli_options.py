"""Options for CI and editors: levels, --max-warnings, --stdin-filename, colour, --debug anywhere,
statistics in machine formats, CSV for Excel."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from conftest import CONFORMING, SEEDS, seed

from nianbao.cli import main


def run(*args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def all_findings(*paths: str) -> list[dict[str, object]]:
    return json.loads(run("lint", "--isolated", "--format", "json", *paths)[1])["diagnostics"]


def test_text_hides_information_and_counts_it() -> None:
    """Seed 003 has two warnings and two information findings (X102, X103): the text shows the
    warnings and counts the information in its last line; --show-info shows them; JSON keeps all."""
    target = str(seed("003"))
    infos = [d for d in all_findings(target) if d["severity"] == "info"]
    assert len(infos) == 2
    code, out, _ = run("lint", "--isolated", target)
    assert code == 0
    assert "[info]" not in out and "[warning]" in out
    last = out.strip().splitlines()[-1]
    assert "2 个警告" in last and "2 个提示" in last and "--show-info" in last
    for shown in (
        run("lint", "--isolated", "--show-info", target)[1],
        run("lint", "--isolated", "--level", "info", target)[1],
    ):
        assert shown.count("[info]") == 2 and "--show-info" not in shown.strip().splitlines()[-1]
    # the machine formats keep everything unless asked
    concise = run("lint", "--isolated", "--format", "concise", target)[1]
    assert concise.count("[info]") == 2
    assert "[info]" not in run("lint", "--isolated", "--format", "concise", "--level", "warning", target)[1]


def test_quiet_is_level_error() -> None:
    target = str(seed("001"))
    quiet = run("lint", "--isolated", "--format", "json", "-q", target)[1]
    level = run("lint", "--isolated", "--format", "json", "--level", "error", target)[1]
    assert quiet == level and {d["severity"] for d in json.loads(quiet)["diagnostics"]} == {"error"}


def test_max_warnings() -> None:
    """Seed 002 has three warnings and no error: ESLint's --max-warnings makes more than N fail."""
    target = str(seed("002"))
    assert sum(d["severity"] == "warning" for d in all_findings(target)) == 3
    assert run("lint", "--isolated", target)[0] == 0
    assert run("lint", "--isolated", target, "--max-warnings", "3")[0] == 0
    code, _, err = run("lint", "--isolated", target, "--max-warnings", "2")
    assert code == 1 and "--max-warnings" in err
    assert run("lint", "--isolated", target, "--max-warnings", "2", "--format", "json")[0] == 1


def test_stdin_filename_names_the_report_and_applies_its_settings(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "nianbao.toml").write_text('[per-file-ignores]\n"drafts/*.txt" = ["S104"]\n', "utf-8")
    data = seed("002").read_bytes()
    name = str(tmp_path / "drafts" / "r.txt")
    _, out, _ = run("lint", "--format", "concise", "-", "--stdin-filename", name, input=data)
    assert "S104" not in out and f"{name}:20:8: T105" in out
    _, out, _ = run("lint", "--format", "concise", "-", "--stdin-filename", str(tmp_path / "r.txt"), input=data)
    assert f"{tmp_path / 'r.txt'}:1:1: S104" in out


def test_color_options() -> None:
    target = str(seed("001"))
    _, coloured, _ = run("lint", "--isolated", "--color", target)
    _, plain, _ = run("lint", "--isolated", "--no-color", target, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in coloured and "\x1b[" not in plain
    assert "\x1b[" in run("--color", "tree", target)[1]


def test_debug_before_or_after_the_command() -> None:
    for args in (("--debug", "lint", str(seed("002"))), ("lint", str(seed("002")), "--debug")):
        assert run(*args)[0] == 0


def test_statistics_as_json_and_csv() -> None:
    paths = (str(SEEDS),)
    found = all_findings(*paths)
    code, out, _ = run("lint", "--isolated", "--statistics", "--format", "json", *paths)
    doc = json.loads(out)
    assert code == 1 and doc["schema"] == "nianbao-statistics/1"
    assert sum(r["count"] for r in doc["rules"]) == len(found)
    for r in doc["rules"]:
        assert r["count"] == sum(d["code"] == r["code"] and d["severity"] == r["severity"] for d in found)
    assert doc["total"]["errors"] == sum(d["severity"] == "error" for d in found)
    _, out, _ = run("lint", "--isolated", "--statistics", "--format", "csv", "--no-bom", *paths)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["code"], int(r["count"])) for r in rows] == [(r["code"], r["count"]) for r in doc["rules"]]


def test_csv_has_a_bom_for_excel_unless_asked(tmp_path: Path) -> None:
    target = str(seed("002"))
    for args in (("lint", "--format", "csv"), ("summary", "--format", "csv"), ("export", "--format", "csv")):
        _, out, _ = run(*args, target)
        assert out.startswith("\ufeff"), args
        _, out, _ = run(*args, "--no-bom", target)
        assert not out.startswith("\ufeff") and out[:4] in ("path", "file"), args
    out_file = tmp_path / "s.csv"
    run("summary", "--format", "csv", "-o", str(out_file), str(CONFORMING))
    assert out_file.read_bytes().startswith(b"\xef\xbb\xbf")
