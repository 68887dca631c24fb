"""Where the findings, their related places and the set-aside stretches are in a report's text, and
each line of the text cut at those places into marked segments.

Every position is an offset into `Source.text` that other views show as line:column: a
`Diagnostic`'s span and its `Related` spans, the spans of `Chrome` nodes in the tree, the pinyin
and Markdown spans of `Normalized`, and (`Elsewhere`) the line and column another report's finding
gives for a place in this one, mapped back to an offset by `offset_at`. Nothing here decides where
a finding is; it only cuts the text where the findings say.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from ...diagnostics import Diagnostic, Severity
from ...source import Source

SEV = {Severity.ERROR: "e", Severity.WARNING: "w", Severity.INFO: "i"}
_RANK = {"e": 0, "w": 1, "i": 2}
_BREAKS = frozenset("\r\n")


def esc(text: object) -> str:
    """Report text (or anything) as HTML text or a quoted attribute value."""
    return escape(str(text), quote=True)


@dataclass(frozen=True, slots=True)
class Mark:
    """A stretch of the text to mark: a finding (``f``), a place related to one (``r``), text set
    aside (``a``), or a place another report's finding points at (``x``)."""

    start: int
    end: int
    kind: str
    ref: int  # the finding's index (f, r), the incoming reference's (x); -1 for text set aside
    cls: str  # severity letter (f), set-aside kind (a), "" otherwise
    anchor: str  # id of the anchor placed where the mark begins ("" for none)
    title: str = ""


def finding_marks(prefix: str, diagnostics: Sequence[Diagnostic]) -> list[Mark]:
    """A mark for every finding and every related place, anchored ``{prefix}m{k}`` and ``{prefix}m{k}r{j}``."""
    out = []
    for k, d in enumerate(diagnostics):
        out.append(Mark(d.span.start, d.span.end, "f", k, SEV[d.severity], f"{prefix}m{k}", d.code))
        for j, r in enumerate(d.related):
            out.append(Mark(r.span.start, r.span.end, "r", k, "", f"{prefix}m{k}r{j}"))
    return out


def aside_marks(spans: Iterable[tuple[str, int, int]], titles: dict[str, str]) -> list[Mark]:
    """Greyed marks for what the checks set aside: (kind, start, end) with kind chrome, pinyin or markup."""
    return [Mark(s, e, "a", -1, kind, "", titles[kind]) for kind, s, e in spans if e > s]


def offset_at(source: Source, line: int, column: int, order: list[tuple[int, int]] | None = None) -> int:
    """The offset in ``source.text`` of the 1-based line and column that `Source.position` gives (of
    the page, for a web page); the nearest following character when none maps there exactly.
    ``order`` is `page_order` of the source, for a web page (computed here when not given)."""
    o = source.origin
    if o is not None and o.offsets is not None and o.lines is not None:
        row = min(max(line, 1), len(o.lines)) - 1
        target = o.lines.starts[row] + column - 1
        pairs = order if order is not None else page_order(source)
        i = bisect_left(pairs, (target, -1))
        return pairs[i][1] if i < len(pairs) else len(source.text)
    row = min(max(line, 1), len(source.lines)) - 1
    start = source.lines.starts[row]
    return min(start + max(column, 1) - 1, source.lines.ends[row] if row + 1 < len(source.lines) else len(source.text))


def page_order(source: Source) -> list[tuple[int, int]]:
    """(offset in the page, offset in the text) of every character of an extracted web page, sorted:
    extracted text is not in page order everywhere (text around a table is shown before it, the
    title may come from <title>)."""
    offsets = source.origin.offsets if source.origin is not None else None
    return sorted((p, t) for t, p in enumerate(offsets)) if offsets is not None else []


def normalise(marks: Iterable[Mark], text: str) -> list[Mark]:
    """Marks sorted by start; a mark that covers line breaks only becomes a caret where it starts
    (it would otherwise show on no line)."""
    out = []
    for m in marks:
        if m.end > m.start and all(ch in _BREAKS for ch in text[m.start : m.end]):
            m = Mark(m.start, m.start, m.kind, m.ref, m.cls, m.anchor, m.title)
        out.append(m)
    return sorted(out, key=lambda m: (m.start, m.end))


class Cutter:
    """Cuts the lines of one text, in order, into HTML segments marked by the marks that cover them."""

    def __init__(self, text: str, marks: list[Mark]) -> None:
        self.text = text
        self.marks = marks  # normalised: sorted by start
        self.next = 0  # the first mark not yet taken into `active`
        self.active: list[Mark] = []
        self.anchored: set[str] = set()

    def line(self, ls: int, le: int) -> str:
        """The HTML of the text ``[ls, le)`` (a line without its break), marks cut to it; each mark's
        anchor where it first shows. A mark that shows on no character of the line (zero width, or in
        the line break before it) is a caret."""
        while self.next < len(self.marks) and self.marks[self.next].start <= le:
            self.active.append(self.marks[self.next])
            self.next += 1
        here = self.active
        self.active = [m for m in here if m.end > le]  # what goes on past this line
        if not here:
            return esc(self.text[ls:le])
        carets = [m for m in here if m.end <= max(m.start, ls) or m.end <= ls]
        spans = [m for m in here if m.end > max(m.start, ls)]
        cuts = {ls, le}
        for m in spans:
            cuts.add(max(m.start, ls))
            cuts.add(min(m.end, le))
        for m in carets:
            cuts.add(max(m.start, ls))
        points = sorted(cuts)
        out: list[str] = []
        for a, b in zip(points, [*points[1:], None], strict=True):
            out.extend(self._caret(m) for m in carets if max(m.start, ls) == a)
            for m in spans:
                if max(m.start, ls) == a and m.anchor and m.anchor not in self.anchored:
                    self.anchored.add(m.anchor)
                    out.append(f'<a class="an" id="{m.anchor}"></a>')
            if b is not None:
                out.append(self._segment(self.text[a:b], [m for m in spans if m.start <= a and m.end >= b]))
        return "".join(out)

    def _caret(self, m: Mark) -> str:
        self.anchored.add(m.anchor)
        ident = f' id="{m.anchor}"' if m.anchor else ""
        data = f' data-f="{m.ref}"' if m.kind == "f" else f' data-r="{m.ref}"' if m.kind == "r" else ""
        cls = f"caret s{m.cls}" if m.kind == "f" else f"caret k{m.kind}"
        return f'<span class="{cls}"{ident}{data} title="{esc(m.title)}"></span>'

    @staticmethod
    def _segment(text: str, covering: list[Mark]) -> str:
        if not covering:
            return esc(text)
        classes = []
        attrs = []
        found = [m for m in covering if m.kind == "f"]
        if found:
            worst = min((m.cls for m in found), key=_RANK.__getitem__)
            classes.append(f"f s{worst}")
            attrs.append(f'data-f="{" ".join(str(m.ref) for m in found)}"')
        related = [m for m in covering if m.kind == "r"]
        if related:
            classes.append("rel")
            attrs.append(f'data-r="{" ".join(sorted({str(m.ref) for m in related}))}"')
        aside = [m for m in covering if m.kind == "a"]
        if aside:
            classes.append(f"aside {aside[0].cls}")
            attrs.append(f'title="{esc(aside[0].title)}"')
        incoming = [m for m in covering if m.kind == "x"]
        if incoming:
            classes.append("xref")
            attrs.append(f'data-x="{" ".join(str(m.ref) for m in incoming)}"')
        return f'<span class="{" ".join(classes)}" {" ".join(attrs)}>{esc(text)}</span>'

    def rest(self) -> str:
        """Anchors of marks past the end of the text (an empty report's findings): carets at the end."""
        out = []
        for m in [*self.active, *self.marks[self.next :]]:
            if m.anchor and m.anchor not in self.anchored:
                out.append(self._caret(Mark(m.start, m.start, m.kind, m.ref, m.cls, m.anchor, m.title)))
        self.next = len(self.marks)
        self.active = []
        return "".join(out)
