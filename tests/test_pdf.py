"""PDF input (`nianbao.inputs.pdf`): reports drawn as PDFs read back to the cells and diagnostics
of their text versions, every line with its page and line; broken, locked and text-less files.

The fixtures in tests/data/pdf/ were drawn by bench/make_pdf_fixtures.py from the conforming
corpus (see tests/data/pdf/README.md); each report fixture has a ``.lines.json`` listing its lines
as drawn (page, line on the page, text), the answer key for places. The real huaian PDF is read
where it is, in ../shared/corpus-real (skipped when absent).
"""

from __future__ import annotations

import json
import sys
import zlib
from collections import Counter
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import hostile
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.api import lint, parse
from nianbao.inputs import InputError, Options, load, sniff
from nianbao.load import decode, read_path
from nianbao.pipeline import Parsed
from nianbao.source import Source

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "pdf"
CONFORMING = ROOT / "corpus" / "conforming"
REAL = ROOT.parent / "shared" / "corpus-real"

pytestmark = pytest.mark.skipif(find_spec("pdfplumber") is None, reason='needs pip install "nianbao[pdf]"')

# The text version of each report fixture (the V2019 one has a wrong total and a blank cell: see
# V2019_CHANGES in bench/make_pdf_fixtures.py, repeated here so that the tests need no bench code).
V2019_CHANGES = (
    ("一、本年新收政府信息公开申请数量 | 304 | 24 | 0 | 7 | 0 | 0 | 335 |", "335 |", "345 |"),
    ("二、上年结转政府信息公开申请数量 | 0 | 2 | 0 | 0 | 0 | 0 | 2 |", "| 2 | 0 |", "| 2 |  |"),
)
REPORTS = ("v2021", "v2019", "v2021_kangxi")


def text_version(name: str) -> str:
    if name == "v2019":
        text = (CONFORMING / "v2019_pipe.txt").read_text(encoding="utf-8")
        for row, old, new in V2019_CHANGES:
            text = text.replace(row, row.replace(old, new))
        return text
    return (CONFORMING / "v2021_pipe.txt").read_text(encoding="utf-8")


@cache
def pdf_source(name: str) -> Source:
    return decode((DATA / f"{name}.pdf").read_bytes(), f"{name}.pdf")


@cache
def parsed_pdf(name: str) -> Parsed:
    return parse(pdf_source(name))


def manifest(name: str) -> dict[tuple[int, int], str]:
    rows = json.loads((DATA / f"{name}.lines.json").read_text(encoding="utf-8"))
    return {(page, line): text for page, line, text in rows}


def place_of(source: Source, offset: int) -> tuple[int, int]:
    place = source.place(offset)
    assert place is not None
    page, line = place.zh.removeprefix("第").removesuffix("行").split("页第")
    assert place.en == f"page {page}, line {line}"
    return int(page), int(line)


def cells(parsed: Parsed) -> dict[Any, Any]:
    return {c.key: c.value for c in parsed.report.cells()}


# --- reports drawn from the conforming corpus ------------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_cells_equal_the_text_version(name: str) -> None:
    want = cells(parse(text_version(name)))
    assert len(want) in (198, 200)
    assert cells(parsed_pdf(name)) == want


@pytest.mark.parametrize("name", REPORTS)
def test_diagnostics_equal_the_text_version_but_for_what_the_pdf_adds(name: str) -> None:
    """The PDF adds one X101 per page (its page number, kept as a line and set aside by the
    parser) and, with Kangxi radicals, X104. The V2019 fixture's narrative says ``申请335件``,
    which the PDF wraps between ``335`` and ``件``: N101 still finds it, at 335."""
    text = Counter(d.code for d in lint(parse(text_version(name))))
    pdf = Counter(d.code for d in lint(parsed_pdf(name)))
    pages = max(page for page, _ in manifest(name))
    expected = text + Counter({"X101": pages})
    if name == "v2021_kangxi":
        expected["X104"] = 1
    assert pdf == expected
    if name == "v2019":
        (d,) = [d for d in lint(parsed_pdf(name)) if d.code == "N101"]
        assert d.message.startswith("正文说收到申请335件")


@pytest.mark.parametrize("name", REPORTS)
def test_every_line_is_where_it_was_drawn(name: str) -> None:
    """One extracted line per line drawn (a table row is one line), with its page and line."""
    source = pdf_source(name)
    drawn = manifest(name)
    got = {place_of(source, source.lines.starts[i]): source.line_text(i + 1) for i in range(len(source.lines) - 1)}
    assert source.text.endswith("\n")
    assert got == drawn


@pytest.mark.parametrize("name", REPORTS)
def test_cells_point_at_the_row_they_are_drawn_in(name: str) -> None:
    source = pdf_source(name)
    drawn = manifest(name)
    n = 0
    for cell in parsed_pdf(name).report.cells():
        row = drawn[place_of(source, cell.span.start)]
        assert cell.raw.strip() in row.split(" | "), (cell.key, row)
        n += 1
    assert n in (198, 200)


def test_diagnostics_on_cells_give_page_and_line() -> None:
    """V2019: the wrong total is drawn on page 3, line 20; the blank cell on the next row."""
    source = pdf_source("v2019")
    drawn = manifest("v2019")
    found = {d.code: place_of(source, d.span.start) for d in lint(parsed_pdf("v2019")) if d.code in ("A102", "T201")}
    assert found == {"A102": (3, 20), "T201": (3, 21)}
    assert drawn[3, 20] == "一、本年新收政府信息公开申请数量 | 304 | 24 | 0 | 7 | 0 | 0 | 345"
    assert drawn[3, 21] == "二、上年结转政府信息公开申请数量 | 0 | 2 |  | 0 | 0 | 0 | 2"
    assert source.place(0) is not None and source.place(0).zh == "第1页第1行"  # type: ignore[union-attr]


def test_cells_separated_by_spaces_lose_the_blank_cell() -> None:
    """Why rows are `` | ``: both read all cells of a full table, but spaces cannot show an empty
    cell, so the values after the blank cell of V2019's 二、上年结转 row move one column left."""
    from nianbao.inputs.pdf import read

    for name in ("v2021", "v2021_kangxi"):
        spaced = read((DATA / f"{name}.pdf").read_bytes(), name, Options(), separator=" ")
        assert cells(parse(spaced)) == cells(parse(text_version(name)))
    spaced = read((DATA / "v2019.pdf").read_bytes(), "v2019", Options(), separator=" ")
    assert "\n二、上年结转政府信息公开申请数量 0 2 0 0 0 2\n" in spaced.text
    want, got = cells(parse(text_version("v2019"))), cells(parse(spaced))
    differ = {(k.row, k.column) for k in want if got.get(k) != want[k]}
    columns = ("自然人", "商业企业", "社会公益组织", "法律服务机构", "其他", "总计")  # all but the blank 科研机构
    assert differ == {("二、上年结转政府信息公开申请数量", c) for c in columns}
    assert "\n二、上年结转政府信息公开申请数量 | 0 | 2 |  | 0 | 0 | 0 | 2\n" in pdf_source("v2019").text


def test_tables_go_on_across_page_breaks() -> None:
    """V2021: （四）无法提供 is drawn as （四）无法 at the foot of page 2 and 提供 at the top of page 3
    (a cell merged down its group, cut by the break): joined in the row where it starts. V2019:
    table 二 breaks between 规章 and 规范性文件, two labels of one row each, which stay apart; and
    the group （三）不予公开 breaks after its fourth item, its label whole above the break."""
    source = pdf_source("v2021")
    lines = source.text.splitlines()
    row = lines.index("（四）无法提供 | 1.本机关不掌握相关政府信息 | 55 | 0 | 0 | 0 | 1 | 0 | 56")
    assert place_of(source, source.lines.starts[row]) == (2, 33)
    assert lines[row + 1 : row + 3] == ["- 2 -", "2.没有现成信息需要另行制作 | 8 | 0 | 0 | 0 | 0 | 0 | 8"]
    assert place_of(source, source.lines.starts[row + 2]) == (3, 1)
    text = pdf_source("v2019").text
    assert "\n规章 | 0 | 0 | 0\n- 2 -\n规范性文件 | 6 | 6 | 28\n" in text
    assert "\n4.保护第三方合法权益 | 5 | 0 | 0 | 0 | 0 | 0 | 5\n- 3 -\n5.属于三类内部事务信息 | 2 |" in text


def test_wrapped_labels_and_fake_bold() -> None:
    text = pdf_source("v2021").text
    # A label wrapped over three lines of its cell, the numbers centred beside its second line.
    assert "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 10 | 0 |" in text
    assert "\n一、总体情况\n" in text  # drawn twice 0.4 pt apart, read once
    assert "一一" not in text


def test_kangxi_radicals_are_kept_in_the_text_and_reported() -> None:
    source = pdf_source("v2021_kangxi")
    assert "⼀、总体情况" in source.text and "⾏政许可 | 552" in source.text
    x104 = [d for d in lint(parsed_pdf("v2021_kangxi")) if d.code == "X104"]
    assert len(x104) == 1  # one diagnostic for all of them, at the first: ⼯ of the title, page 1 line 2
    assert "59个" in x104[0].message
    assert source.slice(x104[0].span) == "⼯" and place_of(source, x104[0].span.start) == (1, 2)
    assert sum(source.text.count(c) for c in "⼀⼈⼯⽇⽉⾏⼤") == 59


def test_page_numbers_stay_as_lines_of_their_own() -> None:
    """Page furniture is never dropped: each page number is the last line of its page, and the
    parser sets aside the ``- n -`` form (X101) where the number is drawn."""
    source = pdf_source("v2021")
    x101 = [d for d in lint(parsed_pdf("v2021")) if d.code == "X101"]
    assert [source.slice(d.span) for d in x101] == ["- 1 -", "- 2 -", "- 3 -", "- 4 -"]
    assert [place_of(source, d.span.start) for d in x101] == [(1, 23), (2, 34), (3, 27), (4, 5)]
    furniture = decode((DATA / "furniture.pdf").read_bytes(), "furniture.pdf")
    n = len(furniture.lines) - 1
    assert {place_of(furniture, furniture.lines.starts[i]): furniture.line_text(i + 1) for i in range(n)} == (
        manifest("furniture")
    )
    lines = furniture.text.splitlines()
    assert [lines[i] for i in (4, 9, 14)] == ["第 1 页", "2/3", "第 3 页 共 3 页"]
    assert lines[0] == lines[5] == lines[10] == "淮安市人民政府办公室"  # the running head


def test_a_pdf_is_read_by_name_and_by_content(tmp_path: Path) -> None:
    data = (DATA / "v2021.pdf").read_bytes()
    assert sniff(data, "report.txt") == "pdf"
    renamed = tmp_path / "报告.bin"
    renamed.write_bytes(data)
    source = read_path(renamed)
    assert source.origin is not None and source.origin.kind == "pdf"
    assert source.origin.original is None and source.origin.offsets is None
    assert source.text == pdf_source("v2021").text
    starts = [p.start for p in source.origin.places]
    assert starts == sorted(starts) and len(starts) == len(source.lines) - 1


# --- the real report ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def huaian() -> tuple[Source, Parsed]:
    path = REAL / "huaian_city_2024.pdf"
    if not path.exists():
        pytest.skip("../shared/corpus-real/huaian_city_2024.pdf is not available")
    source = read_path(path)
    return source, parse(source)


def test_huaian_sections_tables_and_cells(huaian: tuple[Source, Parsed]) -> None:
    source, parsed = huaian
    assert sorted(parsed.report.sections) == [1, 2, 3, 4, 5, 6]
    by_table = Counter(c.key.table for c in parsed.report.cells())
    assert by_table == {"二": 10, "三": 175, "四": 15}
    got = cells(parsed)
    new = next(k for k in got if k.table == "三" and k.row.startswith("一、本年新收") and k.column == "总计")
    assert got[new] == 3119
    assert sum(1 for v in got.values() if v is None) == 0
    # Nothing but the six page numbers, each at the foot of its page.
    diagnostics = lint(parsed)
    assert [(d.code, source.slice(d.span)) for d in diagnostics] == [("X101", f"-{n}-") for n in range(1, 7)]
    feet = [(1, 21), (2, 26), (3, 22), (4, 24), (5, 20), (6, 14)]
    assert [place_of(source, d.span.start) for d in diagnostics] == feet


def test_huaian_rows_rebuilt_from_the_cells(huaian: tuple[Source, Parsed]) -> None:
    """What the two other extractions broke: the label cut by the page break (（四）无 / 法提供),
    labels wrapped in their cells, the vertical 三、本年度办理结果, the header words split over lines."""
    text = huaian[0].text
    assert "（四）无法提供 | 1.本机关不掌握相关政府信息 | 746 | 12 | 0 | 0 | 10 | 1 | 769\n-4-\n2.没有现成" in text
    assert "三、本年度办理结果 | （一）予以公开 | 1288 |" in text
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 447 |" in text
    assert "\n商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他\n" in text
    assert "\n72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20\n" in text
    assert "2024年政府信息公开工作年度报告" in text  # no space put between 2024 and 年


def test_huaian_agrees_with_the_better_of_the_two_extractions(huaian: tuple[Source, Parsed]) -> None:
    """012 (pypdf) parses to the same 200 cells; in 011 (pdfminer, columns read one after the
    other) the row labels of tables 二 and 三 stand apart from their numbers: only the 15 cells of
    table 四 are read, all as in the PDF, and the others found are unreadable (T208): no number of
    011 differs from the PDF's (before T208, 5 of its 23 numbers did)."""
    got = cells(huaian[1])
    pypdf = cells(parse(read_path(REAL / "012_huaian_city_2024_pypdf.txt")))
    pdfminer = cells(parse(read_path(REAL / "011_huaian_city_2024_pdfminer.txt")))
    assert pypdf == got
    assert len(pdfminer) >= 60
    read = {k: v for k, v in pdfminer.items() if v is not None}
    assert {k.table for k in read} == {"四"} and len(read) == 15 and all(got[k] == v for k, v in read.items())


# --- what cannot be read ----------------------------------------------------------------------------------


def tiny_pdf(content: bytes, *, pages: int = 1, compress: bool = True) -> bytes:
    """A PDF without fonts whose pages all draw ``content`` (so: no text)."""
    body = zlib.compress(content) if compress else content
    flt = b"/Filter /FlateDecode " if compress else b""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + i) for i in range(pages)) + b"] /Count %d >>" % pages,
        b"<< /Length %d %s>>\nstream\n" % (len(body), flt) + body + b"\nendstream",
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * pages,
    ]
    return hostile.serialise(objs)


def error_of(data: bytes, options: Options | None = None) -> str:
    with pytest.raises(InputError) as info:
        load(data, "x.pdf", options, form="pdf")
    return info.value.message


def test_corrupt_pdfs() -> None:
    good = (DATA / "v2021.pdf").read_bytes()
    for data in (b"", b"%PDF-1.7\n", b"%PDF-1.4\n" + bytes(range(256)) * 8, good[:5000], good[:-400]):
        assert "PDF 文件损坏或无法解析（corrupt or unreadable PDF" in error_of(data)


def test_encrypted_pdfs() -> None:
    message = error_of((DATA / "encrypted_password.pdf").read_bytes())
    assert message == "PDF 已加密，需要密码（encrypted PDF: a password is needed）"
    # An owner password alone restricts printing and copying; the empty user password opens it.
    source = decode((DATA / "encrypted_owner_only.pdf").read_bytes(), "x.pdf")
    assert source.text == decode((DATA / "furniture.pdf").read_bytes(), "x.pdf").text


def test_pdfs_without_text() -> None:
    message = "PDF 没有文字层（可能是扫描件，需要先做文字识别 OCR）（no text layer: scanned images? OCR needed）"
    assert error_of((DATA / "image_only.pdf").read_bytes()) == message
    assert error_of(tiny_pdf(b"0 0 m 100 100 l S")) == message  # drawings only
    assert error_of(tiny_pdf(b"", pages=3)) == message  # blank pages


def test_page_limit() -> None:
    data = (DATA / "v2021.pdf").read_bytes()
    assert error_of(data, Options(max_pages=3)) == "PDF 共 4 页，超过 3 页上限（more than 3 pages）"
    assert len(decode(data, "x.pdf", Options(max_pages=4)).text) > 1000
    assert "超过 500 页上限" in error_of(tiny_pdf(b"", pages=501))


def test_streams_that_inflate_too_far(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small file whose content inflates to 3 MB of spaces (a "zip bomb" in miniature)."""
    from nianbao.inputs import pdf

    bomb = tiny_pdf(b" " * (3 * 1024 * 1024))
    assert len(bomb) < 10_000
    message = error_of(bomb, Options(max_unpacked=1024 * 1024))
    assert message == "PDF 数据解压后超过 1 MB 上限（PDF streams inflate past 1 MB）"
    monkeypatch.setattr(pdf, "MAX_CONTENT", 2 * 1024 * 1024)
    message = error_of(bomb)
    assert message == "PDF 页面内容解压后超过 2 MB 上限（PDF page content streams inflate past 2 MB）"


def test_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from nianbao.inputs import pdf

    monkeypatch.setattr(pdf, "TIME_LIMIT", -1.0)
    assert error_of((DATA / "furniture.pdf").read_bytes()) == "读取超时（PDF took longer than -1 s to read）"


def test_pdfminer_warnings_stay_off_stderr() -> None:
    """pdfminer logs a warning for every oddity of a broken file; a NullHandler keeps logging's last
    resort from printing them on stderr (pytest's own log capture would hide that, so: the handler)."""
    import logging

    import nianbao.inputs.pdf  # noqa: F401

    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("pdfminer").handlers)


def test_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # import pdfplumber → ImportError
    message = error_of((DATA / "v2021.pdf").read_bytes())
    assert message == '读取 PDF 需要安装可选依赖：pip install "nianbao[pdf]"' + (
        '（reading PDF needs the pdf extra: pip install "nianbao[pdf]"）'
    )


@settings(derandomize=True, max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)), min_size=1, max_size=8))
def test_flipped_bytes_give_a_source_or_an_input_error(flips: list[tuple[int, int]]) -> None:
    data = bytearray((DATA / "furniture.pdf").read_bytes())
    for at, mask in flips:
        data[at % len(data)] ^= mask
    try:
        source = load(bytes(data), "x.pdf", form="pdf")
    except InputError:
        return
    assert isinstance(source, Source) and source.text.endswith("\n")
