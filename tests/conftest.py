"""Shared fixtures: the corpus, cached parses, the optional real-world corpus next to the repo."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = CORPUS / "seeds"
CONFORMING = CORPUS / "conforming"
REAL = ROOT.parent / "shared" / "corpus-real"
GOLDEN = ROOT / "tests" / "golden"
UPDATE_GOLDEN = os.environ.get("NIANBAO_UPDATE_GOLDEN") == "1"  # rewrite golden files and generated docs

sys.path.insert(0, str(ROOT / "bench"))  # reportgen, the generator of synthetic reports

# The locale chooses the language when nothing else does: the tests expect the default, Chinese,
# whatever the machine's locale (a test that wants the locale's effect sets it itself).
for _name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "NIANBAO_LANG"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"


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


def check_golden(name: str, text: str) -> None:
    """``text`` must equal the golden file ``tests/golden/<name>`` (rewritten with NIANBAO_UPDATE_GOLDEN=1)."""
    out = text.encode("utf-8")
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out)
    assert path.exists(), f"{path} is missing; run with NIANBAO_UPDATE_GOLDEN=1 and check the result by hand"
    assert out == path.read_bytes(), f"{name} differs from the golden file; NIANBAO_UPDATE_GOLDEN=1 rewrites it"
