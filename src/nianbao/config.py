"""Configuration: where the linter's settings come from, what they mean, and how they are checked.

Modelled on ruff. A ``nianbao.toml`` (top-level keys) or a ``pyproject.toml`` with a ``[tool.nianbao]``
table configures the reports below its directory; for a linted path the closest such file wins (the
path's own directory, then each parent; ``nianbao.toml`` before ``pyproject.toml`` in one directory),
and files are never merged. Discovery stops at the project root — the first directory with a VCS
directory or any ``pyproject.toml`` (as black finds a project's root; ruff itself looks further) —
so that a file in a parent shared with others does not configure the project.
``--config FILE`` replaces discovery, ``--isolated`` ignores every file,
and command-line values override the file key by key (``--extend-select`` and ``--ignore`` extend
the file's lists, every other option replaces the file's value). As in ruff, ``--select`` starts the
selection afresh: the file's ``select``, ``extend-select`` and ``ignore`` no longer apply (its
``per-file-ignores`` still do).

Rule selectors are ``ALL``, a code (``T201``), a code prefix (``T``, ``T2``, ``A10``) or a rule name
(``blank-cell``). A rule runs when the most specific selector of ``select`` + ``extend-select`` that
matches it is more specific than the most specific matching selector of ``ignore`` (specificity: the
selector's length, ``ALL`` 0, a name as long as its code; a tie goes to ``ignore``).
"""

from __future__ import annotations

import codecs
import difflib
import functools
import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

import pathspec

from .diagnostics import Severity
from .links import docs_link as docs_link  # re-exported: the settings name their links
from .links import local_docs_url

CONFIG_FILES = ("nianbao.toml", "pyproject.toml")  # in one directory, the first one present wins
DEFAULT = "default"
COMMAND_LINE = "command line"
LOCALE = "locale"  # the origin of a language taken from LC_ALL, LC_MESSAGES or LANG

# Every key in the order `show` prints them; the kind tells how a value is read.
KINDS: dict[str, str] = {
    "select": "selectors",
    "extend-select": "selectors",
    "ignore": "selectors",
    "severity": "severities",
    "per-file-ignores": "per-file",
    "template": "choice",
    "organ-kind": "choice",
    "include": "globs",
    "exclude": "globs",
    "lang": "choice",
    "docs-url": "url",
    "encoding": "encoding",
    "max-file-size": "megabytes",
    "organs": "organs",
    "copied-text-threshold": "fraction",
}
# The forms nianbao reads (see nianbao.inputs): a directory walk picks these up by default.
INCLUDE = ("*.txt", "*.html", "*.htm", "*.shtml", "*.docx", "*.doc", "*.pdf")
CHOICES: dict[str, tuple[str, ...]] = {
    "template": ("auto", "V2019", "V2021"),
    "organ-kind": ("auto", "department", "government", "office", "township"),
    "lang": ("zh", "en"),
}
EXTENDED_BY_COMMAND_LINE = ("extend-select", "ignore")  # the command line adds to the file's list


V = TypeVar("V")


def _frozen(mapping: Mapping[str, V] | None = None) -> Mapping[str, V]:
    return MappingProxyType(dict(mapping or {}))


DEFAULTS: Mapping[str, object] = _frozen(
    {
        "select": ("ALL",),
        "extend-select": (),
        "ignore": (),
        "severity": _frozen({}),
        "per-file-ignores": _frozen({}),
        "template": "auto",
        "organ-kind": "auto",
        "include": INCLUDE,
        "exclude": (),
        "lang": "zh",
    }
)


class ConfigError(Exception):
    """A configuration that cannot be used: ``str(e)`` names the file, the setting and what is allowed.

    ``path`` is the configuration file (``"command line"`` for an option, None when neither applies),
    ``key`` the TOML key at fault (None for the file as a whole), ``message`` what is wrong with it.
    """

    def __init__(self, message: Msg, *, path: str | None = None, key: str | None = None, setting: str = "") -> None:
        zh, en = (message, message) if isinstance(message, str) else message
        self.path = path
        self.key = key
        self.message = en
        self.message_zh = zh
        self.setting = setting  # the offending entry as written, e.g. '[tool.nianbao] template = "2019"'
        super().__init__(self.text("en"))

    def text(self, lang: str = "zh") -> str:
        """The whole message in ``lang``: file, setting as written, what is wrong."""
        where = {COMMAND_LINE: "命令行"}.get(self.path or "", self.path) if lang != "en" else self.path
        message = self.message if lang == "en" else self.message_zh
        return ": ".join(part for part in (where, self.setting, message) if part)


Msg = str | tuple[str, str]  # a message in both languages (Chinese, English), or one for both


@dataclass(frozen=True)
class Settings:
    """The effective configuration; ``Settings()`` is the default one."""

    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=lambda: _frozen({}))
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _frozen({}))
    template: str = "auto"
    organ_kind: str = "auto"
    include: tuple[str, ...] = INCLUDE
    exclude: tuple[str, ...] = ()
    lang: str = "zh"
    docs_url: str = field(default_factory=local_docs_url)
    encoding: str = "auto"  # or a codec name: read every file in it instead of detecting
    max_file_size: int = 20  # megabytes; larger files are refused
    organs: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _frozen({}))  # canonical → other names
    copied_text_threshold: float = 0.5  # C201: similarity from which two narrative sections are a copy
    root: Path | None = None  # directory of the configuration file used; globs are relative to it
    origins: Mapping[str, str] = field(default_factory=lambda: _frozen(dict.fromkeys(KINDS, DEFAULT)))

    def enabled(self, code: str, path: str | Path | None = None) -> bool:
        """Whether rule ``code`` runs (for the file ``path``, when given: per-file-ignores apply)."""
        if _specificity(code, (*self.select, *self.extend_select)) <= _specificity(code, self.ignore):
            return False
        if path is None:
            return True
        return not any(
            _specificity(code, selectors) >= 0 and _glob_matches(glob, path, self.root)
            for glob, selectors in self.per_file_ignores.items()
        )

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The severity of rule ``code``: the most specific matching override (the later one on a tie)."""
        best, result = -1, default
        for selector, severity in self.severity.items():
            s = _specificity(code, (selector,))
            if s >= 0 and s >= best:
                best, result = s, severity
        return result

    def includes(self, path: str | Path) -> bool:
        """Whether a file found while recursing into a directory is linted (matches ``include``)."""
        return any(_glob_matches(glob, path, self.root) for glob in self.include)

    def excludes(self, path: str | Path, directory: bool | None = None) -> bool:
        """Whether a file or directory is skipped while recursing (matches ``exclude``);
        ``directory`` None: look at the file system."""
        if not self.exclude:
            return False
        folder = os.path.isdir(path) if directory is None else directory
        return any(_glob_matches(glob, path, self.root, folder) for glob in self.exclude)


# ---------------------------------------------------------------------------------------------
# Selectors


@functools.cache
def _rule_index() -> tuple[tuple[str, ...], Mapping[str, str]]:
    """Every rule code, and each rule name's code."""
    from .rules import all_rules

    rules = all_rules()
    return tuple(r.code for r in rules), MappingProxyType({r.name: r.code for r in rules})


@functools.cache
def _resolve(selector: str) -> str | None:
    """The code prefix a selector stands for (``""`` for ``ALL``), None when it matches no rule."""
    codes, names = _rule_index()
    if selector == "ALL":
        return ""
    if selector in names:
        return names[selector]
    if selector and any(code.startswith(selector) for code in codes):
        return selector
    return None


def _specificity(code: str, selectors: tuple[str, ...]) -> int:
    """How specific the most specific selector matching ``code`` is; -1 when none matches."""
    best = -1
    for selector in selectors:
        prefix = _resolve(selector)
        if prefix is None:
            raise ConfigError(_unknown_selector(selector))
        if code.startswith(prefix):
            best = max(best, len(prefix))
    return best


def _unknown_selector(selector: str) -> tuple[str, str]:
    codes, names = _rule_index()
    families = ", ".join(sorted({code[0] for code in codes}))
    en = (
        f'unknown selector "{selector}"; expected "ALL", a rule code or code prefix such as "T201", "T2" or "T" '
        f'(codes begin with {families}), or a rule name such as "blank-cell"'
    )
    zh = (
        f"未知的选择器“{selector}”：应为“ALL”、规则代码或代码前缀（如“T201”“T2”“T”；代码以 {families} 开头），"
        f"或规则名称（如“blank-cell”）"
    )
    close = difflib.get_close_matches(selector, [*codes, *names], n=1, cutoff=0.75)
    if close:
        return zh + f"（是否想写“{close[0]}”？）", en + f' (did you mean "{close[0]}"?)'
    return zh, en


# ---------------------------------------------------------------------------------------------
# Globs


@functools.lru_cache(maxsize=1024)
def _pattern(glob: str) -> pathspec.PathSpec:
    return pathspec.PathSpec.from_lines("gitignore", [glob])


def _glob_matches(glob: str, path: str | Path, base: Path | None, directory: bool = False) -> bool:
    """Git's wildcard rules (``pathspec``), as in ``.gitignore``: ``*`` stops at ``/``, ``**``
    crosses folders, a glob without ``/`` matches the name at any depth, one with a ``/`` is
    relative to ``base`` (else the current directory); an absolute glob to the root."""
    absolute = os.path.abspath(path)
    if os.path.isabs(glob):
        return _pattern(glob.lstrip("/")).match_file(Path(absolute).as_posix().lstrip("/"))
    rel = os.path.relpath(absolute, os.path.abspath(base or Path.cwd())).replace(os.sep, "/")
    if rel == ".." or rel.startswith("../"):  # outside the configuration's folder: only a name can match
        return "/" not in glob.rstrip("/") and _pattern(glob).match_file(os.path.basename(absolute))
    return _pattern(glob).match_file(rel + "/" if directory else rel)


# ---------------------------------------------------------------------------------------------
# Reading values


@dataclass(frozen=True)
class _Origin:
    name: str  # the file as found or given, or "command line"
    table: str = ""  # "[tool.nianbao] " for a pyproject.toml

    @property
    def cli(self) -> bool:
        return self.name == COMMAND_LINE

    def setting(self, key: str, value: object, entry: str | None = None) -> str:
        if self.cli:
            shown = f"{entry} = {_toml(value)}" if entry is not None else _toml(value)
            return f"--{key} {shown}"
        name = key if entry is None else f"{key}.{_toml_key(entry)}"
        return f"{self.table}{name} = {_toml(value)}"

    def error(self, key: str, value: object, message: Msg, entry: str | None = None) -> ConfigError:
        return ConfigError(message, path=self.name, key=key, setting=self.setting(key, value, entry))


_CLI = _Origin(COMMAND_LINE)

_LIST_EXAMPLE = {
    "selectors": (
        '规则选择器的列表，如 ["T2", "A101", "blank-cell"]',
        'a list of rule selectors such as ["T2", "A101", "blank-cell"]',
    ),
    "globs": ('通配模式的列表，如 ["*.txt", "drafts/**"]', 'a list of glob patterns such as ["*.txt", "drafts/**"]'),
}


def _strings(key: str, value: object, origin: _Origin, kind: str, entry: str | None = None) -> tuple[str, ...]:
    if origin.cli and isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        zh, en = _LIST_EXAMPLE[kind]
        raise origin.error(key, value, (f"应为{zh}", f"expected {en}"), entry)
    items: list[str] = list(value)
    if origin.cli and kind == "selectors":  # --select T201,T202 as in ruff
        items = [part.strip() for v in items for part in v.split(",") if part.strip()]
    if kind == "selectors":
        for selector in items:
            if _resolve(selector) is None:
                raise origin.error(key, value, _unknown_selector(selector), entry)
    if kind == "globs":
        for glob in items:
            _check_glob(key, value, origin, glob, entry)
    return tuple(dict.fromkeys(items))


def _check_glob(key: str, value: object, origin: _Origin, glob: str, entry: str | None = None) -> None:
    try:
        _pattern(glob.lstrip("/") if os.path.isabs(glob) else glob)
    except ValueError:
        message = (
            f"“{glob}”不是有效的通配模式（规则同 .gitignore）",
            f'"{glob}" is not a valid glob (the rules of .gitignore)',
        )
        raise origin.error(key, value, message, entry) from None


def _table(key: str, value: object, origin: _Origin, example: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise origin.error(key, value, (f"应为一个表，如 {example}", f"expected a table such as {example}"))
    return value


def _is_docs_url(value: object) -> bool:
    if not isinstance(value, str) or "{code}" not in value or not re.match(r"[a-z][a-z0-9+.-]*://", value):
        return False
    try:  # any other placeholder or a stray brace would fail later, when a URL is made
        value.format(code="T201", name="blank-cell", lang="zh", langdir="")
    except (KeyError, IndexError, ValueError):
        return False
    return True


def _is_encoding(value: str) -> bool:
    if value.lower() == "auto":
        return True
    try:
        info = codecs.lookup(value)
    except LookupError:
        return False
    return bool(getattr(info, "_is_text_encoding", True))  # not rot13, base64, zlib…


def _value(key: str, value: object, origin: _Origin) -> object:
    kind = KINDS[key]
    if kind in ("selectors", "globs"):
        return _strings(key, value, origin, kind)
    if kind == "url":
        if not _is_docs_url(value):
            want = (
                "应为含有“{code}”的绝对网址或 file:// 地址（也可含“{name}”“{lang}”“{langdir}”）",
                'expected an absolute URL with "{code}" (and optionally "{name}", "{lang}", "{langdir}") in it',
            )
            raise origin.error(key, value, want)
        return value
    if kind == "encoding":
        if not isinstance(value, str) or not _is_encoding(value):
            want = (
                "应为“auto”或文本编码的名称，如“gb18030”“big5”",
                'expected "auto" or the name of a text encoding such as "gb18030" or "big5"',
            )
            raise origin.error(key, value, want)
        return value.lower()
    if kind == "fraction":
        if isinstance(value, str) and origin.cli and re.fullmatch(r"[0-9]*\.?[0-9]+", value):
            value = float(value)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
            want = ("应为大于0、不大于1的数，如 0.5", "expected a number greater than 0 and at most 1, such as 0.5")
            raise origin.error(key, value, want)
        return float(value)
    if kind == "megabytes":
        if isinstance(value, str) and origin.cli and value.isdigit():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 1024:
            raise origin.error(
                key, value, ("应为1到1024之间的整数（兆字节）", "expected a whole number of megabytes from 1 to 1024")
            )
        return value
    if kind == "choice":
        allowed = CHOICES[key]
        if not isinstance(value, str) or value not in allowed:
            listed = ", ".join(f'"{a}"' for a in allowed)
            raise origin.error(key, value, (f"应为以下之一：{listed}", f"expected one of {listed}"))
        return value
    if kind == "severities":
        out: dict[str, Severity] = {}
        for selector, level in _table(key, value, origin, '{ T2 = "warning", "blank-cell" = "info" }').items():
            if _resolve(selector) is None:
                raise origin.error(key, level, _unknown_selector(selector), selector)
            if not isinstance(level, str) or level not in {s.value for s in Severity}:
                levels = ", ".join(f'"{s.value}"' for s in Severity)
                raise origin.error(key, level, (f"应为以下之一：{levels}", f"expected one of {levels}"), selector)
            out[selector] = Severity(level)
        return _frozen(out)
    if kind == "organs":
        names: dict[str, tuple[str, ...]] = {}
        example = '{ "某市自然资源和规划局" = ["某市国土资源局"] }'
        for canonical, others in _table(key, value, origin, example).items():
            if isinstance(others, str) and origin.cli:
                others = [others]
            if not isinstance(others, list | tuple) or not all(isinstance(o, str) and o.strip() for o in others):
                want = (
                    f"应为该机关其他名称的列表，如 {example}",
                    f"expected a list of the organ's other names, as in {example}",
                )
                raise origin.error(key, others, want, canonical)
            if not canonical.strip():
                raise origin.error(key, value, ("机关名称不能为空", "an organ's name cannot be empty"))
            names[canonical] = tuple(others)
        return _frozen(names)
    ignores: dict[str, tuple[str, ...]] = {}
    for glob, selectors in _table(key, value, origin, '{ "drafts/*.txt" = ["T2", "A"] }').items():
        _check_glob(key, selectors, origin, glob, glob)
        ignores[glob] = _strings(key, selectors, origin, "selectors", glob)
    return _frozen(ignores)


def _values(table: Mapping[str, object], origin: _Origin) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in table.items():
        if key not in KINDS:
            allowed = ", ".join(f'"{k}"' for k in KINDS)
            close = difflib.get_close_matches(key, list(KINDS), n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            where = f"option --{key}" if origin.cli else f'key "{key}"'
            where_zh = f"选项 --{key}" if origin.cli else f"配置项“{key}”"
            if origin.table:
                where += f" in {origin.table.strip()}"
                where_zh = f"{origin.table.strip()} 中的{where_zh}"
            hint_zh = f"（是否想写“{close[0]}”？）" if close else ""
            message = (
                f"未知的{where_zh}：应为以下之一：{allowed}{hint_zh}",
                f"unknown {where}; expected one of {allowed}{hint}",
            )
            raise ConfigError(message, path=origin.name, key=key)
        if origin.cli and value is None:
            continue  # an option not given
        if origin.cli and KINDS[key] in ("selectors", "globs") and isinstance(value, list | tuple) and not value:
            continue  # a repeatable option given no times
        out[key] = _value(key, value, origin)
    return out


# ---------------------------------------------------------------------------------------------
# Files


MAX_CONFIG = 1024 * 1024  # bytes: a configuration file has a few hundred


def _read(path: Path) -> dict[str, object]:
    from .files import NotRegular, read_regular

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
        from .messages import language

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


# ---------------------------------------------------------------------------------------------
# Showing


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _toml(value: object) -> str:
    """A value as TOML (inline), for messages and `show`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):  # a Severity too
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_toml_key(str(k))} = {_toml(v)}" for k, v in value.items()) + " }"
    return str(value)


def show(settings: Settings) -> str:
    """The effective settings as TOML, one ``key = value  # origin`` line per key, in a fixed order."""
    lines = []
    for key in KINDS:
        value = getattr(settings, key.replace("-", "_"))
        lines.append(f"{key} = {_toml(value)}  # {settings.origins.get(key, DEFAULT)}")
    return "\n".join(lines) + "\n"
