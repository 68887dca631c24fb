"""Benchmark (not a test): find copied narrative sections among thousands of generated reports.

    .venv/bin/python bench/bench_similar.py [--sizes 1000,2000,4000,8000] [--seed 7] [--threshold 0.5]

Each generated report (``bench/reportgen.py``) gives two narrative sections, 一 总体情况 and 五 存在的主要
问题及改进情况: reportgen's paragraphs (drawn from a small pool of stock sentences, so every section
shares boilerplate with thousands of others) plus the organ's own text, which reportgen does not write
and which is made here of random government phrases (100–2,500 characters in 一, 100–600 in 五). One
report in 50 gets a *planted copy*: its section is another report's, with new figures, the other
organ's name and self-reference replaced by its own, re-wrapped as a PDF would, and 0–30 % of its
sentences rewritten. Sketches are made on one core (in `nianbao` they would be made in the worker
processes); `near_duplicates` runs per section, as rule C201 compares a section with the same section.

Prints, per size: time of `mask` + `sketch` and of `near_duplicates`, the planted copies found
(recall), the pairs found that were not planted, and the growth from the previous size; then a line
for docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import reportgen  # noqa: E402

from nianbao.compare.copies import THRESHOLD, Sketch, mask, near_duplicates, sketch  # noqa: E402

# Words of the organ's own text: common enough in real reports, random in their order.
_WORD_LIST = (
    "政务公开 信息公开 主动公开 依申请公开 政策解读 门户网站 政务新媒体 微信公众号 办事指南 权责清单 重点领域 "
    "行政执法 公共服务 财政预决算 营商环境 法治政府 数字政府 一网通办 便民服务 督查督办 考核评估 业务培训 "
    "保密审查 规范性文件 公文办理 档案移交 社会关切 舆情回应 新闻发布会 解读材料 政府信息 申请人 答复期限 "
    "领导小组 工作机制 责任清单 第三方评估 整改落实 制度建设 队伍建设 信息发布 互动交流 留言办理 满意度 "
    "乡村振兴 生态环境 教育 医疗 卫生健康 养老服务 社会救助 就业创业 安全生产 食品药品 农业农村 城乡建设 "
    "交通运输 水利 自然资源 市场监管 税务 统计 审计 应急管理 文化旅游 体育 科技创新 工业 信息化 中小企业 "
    "民营经济 招商引资 项目建设 重大决策 公众参与 专家论证 风险评估 合法性审查 集体讨论 决策公开 执行公开 "
    "管理公开 服务公开 结果公开 基层政务公开 标准化 规范化 政府网站 集约化 栏目 专题专栏 数据开放 "
    "统一平台 网上办事 审批服务 电子证照 跨省通办 容缺受理 告知承诺 好差评 投诉举报 热线 接诉即办 "
    "人大代表建议 政协委员提案 办理结果 政策文件 图解 视频 问答 以案释法 普法宣传 宣传周 培训班 会议 "
    "加强 推进 完善 深化 落实 健全 提升 强化 规范 优化 拓展 创新 扎实 持续 全面 及时 准确 依法 有序 "
    "稳步 积极 主动 认真 严格 进一步 不断 切实 着力 统筹 协调 聚焦 围绕 坚持 建立 开设 编制 发布 更新 "
    "组织 开展 召开 印发 修订 清理 公布 报送 转载 回应 解答 办结 受理 审核 签发 归档 移交 汇编"
)
_WORDS = tuple(_WORD_LIST.split())
_UNITS = ("件", "条", "次", "篇", "个", "场", "人次", "万元")


# Real texts draw on a large vocabulary: besides the stock words above, names of programmes, places,
# platforms and projects that few other organs use. Made-up two- and three-character words of the
# same characters stand for that long tail.
_CHARS = sorted(set("".join(_WORDS)))
_TAIL_RNG = random.Random(0)
_TAIL = tuple("".join(_TAIL_RNG.choices(_CHARS, k=2 + i % 2)) for i in range(20000))


def own_text(rng: random.Random, chars: int) -> str:
    """Sentences of government phrases (60 % stock words, 40 % rarer words), some with figures."""
    sentences: list[str] = []
    total = 0
    while total < chars:
        words = [rng.choice(_WORDS) if rng.random() < 0.6 else rng.choice(_TAIL) for _ in range(rng.randint(5, 12))]
        if rng.random() < 0.4:
            words.insert(rng.randrange(len(words)), f"{rng.randint(1, 3000)}{rng.choice(_UNITS)}")
        cut = rng.randrange(2, len(words))
        sentence = "".join(words[:cut]) + "，" + "".join(words[cut:]) + "。"
        sentences.append(sentence)
        total += len(sentence)
    return "".join(sentences)


@dataclass(frozen=True)
class Section:
    report: int
    number: int  # 1 or 5
    organ: str
    text: str


def _sections(rng: random.Random, report: int, data: reportgen.ReportData) -> list[Section]:
    """Sections 一 and 五: reportgen's paragraphs with the organ's own text after the first."""
    one = [*data.paragraphs[1][:1], own_text(rng, rng.randint(100, 2500)), *data.paragraphs[1][1:]]
    five = [*data.paragraphs[5][:1], own_text(rng, rng.randint(100, 600)), *data.paragraphs[5][1:]]
    return [
        Section(report, 1, data.organ, "一、总体情况\n" + "\n".join(one)),
        Section(report, 5, data.organ, "五、存在的主要问题及改进情况\n" + "\n".join(five)),
    ]


_SELF = re.compile(r"我[局委县市区]|本机关")


def planted_copy(rng: random.Random, original: Section, organ: str, edit: float) -> str:
    """``original``'s text as another organ would pass it off: its name, new figures, some sentences
    rewritten (share ``edit``), line breaks where a PDF puts them."""
    text = original.text.replace(original.organ, organ)
    text = _SELF.sub(reportgen._self_reference(organ), text)
    text = re.sub(r"[0-9]+", lambda m: str(rng.randint(1, 5000)), text)
    head, _, body = text.partition("\n")
    sentences = re.findall(r"[^。]*。|[^。]+$", body)
    for i in rng.sample(range(len(sentences)), k=round(edit * len(sentences))):
        sentences[i] = own_text(rng, len(sentences[i]))
    body = "".join(sentences).replace("\n", "")
    wrapped = "\n".join(body[i : i + 38] for i in range(0, len(body), 38))
    return head + "\n" + wrapped


EDITS = (0.0, 0.1, 0.2, 0.3)  # shares of a planted copy's sentences rewritten


def corpus(n: int, seed: int) -> tuple[list[Section], dict[tuple[int, int, int], float]]:
    """Sections of ``n`` reports, and the planted copies: (section number, report, report) → share edited."""
    rng = random.Random(seed)
    out: list[Section] = []
    reports = [reportgen.random_report(rng) for _ in range(n)]
    for i, data in enumerate(reports):
        out.extend(_sections(rng, i, data))
    planted: dict[tuple[int, int, int], float] = {}
    chosen = rng.sample(range(n), k=2 * max(2, n // 50))
    for k, (original, copy) in enumerate(zip(chosen[::2], chosen[1::2], strict=True)):
        number = 1 if k % 3 else 5
        edit = EDITS[k % len(EDITS)]
        src = out[2 * original + (number == 5)]
        at = 2 * copy + (number == 5)
        out[at] = Section(copy, number, out[at].organ, planted_copy(rng, src, out[at].organ, edit))
        planted[number, min(original, copy), max(original, copy)] = edit
    return out, planted


@dataclass(frozen=True)
class Result:
    reports: int
    sections: int
    chars: float  # average characters of a section
    sketch_bytes: float  # average size of a sketch
    sketch_seconds: float  # mask + sketch, all sections
    join_seconds: float  # near_duplicates, both section numbers
    planted: dict[tuple[int, int, int], float]
    found: dict[tuple[int, int, int], float]  # → similarity


def run(n: int, seed: int, threshold: float) -> Result:
    sections, planted = corpus(n, seed)
    t0 = time.perf_counter()
    sketches: list[tuple[Section, Sketch | None]] = [(s, sketch(mask(s.text, (s.organ,)))) for s in sections]
    t1 = time.perf_counter()
    found: dict[tuple[int, int, int], float] = {}
    for number in (1, 5):
        items = [(s.report, sk) for s, sk in sketches if s.number == number and sk is not None]
        found.update({(number, p.a, p.b): p.similarity for p in near_duplicates(items, threshold)})  # type: ignore[misc]
    t2 = time.perf_counter()
    made = [sk for _, sk in sketches if sk is not None]
    return Result(
        n,
        len(sections),
        sum(len(s.text) for s in sections) / len(sections),
        sum(len(sk.fingerprints) for sk in made) / len(made),
        t1 - t0,
        t2 - t1,
        planted,
        found,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    args = parser.parse_args()
    print(f"threshold {args.threshold}; sections 一 and 五 of each report, joined per section; one core")
    print(
        "reports  sections  avg chars  sketch B  mask+sketch  per section  join     join growth   planted found  other"
    )
    rows: list[Result] = []
    for size in args.sizes.split(","):
        r = run(int(size), args.seed, args.threshold)
        p = rows[-1] if rows else None
        growth = f"×{r.join_seconds / p.join_seconds:.2f} for ×{r.reports / p.reports:.0f}" if p else ""
        hits = len(r.found.keys() & r.planted.keys())
        print(
            f"{r.reports:>7}  {r.sections:>8}  {r.chars:>9.0f}  {r.sketch_bytes:>8.0f}  {r.sketch_seconds:>10.2f}s"
            f"  {1000 * r.sketch_seconds / r.sections:>9.2f}ms  {r.join_seconds:>6.2f}s  {growth:<13} "
            f" {hits:>4}/{len(r.planted):<4}     {len(r.found.keys() - r.planted.keys())}",
            flush=True,
        )
        rows.append(r)
    print("\nplanted copies found, by share of sentences rewritten (all sizes):")
    for edit in EDITS:
        mine = [k for r in rows for k in r.planted if r.planted[k] == edit]
        hit = [r.found[k] for r in rows for k in r.planted if r.planted[k] == edit and k in r.found]
        low = f", lowest similarity {min(hit):.2f}" if hit else ""
        print(f"  {edit:.0%} rewritten: {len(hit)}/{len(mine)}{low}")
    first, last = rows[0], rows[-1]
    found = sum(len(r.found) for r in rows)
    true = sum(len(r.found.keys() & r.planted.keys()) for r in rows)
    print()
    print(
        f"| copied narrative (`similar`, threshold {args.threshold}) | {last.reports} generated reports, "
        f"sections 一+五 ({last.sections}, avg. {last.chars:,.0f} chars, sketch {last.sketch_bytes:,.0f} B) "
        f"| mask+sketch **{1000 * last.sketch_seconds / last.sections:.2f} ms**/section "
        f"| join {last.join_seconds:.2f} s (×{last.join_seconds / first.join_seconds:.1f} for "
        f"×{last.reports / first.reports:.0f} reports) | precision {true / found if found else 1:.0%} |"
    )


if __name__ == "__main__":
    main()
