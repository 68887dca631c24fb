"""The flat lint list: one line per diagnostic (``path:line:col: CODE [severity] message``),
the source line underlined beneath it, and a summary; or JSON."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.text import Text

from ..diagnostics import Diagnostic, Located, Severity
from ..source import Source
from . import snippet
from .formats import line_safe

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def header_line(path: str, loc: Located, lang: str = "zh") -> Text:
    d = loc.diagnostic
    t = Text()
    t.append(f"{line_safe(path)}:{loc.line}:{loc.column}:", style="bold")
    t.append(" ")
    t.append(d.code, style=SEVERITY_STYLE[d.severity])
    t.append(f" [{d.severity.value}] ", style=SEVERITY_STYLE[d.severity])
    t.append(d.text(lang))
    where = loc.where(lang)
    if where:
        t.append(f" [{where}]", style="dim")
    return t


_WORDS = {
    "zh": {"help": "   = 建议：", "note": "   = 依据：", "see": "   = 参见：", "more": "   = 另有{}处"},
    "en": {"help": "   = help: ", "note": "   = note: ", "see": "   = see: ", "more": "   = and {} more"},
}
MAX_RELATED = 6  # related places shown under a finding in the text view (all of them in JSON and SARIF)


def print_file(
    console: Console, source: Source, diagnostics: list[Diagnostic], *, show_source: bool = True, lang: str = "zh"
) -> None:
    words = _WORDS["en" if lang == "en" else "zh"]
    # A file that is no report (S001) may not even be the user's to show — a link to /etc/shadow
    # among the reports: none of its lines is printed.
    show_source = show_source and not any(d.code == "S001" for d in diagnostics)
    for d in diagnostics:
        loc = Located.of(d, source)
        console.print(header_line(source.path, loc, lang), soft_wrap=True)
        if show_source:
            console.print(snippet.render(source, d.span, style=SEVERITY_STYLE[d.severity]), soft_wrap=True, crop=False)
            if d.help_text(lang):
                console.print(Text(words["help"] + (d.help_text(lang) or ""), style="green"), soft_wrap=True)
            if d.note_text(lang):
                console.print(Text(words["note"] + (d.note_text(lang) or ""), style="dim"), soft_wrap=True)
            for r in d.related[:MAX_RELATED]:  # the other cells of a sum, the first of two sections …
                at = source.position(r.span.start)
                console.print(Text(f"{words['see']}{at.line}:{at.column} {r.text(lang)}", style="cyan"), soft_wrap=True)
            if len(d.related) > MAX_RELATED:
                console.print(Text(words["more"].format(len(d.related) - MAX_RELATED), style="cyan"), soft_wrap=True)
            for e in d.elsewhere:  # the other report of a cross-year or cross-report finding
                where = f"{line_safe(e.path)}:{e.line}:{e.column}"
                console.print(Text(f"{words['see']}{where} {e.text(lang)}", style="cyan"), soft_wrap=True)
            console.print()


_SUMMARY = {  # checked, errors, separator, warnings, infos, unreadable, end, info hidden, only errors shown
    "zh": ("检查了 {} 个文件：", "{} 个错误", "，", "{} 个警告", "，{} 个提示", "；{} 个文件无法读取", "。",
           "（提示未显示，--show-info 显示）", "（只显示错误）"),
    "en": ("Checked {} file(s): ", "{} error(s)", ", ", "{} warning(s)", ", {} info",
           "; {} file(s) could not be read", ".", " (info not shown; --show-info shows it)", " (errors only shown)"),
}  # fmt: skip


def summary(
    files: int,
    diagnostics: Iterable[Diagnostic],
    unreadable: int = 0,
    lang: str = "zh",
    hidden: Iterable[Diagnostic] = (),
) -> Text:
    """The last line of the text view: the files checked and the findings, ``hidden`` ones (below the
    level shown) counted and said to be hidden."""
    hidden = list(hidden)
    c = Counter(d.severity for d in (*diagnostics, *hidden))
    err, warn, info = c[Severity.ERROR], c[Severity.WARNING], c[Severity.INFO]
    checked, errors, sep, warnings, infos, unread, end, no_info, only_errors = _SUMMARY["en" if lang == "en" else "zh"]
    t = Text(checked.format(files))
    t.append(errors.format(err), style=SEVERITY_STYLE[Severity.ERROR] if err else "")
    t.append(sep)
    t.append(warnings.format(warn), style=SEVERITY_STYLE[Severity.WARNING] if warn else "")
    t.append(infos.format(info))
    if any(d.severity is Severity.WARNING for d in hidden):
        t.append(only_errors, style="dim")
    elif hidden:
        t.append(no_info, style="dim")
    if unreadable:
        t.append(unread.format(unreadable), style="bold red")
    t.append(end)
    return t


def unused_baseline(entry: Any, lang: str = "zh") -> Text:
    """A line about a baseline entry that no longer matches anything."""
    path = line_safe(entry.path)
    if lang == "en":
        msg = f"unused baseline entry: {path} {entry.code} (recorded {entry.recorded}, found {entry.found})"
    else:
        msg = f"基线中不再需要的记录：{path} {entry.code}（记录 {entry.recorded} 个，现有 {entry.found} 个）"
    return Text(msg, style="cyan")


def dumps(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2)
