"""The same report in another layout reads the same: metamorphic tests over every visible real
report and over generated ones.

Every real report of ../shared (seeds, corpus-real and its pingtan-departments folder) is read, then
rewritten from its tree in the forms other sites and converters give (bench/derive.py: the body on
one line, a site's chrome glued to it, one cell per line with empty lines for empty cells, pipe
rows with empty cells, OCR Markdown with one table per group and table 四 in captioned parts,
wrapped labels, CRLF and CR line ends). The rewritten text must read the same cells — value and
status — and the same sections; a layout that loses where empty cells were (the body on one
line, a PDF row) may leave a cell unreadable, never read another value. Generated reports, with
and without empty cells, go through every layout and modifier of bench/layouts.py against the
values the generator drew.
"""

from __future__ import annotations

import random
from decimal import Decimal
from functools import cache
from pathlib import Path

import derive
import pytest
import reportgen
from conftest import REAL, SEEDS
from layouts import LAYOUTS, MODIFIERS, PART_MODIFIERS

from nianbao.api import Parsed, lint, parse
from nianbao.inputs.text import source_of
from nianbao.syntax.nodes import CellStatus
from nianbao.template import Version

SHARED_SEEDS = REAL.parent / "seeds"
PINGTAN = REAL / "pingtan-departments"


@cache
def parsed(path: Path) -> Parsed:
    """A file's tree, parsed once for every form it is compared in."""
    return parse(path)


@cache
def reports(folder: Path) -> list[Path]:
    """The annual reports of a folder (what is not one, S001, has no cells to compare)."""
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.glob("*.txt")) if not any(d.code == "S001" for d in lint(parsed(p)))]


def one_per_department() -> list[Path]:
    seen: dict[str, Path] = {}
    for path in reports(PINGTAN):
        seen.setdefault(path.name.split("_")[1], path)
    return list(seen.values())


def check(path: Path, form: str) -> None:
    original = parsed(path)
    text = derive.derive(original, form, seed=len(path.name))
    derived = parse(source_of(f"{path.name}:{form}", text))  # as a file of this text is read
    assert derive.compare(original, derived, form) == []
    assert derive.sections(derived) == derive.sections(original)


# the forms that differ most from how the real reports came
CORE_FORMS = ("original+chrome", "cellblank", "pipeblank", "ocr", "lines+wrap")


@pytest.mark.parametrize("form", CORE_FORMS)
@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:12])
def test_seeds_read_the_same_in_other_forms(path: Path, form: str) -> None:
    check(path, form)


@pytest.mark.slow
@pytest.mark.parametrize("form", [f for f in derive.FORMS if f not in CORE_FORMS])
@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:12])
def test_seeds_read_the_same_in_every_form(path: Path, form: str) -> None:
    check(path, form)


@pytest.mark.parametrize("form", CORE_FORMS)
@pytest.mark.parametrize("path", [*reports(REAL), *one_per_department()], ids=lambda p: p.name[:12])
def test_real_reports_read_the_same_in_other_forms(path: Path, form: str) -> None:
    check(path, form)


@pytest.mark.slow
@pytest.mark.parametrize("form", [f for f in derive.FORMS if f not in CORE_FORMS])
@pytest.mark.parametrize("path", reports(REAL), ids=lambda p: p.name[:12])
def test_real_reports_read_the_same_in_every_form(path: Path, form: str) -> None:
    check(path, form)


@pytest.mark.slow
@pytest.mark.parametrize("form", derive.FORMS)
@pytest.mark.parametrize("path", reports(PINGTAN), ids=lambda p: p.name[:12])
def test_every_department_report_reads_the_same_in_every_form(path: Path, form: str) -> None:
    check(path, form)


def test_the_real_corpus_is_there_or_skipped() -> None:
    if not REAL.is_dir():
        pytest.skip("../shared/corpus-real is not available")
    assert len(reports(REAL)) >= 15 and len(one_per_department()) == 12
    # what is compared: the cells of the real reports (the texts without tables have none)
    assert sum(len(derive.readable_cells(parse(p))) for p in one_per_department()) >= 12 * 190


# --------------------------------------------------------------------------- generated reports

LOSSY = {"runon", "oneline", "spaced", "pdftext"}  # empty cells vanish from these layouts
FORMS = [
    *LAYOUTS,
    *(f"{layout}+{mod}" for layout in ("lines", "pipe", "cellblank", "ocr") for mod in MODIFIERS),
    *(f"{layout}+{mod}" for layout in ("oneline", "runon", "pipeblank", "markdown") for mod in PART_MODIFIERS),
]


@pytest.mark.parametrize("blanks", [False, True], ids=["filled", "with-blanks"])
@pytest.mark.parametrize("form", FORMS)
def test_generated_reports_in_every_layout(form: str, blanks: bool) -> None:
    """Every cell is read as drawn (an empty cell as blank); where a layout loses the empty cells, or
    run-on text fuses digits the arithmetic cannot split, a cell may be unreadable — never wrong."""
    generated_in(form, blanks, range(1))


@pytest.mark.slow
@pytest.mark.parametrize("blanks", [False, True], ids=["filled", "with-blanks"])
@pytest.mark.parametrize("form", FORMS)
def test_more_generated_reports_in_every_layout(form: str, blanks: bool) -> None:
    generated_in(form, blanks, range(1, 12))


def generated_in(form: str, blanks: bool, seeds: range) -> None:
    for seed in seeds:
        version = Version.V2019 if seed % 2 else Version.V2021
        data = reportgen.random_report(random.Random(2000 + seed), version)
        if blanks:
            data = reportgen.with_blanks(data, random.Random(seed))
        text = reportgen.render(data, form, random.Random(seed))
        cells = {c.key: c for c in parse(source_of(f"gen-{seed}-{form}", text)).report.cells()}
        lossy = form.split("+")[0] in LOSSY
        for key, value in data.values.items():
            c = cells[key]
            if c.status is CellStatus.UNREADABLE and (lossy or form.startswith("runon")):
                continue
            want = CellStatus.BLANK if key in data.blank else CellStatus.OK
            assert c.status is want, (seed, key, c)
            if want is CellStatus.OK:
                assert c.value == Decimal(value), (seed, key, c.raw)
