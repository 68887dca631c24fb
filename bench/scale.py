"""Benchmark (not a test): a scale run, ``nianbao lint DIR --format json --jobs 2`` on N generated reports.

    .venv/bin/python bench/scale.py [SIZE ...] [--jobs 2] [--seed 7] [--compare-max 5000] [--keep DIR]

Sizes default to 2000 10000; the issue's sizes are 50000 150000 (a national year). For each size,
N reports are generated with ``bench/reportgen.py`` into a temporary folder: organs of every kind
and level, each with a series of five years (2019–2023, so the series rules C1xx have pairs), in
the nine layouts, and narrative sections made distinct with the organ's own text
(``bench_similar.own_text``); one report in 50 carries another organ's own text with new figures (a
planted copy, so C201 has findings). Then the whole command runs in a subprocess with every rule
(C201 on) and prints:

* wall time, and CPU time (user + system) of the parent and of its workers;
* peak RSS of the parent (its own ``ru_maxrss``, reported by a wrapper at exit) and of the largest
  worker (``ru_maxrss`` of the waited children: the maximum over them);
* the size of the JSON document.

Up to ``--compare-max`` reports, the same files are also linted in this process (``--jobs`` workers)
to time the checks across reports alone: ``runner.compare`` (every C rule) and the copy search
(``copies.near_duplicates`` on sections 一, 五 and 六, as C201 calls it), CPU time of this process.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import reportgen  # noqa: E402
from bench_similar import own_text  # noqa: E402

from nianbao.compare.copies import Sketch, mask, near_duplicates, sketch  # noqa: E402

YEARS = (2019, 2020, 2021, 2022, 2023)
COPY_RATE = 1 / 50  # planted copies of another organ's own text
# Two-character place names: enough distinct organs for 150,000 reports of five years each.
_PLACE_CHARS = "青山临江南溪东阳安平清河永宁白水长乐兴隆口柳林远金川石桥新华城北岭西泉丰和顺德"
_GOVERNMENT = "人民政府"

# The parent's own peak RSS and CPU time, printed at exit (after the pool's workers are joined, so
# that RUSAGE_CHILDREN holds them).
_WRAPPER = """
import atexit, resource, sys
def _report():
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stderr.write(f"\\nSCALE-RUSAGE {me.ru_maxrss} {me.ru_utime + me.ru_stime} {kids.ru_maxrss} "
                     f"{kids.ru_utime + kids.ru_stime}\\n")
atexit.register(_report)
from nianbao.cli import run
run()
"""


def organ(k: int) -> str:
    """The k-th organ: a two-character place, a level, a department or the government."""
    n = len(_PLACE_CHARS)
    place = _PLACE_CHARS[k % n] + _PLACE_CHARS[(k // n) % n] + _PLACE_CHARS[(k // n // n) % n]
    level = reportgen._LEVELS[(k // 7) % len(reportgen._LEVELS)]
    departments = [d for d, _ in reportgen._DEPARTMENTS] + [_GOVERNMENT]
    return f"{place}{level}{departments[k % len(departments)]}"


def reports(n: int, seed: int) -> Iterator[tuple[int, reportgen.ReportData, bool]]:
    """``n`` reports (index, data, whether planted), with their narrative sections made distinct."""
    rng = random.Random(seed)
    owns: list[tuple[str, str]] = []  # (section 一's own text, section 五's own text) of each report
    for i in range(n):
        name, year = organ(i // len(YEARS)), YEARS[i % len(YEARS)]
        data = reportgen.random_report(rng, year=year, organ=name)
        planted = bool(owns) and rng.random() < COPY_RATE
        if planted:
            one, five = owns[rng.randrange(len(owns))]
            one = re.sub(r"[0-9]+", lambda m: str(rng.randint(1, 5000)), one)  # new figures
        else:
            one, five = own_text(rng, rng.randint(100, 2500)), own_text(rng, rng.randint(100, 600))
        owns.append((one, five))
        data.paragraphs[1] = [*data.paragraphs[1][:1], one, *data.paragraphs[1][1:]]
        data.paragraphs[5] = [*data.paragraphs[5][:1], five, *data.paragraphs[5][1:]]
        yield i, data, planted


def generate(n: int, seed: int, folder: Path) -> int:
    """``n`` report files in ``folder``; returns the number of planted copies."""
    layouts = list(reportgen.LAYOUTS)
    planted = 0
    for i, data, copied in reports(n, seed):
        planted += copied
        layout = layouts[i % len(layouts)]
        text = reportgen.render(data, layout, random.Random(seed * 1_000_003 + i))
        (folder / f"{i:06d}-{layout}.txt").write_text(text, "utf-8")
    return planted


def sketches(n: int, seed: int) -> dict[int, list[tuple[str, Sketch | None]]]:
    """The copy search's input for ``n`` generated reports, without linting them: sections 一 and 五
    (their paragraphs as `reports` writes them) masked with the organ's name and fingerprinted."""
    out: dict[int, list[tuple[str, Sketch | None]]] = {1: [], 5: []}
    for i, data, _ in reports(n, seed):
        for number in (1, 5):
            out[number].append((str(i), sketch(mask("\n".join(data.paragraphs[number]), (data.organ,)))))
    return out


def time_join(sections: dict[int, list[tuple[str, Sketch | None]]]) -> tuple[float, int]:
    """CPU time of `near_duplicates` on each section's items, and the pairs found."""
    t = time.process_time()
    pairs = sum(len(near_duplicates([x for x in items if x[1]])) for items in sections.values())
    return time.process_time() - t, pairs


def lint_subprocess(folder: Path, jobs: int) -> dict[str, float]:
    """``nianbao lint DIR --format json --jobs N`` in a new process: wall, CPU, peak RSS, output size."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-c", _WRAPPER, "lint", str(folder), "--format", "json", "--jobs", str(jobs)]
    cmd += ["--isolated", "--exit-zero", "--no-respect-gitignore"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        size = out.tell()
        err.seek(0)
        tail = err.read().decode("utf-8", "replace")
    if proc.returncode != 0 or "SCALE-RUSAGE" not in tail:
        raise SystemExit(f"lint failed ({proc.returncode}):\n{tail[-3000:]}")
    fields = tail.rsplit("SCALE-RUSAGE", 1)[1].split()
    parent_rss, parent_cpu, worker_rss, worker_cpu = (float(x) for x in fields[:4])
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,  # the parent and every worker
        "parent_cpu": parent_cpu,
        "worker_cpu": worker_cpu,
        "parent_rss_mb": parent_rss / 1024,  # ru_maxrss is in kB on Linux
        "worker_rss_mb": worker_rss / 1024,
        "json_mb": size / 1e6,
    }


def compare_in_process(folder: Path, jobs: int, save: Path | None = None) -> dict[str, float]:
    """CPU time of the checks across reports alone, on facts collected in this process."""
    from nianbao.rules.copies import renderings
    from nianbao.runner import RunConfig, _lint_each, compare
    from nianbao.walk import expand

    run = RunConfig(isolated=True, respect_gitignore=False)
    files = expand([str(folder)], run).files
    linted = _lint_each(files, run, jobs=jobs, narratives=True)
    facts = [x.facts for x in linted if x.facts is not None]
    t0 = time.process_time()
    compare(linted, run)
    t1 = time.process_time()
    firsts = [group[0] for group in renderings(facts)]
    pairs = 0
    t2 = time.process_time()
    for number in (1, 5, 6):
        items = [(f.path, n.sketch) for f in firsts if (n := f.narratives.get(number)) is not None and n.sketch]
        pairs += len(near_duplicates(items))
    t3 = time.process_time()
    if save is not None:  # the copy search's input, to time another version of the join on it
        import pickle

        sections = {
            number: [(f.path, n.sketch) for f in firsts if (n := f.narratives.get(number)) is not None and n.sketch]
            for number in (1, 5, 6)
        }
        save.write_bytes(pickle.dumps(sections))
    return {"compare": t1 - t0, "copies": t3 - t2, "pairs": pairs}


def join_only(sizes: list[int], seed: int, cache: Path | None) -> None:
    """The copy search alone, CPU time, at each size; with the growth exponent between sizes."""
    import math
    import pickle

    print(f"copy search alone (near_duplicates, sections 一 and 五), seed {seed}")
    last: tuple[int, float] | None = None
    for n in sizes:
        path = cache / f"join-{n}-{seed}.pickle" if cache else None
        if path is not None and path.exists():
            sections = pickle.loads(path.read_bytes())
        else:
            t = time.process_time()
            sections = sketches(n, seed)
            print(f"  {n} reports sketched in {time.process_time() - t:.1f} s CPU", flush=True)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(pickle.dumps(sections))
        cpu, pairs = min(time_join(sections) for _ in range(3))
        growth = f"  exponent {math.log(cpu / last[1]) / math.log(n / last[0]):.2f}" if last else ""
        print(f"  {n:>7} reports  {cpu:7.3f} s CPU (best of 3)  {pairs} pairs{growth}", flush=True)
        last = (n, cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[2000, 10000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--compare-max", type=int, default=5000, help="largest size timed in process (0: none)")
    ap.add_argument("--keep", type=Path, help="write the reports here and keep them")
    ap.add_argument("--save-sketches", type=Path, help="folder: pickle the copy search input there")
    ap.add_argument("--join-sizes", help="only time the copy search on N,N,... reports' sketches (no lint)")
    ap.add_argument("--join-cache", type=Path, help="folder: keep the sketches of --join-sizes there")
    args = ap.parse_args()
    if args.join_sizes:
        join_only([int(n) for n in args.join_sizes.split(",")], args.seed, args.join_cache)
        return
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, --jobs {args.jobs}, seed {args.seed}")
    head = "reports  planted  wall s  CPU s  parent CPU  workers CPU  CPU ms/report  parent RSS  worker RSS  JSON MB"
    rows = []
    for n in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"scale{n}-")) if args.keep is None else args.keep / str(n)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            t = time.perf_counter()
            planted = generate(n, args.seed, folder)
            print(f"generated {n} reports in {time.perf_counter() - t:.1f} s", flush=True)
            r = lint_subprocess(folder, args.jobs)
            save = args.save_sketches / f"sketches-{n}.pickle" if args.save_sketches else None
            c = compare_in_process(folder, args.jobs, save) if n <= args.compare_max else None
        finally:
            if args.keep is None:
                shutil.rmtree(folder, ignore_errors=True)
        rows.append((n, planted, r, c))
        print(head)
        for n_, p, r_, _ in rows:
            print(
                f"{n_:>7}  {p:>7}  {r_['wall']:>6.1f}  {r_['cpu']:>5.1f}  {r_['parent_cpu']:>10.1f}"
                f"  {r_['worker_cpu']:>11.1f}  {1000 * r_['cpu'] / n_:>13.2f}  {r_['parent_rss_mb']:>7.0f} MB"
                f"  {r_['worker_rss_mb']:>7.0f} MB  {r_['json_mb']:>7.1f}"
            )
        for n_, _, _, c_ in rows:
            if c_ is not None:
                print(
                    f"  {n_} reports, in process (CPU): checks across reports {c_['compare']:.2f} s, "
                    f"of which copy search alone {c_['copies']:.2f} s ({c_['pairs']:.0f} pairs)"
                )
        print(flush=True)


if __name__ == "__main__":
    main()
