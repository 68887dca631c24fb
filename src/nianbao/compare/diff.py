"""The comparison behind ``nianbao diff A B``: two reports of the same organ, A the earlier.

What it compares (`compare` returns a `Comparison`; `nianbao.render.diff` shows it as text or JSON):

* **sections** 一…六: present or not in each file, with their line ranges;
* **every table cell** (tables 二, 三, 四) in the template's order: both values and statuses, the change
  B − A and the relative change (not for 本年增/减, itself a change, nor from 0). A cell that is blank,
  a placeholder, text, unreadable or missing on either side has no change: it is shown as it is, never
  as 0. A cell whose change has the opposite sign to the change of a total it adds up to (the sums of
  `template.relations`: row totals, （七）总计, the totals of table 四) is flagged;
* **template versions**: when A and B follow different versions only the cells whose canonical keys
  exist in both are compared; the others are listed as not comparable (all of table 二, （六）其他处理
  of table 三; table 四 is the same);
* **narrative** of sections 一, 五 and 六, on the analysis text (simplified, width-folded) with every
  whitespace character removed, so re-wrapping, indentation and traditional script make no
  difference. Text is split into sentences at 。；！？ and the sentences are aligned with difflib: a
  changed sentence is shown whole in both versions, which reads better in Chinese than scattered
  characters. The similarity of a section is the character-level ratio 2·M/T (matching characters
  of equal sentences plus those matched inside changed ones).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .. import template as T
from ..pipeline import Parsed
from ..syntax.nodes import Block, Cell, CellStatus, Chrome, Group, Header, Heading, Node, Row, Section, Signature, Table
from ..syntax.normalize import MASK
from ..template import CellKey, Version

NARRATIVE_SECTIONS = (1, 5, 6)
MISSING = "missing"  # cell status of a key the report has no cell for (its row or table is missing)

Side = Literal["a", "b"]
HunkOp = Literal["replace", "insert", "delete"]

# Columns whose values are themselves changes (本年增/减): a relative change of them means nothing.
_SIGNED = frozenset(c.label.full for v in Version for b in T.TABLE2[v] for c in b.columns if c.signed)
_SENTENCE_END = frozenset("。;!?；！？")
_CLOSERS = frozenset("）)”’」』】")
# Row labels without their optional tail, for the view: （二）部分公开 rather than its whole remark.


# --------------------------------------------------------------------------- the comparison


@dataclass(frozen=True, slots=True)
class ComparedReport:
    """Who and what one side is."""

    path: str
    organ: str | None
    year: int | None
    template: Version  # the version its tables were read with


@dataclass(frozen=True, slots=True)
class Note:
    """A remark on the pair as a whole; ``kind`` selects the message, ``a``/``b`` fill it."""

    kind: Literal["versions", "organ", "year_order", "same_year"]
    a: str = ""
    b: str = ""


Where = tuple[str, str]  # a place in a Word or PDF document, in Chinese and English (第1页第21行, page 1, line 21)


@dataclass(frozen=True, slots=True)
class Lines:
    start: int
    end: int
    start_place: Where | None = None  # for Word and PDF: the document's own places, not the extracted lines
    end_place: Where | None = None


def _where(p: Parsed, offset: int) -> Where | None:
    place = p.source.place(offset)
    return (place.zh, place.en) if place is not None else None


@dataclass(frozen=True, slots=True)
class SectionPresence:
    number: int
    a: Lines | None  # None: the section is missing
    b: Lines | None

    @property
    def spec(self) -> T.SectionSpec:
        return T.section(self.number)


@dataclass(frozen=True, slots=True)
class CellSide:
    """One side of a cell: its status (a `CellStatus` value, or ``missing``), value and line."""

    status: str
    value: Decimal | None = None  # only for status ok
    raw: str = ""
    line: int | None = None
    place: Where | None = None  # Word, PDF

    @property
    def ok(self) -> bool:
        return self.status == CellStatus.OK.value


@dataclass(frozen=True, slots=True)
class CellDiff:
    key: CellKey
    a: CellSide
    b: CellSide
    change: Decimal | None  # B − A, when both are numbers
    relative: float | None  # change / |A|, rounded to 4 places, when meaningful
    against: tuple[CellKey, ...] = ()  # totals whose change has the opposite sign

    @property
    def changed(self) -> bool:
        """The value or the way it is written changed (two identical blanks are no change)."""
        if self.a.ok and self.b.ok:
            return self.change != 0
        return self.a.status != self.b.status or self.a.raw.strip() != self.b.raw.strip()

    @property
    def state(self) -> Literal["same", "changed"]:
        return "changed" if self.changed else "same"


@dataclass(frozen=True, slots=True)
class NotComparable:
    """Cells one side has and the other's template has not: a whole table, or (part of) one row."""

    table: str
    side: Side
    template: Version
    cells: int
    whole_table: bool = False
    block: str = ""
    group: str = ""
    row: str = ""
    columns: tuple[str, ...] = ()  # the columns concerned; all of the row's when it is missing entirely


@dataclass(frozen=True, slots=True)
class Passage:
    """One side of a narrative hunk: the text without whitespace, and where it starts and ends.

    An empty passage (an insertion on the other side) is the place where the text would be."""

    text: str  # the original characters (traditional script stays traditional)
    folded: str  # the same characters of the analysis text, used for matching
    line: int
    column: int
    end_line: int
    place: Where | None = None  # Word, PDF: where it starts and ends in the document
    end_place: Where | None = None


@dataclass(frozen=True, slots=True)
class Hunk:
    op: HunkOp
    a: Passage
    b: Passage


@dataclass(frozen=True, slots=True)
class NarrativeDiff:
    number: int
    present_a: bool
    present_b: bool
    similarity: float | None  # None when the section is missing on one side
    reflowed: bool  # equal after folding, different as written (line breaks, spaces, script)
    hunks: tuple[Hunk, ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    a: ComparedReport
    b: ComparedReport
    notes: tuple[Note, ...]
    sections: tuple[SectionPresence, ...]
    cells: tuple[CellDiff, ...]  # every comparable cell, in the template's order
    not_comparable: tuple[NotComparable, ...]
    narrative: tuple[NarrativeDiff, ...]


# --------------------------------------------------------------------------- compare


def compare(a: Parsed, b: Parsed) -> Comparison:
    """Compare report A (the earlier) with report B (the later). Never raises for parsed input."""
    ra, rb = _report(a), _report(b)
    return Comparison(
        a=ra,
        b=rb,
        notes=_notes(a, b),
        sections=tuple(SectionPresence(n, _lines(a, _section(a, n)), _lines(b, _section(b, n))) for n in range(1, 7)),
        cells=_cells(a, b),
        not_comparable=_not_comparable(ra.template, rb.template),
        narrative=tuple(_narrative(a, b, n) for n in NARRATIVE_SECTIONS),
    )


def _report(p: Parsed) -> ComparedReport:
    return ComparedReport(p.source.path, p.meta.agency, p.meta.year, p.report.version)


def _notes(a: Parsed, b: Parsed) -> tuple[Note, ...]:
    out = []
    va, vb = a.report.version, b.report.version
    if va != vb:
        out.append(Note("versions", va.value, vb.value))
    oa, ob = a.meta.agency_simplified, b.meta.agency_simplified
    if oa and ob and oa != ob:
        out.append(Note("organ", a.meta.agency or oa, b.meta.agency or ob))
    ya, yb = a.meta.year, b.meta.year
    if ya is not None and yb is not None:
        if ya > yb:
            out.append(Note("year_order", str(ya), str(yb)))
        elif ya == yb:
            out.append(Note("same_year", str(ya), str(yb)))
    return tuple(out)


def _section(p: Parsed, number: int) -> Section | None:
    # A section found out of its place is still the report's section (as in the tree view).
    found = p.report.sections.get(number)
    return found or next((s for s in p.report.all(Section) if s.number == number), None)


def _lines(p: Parsed, section: Section | None) -> Lines | None:
    if section is None:
        return None
    span = section.span
    last = max(span.start, span.end - 1)
    return Lines(
        p.source.position(span.start).line, p.source.position(last).line, _where(p, span.start), _where(p, last)
    )


# ----------------------------------------------------------------- cells


def comparable_keys(va: Version, vb: Version) -> tuple[CellKey, ...]:
    """The cell keys both versions have, in the template's order (the same in both)."""
    theirs = set(T.all_cells(vb))
    return tuple(k for k in T.all_cells(va) if k in theirs)


def _cell_map(p: Parsed) -> dict[CellKey, Cell]:
    out: dict[CellKey, Cell] = {}
    for c in p.report.cells():
        out.setdefault(c.key, c)  # a duplicated row: the first one is the table's
    return out


def _side(p: Parsed, cell: Cell | None) -> CellSide:
    if cell is None:
        return CellSide(MISSING)
    line = p.source.position(cell.span.start).line
    value = cell.value if cell.status is CellStatus.OK else None
    return CellSide(cell.status.value, value, cell.raw, line, _where(p, cell.span.start))


def _relative(key: CellKey, a: Decimal, change: Decimal) -> float | None:
    if a == 0 or key.column in _SIGNED:
        return None
    return float(round(change / abs(a), 4))


def _cells(a: Parsed, b: Parsed) -> tuple[CellDiff, ...]:
    keys = comparable_keys(a.report.version, b.report.version)
    ca, cb = _cell_map(a), _cell_map(b)
    sides = {k: (_side(a, ca.get(k)), _side(b, cb.get(k))) for k in keys}
    changes: dict[CellKey, Decimal] = {}
    for k, (sa, sb) in sides.items():
        if sa.value is not None and sb.value is not None:
            changes[k] = sb.value - sa.value
    against = _against(changes, a.report.version, b.report.version)
    out = []
    for k in keys:
        sa, sb = sides[k]
        change = changes.get(k)
        relative = _relative(k, sa.value, change) if change is not None and sa.value is not None else None
        out.append(CellDiff(k, sa, sb, change, relative, tuple(against.get(k, ()))))
    return tuple(out)


def _sign(d: Decimal) -> int:
    return (d > 0) - (d < 0)


def _against(changes: dict[CellKey, Decimal], va: Version, vb: Version) -> dict[CellKey, list[CellKey]]:
    """Terms whose change has the opposite sign to the change of a total they add up to.

    A relation with one key on a side is a sum (total = terms); A101 (一+二 = （七）+四) has two keys
    on each side and no single total, so it is not used. Across versions, only the pairs of a term
    and its total that both versions have are compared."""
    seen: set[tuple[tuple[CellKey, ...], tuple[CellKey, ...]]] = set()
    out: dict[CellKey, list[CellKey]] = {}
    for rel in (*T.relations(va), *T.relations(vb)):
        if (rel.lhs, rel.rhs) in seen:
            continue
        seen.add((rel.lhs, rel.rhs))
        if len(rel.lhs) == 1:
            total, terms = rel.lhs[0], rel.rhs
        elif len(rel.rhs) == 1:
            total, terms = rel.rhs[0], rel.lhs
        else:
            continue
        td = changes.get(total)
        if td is None or td == 0:
            continue
        for term in terms:
            d = changes.get(term)
            if d is not None and _sign(d) == -_sign(td) and total not in out.get(term, []):
                out.setdefault(term, []).append(total)
    return out


def _not_comparable(va: Version, vb: Version) -> tuple[NotComparable, ...]:
    if va == vb:
        return ()
    common = set(comparable_keys(va, vb))
    out: list[NotComparable] = []
    for name in ("二", "三", "四"):
        ka, kb = T.table(name, va).cells, T.table(name, vb).cells
        if not any(k in common for k in ka):
            out.append(NotComparable(name, "a", va, len(ka), whole_table=True))
            out.append(NotComparable(name, "b", vb, len(kb), whole_table=True))
            continue
        sides: tuple[tuple[Side, Version, tuple[CellKey, ...]], ...] = (("a", va, ka), ("b", vb, kb))
        for side, version, keys in sides:
            rows: dict[tuple[str, str, str], list[str]] = {}
            for k in keys:
                if k not in common:
                    rows.setdefault((k.block, k.group, k.row), []).append(k.column)
            for (block, group, row), columns in rows.items():
                out.append(NotComparable(name, side, version, len(columns), False, block, group, row, tuple(columns)))
    return tuple(out)


# ----------------------------------------------------------------- narrative

# Parts of a section that are not its prose.
_NOT_PROSE = (Heading, Chrome, Table, Section, Row, Block, Group, Header, Signature)


def _prose_leaves(section: Section) -> Iterator[Node]:
    stack: list[Iterator[Node]] = [iter(section.children)]
    while stack:
        for node in stack[-1]:
            if isinstance(node, _NOT_PROSE):
                continue
            if node.children:
                stack.append(iter(node.children))
                break
            yield node
        else:
            stack.pop()


@dataclass(frozen=True, slots=True)
class _Prose:
    """A section's prose without whitespace: the analysis characters and their offsets."""

    folded: str
    offsets: tuple[int, ...]
    written: str  # the prose as written, whitespace included (to tell a re-wrap from no change)
    end: int  # offset just after the prose (where an insertion at its end is placed)


def _prose(p: Parsed, section: Section) -> _Prose:
    analysis, text = p.normalized.analysis, p.source.text
    chars: list[str] = []
    offsets: list[int] = []
    written: list[str] = []
    end = section.span.end
    for leaf in _prose_leaves(section):
        written.append(text[leaf.span.start : leaf.span.end])
        for i in range(leaf.span.start, leaf.span.end):
            ch = analysis[i]
            if ch != MASK and not ch.isspace():
                chars.append(ch)
                offsets.append(i)
                end = i + 1
    if not offsets:
        heading = section.heading
        end = heading.span.end if heading is not None else section.span.start
    return _Prose("".join(chars), tuple(offsets), "".join(written), end)


def _sentences(s: str) -> list[tuple[int, int]]:
    """Sentence boundaries of whitespace-free text: after 。；！？, with closing quotes and brackets."""
    out: list[tuple[int, int]] = []
    start, i, n = 0, 0, len(s)
    while i < n:
        if s[i] in _SENTENCE_END:
            i += 1
            while i < n and (s[i] in _CLOSERS or (s[i] == '"' and s[start:i].count('"') % 2 == 1)):
                i += 1
            out.append((start, i))
            start = i
        else:
            i += 1
    if start < n:
        out.append((start, n))
    return out


def _passage(p: Parsed, prose: _Prose, start: int, end: int) -> Passage:
    if start >= end:  # an empty passage: the place of the next character, or the end of the prose
        at = prose.offsets[start] if start < len(prose.offsets) else prose.end
        pos = p.source.position(at)
        return Passage("", "", pos.line, pos.column, pos.line, _where(p, at), _where(p, at))
    first, last = prose.offsets[start], prose.offsets[end - 1]
    pos = p.source.position(first)
    text = "".join(p.source.text[o] for o in prose.offsets[start:end])
    line, end_line = pos.line, p.source.position(last).line
    return Passage(text, prose.folded[start:end], line, pos.column, end_line, _where(p, first), _where(p, last))


def _narrative(a: Parsed, b: Parsed, number: int) -> NarrativeDiff:
    sa, sb = _section(a, number), _section(b, number)
    if sa is None or sb is None:
        return NarrativeDiff(number, sa is not None, sb is not None, None, False)
    pa, pb = _prose(a, sa), _prose(b, sb)
    if pa.folded == pb.folded:
        return NarrativeDiff(number, True, True, 1.0, pa.written != pb.written)
    bounds_a, bounds_b = _sentences(pa.folded), _sentences(pb.folded)
    sents_a = [pa.folded[i:j] for i, j in bounds_a]
    sents_b = [pb.folded[i:j] for i, j in bounds_b]
    matcher = difflib.SequenceMatcher(None, sents_a, sents_b, autojunk=False)
    matched = 0
    hunks = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            matched += sum(len(s) for s in sents_a[i1:i2])
            continue
        # Character offsets of the sentence runs; an empty run sits before the next sentence.
        a1 = bounds_a[i1][0] if i1 < len(bounds_a) else len(pa.folded)
        a2 = bounds_a[i2 - 1][1] if i2 > i1 else a1
        b1 = bounds_b[j1][0] if j1 < len(bounds_b) else len(pb.folded)
        b2 = bounds_b[j2 - 1][1] if j2 > j1 else b1
        if op == "replace":
            chars = difflib.SequenceMatcher(None, pa.folded[a1:a2], pb.folded[b1:b2], autojunk=False)
            matched += sum(m.size for m in chars.get_matching_blocks())
        kind: HunkOp = "replace" if op == "replace" else "insert" if i1 == i2 else "delete"
        hunks.append(Hunk(kind, _passage(a, pa, a1, a2), _passage(b, pb, b1, b2)))
    total = len(pa.folded) + len(pb.folded)
    ratio = round(2 * matched / total, 4) if total else 1.0
    return NarrativeDiff(number, True, True, ratio, False, tuple(hunks))
