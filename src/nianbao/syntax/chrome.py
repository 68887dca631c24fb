"""Web-page chrome in the analysis text: what a page puts around, or glues into, the report.

Chrome is found *phrase by phrase*. A crawler that flattens a page to one line leaves the
breadcrumb, the date stamp and the share bar on the same line as the report
(``当前位置： 首页…年报 某局2019年…报告 来源： 时间：2020-01-02 12:42 --> 微信 微博 QQ空间 全真版
文字版 文件下载 相关链接： 根据《条例》…``), so a line that starts with a chrome keyword is chrome as a
whole only when nothing of the report follows on it; otherwise the chrome is the run of phrases
itself. A run counts when it holds a phrase no report writes (a breadcrumb, a date-time stamp, a
counter, a font switch, markup residue) or at least two phrases side by side; a lone phrase such
as ``打印`` counts only on a line of its own. Word's HTML export leaves its style sheet in the
text (``Normal 0 7.8 磅 … X-NONE /* Style Definitions */ table.MsoNormalTable {…}``): markup too.

`find` returns (start, end, kind) regions; kinds are ``page`` (chrome around the report),
``tail`` (a marker after which the rest of the line is the page's, e.g. ``附件下载``), ``markup``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from .normalize import MASK

# Line anchors that know a lone "\r" ends a line too (re's (?m) only knows "\n").
BOL = r"(?:(?<=[\r\n])|\A)"
EOL = r"(?=[\r\n]|\Z)"


def soft(word: str) -> str:
    """A keyword that may have masked pinyin between its characters: 发(fā)布 → 发…布."""
    return f"{MASK}*".join(re.escape(c) for c in word)


def _words(words: Sequence[str]) -> str:
    return "|".join(soft(w) for w in sorted(words, key=len, reverse=True))


# Keywords that make a whole line chrome when it starts with one (and nothing of the report
# follows on it). Conservative: each names something no report body says at a line start.
LINE_KEYWORDS: tuple[tuple[str, bool], ...] = (
    ("发布时间", True),
    ("发布日期", True),
    ("发稿时间", True),
    ("更新时间", True),
    ("信息来源", True),
    ("来源", True),
    ("浏览量", False),
    ("浏览次数", False),
    ("访问量", False),
    ("点击数", False),
    ("点击量", False),
    ("点击率", False),
    ("字体", True),
    ("字号", True),
    ("分享到", False),
    ("扫一扫", False),
    ("相关阅读", False),
    ("相关链接", False),
    ("相关文件", True),
    ("附件下载", False),
    ("报告下载", False),
    ("责任编辑", True),
    ("索引号", True),
    ("主题分类", True),
    ("更多信息请关注", False),
    ("网站地图", False),
    ("版权所有", False),
    ("主办单位", True),
    ("网站标识码", False),
    ("主站蜘蛛池", False),
    ("当前位置", True),
    ("您的位置", True),
    ("您现在的位置", True),
    ("打印本页", False),
    ("关闭窗口", False),
    # a crawler's header block (标题/栏目/原文链接/本地目录 …, then a ==== 正文 ==== line)
    ("栏目", True),
    ("原文链接", True),
    ("本地目录", True),
    ("页面链接与图片详见", False),
)
LINE = re.compile(
    BOL
    + r"[ ]*(?:【[ ]*|\[)?(?:"  # "[附件下载](….pdf)": a Markdown link
    + "|".join(soft(w) + (rf"{MASK}*[:：]" if colon else "") for w, colon in LINE_KEYWORDS)
    + r"|首页[ ]*[>»＞]|【[ ]*(?:打印|关闭)[ ]*】"
    + r")[^\r\n]*"
)
# A separator line of a crawler's or converter's output: "==================== 正文 ====================".
RULE_LINE = re.compile(
    BOL + r"[ ]*(?:={5,}|\*{5,}|#{5,})[ ]*(?:[\u4e00-\u9fff]{1,6}[ ]*(?:={5,}|\*{5,}|#{5,}))?[ ]*" + EOL
)

# --------------------------------------------------------------------------- phrases

_DATETIME = (
    r"[0-9]{4}[ ]*[-/.年][ ]*[0-9]{1,2}[ ]*[-/.月][ ]*[0-9]{1,2}[ ]*日?(?:[ ]*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
)
_VALUE = r"(?:[^\s:]{1,30}(?=\s|\Z))?"  # one word up to the next space, or nothing
_CRUMB_PART = r"[^\s。，,；;《》“”>»＞→]{1,80}"
_CRUMB = rf"{_CRUMB_PART}(?:[ ]*(?:>>?|»|＞|→)[ ]*{_CRUMB_PART}){{0,12}}(?:[ ]*(?:>>?|»|＞|→))?"
_NAV = _words(("当前位置", "您的位置", "您现在的位置", "您当前的位置", "所在位置", "当前的位置"))
_STAMP = _words(("发布时间", "发布日期", "发稿时间", "更新时间", "成文日期", "发文日期", "时间", "日期"))
_FIELD = _words(
    ("来源", "信息来源", "文章来源", "稿件来源", "发布机构", "发文机关", "发布单位", "责任编辑", "编辑", "作者",
     "索引号", "主题分类", "文号", "发文字号", "所属机构", "信息分类", "组配分类", "体裁分类", "有效性", "栏目",
     "原文链接", "本地目录", "发布时间", "发布日期", "时间", "日期")
)  # fmt: skip
_COUNT = _words(("浏览次数", "浏览量", "访问量", "阅读量", "阅读次数", "点击数", "点击量", "点击率", "访问次数"))
_WIDGET = _words(
    ("微信", "微博", "QQ空间", "QQ好友", "QQ", "全真版", "文字版", "文件下载", "打印本页", "打印", "关闭窗口",
     "关闭", "收藏", "分享", "扫一扫在手机打开当前页", "扫一扫", "返回顶部", "上一篇", "下一篇", "网站地图",
     "联系我们", "无障碍", "长者模式", "繁體", "简体", "附件下载")
)  # fmt: skip
_LABELLED_WIDGET = _words(("分享到", "相关链接", "相关阅读", "相关文件", "附件下载", "报告下载"))

PHRASE = re.compile(
    r"(?:(?<=[\s>|】\]])|\A)(?:"
    rf"(?P<nav>(?:{_NAV}){MASK}*[ ]*[:：]?[ ]*{_CRUMB})"
    rf"|(?P<stamp>(?:{_STAMP}){MASK}*[ ]*[:：][ ]*{_DATETIME})"
    rf"|(?P<count>(?:{_COUNT}){MASK}*[ ]*[:：]?[ ]*[0-9]+[ ]*次?)"
    r"|(?P<font>(?:【[ ]*)?(?:字体|字号)[ ]*[:：]?[ ]*[\[【(]?[ ]*(?:(?:大|中|小|默认|超大|标准)[ ]*){1,5}"
    r"[\]】)]?(?:[ ]*】)?)"
    r"|(?P<comment><!--[^<>\r\n]{0,200}?-->|<!(?:--)?\[[^<>\r\n\]]{0,60}\]>?|<!\[endif\]-->|-->|<!--)"
    rf"|(?P<field>(?:{_FIELD}){MASK}*[ ]*[:：][ ]*{_VALUE})"
    rf"|(?P<widget>(?:{_LABELLED_WIDGET}){MASK}*[ ]*[:：]|【[ ]*(?:{_WIDGET}|我要打印)[ ]*】|(?:{_WIDGET})(?=\s|\Z|【))"
    r")"
)
_STRONG = frozenset({"nav", "stamp", "count", "font", "comment"})

# Markers that end the report wherever they appear (run-on pages glue them to the last paragraph).
TAIL = re.compile(
    "|".join(
        soft(w)
        for w in ("扫一扫在手机打开当前页", "相关阅读:", "附件下载:", "报告下载:", "更多信息请关注", "主站蜘蛛池模板")
    )
    + r"|【[ ]*(?:打印|关闭)(?:本页|窗口)?[ ]*】"
    + rf"|{soft('附件下载')}(?=[ \r\n\t]*\Z)"  # the page's last words
)

# Word's HTML export, flattened: "Normal 0 7.8 磅 0 2 false false false EN-US ZH-CN X-NONE", then its
# style sheet "/* Style Definitions */ table.MsoNormalTable {mso-style-name:普通表格; …}".
_WORD_SETTINGS = r"Normal[ ]+0[ ]+[0-9.]+[ ]*(?:磅|pt)[^\u4e00-\u9fff{}\r\n]{0,200}?X-NONE"
_CSS_COMMENT = r"/\*[^*\r\n]{0,100}\*/"
_CSS_RULE = r"[A-Za-z.#@_*][\w.#:,*>\[\]=\"' -]{0,100}\{[^{}]{0,4000}\}"
MARKUP = re.compile(
    rf"(?:{_WORD_SETTINGS}|{_CSS_COMMENT}[ ]*{_CSS_RULE}|[A-Za-z.#_][\w.#:, -]{{0,100}}\{{[ ]*mso-[^{{}}]{{0,4000}}\}})"
    rf"(?:[ \r\n]*(?:{_CSS_COMMENT}|{_CSS_RULE}))*"
)

_LINE_MODE_REST = 120  # a chrome line keeps the rest of its line only when the rest is this short …
_PROSE_END = re.compile(r"[。；;！!？?]")  # … and holds no sentence


def _line_end(text: str, p: int) -> int:
    n = len(text)
    while p < n and text[p] not in "\r\n":
        p += 1
    return p


def find(text: str, structure: Sequence[int]) -> list[tuple[int, int, str]]:
    """Chrome regions of ``text``; ``structure`` is the sorted starts of headings and table labels
    (a line that holds them is the report's, whatever chrome it begins with)."""
    out: list[tuple[int, int, str]] = []

    def holds_structure(start: int, end: int) -> bool:
        i = bisect_left(structure, start)
        return i < len(structure) and structure[i] < end

    # 1. phrases, joined into runs of phrases separated only by spaces
    runs: list[list[re.Match[str]]] = []
    for m in PHRASE.finditer(text):
        gap = text[runs[-1][-1].end() : m.start()] if runs else "x"
        if len(gap) <= 10 and not gap.strip(" \t\r\n" + MASK):
            runs[-1].append(m)
        else:
            runs.append([m])
    phrase_runs: list[tuple[int, int]] = []
    for run in runs:
        start, end = run[0].start(), run[-1].end()
        line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        alone = not text[line_start:start].strip(" \t" + MASK) and not text[end : _line_end(text, end)].strip(
            " \t" + MASK
        )
        if len(run) >= 2 or any(m.lastgroup in _STRONG for m in run) or alone:
            phrase_runs.append((start, end))
    # 2. lines that begin with a chrome keyword: the whole line, unless the report goes on in it
    # (then only its chrome phrases are chrome)
    run_at = {s: e for s, e in phrase_runs}
    taken: list[tuple[int, int]] = []
    for m in LINE.finditer(text):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        end = m.end()
        rest_from = run_at.get(start, start)
        rest = text[rest_from:end]
        if not holds_structure(rest_from, end) and (len(rest) <= _LINE_MODE_REST or not _PROSE_END.search(rest)):
            taken.append((start, end))
    out.extend((s, e, "page") for s, e in taken)
    t = 0
    for start, end in phrase_runs:  # both sorted by start
        while t < len(taken) and taken[t][1] <= start:
            t += 1
        if not (t < len(taken) and taken[t][0] <= start and end <= taken[t][1]):
            out.append((start, end, "page"))
    if "=====" in text or "*****" in text or "#####" in text:  # (most texts have no separator line)
        for m in RULE_LINE.finditer(text):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            out.append((start, m.end(), "page"))
    if "{" in text or "X-NONE" in text:
        for m in MARKUP.finditer(text):
            out.append((m.start(), m.end(), "markup"))
    for m in TAIL.finditer(text):
        out.append((m.start(), m.end(), "tail"))
    return out
