"""Conforming reports, changed in one way each, give exactly the expected diagnostics, at the right lines."""

from __future__ import annotations

from collections import Counter

from conftest import CONFORMING

from nianbao.api import lint, parse
from nianbao.nodes import CellStatus
from nianbao.source import Source

SERIOUS = ("error", "warning")


def load(name: str) -> list[str]:
    return (CONFORMING / name).read_text("utf-8").splitlines(keepends=True)


def find(lines: list[str], start: str) -> int:
    """0-based index of the line that starts with ``start``."""
    return next(i for i, line in enumerate(lines) if line.startswith(start))


def serious(lines: list[str]) -> Counter[tuple[str, int]]:
    src = Source("<mutated>", "".join(lines))
    return Counter((d.code, src.position(d.span.start).line) for d in lint(src) if d.severity in SERIOUS)


def cells(lines: list[str]) -> dict[tuple[str, str], object]:
    p = parse(Source("<mutated>", "".join(lines)))
    return {(c.key.row, c.key.column): c for c in p.report.cells() if c.key.table == "三"}


def test_unmutated_is_clean() -> None:
    assert serious(load("v2021_pipe.txt")) == Counter()
    assert serious(load("v2019_lines.txt")) == Counter()


def test_section_removed() -> None:
    lines = load("v2021_pipe.txt")
    five, six = find(lines, "五、"), find(lines, "六、")
    del lines[five:six]
    assert serious(lines) == Counter({("S101", five + 1): 1})  # reported where 五 should start


def test_section_removed_lines_layout() -> None:
    lines = load("v2019_lines.txt")
    two, three = find(lines, "二、"), find(lines, "三、")
    del lines[two:three]
    assert serious(lines) == Counter({("S101", two + 1): 1})


def test_rows_swapped() -> None:
    lines = load("v2021_pipe.txt")
    a, b = find(lines, "3.危及"), find(lines, "4.保护第三方")
    before = cells(lines)
    lines[a], lines[b] = lines[b], lines[a]
    assert serious(lines) == Counter({("T107", b + 1): 1})  # 3.危及… now comes after 4.
    after = cells(lines)
    assert {k: c.value for k, c in after.items()} == {k: c.value for k, c in before.items()}  # type: ignore[attr-defined]


def test_cell_blanked() -> None:
    lines = load("v2021_pipe.txt")
    i = find(lines, "4.保护第三方")
    label, _first, rest = lines[i].split("|", 2)
    lines[i] = "|".join([label, "  ", rest])
    assert serious(lines) == Counter({("T201", i + 1): 1})
    assert cells(lines)[("4.保护第三方合法权益", "自然人")].status is CellStatus.BLANK  # type: ignore[attr-defined]


def test_cell_emptied_in_one_cell_per_line_layout() -> None:
    """With one cell per line and an empty line between cells, a cell whose line is emptied is an
    empty line with a separator on each side: it is read as blank where it is, the other cells stay."""
    lines = load("v2019_lines.txt")
    i = find(lines, "4.保护第三方")
    assert lines[i + 1].strip() == "" and lines[i + 2].strip().isdigit()
    before = cells(lines)
    lines[i + 2] = "\n"
    assert serious(lines) == Counter({("T201", i + 1): 1})  # at the row (an empty line has no text to point at)
    after = cells(lines)
    row = "4.保护第三方合法权益"
    assert after[(row, "自然人")].status is CellStatus.BLANK  # type: ignore[attr-defined]
    assert {k: c.value for k, c in after.items() if k != (row, "自然人")} == {  # type: ignore[attr-defined]
        k: c.value  # type: ignore[attr-defined]
        for k, c in before.items()
        if k != (row, "自然人")
    }


def test_cell_lost_in_one_cell_per_line_layout() -> None:
    """A cell whose line is gone breaks the rhythm of the empty lines: it cannot be placed, and the
    row is unreadable, not shifted."""
    lines = load("v2019_lines.txt")
    i = find(lines, "4.保护第三方")
    assert lines[i + 1].strip() == "" and lines[i + 2].strip().isdigit()
    del lines[i + 2]
    first_value = next(j for j in range(i + 2, len(lines)) if lines[j].strip())
    assert serious(lines) == Counter({("T204", first_value + 1): 1})  # at the values it cannot place
    assert all(
        c.status is CellStatus.UNREADABLE  # type: ignore[attr-defined]
        for (row, _), c in cells(lines).items()
        if row == "4.保护第三方合法权益"
    )


def test_total_changed() -> None:
    lines = load("v2021_pipe.txt")
    i = find(lines, "（七）总计")
    parts = lines[i].rstrip("\n").split("|")
    total = int(parts[7])
    parts[7] = f" {total + 1} "
    lines[i] = "|".join(parts) + "\n"
    # one total off by one breaks the row total, the column total and the balance of 总计, and no
    # longer agrees with the 办结253件 of the text
    said = next(k for k, line in enumerate(lines) if "办结253件" in line)
    assert serious(lines) == Counter(
        {("A101", i + 1): 1, ("A102", i + 1): 1, ("A103", i + 1): 1, ("N101", said + 1): 1}
    )


def test_label_renamed() -> None:
    lines = load("v2021_pipe.txt")
    i = find(lines, "3.补正后申请内容仍不明确")
    lines[i] = lines[i].replace("3.补正后申请内容仍不明确", "3.申请内容不明确")
    assert serious(lines) == Counter({("T104", i + 1): 1})
    assert ("3.补正后申请内容仍不明确", "总计") in cells(lines)


def test_headers_truncated() -> None:
    lines = load("v2021_pipe.txt")
    i = next(i for i, line in enumerate(lines) if "本年制发件数" in line)
    lines[i] = lines[i].replace("本年制发件数", "本年制发").replace("本年废止件数", "本年废止")
    assert serious(lines) == Counter({("T105", i + 1): 2})


def test_block_missing() -> None:
    lines = load("v2021_pipe.txt")
    start = find(lines, "第二十条第（六）项")
    end = find(lines, "第二十条第（八）项")
    del lines[start:end]
    assert serious(lines) == Counter({("T102", start + 1): 1})


def test_sections_swapped() -> None:
    lines = load("v2021_pipe.txt")
    five, six = find(lines, "五、"), find(lines, "六、")
    end = find(lines, lines[-2]) if False else len(lines)
    sec5, rest = lines[five:six], lines[six:end]
    # 六 (and the signature after it) now comes before 五
    signature = [x for x in rest if x.strip() and not x.startswith(("六、",)) and ("年" in x and "月" in x)]
    assert signature, "the report ends with a dated signature"
    lines[five:end] = rest[:-2] + sec5 + rest[-2:]
    moved = find(lines, "五、")
    assert serious(lines) == Counter({("S102", moved + 1): 1})


def test_section_duplicated() -> None:
    lines = load("v2021_pipe.txt")
    five, six = find(lines, "五、"), find(lines, "六、")
    lines[six:six] = lines[five:six]
    assert serious(lines) == Counter({("S106", six + 1): 1})


def test_heading_missing_before_table() -> None:
    lines = load("v2021_pipe.txt")
    three = find(lines, "三、")
    del lines[three]
    # the intro line of section 三 now reads as the end of table 二's last row; the table itself
    # tells where section 三 begins
    corner = find(lines, "（本列数据")
    assert serious(lines) == Counter({("S105", corner + 1): 1})


def test_table_replaced_by_a_sentence() -> None:
    lines = load("v2021_pipe.txt")
    four = next(i for i, line in enumerate(lines) if line.startswith("四、") and "行政复议" in line)
    five = find(lines, "五、")
    lines[four + 1 : five] = ["本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。\n"]
    assert serious(lines) == Counter({("T101", four + 1): 1})


def test_row_missing() -> None:
    lines = load("v2021_pipe.txt")
    i = find(lines, "5.属于三类内部事务信息")
    values = lines[i].split("|")[1:8]
    del lines[i]
    # the column totals cannot be checked without the row: no A103, whatever its values were
    assert any(v.strip() != "0" for v in values)
    assert serious(lines) == Counter({("T103", i + 1): 1})


def test_extra_row() -> None:
    lines = load("v2021_pipe.txt")
    i = find(lines, "四、结转下年度继续办理")
    lines.insert(i, "合计 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n")
    assert serious(lines) == Counter({("T106", i + 1): 1})


def test_text_and_negative_in_cells() -> None:
    lines = load("v2021_pipe.txt")
    i = find(lines, "2.重复申请")
    parts = lines[i].split("|")
    parts[1], parts[2] = " 约3 ", " -2 "
    lines[i] = "|".join(parts)
    found = serious(lines)
    assert found[("T203", i + 1)] == 1 and found[("T205", i + 1)] == 1
    assert {code for code, _ in found} <= {"T203", "T205", "A101", "A102", "A103"}


def test_review_total_changed() -> None:
    lines = load("v2021_pipe.txt")
    i = next(j for j in range(find(lines, "四、"), len(lines)) if lines[j].split("|")[0].strip().isdigit())
    parts = lines[i].split("|")
    parts[4] = f" {int(parts[4]) + 2} "  # 行政复议 总计
    lines[i] = "|".join(parts)
    # the text says how many 行政复议 there were: it now disagrees with the table too
    said = next(j for j, line in enumerate(lines) if "被申请行政复议" in line)
    assert serious(lines) == Counter({("A104", i + 1): 1, ("N101", said + 1): 1})


def test_wrong_template_for_the_year() -> None:
    lines = load("v2019_pipe.txt")
    year = next(line for line in lines if "政府信息公开工作年度报告" in line)[:4]
    text = "".join(lines).replace(f"{year}年", "2022年")
    found = Counter((d.code, d.severity) for d in lint(Source("<2022>", text)))
    assert found[("D101", "error")] == 1


def test_wrong_period() -> None:
    lines = load("v2021_pipe.txt")
    i = next(j for j, line in enumerate(lines) if "统计期限" in line)
    lines[i] = lines[i].replace("12月31日", "11月30日")
    assert serious(lines) == Counter({("D102", i + 1): 1})


def test_fee_in_yuan() -> None:
    lines = load("v2021_pipe.txt")
    i = find(lines, "行政事业性收费")
    parts = lines[i].split("|")
    parts[1] = parts[1].rstrip() + "元 "
    lines[i] = "|".join(parts)
    assert serious(lines) == Counter({("T207", i + 1): 1})


def test_number_after_a_row_is_an_extra_cell() -> None:
    lines = load("v2021_pipe.txt")
    i = find(lines, "第二十条第（五）项")
    lines.insert(i, "12345\n")
    assert serious(lines) == Counter({("T106", i + 1): 1})


def test_unexpected_number_between_header_and_rows() -> None:
    lines = load("v2021_pipe.txt")
    i = find(lines, "一、本年新收")
    lines.insert(i, "12345\n")
    assert serious(lines) == Counter({("T109", i + 1): 1})
