"""Write examples/: two consecutive years of one organ, for the README's cross-year examples.

``baishui-2021.txt`` is the conforming V2021 report (corpus/conforming/v2021_pipe.txt);
``baishui-2022.txt`` is its next year as an organ might write it by copying: new figures in the
tables and the text (applications, documents in force, permits, fees), a carry-over that
contradicts 2021's (C101), documents in force that do not follow from 2021's (C102), and the
narrative sections copied word for word (C201). Deterministic: ``.venv/bin/python bench/make_examples.py``.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEW = "一、本年新收政府信息公开申请数量"
CARRIED = "二、上年结转政府信息公开申请数量"
DISCLOSED = "三、本年度办理结果 | （一）予以公开"
TOTAL = "（七）总计"

EDITS_2022 = (
    ("2021年", "2022年"),
    ("2022年1月18日", "2023年1月18日"),
    # documents in force: 78 in 2021, 5 issued and 1 repealed in 2022, yet 80 (not 82) in force
    ("行政规范性文件 | 0 | 0 | 78 |", "行政规范性文件 | 5 | 1 | 80 |"),
    ("行政许可 | 552 |", "行政许可 | 600 |"),
    ("行政事业性收费 | 1552.86 |", "行政事业性收费 | 1600.5 |"),
    # 2021 carried one application forward (法律服务机构); 2022 says it carried over two
    (f"{CARRIED} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", f"{CARRIED} | 0 | 0 | 0 | 0 | 2 | 0 | 2 |"),
    (f"{NEW} | 249 | 0 | 0 | 0 | 5 | 0 | 254 |", f"{NEW} | 259 | 0 | 0 | 0 | 3 | 0 | 262 |"),
    (f"{DISCLOSED} | 102 | 0 | 0 | 0 | 3 | 0 | 105 |", f"{DISCLOSED} | 112 | 0 | 0 | 0 | 3 | 0 | 115 |"),
    (f"{TOTAL} | 249 | 0 | 0 | 0 | 4 | 0 | 253 |", f"{TOTAL} | 259 | 0 | 0 | 0 | 4 | 0 | 263 |"),
    ("全年共收到政府信息公开申请254件，办结253件", "全年共收到政府信息公开申请262件，办结263件"),
)


def edit(text: str, edits: tuple[tuple[str, str], ...]) -> str:
    for find, replace in edits:
        if find not in text:
            raise SystemExit(f"not in the V2021 report: {find!r}")
        text = text.replace(find, replace)
    return text


def main() -> None:
    out = ROOT / "examples"
    out.mkdir(exist_ok=True)
    text = (ROOT / "corpus" / "conforming" / "v2021_pipe.txt").read_text("utf-8")
    (out / "baishui-2021.txt").write_text(text, "utf-8")
    (out / "baishui-2022.txt").write_text(edit(text, EDITS_2022), "utf-8")
    print(f"wrote {out}/baishui-2021.txt and baishui-2022.txt")


if __name__ == "__main__":
    main()
