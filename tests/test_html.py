"""Reports published as web pages: the same cells and diagnostics as the text version, located in the page.

The pages are generated here from the conforming pipe-layout reports: paragraphs become ``<p>``, tables real
``<table>``s with the template's merged cells (table 三's header and row labels, table 四's header, table 二's
block captions as ``colspan`` rows), wrapped in the chrome of a government site (navigation, a 发布时间/浏览次数/
字体 bar, a layout table, 扫一扫/相关阅读/版权所有, scripts and styles).
"""

from __future__ import annotations

import gc
import html
import re
import time
from collections.abc import Callable
from functools import cache
from itertools import takewhile
from pathlib import Path

import pytest
from conftest import CONFORMING
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.api import lint, parse
from nianbao.inputs import InputError, Options, load
from nianbao.inputs.html import charset_hint, extract
from nianbao.load import decode
from nianbao.source import Source

REPORTS = ("v2021_pipe.txt", "v2019_pipe.txt")

# --- Pages from the conforming reports -----------------------------------------------------------------------


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _td(text: str, rowspan: int = 1, colspan: int = 1) -> str:
    spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f"<td{spans}>{_esc(text)}</td>"


def _cells(line: str) -> list[str]:
    cells = [c.strip() for c in line.split("|")]
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def _table_2(lines: list[str]) -> list[str]:
    rows = []
    for line in lines:
        cells = _cells(line)
        if cells[0].startswith("第二十条"):
            rows.append(_td(cells[0], colspan=4))  # the block's caption spans the table
        else:  # a short row's last cell spans the rest ("本年处理决定数量" over three columns)
            rows.append("".join(map(_td, cells[:-1])) + _td(cells[-1], colspan=5 - len(cells)))
    return rows


def _table_3(lines: list[str]) -> list[str]:
    """Table 三 with the template's merged cells: a 3×3 corner, 申请人情况 over 7 columns, 自然人 and 总计 over two
    rows, row labels over 3 or 2 columns, 三、本年度办理结果 and the groups (三)…(六) over their rows."""
    rows = [
        _td(_cells(lines[0])[0], rowspan=3, colspan=3) + _td("申请人情况", colspan=7),
        _td("自然人", rowspan=2) + _td("法人或其他组织", colspan=5) + _td("总计", rowspan=2),
        "".join(map(_td, _cells(lines[2]))),
    ]
    body = [_cells(line) for line in lines[3:]]
    for i, cells in enumerate(body):
        labels = list(takewhile(lambda c: c != "" and not re.fullmatch(r"[0-9.]+", c), cells))
        values = cells[len(labels) :]
        out = []
        if labels[0].startswith("三、"):
            out.append(_td(labels[0], rowspan=next(j for j in range(i, len(body)) if body[j][0][:2] == "四、") - i))
            labels = labels[1:]
        if len(labels) == 2:  # a group and its first item: the group spans its items' rows
            items = next((k for k in range(i + 1, len(body)) if not body[k][0][:1].isdigit()), len(body)) - i
            out += [_td(labels[0], rowspan=items), _td(labels[1])]
        elif labels[0][:1] in "一二四":
            out.append(_td(labels[0], colspan=3))
        elif labels[0].startswith("（"):
            out.append(_td(labels[0], colspan=2))
        else:
            out.append(_td(labels[0]))
        rows.append("".join(out) + "".join(map(_td, values)))
    return rows


def _table_4(lines: list[str]) -> list[str]:
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        _td("行政复议", colspan=5) + _td("行政诉讼", colspan=10),
        "".join(_td(c, rowspan=2) for c in results) + _td("未经复议直接起诉", colspan=5) + _td("复议后起诉", colspan=5),
        "".join(map(_td, _cells(lines[2]))),
        "".join(map(_td, _cells(lines[3]))),
    ]


def article(text: str) -> tuple[str, str]:
    """The title block and the body of a pipe-layout report as HTML."""
    lines = text.split("\n")
    title = f"<h1>{_esc(lines[0])}<br>{_esc(lines[1])}</h1>"
    out = []
    section = ""
    i = 2
    while i < len(lines):
        if "|" in lines[i]:
            j = i
            while j < len(lines) and "|" in lines[j]:
                j += 1
            rows = {"二": _table_2, "三": _table_3, "四": _table_4}[section](lines[i:j])
            out.append('<table border="1" cellspacing="0">\n' + "\n".join(f"<tr>{r}</tr>" for r in rows) + "\n</table>")
            i = j
            continue
        heading = re.match(r"([一二三四五六])、", lines[i])
        if heading:
            section = heading.group(1)
            out.append(f'<p style="text-indent:2em"><strong>{_esc(lines[i])}</strong></p>')
        else:
            out.append(f"<p>{_esc(lines[i])}</p>")
        i += 1
    return title, "\n".join(out)


def page(text: str, charset: str = "utf-8", body: Callable[[str], str] = lambda b: b) -> str:
    """A government web page holding the report ``text``: chrome all around, the article in a layout table."""
    title, content = article(text)
    heading = _esc(text.split("\n")[1])
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta charset="{charset}">
<title>{heading}_白水县人民政府</title>
<style type="text/css">
body {{ font-family: "宋体"; }} .content > p {{ text-indent: 2em; }} td {{ border: 1px solid #000; }}
</style>
<script type="text/javascript">
var _hmt = _hmt || []; if (a < b && c > d) {{ document.write("<p>一、总体情况</p>"); }}
</script>
</head>
<body>
<div class="top"><a href="/">网站首页</a> | <a href="/en">English</a></div>
<ul class="nav">
  <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/zwgk/xxgknb/">政府信息公开年报</a></li><li><a href="/hdjl/">互动交流</a></li>
</ul>
<table width="1000" align="center" class="layout">
<tr>
<td width="220" valign="top" class="side">
  <ul><li><a href="/a">通知公告</a></li><li><a href="/b">政策文件</a></li><li><a href="/c">政策解读</a></li></ul>
</td>
<td valign="top" class="main">
  <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
  <div class="title">{title}</div>
  <div class="info">发布时间：2022-01-18 09:30&nbsp;&nbsp;来源：本站&nbsp;&nbsp;浏览次数：<span id="hits">126</span>
    &nbsp;&nbsp;字体：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]</div>
  <div id="zoom" class="content">
{body(content)}
  </div>
  <div class="share">扫一扫在手机打开当前页<img src="/qr.png" alt="二维码"></div>
  <noscript><p>您的浏览器不支持脚本</p></noscript>
  <div class="related"><h3>相关阅读：</h3><ul>
    <li><a href="/1">白水县应急管理局2020年政府信息公开工作年度报告</a></li>
    <li><a href="/2">白水县应急管理局2019年政府信息公开工作年度报告</a></li></ul></div>
</td>
</tr>
</table>
<div class="footer">
  <p>版权所有：白水县人民政府　主办单位：白水县人民政府办公室　网站标识码：6105270001</p>
  <p><a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
  <script>document.write('<span id="_ideConac"></span>');</script>
</div>
</body>
</html>
"""


@cache
def report(name: str) -> str:
    return (CONFORMING / name).read_text(encoding="utf-8")


def cells_of(source: Source | str) -> dict[object, object]:
    return {c.key: c.value for c in parse(source).report.cells()}


def codes(source: Source | str) -> list[str]:
    return sorted(d.code for d in lint(source))


def from_html(text: str, name: str = "x.html", options: Options | None = None) -> Source:
    return decode(text.encode("utf-8"), name, options)


MUTATIONS = {
    # a total that no longer adds up (A101/A102), and the same row's 自然人 changed in the text (N101)
    "wrong-number": ("一、本年新收政府信息公开申请数量 | 249 |", "一、本年新收政府信息公开申请数量 | 250 |"),
    # a blank cell (T201)
    "blank-cell": ("2.重复申请 | 8 | 0", "2.重复申请 |  | 0"),
    # table 四: a total that does not add up
    "review-total": ("1 | 1 | 1 | 0 | 3 |", "1 | 1 | 1 | 0 | 4 |"),
}


# --- The conforming reports -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_page_gives_the_cells_and_diagnostics_of_the_text(name: str) -> None:
    text = report(name)
    source = from_html(page(text))
    assert source.origin is not None and source.origin.kind == "html"
    assert cells_of(source) == cells_of(parse(CONFORMING / name).source)
    assert len(cells_of(source)) > 150
    assert codes(source) == codes(parse(CONFORMING / name).source) == []  # not even chrome: it was left out
    for chrome in ("发布时间", "浏览次数", "扫一扫", "版权所有", "相关阅读", "首页", "document.write", "font-family"):
        assert chrome not in source.text


@pytest.mark.parametrize("name", REPORTS)
def test_the_text_is_the_pipe_layout(name: str) -> None:
    """Line for line the text version, padding of the pipe rows aside: covered positions are not written, rows are
    padded at the end to the grid's width (what the parser reads best: see test_full_grid_misleads_the_parser)."""

    def squeeze(text: str) -> list[str]:
        return [re.sub(r"[ |]*$", "", re.sub(r" *\| *", "|", line)) for line in text.split("\n")]

    assert squeeze(from_html(page(report(name))).text) == squeeze(report(name).rstrip("\n"))


def test_full_grid_misleads_the_parser() -> None:
    """Why covered positions are not written as empty cells: the empty positions a row label spans are read as blank
    values (measured; the shape the corpus and the extractor use parses cleanly)."""
    text = report("v2021_pipe.txt")
    grid = text.replace("一、本年新收政府信息公开申请数量 | 249 |", "一、本年新收政府信息公开申请数量 |  |  | 249 |")
    assert cells_of(grid) != cells_of(text)


@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_mutations_give_the_same_diagnostics_located_in_the_page(name: str, mutation: str) -> None:
    old, new = MUTATIONS[mutation]
    text = report(name)
    if name == "v2019_pipe.txt":
        old, new = {
            "wrong-number": ("一、本年新收政府信息公开申请数量 | 304 |", "一、本年新收政府信息公开申请数量 | 305 |"),
            "blank-cell": ("2.重复申请 | 7 | 1", "2.重复申请 |  | 1"),
            "review-total": ("3 | 2 | 0 | 1 | 6 |", "3 | 2 | 0 | 1 | 7 |"),
        }[mutation]
    assert old in text
    mutated = text.replace(old, new)
    html_page = page(mutated)
    source = from_html(html_page)
    expected = codes(mutated)
    assert expected and codes(source) == expected
    assert cells_of(source) == cells_of(mutated)
    page_lines = html_page.splitlines()
    for d in lint(source):
        where = source.position(d.span.start)
        at = page_lines[where.line - 1][where.column - 1 :]
        shown = source.slice(d.span).strip(" |\n")
        first = re.split(r"[ |\n]", shown)[0] if shown else ""
        assert at.startswith(first) if first else at.startswith("<"), (d.code, where, shown, at[:40])
        end = source.end_position(d.span)
        assert (end.line, end.column) >= (where.line, where.column)


def test_a_blank_cell_points_between_its_tags() -> None:
    text = report("v2021_pipe.txt").replace("2.重复申请 | 8 | 0", "2.重复申请 |  | 0")
    html_page = page(text)
    source = from_html(html_page)
    (blank,) = [d for d in lint(source) if d.code == "T201"]
    assert source.origin is not None and source.origin.offsets is not None
    offset = source.origin.offsets[blank.span.start]
    assert html_page[offset:].startswith("<td></td>")
    assert html_page[:offset].endswith("2.重复申请</td>")


def test_cli_lint_reports_page_positions(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from nianbao.cli import main

    text = report("v2021_pipe.txt").replace("2.重复申请 | 8 | 0", "2.重复申请 |  | 0")
    path = tmp_path / "report.html"
    path.write_text(page(text), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--format", "concise", str(path)])
    line = next(line for line in result.stdout.splitlines() if "T201" in line)
    position = re.search(r"report\.html:(\d+):(\d+)", line)
    assert position is not None
    row, col = int(position.group(1)), int(position.group(2))
    assert page(text).splitlines()[row - 1][col - 1 :].startswith("<td")


# --- Encodings ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "declaration", ['<meta charset="{}">', '<meta http-equiv="Content-Type" content="text/html; charset={}">']
)
@pytest.mark.parametrize("name", REPORTS)
def test_a_gbk_page_gives_the_same_result(name: str, declaration: str) -> None:
    text = report(name)
    utf8 = page(text)
    gbk_page = page(text, charset="gbk").replace('<meta charset="gbk">', declaration.format("gbk"))
    data = gbk_page.encode("gbk")
    assert charset_hint(data) == "gbk"
    source = decode(data, "x.html")
    assert source.encoding == "gb18030"
    assert source.text == from_html(utf8).text
    assert cells_of(source) == cells_of(text) and codes(source) == []
    mutated = text.replace("2.重复申请 | 8 | 0", "2.重复申请 |  | 0").replace("2.重复申请 | 7 | 1", "2.重复申请 |  | 1")
    assert codes(decode(page(mutated, charset="gbk").encode("gbk"), "x.html")) == codes(mutated)


def test_charset_hints() -> None:
    assert charset_hint(b'<html><head><meta charset="GB2312"></head>') == "gb2312"
    assert charset_hint(b"<meta http-equiv=Content-Type content='text/html;charset=big5'>") == "big5"
    assert charset_hint(b'<?xml version="1.0" encoding="GBK"?><html>') == "gbk"
    assert charset_hint(b'<!-- <meta charset="big5"> --><meta charset="utf-8">') == "utf-8"
    assert charset_hint(b"<html><p>charset=gbk</p>") is None
    assert charset_hint(b"x" * 9000 + b'<meta charset="gbk">') is None  # past the first 8 kB


def test_the_users_encoding_wins_over_the_page() -> None:
    data = page(report("v2021_pipe.txt"), charset="big5").encode("utf-8")
    assert decode(data, "x.html", Options(encoding="utf-8")).encoding == "utf-8"


# --- Markup -----------------------------------------------------------------------------------------------------


def text_of(markup: str, max_depth: int = Options.max_depth) -> str:
    return extract(markup.encode("utf-8"), "x.html", Options(encoding="utf-8", max_depth=max_depth)).text


def test_entities_map_to_their_ampersand() -> None:
    markup = "<p>A&lt;B&gt;&amp;C&nbsp;D&#x4e00;&#19968;&copy E&ensp;F&bogus; &#0; &#x110000; &#128;</p>"
    source = extract(markup.encode(), "x.html", Options(encoding="utf-8"))
    assert source.text == "A<B>&C D一一© E\u2002F&bogus; \ufffd \ufffd €"
    assert source.origin is not None and source.origin.offsets is not None
    offsets = source.origin.offsets
    for i, ch in enumerate(source.text):
        assert markup[offsets[i]] in (ch, "&"), (i, ch)
    assert markup[offsets[source.text.index("一")] :].startswith("&#x4e00;")


def test_white_space_collapses_as_in_a_browser() -> None:
    assert text_of("<p>  政府\n   信息公开 \t and\n more  </p>") == "政府信息公开 and more"
    assert text_of("<p>a<span> b </span> c</p><p>\n</p><p>d</p>") == "a b c\nd"
    assert text_of("<p>\u3000\u3000一、总体情况</p>") == "\u3000\u3000一、总体情况"
    assert text_of("a<br>b<br><br><br>c") == "a\nb\n\nc"
    assert text_of("<pre>a\n  b\nc</pre>") == "a\nb\nc"
    assert text_of("<div>a<div>b</div>c</div>") == "a\nb\nc"
    assert text_of("<p>A<strong>一、</strong><font>总体</font><span>情况</span></p>") == "A一、总体情况"


def test_br_inside_a_label_cell_is_a_space() -> None:
    text = report("v2021_pipe.txt")
    source = from_html(page(text).replace("一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开<br>\n申请数量"))
    assert "一、本年新收政府信息公开 申请数量 | 249" in source.text
    assert cells_of(source) == cells_of(text) and codes(source) == []


def test_comments_cdata_and_processing_instructions_are_not_text() -> None:
    text = report("v2021_pipe.txt")
    source = from_html(
        page(text)
        .replace("<td>249</td>", "<td>2<!-- 旧值 250 -->49</td>", 1)
        .replace("<tr><td>规章", "<!-- <tr><td>已删除 | 9</td></tr> --><tr><td>规章", 1)
    )
    assert cells_of(source) == cells_of(text) and codes(source) == []
    # CDATA outside SVG/MathML is a bogus comment up to the first ">", as in a browser
    assert text_of("<p>a<![CDATA[b]]>c<?php echo 1 ?>d<!---->e<!-->f</p>") == "acdef"
    assert text_of("<p><![CDATA[x>y]]></p>") == "y]]>"
    assert text_of("<p>a</p><!-- never closed <p>b</p>") == "a"


def test_unclosed_paragraphs_cells_and_rows() -> None:
    text = report("v2019_pipe.txt")
    sloppy = re.sub(r"</(?:p|td|tr)>", "", page(text))
    assert "</td>" not in sloppy
    source = from_html(sloppy)
    assert cells_of(source) == cells_of(text) and codes(source) == []


def test_mis_nested_and_stray_tags() -> None:
    assert text_of("<p><b>一<i>二</b>三</i></p><p>四</p>") == "一二三\n四"
    assert text_of("<b><p>x</b>y</p>z") == "xy\nz"
    assert text_of("<div>a</span></td></tr></table></div>b") == "a\nb"
    assert text_of("</p>a</p>b") == "a\nb"
    assert text_of("<ul><li>one<li>two</ul>") == "one\ntwo"
    assert text_of("<table><tr><td>1<td>2<tr><td>3</table>") == "1 | 2 |\n3 | |"
    assert text_of("<table><tr><td>1</td>外<td>2</td></tr></table>") == "外\n1 | 2 |"  # shown before, as browsers do
    assert text_of("<tr><td>1</td><td>2</td></tr>") == "1 | 2 |"  # cells without a table stay cells


def test_a_page_without_html_or_body() -> None:
    text = report("v2021_pipe.txt")
    title, content = article(text)
    source = from_html(title + content, "fragment.htm")
    assert cells_of(source) == cells_of(text) and codes(source) == []
    assert load(("<p>" + "</p><p>".join(text.split("\n")[:3]) + "</p>").encode(), "y").origin is not None


def test_traditional_headings_in_table_cells_find_the_report() -> None:
    text = report("v2021_pipe.txt")
    trad = {"一、总体情况": "一、總體情況", "二、主动公开政府信息情况": "二、主動公開政府信息情況"}
    html_page = page(text)
    for simplified, traditional in trad.items():
        html_page = html_page.replace(f"<strong>{simplified}</strong>", f"<h2>{traditional}</h2>")
    source = from_html(html_page)
    assert "一、總體情況" in source.text and "发布时间" not in source.text
    assert cells_of(source) == cells_of(text)


def test_hidden_and_skipped_elements() -> None:
    markup = (
        "<p>a<span style='DISPLAY: none'>隐藏</span>b<span hidden>x</span>c"
        "<span style='mso-hide:all'>w</span><span style=\"visibility : hidden\">v</span></p>"
        "<script>s</script><style>p{}</style><noscript>n</noscript><template>t</template>"
        "<select><option>选项</option></select><textarea>ta</textarea><title>t</title><iframe>i</iframe>"
        "<svg><text>svg</text></svg><p>d<img alt='图'></p>"
    )
    assert text_of(markup) == "abc\nd\n[图片：图]"  # a picture is a line of its own


def test_a_hidden_report_is_still_read() -> None:
    """A report that a script reveals is hidden in the page as served; it is still the report."""
    text = report("v2021_pipe.txt")
    source = from_html(page(text, body=lambda b: f'<div style="display:none">{b}</div>'))
    assert cells_of(source) == cells_of(text)
    assert text_of('<div style="display:none"><p>only hidden text</p></div>') == "only hidden text"


def test_nested_layout_tables() -> None:
    """A table whose cells hold tables or page-sized content lays out the page: read as blocks, not as a row."""
    text = report("v2019_pipe.txt")
    nested = page(text, body=lambda b: f"<table><tr><td><table><tr><td>{b}</td></tr></table></td></tr></table>")
    source = from_html(nested)
    assert cells_of(source) == cells_of(text) and codes(source) == []
    long_cell = "<table><tr><td>侧栏</td><td>" + "<p>段落文字。</p>" * 10 + "</td></tr></table>"
    assert text_of(long_cell).split("\n")[:3] == ["侧栏", "段落文字。", "段落文字。"]
    assert text_of("<table><tr><td><p>商业</p><p>企业</p></td><td>2</td></tr></table>") == "商业 企业 | 2 |"


def test_spans_and_padding() -> None:
    grid = (
        "<table><tr><td rowspan=2 colspan=2>A</td><td colspan=2>B</td></tr>"
        "<tr><td>c</td><td>d</td></tr><tr><td>e</td><td colspan=0>f</td><td rowspan=99>g</td></tr>"
        "<tr><td>&nbsp;</td><td>h|i</td></tr></table>"
    )
    assert text_of(grid) == "A | B | | |\nc | d | | |\ne | f | g | |\n| h¦i | | |"


def test_pipe_inside_a_cell_does_not_split_it() -> None:
    source = extract(b"<table><tr><td>a|b</td></tr></table>", "x.html", Options(encoding="utf-8"))
    assert source.text == "a¦b |"


def _word_export(body: str) -> str:
    """The body as Word's "save as web page" writes it: MsoNormal paragraphs of spans, a <p> in every cell,
    &nbsp; indents, <o:p>, conditional comments around list numbers."""

    def cell(m: re.Match[str]) -> str:
        return (
            f"<td{m.group(1)} width=57 style='border:solid windowtext 1.0pt;padding:0cm 5.4pt'>"
            "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US "
            f"style='font-size:10.0pt;font-family:\"仿宋_GB2312\"'>{m.group(2)}<o:p></o:p></span></p></td>"
        )

    def paragraph(m: re.Match[str]) -> str:
        return (
            "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span "
            f"style='font-size:16.0pt;font-family:仿宋_GB2312'>&nbsp;&nbsp;&nbsp;&nbsp;{m.group(1)[:5]}</span><span\n"
            f"style='font-size:16.0pt'>{m.group(1)[5:]}<o:p></o:p></span></p>"
        )

    body = re.sub(r"<td([^>]*)>([^<]*)</td>", cell, body)
    body = re.sub(r"<p>([^<]*)</p>", paragraph, body)
    body = body.replace("<strong>", "<![if !supportLists]><b><span style='mso-list:Ignore'>")
    body = body.replace("</strong>", "</span></b><![endif]>")
    return (
        f"<div class=WordSection1 style='layout-grid:15.6pt'>\n{body}\n<p class=MsoNormal><o:p>&nbsp;</o:p></p></div>"
    )


@pytest.mark.parametrize("name", REPORTS)
def test_a_word_export(name: str) -> None:
    text = report(name)
    source = from_html(page(text, body=_word_export))
    assert cells_of(source) == cells_of(text) and codes(source) == []


def test_the_report_is_the_element_with_every_heading() -> None:
    """A sidebar listing the headings does not win over the article; a title inside the article is not doubled;
    a signature set apart after the article is part of the report."""
    text = report("v2021_pipe.txt")
    toc = "".join(
        f"<li><a href='#s{i}'>{h}</a></li>" for i, h in enumerate(re.findall(r"(?m)^[一二三四五六]、.*$", text))
    )
    with_toc = page(text).replace('<ul><li><a href="/a">通知公告</a></li>', f"<ul>{toc}<li>")
    source = from_html(with_toc)
    assert source.text.startswith("白水县应急管理局\n2021年") and source.text.count("一、总体情况") == 1
    assert codes(source) == []
    title, _ = article(text)
    inside = (
        page(text)
        .replace('<div class="title">' + title + "</div>", "")
        .replace('<div id="zoom" class="content">', '<div id="zoom" class="content">' + title)
    )
    assert from_html(inside).text == from_html(page(text)).text
    signed = (
        page(text)
        .replace("<p>白水县应急管理局</p>\n<p>2022年1月18日</p>", "")
        .replace(
            '<div class="share">',
            '<div style="text-align:right"><p>白水县应急管理局</p><p>2022年1月18日</p></div>\n<div class="share">',
        )
    )
    assert signed != page(text)
    assert from_html(signed).text == from_html(page(text)).text


def test_inserted_characters_map_to_the_tags_that_caused_them() -> None:
    markup = "<p>a</p><p>b<br>c</p><table><tr><td>1</td><td></td></tr><tr><td>2</td></tr></table>"
    source = extract(markup.encode(), "x.html", Options(encoding="utf-8"))
    assert source.text == "a\nb\nc\n1 |  |\n2 | |"
    assert source.origin is not None and source.origin.offsets is not None
    at = {i: markup[o:] for i, o in enumerate(source.origin.offsets)}
    assert at[1].startswith("</p>")  # the line break of a paragraph: its end tag
    assert at[3].startswith("<br>")
    assert at[5].startswith("</p><table>")  # the end of the paragraph before the table
    assert at[7].startswith("</td>") and at[8].startswith("</td>")  # " |" after a cell: where its content ends
    assert at[9].startswith("<td></td>")  # the space before a cell: its start tag
    assert at[10].startswith("</td></tr>") and at[11].startswith("</td></tr>")  # an empty cell: its content
    assert at[12].startswith("</tr><tr>")  # the end of a row: its end tag
    assert at[len(source.text) - 1].startswith("</tr></table>")  # padding: the end of its row


def test_a_page_with_only_chrome_keeps_its_text() -> None:
    chrome_only = page(report("v2021_pipe.txt")).split('<div id="zoom"')[0] + "</td></tr></table></body></html>"
    source = from_html(chrome_only)
    assert "发布时间" in source.text and "当前位置" in source.text  # not cut: no telling element holds them
    assert "互动交流" not in source.text  # the navigation list is cut
    assert [d.code for d in lint(source)] == ["S001"]  # not a report: the linter says so


def test_only_chrome_elements_are_cut_around_a_report_without_headings() -> None:
    markup = "<nav>首页 政务公开</nav><div><p>正文第一段</p><footer>版权所有</footer></div><div class='footer'>x</div>"
    assert text_of(markup) == "正文第一段"
    assert text_of("<nav>首页</nav><footer>版权所有</footer>") == "首页\n版权所有"


def test_a_text_report_named_html_is_read_as_text() -> None:
    """No markup at all: the lines are the author's, not a paragraph a browser would run together."""
    text = report("v2019_pipe.txt")
    source = load(text.encode("utf-8"), "report.html")
    assert source.text == text and source.origin is None
    assert cells_of(source) == cells_of(text)


def test_empty_pages() -> None:
    for empty in (b"", b"   \n", b"<html><head><title>t</title></head><body></body></html>", b"<!-- x -->"):
        source = load(empty, "empty.html")
        assert source.text == "" and source.origin is not None and source.origin.offsets is not None
        assert list(source.origin.offsets) == [0]


def test_a_frameset_page_names_its_frames() -> None:
    frames = b'<html><frameset cols="20%,80%"><frame src="nav.htm"><frame src="report.htm"></frameset></html>'
    with pytest.raises(InputError, match=r"report\.htm"):
        load(frames, "index.html")


def test_binary_named_html_is_an_input_error() -> None:
    blob = bytes(range(256)) * 64
    with pytest.raises(InputError):
        load(blob, "photo.html")
    with pytest.raises(InputError):
        load(b"\x89PNG\r\n\x1a\n" + bytes(1000), "x.html")


def test_nesting_beyond_the_limit_is_flattened() -> None:
    """Past ``max_depth`` elements are not opened; their text stays, in order, and blocks still end lines."""
    text = report("v2021_pipe.txt")
    title, content = article(text)
    deep = "<div>" * 60_000 + title + content + "</div>" * 60_000  # within the limit on tags
    started = time.process_time()
    source = from_html(deep)
    assert time.process_time() - started < 30
    assert "一、总体情况" in source.text and "白水县应急管理局" in source.text
    shallow = text_of("<div><div><div><p>a</p><div><p>b</p>c</div></div></div></div>", max_depth=3)
    assert shallow == "a\nb\nc"
    flat = text_of("<span>" * 50 + "x" + "</span>" * 50 + "<p>y</p>", max_depth=4)
    assert flat == "x\ny"


@pytest.mark.slow
def test_pathological_pages_take_linear_time() -> None:
    """4× the page takes about 4× the time (16× if quadratic); measured in process CPU time, as ratios."""

    def cpu(markup: str) -> float:
        # The collector is kept out: a collection pass costs in proportion to the whole suite's
        # heap, not to this page, and made the ratio depend on which tests ran before.
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            text_of("<p>" + markup)  # markup first: a page without any is read as text
            return time.process_time() - started
        finally:
            gc.enable()

    units = ("<!--", "&#", "&", "<", "<a ", "</", "</p>", "<td>1", "<p>x", "<b>x", "<li>")
    for unit in (*units, "<tr><td rowspan=0 colspan=99>1"):
        small = min(cpu(unit * 5_000) for _ in range(2))
        large = min(cpu(unit * 20_000) for _ in range(2))
        assert large / max(small, 0.002) < 10, (unit, small, large)
    assert cpu('<p title="' + "x" * 2_000_000 + '">a</p>') < 2


# --- Never a crash --------------------------------------------------------------------------------------------

_SMALL = page(report("v2021_pipe.txt"))
_TAG = re.compile(r"<[^>]*>")
_JUNK = ["<", ">", "&", "&#", "&#x", "<!--", "-->", "</td>", "<td colspan=0>", "<tr>", "<table>", "</table>", '"', "'",
         "<p>", "</p>", "<br>", "<script>", "<![CDATA[", "<?", "\x00", "\r", "&nbsp", "<td rowspan=99999>"]  # fmt: skip


@st.composite
def mutated_pages(draw: st.DrawFn) -> str:
    text = _SMALL
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["cut", "duplicate", "delete-tag", "insert"]))
        at = draw(st.integers(0, len(text)))
        if kind == "cut":
            text = text[:at] if draw(st.booleans()) else text[at:]
        elif kind == "duplicate":
            size = draw(st.integers(1, 400))
            text = text[:at] + text[at : at + size] + text[at:]
        elif kind == "delete-tag":
            tags = list(_TAG.finditer(text))
            if tags:
                tag = tags[draw(st.integers(0, len(tags) - 1))]
                text = text[: tag.start()] + text[tag.end() :]
        else:
            text = text[:at] + draw(st.sampled_from(_JUNK)) + text[at:]
    return text


@settings(derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_pages())
def test_mutated_pages_never_crash_and_map_inside_the_page(markup: str) -> None:
    try:
        source = load(markup.encode("utf-8"), "mutated.html")
    except InputError:
        return
    if source.origin is None:  # no markup left: read as text
        assert source.text == markup
        return
    assert source.origin.original is not None
    original, offsets = source.origin.original, source.origin.offsets
    assert offsets is not None and len(offsets) == len(source.text) + 1
    assert all(0 <= o <= len(original) for o in offsets)
    for i, ch in enumerate(source.text):
        if ch not in " |\n¦\ufffd":  # characters from the page are the page's, or an entity's
            # … or, for a picture's line "[图片：…]", its <img> tag's
            picture = original[offsets[i] : offsets[i] + 4].lower() == "<img"
            assert original[offsets[i]] in (ch, "&") or picture, (i, ch, original[offsets[i] - 5 : offsets[i] + 5])
    at = 0
    for line in source.text.split("\n"):  # within a line, text goes forward through the page
        line_offsets = [offsets[at + k] for k, ch in enumerate(line) if ch not in " |"]
        assert line_offsets == sorted(line_offsets)
        at += len(line) + 1
    lint(parse(source))  # and the rest of the pipeline takes it


@settings(derandomize=True, max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_are_a_source_or_an_input_error(data: bytes) -> None:
    try:
        source = extract(data, "x.html", Options())
    except InputError:
        return
    if source.origin is not None:
        assert len(source.origin.offsets or ()) == len(source.text) + 1


def test_too_many_tags_is_refused_before_memory_is_spent() -> None:
    from nianbao.inputs import Options
    from nianbao.inputs.html import extract

    page = b"<table>" + b"<tr><td>1</td></tr>" * 60_000 + b"</table>"
    with pytest.raises(InputError, match="tags"):
        extract(page, "x.html", Options(max_tags=200_000))
    assert extract(page, "x.html", Options(max_tags=250_000)).text.count("1") == 60_000


def _table_as_image(n: int, img: str) -> Callable[[str], str]:
    def body(content: str) -> str:
        tables = re.findall(r'<table border="1".*?</table>', content, flags=re.S)
        return content.replace(tables[n], f'<p style="text-align:center">{img}</p>')

    return body


def test_a_table_published_as_a_picture() -> None:
    """Table 三 as an <img>: the picture is a line "[图片：alt]" of the text, and T101 says the table
    is a picture (a warning, at the tag in the page source) instead of missing; nothing else."""
    img = '<img src="/upload/2022/t3.png" alt="表三 收到和处理申请情况" width="600">'
    html = page(report("v2021_pipe.txt"), body=_table_as_image(1, img))
    src = from_html(html)
    assert "[图片：表三 收到和处理申请情况]" in src.text
    diags = [d for d in lint(src) if d.code != "X101"]
    assert [(d.code, d.severity) for d in diags] == [("T101", "warning")]
    assert "第三部分的统计表是图片" in diags[0].message
    pos = src.position(diags[0].span.start)
    line = html.split("\n")[pos.line - 1]
    assert line[pos.column - 1 :].startswith("<img")


def test_icons_are_not_pictures_of_the_report() -> None:
    """A small image (declared ≤ 48 px) is decoration: no line of its own, no finding."""
    icon = '<img src="/images/dot.gif" width="16" height="16">'
    html = page(report("v2021_pipe.txt"), body=lambda b: b.replace("<p>", f"<p>{icon}", 3))
    src = from_html(html)
    assert "[图片" not in src.text
    assert [d.code for d in lint(src) if d.code != "X101"] == []


def test_a_picture_line_in_crawled_text() -> None:
    """Crawlers that keep a "[图片]" line for an image: the same T101 warning in plain text."""
    text = report("v2021_pipe.txt")
    start = text.index("行政复议 | 行政诉讼")
    end = text.index("五、存在的主要问题")
    diags = lint(text[:start] + "[图片]\n" + text[end:])
    assert [(d.code, d.severity, d.section) for d in diags] == [("T101", "warning", 4)]


def test_elements_hidden_by_the_style_sheet() -> None:
    """A class or id that the page's <style> hides (display:none, visibility:hidden) hides its
    elements as an inline style would; a rule inside @media print hides nothing on screen."""
    text = report("v2021_pipe.txt")
    decoy = '<div class="hide">一、总体情况 二、主动公开政府信息情况 这是隐藏的文字</div><p id="wm">水印</p>'
    html = page(text, body=lambda b: decoy + b.replace("<p>本报告", '<p><span class="x hide">隐</span>本报告'))
    sheet = ".hide { display : none } /* .content { display:none } */ p#wm{visibility:hidden} "
    sheet += "@media print{.y{display:none}}"
    html = html.replace('body { font-family: "宋体"; }', 'body { font-family: "宋体"; } ' + sheet)
    src = from_html(html)
    assert "隐藏的文字" not in src.text and "水印" not in src.text and "隐本报告" not in src.text
    assert cells_of(src) == cells_of(text)
    assert [d.code for d in lint(src) if d.code != "X101"] == []
    printed = html.replace("p#wm{visibility:hidden}", "@media print{p#wm{visibility:hidden}}")
    assert "水印" in from_html(printed).text


def test_the_title_element_titles_a_body_without_one() -> None:
    """A page whose article starts with the introduction: its <title> names the report (S104 would say the
    title is missing); the title line points into the element."""
    body = report("v2021_pipe.txt").split("\n", 2)[2]  # without the organ and title lines
    title = "白水县应急管理局2021年政府信息公开工作年度报告"
    html = (
        f"<html><head><title>{title}_白水县人民政府网</title></head><body><div>"
        + "".join(f"<p>{line}</p>" for line in body.split("\n") if line and "|" not in line)
        + "</div></body></html>"
    )
    source = from_html(html)
    assert source.text.split("\n")[0] == title
    at = source.position(0)
    assert (at.line, at.column) == (1, html.index(title) + 1)
    assert not any(d.code == "S104" for d in lint(source))
    assert parse(source).meta.agency == "白水县应急管理局"
