"""The command line: ``nianbao tree | lint | parse | export | debug``.

Exit codes (as ruff and ESLint): 0 no error-level diagnostic, 1 error-level diagnostics found,
2 usage error or input that cannot be read. Never a traceback unless ``--debug``.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty():
        return Console(file=stream, highlight=False)
    width = int(os.environ.get("COLUMNS", "120") or 120)
    return Console(file=stream, width=max(width, 60), highlight=False, soft_wrap=False)


def _expand(paths: tuple[str, ...]) -> Iterator[str]:
    """Files to read: files as given, directories recursed for *.txt in a stable order."""
    for p in paths:
        if p != "-" and Path(p).is_dir():
            yield from sorted(str(f) for f in Path(p).rglob("*.txt") if f.is_file())
        else:
            yield p


class _Run:
    """Reads and parses files one by one, turning every failure into a message, never a traceback."""

    def __init__(self, debug: bool) -> None:
        self.debug = debug
        self.trouble = 0
        self.err = _console(stderr=True)

    def parse(self, path: str) -> Any:
        from .load import InputError, read_path
        from .pipeline import parse_source

        try:
            return parse_source(read_path(path))
        except InputError as exc:
            self.trouble += 1
            self.err.print(
                f"[bold red]nianbao: 无法读取[/] {click.format_filename(exc.path)}: {exc.message}", highlight=False
            )
        except Exception as exc:  # an internal fault must not become a traceback for the user
            self.trouble += 1
            self.err.print(
                f"[bold red]nianbao: E900 internal-error[/] {path}: {type(exc).__name__}: {exc}",
                highlight=False,
                markup=True,
            )
            if self.debug:
                self.err.print(traceback.format_exc(), markup=False, highlight=False)
        return None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="nianbao")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """nianbao — parse and check 政府信息公开工作年度报告 (government information-disclosure annual reports).

    \b
    Inspect one report:   nianbao tree REPORT.txt
    Lint many:            nianbao lint DIR_OR_FILES...
    Read the tables:      nianbao export REPORT.txt --format csv
    Debug the parser:     nianbao debug REPORT.txt --stage tokens
    """
    ctx.obj = _Run(debug)


@main.command()
@click.argument("file")
@click.option("--all", "show_all", is_flag=True, help="Also show the parts that conform.")
@click.pass_obj
def tree(run: _Run, file: str, show_all: bool) -> None:
    """Show the report's outline with every deviation where it is."""
    from .render.tree import render
    from .rules import run_checks

    parsed = run.parse(file)
    if parsed is None:
        sys.exit(EXIT_TROUBLE)
    diags = run_checks(parsed)
    _console().print(render(parsed, diags, show_all))
    sys.exit(EXIT_FINDINGS if any(d.severity == "error" for d in diags) else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "concise", "json"]),
    default="text",
    show_default=True,
    help="text: each finding with its source line; concise: one line each; json: machine-readable.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when error-level diagnostics are found.")
@click.pass_obj
def lint(run: _Run, paths: tuple[str, ...], fmt: str, exit_zero: bool) -> None:
    """Check reports (files or directories of .txt) against the template."""
    from .render import lint as view
    from .rules import run_checks

    out = _console()
    all_diags = []
    items: list[dict[str, Any]] = []
    files = 0
    for path in _expand(paths):
        parsed = run.parse(path)
        if parsed is None:
            continue
        files += 1
        diags = run_checks(parsed)
        all_diags.extend(diags)
        if fmt == "json":
            items.extend(view.diagnostic_json(d, parsed.source) for d in diags)
        else:
            view.print_file(out, parsed.source, diags, show_source=fmt == "text")
    if fmt == "json":
        click.echo(view.dumps(items))
    else:
        out.print(view.summary(files, all_diags, run.trouble))
    errors = any(d.severity == "error" for d in all_diags)
    if errors and not exit_zero:
        sys.exit(EXIT_FINDINGS)
    if run.trouble:
        sys.exit(EXIT_TROUBLE)
    sys.exit(EXIT_OK)


@main.command()
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True)
@click.option("--trivia", is_flag=True, help="Show whitespace and separators too (tree view).")
@click.pass_obj
def parse(run: _Run, file: str, fmt: str, trivia: bool) -> None:
    """Show the typed syntax tree (the AST) of a report."""
    from .render.ast import node_json, rich_tree

    parsed = run.parse(file)
    if parsed is None:
        sys.exit(EXIT_TROUBLE)
    if fmt == "json":
        doc = {
            "file": parsed.source.path,
            "encoding": parsed.source.encoding,
            "tree": node_json(parsed.report, parsed.source),
        }
        click.echo(json.dumps(doc, ensure_ascii=False, indent=1))
    else:
        _console().print(rich_tree(parsed, trivia))


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.pass_obj
def export(run: _Run, files: tuple[str, ...], fmt: str) -> None:
    """Write the table data: one record per cell, with canonical labels."""
    from .render import export as ex

    docs, rows = [], []
    for path in _expand(files):
        parsed = run.parse(path)
        if parsed is None:
            continue
        docs.append(ex.document(parsed))
        rows.extend(ex.records(parsed))
    if fmt == "csv":
        click.echo(ex.to_csv(rows), nl=False)
    else:
        payload: Any = docs[0] if len(docs) == 1 and len(files) == 1 and not Path(files[0]).is_dir() else docs
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    sys.exit(EXIT_TROUBLE if run.trouble else EXIT_OK)


@main.command()
@click.argument("file")
@click.option(
    "--stage",
    type=click.Choice(["normalized", "tokens", "tree"]),
    required=True,
    help="normalized: the analysis text; tokens: the token stream; tree: Lark's raw parse tree.",
)
@click.pass_obj
def debug(run: _Run, file: str, stage: str) -> None:
    """For developers: show one stage of the pipeline."""
    from . import debugview
    from .load import InputError, read_path

    try:
        source = read_path(file)
    except InputError as exc:
        run.err.print(f"nianbao: 无法读取 {exc.path}: {exc.message}", markup=False)
        sys.exit(EXIT_TROUBLE)
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
        if "--debug" in sys.argv:
            raise
        print(
            f"nianbao: E900 internal-error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr
        )
        sys.exit(EXIT_TROUBLE)


if __name__ == "__main__":  # pragma: no cover
    run()
