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
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import cache
from itertools import product

from . import template as T
from .normalize import MASK, fold

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
    wording: Wording = Wording.EXACT
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


@cache
def _label_objects() -> dict[str, T.Label]:
    return {label.full: label for labels in T.labels_by_terminal().values() for label in labels}


def _forms(text: str) -> list[str]:
    """Every way a label body may be written once spaces are gone: quotes and 、 optional."""
    options = []
    for ch in fold(text).replace(" ", ""):
        if ch in "\"'":
            options.append((ch, ""))
        elif ch in "、,":
            options.append(("、", ",", ""))
        else:
            options.append((ch,))
    return ["".join(p) for p in product(*options)]


def _numberings(label: T.Label) -> list[str]:
    if not label.numbering:
        return [""]
    n = fold(label.numbering)
    forms = [n] if n.startswith("(") else [n[:-1] + c for c in "、.,"]  # "（一）" | "一、" "1." …
    return [*forms, ""] if label.numbering_optional else forms


def label_spellings(label: T.Label) -> set[str]:
    """All literal spellings of ``label`` once spaces, line breaks and masks are squeezed out."""
    bodies = {b for text in (label.text, *label.variants) for b in _forms(text)}
    suffixes = ["", *_forms(label.suffix)] if label.suffix else [""]
    return {n + b + s for n in _numberings(label) for b in bodies for s in suffixes}


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression for a set of literals, factored as a trie: ``re`` then tests one
    character per step instead of every alternative at every position (27× faster here). Greedy
    optional tails make it match the longest literal at each position."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@cache
def _label_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    """The regex of every label spelling, and spelling → canonical label text."""
    spelling: dict[str, str] = {}
    for text, lab in sorted(_label_objects().items()):
        for s in label_spellings(lab):
            spelling.setdefault(s, text)
    return re.compile(_trie_pattern(spelling)), spelling


def _heading_title_pattern(spec: T.SectionSpec) -> str:
    alts = [(spec.title, "E")] + [(v, "K") for v in spec.known_variants] + [(v, "O") for v in spec.other_variants]
    alts.sort(key=lambda a: -len(a[0]))
    return "|".join(f"(?P<S{spec.number}{w}{i}>{_chars_pattern(t)})" for i, (t, w) in enumerate(alts))


@cache
def _heading_regex() -> re.Pattern[str]:
    titles = "|".join(_heading_title_pattern(s) for s in T.SECTIONS)
    # The numeral is required: a title alone ("主动公开政府信息情况") is common in running text.
    return re.compile(rf"(?P<num>[{T.NUMERALS}]{{1,2}})[、.,](?:{titles})")


# Line anchors that know a lone "\r" ends a line too (re's (?m) only knows "\n").
BOL = r"(?:(?<=[\r\n])|\A)"
EOL = r"(?=[\r\n]|\Z)"


def _soft(word: str) -> str:
    """A keyword that may have masked pinyin between its characters: 发(fā)布 → 发…布."""
    return f"{MASK}*".join(re.escape(c) for c in word)


_GENERIC_HEADING = re.compile(
    BOL + r"[ ]*(?P<num>[一二三四五六])[ ]*[、.][ ]*(?P<title>[^\r\n。；;:]{2,24}?)[ ]*" + EOL
)

_TITLE = re.compile(
    r"(?<![《\u4e00-\u9fff])(?:[\u4e00-\u9fff()]{2,40}?[ ]{0,6})?(?<![0-9])[0-9]{4}[ ]*年度?[ ]*"
    r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?(?:年度)?报告(?!》)"
)
# No two ``[ ]*`` side by side with only optional text between them: on a long run of spaces
# their splits would be tried one by one (quadratic); tests/test_regex_budget.py checks it.
_DATE_LINE = re.compile(
    BOL + r"[ ]*(?:[(][ ]*)?[0-9]{4}[ ]*年[ ]*[0-9]{1,2}[ ]*月[ ]*[0-9]{1,2}[ ]*日[ ]*(?:[)][ ]*)?" + EOL
)

# Web-page chrome, by line. Conservative: each keyword names something no report body says.
_CHROME_KEYWORDS = (
    ("发布时间", ":"),
    ("发布日期", ":"),
    ("发稿时间", ":"),
    ("更新时间", ":"),
    ("信息来源", ":"),
    ("来源", ":"),
    ("浏览量", ""),
    ("浏览次数", ""),
    ("访问量", ""),
    ("点击数", ""),
    ("点击量", ""),
    ("点击率", ""),
    ("字体", ":"),
    ("字号", ":"),
    ("分享到", ""),
    ("扫一扫", ""),
    ("相关阅读", ""),
    ("相关链接", ""),
    ("相关文件", ":"),
    ("附件下载", ""),
    ("报告下载", ""),
    ("责任编辑", ":"),
    ("索引号", ":"),
    ("主题分类", ":"),
    ("更多信息请关注", ""),
    ("网站地图", ""),
    ("版权所有", ""),
    ("主办单位", ":"),
    ("网站标识码", ""),
    ("主站蜘蛛池", ""),
    ("当前位置", ":"),
    ("打印本页", ""),
    ("关闭窗口", ""),
)
_CHROME_LINE = re.compile(
    BOL
    + r"[ ]*(?:【[ ]*|\[)?(?:"  # "[附件下载](….pdf)": a Markdown link
    + "|".join(_soft(w) + (rf"{MASK}*[:：]" if colon else "") for w, colon in _CHROME_KEYWORDS)
    + r"|首页[ ]*[>»＞]|【[ ]*(?:打印|关闭)[ ]*】"
    + r")[^\r\n]*"
)
# A page number on a line of its own, as PDF extraction leaves them: "- 3 -", "— 3 —", "第 3 页",
# "第3页 共12页", "第3页/共12页", "3/12", "3 / 12".
_PAGE_FOOTER = re.compile(
    BOL
    + r"[ ]*(?:[-—][ ]*[0-9]{1,3}[ ]*[-—]|第[ ]*[0-9]{1,3}[ ]*页(?:[ ]*[/，,]?[ ]*共[ ]*[0-9]{1,3}[ ]*页)?"
    + r"|[0-9]{1,3}[ ]*/[ ]*[0-9]{1,3})[ ]*"
    + EOL
)
# Markers that end the report wherever they appear (run-on pages glue them to the last paragraph).
_TAIL_MARKER = re.compile(
    "|".join(
        _soft(w)
        for w in ("扫一扫在手机打开当前页", "相关阅读:", "附件下载:", "报告下载:", "更多信息请关注", "主站蜘蛛池模板")
    )
    + r"|【[ ]*(?:打印|关闭)(?:本页|窗口)?[ ]*】"
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


# Two line breaks inside a match mean it joined separate cells: not a label.
_PARAGRAPH_BREAK = re.compile(rf"(?:\r\n|\r|\n)[ {MASK}]*(?:\r\n|\r|\n)")


class Squeezed:
    """A text without some characters (by default spaces, line breaks and masks), with a map back
    to offsets of the full text. Matching label words on it is fast and ignores stray spaces."""

    def __init__(self, text: str, drop: str = rf" \r\n{MASK}") -> None:
        self.run_starts: list[int] = []  # offset in text of each run
        self.sq_starts: list[int] = []  # offset in squeezed text of each run
        parts = []
        n = 0
        for m in re.finditer(rf"[^{drop}]+", text):
            self.run_starts.append(m.start())
            self.sq_starts.append(n)
            parts.append(m.group())
            n += m.end() - m.start()
        self.text = "".join(parts)

    def offset(self, i: int) -> int:
        """Offset in the full text of character ``i`` of the squeezed text."""
        j = bisect_right(self.sq_starts, i) - 1
        return self.run_starts[j] + i - self.sq_starts[j]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Full-text span of the squeezed ``[start, end)`` (``end > start``)."""
        return self.offset(start), self.offset(end - 1) + 1


def scan(text: str) -> CandidateIndex:
    """Find every label, heading, title, date line and chrome region of an analysis text."""
    found: list[Candidate] = []
    sq = Squeezed(text)
    regex, spelling = _label_regex()
    for m in regex.finditer(sq.text):
        start, end = sq.span(m.start(), m.end())
        if end - start > m.end() - m.start() and _PARAGRAPH_BREAK.search(text, start, end):
            continue
        found.append(Candidate(start, end, Kind.LABEL, spelling[m.group()]))
    for m in _heading_regex().finditer(sq.text):
        name = m.lastgroup
        assert name is not None and name.startswith("S")
        start, end = sq.span(m.start(), m.end())
        if end - start > m.end() - m.start() and _PARAGRAPH_BREAK.search(text, start, end):
            continue
        found.append(Candidate(start, end, Kind.HEADING, name[1], _wording_of(name), m.group("num")))
    for m in _GENERIC_HEADING.finditer(text):
        number = str(T.NUMERALS.index(m.group("num")) + 1)
        found.append(Candidate(m.start("num"), m.end("title"), Kind.HEADING, number, Wording.UNKNOWN, m.group("num")))
    for m in _TITLE.finditer(text):
        found.append(Candidate(m.start(), m.end(), Kind.TITLE, "title"))
    for m in _DATE_LINE.finditer(text):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        found.append(Candidate(start, m.end(), Kind.DATE, "date"))
    for regex_, kind in ((_CHROME_LINE, "page"), (_MD_IMAGE, "page"), (_PAGE_FOOTER, "footer"), (_LINK_SPAM, "spam")):
        for m in regex_.finditer(text):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            found.append(Candidate(start, m.end(), Kind.CHROME, kind))
    for m in _TAIL_MARKER.finditer(text):
        found.append(Candidate(m.start(), m.end(), Kind.CHROME, "tail"))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    return CandidateIndex(tuple(found), tuple(c.start for c in found))


def label(text: str) -> T.Label:
    return _label_objects()[text]
