"""Clean table data for analysis: the cells with canonical labels, whatever the report wrote.

Two layouts:

* ``long`` (`records`): one record per cell — the report (``file, organ, organ_key, year,
  template``), the cell's canonical key (``table, block, group, row, column``, TEMPLATE.md §6),
  ``value, status, raw, line``;
* ``wide`` (`wide`): one row per report — the report's fields, then one column per cell key of
  the templates (`wide_columns`: V2019's cells, then those only V2021 has), its number when the
  cell was read as one, else empty.

Four forms: JSON, CSV (UTF-8; the BOM Excel needs is the command line's), Excel (`to_xlsx`,
openpyxl) and Parquet (`to_parquet`, pyarrow: ``pip install "nianbao[parquet]"``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from .. import template as T
from ..nodes import CellStatus, Heading, Section
from ..organs import organ_key
from ..pipeline import Parsed

REPORT_FIELDS = ("file", "organ", "organ_key", "year", "template")
FIELDS = (*REPORT_FIELDS, "table", "block", "group", "row", "column", "value", "status", "raw", "line")


class MissingExtra(Exception):
    """A form whose library is not installed; the message says how to install it."""


def _report_fields(parsed: Parsed, aliases: Mapping[str, str] | None) -> dict[str, Any]:
    meta = parsed.meta
    return {
        "file": parsed.source.path,
        "organ": meta.agency,
        "organ_key": organ_key(meta.agency, aliases),
        "year": meta.year,
        "template": parsed.report.version.value,
    }


def records(parsed: Parsed, aliases: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """One record per cell of the report (the long layout)."""
    src = parsed.source
    report = _report_fields(parsed, aliases)
    out = []
    for c in parsed.report.cells():
        out.append(
            {
                **report,
                **c.key.as_dict(),
                "value": c.number,
                "status": c.status.value,
                "raw": c.raw,
                "line": src.position(c.span.start).line,
            }
        )
    return out


def column_name(key: T.CellKey) -> str:
    """A cell key as one column name: its non-empty parts joined by ``/``."""
    return "/".join(part for part in key if part)


def wide_columns() -> tuple[T.CellKey, ...]:
    """Every cell key of the templates, once: V2019's in its order, then those only V2021 has."""
    return tuple(dict.fromkeys((*T.all_cells(T.Version.V2019), *T.all_cells(T.Version.V2021))))


def wide(parsed: Parsed, aliases: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The report as one row: its fields, then each cell's number (None when not read as one)."""
    values: dict[T.CellKey, Any] = {}
    for c in parsed.report.cells():
        if c.key not in values:  # a row twice: the first is the table's
            values[c.key] = c.number if c.status is CellStatus.OK else None
    row = _report_fields(parsed, aliases)
    for key in wide_columns():
        row[column_name(key)] = values.get(key)
    return row


def wide_fields() -> tuple[str, ...]:
    return (*REPORT_FIELDS, *(column_name(k) for k in wide_columns()))


def document(parsed: Parsed, aliases: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The report as one record: where it came from, who published it for which year, its
    sections and its cells. ``aliases``: the configured other names of organs (see `nianbao.organs`)."""
    meta = parsed.meta
    source = parsed.source
    sections: dict[str, Any] = {}
    found = {s.number: s for s in parsed.report.walk() if isinstance(s, Section)}
    for spec in T.SECTIONS:
        s = found.get(spec.number)
        heading = s.heading if s is not None else None
        if s is None:
            sections[spec.numeral] = None
        else:
            span = heading.span if heading is not None else s.span
            sections[spec.numeral] = {
                "line": parsed.source.position(span.start).line,
                "title": parsed.source.slice(span).strip() if isinstance(heading, Heading) else None,
            }
    template = parsed.table_format.value if parsed.table_format else None
    return {
        "file": source.path,
        "form": source.origin.kind if source.origin is not None else "text",
        "encoding": source.encoding,
        "template": template,
        "year": meta.year,
        "agency": meta.agency,
        "organ": meta.agency,
        "organ_key": organ_key(meta.agency, aliases),
        "published": meta.published.value.isoformat() if meta.published else None,
        "sections": sections,
        "cells": [{k: v for k, v in r.items() if k not in REPORT_FIELDS} for r in records(parsed, aliases)],
    }


def to_csv(rows: Sequence[Mapping[str, Any]], fields: Sequence[str] = FIELDS) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: ("" if r.get(k) is None else r[k]) for k in fields})
    return buf.getvalue()


def _plain(value: Any) -> Any:
    """A value as a spreadsheet or Parquet cell: numbers as numbers (Decimal is neither's)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def to_xlsx(rows: Sequence[Mapping[str, Any]], fields: Sequence[str] = FIELDS) -> bytes:
    """An Excel workbook: one sheet, a header row, then the rows; numbers stay numbers."""
    try:
        from openpyxl import Workbook
    except ImportError as exc:  # a dependency: only a broken installation lacks it
        raise MissingExtra('--format xlsx needs openpyxl: pip install "openpyxl>=3.1"') from exc
    book = Workbook(write_only=True)
    sheet = book.create_sheet("nianbao")
    sheet.append(list(fields))
    for r in rows:
        sheet.append([_plain(r.get(k)) for k in fields])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def to_parquet(rows: Sequence[Mapping[str, Any]], fields: Sequence[str] = FIELDS) -> bytes:
    """A Parquet file; the cell values as float64 (null when not read), the rest as text or integers."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtra('--format parquet needs pyarrow: pip install "nianbao[parquet]"') from exc
    text = {"file", "organ", "organ_key", "template", "table", "block", "group", "row", "column", "status", "raw"}
    integer = {"year", "line"}
    columns = {}
    for k in fields:
        values = [_plain(r.get(k)) for r in rows]
        kind = pa.string() if k in text else pa.int64() if k in integer else pa.float64()
        columns[k] = pa.array(values, type=kind)
    buf = io.BytesIO()
    pq.write_table(pa.table(columns), buf)
    return buf.getvalue()
