"""The copy search (`near_duplicates`) on a generated batch finds exactly the pairs of comparing all pairs.

A batch of generated narrative sections (``bench/bench_similar.py``: reportgen's stock paragraphs
with each organ's own text) holds planted copies with 0–60 % of their sentences rewritten, so that
their similarities fall on both sides of the threshold, and pairs built to sit exactly at it
(|A ∩ B| / |A ∪ B| = t with real fingerprints), just above and just below. The blocked join must
return the same pairs, with the same similarities and order, as the exhaustive reference below.
"""

from __future__ import annotations

import functools
import itertools
import random
from collections.abc import Hashable
from fractions import Fraction

import pytest

from nianbao.compare import ranks
from nianbao.compare.copies import THRESHOLD, Pair, Sketch, mask, near_duplicates, sketch


def exhaustive(items: list[tuple[Hashable, Sketch]], threshold: float) -> list[Pair]:
    """Every pair at or above ``threshold``, by comparing every pair (the reference)."""
    sets = [(key, set(s.values())) for key, s in items if s is not None and len(s)]
    out = []
    for (a, x), (b, y) in itertools.combinations(sets, 2):
        common = len(x & y)
        jaccard = common / (len(x) + len(y) - common)
        if jaccard >= threshold:
            out.append(Pair(a, b, jaccard))
    return out


def _at_threshold(rng: random.Random, base: Sketch, threshold: float, delta: int) -> list[Sketch]:
    """Two sketches sharing part of ``base``'s fingerprints, whose Jaccard is ``threshold`` plus
    ``delta`` shared fingerprints (0: exactly at it, when the sizes allow)."""
    # |A| = |B| = m, shared c: J = c / (2m - c) = t = p/q  ⇔  c = 2pm / (p + q), a whole number when
    # m is a multiple of p + q
    t = Fraction(threshold).limit_denominator(100)
    step = t.numerator + t.denominator
    values = list(base.values())
    m = max(step, len(values) // step * step)
    values = values[:m] if len(values) >= m else values + rng.sample(range(1 << 31), m - len(values))
    c = max(1, min(m, 2 * t.numerator * m // step + delta))
    fresh = iter(rng.sample(range(1 << 31, 1 << 32), 2 * m))
    shared = rng.sample(values, c)
    a = Sketch.of(shared + [next(fresh) for _ in range(m - c)])
    b = Sketch.of(shared + [next(fresh) for _ in range(m - c)])
    return [a, b]


THRESHOLDS = (0.3, THRESHOLD, 0.8)


@functools.cache
def batch(n: int, seed: int) -> list[tuple[int, Sketch]]:
    from bench_similar import corpus, planted_copy

    rng = random.Random(seed)
    sections, _ = corpus(n, seed)
    ones = [s for s in sections if s.number == 1]
    texts = [(s.text, s.organ) for s in ones]
    for k in range(n // 5):  # planted copies, 0–60 % rewritten: similarities from 1.0 to below 0.3
        original, other = rng.sample(ones, 2)
        texts.append((planted_copy(rng, original, other.organ, edit=(k % 7) / 10), other.organ))
    sketches = [s for text, organ in texts if (s := sketch(mask(text, (organ,)))) is not None]
    for k in range(n // 10):  # pairs at each threshold, one fingerprint above and one below
        sketches += _at_threshold(rng, sketches[k], THRESHOLDS[k % 3], (k // 3) % 3 - 1)
    order = list(range(len(sketches)))
    rng.shuffle(order)
    return [(i, sketches[j]) for i, j in enumerate(order)]


@pytest.mark.parametrize("shard", [None, pytest.param(64, marks=pytest.mark.slow)])  # (sharded: in the slow suite)
@pytest.mark.parametrize("threshold", THRESHOLDS)
def test_blocked_search_finds_exactly_the_exhaustive_pairs(
    threshold: float, shard: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shard is not None:  # fingerprints counted in many shards (as at tens of thousands of reports)
        monkeypatch.setattr(ranks, "_SHARD", shard)
    items = batch(250, seed=5)
    expected = exhaustive(items, threshold)
    near = [p for p in expected if p.similarity < threshold + 0.1]
    assert len(near) >= 5, "the batch must hold pairs near the threshold"
    assert any(abs(p.similarity - threshold) < 1e-12 for p in expected), "and pairs exactly at it"
    assert near_duplicates(items, threshold) == expected


@pytest.mark.parametrize("shard", [None, 16])
def test_blocked_search_with_boilerplate_only_sections(shard: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sections made only of a few stock fingerprints (held by most sections) still pair with each
    other when similar enough: boilerplate is never a reason to miss a pair."""
    rng = random.Random(3)
    stock = rng.sample(range(1 << 32), 60)
    items = [(i, Sketch.of(rng.sample(stock, rng.randint(20, 40)))) for i in range(200)]
    items += [(200 + i, Sketch.of(rng.sample(range(1 << 32), 50) + stock[:10])) for i in range(100)]
    for threshold in (0.3, THRESHOLD, 0.7):
        assert near_duplicates(items, threshold) == exhaustive(items, threshold)
