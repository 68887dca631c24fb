"""``nianbao summary`` (one row per report) and ``nianbao report`` (one HTML file for a reviewer).

``summary`` writes its rows as a table for people, CSV, JSON, or the HTML report; ``report`` writes
the HTML report (`nianbao.render.report`), refused on a terminal without ``-o``. Both exit 1 when a
report has error-level findings (unless ``--exit-zero``), else 2 when a file could not be read, else 0.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

from .common import emit, lint_files, with_bom
from .options import config_options, run_config
from .state import EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE, State, Trouble, rich_console


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json", "html"]), default="table", show_default=True
)
@click.option(
    "--sort",
    type=click.Choice(["path", "organ", "year", "errors", "warnings"]),
    default="path",
    show_default=True,
    help="Order of the rows (errors and warnings: most first).",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes to lint with (default: the number of cores).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the output to this file.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when reports have error-level diagnostics.")
@click.option("--no-bom", "bom", flag_value=False, default=True, help="CSV without the UTF-8 BOM Excel needs.")
@config_options
@click.pass_obj
def summary(
    obj: State,
    paths: tuple[str, ...],
    fmt: str,
    sort: str,
    jobs: int | None,
    output: str | None,
    exit_zero: bool,
    bom: bool,
    **kw: Any,
) -> None:
    """One row per report: organ, year, template, errors, warnings and the most serious codes."""
    from ..render import summary as view

    run = run_config(obj, kw)
    linted = lint_files(run, paths, jobs, {"-o": output})
    rows = view.rows(linted, sort)
    if fmt == "table":  # a table for people: names on one line each (csv quotes them, json escapes them)
        from dataclasses import replace

        from ..render.formats import line_safe

        rows = [replace(r, path=line_safe(r.path)) for r in rows]
    if fmt == "table":
        if output:
            emit(view.as_text(rows, run.settings(".").lang), output, plain=True)
        else:
            rich_console().print(view.as_table(rows, run.settings(".").lang), crop=False)
    elif fmt == "csv":
        emit(with_bom(view.as_csv(rows), bom), output)
    elif fmt == "html":
        emit(_html(run, linted, output, jobs), output)
    else:
        emit(json.dumps(view.as_json(rows), ensure_ascii=False, indent=1) + "\n", output)
    trouble = any(r.error for r in rows)
    errors = any(r.errors for r in rows)
    sys.exit(EXIT_FINDINGS if errors and not exit_zero else EXIT_TROUBLE if trouble else EXIT_OK)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the output to this file.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes to lint with (default: the number of cores).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when reports have error-level diagnostics.")
@config_options
@click.pass_obj
def report(
    obj: State, paths: tuple[str, ...], output: str | None, jobs: int | None, exit_zero: bool, **kw: Any
) -> None:
    """One HTML file for a reviewer: the summary table, and each report's text with its findings marked."""
    run = run_config(obj, kw)
    linted = lint_files(run, paths, jobs)
    emit(_html(run, linted, output, jobs), output)
    results = [x.result for x in linted]
    errors = any(d.severity == "error" for r in results for d in r.diagnostics)
    trouble = any(r.source is None for r in results)
    sys.exit(EXIT_FINDINGS if errors and not exit_zero else EXIT_TROUBLE if trouble else EXIT_OK)


def _html(run: Any, linted: Sequence[Any], output: str | None, jobs: int | None = None) -> str:
    """The HTML report of a run (`render.report`), each report's tree read again from its source with
    the template its settings assume, as `tree` reads it; refused on a terminal without -o."""
    from ..messages import say
    from ..render import report as view
    from ..template import Version

    lang = run.settings(".").lang
    if not output and sys.stdout.isatty():
        raise Trouble(say("html_to_terminal", lang))
    assume = {}
    for x in linted:
        template = run.settings(x.result.path).template
        assume[x.result.path] = None if template == "auto" else Version(template)
    return view.build(linted, lang, assume, jobs)
