"""Write the conforming corpus: corpus/conforming/{v2019,v2021}_{layout}.txt and expected.json.

Deterministic: the reports are drawn from fixed seeds, so running this again rewrites the same
files. Run as a script (its directory, bench/, is then on sys.path): ``.venv/bin/python bench/make_conforming.py``.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from reportgen import ReportData, cell_records, check_relations, random_report, render  # bench/ is on sys.path

import nianbao.template as T

OUT = Path(__file__).resolve().parent.parent / "corpus" / "conforming"
LAYOUTS = ("pipe", "lines", "cellbar", "spaced", "runon", "cr", "markdown", "tsv")
# Seeds chosen so that the two reports differ in organ and year and show the less common features:
# V2019 (东阳区财政局, 2019): hundreds of applications, a negative 本年增/减, 采购总金额 with decimals,
# 行政复议 cases, an intro line in section 二; V2021 (白水县应急管理局, 2021): hundreds of applications,
# 本年收费金额, 结转下年度 cases, 行政复议 cases, intro lines in sections 三 and 四.
SEEDS: dict[T.Version, int] = {T.Version.V2019: 377, T.Version.V2021: 953}
# Section 五 of its own for V2021: the generator drew the same boilerplate for both seeds, and two
# organs' reports that share a section are rightly copies (C201) — not what a conforming corpus shows.
# The paragraphs open as the boilerplate did (rule examples quote those openings).
OWN_SECTION_5: dict[T.Version, list[str]] = {
    T.Version.V2021: [
        "对照上级要求和群众期盼，应急管理领域的信息公开仍有短板：应急预案和风险隐患信息的公开不够系统，"
        "部分乡镇转载的信息更新滞后。",
        "下一步，我局将做好三件事：一是按季度梳理应急管理领域的公开目录；二是在汛期前集中公开防汛抗旱信息；"
        "三是与各乡镇建立信息报送台账，确保转载及时准确。",
    ],
}


def runon_variant(data: ReportData) -> ReportData:
    """The report with table 二 written so that its cells can be told apart once run together.

    Run-on text loses the boundaries between cells and table 二 has no arithmetic to recover
    them: ``规范性文件6628`` could be 6|6|28, 6|62|8 or 66|2|8, and nianbao rightly refuses to
    guess (tests/test_conforming.py checks that on the full report). A conforming report in this
    layout therefore has single-digit counts in table 二, and no government procurement.
    """
    values = dict(data.values)
    for key, v in values.items():
        if key.table == "二" and key.block != "第二十条第（八）项":
            if key.row == "政府集中采购":
                values[key] = Decimal(0) if isinstance(v, Decimal) else 0
            elif isinstance(v, int):
                values[key] = (abs(v) % 10) * (1 if v >= 0 else -1)
    # the narrative must not go on quoting the procurement it no longer has
    paragraphs = {
        n: ["".join(x + "。" for x in p.split("。") if x and "政府集中采购" not in x) for p in paras]
        for n, paras in data.paragraphs.items()
    }
    return replace(data, values=values, paragraphs=paragraphs)


def expected(data: ReportData) -> dict[str, object]:
    return {
        "version": data.version.value,
        "year": data.year,
        "organ": data.organ,
        "published": data.published.isoformat(),
        "cells": cell_records(data),
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, dict[str, object]] = {}
    for version, seed in SEEDS.items():
        data = random_report(random.Random(seed), version)
        if version in OWN_SECTION_5:
            data = replace(data, paragraphs={**data.paragraphs, 5: OWN_SECTION_5[version]})
        problems = check_relations(data)
        if problems:
            raise SystemExit(f"{version}: generated numbers break the template: {problems}")
        for layout in LAYOUTS:
            name = f"{version.value.lower()}_{layout}.txt"
            written = runon_variant(data) if layout == "runon" else data
            with open(OUT / name, "w", encoding="utf-8", newline="") as f:
                f.write(render(written, layout))
            manifest[name] = expected(written)
    with open(OUT / "expected.json", "w", encoding="utf-8", newline="\n") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(manifest)} reports and expected.json to {OUT}")


if __name__ == "__main__":
    main()
