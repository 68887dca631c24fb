"""Machine-readable output of ``nianbao lint``: concise, JSON, JSON Lines, SARIF, GitHub, JUnit, CSV.

Every format renders the same `FileResult`s: the files in the order given, each file's
diagnostics in the order given, then (where the format keeps them apart) the files that could
not be read. Output is deterministic — no timestamps, no absolute paths the user did not write,
no set ordering — so that it can be compared and cached. Paths are written as the user named
them; only SARIF turns them into URI references. Lines and columns are 1-based and count code
points; an end position is the position just after the last character of the span.

``render`` returns the whole text, ending in a newline (an empty string when a line-based
format has nothing to say): write it as it is. The formats themselves are written in
`nianbao.render.json_formats` (JSON, JSON Lines, SARIF) and `nianbao.render.line_formats`
(concise, GitHub, JUnit, CSV), over `nianbao.render.results`; this module chooses among them,
counts findings per rule (``--statistics``) and is where the names are imported from.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..config import docs_link
from ..diagnostics import Severity
from ..rules import DOCS_URL
from .json_formats import _json, _jsonl, _sarif, diagnostic_object, sarif_uri
from .line_formats import CSV_FIELDS, _concise, _csv, _github, _junit, github_escape_data, github_escape_property
from .results import FileResult, _plural, _rule, line_safe

__all__ = [
    "CSV_FIELDS",
    "FORMATS",
    "LANGS",
    "FileResult",
    "diagnostic_object",
    "github_escape_data",
    "github_escape_property",
    "line_safe",
    "render",
    "sarif_uri",
    "statistics",
    "statistics_csv",
    "statistics_json",
]

FORMATS = ("concise", "json", "jsonl", "sarif", "github", "junit", "csv")
LANGS = ("zh", "en")


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
