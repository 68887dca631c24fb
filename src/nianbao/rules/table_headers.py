"""T105: the header rows of the tables of sections 二, 三 and 四 against the template — every column
label present, complete, with the template's wording and, where order matters, in its place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from .. import template as T
from ..diagnostics import Diagnostic, Related, Severity
from ..source import Span
from ..syntax.nodes import Block, Header, Row, Token
from .base import Context, Doc, Example, rule
from .tables import SQUEEZABLE, TEMPLATE_NOTE, table_spec

MAX_HEADER_FINDINGS = 6  # more differences than this in one header are reported as one
_PUNCTUATION = re.compile(r"[\s()（）【】\[\]、，,.。:：;；\-—/]*")
_T4_CAPTION = {
    "行政复议": (T.T4_REVIEW,),
    "未经复议直接起诉": (T.T4_LITIGATION, T.T4_DIRECT),
    "复议后起诉": (T.T4_LITIGATION, T.T4_AFTER_REVIEW),
}


def _header_expectation(ctx: Context, header: Header) -> tuple[str, list[T.Label], bool]:
    """(table name, expected labels in order, whether order matters) for a header row."""
    parent = ctx.parent(header)
    table = ctx.table_of(header)
    if table is not None and table.name == "四":
        cols = [c.label for c in T.TABLE4_COLUMNS]
        # a part of a table split by block: its caption and columns
        after = [c for c in parent.children if isinstance(c, Row) and c.span.start >= header.span.end]
        blocks = T.values4_blocks(after[0].terminal) if after else T.values4_blocks(T.VALUES_4)
        if len(blocks) < len(T.TABLE4_BLOCKS):
            caption = [lab for b in blocks for lab in _T4_CAPTION[b]]
            return "四", [*dict.fromkeys(caption), *cols * len(blocks)], True
        return "四", [T.T4_REVIEW, T.T4_LITIGATION, *cols, T.T4_DIRECT, T.T4_AFTER_REVIEW, *cols, *cols], True
    if isinstance(parent, Block):
        sb = next(b for b in table_spec(ctx, "二").blocks if b.key == parent.key)
        return "二", [T.T2_INFO] + [c.label for c in sb.columns], True
    return "三", list(table_spec(ctx, "三").header), False


@rule(
    "T105",
    "column-header",
    Severity.WARNING,
    zh=Doc(
        "列标题缺失、不完整或与模板不一致",
        "对照模板检查每个表头：每个列标题都在、完整（不像“本年新”之于“本年新制作数量”那样被截断）、措辞与模板一致。"
        "一个表头与模板的不同超过6处时（表头被拆散，如按列提取的PDF文本），只报告一次，各处不同列为相关位置。",
        "表头说明每一列统计的是什么；截断或改写的表头让不熟悉模板的读者无法读懂下面的数字。",
        "使用模板的表头。",
    ),
    en=Doc(
        "a column header is missing, truncated or renamed",
        "Checks the header row of each table block against the template: every column label present, complete "
        "(not cut short, as 本年新 for 本年新制作数量) and with the template's wording. A header with more than six "
        "differences (broken up, as in PDF text extracted column by column) is reported once, each difference a "
        "related place.",
        "The header says what each column counts; a truncated or renamed header makes the numbers below it "
        "unreadable for anyone who does not know the template by heart.",
        "Use the template's header labels.",
    ),
    example=Example(
        good="信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        bad="信息内容 | 本年制发 | 本年废止件数 | 现行有效件数 |",
    ),
    messages={
        "truncated": ("列标题不完整：“{written}”应为“{want}”", "truncated column header: “{written}” for “{want}”"),
        "renamed": (
            "列标题“{written}”与模板不一致，应为“{want}”",
            "column header “{written}” differs from the template: “{want}”",
        ),
        "misplaced": (
            "列标题“{written}”位置不对，此处应为“{want}”",
            "column header “{written}” out of place: “{want}” here",
        ),
        "missing": ("缺少列标题“{want}”", "the column header “{want}” is missing"),
        "extra": ("多出列标题“{written}”", "an extra column header “{written}”"),
        "garbled": (
            "表{table}的表头与模板有{count}处不同，表头可能已被拆散（如按列提取的PDF文本）：{shown}等",
            "table {table}: the header differs from the template in {count} places and may have been broken up "
            "(as in PDF text extracted column by column): {shown_en} and more",
        ),
        "missing_head": ("缺少表头“{want}”", "the header “{want}” is missing"),
        "extra_head": ("多出表头“{written}”", "an extra header “{written}”"),
        "help": ("改为“{want}”", "write “{want}”"),
    },
    note=TEMPLATE_NOTE,
)
def column_header(ctx: Context) -> Iterator[Diagnostic]:
    for header in ctx.all(Header):
        table, expected, ordered = _header_expectation(ctx, header)
        # brackets and punctuation between labels ("行政诉讼（未经复议直接起诉）") are no header cells
        cells = [c for c in header.children if isinstance(c, Token) and not _PUNCTUATION.fullmatch(ctx.text(c.span))]
        if ordered:
            found = list(_aligned(ctx, header, table, expected, cells))
        else:
            found = list(_unordered(ctx, header, table, expected, cells))
        # a header cell read by its likeness to the template's label ("先行有效件数") is still written differently
        found += [_describe(ctx, c, T.labels_by_terminal()[c.terminal][0], table) for c in cells if c.fuzzy]
        if len(found) <= MAX_HEADER_FINDINGS:
            yield from found
            continue
        # A header broken into pieces: one finding, each difference a related place.
        shown = "；".join(d.message for d in found[:3])
        shown_en = "; ".join(d.message_en for d in found[:3])
        yield column_header.make(
            Span(found[0].span.start, max(d.span.end for d in found)),
            "garbled",
            table=table,
            count=len(found),
            shown=shown,
            shown_en=shown_en,
            related=tuple(Related(d.span, d.message, d.message_en) for d in found),
        )


def _describe(ctx: Context, tok: Token, want: T.Label, table: str) -> Diagnostic:
    written = re.sub(r"\s+", "", ctx.text(tok.span))
    squeezed = SQUEEZABLE.sub("", ctx.analysis[tok.span.start : tok.span.end])
    kind = "truncated" if len(squeezed) >= 2 and want.full.startswith(squeezed) else "renamed"
    return column_header.make(tok.span, kind, help="help", written=written, want=want.full, table=table)


def _aligned(
    ctx: Context, header: Header, table: str, expected: list[T.Label], cells: list[Token]
) -> Iterator[Diagnostic]:
    want = [label.terminal for label in expected]
    have = [c.terminal if c.terminal != "CELLTEXT" else f"?{i}" for i, c in enumerate(cells)]
    for op, i1, i2, j1, j2 in SequenceMatcher(None, want, have, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(range(i1, i2), range(j1, j2), strict=False))
        for i, j in pairs:
            if cells[j].terminal == "CELLTEXT":
                yield _describe(ctx, cells[j], expected[i], table)
            else:
                written = ctx.text(cells[j].span)
                yield column_header.make(
                    cells[j].span, "misplaced", written=written, want=expected[i].full, table=table
                )
        for i in range(i1 + len(pairs), i2):
            at = cells[j1].span.start if j1 < len(cells) else (cells[-1].span.end if cells else header.span.start)
            yield column_header.make(Span(at, at), "missing", want=expected[i].full, table=table)
        for j in range(j1 + len(pairs), j2):
            if cells[j].terminal == "CELLTEXT":
                yield column_header.make(cells[j].span, "extra", written=ctx.text(cells[j].span), table=table)


def _unordered(
    ctx: Context, header: Header, table: str, expected: list[T.Label], cells: list[Token]
) -> Iterator[Diagnostic]:
    present = {c.terminal for c in cells}
    missing = [label for label in expected if label.terminal not in present]
    unknown = [c for c in cells if c.terminal == "CELLTEXT"]
    for label, tok in zip(missing, unknown, strict=False):
        yield _describe(ctx, tok, label, table)
    at = header.span.start
    for label in missing[len(unknown) :]:
        sev = Severity.INFO if label.terminal == "T3_CORNER" else None
        yield column_header.make(Span(at, at), "missing_head", severity=sev, want=label.full, table=table)
    for tok in unknown[len(missing) :]:
        yield column_header.make(tok.span, "extra_head", written=ctx.text(tok.span), table=table)
