"""Reading each table's cells from the built tree: a row's value tokens as they stand in the text
(`RawValue`s: one per pipe cell, empty pipe cells after the last value, empty lines between
values copied one per line, values standing apart from their label), how the table writes its
rows (`cell_values.Writing`), then `cell_values.resolve_table`; the rows get their cells. A
table whose numbers stand apart from all its rows (a PDF read column by column) is marked
detached and its cells unreadable.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import Any

from .. import template as T
from ..source import Source, Span
from .bare_numbers import SPACES, spaces_only
from .cell_values import RawRow, Resolved, SplitBudget, Writing, resolve_table
from .label_tails import LabelRead, going_on, label_read, squeeze, whole_label
from .nodes import (
    Cell,
    CellStatus,
    Misplaced,
    Node,
    Paragraph,
    Row,
    Skipped,
    Table,
    Token,
)
from .normalize import MASK, Normalized, fold
from .raw_values import RawValue
from .row_lines import digits_after, label_end, own_lines, row_words


def _layout(source: Source, norm: Normalized) -> Source:
    """The text where cell borders are found: the analysis text, in which full-width and box-drawn
    borders ("｜", "│") are pipes and an "&nbsp;" or a "nan" is spaces; the source itself when none
    was read (the usual case)."""
    if norm.analysis.count("|") == source.text.count("|") and not norm.references and not norm.frame:
        return source
    return Source(source.path, norm.analysis)


_SEPARATORS = " ,，、;；" + MASK


def _raw_values(row: Row, source: Source, norm: Normalized, layout: Source) -> list[RawValue]:
    out = []
    end = label_end(row)
    first = row.children[0] if end is not None else None
    read = label_read(norm.analysis, row.terminal, first.span.start, first.span.end) if first is not None else None
    for c in row.children:
        if read is not None and isinstance(c, Token) and (more := _label_words(source, norm.analysis, read, c)):
            read = more
            continue
        if (
            isinstance(c, Token)
            and c.terminal in T.VALUE_TERMINALS
            and not _label_run_on(layout, c, read)
            and not _in_label_cell(layout, end, c)
            and not _separator(layout, c)
        ):
            out.append(
                RawValue(c.terminal, c.span, source.slice(c.span), norm.analysis[c.span.start : c.span.end].strip())
            )
    return _one_per_pipe_cell(out, source, norm, layout)


def _one_per_pipe_cell(values: list[RawValue], source: Source, norm: Normalized, layout: Source) -> list[RawValue]:
    """Between pipes a cell is one cell: a number and more digits in one pipe cell ("| 4166.21<br>4619 |",
    a long number a converter wrapped) are one cell that cannot be read, never two cells or a part."""
    text = layout.text
    gap = " " + MASK

    def one_cell(a: RawValue, b: RawValue) -> bool:  # a pipe cell holds a and b, and nothing else
        line = source.lines.line_span(source.lines.line_of(a.span.start))
        left = text.rfind("|", line.start, a.span.start)
        right = text.find("|", b.span.end, line.end)
        return (
            left >= 0
            and right >= 0
            and not text[left + 1 : a.span.start].strip(gap)
            and not text[b.span.end : right].strip(gap)
            and "|" not in text[a.span.end : b.span.start]
        )

    out: list[RawValue] = []
    for v in values:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.terminal == "NUM"
            and (v.terminal == "NUM" or (v.terminal == "CELLTEXT" and any(ch.isdigit() for ch in v.text)))
            and one_cell(prev, v)
        ):
            span = Span(prev.span.start, v.span.end)
            out[-1] = RawValue("CELLTEXT", span, source.slice(span), norm.analysis[span.start : span.end].strip())
            continue
        out.append(v)
    return out


def _separator(source: Source, tok: Token) -> bool:
    """A comma or semicolon alone between a row's values on a line without pipes ("政府集中采购,1个,
    246900元"): it separates the cells, and taking it for one would put every value after it a
    column too far."""
    if tok.terminal != "CELLTEXT" or source.slice(tok.span).strip(_SEPARATORS):
        return False
    span = source.lines.line_span(source.lines.line_of(tok.span.start))
    return "|" not in source.text[span.start : span.end]


def _label_run_on(source: Source, tok: Token, read: LabelRead | None) -> bool:
    """Text alone in the first cell of a pipe row of its own ("| 政法规禁止公开 |  |  |"): the rest
    of a row label that a converter put in a row below it, not a cell; never below a label read
    whole (``read``): "| 行政许可 | 5 |" over "| 其他某某 |  |" is a row the template does not know."""
    if tok.terminal != "CELLTEXT" or any(ch.isdigit() for ch in source.slice(tok.span)):
        return False
    if read is not None and whole_label(read[1]) == read[0]:
        return False
    line = source.lines.line_of(tok.span.start)
    span = source.lines.line_span(line)
    text = source.text
    before = text[span.start : tok.span.start]
    if "|" not in text[span.start : span.end] or before.strip(" |") or before.count("|") > 1:
        return False  # (in a later cell, after an empty first one: "|  | O |" is a value's cell)
    return not text[tok.span.end : span.end].strip(" |")


def _label_words(source: Source, text: str, read: LabelRead, tok: Token) -> LabelRead | None:
    """``read`` taken on with ``tok`` when the token is more of the row's label: right after it
    ("（二）部分公开（区分处理   1  0 …"), or alone on a line below the values ("一、本年新收政府信息公开
    8 …" over "申请数量"). The label's words, never a cell."""
    if tok.terminal != "CELLTEXT":
        return None
    line = source.lines.line_span(source.lines.line_of(tok.span.start))
    alone = not squeeze(text[line.start : tok.span.start] + text[tok.span.end : line.end]).replace("|", "")
    return going_on(text, read, tok.span.start, tok.span.end, adjacent=not alone)


def _label_residue(values: list[RawValue], width: int) -> list[RawValue]:
    """Words after the label before every number that make the row longer than its columns by just
    their count ("（二）部分公开 | (区(qū | 2 | 0 | …", "3.申请内容不" over "明确   1  0 …": a wrapped
    label not joined): the label's rest, never cells that would shift every value after them."""
    lead = 0
    while (
        lead < len(values) and values[lead].terminal == "CELLTEXT" and not any(ch.isdigit() for ch in values[lead].text)
    ):
        lead += 1
    return values[lead:] if lead and len(values) - lead == width else values


def _in_label_cell(source: Source, label_end: int | None, tok: Token) -> bool:
    """Words in the pipe cell of the row's label ("| （二）部分公开（区分处理的， | 0 |"): the rest of
    a label a converter wrapped, not a cell."""
    if label_end is None or tok.terminal != "CELLTEXT" or any(ch.isdigit() for ch in source.slice(tok.span)):
        return False
    between = source.text[label_end : tok.span.start]
    if "|" in between or "\n" in between or "\r" in between:
        return False
    line = source.lines.line_span(source.lines.line_of(tok.span.start))
    return source.text.find("|", tok.span.end, line.end) != -1


def _trailing_empty(source: Source, line: int, values: list[RawValue], original: str) -> tuple[Span, ...]:
    """The empty pipe cells after a row's last value, on its line (``… | 0 |  | ||``); in a
    comma- or tab-separated row (its pipes are commas or tabs in ``original``) the line's end closes
    the last field, so ``0,`` ends with an empty cell."""
    if not values:
        return ()
    line_span = source.lines.line_span(line)
    end = values[-1].span.end
    if not line_span.start <= end <= line_span.end:
        return ()
    out = []
    text = source.text
    a = text.find("|", end, line_span.end)
    while a != -1 and (b := text.find("|", a + 1, line_span.end)) != -1:
        if text[a + 1 : b].strip():
            return ()  # a filled cell after the last value: not a row's tail
        out.append(Span(a + 1, b))
        a = b
    if a != -1 and original[a] in ",\t" and not text[a + 1 : line_span.end].strip(" " + MASK):
        out.append(Span(a + 1, line_span.end))
    return tuple(out)


def _values_apart(source: Source, anchor: Span, values: list[RawValue]) -> list[RawValue]:
    """A pipe row whose label stands alone in its row, its numbers in the next one under an empty
    label cell ("| 行政强制 |  |" then "|  | 0 |", as PDF converters split a row): that empty cell
    is the label's column, not a cell of the row."""
    if not values or values[0].terminal != "BLANK":
        return values
    lines = source.lines
    line = lines.line_of(values[0].span.start)
    if line <= lines.line_of(max(anchor.end - 1, anchor.start)):
        return values
    before = source.text[lines.starts[line] : values[0].span.start]
    same_line = [v for v in values[1:] if lines.line_of(v.span.start) == line]
    if before.strip(" ") not in ("|", "") or not any(v.terminal != "BLANK" for v in same_line):
        return values  # (a line that is only " |" is an empty cell of one-cell-per-line text)
    return values[1:]


def _empty_lines(source: Source, anchor: Span, values: list[RawValue]) -> tuple[tuple[Span, ...], ...] | None:
    """For a row written one value per line: the empty lines before each value (back to the line
    with the row's label, or with whatever precedes a row without one) and after the last one (to
    the next line with text), as zero-width spans at their starts. None when a line holds more
    than a value, or text stands between the values."""
    if not values:
        return None
    lines = source.lines
    text = source.text

    def empty(i: int) -> bool:
        return not text[lines.starts[i] : lines.ends[i]].strip(" \t\u3000")

    out: list[tuple[Span, ...]] = []
    at_line: int | None = None
    for v in values:
        line = lines.line_of(v.span.start)
        span = lines.line_span(line)
        if text[span.start : span.end].strip(" \t\u3000") != text[v.span.start : v.span.end].strip():
            return None
        if at_line is None:  # back to the label's line (or the last line with text before it)
            at_line = line - 1
            while at_line >= 0 and empty(at_line):
                at_line -= 1
            if at_line < lines.line_of(anchor.start) and anchor.start < v.span.start:
                return None
        if line <= at_line or not all(empty(i) for i in range(at_line + 1, line)):
            return None
        out.append(tuple(Span(lines.starts[i], lines.starts[i]) for i in range(at_line + 1, line)))
        at_line = line
    after = []
    i = (at_line or 0) + 1
    while i < len(lines) and empty(i):
        after.append(Span(lines.starts[i], lines.starts[i]))
        i += 1
    if i >= len(lines):  # the end of the text: no row follows
        after = []
    out.append(tuple(after))
    return tuple(out)


def _delimiters(line: str) -> int:
    return line.count("|") if "|" in line else line.count("\t")


def _mark_full_width(raws: list[RawRow], lines: list[int], source: Source) -> None:
    """A pipe (or tab-separated) row with as many delimiters as most rows of its table has all its
    cells: what is short of values there is empty cells at its end, not values run together
    (``… | 0 |  | ||``), or a table narrower than the template."""
    widths = [_delimiters(source.line_text(line + 1)) for line in lines]
    counted = Counter(w for w, r in zip(widths, raws, strict=True) if r.positional)
    if not counted:
        return
    usual = counted.most_common(1)[0][0]
    for raw, width in zip(raws, widths, strict=True):
        raw.full_width = raw.positional and width == usual
    # A table narrower than the template: most of its delimited rows of k cells have fewer cells
    # than k, every one written (自然人 | 法人或其他组织 | 总计 for table 三's seven columns).
    cells = {id(r): len(r.values) + len(r.trailing_empty) for r in raws if r.positional}
    by_keys: dict[int, Counter[int]] = {}
    for r in raws:
        if r.positional:
            by_keys.setdefault(len(r.keys), Counter())[cells[id(r)]] += 1
    for r in raws:
        if r.positional:
            (common, seen), *_ = by_keys[len(r.keys)].most_common(1)
            r.narrow = seen >= 3 and common < len(r.keys) and cells[id(r)] == common


def _tables(node: Node) -> Iterator[Node]:
    """The tables below ``node``, and the misplaced parts that hold rows outside any table."""
    if isinstance(node, Table) or (isinstance(node, Misplaced) and not any(isinstance(n, Table) for n in node.walk())):
        yield node
        return
    for c in node.children:
        yield from _tables(c)


_PADDING = SPACES - {"\t"}  # (a tab is a border)


def _numbers(text: str, value: RawValue, row: Row) -> bool:
    """Whether ``value`` is the number of ``row``, written without its dot right before the label."""
    label = row.children[0] if row.children else None
    if not isinstance(label, Token) or not label.terminal or text[label.span.start : label.span.start + 1].isdigit():
        return False
    labels = T.labels_by_terminal().get(label.terminal)
    number = fold(labels[0].numbering)[:-1] if labels else ""
    if value.text != number or not number.isdigit():
        return False
    return spaces_only(text, value.span.end, label.span.start)


def _bordered(text: str, anchor: Span, values: list[RawValue]) -> bool:
    """Whether a cell border ("|" or a tab) stands next to the row's label or its first value."""
    for p, step in ((anchor.start - 1, -1), (anchor.end, 1), *(((values[0].span.start - 1, -1),) if values else ())):
        while 0 <= p < len(text) and text[p] in _PADDING:
            p += step
        if 0 <= p < len(text) and text[p] in "|\t":
            return True
    return False


def _raw_rows(rows: list[Row], version: T.Version, source: Source, norm: Normalized, layout: Source) -> list[RawRow]:
    raws = []
    lines = []
    for i, row in enumerate(rows):
        place = T.row_place(version, row.terminal)
        keys = T.values4_keys(row.terminal) if row.terminal.startswith(T.VALUES_4) else place.keys
        anchor = row.children[0].span if row.children else row.span
        values, foreign, delimited = own_lines(layout, row, _raw_values(row, source, norm, layout))
        values = _label_residue(_values_apart(layout, anchor, values), len(keys))
        if len(values) == len(keys) + 1 and i + 1 < len(rows) and _numbers(layout.text, values[-1], rows[i + 1]):
            values = values[:-1]  # "… 0 0 2 其他法律…": the 2 is the next row's number, its dot lost
        # the line of its values (a wrapped label starts a line earlier)
        line = source.lines.line_of(values[0].span.start if values else anchor.start)
        text = layout.line_text(line + 1)
        # cells between pipes or tabs: the row's own (a "|" in a one-line body's prose is no border)
        positional = ("|" in text or text.count("\t") >= 2) and _bordered(layout.text, anchor, values)
        raws.append(
            RawRow(
                keys,
                place.columns,
                values,
                anchor,
                positional,
                _trailing_empty(layout, line, values, source.text),
                lines_of=None if positional else partial(_empty_lines, layout, anchor, values),
                foreign=foreign,
                foreign_row=delimited,
                digits_after=not values and not foreign and digits_after(layout, anchor),
            )
        )
        lines.append(line)
    _mark_full_width(raws, lines, layout)
    return raws


def resolve_rows(root: Node, version: T.Version, source: Source, norm: Normalized) -> Node:
    """Read the cells of every row, one table at a time; how the report writes its cells (every one,
    apart or run together, with empty lines between them) is read from all its tables."""
    parts = [(node, [n for n in node.walk() if isinstance(n, Row)]) for node in _tables(root)]
    layout = _layout(source, norm)
    raws_of = {id(node): _raw_rows(rows, version, source, norm, layout) for node, rows in parts if rows}
    writing = Writing.of([r for raws in raws_of.values() for r in raws])
    budget = SplitBudget()
    done: dict[int, Node] = {}
    for node, rows in parts:
        if not rows:
            continue
        raws = raws_of[id(node)]
        relations = [r for r in T.relations(version) if r.table == rows[0].table]
        resolved = resolve_table(raws, relations, writing, budget)
        if isinstance(node, Table):
            stray = _detached_numbers(node, raws, resolved, norm)
            if stray:
                # which number belongs to which row cannot be known: every cell is unreadable
                resolved = [
                    Resolved(tuple(Cell(k, CellStatus.UNREADABLE, raw.anchor) for k in raw.keys), ()) for raw in raws
                ]
                node_ = replace(node, detached=len(stray), detached_span=Span(stray[0].start, stray[-1].end))
                done[id(node)] = _replace_rows(node_, {id(r): res for r, res in zip(rows, resolved, strict=True)})
                continue
        done[id(node)] = _replace_rows(node, {id(r): res for r, res in zip(rows, resolved, strict=True)})
    return _substitute(root, done) if done else root


def _substitute(node: Node, done: dict[int, Node]) -> Node:
    if id(node) in done:
        return done[id(node)]
    if not node.children:
        return node
    children = tuple(_substitute(c, done) for c in node.children)
    return (
        node if all(a is b for a, b in zip(children, node.children, strict=True)) else replace(node, children=children)
    )


_BARE_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _detached_numbers(table: Table, raws: list[RawRow], resolved: list[Resolved], norm: Normalized) -> list[Span]:
    """The numbers of a table that stand apart from its rows, when the rows' own numbers are
    missing: rows with no value at all (at least two) beside at least half as many stray numbers
    as those rows have cells — values beyond a row's columns, numbers the parser set aside, lines
    that are only a number. Empty when the rows hold their numbers."""
    empty = [raw for raw in raws if not [v for v in raw.values if v.terminal != "BLANK"]]
    if len(empty) < 2:
        return []
    width = max(len(raw.keys) for raw in raws)
    foreign = {v.span for raw in raws for v in _foreign_row(raw, width)}  # (a row's own: not apart)
    stray = [v.span for res in resolved for v in res.extra if v.terminal == "NUM" and v.span not in foreign]
    run: list[Span] | None = None  # the numbers on lines of their own after a line of words
    for n in table.walk():
        text = norm.analysis[n.span.start : n.span.end].strip() if isinstance(n, Paragraph) else ""
        if text and _BARE_NUMBER.fullmatch(text):
            if run is not None and len(run) < width:
                run.append(n.span)
            else:
                stray.extend(run or ())  # (more numbers than a row has cells: apart after all)
                stray.append(n.span)
                run = None
            continue
        # one cell per line: a row the template does not know ("其中：通过网络平台申请", "9", "9", …)
        # holds its own numbers, which stand apart from no row
        run = [] if text and "\n" not in text and "\r" not in text and row_words(text) else None
        if isinstance(n, Skipped) and n.terminal == "NUM":
            stray.append(n.span)
    if 2 * len(stray) < sum(len(raw.keys) for raw in empty):
        return []
    return sorted(stray, key=lambda s: s.start)


def _foreign_row(raw: RawRow, width: int) -> tuple[RawValue, ...]:
    """The values after the row's own that are another row's: a delimited row's, or up to a row's
    width after the words that open a line ("其中：通过网络平台申请   9  9 …", a row the template lacks)."""
    if raw.foreign_row:
        return raw.foreign
    if raw.foreign and raw.foreign[0].terminal == "CELLTEXT":
        return raw.foreign[: width + 1]
    return ()


def _replace_rows(node: Node, by_id: dict[int, Any]) -> Node:
    if isinstance(node, Row) and id(node) in by_id:
        res = by_id[id(node)]
        extra_spans = {v.span for v in res.extra}
        extra = tuple(c for c in node.children if c.span in extra_spans and isinstance(c, Token))
        return replace(node, cells=res.cells, extra=extra)
    if not node.children:
        return node
    return replace(node, children=tuple(_replace_rows(c, by_id) for c in node.children))
