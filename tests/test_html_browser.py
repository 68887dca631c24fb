"""`nianbao report` in a real browser: headless Chromium (Debian's ``chromium``, driven by playwright
through its executable path; no browser is downloaded) opens the file for the seeds, the examples
and the visible real corpus, and every finding is where its span is, sorting and filtering do what
they say, links go both ways, nothing is logged as an error, a hostile report runs nothing.

Skipped, with the reason, where playwright or Chromium is missing; `.ci/run` installs both."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import html_report  # bench/html_report.py: the browser's launch, the 100-report corpus
import pytest
from conftest import CONFORMING, REAL, ROOT, SEEDS, seed

from nianbao.pipeline import parse_source
from nianbao.render import report
from nianbao.runner import Linted, RunConfig, lint_many
from nianbao.syntax.nodes import CellStatus

WHY = html_report.why_no_browser()
# slow: a Chromium run is ~40 s of CPU; CI (make test-all) runs it
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(WHY is not None, reason=f"no browser for the HTML report tests: {WHY}"),
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    try:
        context = html_report.browser()
        b = context.__enter__()
    except Exception as exc:  # installed but cannot start here (no display libraries, a broken package)
        pytest.skip(f"Chromium could not be started: {exc}")
    try:
        yield b
    finally:
        context.__exit__(None, None, None)


class Page:
    """A page of the browser with the console errors and dialogs it raised."""

    def __init__(self, b: Any, url: str) -> None:
        self.page = b.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url)
        self.page.wait_for_function("window.nianbaoReady === true")

    def go(self, anchor: str) -> None:
        self.page.evaluate("a => { location.hash = a; }", anchor)
        self.page.wait_for_function("a => location.hash === '#' + a", arg=anchor)

    def order(self) -> list[int]:
        return self.page.eval_on_selector_all(
            "table.sum tbody tr", "rows => rows.filter(r => !r.hidden).map(r => +r.dataset.i)"
        )


def web_page(tmp: Path) -> Path:
    """A report as a web page (tests/test_html.py's page: chrome around the article, tables as <table>)."""
    from test_html import page

    path = tmp / "v2021_page.html"
    path.write_text(page((CONFORMING / "v2021_pipe.txt").read_text("utf-8")), "utf-8")
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Linted], list[Linted], Path]:
    """The seeds, the examples, a web page, a PDF and the visible real corpus in one file: the linted
    results in file order (that of `nianbao summary`), and the file."""
    tmp = tmp_path_factory.mktemp("report")
    paths = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    paths += [str(p) for p in sorted((ROOT / "examples").glob("*.txt"))]
    paths += [str(web_page(tmp)), str(ROOT / "tests" / "data" / "pdf" / "v2019.pdf")]
    if REAL.is_dir():
        paths += sorted(str(p) for p in REAL.rglob("*") if p.suffix in (".txt", ".pdf", ".docx", ".html"))
    linted = lint_many(paths, RunConfig(isolated=True))
    out = tmp / "report.html"
    out.write_text(report.build(linted), "utf-8")
    ordered = sorted(linted, key=lambda x: x.result.path)
    return linted, ordered, out


FIND = """
(expected) => {
  const problems = [];
  const has = (el, k) => (el.dataset.f || '').split(' ').includes(String(k));
  for (const e of expected) {
    const page = document.getElementById('r' + e.i);
    const note = document.getElementById('r' + e.i + 'f' + e.k);
    if (!note) { problems.push([e.i, e.k, e.code, 'no note']); continue; }
    if (note.dataset.code !== e.code || !note.textContent.includes(e.message)) problems.push([e.i, e.k, 'note text']);
    if (!note.querySelector('.at').textContent.includes(e.at)) problems.push([e.i, e.k, 'position']);
    if (note.getClientRects().length === 0) problems.push([e.i, e.k, e.code, 'note not shown']);
    const anchor = document.getElementById('r' + e.i + 'm' + e.k);
    const line = anchor && anchor.closest('.l');
    if (!line || line.id !== 'r' + e.i + 'l' + e.line) {
      problems.push([e.i, e.k, e.code, 'not on its line']);
      continue;
    }
    if (line.querySelector('.g').textContent !== String(e.gutter)) problems.push([e.i, e.k, 'gutter']);
    if (e.text !== null) {
      const marked = Array.from(page.querySelectorAll('.l .t .f')).filter(s => has(s, e.k))
        .map(s => s.textContent).join('');
      if (marked !== e.text) problems.push([e.i, e.k, e.code, 'marked', marked, e.text]);
    } else {
      const caret = document.getElementById('r' + e.i + 'm' + e.k);
      if (!caret.classList.contains('caret')) problems.push([e.i, e.k, e.code, 'no caret']);
    }
    if (e.cell !== null) {
      const cells = Array.from(page.querySelectorAll('td.hot')).filter(c => has(c, e.k));
      if (cells.length !== 1 || cells[0].textContent !== e.cell) problems.push([e.i, e.k, e.code, 'cell', e.cell]);
    }
  }
  return problems;
}
"""


def expected(i: int, x: Linted) -> list[dict[str, Any]]:
    """What the page must show of each finding, from the linted result and its tree, not from the page."""
    from nianbao.diagnostics import Located

    source = x.result.source
    assert source is not None
    parsed = parse_source(source)
    cells = {(c.key, c.span): c for c in parsed.report.cells()}
    out = []
    for k, d in enumerate(x.result.diagnostics):
        loc = Located.of(d, source)
        first = source.lines.line_of(d.span.start)
        text = "".join(ch for ch in source.slice(d.span) if ch not in "\r\n")
        cell = cells.get((d.cell, d.span)) if d.cell is not None else None
        shown = None
        if cell is not None:
            shown = {CellStatus.BLANK: "（空）", CellStatus.UNREADABLE: "？"}.get(
                cell.status, cell.raw.strip() or "（空）"
            )
        out.append(
            {
                "i": i,
                "k": k,
                "code": d.code,
                "message": d.text("zh"),
                "at": loc.where("zh") or f"{loc.line}:{loc.column}",
                "line": first + 1,
                "gutter": source.position(source.lines.starts[first]).line,
                "text": text or None,
                "cell": shown,
            }
        )
    return out


def test_every_finding_is_shown_where_it_is(chromium: Any, batch: tuple[list[Linted], list[Linted], Path]) -> None:
    _, ordered, out = batch
    page = Page(chromium, out.as_uri())
    total = 0
    for i, x in enumerate(ordered):
        if x.result.source is None:
            continue
        page.go(f"r{i}")
        assert page.page.is_visible(f"#r{i}") and not page.page.is_visible("#batch")
        want = expected(i, x)
        total += len(want)
        assert page.page.evaluate(FIND, want) == [], x.result.path
    assert total > (500 if REAL.is_dir() else 100)  # the seeds alone have over 100 findings, with the real corpus 500
    assert page.errors == [] and page.dialogs == []


def test_sorting(chromium: Any, batch: tuple[list[Linted], list[Linted], Path]) -> None:
    _, ordered, out = batch
    page = Page(chromium, out.as_uri())
    errors = [sum(d.severity == "error" for d in x.result.diagnostics) for x in ordered]
    assert page.order() == list(range(len(ordered)))  # as `nianbao summary`: by path
    page.page.click('th[data-key="errors"] button')
    assert page.order() == sorted(range(len(ordered)), key=lambda i: (errors[i], i))
    assert page.page.get_attribute('th[data-key="errors"]', "aria-sort") == "ascending"
    page.page.click('th[data-key="errors"] button')
    assert page.order() == sorted(range(len(ordered)), key=lambda i: (-errors[i], i))
    years = [x.year for x in ordered]
    page.page.click('th[data-key="year"] button')
    with_year = sorted((i for i in range(len(ordered)) if years[i]), key=lambda i: (years[i], i))
    assert page.order() == with_year + [i for i in range(len(ordered)) if not years[i]]  # no year: last
    assert page.errors == []


def test_filtering(chromium: Any, batch: tuple[list[Linted], list[Linted], Path]) -> None:
    _, ordered, out = batch
    page = Page(chromium, out.as_uri())
    everyone = list(range(len(ordered)))

    def having(test: Any) -> list[int]:
        return [i for i in everyone if test(ordered[i])]

    page.page.fill("#f-organ", "衡陽")
    assert page.order() == having(lambda x: "衡陽" in (x.agency or "") or "衡陽" in x.result.path) != []
    page.page.fill("#f-organ", "")
    assert page.order() == everyone
    page.page.select_option("#f-code", "A102")
    assert page.order() == having(lambda x: any(d.code == "A102" for d in x.result.diagnostics)) != []
    page.page.select_option("#f-code", "")
    page.page.select_option("#f-severity", "error")
    assert page.order() == having(lambda x: any(d.severity == "error" for d in x.result.diagnostics))
    page.page.select_option("#f-code", "T105")
    page.page.select_option("#f-severity", "info")  # T105 is a warning or, for the corner note, info
    assert (
        page.order()
        == having(lambda x: any(d.code == "T105" and d.severity == "info" for d in x.result.diagnostics))
        != []
    )
    assert page.page.text_content("#shown") == f"显示 {len(page.order())} / {len(ordered)} 份"
    page.page.select_option("#f-code", "")
    page.page.select_option("#f-severity", "")
    page.page.click('.chart .bar[data-code="A101"]')  # a bar of the chart filters too
    assert page.page.input_value("#f-code") == "A101"
    assert page.order() == having(lambda x: any(d.code == "A101" for d in x.result.diagnostics))
    assert page.errors == []


def test_links_go_both_ways(chromium: Any, batch: tuple[list[Linted], list[Linted], Path]) -> None:
    _, ordered, out = batch
    page = Page(chromium, out.as_uri())
    index = {x.result.path: i for i, x in enumerate(ordered)}
    i = index[str(ROOT / "examples" / "baishui-2022.txt")]
    j = index[str(ROOT / "examples" / "baishui-2021.txt")]
    later = ordered[i]
    k = next(k for k, d in enumerate(later.result.diagnostics) if d.code == "C101")
    page.go(f"r{i}f{k}")
    page.page.click(f"#r{i}f{k} .else a")  # to the place in last year's report …
    page.page.wait_for_function(f"location.hash.startsWith('#r{j}y')")
    target = page.page.evaluate("location.hash.slice(1)")
    assert page.page.is_visible(f"#r{j}") and not page.page.is_visible(f"#r{i}")
    n = target.split("y")[1]
    page.page.click(f"#r{j}z{n} a")  # … and from there back to the finding
    page.page.wait_for_function(f"location.hash === '#r{i}f{k}'")
    assert page.page.is_visible(f"#r{i}f{k}")
    # a related place of an arithmetic finding: the note links to the cell, the cell to the note
    s1 = index[str(seed("001"))]
    ds = ordered[s1].result.diagnostics
    k = next(k for k, d in enumerate(ds) if d.code == "A102")
    page.go(f"r{s1}f{k}")
    cell = page.page.get_attribute(f"#r{s1}f{k} .see a", "href")
    assert cell is not None and cell.startswith(f"#r{s1}c")
    page.page.click(f"#r{s1}f{k} .see a")
    assert page.page.evaluate("document.querySelector(location.hash).classList.contains('on')")  # lit
    page.go("batch")
    page.go(f"r{s1}")
    page.page.click(f"{cell}")  # clicking a term of the sum opens the finding it belongs to
    page.page.wait_for_function(f"location.hash.startsWith('#r{s1}f')")
    assert page.errors == [] and page.dialogs == []


def test_information_can_be_hidden_and_printing_gives_one_report_a_page(
    chromium: Any, batch: tuple[list[Linted], list[Linted], Path]
) -> None:
    _, ordered, out = batch
    page = Page(chromium, out.as_uri())
    s1 = [x.result.path for x in ordered].index(str(seed("001")))
    page.go(f"r{s1}")
    infos = f"#r{s1} .note.si"
    assert page.page.eval_on_selector_all(infos, "ns => ns.filter(n => n.getClientRects().length).length") > 0
    page.page.uncheck(f"#r{s1} .showinfo")
    assert page.page.eval_on_selector_all(infos, "ns => ns.filter(n => n.getClientRects().length).length") == 0
    page.page.emulate_media(media="print")
    shown = (
        "Array.from(document.querySelectorAll('section.report')).filter(r => getComputedStyle(r).display !== 'none')"
    )
    assert page.page.evaluate(f"{shown}.map(r => r.id)") == [f"r{s1}"]  # the report open, alone
    page.go("batch")  # from the summary, every report, each on a page of its own
    assert len(page.page.evaluate(f"{shown}.map(r => r.id)")) == sum(x.result.source is not None for x in ordered)
    assert page.page.evaluate(f"{shown}.every(r => getComputedStyle(r).breakBefore === 'page')")
    assert page.errors == []


def test_a_hostile_report_runs_nothing(chromium: Any, tmp_path: Path) -> None:
    from test_html_report import hostile_report

    path = hostile_report(tmp_path)
    out = tmp_path / "report.html"
    out.write_text(report.build(lint_many([str(path)], RunConfig(isolated=True), 1)), "utf-8")
    page = Page(chromium, out.as_uri())
    page.go("r0")
    page.page.hover("#r0 .l .t")
    assert page.page.evaluate("typeof window.pwned") == "undefined"
    assert page.page.evaluate("document.querySelectorAll('script').length") == 3
    assert page.page.evaluate("document.querySelectorAll('img, svg[onload], [onerror], [onclick]').length") == 0
    assert page.errors == [] and page.dialogs == []  # a script blocked by the policy would be logged


@pytest.mark.slow
def test_a_hundred_reports_open_in_under_two_seconds(chromium: Any, tmp_path: Path) -> None:
    paths = html_report.report_files(100, tmp_path)
    out = tmp_path / "report.html"
    out.write_text(html_report.build(paths), "utf-8")
    assert len(paths) == 100
    assert out.stat().st_size < 10_000_000
    ms, errors = html_report.open_time(chromium, out.as_uri(), loads=3)
    assert ms < 2000, f"{ms:.0f} ms"
    assert errors == []


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-v"]))
