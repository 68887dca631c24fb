"""``nianbao summary``: one row per report — the view a reviewer uses to see which organs must fix what.

Each row: the file, organ, year, template, the share of the template's cells read (ok, blank or
placeholder, of `template.all_cells` of the report's version; cells absent from the tree are not
read), errors, warnings, the most serious codes. The corpus line gives the run's totals, the share
of cells read over all reports among them.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..diagnostics import Severity
from .lint import SEVERITY_STYLE
from .wrap import CJKText

TOP = 3  # codes shown per report
NOT_A_REPORT = "S001"


@dataclass(frozen=True)
class SummaryRow:
    path: str
    organ: str | None
    year: int | None
    template: str | None
    errors: int
    warnings: int
    infos: int
    codes: tuple[str, ...]  # the most serious codes first, then the most frequent
    error: str | None = None  # the file could not be read
    organ_key: str | None = None  # one key for the names of one organ (nianbao.organs)
    cells_read: int | None = None  # cells ok, blank or placeholder, of the template's (None: no report)
    cells_total: int | None = None

    @property
    def read_share(self) -> float | None:
        """The share of the template's cells read, None for a text that is no report."""
        if self.cells_read is None or not self.cells_total:
            return None
        return self.cells_read / self.cells_total


def rows(linted: Sequence[Any], sort: str = "path") -> list[SummaryRow]:
    out = []
    for x in linted:
        r = x.result
        diags = r.diagnostics
        count = Counter(d.severity for d in diags)
        by_code = Counter(d.code for d in diags if d.severity is not Severity.INFO)
        rank = {d.code: d.severity.rank for d in diags}
        codes = tuple(sorted(by_code, key=lambda c: (rank[c], -by_code[c], c))[:TOP])
        out.append(
            SummaryRow(
                r.path,
                x.agency,
                x.year,
                None if NOT_A_REPORT in by_code else x.template,  # a text that is no report has no template
                count[Severity.ERROR],
                count[Severity.WARNING],
                count[Severity.INFO],
                codes,
                r.error,
                x.facts.organ_key if x.facts is not None else None,
                getattr(x, "cells_read", None),
                getattr(x, "cells_total", None),
            )
        )
    keys = {
        "path": lambda s: s.path,
        "organ": lambda s: (s.organ_key or "\uffff", s.year or 0, s.path),  # an organ's years together
        "year": lambda s: (s.year or 0, s.path),
        "errors": lambda s: (-s.errors, -s.warnings, s.path),
        "warnings": lambda s: (-s.warnings, -s.errors, s.path),
    }
    return sorted(out, key=keys[sort])


def read_totals(rows_: Sequence[SummaryRow]) -> tuple[int, int]:
    """(cells read, cells of the template) over every report of the run."""
    reports = [r for r in rows_ if r.error is None and r.cells_total]
    return sum(r.cells_read or 0 for r in reports), sum(r.cells_total or 0 for r in reports)


def _percent(read: int, total: int) -> str:
    return f"{100 * read / total:.1f}%"


def overview(rows_: Sequence[SummaryRow], lang: str = "zh") -> str:
    """The corpus-level line: reports read, reports with errors, the share of cells read, the most
    common rules."""
    read = [r for r in rows_ if r.error is None]
    cells, total = read_totals(rows_)
    failing = sum(1 for r in read if r.errors)
    common = Counter(c for r in read for c in r.codes).most_common(5)
    top = "、".join(f"{c}（{n}）" for c, n in common) if lang != "en" else ", ".join(f"{c} ({n})" for c, n in common)
    unreadable = len(rows_) - len(read)
    others = sum(1 for r in read if NOT_A_REPORT in r.codes)  # columns of annual reports hold other texts too
    if lang == "en":
        line = f"{len(read)} report(s) read, {failing} with errors"
        line += f" ({others} not annual reports)" if others else ""
        line += f"; cells read {_percent(cells, total)}" if total else ""
        line += f"; most common: {top}" if common else ""
        return line + (f"; {unreadable} file(s) could not be read" if unreadable else "")
    line = f"读取 {len(read)} 份报告，{failing} 份有错误"
    line += f"（其中 {others} 份不是年度报告）" if others else ""
    line += f"；单元格读取率 {_percent(cells, total)}" if total else ""
    line += f"；最常见的问题：{top}" if common else ""
    return line + (f"；{unreadable} 个文件无法读取" if unreadable else "")


_HEADERS = {
    "zh": ("文件", "机关", "年度", "格式", "读取", "错误", "警告", "主要问题"),
    "en": ("file", "organ", "year", "template", "read", "errors", "warnings", "main codes"),
}


class LeftCut:
    """A path that, when the column is too narrow, loses its beginning rather than its end:
    ``…/013_hebei_gxt_2019_flat.txt`` (the file name tells rows apart; a common prefix does not)."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text = text
        self.style = style

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        name = self.text.rsplit("/", 1)[-1]
        return Measurement(min(cell_len(name) + 2, cell_len(self.text)), cell_len(self.text))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text(left_cut(self.text, options.max_width), style=self.style, no_wrap=True, overflow="crop")


def left_cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, cut from the left (at a ``/`` when one is close)."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    tail = ""
    for ch in reversed(text):
        if cell_len(tail) + cell_len(ch) + 1 > width:
            break
        tail = ch + tail
    slash = tail.find("/")
    if 0 <= slash < len(tail) - 1 and slash <= 12:  # "…/" then whole names
        tail = tail[slash:]
    return "…" + tail


def as_table(rows_: Sequence[SummaryRow], lang: str = "zh") -> Group:
    table = Table(*_HEADERS["en" if lang == "en" else "zh"], box=None, pad_edge=False, header_style="bold")
    table.columns[4].justify = "right"
    for r in rows_:
        if r.error is not None:
            table.add_row(LeftCut(r.path), Text(r.error, style="bold red"), "", "", "", "", "", "")
            continue
        share = r.read_share
        table.add_row(
            LeftCut(r.path),
            r.organ or "",
            str(r.year or ""),
            r.template or "",
            Text(f"{share * 100:.0f}%" if share is not None else "", style="" if share in (None, 1) else "yellow"),
            Text(str(r.errors), style=SEVERITY_STYLE[Severity.ERROR] if r.errors else "green"),
            Text(str(r.warnings), style=SEVERITY_STYLE[Severity.WARNING] if r.warnings else ""),
            " ".join(r.codes),
        )
    # the corpus line wraps at the width (a long list of codes must not be cut off)
    return Group(CJKText(Text(overview(rows_, lang), style="bold")), table)


def as_text(rows_: Sequence[SummaryRow], lang: str = "zh") -> str:
    from rich.console import Console

    buf = io.StringIO()
    Console(file=buf, width=200, no_color=True, highlight=False).print(as_table(rows_, lang), crop=False)
    return buf.getvalue()


FIELDS = ("path", "organ", "year", "template", "errors", "warnings", "infos", "codes", "error", "organ_key")
FIELDS += ("cells_read", "cells_total")


def as_csv(rows_: Sequence[SummaryRow]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(FIELDS)
    for r in rows_:
        writer.writerow(
            [
                r.path,
                r.organ or "",
                r.year or "",
                r.template or "",
                r.errors,
                r.warnings,
                r.infos,
                " ".join(r.codes),
                r.error or "",
                r.organ_key or "",
                "" if r.cells_read is None else r.cells_read,
                "" if r.cells_total is None else r.cells_total,
            ]
        )
    return buf.getvalue()


def as_json(rows_: Sequence[SummaryRow]) -> dict[str, Any]:
    cells, total = read_totals(rows_)
    return {
        "overview": {
            "cells_read": cells,
            "cells_total": total,
            "read_share": round(cells / total, 4) if total else None,
            "reports": sum(1 for r in rows_ if r.error is None),
            "with_errors": sum(1 for r in rows_ if r.error is None and r.errors),
            "unreadable": sum(1 for r in rows_ if r.error is not None),
            "not_reports": sum(1 for r in rows_ if r.error is None and NOT_A_REPORT in r.codes),
            "most_common": [c for c, _ in Counter(c for r in rows_ for c in r.codes).most_common(5)],
        },
        "reports": [
            {
                "path": r.path,
                "organ": r.organ,
                "year": r.year,
                "template": r.template,
                "errors": r.errors,
                "warnings": r.warnings,
                "infos": r.infos,
                "codes": list(r.codes),
                "error": r.error,
                "organ_key": r.organ_key,
                "cells_read": r.cells_read,
                "cells_total": r.cells_total,
            }
            for r in rows_
        ],
    }
