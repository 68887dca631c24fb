"""Copied narrative text (内容雷同) across many reports, without comparing every pair.

The engine behind rule C201: it tells which narrative sections (一 总体情况, 五 存在的主要问题及改进情况,
六 其他需要报告的事项) of a run are near-copies of each other, and where the longest shared passage is.

Method
======

1. **Mask** (`mask`): figures, dates, years and the organ's names are replaced by placeholders of the
   same length (``#`` for numbers and dates, ``@`` for names and self-references such as 我局/本厅), so
   that a copy with new figures and another organ's name reads the same. Offsets map 1:1.
2. **Compare what is written** (`comparable`): whitespace, line breaks and U+E000 (masked pinyin) are
   dropped and each run of one placeholder becomes a single placeholder, so re-wrapped text and figures
   of another length compare equal.
3. **Fingerprint** (`sketch`): every `SHINGLE`-character substring (shingle) is hashed with CRC-32 of
   its UTF-32-LE bytes (stable across processes and platforms, unlike ``hash()``), and *winnowing*
   (Schleimer, Wilkerson & Aiken, SIGMOD 2003; the method of MOSS) keeps the smallest hash of every
   window of `WINDOW` consecutive shingles. The sketch is the set of kept hashes: about
   2 / (`WINDOW` + 1) of the characters, i.e. 4 bytes per ~4.5 characters (a 3,000-character section
   gives ~2.6 kB). Winnowing guarantees that any passage of at least `WINDOW` + `SHINGLE` - 1 = 12
   characters shared by two texts yields a shared fingerprint, and because the choice is local, a
   passage shared by two texts yields the same fingerprints in both. (A wider window gives smaller
   sketches but underrates partial copies more, as windows straddling a passage's ends are lost:
   科学技术厅 2022→2023 section 一, exact 5-gram Jaccard 0.585, scores 0.536 with 8, 0.519 with 12, 0.479
   with 16.)
4. **Join** (`near_duplicates`): an exact set-similarity join with prefix filtering (AllPairs,
   Bayardo et al. WWW 2007; PPJoin's shorter index prefix, Xiao et al. WWW 2008). Fingerprints are
   ordered rarest first; two sets with Jaccard >= t must share one of the first ``|x| - ceil(t|x|) + 1``
   fingerprints of each, so only those are probed and indexed, and sets smaller than ``t`` times the
   current one are skipped (size filter). Candidates are verified exactly. The rare fingerprints are a
   section's own words, which few other sections share; the boilerplate every report repeats sorts last
   and is mostly never looked up, so the work stays near-linear in the number of sections. No pair
   at or above the threshold is missed (a property test checks this against all pairs).

Similarity
==========

`Pair.similarity` is the **Jaccard index of the two winnowed fingerprint sets**, |A ∩ B| / |A ∪ B|.
It estimates the share of distinct 5-character passages (after masking) that the two texts have in
common. It is symmetric, 1.0 for a copy whatever its figures, wrapping and organ name, and it falls
with every passage either text has alone: a section that merely repeats the boilerplate sentences
everyone writes stays low, because its own sentences count against it. A containment measure
(|A ∩ B| / min(|A|, |B|)) would instead rate a short section of three stock sentences as fully
"contained" in any long section that uses them. For two texts of equal length, Jaccard >= 0.5 means
that at least two thirds of each text's passages are in the other.

Default threshold: `THRESHOLD` = 0.5, measured on the real reports next to the repository
(``../shared/corpus-real``: four 河北 provincial departments 2019–2023, 淮安 2024) and on planted
copies among generated reports (``bench/bench_similar.py``; both are asserted in ``tests/test_similar.py``):

* different organs, same or other years: section 一 at most 0.22, section 五 at most 0.12;
* the same organ in consecutive years: section 一 0.02–0.36, except 科学技术厅 2022→2023 at 0.54 (four of
  its five parts carried over with new figures); section 五 0.02–0.28, except 科学技术厅 2021→2022 at 0.86
  (last year's text with the new year);
* section 六 reaches `MIN_HAN` only for 科学技术厅 2022 and 2023 (the province's fee sentence and an
  attachment list the parser leaves in the section): 0.78 with each other;
* the same report extracted twice from its PDF (淮安 2024, pdfminer and pypdf: other line breaks): 1.0;
* planted copies with new figures, another organ's name and PDF line breaks (300 of them among 1,000
  to 8,000 reports): 0.96–1.0; with a tenth of their sentences rewritten 0.46–0.88 (74 of 75 at 0.5 or
  more), a fifth 0.40–0.76 (71 of 75), three tenths 0.35–0.72 (15 of 75); no pair of independent
  sections reached 0.5.

0.5 is more than twice the highest value between different organs, keeps the copies with up to a
tenth or so of their sentences rewritten, and flags exactly the two heavy carry-overs of the 河北
series. A rule may grade what it finds: from 0.8 the texts are nearly identical; between 0.5 and 0.8
one largely repeats the other.

Limits
======

* Sections with fewer than `MIN_HAN` Chinese characters get no sketch: two or three sentences are too
  short to tell copying from the stock phrases (无其他需要报告的事项, the fee sentence of a province).
* A rewording (synonyms, reordered clauses) is not a copy for this method; nor is a translation
  between scripts (callers pass the simplified analysis text).
* Names are masked only as given (and without their leading place name); an abbreviation such as
  省工信厅 is compared as written.
* The join's cost grows as the threshold falls: at 0.5 half of each set is probed; at 0.2, 80 %.
  Very large groups of true copies (hundreds of township reports from one template) make the output
  itself quadratic.

Cost and alternatives
=====================

On one core, `mask` + `sketch` take 0.75 ms for a section of 1,000 characters, and the join of the
sections 一 and 五 of 8,000 generated reports (16,000 sketches of ~900 bytes) 2 s, ×2.4 per doubling
(memory-bound dictionaries; ``bench/bench_similar.py``). MinHash LSH (``datasketch``, 128
permutations, threshold 0.5, verified with its estimate) was measured on the same 8,000 reports:
sketches no faster (1.1–1.4 ms), 33,919 candidates (fourfold per doubling), 2 pairs that were not
copies, and 12 of the 129 planted copies whose exact 5-gram Jaccard is 0.5 or more missed (this
module: none missed by its own measure, no false pair). It also needs numpy and scipy (160 MB); this
module needs nothing beyond the standard library.
"""

from __future__ import annotations

import re
import sys
import zlib
from array import array
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from math import ceil

from ..source import Span
from ..syntax.normalize import MASK
from .ranks import shared_ranks

SHINGLE = 5  # characters per shingle: long enough that 政府信息公开 alone is not a shared passage
WINDOW = 8  # shingles per winnowing window: ~22 % of positions kept, passages of 12 characters guaranteed
MIN_HAN = 100  # fewer Chinese characters than this: no sketch (stock sentences alone would look copied)
THRESHOLD = 0.5  # default for C201 (see the module docstring for the measurements)

NUMBER = "#"  # placeholder for figures, dates and years
NAME = "@"  # placeholder for organ names and self-references (我局, 本厅)

_PLACEHOLDERS = NUMBER + NAME
# every white-space character (the last is U+3000) and masked pinyin: not compared, never masked
_IGNORED = frozenset([*(chr(c) for c in range(0x3001) if chr(c).isspace()), MASK])
_ARRAY = "I" if array("I").itemsize == 4 else "L"  # 4-byte unsigned on every platform Python runs on

_CN_DIGIT = "〇零一二三四五六七八九"
_S = r"[ \t\u3000\ue000]*"  # spaces (or masked pinyin) inside a date, never a line break
_DATE = re.compile(
    rf"(?:(?:19|20)[0-9]{{2}}|[{_CN_DIGIT}]{{4}}){_S}年(?:{_S}[0-9]{{1,2}}{_S}月(?:{_S}[0-9]{{1,2}}{_S}[日号])?)?"
    rf"|(?<![0-9])[0-9]{{1,2}}{_S}月{_S}[0-9]{{1,2}}{_S}[日号]"
    r"|(?:19|20)[0-9]{2}[-/.][0-9]{1,2}[-/.][0-9]{1,2}(?![0-9])"
)
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
# How an organ names itself in its own report; an organ that copies another's text changes these.
_SELF = re.compile(r"[我本](?:局|厅|委|办|院|署|会|所|站|中心|单位|部门|机关|市|县|区|省|镇|乡|街道)")
# The place part of an organ's name (河北省, 株洲市渌口区): the rest is also masked on its own.
_PLACE = re.compile(r"^(?:[^省市县区州盟旗镇]{1,6}?(?:自治区|自治州|自治县|省|市|县|区|州|盟|旗|镇))+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


# --------------------------------------------------------------------------- masking


def mask(text: str, names: Sequence[str] = ()) -> str:
    """``text`` with figures, dates, years and organ names replaced by placeholders, of the same length.

    Numbers (``12``, ``3.5``, ``1,200``) and dates (``2021年3月5日``, ``二〇二一年``, ``3月5日``,
    ``2021-03-05``; a year with its 年) become `NUMBER`; each of ``names``, the same name without its
    leading place name (河北省工业和信息化厅 → 工业和信息化厅) and the self-references 我局, 本厅, 我委… become
    `NAME`. Whitespace, line breaks and U+E000 stay where they are, so offsets map 1:1 (a name broken
    by a line break is still found).
    """
    chars = list(text)

    def fill(m: re.Match[str], placeholder: str) -> None:
        for i in range(m.start(), m.end()):
            if chars[i] not in _IGNORED:
                chars[i] = placeholder

    variants = {v for name in names for v in _name_variants(name)}
    if variants:
        # longest first: the alternation takes the first that matches at a position
        pattern = "|".join(
            f"[\\s{MASK}]*".join(map(re.escape, v)) for v in sorted(variants, key=lambda v: (-len(v), v))
        )
        for m in re.finditer(pattern, text):
            fill(m, NAME)
    for m in _SELF.finditer(text):
        fill(m, NAME)
    for m in _DATE.finditer(text):
        fill(m, NUMBER)
    for m in _NUMBER.finditer(text):
        fill(m, NUMBER)
    return "".join(chars)


def _name_variants(name: str) -> list[str]:
    name = "".join(ch for ch in name if ch not in _IGNORED)
    out = [name] if len(name) >= 2 else []
    m = _PLACE.match(name)
    if m and len(name) - m.end() >= 3:  # 教育厅 yes, 局 alone no
        out.append(name[m.end() :])
    return out


# --------------------------------------------------------------------------- the compared text


def _squeeze(text: str) -> tuple[str, list[int], list[int]]:
    """The compared characters and, for each, the start and end of what it stands for in ``text``."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        if ch in _IGNORED:
            continue
        if ch in _PLACEHOLDERS and out and out[-1] == ch:
            ends[-1] = i + 1  # a run of one placeholder is one character, whatever the figure's length
            continue
        out.append(ch)
        starts.append(i)
        ends.append(i + 1)
    return "".join(out), starts, ends


def comparable(masked: str) -> str:
    """What is compared of a masked text: no whitespace or U+E000, each run of a placeholder as one."""
    return _squeeze(masked)[0]


# --------------------------------------------------------------------------- sketches


@dataclass(frozen=True, slots=True)
class Sketch:
    """The winnowed fingerprints of one masked text: sorted distinct 32-bit hashes, little-endian."""

    fingerprints: bytes
    chars: int  # characters compared (`comparable`), for information

    @classmethod
    def of(cls, values: Iterable[int], chars: int = 0) -> Sketch:
        """A sketch holding ``values`` (32-bit unsigned integers)."""
        out = array(_ARRAY, sorted(set(values)))
        if sys.byteorder == "big":
            out.byteswap()
        return cls(out.tobytes(), chars)

    def values(self) -> array[int]:
        """The fingerprints, in increasing order."""
        out = array(_ARRAY)
        out.frombytes(self.fingerprints)
        if sys.byteorder == "big":
            out.byteswap()
        return out

    def __len__(self) -> int:
        return len(self.fingerprints) // 4


def sketch(masked: str) -> Sketch | None:
    """The fingerprints of a masked text, or None when it has fewer than `MIN_HAN` Chinese characters."""
    text = comparable(masked)
    if len(_HAN.findall(text)) < MIN_HAN:
        return None
    return Sketch.of(_winnow(_hashes(text)), len(text))


def _hashes(text: str) -> list[int]:
    data = text.encode("utf-32-le")  # 4 bytes a character: shingle i is data[4i : 4i + 4k]
    width = 4 * SHINGLE
    crc = zlib.crc32
    return [crc(data[i : i + width]) for i in range(0, len(data) - width + 4, 4)]


def _winnow(hashes: list[int]) -> Iterable[int]:
    """The minimum of every window of `WINDOW` hashes (the rightmost on ties), each selection once."""
    if len(hashes) <= WINDOW:
        if hashes:
            yield min(hashes)
        return
    window: list[int] = []  # positions of increasing hashes: the candidates for the minimum
    head = 0
    chosen = -1
    for i, h in enumerate(hashes):
        while len(window) > head and hashes[window[-1]] >= h:
            window.pop()
        window.append(i)
        if window[head] <= i - WINDOW:
            head += 1
        if i >= WINDOW - 1 and window[head] != chosen:
            chosen = window[head]
            yield hashes[chosen]
        if head > 64:  # keep the list short
            del window[:head]
            head = 0


def similarity(x: Sketch, y: Sketch) -> float:
    """Jaccard index of the two fingerprint sets (0.0 when either is empty)."""
    a, b = set(x.values()), y.values()
    common = len(a.intersection(b))
    union = len(a) + len(b) - common
    return common / union if union else 0.0


# --------------------------------------------------------------------------- the join


@dataclass(frozen=True, slots=True)
class Pair:
    """Two texts whose sketches are at least as similar as the threshold asked for.

    ``similarity`` is the Jaccard index of their fingerprint sets (see the module docstring): the
    share of distinct masked 5-character passages the two texts have in common, estimated on the
    passages winnowing keeps. ``a`` comes before ``b`` in the input.
    """

    a: Hashable
    b: Hashable
    similarity: float


_EPS = 1e-9  # thresholds are floats: round every bound towards looking at more, never fewer


def near_duplicates(items: Sequence[tuple[Hashable, Sketch]], threshold: float = THRESHOLD) -> list[Pair]:
    """Every pair of items whose `similarity` is at least ``threshold``, without comparing all pairs.

    The result is exact (the same as comparing every pair) and does not depend on the order of
    ``items``, except that each pair names first the item given first; pairs are sorted by the
    positions of ``a`` and then ``b`` in ``items``. Items with an empty sketch are left out.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    # Identical sketches (boilerplate copied word for word, the common case) are joined once: one
    # item stands for each set of equal sketches, and its pairs are its members' pairs, at the same
    # similarity; the members are pairs of one another at 1.0. The result is unchanged.
    groups: dict[tuple[int, ...], list[int]] = {}
    for i, (_, s) in enumerate(items):
        if s is not None and len(s):
            groups.setdefault(tuple(sorted(s.values())), []).append(i)
    if any(len(members) > 1 for members in groups.values()):
        members_of = {members[0]: members for members in groups.values()}
        found = [(a, b, 1.0) for members in members_of.values() for a, b in combinations(members, 2)]
        for pair in _join([(rep, items[rep][1]) for rep in sorted(members_of)], threshold):
            for a in members_of[pair.a]:  # type: ignore[index]
                for b in members_of[pair.b]:  # type: ignore[index]
                    found.append((min(a, b), max(a, b), pair.similarity))
        found.sort()
        return [Pair(items[i][0], items[j][0], sim) for i, j, sim in found]
    return _join(items, threshold)


def _join(items: Sequence[tuple[Hashable, Sketch]], threshold: float) -> list[Pair]:
    """`near_duplicates` of items whose sketches all differ (a prefix-filtered set-similarity join)."""
    keep = [i for i, (_, s) in enumerate(items) if s is not None and len(s)]
    values = [items[i][1].values() for i in keep]
    sizes = [len(v) for v in values]
    sets = shared_ranks(values)
    del values

    index: dict[int, list[tuple[int, int]]] = {}  # token → (set, position of the token in its shared part)
    skip: dict[int, int] = {}  # token → entries of its list already too small for any later set
    index_share = 2 * threshold / (1 + threshold)  # PPJoin: smaller sets need a shorter indexed prefix
    share = threshold / (1 + threshold)  # J >= t  ⇔  |x ∩ y| >= t/(1+t) · (|x| + |y|)
    found: list[tuple[int, int, float]] = []
    for x in sorted(range(len(sets)), key=lambda i: (sizes[i], keep[i])):
        tokens, n = sets[x], sizes[x]
        unshared = n - len(tokens)
        smallest = threshold * n - _EPS  # size filter: |y| >= t|x| (y is never larger than x here)
        # y → [tokens shared so far, position in y of the last, overlap needed]; None once ruled out
        seen: dict[int, list[int] | None] = {}
        for i, token in enumerate(tokens[: max(0, n - ceil(threshold * n - _EPS) + 1 - unshared)]):
            postings = index.get(token)
            if postings is None:
                continue
            # posting lists grow in order of size: the sets too small for x are a prefix of each
            start = skip.get(token, 0)
            while start < len(postings) and sizes[postings[start][0]] < smallest:
                start += 1
            skip[token] = start
            left = len(tokens) - i - 1
            for y, j in postings[start:]:
                state = seen.get(y, ())
                if state is None:
                    continue
                # Positional filter (PPJoin): tokens are in one global order, so every shared token
                # before i in x is before j in y and was counted; after them at most min(...) more.
                if not state:
                    state = [0, 0, ceil(share * (n + sizes[y]) - _EPS)]
                if state[0] + 1 + min(left, len(sets[y]) - j - 1) < state[2]:
                    seen[y] = None
                    continue
                state[0] += 1
                state[1] = j
                seen[y] = state
        if seen:
            mine = set(tokens)
            for y, state in seen.items():
                if state is None:
                    continue
                # the shared tokens after the last match are all in y after position j
                common = state[0] + len(mine.intersection(sets[y][state[1] + 1 :]))
                jaccard = common / (n + sizes[y] - common)
                if jaccard >= threshold:
                    found.append((min(keep[x], keep[y]), max(keep[x], keep[y]), jaccard))
        for j, token in enumerate(tokens[: max(0, n - ceil(index_share * n - _EPS) + 1 - unshared)]):
            index.setdefault(token, []).append((x, j))
    found.sort()
    return [Pair(items[i][0], items[j][0], sim) for i, j, sim in found]


# --------------------------------------------------------------------------- the shared passage


def longest_shared(a: str, b: str) -> tuple[Span, Span] | None:
    """The longest passage of two masked texts that is the same in both, as spans into ``a`` and ``b``.

    Texts are compared as `comparable` sees them: whitespace, line breaks and U+E000 do not count and
    a run of placeholders matches a run of any length, so the passage may span re-wrapped lines and
    figures that differ. Each span starts at the passage's first compared character and ends after its
    last one. Of equally long passages, the one that ends first in ``b`` (and its first place in ``a``).
    None when the texts share no character. Linear time (a suffix automaton of ``a``).
    """
    sa, starts_a, ends_a = _squeeze(a)
    sb, starts_b, ends_b = _squeeze(b)
    length, end_a, end_b = _longest_common_substring(sa, sb)
    if not length:
        return None
    return (
        Span(starts_a[end_a - length], ends_a[end_a - 1]),
        Span(starts_b[end_b - length], ends_b[end_b - 1]),
    )


def _longest_common_substring(a: str, b: str) -> tuple[int, int, int]:
    """(length, end in ``a``, end in ``b``) of a longest common substring; ends are exclusive."""
    # Suffix automaton of a (Blumer et al. 1985): states with transitions, suffix links, the
    # length of their longest string and the end of the first occurrence of their strings in a.
    trans: list[dict[str, int]] = [{}]
    link = [-1]
    longest = [0]
    first_end = [0]
    last = 0
    for i, ch in enumerate(a):
        cur = len(longest)
        trans.append({})
        link.append(0)
        longest.append(longest[last] + 1)
        first_end.append(i + 1)
        p = last
        while p != -1 and ch not in trans[p]:
            trans[p][ch] = cur
            p = link[p]
        if p != -1:
            q = trans[p][ch]
            if longest[p] + 1 == longest[q]:
                link[cur] = q
            else:
                clone = len(longest)
                trans.append(dict(trans[q]))
                link.append(link[q])
                longest.append(longest[p] + 1)
                first_end.append(first_end[q])
                while p != -1 and trans[p].get(ch) == q:
                    trans[p][ch] = clone
                    p = link[p]
                link[q] = clone
                link[cur] = clone
        last = cur
    # Walk b through it, keeping the longest suffix of b[:j+1] that occurs in a.
    state = matched = 0
    best = (0, 0, 0)
    for j, ch in enumerate(b):
        while state and ch not in trans[state]:
            state = link[state]
            matched = longest[state]
        nxt = trans[state].get(ch)
        if nxt is None:
            state = matched = 0
            continue
        state = nxt
        matched += 1
        if matched > best[0]:
            best = (matched, first_end[state], j + 1)
    return best
