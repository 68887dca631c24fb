"""One language at a time for everything the command line prints: help, usage errors, file and
configuration errors, views; chosen by --lang, NIANBAO_LANG, the configuration or the locale."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import seed

from nianbao.cli import main
from nianbao.messages import HELP_ZH, language

CJK = re.compile(r"[\u4e00-\u9fff]")
# Chinese the English view keeps on purpose: the report's own words, and the template's labels
QUOTED = re.compile(r"“[^”]*”|\(such as [^)]*\)|[\u4e00-\u9fff]+(?=\))")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def every_help() -> list[str]:
    out = []
    stack: list[click.Command] = [main]
    while stack:
        command = stack.pop()
        out += [p.__dict__.get("_help_en", getattr(p, "help", None)) for p in command.params]
        if command is not main:
            out.append(command.__dict__.get("_help_en", command.help))
        if isinstance(command, click.Group):
            stack.extend(command.commands.values())
    return [h for h in out if h]


def test_every_help_text_has_its_chinese() -> None:
    run("--help")  # the help is put in its language when the command line starts
    missing = [h for h in every_help() if h not in HELP_ZH]
    assert missing == []


@pytest.mark.parametrize("command", [[], ["lint"], ["summary"], ["tree"], ["diff"], ["export"], ["rules"]])
def test_help_in_either_language(command: list[str]) -> None:
    _, zh, _ = run(*command, "--help")
    assert "用法:" in zh and "选项" in zh
    for english in ("Usage:", "Options:", "Show this message and exit."):
        assert english not in zh
    _, en, _ = run(*command, "--help", "--lang", "en")
    assert "Usage:" in en and "显示本帮助" not in en
    _, by_env, _ = run(*command, "--help", env={"NIANBAO_LANG": "en"})
    assert by_env == en


def test_usage_errors_in_the_language() -> None:
    code, _, err = run("lint", "--bogus", str(seed("002")))
    assert code == 2 and "没有选项" in err
    code, _, err = run("lint", "--bogus", str(seed("002")), "--lang", "en")
    assert code == 2 and "No such option" in err and not CJK.search(err)


def test_file_errors_in_the_language() -> None:
    _, _, err = run("lint", "no/such.txt", "--lang", "en")
    assert "no such file" in err and not CJK.search(err)
    _, _, err = run("lint", "no/such.txt")
    assert "文件不存在" in err and "no such file" not in err
    _, _, err = run("tree", "no/such.txt", "--lang", "en")
    assert "no such file" in err and not CJK.search(err)


def test_configuration_errors_in_the_language(tmp_path: Path) -> None:
    (tmp_path / "nianbao.toml").write_text('template = "2019"\n', "utf-8")
    (tmp_path / "r.txt").write_bytes(seed("002").read_bytes())
    code, _, err = run("lint", str(tmp_path))
    assert code == 2 and "应为以下之一" in err and '"V2019"' in err and "nianbao.toml" in err
    code, _, err = run("lint", str(tmp_path), "--lang", "en")
    assert code == 2 and 'expected one of "auto", "V2019", "V2021"' in err and not CJK.search(err)
    code, _, err = run("lint", "--select", "ZZZ1", str(tmp_path / "r.txt"), "--isolated")
    assert code == 2 and "未知的选择器" in err


def test_english_run_prints_no_chinese_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_bytes(seed("002").read_bytes())
    (tmp_path / "empty").mkdir()
    missing = str(tmp_path / "missing.txt")
    _, out, err = run("lint", str(tmp_path), missing, "--lang", "en", "--isolated", "--show-info")
    assert "no such file" in err
    for line in (out + err).splitlines():
        if line.startswith(("  |", "   |")) or re.match(r"\d+ \|", line.strip()):
            continue  # the report's own line, quoted
        assert not CJK.search(QUOTED.sub("", line)), line


def test_the_locale_chooses_when_nothing_else_does() -> None:
    assert language({"LANG": "en_US.UTF-8"}) == "en"
    assert language({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}) == "zh"
    assert language({"LANG": "C.UTF-8"}) is None
    _, out, _ = run("lint", str(seed("002")), "--isolated", env={"LANG": "en_GB.UTF-8"})
    assert "Checked 1 file(s)" in out
    _, out, _ = run("lint", str(seed("002")), "--isolated", "--lang", "zh", env={"LANG": "en_GB.UTF-8"})
    assert "检查了 1 个文件" in out
