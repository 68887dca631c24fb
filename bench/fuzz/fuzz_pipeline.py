"""Coverage-guided fuzzing of the whole pipeline with atheris (not part of the tests).

    .venv/bin/pip install atheris               # or: pip install -e '.[fuzz]'
    .venv/bin/python bench/fuzz/fuzz_pipeline.py bench/fuzz/corpus -max_total_time=3600 -rss_limit_mb=4096
    NIANBAO_FUZZ_FORM=html .venv/bin/python bench/fuzz/fuzz_pipeline.py bench/fuzz/corpus-html …

Each input goes through reading (the form given by NIANBAO_FUZZ_FORM, default ``text``: bytes
decoded as a text file; ``any``: sniffed as the CLI does), parsing, every check and every output
format; it must never raise anything but `InputError`, the tree must give back the text
(lossless), every span must lie inside it and every diagnostic must have a position. A
violation raises, and atheris saves the input as ``crash-*``. Seed the corpus directory with
``bench/fuzz/seed_corpus.py``. Findings go to docs/RELIABILITY.md, each with a regression test.
"""

from __future__ import annotations

import os
import sys

import atheris

with atheris.instrument_imports(include=["nianbao"]):
    # Everything nianbao imports lazily is imported here, inside the block, to be instrumented too.
    from nianbao.inputs import InputError, Options, doc, docx, encodings, html, load, pdf, text  # noqa: F401
    from nianbao.pipeline import parse_source
    from nianbao.render.formats import FORMATS, FileResult, render
    from nianbao.rules import _load as load_rules
    from nianbao.rules import run_checks

    load_rules()

FORM = os.environ.get("NIANBAO_FUZZ_FORM", "text")
OPTIONS = Options(max_bytes=1024 * 1024)


def check(data: bytes, form: str | None = None, name: str = "fuzz") -> None:
    """The guarantees on one input, read as ``form`` (default: ``NIANBAO_FUZZ_FORM``; ``any``: sniffed)."""
    form = form or FORM
    try:
        source = load(data, name, OPTIONS, form=None if form == "any" else form)
    except InputError:
        return
    parsed = parse_source(source)
    text = source.text
    if "".join(source.slice(leaf.span) for leaf in parsed.report.leaves()) != text:
        raise AssertionError("the tree lost or invented text")
    for node in parsed.report.nodes:
        if not 0 <= node.span.start <= node.span.end <= len(text):
            raise AssertionError(f"span {node.span} outside the text")
    diagnostics = run_checks(parsed)
    for d in diagnostics:
        if not 0 <= d.span.start <= d.span.end <= len(text):
            raise AssertionError(f"{d.code} span {d.span} outside the text")
        source.position(d.span.start)
        source.end_position(d.span)
    result = [FileResult(name, source, tuple(diagnostics))]
    for fmt in FORMATS:
        render(fmt, result)


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
