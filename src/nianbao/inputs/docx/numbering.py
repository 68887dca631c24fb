"""Word's automatic numbering: the ``一、`` or ``1.`` that list numbering draws before a paragraph.

Contract: `_Numbering(numbering, styles)` reads the numbering and styles parts; ``label(p)``, called for the
paragraphs in document order, gives the number drawn before ``p`` (or ""), counting per abstract list: deeper
levels restart when a level advances, ``startOverride`` restarts a list, bullets give nothing. `_format` renders
a number in one of Word's formats (decimal, Chinese counting, 甲乙丙, letters, Roman, circled, full width).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .wordml import VAL, _int_val, _on, _w

P_PR, NUM_PR, NUM_ID, ILVL, P_STYLE = (_w(t) for t in ("pPr", "numPr", "numId", "ilvl", "pStyle"))
_CHINESE_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int) -> str:
    """一 … 九十九, 一百 …: the counting style of 一、二、 headings (十一, not 一十一)."""
    if n <= 0:
        return _CHINESE_DIGITS[0]
    if n >= 10000:
        return str(n)
    out = ""
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out += ("" if (unit == "十" and digit == 1 and not out) else _CHINESE_DIGITS[digit]) + unit
        elif out and n:
            out += "零" if not out.endswith("零") else ""
    if n:
        out += _CHINESE_DIGITS[n]
    return out


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out += numeral * count
    return out


def _letters(n: int) -> str:
    """a … z, aa … zz, aaa …: Word repeats the letter."""
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting"):
        text = _chinese(n)
        return (
            text.translate(str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟"))
            if "Legal" in fmt
            else text
        )
    if fmt == "taiwaneseCounting":
        return _chinese(n)
    if fmt in ("ideographTraditional", "ideographZodiac"):
        signs = _TIANGAN if fmt == "ideographTraditional" else _DIZHI
        return signs[(n - 1) % len(signs)] if n > 0 else str(n)
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letters = _letters(n)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    start: int
    fmt: str
    text: str
    legal: bool


class _Numbering:
    """The numbers Word draws before list paragraphs, in document order."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if numbering is not None:
            for a in numbering.iter(_w("abstractNum")):
                self.abstract[a.get(_w("abstractNumId"), "")] = self._levels(a)
            for num in numbering.iter(_w("num")):
                ref = num.find(_w("abstractNumId"))
                starts: dict[int, int] = {}
                levels: dict[int, _Level] = {}
                for override in num.iter(_w("lvlOverride")):
                    ilvl = _int_attr(override, _w("ilvl"))
                    start = override.find(_w("startOverride"))
                    if start is not None:
                        starts[ilvl] = _int_val(start, 0)
                    levels.update(self._levels(override))
                abstract = ref.get(VAL, "") if ref is not None else ""
                self.nums[num.get(_w("numId"), "")] = (abstract, starts, levels)
        if styles is not None:
            for style in styles.iter(_w("style")):
                sid = style.get(_w("styleId"), "")
                based = style.find(_w("basedOn"))
                if based is not None:
                    self.style_parent[sid] = based.get(VAL, "")
                ppr = style.find(P_PR)
                numpr = ppr.find(NUM_PR) if ppr is not None else None
                if numpr is not None:
                    self.style_num[sid] = _num_pr(numpr)

    @staticmethod
    def _levels(el: etree._Element) -> dict[int, _Level]:
        levels = {}
        for lvl in el.findall(_w("lvl")):
            fmt = lvl.find(_w("numFmt"))
            text = lvl.find(_w("lvlText"))
            levels[_int_attr(lvl, _w("ilvl"))] = _Level(
                start=_int_val(lvl.find(_w("start")), 1),
                fmt=fmt.get(VAL, "decimal") if fmt is not None else "decimal",
                text=text.get(VAL, "") if text is not None else "",
                legal=_on(lvl.find(_w("isLgl"))),
            )
        return levels

    def label(self, p: etree._Element) -> str:
        if not self.nums:
            return ""
        num_id, ilvl = self._num_of(p)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = min(ilvl or 0, 8)
        abstract, starts, overrides = self.nums[num_id]
        levels = {**self.abstract.get(abstract, {}), **overrides}
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:  # a restarted list (startOverride) begins anew
            self.started.add(num_id)
            for level, start in starts.items():
                counters[level] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # deeper levels restart after a higher one advances
        level = levels[ilvl]
        if level.fmt == "bullet":
            return ""

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            n = counters.get(k, levels[k].start)
            return str(n) if level.legal else _format(n, levels[k].fmt)

        return re.sub(r"%([1-9])", number, level.text)

    def _num_of(self, p: etree._Element) -> tuple[str | None, int | None]:
        ppr = p.find(P_PR)
        if ppr is None:
            return None, None
        numpr = ppr.find(NUM_PR)
        num_id, ilvl = _num_pr(numpr) if numpr is not None else (None, None)
        style = ppr.find(P_STYLE)
        sid = style.get(VAL, "") if style is not None else None
        for _ in range(20):  # a basedOn chain; a cycle must not hang
            if num_id is not None or sid is None:
                break
            if sid in self.style_num:
                num_id, style_ilvl = self.style_num[sid]
                ilvl = ilvl if ilvl is not None else style_ilvl
            sid = self.style_parent.get(sid)
        return num_id, ilvl


def _num_pr(numpr: etree._Element) -> tuple[str | None, int | None]:
    num_id = numpr.find(NUM_ID)
    ilvl = numpr.find(ILVL)
    return (num_id.get(VAL) if num_id is not None else None), (_int_val(ilvl, 0) if ilvl is not None else None)


def _int_attr(el: etree._Element, name: str) -> int:
    try:
        return max(0, min(int(el.get(name, "0")), 1000))
    except ValueError:
        return 0
