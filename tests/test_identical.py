"""Identical files in one run (a report saved 10 or 40 times): the checks across reports give what
the naive run gives, and the series rules (C1xx) look at each pair of distinct reports once
(`nianbao.compare.identical`). Without C201 the facts leave out the fingerprinted sections, and
the results are the same."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CONFORMING

import nianbao.compare.facts as facts_module
from nianbao.api import parse
from nianbao.compare.facts import Facts, facts_of
from nianbao.compare.identical import classes, findings
from nianbao.rules import CorpusFinding, all_rules, compare_reports
from nianbao.rules.series import YEAR_SHIFT
from nianbao.runner import RunConfig, lint_many
from nianbao.source import Source

BASE = (CONFORMING / "v2021_pipe.txt").read_text("utf-8")
CARRIED = "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||"
AGREES = "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 1 | 0 | 1 | ||"  # last year's carried forward


def _edit(text: str, edits: tuple[tuple[str, str], ...]) -> str:
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    return text


NEXT_YEAR = _edit(BASE, YEAR_SHIFT)  # C101 on it: its carry-over differs from 2021's
NEXT_YEAR_AGREES = _edit(NEXT_YEAR, ((CARRIED, AGREES),))
OTHER = (CONFORMING / "v2019_pipe.txt").read_text("utf-8")
CODES = {r.code for r in all_rules() if r.compare is not None}


def _facts(texts: dict[str, str]) -> list[Facts]:
    return [facts_of(parse(Source(name, text)), name) for name, text in texts.items()]


def _copies(k: int, next_year: str) -> dict[str, str]:
    texts = {f"a{i:03d}.txt": BASE for i in range(k)}
    texts |= {f"b{i:03d}.txt": next_year for i in range(k)}
    texts["c.txt"] = OTHER
    texts["d.txt"] = next_year + "\n"  # not identical: its own class
    return texts


def _naive(facts: list[Facts]) -> list[CorpusFinding]:
    return compare_reports(facts, codes=CODES)


def _fast(facts: list[Facts]) -> list[CorpusFinding]:
    return findings(facts, CODES, lambda fs, cs: compare_reports(fs, codes=set(cs)), lambda f: f.path)


def _by_report(found: list[CorpusFinding]) -> list[CorpusFinding]:
    """In the order a run shows them: per report and rule, in the order found."""
    return sorted(found, key=lambda f: (f.path, f.diagnostic.code))


@pytest.fixture
def count_steps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    counted = [0]
    steps = facts_module.steps

    def counting(all_facts: list[Facts]) -> Iterator[facts_module.Step]:
        for step in steps(all_facts):
            counted[0] += 1
            yield step

    monkeypatch.setattr(facts_module, "steps", counting)
    return counted


@pytest.mark.parametrize("k", [10, pytest.param(40, marks=pytest.mark.slow)])
@pytest.mark.parametrize("next_year", [NEXT_YEAR, NEXT_YEAR_AGREES], ids=["finding", "agrees"])
def test_identical_files_give_the_naive_findings(k: int, next_year: str) -> None:
    facts = _facts(_copies(k, next_year))
    assert len(classes(facts)) == 4
    naive = _naive(facts)
    assert _by_report(_fast(facts)) == _by_report(naive)
    if next_year is NEXT_YEAR:
        assert sum(f.diagnostic.code == "C101" for f in naive) == k * k + k  # every pair, and d.txt's


@pytest.mark.parametrize("k", [10, pytest.param(40, marks=pytest.mark.slow)])
def test_identical_files_are_paired_once(k: int, count_steps: list[int]) -> None:
    facts = _facts(_copies(k, NEXT_YEAR_AGREES))
    _naive(facts)
    naive, count_steps[0] = count_steps[0], 0
    _fast(facts)
    assert naive == k * k + k  # the pairs of one run (listed once, for all the series rules)
    assert count_steps[0] == 2  # a→b and a→d, once each


def test_without_c201_the_run_is_the_same(tmp_path: Path) -> None:
    """Facts without the fingerprinted sections when no file enables C201: the other results are equal."""
    for name, text in _copies(3, NEXT_YEAR).items():
        (tmp_path / name).write_text(text, "utf-8")
    shutil.copy(CONFORMING / "v2021_lines.txt", tmp_path / "e.txt")
    paths = sorted(str(p) for p in tmp_path.iterdir())
    full = lint_many(paths, RunConfig(isolated=True), 1)
    ignored = lint_many(paths, RunConfig(isolated=True, overrides=(("ignore", ["C201"]),)), 1)
    assert all(x.facts is not None and not x.facts.narratives for x in ignored)
    assert any(x.facts is not None and x.facts.narratives for x in full)
    for a, b in zip(full, ignored, strict=True):
        assert [d for d in a.result.diagnostics if d.code != "C201"] == list(b.result.diagnostics)
