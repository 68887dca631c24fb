"""Clean table data for analysis: one record per cell, labels canonical whatever the report wrote."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from .. import template as T
from ..nodes import Heading, Section
from ..organs import organ_key
from ..pipeline import Parsed

FIELDS = ("file", "table", "block", "group", "row", "column", "value", "status", "raw", "line")


def records(parsed: Parsed) -> list[dict[str, Any]]:
    src = parsed.source
    out = []
    for c in parsed.report.cells():
        out.append(
            {
                "file": src.path,
                **c.key.as_dict(),
                "value": c.number,
                "status": c.status.value,
                "raw": c.raw,
                "line": src.position(c.span.start).line,
            }
        )
    return out


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
        "organ_key": organ_key(meta.agency, aliases),
        "published": meta.published.value.isoformat() if meta.published else None,
        "sections": sections,
        "cells": [{k: v for k, v in r.items() if k != "file"} for r in records(parsed)],
    }


def to_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: ("" if r[k] is None else r[k]) for k in FIELDS})
    return buf.getvalue()
