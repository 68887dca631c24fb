"""X-rules (info): what nianbao set aside or normalised before checking, so nothing is silent."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..nodes import Chrome, Node, Trivia
from ..source import Span
from . import Context, rule

_CHROME_KIND = {
    "page": "网页信息栏",
    "footer": "页码",
    "spam": "网页链接列表",
    "tail": "网页附加内容",
    "nav": "网页导航",
}


@rule(
    "X101",
    "page-chrome",
    Severity.INFO,
    "网页附加内容（非报告正文），已排除",
    "web-page chrome outside the report was set aside",
)
def page_chrome(ctx: Context) -> Iterator[Diagnostic]:
    """Reports the parts of the text that belong to the web page rather than the report
    (发布时间/浏览量/字体 lines, 扫一扫在手机打开当前页, 相关阅读, link lists, page numbers).
    They stay in the tree as chrome and are not checked.

    **Why**: so that a reader knows what was left out, and a crawler can be fixed.

    **Fix**: nothing in the report; strip the page around it when extracting.
    """
    run: list[Chrome] = []
    for node in _flat(ctx.report):
        if isinstance(node, Chrome):
            run.append(node)
        elif isinstance(node, Trivia):
            continue
        elif run:
            yield _chrome(ctx, run)
            run = []
    if run:
        yield _chrome(ctx, run)


def _flat(node: Node) -> Iterator[Node]:
    return node.leaves()


def _chrome(ctx: Context, run: list[Chrome]) -> Diagnostic:
    span = Span(run[0].span.start, run[-1].span.end)
    first = ctx.text(run[0].span).strip()
    shown = first if len(first) <= 24 else first[:24] + "…"
    kinds = "、".join(dict.fromkeys(_CHROME_KIND.get(c.chrome, c.chrome) for c in run))
    more = f"等{len(run)}行" if len(run) > 1 else ""
    return page_chrome.make(span, f"已排除{kinds}：“{shown}”{more}")


@rule("X102", "pinyin-annotation", Severity.INFO, "已忽略机器转换留下的拼音注音", "pinyin annotations were masked")
def pinyin_annotation(ctx: Context) -> Iterator[Diagnostic]:
    """Reports pinyin that a machine conversion of the page left after characters (``發(fā)布``,
    ``數(shù)量``); nianbao masks it before matching labels.

    **Why**: the page is garbled for readers; the report itself is fine.

    **Fix**: republish the page without the annotations.
    """
    spans = ctx.parsed.normalized.pinyin
    if spans:
        example = ctx.text(Span(max(0, spans[0].start - 1), spans[0].end + 1))
        yield pinyin_annotation.make(spans[0], f"已忽略{len(spans)}处拼音注音（如“{example}”）")


@rule(
    "X103",
    "traditional-script",
    Severity.INFO,
    "繁体字已转为简体后比对",
    "traditional script was converted for matching",
)
def traditional_script(ctx: Context) -> Iterator[Diagnostic]:
    """Reports that the text was converted from traditional to simplified script (OpenCC t2s,
    length-preserving) before matching; positions and quoted text stay those of the original.

    **Why**: pages converted to traditional script are common; the template is simplified.

    **Fix**: nothing required.
    """
    converted = ctx.parsed.normalized.converted
    if converted:
        first = converted[0]
        yield traditional_script.make(Span(first, first + 1), f"全文有{len(converted)}个繁体字，已转为简体后比对")


@rule(
    "X104",
    "kangxi-radicals",
    Severity.INFO,
    "康熙部首等兼容字符已按对应汉字比对",
    "Kangxi radicals were read as ideographs",
)
def kangxi_radicals(ctx: Context) -> Iterator[Diagnostic]:
    """Reports Kangxi radicals (U+2F00…) and CJK compatibility ideographs that PDF extraction left
    in place of ordinary characters (``⼀`` for ``一``); nianbao reads them as those characters.

    **Why**: they look identical but break search and copy-paste.

    **Fix**: extract the text again, or replace the characters.
    """
    spans = ctx.parsed.normalized.ideographs
    if spans:
        yield kangxi_radicals.make(
            spans[0], f"有{len(spans)}个康熙部首或兼容汉字（如“{ctx.text(spans[0])}”），已按对应汉字比对"
        )
