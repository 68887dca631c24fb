"""The machine-readable lint formats: golden files, schemas, escaping, determinism.

The inputs are real: two seeds as published (002: warnings; 003: warnings and info, traditional
script), the conforming V2021 pipe report with one total changed (errors with a cell, a note and
related places) under a path that needs escaping, and a file that does not exist, read as the
command line reads it. ``NIANBAO_UPDATE_GOLDEN=1`` rewrites the golden files in tests/golden/;
read the diff before committing it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from functools import cache
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, check_golden
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao import __version__
from nianbao.api import lint, load, parse
from nianbao.diagnostics import Diagnostic, Severity
from nianbao.load import InputError, read_path
from nianbao.render.formats import (
    CSV_FIELDS,
    FORMATS,
    FileResult,
    github_escape_data,
    github_escape_property,
    render,
    sarif_uri,
    statistics,
)
from nianbao.rules import all_rules
from nianbao.source import Source, Span

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
JSON_SCHEMA = ROOT / "docs" / "lint-output.schema.json"

SEED_002 = "corpus/seeds/002_da7a2546b762ed99.txt"
SEED_003 = "corpus/seeds/003_bff0f7580975e1aa.txt"
BASE = "corpus/conforming/v2021_pipe.txt"
# A path with a space, a colon, a comma, a percent sign and Chinese: every format must escape it.
DERIVED = "derived/v2021 总计:264,50%.txt"
MISSING = "corpus/seeds/不存在.txt"

SETTINGS = settings(max_examples=300, derandomize=True, deadline=None)


def derived_text(prefix: str = "") -> str:
    """The conforming V2021 report with the total of 一、本年新收 changed from 254 to 264."""
    text = (ROOT / BASE).read_text(encoding="utf-8")
    old = "一、本年新收政府信息公开申请数量 | 249 | 0 | 0 | 0 | 5 | 0 | 254 |"
    assert text.count(old) == 1
    return prefix + text.replace(old, old.replace("254", "264"))


def lint_as(path: str, data: bytes) -> FileResult:
    """Decode and lint ``data`` as the command line would, under the name ``path``."""
    source = load(data, path=path)
    return FileResult(path, source, tuple(lint(parse(source))))


@cache
def results() -> tuple[FileResult, ...]:
    try:
        read_path(ROOT / MISSING)
    except InputError as exc:
        missing = FileResult(MISSING, None, error=exc.message)
    else:  # pragma: no cover
        raise AssertionError(f"{MISSING} should not exist")
    return (
        lint_as(SEED_002, (ROOT / SEED_002).read_bytes()),
        lint_as(SEED_003, (ROOT / SEED_003).read_bytes()),
        lint_as(DERIVED, derived_text().encode("utf-8")),
        missing,
    )


def all_diagnostics() -> list[tuple[FileResult, Diagnostic]]:
    return [(r, d) for r in results() for d in r.diagnostics]


def test_inputs_are_what_the_golden_files_show() -> None:
    """The golden files were checked by hand against these diagnostics; a change here needs a new check."""
    r002, r003, derived, missing = results()
    assert [(d.code, d.severity.value) for d in r002.diagnostics] == [
        ("S104", "warning"),
        ("T105", "warning"),
        ("T105", "warning"),
    ]
    assert [(d.code, d.severity.value) for d in r003.diagnostics] == [
        ("S104", "warning"),
        ("X103", "info"),
        ("X102", "info"),
        ("N101", "warning"),
    ]
    assert [(d.code, d.severity.value) for d in derived.diagnostics] == [
        ("N101", "warning"),
        ("A102", "error"),
        ("A101", "error"),
    ]
    a101 = derived.diagnostics[2]
    assert a101.cell is not None and a101.note and a101.note_en and len(a101.related) == 2
    assert missing.source is None and missing.error == "文件不存在（no such file）"


def test_positions_point_at_the_text() -> None:
    """Spot checks of line:column against the report text (code points, 1-based, exclusive end)."""
    r002, r003, derived, _ = results()

    def at(r: FileResult, line: int, column: int, end_column: int) -> str:
        assert r.source is not None
        return r.source.line_text(line)[column - 1 : end_column - 1]

    assert at(r002, 20, 8, 11) == at(r002, 20, 14, 17) == "本年新"
    assert at(r003, 2, 12, 16) == "(wù)"
    assert at(r003, 2, 538, 553) == "13713.89萬(wàn)元"
    assert at(derived, 7, 50, 53) == "254"
    assert at(derived, 28, 46, 49) == "264"
    assert at(derived, 51, 35, 38) == "253"
    assert at(derived, 52, 39, 40) == "1"


# ------------------------------------------------------------------------------------ golden files

GOLDEN_CASES = {
    "concise.txt": lambda: render("concise", results()),
    "json-zh.json": lambda: render("json", results(), lang="zh"),
    "json-en.json": lambda: render("json", results(), lang="en"),
    "jsonl.jsonl": lambda: render("jsonl", results()),
    "sarif.sarif": lambda: sarif_results_only(render("sarif", results())),
    "github.txt": lambda: render("github", results()),
    "junit.xml": lambda: render("junit", results()),
    "csv.csv": lambda: render("csv", results()),
    "statistics-zh.txt": lambda: statistics(results(), lang="zh"),
    "statistics-en.txt": lambda: statistics(results(), lang="en"),
}


def sarif_results_only(text: str) -> str:
    """A SARIF log without what follows from the rule catalogue: the rule descriptors
    (``runs[].tool.driver.rules``) and each result's ``ruleIndex`` into them, which change whenever a
    rule is added or documented anew; `test_sarif_rule_descriptors` checks them against the registry."""
    log = json.loads(text)
    for run in log["runs"]:
        del run["tool"]["driver"]["rules"]
        for result in run["results"]:
            result.pop("ruleIndex", None)
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str) -> None:
    check_golden(name, GOLDEN_CASES[name]())


def test_every_format_has_a_golden_file() -> None:
    covered = {name.split(".")[0].split("-")[0] for name in GOLDEN_CASES}
    assert set(FORMATS) <= covered


# ----------------------------------------------------------------------------------------- schemas


@cache
def json_schema() -> dict[str, Any]:
    schema = json.loads(JSON_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def json_validator(definition: str | None = None) -> jsonschema.Draft202012Validator:
    schema = json_schema()
    if definition is not None:
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sarif_validates_against_the_official_schema(lang: str) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(render("sarif", results(), lang=lang))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft4Validator(schema).iter_errors(log)]
    assert errors == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_json_validates_against_its_schema(lang: str) -> None:
    document = json.loads(render("json", results(), lang=lang))
    assert list(json_validator().iter_errors(document)) == []
    assert json_schema()["title"] == "nianbao lint JSON output, version 1"
    assert document["schema"] == "nianbao-lint/1" and document["version"] == __version__


def test_every_jsonl_line_validates() -> None:
    lines = render("jsonl", results()).splitlines()
    assert len(lines) == len(all_diagnostics()) + 1
    for line in lines:
        obj = json.loads(line)
        definition = "jsonl_error" if "error" in obj else "diagnostic"
        assert list(json_validator(definition).iter_errors(obj)) == [], line
        assert list(json_validator("jsonl_line").iter_errors(obj)) == [], line


def test_schema_rejects_what_is_not_output() -> None:
    diagnostic = json.loads(render("jsonl", results()).splitlines()[0])
    validator = json_validator("diagnostic")
    assert validator.is_valid(diagnostic)
    assert not validator.is_valid({**diagnostic, "severity": "fatal"})
    assert not validator.is_valid({**diagnostic, "line": 0})
    assert not validator.is_valid({k: v for k, v in diagnostic.items() if k != "url"})
    assert not json_validator("jsonl_line").is_valid({"path": "x.txt"})


def test_jsonl_holds_the_json_diagnostics() -> None:
    for lang in ("zh", "en"):
        document = json.loads(render("json", results(), lang=lang))
        lines = [json.loads(line) for line in render("jsonl", results(), lang=lang).splitlines()]
        assert lines[: len(document["diagnostics"])] == document["diagnostics"]
        assert lines[len(document["diagnostics"]) :] == [
            {"path": e["path"], "error": e["message"]} for e in document["errors"]
        ]


def test_json_objects() -> None:
    document = json.loads(render("json", results(), lang="en"))
    a101 = next(d for d in document["diagnostics"] if d["code"] == "A101")
    assert list(a101) == [
        "code", "name", "severity", "message", "url", "path", "line", "column", "end_line", "end_column",
        "cell", "note", "related",
    ]  # fmt: skip
    assert a101["cell"] == {"table": "三", "block": "", "group": "", "row": "（七）总计", "column": "总计"}
    assert a101["url"].endswith("/A101.html")
    assert a101["note"].startswith("template, table 三")
    assert a101["related"] == [
        {"line": 28, "column": 46, "message": "一、本年新收政府信息公开申请数量·总计 264"},
        {"line": 52, "column": 39, "message": "四、结转下年度继续办理·总计 1"},
    ]
    assert document["errors"] == [{"path": MISSING, "message": "文件不存在（no such file）"}]
    custom = json.loads(render("json", results(), docs_url="https://example.org/{name}/{code}"))
    assert custom["diagnostics"][0]["url"] == "https://example.org/missing-title/S104"


# ------------------------------------------------------------------------------------------- SARIF


def sarif_run(lang: str = "zh") -> dict[str, Any]:
    return json.loads(render("sarif", results(), lang=lang))["runs"][0]


def test_sarif_rules_and_results() -> None:
    run = sarif_run("en")
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for entry, rule in zip(rules, all_rules(), strict=True):
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"] == entry["fullDescription"]["text"] == rule.summary("en")
        assert entry["fullDescription"]["markdown"] == entry["help"]["markdown"] == rule.markdown("en")
        assert entry["defaultConfiguration"]["level"] == levels[rule.severity.value]
        assert (
            entry["helpUri"]
            == rule.url(lang="en")
            == f"https://nianbao.readthedocs.io/en/latest/rules/{rule.code}.html"
        )
    assert run["columnKind"] == "unicodeCodePoints" and run["language"] == "en-US"
    assert len(run["results"]) == len(all_diagnostics())
    for result, (r, d) in zip(run["results"], all_diagnostics(), strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == d.code
        assert result["level"] == levels[d.severity.value]
        assert result["message"]["text"] == d.text("en")
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == sarif_uri(r.path)
        assert len(result.get("relatedLocations", [])) == len(d.related)
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "corpus/seeds/%E4%B8%8D%E5%AD%98%E5%9C%A8.txt"
    )


SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def one_of_each_rule() -> FileResult:
    """A file with one diagnostic of every registered rule, the rules that compare reports included."""
    source = Source("every-rule.txt", "一\n")
    return FileResult(
        "every-rule.txt",
        source,
        tuple(Diagnostic(r.code, r.name, r.severity, r.summary(), Span(0, 1)) for r in all_rules()),
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sarif_rule_descriptors(lang: str) -> None:
    """Every registered rule is described exactly once, as SARIF 2.1.0 asks of a reportingDescriptor
    (§3.49: id; name; shortDescription and fullDescription, help: multiformat strings whose text is
    required and markdown optional; helpUri an absolute URI; defaultConfiguration.level one of none,
    note, warning, error), and every result's ruleId and ruleIndex point at the descriptor of its
    rule (§3.27.5, §3.27.6)."""
    registered = {r.code: r for r in all_rules()}
    for results_ in (results(), (one_of_each_rule(),)):
        run = json.loads(render("sarif", list(results_), lang=lang))["runs"][0]
        descriptors = run["tool"]["driver"]["rules"]
        ids = [d["id"] for d in descriptors]
        assert Counter(ids) == Counter(registered.keys()), "each registered rule once, and nothing else"
        for d in descriptors:
            rule = registered[d["id"]]
            assert set(d) <= {"id", "name", "shortDescription", "fullDescription", "help", "helpUri",
                              "defaultConfiguration", "properties"}, d["id"]  # fmt: skip
            assert d["name"] == rule.name
            assert d["shortDescription"] == {"text": rule.summary(lang)}
            assert d["shortDescription"]["text"].strip() and "\n" not in d["shortDescription"]["text"]
            for key in ("fullDescription", "help"):
                text = d[key]["text"]
                assert text.strip() and set(d[key]) <= {"text", "markdown"}, (d["id"], key)
                if "markdown" in d[key]:
                    assert d[key]["markdown"] == rule.markdown(lang), (d["id"], key)
                    assert d[key]["markdown"].startswith(f"# {rule.code} {rule.name}\n")
            assert d["fullDescription"]["text"] == rule.summary(lang)
            assert d["help"]["text"] == rule.plain_text(lang)
            if "helpUri" in d:
                assert re.fullmatch(r"https://[^\s]+", d["helpUri"]) and rule.code in d["helpUri"]
                assert d["helpUri"] == rule.url(lang=lang)
            assert d["defaultConfiguration"] == {"level": SARIF_LEVELS[rule.severity.value]}
        for result in run["results"]:
            assert result["ruleId"] in registered
            assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"]
        if results_[0].path == "every-rule.txt":
            assert sorted(r["ruleId"] for r in run["results"]) == sorted(registered)


def test_sarif_golden_holds_no_rule_descriptions() -> None:
    log = json.loads((ROOT / "tests" / "golden" / "sarif.sarif").read_text(encoding="utf-8"))
    for run in log["runs"]:
        assert "rules" not in run["tool"]["driver"]
        assert all("ruleIndex" not in r for r in run["results"]) and run["results"]


def test_sarif_uri() -> None:
    assert sarif_uri(SEED_002) == SEED_002
    assert sarif_uri(DERIVED) == "derived/v2021%20%E6%80%BB%E8%AE%A1%3A264,50%25.txt"
    assert sarif_uri("a:b.txt") == "a%3Ab.txt"  # never read as a scheme
    assert sarif_uri("./x/../y#1?.txt") == "./x/../y%231%3F.txt"
    assert sarif_uri("/srv/年报/a.txt") == "file:///srv/%E5%B9%B4%E6%8A%A5/a.txt"
    assert sarif_uri("a\\b.txt") == "a%5Cb.txt"  # a backslash is a character on POSIX
    assert sarif_uri("a\\b c.txt", sep="\\") == "a/b%20c.txt"
    assert sarif_uri("C:\\reports\\a.txt", sep="\\") == "file:///C:/reports/a.txt"
    assert sarif_uri("\\\\server\\share\\a.txt", sep="\\") == "file://server/share/a.txt"


def test_sarif_fingerprints_survive_moved_lines() -> None:
    before = lint_as(DERIVED, derived_text().encode("utf-8"))
    after = lint_as(DERIVED, derived_text("\n\n").encode("utf-8"))  # everything two lines down
    runs = [json.loads(render("sarif", [r]))["runs"][0]["results"] for r in (before, after)]
    assert [r["ruleId"] for r in runs[0]] == [r["ruleId"] for r in runs[1]]
    for old, new in zip(*runs, strict=True):
        region = (old["locations"][0]["physicalLocation"]["region"], new["locations"][0]["physicalLocation"]["region"])
        assert region[1]["startLine"] == region[0]["startLine"] + 2
        assert old["partialFingerprints"] == new["partialFingerprints"]
    fingerprints = [f for r in sarif_run()["results"] for f in r["partialFingerprints"].values()]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_fingerprints_tell_identical_spans_apart() -> None:
    source = Source("same.txt", "a\nb\n")
    d = Diagnostic("S104", "missing-title", Severity.WARNING, "缺", Span(0, 0))
    run = json.loads(render("sarif", [FileResult("same.txt", source, (d, d))]))["runs"][0]
    first, second = (r["partialFingerprints"]["nianbao/v1"] for r in run["results"])
    assert first != second


# ------------------------------------------------------------------------------------------ GitHub


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the Actions runner reads it (ActionCommand.TryParseV2)."""
    assert line.startswith("::") and "\n" not in line and "\r" not in line
    end = line.index("::", 2)
    command, _, props = line[2:end].partition(" ")
    properties = {}
    for prop in props.split(","):
        key, _, value = prop.partition("=")
        properties[key] = unescape_property(value)
    return command, properties, unescape_data(line[end + 2 :])


@SETTINGS
@given(st.text())
def test_github_escaping_round_trips(text: str) -> None:
    data, prop = github_escape_data(text), github_escape_property(text)
    assert not set(data) & {"\r", "\n"}
    assert not set(prop) & {"\r", "\n", ":", ","}
    assert unescape_data(data) == text and unescape_property(prop) == text


@SETTINGS
@given(path=st.text(min_size=1), message=st.text(), title=st.text())
def test_github_command_carries_any_path_and_message(path: str, message: str, title: str) -> None:
    source = Source(path, "一\n二\n")
    d = Diagnostic("T105", title, Severity.INFO, message, Span(2, 3))
    out = render("github", [FileResult(path, source, (d,))])
    assert out.endswith("\n") and out.count("\n") == 1  # what the runner reads as one line
    command, props, text = parse_command(out[:-1])
    assert command == "notice" and text == message
    assert props == {
        "file": path,
        "line": "2",
        "col": "1",
        "endLine": "2",
        "endColumn": "2",
        "title": f"T105 {title}",
    }


def test_github_commands() -> None:
    lines = render("github", results()).splitlines()
    assert len(lines) == len(all_diagnostics()) + 1
    commands = [parse_command(line) for line in lines]
    assert [c for c, _, _ in commands] == [
        {"error": "error", "warning": "warning", "info": "notice"}[d.severity.value] for _, d in all_diagnostics()
    ] + ["error"]
    assert commands[-1] == ("error", {"file": MISSING}, "文件不存在（no such file）")
    assert {p["file"] for _, p, _ in commands} == {SEED_002, SEED_003, DERIVED, MISSING}


def test_github_multiline_span_has_no_columns() -> None:
    source = Source("a.txt", "一二\n三四\n")
    d = Diagnostic("T109", "unexpected-content", Severity.ERROR, "50%\n次行", Span(1, 4))
    out = render("github", [FileResult("a.txt", source, (d,))])
    assert out == "::error file=a.txt,line=1,endLine=2,title=T109 unexpected-content::50%25%0A次行\n"


# ------------------------------------------------------------------------------------------- JUnit


def test_junit_parses_and_counts_match() -> None:
    for lang in ("zh", "en"):
        out = render("junit", results(), lang=lang)
        assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
        root = ET.fromstring(out.encode("utf-8"))
        failing = [(r, d) for r, d in all_diagnostics() if d.severity != Severity.INFO]
        assert root.tag == "testsuites" and root.get("name") == "nianbao"
        assert root.get("failures") == str(len(failing)) == str(len(root.findall(".//failure")))
        assert root.get("errors") == "1" == str(len(root.findall(".//error")))
        assert root.get("tests") == str(len(root.findall(".//testcase")))
        suites = root.findall("testsuite")
        assert [s.get("name") for s in suites] == [r.path for r in results()]
        for suite, r in zip(suites, results(), strict=True):
            cases = suite.findall("testcase")
            assert suite.get("tests") == str(len(cases))
            assert suite.get("failures") == str(sum(1 for x, _ in failing if x is r))
            assert all(c.get("classname") == r.path for c in cases)
        derived = suites[2].findall("testcase")
        assert [c.get("name") for c in derived] == [
            "N101 narrative-table-mismatch (7:50)",
            "A102 row-total (28:46)",
            "A101 balance (51:35)",
        ]
        failure = derived[2].find("failure")
        assert failure is not None and failure.get("type") == "error"
        assert failure.text is not None and failure.text.startswith(f"{DERIVED}:51:35: A101 [error] ")


def test_junit_file_without_failures_passes() -> None:
    r003 = results()[1]
    info_only = FileResult(r003.path, r003.source, tuple(d for d in r003.diagnostics if d.severity == Severity.INFO))
    root = ET.fromstring(render("junit", [info_only]))
    [case] = root.findall(".//testcase")
    assert list(case) == [] and root.get("tests") == "1" and root.get("failures") == "0"


def test_junit_survives_characters_xml_forbids() -> None:
    source = Source("a.txt", "x\n")
    d = Diagnostic("T203", "not-a-number", Severity.ERROR, "bad \x0b\x01 <&> \"'", Span(0, 1))
    root = ET.fromstring(render("junit", [FileResult("a\x02.txt", source, (d,))]))
    failure = root.find(".//failure")
    assert failure is not None and failure.get("message") == "bad \ufffd\ufffd <&> \"'"


# --------------------------------------------------------------------------------------------- CSV


def test_csv_rows() -> None:
    out = render("csv", results(), lang="en")
    assert "\r" not in out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(CSV_FIELDS)
    assert len(rows) == len(all_diagnostics()) + 1
    for row, (r, d) in zip(rows[:-1], all_diagnostics(), strict=True):
        assert (row["path"], row["code"], row["message"]) == (r.path, d.code, d.text("en"))
        place = d.place() or {}  # the same place as in JSON, empty strings for the parts that do not apply
        want = [place.get(k, "") for k in ("table", "block", "group", "row", "column")]
        assert [row["table"], row["block"], row["group"], row["row"], row["cell_column"]] == want
    assert rows[-1]["path"] == MISSING and rows[-1]["code"] == "" and rows[-1]["message"] == results()[3].error


def test_row_and_table_findings_say_where_they_are() -> None:
    """A finding about a row names its table, block, group and row; about a table, the table; about
    a cell, the cell. Read from a report built for it: a blank cell in 4.保护第三方合法权益 (table 三,
    group （三）不予公开), fused digits in table 二's 行政许可 row, table 四 replaced by a sentence."""
    text = (ROOT / BASE).read_text("utf-8")
    text = text.replace("4.保护第三方合法权益 | 5 |", "4.保护第三方合法权益 |  |", 1)
    text = text.replace("行政许可 | 552 |", "行政许可 | 552 | 1 |", 1)
    four = text.index("四、政府信息公开行政复议")
    text = (
        text[:four]
        + "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼。\n"
        + text[text.index("五、存在") :]
    )
    doc = json.loads(render("json", [lint_as("x.txt", text.encode("utf-8"))]))
    places = {(d["code"], json.dumps(d.get("cell"), ensure_ascii=False)) for d in doc["diagnostics"]}
    t201 = {"table": "三", "block": "", "group": "（三）不予公开", "row": "4.保护第三方合法权益", "column": "自然人"}
    assert ("T201", json.dumps(t201, ensure_ascii=False)) in places  # one blank cell: the cell
    t106 = {"table": "二", "block": "第二十条第（五）项", "group": "", "row": "行政许可"}
    assert ("T106", json.dumps(t106, ensure_ascii=False)) in places  # a row with a value too many: the row
    assert ("T101", json.dumps({"table": "四"}, ensure_ascii=False)) in places  # the table


# ------------------------------------------------------------------------------- concise, statistics


def test_concise_lines() -> None:
    lines = render("concise", results()).splitlines()
    assert lines[7] == (f"{DERIVED}:7:50: N101 [warning] 正文说收到申请254件，表三“一、本年新收”总计为264")
    assert lines[-1] == f"{MISSING}: error: 文件不存在（no such file）"
    assert len(lines) == len(all_diagnostics()) + 1


def test_statistics_counts() -> None:
    lines = statistics(results(), lang="en").splitlines()
    counts = Counter(d.code for _, d in all_diagnostics())
    parsed = [re.match(r"\s+(\d+)\s+(\S+)", line).groups() for line in lines[:-1]]  # type: ignore[union-attr]
    assert {code: int(n) for n, code in parsed} == counts
    assert [int(n) for n, _ in parsed] == sorted((int(n) for n, _ in parsed), reverse=True)
    assert lines[-1] == "  10  total: 2 errors, 6 warnings, 2 info; 1 file could not be read"
    assert statistics([]) == "  0  合计：0 个错误，0 个警告，0 个提示\n"


# ------------------------------------------------------------------------------------- determinism


def chunks(fmt: str, out: str) -> list[tuple[str, str]]:
    """The output cut into (file, text) pieces in output order, with what is not about one file."""
    if fmt in ("concise", "github", "csv", "jsonl"):
        body = out.splitlines()
        if fmt == "csv":
            body = body[1:]
        pieces = []
        for line in body:
            if fmt == "jsonl":
                path = json.loads(line)["path"]
            elif fmt == "csv":
                path = next(csv.reader([line]))[0]
            elif fmt == "github":
                path = parse_command(line)[1]["file"]
            else:
                path = next(p for p in (SEED_002, SEED_003, DERIVED, MISSING) if line.startswith(p + ":"))
            pieces.append((path, line))
        return pieces
    if fmt == "json":
        doc = json.loads(out)
        return [(d["path"], json.dumps(d)) for d in doc["diagnostics"]] + [
            (e["path"], json.dumps(e)) for e in doc["errors"]
        ]
    if fmt == "sarif":
        run = json.loads(out)["runs"][0]
        pieces = [("rules", json.dumps(run["tool"])), ("run", json.dumps(run["columnKind"] + run["language"]))]
        pieces += [
            (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], json.dumps(r)) for r in run["results"]
        ]
        notes = run["invocations"][0]["toolExecutionNotifications"]
        return pieces + [
            (n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], json.dumps(n)) for n in notes
        ]
    assert fmt == "junit"
    root = ET.fromstring(out)
    return [(s.get("name") or "", ET.tostring(s, encoding="unicode").strip()) for s in root.findall("testsuite")]


def grouped(pieces: list[tuple[str, str]]) -> tuple[list[str], dict[str, list[str]]]:
    order: list[str] = []
    by_file: dict[str, list[str]] = {}
    for path, text in pieces:
        if path not in by_file:
            order.append(path)
        by_file.setdefault(path, []).append(text)
    return order, by_file


@cache
def fresh_results() -> tuple[FileResult, ...]:
    """The same files linted again: new objects, the same text."""
    again = [lint_as(r.path, r.source.text.encode("utf-8")) for r in results() if r.source is not None]
    return (*again, results()[3])


@pytest.mark.parametrize("fmt", FORMATS)
def test_rendering_is_deterministic(fmt: str) -> None:
    for lang in ("zh", "en"):
        first = render(fmt, results(), lang=lang)
        assert render(fmt, list(results()), lang=lang) == first
        assert render(fmt, fresh_results(), lang=lang) == first


@pytest.mark.parametrize("fmt", FORMATS)
def test_reversing_the_files_only_reorders_the_output(fmt: str) -> None:
    forward = grouped(chunks(fmt, render(fmt, results())))
    backward = grouped(chunks(fmt, render(fmt, results()[::-1])))
    assert backward[1] == forward[1]  # each file's part, unchanged and in the same order within
    files = [p for p in forward[0] if p not in ("rules", "run")]
    assert [p for p in backward[0] if p not in ("rules", "run")] == _reversed_within_kind(fmt, files)


def _reversed_within_kind(fmt: str, files: list[str]) -> list[str]:
    """Unreadable files come after all diagnostics in the line formats and JSON; the rest keeps file order."""
    missing = {MISSING, sarif_uri(MISSING)}
    if fmt == "junit":
        return files[::-1]
    readable = [f for f in files if f not in missing]
    return readable[::-1] + [f for f in files if f in missing]


@pytest.mark.parametrize("fmt", FORMATS)
def test_nothing_to_report(fmt: str) -> None:
    out = render(fmt, [])
    expected_empty = {"concise": "", "jsonl": "", "github": "", "csv": ",".join(CSV_FIELDS) + "\n"}
    if fmt in expected_empty:
        assert out == expected_empty[fmt]
    elif fmt == "json":
        assert json.loads(out) == {"schema": "nianbao-lint/1", "version": __version__, "diagnostics": [], "errors": []}
    elif fmt == "sarif":
        run = json.loads(out)["runs"][0]
        assert run["results"] == [] and run["invocations"][0]["executionSuccessful"] is True
    else:
        assert ET.fromstring(out).get("tests") == "0"


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render("xml", results())
    with pytest.raises(ValueError, match="unknown language"):
        render("json", results(), lang="fr")
    with pytest.raises(ValueError, match="needs an error"):
        FileResult("x.txt", None)
