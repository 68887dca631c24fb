"""X-rules (info): what nianbao set aside or normalised before checking, so nothing is silent."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..source import Span
from ..syntax.nodes import Chrome, Trivia
from .base import Context, Doc, Example, Rule, rule

_CHROME_KIND = {
    "page": ("网页信息栏", "page header"),
    "footer": ("页码", "page number"),
    "spam": ("网页链接列表", "link list"),
    "tail": ("网页附加内容", "page footer"),
    "nav": ("网页导航", "navigation"),
    "markup": ("网页样式代码", "page markup"),
}


@rule(
    "X101",
    "page-chrome",
    Severity.INFO,
    zh=Doc(
        "网页附加内容（非报告正文），已排除",
        "报告文本中属于网页而不属于报告的部分（发布时间、浏览量、字体等信息栏，扫一扫在手机打开当前页，相关阅读，"
        "链接列表，页码）。它们作为网页附加内容保留在语法树中，但不参与检查。",
        "让读者知道哪些内容被排除了，也便于改进采集程序。",
        "报告本身无需修改；采集时去掉报告周围的网页内容即可。",
    ),
    en=Doc(
        "web-page chrome outside the report was set aside",
        "Reports the parts of the text that belong to the web page rather than the report (发布时间/浏览量/字体 "
        "lines, 扫一扫在手机打开当前页, 相关阅读, link lists, page numbers). They stay in the tree as chrome and "
        "are not checked.",
        "So that a reader knows what was left out, and a crawler can be fixed.",
        "Nothing in the report; strip the page around it when extracting.",
    ),
    example=Example(
        good="白水县应急管理局\n2021年政府信息公开工作年度报告\n",
        bad="白水县应急管理局\n2021年政府信息公开工作年度报告\n发布时间：2022-01-18 09:30　浏览次数：126　字体：[大 中 小]\n",
    ),
    messages={
        "one": ("已排除{kinds}：“{shown}”", "set aside {kinds_en}: “{shown}”"),
        "many": ("已排除{kinds}：“{shown}”等{count}行", "set aside {kinds_en}: “{shown}” and {more} more line(s)"),
    },
)
def page_chrome(ctx: Context) -> Iterator[Diagnostic]:
    run: list[Chrome] = []
    for node in ctx.report.leaves():
        if isinstance(node, Chrome):
            run.append(node)
        elif isinstance(node, Trivia):
            continue
        elif run:
            yield _chrome(ctx, run)
            run = []
    if run:
        yield _chrome(ctx, run)


def _chrome(ctx: Context, run: list[Chrome]) -> Diagnostic:
    span = Span(run[0].span.start, run[-1].span.end)
    first = ctx.text(run[0].span).strip()
    shown = first if len(first) <= 24 else first[:24] + "…"
    kinds = [_CHROME_KIND.get(c.chrome, (c.chrome, c.chrome)) for c in run]
    return page_chrome.make(
        span,
        "many" if len(run) > 1 else "one",
        kinds="、".join(dict.fromkeys(k[0] for k in kinds)),
        kinds_en=", ".join(dict.fromkeys(k[1] for k in kinds)),
        shown=shown,
        count=len(run),
        more=len(run) - 1,
    )


@rule(
    "X102",
    "pinyin-annotation",
    Severity.INFO,
    zh=Doc(
        "已忽略机器转换留下的拼音注音",
        "报告网页经机器转换后留在字后的拼音（“發(fā)布”“數(shù)量”）；nianbao 在识别标签前屏蔽这些拼音。",
        "这样的网页对读者来说是乱的，报告本身没有问题。",
        "重新发布不带注音的网页。",
    ),
    en=Doc(
        "pinyin annotations were masked",
        "Reports pinyin that a machine conversion of the page left after characters (發(fā)布, 數(shù)量); nianbao "
        "masks it before matching labels.",
        "The page is garbled for readers; the report itself is fine.",
        "Republish the page without the annotations.",
    ),
    example=Example(good="二、主动公开政府信息情况", bad="二、主动(dòng)公开政府信息情况"),
    messages={
        "default": ("已忽略{count}处拼音注音（如“{example}”）", "masked {count} pinyin annotation(s), e.g. “{example}”")
    },
)
def pinyin_annotation(ctx: Context) -> Iterator[Diagnostic]:
    spans = ctx.parsed.normalized.pinyin
    if spans:
        example = ctx.text(Span(max(0, spans[0].start - 1), spans[0].end + 1))
        yield pinyin_annotation.make(spans[0], count=len(spans), example=example)


@rule(
    "X103",
    "traditional-script",
    Severity.INFO,
    zh=Doc(
        "繁体字已转为简体后比对",
        "报告文本在比对前已从繁体转为简体（OpenCC t2s，逐字对应、长度不变）；位置和引用的文字仍是原文的。",
        "网页被转成繁体的情况很常见，而模板是简体。",
        "无需修改。",
    ),
    en=Doc(
        "traditional script was converted for matching",
        "Reports that the text was converted from traditional to simplified script (OpenCC t2s, length-preserving) "
        "before matching; positions and quoted text stay those of the original.",
        "Pages converted to traditional script are common; the template is simplified.",
        "Nothing required.",
    ),
    example=Example(good="六、其他需要报告的事项", bad="六、其他需要報告的事項"),
    messages={
        "default": (
            "全文有{count}个繁体字，已转为简体后比对",
            "{count} traditional characters were converted for matching",
        )
    },
)
def traditional_script(ctx: Context) -> Iterator[Diagnostic]:
    converted = ctx.parsed.normalized.converted
    if converted:
        first = converted[0]
        yield traditional_script.make(Span(first, first + 1), count=len(converted))


@rule(
    "X104",
    "kangxi-radicals",
    Severity.INFO,
    zh=Doc(
        "康熙部首等兼容字符已按对应汉字比对",
        "报告PDF提取时留下的康熙部首（U+2F00 起）和兼容汉字，它们代替了普通汉字（“⼀”代替“一”）；nianbao 按对应的汉字读取。",
        "它们看起来一样，但会破坏搜索和复制粘贴。",
        "重新提取文本，或替换这些字符。",
    ),
    en=Doc(
        "Kangxi radicals were read as ideographs",
        "Reports Kangxi radicals (U+2F00…) and CJK compatibility ideographs that PDF extraction left in place of "
        "ordinary characters (⼀ for 一); nianbao reads them as those characters.",
        "They look identical but break search and copy-paste.",
        "Extract the text again, or replace the characters.",
    ),
    example=Example(good="一、总体情况", bad="\u2f00、总体情况"),
    messages={
        "default": (
            "有{count}个康熙部首或兼容汉字（如“{example}”），已按对应汉字比对",
            "{count} Kangxi radical(s) or compatibility ideograph(s) (e.g. “{example}”) were read as ideographs",
        )
    },
)
def kangxi_radicals(ctx: Context) -> Iterator[Diagnostic]:
    yield from _said_once(kangxi_radicals, ctx, ctx.parsed.normalized.ideographs)


def _said_once(r: Rule, ctx: Context, spans: tuple[Span, ...]) -> Iterator[Diagnostic]:
    """One finding for all ``spans`` (what normalisation did), at the first, quoting it."""
    if spans:
        yield r.make(spans[0], count=len(spans), example=ctx.text(spans[0]).strip())


@rule(
    "X105",
    "markdown-markup",
    Severity.INFO,
    zh=Doc(
        "已忽略Markdown标记",
        "报告网页或PDF转成Markdown时加上的标记：行首的“#”、成对的“**”、转义用的反斜杠（“1\\.”）、"
        "单元格内的换行“<br>”；"
        "nianbao 在识别标签前屏蔽这些标记，表格的分隔行（“|---|”）按表格语法处理。",
        "这些标记来自抓取工具，不是报告的内容；说明一下，读者才知道比对时忽略了哪些字符。",
        "无需修改。",
    ),
    en=Doc(
        "Markdown markup was masked",
        "Reports the markup that converting the page or PDF to Markdown added: “#” at line starts, “**” pairs, "
        "escaping backslashes (“1\\.”), line breaks inside cells (“<br>”); nianbao masks it before matching "
        "labels, and reads table delimiter rows (“|---|”) as table syntax.",
        "The markup comes from the crawler, not from the report; saying so tells the reader which characters "
        "were ignored.",
        "Nothing required.",
    ),
    example=Example(good="二、主动公开政府信息情况", bad="## 二、主动公开政府信息情况"),
    messages={
        "default": ("已忽略{count}处Markdown标记（如“{example}”）", "masked {count} Markdown mark(s), e.g. “{example}”")
    },
)
def markdown_markup(ctx: Context) -> Iterator[Diagnostic]:
    yield from _said_once(markdown_markup, ctx, ctx.parsed.normalized.markup)


@rule(
    "X106",
    "html-character-reference",
    Severity.INFO,
    zh=Doc(
        "HTML字符实体已按其字符读取",
        "网页抓取时只去掉了标签、留下了字符实体（“&nbsp;”“&emsp;”“&#12288;”“&amp;”）；"
        "nianbao 按实体代表的字符读取（代表空白的实体作为空白），位置和引用的文字仍是原文的。",
        "这些实体不是报告的内容，空白单元格里的“&nbsp;”若当作文字，会使单元格错位。",
        "把实体换成它代表的字符，或重新抓取文本。",
    ),
    en=Doc(
        "HTML character references were read as their characters",
        "Reports the character references that a crawler which stripped only the tags left in the text "
        "(“&nbsp;”, “&emsp;”, “&#12288;”, “&amp;”); nianbao reads each as the character it stands for "
        "(whitespace for a space), and positions and quoted text stay those of the original.",
        "The references are no content of the report; an “&nbsp;” in an empty cell read as text would shift "
        "the row's cells.",
        "Replace the references with their characters, or extract the text again.",
    ),
    example=Example(good="第二十条第（一）项 | |||", bad="第二十条第（一）项 | &nbsp; |||"),
    messages={
        "default": (
            "已将{count}处HTML字符实体（如“{example}”）按其字符读取",
            "read {count} HTML character reference(s) (e.g. “{example}”) as their characters",
        )
    },
)
def html_character_reference(ctx: Context) -> Iterator[Diagnostic]:
    yield from _said_once(html_character_reference, ctx, ctx.parsed.normalized.references)


@rule(
    "X107",
    "spanned-cell-copy",
    Severity.INFO,
    zh=Doc(
        "重复合并单元格内容的单元格已按一个单元格读取",
        "把网页表格转成文本或Markdown的工具（pandas.read_html、docling 等）会把合并单元格的内容填进它跨越的"
        "每个单元格：分组标题出现在组内每一行（“三、本年度办理结果”），跨两列的行标题写两遍，跨整行的标题写满一行。"
        "nianbao 把这些重复的单元格连同隔开它们的竖线作为一个单元格读取；没有数值的行（表头）里，"
        "只有带编号的标签（“三、”“（三）”“1.”）或写满整行的同一标题才这样读。",
        "重复的标签不是报告的内容；若当作单元格，会被读成多余或错位的行，引出一串报告本身没有的表格问题。",
        "无需修改；能从原网页重新导出时，可保留合并单元格。",
    ),
    en=Doc(
        "cells that repeat the merged cell they belong to were read as one",
        "Reports the cells that the tool which turned the page's table into text or Markdown (pandas.read_html, "
        "docling) filled with the merged cell they belong to: a group label in each row of its group "
        "(“三、本年度办理结果”), a label spanning two columns twice, a caption across the whole row. nianbao reads "
        "each copy, with the border before it, as part of the merged cell; in a row without values (a header) only "
        "a numbered label (“三、”, “（三）”, “1.”) or one caption across the row is read so.",
        "The copies are no content of the report; read as cells, they would be extra or misplaced rows and bring "
        "table findings the report does not deserve.",
        "Nothing required; where the page can be exported again, keep its merged cells.",
    ),
    example=Example(good="行政事业性收费 | 1552.86 |", bad="行政事业性收费 | 行政事业性收费 | 1552.86 |"),
    messages={
        "default": (
            "已将{count}个重复合并单元格内容的单元格（如“{example}”）按合并单元格读取",
            "read {count} cell(s) repeating the merged cell they belong to (e.g. “{example}”) as that cell",
        )
    },
)
def spanned_cell_copy(ctx: Context) -> Iterator[Diagnostic]:
    yield from _said_once(spanned_cell_copy, ctx, ctx.parsed.normalized.copies)


@rule(
    "X108",
    "data-frame-marks",
    Severity.INFO,
    zh=Doc(
        "数据表工具加的列号、行号和空值标记已排除",
        "用 pandas 等数据表工具把网页表格存成 Markdown 或 CSV（“read_html(...).to_markdown()”“.to_csv()”）时，"
        "工具会在表格上加一行列号（0、1、2……）、在每行前加行号，并把空单元格写成“nan”（或“None”“NaN”“null”）。"
        "nianbao 把列号行和行号（连同隔开它的竖线或逗号）排除，把“nan”按空单元格读取；"
        "只有表格第一行是从0或1起连续的列号、其下各行的第一格是从0或1起连续的行号时才这样读。",
        "这些标记不是报告的内容；若当作单元格，列号行会被读成一行数值，行号会使每行的数值错位一列。",
        "导出时不写行号和列号（“index=False, header=False”），空单元格留空；或直接检查网页。",
    ),
    en=Doc(
        "a data-frame library's column numbers, index and empty-cell markers were set aside",
        "Reports what a data-frame library such as pandas adds when it saves a page's table as Markdown or CSV "
        "(“read_html(...).to_markdown()”, “.to_csv()”): a header row of column numbers (0, 1, 2, …), an index "
        "before each row, and “nan” (or “None”, “NaN”, “null”) for an empty cell. nianbao sets the header row and "
        "the index (with the border after it) aside and reads “nan” as an empty cell; only when the table's first "
        "row counts 0, 1, 2, … (or from 1) and the first cells of the rows below count down from 0 or 1.",
        "The marks are no content of the report; read as cells, the header would be a row of values and the "
        "index would shift every row's values by one column.",
        "Save the table without index and header (“index=False, header=False”) and with empty cells empty, or "
        "check the web page itself.",
    ),
    example=Example(good="行政事业性收费 | 1552.86 | ||", bad="行政事业性收费 | 1552.86 | nan ||"),
    messages={
        "default": (
            "已排除{count}处数据表工具加的标记（如“{example}”：列号行、行号、空值标记）",
            "set aside {count} mark(s) a data-frame library added (e.g. “{example}”: column numbers, index, "
            "empty-cell markers)",
        )
    },
)
def data_frame_marks(ctx: Context) -> Iterator[Diagnostic]:
    yield from _said_once(data_frame_marks, ctx, ctx.parsed.normalized.frame)
