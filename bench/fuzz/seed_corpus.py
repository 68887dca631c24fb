"""Fill a fuzzing corpus directory with the repository's reports (and cuts of them).

.venv/bin/python bench/fuzz/seed_corpus.py bench/fuzz/corpus
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for path in sorted((ROOT / "corpus").rglob("*.txt")):
        data = path.read_bytes()
        # whole reports are large for a fuzzer: also their halves and quarters
        for i, piece in enumerate((data, data[: len(data) // 2], data[len(data) // 2 :], data[: len(data) // 4])):
            (out / f"{path.stem}-{i}").write_bytes(piece)
            n += 1
    print(f"{n} seeds in {out}")


if __name__ == "__main__":
    main()
