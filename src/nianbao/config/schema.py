"""The configuration's keys, their kinds and defaults, and how a value is read and checked.

`KINDS` lists every key (in the order `show` prints them) with the kind of value it takes;
`_values` turns a table of a file (or the command-line options, as `_CLI`) into checked values,
raising `ConfigError` with a message in both languages that names the setting as written and what
is allowed ("did you mean" for a near miss). Rule selectors are checked against the rules, which
are imported only when a selector is first resolved.
"""

from __future__ import annotations

import codecs
import difflib
import functools
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

import pathspec

from ..diagnostics import Severity

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
INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.shtml", "*.docx", "*.doc", "*.pdf")
# Folders of reports keep their notes (README, sources) as Markdown too: a walk takes a Markdown file
# only when it reads as a report; a file named on the command line is always linted.
TENTATIVE = ("*.md", "*.markdown")
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


# ---------------------------------------------------------------------------------------------
# Selectors


@functools.cache
def _rule_index() -> tuple[tuple[str, ...], Mapping[str, str]]:
    """Every rule code, and each rule name's code."""
    from ..rules import all_rules

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
            where_zh = f"未知的选项 --{key}" if origin.cli else f"未知的配置项“{key}”"
            if origin.table:
                where += f" in {origin.table.strip()}"
                where_zh = f"{origin.table.strip()} 中有{where_zh}"
            hint_zh = f"（是否想写“{close[0]}”？）" if close else ""
            message = (
                f"{where_zh}：应为以下之一：{allowed}{hint_zh}",
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
# Values as TOML, for messages and `show`


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
