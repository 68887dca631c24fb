"""Generate realistic, conforming 政府信息公开工作年度报告 as text.

A report is first drawn as data (:class:`ReportData`: organ, year, template version, every numeric
cell, the narrative paragraphs) by :func:`random_report`, whose numbers satisfy every identity of
:func:`nianbao.template.relations`. :func:`document` turns it into items (title, headings,
paragraphs, tables) and :func:`render` writes them in one of the layouts that real published
reports come in (`layouts.LAYOUTS`, see ``corpus/seeds`` and ``/work/shared/corpus-real``), with
the modifiers real pages add (`layouts.MODIFIERS`: chrome glued to the body, wrapped labels, line
ends). The same layouts write real reports read back from their trees (`derive`).

All labels come from :mod:`nianbao.template`; nothing of the template is retyped here.
"""

from __future__ import annotations

import datetime
import random
import zlib
from dataclasses import dataclass, field, replace
from decimal import Decimal

from layouts import (
    LAYOUTS,
    MODIFIERS,
    Item,
    Part,
    Table,
    render_items,
    with_document_modifiers,
    with_modifiers,
)

import nianbao.template as T

Value = int | Decimal


# --------------------------------------------------------------------------- data model


@dataclass
class ReportData:
    organ: str  # e.g. "青山市交通运输局" / "南溪县人民政府"
    year: int
    version: T.Version
    published: datetime.date  # the signature date
    values: dict[T.CellKey, Value]  # every numeric cell of the version's three tables
    paragraphs: dict[int, list[str]] = field(default_factory=dict)  # narrative of sections 1, 5, 6 (2–4: intro)
    blank: frozenset[T.CellKey] = frozenset()  # cells left empty (their value, always 0, is not written)

    def value(self, table: str, block: str, row: str, column: str) -> Value:
        """The value of the cell named by its canonical labels (the group is implied by the row)."""
        for key, v in self.values.items():
            if (key.table, key.block, key.row, key.column) == (table, block, row, column):
                return v
        raise KeyError((table, block, row, column))


# --------------------------------------------------------------------------- organs

_PLACES: tuple[str, ...] = (
    "青山",
    "临江",
    "南溪",
    "东阳",
    "安平",
    "清河",
    "永宁",
    "白水",
    "长乐",
    "兴隆",
    "河口",
    "平山",
    "柳林",
    "宁远",
    "金川",
    "石桥",
)
_LEVELS: tuple[str, ...] = ("市", "县", "区")

# (department, how the organ refers to itself)
_DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("教育局", "我局"),
    ("财政局", "我局"),
    ("市场监督管理局", "我局"),
    ("交通运输局", "我局"),
    ("自然资源和规划局", "我局"),
    ("生态环境局", "我局"),
    ("住房和城乡建设局", "我局"),
    ("人力资源和社会保障局", "我局"),
    ("农业农村局", "我局"),
    ("民政局", "我局"),
    ("司法局", "我局"),
    ("应急管理局", "我局"),
    ("医疗保障局", "我局"),
    ("卫生健康委员会", "我委"),
    ("发展和改革委员会", "我委"),
)
_GOVERNMENT = "人民政府"


def _self_reference(organ: str) -> str:
    for dept, ref in _DEPARTMENTS:
        if organ.endswith(dept):
            return ref
    if organ.endswith(_GOVERNMENT):
        level = organ[-len(_GOVERNMENT) - 1]
        return f"我{level}" if level in _LEVELS else "本机关"
    return "本机关"


def _level_of(organ: str) -> str:
    for ch in organ:
        if ch in _LEVELS:
            return ch
    return "市"


def random_organ(rng: random.Random) -> str:
    """A plausible organ name: a place, its level and a department, or a 人民政府 (1 in 5)."""
    place, level = rng.choice(_PLACES), rng.choice(_LEVELS)
    if rng.random() < 0.2:
        return f"{place}{level}{_GOVERNMENT}"
    return f"{place}{level}{rng.choice(_DEPARTMENTS)[0]}"


# --------------------------------------------------------------------------- numbers


def _small(rng: random.Random, p_zero: float, high: int) -> int:
    """A count that is zero with probability ``p_zero``, else uniform in 1..high."""
    return 0 if rng.random() < p_zero else rng.randint(1, max(1, high))


def _change(rng: random.Random, prev: int) -> int:
    """本年增/减: mostly 0 or a small increase, occasionally a decrease (never below zero items)."""
    r = rng.random()
    if r < 0.5:
        return 0
    if r < 0.85 or prev == 0:
        return rng.randint(1, 20)
    return -rng.randint(1, min(prev, 12))


def _money(rng: random.Random, low: int, high: int, decimals: tuple[int, int]) -> Decimal:
    places = rng.randint(*decimals)
    units = rng.randint(low * 10**places, high * 10**places)
    return Decimal(units).scaleb(-places)


def _table2(rng: random.Random, version: T.Version, makes_rules: bool) -> dict[T.CellKey, Value]:
    """Table 二, block by block, in the order of the template's cells."""
    out: dict[T.CellKey, Value] = {}
    spec = T.table("二", version)
    for block in spec.blocks:
        for row in block.rows:
            vals = _table2_row(rng, version, block.key, row.label.terminal, makes_rules)
            assert len(vals) == len(block.columns)
            for col, v in zip(block.columns, vals, strict=True):
                out[T.CellKey("二", block.key, "", row.label.full, col.label.full)] = v
    return out


def _table2_row(rng: random.Random, version: T.Version, block: str, row: str, makes_rules: bool) -> list[Value]:
    v19 = version is T.Version.V2019
    if row == "R2_RULES":  # only governments of cities with districts make 规章: mostly zeros
        if not makes_rules or rng.random() < 0.7:
            return [0, 0, 0]
        made = rng.randint(1, 4)
        return [made, made, made + rng.randint(5, 60)] if v19 else [made, rng.randint(0, 2), made + rng.randint(5, 60)]
    if row in ("R2_NORMATIVE", "R2_ADMIN_NORMATIVE"):
        made = _small(rng, 0.3, 15)
        if v19:
            public = made if rng.random() < 0.8 else rng.randint(0, made)
            return [made, public, public + rng.randint(0, 80)]
        return [made, _small(rng, 0.5, 6), made + rng.randint(0, 120)]
    big = rng.random() < 0.25
    if row == "R2_LICENSING":
        decisions = _small(rng, 0.2, 20000 if big else 900)
        if v19:
            prev = _small(rng, 0.0 if decisions else 0.6, 150)
            return [prev, _change(rng, prev), decisions]
        return [decisions]
    if row == "R2_OTHER_SERVICES":
        prev = _small(rng, 0.7, 40)
        return [prev, _change(rng, prev) if prev else 0, _small(rng, 0.5, 300) if prev else 0]
    if row == "R2_PENALTY":
        decisions = _small(rng, 0.3, 2000 if big else 120)
        if v19:
            prev = _small(rng, 0.0 if decisions else 0.6, 400)
            return [prev, _change(rng, prev), decisions]
        return [decisions]
    if row == "R2_COERCION":
        decisions = _small(rng, 0.7, 40)
        if v19:
            prev = _small(rng, 0.6, 30)
            return [prev, _change(rng, prev) if prev else 0, decisions]
        return [decisions]
    if row == "R2_FEES":
        if v19:
            prev = _small(rng, 0.6, 12)
            return [prev, _change(rng, prev) if prev else 0]
        return [Decimal(0) if rng.random() < 0.5 else _money(rng, 0, 3000, (1, 2))]
    if row == "R2_PROCUREMENT":
        count = _small(rng, 0.2, 60)
        return [count, _money(rng, 1, 8000, (2, 4)) if count else Decimal(0)]
    raise ValueError(f"unknown table 二 row {row} in {block}")


# weights of the outcome rows of table 三 (numbered rows, （一）（二） and （六）)
_OUTCOME_WEIGHTS: dict[str, float] = {
    "R3_DISCLOSED": 40,
    "R3_PARTIAL": 8,
    "R3_W1": 0.2,
    "R3_W2": 0.4,
    "R3_W3": 0.4,
    "R3_W4": 2,
    "R3_W5": 1,
    "R3_W6": 1.5,
    "R3_W7": 0.5,
    "R3_W8": 2,
    "R3_U1": 20,
    "R3_U2": 4,
    "R3_U3": 3,
    "R3_N1": 4,
    "R3_N2": 3,
    "R3_N3": 0.5,
    "R3_N4": 0.5,
    "R3_N5": 1,
    "R3_OTHER": 5,
    "R3_O1": 3,
    "R3_O2": 0.2,
    "R3_O3": 2,
}
_T3_FIXED = ("R3_NEW", "R3_CARRIED", "R3_TOTAL", "R3_CARRY_OVER")


def _table3(rng: random.Random, version: T.Version) -> dict[T.CellKey, Value]:
    rows = T.TABLE3_ROWS[version]
    cols = [c.label.full for c in T.TABLE3_COLUMNS]
    outcome = [r for r in rows if r.label.terminal not in _T3_FIXED]
    weights = [_OUTCOME_WEIGHTS[r.label.terminal] for r in outcome]
    profile = rng.choices(("none", "small", "large"), weights=(15, 60, 25))[0]
    # per applicant column: (new, carried, carry_over, outcome counts)
    grid: dict[str, list[int]] = {r.label.terminal: [0] * 6 for r in rows}
    for j in range(6):
        if profile == "none":
            new = 0
        elif j == 0:  # 自然人
            new = rng.randint(1, 25) if profile == "small" else rng.randint(40, 420)
        elif j == 1:  # 商业企业
            new = _small(rng, 0.6, 6 if profile == "small" else 40)
        elif j == 4:  # 法律服务机构
            new = _small(rng, 0.75, 3 if profile == "small" else 15)
        else:  # 科研机构, 社会公益组织, 其他
            new = _small(rng, 0.85, 2 if profile == "small" else 8)
        carried = _small(rng, 0.85, 3) if new or rng.random() < 0.1 else 0
        available = new + carried
        carry_over = min(available, _small(rng, 0.8, 4)) if available else 0
        handled = available - carry_over
        counts = [0] * len(outcome)
        for i in rng.choices(range(len(outcome)), weights=weights, k=handled):
            counts[i] += 1
        grid["R3_NEW"][j] = new
        grid["R3_CARRIED"][j] = carried
        grid["R3_CARRY_OVER"][j] = carry_over
        grid["R3_TOTAL"][j] = handled
        for r, n in zip(outcome, counts, strict=True):
            grid[r.label.terminal][j] = n
    out: dict[T.CellKey, Value] = {}
    for r in rows:
        nums = grid[r.label.terminal]
        for col, v in zip(cols, [*nums, sum(nums)], strict=True):
            out[T.CellKey("三", "", r.group, r.label.full, col)] = v
    return out


def _table4(rng: random.Random) -> dict[T.CellKey, Value]:
    out: dict[T.CellKey, Value] = {}
    for i, block in enumerate(T.TABLE4_BLOCKS):
        active = rng.random() < (0.35 if i == 0 else 0.15)
        parts = [rng.choice((0, 0, 0, 1, 1, 2, 3)) if active else 0 for _ in block.columns[:-1]]
        for col, v in zip(block.columns, [*parts, sum(parts)], strict=True):
            out[T.CellKey("四", block.key, "", "", col.label.full)] = v
    return out


# --------------------------------------------------------------------------- narrative

_OPENINGS: tuple[str, ...] = (
    "{year}年，{organ}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党中央、国务院关于政务公开工作的"
    "决策部署，严格执行《中华人民共和国政府信息公开条例》，扎实推进政府信息公开各项工作。",
    "{year}年，在{lvl}委、{lvl}政府的正确领导下，{self}紧紧围绕中心工作，坚持以公开为常态、不公开为例外，"
    "不断提升政府信息公开工作的规范化、标准化水平。",
    "{year}年，{self}按照上级关于政务公开工作的部署要求，坚持以人民为中心的发展思想，持续深化政务公开，"
    "切实保障人民群众的知情权、参与权、表达权和监督权。",
)
_OPENING_TAILS: tuple[str, ...] = (
    "全年政府信息公开工作总体平稳有序，公开质量和实效进一步提升。",
    "各项工作取得了较好成效，为优化营商环境、建设法治政府提供了有力支撑。",
    "政务公开工作的制度化、规范化水平稳步提高。",
    "",
)
# sub-heading of each aspect of section 一, in the two styles reports use (one style per report)
_ASPECT_TITLES: tuple[dict[str, str], ...] = (
    {
        "active": "主动公开情况",
        "request": "依申请公开情况",
        "management": "政府信息管理情况",
        "platform": "政府信息公开平台建设情况",
        "oversight": "监督保障情况",
    },
    {
        "active": "主动公开方面",
        "request": "依申请公开方面",
        "management": "政府信息管理方面",
        "platform": "平台建设方面",
        "oversight": "监督保障方面",
    },
)
_ACTIVE: tuple[str, ...] = (
    "全年通过政府门户网站主动公开政府信息{posts}条，其中工作动态{news}条、通知公告{notices}条。",
    "严格落实政务公开事项清单，围绕财政预决算、行政执法、公共服务等重点领域及时公开相关信息。",
    "坚持政策文件与解读方案同步组织、同步审签、同步部署，全年发布政策解读{readings}篇。",
    "及时更新机构职能、权责清单、办事指南等基础信息，方便群众查询。",
)
_REQUEST: tuple[str, ...] = (
    "严格执行依申请公开工作规范，进一步明确登记、审核、办理、答复、归档等各环节的工作要求。",
    "加强与申请人的沟通，依法保障公众合理的信息需求。",
    "严格遵守答复期限，答复文书做到要素齐全、依据充分。",
)
_MANAGEMENT: tuple[str, ...] = (
    "在公文办理环节同步明确公开属性，从源头规范政府信息的公开方式。",
    "严格落实信息发布保密审查制度，坚持先审查、后公开，一事一审、全面审查。",
    "组织开展规范性文件清理工作，及时公布清理结果。",
)
_PLATFORM: tuple[str, ...] = (
    "依托{lvl}政府门户网站政府信息公开专栏，及时发布和更新各类政府信息，全年更新栏目信息{updates}条。",
    "加强政务新媒体管理，政务微信公众号全年推送信息{wechat}篇。",
    "规范政府信息公开专栏栏目设置，确保栏目内容准确、更新及时。",
)
_OVERSIGHT: tuple[str, ...] = (
    "调整充实政务公开工作领导小组，明确分管领导和专职工作人员，层层压实工作责任。",
    "将政务公开工作纳入年度目标考核，组织开展政务公开业务培训{trainings}次。",
    "主动接受社会监督，认真办理群众意见建议，全年未发生因政府信息公开工作引发的责任追究情况。",
)
_PROBLEMS: tuple[str, ...] = (
    "{year}年，{self}政府信息公开工作取得了一定成效，但仍存在一些不足：一是公开内容的深度和广度有待拓展；"
    "二是政策解读形式还不够丰富；三是工作人员业务能力有待进一步提高。",
    "对照上级要求和群众期盼，{self}政府信息公开工作还存在一些差距，主要是部分信息更新不够及时，"
    "信息公开与回应关切的结合还不够紧密。",
)
_IMPROVEMENTS: tuple[str, ...] = (
    "下一步，{self}将进一步加大政府信息公开力度：一是持续完善信息公开工作机制，明确责任分工；"
    "二是丰富政策解读形式，提高解读的针对性和可读性；三是加强业务培训，提升工作人员的业务水平。",
    "针对上述问题，{self}将认真贯彻落实《中华人民共和国政府信息公开条例》，加强信息发布审核，"
    "及时更新公开内容，不断提升政府信息公开工作质量。",
)
_OTHER_V2021: tuple[str, ...] = (
    "本年度未收取信息处理费。",
    "{year}年度，{self}未收取政府信息公开信息处理费。",
    "按照《政府信息公开信息处理费管理办法》规定，本年度未收取信息处理费，无其他需要报告的事项。",
)
_OTHER_V2019: tuple[str, ...] = (
    "无其他需要报告的事项。",
    "本年度无其他需要报告的事项。",
    "{self}无其他需要报告的事项。",
)
_INTRO_2: tuple[str, ...] = ("{year}年主动公开政府信息情况如下：", "主动公开政府信息情况见下表。")
_INTRO_3: tuple[str, ...] = ("{year}年收到和处理政府信息公开申请情况如下：",)
_INTRO_4: tuple[str, ...] = ("政府信息公开行政复议、行政诉讼情况如下：",)


def _fill(template: str, ctx: dict[str, object]) -> str:
    return template.format(**ctx)


def _narrative(rng: random.Random, data: ReportData) -> dict[int, list[str]]:
    v21 = data.version is T.Version.V2021
    ctx: dict[str, object] = {
        "year": data.year,
        "organ": data.organ,
        "self": _self_reference(data.organ),
        "lvl": _level_of(data.organ),
        "readings": rng.randint(2, 40),
        "updates": rng.randint(80, 1500),
        "wechat": rng.randint(30, 900),
        "trainings": rng.randint(1, 6),
    }
    news = rng.randint(20, 600)
    notices = rng.randint(5, 200)
    ctx.update(news=news, notices=notices, posts=news + notices + rng.randint(0, 300))

    opening = _fill(rng.choice(_OPENINGS), ctx) + _fill(rng.choice(_OPENING_TAILS), ctx)
    if rng.random() < 0.5:
        opening += _procurement_sentence(data)
    aspects = ["active", "request", "management", "platform", "oversight"]
    extra = rng.sample(["active", "management", "platform", "oversight"], k=rng.randint(0, 2))
    chosen = [a for a in aspects if a == "request" or a in extra]
    titles = rng.choice(_ASPECT_TITLES)
    paragraphs = [opening]
    for n, aspect in enumerate(chosen):
        numbered = f"（{T.NUMERALS[n]}）{titles[aspect]}。"
        paragraphs.append(numbered + _aspect_text(rng, data, aspect, ctx))

    problems = [_fill(rng.choice(_PROBLEMS), ctx)]
    if rng.random() < 0.7:
        problems.append(_fill(rng.choice(_IMPROVEMENTS), ctx))
    other = [_fill(rng.choice(_OTHER_V2021 if v21 else _OTHER_V2019), ctx)]
    out: dict[int, list[str]] = {1: paragraphs, 5: problems, 6: other}
    for number, pool in ((2, _INTRO_2), (3, _INTRO_3), (4, _INTRO_4)):
        if rng.random() < 0.25:
            out[number] = [_fill(rng.choice(pool), ctx)]
    return dict(sorted(out.items()))


def _aspect_text(rng: random.Random, data: ReportData, aspect: str, ctx: dict[str, object]) -> str:
    if aspect == "request":
        return _request_text(rng, data)
    pool = {"active": _ACTIVE, "management": _MANAGEMENT, "platform": _PLATFORM, "oversight": _OVERSIGHT}[aspect]
    sentences = [_fill(s, ctx) for s in rng.sample(pool, k=rng.randint(1, min(3, len(pool))))]
    if aspect == "active":
        sentences.append(_normative_sentence(data))
    return "".join(s for s in sentences if s)


def _normative_sentence(data: ReportData) -> str:
    """A figure of table 二 repeated in the text, as reports do (consistent with the table)."""
    blocks = T.TABLE2[data.version]
    first = blocks[0]
    row = first.rows[1].label.full  # 规范性文件 / 行政规范性文件
    col = first.columns[0].label.full if data.version is T.Version.V2021 else first.columns[1].label.full
    n = data.value("二", first.key, row, col)
    if not n:
        return ""
    verb = "制发" if data.version is T.Version.V2021 else "新公开"
    return f"全年{verb}{row}{n}件，均按规定向社会公开。"


def _request_text(rng: random.Random, data: ReportData) -> str:
    rows = {r.label.terminal: r.label.full for r in T.TABLE3_ROWS[data.version]}
    total = T.TABLE3_COLUMNS[-1].label.full

    def t3(term: str) -> Value:
        return data.value("三", "", rows[term], total)

    new, carried, done, carry_over = t3("R3_NEW"), t3("R3_CARRIED"), t3("R3_TOTAL"), t3("R3_CARRY_OVER")
    parts = [rng.choice(_REQUEST)]
    sentence = f"全年共收到政府信息公开申请{new}件"
    if carried:
        sentence += f"，上年结转{carried}件"
    if new or carried:
        sentence += f"，办结{done}件" if carry_over else "，均已按时办结"
        if carry_over:
            sentence += f"，结转下年度继续办理{carry_over}件"
    parts.append(sentence + "。")
    review = data.value("四", T.TABLE4_BLOCKS[0].key, "", T.TABLE4_COLUMNS[-1].label.full)
    litigation = sum(data.value("四", b.key, "", T.TABLE4_COLUMNS[-1].label.full) for b in T.TABLE4_BLOCKS[1:])
    if review:
        tail = f"，被提起行政诉讼{litigation}件" if litigation else ""
        parts.append(f"因政府信息公开工作被申请行政复议{review}件{tail}。")
    elif litigation:
        parts.append(f"因政府信息公开工作被提起行政诉讼{litigation}件。")
    else:
        parts.append("全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。")
    return "".join(parts)


def _procurement_sentence(data: ReportData) -> str:
    """V2019: the 政府集中采购 figures of table 二 repeated in the text (in 万元, as the table means)."""
    block = T.TABLE2[data.version][-1]
    if block.caption is None or block.caption.terminal != "CAP_9":
        return ""
    row = block.rows[0].label.full
    count = data.value("二", block.key, row, block.columns[0].label.full)
    amount = data.value("二", block.key, row, block.columns[1].label.full)
    return f"全年完成{row}项目{count}个，采购金额{amount}万元。" if count else ""


# --------------------------------------------------------------------------- random report


def random_report(
    rng: random.Random,
    version: T.Version | None = None,
    year: int | None = None,
    organ: str | None = None,
) -> ReportData:
    """A report whose numbers satisfy every identity of ``T.relations(version)``.

    Without ``year``, the year is drawn from the version's years (2019–2020 for V2019, 2021–2024 for
    V2021); without ``version``, the version follows the year (or is drawn, if neither is given).
    """
    if version is None:
        version = T.Version.for_year(year) if year is not None else rng.choice(list(T.Version))
    if year is None:
        year = rng.randint(2019, 2020) if version is T.Version.V2019 else rng.randint(2021, 2024)
    if organ is None:
        organ = random_organ(rng)
    published = datetime.date(year + 1, 1, rng.randint(5, 25))
    values: dict[T.CellKey, Value] = {}
    values.update(_table2(rng, version, makes_rules=organ.endswith(f"市{_GOVERNMENT}")))
    values.update(_table3(rng, version))
    values.update(_table4(rng))
    values = {k: values[k] for k in T.all_cells(version)}  # template order, and exactly those keys
    data = ReportData(organ, year, version, published, values, {})
    data.paragraphs = _narrative(rng, data)
    return data


def with_blanks(data: ReportData, rng: random.Random, share: float = 0.15) -> ReportData:
    """The report with some of its zero cells left empty, as reports leave them (T201)."""
    zeros = [k for k, v in data.values.items() if v == 0 and not (k.table == "二" and k.block == "第二十条第（九）项")]
    return replace(data, blank=frozenset(k for k in zeros if rng.random() < share))


def check_relations(data: ReportData) -> list[str]:
    """The relations of the template that ``data`` violates (empty when it conforms)."""
    bad: list[str] = []
    for rel in T.relations(data.version):
        lhs = sum((data.values[k] for k in rel.lhs), Decimal(0))
        rhs = sum((data.values[k] for k in rel.rhs), Decimal(0))
        if lhs != rhs:
            bad.append(f"{rel.code} {rel.what}: {lhs} != {rhs}")
    return bad


# --------------------------------------------------------------------------- rendering: the document


def _fmt_money(v: Value, unit: str) -> str:
    return f"{v}{unit}"


def _fmt_change(v: Value, rng: random.Random) -> str:
    if v < 0:
        return f"-{-v}" if rng.random() < 0.5 else f"减{-v}"
    if v > 0:
        return f"增{v}" if rng.random() < 0.5 else str(v)
    return "0"


def _cell_text(data: ReportData, key: T.CellKey, column: T.Column, rng: random.Random, money_unit: str) -> str:
    if key in data.blank:
        return ""
    v = data.values[key]
    if column.signed:
        return _fmt_change(v, rng)
    if column.money:
        return _fmt_money(v, money_unit if data.version is T.Version.V2019 else "")
    return str(v)


def _table2_grid(data: ReportData, rng: random.Random) -> Table:
    money_unit = rng.choice(("万元", ""))
    parts: list[Part] = []
    for block in T.TABLE2[data.version]:
        assert block.caption is not None
        parts.append(Part("caption", block.caption.full))
        parts.append(Part("header", "", (T.T2_INFO.full, *(c.label.full for c in block.columns))))
        for row in block.rows:
            cells = [
                _cell_text(data, T.CellKey("二", block.key, "", row.label.full, c.label.full), c, rng, money_unit)
                for c in block.columns
            ]
            parts.append(Part("row", row.label.full, tuple(cells)))
    return Table("二", tuple(parts), 4)


def _table3_grid(data: ReportData) -> Table:
    cols = T.TABLE3_COLUMNS
    parts: list[Part] = [
        Part("header", "", (T.T3_CORNER.full, T.T3_APPLICANT.full)),
        Part("header", "", (cols[0].label.full, T.T3_LEGAL_PERSON.full, cols[-1].label.full)),
        Part("header", "", tuple(c.label.full for c in cols[1:-1])),
    ]
    previous_group = ""
    for row in T.TABLE3_ROWS[data.version]:
        if row.label.terminal == "R3_DISCLOSED":
            parts.append(Part("group", T.G3_RESULTS.full))
        if row.group and row.group != previous_group:
            parts.append(Part("group", row.group))
        previous_group = row.group
        keys = [T.CellKey("三", "", row.group, row.label.full, c.label.full) for c in cols]
        nums = ["" if k in data.blank else str(data.values[k]) for k in keys]
        parts.append(Part("row", row.label.full, tuple(nums)))
    return Table("三", tuple(parts), 10)


def _table4_grid(data: ReportData) -> Table:
    colnames = [c.label.full for c in T.TABLE4_COLUMNS]
    review, direct, after = T.TABLE4_BLOCKS
    assert review.caption and direct.caption and after.caption
    parts = (
        Part("header", "", (review.caption.full, T.T4_LITIGATION.full)),
        Part("header", "", (*colnames, direct.caption.full, after.caption.full)),
        Part("header", "", (*colnames, *colnames)),
        Part(
            "row", "", tuple("" if k in data.blank else str(data.values[k]) for k in T.table("四", data.version).cells)
        ),
    )
    return Table("四", parts, 15)


def _date_cn(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def document(data: ReportData, rng: random.Random) -> list[Item]:
    """The report as items: title, paragraphs, headings, tables, signature."""
    intro = (
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级有关要求，由{data.organ}编制。"
        "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
        "存在的主要问题及改进情况、其他需要报告的事项。"
        f"本报告中所列数据的统计期限自{data.year}年1月1日起至{data.year}年12月31日止。"
    )
    items: list[Item] = [("title", data.organ), ("title", f"{data.year}年政府信息公开工作年度报告"), ("para", intro)]
    tables = {"二": _table2_grid(data, rng), "三": _table3_grid(data), "四": _table4_grid(data)}
    for spec in T.SECTIONS:
        items.append(("head", f"{spec.numeral}、{spec.title}"))
        items.extend(("para", p) for p in data.paragraphs.get(spec.number, []))
        if spec.table is not None:
            items.append(("table", tables[spec.table]))
    items.append(("sign", data.organ))
    items.append(("sign", _date_cn(data.published)))
    return items


# --------------------------------------------------------------------------- rendering: the layouts


def _layout_rng(data: ReportData, layout: str) -> random.Random:
    seed = zlib.crc32(f"{data.organ}|{data.year}|{data.version}|{data.published}|{layout}".encode())
    return random.Random(seed)


def render(data: ReportData, layout: str, rng: random.Random | None = None) -> str:
    """The report as text in ``layout`` (one of :data:`LAYOUTS`, see `layouts`), optionally with
    modifiers (``"lines+wrap+chrome"``: see `layouts.MODIFIERS`).

    Incidental choices of the writing (``采购总金额`` with or without 万元, ``增3`` or ``3``,
    ``-8`` or ``减8``, where a label is wrapped) are drawn from ``rng``; without one, from a
    generator seeded by the report and the layout, so that the same data and layout always give
    the same text.
    """
    base, *mods = layout.split("+")
    if base not in LAYOUTS or any(m not in MODIFIERS for m in mods):
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)} (+ {', '.join(MODIFIERS)})")
    rng = rng if rng is not None else _layout_rng(data, layout)
    items = with_document_modifiers(document(data, rng), mods)
    return with_modifiers(render_items(items, base), mods, rng, (data.organ, data.year, data.published.isoformat()))


def cell_records(data: ReportData) -> list[dict[str, str | int | float]]:
    """Every cell as a JSON-ready record: table, block, group, row, column and the value as a number."""
    records: list[dict[str, str | int | float]] = []
    for key, v in data.values.items():
        number: int | float = v if isinstance(v, int) else int(v) if v == v.to_integral_value() else float(v)
        records.append({**key.as_dict(), "value": number})
    return records
