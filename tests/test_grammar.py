"""The grammar: conflict-free LALR(1), in step with the template data, packaged."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from nianbao import template as T
from nianbao.syntax import grammar_cache

TEMPLATE_MD = ROOT / "docs" / "TEMPLATE.md"  # the spec, as published beside the seeds


def test_grammar_builds_strict() -> None:
    # strict=True turns any shift/reduce or reduce/reduce conflict into an error.
    parser = grammar_cache.build(strict=True)
    assert parser.options.parser == "lalr"


def test_the_grammar_file_is_the_template_written_out() -> None:
    """grammar/report.lark is written from template.py (`python -m nianbao.syntax.grammar_gen --write`)."""
    from nianbao.syntax.grammar_gen import grammar

    assert grammar_cache.grammar_text() == grammar(), "the grammar and the template differ: regenerate the grammar"


def test_a_row_added_to_a_template_version_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Changing the template is one edit: a fictitious 2026 row of table 二 (行政裁决 under
    第二十条第（六）项), added to the template's data, gets its rule, its terminal, its cell keys, and
    its cells read from a report, with no other change."""
    from dataclasses import replace

    from lark import Lark

    from nianbao.api import parse
    from nianbao.syntax import grammar_cache as cache
    from nianbao.syntax import grammar_gen

    ruling = T.RowSpec(T.Label("R2_RULING", "行政裁决", role=T.Role.ROW, table="二"))
    v21 = T.TABLE2[T.Version.V2021]
    blocks = tuple(replace(b, rows=(*b.rows, ruling)) if b.item == "6" else b for b in v21)
    monkeypatch.setitem(T.TABLE2, T.Version.V2021, blocks)
    _clear_every_cache()  # the caches hold the real template's labels, rows and parser
    text = grammar_gen.grammar()
    assert "_opt{row{R2_PENALTY}} _opt{row{R2_COERCION}} _opt{row{R2_RULING}}" in text
    parser = Lark(text, **cache._options())
    monkeypatch.setattr(cache, "parser", lambda: parser)
    report = (ROOT / "corpus" / "conforming" / "v2021_pipe.txt").read_text("utf-8")
    report = report.replace("行政强制 | 0 | ||", "行政强制 | 0 | ||\n行政裁决 | 7 | ||", 1)
    assert "行政裁决 | 7" in report
    cells = {c.key.row: c.value for c in parse(report).report.cells() if c.key.block == "第二十条第（六）项"}
    assert cells["行政裁决"] == 7
    monkeypatch.undo()
    _clear_every_cache()  # nothing of the test template outlives the test (labels, rows, parser)


def _clear_every_cache() -> None:
    import sys

    for name, module in list(sys.modules.items()):
        if name.startswith("nianbao"):
            for f in list(vars(module).values()):
                if callable(getattr(f, "cache_clear", None)):
                    f.cache_clear()


def test_declared_terminals_match_template() -> None:
    declared = set()
    for line in grammar_cache.grammar_text().splitlines():
        if line.startswith("%declare"):
            declared.update(line.split()[1:])
    labels = set(T.labels_by_terminal())
    free = set(T.FREE_TERMINALS) | set(T.SECTION_TERMINALS)
    assert declared == labels | free


def test_every_terminal_is_used_by_a_rule() -> None:
    text = grammar_cache.grammar_text()
    body = "\n".join(line for line in text.splitlines() if not line.startswith(("%declare", "//")))
    for terminal in T.labels_by_terminal():
        assert re.search(rf"\b{terminal}\b", body), terminal


def test_labels_are_the_template_wording() -> None:
    """Every label nianbao knows is written as in TEMPLATE.md (the spec), character for character."""
    spec = TEMPLATE_MD.read_text("utf-8")
    for labels in T.labels_by_terminal().values():
        for label in labels:
            assert label.text in spec, label
            assert label.full.replace("（单位：万元）", "") in spec or label.full in spec, label
    for s in T.SECTIONS:
        assert f"{s.numeral}、{s.title}" in spec
        for v in s.known_variants[:1]:
            assert v in spec


def test_the_spec_in_the_repository_is_the_shared_one() -> None:
    shared = ROOT.parent / "shared" / "TEMPLATE.md"
    if not shared.is_file():
        pytest.skip("../shared/TEMPLATE.md is not available")
    assert TEMPLATE_MD.read_bytes() == shared.read_bytes(), "docs/TEMPLATE.md is behind ../shared/TEMPLATE.md"


def test_cell_counts_match_template() -> None:
    # TEMPLATE.md: V2019 22 + 161 + 15 numeric cells, V2021 10 + 175 + 15
    assert [len(T.table(n, T.Version.V2019).cells) for n in "二三四"] == [22, 161, 15]
    assert [len(T.table(n, T.Version.V2021).cells) for n in "二三四"] == [10, 175, 15]


def test_parser_is_cached_per_user(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path / "cache"))
    grammar_cache.parser.cache_clear()
    try:
        grammar_cache.parser()
        files = list((tmp_path / "cache").glob("parser-*.pickle"))
        assert len(files) == 1
        assert oct((tmp_path / "cache").stat().st_mode & 0o777) == oct(0o700)
        # a corrupt cache is ignored and rebuilt
        files[0].write_bytes(b"not a pickle")
        grammar_cache.parser.cache_clear()
        p = grammar_cache.parser()
        assert p.parse_interactive("", start="report_v2021") is not None
    finally:
        grammar_cache.parser.cache_clear()


def test_grammar_is_packaged() -> None:
    import importlib.resources

    assert (importlib.resources.files("nianbao.grammar") / "report.lark").is_file()


def test_every_subpackage_is_packaged() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    packages = set(config["tool"]["setuptools"]["packages"])
    found = {"nianbao"} | {
        "nianbao." + p.parent.relative_to(ROOT / "src" / "nianbao").as_posix().replace("/", ".")
        for p in (ROOT / "src" / "nianbao").rglob("__init__.py")
        if p.parent != ROOT / "src" / "nianbao"
    }
    assert found | {"nianbao.grammar", "nianbao.ruledocs", "nianbao.ruledocs.en"} == packages  # + data packages


def test_what_a_state_stack_accepts_is_memoised_for_its_own_parse_table_only() -> None:
    """State numbers mean nothing in another parse table (a test template's parser, a rebuilt one):
    the memo of accepted terminals is the table's own, never shared with another."""
    from nianbao.syntax import parser

    one, other = object(), object()  # two parse tables
    memo = parser._accepts_memo(one)
    memo[(0,)] = "from one"  # type: ignore[assignment]
    assert parser._accepts_memo(one) is memo
    assert (0,) not in parser._accepts_memo(other)
