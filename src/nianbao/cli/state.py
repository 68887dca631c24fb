"""What one invocation of the command line holds, and how it speaks.

* `EXIT_OK`, `EXIT_FINDINGS`, `EXIT_TROUBLE` (0, 1, 2) and the output formats of ``lint``.
* `INVOCATION`: the colour (``--color/--no-color``) and the language of this invocation's words
  (``--lang``, NIANBAO_LANG, the configuration, the locale). The group resets it at the start of
  each invocation (one process may run many, as tests do); the commands read it, never copy it.
* `Trouble`: a usage, configuration or input problem, said in that language, exit code 2.
* `scan_lang` (the language before click parses: help and usage errors need it), `patch_click`
  and `localise` (click's own words and every help text in that language), `rich_console` (a rich
  console for stdout or stderr), `name` (a file name safe on one line of output).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

EXIT_OK, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2
TEXT_FORMATS = ("text",)
MACHINE_FORMATS = ("concise", "json", "jsonl", "sarif", "github", "junit", "csv")


@dataclass
class Invocation:
    """The settings of this invocation that every command and message reads."""

    color: bool | None = None  # --color / --no-color; None: the terminal and NO_COLOR / FORCE_COLOR decide
    lang: str = "zh"  # the language of this invocation's words


INVOCATION = Invocation()


class State:
    """The click context's object: what the group's options said."""

    def __init__(self, debug: bool = False) -> None:
        self.debug = debug


class Trouble(click.ClickException):
    """A usage, configuration or input problem: a clear message and exit code 2."""

    exit_code = EXIT_TROUBLE

    @classmethod
    def of(cls, exc: Exception) -> Trouble:
        """A configuration or input error, said in this invocation's language."""
        from ..messages import one_language

        text = getattr(exc, "text", None)
        if callable(text):  # a ConfigError knows both languages
            return cls(text(INVOCATION.lang))
        path, message = getattr(exc, "path", None), getattr(exc, "message", None)
        if isinstance(path, str) and isinstance(message, str):  # an InputError: its name on one line
            return cls(f"{name(path)}: {one_language(message, INVOCATION.lang)}")
        return cls(one_language(str(exc), INVOCATION.lang))

    def show(self, file: Any = None) -> None:
        click.echo(f"nianbao: {self.format_message()}", err=True)


def name(path: str) -> str:
    """A file name for a line of output: undecodable bytes shown as click shows them, control
    characters and the like escaped (`nianbao.render.formats.line_safe`), so that a name cannot
    split its line in two."""
    from ..render.formats import line_safe

    return line_safe(click.format_filename(path))


def scan_lang(args: Sequence[str]) -> str:
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
    return default_lang()


def default_lang() -> str:
    """The language when no --lang is given: the configuration's here, else the locale's, else Chinese."""
    from ..config import load

    try:
        return load(Path.cwd()).lang
    except Exception:  # a broken configuration is said by the commands that use it
        from ..messages import language

        return language() or "zh"


def _click_gettext(message: str) -> str:
    """click's own words (usage, headings, errors) in this invocation's language."""
    from ..messages import CLICK_ZH

    return CLICK_ZH.get(message, message) if INVOCATION.lang == "zh" else message


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    return _click_gettext(singular if n == 1 else plural)


def patch_click() -> None:
    """click words its messages through gettext bound in each of its modules; without .mo files the
    way to give them another language is to rebind that name (what a gettext catalogue would do)."""
    import importlib

    for module_name in ("core", "decorators", "exceptions", "formatting", "types", "parser", "termui", "utils"):
        try:
            module = importlib.import_module(f"click.{module_name}")
        except ImportError:  # a click without this module
            continue
        if hasattr(module, "_"):
            module._ = _click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext  # type: ignore[attr-defined]


def localise(group: click.Group, lang: str) -> None:
    """Every command's and option's help in ``lang`` (the English is what the code declares)."""
    from ..messages import HELP_ZH, MAIN_HELP

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


def rich_console(stderr: bool = False) -> Any:
    """A rich console on stdout (or stderr), coloured as this invocation says."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    color = {} if INVOCATION.color is None else {"force_terminal": True} if INVOCATION.color else {"color_system": None}
    if stream.isatty():
        return Console(file=stream, highlight=False, **color)  # type: ignore[arg-type]
    width = int(os.environ.get("COLUMNS", "120") or 120)
    return Console(file=stream, width=max(width, 60), highlight=False, soft_wrap=False, **color)  # type: ignore[arg-type]
