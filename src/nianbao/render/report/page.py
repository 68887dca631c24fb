"""One report's page: a header (organ, year, template, counts, what the text is, what was set aside),
the outline (front, the six sections, their tables) for navigation, and the text as published,
line by line, each finding underlined where its span is with its note in the margin beside the
line; a table's lines replaced by the table drawn as a grid (`tables`), its lines as published kept
below it, folded.

Ids (``r{i}`` is the report's): ``r{i}l{n}`` text line n, ``r{i}f{k}`` the note of finding k,
``r{i}m{k}`` where its span begins, ``r{i}m{k}r{j}`` its related place j, ``r{i}T{n}`` table n,
``r{i}c{n}`` a grid cell, ``r{i}y{n}`` a place another report's finding n points at, ``r{i}z{n}``
the note that says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ... import template as T
from ...diagnostics import Diagnostic, Located
from ...pipeline import Parsed
from ...syntax.nodes import Chrome, Front, Section, Table
from .marks import SEV, Cutter, Mark, aside_marks, esc, finding_marks, normalise, offset_at, page_order
from .tables import arithmetic, first_cells, grid_of, relation_of, render_grid


@dataclass(frozen=True)
class Incoming:
    """A place in this report that a finding of another report of the file points at."""

    line: int
    column: int
    end_line: int
    end_column: int
    report: int  # the index of the report whose finding points here
    finding: int
    text: str  # who points here and why: organ, year, code, message


@dataclass(frozen=True)
class Head:
    """What the summary row says of the report (`render.summary.SummaryRow`), for the page's header."""

    organ: str | None
    year: int | None
    template: str | None
    errors: int
    warnings: int
    infos: int
    read_share: float | None


def render_page(
    i: int,
    parsed: Parsed,
    diagnostics: Sequence[Diagnostic],
    head: Head,
    incoming: Sequence[Incoming],
    targets: dict[tuple[int, int], str],
    words: dict[str, str],
    lang: str,
    neighbours: tuple[int | None, int | None],
) -> str:
    """The ``<section>`` of report ``i``. ``targets`` maps (finding, elsewhere index) to the anchor of
    that place in another report of the file."""
    return _ReportPage(i, parsed, list(diagnostics), head, incoming, targets, words, lang).html(neighbours)


class _ReportPage:
    def __init__(
        self,
        i: int,
        parsed: Parsed,
        diagnostics: list[Diagnostic],
        head: Head,
        incoming: Sequence[Incoming],
        targets: dict[tuple[int, int], str],
        words: dict[str, str],
        lang: str,
    ) -> None:
        self.i, self.p = i, f"r{i}"
        self.parsed, self.source = parsed, parsed.source
        self.d, self.head, self.incoming, self.targets = diagnostics, head, list(incoming), targets
        self.w, self.lang = words, lang
        src = self.source
        self.line_of = lambda offset: src.lines.line_of(min(offset, len(src.text)))
        self.cells = first_cells(parsed.report)
        self.blocks = self._blocks()
        self.tables = [t for _, _, ts in self.blocks for t in ts]  # drawn as grids, in order
        self.in_block: dict[int, int] = {}  # finding → block index
        self.in_table: dict[int, int] = {}  # finding → index in `tables`
        for k, d in enumerate(self.d):
            b = self._block_of_line(self.line_of(d.span.start))
            if b is not None:
                self.in_block[k] = b
                self.in_table[k] = self._table_of(b, d.span.start)
        related_cells: dict[tuple[int, int], list[int]] = {}
        for k, d in enumerate(self.d):
            for r in d.related:
                related_cells.setdefault((r.span.start, r.span.end), []).append(k)
        counter = [0]
        self.grids = [
            grid_of(t, [k for k, n_ in self.in_table.items() if n_ == n], self.d, parsed.report.version,
                    related_cells, self.p, counter)
            for n, t in enumerate(self.tables)
        ]  # fmt: skip
        self.cell_at: dict[tuple[int, int], str] = {}  # a cell's span → its id
        for g in self.grids:
            for row in g.rows:
                for c in row.cells:
                    self.cell_at.setdefault((c.span.start, c.span.end), g.cell_ids[id(c)])
        self.xref_cells: dict[int, list[str]] = {}  # id(cell) → anchors of places other reports point at
        order = page_order(src) if self.incoming and src.origin is not None else None  # once per page
        self.incoming_at: list[tuple[int, int]] = [
            (offset_at(src, x.line, x.column, order), offset_at(src, x.end_line, x.end_column, order))
            for x in self.incoming
        ]

    # ------------------------------------------------------------------ layout

    def _blocks(self) -> list[tuple[int, int, list[Table]]]:
        """The lines the tables cover, with the tables drawn there: tables that share a line (run-on
        text puts all three on one) are one block, their grids one after the other."""
        out: list[tuple[int, int, list[Table]]] = []
        for t in sorted(self.parsed.report.all(Table), key=lambda t: t.span.start):
            first = self.line_of(t.span.start)
            last = self.line_of(max(t.span.start, t.span.end - 1))
            if out and first <= out[-1][1]:
                a, b, ts = out[-1]
                out[-1] = (a, max(b, last), [*ts, t])
            else:
                out.append((first, last, [t]))
        return out

    def _table_of(self, b: int, offset: int) -> int:
        """The index in `tables` of the table of block ``b`` a place belongs to: the one it lies in,
        else the last one before it."""
        base = sum(len(ts) for _, _, ts in self.blocks[:b])
        ts = self.blocks[b][2]
        for n, t in enumerate(ts):
            if t.span.start <= offset < t.span.end:
                return base + n
        before = [n for n, t in enumerate(ts) if t.span.start <= offset]
        return base + (before[-1] if before else 0)

    def _block_of_line(self, line: int) -> int | None:
        for n, (first, last, _) in enumerate(self.blocks):
            if first <= line <= last:
                return n
        return None

    def _cell_of(self, start: int, end: int) -> tuple[int, str] | None:
        """The grid cell whose text a place covers: (id(cell), element id)."""
        for g in self.grids:
            for row in g.rows:
                for c in row.cells:
                    if c.span.start <= start < c.span.end or (c.span.start, c.span.end) == (start, end):
                        return id(c), g.cell_ids[id(c)]
        return None

    def _marks(self) -> list[Mark]:
        marks = finding_marks(self.p, self.d)
        chrome = [("chrome", c.span.start, c.span.end) for c in self.parsed.report.all(Chrome)]
        norm = self.parsed.normalized
        pinyin = [("pinyin", s.start, s.end) for s in norm.pinyin]
        markup = [("markup", s.start, s.end) for s in norm.markup]
        titles = {k: self.w[f"kind_{k}"] for k in ("chrome", "pinyin", "markup")}
        marks += aside_marks([*chrome, *pinyin, *markup], titles)
        for n, (start, end) in enumerate(self.incoming_at):
            anchor = f"{self.p}y{n}"
            cell = self._cell_of(start, end) if self._block_of_line(self.line_of(start)) is not None else None
            if cell is not None:  # the grid cell holds the anchor; the text is marked all the same
                self.xref_cells.setdefault(cell[0], []).append(anchor)
                anchor = ""
            marks.append(Mark(start, max(start, end), "x", n, "", anchor))
        return normalise(marks, self.source.text)

    # ------------------------------------------------------------------ parts

    def where(self, offset: int) -> str:
        place = self.source.place(offset)
        if place is not None:
            return place.en if self.lang == "en" else place.zh
        pos = self.source.position(offset)
        return f"{pos.line}:{pos.column}"

    def lines_label(self, first: int, last: int) -> str:
        a = self.source.position(self.source.lines.starts[first]).line
        b = self.source.position(self.source.lines.starts[last]).line
        return self.w["line"].format(a=a) if a == b else self.w["lines"].format(a=a, b=b)

    def note(self, k: int) -> str:
        d = self.d[k]
        loc = Located.of(d, self.source)
        at = loc.where(self.lang) or f"{loc.line}:{loc.column}"
        target = f"{self.p}m{k}"
        if k in self.in_block and d.cell is not None:
            found = self.cell_at.get((d.span.start, d.span.end))
            target = found or target
        sev = SEV[d.severity]
        out = [
            f'<div class="note s{sev}" id="{self.p}f{k}" data-f="{k}" data-code="{esc(d.code)}" '
            f'data-sev="{d.severity.value}">',
            f'<div class="nh"><a class="code" href="#{target}">{esc(d.code)}</a> '
            f'<span class="sev">{esc(self.w[d.severity.value])}</span> <span class="at">{esc(at)}</span></div>',
            f'<div class="msg">{esc(d.text(self.lang))}</div>',
        ]
        rel = relation_of(d, self.parsed.report.version)
        formula = arithmetic(rel, self.cells) if rel is not None else None
        if formula:
            out.append(f'<div class="arith" title="{esc(rel.what if rel else "")}">{esc(formula)}</div>')
        if d.related:
            links = []
            short = len(d.related) > 2  # the terms of a sum: their places, their labels on hover
            for j, r in enumerate(d.related):
                to = self.cell_at.get((r.span.start, r.span.end)) or f"{self.p}m{k}r{j}"
                at, label = esc(self.where(r.span.start)), esc(r.text(self.lang))
                links.append(
                    f'<a href="#{to}" title="{label}">{at}</a>' if short else f'<a href="#{to}">{at} {label}</a>'
                )
            out.append(f'<div class="see">{esc(self.w["see"])}{("、" if short else "；").join(links)}</div>')
        for j, e in enumerate(d.elsewhere):
            label = f"{e.path}:{e.line}:{e.column} {e.text(self.lang)}"
            to = self.targets.get((k, j))
            link = f'<a href="#{to}">{esc(label)}</a>' if to else esc(label)
            out.append(f'<div class="else">{esc(self.w["elsewhere_here"])}{link}</div>')
        helps = [(self.w["help"], d.help_text(self.lang)), (self.w["basis"], d.note_text(self.lang))]
        helps = [(a, b) for a, b in helps if b]
        if helps:
            body = "".join(f"<p>{esc(a)}{esc(b)}</p>" for a, b in helps)
            out.append(f'<details class="more"><summary>{esc(self.w["more"])}</summary>{body}</details>')
        out.append("</div>")
        return "".join(out)

    def incoming_note(self, n: int) -> str:
        x = self.incoming[n]
        return (
            f'<div class="note sx" id="{self.p}z{n}">{esc(self.w["refby"])}'
            f'<a href="#r{x.report}f{x.finding}">{esc(x.text)}</a></div>'
        )

    def line_html(self, cut: Cutter, n: int, notes: list[str]) -> str:
        ls, le = self.source.lines.starts[n], self.source.lines.ends[n]
        gutter = self.source.position(ls).line
        body = cut.line(ls, le)
        side = f'<div class="ns">{"".join(notes)}</div>' if notes else ""
        return (
            f'<div class="l" id="{self.p}l{n + 1}"><span class="g">{gutter}</span>'
            f'<span class="t">{body}</span>{side}</div>'
        )

    # ------------------------------------------------------------------ whole

    def text(self) -> str:
        cut = Cutter(self.source.text, self._marks())
        notes_at: dict[int, list[str]] = {}
        for k, d in enumerate(self.d):
            if k not in self.in_block:
                notes_at.setdefault(self.line_of(d.span.start), []).append(self.note(k))
        whole_in: dict[int, list[str]] = {}  # table → notes of places another report points at
        for n, (start, _) in enumerate(self.incoming_at):
            line = self.line_of(start)
            b = self._block_of_line(line)
            where = (
                whole_in.setdefault(self._table_of(b, start), []) if b is not None else notes_at.setdefault(line, [])
            )
            where.append(self.incoming_note(n))
        out: list[str] = []
        total = len(self.source.lines)
        line = 0
        blocks = iter(enumerate(self.blocks))
        pending = next(blocks, None)
        while line < total:
            if pending is not None and pending[1][0] == line:
                b, (first, last, _) = pending
                out.append(self.block_html(b, first, last, cut, whole_in))
                line = last + 1
                pending = next(blocks, None)
                continue
            out.append(self.line_html(cut, line, notes_at.get(line, [])))
            line += 1
        out.append(cut.rest())
        return "".join(out)

    def block_html(self, b: int, first: int, last: int, cut: Cutter, extra: dict[int, list[str]]) -> str:
        """The tables of block ``b`` as grids, then its lines as published, folded."""
        base = sum(len(ts) for _, _, ts in self.blocks[:b])
        where = self.lines_label(first, last)
        out = []
        for n in range(base, base + len(self.blocks[b][2])):
            g, table = self.grids[n], self.tables[n]
            cells = sum(len(r.cells) for r in g.rows)
            worst = min((self.d[k].severity.rank for ks in (g.whole, *g.by_row.values()) for k in ks), default=None)
            mark = f" s{'ewi'[worst]}" if worst is not None else ""
            stats = self.w["table_stats"].format(rows=len(g.rows), cells=cells)
            whole = "".join(self.note(k) for k in g.whole) + "".join(extra.get(n, []))
            out.append(
                f'<div class="tbl" id="{self.p}T{n}"><div class="th{mark}">'
                f"<b>{esc(self.w['table'].format(name=table.name))}</b> <span>{esc(stats)} · {esc(where)}</span></div>"
                + (f'<div class="tw">{whole}</div>' if whole else "")
                + f'<div class="gw">{render_grid(g, self.d, self.note, self.w, self.xref_cells)}</div></div>'
            )
        raw = "".join(self.line_html(cut, n, []) for n in range(first, last + 1))
        summary = esc(self.w["as_published"].format(where=where))
        return f'<div class="blk">{"".join(out)}<details class="raw"><summary>{summary}</summary>{raw}</details></div>'

    def outline(self) -> str:
        report = self.parsed.report
        parts: dict[str, list[int]] = {}
        sections = report.all(Section)
        fronts = [f for f in report.children if isinstance(f, Front)]
        for k, d in enumerate(self.d):
            if d.section is not None:
                key = str(d.section)
            else:
                sec = next((s for s in sections if s.span.start <= d.span.start < s.span.end), None)
                if sec is not None:
                    key = str(sec.number)
                elif any(f.span.start <= d.span.start < f.span.end for f in fronts) or d.code == "S104":
                    key = "front"
                else:
                    key = "other"
            parts.setdefault(key, []).append(k)
        items = []
        front_line = self.line_of(fronts[0].span.start) + 1 if fronts else 1
        items.append(self._item(self.w["front"], f"{self.p}l{front_line}", parts.get("front", []), ""))
        for number in range(1, 7):
            spec = T.section(number)
            section = report.sections.get(number) or next((s for s in sections if s.number == number), None)
            label = f"{spec.numeral}、{spec.title}"
            if section is None:
                items.append(self._item(label, None, parts.get(str(number), []), ""))
                continue
            sub = "".join(
                f'<li><a href="#{self.p}T{n}">{esc(self.w["table"].format(name=t.name))}</a></li>'
                for n, t in enumerate(self.tables)
                if section.span.start <= t.span.start < max(section.span.end, section.span.start + 1)
            )
            line = self.line_of(section.span.start) + 1
            items.append(self._item(label, f"{self.p}l{line}", parts.get(str(number), []), sub))
        if parts.get("other"):
            items.append(self._item(self.w["other"], "", parts["other"], ""))
        return f'<nav class="outline"><h3>{esc(self.w["outline"])}</h3><ul>{"".join(items)}</ul></nav>'

    def _item(self, label: str, anchor: str | None, found: list[int], sub: str) -> str:
        worst = min((self.d[k].severity.rank for k in found), default=None)
        cls = f"s{'ewi'[worst]}" if worst is not None else "ok"
        mark = {None: "✓", 0: "✗", 1: "⚠", 2: "✓"}[worst]
        if anchor:
            title = f'<a href="#{anchor}">{esc(label)}</a>'
        else:  # "": a part without a place of its own (other findings); None: a section the report lacks
            title = esc(label) + ("" if anchor == "" else f" <em>{esc(self.w['missing'])}</em>")
        chips = "".join(
            f'<a class="chip s{SEV[self.d[k].severity]}" href="#{self.p}f{k}" data-sev="{self.d[k].severity.value}">'
            f"{esc(self.d[k].code)}</a>"
            for k in found
        )
        return (
            f'<li class="{cls}"><span class="mk">{mark}</span> {title}'
            + (f'<div class="chips">{chips}</div>' if chips else "")
            + (f"<ul>{sub}</ul>" if sub else "")
            + "</li>"
        )

    def header(self, neighbours: tuple[int | None, int | None]) -> str:
        h, w = self.head, self.w
        organ = h.organ or w["unknown_organ"]
        bits = [esc(organ)]
        if h.year:
            bits.append(esc(f"{h.year}年度" if self.lang != "en" else f"year {h.year}"))
        if h.template:
            bits.append(esc(f"{h.template}格式" if self.lang != "en" else f"{h.template} template"))
        prev, nxt = neighbours
        nav = [f'<a href="#batch">{esc(w["back"])}</a>']
        nav.append(f'<a href="#r{prev}">{esc(w["prev"])}</a>' if prev is not None else "")
        nav.append(f'<a href="#r{nxt}">{esc(w["next"])}</a>' if nxt is not None else "")
        counts = (
            f'<span class="se">✗ {h.errors} {esc(w["errors"])}</span> '
            f'<span class="sw">⚠ {h.warnings} {esc(w["warnings"])}</span> '
            f'<span class="si">ℹ {h.infos} {esc(w["infos"])}</span>'
        )
        if h.read_share is not None:
            counts += f" · {esc(w['cells_read'].format(share=f'{100 * h.read_share:.0f}%'))}"
        origin = self.source.origin
        form = origin.kind if origin is not None else "file"
        form_note = w.get(f"text_{form}", w["text_file"])
        aside = self._aside_summary()
        s001 = f'<p class="s001">{esc(w["not_report"])}</p>' if any(d.code == "S001" for d in self.d) else ""
        none = f'<p class="none">{esc(w["no_findings"])}</p>' if not self.d else ""
        return (
            f'<header class="rh"><nav class="rnav">{" ".join(nav)}</nav>'
            f'<h2>{" · ".join(bits)}</h2><p class="counts">{counts}</p>'
            f'<p class="path">{esc(self.source.path)}</p><p class="form">{esc(form_note)}</p>{aside}{s001}{none}'
            f'<label class="toggle"><input type="checkbox" class="showinfo" checked> {esc(w["show_info"])}</label>'
            "</header>"
        )

    def _aside_summary(self) -> str:
        w = self.w
        n_chrome = len(self.parsed.report.all(Chrome))
        norm = self.parsed.normalized
        found = [
            w[key].format(n=n)
            for key, n in (("aside_chrome", n_chrome), ("aside_pinyin", len(norm.pinyin)),
                           ("aside_markup", len(norm.markup)))
            if n
        ]  # fmt: skip
        if not found:
            return f'<p class="asides">{esc(w["aside_none"])}</p>'
        sep = "; " if self.lang == "en" else "；"
        return f'<p class="asides">{esc(w["set_aside"])} <span class="aside">{esc(sep.join(found))}</span></p>'

    def html(self, neighbours: tuple[int | None, int | None]) -> str:
        text = self.text()  # first: the notes it places fill in what the outline links to
        return (
            f'<section class="report" id="{self.p}" data-i="{self.i}">{self.header(neighbours)}'
            f'<div class="rbody">{self.outline()}<div class="text">{text}</div></div></section>'
        )
