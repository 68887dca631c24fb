"""Benchmark (not a test): lint a few thousand generated reports, per stage and in total.

    .venv/bin/python bench/bench.py [--reports 2000] [--seed 7] [--layouts pipe,lines,runon,...]

Prints reports per second on one core, the time per stage per report, and the time of a cold
``nianbao lint FILE`` (a new process, parser cache warm). Generated reports are simplified
script; the seeds (two of them traditional) are timed separately. Last, the whole command on a
directory of the generated reports: ``nianbao lint DIR --format json`` with ``--jobs 1`` and with
one process per core (``--batch 0`` skips it). Then the share of the template's cells read (as
``nianbao summary`` reports it) for ../shared/corpus-real and each of its sub-folders, when it is
there.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import reportgen  # noqa: E402

from nianbao.load import read_path  # noqa: E402
from nianbao.pipeline import Parsed, choose_version, detect_format, table_evidence  # noqa: E402
from nianbao.rules import run_checks  # noqa: E402
from nianbao.source import Source  # noqa: E402
from nianbao.syntax.build import build  # noqa: E402
from nianbao.syntax.lexer import Lexer  # noqa: E402
from nianbao.syntax.meta import read_meta  # noqa: E402
from nianbao.syntax.normalize import normalize  # noqa: E402
from nianbao.syntax.parser import parse_tokens  # noqa: E402
from nianbao.syntax.scanner import scan  # noqa: E402

STAGES = ("normalize", "scan", "version+meta", "lex+parse", "build", "meta", "checks")


def timed_lint(source: Source, times: dict[str, float]) -> int:
    """The pipeline of ``pipeline.parse_source`` + ``run_checks``, timed stage by stage."""
    t0 = time.perf_counter()
    norm = normalize(source.text)
    t1 = time.perf_counter()
    index = scan(norm.analysis)
    t2 = time.perf_counter()
    pre = read_meta(source, norm, index)
    version = choose_version(detect_format(index), pre.year)
    t3 = time.perf_counter()
    result = parse_tokens(source.text, Lexer(norm.analysis, index, source.text), version)
    t4 = time.perf_counter()
    report = build(source, norm, result)
    t5 = time.perf_counter()
    meta = read_meta(source, norm, index, report)
    parsed = Parsed(source, norm, index, report, meta, table_evidence(report))
    t6 = time.perf_counter()
    diags = run_checks(parsed)
    t7 = time.perf_counter()
    for name, a, b in zip(STAGES, (t0, t1, t2, t3, t4, t5, t6), (t1, t2, t3, t4, t5, t6, t7), strict=True):
        times[name] += b - a
    return len(diags)


def generate(n: int, seed: int, layouts: list[str]) -> list[Source]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        data = reportgen.random_report(rng)
        layout = layouts[i % len(layouts)]
        out.append(Source(f"gen-{i}-{layout}.txt", reportgen.render(data, layout, random.Random(seed * 1000 + i))))
    return out


def run(sources: list[Source], label: str) -> None:
    for s in sources[: min(20, len(sources))]:  # warm up caches (parser, regexes, accept sets)
        timed_lint(s, defaultdict(float))
    times: dict[str, float] = defaultdict(float)
    gc.collect()
    start = time.perf_counter()
    for s in sources:
        timed_lint(s, times)
    total = time.perf_counter() - start
    n = len(sources)
    chars = sum(len(s.text) for s in sources) / n
    print(f"\n{label}: {n} reports, {chars:,.0f} characters on average")
    print(f"  {n / total:,.0f} reports/s on one core, {total / n * 1000:.2f} ms per report")
    for name in STAGES:
        print(f"    {name:<13} {times[name] / n * 1000:6.2f} ms")


def cold_cli(path: Path, repeat: int = 7) -> None:
    exe = ROOT / ".venv" / "bin" / "nianbao"
    if not exe.exists():
        return
    subprocess.run([str(exe), "lint", str(path)], capture_output=True)  # make sure the parser cache exists
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run([str(exe), "lint", str(path)], capture_output=True)
        runs.append(time.perf_counter() - t)
    print(f"\ncold `nianbao lint {path.name}`: median {statistics.median(runs) * 1000:.0f} ms over {repeat} runs")


def batch_cli(sources: list[Source], n: int) -> None:
    """Wall time of ``nianbao lint DIR`` (reading files, all checks, JSON out) by number of processes."""
    exe = ROOT / ".venv" / "bin" / "nianbao"
    if not exe.exists() or n <= 0:
        return
    import os

    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        for s in sources[:n]:
            Path(tmp, s.path).write_text(s.text, "utf-8")
        count = len(sources[:n])
        for jobs in sorted({1, cores}):
            cmd = [str(exe), "lint", tmp, "--isolated", "--format", "json", "--exit-zero", "--jobs", str(jobs)]
            runs = []
            for _ in range(3):
                t = time.perf_counter()
                subprocess.run(cmd, capture_output=True, check=True)
                runs.append(time.perf_counter() - t)
            best = min(runs)
            rate = f"{count / best:,.0f} reports/s"
            print(f"\n`nianbao lint DIR --jobs {jobs}` on {count} files: {best:.2f} s (best of 3), {rate}")


REAL = ROOT.parent / "shared" / "corpus-real"


def read_share(root: Path = REAL) -> None:
    """Cells read of the template's cells (ok, blank or placeholder), for a folder and each sub-folder."""
    from nianbao.runner import RunConfig, lint_many
    from nianbao.walk import expand

    if not root.is_dir():
        print(f"\n{root}: not here, no read share")
        return
    print(f"\nshare of the template's cells read ({root}):")
    for folder in [root, *sorted(p for p in root.iterdir() if p.is_dir())]:
        run = RunConfig(isolated=True)
        linted = lint_many(expand([str(folder)], run).files, run, jobs=None)
        reports = [x for x in linted if x.cells_total]
        read, total = sum(x.cells_read or 0 for x in reports), sum(x.cells_total or 0 for x in reports)
        share = f"{100 * read / total:.1f}%" if total else "—"
        name = "(all)" if folder == root else folder.name
        print(f"  {name:<24} {len(reports):>4} reports  {read:>6} of {total:>6} cells  {share}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--layouts", default=",".join(reportgen.LAYOUTS))
    ap.add_argument("--batch", type=int, default=2000, help="files for the whole-command run (0: skip)")
    ap.add_argument("--read-share-only", action="store_true", help="only the share of cells read of corpus-real")
    args = ap.parse_args()
    if args.read_share_only:
        read_share()
        return
    layouts = args.layouts.split(",")
    t = time.perf_counter()
    sources = generate(args.reports, args.seed, layouts)
    print(f"generated {len(sources)} reports in layouts {', '.join(layouts)} ({time.perf_counter() - t:.1f} s)")
    run(sources, "generated (simplified)")
    for layout in layouts:
        run([s for s in sources if s.path.endswith(f"-{layout}.txt")], f"  layout {layout}")
    seeds = [read_path(p) for p in sorted((ROOT / "corpus" / "seeds").glob("*.txt"))]
    run(seeds * 20, "seeds ×20 (two traditional, with pinyin)")
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "report.txt"
        f.write_text(sources[0].text, "utf-8")
        cold_cli(f)
    batch_cli(sources, args.batch)
    read_share()


if __name__ == "__main__":
    main()
