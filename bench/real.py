"""Reports per second per core on the distinct real reports (../shared/corpus-real), CPU time.

    .venv/bin/python bench/real.py [--repeat 3] [--dir ../shared/corpus-real]

Every report file below the folder, each distinct content once (the same bytes saved twice count
once), linted as ``nianbao lint --jobs 1`` does with every rule (``runner.lint_many``: reading,
every per-report check, the checks across reports). The figure is process time (this process
only, no workers), best of ``--repeat`` runs after one warm-up, so that a busy machine changes it
little. Also prints the time of each run's parts: per-report linting and the comparison.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

from nianbao.runner import RunConfig, _lint_each, compare, wants
from nianbao.walk import expand

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpus-real"


def distinct(folder: Path) -> list[str]:
    """The report files below ``folder`` as a walk finds them, each content once (the first)."""
    run = RunConfig(isolated=True, respect_gitignore=False)
    seen: set[bytes] = set()
    out = []
    for path in expand([str(folder)], run).files:
        digest = hashlib.sha256(Path(path).read_bytes()).digest()
        if digest not in seen:
            seen.add(digest)
            out.append(path)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dir", type=Path, default=REAL)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = distinct(args.dir)
    run = RunConfig(isolated=True, respect_gitignore=False)
    compare(_lint_each(files, run, jobs=1), run)  # warm-up: parser, regexes, accept sets, dictionaries
    best = (float("inf"), 0.0, 0.0)
    for _ in range(args.repeat):
        run = RunConfig(isolated=True, respect_gitignore=False)
        t0 = time.process_time()
        linted = _lint_each(files, run, jobs=1, narratives=wants(files, run, "C201"))
        t1 = time.process_time()
        compare(linted, run)
        t2 = time.process_time()
        if t2 - t0 < best[0]:
            best = (t2 - t0, t1 - t0, t2 - t1)
    total, each, across = best
    n = len(files)
    print(f"{n} distinct reports in {args.dir}")
    print(f"  {n / total:.1f} reports/s per core (CPU), {total / n * 1000:.2f} ms a report")
    print(f"    per report {each / n * 1000:.2f} ms, across reports {across:.3f} s in all")


if __name__ == "__main__":
    main()
