"""``nianbao lint``: check reports against the template.

Output: the text view (each finding with its source line, a summary) or a machine format
(`nianbao.render.formats`), or the number of findings per rule (``--statistics``); findings less
severe than the level asked for are hidden (and counted in the text summary). A baseline hides
the findings it records (``--baseline``) or records them (``--write-baseline``, exit 0);
``--show-settings`` prints the configuration of each path and checks nothing.
Exit 1 on error-level findings (unless ``--exit-zero``) or more warnings than ``--max-warnings``,
else 2 when a file could not be read, else 0.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from .common import describe_settings, emit, lint_files, refuse_replacing_inputs, with_bom
from .options import config_options, run_config
from .state import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_TROUBLE,
    MACHINE_FORMATS,
    TEXT_FORMATS,
    State,
    Trouble,
    name,
    rich_console,
)

LEVELS = ("error", "warning", "info")


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(TEXT_FORMATS + MACHINE_FORMATS),
    default="text",
    show_default=True,
    envvar="NIANBAO_FORMAT",
    help="text: each finding with its source line; concise: one line each; json, jsonl, sarif, github, junit, csv.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the output to this file.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when error-level diagnostics are found.")
@click.option(
    "--statistics", is_flag=True, help="Show the number of findings per rule instead (text, or --format json or csv)."
)
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    help="The least severe findings shown (default: warning for text, info for the machine formats).",
)
@click.option("--show-info", is_flag=True, help="Show information-level findings in the text output (--level info).")
@click.option("-q", "--quiet", is_flag=True, help="Report error-level diagnostics only (--level error).")
@click.option(
    "--max-warnings",
    type=click.IntRange(min=0),
    help="Exit 1 when there are more warnings than this, as ESLint (default: warnings do not fail).",
)
@click.option("--stdin-filename", help="The name of the report read from - (for its settings and in the output).")
@click.option("--no-bom", "bom", flag_value=False, default=True, help="CSV without the UTF-8 BOM Excel needs.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes to lint with (default: the number of cores).")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Hide the findings recorded in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record the current findings as a baseline.")
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the configuration file and the settings that apply to each PATH, and check nothing.",
)
@config_options
@click.pass_obj
def lint(
    obj: State,
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    exit_zero: bool,
    statistics: bool,
    level: str | None,
    show_info: bool,
    quiet: bool,
    max_warnings: int | None,
    bom: bool,
    jobs: int | None,
    baseline: str | None,
    write_baseline: str | None,
    show_settings: bool,
    **kw: Any,
) -> None:
    """Check reports (files, directories, or - for standard input) against the template."""
    from dataclasses import asdict

    from .. import baseline as bl
    from ..messages import say
    from ..render import formats

    run = run_config(obj, kw)
    if show_settings:
        click.echo("\n".join(describe_settings(run, p) for p in paths), nl=False)
        sys.exit(EXIT_OK)
    settings = run.settings(".")
    lang = settings.lang
    recorded: dict[str, dict[str, int]] | None = None
    if baseline and not write_baseline:  # read first: a bad baseline stops the run before any report is read
        if output:
            refuse_replacing_inputs({"-o": output}, [baseline])
        try:
            recorded = bl.read(Path(baseline))
        except bl.BaselineError as exc:
            raise Trouble.of(exc) from None
    linted = lint_files(run, paths, jobs, {"-o": output, "--write-baseline": write_baseline})
    results = [x.result for x in linted]
    if write_baseline:
        try:
            n = bl.write(Path(write_baseline), results)
        except OSError as exc:
            raise Trouble(say("cannot_write", lang, path=name(write_baseline), why=exc.strerror or exc)) from None
        message = say("wrote_baseline", lang, path=name(write_baseline), n=n, files=len(results))
        click.echo(f"nianbao: {message}", err=True)
        sys.exit(EXIT_OK)
    unused: list[bl.Unused] = []
    if baseline and recorded is not None:
        results, unused = bl.apply(results, recorded, Path(baseline).resolve().parent)
    least = (
        "error"
        if quiet
        else "info"
        if show_info
        else level or ("warning" if fmt == "text" and not statistics else "info")
    )
    hidden = [d for r in results for d in r.diagnostics if LEVELS.index(d.severity.value) > LEVELS.index(least)]
    results = [_at_least(r, least) for r in results]
    if statistics:
        if fmt in ("json", "csv"):
            table = formats.statistics_json if fmt == "json" else formats.statistics_csv
            emit(with_bom(table(results, lang=lang), fmt == "csv" and bom), output)
        else:
            emit(formats.statistics(results, lang=lang), output)
    elif fmt == "text":
        _text(results, lang, output, unused, hidden)
    else:
        emit(
            with_bom(formats.render(fmt, results, lang=lang, docs_url=settings.docs_url), fmt == "csv" and bom), output
        )
    if unused and fmt != "text":
        for u in unused:
            click.echo(f"nianbao: {say('unused_baseline', lang, **{**asdict(u), 'path': name(u.path)})}", err=True)
    errors = any(d.severity == "error" for r in results for d in r.diagnostics)
    warnings = sum(d.severity == "warning" for r in results for d in r.diagnostics)
    too_many = max_warnings is not None and warnings > max_warnings
    if too_many:
        click.echo(f"nianbao: {say('too_many_warnings', lang, n=warnings, max=max_warnings)}", err=True)
    trouble = any(r.source is None for r in results)
    failed = (errors and not exit_zero) or too_many
    sys.exit(EXIT_FINDINGS if failed else EXIT_TROUBLE if trouble else EXIT_OK)


def _at_least(r: Any, least: str) -> Any:
    from dataclasses import replace

    worst = LEVELS.index(least)
    kept = tuple(d for d in r.diagnostics if LEVELS.index(d.severity.value) <= worst)
    return r if len(kept) == len(r.diagnostics) else replace(r, diagnostics=kept)


def _text(results: Sequence[Any], lang: str, output: str | None, unused: Sequence[Any], hidden: Sequence[Any]) -> None:
    from rich.console import Console

    from ..render import lint as view

    if output:
        import io

        buf = io.StringIO()
        # never a terminal, whatever FORCE_COLOR says: a file gets no terminal codes
        console = Console(
            file=buf,
            width=200,
            no_color=True,
            color_system=None,
            force_terminal=False,
            highlight=False,
            soft_wrap=False,
        )
    else:
        buf = None
        console = rich_console()
    for r in results:
        if r.source is None:
            click.echo(f"nianbao: {name(r.path)}: {r.error}", err=True)
            continue
        view.print_file(console, r.source, list(r.diagnostics), lang=lang)
    for u in unused:
        console.print(view.unused_baseline(u, lang))
    readable = [r for r in results if r.source is not None]
    shown = [d for r in readable for d in r.diagnostics]
    console.print(view.summary(len(readable), shown, len(results) - len(readable), lang, hidden=hidden))
    if buf is not None and output:
        emit(buf.getvalue(), output, plain=True)
