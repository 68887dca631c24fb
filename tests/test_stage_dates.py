"""Dates as written (`nianbao.syntax.dates`): Arabic and Chinese numerals, and dates that do not exist."""

from __future__ import annotations

from datetime import date

import pytest

from nianbao.syntax.dates import DATE, value

CASES = [
    pytest.param("2022年1月18日", date(2022, 1, 18), id="arabic"),
    pytest.param("2022 年 1 月 18 日", date(2022, 1, 18), id="arabic-spaced"),
    pytest.param("二〇二二年一月十八日", date(2022, 1, 18), id="chinese"),
    pytest.param("二○二三年十二月三十一日", date(2023, 12, 31), id="white-circle-zero"),
    pytest.param("二零二一年三月一日", date(2021, 3, 1), id="ling-zero"),
    pytest.param("二〇二四年十月十日", date(2024, 10, 10), id="ten-alone"),
    pytest.param("二〇二四年二月二十九日", date(2024, 2, 29), id="leap-day"),
    pytest.param("二〇二四年十一月二十日", date(2024, 11, 20), id="twenty"),
    pytest.param("二〇二三年二月二十九日", None, id="no-such-day"),
    pytest.param("2023年2月30日", None, id="arabic-no-such-day"),
    pytest.param("二〇二三年十三月一日", None, id="no-thirteenth-month"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_date_value(text: str, expected: date | None) -> None:
    m = DATE.fullmatch(text)
    assert m is not None
    assert value(m) == expected


@pytest.mark.parametrize("text", ["2022年1月", "二〇二二年", "第三十条", "十八日", "一二三年一月一日"])
def test_not_a_date(text: str) -> None:
    assert DATE.search(text) is None
