"""Benchmark (not a test): which PDF text extraction gives nianbao the table cells of a report.

    .venv/bin/python bench/pdf_accuracy.py [--repeat 3]

Methods compared, each turning a PDF into the text that ``nianbao.api.parse`` reads:

* ``nianbao |``      nianbao's reader (pdfplumber characters and ruling lines, rows of cells joined by `` | ``);
* ``nianbao sp``     the same with cells joined by spaces (the spaced layout);
* ``plumber``        ``pdfplumber`` ``page.extract_text()``;
* ``plumber-layout`` ``page.extract_text(layout=True)``;
* ``pdfminer``       ``pdfminer.high_level.extract_text`` (layout analysis; how 011_huaian…_pdfminer.txt looks);
* ``pypdf``          ``pypdf`` ``page.extract_text()`` (how 012_huaian…_pypdf.txt looks);
* ``pypdf-layout``   ``page.extract_text(extraction_mode="layout")``.

(a) PDFs drawn from the conforming corpus by bench/make_pdf_fixtures.py (both template versions,
both font encodings, rules as lines, as filled rectangles and not drawn at all, the Kangxi fixture,
and the committed V2019 fixture with its wrong total and blank cell): accuracy is
the share of the text version's cells (tables 二, 三, 四) whose value the PDF's parse gives the same
key and value; "extra" counts cells the text version does not have. (b) the real huaian PDF, which
has no answer key: cells read by each method, and how many agree with nianbao's reader and with
the parse of the 011/012 texts. Times are the best of ``--repeat`` runs of the extraction alone.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import make_pdf_fixtures as fixtures  # noqa: E402

from nianbao.api import lint, parse  # noqa: E402
from nianbao.inputs import Options  # noqa: E402
from nianbao.inputs.pdf import read  # noqa: E402
from nianbao.source import Source  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus-real"
HUAIAN = REAL / "huaian_city_2024.pdf"

Cells = dict[Any, Decimal | None]


def _plumber(data: bytes, **kw: Any) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text(**kw) or "" for page in pdf.pages)


def _pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def _pypdf(data: bytes, **kw: Any) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text(**kw) for page in PdfReader(io.BytesIO(data)).pages)


METHODS: dict[str, Callable[[bytes], str]] = {
    "nianbao |": lambda d: read(d, "x.pdf", Options()).text,
    "nianbao sp": lambda d: read(d, "x.pdf", Options(), separator=" ").text,
    "plumber": _plumber,
    "plumber-layout": lambda d: _plumber(d, layout=True),
    "pdfminer": _pdfminer,
    "pypdf": _pypdf,
    "pypdf-layout": lambda d: _pypdf(d, extraction_mode="layout"),
}


def cells_of(text: str) -> tuple[Cells, set[str]]:
    parsed = parse(Source("x", text))
    return {c.key: c.value for c in parsed.report.cells()}, {d.code for d in lint(parsed)}


def timed(fn: Callable[[bytes], str], data: bytes, repeat: int) -> tuple[str, float]:
    best = float("inf")
    text = ""
    for _ in range(repeat):
        t = time.perf_counter()
        text = fn(data)
        best = min(best, time.perf_counter() - t)
    return text, best


def corpus_pdfs() -> list[tuple[str, bytes, str]]:
    """(name, PDF, text version) for every variant drawn from the conforming reports."""
    out = []
    for version, cut in (("v2019", fixtures.BREAKS_2019), ("v2021", fixtures.BREAKS_2021)):
        text = (fixtures.CONFORMING / f"{version}_pipe.txt").read_text(encoding="utf-8")
        for font, rules, bold in (
            ("identity", "lines", "double"),
            ("ucs2", "rects", "none"),
            ("identity", "none", "none"),
        ):
            data, _ = fixtures.render(fixtures.report_pdf(text, font=font, rules=rules, bold=bold, breaks=cut))
            out.append((f"{version}-{font}-{rules}", data, text))
    kangxi = (fixtures.OUT / "v2021_kangxi.pdf").read_bytes()
    out.append(("v2021-kangxi", kangxi, (fixtures.CONFORMING / "v2021_pipe.txt").read_text(encoding="utf-8")))
    out.append(("v2019-blank-cell", (fixtures.OUT / "v2019.pdf").read_bytes(), fixtures.v2019_text()))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    print("(a) PDFs drawn from the conforming corpus: cells equal to the text version's")
    pdfs = corpus_pdfs()
    head = f"{'method':15}" + "".join(f"{name:>22}" for name, _, _ in pdfs) + f"{'all':>10}{'s/report':>10}"
    print(head)
    for method, fn in METHODS.items():
        row = f"{method:15}"
        right = total = 0
        seconds = 0.0
        for _, data, text in pdfs:
            want, want_codes = cells_of(text)
            got_text, t = timed(fn, data, args.repeat)
            got, codes = cells_of(got_text)
            ok = sum(1 for k, v in want.items() if k in got and got[k] == v)
            extra = len(set(got) - set(want))
            right += ok
            total += len(want)
            seconds += t
            codes = codes - {"X101", "X104"}  # page numbers and Kangxi radicals: the PDF's own
            missing = len(want_codes - codes) + len(codes - want_codes)
            row += f"{f'{ok}/{len(want)} +{extra} d{missing}':>22}"
        row += f"{right / total:>10.1%}{seconds / len(pdfs):>10.3f}"
        print(row)
    print("   ok/total +extra cells; dN: diagnostic codes (other than X101/X104) not shared with the text version")

    if not HUAIAN.exists():
        print("\n(b) ../shared/corpus-real/huaian_city_2024.pdf not found: skipped")
        return
    data = HUAIAN.read_bytes()
    print(f"\n(b) {HUAIAN.name} ({len(data):,} bytes, 6 pages): no answer key")
    results: dict[str, tuple[Cells, set[str], float]] = {}
    for method, fn in METHODS.items():
        text, t = timed(fn, data, args.repeat)
        cells, codes = cells_of(text)
        results[method] = (cells, codes, t)
    ref = {}
    for name in ("011_huaian_city_2024_pdfminer.txt", "012_huaian_city_2024_pypdf.txt"):
        if (REAL / name).exists():
            ref[name[:3]] = cells_of((REAL / name).read_text(encoding="utf-8"))[0]
    ours = results["nianbao |"][0]
    print(
        f"{'method':15}{'cells':>7}{'=nianbao':>10}" + "".join(f"{'=' + k:>8}" for k in ref) + f"{'seconds':>10}  codes"
    )
    for method, (cells, codes, t) in results.items():
        agree = sum(1 for k, v in cells.items() if ours.get(k) == v)
        row = f"{method:15}{len(cells):>7}{agree:>10}"
        for r in ref.values():
            row += f"{sum(1 for k, v in cells.items() if r.get(k) == v):>8}"
        print(row + f"{t:>10.3f}  {','.join(sorted(codes))}")
    for k, r in ref.items():
        agree = sum(1 for key, v in r.items() if ours.get(key) == v)
        print(f"{k + ' text':15}{len(r):>7}{agree:>10}")


if __name__ == "__main__":
    main()
