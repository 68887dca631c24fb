"""Shared fixtures: the corpus, cached parses, the optional real-world corpus next to the repo."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = CORPUS / "seeds"
CONFORMING = CORPUS / "conforming"
REAL = ROOT.parent / "shared" / "corpus-real"

sys.path.insert(0, str(ROOT / "bench"))  # reportgen, the generator of synthetic reports


@cache
def parsed(path: Path):  # type: ignore[no-untyped-def]
    from nianbao.api import parse

    return parse(path)


@cache
def diagnostics(path: Path):  # type: ignore[no-untyped-def]
    from nianbao.api import lint

    return lint(parsed(path))


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture
def real_corpus() -> Path:
    if not REAL.is_dir():
        pytest.skip("../shared/corpus-real is not available")
    return REAL
