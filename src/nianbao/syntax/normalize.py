"""Stage 2: the *analysis text* — same length as the original, so every offset maps back 1:1.

What it does, in order, each step length-preserving and recorded:

1. masks pinyin annotations of machine-converted pages (``發(fā)布`` → ``發\\ue000\\ue000\\ue000\\ue000布``)
   and the Markdown markup that HTML-to-Markdown crawlers add (``## 一、总体情况``, ``**二、…**``,
   ``1\\.属于国家秘密``);
2. converts traditional to simplified script exactly as OpenCC ``t2s`` does, through a character
   table, with OpenCC itself only for the stretches that hold a phrase whose conversion is not its
   characters' (code-point length preserving; asserted, with a per-character fallback should a
   dictionary ever break it);
3. maps Kangxi radicals (U+2F00…) and CJK compatibility ideographs to the ideographs they stand for;
4. folds full-width ASCII variants to ASCII, ideographic and no-break spaces to a space, curly
   quotes to straight ones, so that labels match however they were typed;
5. makes the rules of grid tables and the separators of comma-separated rows (``csv_rows``) and of
   tab-separated ones (lines with two tabs or more) cell borders, and masks the quotes of CSV fields;
6. reads the HTML character references that a crawler which stripped only the tags leaves
   (``| &nbsp; |``, ``&emsp;&emsp;三、…``) as the character they stand for, the rest of each
   reference masked; one that stands for whitespace is spaces;
7. masks what a data-frame library wrote around and into a table (``frame_marks``: a header row of
   column numbers, an index column, ``nan`` for an empty cell), then the cells that a converter filled
   with a copy of the merged cell they belong to, each with the border that parts it from the cell it
   copies (``spanned_cells``), so the merged cell is read once.

Never NFKC: it changes lengths and the very punctuation a reviewer checks.
"""

from __future__ import annotations

import html
import importlib.resources
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..source import LineIndex, Span
from .csv_rows import csv_marks

MASK = "\ue000"  # stands for a masked character (pinyin annotation, zero-width space) in the analysis text

_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_IDEOGRAPH_VARIANT = re.compile("[\u2f00-\u2fd5\uf900-\ufad9]")
# Markdown: a heading marker at a line start, ``**`` around text on one line, a backslash escaping
# ASCII punctuation ("1\\." — a lone "\\" cell is a placeholder, never followed by these).
_MD_HEADING = re.compile(r"(?:^|(?<=[\r\n]))[ \t]{0,3}(#{1,6})[ \t]+(?=[^\s#])")
_MD_STRONG = re.compile(r"\*\*(?=[^\s*])[^*\r\n]{1,200}?(?<=[^\s*])\*\*")
_MD_ESCAPE = re.compile(r"\\(?=[.\-*_#+!()\[\]`])")
# a line break inside a table cell, as converters write it into Markdown tables ("2.其他法律行<br>政法规…")
_MD_BREAK = re.compile(r"<br[ ]*/?>", re.IGNORECASE)
# A line of dash runs: the rules of pandoc's simple and multiline tables ("------  -----"), a
# Markdown horizontal rule; table syntax, never placeholders of a row.
_DASH_RULE = re.compile(r"(?<![^\r\n])[ \t]*-{3,}(?:[ \t]+-{3,})*[ \t]*(?![^\r\n])")
_PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])[(（](?=[a-z{_TONE}]*[{_TONE}])[a-z{_TONE}]{{1,7}}[)）]")


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    for cp in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F):
        table[cp] = " "
    for cp in (0x205F,):
        table[cp] = " "
    table.update({0x200B: MASK, 0x200C: MASK, 0x200D: MASK, 0xFEFF: MASK, 0x2060: MASK})
    table.update({ord("“"): '"', ord("”"): '"', ord("‘"): "'", ord("’"): "'", ord("″"): '"'})
    table.update({ord("﹙"): "(", ord("﹚"): ")", ord("﹐"): ",", ord("﹑"): "、", ord("﹒"): "."})
    table.update({ord("〔"): "(", ord("〕"): ")"})  # "〔三〕不予公开": a numbering typed or read by OCR so
    # Tables drawn with box characters (text-mode browsers, some converters): the verticals and
    # crossings are cell borders, the horizontals a rule line ("├──┼──┤" reads as "|--|--|").
    table.update({ord(c): "|" for c in "│┃║¦￨├┤┼┌┐└┘┬┴┝┥┿┠┨╂┣┫╋╞╡╪╟╢╫╠╣╬╔╗╚╝╦╩╒╕╘╛╤╧╓╖╙╜╥╨"})
    table.update({ord(c): "-" for c in "─━═┄┅┈┉╌╍"})
    # Other control characters (form feeds between PDF pages, vertical tabs) and Unicode line
    # separators are whitespace to the lexer; only \n, \r\n and \r end lines.
    for cp in [*range(0x00, 0x20), 0x7F, 0x85, 0x2028, 0x2029]:
        if chr(cp) not in "\r\n":
            table[cp] = " "
    return table


FOLD = _fold_table()


def fold(text: str) -> str:
    """The character folding applied to both the analysis text and the template labels."""
    return text.translate(FOLD)


@cache
def _ideograph_map() -> dict[int, str]:
    """Kangxi radicals and compatibility ideographs → the unified ideograph (1:1 code points)."""
    out: dict[int, str] = {}
    for cp in list(range(0x2F00, 0x2FD6)) + list(range(0xF900, 0xFADA)):
        mapped = unicodedata.normalize("NFKC", chr(cp))
        if len(mapped) == 1 and mapped != chr(cp):
            out[cp] = mapped
    return out


@cache
def _traditional_chars() -> frozenset[str]:
    """Characters that OpenCC t2s would change: their presence means the text needs converting."""
    path = importlib.resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    chars = set()
    for line in path.read_text("utf-8").splitlines():
        key, _, values = line.partition("\t")
        if len(key) == 1 and values and values.split()[0] != key:
            chars.add(key)
    return frozenset(chars)


@cache
def _traditional_phrases() -> tuple[frozenset[str], re.Pattern[str]]:
    """Phrases that t2s changes though none of their characters would change alone (瞭解 → 了解:
    瞭 stays 瞭 by itself): the characters that may start the change, and the phrases."""
    base = _traditional_chars()
    path = importlib.resources.files("opencc") / "dictionary" / "TSPhrases.txt"
    keys = []
    for line in path.read_text("utf-8").splitlines():
        key, _, values = line.partition("\t")
        value = values.split()[0] if values else key
        if len(value) == len(key) and key != value and base.isdisjoint(key):
            keys.append(key)
    chars = frozenset(a for k in keys for a in k if a not in base)
    return chars, re.compile("|".join(sorted(map(re.escape, keys), key=len, reverse=True)))


def needs_t2s(text: str) -> bool:
    """Whether OpenCC t2s would change ``text``: a traditional character, or a traditional phrase."""
    if not _traditional_chars().isdisjoint(text):
        return True
    chars, phrases = _traditional_phrases()
    return not chars.isdisjoint(text) and phrases.search(text) is not None


@cache
def _t2s():  # type: ignore[no-untyped-def]
    from opencc import OpenCC

    return OpenCC("t2s")


def _dictionary(name: str) -> dict[str, str]:
    """An OpenCC dictionary as the package reads it: key → its first value."""
    out = {}
    for line in (importlib.resources.files("opencc") / "dictionary" / name).read_text("utf-8").splitlines():
        key, _, values = line.strip().partition("\t")
        if key:
            out[key] = values.split(" ")[0]
    return out


@cache
def _fast_t2s() -> tuple[dict[int, str], re.Pattern[str], re.Pattern[str]]:
    """What makes t2s a table lookup: the character table (TSCharacters), the phrases (TSPhrases)
    whose conversion differs from their characters' (瞭解 → 了解, 乾坤 stays 乾坤), and the
    separators at which OpenCC cuts the text before matching phrases.

    Exact because OpenCC's t2s matches phrases only within the stretches between separators, and
    what no phrase covers is converted character by character: a stretch that holds none of the
    phrases kept here converts like its characters, whatever phrases OpenCC matches in it."""
    from opencc import OpenCC

    table = {ord(k): v for k, v in _dictionary("TSCharacters.txt").items() if len(k) == 1 and v != k}
    phrases = [k for k, v in _dictionary("TSPhrases.txt").items() if k.translate(table) != v]
    splitter: re.Pattern[str] = OpenCC().split_chars_re  # no dictionary loaded: only the separators
    pattern = "|".join(sorted(map(re.escape, phrases), key=len, reverse=True)) or "(?!)"
    return table, re.compile(pattern), splitter


def t2s(text: str) -> str:
    """What ``OpenCC("t2s").convert(text)`` returns, about 25 times faster: the character table
    everywhere, OpenCC only for the stretches between separators that hold a phrase it converts
    otherwise than character by character."""
    table, phrases, splitter = _fast_t2s()
    out = text.translate(table)
    m = phrases.search(text)
    if m is None:
        return out
    pieces: list[str] = []
    done = 0  # text[:done] is settled in pieces
    while m is not None:
        start = m.start()
        while start > done and splitter.match(text, start - 1) is None:
            start -= 1  # back to the stretch's start (separators are single characters or runs of spaces)
        stop = splitter.search(text, m.end())
        end = stop.start() if stop is not None else len(text)
        pieces += [out[done:start], _t2s().convert(text[start:end])]
        done = end
        m = phrases.search(text, end)
    pieces.append(out[done:])
    return "".join(pieces)


def to_simplified(text: str) -> str:
    """OpenCC t2s (`t2s`), guaranteed to keep the length in code points."""
    converted = t2s(text)
    if len(converted) == len(text):
        return converted
    # A phrase entry changed the length: convert character by character instead.
    cc = _t2s()
    out = []
    for ch in text:
        c = cc.convert(ch)
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


@dataclass(frozen=True)
class Normalized:
    """The analysis text and a record of what normalisation did (for X10x diagnostics and debug)."""

    original: str
    analysis: str
    pinyin: tuple[Span, ...]  # masked annotations
    converted: tuple[int, ...]  # offsets where t2s changed a character
    ideographs: tuple[Span, ...]  # Kangxi radicals / compatibility ideographs replaced
    markup: tuple[Span, ...] = ()  # Markdown markup masked
    references: tuple[Span, ...] = ()  # HTML character references read as their character
    copies: tuple[Span, ...] = ()  # cells that repeat the merged cell they belong to, masked with a border
    frame: tuple[Span, ...] = ()  # a data-frame library's header of column numbers, index cells, "nan"

    def __post_init__(self) -> None:
        assert len(self.analysis) == len(self.original), "analysis text must keep the original length"


def mask(text: str, spans: Sequence[Span], by: str = MASK) -> str:
    """``text`` with the characters of ``spans`` masked (same length): ``by`` in their place."""
    if not spans:
        return text
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = by * (span.end - span.start)
    return "".join(chars)


def normalize(text: str) -> Normalized:
    pinyin = [Span(m.start(), m.end()) for m in _PINYIN.finditer(text)]
    markup = _markdown(text) if ("#" in text or "**" in text or "\\" in text or "<" in text or "---" in text) else []
    masked = mask(text, [*pinyin, *markup])

    converted: tuple[int, ...] = ()
    if needs_t2s(masked):
        simplified = to_simplified(masked)
        converted = tuple(i for i, (a, b) in enumerate(zip(masked, simplified, strict=True)) if a != b)
        masked = simplified

    ideographs: tuple[Span, ...] = ()
    imap = _ideograph_map()
    if _IDEOGRAPH_VARIANT.search(masked):
        ideographs = tuple(Span(i, i + 1) for i, c in enumerate(masked) if ord(c) in imap)
        masked = masked.translate(imap)

    analysis = fold(masked)
    if "+-" in analysis or "+=" in analysis:
        analysis = _GRID_RULE.sub(_grid_rule, analysis)
    commas, quotes = csv_marks(text)
    separators = commas + _tab_marks(text) if "\t" in text else commas
    if separators:
        cells = list(analysis)
        for i in separators:
            cells[i] = "|"
        for i in quotes:
            cells[i] = MASK
        analysis = "".join(cells)
    references: tuple[Span, ...] = ()
    if "&" in text:
        analysis, references = _character_references(analysis)
    copies: tuple[Span, ...] = ()
    frame: tuple[Span, ...] = ()
    if analysis.count("|") >= 4 or text.count("\t") >= 4:
        from .frame_marks import frame_marks  # they read MASK from here
        from .spanned_cells import spanned_copies

        frame, masks, blanks = frame_marks(analysis, text)
        analysis = mask(mask(analysis, masks), blanks, " ")
        copies, masks = spanned_copies(analysis, text)
        analysis = mask(analysis, masks)
    return Normalized(text, analysis, tuple(pinyin), converted, ideographs, tuple(markup), references, copies, frame)


def _tab_marks(text: str) -> list[int]:
    """The tabs of the lines with two tabs or more: a tab-separated row's separators, made cell
    borders as a CSV row's commas are, so that pipe rows' reading (wrapped labels, empty cells) is
    theirs."""
    lines = LineIndex.of(text)
    return [
        m.start()
        for start, end in zip(lines.starts, lines.ends, strict=True)
        if text.count("\t", start, end) >= 2
        for m in _TAB.finditer(text, start, end)
    ]


_TAB = re.compile("\t")


# An HTML character reference, named or numeric ("&nbsp;", "&#12288;", "&#x3000;"); the named ones
# are looked up in the HTML5 table, so "&copy" without its ";" or a word like "&c" stays text.
_CHAR_REF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _character_references(analysis: str) -> tuple[str, tuple[Span, ...]]:
    """The analysis text with each character reference read as its character, and their spans."""
    pieces: list[str] = []
    spans: list[Span] = []
    done = 0
    for m in _CHAR_REF.finditer(analysis):
        char = html.unescape(m.group())
        if len(char) != 1 or char == "\ufffd":
            continue  # not a reference HTML knows, or two characters (no room to keep the length)
        char = fold(char)
        width = m.end() - m.start()
        pieces += [analysis[done : m.start()], " " * width if char.isspace() else char + MASK * (width - 1)]
        spans.append(Span(m.start(), m.end()))
        done = m.end()
    if not spans:
        return analysis, ()
    pieces.append(analysis[done:])
    return "".join(pieces), tuple(spans)


# A grid table's border line (pandoc, reStructuredText: "+------+------+", "+======+") is the rule
# line of a pipe table ("|------|------|") to the lexer.
_GRID_RULE = re.compile(r"(?<![^\r\n])[ \t]*\+(?:[-=:]{2,}\+)+[ \t]*(?![^\r\n])")


def _grid_rule(m: re.Match[str]) -> str:
    return m.group().replace("+", "|").replace("=", "-")


def _markdown(text: str) -> list[Span]:
    """The spans of Markdown markup: heading markers, ``**`` pairs, escaping backslashes, ``<br>``,
    rule lines of dashes."""
    out = [Span(m.start(1), m.end()) for m in _MD_HEADING.finditer(text)]
    for m in _MD_STRONG.finditer(text):
        out += [Span(m.start(), m.start() + 2), Span(m.end() - 2, m.end())]
    out += [Span(m.start(), m.end()) for m in _MD_ESCAPE.finditer(text)]
    out += [Span(m.start(), m.end()) for m in _MD_BREAK.finditer(text)]
    out += [Span(m.start(), m.end()) for m in _DASH_RULE.finditer(text)]
    return sorted(out, key=lambda s: s.start)
