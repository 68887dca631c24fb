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

Limits: CSS only as far as hiding goes (inline styles, and ``.class`` and ``#id`` selectors of ``<style>``
sheets), no scripts (text that a script writes is not seen), no frames (a frameset page is an `InputError`
naming the framed pages), ``<ol>`` numbers are not rendered, rowspans end at the end of the table (not of its
``<tbody>``); rows are padded to at most 64 columns, and with at most 100,000 empty cells a page, so that
padding cannot blow a small page up. Text after an unterminated tag, comment or ``<script>`` is lost, as it is
in a browser. Speed: about 2 MB of page a second (tokenizing and building the tree take two thirds of it), a
few milliseconds for a report's page."""

from __future__ import annotations

import re

from ...source import Origin, Source
from ..base import InputError, Options, check_lines, check_text, line_count
from ..encodings import decode_text
from .locate import _assemble, _PageLocator, _with_page_title, text_with_tables
from .style import _apply_style_sheets
from .tokenizer import _tokenize
from .tree import _TreeBuilder

__all__ = ["charset_hint", "extract", "text_with_tables"]

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
    builder = _TreeBuilder(options.max_depth)
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
    rendered = _PageLocator(root, hidden=False)
    if rendered.skipped and (not rendered.text.strip() or len(rendered.headings) < 2):
        # Hidden elements too: a page whose report a script reveals, or whose only text is hidden.
        with_hidden = _PageLocator(root, hidden=True)
        if not rendered.text.strip() or len(with_hidden.headings) > max(1, len(rendered.headings)):
            rendered = with_hidden
        else:
            rendered = _PageLocator(root, hidden=False)  # elements keep the ranges of the last rendering: redo it
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
