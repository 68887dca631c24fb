"""Where the report stands in a rendered web page; and tables written as HTML inside a text.

Contract: `_PageLocator(root, hidden)` renders the tree and finds the section headings in it; ``segments`` gives
the ranges of the rendered text that make the report (the smallest element holding every heading found, with the
title line before it and a signature date after it; else the page less its chrome), `_assemble` joins them into
the report's text with the page offset of each character, and `_with_page_title` puts the title from the page's
``<title>`` first when the body has no title line before its first heading. `text_with_tables` renders each
``<table>`` element of a text (Markdown from a PDF converter) as pipe rows where it stands, the rest as written.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Sequence

from ..base import Options
from .render import _Renderer
from .tokenizer import _tokenize
from .tree import _Node, _TreeBuilder

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


class _PageLocator:
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
        builder = _TreeBuilder(options.max_depth)
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
