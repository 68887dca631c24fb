"""The terminal views at a narrow width (``COLUMNS=80``): Chinese lines broken where Chinese
breaks, values under their columns, names never cut, Markdown rendered, PDF places."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CONFORMING, ROOT, seed
from rich.cells import cell_len

from nianbao.cli import main
from nianbao.render.wrap import NO_END, NO_START, break_points
from nianbao.rules import all_rules

PDF = ROOT / "tests" / "data" / "pdf" / "v2019.pdf"
GUIDES = "│├└─ "


def run(*args: str, columns: int = 80) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": str(columns)})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def content(line: str) -> str:
    """A line of a tree without its guides."""
    return line.lstrip(GUIDES)


def assert_broken_as_chinese_is(out: str) -> None:
    lines = out.splitlines()
    for i, line in enumerate(lines):
        text = content(line).rstrip()
        assert not re.fullmatch(r"[A-Z]\d{3}", text), f"a code alone on line {i + 1}: {line!r}"
        if text:
            assert text[0] not in NO_START, f"line {i + 1} starts with closing punctuation: {line!r}"
            assert text[-1] not in NO_END, f"line {i + 1} ends with opening punctuation: {line!r}"
        assert cell_len(line.rstrip()) <= 80, f"line {i + 1} is wider than the terminal: {line!r}"


def test_break_points_follow_the_rules() -> None:
    text = "T104 行标题“3.申請內容不明確”与模板不一致，应为“3.补正后申请内容仍不明确”  (390:1)"
    for width in range(12, 70):
        points = [0, *break_points(text, width), len(text)]
        pieces = [text[a:b].strip() for a, b in itertools.pairwise(points)]
        assert "".join(p.replace(" ", "") for p in pieces) == text.replace(" ", "")  # nothing lost
        for p in pieces:
            if p:
                assert p[0] not in NO_START and p[-1] not in NO_END, (width, pieces)
        assert all(not re.search(r"T1$|^04|\(390$|^:1\)", p) for p in pieces), (width, pieces)  # words whole


def test_tree_lines_break_as_chinese_does() -> None:
    _, out, _ = run("tree", str(seed("001")), "--exit-zero")
    assert_broken_as_chinese_is(out)
    assert re.search(r"T104 行标题“3\.申請", out)  # the code and its message on one line


def test_tree_values_stand_under_their_columns() -> None:
    """Each value's last cell is under its column name's last cell (right-aligned numbers)."""
    _, out, _ = run("tree", str(seed("001")), "--exit-zero")
    lines = out.splitlines()
    headers = [i for i, line in enumerate(lines) if "自然人" in line and "总计" in line and "A10" not in line]
    assert headers
    for i in headers:
        header, values = lines[i], lines[i + 1]
        names = re.finditer(r"\S+", header[len(header) - len(content(header)) :])
        offset = len(header) - len(content(header))
        ends = [cell_len(header[: offset + m.end()]) for m in names]
        value_ends = [cell_len(values[: m.end()]) for m in re.finditer(r"[^\s│├└]+", values)]
        assert value_ends[-len(ends) :] == ends, (header, values)


def test_diff_labels_break_between_words(tmp_path: Path) -> None:
    text = (CONFORMING / "v2021_pipe.txt").read_text("utf-8")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(text, "utf-8")
    b.write_text(text.replace("行政事业性收费 | 1552.86 |", "行政事业性收费 | 1600.5 |"), "utf-8")
    _, out, _ = run("diff", str(a), str(b), "--all", "--no-findings")
    table = out[out.index("表二") : out.index("正文")]
    for line in table.splitlines():
        first = line.strip()
        if first:
            assert first[0] not in NO_START, line  # a label's ）or ” never starts a line
            assert not re.match(r"[0-9]", first) or re.match(r"[0-9.+\-%/—]+( |$)", first), line


def test_the_tree_shows_every_finding() -> None:
    """Whatever a diagnostic says of itself, the outline has a place for it (a finding whose table
    was not one of the report's went missing)."""
    from collections import Counter

    files = [seed(n) for n in ("000", "001", "002", "003", "004")] + ([PDF] if PDF.exists() else [])
    for path in files:
        _, out, _ = run("lint", str(path), "--isolated", "--format", "json")
        expected = Counter(d["code"] for d in json.loads(out)["diagnostics"])
        _, tree, _ = run("tree", str(path), "--isolated", "--exit-zero", columns=300)
        shown = Counter(m.group(1) for m in re.finditer(r"(?:── |^)([A-Z]\d{3}) ", tree, re.M))
        assert shown == expected, path


def test_rules_names_are_never_cut() -> None:
    _, out, _ = run("rules")
    for r in all_rules():
        assert re.search(rf"^{r.code}\s+{re.escape(r.name)}\s", out, re.M), r.name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rule_documentation_is_rendered(lang: str) -> None:
    rule = next(r for r in all_rules() if r.code == "T201")
    _, out, _ = run("rule", "T201", "--lang", lang)
    assert "```" not in out and not re.search(r"^#+ ", out, re.M)  # Markdown rendered, not printed
    assert rule.summary(lang)[:10] in out.replace("\n", "")
    _, raw, _ = run("rule", "T201", "--lang", lang, "--raw")
    assert raw == rule.markdown(lang)


@pytest.mark.skipif(not PDF.exists(), reason="the PDF fixture is missing")
def test_tree_and_diff_name_pages_and_lines_of_a_pdf() -> None:
    pytest.importorskip("pdfplumber")
    _, concise, _ = run("lint", str(PDF), "--format", "concise", "--isolated")
    n101 = next(line for line in concise.splitlines() if " N101 " in line)
    place = re.search(r"\[(第\d+页第\d+行)\]$", n101)
    assert place, n101
    _, tree, _ = run("tree", str(PDF), "--isolated", "--exit-zero", columns=200)
    line = next(x for x in tree.splitlines() if "N101" in x)
    assert f"({place.group(1)})" in line
    assert not re.search(r"第\d+–\d+行|\(\d+:\d+\)", tree)  # no line numbers of the extracted text
    _, out, _ = run("diff", str(PDF), str(CONFORMING / "v2019_pipe.txt"), "--format", "json", "--no-findings")
    sections = json.loads(out)["sections"]
    assert all(re.fullmatch(r"第\d+页第\d+行", s["a"]["start_place"]) for s in sections if s["a"]["present"])
    assert all("start_place" not in s["b"] for s in sections)  # a text file has lines of its own
    _, text, _ = run("diff", str(PDF), str(CONFORMING / "v2019_pipe.txt"), "--no-findings", columns=200)
    assert re.search(r"✓ 第\d+页第\d+行", text)


def test_diff_shows_the_cross_year_findings_and_applies_the_selection(tmp_path: Path) -> None:
    """2022's report carries over nothing while 2021's carried one application forward: C101."""
    text = (CONFORMING / "v2021_pipe.txt").read_text("utf-8")
    a, b = tmp_path / "2021.txt", tmp_path / "2022.txt"
    a.write_text(text, "utf-8")
    b.write_text(text.replace("2021年", "2022年").replace("2022年1月18日", "2023年1月18日"), "utf-8")
    _, out, _ = run("diff", str(a), str(b), "--format", "json", "--isolated")
    codes = [f["code"] for f in json.loads(out)["findings"]]
    assert "C101" in codes and all(f["path"] == str(b) for f in json.loads(out)["findings"])
    _, out, _ = run("diff", str(a), str(b), "--format", "json", "--isolated", "--ignore", "C101")
    assert "C101" not in [f["code"] for f in json.loads(out)["findings"]]
    _, out, _ = run("diff", str(a), str(b), "--format", "json", "--isolated", "--select", "C101")
    assert {f["code"] for f in json.loads(out)["findings"]} == {"C101"}
    _, view, _ = run("diff", str(a), str(b), "--isolated", columns=200)
    assert "跨年度检查" in view and "C101 [warning]" in view
    code, _, err = run("diff", str(a), str(b), "--organ-kind", "office")
    assert code == 2 and "--organ-kind" in err  # it had no effect: it is gone
