"""The line formats of ``nianbao lint`` — concise, GitHub Actions commands, CSV — and JUnit XML.

Each finding is one line (concise, GitHub, a CSV row) or one test case (JUnit), in the order of
the results, then the files that could not be read; names are kept to one line (`line_safe`).
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections import Counter

from ..diagnostics import Located, Severity
from .results import FileResult, _error, _lines, _located, _unreadable, _url, _where, line_safe

CSV_FIELDS = ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message")
CSV_FIELDS += ("table", "block", "group", "row", "cell_column")  # the cell, empty when there is none
CSV_FIELDS += ("place",)  # page and line, paragraph or table cell of a Word or PDF file

_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_WORDS = {  # JUnit failure texts, as the text view of ``nianbao lint`` words them
    "zh": {"help": "建议：", "note": "依据：", "see": "参见：", "docs": "文档：", "unreadable": "无法读取"},
    "en": {"help": "help: ", "note": "note: ", "see": "see: ", "docs": "docs: ", "unreadable": "cannot be read"},
}


# -------------------------------------------------------------------------------------- concise


def _concise(results: list[FileResult], lang: str, docs_url: str) -> str:
    out = [
        f"{line_safe(r.path)}:{loc.line}:{loc.column}: {loc.diagnostic.code} [{loc.diagnostic.severity.value}] "
        f"{_one_line(loc.diagnostic.text(lang))}{_where(loc, lang)}"
        for r, _, loc in _located(results)
    ]
    out += [f"{line_safe(r.path)}: error: {_one_line(_error(r))}" for r in _unreadable(results)]
    return _lines(out)


def _one_line(text: str) -> str:
    """A message on one line: line breaks become spaces (messages are single-line as a rule)."""
    return re.sub(r"\r\n|\r|\n", " ", text)


# ------------------------------------------------------------------------------- GitHub Actions


def github_escape_data(text: str) -> str:
    """A workflow command's message (as ``@actions/core`` escapes it)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_escape_property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``, which delimit properties."""
    return github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_command(command: str, properties: list[tuple[str, object]], message: str) -> str:
    props = ",".join(f"{key}={github_escape_property(str(value))}" for key, value in properties)
    return f"::{command} {props}::{github_escape_data(message)}"


def _github(results: list[FileResult], lang: str, docs_url: str) -> str:
    out = []
    for r, _, loc in _located(results):
        d = loc.diagnostic
        props: list[tuple[str, object]] = [("file", r.path), ("line", loc.line)]
        if loc.line == loc.end_line:  # GitHub accepts columns only on a single line
            props.append(("col", loc.column))
        props.append(("endLine", loc.end_line))
        if loc.line == loc.end_line:
            props.append(("endColumn", loc.end_column))
        props.append(("title", f"{d.code} {d.name}"))
        out.append(_github_command(_GITHUB_COMMAND[d.severity], props, d.text(lang) + _where(loc, lang)))
    out += [_github_command("error", [("file", r.path)], _error(r)) for r in _unreadable(results)]
    return _lines(out)


# ----------------------------------------------------------------------------------------- JUnit

_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text XML 1.0 can carry: characters it forbids become U+FFFD."""
    return _XML_INVALID.sub("\ufffd", text)


def _junit(results: list[FileResult], lang: str, docs_url: str) -> str:
    words = _WORDS[lang]
    root = ET.Element("testsuites", {"name": "nianbao"})
    totals = Counter[str]()
    for r in results:
        path = _xml(r.path)
        suite = ET.SubElement(root, "testsuite", {"name": path})
        counts = Counter[str]()
        if r.source is None:
            case = ET.SubElement(suite, "testcase", {"classname": path, "name": words["unreadable"]})
            error = ET.SubElement(case, "error", {"message": _xml(_error(r)), "type": "unreadable"})
            error.text = _xml(_error(r))
            counts.update(tests=1, errors=1)
        else:
            for d in r.diagnostics:
                if d.severity == Severity.INFO:  # information is not a failure
                    continue
                loc = Located.of(d, r.source)
                name = f"{d.code} {d.name} ({loc.where(lang) or f'{loc.line}:{loc.column}'})"
                case = ET.SubElement(suite, "testcase", {"classname": path, "name": name})
                lines = [
                    f"{line_safe(r.path)}:{loc.line}:{loc.column}: {d.code} [{d.severity.value}] "
                    f"{d.text(lang)}{_where(loc, lang)}"
                ]
                if d.help_text(lang):
                    lines.append(f"{words['help']}{d.help_text(lang)}")
                if d.note_text(lang):
                    lines.append(f"{words['note']}{d.note_text(lang)}")
                lines += [f"{words['see']}{line_safe(e.path)}:{e.line}:{e.column} {e.text(lang)}" for e in d.elsewhere]
                lines.append(f"{words['docs']}{_url(d, docs_url, lang)}")
                failure = ET.SubElement(case, "failure", {"message": _xml(d.text(lang)), "type": d.severity.value})
                failure.text = _xml("\n".join(lines))
                counts.update(tests=1, failures=1)
            if not counts["failures"]:
                ET.SubElement(suite, "testcase", {"classname": path, "name": "nianbao"})
                counts.update(tests=1)
        for key in ("tests", "failures", "errors"):
            suite.set(key, str(counts[key]))
        totals.update(counts)
    for key in ("tests", "failures", "errors"):
        root.set(key, str(totals[key]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# ------------------------------------------------------------------------------------------- CSV


def _csv(results: list[FileResult], lang: str, docs_url: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for r, _, loc in _located(results):
        d = loc.diagnostic
        place = d.place() or {}
        cell = [place.get(k, "") for k in ("table", "block", "group", "row", "column")]
        position = [loc.line, loc.column, loc.end_line, loc.end_column]
        row = [r.path, *position, d.code, d.name, d.severity.value, d.text(lang), *cell, loc.where(lang) or ""]
        writer.writerow(row)
    for r in _unreadable(results):
        writer.writerow([r.path, "", "", "", "", "", "", Severity.ERROR.value, _error(r), "", "", "", "", "", ""])
    return buf.getvalue()
