"""Word inputs: .docx made here from the conforming pipe reports read like their text versions.

The documents are generated with python-docx: prose lines become paragraphs, each run of pipe
rows a table laid out as in the published template (table 二's block captions as rows merged
across, table 三's and 四's headers and row labels as real merged cells), with a header and a page
number footer that must not be read. The real blank template is read where it is (skipped when
shared/ is absent). Hostile and broken files must end in an `InputError`, never anything else.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
import zlib
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.api import lint, parse
from nianbao.diagnostics import Severity
from nianbao.inputs import InputError, Options, load
from nianbao.inputs import doc as doc_input
from nianbao.load import decode
from nianbao.source import Source

ROOT = Path(__file__).resolve().parent.parent
CONFORMING = ROOT / "corpus" / "conforming"
TEMPLATE = ROOT.parent / "shared" / "corpus-real" / "template_2021_blank.docx"
VERSIONS = ("v2021", "v2019")
# the heavier checks run for V2019 in the slow suite only (the same code reads both versions)
BOTH = ("v2021", pytest.param("v2019", marks=pytest.mark.slow))
HEADER_TEXT = "白水县应急管理局 第 1 页"  # page chrome: must not reach the text

_VALUE = re.compile(r"[增减+\-]?[0-9][0-9,.]*|")


# ---------------------------------------------------------------------- building documents

Rect = tuple[int, int, int, int, str]  # first row, first column, last row, last column, text


def _cells(line: str) -> list[str]:
    parts = [c.strip() for c in line.split("|")]
    return parts[:-1] if parts and parts[-1] == "" else parts


def _rects_simple(rows: list[list[str]], width: int) -> list[Rect]:
    """Table 二: the last filled cell of a row spans the rest (captions span the whole row)."""
    rects: list[Rect] = []
    for r, cells in enumerate(rows):
        filled = list(cells)
        while len(filled) > 1 and filled[-1] == "":
            filled.pop()
        for c, text in enumerate(filled):
            rects.append((r, c, r, width - 1 if c == len(filled) - 1 else c, text))
    return rects


def _rects_table3(rows: list[list[str]]) -> list[Rect]:
    """Table 三 as in the template: 3 label columns, 7 value columns, merged headers and labels."""
    h0, h1, h2 = rows[0], rows[1], rows[2]
    rects: list[Rect] = [(0, 0, 2, 2, h0[0]), (0, 3, 0, 9, h0[1])]
    rects += [(1, 3, 2, 3, h1[0]), (1, 4, 1, 8, h1[1]), (1, 9, 2, 9, h1[2])]
    rects += [(2, 4 + i, 2, 4 + i, h2[i]) for i in range(5)]
    body = rows[3:]
    labels = []
    for cells in body:
        n = next(i for i, c in enumerate(cells) if _VALUE.fullmatch(c))
        labels.append(cells[:n])
    for i, (cells, lab) in enumerate(zip(body, labels, strict=True)):
        r = i + 3
        values = cells[len(lab) : len(lab) + 7]
        rects += [(r, 3 + k, r, 3 + k, v) for k, v in enumerate(values)]
        for j, label in enumerate(lab):
            if label.startswith("三、"):
                last = i
                while last + 1 < len(body) and not labels[last + 1][0].startswith("四、"):
                    last += 1
                rects.append((r, 0, last + 3, 0, label))
            elif label.startswith("（") and j + 1 < len(lab):  # with numbered items: merged down over them
                last = i
                while last + 1 < len(body) and labels[last + 1][0][:1].isdigit():
                    last += 1
                rects.append((r, 1, last + 3, 1, label))
            elif label.startswith("（"):
                rects.append((r, 1, r, 2, label))
            elif label[:1].isdigit():
                rects.append((r, 2, r, 2, label))
            else:
                rects.append((r, 0, r, 2, label))
    return rects


def _rects_table4(rows: list[list[str]]) -> list[Rect]:
    h0, h1, h2, values = rows[0], rows[1], rows[2], rows[3]
    rects: list[Rect] = [(0, 0, 0, 4, h0[0]), (0, 5, 0, 14, h0[1])]
    rects += [(1, c, 2, c, h1[c]) for c in range(5)]
    rects += [(1, 5, 1, 9, h1[5]), (1, 10, 1, 14, h1[6])]
    rects += [(2, 5 + i, 2, 5 + i, h2[i]) for i in range(10)]
    rects += [(3, c, 3, c, values[c]) for c in range(15)]
    return rects


def _set_text(cell: Any, text: str, numbered: _Lists | None = None) -> None:
    """The cell's text, with the template's wrapping: 商业/企业 as two paragraphs, a long label
    broken by a soft line break — both must come back as one label. With ``numbered``, an item
    number (1.) is drawn by Word's list numbering instead of typed."""
    item = re.match(r"(\d)\.(?!\d)", text) if numbered is not None else None
    if item is not None and numbered is not None:
        text = text[item.end() :]
        numbered.number(cell.paragraphs[0], "item", int(item.group(1)))
    if text in ("商业企业", "科研机构"):
        cell.paragraphs[0].add_run(text[:2])
        cell.add_paragraph(text[2:])
    elif len(text) > 20 and not text.startswith("（本列"):
        run = cell.paragraphs[0].add_run(text[:10])
        run.add_break()
        cell.paragraphs[0].add_run(text[10:])
    else:
        cell.paragraphs[0].add_run(text)


class _Lists:
    """Word list numbering for the headings (一、 through a paragraph style, （一） directly) and
    the numbered items of table 三 (1., restarted for every group by a startOverride)."""

    HEADINGS, ITEMS = 90, 91

    def __init__(self, document: Any) -> None:
        self.numbering = document.part.numbering_part.element
        self.next_num = 200
        levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")]
        self._abstract(self.HEADINGS, levels)
        self._abstract(self.ITEMS, [("decimal", "%1.")])
        self.headings = self._num(self.HEADINGS)
        self.items = 0
        style = document.styles.add_style("报告标题", WD_STYLE_TYPE.PARAGRAPH)
        style.element.get_or_add_pPr().append(self._num_pr(self.headings, None))
        self.style = style

    def _abstract(self, ident: int, levels: list[tuple[str, str]]) -> None:
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(ident))
        for i, (fmt, text) in enumerate(levels):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(i))
            for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
                child = OxmlElement(tag)
                child.set(qn("w:val"), value)
                lvl.append(child)
            abstract.append(lvl)
        self.numbering.insert(0, abstract)

    def _num(self, abstract: int, restart: bool = False) -> int:
        self.next_num += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self.next_num))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(abstract))
        num.append(ref)
        if restart:
            override = OxmlElement("w:lvlOverride")
            override.set(qn("w:ilvl"), "0")
            start = OxmlElement("w:startOverride")
            start.set(qn("w:val"), "1")
            override.append(start)
            num.append(override)
        self.numbering.append(num)
        return self.next_num

    @staticmethod
    def _num_pr(num_id: int, ilvl: int | None) -> Any:
        num_pr = OxmlElement("w:numPr")
        if ilvl is not None:
            level = OxmlElement("w:ilvl")
            level.set(qn("w:val"), str(ilvl))
            num_pr.append(level)
        ident = OxmlElement("w:numId")
        ident.set(qn("w:val"), str(num_id))
        num_pr.append(ident)
        return num_pr

    def number(self, paragraph: Any, kind: str, n: int) -> None:
        if kind == "heading":
            paragraph.style = self.style
            return
        if kind == "sub":
            paragraph._p.get_or_add_pPr().append(self._num_pr(self.headings, 1))
            return
        if n == 1:
            self.items = self._num(self.ITEMS, restart=True)
        paragraph._p.get_or_add_pPr().append(self._num_pr(self.items, 0))


def _add_table(document: Any, lines: list[str], numbered: _Lists | None = None) -> None:
    rows = [_cells(line) for line in lines]
    first = rows[0][0]
    if first.startswith("（本列"):
        width, rects = 10, _rects_table3(rows)
    elif first == "行政复议":
        width, rects = 15, _rects_table4(rows)
    else:
        width = max(len(r) for r in rows)
        rects = _rects_simple(rows, width)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r0, c0, r1, c1, text in rects:
        cell = table.cell(r0, c0)
        if (r1, c1) != (r0, c0):
            cell = cell.merge(table.cell(r1, c1))
        if cell.paragraphs[0].text:
            cell.paragraphs[0].clear()
        _set_text(cell, text, numbered)


def _page_number_footer(document: Any) -> None:
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER_TEXT
    p = section.footer.paragraphs[0]
    p.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    field.append(run)
    p._p.append(field)
    p.add_run(" —")


def build_docx(text: str, numbered: bool = False) -> bytes:
    """A Word document with the report ``text`` in the pipe layout; ``numbered``: its section
    headings and numbered items drawn by Word's list numbering, not typed."""
    document = docx.Document()
    _page_number_footer(document)
    lists = _Lists(document) if numbered else None
    table: list[str] = []
    for line in text.splitlines():
        if "|" in line:
            table.append(line)
            continue
        if table:
            _add_table(document, table, lists)
            table = []
        heading = re.match(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）", line) if lists else None
        paragraph = document.add_paragraph(line[heading.end() :] if heading else line)
        if heading and lists:
            lists.number(paragraph, "sub" if line.startswith("（") else "heading", 0)
    if table:
        _add_table(document, table, lists)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@cache
def report_text(version: str) -> str:
    return (CONFORMING / f"{version}_pipe.txt").read_text(encoding="utf-8")


@cache
def report_docx(version: str) -> bytes:
    return build_docx(report_text(version))


def cell_map(source: Source | str) -> dict[Any, tuple[Any, ...]]:
    parsed = parse(source)
    return {c.key: (c.status, c.value, c.raw) for c in parsed.report.cells()}


def codes(source: Source | str) -> Counter[tuple[str, Severity]]:
    return Counter((d.code, d.severity) for d in lint(source))


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# Each mutation: one total changed, one cell blanked, one row label renamed.
MUTATIONS = {
    "v2021": [
        ("一、本年新收政府信息公开申请数量 | 249 | 0 | 0 | 0 | 5 | 0 | 254 |", "254 |", "264 |"),
        ("2.重复申请 | 8 | 0 | 0 | 0 | 0 | 0 | 8 |", "| 0 | 0 | 0 | 0 | 8 |", "|  | 0 | 0 | 0 | 8 |"),
        ("行政处罚 | 0 | ||", "行政处罚", "行政处分"),
    ],
    "v2019": [
        ("（七）总计 | 304 | 26 | 0 | 7 | 0 | 0 | 337 |", "337 |", "338 |"),
        ("二、上年结转政府信息公开申请数量 | 0 | 2 | 0 |", "| 2 | 0 |", "|  | 0 |"),
        ("3.要求提供公开出版物 | 4 |", "3.要求提供公开出版物", "3.要求提供出版物"),
    ],
}


def mutated(version: str) -> str:
    text = report_text(version)
    for line, old, new in MUTATIONS[version]:
        text = replace_once(text, line, replace_once(line, old, new))
    return text


def docx_table_cell(data: bytes, place_en: str) -> str:
    """The text of the cell a place like ``table 2, row 4, cell 3`` names, read with python-docx."""
    m = re.fullmatch(r"table (\d+), row (\d+), cell (\d+)", place_en)
    assert m, place_en
    t, r, c = (int(g) for g in m.groups())
    table: Table = docx.Document(io.BytesIO(data)).tables[t - 1]
    return table.cell(r - 1, c - 1).text.replace("\n", "")


def member_replaced(data: bytes, name: str, content: bytes | None) -> bytes:
    """``data`` (a zip) with member ``name`` replaced (or removed when ``content`` is None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info.filename, src.read(info))
        if content is not None:
            dst.writestr(name, content)
    return out.getvalue()


def minimal_docx(document: bytes) -> bytes:
    """The smallest package Word opens: content types, the package relationship, the document."""
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="word/document.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
    return out.getvalue()


def document_xml(body: str, prolog: str = "") -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    return f'{declaration}{prolog}<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'.encode()


# ---------------------------------------------------------------------- same cells, same diagnostics


@pytest.mark.parametrize("version", BOTH)
def test_cells_equal_the_text_version(version: str) -> None:
    source = decode(report_docx(version), "x.docx")
    assert source.origin is not None and source.origin.kind == "docx"
    assert HEADER_TEXT not in source.text and "—" not in source.text  # header and footer are page chrome
    text_cells = cell_map(parse(CONFORMING / f"{version}_pipe.txt").source)
    assert len(text_cells) > 100
    assert cell_map(source) == text_cells


@pytest.mark.parametrize("version", BOTH)
def test_list_numbering_is_rendered(version: str) -> None:
    """Headings numbered by a style's list (一、), by the paragraph's own (（一）, second level),
    and table 三's items (1.) numbered in cells and restarted per group read as typed."""
    data = build_docx(report_text(version), numbered=True)
    assert "<w:t>一、总体情况" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert ">1.属于国家秘密" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    source = decode(data, "x.docx")
    assert source.text.splitlines() == decode(report_docx(version), "x.docx").text.splitlines()
    assert cell_map(source) == cell_map(report_text(version))


@pytest.mark.parametrize("version", VERSIONS)
def test_text_has_the_pipe_shape(version: str) -> None:
    """Table rows come out as the pipe corpus writes them (same cells, up to spacing)."""
    source = decode(report_docx(version), "x.docx")
    got = [_cells(line) for line in source.text.splitlines() if "|" in line]
    want = [_cells(line) for line in report_text(version).splitlines() if "|" in line]
    assert got == want


@pytest.mark.parametrize("version", VERSIONS)
def test_conforming_docx_has_no_errors_or_warnings(version: str) -> None:
    source = decode(report_docx(version), "x.docx")
    serious = {k: n for k, n in codes(source).items() if k[1] in (Severity.ERROR, Severity.WARNING)}
    assert serious == {}
    assert codes(source) == codes(report_text(version))


@pytest.mark.parametrize("version", BOTH)
def test_mutations_give_the_same_codes(version: str) -> None:
    text = mutated(version)
    data = build_docx(text)
    source = decode(data, "x.docx")
    want = codes(text)
    assert {k for k in want if k[1] is Severity.ERROR}, "the mutations must make errors"
    assert codes(source) == want
    assert cell_map(source) == cell_map(text)


@pytest.mark.parametrize("version", BOTH)
def test_cell_diagnostics_point_at_the_word_cell(version: str) -> None:
    data = build_docx(mutated(version))
    source = decode(data, "x.docx")
    checked = 0
    for d in lint(source):
        if d.span is None or len(d.span) == 0:
            continue
        value = source.slice(d.span).strip()
        line = source.line_text(source.text_position(d.span.start).line)
        if "|" not in line or "|" in value:
            continue
        place = source.place(d.span.start)
        assert place is not None
        assert place.zh.startswith("第") and "个表格" in place.zh, place
        assert value in docx_table_cell(data, place.en), (d.code, value, place)
        checked += 1
    assert checked >= 2
    # the blanked cell: the T201 of its row names that very cell, empty in the Word table
    line, old, new = MUTATIONS[version][1]
    label = line.split(" |")[0]
    values = _cells(line.replace(old, new))[1:]
    column = 4 + values.index("")  # after three label columns, 1-based
    (blank,) = [d for d in lint(source) if d.code == "T201" and label in d.message]
    place = source.place(blank.span.start)
    assert place is not None
    table = docx.Document(io.BytesIO(data)).tables[1]
    row = next(r for r in range(len(table.rows)) if table.cell(r, 2).text.replace("\n", "") == label) + 1
    assert place.en == f"table 2, row {row}, cell {column}"
    assert docx_table_cell(data, place.en) == ""


def test_places_of_paragraphs_and_cells() -> None:
    data = report_docx("v2021")
    source = decode(data, "x.docx")
    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs  # body paragraphs only, empty ones included
    heading = source.text.index("四、政府信息公开行政复议")
    place = source.place(heading)
    assert place is not None
    n = int(re.fullmatch(r"第(\d+)段", place.zh).group(1))  # type: ignore[union-attr]
    assert place.en == f"paragraph {n}"
    assert paragraphs[n - 1].text == "四、政府信息公开行政复议、行政诉讼情况"
    # a value in table 三: 1552.86 is in table 1; 249 (自然人 of 一、本年新收) in table 2, row 4, grid column 4
    offset = source.text.index("| 249 |") + 1
    assert source.place(offset) is not None
    assert source.place(offset).en == "table 2, row 4, cell 4"  # type: ignore[union-attr]
    assert source.place(offset).zh == "第2个表格第4行第4格"  # type: ignore[union-attr]
    assert docx_table_cell(data, "table 2, row 4, cell 4") == "249"
    places = source.origin.places  # type: ignore[union-attr]
    assert [p.start for p in places] == sorted(p.start for p in places)


# ---------------------------------------------------------------------- the real template


@pytest.mark.skipif(not TEMPLATE.is_file(), reason="shared/corpus-real is not beside the checkout")
def test_real_blank_template() -> None:
    source = load(TEMPLATE.read_bytes(), str(TEMPLATE))
    parsed = parse(source)
    report = parsed.report
    assert str(report.version) == "V2021" or getattr(report.version, "name", "") == "V2021"
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"):
        assert heading in source.text
    for heading in ("四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert heading in source.text
    assert "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |" in source.text  # wrapped labels joined
    cells = list(report.cells())
    statuses = Counter(c.status.name for c in cells)
    assert statuses == {"BLANK": len(cells)}
    # table 二: 6 rows, 10 cells; table 三: 25 rows × 7; table 四: one row of 15
    assert len(cells) == 10 + 25 * 7 + 15
    found = codes(source)
    # every row of the three tables is blank: one T201 per row (6 + 25 + 1)
    assert found[("T201", Severity.ERROR)] == 32
    assert {k for k in found if k[1] is Severity.ERROR} == {("T201", Severity.ERROR)}
    # every T201 points at a cell of a table in the Word document
    for d in lint(source):
        if d.code == "T201":
            place = source.place(d.span.start)
            assert place is not None and "个表格" in place.zh


# ---------------------------------------------------------------------- hostile and broken files


def test_zip_bomb_is_refused_before_inflating() -> None:
    big = b" " * (101 * 1024 * 1024)  # compresses to ~100 kB
    data = member_replaced(report_docx("v2021"), "word/media/filler.bin", big)
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(InputError, match="zip bomb"):
        decode(data, "bomb.docx")


def test_total_size_limit_follows_options() -> None:
    data = report_docx("v2021")
    with pytest.raises(InputError, match="over the 0 MB limit"):
        load(data, "x.docx", Options(max_unpacked=1000))


def test_padding_bomb_is_bounded() -> None:
    """A cell spanning a huge grid must not make every row of a long table huge."""
    wide = '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999999"/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>'
    rows = "<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>" * 3000
    data = minimal_docx(document_xml(f"<w:tbl>{wide}{rows}</w:tbl>"))
    source = decode(data, "x.docx")
    assert max(len(line) for line in source.text.splitlines()) < 200  # padded to 64 grid columns at most
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        unpacked = sum(i.file_size for i in z.infolist())
    assert len(source.text) > unpacked
    with pytest.raises(InputError, match="extracted text"):
        load(data, "x.docx", Options(max_unpacked=unpacked))


def test_compression_ratio_bomb() -> None:
    data = member_replaced(report_docx("v2021"), "word/media/zeros.bin", b"\0" * (8 * 1024 * 1024))
    with pytest.raises(InputError, match="compression ratio"):
        decode(data, "x.docx")


def test_too_many_members() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for i in range(6000):
            z.writestr(f"word/m{i}.xml", b"")
    with pytest.raises(InputError, match="too many"):
        decode(out.getvalue(), "x.docx")


@pytest.mark.parametrize(
    ("members", "what"),
    [
        ({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}, "Excel"),
        ({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}, "PowerPoint"),
        ({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, "OpenDocument"),
        ({"a.txt": b"hello", "b/c.txt": b"world"}, "zip archive of 2 files"),
    ],
)
def test_non_word_zip(members: dict[str, bytes], what: str) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    with pytest.raises(InputError, match="not a Word document") as info:
        decode(out.getvalue(), "x.docx")
    assert what in info.value.message


@pytest.mark.parametrize("cut", [10, 100, 1000, -22, -100])
def test_corrupt_zip(cut: int) -> None:
    data = report_docx("v2021")
    with pytest.raises(InputError):
        decode(data[:cut], "x.docx")


def test_missing_part_and_broken_xml() -> None:
    data = report_docx("v2021")
    with pytest.raises(InputError, match="XML"):
        decode(member_replaced(data, "word/document.xml", b"<w:document"), "x.docx")
    with pytest.raises(InputError):
        decode(member_replaced(data, "word/styles.xml", None), "x.docx")


def test_entity_expansion_bomb_is_not_expanded() -> None:
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    xml = document_xml("<w:p><w:r><w:t>&a9;</w:t></w:r></w:p>", f"<!DOCTYPE w:document [{entities}]>")
    with pytest.raises(InputError):
        decode(member_replaced(report_docx("v2021"), "word/document.xml", xml), "x.docx")


def test_external_entity_is_not_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    for target in (secret.as_uri(), "file:///etc/passwd"):
        prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{target}">]>'
        xml = document_xml("<w:p><w:r><w:t>x&xxe;y</w:t></w:r></w:p>", prolog)
        # python-docx's own parser keeps the reference unresolved ...
        from docx.oxml.parser import parse_xml

        assert "TOP-SECRET" not in "".join(parse_xml(xml).itertext())
        assert "root:" not in "".join(parse_xml(xml).itertext())
        # ... and the reader refuses the DTD altogether.
        with pytest.raises(InputError, match="DTD") as info:
            decode(member_replaced(report_docx("v2021"), "word/document.xml", xml), "x.docx")
        assert "TOP-SECRET" not in str(info.value) and "root:" not in str(info.value)


def test_empty_document() -> None:
    buf = io.BytesIO()
    docx.Document().save(buf)
    source = decode(buf.getvalue(), "empty.docx")
    assert source.text.strip() == ""
    assert [d.code for d in lint(source)] == ["S001"]


def test_document_with_only_a_table() -> None:
    lines = [line for line in report_text("v2021").splitlines() if "|" in line][-4:]  # table 四
    document = docx.Document()
    _add_table(document, lines)
    # python-docx's blank document starts with no paragraph: the body is the table alone
    body = document.element.body
    assert [child.tag.split("}")[1] for child in body] == ["tbl", "sectPr"]
    buf = io.BytesIO()
    document.save(buf)
    source = decode(buf.getvalue(), "t.docx")
    assert [_cells(line) for line in source.text.splitlines()] == [_cells(line) for line in lines]
    assert source.place(0) is not None and source.place(0).en == "table 1, row 1, cell 1"  # type: ignore[union-attr]
    assert source.place(len(source.text) - 2).en == "table 1, row 4, cell 15"  # type: ignore[union-attr]


def test_content_controls_frames_and_nested_tables() -> None:
    """Paragraphs in a w:sdt keep their order; a one-cell-per-row frame is read as a body; a table
    nested in a real table's cell is flattened into that cell."""
    body = (
        "<w:p><w:r><w:t>标题</w:t></w:r></w:p>"
        "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>框内第一段</w:t></w:r></w:p><w:p><w:r><w:t>框内第二段</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"
        "</w:tbl></w:tc></w:tr></w:tbl>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc><w:tc>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr>"
        "</w:tbl><w:p/></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
        "<w:r><w:instrText>PAGE</w:instrText></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del></w:p>"
    )
    data = member_replaced(report_docx("v2021"), "word/document.xml", document_xml(body))
    source = decode(data, "x.docx")
    assert source.text.split("\n") == [
        "标题",
        "一、总体情况",
        "框内第一段",
        "框内第二段",
        "A | 1 |",
        "B | x y |",
        "a\tb",
        "c",
    ]
    place = source.place
    assert place(source.text.index("一、")).zh == "第2段"  # type: ignore[union-attr]
    assert place(source.text.index("框内第二段")).zh == "第1个表格第1行第1格第2段"  # type: ignore[union-attr]
    assert place(source.text.index("| 1") + 1).en == "table 1, row 1, cell 1: table 2, row 1, cell 2"  # type: ignore[union-attr]
    assert place(source.text.index("x y")).en == "table 3, row 1, cell 2"  # type: ignore[union-attr]
    assert place(source.text.index("c")).zh == "第3段"  # type: ignore[union-attr]


def test_merged_value_row_keeps_values_in_order() -> None:
    """gridBefore, legacy hMerge and a continued vMerge are written at the end of the row."""
    body = (
        "<w:tbl><w:tblGrid>" + "<w:gridCol/>" * 4 + "</w:tblGrid>"
        "<w:tr><w:tc><w:tcPr><w:vMerge w:val='restart'/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr><w:gridSpan w:val='2'/></w:tcPr><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
        "<w:tc><w:tcPr><w:hMerge w:val='restart'/></w:tcPr><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>2|3</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:trPr><w:gridBefore w:val='3'/></w:trPr><w:tc><w:p/></w:tc></w:tr>"
        "</w:tbl>"
    )
    data = member_replaced(report_docx("v2021"), "word/document.xml", document_xml(body))
    source = decode(data, "x.docx")
    assert source.text.split("\n") == ["甲 | 乙 | 1 | |", "丙 | 2｜3 | | |", " | | | |"]
    assert source.place(source.text.index("丙")).en == "table 1, row 2, cell 2"  # type: ignore[union-attr]
    assert source.place(source.text.index("2｜3")).en == "table 1, row 2, cell 4"  # type: ignore[union-attr]


# ---------------------------------------------------------------------- legacy .doc


def test_doc_without_libreoffice_says_how_to_convert(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc_input.shutil, "which", lambda name: None)
    fake = doc_input.OLE_MAGIC + b"\0" * 100 + "WordDocument".encode("utf-16-le") + b"\0" * 400
    with pytest.raises(InputError) as info:
        decode(fake, "report.doc")
    message = info.value.message
    assert "另存为" in message and ".docx" in message
    assert "soffice --headless --convert-to docx" in message


@pytest.mark.parametrize(
    ("stream", "what"), [("Workbook", "Excel"), ("EncryptedPackage", "password"), ("PowerPoint Document", "PowerPoint")]
)
def test_ole_files_that_are_not_word(stream: str, what: str) -> None:
    fake = doc_input.OLE_MAGIC + b"\0" * 100 + stream.encode("utf-16-le") + b"\0" * 400
    with pytest.raises(InputError, match=what):
        decode(fake, "x.doc")


FAKE_SOFFICE = """#!/bin/sh
# Stands in for LibreOffice: copies $NIANBAO_FAKE_DOCX to --outdir as the converted file.
while [ $# -gt 0 ]; do
  if [ "$1" = "--outdir" ]; then out="$2"; fi
  shift
done
[ -n "$NIANBAO_FAKE_DOCX" ] || { echo "Error: source file could not be loaded"; exit 1; }
cp "$NIANBAO_FAKE_DOCX" "$out/report.docx"
"""


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_doc_conversion_plumbing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The conversion path with a stand-in for soffice: the result is read as .docx, its places
    say they are in the converted document; a failed conversion is an InputError."""
    fake = tmp_path / "soffice"
    fake.write_text(FAKE_SOFFICE, encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(doc_input.shutil, "which", lambda name: str(fake) if name == "soffice" else None)
    converted = tmp_path / "converted.docx"
    converted.write_bytes(report_docx("v2021"))
    monkeypatch.setenv("NIANBAO_FAKE_DOCX", str(converted))
    ole = doc_input.OLE_MAGIC + b"\0" * 100 + "WordDocument".encode("utf-16-le") + b"\0" * 400
    source = decode(ole, "r.doc")
    assert cell_map(source) == cell_map(report_text("v2021"))
    place = source.place(source.text.index("| 249 |") + 1)
    assert place is not None and place.zh == "第2个表格第4行第4格（转换所得 .docx）"
    assert place.en == "table 2, row 4, cell 4 (of the .docx converted from it)"
    monkeypatch.delenv("NIANBAO_FAKE_DOCX")
    with pytest.raises(InputError, match="could not be loaded"):
        decode(ole, "r.doc")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_doc_converted_with_libreoffice(tmp_path: Path) -> None:
    import subprocess

    src = tmp_path / "r.docx"
    src.write_bytes(report_docx("v2021"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(src)], check=True, timeout=180
    )
    source = decode((tmp_path / "r.doc").read_bytes(), "r.doc")
    assert cell_map(source) == cell_map(report_text("v2021"))
    assert all("转换" in p.zh for p in source.origin.places)  # type: ignore[union-attr]


# ---------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    ("n", "fmt", "want"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCountingThousand", "十一"),
        (20, "chineseCounting", "二十"),
        (101, "chineseCounting", "一百零一"),
        (110, "chineseCounting", "一百一十"),
        (3, "chineseLegalSimplified", "叁"),
        (2, "ideographTraditional", "乙"),
        (14, "upperRoman", "XIV"),
        (28, "lowerLetter", "bb"),
        (3, "decimalEnclosedCircle", "③"),
        (7, "decimalFullWidth", "７"),
        (7, "decimal", "7"),
    ],
)
def test_number_formats(n: int, fmt: str, want: str) -> None:
    from nianbao.inputs.docx.numbering import _format

    assert _format(n, fmt) == want


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)), min_size=1, max_size=8))
@pytest.mark.slow
def test_byte_flips_end_in_input_error_or_a_source(flips: list[tuple[int, int]]) -> None:
    data = bytearray(report_docx("v2021"))
    for at, mask in flips:
        data[at % len(data)] ^= mask
    try:
        source = decode(bytes(data), "x.docx")
    except InputError:
        return
    assert isinstance(source, Source)


@cache
def _document_xml() -> bytes:
    with zipfile.ZipFile(io.BytesIO(report_docx("v2021"))) as z:
        return z.read("word/document.xml")


@pytest.mark.slow
@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)), min_size=1, max_size=4))
def test_flips_inside_the_xml_end_in_input_error_or_a_source(flips: list[tuple[int, int]]) -> None:
    """Flips in document.xml itself, zipped again so that the zip is sound: the XML walk must cope."""
    xml = bytearray(_document_xml())
    for at, mask in flips:
        xml[at % len(xml)] ^= mask
    data = member_replaced(report_docx("v2021"), "word/document.xml", bytes(xml))
    try:
        source = decode(data, "x.docx")
    except InputError:
        return
    assert isinstance(source, Source)


_TAGS = ["p", "r", "t", "tbl", "tr", "tc", "tcPr", "trPr", "sdt", "sdtContent", "hyperlink", "br", "tab", "pPr"]
_PROPS = ["gridSpan", "vMerge", "hMerge", "gridBefore", "numPr", "ilvl", "numId", "vanish", "pStyle"]
_VALUES = ["", "0", "1", "3", "restart", "continue", "-5", "99999999999", "x"]
_leaf = st.one_of(
    st.sampled_from(["", "1", "一、总体情况", "a|b", "行政许可"]),
    st.builds(lambda tag, val: f'<w:{tag} w:val="{val}"/>', st.sampled_from(_PROPS), st.sampled_from(_VALUES)),
)
_tree = st.recursive(
    _leaf,
    lambda inner: st.builds(
        lambda tag, kids: f"<w:{tag}>{''.join(kids)}</w:{tag}>", st.sampled_from(_TAGS), st.lists(inner, max_size=4)
    ),
    max_leaves=40,
)


@pytest.mark.slow
@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(_tree, max_size=5))
def test_random_word_structures_are_read(blocks: list[str]) -> None:
    """Arbitrary nestings of paragraphs, tables, merges and numbering in a well-formed document."""
    data = member_replaced(report_docx("v2021"), "word/document.xml", document_xml("".join(blocks)))
    try:
        source = decode(data, "x.docx")
    except InputError:
        return
    places = source.origin.places  # type: ignore[union-attr]
    assert [p.start for p in places] == sorted(p.start for p in places)
    assert all(0 <= p.start <= len(source.text) for p in places)


def tiny_png() -> bytes:
    """A 1×1 PNG, enough for python-docx to place a picture."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def test_a_table_pasted_as_a_picture() -> None:
    """Table 四 pasted into Word as a picture: a line "[图片]" at its paragraph, and T101 says the
    table is a picture (a warning, placed at that paragraph) rather than missing."""
    text = report_text("v2021")
    start, end = text.index("行政复议 | 行政诉讼"), text.index("五、存在的主要问题")
    document = docx.Document(io.BytesIO(build_docx(text[:start] + text[end:])))
    heading = next(p for p in document.paragraphs if p.text.startswith("五、存在的主要问题"))
    picture = heading.insert_paragraph_before()
    picture.add_run().add_picture(io.BytesIO(tiny_png()))
    buf = io.BytesIO()
    document.save(buf)
    source = load(buf.getvalue(), "picture.docx")
    assert "\n[图片" in source.text
    diags = [d for d in lint(source) if d.code != "X101"]
    assert [(d.code, d.severity, d.section) for d in diags] == [("T101", "warning", 4)]
    assert "统计表是图片" in diags[0].message
    place = source.place(diags[0].span.start)
    assert place is not None and place.zh.endswith("段"), place
