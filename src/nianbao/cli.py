"""The command line: ``nianbao lint | tree | summary | parse | export | rules | rule | config | debug``.

Exit codes (as ruff and ESLint): 0 no error-level diagnostic, 1 error-level diagnostics found,
2 usage error, bad configuration, or input that cannot be read (when nothing worse was found).
Never a traceback unless ``--debug``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2
TEXT_FORMATS = ("text",)
MACHINE_FORMATS = ("concise", "json", "jsonl", "sarif", "github", "junit", "csv")


class Trouble(click.ClickException):
    """A usage, configuration or input problem: a clear message and exit code 2."""

    exit_code = EXIT_TROUBLE

    def show(self, file: Any = None) -> None:
        click.echo(f"nianbao: {self.format_message()}", err=True)


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty():
        return Console(file=stream, highlight=False)
    width = int(os.environ.get("COLUMNS", "120") or 120)
    return Console(file=stream, width=max(width, 60), highlight=False, soft_wrap=False)


# --------------------------------------------------------------------------- shared options


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def input_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Options that select the configuration and say how to read files, shared by every command that reads."""
    options = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file."),
        click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
        click.option("--encoding", help="Read text in this encoding (e.g. gb18030, big5) instead of detecting it."),
        click.option("--max-file-size", type=click.IntRange(1, 1024), help="Refuse files larger than this (MB)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def config_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The input options, and the rule options that override the configuration, for the commands that lint."""
    options = [
        click.option("--select", multiple=True, help="Rules to run (codes, prefixes, names; comma-separated)."),
        click.option("--extend-select", multiple=True, help="Rules to run in addition to those selected."),
        click.option("--ignore", multiple=True, help="Rules not to run."),
        click.option(
            "--template", type=click.Choice(["auto", "V2019", "V2021"]), help="Version when a report does not tell."
        ),
        click.option(
            "--organ-kind",
            type=click.Choice(["auto", "department", "government", "office", "township"]),
            help="Kind of organ for the publication deadline (D103).",
        ),
        click.option("--lang", type=click.Choice(["zh", "en"]), envvar="NIANBAO_LANG", help="Language of messages."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return input_options(fn)


def _run_config(obj: _State, kw: dict[str, Any]) -> Any:
    from .runner import RunConfig

    overrides = {
        "select": _split(kw.pop("select", ())),
        "extend-select": _split(kw.pop("extend_select", ())),
        "ignore": _split(kw.pop("ignore", ())),
        "template": kw.pop("template", None),
        "organ-kind": kw.pop("organ_kind", None),
        "lang": kw.pop("lang", None),
        "encoding": kw.pop("encoding", None),
        "max-file-size": kw.pop("max_file_size", None),
    }
    config_file = kw.pop("config_file", None)
    isolated = kw.pop("isolated", False)
    run = RunConfig(config_file, isolated, tuple(overrides.items()), obj.debug)
    try:
        run.settings(".")  # fail early, once, on a bad configuration or option
    except Exception as exc:
        raise Trouble(str(exc)) from None
    return run


class _State:
    def __init__(self, debug: bool) -> None:
        self.debug = debug


def _lint(run: Any, paths: Sequence[str], jobs: int | None, outputs: dict[str, str | None] | None = None) -> list[Any]:
    from .config import ConfigError
    from .runner import expand, lint_many

    try:
        files = expand(paths, run)
    except ConfigError as exc:
        raise Trouble(str(exc)) from None
    _refuse_replacing_inputs(outputs or {}, [*files, *([run.config_file] if run.config_file else [])])
    _check_settings(run, files)
    if sys.stderr.isatty() and len(files) > 5:
        from rich.progress import Progress

        with Progress(transient=True, console=_console(stderr=True)) as progress:
            task = progress.add_task("nianbao", total=len(files))
            try:
                return lint_many(files, run, jobs, lambda done, _: progress.update(task, completed=done))
            except ConfigError as exc:
                raise Trouble(str(exc)) from None
    try:
        return lint_many(files, run, jobs)
    except ConfigError as exc:
        raise Trouble(str(exc)) from None


def _expand(run: Any, paths: Sequence[str], expand: Callable[..., list[str]]) -> list[str]:
    from .config import ConfigError

    try:
        return expand(paths, run)
    except ConfigError as exc:
        raise Trouble(str(exc)) from None


def _name(path: str) -> str:
    """A file name for a line of output: undecodable bytes shown as click shows them, control
    characters and the like escaped (`nianbao.render.formats.line_safe`), so that a name cannot
    split its line in two."""
    from .render.formats import line_safe

    return line_safe(click.format_filename(path))


def _check_settings(run: Any, files: Sequence[str]) -> None:
    """The configuration of every file read (once per directory): a mistake in one stops the run,
    exit 2, before any report is read, whichever directory it is in."""
    from .config import ConfigError

    try:
        for f in files:
            run.settings(f)
    except ConfigError as exc:
        raise Trouble(str(exc)) from None


def _refuse_replacing_inputs(outputs: dict[str, str | None], inputs: Sequence[str]) -> None:
    """An output never replaces an input of the run: checked before anything is read or written."""
    from .cli_io import input_replaced

    for option, output in outputs.items():
        if output:
            found = input_replaced(output, inputs)
            if found is not None:
                raise Trouble(f"{option} {_name(output)} is {_name(found)}, an input of this run: not replaced")


def _emit(text: str, output: str | None, *, plain: bool = False) -> None:
    """``text`` to ``output`` (stdout when None); ``plain``: a view for people, whose terminal codes
    (a console told to colour, FORCE_COLOR) never go into a file."""
    if output:
        from . import cli_io

        try:
            cli_io.write_output(output, cli_io.plain(text) if plain else text)
        except OSError as exc:
            raise Trouble(f"cannot write {_name(output)}: {exc.strerror or exc}") from None
    else:
        click.echo(text, nl=False, color=None if plain else True)  # click would strip ESC from data (a CSV cell)


# --------------------------------------------------------------------------- commands


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="nianbao")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """nianbao — parse and check 政府信息公开工作年度报告 (government information-disclosure annual reports).

    \b
    Inspect one report:   nianbao tree REPORT.txt
    Lint many:            nianbao lint DIR_OR_FILES...
    Which organs must fix what:  nianbao summary DIR
    Read the tables:      nianbao export REPORT.txt --format csv
    Compare two years:    nianbao diff LAST_YEAR.txt THIS_YEAR.txt
    The rules:            nianbao rules; nianbao rule T201
    Debug the parser:     nianbao debug REPORT.txt --stage tokens
    """
    ctx.obj = _State(debug)


@main.command()
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
@click.option("--statistics", is_flag=True, help="Show the number of findings per rule instead of the findings.")
@click.option("-q", "--quiet", is_flag=True, help="Report error-level diagnostics only.")
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
    obj: _State,
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    jobs: int | None,
    baseline: str | None,
    write_baseline: str | None,
    show_settings: bool,
    **kw: Any,
) -> None:
    """Check reports (files, directories, or - for standard input) against the template."""
    from . import baseline as bl
    from .render import formats

    run = _run_config(obj, kw)
    if show_settings:
        click.echo("\n".join(_describe_settings(run, p) for p in paths), nl=False)
        sys.exit(EXIT_OK)
    settings = run.settings(".")
    lang = settings.lang
    recorded: dict[str, dict[str, int]] | None = None
    if baseline and not write_baseline:  # read first: a bad baseline stops the run before any report is read
        if output:
            _refuse_replacing_inputs({"-o": output}, [baseline])
        try:
            recorded = bl.read(Path(baseline))
        except bl.BaselineError as exc:
            raise Trouble(str(exc)) from None
    linted = _lint(run, paths, jobs, {"-o": output, "--write-baseline": write_baseline})
    results = [x.result for x in linted]
    if write_baseline:
        try:
            n = bl.write(Path(write_baseline), results)
        except OSError as exc:
            raise Trouble(f"cannot write {_name(write_baseline)}: {exc.strerror or exc}") from None
        click.echo(f"nianbao: wrote {write_baseline}: {n} finding(s) in {len(results)} file(s)", err=True)
        sys.exit(EXIT_OK)
    unused: list[bl.Unused] = []
    if baseline and recorded is not None:
        results, unused = bl.apply(results, recorded, Path(baseline).resolve().parent)
    if quiet:
        results = [_only_errors(r) for r in results]
    if statistics:
        _emit(formats.statistics(results, lang=lang), output)
    elif fmt == "text":
        _text(results, lang, output, unused)
    else:
        _emit(formats.render(fmt, results, lang=lang, docs_url=settings.docs_url), output)
    if unused and fmt != "text":
        for u in unused:
            click.echo(
                f"nianbao: unused baseline entry: {_name(u.path)} {u.code} (recorded {u.recorded}, found {u.found})",
                err=True,
            )
    errors = any(d.severity == "error" for r in results for d in r.diagnostics)
    trouble = any(r.source is None for r in results)
    sys.exit(EXIT_FINDINGS if errors and not exit_zero else EXIT_TROUBLE if trouble else EXIT_OK)


def _describe_settings(run: Any, path: str) -> str:
    """Which configuration file applies to ``path``, where discovery stopped, and the settings with
    the origin of each (``config --show``, ``lint --show-settings``)."""
    from .config import discover, show

    try:
        settings = run.settings(path)
        lines = [f"# configuration for {_name(path)}: "]
        if run.isolated:
            lines[0] += "(none: --isolated)"
        elif run.config_file:
            lines[0] += f"{_name(run.config_file)} (--config)"
        else:
            found = discover(Path(path))
            lines[0] += _name(str(found.file)) if found.file else "(none: defaults)"
            root = f"{found.root} (it has {found.marker})" if found.root else "/ (no project root above it)"
            lines.append(f"# discovery stops at the project root: {_name(root)}")
    except Exception as exc:
        raise Trouble(str(exc)) from None
    return "\n".join(lines) + "\n" + show(settings)


def _only_errors(r: Any) -> Any:
    from dataclasses import replace

    return replace(r, diagnostics=tuple(d for d in r.diagnostics if d.severity == "error"))


def _text(results: Sequence[Any], lang: str, output: str | None, unused: Sequence[Any]) -> None:
    from rich.console import Console

    from .render import lint as view

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
        console = _console()
    for r in results:
        if r.source is None:
            click.echo(f"nianbao: {_name(r.path)}: {r.error}", err=True)
            continue
        view.print_file(console, r.source, list(r.diagnostics), lang=lang)
    for u in unused:
        console.print(view.unused_baseline(u, lang))
    readable = [r for r in results if r.source is not None]
    console.print(
        view.summary(len(readable), [d for r in readable for d in r.diagnostics], len(results) - len(readable), lang)
    )
    if buf is not None and output:
        _emit(buf.getvalue(), output, plain=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
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
@config_options
@click.pass_obj
def summary(
    obj: _State,
    paths: tuple[str, ...],
    fmt: str,
    sort: str,
    jobs: int | None,
    output: str | None,
    exit_zero: bool,
    **kw: Any,
) -> None:
    """One row per report: organ, year, template, errors, warnings and the most serious codes."""
    from .render import summary as view

    run = _run_config(obj, kw)
    linted = _lint(run, paths, jobs, {"-o": output})
    rows = view.rows(linted, sort)
    if fmt == "table":  # a table for people: names on one line each (csv quotes them, json escapes them)
        from dataclasses import replace

        from .render.formats import line_safe

        rows = [replace(r, path=line_safe(r.path)) for r in rows]
    if fmt == "table":
        if output:
            _emit(view.as_text(rows, run.settings(".").lang), output, plain=True)
        else:
            _console().print(view.as_table(rows, run.settings(".").lang), crop=False)
    elif fmt == "csv":
        _emit(view.as_csv(rows), output)
    else:
        _emit(json.dumps(view.as_json(rows), ensure_ascii=False, indent=1) + "\n", output)
    trouble = any(r.error for r in rows)
    errors = any(r.errors for r in rows)
    sys.exit(EXIT_FINDINGS if errors and not exit_zero else EXIT_TROUBLE if trouble else EXIT_OK)


@main.command()
@click.argument("file")
@click.option("--all", "show_all", is_flag=True, help="Also show the parts that conform.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when error-level diagnostics are found.")
@config_options
@click.pass_obj
def tree(obj: _State, file: str, show_all: bool, exit_zero: bool, **kw: Any) -> None:
    """Show the report's outline with every deviation where it is."""
    from .render.tree import render
    from .rules import run_checks
    from .runner import apply_settings

    run = _run_config(obj, kw)
    settings = run.settings(file)
    parsed = _parse(file, settings)
    diags = apply_settings(settings, file, run_checks(parsed, organ_kind=settings.organ_kind))
    _console().print(render(parsed, diags, show_all, settings.lang))
    sys.exit(EXIT_FINDINGS if any(d.severity == "error" for d in diags) and not exit_zero else EXIT_OK)


def _parse(path: str, settings: Any) -> Any:
    from .load import InputError, read_path
    from .pipeline import parse_source
    from .runner import read_options
    from .template import Version

    assume = None if settings.template == "auto" else Version(settings.template)
    try:
        return parse_source(read_path(path, read_options(settings)), assume=assume)
    except InputError as exc:
        raise Trouble(f"{_name(exc.path)}: {exc.message}") from None


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--all", "show_all", is_flag=True, help="Show every cell and every passage, not only what changed.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@config_options
@click.pass_obj
def diff(obj: _State, a: str, b: str, show_all: bool, fmt: str, **kw: Any) -> None:
    """Two reports side by side, A the earlier: sections, every table cell with its change, the narrative."""
    from .render import diff as view

    run = _run_config(obj, kw)
    lang = run.settings(".").lang
    comparison = view.compare(_parse(a, run.settings(a)), _parse(b, run.settings(b)))
    if fmt == "json":
        click.echo(json.dumps(view.as_json(comparison, lang), ensure_ascii=False, indent=1))
    else:
        _console().print(view.render(comparison, show_all=show_all, lang=lang))


@main.command()
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True)
@click.option("--trivia", is_flag=True, help="Show whitespace and separators too (tree view).")
@input_options
@click.pass_obj
def parse(obj: _State, file: str, fmt: str, trivia: bool, **kw: Any) -> None:
    """Show the typed syntax tree (the AST) of a report."""
    from .organs import alias_table, organ_key
    from .render.ast import node_json, rich_tree

    settings = _run_config(obj, kw).settings(file)
    parsed = _parse(file, settings)
    if fmt == "json":
        source, meta = parsed.source, parsed.meta
        doc = {
            "file": source.path,
            "form": source.origin.kind if source.origin is not None else "text",
            "encoding": source.encoding,
            "organ": meta.agency,
            "organ_key": organ_key(meta.agency, alias_table(settings.organs)),
            "year": meta.year,
            "tree": node_json(parsed.report, parsed.source),
        }
        click.echo(json.dumps(doc, ensure_ascii=False, indent=1))
    else:
        _console().print(rich_tree(parsed, trivia))


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the output to this file.")
@input_options
@click.pass_obj
def export(obj: _State, files: tuple[str, ...], fmt: str, output: str | None, **kw: Any) -> None:
    """Write the table data: one record per cell, with canonical labels."""
    from .organs import alias_table
    from .render import export as ex
    from .runner import expand

    run = _run_config(obj, kw)
    docs, rows, trouble = [], [], False
    paths = _expand(run, files, expand)
    _refuse_replacing_inputs({"-o": output}, [*paths, *([run.config_file] if run.config_file else [])])
    _check_settings(run, paths)
    for path in paths:
        try:
            parsed = _parse(path, run.settings(path))
        except Trouble as exc:
            click.echo(f"nianbao: {exc.message}", err=True)
            trouble = True
            continue
        docs.append(ex.document(parsed, alias_table(run.settings(path).organs)))
        rows.extend(ex.records(parsed))
    if fmt == "csv":
        _emit(ex.to_csv(rows), output)
    else:
        single = len(files) == 1 and not Path(files[0]).is_dir() and len(docs) == 1
        _emit(json.dumps(docs[0] if single else docs, ensure_ascii=False, indent=1) + "\n", output)
    sys.exit(EXIT_TROUBLE if trouble else EXIT_OK)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), envvar="NIANBAO_LANG", default="zh")
def rules(fmt: str, lang: str) -> None:
    """List every rule: code, name, default severity, summary."""
    from .rules import all_rules

    if fmt == "json":
        items = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "summary": r.summary(lang),
                "summary_zh": r.zh.summary,
                "summary_en": r.en.summary,
                "url": r.url(lang=lang),
            }
            for r in all_rules()
        ]
        click.echo(json.dumps(items, ensure_ascii=False, indent=1))
        return
    from rich.table import Table

    table = Table("code", "name", "severity", "summary", box=None, pad_edge=False, header_style="bold")
    for r in all_rules():
        table.add_row(r.code, r.name, r.severity.value, r.summary(lang))
    _console().print(table)


@main.command("rule")
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), envvar="NIANBAO_LANG", default="zh")
def rule_doc(rule_id: str, lang: str) -> None:
    """Print the documentation of one rule (by code or name)."""
    from .rules import all_rules

    found = next((r for r in all_rules() if rule_id in (r.code, r.name)), None)
    if found is None:
        raise Trouble(f"no rule {rule_id!r}; `nianbao rules` lists them")
    if sys.stdout.isatty():
        from rich.markdown import Markdown

        _console().print(Markdown(found.markdown(lang)))
    else:
        click.echo(found.markdown(lang), nl=False)


@main.command("config")
@click.argument("path", required=False, default=".")
@click.option("--show", is_flag=True, help="Print the effective settings and where each came from.")
@config_options
@click.pass_obj
def config_cmd(obj: _State, path: str, show: bool, **kw: Any) -> None:
    """Show the configuration that applies to PATH (default: the current directory)."""
    run = _run_config(obj, kw)
    click.echo(_describe_settings(run, path), nl=False)


@main.command()
@click.argument("file")
@click.option(
    "--stage",
    type=click.Choice(["text", "normalized", "tokens", "tree"]),
    required=True,
    help="text: the text read from the file, with where each line came from; normalized: the analysis text; "
    "tokens: the token stream; tree: Lark's raw parse tree.",
)
@input_options
@click.pass_obj
def debug(obj: _State, file: str, stage: str, **kw: Any) -> None:
    """For developers: show one stage of the pipeline."""
    from . import debugview
    from .load import InputError, read_path
    from .runner import read_options

    try:
        source = read_path(file, read_options(_run_config(obj, kw).settings(file)))
    except InputError as exc:
        raise Trouble(f"{_name(exc.path)}: {exc.message}") from None
    _console().print(debugview.render(source, stage))


def run() -> None:
    """The console script: ``main`` with a last guard, so that no input or fault ends in a traceback."""
    try:
        main()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        from .config import ConfigError

        if isinstance(exc, ConfigError):  # a configuration met only once a command looks at a file's settings
            print(f"nianbao: {exc}", file=sys.stderr)
            sys.exit(EXIT_TROUBLE)
        if "--debug" in sys.argv:
            raise
        print(
            f"nianbao: E900 internal-error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr
        )
        sys.exit(EXIT_TROUBLE)


if __name__ == "__main__":  # pragma: no cover
    run()
