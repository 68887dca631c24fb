"""Everything the lexer can recognise in the analysis text, found in one pass per document.

Labels are matched on the *squeezed* text (spaces, line breaks and masked characters removed,
so that ``结果维  持`` or a label broken over two lines still matches) against every spelling the
template allows (numbering optional where the rest is long enough, quotes and list punctuation
optional), all compiled into one trie-shaped regular expression. Headings, titles, date lines
and web-page chrome have patterns of their own. Every match is kept as a *candidate*; the lexer
later picks, at each position, the candidates that the parser can accept.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from enum import Enum
from functools import cache

from .. import template as T
from . import chrome
from .chrome import BOL, EOL
from .dates import DATE_PATTERN
from .label_spellings import label_matches, label_objects, label_regex, numberings
from .normalize import MASK, fold
from .squeezed import PARAGRAPH_BREAK, Squeezed

_OPTIONAL_PUNCT = set("\"'、,")


def _chars_pattern(text: str) -> str:
    """A heading title as a pattern for squeezed text: quotes and 、 optional."""
    parts = []
    for ch in fold(text):
        if ch == " ":
            continue
        if ch in _OPTIONAL_PUNCT:
            parts.append(f"[{re.escape(ch)}、,]?" if ch in "、," else f"{re.escape(ch)}?")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


# --------------------------------------------------------------------------- candidates


class Kind(Enum):
    LABEL = "label"
    HEADING = "heading"
    TITLE = "title"
    DATE = "date"
    CHROME = "chrome"


class Wording(Enum):
    """How a section heading's title compares with the template."""

    EXACT = "exact"
    KNOWN = "known"  # a local variant the template mentions: info
    OTHER = "other"  # a variant seen in the wild: warning
    UNKNOWN = "unknown"  # a short numbered line whose wording we do not know: warning


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    kind: Kind
    key: str  # label text (LABEL), section number (HEADING), chrome kind (CHROME)
    wording: Wording = Wording.EXACT  # LABEL: KNOWN for another wording the template accepts
    numeral: str = ""  # the heading numeral as written


@cache
def label_texts() -> dict[str, tuple[str, ...]]:
    """Canonical label text → the terminals it may stand for (e.g. 总计 → C3_TOTAL, C4_TOTAL)."""
    out: dict[str, list[str]] = {}
    for terminal, labels in T.labels_by_terminal().items():
        for label in labels:
            lst = out.setdefault(label.full, [])
            if terminal not in lst:
                lst.append(terminal)
    return {k: tuple(v) for k, v in out.items()}


def _heading_title_pattern(spec: T.SectionSpec, others: bool = True) -> str:
    alts = [(spec.title, "E")] + [(v, "K") for v in spec.known_variants]
    alts += [(v, "O") for v in spec.other_variants] if others else []
    alts.sort(key=lambda a: -len(a[0]))
    return "|".join(f"(?P<S{spec.number}{w}{i}>{_chars_pattern(t)})" for i, (t, w) in enumerate(alts))


@cache
def _heading_regex() -> re.Pattern[str]:
    titles = "|".join(_heading_title_pattern(s) for s in T.SECTIONS)
    # The numeral is required: a title alone ("主动公开政府信息情况") is common in running text.
    # The separator may be missing ("一总体情况"): the title itself is the template's.
    return re.compile(rf"(?<![(（])(?P<num>[{T.NUMERALS}]{{1,2}})[、.,]?(?:{titles})")


# A character of a heading's title in squeezed text: no digit, no sentence or list punctuation.
_TITLE_CHAR = r"[^0-9。，,；;：:、()“”\"《》\[\]|]"


@cache
def _bare_heading_regex() -> re.Pattern[str]:
    """A section title without its numeral, or numbered otherwise ("1.总体情况", "第一部分 总体情况"):
    what a Word document's automatic numbering leaves when the text is taken out of it; in any of
    the wordings a numbered heading may have. Taken only alone on its line (`_bare_headings`)."""
    titles = "|".join(_heading_title_pattern(s) for s in T.SECTIONS)
    loose = "|".join(f"(?P<L{s.number}>{s.loose.format(t=_TITLE_CHAR)})" for s in T.SECTIONS if s.loose)
    # a numeral glued to the words ("四政府信息公开…") is no numeral the numbered headings lack
    numbered = rf"(?:(?P<num>第[{T.NUMERALS}]部分|[1-6](?=[.、]))[、:：.,]?)?"
    return re.compile(rf"{numbered}(?![{T.NUMERALS}])(?:{titles}|{loose})")


@cache
def _loose_heading_regex() -> re.Pattern[str]:
    """Numbered titles that hold a section's essential words (`template.SectionSpec.loose`)."""
    titles = "|".join(f"(?P<L{s.number}>{s.loose.format(t=_TITLE_CHAR)})" for s in T.SECTIONS if s.loose)
    return re.compile(rf"(?<![(（])(?P<num>[{T.NUMERALS}]{{1,2}})[、.,](?:{titles})")


# Inside a sentence: after a word, a comma or an opening quote; and followed by what goes on with it.
_SENTENCE_BEFORE = re.compile(r"[\u4e00-\u9fff，,、“‘《(（]")
_SENTENCE_AFTER = "，,。；;、”’》)）等"  # what goes on with a sentence after a named heading


def _quoted(text: str, start: int, end: int) -> bool:
    """A heading named in a sentence ("…详见六、其他需要报告的事项。", "全文包括一、总体情况，二、…"):
    within a line, after a word or a comma, and followed by punctuation that goes on with the
    sentence. Run-on pages put headings after a sentence's end, never after a comma."""
    before = text[max(0, start - 40) : start].rstrip(" \t" + MASK)
    if not before or before[-1] in "\r\n":
        return False
    after = text[end : end + 40].lstrip(" ")
    return bool(_SENTENCE_BEFORE.fullmatch(before[-1])) and after[:1] in tuple(_SENTENCE_AFTER)


_LINE = re.compile(r"[^\r\n]+")
_LINE_DROP = re.compile(rf"[ \t{MASK}]+")


def _bare_headings(text: str, heads: list[Candidate]) -> list[Candidate]:
    """The lines that are a `_bare_heading_regex` heading, for the sections no numbered heading
    names; as many as stand in the template's order among themselves and the numbered ones (of
    two that could serve, the later: an earlier one is a sub-heading that lost its own numbering)."""
    named = {h.key for h in heads if h.wording is not Wording.UNKNOWN}
    regex = _bare_heading_regex()
    found = []
    for line in _LINE.finditer(text):
        m = regex.fullmatch(_LINE_DROP.sub("", line.group()).rstrip(":：")) if len(line.group()) <= 120 else None
        if m is None or m.lastgroup is None or m.lastgroup[1] in named:
            continue
        name = m.lastgroup
        start = line.start() + len(line.group()) - len(line.group().lstrip(" \t" + MASK))
        end = line.end() - (len(line.group()) - len(line.group().rstrip(" \t:：" + MASK)))
        wording = _wording_of(name) if name[0] == "S" else Wording.UNKNOWN  # L: the essential words
        found.append(Candidate(start, end, Kind.HEADING, name[1], wording, m.group("num") or ""))
    if not found:
        return []
    strong = [(h.start, int(h.key)) for h in heads if h.wording is not Wording.UNKNOWN]
    fits = [c for c in found if all((s < c.start) == (n < int(c.key)) for s, n in strong)]
    # the longest run increasing in section number, by the section it ends with; ties go to the
    # later candidates
    ending: dict[int, list[Candidate]] = {}
    for c in fits:
        n = int(c.key)
        run = max((ending[k] for k in sorted(ending, reverse=True) if k < n), key=len, default=[])
        if len(run) + 1 >= len(ending.get(n, [])):
            ending[n] = [*run, c]
    return max((ending[k] for k in sorted(ending, reverse=True)), key=len, default=[])


def _keep_consistent(heads: list[Candidate]) -> list[Candidate]:
    """Headings recognised only by their shape or their words (`Wording.UNKNOWN`) that the report's
    own headings contradict are sub-headings, not sections: "五、政府信息管理" inside section 一 is
    not section 五 when "二、主动公开政府信息情况" (or "五、存在的主要问题…") comes after it."""
    strong = sorted((h.start, int(h.key)) for h in heads if h.wording is not Wording.UNKNOWN)
    suffix_min = [7] * (len(strong) + 1)  # lowest section number of the strong headings from i on
    for i in range(len(strong) - 1, -1, -1):
        suffix_min[i] = min(strong[i][1], suffix_min[i + 1])
    starts = [s for s, _ in strong]
    return [
        h for h in heads if h.wording is not Wording.UNKNOWN or suffix_min[bisect_right(starts, h.start)] > int(h.key)
    ]


_GENERIC_HEADING = re.compile(
    BOL + rf"[ {MASK}]*(?P<num>[一二三四五六])[ ]*[、.][ ]*(?P<title>[^\r\n。；;:]{{2,24}}?)[ {MASK}]*" + EOL
)

_FIELD_VALUE = re.compile(r"[|,\t][ ]*[0-9]")  # "四、结转下,0,0,…": a CSV row whose label a cell's line cut

_TITLE = re.compile(
    r"(?<![《\u4e00-\u9fff])(?:[\u4e00-\u9fff()]{2,40}?[ ]{0,6})?(?<![0-9])[0-9]{4}[ ]*年度?[ ]*"
    r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?(?:年度)?报告(?!》)"
)
# No two ``[ ]*`` side by side with only optional text between them: on a long run of spaces
# their splits would be tried one by one (quadratic); tests/test_regex_budget.py checks it.
_DATE_LINE = re.compile(BOL + r"[ ]*(?:[(][ ]*)?" + DATE_PATTERN + r"[ ]*(?:[)][ ]*)?" + EOL)

# A page number on a line of its own, as PDF extraction leaves them: "- 3 -", "— 3 —", "第 3 页",
# "第3页 共12页", "第3页/共12页", "3/12", "3 / 12".
_PAGE_FOOTER = re.compile(
    BOL
    + r"[ ]*(?:[-—][ ]*[0-9]{1,3}[ ]*[-—]|第[ ]*[0-9]{1,3}[ ]*页(?:[ ]*[/，,]?[ ]*共[ ]*[0-9]{1,3}[ ]*页)?"
    + r"|[0-9]{1,3}[ ]*/[ ]*[0-9]{1,3})[ ]*"
    + EOL
)
# A line that is only a Markdown image (a QR code, a logo, a share button of the page).
_MD_IMAGE = re.compile(BOL + r"[ ]*!\[[^\]\r\n]{0,200}\]\([^)\r\n]{0,500}\)[ ]*" + EOL)
# A line of many short names between pipes: link spam appended to a page.
_LINK_SPAM = re.compile(BOL + r"[^\r\n|]{0,20}(?:[\u4e00-\u9fff]{1,8}[县市区旗州盟][ ]*\|[ ]*){6,}[^\r\n]*")


@dataclass(frozen=True)
class CandidateIndex:
    """All candidates of a document, sorted by start."""

    items: tuple[Candidate, ...]
    starts: tuple[int, ...]

    def at(self, pos: int) -> list[Candidate]:
        i = bisect_left(self.starts, pos)
        out = []
        while i < len(self.items) and self.starts[i] == pos:
            out.append(self.items[i])
            i += 1
        return out

    def next_from(self, pos: int) -> int:
        """Index of the first candidate starting at or after ``pos``."""
        return bisect_left(self.starts, pos)


def _wording_of(group: str) -> Wording:
    return {"E": Wording.EXACT, "K": Wording.KNOWN, "O": Wording.OTHER}[group[2]]


# --------------------------------------------------------------------------- approximate labels


@dataclass(frozen=True, slots=True)
class _Approx:
    key: str  # canonical label text
    numberings: tuple[str, ...]  # its numbering as reports write it ("2." "2、" …), or ("",)
    body: str  # the label's words as squeezed text (no numbering)
    head: str  # its first characters and …
    tail: str  # … its last: both must be found near a place before it is compared
    budget: int  # edits allowed


@cache
def approx_labels() -> tuple[_Approx, ...]:
    """The long row and group labels, which reports reword by a character or two (不再受理 for
    不再处理, 其他法律和行政法规禁止公开): found within a small edit distance where the exact wording is
    nowhere in the report."""
    out = []
    for text, lab in sorted(label_objects().items()):
        if lab.role not in (T.Role.ROW, T.Role.GROUP):
            continue
        body = fold(lab.text).replace(" ", "")
        if len(body) < 6:
            continue
        numbered = tuple(n for n in numberings(lab) if n)
        out.append(_Approx(text, numbered, body, body[:3], body[-3:], 1 + len(body) // 12))
    return tuple(out)


def _best_match(target: str, text: str, lo: int, hi: int, budget: int) -> tuple[int, int, int] | None:
    """The substring of ``text[lo:hi]`` fewest edits away from ``target`` (Sellers' approximate
    matching: any start, any end), as (edits, start, end); None beyond ``budget``."""
    window = text[lo:hi]
    m = len(window)
    inf = budget + 1
    # cost and start of the best alignment of target[:i] ending just before window[j]
    prev = [(0, j) for j in range(m + 1)]
    for i in range(1, len(target) + 1):
        ch = target[i - 1]
        cur = [(min(i, inf), 0)] * (m + 1)
        cur[0] = (min(i, inf), 0)
        for j in range(1, m + 1):
            d = prev[j - 1]
            best = (d[0] + (ch != window[j - 1]), d[1])
            up = prev[j]
            if up[0] + 1 < best[0]:
                best = (up[0] + 1, up[1])
            left = cur[j - 1]
            if left[0] + 1 < best[0]:
                best = (left[0] + 1, left[1])
            cur[j] = best if best[0] <= inf else (inf, best[1])
        prev = cur
        if min(c for c, _ in prev) > budget:
            return None
    n = len(target)
    found = min(((c, abs(j - st - n), j, st) for j, (c, st) in enumerate(prev) if j > st), default=None)
    if found is None or found[0] > budget:
        return None
    return found[0], lo + found[3], lo + found[2]


def _positions(text: str, word: str) -> list[int]:
    out = []
    at = text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


@cache
def _approx_titles() -> tuple[_Approx, ...]:
    """The section titles, which OCR misreads by a character (总休情况 for 总体情况): found within a
    small edit distance after their numeral, for sections with no heading found otherwise."""
    out = []
    for spec in T.SECTIONS:
        for title in (spec.title, *spec.known_variants):
            body = fold(title).replace(" ", "")
            numberings = tuple(spec.numeral + sep for sep in "、.,")
            out.append(_Approx(str(spec.number), numberings, body, body[:2], body[-2:], 1 + len(body) // 12))
    return tuple(out)


def _approximate(
    sq: str, present: set[str], targets: tuple[_Approx, ...] | None = None, numbered: bool = False
) -> list[tuple[int, int, str]]:
    """(start, end, label) in squeezed text of the long labels not found as written: compared, by a
    banded edit distance, only where two of three pieces of the label (its first, middle and last
    characters) stand at their places — an edit anywhere leaves two of them in place."""
    out = []
    for a in approx_labels() if targets is None else targets:
        if a.key in present:
            continue
        n, k = len(a.body), a.budget
        mid = max(0, n // 2 - 1)
        votes: list[tuple[int, int]] = []  # (the start the piece puts the label at, which piece)
        votes += [(at, 0) for at in _positions(sq, a.head)]
        votes += [(at - mid, 1) for at in _positions(sq, a.body[mid : mid + len(a.head)])]
        votes += [(at + len(a.tail) - n, 2) for at in _positions(sq, a.tail)]
        if numbered:  # a heading's numeral is a piece of it too
            votes += [(at + len(m), 3) for m in a.numberings for at in _positions(sq, m)]
        if len(votes) < 2:
            continue
        votes.sort()
        starts = set()
        for i, (start, piece) in enumerate(votes):
            j = i + 1
            while j < len(votes) and votes[j][0] - start <= k:
                if votes[j][1] != piece:
                    starts.add(start)
                    break
                j += 1
        found = {}
        for start in sorted(starts):
            match = _best_match(a.body, sq, max(0, start - k), min(len(sq), start + n + k), k)
            if match is not None:
                found[match[1]] = match[2]
        for start, end in sorted(found.items()):
            if any(ch.isdigit() or ch == "|" for ch in sq[start:end]):
                continue  # a value or a cell border that an edit would take for the label's words
            numbering = next((m for m in a.numberings if sq.startswith(m, start - len(m))), "")
            if numbered and not numbering:
                continue  # a heading without its numeral is running text
            out.append((start - len(numbering), end, a.key))
    return out


def scan(text: str) -> CandidateIndex:
    """Find every label, heading, title, date line and chrome region of an analysis text."""
    found: list[Candidate] = []
    sq = Squeezed(text)
    spelling = label_regex()[1]
    for a, b, s in label_matches(text, sq):
        start, end = sq.span(a, b)
        if end - start > b - a and PARAGRAPH_BREAK.search(text, start, end):
            continue
        for key, own in spelling[s]:
            found.append(Candidate(start, end, Kind.LABEL, key, Wording.EXACT if own else Wording.KNOWN))
    for a, b, key in _approximate(sq.text, {c.key for c in found}):
        start, end = sq.span(a, b)
        if not PARAGRAPH_BREAK.search(text, start, end):
            found.append(Candidate(start, end, Kind.LABEL, key, Wording.OTHER))
    for m in _heading_regex().finditer(sq.text):
        name = m.lastgroup
        assert name is not None and name.startswith("S")
        start, end = sq.span(m.start(), m.end())
        if end - start > m.end() - m.start() and PARAGRAPH_BREAK.search(text, start, end):
            continue
        found.append(Candidate(start, end, Kind.HEADING, name[1], _wording_of(name), m.group("num")))
    heads = [c for c in found if c.kind is Kind.HEADING]
    exact_at = {c.start for c in heads}
    for m in _loose_heading_regex().finditer(sq.text):
        name = m.lastgroup
        assert name is not None and name.startswith("L")
        start, end = sq.span(m.start(), m.end())
        if start in exact_at or (end - start > m.end() - m.start() and PARAGRAPH_BREAK.search(text, start, end)):
            continue
        heads.append(Candidate(start, end, Kind.HEADING, name[1:], Wording.UNKNOWN, m.group("num")))
        exact_at.add(start)
    for m in _GENERIC_HEADING.finditer(text):
        number = str(T.NUMERALS.index(m.group("num")) + 1)
        if m.start("num") not in exact_at and not _FIELD_VALUE.search(m.group("title")):
            heads.append(
                Candidate(m.start("num"), m.end("title"), Kind.HEADING, number, Wording.UNKNOWN, m.group("num"))
            )
    for a, b, key in _approximate(sq.text, {h.key for h in heads}, _approx_titles(), numbered=True):
        start, end = sq.span(a, b)
        if start not in exact_at and not PARAGRAPH_BREAK.search(text, start, end):
            heads.append(Candidate(start, end, Kind.HEADING, key, Wording.UNKNOWN, sq.text[a]))
    heads = [h for h in heads if not _quoted(text, h.start, h.end)]
    heads += _bare_headings(text, heads)
    found = [c for c in found if c.kind is not Kind.HEADING] + _keep_consistent(heads)
    for m in _TITLE.finditer(text):
        found.append(Candidate(m.start(), m.end(), Kind.TITLE, "title"))
    for m in _DATE_LINE.finditer(text):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        found.append(Candidate(start, m.end(), Kind.DATE, "date"))
    structure = sorted(c.start for c in found if c.kind in (Kind.LABEL, Kind.HEADING))
    for start, end, kind in chrome.find(text, structure):
        found.append(Candidate(start, end, Kind.CHROME, kind))
    for regex_, kind in ((_MD_IMAGE, "page"), (_PAGE_FOOTER, "footer"), (_LINK_SPAM, "spam")):
        for m in regex_.finditer(text):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            found.append(Candidate(start, m.end(), Kind.CHROME, kind))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    return CandidateIndex(tuple(found), tuple(c.start for c in found))


def label(text: str) -> T.Label:
    return label_objects()[text]
