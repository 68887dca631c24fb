"""The checks across reports with identical files paired once: the same report saved many times.

The series rules (C1xx) look at every pair of one organ's reports of consecutive years: a report
of 2022 saved k times beside one of 2023 saved k times is k² pairs, each worked out alone. Files
whose facts are equal but for their path (the same bytes, the same text) give the same findings,
but for the paths. So `findings` runs the series rules first on one file of each set of equal
facts (linear), and then, in full, only on the sets where they found something: the sets of the
reports found on and of every report of the year before of their organs. The result is exactly
the naive one (`run_rules` on every file): a pair outside those sets has no finding, since its
representatives had none; the pairs inside are the naive run's own, in its order. Where this
could differ (a short organ name that resolves otherwise among fewer reports), all files are
compared. The other rules (C2xx) handle repeated files themselves (`rules.copies.renderings`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Sequence
from typing import TypeVar

from .facts import Facts
from .organs import resolve_short_names

Finding = TypeVar("Finding")
RunRules = Callable[[Sequence[Facts], Collection[str]], list[Finding]]


def is_series(code: str) -> bool:
    """The rules that compare an organ's consecutive years (C1xx)."""
    return code.startswith("C1")


def identity(f: Facts) -> Hashable:
    """What two files' facts share when they are the same report: everything but the path. The
    facts are made from the text and the settings that name the organ and the template, so the
    text's digest with the organ's key and the template stand for them (cheap: no cell is hashed)."""
    if f.digest:
        return (f.digest, f.organ, f.organ_key, f.year, f.version)
    return (
        f.organ,
        f.organ_key,
        f.year,
        f.version,
        f.anchor,
        tuple(f.cells.items()),
        tuple(f.narratives.items()),
    )


def classes(facts: Sequence[Facts]) -> list[list[int]]:
    """The positions of the facts, grouped by `identity`, in the order of their first member."""
    groups: dict[Hashable, list[int]] = {}
    for i, f in enumerate(facts):
        groups.setdefault(identity(f), []).append(i)
    return list(groups.values())


def findings(
    facts: Sequence[Facts], codes: Collection[str], run_rules: RunRules[Finding], path_of: Callable[[Finding], str]
) -> list[Finding]:
    """``run_rules(facts, codes)``, with the series rules run on each set of identical files once
    (and again in full only where they found something). ``path_of`` tells which report a finding
    belongs to."""
    series = {c for c in codes if is_series(c)}
    groups = classes(facts) if series else []
    paths = [f.path for f in facts]
    if not series or len(groups) == len(facts) or len(set(paths)) != len(paths):
        return run_rules(facts, codes)
    out = run_rules(facts, [c for c in codes if c not in series])
    reps = [facts[g[0]] for g in groups]
    found = run_rules(reps, series)
    if not found:
        return out
    short = resolve_short_names(f.organ_key for f in facts if f.organ_key is not None)

    def organ(f: Facts) -> str | None:
        return short.get(f.organ_key, f.organ_key) if f.organ_key is not None else None

    group_of = {f.path: g for g, f in enumerate(reps)}
    by_organ_year: dict[tuple[str | None, int | None], list[int]] = {}
    for g, f in enumerate(reps):
        by_organ_year.setdefault((organ(f), f.year), []).append(g)
    wanted: set[int] = set()
    for finding in found:
        g = group_of[path_of(finding)]
        f = reps[g]
        wanted.add(g)
        if f.year is not None:
            wanted.update(by_organ_year.get((organ(f), f.year - 1), []))
    subset = [facts[i] for i in sorted(i for g in wanted for i in groups[g])]
    keys = {f.organ_key for f in subset if f.organ_key is not None}
    within = resolve_short_names(keys)
    if any(within.get(k) != short.get(k) for k in keys):
        subset = list(facts)  # the subset would read a short name otherwise: compare everything
    return out + run_rules(subset, series)
