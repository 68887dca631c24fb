"""Machine-readable output of ``nianbao lint``: concise, JSON, JSON Lines, SARIF, GitHub, JUnit, CSV.

Every format renders the same `FileResult`s: the files in the order given, each file's
diagnostics in the order given, then (where the format keeps them apart) the files that could
not be read. Output is deterministic — no timestamps, no absolute paths the user did not write,
no set ordering — so that it can be compared and cached. Paths are written as the user named
them; only SARIF turns them into URI references. Lines and columns are 1-based and count code
points; an end position is the position just after the last character of the span.

``render`` returns the whole text, ending in a newline (an empty string when a line-based
format has nothing to say): write it as it is.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..config import docs_link
from ..diagnostics import Diagnostic, Located, Severity
from ..rules import DOCS_URL, REGISTRY, Rule, all_rules
from ..source import Source, Span

FORMATS = ("concise", "json", "jsonl", "sarif", "github", "junit", "csv")
LANGS = ("zh", "en")

JSON_SCHEMA_ID = "nianbao-lint/1"  # the ``schema`` of the JSON envelope; docs/lint-output.schema.json
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://nianbao.readthedocs.io/"
FINGERPRINT_KEY = "nianbao/v1"  # partialFingerprints key; bump the suffix if the recipe changes
CSV_FIELDS = ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message")
CSV_FIELDS += ("table", "block", "group", "row", "cell_column")  # the cell, empty when there is none
CSV_FIELDS += ("place",)  # page and line, paragraph or table cell of a Word or PDF file

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_LANGUAGE_TAG = {"zh": "zh-CN", "en": "en-US"}  # SARIF run.language (RFC 5646, as the schema allows)
_WORDS = {  # JUnit failure texts, as the text view of ``nianbao lint`` words them
    "zh": {"help": "建议：", "note": "依据：", "see": "参见：", "docs": "文档：", "unreadable": "无法读取"},
    "en": {"help": "help: ", "note": "note: ", "see": "see: ", "docs": "docs: ", "unreadable": "cannot be read"},
}


@dataclass(frozen=True)
class FileResult:
    """What linting one file gave: its diagnostics, or why it could not be read."""

    path: str  # as the user named it
    source: Source | None  # None when the file could not be read
    diagnostics: tuple[Diagnostic, ...] = ()
    error: str | None = None  # why the file could not be read (then source is None)

    def __post_init__(self) -> None:
        if self.source is None and self.error is None:
            raise ValueError(f"{self.path}: a file without a source needs an error")
        if self.source is None and self.diagnostics:
            raise ValueError(f"{self.path}: diagnostics need the source they point into")

    @property
    def readable(self) -> bool:
        return self.source is not None


def render(fmt: str, results: Sequence[FileResult], *, lang: str = "zh", docs_url: str = DOCS_URL) -> str:
    """``results`` in the output format ``fmt`` (one of `FORMATS`), messages in ``lang``."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    renderers = {
        "concise": _concise,
        "json": _json,
        "jsonl": _jsonl,
        "sarif": _sarif,
        "github": _github,
        "junit": _junit,
        "csv": _csv,
    }
    if fmt not in renderers:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return renderers[fmt](list(results), lang, docs_link(docs_url, lang))


def statistics(results: Sequence[FileResult], *, lang: str = "zh") -> str:
    """How often each rule fired, most frequent first, and a total line.

    One line per code and severity (a rule may report below its default severity):
    ``  12  A101  balance  [error]  <summary>``; counts right-aligned, names padded.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    counter: Counter[tuple[str, str, Severity]] = Counter(
        (d.code, d.name, d.severity) for r in results for d in r.diagnostics
    )
    rows = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][2].rank, kv[0][1]))
    total = sum(counter.values())
    width = len(str(max([total, *counter.values()])))
    name_width = max((len(name) for _, name, _ in counter), default=0)
    severity_width = max((len(s.value) + 2 for _, _, s in counter), default=0)
    lines = []
    for (code, name, severity), n in rows:
        rule = _rule(code)
        summary = rule.summary(lang) if rule is not None else ""
        tag = f"[{severity.value}]"
        lines.append(f"  {n:>{width}}  {code}  {name:<{name_width}}  {tag:<{severity_width}}  {summary}".rstrip())
    by_severity = Counter(d.severity for r in results for d in r.diagnostics)
    e, w, i = (by_severity[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    unreadable = sum(1 for r in results if not r.readable)
    if lang == "en":
        tail = f"total: {e} {_plural(e, 'error')}, {w} {_plural(w, 'warning')}, {i} info"
        if unreadable:
            tail += f"; {unreadable} {_plural(unreadable, 'file')} could not be read"
    else:
        tail = f"合计：{e} 个错误，{w} 个警告，{i} 个提示"
        if unreadable:
            tail += f"；{unreadable} 个文件无法读取"
    lines.append(f"  {total:>{width}}  {tail}")
    return "\n".join(lines) + "\n"


STATISTICS_SCHEMA = "nianbao-statistics/1"
STATISTICS_FIELDS = ("code", "name", "severity", "count", "summary")


def _statistics_rows(results: Sequence[FileResult], lang: str) -> list[dict[str, Any]]:
    counter: Counter[tuple[str, str, Severity]] = Counter(
        (d.code, d.name, d.severity) for r in results for d in r.diagnostics
    )
    rows = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][2].rank, kv[0][1]))
    out = []
    for (code, name, severity), n in rows:
        rule = _rule(code)
        out.append(
            {
                "code": code,
                "name": name,
                "severity": severity.value,
                "count": n,
                "summary": rule.summary(lang) if rule is not None else "",
            }
        )
    return out


def statistics_json(results: Sequence[FileResult], *, lang: str = "zh") -> str:
    """`statistics` as JSON (as ruff's ``--statistics --output-format json``): one object per code and
    severity, most frequent first, and the totals."""
    by_severity = Counter(d.severity for r in results for d in r.diagnostics)
    document = {
        "schema": STATISTICS_SCHEMA,
        "version": __version__,
        "rules": _statistics_rows(results, lang),
        "total": {
            "errors": by_severity[Severity.ERROR],
            "warnings": by_severity[Severity.WARNING],
            "infos": by_severity[Severity.INFO],
            "unreadable": sum(1 for r in results if not r.readable),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def statistics_csv(results: Sequence[FileResult], *, lang: str = "zh") -> str:
    """`statistics` as CSV: ``code,name,severity,count,summary``, most frequent first."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=STATISTICS_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_statistics_rows(results, lang))
    return buf.getvalue()


# ---------------------------------------------------------------------------------------- shared


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _rule(code: str) -> Rule | None:
    if code not in REGISTRY:
        all_rules()  # loads the rule modules
    return REGISTRY.get(code)


def _url(d: Diagnostic, docs_url: str, lang: str) -> str:
    rule = _rule(d.code)
    return rule.url(docs_url, lang) if rule is not None else docs_url.format(code=d.code, name=d.name, lang=lang)


def _located(results: Sequence[FileResult]) -> Iterator[tuple[FileResult, Source, Located]]:
    """Every diagnostic with its position, files and diagnostics in the given order."""
    for r in results:
        if r.source is None:
            continue
        for d in r.diagnostics:
            yield r, r.source, Located.of(d, r.source)


def _unreadable(results: Sequence[FileResult]) -> list[FileResult]:
    return [r for r in results if not r.readable]


def _error(r: FileResult) -> str:
    return r.error or ""


# What a name must not carry into a line of output: control characters (a newline would start a
# line of its own, an escape sequence would drive the terminal), line and paragraph separators, and
# the bidirectional overrides that make a name read as another.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def line_safe(name: str) -> str:
    """A file name as one line shows it: the characters above escaped (``\\n``, ``\\x1b``,
    ``\\u202e``); any other name unchanged. Used wherever a format puts a name on a line."""
    return _UNSAFE.sub(_escaped, name)


def _escaped(m: re.Match[str]) -> str:
    c = m.group()
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def _lines(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def _where(loc: Located, lang: str) -> str:
    """`` [第3页第12行]`` after a message, for a Word or PDF file; nothing otherwise."""
    where = loc.where(lang)
    return f" [{where}]" if where else ""


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


# ----------------------------------------------------------------------------------- JSON, JSONL


def diagnostic_object(r: FileResult, source: Source, loc: Located, lang: str, docs_url: str) -> dict[str, Any]:
    """One diagnostic as a JSON object (the ``diagnostic`` of docs/lint-output.schema.json)."""
    d = loc.diagnostic
    out: dict[str, Any] = {
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.text(lang),
        "url": _url(d, docs_url, lang),
        "path": r.path,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
    }
    if loc.place is not None:
        out["place"] = loc.where(lang)
    if (place := d.place()) is not None:
        out["cell"] = place
    help_text = d.help_text(lang)
    if help_text:
        out["help"] = help_text
    note_text = d.note_text(lang)
    if note_text:
        out["note"] = note_text
    if d.related or d.elsewhere:
        related: list[dict[str, Any]] = []
        for r in d.related:
            at = source.position(r.span.start)
            related.append({"line": at.line, "column": at.column, "message": r.text(lang)})
        for e in d.elsewhere:  # in another file: last year's report, the report copied
            related.append({"path": e.path, "line": e.line, "column": e.column, "message": e.text(lang)})
        out["related"] = related
    return out


def _json(results: list[FileResult], lang: str, docs_url: str) -> str:
    document = {
        "schema": JSON_SCHEMA_ID,
        "version": __version__,
        "diagnostics": [diagnostic_object(r, s, loc, lang, docs_url) for r, s, loc in _located(results)],
        "errors": [{"path": r.path, "message": _error(r)} for r in _unreadable(results)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _jsonl(results: list[FileResult], lang: str, docs_url: str) -> str:
    objects = [diagnostic_object(r, s, loc, lang, docs_url) for r, s, loc in _located(results)]
    objects += [{"path": r.path, "error": _error(r)} for r in _unreadable(results)]
    return _lines([json.dumps(o, ensure_ascii=False, separators=(",", ":")) for o in objects])


# ----------------------------------------------------------------------------------------- SARIF


def sarif_uri(path: str, sep: str = os.sep) -> str:
    """A path as the user named it, as a URI reference: relative paths stay relative.

    Backslashes are separators on Windows (``sep``), characters outside RFC 3986's ``pchar``
    are percent-encoded (UTF-8), and ``:`` too, so that a first segment never reads as a scheme.
    Only an absolute path becomes a ``file://`` URI.
    """
    p = path.replace("\\", "/") if sep == "\\" else path
    safe = "/!$&'()*+,;=@"
    if sep == "\\" and re.match(r"[A-Za-z]:/", p):  # C:/dir/file
        return "file:///" + p[:2] + quote(p[2:], safe=safe)
    if sep == "\\" and p.startswith("//"):  # //server/share/file
        return "file:" + quote(p, safe=safe)
    if p.startswith("/"):
        return "file://" + quote(p, safe=safe)
    return quote(p, safe=safe)


def _region(source: Source, span: Span) -> dict[str, int]:
    start, end = source.position(span.start), source.end_position(span)
    return {"startLine": start.line, "startColumn": start.column, "endLine": end.line, "endColumn": end.column}


def _fingerprint(uri: str, code: str, text: str, occurrence: int) -> str:
    """Stable across edits elsewhere in the file: no line numbers, only what the span says."""
    data = "\0".join((uri, code, text, str(occurrence))).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def _sarif_rule(rule: Rule, lang: str, docs_url: str) -> dict[str, Any]:
    summary = rule.summary(lang)
    markdown = rule.markdown(lang)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": summary, "markdown": markdown},
        "help": {"text": rule.plain_text(lang), "markdown": markdown},
        "helpUri": rule.url(docs_url, lang),
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
    }


def _sarif(results: list[FileResult], lang: str, docs_url: str) -> str:
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    sarif_results = []
    occurrences: Counter[tuple[str, str, str]] = Counter()
    for r, source, loc in _located(results):
        d = loc.diagnostic
        uri = sarif_uri(r.path)
        text = source.slice(d.span)
        occurrence = occurrences[(uri, d.code, text)]
        occurrences[(uri, d.code, text)] += 1
        result: dict[str, Any] = {"ruleId": d.code}
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        result["level"] = _SARIF_LEVEL[d.severity]
        result["message"] = {"text": d.text(lang)}
        result["locations"] = [
            {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": _region(source, d.span)}}
        ]
        result["partialFingerprints"] = {FINGERPRINT_KEY: _fingerprint(uri, d.code, text, occurrence)}
        if d.related or d.elsewhere:
            result["relatedLocations"] = [
                {
                    "physicalLocation": {"artifactLocation": {"uri": uri}, "region": _region(source, r.span)},
                    "message": {"text": r.text(lang)},
                }
                for r in d.related
            ] + [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": sarif_uri(e.path)},
                        "region": {
                            "startLine": e.line,
                            "startColumn": e.column,
                            "endLine": e.end_line,
                            "endColumn": e.end_column,
                        },
                    },
                    "message": {"text": e.text(lang)},
                }
                for e in d.elsewhere
            ]
        properties: dict[str, Any] = {}
        if loc.place is not None:
            properties["place"] = loc.where(lang)
        if (place := d.place()) is not None:
            properties["cell"] = place
        if d.help_text(lang):
            properties["help"] = d.help_text(lang)
        if d.note_text(lang):
            properties["note"] = d.note_text(lang)
        if properties:
            result["properties"] = properties
        sarif_results.append(result)
    unreadable = _unreadable(results)
    invocation = {
        "executionSuccessful": not unreadable,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": _error(r)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": sarif_uri(r.path)}}}],
            }
            for r in unreadable
        ],
    }
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "nianbao",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_sarif_rule(rule, lang, docs_url) for rule in rules],
                    }
                },
                "invocations": [invocation],
                "language": _LANGUAGE_TAG[lang],
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


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
