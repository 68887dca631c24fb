"""The markup tokenizer of web pages, after the WHATWG HTML tokenizer: data, character references, tags and their
attributes, comments, bogus comments, DOCTYPE, raw text of ``<script>``/``<style>``/….

Contract: `_tokenize(page, builder)` hands the builder every token in page order with its offset in the page; text
as ``(text, start, step)``, step 1 when each character stands at its own offset, 0 when all map to one (the
characters of a character reference map to its ``&``). Linear in the page; what follows an unterminated tag is
dropped, as a browser drops it.
"""

from __future__ import annotations

import re
from html.entities import html5 as _ENTITIES

from .tree import _RAW_TEXT, _SKIP, _TreeBuilder

_DATA = re.compile(r"[^<&]+")
_TAG_NAME = re.compile(r"[^\t\n\f\r />]+")
_SPACES = re.compile(r"[\t\n\f\r ]*")
_ATTR_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r /=>]*")
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*")
_COMMENT_END = re.compile(r"--!?>")
_CHARREF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
_NAMED = re.compile(r"&([a-zA-Z][a-zA-Z0-9]{0,31})(;?)")
_RAW_END: dict[str, re.Pattern[str]] = {
    tag: re.compile(rf"</{tag}(?=[\t\n\f\r />]|$)", re.IGNORECASE) for tag in _RAW_TEXT
}
# Numeric references to C1 controls mean windows-1252 characters (HTML's table).
_C1 = dict(zip(range(0x80, 0xA0), bytes(range(0x80, 0xA0)).decode("cp1252", errors="replace"), strict=True))


def _charref(digits_hex: str | None, digits: str | None) -> str:
    text = digits_hex if digits_hex is not None else digits or ""
    if len(text.lstrip("0")) > 8:  # far beyond U+10FFFF; also keeps int() away from huge strings
        return "\ufffd"
    code = int(text, 16 if digits_hex is not None else 10)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    if 0x80 <= code <= 0x9F:
        return _C1[code]
    return chr(code)


def _reference(s: str, i: int, b: _TreeBuilder) -> int:
    """A character reference at ``s[i] == "&"``: its characters all map to the ``&``."""
    m = _CHARREF.match(s, i)
    if m:
        b.text(_charref(m.group(1), m.group(2)), i, 0)
        return m.end()
    m = _NAMED.match(s, i)
    if m:
        name, semicolon = m.group(1), m.group(2)
        if semicolon and name + ";" in _ENTITIES:
            b.text(_ENTITIES[name + ";"], i, 0)
            return m.end()
        for k in range(len(name), 1, -1):  # the longest legacy name (those valid without ";"), as browsers do
            if name[:k] in _ENTITIES:
                b.text(_ENTITIES[name[:k]], i, 0)
                return i + 1 + k
    b.text("&", i, 1)
    return i + 1


def _skip_spaces(s: str, j: int) -> int:
    m = _SPACES.match(s, j)
    return m.end() if m else j


def _attributes(s: str, j: int) -> tuple[dict[str, str] | None, int]:
    """Attributes from ``j`` to the tag's ``>``: ``(attrs, offset after ">")``; offset -1 when the page ends first."""
    n = len(s)
    if j < n and s[j] == ">":
        return None, j + 1  # most tags have no attributes
    attrs: dict[str, str] | None = None
    while True:
        j = _skip_spaces(s, j)
        if j >= n:
            return attrs, -1
        c = s[j]
        if c == ">":
            return attrs, j + 1
        if c == "/":
            j += 1
            continue
        m = _ATTR_NAME.match(s, j)
        assert m is not None  # s[j] is neither space, "/" nor ">"
        name = m.group().lower()
        j = m.end()
        value = ""
        eq = _skip_spaces(s, j)
        if eq < n and s[eq] == "=":
            j = _skip_spaces(s, eq + 1)
            if j < n and s[j] in "\"'":
                close = s.find(s[j], j + 1)
                if close < 0:
                    return attrs, -1
                value = s[j + 1 : close]
                j = close + 1
            else:
                m = _UNQUOTED.match(s, j)
                assert m is not None
                value = m.group()
                j = m.end()
        if attrs is None:
            attrs = {}
        attrs.setdefault(name, value)  # the first of a repeated attribute counts


def _bogus_comment(s: str, j: int) -> int:
    end = s.find(">", j)
    return len(s) if end < 0 else end + 1


def _markup(s: str, i: int, b: _TreeBuilder) -> int:
    """A token starting with ``<`` at ``i``; returns where the next token starts."""
    n = len(s)
    c = s[i + 1] if i + 1 < n else ""
    if c != "" and (c in "/!?" or (c.isascii() and c.isalpha())):
        b.markup = True
    if c.isascii() and c.isalpha():
        m = _TAG_NAME.match(s, i + 1)
        assert m is not None
        tag = m.group().lower()
        attrs, j = _attributes(s, m.end())
        if j < 0:
            return n  # the page ends inside the tag: a browser drops it
        opened = b.start(tag, attrs, i)
        if tag in _RAW_TEXT:
            close = None if tag == "plaintext" else _RAW_END[tag].search(s, j)
            end = n if close is None else close.start()
            if end > j and (opened or tag not in _SKIP):
                b.text(s[j:end], j, 1)
            return end
        return j
    if c == "/":
        d = s[i + 2] if i + 2 < n else ""
        if d.isascii() and d.isalpha():
            m = _TAG_NAME.match(s, i + 2)
            assert m is not None
            _, j = _attributes(s, m.end())
            if j < 0:
                return n
            b.end(m.group().lower(), i)
            return j
        if d == ">":
            return i + 3
        if d == "":
            b.text("</", i, 1)
            return n
        return _bogus_comment(s, i + 2)
    if c == "!":
        if s.startswith("--", i + 2):
            if s.startswith(">", i + 4):
                return i + 5
            if s.startswith("->", i + 4):
                return i + 6
            m = _COMMENT_END.search(s, i + 4)
            return n if m is None else m.end()
        return _bogus_comment(s, i + 2)  # DOCTYPE, <![CDATA[…]> outside SVG/MathML, Word's <![if …]>
    if c == "?":
        return _bogus_comment(s, i + 1)
    b.text("<", i, 1)
    return i + 1


def _tokenize(s: str, b: _TreeBuilder) -> None:
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "<":
            i = _markup(s, i, b)
        elif c == "&":
            i = _reference(s, i, b)
        else:
            m = _DATA.match(s, i)
            assert m is not None
            b.text(m.group(), i, 1)
            i = m.end()
