"""``nianbao export``: the long and wide layouts, and the forms for analysis (CSV, Excel, Parquet).

The expected values are those of the conforming reports' manifest (corpus/conforming/expected.json,
written by the generator with the numbers it put in the reports)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CONFORMING

from nianbao.cli import main
from nianbao.render.export import column_name
from nianbao.template import CellKey

EXPECTED = json.loads((CONFORMING / "expected.json").read_text("utf-8"))
PIPE19, PIPE21 = CONFORMING / "v2019_pipe.txt", CONFORMING / "v2021_pipe.txt"


def run(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout_bytes, result.stderr


def expected_values(name: str) -> dict[str, object]:
    return {column_name(CellKey(**{k: c[k] for k in CellKey._fields})): c["value"] for c in EXPECTED[name]["cells"]}


def test_wide_csv_one_row_per_report() -> None:
    code, out, _ = run("export", "--layout", "wide", "--format", "csv", "--no-bom", str(PIPE19), str(PIPE21))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8"))))
    assert [r["file"] for r in rows] == [str(PIPE19), str(PIPE21)]
    for r, name in zip(rows, ("v2019_pipe.txt", "v2021_pipe.txt"), strict=True):
        facts = EXPECTED[name]
        assert (r["organ"], r["year"], r["template"]) == (facts["organ"], str(facts["year"]), facts["version"])
        for column, value in expected_values(name).items():
            assert r[column] != "" and float(r[column]) == float(value), column  # type: ignore[arg-type]
    # a column V2021 has not is empty in its row
    only_2019 = set(expected_values("v2019_pipe.txt")) - set(expected_values("v2021_pipe.txt"))
    assert only_2019 and all(rows[1][c] == "" for c in only_2019)


def test_wide_json() -> None:
    code, out, _ = run("export", "--layout", "wide", str(PIPE21))
    (row,) = json.loads(out)
    assert code == 0 and row["organ_key"] == EXPECTED["v2021_pipe.txt"]["organ"]
    for column, value in expected_values("v2021_pipe.txt").items():
        assert row[column] == value


def test_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "cells.xlsx"
    code, _, _ = run("export", "--format", "xlsx", "-o", str(out), str(PIPE19))
    assert code == 0
    sheet = openpyxl.load_workbook(out, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:5] == ("file", "organ", "organ_key", "year", "template")
    assert len(body) == len(EXPECTED["v2019_pipe.txt"]["cells"])
    value = header.index("value")
    assert all(isinstance(r[value], int | float) for r in body)  # numbers, not text
    assert [r[value] for r in body] == [c["value"] for c in EXPECTED["v2019_pipe.txt"]["cells"]]


def test_parquet_wide(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "cells.parquet"
    code, _, _ = run("export", "--format", "parquet", "--layout", "wide", "-o", str(out), str(PIPE19), str(PIPE21))
    assert code == 0
    table = pq.read_table(out).to_pylist()
    assert [r["year"] for r in table] == [2019, 2021]
    for r, name in zip(table, ("v2019_pipe.txt", "v2021_pipe.txt"), strict=True):
        for column, value in expected_values(name).items():
            assert r[column] == pytest.approx(float(value)), column  # type: ignore[arg-type]


def test_xlsx_to_standard_output_is_the_workbook() -> None:
    code, out, _ = run("export", "--format", "xlsx", str(PIPE19))
    assert code == 0 and out[:2] == b"PK"  # a zip archive, as every .xlsx is
