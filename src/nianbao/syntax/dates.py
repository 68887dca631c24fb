"""Dates as reports write them: ``2022年1月18日``, and in Chinese numerals, as official documents
sign them: ``二〇二二年一月十八日`` (〇, ○ and 零 for zero; 十 forms for months and days).

`DATE` finds either form (its groups: ``y m d`` or ``cy cm cd``); `value` gives the date, or
None for one that does not exist (2月30日).
"""

from __future__ import annotations

import re
from datetime import date

_ZERO = "〇○零Ｏ0"
_DIGITS = {**dict.fromkeys(_ZERO, 0), **{c: i + 1 for i, c in enumerate("一二三四五六七八九")}}
_CN_YEAR = rf"[一二][{_ZERO}一二三四五六七八九]{{3}}"
_CN_SMALL = r"(?:[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"  # 1–39; what no date has is refused by value()

DATE_PATTERN = (
    r"(?:(?P<y>(?:19|20)[0-9]{2})[ ]*年[ ]*(?P<m>[0-9]{1,2})[ ]*月[ ]*(?P<d>[0-9]{1,2})[ ]*日"
    rf"|(?P<cy>{_CN_YEAR})年(?P<cm>{_CN_SMALL})月(?P<cd>{_CN_SMALL})日)"
)
DATE = re.compile(DATE_PATTERN)


def _small(text: str) -> int:
    """一 … 三十九: 十 alone is 10, a digit before it the tens, a digit after it the units."""
    if "十" not in text:
        return _DIGITS[text]
    tens, _, units = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def value(m: re.Match[str]) -> date | None:
    """The date a match of `DATE` names, if it exists."""
    try:
        if m.group("y"):
            return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        year = int("".join(str(_DIGITS[c]) for c in m.group("cy")))
        return date(year, _small(m.group("cm")), _small(m.group("cd")))
    except ValueError:
        return None
