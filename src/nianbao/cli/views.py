"""The views of one report: ``nianbao tree`` (its outline with every deviation where it is; exit 1
on error-level findings unless ``--exit-zero``), ``nianbao parse`` (the typed syntax tree, as a tree
or JSON) and ``nianbao debug`` (one stage of the pipeline, for developers).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from .common import parse_file
from .options import config_options, input_options, run_config
from .state import EXIT_FINDINGS, EXIT_OK, State, Trouble, rich_console


@click.command()
@click.argument("file")
@click.option("--all", "show_all", is_flag=True, help="Also show the parts that conform.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when error-level diagnostics are found.")
@config_options
@click.pass_obj
def tree(obj: State, file: str, show_all: bool, exit_zero: bool, **kw: Any) -> None:
    """Show the report's outline with every deviation where it is."""
    from ..render.tree import render
    from ..rules import run_checks
    from ..runner import apply_settings

    run = run_config(obj, kw)
    settings = run.settings(file)
    parsed = parse_file(file, settings)
    diags = apply_settings(settings, file, run_checks(parsed, organ_kind=settings.organ_kind))
    rich_console().print(render(parsed, diags, show_all, settings.lang))
    sys.exit(EXIT_FINDINGS if any(d.severity == "error" for d in diags) and not exit_zero else EXIT_OK)


@click.command()
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True)
@click.option("--trivia", is_flag=True, help="Show whitespace and separators too (tree view).")
@input_options
@click.pass_obj
def parse(obj: State, file: str, fmt: str, trivia: bool, **kw: Any) -> None:
    """Show the typed syntax tree (the AST) of a report."""
    from ..compare.organs import alias_table, organ_key
    from ..render.ast import node_json, rich_tree

    settings = run_config(obj, kw).settings(file)
    parsed = parse_file(file, settings)
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
        rich_console().print(rich_tree(parsed, trivia))


@click.command()
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
def debug(obj: State, file: str, stage: str, **kw: Any) -> None:
    """For developers: show one stage of the pipeline."""
    from ..load import InputError, read_path
    from ..render import debug as debugview
    from ..runner import read_options

    try:
        source = read_path(file, read_options(run_config(obj, kw).settings(file)))
    except InputError as exc:
        raise Trouble.of(exc) from None
    rich_console().print(debugview.render(source, stage))
