"""The rules and the configuration: ``nianbao rules`` (every rule, as a table or JSON),
``nianbao rule ID`` (one rule's documentation, rendered or as Markdown) and ``nianbao config [PATH]``
(the configuration that applies to PATH and where each setting came from).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from .common import describe_settings
from .options import common_options, config_options, run_config
from .state import State, Trouble, default_lang, rich_console


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), envvar="NIANBAO_LANG", help="Language of the summaries.")
@common_options
def rules(fmt: str, lang: str | None) -> None:
    """List every rule: code, name, default severity, summary."""
    from ..rules import all_rules

    lang = lang or default_lang()
    if fmt == "json":
        from ..config import docs_link, load

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

    from ..render.wrap import CJKText

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("code", no_wrap=True)
    table.add_column("name", no_wrap=True)  # a name is what --select takes: never cut
    table.add_column("severity", no_wrap=True)
    table.add_column("summary")
    for r in all_rules():
        table.add_row(r.code, r.name, r.severity.value, CJKText(r.summary(lang)))
    rich_console().print(table)


@click.command("rule")
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), envvar="NIANBAO_LANG", help="Language of the documentation.")
@click.option("--raw", is_flag=True, help="Print the Markdown source instead of rendering it.")
@common_options
def rule_doc(rule_id: str, lang: str | None, raw: bool) -> None:
    """Print the documentation of one rule (by code or name)."""
    from ..messages import say
    from ..rules import all_rules

    lang = lang or default_lang()
    found = next((r for r in all_rules() if rule_id in (r.code, r.name)), None)
    if found is None:
        raise Trouble(say("no_rule", lang, rule=rule_id))
    if raw:
        click.echo(found.markdown(lang), nl=False)
        return
    from rich.markdown import Markdown

    console = rich_console()
    document = Markdown(found.markdown(lang), code_theme="ansi_dark", inline_code_lexer=None)
    if sys.stdout.isatty():
        console.print(document)
        return
    with console.capture() as captured:  # into a pipe or a file: without the padding to the width
        console.print(document)
    click.echo("\n".join(line.rstrip() for line in captured.get().splitlines()))


@click.command("config")
@click.argument("path", required=False, default=".")
@click.option("--show", is_flag=True, help="Print the effective settings and where each came from.")
@config_options
@click.pass_obj
def config_cmd(obj: State, path: str, show: bool, **kw: Any) -> None:
    """Show the configuration that applies to PATH (default: the current directory)."""
    run = run_config(obj, kw)
    click.echo(describe_settings(run, path), nl=False)
