"""The grammar: conflict-free LALR(1), in step with the template data, packaged."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from nianbao import grammar_cache
from nianbao import template as T

TEMPLATE_MD = ROOT.parent / "shared" / "TEMPLATE.md"


def test_grammar_builds_strict() -> None:
    # strict=True turns any shift/reduce or reduce/reduce conflict into an error.
    parser = grammar_cache.build(strict=True)
    assert parser.options.parser == "lalr"


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
    if not TEMPLATE_MD.is_file():
        pytest.skip("TEMPLATE.md not available")
    spec = TEMPLATE_MD.read_text("utf-8")
    for labels in T.labels_by_terminal().values():
        for label in labels:
            assert label.text in spec, label
            assert label.full.replace("（单位：万元）", "") in spec or label.full in spec, label
    for s in T.SECTIONS:
        assert f"{s.numeral}、{s.title}" in spec
        for v in s.known_variants[:1]:
            assert v in spec


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
