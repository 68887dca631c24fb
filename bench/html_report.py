"""The HTML report (`nianbao report`) in a real browser: its size and how long it takes to open.

    .venv/bin/python bench/html_report.py                      # 100 reports: size, open time
    .venv/bin/python bench/html_report.py -n 300               # another number of reports
    .venv/bin/python bench/html_report.py --screenshots docs/img  # the README's screenshots

The reports are the bundled corpus/, then ../shared/corpus-real when it is there, topped up to N
with generated reports (bench/reportgen.py, every layout in turn). The open time is Chromium's
``loadEventEnd`` of the file (parsing, styles, layout of the batch view, the script's start), the
median of five loads in a fresh page each, headless, as `tests/test_html_browser.py` launches it:
Debian's ``chromium`` driven by playwright through its executable path (no browser is downloaded).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpus-real"
sys.path.insert(0, str(ROOT / "bench"))

# Chromium as this closed network needs it: no sandbox as root, no GPU, and none of the connections it
# would otherwise try (QUIC, component updates, sync) and have refused.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def chromium() -> str | None:
    """The path of a Chromium to drive, or None."""
    for name in CANDIDATES:
        if Path(name).exists():
            return name
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return found


def why_no_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    # found, not imported: importing playwright at test collection leaves thousands of objects for the
    # garbage collector to walk in every test after (tests/test_html.py's linear-time ratios felt it)
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed (pip install playwright; .ci/run installs it)"
    if chromium() is None:
        return "no Chromium found (apt-get install chromium; .ci/run installs it)"
    return None


@contextmanager
def browser() -> Iterator[Any]:
    """A headless Chromium (playwright's Browser); playwright gives each launch a fresh profile of its
    own (a temporary --user-data-dir), removed when it closes."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=list(CHROMIUM_ARGS), headless=True)
        try:
            yield b
        finally:
            b.close()


def report_files(n: int, work: Path) -> list[str]:
    """``n`` report files: the bundled corpus, the real corpus when present, then generated ones."""
    found = sorted(str(p) for p in (ROOT / "corpus").rglob("*.txt"))
    if REAL.is_dir():
        found += sorted(str(p) for p in REAL.rglob("*") if p.suffix in (".txt", ".pdf", ".docx", ".html"))
    found = found[:n]
    if len(found) < n:
        import reportgen

        from nianbao.template import Version

        layouts = ("pipe", "lines", "cellbar", "spaced", "runon", "tsv")
        for seed in range(n - len(found)):
            rng = random.Random(seed)
            data = reportgen.random_report(rng, Version.V2019 if seed % 2 else Version.V2021)
            path = work / f"generated_{seed:03d}.txt"
            path.write_text(reportgen.render(data, layouts[seed % len(layouts)], rng), "utf-8")
            found.append(str(path))
    return found


def build(paths: list[str], lang: str = "zh") -> str:
    from nianbao.render import report
    from nianbao.runner import RunConfig, lint_many

    run = RunConfig(isolated=True)
    return report.build(lint_many(paths, run), lang)


def open_time(b: Any, url: str, loads: int = 5) -> tuple[float, list[str]]:
    """The median ``loadEventEnd`` (ms) of ``loads`` loads, and the console errors seen."""
    times, errors = [], []
    for _ in range(loads):
        page = b.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url, wait_until="load")
        times.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
        page.close()
    return statistics.median(times), errors


def screenshots(b: Any, html: Path, out: Path) -> None:
    """The batch view and seed 001's page (its beginning, and its table 三), as the README shows them."""
    page = b.new_page(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
    page.goto(html.as_uri())
    page.screenshot(path=str(out / "report-batch.png"))
    index = page.evaluate(
        "JSON.parse(document.getElementById('nianbao-data').textContent).reports"
        ".find(r => r.path.includes('001_fe31697e2adee0d8')).i"
    )
    page.goto(f"{html.as_uri()}#r{index}")
    page.screenshot(path=str(out / "report-seed-001.png"))
    table = page.evaluate(
        f"Array.from(document.querySelectorAll('#r{index} .tbl')).find(t => t.textContent.includes('表三')).id"
    )
    page.goto(f"{html.as_uri()}#{table}")
    page.wait_for_timeout(1800)  # the flash of the table navigated to fades
    page.screenshot(path=str(out / "report-seed-001-table.png"))
    page.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=100, help="number of reports (default 100)")
    ap.add_argument("--screenshots", type=Path, help="write the batch view and seed 001 as PNG files here")
    args = ap.parse_args()
    if args.screenshots:
        args.screenshots = args.screenshots.resolve()
    why = why_no_browser()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.screenshots:  # the README's batch, with the paths as a reviewer types them
            os.chdir(ROOT)
            paths = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "corpus" / "seeds").glob("*.txt"))
            paths += sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").glob("*.txt"))
        else:
            paths = report_files(args.n, work)
        t = time.perf_counter()
        html = build(paths)
        took = time.perf_counter() - t
        target = work / "report.html"
        target.write_text(html, "utf-8")
        size = target.stat().st_size
        print(f"{len(paths)} reports: {size / 1e6:.2f} MB, linted and written in {took:.1f} s")
        if why:
            print(f"no browser: {why}")
            return
        with browser() as b:
            if args.screenshots:
                args.screenshots.mkdir(parents=True, exist_ok=True)
                screenshots(b, target, args.screenshots)
                print(f"screenshots in {args.screenshots}")
                return
            ms, errors = open_time(b, target.as_uri())
            print(f"opened in {ms:.0f} ms (median of 5 loads, loadEventEnd); console errors: {len(errors)}")
            for e in errors[:5]:
                print(f"  {e}")


if __name__ == "__main__":
    main()
