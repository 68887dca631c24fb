"""Properties that hold for any input: no exception escapes, the tree is lossless, spans are sane.

Inputs are corpus reports mutated at the byte, character, line and cell level. Hypothesis runs
derandomised (the same examples every run), so CI is deterministic; ``NIANBAO_EXAMPLES=600``
runs that many random examples per test instead, for a longer search by hand.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.api import lint, parse
from nianbao.load import InputError, decode
from nianbao.source import Source
from nianbao.syntax.nodes import Node

FILES = sorted(CORPUS.rglob("*.txt"))
TEXTS = [p.read_text("utf-8") for p in FILES]
BYTES = [p.read_bytes() for p in FILES]

SETTINGS = settings(
    max_examples=int(os.environ.get("NIANBAO_EXAMPLES", "60")),  # more for a longer local run
    deadline=None,
    derandomize="NIANBAO_EXAMPLES" not in os.environ,  # CI: the same examples every run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_tree(source: Source) -> None:
    parsed = parse(source)
    report = parsed.report
    # every character of the input belongs to exactly one leaf, in order
    leaves = list(report.leaves())
    assert "".join(source.slice(leaf.span) for leaf in leaves) == source.text
    at = 0
    for leaf in leaves:
        assert leaf.span.start == at
        at = leaf.span.end
    assert at == len(source.text)
    _spans_nest(report)
    for diag in lint(parsed):
        assert 0 <= diag.span.start <= diag.span.end <= len(source.text)
        assert diag.message


def _spans_nest(node: Node) -> None:
    for child in node.children:
        assert node.span.start <= child.span.start <= child.span.end <= node.span.end
        _spans_nest(child)


def lines_of(text: str) -> list[str]:
    return text.splitlines(keepends=True)


@SETTINGS
@given(st.sampled_from(TEXTS), st.data())
def test_cut_anywhere(text: str, data: st.DataObject) -> None:
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    check_tree(Source("<cut>", text[:a] + text[b:]))


@SETTINGS
@given(st.sampled_from(TEXTS), st.data())
def test_shuffle_and_duplicate_lines(text: str, data: st.DataObject) -> None:
    lines = lines_of(text)
    ops = data.draw(st.lists(st.tuples(st.sampled_from(["dup", "swap", "drop"]), st.integers(0, 10_000)), max_size=6))
    for op, i in ops:
        if not lines:
            break
        i %= len(lines)
        j = (i * 7 + 3) % len(lines)
        if op == "dup":
            lines.insert(j, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        else:
            del lines[i]
    check_tree(Source("<lines>", "".join(lines)))


@SETTINGS
@given(st.sampled_from(TEXTS), st.lists(st.tuples(st.integers(0, 10**6), st.text(max_size=5)), max_size=8))
def test_insert_random_text(text: str, edits: list[tuple[int, str]]) -> None:
    for pos, piece in edits:
        pos %= len(text) + 1
        text = text[:pos] + piece + text[pos:]
    check_tree(Source("<chars>", text))


@SETTINGS
@given(st.sampled_from(TEXTS), st.data())
def test_mangle_cells(text: str, data: st.DataObject) -> None:
    """Digits replaced by other digits, placeholders, nothing, or glued to their neighbours."""
    out = []
    for ch in text:
        if ch.isdigit():
            out.append(data.draw(st.sampled_from(["0", "7", "12", "", "\\", "-", "无", ch, ch, ch])))
        elif ch in "|\n" and data.draw(st.integers(0, 9)) == 0:
            out.append("")
        else:
            out.append(ch)
    check_tree(Source("<cells>", "".join(out)))


@SETTINGS
@given(st.sampled_from(BYTES), st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=4)), max_size=6))
def test_random_bytes_never_crash(data: bytes, edits: list[tuple[int, bytes]]) -> None:
    for pos, piece in edits:
        pos %= len(data) + 1
        data = data[:pos] + piece + data[pos:]
    try:
        source = decode(data, "<bytes>")
    except InputError as exc:
        assert exc.message  # a clear error, not a crash
        return
    check_tree(source)


def test_empty_and_whitespace() -> None:
    for text in ["", " ", "\n\n\r\n\r", "\u3000\u3000", "|||", "一、", "0"]:
        check_tree(Source("<tiny>", text))


def test_two_reports_concatenated() -> None:
    check_tree(Source("<two>", TEXTS[0] + "\n" + TEXTS[1]))


def test_files_exist() -> None:
    assert len(FILES) >= 5
    assert all(isinstance(p, Path) for p in FILES)
