"""A picture of a report as a line of its text: ``[图片]``, or ``[图片：alt]`` with its description.

The readers of web pages and Word documents write each picture so, where it stands (as a text
browser shows it), and some crawlers leave the same line. The lexer reads such a line as text,
never as a table cell, and T101 says that a table published as a picture is one.
"""

from __future__ import annotations

import re

MAX_ALT = 40  # characters of the description kept
LINE = re.compile(r"\[图片(?:[:：][^\]\r\n]{0,60})?\]")


def line(alt: str | None) -> str:
    """The line for a picture described by ``alt`` (brackets in it become parentheses)."""
    text = " ".join((alt or "").replace("[", "(").replace("]", ")").split())[:MAX_ALT]
    return f"[图片：{text}]" if text else "[图片]"
