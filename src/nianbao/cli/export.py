"""``nianbao export``: the table data of reports with canonical labels, one record per cell
(``--layout long``) or one row per report (``wide``), as JSON, CSV, xlsx or parquet (binary formats
refused on a terminal without ``-o``). A file that cannot be read is said on stderr and the others
are exported; exit 2 then, else 0.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from .common import (
    check_settings,
    emit,
    emit_bytes,
    expand,
    parse_file,
    refuse_replacing_inputs,
    say_passed_over,
    with_bom,
)
from .options import input_options, run_config
from .state import EXIT_OK, EXIT_TROUBLE, State, Trouble, name


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "xlsx", "parquet"]),
    default="json",
    show_default=True,
    help='json, csv, xlsx (Excel) or parquet (pip install "nianbao[parquet]").',
)
@click.option(
    "--layout",
    type=click.Choice(["long", "wide"]),
    default="long",
    show_default=True,
    help="long: one record per cell; wide: one row per report, one column per cell.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the output to this file.")
@click.option("--no-bom", "bom", flag_value=False, default=True, help="CSV without the UTF-8 BOM Excel needs.")
@input_options
@click.pass_obj
def export(obj: State, files: tuple[str, ...], fmt: str, layout: str, output: str | None, bom: bool, **kw: Any) -> None:
    """Write the table data with canonical labels: one record per cell, or one row per report."""
    from ..compare.organs import alias_table
    from ..messages import say
    from ..render import export as ex
    from ..rules.base import Context
    from ..rules.structure import is_report

    run = run_config(obj, kw)
    lang = run.settings(".").lang
    binary = fmt in ("xlsx", "parquet")
    if binary and not output and sys.stdout.isatty():
        raise Trouble(say("binary_to_terminal", lang, format=fmt))
    docs, rows, trouble = [], [], False
    expansion = expand(run, files)
    refuse_replacing_inputs({"-o": output}, [*expansion.files, *([run.config_file] if run.config_file else [])])
    check_settings(run, expansion.files)
    for path, why in expansion.unreadable:
        click.echo(f"nianbao: {name(path)}: {why}", err=True)
        trouble = True
    for path in expansion.files:
        try:
            parsed = parse_file(path, run.settings(path))
        except Trouble as exc:
            click.echo(f"nianbao: {exc.message}", err=True)
            trouble = True
            continue
        if path in expansion.tentative and not is_report(Context(parsed)):
            say_passed_over(run, [path])
            continue
        aliases = alias_table(run.settings(path).organs)
        if fmt == "json" and layout == "long":
            docs.append(ex.document(parsed, aliases))
        elif layout == "wide":
            rows.append(ex.wide(parsed, aliases))
        else:
            rows.extend(ex.records(parsed, aliases))
    fields = ex.wide_fields() if layout == "wide" else ex.FIELDS
    if fmt == "csv":
        emit(with_bom(ex.to_csv(rows, fields), bom), output)
    elif binary:
        try:
            data = ex.to_xlsx(rows, fields) if fmt == "xlsx" else ex.to_parquet(rows, fields)
        except ex.MissingExtra as exc:
            raise Trouble.of(exc) from None
        emit_bytes(data, output)
    elif layout == "wide":
        emit(json.dumps(rows, ensure_ascii=False, indent=1, default=_json_number) + "\n", output)
    else:
        single = len(files) == 1 and not Path(files[0]).is_dir() and len(docs) == 1
        emit(json.dumps(docs[0] if single else docs, ensure_ascii=False, indent=1) + "\n", output)
    sys.exit(EXIT_TROUBLE if trouble else EXIT_OK)


def _json_number(value: Any) -> Any:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")
