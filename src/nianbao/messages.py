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
    "skipped_not_report": ("已跳过：这个 Markdown 文件不是年度报告（在命令行上指明它，就会检查）", "skipped: a Markdown file that is not an annual report (name it to lint it)"),
    "skipped_symlink": ("已跳过：符号链接指向所检查的文件夹之外（--follow-symlinks 跟随）", "skipped: a symbolic link that leads out of the folder linted (--follow-symlinks follows it)"),
    "no_reports": ("没有找到报告文件", "no report files found"),
    # output
    "cannot_write": ("无法写入 {path}：{why}", "cannot write {path}: {why}"),
    "input_replaced": ("{option} {path} 即本次检查的输入 {input}：不覆盖", "{option} {path} is {input}, an input of this run: not replaced"),
    # export
    "html_to_terminal": ("HTML 报告不输出到终端：用 -o 文件名 写入文件（如 -o report.html）", "the HTML report is not for a terminal: write it with -o FILE (e.g. -o report.html)"),
    "binary_to_terminal": ("--format {format} 是二进制文件，不能输出到终端：用 -o 文件名 写入文件", "--format {format} is a binary file, not for a terminal: write it with -o FILE"),
    # rules
    "no_rule": ("没有规则 {rule!r}；`nianbao rules` 列出所有规则", "no rule {rule!r}; `nianbao rules` lists them"),
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


def bilingual(message: str) -> tuple[str, str] | None:
    """A reader's message written ``中文（English）`` as its two halves, None when it is not one.

    The readers of files (`nianbao.inputs`) say why a file cannot be read in both languages at
    once; this splits them so that each language gets its own half."""
    if not message.endswith("）"):
        return None
    depth = 0
    for i in range(len(message) - 1, -1, -1):
        ch = message[i]
        if ch == "）":
            depth += 1
        elif ch == "（":
            depth -= 1
            if depth == 0:
                zh, en = message[:i].rstrip(), message[i + 1 : -1].strip()
                latin = sum(c.isascii() and c.isalpha() for c in en)
                cjk = sum("\u4e00" <= c <= "\u9fff" for c in en)
                return (zh, en) if zh and latin > 3 * cjk else None
    return None


def one_language(message: str, lang: str = "zh") -> str:
    """``message`` in ``lang`` when it is written in both (`bilingual`), else as it is."""
    halves = bilingual(message)
    if halves is None:
        return message
    return halves[1] if lang == "en" else halves[0]


# The command line's help in Chinese, by its English text (the English is written in cli/, where
# each option is declared). A text missing here is shown in English: a test checks none is.
HELP_ZH: dict[str, str] = {
    "Print the configuration file and the settings that apply to each PATH, and check nothing.": "显示每个路径所用的配置文件和设置，不作检查。",
    "Show the version and exit.": "显示版本并退出。",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show tracebacks of internal errors.": "内部错误时显示调用栈。",
    "Colour the output or not (default: on a terminal, unless NO_COLOR is set).": "是否彩色输出（默认：输出到终端时彩色，除非设置了 NO_COLOR）。",
    "text: each finding with its source line; concise: one line each; json, jsonl, sarif, github, junit, csv.": "text：每条发现附原文行；concise：每条一行；json、jsonl、sarif、github、junit、csv。",
    "Write the output to this file.": "把输出写入此文件。",
    "Exit 0 even when error-level diagnostics are found.": "即使发现错误也以 0 退出。",
    "Show the number of findings per rule instead (text, or --format json or csv).": "改为显示每条规则的发现数量（文本，或 --format json、csv）。",
    "The least severe findings shown (default: warning for text, info for the machine formats).": "显示的最低严重性（默认：文本为 warning，机器格式为 info）。",
    "Show information-level findings in the text output (--level info).": "在文本输出中也显示提示（即 --level info）。",
    "Report error-level diagnostics only (--level error).": "只报告错误（即 --level error）。",
    "Exit 1 when there are more warnings than this, as ESLint (default: warnings do not fail).": "警告多于此数时以 1 退出，同 ESLint（默认：警告不导致失败）。",
    "The name of the report read from - (for its settings and in the output).": "从 - 读入的报告的文件名（用于其配置和输出）。",
    "CSV without the UTF-8 BOM Excel needs.": "CSV 不加 Excel 需要的 UTF-8 BOM。",
    "Processes to lint with (default: the number of cores).": "检查用的进程数（默认：CPU 核数）。",
    "Hide the findings recorded in this baseline.": "隐藏此基线中记录的发现。",
    "Record the current findings as a baseline.": "把当前的发现记录为基线。",
    "Use this configuration file.": "使用此配置文件。",
    "Ignore every configuration file.": "忽略所有配置文件。",
    "Read text in this encoding (e.g. gb18030, big5) instead of detecting it.": "按此编码读取文本（如 gb18030、big5），不自动识别。",
    "Refuse files larger than this (MB).": "拒绝大于此大小（MB）的文件。",
    "Walk into what .gitignore files ignore too.": "也检查 .gitignore 忽略的文件。",
    "Follow links that lead out of the folders walked.": "跟随指向所检查文件夹之外的符号链接。",
    "Rules to run (codes, prefixes, names; comma-separated).": "要运行的规则（代码、前缀或名称，逗号分隔）。",
    "Rules to run in addition to those selected.": "在已选规则之外再运行的规则。",
    "Rules not to run.": "不运行的规则。",
    "Version when a report does not tell.": "报告本身看不出格式版本时使用的版本。",
    "Kind of organ for the publication deadline (D103).": "机关类型，用于发布期限（D103）。",
    "Language of messages.": "消息的语言。",
    "Language of help and messages (also NIANBAO_LANG, the configuration, the locale).": "帮助和消息的语言（也可用 NIANBAO_LANG、配置文件或区域设置）。",
    "Language of the summaries.": "摘要的语言。",
    "Language of the documentation.": "文档的语言。",
    "Check reports (files, directories, or - for standard input) against the template.": "按模板检查报告（文件、文件夹，或用 - 表示标准输入）。",
    "Order of the rows (errors and warnings: most first).": "行的顺序（errors、warnings：多的在前）。",
    "Exit 0 even when reports have error-level diagnostics.": "即使报告有错误也以 0 退出。",
    "One row per report: organ, year, template, errors, warnings and the most serious codes.": "每份报告一行：机关、年度、格式、读取率、错误、警告和最严重的问题代码。",
    "Also show the parts that conform.": "也显示符合模板的部分。",
    "Show the report's outline with every deviation where it is.": "显示报告的结构，每处不符合模板的地方就地标出。",
    "Show every cell and every passage, not only what changed.": "显示每个单元格和每段文字，不只是变化的部分。",
    "Two reports side by side, A the earlier: sections, every table cell with its change, the narrative.": "并排比较两份报告（A 为较早的一份）：章节、每个单元格的变化、正文，以及跨年度检查的发现。",
    "Show whitespace and separators too (tree view).": "也显示空白和分隔符（树形视图）。",
    "Show the typed syntax tree (the AST) of a report.": "显示报告的类型化语法树（AST）。",
    'json, csv, xlsx (Excel) or parquet (pip install "nianbao[parquet]").': 'json、csv、xlsx（Excel）或 parquet（需 pip install "nianbao[parquet]"）。',
    "long: one record per cell; wide: one row per report, one column per cell.": "long：每个单元格一条记录；wide：每份报告一行，每个单元格一列。",
    "Write the table data with canonical labels: one record per cell, or one row per report.": "输出表格数据（规范标签）：每个单元格一条记录，或每份报告一行。",
    "One HTML file for a reviewer: the summary table, and each report's text with its findings marked.": "给审阅者的一个 HTML 文件：汇总表，以及每份报告的原文，问题标在原处。",
    "List every rule: code, name, default severity, summary.": "列出所有规则：代码、名称、默认严重性、摘要。",
    "Print the Markdown source instead of rendering it.": "输出 Markdown 源文本，不排版。",
    "Print the documentation of one rule (by code or name).": "显示一条规则的文档（按代码或名称）。",
    "Print the effective settings and where each came from.": "显示生效的设置及每项的来源。",
    "Show the configuration that applies to PATH (default: the current directory).": "显示适用于 PATH 的配置（默认：当前目录）。",
    "text: the text read from the file, with where each line came from; normalized: the analysis text; tokens: the token stream; tree: Lark's raw parse tree.": "text：从文件读出的文字及每行的来源；normalized：分析用文本；tokens：词法单元流；tree：Lark 的原始语法树。",
    "For developers: show one stage of the pipeline.": "供开发者使用：显示处理流程的某一阶段。",
    "The cross-year findings for the pair (C1xx): shown unless --no-findings.": "两份报告之间的跨年度检查发现（C1xx）：默认显示，--no-findings 不显示。",
}  # fmt: skip

MAIN_HELP = {
    "zh": """nianbao — 解析和检查政府信息公开工作年度报告。

    \b
    检查一份报告：       nianbao tree 报告.txt
    检查一批报告：       nianbao lint 文件夹或文件...
    哪些机关要改什么：   nianbao summary 文件夹
    给审阅者的网页：     nianbao report 文件夹 -o report.html
    读取表格数据：       nianbao export 报告.txt --format csv
    比较两个年度：       nianbao diff 上一年.txt 本年.txt
    规则：               nianbao rules；nianbao rule T201
    调试解析器：         nianbao debug 报告.txt --stage tokens

    --lang en（或 NIANBAO_LANG=en，或英文区域设置）显示英文。
    """,
    "en": """nianbao — parse and check 政府信息公开工作年度报告 (government information-disclosure annual reports).

    \b
    Inspect one report:   nianbao tree REPORT.txt
    Lint many:            nianbao lint DIR_OR_FILES...
    Which organs must fix what:  nianbao summary DIR
    For the reviewer's browser:  nianbao report DIR -o report.html
    Read the tables:      nianbao export REPORT.txt --format csv
    Compare two years:    nianbao diff LAST_YEAR.txt THIS_YEAR.txt
    The rules:            nianbao rules; nianbao rule T201
    Debug the parser:     nianbao debug REPORT.txt --stage tokens

    --lang zh (or NIANBAO_LANG=zh, or a Chinese locale) for Chinese.
    """,
}

# click's own words (usage, headings, errors), in Chinese, by click's English.
CLICK_ZH: dict[str, str] = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是以下之一：{choices}。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "Did you mean {possibility}?": "是否想写 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否想写以下之一：{possibilities}？）",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必需",
    "integer": "整数",
    "Aborted!": "已中止！",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
}  # fmt: skip
