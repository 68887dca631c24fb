"""Configuration files: finding the one that applies to a path, reading it, and the settings it gives.

For a path the closest ``nianbao.toml`` or ``pyproject.toml`` with a ``[tool.nianbao]`` table wins
(its own directory, then each parent; ``nianbao.toml`` first in one directory), no higher than the
project root (`PROJECT_MARKERS` or any ``pyproject.toml``). `load` applies the file over the
defaults, then the command-line values, then the locale for ``lang`` when neither gave one.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .schema import (
    _CLI,
    COMMAND_LINE,
    DEFAULT,
    DEFAULTS,
    EXTENDED_BY_COMMAND_LINE,
    KINDS,
    LOCALE,
    ConfigError,
    _frozen,
    _Origin,
    _toml,
    _values,
)
from .settings import Settings

CONFIG_FILES = ("nianbao.toml", "pyproject.toml")  # in one directory, the first one present wins


MAX_CONFIG = 1024 * 1024  # bytes: a configuration file has a few hundred


def _read(path: Path) -> dict[str, object]:
    from ..files import NotRegular, read_regular

    try:
        data = read_regular(os.fspath(path), MAX_CONFIG)
    except NotRegular as e:
        message = (f"无法读取配置文件：{e.zh}", f"cannot read the configuration file: {e.en}")
        raise ConfigError(message, path=str(path)) from None
    except OSError as e:
        why = e.strerror or str(e)
        raise ConfigError(
            (f"无法读取配置文件：{why}", f"cannot read the configuration file: {why}"), path=str(path)
        ) from None
    if len(data) > MAX_CONFIG:
        message = ("无法读取配置文件：超过 1 MB", "cannot read the configuration file: larger than 1 MB")
        raise ConfigError(message, path=str(path))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        message = (
            f"无法读取配置文件：不是 UTF-8（{e.reason}）",
            f"cannot read the configuration file: not UTF-8 ({e.reason})",
        )
        raise ConfigError(message, path=str(path)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError((f"TOML 格式错误：{e}", f"invalid TOML: {e}"), path=str(path)) from None
    except ValueError as e:  # an integer of thousands of digits: int() refuses it, not as a TOML error
        raise ConfigError((f"TOML 格式错误：{e}", f"invalid TOML: {e}"), path=str(path)) from None
    except RecursionError:
        message = ("TOML 格式错误：嵌套过深", "invalid TOML: nested too deeply")
        raise ConfigError(message, path=str(path)) from None


def _nianbao_table(path: Path, document: Mapping[str, object]) -> tuple[Mapping[str, object], _Origin] | None:
    """The settings table of a configuration file, None for a pyproject.toml without [tool.nianbao]."""
    if path.name != "pyproject.toml":
        return document, _Origin(str(path))
    tool = document.get("tool")
    if not isinstance(tool, Mapping) or "nianbao" not in tool:
        return None
    table = tool["nianbao"]
    if not isinstance(table, Mapping):
        raise ConfigError(
            ("应为 nianbao 设置的表", "expected a table of nianbao settings"),
            path=str(path),
            key=None,
            setting=f"tool.nianbao = {_toml(table)}",
        )
    return table, _Origin(str(path), "[tool.nianbao] ")


# What marks the root of a project: discovery looks no higher (as black finds a project's root).
PROJECT_MARKERS = (".git", ".hg", ".svn", ".jj")


@dataclass(frozen=True)
class Discovery:
    """Where discovery for a path found its configuration file (None: none applies) and where it
    stopped looking: the project root (its marker named), or None when it searched up to ``/``."""

    file: Path | None
    root: Path | None
    marker: str | None


def discover(path: Path) -> Discovery:
    """The configuration file that applies to ``path``: the closest ``nianbao.toml``, or
    ``pyproject.toml`` with a ``[tool.nianbao]`` table, in its directory or a parent — no higher than
    the project root, the first directory holding a VCS directory (``.git``, ``.hg``, ``.svn``,
    ``.jj``) or any ``pyproject.toml``: a file above the project (in a shared ``/tmp``, a home
    directory) does not configure it. Raises `ConfigError` for a file on the way that cannot be used."""
    return _discover(path)[0]


def _discover(path: Path) -> tuple[Discovery, Mapping[str, object] | None, _Origin | None]:
    start = Path(os.path.abspath(path))
    if not _is_dir(start):
        start = start.parent
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if _is_file(candidate):
                found = _nianbao_table(candidate, _read(candidate))
                if found is not None:
                    return Discovery(candidate, *_root_at(directory, start)), *found
        marker = _marker(directory)
        if marker is not None:
            return Discovery(None, directory, marker), None, None
    return Discovery(None, None, None), None, None


def _marker(directory: Path) -> str | None:
    """What makes ``directory`` a project root, if anything."""
    for name in (*PROJECT_MARKERS, "pyproject.toml"):
        try:
            if (directory / name).exists():  # .git is a file in a worktree or a submodule
                return name
        except OSError:
            continue
    return None


def _root_at(found_in: Path, start: Path) -> tuple[Path | None, str | None]:
    """The project root at or below ``found_in`` (for `--show-settings`), if one was passed."""
    for directory in (start, *start.parents):
        marker = _marker(directory)
        if marker is not None:
            return directory, marker
        if directory == found_in:
            break
    return None, None


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file; False in a folder that cannot be searched (reported as the folder's error)."""
    try:
        return path.is_file()
    except OSError:
        return False


def find_config(path: Path) -> Path | None:
    """The configuration file that applies to ``path`` (a file or a directory), None when none does.

    Raises `ConfigError` for a file on the way that cannot be read or is not valid TOML."""
    return discover(path).file


def load(
    path: Path | None,
    *,
    config_file: Path | None = None,
    isolated: bool = False,
    overrides: Mapping[str, object] | None = None,
) -> Settings:
    """The settings for the linted ``path`` (None: the current directory).

    ``config_file`` replaces discovery (``--config``), ``isolated`` ignores every configuration file
    (``--isolated``), ``overrides`` are command-line values keyed by TOML key names; a None value (or an
    empty list for a list option) means the option was not given. Raises `ConfigError`."""
    if isolated and config_file is not None:
        message = ("--config 和 --isolated 不能同时使用", "--config and --isolated cannot be used together")
        raise ConfigError(message, path=COMMAND_LINE)
    values = dict(DEFAULTS)
    origins = dict.fromkeys(KINDS, DEFAULT)
    root: Path | None = None
    found: tuple[Path, Mapping[str, object], _Origin] | None = None
    if config_file is not None:
        given = _nianbao_table(config_file, _read(config_file))
        if given is None:
            raise ConfigError(
                ("文件中没有 [tool.nianbao] 表", "the file has no [tool.nianbao] table"), path=str(config_file)
            )
        found = (config_file, *given)
    elif not isolated:
        discovery, table, origin = _discover(path if path is not None else Path.cwd())
        if discovery.file is not None and table is not None and origin is not None:
            found = (discovery.file, table, origin)
    if found is not None:
        file, table, origin = found
        for key, value in _values(table, origin).items():
            values[key] = value
            origins[key] = origin.name
        root = Path(os.path.abspath(file)).parent
    cli = _values(overrides or {}, _CLI)
    if "select" in cli:  # a new selection: the file's own selection is not extended but replaced
        for key in ("extend-select", "ignore"):
            values[key], origins[key] = DEFAULTS[key], DEFAULT
    if "lang" not in cli and origins["lang"] == DEFAULT:  # neither the file nor the command line: the locale
        from ..messages import language

        spoken = language()
        if spoken is not None:
            values["lang"], origins["lang"] = spoken, LOCALE
    for key, value in cli.items():
        if key in EXTENDED_BY_COMMAND_LINE:
            before = values[key]
            assert isinstance(before, tuple) and isinstance(value, tuple)
            value = tuple(dict.fromkeys((*before, *value)))
            origins[key] = COMMAND_LINE if origins[key] == DEFAULT else f"{origins[key]} + {COMMAND_LINE}"
        else:
            origins[key] = COMMAND_LINE
        values[key] = value
    return Settings(
        **{key.replace("-", "_"): value for key, value in values.items()},  # type: ignore[arg-type]
        root=root,
        origins=_frozen(origins),
    )
