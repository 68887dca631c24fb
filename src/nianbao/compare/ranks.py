"""The fingerprints of many sets that two sets or more share, as ranks in the rarest-first order.

The first step of the copy search's join (`nianbao.compare.copies`): a set-similarity join with
prefix filtering probes each set's rarest fingerprints, so it needs every fingerprint's rank by
frequency. Counting is done one range of fingerprint values at a time, so that the counting
dictionaries stay small; the result does not depend on the number of ranges.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from itertools import chain

_ARRAY = "I" if array("I").itemsize == 4 else "L"  # 4-byte unsigned, as the sketches

_SHARD = 1 << 16  # fingerprints counted at a time, about: dictionaries that stay in the CPU's caches


def shared_ranks(values: Sequence[array[int]]) -> list[array[int]]:
    """Each set's fingerprints held by two sets or more, as their ranks in the rarest-first order.

    Only fingerprints of two sets or more can be shared; the others (most of a section's own text)
    come first in the rarest-first order, so leaving them out shifts every prefix by their number
    and changes no bound of the join. Ties in frequency go by value: the order does not depend on
    the input's. The fingerprints are counted and ranked one range of values (a shard) at a time:
    every set is sorted, so its part in a shard is one slice, and a shard's dictionaries are small
    enough to stay in the caches (one dictionary of every fingerprint grows the cost per
    fingerprint with the number of sections). The result is the same as with one dictionary.
    """
    total = sum(map(len, values))
    bits = min(8, (total // _SHARD).bit_length())
    shift = 32 - bits
    shards = 1 << bits
    bounds = [[bisect_left(v, s << shift) for s in range(shards)] + [len(v)] for v in values]
    order: list[int] = []
    for s in range(shards):
        frequency = Counter(chain.from_iterable(v[b[s] : b[s + 1]] for v, b in zip(values, bounds, strict=True)))
        order += [f << 32 | t for t, f in frequency.items() if f > 1]  # (frequency, token) as one int: a fast sort
    del frequency
    order.sort()
    rank: list[dict[int, int]] = [{} for _ in range(shards)]
    for r, key in enumerate(order, 1):  # from 1, so that 0 (falsy) is "not shared" below
        token = key & 0xFFFFFFFF
        rank[token >> shift][token] = r
    del order
    ranks: list[list[int]] = [[] for _ in values]
    for s in range(shards):
        get = rank[s].get
        for out, v, b in zip(ranks, values, bounds, strict=True):
            out.extend(filter(None, map(get, v[b[s] : b[s + 1]])))
        rank[s] = {}
    return [array(_ARRAY, sorted(out)) for out in ranks]  # ranks from 1: only their order counts
