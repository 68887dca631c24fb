"""``nianbao report``: one self-contained HTML file for a batch of reports, for a reviewer's browser.

Contract:

* **Self-contained.** Styles and the script are inline, no font is fetched, and a Content Security
  Policy (``default-src 'none'``, the style and the script allowed by their SHA-256 only) keeps the
  page from loading anything or running any script but its own: it opens from a USB stick or a mail
  attachment, offline.
* **The same findings as every other view.** The batch view is `render.summary`'s rows and corpus
  line; each report's page marks the spans of its `Diagnostic`s (`Located` for their line:column or
  page and line) and draws its tables from the tree (`Parsed.report`), read again from the
  `Source` that was linted — the same text, the same parse.
* **Escaped.** Every piece of report text goes through `html.escape` (quotes too); the data the
  script reads is JSON in a ``<script type="application/json">`` with every ``<`` escaped, read
  with ``JSON.parse``; the script writes only text and classes.
* **Deterministic**: no timestamp, no absolute path the user did not write.

Layout of the page: `batch` (the summary table, filters, charts), one `page` per readable report
(hidden behind ``#r{i}`` when scripts run, all shown one after the other when they do not), `words`
in Chinese or English.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import json
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ... import __version__
from ...diagnostics import Diagnostic
from ...pipeline import parse_source
from ...template import Version
from ..formats import FileResult
from ..summary import SummaryRow, rows
from .batch import batch_html
from .marks import esc
from .page import Head, Incoming, render_page
from .words import words as words_of

# Before the body is parsed: with scripts, the pages of the reports are hidden from the first layout
# on (else the browser lays out every report before the script at the end hides them).
EARLY = 'document.documentElement.classList.add("js");'
SERIAL_BELOW = 8  # fewer reports than this are drawn in-process: starting workers costs more


def _asset(name: str) -> str:
    return (importlib.resources.files(__name__) / name).read_text("utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def script_json(value: Any) -> str:
    """JSON that can stand inside a <script> element: no ``<`` (so no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def build(
    linted: Sequence[Any],
    lang: str = "zh",
    assume: Mapping[str, Version | None] | None = None,
    jobs: int | None = None,
) -> str:
    """The HTML document for the `runner.Linted` results of one run, in the order of `nianbao summary`.

    Each report's tree is read again from the `Source` that was linted, with the template version
    its settings assume (``assume``, by path; detected when absent), in ``jobs`` processes."""
    lang = "en" if lang == "en" else "zh"
    w = words_of(lang)
    ordered = _in_summary_order(linted)
    summary_rows = [row for row, _ in ordered]
    results: list[FileResult] = [x.result for _, x in ordered]
    found = [list(r.diagnostics) for r in results]
    index = {r.path: i for i, r in enumerate(results) if r.source is not None}
    incoming: dict[int, list[Incoming]] = {}
    targets: dict[int, dict[tuple[int, int], str]] = {}
    for i, ds in enumerate(found):
        for k, d in enumerate(ds):
            for j, e in enumerate(d.elsewhere):
                t = index.get(e.path)
                if t is None or t == i:
                    continue
                there = incoming.setdefault(t, [])
                text = f"{_who(summary_rows[i], w, lang)} · {d.code} {d.text(lang)}"
                targets.setdefault(i, {})[(k, j)] = f"r{t}y{len(there)}"
                there.append(Incoming(e.line, e.column, e.end_line, e.end_column, i, k, text))
    readable = [i for i, r in enumerate(results) if r.source is not None]
    tasks = []
    for n, i in enumerate(readable):
        row = summary_rows[i]
        head = Head(row.organ, row.year, row.template, row.errors, row.warnings, row.infos, row.read_share)
        neighbours = (readable[n - 1] if n else None, readable[n + 1] if n + 1 < len(readable) else None)
        version = (assume or {}).get(results[i].path)
        tasks.append(
            (i, results[i].source, version, found[i], head, incoming.get(i, []), targets.get(i, {}), lang, neighbours)
        )
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(tasks) < SERIAL_BELOW:
        pages = [_page(t) for t in tasks]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            pages = list(pool.map(_page, tasks, chunksize=max(1, min(8, len(tasks) // (jobs * 4)))))
    has_page = [r.source is not None for r in results]
    body = batch_html(summary_rows, found, has_page, w, lang) + "".join(pages)
    data = {
        "lang": lang,
        "words": {"shown": w["shown"]},
        "reports": [_data(i, row, found[i]) for i, row in enumerate(summary_rows)],
    }
    return document(body, script_json(data), w, lang)


def _page(task: tuple[Any, ...]) -> str:
    """One report's page, in a worker: its tree read again from its source, then drawn."""
    i, source, version, found, head, incoming, targets, lang, neighbours = task
    parsed = parse_source(source, assume=version)
    return render_page(i, parsed, found, head, incoming, targets, words_of(lang), lang, neighbours)


def document(body: str, data: str, w: dict[str, str], lang: str) -> str:
    css, js = _asset("report.css"), _asset("report.js")
    # nothing is loaded, and no script runs but this one (injected markup could not act even if escaping failed)
    policy = (
        f"default-src 'none'; style-src {_sha256(css)}; script-src {_sha256(EARLY)} {_sha256(js)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{esc(w['title'])}</title><style>{css}</style><script>{EARLY}</script></head><body>"
        f'<header class="top"><h1>{esc(w["title"])}</h1><p>{esc(w["generated"].format(version=__version__))}</p>'
        f"{_legend(w, lang)}</header><main>{body}</main>"
        f'<script type="application/json" id="nianbao-data">{data}</script><script>{js}</script></body></html>\n'
    )


def _legend(w: dict[str, str], lang: str) -> str:
    sep = ": " if lang == "en" else "："
    return (
        f'<p class="legend noprint">{esc(w["legend"])}{sep}<span class="f se">{esc(w["error"])}</span> '
        f'<span class="f sw">{esc(w["warning"])}</span> <span class="f si">{esc(w["info"])}</span> '
        f'<span class="rel">{esc(w["see"].rstrip("：: "))}</span> '
        f'<span class="aside">{esc(w["kind_chrome"])}</span></p>'
    )


def _in_summary_order(linted: Sequence[Any]) -> list[tuple[SummaryRow, Any]]:
    """`summary.rows` (sorted by path) with the `Linted` each row was made from."""
    pool: dict[str, list[Any]] = {}
    for x in linted:
        pool.setdefault(x.result.path, []).append(x)
    return [(row, pool[row.path].pop(0)) for row in rows(linted, "path")]


def _who(row: SummaryRow, w: dict[str, str], lang: str) -> str:
    organ = row.organ or w["unknown_organ"]
    if row.year:
        return f"{organ} {row.year}" + ("" if lang == "en" else "年")
    return organ


def _data(i: int, row: SummaryRow, found: list[Diagnostic]) -> dict[str, Any]:
    codes: dict[str, dict[str, int]] = {}  # code → severity → count (a code may have several severities)
    for d in found:
        per = codes.setdefault(d.code, {})
        per[d.severity.value] = per.get(d.severity.value, 0) + 1
    return {
        "i": i,
        "path": row.path,
        "organ": row.organ,
        "year": row.year,
        "template": row.template,
        "errors": row.errors,
        "warnings": row.warnings,
        "infos": row.infos,
        "read": None if row.read_share is None else round(row.read_share, 4),
        "codes": codes,
        "error": row.error,
    }
