"""The command line: ``nianbao lint | tree | summary | report | diff | parse | export | rules | rule | config | debug``.

Exit codes (as ruff and ESLint): 0 no error-level diagnostic, 1 error-level diagnostics found,
2 usage error, bad configuration, or input that cannot be read (when nothing worse was found).
Never a traceback unless ``--debug``.
"""

from __future__ import annotations

import functools
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

    @classmethod
    def of(cls, exc: Exception) -> Trouble:
        """A configuration or input error, said in this invocation's language."""
        from .messages import one_language

        text = getattr(exc, "text", None)
        if callable(text):  # a ConfigError knows both languages
            return cls(text(_LANG))
        path, message = getattr(exc, "path", None), getattr(exc, "message", None)
        if isinstance(path, str) and isinstance(message, str):  # an InputError: its name on one line
            return cls(f"{_name(path)}: {one_language(message, _LANG)}")
        return cls(one_language(str(exc), _LANG))

    def show(self, file: Any = None) -> None:
        click.echo(f"nianbao: {self.format_message()}", err=True)


_COLOR: bool | None = None  # --color / --no-color; None: the terminal and NO_COLOR / FORCE_COLOR decide
_LANG = "zh"  # the language of this invocation's words: --lang, NIANBAO_LANG, the configuration, the locale


def _scan_lang(args: Sequence[str]) -> str:
    """The language asked for, before click has parsed anything (help and usage errors need it)."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in ("zh", "en"):
            return args[i + 1]
        if arg.startswith("--lang=") and arg[7:] in ("zh", "en"):
            return arg[7:]
    if os.environ.get("NIANBAO_LANG") in ("zh", "en"):
        return os.environ["NIANBAO_LANG"]
    return _default_lang()


def _click_gettext(message: str) -> str:
    """click's own words (usage, headings, errors) in this invocation's language."""
    from .messages import CLICK_ZH

    return CLICK_ZH.get(message, message) if _LANG == "zh" else message


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    return _click_gettext(singular if n == 1 else plural)


def _patch_click() -> None:
    """click words its messages through gettext bound in each of its modules; without .mo files the
    way to give them another language is to rebind that name (what a gettext catalogue would do)."""
    import importlib

    for name in ("core", "decorators", "exceptions", "formatting", "types", "parser", "termui", "utils"):
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a click without this module
            continue
        if hasattr(module, "_"):
            module._ = _click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext  # type: ignore[attr-defined]


def _localise(group: click.Group, lang: str) -> None:
    """Every command's and option's help in ``lang`` (the English is what the code declares)."""
    from .messages import HELP_ZH, MAIN_HELP

    def swap(item: Any) -> None:
        english = item.__dict__.setdefault("_help_en", item.help)
        if english:
            item.help = english if lang == "en" else HELP_ZH.get(english, english)
        if isinstance(item, click.Command) and "_help_option" in item.__dict__:
            item._help_option = None  # made again, in this language, when asked for

    group.help = MAIN_HELP["en" if lang == "en" else "zh"]
    swap(group)
    group.help = MAIN_HELP["en" if lang == "en" else "zh"]
    stack: list[click.Command] = list(group.commands.values())
    for p in group.params:
        swap(p)
    while stack:
        command = stack.pop()
        swap(command)
        for p in command.params:
            swap(p)
        if isinstance(command, click.Group):
            stack.extend(command.commands.values())


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    color = {} if _COLOR is None else {"force_terminal": True} if _COLOR else {"color_system": None}
    if stream.isatty():
        return Console(file=stream, highlight=False, **color)  # type: ignore[arg-type]
    width = int(os.environ.get("COLUMNS", "120") or 120)
    return Console(file=stream, width=max(width, 60), highlight=False, soft_wrap=False, **color)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- shared options


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(_State).debug = True


def _set_color(ctx: click.Context, param: click.Parameter, value: bool | None) -> None:
    global _COLOR
    if value is not None:
        _COLOR = value


def common_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Options every command takes, before or after its name: ``--debug``, ``--color/--no-color``."""
    options = [
        click.option(
            "--debug", is_flag=True, expose_value=False, callback=_set_debug, help="Show tracebacks of internal errors."
        ),
        click.option(
            "--color/--no-color",
            default=None,
            expose_value=False,
            callback=_set_color,
            help="Colour the output or not (default: on a terminal, unless NO_COLOR is set).",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def input_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Options that select the configuration and say how to read files, shared by every command that reads."""
    options = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file."),
        click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
        click.option("--encoding", help="Read text in this encoding (e.g. gb18030, big5) instead of detecting it."),
        click.option("--max-file-size", type=click.IntRange(1, 1024), help="Refuse files larger than this (MB)."),
        click.option("--lang", type=click.Choice(["zh", "en"]), envvar="NIANBAO_LANG", help="Language of messages."),
        click.option(
            "--no-respect-gitignore",
            "respect_gitignore",
            flag_value=False,
            default=True,
            help="Walk into what .gitignore files ignore too.",
        ),
        click.option("--follow-symlinks", is_flag=True, help="Follow links that lead out of the folders walked."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return common_options(fn)


def config_options(fn: Callable[..., Any], organ_kind: bool = True) -> Callable[..., Any]:
    """The input options, and the rule options that override the configuration, for the commands that lint."""
    options = [
        click.option("--select", multiple=True, help="Rules to run (codes, prefixes, names; comma-separated)."),
        click.option("--extend-select", multiple=True, help="Rules to run in addition to those selected."),
        click.option("--ignore", multiple=True, help="Rules not to run."),
        click.option(
            "--template", type=click.Choice(["auto", "V2019", "V2021"]), help="Version when a report does not tell."
        ),
        *(
            [
                click.option(
                    "--organ-kind",
                    type=click.Choice(["auto", "department", "government", "office", "township"]),
                    help="Kind of organ for the publication deadline (D103).",
                )
            ]
            if organ_kind
            else []
        ),
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
    walk = {"respect_gitignore": kw.pop("respect_gitignore", True), "follow_symlinks": kw.pop("follow_symlinks", False)}
    stdin_filename = kw.pop("stdin_filename", None)
    run = RunConfig(config_file, isolated, tuple(overrides.items()), obj.debug, stdin_filename=stdin_filename, **walk)
    try:
        global _LANG
        _LANG = run.settings(".").lang  # fail early, once, on a bad configuration or option
    except Exception as exc:
        raise Trouble.of(exc) from None
    return run


def _default_lang() -> str:
    """The language when no --lang is given: the configuration's here, else the locale's, else Chinese."""
    from .config import load

    try:
        return load(Path.cwd()).lang
    except Exception:  # a broken configuration is said by the commands that use it
        from .messages import language

        return language() or "zh"


class _State:
    def __init__(self, debug: bool = False) -> None:
        self.debug = debug


def _lint(run: Any, paths: Sequence[str], jobs: int | None, outputs: dict[str, str | None] | None = None) -> list[Any]:
    from .config import ConfigError
    from .runner import lint_many

    expansion = _expand(run, paths)
    files = expansion.files
    _refuse_replacing_inputs(outputs or {}, [*files, *([run.config_file] if run.config_file else [])])
    _check_settings(run, files)
    try:
        if sys.stderr.isatty() and len(files) > 5:
            from rich.progress import Progress

            with Progress(transient=True, console=_console(stderr=True)) as progress:
                task = progress.add_task("nianbao", total=len(files))
                linted = lint_many(files, run, jobs, lambda done, _: progress.update(task, completed=done))
        else:
            linted = lint_many(files, run, jobs)
    except ConfigError as exc:
        raise Trouble.of(exc) from None
    return linted + _unreadable_folders(expansion)


def _unreadable_folders(expansion: Any) -> list[Any]:
    """A folder the walk could not read is a file that cannot be read: a result with its error."""
    from .render.formats import FileResult
    from .runner import Linted

    return [Linted(FileResult(path, None, error=why)) for path, why in expansion.unreadable]


def _expand(run: Any, paths: Sequence[str]) -> Any:
    """The files to read; what the walk passed over is said once on stderr."""
    from .config import ConfigError
    from .messages import say
    from .runner import expand

    try:
        expansion = expand(paths, run)
    except ConfigError as exc:
        raise Trouble.of(exc) from None
    lang = run.settings(".").lang
    for skipped in expansion.skipped:
        click.echo(
            f"nianbao: {click.format_filename(skipped.path)}: {say('skipped_' + skipped.reason, lang)}", err=True
        )
    for folder in expansion.empty:
        click.echo(f"nianbao: {click.format_filename(folder)}: {say('no_reports', lang)}", err=True)
    return expansion


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
        raise Trouble.of(exc) from None


def _refuse_replacing_inputs(outputs: dict[str, str | None], inputs: Sequence[str]) -> None:
    """An output never replaces an input of the run: checked before anything is read or written."""
    from .cli_io import input_replaced
    from .messages import say

    for option, output in outputs.items():
        if output:
            found = input_replaced(output, inputs)
            if found is not None:
                raise Trouble(say("input_replaced", _LANG, option=option, path=_name(output), input=_name(found)))


def _emit(text: str, output: str | None, *, plain: bool = False) -> None:
    """``text`` to ``output`` (stdout when None); ``plain``: a view for people, whose terminal codes
    (a console told to colour, FORCE_COLOR) never go into a file."""
    from .messages import say

    if output:
        from . import cli_io

        try:
            cli_io.write_output(output, cli_io.plain(text) if plain else text)
        except OSError as exc:
            raise Trouble(say("cannot_write", _LANG, path=_name(output), why=exc.strerror or exc)) from None
    else:
        click.echo(text, nl=False, color=None if plain else True)  # click would strip ESC from data (a CSV cell)


# --------------------------------------------------------------------------- commands


class _Group(click.Group):
    """The command group: each invocation starts from the defaults (one process may run many, as tests do)."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        global _COLOR, _LANG
        _COLOR = None
        _LANG = _scan_lang(args)
        _patch_click()
        _localise(self, _LANG)
        return super().make_context(info_name, args, parent, **extra)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="nianbao")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    expose_value=False,
    is_eager=True,
    help="Language of help and messages (also NIANBAO_LANG, the configuration, the locale).",
)
@common_options
@click.pass_context
def main(ctx: click.Context) -> None:
    """nianbao — parse and check 政府信息公开工作年度报告 (government information-disclosure annual reports).

    \b
    Inspect one report:   nianbao tree REPORT.txt
    Lint many:            nianbao lint DIR_OR_FILES...
    Which organs must fix what:  nianbao summary DIR
    For the reviewer's browser:  nianbao report DIR -o report.html
    Read the tables:      nianbao export REPORT.txt --format csv
    Compare two years:    nianbao diff LAST_YEAR.txt THIS_YEAR.txt
    The rules:            nianbao rules; nianbao rule T201
    Debug the parser:     nianbao debug REPORT.txt --stage tokens
    """
    ctx.ensure_object(_State)


LEVELS = ("error", "warning", "info")


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
    obj: _State,
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

    from . import baseline as bl
    from .messages import say
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
            raise Trouble.of(exc) from None
    linted = _lint(run, paths, jobs, {"-o": output, "--write-baseline": write_baseline})
    results = [x.result for x in linted]
    if write_baseline:
        try:
            n = bl.write(Path(write_baseline), results)
        except OSError as exc:
            raise Trouble(say("cannot_write", lang, path=_name(write_baseline), why=exc.strerror or exc)) from None
        message = say("wrote_baseline", lang, path=_name(write_baseline), n=n, files=len(results))
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
            _emit(_bom(table(results, lang=lang), fmt == "csv" and bom), output)
        else:
            _emit(formats.statistics(results, lang=lang), output)
    elif fmt == "text":
        _text(results, lang, output, unused, hidden)
    else:
        _emit(_bom(formats.render(fmt, results, lang=lang, docs_url=settings.docs_url), fmt == "csv" and bom), output)
    if unused and fmt != "text":
        for u in unused:
            click.echo(f"nianbao: {say('unused_baseline', lang, **{**asdict(u), 'path': _name(u.path)})}", err=True)
    errors = any(d.severity == "error" for r in results for d in r.diagnostics)
    warnings = sum(d.severity == "warning" for r in results for d in r.diagnostics)
    too_many = max_warnings is not None and warnings > max_warnings
    if too_many:
        click.echo(f"nianbao: {say('too_many_warnings', lang, n=warnings, max=max_warnings)}", err=True)
    trouble = any(r.source is None for r in results)
    failed = (errors and not exit_zero) or too_many
    sys.exit(EXIT_FINDINGS if failed else EXIT_TROUBLE if trouble else EXIT_OK)


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
        raise Trouble.of(exc) from None
    return "\n".join(lines) + "\n" + show(settings)


def _bom(text: str, bom: bool) -> str:
    """CSV for Excel: a UTF-8 BOM in front, or a Chinese Windows reads the file as GBK."""
    return "\ufeff" + text if bom and text else text


def _at_least(r: Any, least: str) -> Any:
    from dataclasses import replace

    worst = LEVELS.index(least)
    kept = tuple(d for d in r.diagnostics if LEVELS.index(d.severity.value) <= worst)
    return r if len(kept) == len(r.diagnostics) else replace(r, diagnostics=kept)


def _text(results: Sequence[Any], lang: str, output: str | None, unused: Sequence[Any], hidden: Sequence[Any]) -> None:
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
    shown = [d for r in readable for d in r.diagnostics]
    console.print(view.summary(len(readable), shown, len(results) - len(readable), lang, hidden=hidden))
    if buf is not None and output:
        _emit(buf.getvalue(), output, plain=True)


@main.command()
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
    obj: _State,
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
        _emit(_bom(view.as_csv(rows), bom), output)
    elif fmt == "html":
        _emit(_html(run, linted, output, jobs), output)
    else:
        _emit(json.dumps(view.as_json(rows), ensure_ascii=False, indent=1) + "\n", output)
    trouble = any(r.error for r in rows)
    errors = any(r.errors for r in rows)
    sys.exit(EXIT_FINDINGS if errors and not exit_zero else EXIT_TROUBLE if trouble else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the output to this file.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes to lint with (default: the number of cores).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when reports have error-level diagnostics.")
@config_options
@click.pass_obj
def report(
    obj: _State, paths: tuple[str, ...], output: str | None, jobs: int | None, exit_zero: bool, **kw: Any
) -> None:
    """One HTML file for a reviewer: the summary table, and each report's text with its findings marked."""
    run = _run_config(obj, kw)
    linted = _lint(run, paths, jobs)
    _emit(_html(run, linted, output, jobs), output)
    results = [x.result for x in linted]
    errors = any(d.severity == "error" for r in results for d in r.diagnostics)
    trouble = any(r.source is None for r in results)
    sys.exit(EXIT_FINDINGS if errors and not exit_zero else EXIT_TROUBLE if trouble else EXIT_OK)


def _html(run: Any, linted: Sequence[Any], output: str | None, jobs: int | None = None) -> str:
    """The HTML report of a run (`render.report`), each report's tree read again from its source with
    the template its settings assume, as `tree` reads it; refused on a terminal without -o."""
    from .messages import say
    from .render import report as view
    from .template import Version

    lang = run.settings(".").lang
    if not output and sys.stdout.isatty():
        raise Trouble(say("html_to_terminal", lang))
    assume = {}
    for x in linted:
        template = run.settings(x.result.path).template
        assume[x.result.path] = None if template == "auto" else Version(template)
    return view.build(linted, lang, assume, jobs)


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
        raise Trouble.of(exc) from None


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--all", "show_all", is_flag=True, help="Show every cell and every passage, not only what changed.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--findings/--no-findings",
    default=True,
    help="The cross-year findings for the pair (C1xx): shown unless --no-findings.",
)
@functools.partial(config_options, organ_kind=False)  # no deadline is checked here: --organ-kind has no say
@click.pass_obj
def diff(obj: _State, a: str, b: str, show_all: bool, fmt: str, findings: bool, **kw: Any) -> None:
    """Two reports side by side, A the earlier: sections, every table cell with its change, the narrative."""
    from .compare.diff import compare
    from .config import docs_link
    from .diagnostics import Located
    from .render import diff as view
    from .render.formats import diagnostic_object
    from .runner import lint_many

    run = _run_config(obj, kw)
    settings = run.settings(".")
    lang = settings.lang
    comparison = compare(_parse(a, run.settings(a)), _parse(b, run.settings(b)))
    # the checks across reports on the pair, as `lint A B` runs them (--select, --ignore apply)
    pair = [x.result for x in lint_many([a, b], run, 1)] if findings else []
    found = [
        (side, r, Located.of(d, r.source))
        for side, r in zip(("a", "b"), pair, strict=False)  # no pair: --no-findings
        if r.source is not None
        for d in r.diagnostics
        if d.code.startswith("C")
    ]
    if fmt == "json":
        doc = view.as_json(comparison, lang)
        if findings:
            url = docs_link(settings.docs_url, lang)
            doc["findings"] = [diagnostic_object(r, r.source, loc, lang, url) for _, r, loc in found]
        click.echo(json.dumps(doc, ensure_ascii=False, indent=1))
    else:
        shown = [
            view.DiffFinding(side, loc.diagnostic.code, loc.diagnostic.severity.value, loc.diagnostic.text(lang),
                         loc.where(lang) or f"{loc.line}:{loc.column}")
            for side, _, loc in found
        ]  # fmt: skip
        _console().print(view.render(comparison, show_all=show_all, lang=lang, findings=shown if findings else None))


@main.command()
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True)
@click.option("--trivia", is_flag=True, help="Show whitespace and separators too (tree view).")
@input_options
@click.pass_obj
def parse(obj: _State, file: str, fmt: str, trivia: bool, **kw: Any) -> None:
    """Show the typed syntax tree (the AST) of a report."""
    from .compare.organs import alias_table, organ_key
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
def export(
    obj: _State, files: tuple[str, ...], fmt: str, layout: str, output: str | None, bom: bool, **kw: Any
) -> None:
    """Write the table data with canonical labels: one record per cell, or one row per report."""
    from .compare.organs import alias_table
    from .messages import say
    from .render import export as ex

    run = _run_config(obj, kw)
    lang = run.settings(".").lang
    binary = fmt in ("xlsx", "parquet")
    if binary and not output and sys.stdout.isatty():
        raise Trouble(say("binary_to_terminal", lang, format=fmt))
    docs, rows, trouble = [], [], False
    expansion = _expand(run, files)
    _refuse_replacing_inputs({"-o": output}, [*expansion.files, *([run.config_file] if run.config_file else [])])
    _check_settings(run, expansion.files)
    for path, why in expansion.unreadable:
        click.echo(f"nianbao: {_name(path)}: {why}", err=True)
        trouble = True
    for path in expansion.files:
        try:
            parsed = _parse(path, run.settings(path))
        except Trouble as exc:
            click.echo(f"nianbao: {exc.message}", err=True)
            trouble = True
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
        _emit(_bom(ex.to_csv(rows, fields), bom), output)
    elif binary:
        try:
            data = ex.to_xlsx(rows, fields) if fmt == "xlsx" else ex.to_parquet(rows, fields)
        except ex.MissingExtra as exc:
            raise Trouble.of(exc) from None
        _emit_bytes(data, output)
    elif layout == "wide":
        _emit(json.dumps(rows, ensure_ascii=False, indent=1, default=_json_number) + "\n", output)
    else:
        single = len(files) == 1 and not Path(files[0]).is_dir() and len(docs) == 1
        _emit(json.dumps(docs[0] if single else docs, ensure_ascii=False, indent=1) + "\n", output)
    sys.exit(EXIT_TROUBLE if trouble else EXIT_OK)


def _json_number(value: Any) -> Any:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _emit_bytes(data: bytes, output: str | None) -> None:
    """A binary file (xlsx, parquet): to ``output`` through a temporary file and a rename, or to stdout."""
    from .messages import say

    if not output:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    import tempfile

    target = Path(output)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.resolve().parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise Trouble(say("cannot_write", _LANG, path=output, why=exc.strerror or exc)) from None


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), envvar="NIANBAO_LANG", help="Language of the summaries.")
@common_options
def rules(fmt: str, lang: str | None) -> None:
    """List every rule: code, name, default severity, summary."""
    from .rules import all_rules

    lang = lang or _default_lang()
    if fmt == "json":
        from .config import docs_link, load

        try:
            base = docs_link(load(Path.cwd()).docs_url, lang)
        except Exception as exc:
            raise Trouble.of(exc) from None
        items = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "summary": r.summary(lang),
                "summary_zh": r.zh.summary,
                "summary_en": r.en.summary,
                "url": r.url(base, lang),
            }
            for r in all_rules()
        ]
        click.echo(json.dumps(items, ensure_ascii=False, indent=1))
        return
    from rich.table import Table

    from .render.wrap import CJKText

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("code", no_wrap=True)
    table.add_column("name", no_wrap=True)  # a name is what --select takes: never cut
    table.add_column("severity", no_wrap=True)
    table.add_column("summary")
    for r in all_rules():
        table.add_row(r.code, r.name, r.severity.value, CJKText(r.summary(lang)))
    _console().print(table)


@main.command("rule")
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), envvar="NIANBAO_LANG", help="Language of the documentation.")
@click.option("--raw", is_flag=True, help="Print the Markdown source instead of rendering it.")
@common_options
def rule_doc(rule_id: str, lang: str | None, raw: bool) -> None:
    """Print the documentation of one rule (by code or name)."""
    from .messages import say
    from .rules import all_rules

    lang = lang or _default_lang()
    found = next((r for r in all_rules() if rule_id in (r.code, r.name)), None)
    if found is None:
        raise Trouble(say("no_rule", lang, rule=rule_id))
    if raw:
        click.echo(found.markdown(lang), nl=False)
        return
    from rich.markdown import Markdown

    console = _console()
    document = Markdown(found.markdown(lang), code_theme="ansi_dark", inline_code_lexer=None)
    if sys.stdout.isatty():
        console.print(document)
        return
    with console.capture() as captured:  # into a pipe or a file: without the padding to the width
        console.print(document)
    click.echo("\n".join(line.rstrip() for line in captured.get().splitlines()))


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
    from .load import InputError, read_path
    from .render import debug as debugview
    from .runner import read_options

    try:
        source = read_path(file, read_options(_run_config(obj, kw).settings(file)))
    except InputError as exc:
        raise Trouble.of(exc) from None
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
