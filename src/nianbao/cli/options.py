"""The options several commands share, and the run they configure.

* `common_options`: ``--debug`` and ``--color/--no-color``, taken by every command.
* `input_options`: the configuration to use and how to read files (every command that reads).
* `config_options`: the input options and the rule options that override the configuration
  (the commands that lint); ``organ_kind=False`` leaves out ``--organ-kind``.
* `run_config`: a `nianbao.runner.RunConfig` from the values of those options (popped from the
  command's keyword arguments); a bad configuration or option is `Trouble`, before anything is read,
  and the configuration's language becomes this invocation's.

The order of the options is the order ``--help`` lists them in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

from .state import INVOCATION, State, Trouble


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(State).debug = True


def _set_color(ctx: click.Context, param: click.Parameter, value: bool | None) -> None:
    if value is not None:
        INVOCATION.color = value


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


def run_config(obj: State, kw: dict[str, Any]) -> Any:
    """The run the options in ``kw`` describe (they are popped from it); checked once, here."""
    from ..runner import RunConfig

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
        INVOCATION.lang = run.settings(".").lang  # fail early, once, on a bad configuration or option
    except Exception as exc:
        raise Trouble.of(exc) from None
    return run
