"""The table-driven t2s (`normalize.t2s`) gives exactly what OpenCC's ``t2s`` gives: on every text of
the corpora (corpus/, ../shared/seeds, ../shared/corpus-real when there), on generated reports
turned into traditional script, and on TSPhrases' phrases alone, among other text and run together."""

from __future__ import annotations

import importlib.resources
import random
from functools import cache
from pathlib import Path

import pytest
import reportgen
from conftest import CORPUS, REAL, ROOT

from nianbao.syntax.normalize import _dictionary, _fast_t2s, t2s, to_simplified

SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


@cache
def _opencc():  # type: ignore[no-untyped-def]
    from opencc import OpenCC

    return OpenCC("t2s")


def _texts(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix in (".txt", ".md", ".html", ".htm")]


def _check(text: str) -> None:
    expected = _opencc().convert(text)
    assert t2s(text) == expected
    assert len(expected) == len(text)
    assert to_simplified(text) == expected


@pytest.mark.parametrize("folder", [CORPUS, SHARED_SEEDS, REAL], ids=["corpus", "shared-seeds", "corpus-real"])
def test_every_corpus_text(folder: Path) -> None:
    if not folder.is_dir():
        pytest.skip(f"{folder} is not available")
    files = _texts(folder)
    assert files
    for path in files:
        _check(path.read_bytes().decode("utf-8", "replace"))


def test_generated_reports_in_traditional_script() -> None:
    from opencc import OpenCC

    s2t = OpenCC("s2t")
    for seed in range(12):
        data = reportgen.random_report(random.Random(seed))
        text = s2t.convert(reportgen.render(data, reportgen.LAYOUTS[seed % len(reportgen.LAYOUTS)]))
        assert text != _opencc().convert(text)  # there is something to convert
        _check(text)


def _phrases() -> list[str]:
    return sorted(_dictionary("TSPhrases.txt"))


def test_phrases_alone_and_among_text() -> None:
    for phrase in _phrases():
        _check(phrase)
        _check(f"本機關{phrase}，並於{phrase}後公開。{phrase}")
        _check(f"發布 {phrase}{phrase}-乾淨")


def test_phrases_run_together() -> None:
    """Overlapping and adjacent phrases: OpenCC's choice of the longest match decides, not the table."""
    phrases = _phrases()
    chars = list("乾著瞭麼於發後面裡係")
    rng = random.Random(13)
    for _ in range(400):
        parts = [rng.choice(phrases) if rng.random() < 0.6 else rng.choice(chars) for _ in range(rng.randint(1, 8))]
        sep = rng.choice(["", "", " ", "，", "\n"])
        _check(sep.join(parts))


def test_phrases_hold_no_separator() -> None:
    """Why a stretch between separators is the unit: no phrase crosses one."""
    _, _, splitter = _fast_t2s()
    assert not [p for p in _phrases() if splitter.search(p)]


def test_dictionaries_keep_lengths() -> None:
    root = importlib.resources.files("opencc") / "dictionary"
    assert (root / "TSCharacters.txt").is_file()
    table, _, _ = _fast_t2s()
    assert all(len(v) == 1 for v in table.values())
    assert all(len(k) == len(v) for k, v in _dictionary("TSPhrases.txt").items())
