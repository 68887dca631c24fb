"""The command line: ``nianbao lint | tree | summary | report | diff | parse | export | rules | rule | config | debug``.

Exit codes (as ruff and ESLint): 0 no error-level diagnostic, 1 error-level diagnostics found,
2 usage error, bad configuration, or input that cannot be read (when nothing worse was found).
Never a traceback unless ``--debug``.

`main` is the click group (each invocation starts from the defaults, its words in the language
asked for); `run` is the console script: `main` with a last guard. The commands are in the modules
of this package, one family each: `lint`, `summary` (and ``report``), `views` (``tree``, ``parse``,
``debug``), `diff`, `export`, `rules` (and ``rule``, ``config``); the options they share are in
`options`, what they do alike in `common`, the invocation's state and language in `state`.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .. import __version__
from ..messages import MAIN_HELP
from . import diff, export, lint, rules, summary, views
from .options import common_options
from .state import EXIT_TROUBLE, INVOCATION, State, localise, patch_click, scan_lang


class _Group(click.Group):
    """The command group: each invocation starts from the defaults (one process may run many, as tests do)."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        INVOCATION.color = None
        INVOCATION.lang = scan_lang(args)
        patch_click()
        localise(self, INVOCATION.lang)
        return super().make_context(info_name, args, parent, **extra)


@click.group(
    cls=_Group,
    help=MAIN_HELP["en"],
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
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
    """The command group (its help, in both languages, is messages.MAIN_HELP: `localise` sets it)."""
    ctx.ensure_object(State)


# in the order they were declared when they were one module (the order `main.commands` keeps)
for _command in (
    lint.lint,
    summary.summary,
    summary.report,
    views.tree,
    diff.diff,
    views.parse,
    export.export,
    rules.rules,
    rules.rule_doc,
    rules.config_cmd,
    views.debug,
):
    main.add_command(_command)


def run() -> None:
    """The console script: ``main`` with a last guard, so that no input or fault ends in a traceback."""
    try:
        main()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        from ..config import ConfigError

        if isinstance(exc, ConfigError):  # a configuration met only once a command looks at a file's settings
            print(f"nianbao: {exc}", file=sys.stderr)
            sys.exit(EXIT_TROUBLE)
        if "--debug" in sys.argv:
            raise
        print(
            f"nianbao: E900 internal-error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr
        )
        sys.exit(EXIT_TROUBLE)
