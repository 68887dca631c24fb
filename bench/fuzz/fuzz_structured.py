"""Structure-aware fuzzing: the fuzzer's bytes are a recipe for a PDF, a Word package or an HTML
page (bench/fuzz/generators.py), read and checked as bench/fuzz/fuzz_pipeline.py checks any input.

    .venv/bin/pip install atheris
    NIANBAO_FUZZ_FORM=pdf .venv/bin/python bench/fuzz/fuzz_structured.py /tmp/fuzz-pdf \\
        -max_total_time=3600 -timeout=20 -rss_limit_mb=1024 -max_len=4096
    (NIANBAO_FUZZ_FORM: pdf, zip or html)

Besides the guarantees of fuzz_pipeline (no exception but `InputError`, a lossless tree, spans and
positions inside the text), libFuzzer's ``-timeout`` and ``-rss_limit_mb`` make every input a test of
the time and memory bounds. The readers run in this process, not in the child process that
`nianbao.inputs.isolate` gives them in use: so that the fuzzer sees their coverage, and so that
what it finds is an input that escapes the readers' own budgets, not only the child's hard limit.
An empty corpus directory is fine: the generators make valid documents from the first input.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_pipeline
import generators

from nianbao.inputs import isolate

FORM = os.environ.get("NIANBAO_FUZZ_FORM", "pdf")
if FORM not in generators.GENERATORS:
    raise SystemExit(f"NIANBAO_FUZZ_FORM must be one of {', '.join(generators.GENERATORS)}")
isolate.available = lambda: False  # in-process: coverage, and the readers' own budgets under test


def check(data: bytes) -> None:
    document = generators.generate(FORM, generators.Draw(atheris.FuzzedDataProvider(data)))
    fuzz_pipeline.check(document, generators.FORMS[FORM], generators.NAMES[FORM])


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
