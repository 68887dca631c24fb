"""Text encodings: real report text in every encoding reports come in decodes to exactly itself,
short excerpts are decoded right or refused (never decoded wrongly), overrides and declared
charsets behave as documented in `nianbao.inputs.encodings`, and no bytes make it crash.

Big5 versions of the simplified reports are made with OpenCC ``s2tw`` (Taiwan forms: 为 → 為, not
爲, which Big5 lacks); a text is only used in an encoding that represents it exactly.
"""

from __future__ import annotations

import contextlib
import time
from functools import cache
from pathlib import Path

import opencc
import pytest
from conftest import CONFORMING, REAL, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.api import lint, parse
from nianbao.inputs import InputError
from nianbao.inputs.encodings import BIG5, decode_text
from nianbao.load import decode

FILES = sorted(SEEDS.glob("*.txt")) + sorted(CONFORMING.glob("*.txt"))
TRADITIONAL = {"000", "001", "003"}  # seeds in traditional script


@cache
def text_of(path: Path) -> str:
    return path.read_text("utf-8")


@cache
def traditional(path: Path) -> str:
    text = text_of(path)
    return text if path.name[:3] in TRADITIONAL else opencc.OpenCC("s2tw").convert(text)


def big5_bytes(text: str) -> tuple[bytes, str] | None:
    """The bytes of ``text`` in the first of the Big5 family that represents it, and that codec."""
    for codec in BIG5:
        try:
            return text.encode(codec), codec
        except UnicodeEncodeError:
            continue
    return None


def encodings_of(path: Path) -> list[tuple[str, str, bytes, str, bool]]:
    """``(label, text, bytes, expected name, expected bom)`` for each way this report can be stored."""
    text = text_of(path)
    ways = [
        ("utf-8", text, text.encode("utf-8"), "utf-8", False),
        ("utf-8-sig", text, text.encode("utf-8-sig"), "utf-8-sig", True),
        ("utf-16 LE BOM", text, b"\xff\xfe" + text.encode("utf-16-le"), "utf-16-le", True),
        ("utf-16 BE BOM", text, b"\xfe\xff" + text.encode("utf-16-be"), "utf-16-be", True),
        ("gb18030", text, text.encode("gb18030"), "gb18030", False),
        ("gb18030 traditional", traditional(path), traditional(path).encode("gb18030"), "gb18030", False),
    ]
    big5 = big5_bytes(traditional(path))
    if big5 is not None:
        ways.append(("big5", traditional(path), big5[0], big5[1], False))
    return ways


CASES = [
    pytest.param(path, label, text, data, name, bom, id=f"{path.stem[:12]}-{label}")
    for path in FILES
    for label, text, data, name, bom in encodings_of(path)
]


def test_most_reports_have_a_big5_version() -> None:
    """The traditional seeds (but 001, with simplified characters mixed in) and the simplified reports converted
    with s2tw (but 004, with no-break spaces) are representable in Big5."""
    with_big5 = {path.stem[:3] for path in FILES if big5_bytes(traditional(path))}
    assert {"000", "002", "003", "v20"} <= with_big5
    assert len([p for p in FILES if big5_bytes(traditional(p))]) == len(FILES) - 2


@pytest.mark.parametrize(("path", "label", "text", "data", "name", "bom"), CASES)
def test_whole_reports_decode_to_themselves(
    path: Path, label: str, text: str, data: bytes, name: str, bom: bool
) -> None:
    assert decode_text(data, path.name) == (text, name, bom)


def test_big5_family_codec_is_the_one_that_decodes() -> None:
    # seed 003 has pinyin with tone marks (監(jiān)): only Hong Kong's Big5 has them
    data, codec = big5_bytes(traditional(next(SEEDS.glob("003_*.txt")))) or (b"", "")
    assert codec == "big5hkscs"
    assert decode_text(data, "x")[1] == "big5hkscs"


# --- short excerpts: where detection stops being sure ---------------------------------------------------------


def excerpt_outcome(text: str, data: bytes, name: str, **kwargs: str) -> str:
    """The outcome of decoding an excerpt: ``ok``, ``refused`` (an InputError naming candidates) or ``WRONG``."""
    try:
        got, enc, _ = decode_text(data, "x", **kwargs)
    except InputError as exc:
        assert "--encoding" in exc.message, exc.message
        return "refused"
    return "ok" if (got, enc) == (text, name) else "WRONG"


def encode_as(label: str, piece: str) -> tuple[bytes, str] | None:
    """``piece`` stored as ``label`` says (one of the labels of `encodings_of` without a BOM) and the name expected."""
    if label == "big5":
        return big5_bytes(piece)
    return piece.encode(label.split()[0]), label.split()[0]


def outcomes_of(label: str, pieces: list[str]) -> list[str]:
    outcomes = []
    for piece in pieces:
        encoded = encode_as(label, piece)
        if encoded is not None and not piece.isascii():
            outcomes.append(excerpt_outcome(piece, *encoded))
    return outcomes


def texts_for(label: str) -> list[str]:
    return [text for path in FILES for way, text, *_ in encodings_of(path) if way == label]


LABELS = ["utf-8", "gb18030", "gb18030 traditional", "big5"]


@pytest.mark.parametrize("length", [200, 80, 30])
@pytest.mark.parametrize("label", LABELS)
def test_report_openings_are_decided(label: str, length: int) -> None:
    """The first 200, 80 and 30 characters of every report (organ, year, title: dense Chinese) are enough."""
    outcomes = outcomes_of(label, [text[:length] for text in texts_for(label)])
    assert len(outcomes) >= 10
    assert outcomes.count("ok") == len(outcomes), outcomes


SLIDING = [  # excerpt length, least share decided (measured: see the module docstring of encodings)
    (50, 0.98),
    (20, 0.90),
    (10, 0.75),
    (5, 0.40),
    (2, 0.0),
]


@pytest.mark.parametrize(("length", "least"), SLIDING)
@pytest.mark.parametrize("label", LABELS)
def test_excerpts_are_right_or_refused(label: str, length: int, least: float) -> None:
    """Excerpts at every 13th character of every report: never a wrong text; the shorter, the more refusals."""
    pieces = [text[i : i + length] for text in texts_for(label) for i in range(0, max(1, len(text) - length), 13)]
    outcomes = outcomes_of(label, pieces)
    assert len(outcomes) > 1000
    assert outcomes.count("WRONG") == 0
    assert outcomes.count("ok") >= least * len(outcomes), (outcomes.count("ok"), len(outcomes))


@pytest.mark.parametrize(
    ("text", "encoding", "candidates"),
    [
        ("局\n", "gb18030", ("gb18030", "big5")),  # 局 in GB is 擁 in Big5: both common characters
        ("包括", "gb18030", ("gb18030", "big5")),
        ("年度报告", "gb18030", ("gb18030", "big5")),
        ("政府", "gb18030", ("gb18030",)),  # only one plausible, but two characters are not enough
        (",全", "gb18030", ("utf-8", "gb18030")),  # GB's 全 is valid UTF-8 (ȫ)
    ],
)
def test_too_short_to_tell_names_the_candidates(text: str, encoding: str, candidates: tuple[str, ...]) -> None:
    with pytest.raises(InputError) as info:
        decode_text(text.encode(encoding), "short.txt")
    message = info.value.message
    assert message.startswith("无法确定文本编码") and "cannot tell the encoding" in message
    for name in candidates:
        assert f"--encoding {name}" in message


@pytest.mark.parametrize(
    ("text", "encoding"),
    [("政府信息", "gb18030"), ("政府信息", "big5"), ("行政复议", "gb18030"), ("中文", "utf-8"), ("包括", "big5")],
)
def test_a_few_characters_can_be_enough(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding), "x")[:2] == (text, encoding)


# --- the whole pipeline ---------------------------------------------------------------------------------------


def cells_and_positions(data: bytes) -> tuple[dict[object, object], list[tuple[str, object]], str]:
    source = decode(data, "x.txt")
    parsed = parse(source)
    cells = {c.key: c.value for c in parsed.report.cells()}
    positions = [(d.code, parsed.source.position(d.span.start)) for d in lint(parsed)]
    return cells, positions, source.encoding


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem[:12])
def test_pipeline_reads_gb18030_as_it_reads_utf8(path: Path) -> None:
    text = text_of(path)
    cells, positions, _ = cells_and_positions(text.encode("utf-8"))
    for data, name in ((text.encode("gb18030"), "gb18030"), (text.encode("utf-16"), "utf-16-le")):
        got_cells, got_positions, encoding = cells_and_positions(data)
        assert encoding == name
        assert got_cells == cells
        assert got_positions == positions


@pytest.mark.parametrize("path", [p for p in FILES if big5_bytes(traditional(p))], ids=lambda p: p.stem[:12])
def test_pipeline_reads_big5_as_it_reads_utf8(path: Path) -> None:
    text = traditional(path)
    data, codec = big5_bytes(text) or (b"", "")
    cells, positions, _ = cells_and_positions(text.encode("utf-8"))
    got_cells, got_positions, encoding = cells_and_positions(data)
    assert encoding == codec
    assert (got_cells, got_positions) == (cells, positions)


# --- overrides ------------------------------------------------------------------------------------------------

REPORT = text_of(next(CONFORMING.glob("v2021_lines.txt")))
REPORT_TW = opencc.OpenCC("s2tw").convert(REPORT)


@pytest.mark.parametrize(
    ("data", "override", "name", "bom"),
    [
        (REPORT.encode("gb18030"), "gb18030", "gb18030", False),
        (REPORT.encode("gbk"), "GBK", "gb18030", False),  # widened: gb18030 reads all GBK reads the same
        (REPORT.encode("gbk"), "cp936", "gb18030", False),
        (REPORT.encode("gbk"), "x-gbk", "gb18030", False),
        (REPORT.encode("gbk"), "gb_2312", "gb18030", False),
        (REPORT_TW.encode("big5"), "big5", "big5", False),
        (REPORT_TW.encode("big5"), "Big5-HKSCS", "big5hkscs", False),
        (REPORT_TW.encode("cp950"), "CP950", "cp950", False),
        (REPORT_TW.encode("cp950"), "ms950", "cp950", False),
        (REPORT.encode("utf-8"), "UTF8", "utf-8", False),
        (REPORT.encode("utf-8-sig"), "utf-8", "utf-8-sig", True),
        (REPORT.encode("utf-8-sig"), "utf_8_sig", "utf-8-sig", True),
        (REPORT.encode("utf-16-be"), "utf-16", "utf-16-be", False),  # no BOM: the order from where the NULs are
        (b"\xfe\xff" + REPORT.encode("utf-16-be"), "utf-16", "utf-16-be", True),
        (b"\xff\xfe" + REPORT.encode("utf-16-le"), "utf-16-le", "utf-16-le", True),  # the BOM is dropped
        (REPORT.encode("utf-32"), "utf-32", "utf-32-le", True),
        (REPORT.encode("gb18030"), "auto", "gb18030", False),  # the configuration's "auto" is detection
    ],
)
def test_override_decodes_with_the_named_codec(data: bytes, override: str, name: str, bom: bool) -> None:
    text = REPORT_TW if name in BIG5 else REPORT
    assert decode_text(data, "x", override) == (text, name, bom)


def test_override_with_a_wrong_codec_that_decodes_is_obeyed() -> None:
    """The user asked: GB bytes read as Big5 are Big5, if Big5 can read them."""
    data = "政府信息公开".encode("gb18030")
    text, name, _ = decode_text(data, "x", "big5")
    assert name in BIG5 and text != "政府信息公开"


@pytest.mark.parametrize(("override", "line"), [("utf-8", 3), ("cp950", 3), ("utf-16", 1)])
def test_override_that_does_not_decode_says_where(override: str, line: int) -> None:
    data = "first line\nsecond\n人民政府信息公开\n".encode("gb18030")  # 人 is C8CB, a byte pair Big5 lacks
    with pytest.raises(InputError) as info:
        decode_text(data, "report.txt", override)
    message = info.value.message
    assert f"第 {line} 行" in message and f"line {line}" in message and "字节偏移" in message
    offset = int(message.split("at offset ")[1].split(",")[0])
    assert 0 <= offset < len(data)
    assert str(info.value).startswith("report.txt: ")


@pytest.mark.parametrize("override", ["klingon", "rot13", "base64", "zlib", " "])
def test_unknown_or_non_text_codec(override: str) -> None:
    assert decode_text(b"abc", "x", "") == ("abc", "utf-8", False)  # an empty override is none
    with pytest.raises(InputError, match="unknown text encoding"):
        decode_text(b"abc", "x", override)


@pytest.mark.parametrize(("override", "data"), [("undefined", b"abc"), ("idna", b"xn--abc"), ("punycode", b"\\x")])
def test_codecs_that_fail_without_a_position(override: str, data: bytes) -> None:
    with pytest.raises(InputError, match=f"cannot decode as {override}"):
        decode_text(data, "x", override)


def test_override_decoding_nul_is_refused() -> None:
    with pytest.raises(InputError, match="NUL"):
        decode_text(REPORT.encode("utf-16-le"), "x", "latin-1")


# --- declared charsets (hints) ---------------------------------------------------------------------------------


def test_gb2312_declared_reads_gb18030_only_characters() -> None:
    text = "王䶮和朱镕基，𠮷野家。" + REPORT[:200]  # 䶮 and 𠮷 are GB18030 only, 镕 GBK
    data = text.encode("gb18030")
    for hint in ("gb2312", "GB2312", "gbk", "x-gbk", "GB_2312-80", "chinese"):
        assert decode_text(data, "x", hint=hint) == (text, "gb18030", False)


def test_utf8_declared_but_gbk_is_not_believed() -> None:
    data = REPORT.encode("gbk")
    assert decode_text(data, "x", hint="utf-8") == (REPORT, "gb18030", False)


def test_gbk_declared_but_utf8_is_utf8() -> None:
    assert decode_text(REPORT.encode("utf-8"), "x", hint="gb2312") == (REPORT, "utf-8", False)
    assert decode_text("简短的中文".encode(), "x", hint="gbk") == ("简短的中文", "utf-8", False)


def test_big5_declared_but_gb_is_gb() -> None:
    assert decode_text(REPORT.encode("gb18030"), "x", hint="big5") == (REPORT, "gb18030", False)
    assert decode_text(REPORT_TW.encode("big5"), "x", hint="gb2312") == (REPORT_TW, "big5", False)


@pytest.mark.parametrize(("text", "encoding", "hint"), [("政府", "gb18030", "gbk"), ("政府", "big5", "big5")])
def test_declared_charset_settles_a_near_tie(text: str, encoding: str, hint: str) -> None:
    with pytest.raises(InputError):
        decode_text(text.encode(encoding), "x")
    assert decode_text(text.encode(encoding), "x", hint=hint)[:2] == (text, encoding)


@pytest.mark.parametrize(
    ("piece", "hint"),
    [
        (",全", "utf-8"),
        ("水平", "utf-8"),
        ("局\n", "big5"),
        ("包括", "big5"),
        ("qiáng)化權(quán)力監(jiā", "big5"),  # read as big5hkscs, 3 points ahead of GB: the worst case measured
    ],
)
def test_wrong_declaration_of_a_short_text_is_not_obeyed(piece: str, hint: str) -> None:
    """GB bytes that also decode (to other text) as what the page declares: refused, not read as declared."""
    assert excerpt_outcome(piece, piece.encode("gb18030"), "gb18030", hint=hint) in ("ok", "refused")


def test_other_declared_charset_is_used_when_none_of_ours_fits() -> None:
    text = "こんにちは、世界。これは日本語のページです。"
    data = text.encode("shift_jis")
    assert decode_text(data, "x", hint="Shift_JIS") == (text, "shift_jis", False)
    with pytest.raises(InputError, match="cannot tell the encoding"):
        decode_text(data, "x")


@pytest.mark.parametrize("hint", ["utf-16", "UTF-16LE", "no-such-charset", "base64", ""])
def test_useless_declarations_are_ignored(hint: str) -> None:
    assert decode_text(REPORT.encode("gb18030"), "x", hint=hint) == (REPORT, "gb18030", False)
    assert decode_text(b"plain", "x", hint=hint) == ("plain", "utf-8", False)


# --- BOMs, UTF-16 without BOM, binary --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
        (b"\xff\xfe", "utf-16-le", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be", "utf-16-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
    ],
)
def test_bom_decides(bom: bytes, codec: str, name: str) -> None:
    assert decode_text(bom + "政府".encode(codec), "x") == ("政府", name, True)  # two characters are enough
    assert decode_text(bom, "x") == ("", name, True)


def test_bom_with_invalid_bytes_is_an_error_at_the_file_offset() -> None:
    first = "第一行\n".encode()
    data = b"\xef\xbb\xbf" + first + "第二行".encode("gbk")
    with pytest.raises(InputError) as info:
        decode_text(data, "x")
    assert "BOM" in info.value.message and "第 2 行" in info.value.message
    assert f"offset {3 + len(first)}," in info.value.message
    with pytest.raises(InputError, match="utf-16-le BOM"):
        decode_text(b"\xff\xfe" + "政府".encode("utf-16-le") + b"\x00", "x")  # odd length


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected_from_its_nuls(codec: str) -> None:
    assert decode_text(REPORT.encode(codec), "x") == (REPORT, codec, False)
    assert decode_text(b"plain ASCII\n".decode().encode(codec), "x") == ("plain ASCII\n", codec, False)


def test_utf16_without_bom_or_ascii_is_not_guessed() -> None:
    """No NUL, no evidence: UTF-16 without a BOM is only read when ASCII characters give it away."""
    for text in ("政府信息公开工作年度报告", "一二三四五六七八九十", "申请"):
        try:
            got = decode_text(text.encode("utf-16-le"), "x")
        except InputError:
            continue  # refused: as undecidable, or as binary for the NUL in 开 (U+5F00)
        assert got == (text, "utf-16-le", False)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"abc\x00def",
        "政府信息公开".encode("gb18030") + b"\x00",
        b"\x7fELF\x02\x01\x01\x00" + bytes(100),
        b"\x00" * 10,
    ],
)
def test_nul_bytes_are_binary(data: bytes) -> None:
    with pytest.raises(InputError, match="NUL"):
        decode_text(data, "x")


def test_control_characters_are_binary_in_quantity_only() -> None:
    with pytest.raises(InputError, match="control characters"):
        decode_text(bytes(range(1, 32)) * 4, "x")
    text = "第一页\f第二页\t表格\v\r\n" + REPORT + "\x1a"  # form feeds, tabs, a DOS end-of-file mark: text
    assert decode_text(text.encode("gb18030"), "x")[0] == text


def test_damaged_utf8_is_reported_where() -> None:
    data = REPORT.encode("utf-8")
    cut = data.index(b"\n", 500) + 1
    damaged = data[:cut] + b"\xff" + data[cut:]
    with pytest.raises(InputError) as info:
        decode_text(damaged, "x")
    line = data[:cut].count(b"\n") + 1
    assert f"offset {cut} (line {line})" in info.value.message and "mostly UTF-8" in info.value.message


def test_empty_and_ascii() -> None:
    assert decode_text(b"", "x") == ("", "utf-8", False)
    assert decode_text(b"2021\r\n", "x", hint="big5") == ("2021\r\n", "utf-8", False)


# --- properties -----------------------------------------------------------------------------------------------

NAMES = st.sampled_from(
    [
        *(None, "utf-8", "gbk", "gb18030", "big5", "cp950", "big5hkscs", "utf-16", "utf-32", "latin-1", "shift_jis"),
        *("nope", "idna", "punycode", "undefined", "utf-7", "unicode_escape"),  # unknown, or failing in odd ways
    ]
)


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300), encoding=NAMES, hint=NAMES)
def test_any_bytes_give_text_or_input_error(data: bytes, encoding: str | None, hint: str | None) -> None:
    try:
        text, name, bom = decode_text(data, "x", encoding, hint)
    except InputError as exc:
        assert exc.message
        return
    assert isinstance(text, str) and isinstance(name, str) and isinstance(bom, bool)
    assert "\x00" not in text


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    head=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", "政府".encode("gb18030")]),
    data=st.binary(max_size=200),
)
def test_any_bytes_after_a_likely_start(head: bytes, data: bytes) -> None:
    with contextlib.suppress(InputError):
        decode_text(head + data, "x")


@cache
def alphabets() -> tuple[str, str]:
    """Characters of the reports: the simplified ones (as written), the traditional ones (as Big5 has them)."""
    simplified = {ch for p in FILES for ch in text_of(p) if "\u4e00" <= ch <= "\u9fff"}
    trad = {ch for p in FILES for ch in traditional(p) if "\u4e00" <= ch <= "\u9fff" and big5_bytes(ch)}
    return "".join(sorted(simplified)), "".join(sorted(trad))


def chinese(script: int) -> st.SearchStrategy[str]:
    filler = st.sampled_from(["，", "。", "、", "：", "\n", "1", "2", "0", " ", "（", "）", "《", "》"])
    han = st.sampled_from(alphabets()[script])
    return st.lists(st.one_of(han, han, han, filler), min_size=40, max_size=400).map("".join)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(text=chinese(0), codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_random_report_text_round_trips(text: str, codec: str) -> None:
    """40 or more characters of the reports' own characters, in any order: decided, and right."""
    expected = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "utf-16": "utf-16-le", "gb18030": "gb18030"}[codec]
    assert decode_text(text.encode(codec), "x")[:2] == (text, expected)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(text=chinese(1))
def test_random_traditional_text_round_trips_in_big5_and_gb18030(text: str) -> None:
    data, codec = big5_bytes(text) or (b"", "")
    assert decode_text(data, "x")[:2] == (text, codec)
    assert decode_text(text.encode("gb18030"), "x")[:2] == (text, "gb18030")


# --- real reports, speed --------------------------------------------------------------------------------------


def test_real_reports_still_decode_as_utf8() -> None:
    if not REAL.is_dir():
        pytest.skip("../shared/corpus-real is not available")
    files = sorted(REAL.glob("*.txt"))
    assert files
    for path in files:
        data = path.read_bytes()
        assert decode_text(data, path.name) == (data.decode("utf-8"), "utf-8", False), path.name


def test_detection_is_fast() -> None:
    """About 100 kB of GB18030 and of Big5 (the slow paths: every candidate scored) in well under 10 ms each;
    the bound here is loose so that a slow CI machine passes, but a quadratic scorer would not."""
    text = (REPORT * 40)[:60_000]
    for data in (text.encode("gb18030"), opencc.OpenCC("s2tw").convert(text).encode("big5")):
        assert len(data) >= 90_000
        decode_text(data, "x")
        best = min(_timed(data) for _ in range(3))
        assert best < 0.05, best


def _timed(data: bytes) -> float:
    start = time.perf_counter()
    decode_text(data, "x")
    return time.perf_counter() - start
