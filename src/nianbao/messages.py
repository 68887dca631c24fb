"""The message catalogue of the command line: every word nianbao prints outside the rules' own
messages and the views' words, in Chinese and English (the rules carry theirs beside each check).

``say(key, lang, **params)`` gives the message in ``lang`` (``zh`` or ``en``), formatted with
``params``. `language` tells the language when no option or setting says: the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``zh…`` Chinese, ``en…`` English), else Chinese.
"""

from __future__ import annotations

import os

MESSAGES: dict[str, tuple[str, str]] = {
    # walking directories
    "skipped_special": ("已跳过：不是普通文件（FIFO、套接字或设备），读取可能永远等待", "skipped: not a regular file (a FIFO, socket or device), reading it could block"),
    "skipped_symlink": ("已跳过：符号链接指向所检查的文件夹之外（--follow-symlinks 跟随）", "skipped: a symbolic link that leads out of the folder linted (--follow-symlinks follows it)"),
    "no_reports": ("没有找到报告文件", "no report files found"),
    # export
    "binary_to_terminal": ("--format {format} 是二进制文件，不能输出到终端：用 -o 文件名 写入文件", "--format {format} is a binary file, not for a terminal: write it with -o FILE"),
    # lint
    "wrote_baseline": ("已写入 {path}：{files} 个文件中的 {n} 条发现", "wrote {path}: {n} finding(s) in {files} file(s)"),
    "unused_baseline": ("基线中不再需要的记录：{path} {code}（记录 {recorded} 个，现有 {found} 个）", "unused baseline entry: {path} {code} (recorded {recorded}, found {found})"),
    "too_many_warnings": ("警告有 {n} 个，超过 --max-warnings {max}", "{n} warnings, more than --max-warnings {max}"),
}  # fmt: skip


def say(key: str, lang: str = "zh", **params: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``params``."""
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**params)


def language(environ: os._Environ[str] | dict[str, str] | None = None) -> str | None:
    """The language the locale asks for, None when it asks for neither Chinese nor English."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            tag = value.split(".")[0].split("@")[0].lower()
            if tag.startswith("zh"):
                return "zh"
            if tag.startswith("en"):
                return "en"
            return None  # C, POSIX, another language: the first variable set decides
    return None
