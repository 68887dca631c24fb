"""The element tree of a web page, built from the tokenizer's tokens by HTML's tree-building rules.

Contract: `_TreeBuilder` receives the tokens in page order (``text``, ``start``, ``end``), each with its offset in
the decoded page, and ``finish`` returns the root `_Node`. It applies what matters for text: void elements,
implied end tags, element scopes, mis-nested inline end tags ignored, ``</p>`` alone as an empty paragraph,
everything still open closed at the end; nesting deeper than ``max_depth`` is flattened (no text is lost). Every
node knows the offsets of its start tag and of the token that closed it, and counts what the layout test of
tables needs (characters, blocks, tables and page structure inside). Scope checks are O(1): the build is linear.
The element categories (WHATWG HTML, "parsing HTML documents") are defined here for the other modules too.
"""

from __future__ import annotations

from html import unescape

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


class _TreeBuilder:
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
