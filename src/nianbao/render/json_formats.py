"""The JSON formats of ``nianbao lint``: JSON (one document), JSON Lines and SARIF 2.1.0.

``diagnostic_object`` is the one JSON shape of a diagnostic (docs/lint-output.schema.json),
shared with ``nianbao diff --format json``. SARIF turns paths into URI references (`sarif_uri`)
and fingerprints each result by file, code, text and occurrence (`FINGERPRINT_KEY`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..diagnostics import Located, Severity
from ..rules import Rule, all_rules
from ..source import Source, Span
from .results import FileResult, _error, _lines, _located, _unreadable, _url

JSON_SCHEMA_ID = "nianbao-lint/1"  # the ``schema`` of the JSON envelope; docs/lint-output.schema.json
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://nianbao.readthedocs.io/"
FINGERPRINT_KEY = "nianbao/v1"  # partialFingerprints key; bump the suffix if the recipe changes

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_LANGUAGE_TAG = {"zh": "zh-CN", "en": "en-US"}  # SARIF run.language (RFC 5646, as the schema allows)


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
