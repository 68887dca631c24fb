"""The rule catalogue: every rule documented in both languages, with an example that triggers it
and one that does not, and messages that format in both languages."""

from __future__ import annotations

import re

import pytest
from conftest import CONFORMING

from nianbao.api import lint, parse
from nianbao.compare.facts import facts_of
from nianbao.diagnostics import Diagnostic
from nianbao.rules import REGISTRY, Rule, all_rules, compare_reports
from nianbao.rules.base import Example, SeriesExample
from nianbao.source import Source

RULES = all_rules()
ELLIPSIS = "……"


def example_texts(example: Example) -> tuple[str, str]:
    """(conforming text, violating text) for a rule's example.

    ``……`` in the excerpts stands for text left out: it matches anything in the base report and
    is carried over, in order, into the violating version.
    """
    base = (CONFORMING / example.base).read_text("utf-8")
    if example.whole:
        return (example.good or base), example.bad
    parts = example.good.split(ELLIPSIS)
    pattern = "(.*?)".join(re.escape(p) for p in parts)
    m = re.search(pattern, base, re.DOTALL)
    assert m, f"the conforming excerpt is not in {example.base}: {example.good!r}"
    bad_parts = example.bad.split(ELLIPSIS)
    gaps = list(m.groups())
    bad = bad_parts[0] + "".join(gaps[i] + p for i, p in enumerate(bad_parts[1:]))
    return base, base[: m.start()] + bad + base[m.end() :]


def test_codes_and_names() -> None:
    assert len(RULES) == len(REGISTRY) >= 30
    names = [r.name for r in RULES]
    assert len(set(names)) == len(names)
    for r in RULES:
        assert re.fullmatch(r"[A-Z][0-9]{3}", r.code), r.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name), r.name


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule: Rule) -> None:
    for lang, doc in (("zh", rule.zh), ("en", rule.en)):
        assert doc.summary and doc.what and doc.why and doc.fix, (rule.code, lang)
        md = rule.markdown(lang)
        assert md.startswith(f"# {rule.code} {rule.name}\n")
        assert rule.example.bad.strip() in md
        assert rule.summary(lang) in md
    assert re.search(r"[\u4e00-\u9fff]", rule.zh.what)
    assert re.search(r"[a-z]{4}", rule.en.what)
    assert rule.messages, rule.code
    for zh, en in rule.messages.values():
        assert zh and en and zh != en
        assert re.search(r"[\u4e00-\u9fff]", zh)
    assert rule.url().startswith("https://") and rule.code in rule.url()


# Rules whose reason is nianbao's reading of the text, not a clause of the template or the
# Regulations: they explain themselves and cite nothing.
NO_LEGAL_BASIS = {
    "C202",
    "N101",
    "T204",
    "T206",
    "T208",
    "X101",
    "X102",
    "X103",
    "X104",
    "X105",
    "X106",
    "X107",
    "X108",
}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_cites_its_basis(rule: Rule) -> None:
    if rule.code in NO_LEGAL_BASIS:
        assert rule.note is None
        return
    assert rule.note is not None, f"{rule.code}: cite the template clause or the article of the Regulations"
    zh, en = rule.note
    assert re.search(r"年度报告格式|条例|国办公开办函|模板", zh), zh
    assert re.search(r"template|Regulations|国办公开办函", en), en
    for lang, heading in (("zh", "## 依据"), ("en", "## Basis")):
        assert heading in rule.markdown(lang)


def edited(name: str, edits: tuple[tuple[str, str], ...]) -> str:
    text = (CONFORMING / name).read_text("utf-8")
    for find, replace in edits:
        assert find in text, f"{find!r} is not in {name}"
        text = text.replace(find, replace)
    return text


def series_texts(example: SeriesExample) -> tuple[tuple[str, str], tuple[str, str]]:
    """((previous, current) conforming, (previous, current) violating) for a series example."""
    previous, current = edited(example.previous, example.previous_edits), edited(example.current, example.current_edits)
    if example.bad_previous is not None:
        bad_previous = edited(example.bad_previous, example.bad_previous_edits)
        assert example.good in previous and example.bad in bad_previous
        return (previous, current), (bad_previous, current)
    target = current if example.target == "current" else previous
    assert example.good in target, f"{example.good!r} is not in the {example.target} report"
    changed = target.replace(example.good, example.bad)
    return (previous, current), ((previous, changed) if example.target == "current" else (changed, current))


def compared(previous: str, current: str) -> list[Diagnostic]:
    parsed = {name: parse(Source(name, text)) for name, text in (("<previous>", previous), ("<current>", current))}
    facts = [facts_of(p, name) for name, p in parsed.items()]
    return [f.diagnostic for f in compare_reports(facts, {name: p.source for name, p in parsed.items()})]


def example_diagnostics(rule: Rule) -> tuple[list[Diagnostic], list[Diagnostic]]:
    if isinstance(rule.example, SeriesExample):
        good, bad = series_texts(rule.example)
        return compared(*good), compared(*bad)
    good_text, bad_text = example_texts(rule.example)
    return lint(Source("<good>", good_text)), lint(Source("<bad>", bad_text))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_example(rule: Rule) -> None:
    good, bad = example_diagnostics(rule)
    fired_good = [d for d in good if d.code == rule.code]
    fired_bad = [d for d in bad if d.code == rule.code]
    assert fired_good == [], [d.message for d in fired_good]
    assert fired_bad, f"{rule.code} does not fire on its example"
    for d in fired_bad:
        assert d.message and d.message_en and d.message != d.message_en
        assert d.severity.value in ("error", "warning", "info")


HEADER_4 = "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | |||||"


@pytest.mark.parametrize(("broken", "findings"), [(2, 2), (10, 1)])
def test_a_header_broken_into_pieces_is_one_finding(broken: int, findings: int) -> None:
    """Up to six differences in one header are reported one by one; more (a header broken up, as
    PDF text read column by column leaves it) are one T105 with each difference a related place."""
    text = (CONFORMING / "v2021_pipe.txt").read_text("utf-8")
    assert text.count(HEADER_4) == 1
    cells = HEADER_4.split(" | ")
    for i in range(broken):
        cells[i] = cells[i][:1] + " " + cells[i][1:] + "甲"  # 结 果维持甲: no longer the label
    diags = [d for d in lint(text.replace(HEADER_4, " | ".join(cells))) if d.code == "T105"]
    assert len(diags) == findings
    if findings == 1:
        (d,) = diags
        assert f"有{broken}处不同" in d.message and len(d.related) == broken
        assert d.message_en.startswith("table 四: the header differs from the template in 10 places")


@pytest.mark.parametrize(
    ("written", "where"),
    [
        ("全年共收到政府信息公开申请\n245件", ((1, 1), (1, 4))),  # the number wrapped onto the next line
        ("全年共收到政府信\n- 3 -\n息公开申请24\n5件", ((2, 6), (3, 2))),  # a PDF page break, the number split
        ("全年共收到政府信息公开申请\r245\r件", ((1, 1), (1, 4))),  # lone CR line ends
    ],
)
def test_a_figure_wrapped_over_lines_is_still_compared(written: str, where: tuple[tuple[int, int], ...]) -> None:
    """N101 reads a sentence across line breaks and page footers; the finding points at the
    number where it stands in the original lines (line offsets relative to the sentence's line)."""
    text = (CONFORMING / "v2021_pipe.txt").read_text("utf-8")
    said = "全年共收到政府信息公开申请254件"
    assert text.count(said) == 1
    p = parse(text.replace(said, written))
    (d,) = [d for d in lint(p) if d.code == "N101"]
    assert "245件" in d.message
    first = text.split(said)[0].count("\n") + 1  # the line the sentence starts on
    a, b = p.source.position(d.span.start), p.source.end_position(d.span)
    assert ((a.line - first, a.column), (b.line - first, b.column)) == where


@pytest.mark.parametrize(
    ("said", "written", "expected"),
    [
        ("办结253件", "办结252件", "正文说办结申请252件，表三“（七）总计”为253"),
        ("结转下年度继续办理1件", "结转下年度继续办理2件", "正文说结转下年度2件，表三“四、结转下年度继续办理”总计为1"),
        ("办结253件", "办结253件", None),  # as in the table
    ],
)
def test_handled_and_carried_forward_in_the_text(said: str, written: str, expected: str | None) -> None:
    text = (CONFORMING / "v2021_pipe.txt").read_text("utf-8")
    assert text.count(said) == 1
    found = [d.message for d in lint(text.replace(said, written)) if d.code == "N101"]
    assert found == ([expected] if expected else [])


def test_handled_of_something_else_is_not_compared() -> None:
    """办结 of 政务服务事项 is not the applications of table 三."""
    text = (CONFORMING / "v2021_pipe.txt").read_text("utf-8")
    extra = "全年办理政务服务事项，办结1200件。"
    assert [d for d in lint(text.replace("2021年，在县委", extra + "2021年，在县委")) if d.code == "N101"] == []
