"""Write the conforming corpus: corpus/conforming/{v2019,v2021}_{layout}.txt and expected.json.

Deterministic: the reports are drawn from fixed seeds, so running this again rewrites the same
files. Run as a script (its directory, bench/, is then on sys.path): ``.venv/bin/python bench/make_conforming.py``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from reportgen import ReportData, cell_records, check_relations, random_report, render  # bench/ is on sys.path

import nianbao.template as T

OUT = Path(__file__).resolve().parent.parent / "corpus" / "conforming"
LAYOUTS = ("pipe", "lines", "cellbar", "spaced", "runon", "cr")
# Seeds chosen so that the two reports differ in organ and year and show the less common features:
# V2019 (东阳区财政局, 2019): hundreds of applications, a negative 本年增/减, 采购总金额 with decimals,
# 行政复议 cases, an intro line in section 二; V2021 (白水县应急管理局, 2021): hundreds of applications,
# 本年收费金额, 结转下年度 cases, 行政复议 cases, intro lines in sections 三 and 四.
SEEDS: dict[T.Version, int] = {T.Version.V2019: 377, T.Version.V2021: 953}


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
        problems = check_relations(data)
        if problems:
            raise SystemExit(f"{version}: generated numbers break the template: {problems}")
        for layout in LAYOUTS:
            name = f"{version.value.lower()}_{layout}.txt"
            with open(OUT / name, "w", encoding="utf-8", newline="") as f:
                f.write(render(data, layout))
            manifest[name] = expected(data)
    with open(OUT / "expected.json", "w", encoding="utf-8", newline="\n") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(manifest)} reports and expected.json to {OUT}")


if __name__ == "__main__":
    main()
