"""The patterns the lexer reads cells and free text with: numbers as reports write them,
placeholders, the signs of prose, remarks and notes, where a cell may end.

Every pattern is linear on its worst inputs (tests/test_robustness.py times them)."""

from __future__ import annotations

import re

from .normalize import MASK

# The units a cell may give after its number; PDF text may space their characters ("万 元").
UNIT = r"(?:亿[ ]?元|万[ ]?元|元|件|个|项|条|次|起|宗|笔|人[ ]?次)"
# A number as reports write it in a cell. A digit followed by "." or "、" and a Han character is
# the numbering of the next row label ("…00000002.其他法律…"), never part of the number.
_DIGIT = r"(?:[0-9](?![ ]?[.、][ ]?[\u4e00-\u9fff]))"
# A comma that does not group thousands ("5,52", "55,2") makes the cell unreadable rather than a
# shorter number: NUM never ends just before ",digit".
_NUM = re.compile(
    rf"(?:[增减+\-][ ]?)?(?>{_DIGIT}+(?:,(?=[0-9]{{3}}(?![0-9]))[0-9]{{3}})*)(?![,][0-9])(?:\.{_DIGIT}+)?"
    rf"(?:[ ]?{UNIT})?"
)
_SENTENCE = re.compile(r"[^0-9。：:；;|\r\n]{3,58}[。：:；;]")
_SIGNED_NEXT = re.compile(r"[增减][ ]?[0-9]")
# A year that ends a run of digits ("…2000002" + "2025年，…") and prose that follows a number.
_YEAR_END = re.compile(r"(?:19|20)[0-9]{2}$")
# (not a counter or unit after the number: "2019年河北省…", "30余件" are prose and text)
_PROSE_AHEAD = re.compile(
    r"(?![年月日号时分秒余多个件条项次人家户元万亿千百届期批名位])(?:[\u4e00-\u9fff]{6,}|[\u4e00-\u9fff]{2,}[，,。；;：:])"
)
# A numbered item after a number ("…000000000000000五、信息处理费收取情况"): the number ends there.
_NUMBERED_NEXT = re.compile(r"[一二三四五六七八九十]{1,2}[、.]")
_PLACEHOLDER = re.compile(r"—+|–|―|─|\\|/|-(?![0-9])|无(?!正当)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A placeholder that words or a sentence's end follow is text: "无。", "无此类情况".
_WORDS_AFTER = re.compile(r"[\u4e00-\u9fff。，,；;！!？?]")
_PROSE_PUNCT = re.compile(r"[。；;！？!?]|[,，:：](?![0-9])[^\s]{2}|[:：][ ]*$")  # "5,52" is a bad number, not prose
# a remark in brackets right after a label: no digit (a cell), no line break, no pipe inside
# (masked characters, as of pinyin annotations "公開(kāi)(區(qū)分…", are not counted)
_REMARK = re.compile(rf"[ ]{{0,2}}{MASK}{{0,12}}[（(](?:[^0-9０-９()（）|\r\n{MASK}]{MASK}{{0,8}}){{2,40}}[）)]")
_NOTE = re.compile(r"(?:注|说明|备注)[ ]*[:：]")
_SEPARATOR_SPACES = re.compile(r" {2,}")
_GAP_CHARS = frozenset(" \t\r\n" + MASK)
_DELIMITER_ROW = "|-: \t" + MASK  # the characters of a Markdown table's delimiter row
_LINE_END = frozenset("\r\n")
# Words that make a number approximate ("约3", "超过10"): such a cell is no value, and its number
# is not another cell.
_APPROXIMATE = re.compile(r"约|大约|近|将近|逾|超过|不足|不到")
_CELL_END = re.compile(r"[|\r\n]| (?= )")  # where a cell may end: see LineMap.chunk_end
_VALUE_CELL = re.compile(r"[增减+\-]?[ ]?[0-9][0-9,. ]*(?:亿元|万元|元|件|个)?|[\\/—–\-]+|无")
# What follows a label that stands as a table line: nothing, a cell separator or a value.
_TABLE_LINE_REST = re.compile(rf"[ {MASK}]*(?:$|\||[0-9]|[\\/—–\-]|无(?![\u4e00-\u9fff]))")
_CLAUSE_PUNCT = re.compile(r"[。，；;：:！？!?]|,(?![0-9])")
# Five or more bare numbers after a sentence's end, fifteen digits run together (table 四's cells,
# longer than any phone number), or any number after "如下：" ("as follows:"): values, not the
# sentence's
_VALUES_AFTER_SENTENCE = re.compile(
    r"(?<=[。：:；;])[ ]*(?=[0-9]+(?:[ ]+[0-9]+){4}|[0-9]{15})|(?<=如下[：:])[ ]*(?=[0-9]+(?![0-9]*[年月日]))"
)
_NUMBERING = re.compile(
    r"^(?:[0-9]{1,2}(?:[.、]|,(?=[\u4e00-\u9fff]))|\([一二三四五六七八九十]\)|[一二三四五六七八九十][、.])"
)  # ("3,申请…": OCR's comma for the dot)


def unnumbered(text: str) -> str:
    """``text`` after the row numbering it opens with ("1.", "（一）", "一、", OCR's "3,"), if any."""
    words = text.lstrip(" " + MASK)
    return words[m.end() :] if (m := _NUMBERING.match(words)) else words
