"""The rules, in families of one module each: every rule a unit with its code, doc, cases and
check (the framework: `nianbao.rules.base`). Running them: `run_checks` for one report,
`compare_reports` for the reports of a run."""

from __future__ import annotations

import importlib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..compare.organs import resolve_short_names
from ..diagnostics import Diagnostic
from ..links import DOCS_URL
from .base import REGISTRY, Context, CorpusContext, CorpusFinding, Rule

if TYPE_CHECKING:
    from ..compare.facts import Facts
    from ..pipeline import Parsed
    from ..source import Source

FAMILIES = (
    "arithmetic",
    "cells",
    "copies",
    "dates",
    "narrative",
    "normalisation",
    "series",
    "structure",
    "tables",
    "table_headers",
)

__all__ = ["DOCS_URL", "FAMILIES", "REGISTRY", "CorpusFinding", "Rule", "all_rules", "compare_reports", "run_checks"]


def _load() -> None:
    for family in FAMILIES:
        importlib.import_module(f"{__name__}.{family}")


def all_rules() -> list[Rule]:
    _load()
    return sorted(REGISTRY.values(), key=lambda r: r.code)


def run_checks(parsed: Parsed, organ_kind: str = "auto") -> list[Diagnostic]:
    """Every diagnostic for one parsed report, in document order (``organ_kind``: see `Context`).
    The gates run first: a text they say is no report gets their diagnostics only."""
    ctx = Context(parsed, organ_kind)
    rules = all_rules()
    diags = [d for r in rules if r.gate for d in r.check(ctx)]
    if not diags:
        diags = [d for r in rules if not r.gate for d in r.check(ctx)]
    return sorted(diags, key=Diagnostic.sort_key)


def compare_reports(
    facts: Sequence[Facts],
    sources: Mapping[str, Source] | None = None,
    thresholds: Mapping[str, float] | None = None,
    codes: Collection[str] | None = None,
) -> list[CorpusFinding]:
    """The findings of every rule that compares reports (of those in ``codes``, if given), for the
    facts of one run."""
    _load()
    short = resolve_short_names(f.organ_key for f in facts if f.organ_key is not None)
    if short:
        facts = [
            replace(f, organ_key=short[f.organ_key]) if f.organ_key in short else f  # type: ignore[index]
            for f in facts
        ]
    ctx = CorpusContext(facts, sources or {}, thresholds or {})
    rules = [r for r in all_rules() if r.compare is not None and (codes is None or r.code in codes)]
    return [f for r in rules for f in r.compare(ctx)]
