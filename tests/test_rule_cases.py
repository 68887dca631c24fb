"""Per-rule cases: for every rule, reports it must fire on and near misses it must not fire on.

The cases live in ``tests/rule_cases/<family>.toml``, one file per rule module of
``nianbao.rules`` (as sqlfluff keeps per-rule YAML cases). Each top-level table is one case:

``rule``
    the code of the rule the case is about;
``kind``
    ``"fail"`` (the rule fires, with exactly the findings of ``expect``) or ``"pass"`` (it does not:
    a near miss, read as a report, that tests the rule's boundary);
``why``
    what the case shows, in a line of English;
``base`` and ``edits``
    a conforming report of ``corpus/conforming/`` and ``[find, replace]`` pairs applied in order,
    each ``find`` occurring exactly once in the text at that point; or ``text``, the whole report;
``reports``
    for a rule that compares reports: a table of named reports (``previous``, ``current`` …), each
    given by ``base``/``edits`` or ``text``, in the order of the run;
``expect`` (``fail`` only)
    the findings of the rule, each an inline table with ``code`` and ``line`` and optionally
    ``column`` (1-based, in code points), ``text`` (what the finding's span covers),
    ``message`` (a substring of the Chinese message), ``severity``, ``cell`` (a subset of the cell
    key: ``table``, ``block``, ``group``, ``row``, ``column``) and, across reports, ``report``;
``organ_kind``
    the configured kind of organ (``organ-kind``), when the case needs one;
``xfail``
    the bug of the rule the case shows: it is expected to fail, strictly, and only by the rule's
    findings disagreeing with the case (`Disagrees`).

Expectations are read from the national template (TEMPLATE.md, whose checks the rule docs cite)
and the case's text, never copied from the program's output.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import pytest
from conftest import CONFORMING, ROOT

from nianbao.api import lint, parse
from nianbao.compare.facts import Facts, facts_of
from nianbao.diagnostics import Diagnostic
from nianbao.rules import REGISTRY, Rule, all_rules, compare_reports
from nianbao.source import Source

RULES = all_rules()  # loads every rule module into REGISTRY
CASES = ROOT / "tests" / "rule_cases"
MINIMUM = 3  # fail cases and pass cases each rule needs

CASE_KEYS = {"rule", "kind", "why", "base", "edits", "text", "reports", "expect", "organ_kind", "xfail"}
REPORT_KEYS = {"base", "edits", "text"}
EXPECT_KEYS = {"code", "line", "column", "text", "message", "severity", "cell", "report"}
CELL_KEYS = {"table", "block", "group", "row", "column"}


@dataclass(frozen=True)
class Case:
    family: str
    name: str
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.family}/{self.name}"

    @property
    def rule(self) -> str:
        return str(self.data["rule"])

    @property
    def kind(self) -> str:
        return str(self.data["kind"])


def family_of(rule: Rule) -> str:
    """The rule module a rule is defined in (``arithmetic``, ``cells`` …)."""
    fn = rule.compare if rule.compare is not None else rule.check
    return fn.__module__.rsplit(".", 1)[-1]


@cache
def load_cases() -> tuple[Case, ...]:
    out = []
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        out += [Case(path.stem, name, table) for name, table in data.items()]
    return tuple(out)


def edited(name: str, where: str, spec: dict[str, Any]) -> str:
    """The text of one report of a case: ``text``, or ``base`` with ``edits`` applied in order."""
    unknown = set(spec) - REPORT_KEYS
    assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
    if "text" in spec:
        assert "base" not in spec and "edits" not in spec, f"{where}: text, or base with edits, not both"
        return str(spec["text"])
    assert "base" in spec, f"{where}: give base (with edits) or text"
    text = (CONFORMING / spec["base"]).read_text("utf-8")
    for i, pair in enumerate(spec.get("edits", [])):
        assert len(pair) == 2, f"{where}: edit {i} is not a [find, replace] pair"
        find, replace = pair
        count = text.count(find)
        assert count == 1, f"{where}: edit {i}: {find!r} occurs {count} times in {spec['base']}, not once"
        text = text.replace(find, replace)
    return text


@dataclass(frozen=True)
class Found:
    """A finding of the rule, with what an expectation may name."""

    report: str
    line: int
    column: int
    text: str
    diagnostic: Diagnostic


def findings(case: Case) -> list[Found]:
    """Every finding of the case's rule on the case's report(s)."""
    rule = REGISTRY[case.rule]
    data = case.data
    if rule.scope == "corpus":
        assert "reports" in data and not {"base", "edits", "text"} & set(data), (
            f"{case.id}: {case.rule} compares reports: give them under reports"
        )
        reports = data["reports"]
        assert len(reports) >= 1, case.id
        sources = {name: Source(name, edited(name, f"{case.id}/{name}", spec)) for name, spec in reports.items()}
        facts = [replace(facts_of_text(src.text), path=name) for name, src in sources.items()]
        return [
            located(f.path, sources[f.path], f.diagnostic) for f in compare_reports(facts, sources, codes={case.rule})
        ]
    assert "reports" not in data, f"{case.id}: {case.rule} checks one report: give base/edits or text"
    text = edited("<case>", case.id, {k: data[k] for k in REPORT_KEYS if k in data})
    source, diagnostics = linted(text, data.get("organ_kind", "auto"))
    assert not any(d.code.startswith("E") for d in diagnostics), [d.message for d in diagnostics]
    if case.rule != "S001" and case.kind == "pass":
        # a near miss must be read as a report, or every other rule is silent on it
        assert not [d for d in diagnostics if d.code == "S001"], f"{case.id}: not read as a report (S001)"
    return [located(source.path, source, d) for d in diagnostics if d.code == case.rule]


# Cases of different rules often hold the same text (a near miss of one rule is the violation of
# another), and the reports compared across years are mostly the untouched base files: each
# distinct text is parsed once.


@cache
def linted(text: str, organ_kind: str) -> tuple[Source, tuple[Diagnostic, ...]]:
    source = Source("<case>", text)
    return source, tuple(lint(parse(source), organ_kind=organ_kind))


@cache
def facts_of_text(text: str) -> Facts:
    return facts_of(parse(Source("<report>", text)), "<report>")


def located(report: str, source: Source, d: Diagnostic) -> Found:
    at = source.position(d.span.start)
    return Found(report, at.line, at.column, source.slice(d.span), d)


def matches(want: dict[str, Any], got: Found) -> bool:
    d = got.diagnostic
    if d.code != want["code"] or got.line != want["line"]:
        return False
    if "column" in want and got.column != want["column"]:
        return False
    if "text" in want and got.text != want["text"]:
        return False
    if "message" in want and want["message"] not in d.message:
        return False
    if "severity" in want and d.severity.value != want["severity"]:
        return False
    if "report" in want and got.report != want["report"]:
        return False
    if "cell" in want:
        cell = d.cell.as_dict() if d.cell is not None else {}
        if any(cell.get(k) != v for k, v in want["cell"].items()):
            return False
    return True


def show(found: list[Found]) -> str:
    return "\n".join(
        f"  {f.report}:{f.line}:{f.column} {f.diagnostic.code} [{f.diagnostic.severity.value}] {f.text!r} "
        f"{f.diagnostic.message}"
        for f in found
    )


class Disagrees(AssertionError):
    """The rule's findings are not the case's: the only failure an ``xfail`` case may have (a case
    that cannot be read or applied fails outright)."""


def check(case: Case) -> None:
    got = findings(case)
    if case.kind == "pass":
        if got:
            raise Disagrees(f"{case.id}: {case.rule} fired on a near miss ({case.data['why']}):\n{show(got)}")
        return
    left = list(got)
    for want in case.data["expect"]:
        hit = next((f for f in left if matches(want, f)), None)
        if hit is None:
            raise Disagrees(f"{case.id}: no finding {want}; the rule found:\n{show(got)}")
        left.remove(hit)
    if left:
        raise Disagrees(f"{case.id}: findings beyond those expected:\n{show(left)}")


def params() -> list[Any]:
    out = []
    for case in load_cases():
        reason = case.data.get("xfail")
        marks = [pytest.mark.xfail(reason=str(reason), strict=True, raises=Disagrees)] if reason else []
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


@pytest.mark.parametrize("case", params())
def test_case(case: Case) -> None:
    check(case)


# ------------------------------------------------------------------------------- the case files


def test_cases_are_well_formed() -> None:
    families = {family_of(r) for r in RULES}
    for path in sorted(CASES.glob("*.toml")):
        assert path.stem in families, f"{path.name}: no rule module of that name"
    for case in load_cases():
        data = case.data
        unknown = set(data) - CASE_KEYS
        assert not unknown, f"{case.id}: unknown keys {sorted(unknown)}"
        assert case.rule in REGISTRY, f"{case.id}: no rule {case.rule}"
        assert family_of(REGISTRY[case.rule]) == case.family, f"{case.id}: {case.rule} belongs in another file"
        assert case.kind in ("fail", "pass"), f"{case.id}: kind is fail or pass"
        assert isinstance(data.get("why"), str) and data["why"].strip(), f"{case.id}: say why"
        if case.kind == "pass":
            assert "expect" not in data, f"{case.id}: a pass case expects nothing"
            continue
        expect = data.get("expect")
        assert isinstance(expect, list) and expect, f"{case.id}: a fail case states its findings"
        for want in expect:
            assert {"code", "line"} <= set(want) and not set(want) - EXPECT_KEYS, f"{case.id}: {want}"
            assert want["code"] == case.rule, f"{case.id}: expects findings of {case.rule} only"
            assert not set(want.get("cell", {})) - CELL_KEYS, f"{case.id}: {want}"


def test_every_rule_has_its_cases() -> None:
    """Adding a rule without cases fails here: three cases it fires on, three near misses."""
    counts = {r.code: {"fail": 0, "pass": 0} for r in RULES}
    for case in load_cases():
        if case.rule in counts and not case.data.get("xfail"):
            counts[case.rule][case.kind] += 1
    short = {code: c for code, c in counts.items() if c["fail"] < MINIMUM or c["pass"] < MINIMUM}
    assert short == {}, f"rules with fewer than {MINIMUM} fail and {MINIMUM} pass cases (xfail not counted)"


def test_case_names_are_unique_per_family() -> None:
    ids = [c.id for c in load_cases()]
    assert len(ids) == len(set(ids))  # tomllib refuses a repeated table; this guards the id scheme
