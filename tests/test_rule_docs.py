"""docs/rules/ is the rule registry rendered: one page per rule and language, and an index.

The pages are generated, never edited by hand: ``NIANBAO_UPDATE_GOLDEN=1`` rewrites them from the
registry (the rules' docs, examples and notes in src/nianbao/rules/), and this test fails when the
two disagree, so that the published documentation cannot drift from the code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, UPDATE_GOLDEN

from nianbao.rules import Rule, all_rules
from nianbao.rules.base import LANGS

DOCS = ROOT / "docs" / "rules"
_REGENERATE = "`NIANBAO_UPDATE_GOLDEN=1 make test`"
_INDEX_HEAD = {
    "zh": f"# 规则\n\n由 `src/nianbao/rules/` 生成，请勿手改（{_REGENERATE}）。English: [en/](en/README.md)\n",
    "en": f"# Rules\n\nGenerated from `src/nianbao/rules/`; do not edit ({_REGENERATE}). 中文：[../](../README.md)\n",
}
_COLUMNS = {"zh": "| 代码 | 名称 | 默认严重性 | 说明 |", "en": "| code | name | default severity | summary |"}


def page_path(rule: Rule, lang: str) -> Path:
    return DOCS / (f"{rule.code}.md" if lang == "zh" else f"en/{rule.code}.md")


def index(lang: str) -> str:
    rows = [f"| [{r.code}]({r.code}.md) | {r.name} | {r.severity.value} | {r.summary(lang)} |" for r in all_rules()]
    return "\n".join([_INDEX_HEAD[lang], _COLUMNS[lang], "|---|---|---|---|", *rows]) + "\n"


def expected() -> dict[Path, str]:
    out = {}
    for lang in LANGS:
        out[DOCS / ("README.md" if lang == "zh" else "en/README.md")] = index(lang)
        for rule in all_rules():
            out[page_path(rule, lang)] = rule.markdown(lang)
    return out


def test_rule_pages_match_the_registry() -> None:
    want = expected()
    if UPDATE_GOLDEN:
        for path, text in want.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
    stale = [p for p, text in want.items() if not p.exists() or p.read_text("utf-8") != text]
    assert not stale, f"out of date (run NIANBAO_UPDATE_GOLDEN=1): {[str(p.relative_to(ROOT)) for p in stale]}"
    # no page for a rule that is gone
    on_disk = {p for p in DOCS.rglob("*.md")}
    assert on_disk == set(want), sorted(str(p) for p in on_disk ^ set(want))


@pytest.mark.parametrize("lang", LANGS)
def test_every_code_has_a_page_in_each_language(lang: str) -> None:
    for rule in all_rules():
        page = expected()[page_path(rule, lang)]
        assert page.startswith(f"# {rule.code} {rule.name}\n")
        assert rule.doc_of(lang).fix in page and rule.example.bad.strip() in page
