"""What the commands do alike: find the files, check their settings, lint or parse them, write the output.

* `expand`: the files a run reads (what the walk passed over said once on stderr);
  `check_settings`: every file's configuration checked before any report is read;
  `refuse_replacing_inputs`: no output may replace an input of the run.
* `lint_files`: those three, then the files linted (a progress bar on a terminal), folders that
  could not be read included as results with their error; the Markdown files a walk took that are
  no report dropped and said on stderr (`say_passed_over`).
* `parse_file`: one report read and parsed with the template its settings assume.
* `emit` (text to a file or stdout), `emit_bytes` (xlsx, parquet), `with_bom` (CSV for Excel).
* `describe_settings`: the configuration that applies to a path and the origin of each setting.

Every failure here is `Trouble` (exit 2), said in this invocation's language.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from .state import INVOCATION, Trouble, name, rich_console


def lint_files(
    run: Any, paths: Sequence[str], jobs: int | None, outputs: dict[str, str | None] | None = None
) -> list[Any]:
    """The `Linted` files of ``paths``; ``outputs`` (option: file) are checked not to replace an input."""
    from ..config import ConfigError
    from ..runner import lint_many

    expansion = expand(run, paths)
    files = expansion.files
    refuse_replacing_inputs(outputs or {}, [*files, *([run.config_file] if run.config_file else [])])
    check_settings(run, files)
    try:
        if sys.stderr.isatty() and len(files) > 5:
            from rich.progress import Progress

            with Progress(transient=True, console=rich_console(stderr=True)) as progress:
                task = progress.add_task("nianbao", total=len(files))
                linted = lint_many(
                    files, run, jobs, lambda done, _: progress.update(task, completed=done), expansion.tentative
                )
        else:
            linted = lint_many(files, run, jobs, tentative=expansion.tentative)
    except ConfigError as exc:
        raise Trouble.of(exc) from None
    kept = {x.result.path for x in linted}
    say_passed_over(run, [f for f in files if f in expansion.tentative and f not in kept])
    return linted + _unreadable_folders(expansion)


def say_passed_over(run: Any, paths: Sequence[str]) -> None:
    """The Markdown files a walk took on condition and dropped for being no report, said on stderr."""
    from ..messages import say

    for path in paths:
        click.echo(
            f"nianbao: {click.format_filename(path)}: {say('skipped_not_report', run.settings(path).lang)}", err=True
        )


def _unreadable_folders(expansion: Any) -> list[Any]:
    """A folder the walk could not read is a file that cannot be read: a result with its error."""
    from ..render.formats import FileResult
    from ..runner import Linted

    return [Linted(FileResult(path, None, error=why)) for path, why in expansion.unreadable]


def expand(run: Any, paths: Sequence[str]) -> Any:
    """The files to read; what the walk passed over is said once on stderr."""
    from ..config import ConfigError
    from ..messages import say
    from ..walk import expand as expand_paths

    try:
        expansion = expand_paths(paths, run)
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


def check_settings(run: Any, files: Sequence[str]) -> None:
    """The configuration of every file read (once per directory): a mistake in one stops the run,
    exit 2, before any report is read, whichever directory it is in."""
    from ..config import ConfigError

    try:
        for f in files:
            run.settings(f)
    except ConfigError as exc:
        raise Trouble.of(exc) from None


def refuse_replacing_inputs(outputs: dict[str, str | None], inputs: Sequence[str]) -> None:
    """An output never replaces an input of the run: checked before anything is read or written."""
    from ..cli_io import input_replaced
    from ..messages import say

    for option, output in outputs.items():
        if output:
            found = input_replaced(output, inputs)
            if found is not None:
                raise Trouble(
                    say("input_replaced", INVOCATION.lang, option=option, path=name(output), input=name(found))
                )


def parse_file(path: str, settings: Any) -> Any:
    """The parsed report at ``path``, with the template ``settings`` assume; unreadable: `Trouble`."""
    from ..load import InputError, read_path
    from ..pipeline import parse_source
    from ..runner import read_options
    from ..template import Version

    assume = None if settings.template == "auto" else Version(settings.template)
    try:
        return parse_source(read_path(path, read_options(settings)), assume=assume)
    except InputError as exc:
        raise Trouble.of(exc) from None


def emit(text: str, output: str | None, *, plain: bool = False) -> None:
    """``text`` to ``output`` (stdout when None); ``plain``: a view for people, whose terminal codes
    (a console told to colour, FORCE_COLOR) never go into a file."""
    from ..messages import say

    if output:
        from .. import cli_io

        try:
            cli_io.write_output(output, cli_io.plain(text) if plain else text)
        except OSError as exc:
            raise Trouble(say("cannot_write", INVOCATION.lang, path=name(output), why=exc.strerror or exc)) from None
    else:
        click.echo(text, nl=False, color=None if plain else True)  # click would strip ESC from data (a CSV cell)


def emit_bytes(data: bytes, output: str | None) -> None:
    """A binary file (xlsx, parquet): to ``output`` through a temporary file and a rename, or to stdout."""
    from ..messages import say

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
        raise Trouble(say("cannot_write", INVOCATION.lang, path=output, why=exc.strerror or exc)) from None


def with_bom(text: str, bom: bool) -> str:
    """CSV for Excel: a UTF-8 BOM in front, or a Chinese Windows reads the file as GBK."""
    return "\ufeff" + text if bom and text else text


def describe_settings(run: Any, path: str) -> str:
    """Which configuration file applies to ``path``, where discovery stopped, and the settings with
    the origin of each (``config --show``, ``lint --show-settings``)."""
    from ..config import discover, show

    try:
        settings = run.settings(path)
        lines = [f"# configuration for {name(path)}: "]
        if run.isolated:
            lines[0] += "(none: --isolated)"
        elif run.config_file:
            lines[0] += f"{name(run.config_file)} (--config)"
        else:
            found = discover(Path(path))
            lines[0] += name(str(found.file)) if found.file else "(none: defaults)"
            root = f"{found.root} (it has {found.marker})" if found.root else "/ (no project root above it)"
            lines.append(f"# discovery stops at the project root: {name(root)}")
    except Exception as exc:
        raise Trouble.of(exc) from None
    return "\n".join(lines) + "\n" + show(settings)
