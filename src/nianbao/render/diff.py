"""``nianbao diff A B``: two reports of the same organ side by side, A the earlier and B the later.

What it compares:

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
  characters; within it the changed characters are marked ``[-…-]`` (A) and ``{+…+}`` (B). The
  similarity of a section is the character-level ratio 2·M/T (matching characters of equal sentences
  plus those matched inside changed ones).

Command line (to be wired in ``cli.py``)::

    nianbao diff A B [--all] [--format text|json] [--lang zh|en] [input and configuration options]

* ``A`` and ``B``: two report files, A the earlier; both read like ``nianbao tree`` reads its file
  (``_parse(path, run.settings(path))`` with the ``config_options``, so ``--template``, ``--encoding``
  and ``--lang`` from the configuration apply).
* ``--format text`` (default): ``_console().print(render(compare(a, b), show_all=all, lang=lang))``.
  Without ``--all`` the tables show only the cells that changed (value or status) or are flagged, with
  a count of the others; long narrative passages are shortened. ``--all`` shows every cell and every
  passage in full.
* ``--format json``: ``click.echo(json.dumps(as_json(compare(a, b), lang), ensure_ascii=False,
  indent=1))``; every comparable cell is in it, whatever ``--all`` says.
* JSON layout: ``schema`` (``nianbao-diff/1``); ``a``/``b`` (``file``, ``organ``, ``year``, ``template``);
  ``notes`` (``kind``: versions, organ, year_order, same_year; ``message``); ``sections`` (``section``,
  ``title``, ``a``/``b``: ``present``, ``start_line``, ``end_line``); ``cells`` (``key``: table, block,
  group, row, column; ``a``/``b``: ``value`` (number or null), ``status`` (ok, blank, placeholder,
  invalid, unreadable, missing), ``raw``, ``line``; ``state`` (same or changed); ``change`` (B − A or
  null); ``relative`` (change / |A|, 4 places, or null); ``flag`` (null or ``{"against": [keys]}``));
  ``not_comparable`` (``table``, ``side``, ``template``, ``whole_table``, ``block``, ``group``, ``row``,
  ``columns``, ``cells``, ``message``); ``narrative`` (``section``, ``title``, ``a_present``,
  ``b_present``, ``similarity`` (0–1 or null), ``reflowed``, ``hunks``: ``op`` (replace, insert,
  delete), ``a``/``b``: ``text``, ``line``, ``column``, ``end_line``; an empty text marks where the
  other side's text would be).
* Exit code 0 whatever the differences (a diff is not a finding); 2 when a file cannot be read (the
  ``Trouble`` that ``_parse`` raises), with the usual ``nianbao: path: message`` on stderr.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from rich.console import Group as RichGroup
from rich.console import RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from .. import template as T
from ..nodes import Block, Cell, CellStatus, Chrome, Group, Header, Heading, Node, Row, Section, Signature, Table
from ..normalize import MASK
from ..pipeline import Parsed
from ..template import CellKey, Version
from .wrap import CJKText

SCHEMA = "nianbao-diff/1"
NARRATIVE_SECTIONS = (1, 5, 6)
MISSING = "missing"  # cell status of a key the report has no cell for (its row or table is missing)
SHORT = 160  # characters of a narrative passage shown without --all

Side = Literal["a", "b"]
HunkOp = Literal["replace", "insert", "delete"]

# Columns whose values are themselves changes (本年增/减): a relative change of them means nothing.
_SIGNED = frozenset(c.label.full for v in Version for b in T.TABLE2[v] for c in b.columns if c.signed)
_SENTENCE_END = frozenset("。;!?；！？")
_CLOSERS = frozenset("）)”’」』】")
_GROUP_NUMBER = re.compile(r"^（[一二三四五六七八九十]+）")
# Row labels without their optional tail, for the view: （二）部分公开 rather than its whole remark.
_SHORT_ROW = {r.label.full: r.label.numbering + r.label.text for v in Version for r in T.TABLE3_ROWS[v]}

WORDS = {
    "zh": {
        "title": "年报对比",
        "unknown_organ": "（未识别机关）",
        "year": "{year}年度",
        "format": "{version}格式",
        "sections": "章节",
        "section": "章节",
        "missing": "缺少",
        "line": "第{a}行",
        "lines": "第{a}–{b}行",
        "cells": "表格数据（变化 = B − A）",
        "table": "表{name}",
        "table_stats": "{n}格",
        "table_changed": " · {n}格有变化",
        "table_flags": " · {n}格与总计反向",
        "no_change": " · 无变化",
        "collapsed": "另有{n}格无变化（--all 全部显示）",
        "whole_table": "表{name}：两种格式的栏目不同，不可比较（A {a}格，B {b}格）",
        "only_in": "仅{side}（{version}）有：{what}（{n}格）",
        "cols_of": "{row}的{cols}",
        "h_row": "行",
        "h_column": "列",
        "h_change": "变化",
        "h_relative": "相对",
        "h_lines": "行号 A/B",
        "h_places": "位置 A/B",
        "findings": "跨年度检查（C1xx、C2xx）",
        "no_findings": "跨年度检查（C1xx、C2xx）：无发现",
        "h_flag": "注意",
        "blank": "（空）",
        "unreadable": "（无法识别）",
        "cell_missing": "（缺少）",
        "against": "⚠ 与{totals}反向",
        "narrative": "正文（忽略换行、空白和繁简差别）",
        "similarity": "相似度 {ratio}",
        "hunks": "{n}处不同",
        "hunk": "1处不同",
        "identical": "文字相同",
        "reflowed": "文字相同（只有换行、空白或繁简不同）",
        "only_side": "只有{side}有此节",
        "neither": "两份都缺此节",
        "none": "（无）",
        "more": "…（共{n}字）",
        "note_versions": "A为{a}格式，B为{b}格式：只比较两种格式共有的栏目，其余列为不可比较",
        "note_organ": "两份报告的机关不同：A为“{a}”，B为“{b}”",
        "note_year_order": "A的年度（{a}）晚于B（{b}）：A应为较早的一份",
        "note_same_year": "两份报告的年度相同（{a}）",
    },
    "en": {
        "title": "report comparison",
        "unknown_organ": "(organ not found)",
        "year": "year {year}",
        "format": "{version} template",
        "sections": "sections",
        "section": "section",
        "missing": "missing",
        "line": "line {a}",
        "lines": "lines {a}–{b}",
        "cells": "table data (change = B − A)",
        "table": "table {name}",
        "table_stats": "{n} cells",
        "table_changed": " · {n} changed",
        "table_flags": " · {n} opposite to their total",
        "no_change": " · no change",
        "collapsed": "{n} more cells unchanged (--all shows them)",
        "whole_table": "table {name}: the two templates have different columns, not comparable (A {a} cells, B {b})",
        "only_in": "only in {side} ({version}): {what} ({n} cells)",
        "cols_of": "{cols} of {row}",
        "h_row": "row",
        "h_column": "column",
        "h_change": "change",
        "h_relative": "relative",
        "h_lines": "lines A/B",
        "h_places": "places A/B",
        "findings": "checks across the two reports (C1xx, C2xx)",
        "no_findings": "checks across the two reports (C1xx, C2xx): nothing found",
        "h_flag": "note",
        "blank": "(blank)",
        "unreadable": "(unreadable)",
        "cell_missing": "(missing)",
        "against": "⚠ opposite to {totals}",
        "narrative": "narrative (line breaks, whitespace and script ignored)",
        "similarity": "similarity {ratio}",
        "hunks": "{n} differences",
        "hunk": "1 difference",
        "identical": "same text",
        "reflowed": "same text (only line breaks, whitespace or script differ)",
        "only_side": "only in {side}",
        "neither": "missing in both",
        "none": "(none)",
        "more": "… ({n} characters)",
        "note_versions": "A follows {a}, B {b}: only the cells both templates have are compared, the rest is listed",
        "note_organ": "the reports are of different organs: A “{a}”, B “{b}”",
        "note_year_order": "A's year ({a}) is later than B's ({b}): A should be the earlier report",
        "note_same_year": "both reports are of the same year ({a})",
    },
}


def _words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "zh"]


# --------------------------------------------------------------------------- the comparison


@dataclass(frozen=True, slots=True)
class Report:
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
    a: Report
    b: Report
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


def _report(p: Parsed) -> Report:
    return Report(p.source.path, p.meta.agency, p.meta.year, p.report.version)


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


# --------------------------------------------------------------------------- JSON


def _number(d: Decimal | None) -> int | float | None:
    if d is None:
        return None
    return int(d) if d == d.to_integral_value() else float(d)


def _lines_json(lines: Lines | None) -> dict[str, Any]:
    if lines is None:
        return {"present": False, "start_line": None, "end_line": None}
    out: dict[str, Any] = {"present": True, "start_line": lines.start, "end_line": lines.end}
    if lines.start_place is not None and lines.end_place is not None:
        out["start_place"], out["end_place"] = lines.start_place[0], lines.end_place[0]
    return out


def _cell_side_json(s: CellSide) -> dict[str, Any]:
    out: dict[str, Any] = {"value": _number(s.value), "status": s.status, "raw": s.raw, "line": s.line}
    if s.place is not None:
        out["place"] = s.place[0]
    return out


def _passage_json(p: Passage) -> dict[str, Any]:
    out: dict[str, Any] = {"text": p.text, "line": p.line, "column": p.column, "end_line": p.end_line}
    if p.place is not None:
        out["place"] = p.place[0]
    return out


def note_text(note: Note, lang: str) -> str:
    return _words(lang)[f"note_{note.kind}"].format(a=note.a, b=note.b)


def not_comparable_text(n: NotComparable, lang: str) -> str:
    w = _words(lang)
    if n.whole_table:
        return w["table"].format(name=n.table)
    row = _row_label(CellKey(n.table, n.block, n.group, n.row, ""))
    full = len(n.columns) == len(_columns_of(n.table, n.template))
    what = row if full else w["cols_of"].format(row=row, cols="、".join(n.columns))
    return w["only_in"].format(side=n.side.upper(), version=n.template.value, what=what, n=n.cells)


def as_json(c: Comparison, lang: str = "zh") -> dict[str, Any]:
    """The comparison as a JSON-ready dict (``schema``: ``nianbao-diff/1``); messages in ``lang``."""
    w = _words(lang)

    def report(r: Report) -> dict[str, Any]:
        return {"file": r.path, "organ": r.organ, "year": r.year, "template": r.template.value}

    return {
        "schema": SCHEMA,
        "a": report(c.a),
        "b": report(c.b),
        "notes": [{"kind": n.kind, "message": note_text(n, lang)} for n in c.notes],
        "sections": [
            {"section": s.spec.numeral, "title": s.spec.title, "a": _lines_json(s.a), "b": _lines_json(s.b)}
            for s in c.sections
        ],
        "cells": [
            {
                "key": d.key.as_dict(),
                "a": _cell_side_json(d.a),
                "b": _cell_side_json(d.b),
                "state": d.state,
                "change": _number(d.change),
                "relative": d.relative,
                "flag": {"against": [k.as_dict() for k in d.against]} if d.against else None,
            }
            for d in c.cells
        ],
        "not_comparable": [
            {
                "table": n.table,
                "side": n.side,
                "template": n.template.value,
                "whole_table": n.whole_table,
                "block": n.block,
                "group": n.group,
                "row": n.row,
                "columns": list(n.columns),
                "cells": n.cells,
                "message": _whole_table_text(c, n, w) if n.whole_table else not_comparable_text(n, lang),
            }
            for n in c.not_comparable
        ],
        "narrative": [
            {
                "section": T.section(n.number).numeral,
                "title": T.section(n.number).title,
                "a_present": n.present_a,
                "b_present": n.present_b,
                "similarity": n.similarity,
                "reflowed": n.reflowed,
                "hunks": [{"op": h.op, "a": _passage_json(h.a), "b": _passage_json(h.b)} for h in n.hunks],
            }
            for n in c.narrative
        ],
    }


def _whole_table_text(c: Comparison, n: NotComparable, w: dict[str, str]) -> str:
    counts = {x.side: x.cells for x in c.not_comparable if x.whole_table and x.table == n.table}
    return w["whole_table"].format(name=n.table, a=counts.get("a", 0), b=counts.get("b", 0))


# --------------------------------------------------------------------------- Rich


def _columns_of(table: str, version: Version) -> tuple[str, ...]:
    spec = T.table(table, version)
    return tuple(c.label.full for c in spec.columns) if spec.columns else ()


def _row_label(key: CellKey) -> str:
    """A short, unique name of the row: （三）1.属于国家秘密, 规章, 行政复议."""
    if key.table == "四":
        return key.block
    if key.group:
        m = _GROUP_NUMBER.match(key.group)
        return (m.group(0) if m else key.group + " ") + key.row
    return _SHORT_ROW.get(key.row, key.row)


def _fmt(d: Decimal) -> str:
    return format(d.normalize(), "f") if d != 0 else "0"


class _View:
    def __init__(self, c: Comparison, show_all: bool, lang: str) -> None:
        self.c = c
        self.show_all = show_all
        self.lang = "en" if lang == "en" else "zh"
        self.words = _words(self.lang)

    def w(self, key: str, **params: object) -> str:
        return self.words[key].format(**params)

    def lines(self, lines: Lines) -> str:
        if lines.start_place is not None and lines.end_place is not None:  # Word, PDF: the document's places
            i = 1 if self.lang == "en" else 0
            a, b = lines.start_place[i], lines.end_place[i]
            return a if a == b else f"{a}–{b}"
        return (
            self.w("line", a=lines.start) if lines.start == lines.end else self.w("lines", a=lines.start, b=lines.end)
        )

    def cell_at(self, s: CellSide) -> str:
        if s.place is not None:
            return s.place[1 if self.lang == "en" else 0]
        return str(s.line or "—")

    # ------------------------------------------------------------------ header

    def header(self) -> Text:
        t = Text()
        t.append(self.w("title"), style="bold")
        for name, r in (("A", self.c.a), ("B", self.c.b)):
            t.append(f"\n{name}  ", style="bold")
            t.append(r.organ or self.w("unknown_organ"), style="bold")
            year = self.w("year", year=r.year or "？")
            t.append(f" · {year} · {self.w('format', version=r.template.value)}  ")
            t.append(r.path, style="dim")
        for n in self.c.notes:
            t.append(f"\n⚠ {note_text(n, self.lang)}", style="yellow")
        return t

    def sections(self) -> RichTable:
        table = RichTable(box=None, pad_edge=False, header_style="bold")
        table.add_column(self.w("section"))
        table.add_column("A")
        table.add_column("B")
        for s in self.c.sections:
            row = [Text(f"{s.spec.numeral}、{s.spec.title}")]
            for lines in (s.a, s.b):
                if lines is None:
                    row.append(Text(f"✗ {self.w('missing')}", style="bold red"))
                else:
                    row.append(Text(f"✓ {self.lines(lines)}", style="green"))
            table.add_row(*row)
        return table

    # ------------------------------------------------------------------ cells

    def value(self, s: CellSide) -> Text:
        if s.ok and s.value is not None:
            return Text(_fmt(s.value))
        shown = {
            CellStatus.BLANK.value: self.w("blank"),
            CellStatus.UNREADABLE.value: self.w("unreadable"),
            MISSING: self.w("cell_missing"),
        }.get(s.status) or f"“{s.raw.strip()}”"
        return Text(shown, style="yellow")

    def change(self, d: CellDiff) -> tuple[Text, Text]:
        if d.change is None:
            return Text("—" if d.changed else "", style="dim"), Text("")
        if d.change == 0:
            return Text("0", style="dim"), Text("")
        sign = "+" if d.change > 0 else ""
        rel = Text(f"{d.relative * 100:+.1f}%") if d.relative is not None else Text("")
        return Text(f"{sign}{_fmt(d.change)}", style="bold"), rel

    def flag(self, d: CellDiff) -> Text:
        if not d.against:
            return Text("")
        names = []
        for k in d.against:
            # Name the total by what differs from the term: its column in the same row (总计), else its row.
            same_row = (k.block, k.group, k.row) == (d.key.block, d.key.group, d.key.row)
            names.append(f"“{k.column if same_row else _row_label(k)}”")
        return Text(self.w("against", totals="".join(names)), style="bold magenta")

    def table(self, name: str) -> RenderableType:
        cells = [d for d in self.c.cells if d.key.table == name]
        notes = [n for n in self.c.not_comparable if n.table == name]
        whole = next((n for n in notes if n.whole_table), None)
        if whole is not None:
            return Text(_whole_table_text(self.c, whole, self.words), style="yellow")
        changed = sum(1 for d in cells if d.changed)
        flagged = sum(1 for d in cells if d.against)
        title = Text(self.w("table", name=name), style="bold")
        title.append(f"  {self.w('table_stats', n=len(cells))}", style="dim")
        title.append(self.w("table_changed", n=changed) if changed else self.w("no_change"), style="dim")
        if flagged:
            title.append(self.w("table_flags", n=flagged), style="magenta")
        shown = [d for d in cells if self.show_all or d.changed or d.against]
        parts: list[RenderableType] = [title]
        if shown:
            grid = RichTable(box=None, pad_edge=False, header_style="bold", padding=(0, 1))
            grid.add_column(self.w("h_row"), max_width=36, overflow="fold")
            grid.add_column(self.w("h_column"), max_width=28, overflow="fold")
            grid.add_column("A", justify="right", no_wrap=True)
            grid.add_column("B", justify="right", no_wrap=True)
            grid.add_column(self.w("h_change"), justify="right", no_wrap=True)
            grid.add_column(self.w("h_relative"), justify="right", no_wrap=True)
            placed = any(d.a.place is not None or d.b.place is not None for d in shown)
            grid.add_column(self.w("h_places" if placed else "h_lines"), no_wrap=True)
            grid.add_column(self.w("h_flag"))
            previous = None
            for d in shown:
                row = _row_label(d.key)
                change, rel = self.change(d)
                lines = f"{self.cell_at(d.a)}/{self.cell_at(d.b)}"
                grid.add_row(
                    CJKText(row if row != previous else ""),  # broken between words, never inside one
                    CJKText(d.key.column),
                    self.value(d.a),
                    self.value(d.b),
                    change,
                    rel,
                    Text(lines, style="dim"),
                    self.flag(d),
                )
                previous = row
            parts.append(grid)
        hidden = len(cells) - len(shown)
        if hidden and shown:
            parts.append(Text(self.w("collapsed", n=hidden), style="dim"))
        for n in notes:
            parts.append(Text(not_comparable_text(n, self.lang), style="yellow"))
        return RichGroup(*parts)

    # ------------------------------------------------------------------ narrative

    def marked(self, mine: Passage, other: Passage, side: Side) -> Text:
        """The passage with the characters that differ from the other side marked."""
        t = Text()
        text = mine.text
        if not text:
            t.append(self.w("none"), style="dim")
            return t
        open_, close, style = ("[-", "-]", "red") if side == "a" else ("{+", "+}", "green")
        runs = _changed_runs(mine.folded, other.folded, side)
        limit = len(text) if self.show_all else SHORT
        pos = 0
        for start, end in runs:
            if pos >= limit:
                break
            t.append(text[pos : min(start, limit)])
            if start < limit:
                t.append(open_ + text[start : min(end, limit)] + close, style=f"bold {style}")
            pos = end
        if pos < limit:
            t.append(text[pos:limit])
        if len(text) > limit:
            t.append(self.w("more", n=len(text)), style="dim")
        return t

    def hunk(self, h: Hunk) -> RichTable:
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column(overflow="fold")
        sides: tuple[tuple[str, Passage, Passage, Side], ...] = (("A", h.a, h.b, "a"), ("B", h.b, h.a, "b"))
        for name, mine, other, side in sides:
            where = Lines(mine.line, mine.end_line, mine.place, mine.end_place)
            grid.add_row(f"{name} {self.lines(where)}", CJKText(self.marked(mine, other, side)))
        return grid

    def narrative(self) -> list[RenderableType]:
        out: list[RenderableType] = [Text(self.w("narrative"), style="bold")]
        for n in self.c.narrative:
            spec = T.section(n.number)
            head = Text(f"{spec.numeral}、{spec.title}  ", style="bold")
            if n.similarity is None:
                side = "A" if n.present_a else "B" if n.present_b else ""
                head.append(self.w("only_side", side=side) if side else self.w("neither"), style="yellow")
                out.append(head)
                continue
            head.append(self.w("similarity", ratio=f"{n.similarity * 100:.1f}%"), style="dim")
            if n.hunks:
                head.append(f" · {self.w('hunks' if len(n.hunks) > 1 else 'hunk', n=len(n.hunks))}", style="dim")
            else:
                head.append(f" · {self.w('reflowed' if n.reflowed else 'identical')}", style="green")
            out.append(head)
            out.extend(self.hunk(h) for h in n.hunks)
        return out

    # ------------------------------------------------------------------ whole

    def render(self) -> RichGroup:
        parts: list[RenderableType] = [self.header(), Text(""), self.sections(), Text("")]
        parts.append(Text(self.w("cells"), style="bold"))
        for name in ("二", "三", "四"):
            parts.append(self.table(name))
        parts.append(Text(""))
        parts.extend(self.narrative())
        return RichGroup(*parts)


def _changed_runs(mine: str, other: str, side: Side) -> list[tuple[int, int]]:
    """Ranges of ``mine`` that differ from ``other``; matches of one or two characters between two
    changes count as changed, or common characters (的, ，) would chop a rewritten clause into bits.
    A range that cuts a number is widened to the whole number (254 → 262, not 2[54] → 2[62])."""
    if not other:
        return [(0, len(mine))] if mine else []
    a, b = (mine, other) if side == "a" else (other, mine)
    blocks = [m for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size]
    kept = [m for m in blocks if m.size > 2 or _at_edge(m, a, b)]
    runs: list[tuple[int, int]] = []
    pos = 0
    for m in kept:
        start = m.a if side == "a" else m.b
        if start > pos:
            runs.append(_whole_numbers(mine, pos, start))
        pos = start + m.size
    if pos < len(mine):
        runs.append(_whole_numbers(mine, pos, len(mine)))
    merged: list[tuple[int, int]] = []
    for start, end in runs:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _whole_numbers(s: str, start: int, end: int) -> tuple[int, int]:
    while 0 < start < len(s) and _number_char(s[start - 1]) and _number_char(s[start]):
        start -= 1
    while 0 < end < len(s) and _number_char(s[end - 1]) and _number_char(s[end]):
        end += 1
    return start, end


def _number_char(ch: str) -> bool:
    return ch.isdigit() or ch == "."


def _at_edge(m: difflib.Match, a: str, b: str) -> bool:
    # A short match at the start or end of both passages is no island between changes.
    return (m.a == 0 and m.b == 0) or (m.a + m.size == len(a) and m.b + m.size == len(b))


def render(
    c: Comparison, *, show_all: bool = False, lang: str = "zh", findings: Sequence[Finding] | None = None
) -> RichGroup:
    """The comparison as a Rich renderable: header, sections, tables, narrative, and the findings
    of the checks across the two reports (``findings``; None: not asked for)."""
    view = _View(c, show_all, lang).render()
    if findings is None:
        return view
    return RichGroup(view, Text(""), *_findings(findings, "en" if lang == "en" else "zh"))


@dataclass(frozen=True, slots=True)
class Finding:
    """A diagnostic of a check across reports on side A or B, where it is."""

    side: Side
    code: str
    severity: str
    message: str  # in the view's language
    where: str  # line:column, or the page and line of a Word or PDF document


def _findings(findings: Sequence[Finding], lang: str) -> list[RenderableType]:
    w = _words(lang)
    if not findings:
        return [Text(w["no_findings"], style="bold")]
    styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column()
    for f in findings:
        t = Text()
        t.append(f"{f.code} [{f.severity}] ", style=styles.get(f.severity, ""))
        t.append(f.message)
        grid.add_row(f"{f.side.upper()} {f.where}", CJKText(t))
    return [Text(w["findings"], style="bold"), grid]
