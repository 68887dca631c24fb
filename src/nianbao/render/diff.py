"""``nianbao diff A B``: two reports of the same organ side by side, A the earlier and B the later.

What is compared — sections, every table cell, template versions, the narrative — is stated in
`nianbao.compare.diff`; this module shows its `Comparison` as text (Rich) or JSON. A changed
sentence is shown whole in both versions; within it the changed characters
(`nianbao.compare.runs`) are marked ``[-…-]`` (A) and ``{+…+}`` (B).

Command line::

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

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rich.console import Group as RichGroup
from rich.console import RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from .. import template as T
from ..compare.diff import (
    MISSING,
    CellDiff,
    CellSide,
    ComparedReport,
    Comparison,
    Hunk,
    Lines,
    NotComparable,
    Note,
    Passage,
    Side,
)
from ..compare.runs import changed_runs
from ..syntax.nodes import CellStatus
from ..template import CellKey, Version
from .diff_words import WORDS
from .wrap import CJKText

SCHEMA = "nianbao-diff/1"
SHORT = 160  # characters of a narrative passage shown without --all
_GROUP_NUMBER = re.compile(r"^（[一二三四五六七八九十]+）")
_SHORT_ROW = {r.label.full: r.label.numbering + r.label.text for v in Version for r in T.TABLE3_ROWS[v]}


def _words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "zh"]


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

    def report(r: ComparedReport) -> dict[str, Any]:
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


class _DiffView:
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
        runs = changed_runs(mine.folded, other.folded, side)
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


def render(
    c: Comparison, *, show_all: bool = False, lang: str = "zh", findings: Sequence[DiffFinding] | None = None
) -> RichGroup:
    """The comparison as a Rich renderable: header, sections, tables, narrative, and the findings
    of the checks across the two reports (``findings``; None: not asked for)."""
    view = _DiffView(c, show_all, lang).render()
    if findings is None:
        return view
    return RichGroup(view, Text(""), *_findings(findings, "en" if lang == "en" else "zh"))


@dataclass(frozen=True, slots=True)
class DiffFinding:
    """A diagnostic of a check across reports on side A or B, where it is."""

    side: Side
    code: str
    severity: str
    message: str  # in the view's language
    where: str  # line:column, or the page and line of a Word or PDF document


def _findings(findings: Sequence[DiffFinding], lang: str) -> list[RenderableType]:
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
