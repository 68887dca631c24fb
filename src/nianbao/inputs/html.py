"""Web pages: the report's text as a browser shows it, every character mapped to where it stands in the page.

Method, in four steps, each linear in the size of the page:

1. **Decode.** The page's declared charset (``<meta charset>``, ``<meta http-equiv=Content-Type>``, an XML
   declaration, in the first 8 kB of bytes, comments skipped) is passed to `decode_text` as a hint; the user's
   ``--encoding`` wins over it.
2. **Tokenize and build a tree.** A tokenizer written here after the WHATWG HTML tokenizer (data, character
   references, tags and attributes, comments, bogus comments, DOCTYPE, raw text of ``<script>``/``<style>``/…) gives
   the offset in the decoded page of every token, so each character of the text maps to the offset it came from
   (an entity's characters to the ``&`` that starts it). Tree builders do not give that: lxml keeps only
   ``sourceline``, html5lib and selectolax nothing; the stdlib ``html.parser.HTMLParser`` does report positions
   but on this interpreter (3.11.7) treats the rest of a page as text after a malformed ``&#`` that follows an
   unclosed comment, rescans to the end at each incomplete construct, and has changed its end-of-file handling
   in later patch releases — the text would depend on the Python patch level. The tree builder applies the HTML
   rules that matter for text: void elements, implied end tags (``<p>`` closed by a block, ``<li>``, ``<dd>``,
   ``<td>``/``<tr>``/``<tbody>`` closed by their siblings and by ``</table>``), element scopes (``</div>`` does
   not close anything outside the table cell it is in), end tags of inline elements ignored when a block stands
   between (mis-nesting), ``</p>`` without ``<p>`` as an empty paragraph, everything still open closed at the
   end. Scope checks are O(1) (open elements are indexed by name and by scope barrier), so the build is linear.
   Nesting deeper than ``Options.max_depth`` is *flattened*, not refused: deeper elements are not opened, their
   text goes to the deepest open element, and a deeper block still ends a line. No text is lost that way.
3. **Render** as a browser lays text out: block elements and ``<br>`` end lines, inline elements join, white
   space collapses (a line break between two East Asian wide characters disappears, as CSS Text 3 says),
   ``&nbsp;`` becomes a space, ``<pre>`` keeps its lines, no line starts or ends with a space. ``<head>``,
   ``<script>``, ``<style>``, ``<noscript>``, ``<template>``, forms' ``<select>``/``<textarea>``, frames, SVG,
   comments and hidden elements (``hidden``, ``display:none``, ``visibility:hidden``, Word's ``mso-hide:all``) are
   not shown. A data table becomes one line per row in the pipe layout of ``corpus/conforming/*_pipe.txt``: the
   row's cells joined by ``" | "`` with a trailing ``" |"``, a cell spanning rows or columns written once, and the
   row padded at its end with empty cells to the grid's width (``rowspan``/``colspan`` counted). The positions a
   spanning cell covers are *not* written as empty cells where they stand: measured, the parser then reads the
   empty positions a row label spans (``一、本年新收… |  |  | 249``) as blank values; the pipe layout it was
   built on parses cleanly. A line break inside a cell is a space (a label broken over two lines stays one label),
   a ``|`` in a cell a broken bar ``¦``. A table whose cells hold tables, lists, headings or sections, or
   page-sized content (over 400 characters, six or more blocks) lays out the page: it is read as blocks, not
   flattened into a row (a ``<p>`` or two in a cell, as Word writes them, is still data). Text in a table
   outside its cells is shown before the table, as a browser does. Characters that do not come from the page map
   to the tag that caused them: a line break to the end tag (or ``<br>``) that ended the line, the space before a
   cell to its ``<td>``, the ``" |"`` after a cell to where its content ends (so an empty cell points between its
   ``<td>`` and ``</td>``), padding to the row's end.
4. **Find the report.** Section headings (``一、总体情况`` … ``六、其他需要报告的事项``, in simplified or traditional
   script, at the start of a line) are found in the rendered page; the report is the smallest element holding
   every heading found (the longest such when several do), plus the title line before it (the nearest line
   naming a year's 政府信息公开…报告, outside links) and a signature date right after it. When fewer than two
   headings are found, the report is the whole page, less the navigation, header, footer and sidebars that hold
   neither a heading nor the title; the linter then says what is missing, and recognises the remaining chrome.
   Hidden elements are read after all when the visible page has no text, or no report where the hidden part has.

Limits: no CSS beyond inline styles (a class that hides an element hides nothing here), no scripts (text that a
script writes is not seen), no frames (a frameset page is an `InputError` naming the framed pages), ``<ol>``
numbers are not rendered, rowspans end at the end of the table (not of its ``<tbody>``); rows are padded to at
most 64 columns, and with at most 100,000 empty cells a page, so that padding cannot blow a small page up. Text
after an unterminated tag, comment or ``<script>`` is lost, as it is in a browser. Speed: about 2 MB of page a
second (tokenizing and building the tree take two thirds of it), a few milliseconds for a report's page.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from html import unescape
from html.entities import html5 as _ENTITIES

from ..source import Origin, Source
from ..syntax import pictures
from .base import InputError, Options, check_lines, check_text, line_count
from .encodings import decode_text

# --- Element categories (WHATWG HTML, "parsing HTML documents") -------------------------------------------------


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


_VOID = _tags("area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr")
# The tokenizer reads these elements' content as text up to their end tag (scripting enabled: noscript too).
_RAW_TEXT = _tags("script style xmp iframe noembed noframes noscript title textarea plaintext")
# Never shown: the head, scripts, styles, form controls, embedded and fallback content.
_SKIP = _tags(
    "#head head script style noscript template title textarea select datalist iframe object noembed noframes "
    "frameset svg math canvas audio video rt rp"
)
_HEAD_CONTENT = _tags("base basefont bgsound link meta noframes script style template title noscript")
_HEADINGS = _tags("h1 h2 h3 h4 h5 h6")
_BLOCKS = _tags(
    "address article aside blockquote body center caption dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li listing main menu nav ol p pre "
    "plaintext search section summary table tbody td tfoot th thead tr ul xmp"
)
_PRE = _tags("pre listing xmp plaintext")
# Elements that lay out a page rather than a table cell's content: a cell holding one is page layout.
_STRUCTURE = _tags("ul ol dl h1 h2 h3 h4 h5 h6 form nav header footer section article aside main fieldset")
# Start tags that close an open <p>.
_CLOSE_P = _tags(
    "address article aside blockquote center details dialog dir div dl dd dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr li listing main menu nav ol p plaintext pre search section summary "
    "table ul xmp"
)
_SPECIAL = _tags(
    "address applet area article aside base basefont bgsound blockquote body br button caption center col "
    "colgroup dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 "
    "h6 head header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed "
    "noframes noscript object ol p param plaintext pre script search section select source style summary table "
    "tbody td template textarea tfoot th thead title tr track ul wbr xmp"
)
_TABLE_PARTS = _tags("caption colgroup col tbody thead tfoot tr td th")
# Start tags that close other elements, open implied ones, or are handled apart.
_IMPLYING = _CLOSE_P | _TABLE_PARTS | _VOID | _HEADINGS | {"html", "body", "head", "frame", "iframe", "table"}
_SECTIONS = ("tbody", "thead", "tfoot")
_DEFAULT_SCOPE = _tags("applet caption html table td th marquee object template")
# Scope barriers by kind: an element is "in scope" when no barrier stands above it on the stack of open elements.
_SCOPES: dict[str, frozenset[str]] = {
    "default": _DEFAULT_SCOPE,
    "list": _DEFAULT_SCOPE | {"ol", "ul"},  # </li>
    "button": _DEFAULT_SCOPE | {"button"},  # <p>
    "table": frozenset({"html", "table", "template"}),
    "item": _SPECIAL - {"address", "div", "p"},  # <li>, <dd>, <dt> close an open one up to these
    "cell": frozenset({"caption", "table", "td", "th", "template"}),  # where table-part start tags are read
}
# The scope kinds each tag is a barrier of; other tags bar nothing.
_KINDS: dict[str, tuple[str, ...]] = {
    tag: tuple(kind for kind, tags in _SCOPES.items() if tag in tags) for tag in frozenset().union(*_SCOPES.values())
}


# --- The tree ---------------------------------------------------------------------------------------------------

Run = tuple[str, int, int]  # text, offset in the page of its first character, step (1: contiguous, 0: all one)


class _Node:
    """An element: where it starts and ends in the page, its children, and what the layout test needs."""

    __slots__ = ("attrs", "blocks", "chars", "end", "kids", "out_e", "out_s", "start", "structure", "tables", "tag")

    def __init__(self, tag: str, attrs: dict[str, str] | None, start: int) -> None:
        self.tag = tag
        self.attrs = attrs
        self.start = start  # offset of its start tag ("<")
        self.end = start  # offset of the token that closed it (its end tag, or what implied it)
        self.kids: list[_Node | Run] | None = None
        self.chars = 0  # characters of text inside, shown elements only (roughly: runs that are not all space)
        self.blocks = 0  # block elements and <br> inside
        self.tables = 0  # tables inside
        self.structure = 0  # elements that structure a page inside (lists, headings, sections, forms)
        self.out_s = -1  # range in the rendered page, once rendered
        self.out_e = -1

    def add(self, kid: _Node | Run) -> None:
        if self.kids is None:
            self.kids = [kid]
        else:
            self.kids.append(kid)

    def attr(self, name: str) -> str | None:
        return None if self.attrs is None else self.attrs.get(name)


class _Builder:
    """Builds the tree from tokens, with HTML's implied end tags and scopes (see the module docstring)."""

    def __init__(self, max_depth: int) -> None:
        self.root = _Node("#document", None, 0)
        self.stack: list[_Node] = [self.root]
        self.open: dict[str, list[int]] = {}  # tag → indices in the stack where one is open
        self.barriers: dict[str, list[int]] = {kind: [0] for kind in _SCOPES}  # the root bars every scope
        self.special = [0]
        self.max_depth = max(2, max_depth)
        self.overflow: dict[str, int] = {}  # elements not opened for depth, by tag, still to be closed
        self.frames: list[str] = []
        self.head_seen = False
        self.markup = False  # a tag, comment or declaration was seen: the page is HTML, not text with a name

    # Stack bookkeeping ------------------------------------------------------------------------------------------

    def _push(self, node: _Node) -> None:
        index = len(self.stack)
        self.stack[-1].add(node)
        self.stack.append(node)
        self.open.setdefault(node.tag, []).append(index)
        for kind in _KINDS.get(node.tag, ()):
            self.barriers[kind].append(index)
        if node.tag in _SPECIAL:
            self.special.append(index)

    def _pop(self, at: int) -> None:
        node = self.stack.pop()
        node.end = at
        self.open[node.tag].pop()
        for kind in _KINDS.get(node.tag, ()):
            self.barriers[kind].pop()
        if node.tag in _SPECIAL:
            self.special.pop()
        if node.tag not in _SKIP:
            parent = self.stack[-1]
            parent.chars += node.chars
            parent.blocks += node.blocks + (node.tag in _BLOCKS)
            parent.tables += node.tables + (node.tag == "table")
            parent.structure += node.structure + (node.tag in _STRUCTURE)

    def _pop_to(self, index: int, at: int) -> None:
        """Close the element at ``index`` of the stack and every element above it."""
        while len(self.stack) > index:
            self._pop(at)

    def _in_scope(self, tag: str, kind: str) -> int:
        """Stack index of the innermost open ``tag`` if no barrier of ``kind`` stands above it, else -1."""
        where = self.open.get(tag)
        if where and where[-1] >= self.barriers[kind][-1]:
            return where[-1]
        return -1

    def _innermost(self, tag: str, above: int) -> int:
        where = self.open.get(tag)
        return where[-1] if where and where[-1] > above else -1

    def _marker(self, at: int) -> None:
        """An empty paragraph: ends a line where nothing else would (``</p>`` alone, a block too deep to open)."""
        node = _Node("p", None, at)
        self.stack[-1].add(node)
        self.stack[-1].blocks += 1

    # Tokens -----------------------------------------------------------------------------------------------------

    def text(self, text: str, start: int, step: int) -> None:
        top = self.stack[-1]
        if top.tag == "#head" and not text.isspace():
            self._pop(start)  # text ends the head, as in a browser
            top = self.stack[-1]
        top.add((text, start, step))
        if top.tag not in _SKIP and not text.isspace():
            top.chars += len(text)

    def start(self, tag: str, attrs: dict[str, str] | None, at: int) -> bool:
        """A start tag; True when the element was opened (and receives what follows)."""
        stack = self.stack
        if tag not in _IMPLYING and stack[-1].tag != "#head" and len(stack) <= self.max_depth:
            self._push(_Node(tag, attrs, at))  # most tags (span, font, strong, a…) imply nothing
            return True
        if tag in ("html", "body"):
            if tag == "body" and stack[-1].tag == "#head":
                self._pop(at)
            return False
        if tag == "head":
            if self.head_seen or len(stack) > 1:
                return False
            self.head_seen = True
            self._push(_Node("#head", attrs, at))
            return True
        if stack[-1].tag == "#head" and tag not in _HEAD_CONTENT:
            self._pop(at)
        if tag in ("frame", "iframe"):
            src = (attrs or {}).get("src")
            if src and len(self.frames) < 5:
                self.frames.append(unescape(src).strip())
        if tag in _CLOSE_P:
            p = self._in_scope("p", "button")
            if p > 0:
                self._pop_to(p, at)
        if tag == "li":
            li = self._in_scope("li", "item")
            if li > 0:
                self._pop_to(li, at)
        elif tag in ("dd", "dt"):
            item = max(self._in_scope("dd", "item"), self._in_scope("dt", "item"))
            if item > 0:
                self._pop_to(item, at)
        elif tag in _HEADINGS and stack[-1].tag in _HEADINGS:
            self._pop(at)
        elif tag in _TABLE_PARTS:
            if not self._table_part(tag, at):
                return False
        elif tag == "table" and stack[self.barriers["cell"][-1]].tag == "table":
            self._pop_to(self.barriers["cell"][-1], at)  # a table directly in a table ends it
        if tag in _VOID:
            node = _Node(tag, attrs, at)
            stack[-1].add(node)
            if tag in ("br", "hr"):
                stack[-1].blocks += 1
            return False
        if len(stack) > self.max_depth:
            self.overflow[tag] = self.overflow.get(tag, 0) + 1
            if tag in _BLOCKS:
                self._marker(at)
            return False
        self._push(_Node(tag, attrs, at))
        return True

    def _table_part(self, tag: str, at: int) -> bool:
        """Close what a table part's start tag implies, open the row or table it needs; False to ignore it."""
        table = self._in_scope("table", "table")
        if table < 0:
            if tag not in ("tr", "td", "th"):
                return False
            # Cells outside a table: a browser drops the tags and runs the cells' text together; a table keeps
            # the numbers apart, which is what the author meant.
            self._push(_Node("table", None, at))
            table = len(self.stack) - 1
        if tag in ("caption", "colgroup", "col", *_SECTIONS):
            self._pop_to(table + 1, at)
            return tag != "colgroup"  # <colgroup> holds only <col>s: nothing to show
        row = self._innermost("tr", table) if tag != "tr" else -1
        if row > 0:  # a cell in an open row: close the open cell
            self._pop_to(row + 1, at)
            return True
        section = max(
            table, self._innermost("tbody", table), self._innermost("thead", table), self._innermost("tfoot", table)
        )
        self._pop_to(section + 1, at)
        if tag != "tr":
            self._push(_Node("tr", None, at))
        return True

    def end(self, tag: str, at: int) -> None:
        if self.overflow.get(tag):
            self.overflow[tag] -= 1
            if tag in _BLOCKS:
                self._marker(at)
            return
        if tag in ("html", "body"):
            return
        if tag == "head":
            if self.stack[-1].tag == "#head":
                self._pop(at)
            return
        if tag == "br":  # </br> is <br>
            self.start("br", None, at)
            return
        index = -1
        if tag == "p":
            index = self._in_scope("p", "button")
            if index < 0:
                self._marker(at)
                return
        elif tag == "li":
            index = self._in_scope("li", "list")
        elif tag in _HEADINGS:
            index = max(self._in_scope(h, "default") for h in _HEADINGS)
        elif tag in _TABLE_PARTS or tag == "table":
            index = self._in_scope(tag, "table")
        elif tag in _SPECIAL:
            index = self._in_scope(tag, "default")
        else:
            # Any other end tag closes the innermost element of its name, unless a special (block) element stands
            # between: then it is ignored (mis-nested inline tags).
            where = self.open.get(tag)
            if where and where[-1] > self.special[-1]:
                index = where[-1]
        if index > 0:
            self._pop_to(index, at)

    def finish(self, at: int) -> _Node:
        self._pop_to(1, at)
        return self.root


# --- The tokenizer ----------------------------------------------------------------------------------------------

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


def _reference(s: str, i: int, b: _Builder) -> int:
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


def _markup(s: str, i: int, b: _Builder) -> int:
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


def _tokenize(s: str, b: _Builder) -> None:
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


# --- Rendering --------------------------------------------------------------------------------------------------

_WS = "\t\n\f\r \x00-\x08\x0b\x0e-\x1f\x7f"  # HTML's white space, and controls a browser does not show
_WORDS = re.compile(rf"([^{_WS}]+)|[{_WS}]+")
_NBSP = re.compile(r"(\xa0+)|[^\xa0]+")
_PRE_PIECES = re.compile(r"(\r\n|\r|\n)|([ \t\xa0]+)|[^\r\n \t\xa0]+")
_WS_CHARS = "\t\n\f\r " + "".join(map(chr, (*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F)))
_NOT_ONE_WORD = re.compile(rf"[{_WS}\xa0|]")
_HIDDEN_STYLE = re.compile(r"display:none|visibility:(?:hidden|collapse)|mso-hide:all")
_CHROME_WORDS = ("nav", "menu", "header", "footer", "breadcrumb", "crumb", "sidebar", "copyright")
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary"})
MAX_COLUMNS = 64  # a table's grid is kept this wide; report tables have at most 15 columns
MAX_PADDING = 100_000  # empty cells written to give rows the grid's width, a page


def _wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in ("W", "F", "H") and not "\uac00" <= c <= "\ud7a3"


def _walk_nodes(root: _Node) -> Iterator[_Node]:
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(k for k in reversed(node.kids or ()) if isinstance(k, _Node))


def _css_hidden(css: str) -> tuple[set[str], set[str]]:
    """The classes and ids that the page's style sheets hide (``.hide{display:none}``, ``#x,
    .y{visibility:hidden}``): simple selectors only — a class or an id, with or without a tag name.
    Parsed by hand, in one pass (no pattern that could backtrack over a large sheet)."""
    classes: set[str] = set()
    ids: set[str] = set()
    out, at = [], 0
    while (i := css.find("/*", at)) >= 0:  # comments out
        out.append(css[at:i])
        j = css.find("*/", i + 2)
        at = len(css) if j < 0 else j + 2
    out.append(css[at:])
    for block in "".join(out).split("}"):
        selectors, brace, body = block.rpartition("{")[0], "{" in block, block.rpartition("{")[2]
        if not brace or "@" in selectors or not _HIDDEN_STYLE.search(re.sub(r"\s+", "", body.lower())):
            continue  # a rule inside @media print (and the like) does not hide on screen
        for selector in selectors.split("{")[-1].split(","):
            simple = _simple_selector(selector.strip())
            if simple is not None:
                (classes if simple[0] == "." else ids).add(simple[1])
    return classes, ids


def _simple_selector(selector: str) -> tuple[str, str] | None:
    """``.name``, ``#name``, ``tag.name`` or ``tag#name`` as (``.`` or ``#``, name); else None."""
    cut = min((i for i in (selector.find("."), selector.find("#")) if i >= 0), default=-1)
    if cut < 0:
        return None
    tag, name = selector[:cut], selector[cut + 1 :]
    if (tag and not (tag.isascii() and tag.isalnum())) or not name or len(name) > 100:
        return None
    if not all(c.isascii() and (c.isalnum() or c in "-_") for c in name):
        return None
    return selector[cut], name


def _apply_style_sheets(root: _Node) -> None:
    """Mark the elements that the page's ``<style>`` sheets hide as hidden (a ``hidden`` attribute)."""
    sheets = [
        "".join(k[0] for k in (n.kids or ()) if isinstance(k, tuple)) for n in _walk_nodes(root) if n.tag == "style"
    ]
    if not sheets:
        return
    classes, ids = _css_hidden("\n".join(sheets))
    if not classes and not ids:
        return
    for node in _walk_nodes(root):
        if node.attrs is None:
            continue
        names = set((node.attrs.get("class") or "").split())
        if names & classes or node.attrs.get("id") in ids:
            node.attrs["hidden"] = ""


def _hidden(node: _Node) -> bool:
    attrs = node.attrs
    if attrs is None:
        return False
    if "hidden" in attrs and attrs["hidden"].strip().lower() != "until-found":
        return True
    style = attrs.get("style")
    if not style:
        return False
    style = style.lower()
    if "none" in style or "hid" in style or "collapse" in style:  # cheap test first: most styles are not these
        return _HIDDEN_STYLE.search(re.sub(r"\s+", "", unescape(style))) is not None
    return False


def _icon(node: _Node) -> bool:
    """A small picture (an icon, a bullet): declared at most 48 pixels wide or high."""
    for name in ("width", "height"):
        size = re.match(r"\s*([0-9]+)\s*(?:px)?\s*$", node.attr(name) or "")
        if size and int(size.group(1)) <= 48:
            return True
    return False


def _chrome(node: _Node) -> bool:
    """Navigation, page header or footer, sidebar: by tag, ARIA role, or a telling class or id."""
    if node.tag in _CHROME_TAGS:
        return True
    attrs = node.attrs
    if attrs is None:
        return False
    if attrs.get("role", "").strip().lower() in _CHROME_ROLES:
        return True
    names = (attrs.get("class", "") + " " + attrs.get("id", "")).lower()
    return any(word in names for word in _CHROME_WORDS)


class _Writer:
    """Accumulates rendered text and, for each character, its offset in the page.

    Spaces are written only when text follows them on the same line, so that no line starts or ends with one and
    nothing written is taken back (element ranges recorded meanwhile stay right): a run of white space is one
    pending space, each ``&nbsp;`` one more. In a table cell (``cell``) a line break is such a space."""

    def __init__(self, cell: bool = False) -> None:
        self.cell = cell
        self.parts: list[str] = []
        self.offs = array("q")
        self.n = 0
        self.line = False  # the current line has text
        self.blank = True  # the last line written is blank (or nothing is written yet)
        self.spaces: list[int] = []  # offsets of the pending spaces
        self.soft = False  # the last pending space is collapsible white space (another run joins it)
        self.space_nl = False  # the pending white space holds a line break (dropped between two CJK characters)
        self.space_kept = False  # … or stands for a line break in a cell (never dropped)
        self.last = ""  # the last character written
        self.pre = 0  # inside <pre>
        self.block: _Node | None = None  # innermost block being written (main writer)
        self.lines: list[tuple[int, _Node | None]] = []  # start of each line with text, and its block

    def reset(self) -> None:
        self.parts.clear()
        del self.offs[:]
        self.n = 0
        self.line = False
        self._no_spaces()
        self.last = ""

    def _no_spaces(self) -> None:
        self.spaces.clear()
        self.soft = self.space_nl = self.space_kept = False

    def _emit(self, text: str, start: int, step: int) -> None:
        self.parts.append(text)
        if len(text) == 1:
            self.offs.append(start)
        elif step:
            self.offs.extend(range(start, start + len(text)))
        else:
            self.offs.extend(array("q", (start,)) * len(text))
        self.n += len(text)

    def _space(self, at: int, collapsible: bool) -> None:
        if not collapsible or not self.soft:
            self.spaces.append(at)
        self.soft = collapsible

    def _chars(self, chars: str, start: int, step: int) -> None:
        """Characters that are not spaces: the pending spaces before them first, if the line has text."""
        if self.line:
            spaces = self.spaces
            if spaces:
                cjk_break = (
                    len(spaces) == 1 and self.space_nl and not self.space_kept and _wide(self.last) and _wide(chars[0])
                )
                if not cjk_break:
                    self.parts.append(" " * len(spaces))
                    self.offs.extend(spaces)
                    self.n += len(spaces)
        else:
            self.lines.append((self.n, self.block))
            self.line = True
        self._no_spaces()
        if self.cell and "|" in chars:
            chars = chars.replace("|", "¦")  # a pipe in a cell would split it; the broken bar keeps it one cell
        self._emit(chars, start, step)
        self.last = chars[-1]

    def _word(self, word: str, start: int, step: int) -> None:
        if "\xa0" not in word:
            self._chars(word, start, step)
            return
        for m in _NBSP.finditer(word):  # no-break spaces are spaces that do not collapse
            at = start + step * m.start()
            if m.group(1):
                for k in range(len(m.group(1))):
                    self._space(at + step * k, False)
            else:
                self._chars(m.group(), at, step)

    def put(self, text: str, offs: Sequence[int]) -> None:
        """Text with its own offsets, written as is (a table row: no spaces at its ends but a row's first " |")."""
        if not self.line:
            drop = len(text) - len(text.lstrip(" "))
            text, offs = text[drop:], offs[drop:]
        if text:
            self._chars(text[0], offs[0], 0)
            self.parts.append(text[1:])
            self.offs.extend(offs[1:])
            self.n += len(text) - 1
            self.last = text[-1]

    def text(self, text: str, start: int, step: int) -> None:
        if self.pre:
            self._pre_text(text, start, step)
            return
        for m in _WORDS.finditer(text):
            word = m.group(1)
            if word is not None:
                self._word(word, start + step * m.start(), step)
            else:
                self._space(start + step * m.start(), True)
                if "\n" in m.group() or "\r" in m.group():
                    self.space_nl = True

    def _pre_text(self, text: str, start: int, step: int) -> None:
        """In <pre>: every space is kept (but at the ends of lines), every line break is one."""
        for m in _PRE_PIECES.finditer(text):
            at = start + step * m.start()
            if m.group(1):
                self.hard_break(at)
            elif m.group(2):
                for k in range(len(m.group(2))):
                    self._space(at + step * k, False)
            else:
                self._chars(m.group(), at, step)

    def soft_break(self, at: int) -> None:
        """The end of a block: a new line unless the current one is empty."""
        if self.cell:
            self._cell_break(at)
        elif self.line:
            self._emit("\n", at, 0)
            self.line = False
            self.blank = False
            self._no_spaces()

    def hard_break(self, at: int) -> None:
        """``<br>``: a new line, or one blank line (never more) when the current one is empty."""
        if self.cell:
            self._cell_break(at)
        elif self.line or not self.blank:
            self.blank = not self.line
            self._emit("\n", at, 0)
            self.line = False
            self._no_spaces()

    def _cell_break(self, at: int) -> None:
        self._space(at, True)
        self.space_kept = True


class _Renderer:
    def __init__(self, hidden: bool) -> None:
        self.hidden = hidden  # show hidden elements too
        self.nodes: list[_Node] = []  # elements rendered by the main writer, in document order
        self.links: list[_Node] = []
        self.chrome: list[_Node] = []
        self.padding = 0
        self.skipped = False  # an element was not shown for being hidden

    def render(self, root: _Node) -> _Writer:
        w = _Writer()
        self._walk(root, w, 0)
        return w

    def _open(self, node: _Node, w: _Writer, nest: int) -> bool:
        """Enter an element: True to render its children, then `_close` it."""
        tag = node.tag
        if tag in _SKIP:
            return False
        if not self.hidden and _hidden(node):
            self.skipped = True
            return False
        main = not w.cell
        if main:
            node.out_s = w.n
            self.nodes.append(node)
        if tag == "br":
            w.hard_break(node.start)
            node.out_e = w.n
            return False
        if tag == "hr":
            w.soft_break(node.start)
            node.out_e = w.n
            return False
        if tag == "img":
            # A picture in the text is shown as a line "[图片：alt]" at the tag (as text browsers show
            # it): a table published as an image is then seen where it stands (T101 says so).
            if main and not _icon(node):
                w.soft_break(node.start)
                w._chars(pictures.line(node.attr("alt")), node.start, 0)
                w.soft_break(node.end)
            node.out_e = w.n
            return False
        if tag == "table" and main and nest < 16 and not self._layout(node):
            self._table(node, w, nest + 1)
            node.out_e = w.n
            return False
        if tag in _BLOCKS:
            w.soft_break(node.start)
        if tag in _PRE:
            w.pre += 1
        if main:
            if tag == "a":
                self.links.append(node)
            elif _chrome(node):
                self.chrome.append(node)
        return True

    def _close(self, node: _Node, w: _Writer, block: _Node | None) -> None:
        if node.tag in _BLOCKS:
            w.soft_break(node.end)
        if node.tag in _PRE:
            w.pre -= 1
        if not w.cell:
            node.out_e = w.n
            w.block = block

    def _walk(self, top: _Node | Run, w: _Writer, nest: int) -> None:
        """Render an element and what it holds; iterative, so that nesting is limited by memory only."""
        if isinstance(top, tuple):
            w.text(*top)
            return
        if not self._open(top, w, nest):
            return
        frames: list[tuple[_Node, Iterator[_Node | Run], _Node | None]] = [(top, iter(top.kids or ()), w.block)]
        if top.tag in _BLOCKS and not w.cell:
            w.block = top
        while frames:
            node, kids, outer = frames[-1]
            kid = next(kids, None)
            if kid is None:
                frames.pop()
                self._close(node, w, outer)
            elif isinstance(kid, tuple):
                w.text(*kid)
            elif self._open(kid, w, nest):
                frames.append((kid, iter(kid.kids or ()), w.block))
                if kid.tag in _BLOCKS and not w.cell:
                    w.block = kid

    # Tables -----------------------------------------------------------------------------------------------------

    @staticmethod
    def _parts(table: _Node) -> tuple[list[_Node], list[list[_Node]], list[_Node | Run]]:
        """A table's captions, rows (their cells), and what stands in it outside any cell (shown before it)."""
        captions: list[_Node] = []
        rows: list[tuple[_Node, list[_Node]]] = []
        fostered: list[_Node | Run] = []

        def row(tr: _Node) -> None:
            cells: list[_Node] = []
            for kid in tr.kids or ():
                if isinstance(kid, _Node) and kid.tag in ("td", "th"):
                    cells.append(kid)
                elif not isinstance(kid, tuple) or not kid[0].isspace():
                    fostered.append(kid)
            rows.append((tr, cells))

        for kid in table.kids or ():
            if isinstance(kid, tuple):
                if not kid[0].isspace():
                    fostered.append(kid)
            elif kid.tag == "tr":
                row(kid)
            elif kid.tag in _SECTIONS:
                for sub in kid.kids or ():
                    if isinstance(sub, _Node) and sub.tag == "tr":
                        row(sub)
                    elif not isinstance(sub, tuple) or not sub[0].isspace():
                        fostered.append(sub)
            elif kid.tag == "caption":
                captions.append(kid)
            elif kid.tag != "col":
                fostered.append(kid)
        return captions, [[tr, *cells] for tr, cells in rows], fostered

    def _layout(self, table: _Node) -> bool:
        """A table that lays out a page, rather than data: a cell holds a table, lists, headings or sections, or
        page-sized content (a data cell holds a label or a number, at most in a few paragraphs: Word's <p>s)."""
        if not table.tables and not table.structure and table.chars <= 400 and table.blocks < 6:
            return False
        for kid in table.kids or ():
            if not isinstance(kid, _Node):
                continue
            rows = [kid] if kid.tag == "tr" else (kid.kids or ()) if kid.tag in _SECTIONS else ()
            for tr in rows:
                if not isinstance(tr, _Node) or tr.tag != "tr":
                    continue
                for cell in tr.kids or ():
                    if not isinstance(cell, _Node):
                        continue
                    if cell.tables or cell.structure or cell.chars > 400 or cell.blocks >= 6:
                        return True
        return False

    def _cell(self, cell: _Node, cw: _Writer, nest: int) -> tuple[str, Sequence[int]]:
        kids = cell.kids
        if kids is None:
            return "", ()
        if len(kids) == 1 and isinstance(kids[0], tuple):  # most cells: one word (a number, a label)
            text, start, step = kids[0]
            word = text.strip(_WS_CHARS)
            if word and not _NOT_ONE_WORD.search(word):
                first = start + step * (len(text) - len(text.lstrip(_WS_CHARS)))
                return word, range(first, first + len(word)) if step else array("q", (first,)) * len(word)
        cw.reset()
        for kid in cell.kids:
            if isinstance(kid, tuple):
                cw.text(*kid)
            else:
                self._walk(kid, cw, nest)
        text = "".join(cw.parts)
        stripped = text.strip(" ")
        if not stripped:
            return "", ()
        left = len(text) - len(text.lstrip(" "))
        return stripped, cw.offs[left : left + len(stripped)]

    def _table(self, table: _Node, w: _Writer, nest: int) -> None:
        captions, rows, fostered = self._parts(table)
        w.soft_break(table.start)
        for kid in fostered:
            self._walk(kid, w, nest)
        w.soft_break(table.start)
        for caption in captions:
            self._walk(caption, w, nest)
        if not self.hidden:
            rows = [[tr, *self._shown(cells)] for tr, *cells in rows]
        width = _width(rows)
        cw = _Writer(cell=True)
        for tr, *cells in rows:
            out = [self._cell(cell, cw, nest) for cell in cells]
            if not any(text for text, _ in out):
                continue  # a row with no text at all: spacing
            parts: list[str] = []
            offsets = array("q")
            for cell, (text, offs) in zip(cells, out, strict=True):
                if parts:
                    parts.append(" ")
                    offsets.append(cell.start)
                parts.append(text)
                offsets.extend(offs)
                after = offs[-1] + 1 if text else cell.end  # an empty cell: between its <td> and </td>
                parts.append(" |")
                offsets.extend((after, after))
            pad = max(0, min(width - len(cells), MAX_PADDING - self.padding))
            if pad:
                self.padding += pad
                parts.append(" |" * pad)
                offsets.extend(array("q", (tr.end,)) * (2 * pad))
            w.soft_break(tr.start)
            w.put("".join(parts), offsets)
            w.soft_break(tr.end)
        w.soft_break(table.end)

    def _shown(self, cells: list[_Node]) -> list[_Node]:
        shown = [cell for cell in cells if not _hidden(cell)]
        if len(shown) < len(cells):
            self.skipped = True
        return shown


def _width(rows: list[list[_Node]]) -> int:
    """Columns of a table's grid (at most `MAX_COLUMNS`), counting the positions that spanning cells cover."""
    spans: dict[int, int] = {}  # column → rows a cell spans down from the current row (this one included)
    width = 0
    for r, (_, *cells) in enumerate(rows):
        col = 0
        for cell in cells:
            while col in spans:
                col += 1
            colspan = min(max(_number(cell.attr("colspan"), 1), 1), 1000)
            rowspan = _number(cell.attr("rowspan"), 1)
            rowspan = len(rows) - r if rowspan == 0 else min(max(rowspan, 1), len(rows) - r)
            if rowspan > 1:
                for c in range(col, min(col + colspan, MAX_COLUMNS)):
                    spans[c] = rowspan
            col += colspan
        width = max(width, min(max(col, max(spans, default=-1) + 1), MAX_COLUMNS))
        for c in [c for c, left in spans.items() if left <= 1]:
            del spans[c]
        for c in spans:
            spans[c] -= 1
    return width


def _number(value: str | None, default: int) -> int:
    """An integer attribute as browsers read it: leading digits, the rest ignored."""
    if not value:
        return default
    m = re.match(r"\s*([0-9]{1,7})", value)
    return int(m.group(1)) if m else default


# --- Finding the report ------------------------------------------------------------------------------------------

_SEP = r"[ \u3000]*[、.．,，][ \u3000]*"
_HEADING_KEYS = (
    ("一", "总体|總體|基本情况|基本情況|概述|概况|概況"),
    ("二", "主动公开|主動公開"),
    ("三", "收到和处理|收到和處理|收到和办理|收到和辦理"),
    ("四", "行政复议|行政復議"),
    ("五", "存在的?主要问题|存在的?主要問題"),
    ("六", "其[他它]需要?报告|其[他它]需要?報告|其[他它]事项|其[他它]事項"),
)
_HEADING = re.compile(
    r"(?m)^[ \u3000]*(?:"
    + "|".join(rf"(?P<h{k}>{num}{_SEP}[^\n|]{{0,20}}?(?:{keys}))" for k, (num, keys) in enumerate(_HEADING_KEYS, 1))
    + ")"
)
_TITLE = re.compile(
    r"(?:19|20)[0-9]{2}[ ]*年[^\n]{0,40}?(?:政府信息公开|政府信息公開|政务公开|政務公開|信息公开|信息公開)"
    r"[^\n]{0,16}?(?:报告|報告)"
)
_NOT_TITLE = re.compile(r"[>»＞›]|当前位置|當前位置|相关|相關")
_DIGIT = "[0-9０-９]"
_DATE = re.compile(rf"[(（]?{_DIGIT}{{4}}[ ]*年[ ]*{_DIGIT}{{1,2}}[ ]*月[ ]*{_DIGIT}{{1,2}}[ ]*日[)）]?")


class _Page:
    """The rendered page and what was found in it."""

    def __init__(self, root: _Node, hidden: bool) -> None:
        renderer = _Renderer(hidden)
        w = renderer.render(root)
        self.text = "".join(w.parts)
        self.offs = w.offs
        self.lines = w.lines
        self.nodes = renderer.nodes
        self.links = renderer.links
        self.chrome = renderer.chrome
        self.skipped = renderer.skipped
        self.headings: dict[int, list[int]] = {}
        for m in _HEADING.finditer(self.text):
            assert m.lastgroup is not None
            self.headings.setdefault(int(m.lastgroup[1:]), []).append(m.start(m.lastgroup))

    def holds(self, start: int, end: int) -> int:
        """Bit mask of the section numbers with a heading in ``[start, end)``."""
        mask = 0
        for k, where in self.headings.items():
            i = bisect_left(where, start)
            if i < len(where) and where[i] < end:
                mask |= 1 << k
        return mask

    def report(self) -> _Node | None:
        """The smallest element holding every heading found (the longest of several), if two or more are found."""
        if len(self.headings) < 2:
            return None
        full = self.holds(0, len(self.text))
        found = [n for n in self.nodes if n.out_e > n.out_s and self.holds(n.out_s, n.out_e) == full]
        found.sort(key=lambda n: (n.out_s, -n.out_e))
        smallest = [
            a
            for a, b in zip(found, [*found[1:], None], strict=True)
            if b is None or b.out_e > a.out_e or b.out_s >= a.out_e
        ]
        return max(smallest, key=lambda n: n.out_e - n.out_s)

    def _line(self, at: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, at) + 1
        end = self.text.find("\n", at)
        return start, len(self.text) if end < 0 else end

    def _in_link(self, at: int) -> bool:
        return any(link.out_s <= at < link.out_e for link in self.links)

    def title_before(self, start: int) -> tuple[int, int] | None:
        """The nearest title line before ``start`` (at most 30 lines up), with its block when that is small."""
        lo = start
        for _ in range(30):
            if lo <= 0:
                break
            lo = self.text.rfind("\n", 0, lo - 1) + 1
        best = None
        for m in _TITLE.finditer(self.text, lo, start):
            line = self._line(m.start())
            if line[1] - line[0] <= 120 and not _NOT_TITLE.search(self.text, *line) and not self._in_link(m.start()):
                best = line
        if best is None:
            return None
        i = bisect_left(self.lines, best[0], key=lambda x: x[0])
        block = self.lines[i][1] if i < len(self.lines) and self.lines[i][0] == best[0] else None
        if block is not None and block.out_e - block.out_s <= 200 and block.out_s <= best[0] < best[1] <= block.out_e:
            return block.out_s, min(block.out_e, start)
        return best

    def signature_after(self, end: int) -> int:
        """The end of a signature date within three short lines after ``end``, else ``end``."""
        at = end
        for _ in range(3):
            while at < len(self.text) and self.text[at] == "\n":
                at += 1
            if at >= len(self.text):
                break
            line = self._line(at)
            content = self.text[line[0] : line[1]]
            if _DATE.fullmatch(content.strip(" \u3000")):
                return line[1]
            if len(content) > 30 or _NOT_TITLE.search(content) or ":" in content or "：" in content:
                break
            at = line[1]
        return end

    def segments(self) -> list[tuple[int, int]]:
        """The ranges of the rendered page that make the report."""
        node = self.report()
        if node is None:
            return self._without_chrome(0, len(self.text))
        start, end = node.out_s, node.out_e
        if start == 0 and end == len(self.text):
            return self._without_chrome(start, end)
        first = min(where[bisect_left(where, start)] for where in self.headings.values() if where[-1] >= start)
        out = []
        if not _TITLE.search(self.text, start, first):
            title = self.title_before(start)
            if title is not None:
                out.append(title)
        out.append((start, self.signature_after(end)))
        return out

    def _without_chrome(self, start: int, end: int) -> list[tuple[int, int]]:
        """``[start, end)`` less navigation, page header and footer, sidebars that hold no heading nor title."""
        cuts = []
        for node in self.chrome:
            s, e = node.out_s, node.out_e
            if e > s and not self.holds(s, e) and not _TITLE.search(self.text, s, e):
                cuts.append((s, e))
        out = []
        at = start
        for s, e in sorted(cuts):
            if s > at:
                out.append((at, s))
            at = max(at, e)
        if at < end:
            out.append((at, end))
        if not any(self.text[s:e].strip() for s, e in out):
            return [(start, end)]  # nothing but chrome: keep it, the linter says what it is
        return out


def _assemble(text: str, offs: Sequence[int], segments: list[tuple[int, int]], size: int) -> tuple[str, array[int]]:
    """The segments of the rendered page, without the line breaks and spaces at their ends, one line break between
    two (at the offset of the next one's first character), and the offset of the text's end."""
    parts: list[str] = []
    out = array("q")
    for s, e in segments:
        while s < e and text[s] in " \n":
            s += 1
        while e > s and text[e - 1] in " \n":
            e -= 1
        if s == e:
            continue
        if parts:
            parts.append("\n")
            out.append(offs[s])
        parts.append(text[s:e])
        out.extend(offs[s:e])
    out.append(min(out[-1] + 1, size) if len(out) else 0)  # the end of the text: just after its last character
    return "".join(parts), out


# --- Entry point --------------------------------------------------------------------------------------------------

_META_CHARSET = re.compile(
    rb"<meta\b[^>]*?\bcharset[\t\n\f\r ]*=[\t\n\f\r ]*[\"']?[\t\n\f\r ]*([A-Za-z0-9._:\-]+)", re.I
)
_XML_ENCODING = re.compile(
    rb"^(?:\xef\xbb\xbf)?[\t\n\r ]*<\?xml\b[^>]*?\bencoding[\t\n\r ]*=[\t\n\r ]*[\"']([A-Za-z0-9._:\-]+)", re.I
)
_COMMENTS = re.compile(rb"<!--.*?(?:-->|\Z)", re.S)


def charset_hint(data: bytes) -> str | None:
    """The charset a page declares in its first 8 kB (``<meta charset>``, ``http-equiv`` or an XML declaration)."""
    head = data[:8192]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(_COMMENTS.sub(b"", head))
    return m.group(1).decode("ascii").lower() if m else None


def extract(data: bytes, path: str, options: Options) -> Source:
    """The report in a web page, with the offset in the page of each of its characters (see the module docstring)."""
    if data.count(b"<") > options.max_tags:  # an upper bound of the tags, before any memory is spent on them
        raise InputError(path, f"网页标签超过 {options.max_tags} 个上限（more than {options.max_tags} tags）")
    page, encoding, bom = decode_text(data, path, options.encoding, hint=charset_hint(data))
    builder = _Builder(options.max_depth)
    _tokenize(page, builder)
    root = builder.finish(len(page))
    if "<style" in page or "<STYLE" in page:
        _apply_style_sheets(root)
    if not builder.markup and page.strip():
        # No markup at all: a text report named .html. A browser would run its lines together; its lines are
        # what its author wrote, so it is read as the text file it is.
        check_text(page, path, options)
        return Source(path, page, encoding, bom)
    check_lines(line_count(page), path, options)  # diagnostics show lines of the page: it is indexed
    rendered = _Page(root, hidden=False)
    if rendered.skipped and (not rendered.text.strip() or len(rendered.headings) < 2):
        # Hidden elements too: a page whose report a script reveals, or whose only text is hidden.
        with_hidden = _Page(root, hidden=True)
        if not rendered.text.strip() or len(with_hidden.headings) > max(1, len(rendered.headings)):
            rendered = with_hidden
        else:
            rendered = _Page(root, hidden=False)  # elements keep the ranges of the last rendering: redo it
    if not rendered.text.strip() and builder.frames:
        frames = "、".join(builder.frames)
        raise InputError(
            path, f"网页由框架组成，报告在框架页面中：{frames}（a frameset page: lint the framed page instead）"
        )
    check_text(rendered.text, path, options)  # (assembling adds at most a line break per block)
    text, offsets = _assemble(rendered.text, rendered.offs, rendered.segments(), len(page))
    text, offsets = _with_page_title(page, text, offsets)
    check_text(text, path, options)
    return Source(path, text, encoding, bom, origin=Origin(kind="html", original=page, offsets=offsets))


_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.I)


def _table_regions(text: str) -> list[tuple[int, int]]:
    """The ``<table>…</table>`` elements of a text, outermost only (a table without its end is not one)."""
    out = []
    depth, start = 0, 0
    for m in _TABLE_TAG.finditer(text):
        if not m.group(1):
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                out.append((start, m.end()))
    return out


def text_with_tables(text: str, options: Options) -> tuple[str, array[int]] | None:
    """A text with tables written as HTML — Markdown from a PDF converter (MinerU, marker), which keeps a
    table's merged cells that way: each table rendered as pipe rows where it stands (as in a page), the
    rest as written; for each character, its offset in ``text``. None when the text holds no table."""
    regions = _table_regions(text) if "<" in text else []
    if not regions:
        return None
    parts: list[str] = []
    offsets = array("q")
    at = 0
    for start, end in regions:
        parts.append(text[at:start])
        offsets.extend(range(at, start))
        builder = _Builder(options.max_depth)
        _tokenize(text[start:end], builder)
        w = _Renderer(hidden=False).render(builder.finish(end - start))
        rendered = "".join(w.parts)
        lo, hi = len(rendered) - len(rendered.lstrip("\n")), len(rendered.rstrip("\n"))
        if lo < hi:
            if parts and not parts[-1].endswith(("\n", "\r")) and "".join(parts):
                parts.append("\n")
                offsets.append(start)
            parts.append(rendered[lo:hi])
            offsets.extend(start + o for o in w.offs[lo:hi])
        at = end
    parts.append(text[at:])
    offsets.extend(range(at, len(text)))
    offsets.append(len(text))
    return "".join(parts), offsets


_TITLE_ELEMENT = re.compile(r"<title\b[^>]*>([^<]{0,400})</title>", re.I)
_ORGAN_TITLE = re.compile(r"[\u4e00-\u9fff（）()]{2,40}?[ ]*" + _TITLE.pattern)


def _title_element(page: str) -> tuple[int, int] | None:
    """Where the report's title stands in the page's ``<title>`` element ("…局2023年…年度报告_某某网"), if it
    names an organ and a year's report, without character references to decode."""
    m = _TITLE_ELEMENT.search(page, 0, 65536)
    if m is None or "&" in m.group(1):
        return None
    t = _ORGAN_TITLE.search(page, m.start(1), m.end(1)) or _TITLE.search(page, m.start(1), m.end(1))
    return (t.start(), t.end()) if t else None


def _with_page_title(page: str, text: str, offsets: array[int]) -> tuple[str, array[int]]:
    """A report whose body has no title line before its first heading is titled by the page's ``<title>``:
    that line first, its characters pointing into the element."""
    m = _HEADING.search(text)
    first_heading = m.start() if m else len(text)
    if _TITLE.search(text, 0, first_heading):
        return text, offsets
    where = _title_element(page)
    if where is None:
        return text, offsets
    start, end = where
    titled = array("q", range(start, end))
    titled.append(end)  # the line break after the title: the end of the element's text
    titled.extend(offsets)
    return page[start:end] + "\n" + text, titled
