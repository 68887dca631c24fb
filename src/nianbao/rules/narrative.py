"""N-rules: figures stated in the text that contradict the tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from .. import template as T
from ..diagnostics import Diagnostic, Related, Severity
from ..source import Span
from ..syntax.nodes import Cell, CellStatus, Chrome, Paragraph, Row, Table
from ..syntax.normalize import MASK
from ..syntax.squeezed import Squeezed
from ..template import CellKey, Version
from .base import Context, Doc, Example, rule

_NUM = r"([0-9]+(?:\.[0-9]+)?)"
_PROCUREMENT_COUNT = re.compile(rf"政府集中采购(?:项目)?[^。；;0-9]{{0,10}}?{_NUM}[ ]*个")
_PROCUREMENT_AMOUNT = re.compile(rf"政府集中采购[^。；;]{{0,40}}?金额[^。；;0-9]{{0,6}}?{_NUM}[ ]*(亿元|万元|元)")
_APPLICATIONS = re.compile(rf"(?:收到|受理|新收|接收)[^。；;，,0-9]{{0,20}}?申请[^。；;，,0-9]{{0,8}}?{_NUM}[ ]*件")
# "…申请254件，办结253件，结转下年度继续办理1件": the handled and the carried-forward applications
_CLOSED = re.compile(rf"(?:办结|答复|办理完毕|处理完毕)[^。；;，,0-9]{{0,6}}?{_NUM}[ ]*件")
_FORWARD = re.compile(rf"结转(?:至|到)?下(?:一)?年度?(?:继续)?(?:办理)?[^。；;，,0-9]{{0,6}}?{_NUM}[ ]*件")
_REVIEW = re.compile(rf"信息公开[^。；;]{{0,20}}?行政复议[^。；;，,0-9]{{0,6}}?{_NUM}[ ]*[件起]")
_LITIGATION = re.compile(rf"信息公开[^。；;]{{0,30}}?行政诉讼[^。；;，,0-9]{{0,6}}?{_NUM}[ ]*[件起]")
_YUAN = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}


def _cells(ctx: Context) -> dict[CellKey, Cell]:
    return {c.key: c for r in ctx.all(Row) for c in r.cells}


def _value(cells: dict[CellKey, Cell], row: str, column: str, version: Version = Version.V2021) -> Cell | None:
    """The cell of ``row`` (a row terminal, or table 四's block caption) and ``column``, if read."""
    c = cells.get(T.key(row, column, version))
    return c if c is not None and c.status is CellStatus.OK and c.value is not None else None


def _paragraphs(ctx: Context) -> Iterator[Paragraph]:
    tables = [t.span for t in ctx.all(Table)]
    for p in ctx.all(Paragraph):
        if not any(t.start <= p.span.start < t.end for t in tables):
            yield p


def _runs(ctx: Context, text: str) -> Iterator[Span]:
    """Runs of paragraphs with nothing but line breaks, spaces or page chrome between them: a
    sentence wrapped over lines, or over a page break of a PDF, is one run."""
    run: Span | None = None
    for p in _paragraphs(ctx):
        if run is not None and not text[run.end : p.span.start].strip(" \t\r\n\u3000" + MASK):
            run = Span(run.start, p.span.end)
            continue
        if run is not None:
            yield run
        run = p.span
    if run is not None:
        yield run


def _fmt(v: Decimal) -> str:
    return str(int(v)) if v == v.to_integral_value() else str(v.normalize())


@rule(
    "N101",
    "narrative-table-mismatch",
    Severity.WARNING,
    zh=Doc(
        "正文中的数字与表格不一致",
        "把正文中复述表格的数字与对应的单元格比较，单位一并比较：政府集中采购的项目数和金额（V2019表二（九））、"
        "收到的申请数（表三一、）、办结数（表三（七）总计）、结转下年度数（表三四、）、涉及政府信息公开的行政复议和行政诉讼案件数（表四）。正文写13713.89万元而表格写"
        "13713.89元，也会被发现。句子跨行或跨页（PDF的页码在句中）时照样比较。",
        "正文和表格不一致时，至少有一处是错的，而读者两处都会引用。",
        "改正写错的一处；单位以表头为准。",
    ),
    en=Doc(
        "a figure in the text contradicts a table",
        "Compares figures the text states with the cells they repeat — the number and amount of 政府集中采购 (V2019 "
        "table 二 （九）), the applications received (table 三 一、), handled (（七）总计) and carried forward (四、), and the "
        "行政复议 and 行政诉讼 cases about "
        "information disclosure (table 四) — unit included, so that 13713.89万元 in the text against 13713.89元 in "
        "the table is caught. A sentence wrapped over lines or over a page break (a PDF's page number inside it) "
        "is read as one.",
        "When text and table disagree, at least one of them is wrong, and readers quote both.",
        "Correct whichever is wrong; keep the unit of the table's header.",
    ),
    example=Example(good="全年共收到政府信息公开申请254件", bad="全年共收到政府信息公开申请245件"),
    messages={
        "applications": (
            "正文说收到申请{stated}件，表三“一、本年新收”总计为{value}",
            "the text says {stated} applications were received; table 三 一、本年新收 says {value}",
        ),
        "closed": (
            "正文说办结申请{stated}件，表三“（七）总计”为{value}",
            "the text says {stated} applications were handled; table 三 （七）总计 says {value}",
        ),
        "forward": (
            "正文说结转下年度{stated}件，表三“四、结转下年度继续办理”总计为{value}",
            "the text says {stated} applications were carried forward; table 三 四、结转下年度继续办理 says {value}",
        ),
        "cases": (
            "正文说政府信息公开{what}{stated}件，表四为{value}件",
            "the text says {stated} {what} cases about information disclosure; table 四 says {value}",
        ),
        "procurement_count": (
            "正文说政府集中采购项目{stated}个，表二为{value}个",
            "the text says {stated} government procurement projects; table 二 says {value}",
        ),
        "procurement_amount": (
            "正文说政府集中采购金额{stated}{unit}，表二“采购总金额”为“{written}”{why}",
            "the text says government procurement of {stated}{unit}; table 二 采购总金额 says “{written}”{why_en}",
        ),
        "help": ("核对金额与单位，使正文和表格一致", "check the amount and its unit in both places"),
    },
)
def narrative_table_mismatch(ctx: Context) -> Iterator[Diagnostic]:
    cells = _cells(ctx)
    # Match on the text without masked pinyin (發(fā)布 → 发布), line breaks (申请335⏎件) and page
    # chrome (a PDF's "- 3 -" inside a sentence); map spans back through ``sq``.
    masked = ctx.analysis
    if chrome := ctx.all(Chrome):
        chars = list(masked)
        for c in chrome:
            chars[c.span.start : c.span.end] = MASK * (c.span.end - c.span.start)
        masked = "".join(chars)
    sq = Squeezed(masked, "\r\n" + MASK)
    text = sq.text
    for run in _runs(ctx, masked):
        start, end = _squeezed_bounds(sq, run)
        for d in _claims(ctx, cells, text, start, end):
            yield replace(d, span=Span(*sq.span(d.span.start, d.span.end)))


def _squeezed_bounds(sq: Squeezed, span: Span) -> tuple[int, int]:
    from bisect import bisect_left

    def to_sq(offset: int) -> int:
        j = max(0, bisect_left(sq.run_starts, offset + 1) - 1)
        if j >= len(sq.run_starts):
            return len(sq.text)
        return sq.sq_starts[j] + max(0, min(offset - sq.run_starts[j], len(sq.text)))

    return to_sq(span.start), to_sq(span.end)


def _claims(ctx: Context, cells: dict, text: str, start: int, end: int) -> Iterator[Diagnostic]:
    """Diagnostics with spans in squeezed coordinates (the caller maps them back)."""
    yield from _procurement(ctx, cells, text, start, end)
    for m in _APPLICATIONS.finditer(text, start, end):
        sentence = text[max(start, m.start() - 30) : m.end()]
        if "公开" not in sentence:
            continue
        new = _value(cells, "R3_NEW", "C3_TOTAL")
        carried = _value(cells, "R3_CARRIED", "C3_TOTAL")
        if new is None:
            continue
        stated = Decimal(m.group(1))
        allowed = {new.value} | ({new.value + carried.value} if carried else set())  # type: ignore[operator]
        if stated not in allowed:
            yield narrative_table_mismatch.make(
                Span(m.start(1), m.end(1)),
                "applications",
                related=(Related(new.span, "表三本年新收总计", "table 三 一、本年新收 总计"),),
                stated=_fmt(stated),
                value=_fmt(new.value),  # type: ignore[arg-type]
                cell=new.key,
            )
    for regex, row, kind, label in (
        (_CLOSED, "R3_TOTAL", "closed", ("表三（七）总计", "table 三 （七）总计")),
        (
            _FORWARD,
            "R3_CARRY_OVER",
            "forward",
            ("表三四、结转下年度继续办理", "table 三 四、结转下年度继续办理"),
        ),
    ):
        for m in regex.finditer(text, start, end):
            if "申请" not in text[max(start, m.start() - 40) : m.start()]:
                continue  # 办结 of something else (政务服务事项, 信访件)
            cell = _value(cells, row, "C3_TOTAL")
            if cell is None or Decimal(m.group(1)) == cell.value:
                continue
            yield narrative_table_mismatch.make(
                Span(m.start(1), m.end(1)),
                kind,
                related=(Related(cell.span, *label),),
                stated=_fmt(Decimal(m.group(1))),
                value=_fmt(cell.value),  # type: ignore[arg-type]
                cell=cell.key,
            )
    for regex, what, keys in (
        (_REVIEW, "行政复议", ("T4_REVIEW",)),
        (_LITIGATION, "行政诉讼", ("T4_DIRECT", "T4_AFTER_REVIEW")),
    ):
        for m in regex.finditer(text, start, end):
            found = [_value(cells, block, "C4_TOTAL") for block in keys]
            if any(c is None for c in found):
                continue
            total = sum((c.value for c in found), Decimal(0))  # type: ignore[union-attr, misc]
            stated = Decimal(m.group(1))
            if stated != total:
                yield narrative_table_mismatch.make(
                    Span(m.start(1), m.end(1)),
                    "cases",
                    related=tuple(Related(c.span, f"表四{what}总计", f"table 四 {what} 总计") for c in found if c),
                    what=what,
                    stated=_fmt(stated),
                    value=_fmt(total),
                    table="四",
                )


def _procurement(ctx: Context, cells: dict, text: str, start: int, end: int) -> Iterator[Diagnostic]:
    count = _value(cells, "R2_PROCUREMENT", "T2_PROC_COUNT", Version.V2019)
    amount = _value(cells, "R2_PROCUREMENT", "T2_PROC_AMOUNT", Version.V2019)
    if count is not None:
        for m in _PROCUREMENT_COUNT.finditer(text, start, end):
            stated = Decimal(m.group(1))
            if stated != count.value:
                yield narrative_table_mismatch.make(
                    Span(m.start(1), m.end(1)),
                    "procurement_count",
                    related=(Related(count.span, "表二采购项目数量", "table 二 采购项目数量"),),
                    stated=_fmt(stated),
                    value=_fmt(count.value),  # type: ignore[arg-type]
                    cell=count.key,
                )
    if amount is None:
        return
    for m in _PROCUREMENT_AMOUNT.finditer(text, start, end):
        stated, unit = Decimal(m.group(1)), m.group(2)
        stated_yuan = stated * _YUAN[unit]
        table_units = [amount.unit] if amount.unit in _YUAN else ["元", "万元"]
        if any(amount.value * _YUAN[u] == stated_yuan for u in table_units):  # type: ignore[operator]
            continue
        written = ctx.text(amount.span).strip()
        same_number = amount.value == stated
        yield narrative_table_mismatch.make(
            Span(m.start(1), m.end(2)),
            "procurement_amount",
            related=(Related(amount.span, "表二采购总金额", "table 二 采购总金额"),),
            help="help",
            cell=amount.key,
            stated=_fmt(stated),
            unit=unit,
            written=written,
            why="（数字相同，单位不同）" if same_number else "",
            why_en=" (same number, different unit)" if same_number else "",
        )
