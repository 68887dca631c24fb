"""Copied narrative text (内容雷同): masking, sketches, the join and the longest shared passage.

The generated series comes from ``bench/bench_similar.py`` (reportgen sections with the organs' own
text and planted copies); the real series from ``../shared/corpus-real`` (skipped when absent).
"""

from __future__ import annotations

import itertools
import os
import pickle
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REAL, ROOT, parsed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.compare.copies import (
    MIN_HAN,
    NAME,
    NUMBER,
    THRESHOLD,
    Pair,
    Sketch,
    comparable,
    longest_shared,
    mask,
    near_duplicates,
    similarity,
    sketch,
)

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

ORGAN = "青山市交通运输局"
OTHER = "临江县财政局"

SECTION = """一、总体情况
2022年，青山市交通运输局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，围绕交通运输重点工作，持续深化政务公开。
（一）主动公开。全年在局门户网站主动公开政府信息1236条，其中工作动态512条、通知公告87条，发布政策解读14篇。及时公开道路运输、港航管理、工程建设等重点领域信息，全面公开局机关权责清单和办事指南。
（二）依申请公开。全年共收到政府信息公开申请23件，上年结转2件，均已按时办结。我局严格执行登记、审核、答复、归档全流程管理，答复文书要素齐全。
（三）政府信息管理。建立公文公开属性源头认定机制，全年清理规范性文件18件，废止3件。坚持先审查后公开，未发生泄密事件。
（四）平台建设。完成政府信息公开专栏改版，新增“交通项目建设”“运输服务”两个专题，政务微信公众号全年推送信息436篇，粉丝数达2.3万人。
（五）监督保障。调整政务公开工作领导小组，将政务公开纳入年度绩效考核，组织业务培训3次，全年未发生因政府信息公开引发的行政复议和行政诉讼。"""

# The same section passed off by another organ a year later: its name, new figures, 我委 for 我局,
# and the line breaks of a PDF.
_COPY = (
    SECTION.replace(ORGAN, OTHER)
    .replace("2022年", "2023年")
    .replace("我局", "我委")
    .replace("1236", "987")
    .replace("512", "1,024")
    .replace("87条", "102条")
    .replace("14篇", "9篇")
    .replace("23件", "7件")
    .replace("436", "1150")
    .replace("2.3万", "4.15万")
    .replace("\n", "")
)
COPY = "\n".join(_COPY[i : i + 37] for i in range(0, len(_COPY), 37))

# Sentences every report writes, in one form or another.
STOCK = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级有关要求编制。"
    "坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党中央、国务院关于政务公开工作的决策部署，"
    "严格执行《中华人民共和国政府信息公开条例》，扎实推进政府信息公开各项工作。"
    "严格落实信息发布保密审查制度，坚持先审查、后公开，一事一审、全面审查。"
    "主动接受社会监督，认真办理群众意见建议，全年未发生因政府信息公开工作引发的责任追究情况。"
)


def own(seed: int, chars: int) -> str:
    from bench_similar import own_text

    return own_text(random.Random(seed), chars)


def sk(text: str, *names: str) -> Sketch:
    out = sketch(mask(text, names))
    assert out is not None
    return out


# --------------------------------------------------------------------------- mask


def test_mask_hides_figures_dates_and_names_and_keeps_every_offset() -> None:
    text = f"{ORGAN}\n2021年3月5日、2021-03-05、二〇二一年、3月5日：收到申请1,234.5件，\r\n我局办结12 件。"
    masked = mask(text, [ORGAN])
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(text) if c.isspace()] == [i for i, c in enumerate(masked) if c.isspace()]
    assert masked.startswith(NAME * len(ORGAN) + "\n")
    for date in ("2021年3月5日", "2021-03-05", "二〇二一年", "3月5日"):
        at = text.index(date)
        assert masked[at : at + len(date)] == NUMBER * len(date), date
    assert "收到申请" + NUMBER * 7 + "件" in masked
    assert NAME * 2 + "办结" + NUMBER * 2 + " 件" in masked
    assert not any(c.isdigit() for c in masked)


def test_mask_finds_names_across_line_breaks_and_without_their_place() -> None:
    assert mask("青山市交通\n运输局", [ORGAN]) == NAME * 5 + "\n" + NAME * 3
    assert mask("省交通运输局印发", [ORGAN]) == "省" + NAME * 5 + "印发"  # the name without 青山市
    assert mask("市教育局", ["河北省教育厅"]) == "市教育局"  # another organ's name stays


def test_mask_without_names_keeps_text() -> None:
    assert mask("政务公开工作") == "政务公开工作"


@SETTINGS
@given(st.text(alphabet="0123456789年月日号.,-/ \n\r\t\u3000\ue000我局青山市交通运输政务公开〇二一", max_size=80))
def test_mask_keeps_length_and_whitespace_for_any_text(text: str) -> None:
    masked = mask(text, [ORGAN, "青山"])
    assert len(masked) == len(text)
    for a, b in zip(text, masked, strict=True):
        assert a == b or (not a.isspace() and a != "\ue000" and b in (NUMBER, NAME))
    assert not any(c in "0123456789" for c in masked)


# --------------------------------------------------------------------------- sketch


def test_short_texts_get_no_sketch() -> None:
    assert sketch(mask("六、其他需要报告的事项\n无其他需要报告的事项。")) is None
    han = "".join(chr(0x4E00 + i) for i in range(MIN_HAN))
    assert sketch(han[:-1] + "1234567890 \n" * 20) is None  # figures and spaces do not count
    assert sketch(han) is not None


def test_sketch_is_small_and_picklable() -> None:
    s = sk(SECTION, ORGAN)
    assert pickle.loads(pickle.dumps(s)) == s
    assert len(s.fingerprints) == 4 * len(s)
    assert 0.15 * s.chars < len(s) < 0.3 * s.chars  # winnowing keeps ~2/(WINDOW+1) of the positions
    assert len(pickle.dumps(s)) < 1000
    assert list(s.values()) == sorted(set(s.values()))


def test_sketch_is_the_same_in_another_process() -> None:
    # hash() differs between processes; the sketch must not
    code = (
        "import sys; from nianbao.compare.copies import mask, sketch; "
        "print(sketch(mask(sys.stdin.read())).fingerprints.hex())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code], input=SECTION, capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == sk(SECTION).fingerprints.hex()


# --------------------------------------------------------------------------- what is and is not a copy


def test_copy_with_new_figures_organ_and_line_breaks_is_found() -> None:
    assert comparable(mask(SECTION, [ORGAN])) == comparable(mask(COPY, [OTHER]))
    original, copy = sk(SECTION, ORGAN), sk(COPY, OTHER)
    assert similarity(original, copy) == 1.0
    others = [(f"other{i}", sk(STOCK + own(i, 600))) for i in range(5)]
    pairs = near_duplicates([("original", original), *others, ("copy", copy)], THRESHOLD)
    assert pairs == [Pair("original", "copy", 1.0)]


def test_copy_with_a_tenth_rewritten_is_found() -> None:
    sentences = SECTION.split("。")
    sentences[3] = own(7, len(sentences[3]))  # one sentence of eleven
    edited = sk("。".join(sentences), OTHER)
    assert THRESHOLD <= similarity(sk(SECTION, ORGAN), edited) < 1.0


def test_sections_sharing_only_boilerplate_are_not_found() -> None:
    # as much stock text as own text: the Jaccard index stays near 1/3
    a, b = sk(STOCK + own(1, len(STOCK)), ORGAN), sk(STOCK + own(2, len(STOCK)), OTHER)
    assert 0.2 < similarity(a, b) < THRESHOLD
    assert near_duplicates([("a", a), ("b", b)], THRESHOLD) == []
    # and the same stock inside longer sections counts for less still
    c, d = sk(own(3, 300) + STOCK + own(4, 900), ORGAN), sk(STOCK + own(5, 1200), OTHER)
    assert similarity(c, d) < 0.2


def test_generated_series_precision_and_recall() -> None:
    from bench_similar import corpus

    sections, planted = corpus(400, seed=3)
    found: dict[tuple[int, int, int], float] = {}
    for number in (1, 5):
        items = [(s.report, sketch(mask(s.text, (s.organ,)))) for s in sections if s.number == number]
        pairs = near_duplicates([(i, s) for i, s in items if s is not None], THRESHOLD)
        found.update({(number, p.a, p.b): p.similarity for p in pairs})  # type: ignore[misc]
    assert set(found) <= set(planted)  # precision 100 %: no pair of independent sections
    assert {k for k, edit in planted.items() if edit <= 0.1} <= set(found)  # recall 100 % up to a tenth rewritten
    assert all(found[k] > 0.95 for k, edit in planted.items() if edit == 0)


# --------------------------------------------------------------------------- the join


def _brute_force(items: list[tuple[int, Sketch]], threshold: float) -> list[Pair]:
    return [
        Pair(a, b, similarity(x, y))
        for (a, x), (b, y) in itertools.combinations(items, 2)
        if similarity(x, y) >= threshold
    ]


_SETS = st.lists(st.frozensets(st.integers(0, 40), min_size=1, max_size=25), min_size=2, max_size=25)


@SETTINGS
@given(_SETS, st.sampled_from([0.1, 0.3, 0.5, 0.6, 2 / 3, 0.75, 0.9, 1.0]) | st.floats(0.01, 1.0), st.randoms())
def test_join_is_exact_and_independent_of_input_order(
    sets: list[frozenset[int]], threshold: float, rnd: random.Random
) -> None:
    items = [(i, Sketch.of(s)) for i, s in enumerate(sets)]
    expected = _brute_force(items, threshold)
    assert near_duplicates(items, threshold) == expected
    shuffled = items[:]
    rnd.shuffle(shuffled)
    again = {(frozenset((p.a, p.b)), p.similarity) for p in near_duplicates(shuffled, threshold)}
    assert again == {(frozenset((p.a, p.b)), p.similarity) for p in expected}


@SETTINGS
@given(
    st.lists(st.frozensets(st.integers(0, 30), min_size=1, max_size=12), min_size=1, max_size=6),
    st.lists(st.integers(0, 5), min_size=2, max_size=30),
    st.sampled_from([0.2, 0.5, 0.8, 1.0]),
)
def test_join_with_identical_sketches_is_exact(pool: list[frozenset[int]], picks: list[int], threshold: float) -> None:
    """Copied boilerplate gives many equal sketches: joined once per distinct sketch, the pairs are
    still exactly those of comparing every pair, in the same order."""
    items = [(i, Sketch.of(pool[k % len(pool)])) for i, k in enumerate(picks)]
    assert near_duplicates(items, threshold) == _brute_force(items, threshold)


def test_join_is_deterministic_on_generated_sections() -> None:
    from bench_similar import corpus

    sections, _ = corpus(150, seed=11)
    items = [(s.report, sketch(mask(s.text, (s.organ,)))) for s in sections if s.number == 1]
    items = [(i, s) for i, s in items if s is not None]
    first = near_duplicates(items, THRESHOLD)
    assert first
    rng = random.Random(0)
    for _ in range(3):
        rng.shuffle(items)
        pairs = near_duplicates(items, THRESHOLD)
        assert sorted((min(p.a, p.b), max(p.a, p.b), p.similarity) for p in pairs) == [  # type: ignore[type-var]
            (p.a, p.b, p.similarity) for p in first
        ]
        where = {key: at for at, (key, _) in enumerate(items)}
        order = [(where[p.a], where[p.b]) for p in pairs]
        assert order == sorted(order) and all(a < b for a, b in order)  # a before b, in input order


def test_join_rejects_a_bad_threshold_and_skips_empty_sketches() -> None:
    with pytest.raises(ValueError):
        near_duplicates([], 0.0)
    with pytest.raises(ValueError):
        near_duplicates([], 1.5)
    assert near_duplicates([("a", Sketch.of([])), ("b", Sketch.of([]))], 0.5) == []
    assert near_duplicates([("a", Sketch.of([1, 2])), ("b", Sketch.of([1, 2]))], 1.0) == [Pair("a", "b", 1.0)]


# --------------------------------------------------------------------------- the longest shared passage


def test_longest_shared_spans_the_copy_across_line_breaks_and_figures() -> None:
    a, b = mask(SECTION, [ORGAN]), mask(COPY, [OTHER])
    spans = longest_shared(a, b)
    assert spans is not None
    sa, sb = spans
    assert (sa.start, sa.end, sb.start, sb.end) == (0, len(SECTION), 0, len(COPY))
    # the original texts at the spans: the same once whitespace is gone and figures are masked
    assert comparable(a[sa.start : sa.end]) == comparable(b[sb.start : sb.end])


def test_longest_shared_of_sections_sharing_a_paragraph() -> None:
    paragraph = SECTION.splitlines()[3]
    a = mask(own(1, 400) + "\n" + paragraph + own(2, 300))
    b = mask(own(3, 200) + paragraph.replace("，", "，\n") + "\n" + own(4, 500))
    sa, sb = longest_shared(a, b)  # type: ignore[misc]
    assert comparable(a[sa.start : sa.end]) == comparable(b[sb.start : sb.end])
    assert comparable(mask(paragraph)) in comparable(a[sa.start - 1 : sa.end + 1])
    assert not a[sa.start].isspace() and not b[sb.end - 1].isspace()


def test_longest_shared_of_unrelated_texts() -> None:
    assert longest_shared("甲乙丙", "丁戊己") is None
    assert longest_shared("", "甲") is None
    assert longest_shared("\n \n", "\n") is None


def test_longest_shared_is_linear_on_long_texts() -> None:
    # difflib.SequenceMatcher(autojunk=False).find_longest_match takes ~6 s on this input
    text = "政务" * 5000
    start = time.perf_counter()
    sa, sb = longest_shared(text, text)  # type: ignore[misc]
    assert time.perf_counter() - start < 2.0
    assert (sa.start, sa.end, sb.start, sb.end) == (0, 10000, 0, 10000)


def _longest_brute(a: str, b: str) -> int:
    best = 0
    for i, j in itertools.product(range(len(a)), range(len(b))):
        k = 0
        while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
            k += 1
        best = max(best, k)
    return best


@SETTINGS
@given(st.text(alphabet="甲乙丙 \n#@\ue000", max_size=30), st.text(alphabet="甲乙丙 \n#@\ue000", max_size=30))
def test_longest_shared_is_a_longest_common_passage(a: str, b: str) -> None:
    spans = longest_shared(a, b)
    length = _longest_brute(comparable(a), comparable(b))
    if spans is None:
        assert length == 0
        return
    sa, sb = spans
    assert 0 <= sa.start < sa.end <= len(a) and 0 <= sb.start < sb.end <= len(b)
    assert comparable(a[sa.start : sa.end]) == comparable(b[sb.start : sb.end])
    assert len(comparable(a[sa.start : sa.end])) == length


# --------------------------------------------------------------------------- the real series

_ORGANS = {
    "gxt": "河北省工业和信息化厅",
    "kjt": "河北省科学技术厅",
    "jyt": "河北省教育厅",
    "rst": "河北省人力资源和社会保障厅",
}


def _section(path: Path, number: int) -> str | None:
    p = parsed(path)
    sec = p.report.sections.get(number)
    return None if sec is None else p.normalized.analysis[sec.span.start : sec.span.end]


def _hebei(number: int) -> list[tuple[tuple[str, int], Sketch]]:
    """The section of each 2019–2023 report of the four 河北 departments, keyed (organ, year)."""
    out = []
    for path in sorted(REAL.glob("0[1-3][0-9]_hebei_*_20*_*.txt")):
        _, _, organ, year, kind, *_ = path.stem.split("_")
        if not 2019 <= int(year) <= 2023 or kind in ("fazhi", "emptybody") or organ not in _ORGANS:
            continue
        text = _section(path, number)
        s = None if text is None else sketch(mask(text, [_ORGANS[organ]]))
        if s is not None:
            out.append(((organ, int(year)), s))
    return out


@pytest.mark.parametrize(
    ("number", "sections", "different", "expected"),
    [
        (1, 18, 0.22, {(("kjt", 2022), ("kjt", 2023)): (0.53, 0.54)}),  # four of five parts carried over
        (5, 16, 0.12, {(("kjt", 2021), ("kjt", 2022)): (0.85, 0.87)}),  # last year's text, new year
    ],
)
def test_hebei_series(
    real_corpus: Path,
    number: int,
    sections: int,
    different: float,
    expected: dict[tuple[tuple[str, int], tuple[str, int]], tuple[float, float]],
) -> None:
    items = _hebei(number)
    assert len(items) == sections
    other = [similarity(x, y) for (a, x), (b, y) in itertools.combinations(items, 2) if a[0] != b[0]]
    assert max(other) < different  # different organs: never near the threshold
    found = {(p.a, p.b): p.similarity for p in near_duplicates(items, THRESHOLD)}
    assert found.keys() == expected.keys()
    for key, (low, high) in expected.items():
        assert low <= found[key] < high


def test_hebei_carried_over_passage(real_corpus: Path) -> None:
    a = mask(_section(REAL / "021_hebei_kjt_2022_flat.txt", 1) or "", [_ORGANS["kjt"]])
    b = mask(_section(REAL / "022_hebei_kjt_2023_flat.txt", 1) or "", [_ORGANS["kjt"]])
    sa, sb = longest_shared(a, b)  # type: ignore[misc]
    assert len(comparable(a[sa.start : sa.end])) >= 150
    assert "积极依托厅门户网站打造全面的政务公开平台" in a[sa.start : sa.end]
    assert comparable(a[sa.start : sa.end]) == comparable(b[sb.start : sb.end])


def test_same_report_extracted_twice(real_corpus: Path) -> None:
    # one PDF through pdfminer and pypdf: other line breaks, the same text
    for number in (1, 5):
        a = _section(REAL / "011_huaian_city_2024_pdfminer.txt", number)
        b = _section(REAL / "012_huaian_city_2024_pypdf.txt", number)
        assert a and b and a != b
        assert similarity(sk(a, "淮安市人民政府"), sk(b, "淮安市人民政府")) == 1.0
