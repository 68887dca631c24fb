"""`nianbao report`: the HTML file as a file — self-contained, escaped, every finding in it once, the
arithmetic and the links right. What it does in a browser is tests/test_html_browser.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CONFORMING, ROOT, SEEDS, seed

from nianbao.cli import main
from nianbao.diagnostics import Located
from nianbao.load import read_path
from nianbao.render import report
from nianbao.render.report.marks import offset_at
from nianbao.runner import Linted, RunConfig, lint_many

EXAMPLES = ROOT / "examples"


@dataclass
class El:
    tag: str
    attrs: dict[str, str]
    children: list[El | str] = field(default_factory=list)
    parent: El | None = None

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self) -> Iterator[El]:
        yield self
        for c in self.children:
            if isinstance(c, El):
                yield from c.walk()

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


VOID = {"meta", "input", "br", "img", "link", "hr", "rect", "path"}


class _Tree(HTMLParser):
    """The page's elements as a tree (the report writes well-formed HTML: every element closed)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = El("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = El(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(El(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def dom(html: str) -> El:
    t = _Tree()
    t.feed(html)
    t.close()
    assert len(t.stack) == 1, f"unclosed: {[e.tag for e in t.stack]}"
    return t.root


def lint(paths: list[str]) -> list[Linted]:
    return lint_many(paths, RunConfig(isolated=True), 1)


@pytest.fixture(scope="module")
def seeds_html() -> tuple[list[Linted], str]:
    linted = lint([*sorted(map(str, SEEDS.glob("*.txt"))), *sorted(map(str, EXAMPLES.glob("*.txt")))])
    return linted, report.build(linted, jobs=1)


def by_path(linted: list[Linted]) -> dict[str, int]:
    """The index of each report in the file: the order of `nianbao summary` (by path)."""
    return {p: i for i, p in enumerate(sorted(x.result.path for x in linted))}


# --------------------------------------------------------------------------- self-contained


def test_the_page_loads_nothing_and_runs_only_its_own_script(seeds_html: tuple[list[Linted], str]) -> None:
    _, html = seeds_html
    root = dom(html)
    els = list(root.walk())
    # nothing that would be fetched: no src, no stylesheet link, no link out of the page
    assert not [e for e in els if "src" in e.attrs or e.tag in ("link", "img", "iframe", "object", "embed")]
    assert all(e.attrs["href"].startswith("#") for e in els if e.tag == "a" and "href" in e.attrs)
    assert not [e for e in els if any(k.startswith("on") for k in e.attrs)]  # no inline handler
    assert not [e for e in els if "style" in e.attrs]  # the policy allows the style sheet only
    scripts = [e for e in els if e.tag == "script"]
    # one line in the head (hide the reports' pages before the first layout), the data, the script
    assert [s.attrs.get("type") for s in scripts] == [None, "application/json", None]
    # the policy allows exactly the inline style and script, by hash, and nothing from anywhere
    policy = next(e.attrs["content"] for e in els if e.attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    style = next(e for e in els if e.tag == "style")
    assert f"style-src {sha(style.text())}" in policy
    assert f"script-src {sha(scripts[0].text())} {sha(scripts[2].text())};" in policy
    # (a report's text may well name a web site: as text)
    for asset in (style.text(), scripts[0].text(), scripts[2].text()):
        assert not re.search(r"https?:|@import|url\(|fetch\(|XMLHttpRequest|\.src\b", asset)
    assert not [v for e in els for v in e.attrs.values() if re.search(r"^\s*(https?|javascript|data):", v)]


def test_the_data_for_the_script_is_the_summary(seeds_html: tuple[list[Linted], str]) -> None:
    linted, html = seeds_html
    root = dom(html)
    data = json.loads(next(e for e in root.walk() if e.attrs.get("id") == "nianbao-data").text())
    index = by_path(linted)
    assert [r["path"] for r in data["reports"]] == sorted(index)
    for x in linted:
        r = data["reports"][index[x.result.path]]
        ds = x.result.diagnostics
        assert r["errors"] == sum(d.severity == "error" for d in ds)
        assert r["warnings"] == sum(d.severity == "warning" for d in ds)
        assert sum(n for per in r["codes"].values() for n in per.values()) == len(ds)


# --------------------------------------------------------------------------- every finding, once, where it is


def test_every_finding_has_one_note_and_one_anchor_where_its_span_begins(seeds_html: tuple[list[Linted], str]) -> None:
    linted, html = seeds_html
    root = dom(html)
    ids: dict[str, El] = {}
    for e in root.walk():
        if "id" in e.attrs:
            assert e.attrs["id"] not in ids, f"id {e.attrs['id']} twice"
            ids[e.attrs["id"]] = e
    index = by_path(linted)
    for x in linted:
        i, source = index[x.result.path], x.result.source
        assert source is not None
        for k, d in enumerate(x.result.diagnostics):
            note = ids[f"r{i}f{k}"]
            assert note.attrs["data-code"] == d.code and d.message in note.text()
            loc = Located.of(d, source)
            assert f"{loc.line}:{loc.column}" in note.text()
            anchor = ids[f"r{i}m{k}"]  # where the span begins: the anchor stands in the line of the span's start
            line = anchor.parent
            while line is not None and "l" not in line.classes():
                line = line.parent
            assert line is not None and line.attrs["id"] == f"r{i}l{source.lines.line_of(d.span.start) + 1}"
            gutter = next(c for c in line.children if isinstance(c, El) and "g" in c.classes())
            assert gutter.text() == str(source.position(source.lines.starts[source.lines.line_of(d.span.start)]).line)


def test_a_sum_that_does_not_add_up_shows_its_arithmetic(seeds_html: tuple[list[Linted], str]) -> None:
    linted, html = seeds_html
    root = dom(html)
    i = by_path(linted)[str(seed("001"))]
    notes = [e for e in root.walk() if e.attrs.get("id", "").startswith(f"r{i}f") and "note" in e.classes()]
    arith = {
        (n.attrs["data-code"], next(c for c in n.walk() if "arith" in c.classes()).text())
        for n in notes
        if any("arith" in c.classes() for c in n.walk())
    }
    # README and the issue: row 一、本年新收 says 49 where its six columns add up to 98
    assert ("A102", "49 ≠ 49+42+3+0+0+4 = 98") in arith
    # the message: 第一项+第二项＝49+5＝54，第三项+第四项＝46+0＝46 (自然人 column)
    assert ("A101", "49+5 = 54 ≠ 46+0 = 46") in arith
    # and the cell of that total is highlighted in the grid, as an error, its note beside its row
    hot = [e for e in root.walk() if {"hot", "se"} <= e.classes() and e.attrs["id"].startswith(f"r{i}c")]
    assert "49" in {e.text() for e in hot}
    page = next(e for e in root.walk() if e.attrs.get("id") == f"r{i}")
    row = next(
        e
        for e in page.walk()
        if e.tag == "tr" and any(c.text() == "一、本年新收政府信息公开申请数量" for c in e.walk())
    )
    assert any("A102" in c.text() for c in row.walk() if "note" in c.classes())


def test_set_aside_text_is_shown_greyed(seeds_html: tuple[list[Linted], str]) -> None:
    linted, html = seeds_html
    root = dom(html)
    i = by_path(linted)[str(seed("001"))]
    section = next(e for e in root.walk() if e.attrs.get("id") == f"r{i}")
    greyed = "".join(
        e.text() for e in section.walk() if "aside" in e.classes() and e.tag == "span" and "title" in e.attrs
    )
    assert "(fā)" in greyed  # a pinyin annotation (X102)
    assert "發(fā)布時間" in greyed.replace("(fā)", "(fā)")  # the page's date line is chrome (X101)
    # and nothing was dropped: the text of the lines is the report's text
    text = "\n".join(
        e.text()
        for e in section.walk()
        if e.tag == "span" and "t" in e.classes() and e.parent and "l" in e.parent.classes()
    )
    source = read_path(str(seed("001")))
    assert text == "\n".join(source.line_text(n) for n in range(1, len(source.lines) + 1))


def test_cross_year_findings_link_both_ways(seeds_html: tuple[list[Linted], str]) -> None:
    linted, html = seeds_html
    root = dom(html)
    ids = {e.attrs["id"]: e for e in root.walk() if "id" in e.attrs}
    index = by_path(linted)
    later = next(x for x in linted if x.result.path.endswith("baishui-2022.txt"))
    i, j = index[later.result.path], index[str(EXAMPLES / "baishui-2021.txt")]
    checked = 0
    for k, d in enumerate(later.result.diagnostics):
        if not d.elsewhere:
            continue
        note = ids[f"r{i}f{k}"]
        links = [
            a.attrs["href"][1:] for a in note.walk() if a.tag == "a" and a.attrs.get("href", "").startswith(f"#r{j}")
        ]
        assert links, f"{d.code} does not link to the 2021 report"
        for target in links:
            assert target in ids  # the place in last year's report …
            n = target.split("y")[1]
            back = ids[f"r{j}z{n}"]  # … whose note links back to this finding
            assert any(a.attrs.get("href") == f"#r{i}f{k}" for a in back.walk() if a.tag == "a")
            checked += 1
    assert checked >= 3  # C101, C102 and the two C201 of README's example


def test_offsets_of_positions_round_trip_in_extracted_text() -> None:
    """An Elsewhere gives line:column of the file (of the page source, for a web page); `offset_at` finds
    the character again in the extracted text."""
    from test_html import page

    for text_path in (CONFORMING / "v2021_pipe.txt", CONFORMING / "v2019_pipe.txt"):
        from nianbao.load import decode

        source = decode(page(text_path.read_text("utf-8")).encode("utf-8"), "x.html")
        assert source.origin is not None and source.origin.offsets is not None
        for offset in range(0, len(source.text), 7):
            pos = source.position(offset)
            back = offset_at(source, pos.line, pos.column)
            assert source.position(back) == pos
    plain = read_path(str(seed("001")))
    for offset in range(0, len(plain.text), 11):
        pos = plain.position(offset)
        assert offset_at(plain, pos.line, pos.column) == offset


# --------------------------------------------------------------------------- hostile text


HOSTILE = [
    "<script>window.pwned = 1</script>",
    '"><img src=x onerror="window.pwned = 2">',
    "</script><script>window.pwned = 3</script>",
    "<!-- <svg onload=window.pwned=4>",
    "' onmouseover='window.pwned = 5",
    "&lt;b&gt;entity&lt;/b&gt; \u2028 \u2029",
]


def hostile_report(tmp_path: Path) -> Path:
    """A report whose every part carries markup: title (the organ), prose, a table cell, chrome, the name."""
    text = (CONFORMING / "v2021_pipe.txt").read_text("utf-8").split("\n")
    text[0] = '<b onclick="window.pwned=6">白水县</b><script>window.pwned=7</script>应急管理局'
    text.insert(3, "".join(HOSTILE))
    row = next(n for n, line in enumerate(text) if line.startswith("行政许可 |"))
    text[row] = "行政许可 | <img src=x onerror=window.pwned=8> |  |"
    text.insert(2, "发布时间：2022-01-18 <script>window.pwned=9</script> 浏览次数：")
    path = tmp_path / 'a"><script>window.pwned=10<\\script>.txt'
    path.write_text("\n".join(text), "utf-8")
    return path


def test_a_hostile_report_cannot_inject_markup(tmp_path: Path) -> None:
    path = hostile_report(tmp_path)
    linted = lint([str(path)])
    # whatever the organ's name or a message might say (meta and the rules quote the report's words)
    evil = HOSTILE[0] + HOSTILE[1]
    x = linted[0]
    assert x.result.diagnostics  # the chrome around the markup at least
    found = tuple(replace(d, message=d.message + evil, help=evil) for d in x.result.diagnostics)
    linted = [replace(x, agency=evil, result=replace(x.result, diagnostics=found))]
    html = report.build(linted, jobs=1)
    root = dom(html)
    els = list(root.walk())
    assert [e.tag for e in els if e.tag == "script"] == ["script"] * 3
    assert not [e for e in els if e.tag == "img"]
    assert not [e for e in els if any(k.startswith("on") for k in e.attrs)]
    assert not [e for e in els if e.tag == "b" and "onclick" in e.attrs]
    # the text is all there, as text
    shown = root.text()
    for piece in HOSTILE[:5]:
        assert piece in shown
    assert "<img src=x onerror=window.pwned=8>" in shown and str(path) in shown
    assert shown.count(evil) >= 2 + len(found)  # the page's header and the summary row, every note
    # the data block parses and holds the names as they were
    data = json.loads(next(e for e in els if e.attrs.get("id") == "nianbao-data").text())
    assert data["reports"][0]["path"] == str(path) and data["reports"][0]["organ"] == evil
    assert "</" not in next(e for e in els if e.attrs.get("id") == "nianbao-data").text()


# --------------------------------------------------------------------------- the command


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_the_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, stdout, _ = run("report", "--isolated", str(seed("001")), str(seed("003")), "-o", str(out))
    assert code == 1 and stdout == ""  # seed 001 has errors, as for lint and summary
    html = out.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "衡陽市人民政府辦公室" in html
    code, _, _ = run("report", "--isolated", str(seed("003")), "--exit-zero", "-o", str(out))
    assert code == 0
    # summary --format html is the same file
    code, same, _ = run("summary", "--isolated", str(seed("001")), str(seed("003")), "--format", "html")
    _, report_out, _ = run("report", "--isolated", str(seed("001")), str(seed("003")))
    assert same == report_out


def test_a_file_that_cannot_be_read_has_a_row_and_no_page(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    code, out, _ = run("report", "--isolated", str(seed("003")), str(missing))
    assert code == 2
    root = dom(out)
    rows = [e for e in root.walk() if e.tag == "tr" and "data-i" in e.attrs]
    unread = [r for r in rows if "unread" in r.classes()]
    assert len(rows) == 2 and len(unread) == 1 and str(missing) in unread[0].text()
    assert [e.attrs["id"] for e in root.walk() if "report" in e.classes() and e.tag == "section"] == ["r1"]


def test_english(tmp_path: Path) -> None:
    code, out, _ = run("report", "--isolated", "--lang", "en", str(seed("001")))
    dom(out)
    assert code == 1 and '<html lang="en">' in out
    assert "table 三 does not balance" in out and "勾稽关系不成立" not in out
    assert "Summary" in out and "总表" not in out


def test_a_report_that_is_no_report_is_shown_with_its_finding(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("关于召开会议的通知\n各单位：\n定于下周一开会。\n", "utf-8")
    _, out, _ = run("report", "--isolated", str(path))
    assert "S001" in out and "关于召开会议的通知" in out


def test_no_module_is_too_long() -> None:
    for p in (ROOT / "src" / "nianbao" / "render" / "report").iterdir():
        if p.suffix in (".py", ".js", ".css"):
            assert len(p.read_text("utf-8").splitlines()) <= 500, p.name


def test_the_assets_are_packaged() -> None:
    import importlib.resources

    files = {p.name for p in importlib.resources.files("nianbao.render.report").iterdir()}
    assert {"report.css", "report.js"} <= files


def test_markdown_marks_are_greyed_not_dropped(tmp_path: Path) -> None:
    """A report as an HTML-to-Markdown crawler writes it: headings marked ##, the title in **…**."""
    lines = (CONFORMING / "v2021_pipe.txt").read_text("utf-8").split("\n")
    lines[1] = f"**{lines[1]}**"
    headings = [n for n, line in enumerate(lines) if re.match("[一二三四五六]、", line) and "|" not in line]
    for n in headings:
        lines[n] = "## " + lines[n]
    path = tmp_path / "markdown.txt"
    path.write_text("\n".join(lines), "utf-8")
    root = dom(report.build(lint([str(path)]), jobs=1))
    greyed = [e.text() for e in root.walk() if {"aside", "markup"} <= e.classes() and "title" in e.attrs]
    assert greyed.count("## ") == len(headings) == 6 and greyed.count("**") == 2
    shown = root.text()
    assert all(lines[n] in shown for n in headings)  # greyed, not dropped
