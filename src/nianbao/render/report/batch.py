"""The batch view: the corpus line and the summary table of `render.summary` (its rows, not a second
count), the filters over it, and two bar charts drawn as inline SVG (findings per code, errors and
warnings per organ), whose bars filter the table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ...diagnostics import Diagnostic, Severity
from ..summary import SummaryRow, overview
from .marks import SEV, esc

TOP_ORGANS = 15  # organs in the chart; the table has them all
_COLOURS = {"e": "#c62828", "w": "#d68a00", "i": "#0277bd"}


def batch_html(
    rows: Sequence[SummaryRow],
    found: Sequence[Sequence[Diagnostic]],
    pages: Sequence[bool],
    words: dict[str, str],
    lang: str,
) -> str:
    """``rows`` in report order (index i is report i), ``found`` each report's diagnostics, ``pages``
    whether the report has a page (an unreadable file has none)."""
    codes = sorted({d.code for ds in found for d in ds})
    options = "".join(f'<option value="{esc(c)}">{esc(c)}</option>' for c in codes)
    any_ = f'<option value="">{esc(words["any"])}</option>'
    severities = "".join(f'<option value="{s.value}">{esc(words[s.value])}</option>' for s in Severity)
    filters = (
        '<div class="filters">'
        f'<label>{esc(words["filter_organ"])}<input id="f-organ" type="search" autocomplete="off"></label>'
        f'<label>{esc(words["filter_code"])}<select id="f-code">{any_}{options}</select></label>'
        f'<label>{esc(words["filter_severity"])}<select id="f-severity">{any_}{severities}</select></label>'
        '<span class="shown" id="shown"></span></div>'
    )
    heads = [
        ("organ", words["organ"]),
        ("year", words["year"]),
        ("template", words["template"]),
        ("read", words["read"]),
        ("errors", words["errors"]),
        ("warnings", words["warnings"]),
        ("codes", words["codes"]),
        ("path", words["file"]),
    ]
    thead = "".join(f'<th data-key="{k}" scope="col"><button type="button">{esc(t)}</button></th>' for k, t in heads)
    body = "".join(_row(i, r, pages[i], found[i], words) for i, r in enumerate(rows))
    return (
        f'<section id="batch"><h2>{esc(words["batch"])}</h2>'
        f'<p class="overview">{esc(overview(list(rows), lang))}</p>{filters}'
        f'<table class="sum"><thead><tr>{thead}</tr></thead><tbody>{body}</tbody></table>'
        f'<div class="charts">{code_chart(found, words)}{organ_chart(rows, words)}</div></section>'
    )


def _row(i: int, r: SummaryRow, page: bool, found: Sequence[Diagnostic], words: dict[str, str]) -> str:
    if r.error is not None:
        return (
            f'<tr class="unread" data-i="{i}"><td colspan="7">{esc(words["unreadable"])}: {esc(r.error)}</td>'
            f'<td class="path">{esc(r.path)}</td></tr>'
        )
    organ = esc(r.organ or words["unknown_organ"])
    name = f'<a href="#r{i}">{organ}</a>' if page else organ
    share = r.read_share
    read = f"{100 * share:.0f}%" if share is not None else ""
    worst = {c: min((d.severity for d in found if d.code == c), key=lambda s: s.rank) for c in r.codes}
    chips = "".join(f'<span class="chip s{SEV[worst[c]]}">{esc(c)}</span>' for c in r.codes)
    bad = ' class="bad"' if r.errors else ""
    return (
        f'<tr data-i="{i}"{bad}><td>{name}</td><td class="n">{r.year or ""}</td>'
        f'<td>{esc(r.template or "")}</td><td class="n{" part" if share not in (None, 1) else ""}">{read}</td>'
        f'<td class="n err">{r.errors}</td><td class="n">{r.warnings}</td><td>{chips}</td>'
        f'<td class="path">{esc(r.path)}</td></tr>'
    )


def _bars(items: list[tuple[str, list[tuple[int, str]], str]], scale: int) -> str:
    """Horizontal bars: (label, [(value, severity letter)…] stacked, data attribute) each."""
    label_w, bar_w, h = 150, 330, 18
    out = [f'<svg viewBox="0 0 {label_w + bar_w + 50} {h * len(items) + 4}" role="img">']
    for n, (label, parts, attr) in enumerate(items):
        y = n * h + 2
        total = sum(v for v, _ in parts)
        shown = label if len(label) <= 12 else label[:11] + "…"
        out.append(f'<g class="bar" {attr}><title>{esc(label)}: {total}</title>')
        # the whole row takes the click, not only the ink of its label and bar
        out.append(f'<rect x="0" y="{y}" width="{label_w + bar_w + 50}" height="{h}" fill="transparent"/>')
        out.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{esc(shown)}</text>')
        x = float(label_w)
        for value, sev in parts:
            w = bar_w * value / scale if scale else 0
            out.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{h - 5}" fill="{_COLOURS[sev]}"/>')
            x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + 13}">{total}</text></g>')
    out.append("</svg>")
    return "".join(out)


def code_chart(found: Sequence[Sequence[Diagnostic]], words: dict[str, str]) -> str:
    count: Counter[str] = Counter()
    worst: dict[str, Severity] = {}
    for ds in found:
        for d in ds:
            count[d.code] += 1
            if d.code not in worst or d.severity.rank < worst[d.code].rank:
                worst[d.code] = d.severity
    items = [
        (c, [(n, SEV[worst[c]])], f'data-code="{esc(c)}"')
        for c, n in sorted(count.items(), key=lambda x: (-x[1], x[0]))
    ]
    if not items:
        return ""
    return f'<figure class="chart"><h3>{esc(words["chart_codes"])}</h3>{_bars(items, items[0][1][0][0])}</figure>'


def organ_chart(rows: Sequence[SummaryRow], words: dict[str, str]) -> str:
    per: dict[str, list[int]] = {}
    for r in rows:
        if r.error is None and (r.errors or r.warnings):
            name = r.organ or r.path.rsplit("/", 1)[-1]
            e = per.setdefault(name, [0, 0])
            e[0] += r.errors
            e[1] += r.warnings
    top = sorted(per.items(), key=lambda x: (-x[1][0], -x[1][1], x[0]))[:TOP_ORGANS]
    if not top:
        return ""
    items = [(name, [(e, "e"), (w, "w")], f'data-organ="{esc(name)}"') for name, (e, w) in top]
    scale = max(e + w for _, (e, w) in top)
    title = words["chart_organs"].format(n=len(top))
    return f'<figure class="chart"><h3>{esc(title)}</h3>{_bars(items, scale)}</figure>'
