"""Instructions a report, for callgrind (repeatable on a busy machine, unlike seconds).

    valgrind --tool=callgrind .venv/bin/python bench/cg.py 91
    valgrind --tool=callgrind .venv/bin/python bench/cg.py 1

The difference of the two totals is the cost of 90 reports (generated, V2019 and V2021 in turn,
in the nine layouts of the generator's first releases), start-up and the first report excluded.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reportgen

from nianbao.api import lint, parse
from nianbao.source import Source
from nianbao.template import Version

LAYOUTS = ("pipe", "lines", "crlf", "cellbar", "spaced", "runon", "cr", "markdown", "tsv")


def main(count: int) -> None:
    texts = [
        reportgen.render(
            reportgen.random_report(random.Random(s), Version.V2021 if s % 2 else Version.V2019), LAYOUTS[s % 9]
        )
        for s in range(count)
    ]
    for text in texts:
        lint(parse(Source("x", text)))


if __name__ == "__main__":
    main(int(sys.argv[1]))
