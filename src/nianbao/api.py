"""The Python API: read, parse and lint reports, one at a time or a whole run.

* ``parse(report)`` → `Parsed`: raises only `InputError` (the report cannot be read) and
  `InternalError` (a fault of nianbao's, the original exception as its cause).
* ``lint(report)`` → diagnostics: raises nothing for any report; an unreadable one is E001, a fault
  of nianbao's E900, both at the start of the report.
* ``lint_text(text)`` and ``lint_path(path)`` say which one is meant; ``lint``/``parse`` take a
  ``str`` as the report's text and refuse (``ValueError``) a ``str`` that names an existing file,
  which would otherwise be linted as a one-line "report" (S001) in silence.
* ``lint_paths(paths, ...)`` is ``nianbao lint``'s run: directories walked, each file with the
  settings that apply to it (configuration files, or the keyword arguments), the reports compared
  with each other (C1xx, C2xx), results in input order as `FileResult`s.

Errors of the API's use (a wrong type, a file name given as text, a bad setting) raise
`TypeError`, `ValueError` or `nianbao.config.ConfigError`: they are the caller's to fix.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .diagnostics import Diagnostic, Severity
from .errors import InputError, InternalError
from .inputs import Options
from .inputs.text import source_of
from .load import decode, read_path
from .pipeline import Parsed, parse_source
from .render.formats import FileResult
from .rules import run_checks
from .source import Source, Span
from .template import Version

Report = str | bytes | os.PathLike[str] | Source


def load(report: Report, *, path: str = "<string>", options: Options | None = None) -> Source:
    """A `Source` from text, bytes (of any supported form), a path or a `Source`."""
    if isinstance(report, Source):
        return report
    if isinstance(report, bytes):
        return decode(report, path, options)
    if isinstance(report, os.PathLike):
        return read_path(report, options)
    if isinstance(report, str):
        _refuse_file_name(report)
        return source_of(path, report, options=options)
    raise TypeError(f"expected text, bytes, a path or a Source, not {type(report).__name__}")


def _refuse_file_name(text: str) -> None:
    """A one-line string that names an existing file is a path passed where text was meant."""
    if not text or "\n" in text or "\r" in text or len(text) > 4096:
        return
    try:
        exists = os.path.isfile(text)
    except (OSError, ValueError):  # a NUL byte, a name too long: not a file name
        return
    if exists:
        raise ValueError(
            f"{text!r} is the name of a file, not the text of a report: "
            f"use nianbao.lint_path({text!r}) or pass pathlib.Path({text!r})"
        )


def parse(report: Report, *, version: Version | None = None, options: Options | None = None) -> Parsed:
    """Parse a report (text, bytes, a ``pathlib.Path`` or a `Source`) into its typed tree.

    A ``str`` is taken as the report's text; pass a ``pathlib.Path`` to read a file.
    """
    source = load(report, options=options)
    try:
        return parse_source(source, version)
    except Exception as exc:  # never the input's fault: every input has a tree
        raise InternalError(source.path, exc) from exc


def lint(report: Report | Parsed, *, organ_kind: str = "auto", options: Options | None = None) -> list[Diagnostic]:
    """All diagnostics for one report, in document order. Never raises for any report."""
    if isinstance(report, str):
        _refuse_file_name(report)
    path = report.source.path if isinstance(report, Parsed) else _name(report)
    try:
        parsed = report if isinstance(report, Parsed) else parse(report, options=options)
        return run_checks(parsed, organ_kind)
    except InputError as exc:
        return [_system("E001", "unreadable-input", f"无法读取：{exc.message}", f"cannot be read: {exc.message}")]
    except Exception as exc:
        cause = exc.__cause__ if isinstance(exc, InternalError) and exc.__cause__ else exc
        what = f"{type(cause).__name__}: {cause}"
        zh, en = f"nianbao 内部错误（{path}）：{what}", f"internal error ({path}): {what}"
        return [_system("E900", "internal-error", zh, en)]


def lint_text(text: str, *, path: str = "<string>", organ_kind: str = "auto") -> list[Diagnostic]:
    """The diagnostics of a report given as text (``path`` names it in positions and messages)."""
    if not isinstance(text, str):
        raise TypeError(f"expected the text of a report (str), not {type(text).__name__}")
    return lint(Source(path, text), organ_kind=organ_kind)


def lint_path(
    path: str | os.PathLike[str], *, organ_kind: str = "auto", options: Options | None = None
) -> list[Diagnostic]:
    """The diagnostics of the report in the file ``path`` (any supported form). Never raises for a
    file that cannot be read: that is E001."""
    return lint(Path(path), organ_kind=organ_kind, options=options)


def lint_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    config: str | os.PathLike[str] | None = None,
    isolated: bool = False,
    select: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    template: str | None = None,
    organ_kind: str | None = None,
    respect_gitignore: bool = True,
    jobs: int | None = 1,
) -> list[FileResult]:
    """What ``nianbao lint PATHS`` finds: files and directories (walked as the command walks them),
    each file linted with the settings that apply to it, then the reports compared with each other
    (the same organ's consecutive years, copied text). One `FileResult` per file, in input order;
    a Markdown file found in a walk that is no report (a folder's README) has none.

    The keyword arguments override the configuration files as the command-line options do;
    ``config`` and ``isolated`` are ``--config`` and ``--isolated``. Raises `ConfigError` for a bad
    configuration or setting; never for a report."""
    from .runner import RunConfig, lint_many
    from .walk import expand

    overrides: dict[str, object] = {
        "select": tuple(select),
        "extend-select": tuple(extend_select),
        "ignore": tuple(ignore),
        "template": template,
        "organ-kind": organ_kind,
    }
    run = RunConfig(
        os.fspath(config) if config is not None else None,
        isolated,
        tuple(overrides.items()),
        respect_gitignore=respect_gitignore,
    )
    run.settings(".")  # a bad setting fails here, before any report is read
    expansion = expand([os.fspath(p) for p in paths], run)
    return [x.result for x in lint_many(expansion.files, run, jobs, tentative=expansion.tentative)]


def _name(report: Report) -> str:
    if isinstance(report, Source):
        return report.path
    if isinstance(report, os.PathLike):
        return os.fspath(report)
    return "<string>" if isinstance(report, str) else "<bytes>"


def _system(code: str, name: str, zh: str, en: str) -> Diagnostic:
    return Diagnostic(code, name, Severity.ERROR, zh, Span(0, 0), message_en=en)
