"""CPU time per report of the whole pipeline (parse and every per-report check), for comparing two
versions of nianbao on the same inputs, on a busy machine too (process time, best of three).

    .venv/bin/python bench/cpu.py                                  # this checkout
    PYTHONPATH=../other/src .venv/bin/python bench/cpu.py          # another checkout, same inputs

Inputs: 180 generated reports in the nine layouts of the generator's first releases (pipe, lines,
crlf, cellbar, spaced, runon, cr, markdown, tsv), and the first 40 pages of
../shared/corpus-real/pingtan-departments when it is there.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import reportgen  # noqa: E402

from nianbao.api import lint, parse  # noqa: E402
from nianbao.source import Source  # noqa: E402
from nianbao.template import Version  # noqa: E402

LAYOUTS = ("pipe", "lines", "crlf", "cellbar", "spaced", "runon", "cr", "markdown", "tsv")
PINGTAN = ROOT.parent / "shared" / "corpus-real" / "pingtan-departments"


def per_report(texts: list[str]) -> float:
    lint(parse(Source("warm", texts[0])))
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for text in texts:
            lint(parse(Source("x", text)))
        best = min(best, time.process_time() - started)
    return best / len(texts)


def main() -> None:
    generated = []
    for seed in range(180):
        version = Version.V2021 if seed % 2 else Version.V2019
        generated.append(reportgen.render(reportgen.random_report(random.Random(seed), version), LAYOUTS[seed % 9]))
    print(f"generated, 9 layouts: {per_report(generated) * 1000:.2f} ms CPU a report ({len(generated)} reports)")
    if PINGTAN.is_dir():
        pages = [p.read_text("utf-8") for p in sorted(PINGTAN.glob("*.txt"))[:40]]
        print(f"pingtan-departments: {per_report(pages) * 1000:.2f} ms CPU a report ({len(pages)} pages)")


if __name__ == "__main__":
    main()
