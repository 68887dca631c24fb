"""Whatever arrives, nianbao answers: linear time, precise answers to broken input, deterministic output.

Time is measured only as *ratios* (the same work at 1× and at 10× or 16× the size), never against
absolute budgets, and as the CPU time of this process (not wall time, which other processes on a
busy machine disturb), so that a slow or loaded machine does not fail the tests while a quadratic
algorithm does: linear growth gives a ratio near the size factor, quadratic its square.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import json
import os
import pkgutil
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CONFORMING, ROOT, seed

import nianbao
from nianbao.api import lint, parse
from nianbao.load import InputError, read_path
from nianbao.source import Position, Source
from nianbao.syntax import grammar_cache
from nianbao.syntax.normalize import MASK

BASE = (CONFORMING / "v2021_pipe.txt").read_text("utf-8")


def best_time(fn: Callable[[], object], runs: int = 2) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


# ---------------------------------------------------------------------------------------------
# Regular expressions: every compiled pattern of the package, fed the inputs that make a
# backtracking engine go quadratic (long runs of one character, after a line start).


def all_patterns() -> dict[str, re.Pattern[str]]:
    out: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(nianbao.__path__, "nianbao."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if isinstance(obj, re.Pattern) and isinstance(obj.pattern, str):
                out[f"{info.name}.{name}"] = obj
            elif callable(obj) and hasattr(obj, "cache_info") and getattr(obj, "__module__", "") == info.name:
                try:
                    if inspect.signature(obj).parameters:
                        continue
                except (TypeError, ValueError):
                    continue
                value = obj()  # cached builders of patterns (the label trie, the headings)
                for i, item in enumerate(value if isinstance(value, tuple) else (value,)):
                    if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                        out[f"{info.name}.{name}()[{i}]"] = item
    return out


ATOMS = [" ", "\r", "\n", "\r\n", "0", "一", "、", "|", "年", "(", ":", "：", MASK, "【", "-", ".", "万", "，"]
ATOMS += ["第", "条", "项", "月", "日", " 0", "0 ", "一、", "年 ", "| ", "0|", "发布时间", "。", "\u3000", "\t"]
PREFIXES = ["", "\n", "一、", "2020年", "为"]


def test_patterns_are_found() -> None:
    names = set(all_patterns())
    assert len(names) >= 40
    assert {
        "nianbao.syntax.chrome.LINE",
        "nianbao.syntax.chrome.PHRASE",
        "nianbao.syntax.meta._PERIOD",
        "nianbao.syntax.lexer._NUM",
    } <= names


@pytest.mark.slow  # 144 patterns × their worst inputs: ~20 s of CPU
@pytest.mark.parametrize("name", sorted(all_patterns()))
def test_regex_is_linear_on_its_worst_inputs(name: str) -> None:
    pattern = all_patterns()[name]

    def scan(text: str) -> float:
        start = time.process_time()
        for _ in pattern.finditer(text):
            pass
        return time.process_time() - start

    bad = []
    for atom in ATOMS:
        for prefix in PREFIXES:
            big = prefix + atom * 16000
            t_big = scan(big)
            if t_big < 0.004:
                continue  # quadratic work on 16,000 characters takes far longer than this
            if t_big > 0.5:  # a linear scan of 16,000 characters is never this slow: do not wait for more
                bad.append((round(t_big * 1000), f"{prefix + atom!r}: {t_big:.1f} s"))
                break
            small = prefix + atom * 1000  # 16× smaller
            ratio = t_big / max(min(scan(small) for _ in range(2)), 1e-6)
            if ratio > 64:  # linear ≈ 16, quadratic ≈ 256; measure again before blaming
                ratio = min(t_big, scan(big)) / max(min(scan(small) for _ in range(3)), 1e-6)
            if ratio > 64:
                bad.append((round(ratio), repr(prefix + atom)))
    assert not bad, f"{name} grows faster than linearly on {sorted(bad, reverse=True)[:3]}"


# ---------------------------------------------------------------------------------------------
# The whole pipeline on pathological shapes, 1× and 10×

SHAPES: dict[str, Callable[[int], str]] = {
    "report repeated": lambda n: BASE * n,
    "one long line": lambda n: "政府信息公开" * (600 * n),
    "many short lines": lambda n: "一\n" * (2000 * n),
    "many table rows": lambda n: BASE + "\n".join("行政许可 | 1 | 2 | 3 |" for _ in range(100 * n)),
    "repeated headings": lambda n: "\n".join("三、收到和处理政府信息公开申请情况" for _ in range(60 * n)),
    "long run of digits": lambda n: "规范性文件" + "8" * (2000 * n),
    "pathological whitespace": lambda n: " \t\u3000 " * (1000 * n) + "\n" + "\r" * (500 * n) + "\r\n" * (200 * n),
    "pipes only": lambda n: "|" * (3000 * n),
    "fused digits in rows": lambda n: BASE.replace(" | ", "") * n,
}


@pytest.mark.slow
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_pipeline_time_grows_linearly(shape: str) -> None:
    """1×, 10× and 100× the input: linear growth gives ratios near 10 and 100, quadratic 100 and 10,000."""
    make = SHAPES[shape]
    lint(parse(Source("warm", make(1))))  # parser loaded, caches warm

    def run(n: int) -> Callable[[], object]:
        text = make(n)
        return lambda: lint(parse(Source("x", text)))

    t1 = max(best_time(run(1)), 0.002)  # below 2 ms the fixed costs dominate
    t10, t100 = best_time(run(10), runs=1), best_time(run(100), runs=1)
    ms = f"{t1 * 1000:.1f} → {t10 * 1000:.1f} → {t100 * 1000:.1f} ms"
    assert t10 / t1 < 30 and t100 / t1 < 300, f"{shape}: time grows faster than the input ({ms})"


@pytest.mark.slow
def test_a_million_short_lines() -> None:
    text = "一\n" * 1_000_000
    t1 = best_time(lambda: lint(parse(Source("x", text[:20_000]))))
    started = time.process_time()
    parsed = parse(Source("x", text))
    lint(parsed)
    ratio = (time.process_time() - started) / t1
    assert "".join(parsed.source.slice(leaf.span) for leaf in parsed.report.leaves()) == text
    assert ratio < 300, f"100× the lines took {ratio:.0f}× the time"


@pytest.mark.slow
def test_fused_digits_are_tried_within_one_budget_a_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row of the tables one run of 22 fused digits: each row alone is within MAX_SPLITS
    (54,264 ways for table 三's seven columns), all of them together were 1.4 GB and 22 s. The
    report tries at most REPORT_SPLITS of them; the rows beyond are unreadable and say why."""
    from nianbao.syntax import cell_values as cells

    tried = 0
    real = cells.iter_splits

    def counted(*args: object) -> object:
        nonlocal tried
        for split in real(*args):  # type: ignore[arg-type]
            tried += 1
            yield split

    monkeypatch.setattr(cells, "iter_splits", counted)
    lines = [
        line.split("|")[0] + " 1234567890123456789012" if line.count("|") >= 4 and re.search(r"\|\s*\d", line) else line
        for line in BASE.splitlines()
    ]
    parsed = parse(Source("x", "\n".join(lines)))
    assert 0 < tried <= cells.REPORT_SPLITS
    spent = [c for c in parsed.report.cells() if c.untried]
    assert spent and all(c.status.value == "unreadable" for c in spent)
    said = [d.message for d in lint(parsed) if d.code == "T204"]
    assert any("本报告连写数字的拆分已达上限" in m for m in said), said
    assert not [c for c in parsed.report.cells() if c.split and c.key.table == "二"]  # no arithmetic: never split


# ---------------------------------------------------------------------------------------------
# Broken input gets a precise answer


def codes(text: str) -> list[str]:
    return [d.code for d in lint(parse(Source("x", text)))]


def cell(text: str, row: str) -> tuple[str, object, str]:
    c = next(c for c in parse(Source("x", text)).report.cells() if c.key.row == row)
    return c.status.value, c.value, c.raw


def test_empty_and_whitespace_only_are_not_reports() -> None:
    assert codes("") == ["S001"]
    assert codes("  \n\t\n\u3000\r\n") == ["S001"]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (bytes(range(256)) * 4, "不是文本文件"),
        ("一、总体情况\x00\n".encode(), "NUL"),
        (b"\x00" * 100, "not a text file"),
    ],
)
def test_binary_is_refused(data: bytes, says: str) -> None:
    from nianbao.load import decode

    with pytest.raises(InputError, match=says):
        decode(data, "x.txt")


def test_invalid_utf8_in_the_middle_names_the_place() -> None:
    from nianbao.load import decode

    data = BASE[:500].encode() + b"\xff\xfe" + BASE[500:].encode()
    with pytest.raises(InputError) as exc:
        decode(data, "x.txt")
    line = BASE[:500].count("\n") + 1
    assert f"第 {line} 行" in exc.value.message and str(len(BASE[:500].encode())) in exc.value.message


def test_truncated_report_says_what_is_missing() -> None:
    cut = BASE[: len(BASE) // 2]
    found = codes(cut)
    assert found.count("S101") == 3  # sections 四, 五, 六
    assert "T103" in found  # the rows of table 三 after the cut
    assert all(parse(Source("x", cut)).source.position(0).line == 1 for _ in [0])


def test_two_reports_concatenated() -> None:
    found = codes(BASE + "\n" + BASE)
    assert found.count("S106") == 6  # each section again


def test_report_inside_another_document() -> None:
    text = "关于印发某某的通知\n各单位：\n现将报告印发给你们。\n\n" + BASE + "\n\n附件：1.某某\n抄送：某某\n"
    found = codes(text)
    assert "S001" not in found and "S101" not in found
    p = parse(Source("x", text))
    assert [c.value for c in p.report.cells()] == [c.value for c in parse(Source("y", BASE)).report.cells()]


def test_duplicated_and_shuffled_sections() -> None:
    dup = BASE.replace("五、存在的主要问题及改进情况", "一、总体情况\n重复。\n五、存在的主要问题及改进情况")
    assert codes(dup) == ["S106"]
    five = BASE.index("五、存在的主要问题及改进情况")
    six = BASE.index("六、其他需要报告的事项")
    swapped = BASE[:five] + BASE[six:].rstrip("\n") + "\n" + BASE[five:six]
    assert "S102" in codes(swapped)


def test_rows_with_extra_or_missing_cells() -> None:
    row = "| 249 | 0 | 0 | 0 | 5 | 0 | 254 |"
    assert codes(BASE.replace(row, "| 249 | 0 | 0 | 0 | 5 | 0 | 254 | 7 |")) == ["T106"]
    assert codes(BASE.replace(row, "| 249 | 0 | 0 | 5 | 0 | 254 |")) == ["T204"]  # which cell is missing?


def test_blank_cells_at_the_end_of_a_pipe_row() -> None:
    row = "一、本年新收政府信息公开申请数量 | 249 | 0 | 0 | 0 | 5 | 0 | 254 | ||"
    line = BASE.split("\n").index(row) + 1
    last = BASE.replace(row, "一、本年新收政府信息公开申请数量 | 249 | 0 | 0 | 0 | 5 | 0 |  | ||")
    (d,) = lint(parse(Source("x", last)))
    assert (d.code, d.message) == ("T201", "“一、本年新收政府信息公开申请数量”行1个单元格空白：总计")
    assert parse(Source("x", last)).source.position(d.span.start) == Position(line, 45)  # the empty cell itself
    two = BASE.replace(row, "一、本年新收政府信息公开申请数量 | 249 | 0 | 0 | 0 | 5 |  |  | ||")
    assert [d.message for d in lint(parse(Source("x", two)))] == [
        "“一、本年新收政府信息公开申请数量”行2个单元格空白：其他、总计"
    ]
    # one cell short of the table's width: values run together, split only by the arithmetic
    fused = BASE.replace(row, "一、本年新收政府信息公开申请数量 | 249 | 0 | 0 | 0 | 5 | 0254 | ||")
    assert [d.code for d in lint(parse(Source("x", fused)))] == ["T206"]


@pytest.mark.parametrize(
    ("written", "status", "value", "found"),
    [
        ("５５２", "ok", 552, []),  # full-width digits
        ("55２", "ok", 552, []),
        ("552件", "ok", 552, []),  # a unit after the count
        ("552 ", "ok", 552, []),
        ("1,552", "ok", 1552, []),  # thousands grouping
        ("5,52", "invalid", None, ["T203"]),  # a comma that groups nothing: never read as 5 or 552
        ("55,2", "invalid", None, ["T203"]),
        ("-", "placeholder", None, ["T202"]),
        ("约552", "invalid", None, ["T203"]),  # "about": not a count
        ("５.５万", "invalid", None, ["T203"]),
        # digits apart in one pipe cell (552 with a stray space, or two numbers): unreadable, never
        # 5 with 52 extra, nor 552
        ("5 52", "invalid", None, ["T203"]),
    ],
)
def test_numbers_as_written(written: str, status: str, value: int | None, found: list[str]) -> None:
    text = BASE.replace("行政许可 | 552 |", f"行政许可 | {written} |")
    got_status, got_value, _ = cell(text, "行政许可")
    assert (got_status, got_value) == (status, value)
    assert codes(text) == found


# ---------------------------------------------------------------------------------------------
# Paths


def test_directory_missing_and_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="是目录"):
        read_path(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    locked = tmp_path / "locked.txt"
    locked.write_text("一、总体情况", "utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who can read anything (root)")
        with pytest.raises(InputError, match="permission denied"):
            read_path(locked)
    finally:
        locked.chmod(0o600)


def test_symlink_loop(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(InputError) as exc:
        read_path(a)
    assert "a.txt" in str(exc.value)


def test_endless_input_is_cut_at_the_limit() -> None:
    """A device named as input is refused unopened; the same stream on standard input is cut at the limit."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(InputError, match="a device, not a regular file"):
        read_path("/dev/zero")
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [sys.executable, "-m", "nianbao.cli", "lint", "-", "--max-file-size", "1"],
            stdin=zero,
            capture_output=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2 and "文件超过 1 MB 上限" in done.stderr.decode()


def test_file_growing_while_read_is_read_once(tmp_path: Path) -> None:
    """What is parsed is one read of the input: a writer appending meanwhile cannot tear a token.
    (A FIFO named as input is refused: pipes come through standard input.)"""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="a FIFO, not a regular file"):
        read_path(fifo)  # before: waited for a writer for ever
    script = (
        "import sys, time\n"
        "out = sys.stdout.buffer\n"
        "for part in sys.stdin.buffer.read().split(b'\\n'):\n"
        "    out.write(part + b'\\n'); out.flush(); time.sleep(0.001)\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert writer.stdin is not None
    writer.stdin.write(BASE.encode())
    writer.stdin.close()
    done = subprocess.run(
        [sys.executable, "-m", "nianbao.cli", "debug", "-", "--stage", "text"],
        stdin=writer.stdout,
        capture_output=True,
        timeout=60,
        check=False,
    )
    writer.wait(timeout=30)
    text = done.stdout.decode()
    assert done.returncode == 0 and f"{BASE.count(chr(10)) + 2} lines" in text.splitlines()[0]


@pytest.mark.slow
def test_inputs_are_never_modified(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_bytes(seed("001").read_bytes())
    before = (f.read_bytes(), f.stat().st_mtime_ns)
    for cmd in (["lint"], ["tree"], ["export"], ["parse", "--format", "json"], ["summary"]):
        subprocess.run([sys.executable, "-m", "nianbao.cli", *cmd, str(f)], capture_output=True, check=False)
    assert (f.read_bytes(), f.stat().st_mtime_ns) == before


# ---------------------------------------------------------------------------------------------
# Determinism and caches


@pytest.mark.slow
def test_output_is_identical_across_processes_and_hash_seeds() -> None:
    outputs = set()
    for hash_seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-m", "nianbao.cli", "lint", "--isolated", "--format", "sarif", str(ROOT / "corpus")],
            capture_output=True,
            env=env,
            check=False,
        )
        assert done.returncode == 1 and done.stderr == b""
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop())["runs"][0]["results"]


def test_unsafe_cache_is_not_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path / "cache"))
    grammar_cache.parser.cache_clear()
    try:
        grammar_cache.parser()
        (cached,) = (tmp_path / "cache").glob("parser-*.pickle")
        assert grammar_cache._safe_to_load(cached)
        cached.chmod(0o666)  # anyone could have replaced it
        assert not grammar_cache._safe_to_load(cached)
        (tmp_path / "cache").chmod(0o777)
        cached.chmod(0o600)
        assert not grammar_cache._safe_to_load(cached)
        # and it is rebuilt, not loaded
        loaded: list[object] = []
        import lark

        monkeypatch.setattr(lark.Lark, "load", classmethod(lambda cls, fh: loaded.append(fh)))
        grammar_cache.parser.cache_clear()
        assert grammar_cache.parser() is not None and loaded == []
    finally:
        (tmp_path / "cache").chmod(0o700)
        grammar_cache.parser.cache_clear()


# ---------------------------------------------------------------------------------------------
# The public Python API


def test_api_lint_never_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import nianbao

    (missing,) = nianbao.lint(tmp_path / "nope.txt")
    assert (missing.code, missing.severity.value) == ("E001", "error") and "no such file" in missing.message
    assert [d.code for d in nianbao.lint(b"\x00\x01\x02")] == ["E001"]
    assert nianbao.lint("一、总体情况")  # a string is the text of a report
    # a fault of nianbao's becomes E900, naming the file
    import nianbao.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(nianbao.api, "parse_source", broken)
    (fault,) = nianbao.lint(seed("002"))
    assert fault.code == "E900" and "boom" in fault.message and seed("002").name in fault.message
    with pytest.raises(nianbao.InternalError) as exc:
        nianbao.parse(seed("002"))
    assert isinstance(exc.value.__cause__, RuntimeError) and isinstance(exc.value, nianbao.NianbaoError)


def test_api_parse_raises_only_input_error_for_unreadable_input(tmp_path: Path) -> None:
    import nianbao

    with pytest.raises(nianbao.InputError):
        nianbao.parse(tmp_path / "nope.txt")
    with pytest.raises(TypeError):
        nianbao.parse(42)  # type: ignore[arg-type]  # a programming error, not input


def test_import_is_cheap() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, nianbao; print(sorted(m for m in sys.modules if m.split('.')[0] in ('lark', 'rich', 'docx')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------
# Inputs found by the fuzzer (bench/fuzz/): each once broke a guarantee


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "data" / "fuzz").iterdir()), ids=lambda p: p.name)
def test_fuzzer_findings(path: Path) -> None:
    from nianbao.inputs import load as load_input
    from nianbao.render.formats import FORMATS, FileResult, render

    try:
        source = load_input(path.read_bytes(), path.name, form="text")
    except InputError:
        return
    parsed = parse(source)
    assert "".join(source.slice(leaf.span) for leaf in parsed.report.leaves()) == source.text
    diagnostics = lint(parsed)
    for fmt in FORMATS:
        render(fmt, [FileResult(path.name, source, tuple(diagnostics))])


@pytest.mark.parametrize("footer", ["- 3 -", "— 3 —", "第 3 页", "第3页 共12页", "第3页/共12页", "3/12", "3 / 12"])
def test_page_numbers_inside_a_table_are_set_aside(footer: str) -> None:
    lines = BASE.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("（三）不予公开"))
    text = "\n".join([*lines[:at], footer, *lines[at:]])
    diagnostics = lint(parse(Source("x", text)))
    assert [(d.code, d.message) for d in diagnostics] == [("X101", f"已排除页码：“{footer}”")]
    assert [c.value for c in parse(Source("x", text)).report.cells()] == [
        c.value for c in parse(Source("y", BASE)).report.cells()
    ]
