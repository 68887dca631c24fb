"""Text encodings: which one a file is in, and its text.

Reports come as UTF-8 (with or without a BOM), UTF-16 (with a BOM), GB18030 (which covers GBK
and GB2312) and Big5. `decode_text` tells which without help, and does not guess: bytes it cannot
place are an `InputError` naming the candidates it tried.

Method, in order:

1. ``--encoding`` (``encoding``) wins: the bytes are decoded strictly with that codec, and a
   failure is an error with the byte offset and line. A family name is widened: gb2312, gbk and
   cp936 are read as gb18030 (which decodes all they accept to the same text); big5 as big5, else
   cp950, else big5hkscs (each accepts all the one before it does).
2. A BOM decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); bytes its codec rejects are an error.
3. NUL bytes are never in 8-bit text. They are read as UTF-16 without a BOM only on overwhelming
   evidence: even length, NULs nearly all at one parity (the high bytes of ASCII characters), a
   strict decode and plausible text. Otherwise the file is binary, as it is with many control
   characters.
4. Valid UTF-8 with at least `UTF8_DECISIVE` non-ASCII characters is UTF-8. Measured on the
   corpus, GB18030 and Big5 text passes a strict UTF-8 decoder only in stretches with few
   non-ASCII characters (GB "联通" is the classic case). Pure ASCII is UTF-8.
5. Otherwise each candidate that decodes strictly — UTF-8, GB18030, the first of the Big5 family —
   is scored, and the best is taken only when it is plausible (`PLAUSIBLE` points a character)
   and ahead of every other candidate by `MARGIN` points.

The score is a sum over the non-ASCII characters, about one point per character of evidence: +1
for a common character — the 3755 of GB2312 level 1 (the most frequent simplified characters) and
the 5401 of Big5 level 1 (the frequent traditional ones), read from the codecs themselves — and
for ordinary CJK and full-width punctuation; −1 for other ideographs, kana, Greek, Cyrillic, box
drawing, Hangul; −4 for private-use, unassigned and control characters; 0 for the rest (pinyin,
Latin letters, symbols). GB18030 and Big5 each read the other's text as rare ideographs, kana and
private-use characters (Big5's ，。 fall in GB18030's user-defined area; GB's 请人是中 are Big5
kana, level-2 ideographs or invalid), so on the corpus a right decoding scores 0.82–1.0 a
character and a wrong one −1.5 to −1.2. Valid UTF-8 gets one more point a non-ASCII character
for its structure. When no candidate is far enough ahead, words of these reports (政府信息公开,
申请, 行政复议… in both scripts) add `WORD_POINTS` a hit, and the choice is made again.

A declared charset (``hint``, e.g. a page's ``<meta charset>``) is verified like any candidate,
and is worth `HINT_POINTS` points to it: it is taken when it decodes strictly, is plausible and
leads the others by `MARGIN` less those points. With excerpts of the corpus declared as the wrong
one of GB, Big5 and UTF-8, 1 point decoded none wrongly (2 points did, once: GB pinyin declared as
Big5); declared rightly, 1 point takes GB excerpts of 5–20 characters from 79% to 88% decided.
GB2312 and GBK declarations are read as GB18030, and UTF-16 ones as UTF-8 (as browsers do: a page
cannot declare UTF-16 in its own text). A charset outside these families is used only when none
of them fits and it decodes strictly without control characters.

Limits, measured on excerpts of 2 to 50 characters (at every 3rd to 7th offset) of the corpus and
of the real reports, encoded each way (tests/test_encodings.py asserts a sample): none was decoded
wrongly; a wrong candidate came at most 3 points ahead of the right one (in text full of pinyin
such as "監(jiān)"), hence `MARGIN` = 5. Of excerpts of 20 characters 92–99.7% are decided
(GB18030 simplified the fewest, UTF-8 the most), of 50 over 99%, of the first 30 of every report
all; the rest (few Chinese characters among digits and punctuation) are an error asking for
``--encoding``. Text that is not Chinese is read only as UTF-8, with a BOM, with
an override or as declared. UTF-32 needs a BOM, and so does UTF-16 text without a single ASCII
character. Scoring is linear, on at most `SCORED_CHARS` characters: a `collections.Counter`, then
one weight per distinct character.

Names reported (``Source.encoding``): "utf-8"; "utf-8-sig" for UTF-8 with a BOM; "utf-16-le",
"utf-16-be", "utf-32-le", "utf-32-be" with or without a BOM (``bom`` tells), so that the byte
order is always shown; "gb18030"; "big5", "cp950" or "big5hkscs", whichever decoded the file; for
an override of another codec, Python's name for it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from .base import InputError

__all__ = ["BIG5", "GB", "decode_text"]

GB = "gb18030"
BIG5 = ("big5", "cp950", "big5hkscs")  # strict Big5, then Windows' and Hong Kong's supersets

UTF8_DECISIVE = 32  # non-ASCII characters of valid UTF-8 that settle it without scoring
PLAUSIBLE = 0.5  # lowest mean score a non-ASCII character of an acceptable decoding
MARGIN = 5.0  # points the chosen candidate must lead every other by
HINT_POINTS = 1.0  # what a declared charset is worth: MARGIN less this is above the most a wrong one led by
WORD_POINTS = 2.0  # for each hit of a word of the reports, when characters alone do not decide
SCORED_CHARS = 100_000  # characters scored: thousands of points of evidence, a bounded time on 20 MB

_BOMS = (  # UTF-32 first: FF FE 00 00 is a UTF-32-LE BOM, not a UTF-16 one and a NUL
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels pages and users give that Python does not know, or knows as a narrower codec (WHATWG Encoding names).
_ALIASES = {
    **dict.fromkeys(
        ("gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "gb-2312", "gb-2312-80", "csgb2312",
         "csiso58gb231280", "iso-ir-58", "chinese", "euc-cn", "x-euc-cn"),
        GB,
    ),
    **dict.fromkeys(("cn-big5", "x-x-big5", "csbig5", "x-big5"), "big5"),
    "big5-hkscs": "big5hkscs",
    **dict.fromkeys(("unicode-1-1-utf-8", "x-unicode20utf8", "utf-8-sig"), "utf-8"),  # the BOM is handled apart
}  # fmt: skip

_WORDS = (  # of the reports' fixed template, simplified then traditional: a wrong decoding never spells them
    "政府信息公开", "年度报告", "申请", "行政复议", "行政诉讼", "主动公开", "情况", "工作", "处理", "答复", "本机关",
    "统计", "办理", "决定", "规定", "政府", "信息", "公开", "行政", "数据", "收到", "发布", "总体",
    "政府信息公開", "年度報告", "申請", "行政復議", "行政訴訟", "主動公開", "情況", "處理", "答覆", "本機關",
    "統計", "辦理", "決定", "規定", "公開", "數據", "發布", "總體",
)  # fmt: skip

_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r") + b"\x7f"
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_C0_C1 = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ASCII = re.compile(r"[\x00-\x7f]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_NUL = "文件含有 NUL 字节，不是文本文件（file contains NUL bytes: not a text file）"
_BINARY = "文件含有大量控制字符，不是文本文件（file contains many control characters: not a text file）"


@dataclass(frozen=True)
class _Candidate:
    codec: str  # the name reported
    text: str
    total: float  # points of evidence, see the module docstring
    count: int  # non-ASCII characters scored

    @property
    def plausible(self) -> bool:
        return self.count > 0 and self.total >= PLAUSIBLE * self.count


def decode_text(data: bytes, path: str, encoding: str | None = None, hint: str | None = None) -> tuple[str, str, bool]:
    """``(text, encoding, bom)`` of ``data``: the text without its BOM, the encoding's name as shown to users
    (see the module docstring) and whether the file starts with a BOM.

    ``encoding`` is the user's choice (``--encoding``); ``hint`` a declared charset, tried first and verified.
    Any bytes give a result or an `InputError`."""
    if encoding and encoding.strip().lower() != "auto":
        return _override(data, path, encoding)
    for mark, codec in _BOMS:
        if data.startswith(mark):
            text = _strict(data, path, codec, len(mark))
            _check_text(text, path)
            return text, "utf-8-sig" if codec == "utf-8" else codec, True
    if b"\x00" in data:
        return _utf16_without_bom(data, path)
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls >= 3 and controls * 100 > len(data):
        raise InputError(path, _BINARY)
    if data.isascii():
        return data.decode("ascii"), "utf-8", False
    declared = _resolve(hint) if hint else None
    if declared is not None and declared.startswith(("utf-16", "utf-32")):
        declared = "utf-8"
    return _detect(data, path, declared)


def _detect(data: bytes, path: str, declared: str | None) -> tuple[str, str, bool]:
    utf8 = _try(data, "utf-8")
    # each non-ASCII character takes 2 to 4 bytes: this many extra bytes are at least UTF8_DECISIVE characters
    if utf8 is not None and len(data) - len(utf8) >= 3 * UTF8_DECISIVE:
        return utf8, "utf-8", False
    candidates: list[_Candidate] = []
    if utf8 is not None:
        candidates.append(_score("utf-8", utf8, bonus=1.0))
    gb = _try(data, GB)
    if gb is not None:
        candidates.append(_score(GB, gb))
    big5 = _first_big5(data)
    if big5 is not None:
        candidates.append(_score(big5[1], big5[0]))
    chosen = _choose(candidates, declared)
    if chosen is None:  # too little text, most likely: let the reports' own words speak
        candidates = [_with_words(c) for c in candidates]
        chosen = _choose(candidates, declared)
    if chosen is not None:
        return chosen.text, chosen.codec, False
    if declared is not None and declared not in (GB, *BIG5, "utf-8"):
        other = _try(data, declared)  # a page in Japanese that says so: none of ours fits, the page's may
        if other is not None and not _C0_C1.search(other):
            return other, declared, False
    raise InputError(path, _undetermined(data, candidates))


def _choose(candidates: list[_Candidate], declared: str | None) -> _Candidate | None:
    """The plausible candidate ahead of all others by `MARGIN`; the declared one needs `HINT_POINTS` less."""
    for c in candidates:
        if c.plausible and _family(c.codec) == _family(declared) and _lead(c, candidates) >= MARGIN - HINT_POINTS:
            return c
    for c in candidates:
        if c.plausible and _lead(c, candidates) >= MARGIN:
            return c
    return None


def _family(codec: str | None) -> str | None:
    return "big5" if codec in BIG5 else codec


def _lead(c: _Candidate, candidates: list[_Candidate]) -> float:
    return c.total - max((o.total for o in candidates if o is not c), default=float("-inf"))


def _undetermined(data: bytes, candidates: list[_Candidate]) -> str:
    likely = [c.codec for c in sorted(candidates, key=lambda c: -c.total) if c.plausible]
    if likely:
        zh_flags = " 或 ".join(f"--encoding {name}" for name in likely)
        en_flags = " or ".join(f"--encoding {name}" for name in likely)
        return (
            f"无法确定文本编码：中文文字太少，无法可靠区分（可能是 {'、'.join(likely)}）；请用 {zh_flags} 指定"
            f"（cannot tell the encoding: too little Chinese text to tell reliably (could be {', '.join(likely)}); "
            f"name it with {en_flags}）"
        )
    tried = ", ".join(("utf-8", GB, *BIG5))
    zh = f"无法确定文本编码：已尝试 {tried}，都不能解码为可信的文本；请用 --encoding 指定"
    en = f"cannot tell the encoding: tried {tried}; none decodes it to plausible text; name it with --encoding"
    damaged = _damaged_utf8(data)
    if damaged is not None:  # nearly all UTF-8: most likely a damaged UTF-8 file, so say where
        offset, line = damaged
        zh += f"。文件基本是 UTF-8，但第 {line} 行（字节偏移 {offset}）有无效字节"
        en += f"; the file is mostly UTF-8 but has an invalid byte at offset {offset} (line {line})"
    return f"{zh}（{en}）"


def _damaged_utf8(data: bytes) -> tuple[int, int] | None:
    """Offset and line of the first invalid byte of a file that is otherwise mostly UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if len(_ASCII.sub("", text)) - bad >= 10 * bad:
            return exc.start, _line_at(data, exc.start, "utf-8")
    return None


def _utf16_without_bom(data: bytes, path: str) -> tuple[str, str, bool]:
    even, odd = data[0::2].count(0), data[1::2].count(0)
    codec = "utf-16-le" if odd > even else "utf-16-be"
    # ASCII's high bytes make the NULs of one parity; only characters U+xx00 (一 is U+4E00) make the other's
    if len(data) % 2 == 0 and max(even, odd) >= 4 and min(even, odd) * 4 <= max(even, odd):
        text = _try(data, codec)
        if text is not None and "\x00" not in text and not _CONTROLS.search(text):
            c = _score(codec, text)
            if c.count == 0 or c.plausible:
                return text, codec, False
    raise InputError(path, _NUL)


def _override(data: bytes, path: str, name: str) -> tuple[str, str, bool]:
    codec = _resolve(name)
    if codec is None:
        raise InputError(path, f"未知的文本编码 {name!r}（unknown text encoding {name!r}）")
    bom = False
    if codec == "utf-8":
        bom = data.startswith(codecs.BOM_UTF8)
        text = _strict(data, path, codec, 3 if bom else 0)
        codec = "utf-8-sig" if bom else codec
    elif codec in ("utf-16", "utf-32"):  # byte order from the BOM, else from where the NULs are, else little-endian
        le, be = (
            (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            if codec == "utf-16"
            else (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
        )
        bom = data.startswith((le, be))
        big = data.startswith(be) if bom else data[0::2].count(0) > data[1::2].count(0)
        codec = f"{codec}-{'be' if big else 'le'}"
        text = _strict(data, path, codec, len(le) if bom else 0)
    elif codec == "big5":  # the family, as in detection; the codec that decoded it is reported
        text, codec = _first_big5(data) or (_strict(data, path, codec), codec)
    else:
        text = _strict(data, path, codec)
    if text.startswith("\ufeff"):  # a BOM the codec keeps: utf-16-le's FF FE, gb18030's 84 31 95 33…
        text, bom = text[1:], True
    _check_text(text, path)
    return text, codec, bom


def _resolve(name: str) -> str | None:
    """The codec an encoding name (a user's, a page's) means, or None when it names no text encoding."""
    label = name.strip().lower()
    label = _ALIASES.get(label) or _ALIASES.get(label.replace("_", "-")) or label
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib…
        return None
    return _ALIASES.get(info.name, info.name)


def _strict(data: bytes, path: str, codec: str, start: int = 0) -> str:
    """``data[start:]`` decoded strictly; offsets in the error are the file's (``start`` skips a BOM)."""
    try:
        return data[start:].decode(codec)
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        line = _line_at(data[start:], exc.start, codec)
        bad = data[offset : offset + 4]
        if start:
            zh, en = f"文件以 {codec} 的 BOM 开头，但", f"the file starts with a {codec} BOM but has"
        else:
            zh, en = f"不是有效的 {codec} 文本：", f"not valid {codec}:"
        where = f"第 {line} 行（字节偏移 {offset}）有无效字节 {bad!r}"
        raise InputError(path, f"{zh}{where}（{en} invalid bytes at offset {offset}, line {line}）") from None
    except ValueError as exc:  # codecs that fail without a position: idna, punycode, undefined…
        raise InputError(path, f"无法用 {codec} 解码（cannot decode as {codec}: {exc}）") from None


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except ValueError:  # UnicodeDecodeError, and the UnicodeError of codecs that give no position
        return None


def _first_big5(data: bytes) -> tuple[str, str] | None:
    """Text and codec of the first of the Big5 family that decodes ``data`` (each accepts all the one before does)."""
    for codec in BIG5:
        text = _try(data, codec)
        if text is not None:
            return text, codec
    return None


def _line_at(data: bytes, offset: int, codec: str) -> int:
    """1-based line of a byte offset, counting line breaks as `nianbao.source` does."""
    try:
        prefix = data[:offset].decode(codec, errors="replace")
    except ValueError:
        prefix = data[:offset].decode("latin-1")
    return len(_LINE_BREAK.findall(prefix)) + 1


def _check_text(text: str, path: str) -> None:
    if "\x00" in text:
        raise InputError(path, _NUL)
    controls = len(_CONTROLS.findall(text))
    if controls >= 3 and controls * 100 > len(text):
        raise InputError(path, _BINARY)


def _score(codec: str, text: str, bonus: float = 0.0) -> _Candidate:
    total = 0.0
    count = 0
    for ch, n in Counter(_ASCII.sub("", text[:SCORED_CHARS])).items():
        w = _WEIGHTS.get(ch)
        if w is None:
            w = _weight(ch)
            if len(_WEIGHTS) < 100_000:  # bounded: hostile input can bring up a million distinct characters
                _WEIGHTS[ch] = w
        total += (w + bonus) * n
        count += n
    return _Candidate(codec, text, total, count)


def _with_words(c: _Candidate) -> _Candidate:
    scored = c.text[:SCORED_CHARS]
    return _Candidate(c.codec, c.text, c.total + WORD_POINTS * sum(scored.count(w) for w in _WORDS), c.count)


_WEIGHTS: dict[str, float] = {}  # filled as characters are met: a few thousand in practice

_PUNCTUATION = frozenset(
    "\u3000、。〃々〈〉《》「」『』【】〔〕〖〗〝〞—–‘’“”…‥·•‧×÷±°℃№‰§※→←↑↓■□▲△●○◎◇◆★☆\u00a0"
    "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹ①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
)


@cache
def _common() -> frozenset[str]:
    """GB2312 level 1 (rows B0–D7: the 3755 most frequent simplified characters) and Big5 level 1
    (A440–C67E: the 5401 frequent traditional ones), read from the codecs."""
    gb = bytes(b for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF) for b in (lead, trail))
    trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    pairs = [(lead, trail) for lead in range(0xA4, 0xC7) for trail in trails if (lead, trail) <= (0xC6, 0x7E)]
    big5 = bytes(b for pair in pairs for b in pair)
    return frozenset(gb.decode("gb2312", errors="ignore")) | frozenset(big5.decode("big5", errors="ignore"))


def _weight(ch: str) -> float:
    cp = ord(ch)
    if ch in _common() or ch in _PUNCTUATION or 0xFF01 <= cp <= 0xFF5E or 0xFFE0 <= cp <= 0xFFE5:
        return 1.0
    if unicodedata.category(ch) in ("Co", "Cn", "Cs", "Cc"):
        return -4.0  # private use (where the user-defined areas of GB18030 and Big5 land), unassigned, controls
    if (
        0x3400 <= cp <= 0x9FFF  # other ideographs: possible (names), but what a wrong decoding is made of
        or 0xF900 <= cp <= 0xFAFF
        or cp >= 0x20000
        or 0x3040 <= cp <= 0x30FF  # kana: Big5 read as GB18030 (rows A4, A5), GB as Big5 (rows C6, C7)
        or 0x0370 <= cp <= 0x04FF  # Greek, Cyrillic (GB rows A6, A7)
        or 0x2500 <= cp <= 0x257F  # box drawing (GB row A9)
        or 0x3100 <= cp <= 0x312F  # bopomofo
        or 0xAC00 <= cp <= 0xD7AF  # Hangul
    ):
        return -1.0
    return 0.0  # pinyin and other Latin letters, symbols: no evidence either way
