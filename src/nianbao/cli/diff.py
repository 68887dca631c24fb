"""``nianbao diff A B``: two reports side by side, A the earlier (`nianbao.compare.diff`,
shown by `nianbao.render.diff`), with the cross-year findings (C1xx) ``lint A B`` gives the pair
unless ``--no-findings``; as text or JSON. Always exit 0 once both reports are read.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import click

from .common import parse_file
from .options import config_options, run_config
from .state import State, rich_console


@click.command()
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
def diff(obj: State, a: str, b: str, show_all: bool, fmt: str, findings: bool, **kw: Any) -> None:
    """Two reports side by side, A the earlier: sections, every table cell with its change, the narrative."""
    from ..compare.diff import compare
    from ..config import docs_link
    from ..diagnostics import Located
    from ..render import diff as view
    from ..render.formats import diagnostic_object
    from ..runner import lint_many

    run = run_config(obj, kw)
    settings = run.settings(".")
    lang = settings.lang
    comparison = compare(parse_file(a, run.settings(a)), parse_file(b, run.settings(b)))
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
        rich_console().print(
            view.render(comparison, show_all=show_all, lang=lang, findings=shown if findings else None)
        )
