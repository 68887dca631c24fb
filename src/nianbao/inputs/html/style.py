"""What a web page hides, and what of it is page chrome, decided element by element.

Contract: `_apply_style_sheets` marks as hidden (a ``hidden`` attribute) the elements that the page's ``<style>``
sheets hide through a simple class or id selector, outside ``@`` rules; `_hidden` says whether an element is
hidden by its attributes or inline style (``hidden``, ``display:none``, ``visibility:hidden``, ``mso-hide:all``);
`_icon` whether a picture is declared small enough to be an icon; `_chrome` whether an element is navigation, a
page header or footer, or a sidebar. Style sheets are parsed by hand, in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

from .tree import _Node

_HIDDEN_STYLE = re.compile(r"display:none|visibility:(?:hidden|collapse)|mso-hide:all")
_CHROME_WORDS = ("nav", "menu", "header", "footer", "breadcrumb", "crumb", "sidebar", "copyright")
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary"})


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
