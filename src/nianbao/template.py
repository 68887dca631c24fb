"""The national report template as data: sections, table labels, cell keys, arithmetic.

This module is the single source of truth for *labels* (TEMPLATE.md §1–§6). The grammar in
``grammar/report.lark`` names the same terminals and describes the *structure*; a test checks
that the two agree terminal for terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import NamedTuple


class Version(StrEnum):
    V2019 = "V2019"
    V2021 = "V2021"

    @staticmethod
    def for_year(year: int) -> Version:
        """The format a report of ``year`` must follow (TEMPLATE.md: ≤2020 → V2019)."""
        return Version.V2019 if year <= 2020 else Version.V2021


# --------------------------------------------------------------------------- labels


class Role(StrEnum):
    """What a label is in its table."""

    CAPTION = "caption"  # a block's caption (第二十条第（一）项)
    HEADER = "header"  # a header cell that is no column of numbers (信息内容, 申请人情况, 行政诉讼 …)
    COLUMN = "column"  # the label of a column of numbers
    ROW = "row"  # the label of a row of numbers
    GROUP = "group"  # a row label that heads a group of rows and carries no numbers


@dataclass(frozen=True, slots=True)
class Label:
    """A fixed text of the template that the lexer recognises as one terminal."""

    terminal: str
    text: str
    numbering: str = ""  # numbering prefix as the template writes it: "一、", "（一）", "1."
    suffix: str = ""  # optional tail that reports often omit, e.g. "（单位：万元）"
    variants: tuple[str, ...] = ()  # other wordings accepted as the same label (reported as info)
    role: Role = Role.ROW
    table: str = ""  # "二", "三", "四"

    @property
    def full(self) -> str:
        """The canonical label, as used in exported cell keys."""
        return self.numbering + self.text + self.suffix

    @property
    def numbering_optional(self) -> bool:
        # A short body without its number is too ambiguous ("其他", "总计").
        return bool(self.numbering) and len(self.text) >= 4


@dataclass(frozen=True, slots=True)
class Column:
    label: Label
    signed: bool = False  # may be negative (本年增/减)
    money: bool = False  # an amount of money, may carry 元/万元


@dataclass(frozen=True, slots=True)
class RowSpec:
    label: Label
    group: str = ""  # canonical group label for table 三 sub-rows


@dataclass(frozen=True, slots=True)
class BlockSpec:
    """A block of table 二 (caption + header + rows) or of table 四 (a result group)."""

    key: str  # canonical block key: caption for 二, 行政复议/未经复议直接起诉/复议后起诉 for 四
    caption: Label | None
    columns: tuple[Column, ...]
    rows: tuple[RowSpec, ...]
    item: str = ""  # table 二: the item of article 20 it reports on ("1" for 第二十条第（一）项)


@dataclass(frozen=True, slots=True)
class GroupSpec:
    """A group of rows of table 三: its label, and its rows and groups in order."""

    label: Label
    rule: str  # its rule in the grammar ("withheld"; with the version where versions differ: "results_v2019")
    items: tuple[RowSpec | GroupSpec, ...]
    label_optional: bool = False  # 三、本年度办理结果 heads the outcome rows; reports often leave it out


@dataclass(frozen=True, slots=True)
class SectionSpec:
    number: int
    numeral: str
    title: str
    known_variants: tuple[str, ...] = ()  # local variants the template itself mentions: info
    other_variants: tuple[str, ...] = ()  # wordings seen in the wild that deviate: warning
    table: str | None = None  # "二", "三", "四" or None for narrative sections
    # The words a heading of this section cannot do without, as a pattern over text without spaces
    # (``{t}`` stands for a character of a title): a numbered title that has them is this section's
    # heading in a wording nobody listed ("四、政府信息公开行政复议与行政诉讼情况", "五、当前存在的突出问题").
    loose: str = ""


class CellKey(NamedTuple):
    """Canonical key of one numeric cell (TEMPLATE.md §6). A named tuple: hashed in C, as it is
    looked up many times per report."""

    table: str
    block: str
    group: str
    row: str
    column: str

    def as_dict(self) -> dict[str, str]:
        return {
            "table": self.table,
            "block": self.block,
            "group": self.group,
            "row": self.row,
            "column": self.column,
        }


@dataclass(frozen=True, slots=True)
class Relation:
    """An arithmetic identity between cells: sum(lhs) == sum(rhs)."""

    code: str  # diagnostic code that reports a violation (A101…A104)
    table: str
    lhs: tuple[CellKey, ...]
    rhs: tuple[CellKey, ...]
    what: str  # short Chinese description for messages


# --------------------------------------------------------------------------- sections

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        1,
        "一",
        "总体情况",
        other_variants=("基本情况", "总体概况", "概述"),
        loose="{t}{{0,6}}?(?:总体|基本|整体)(?:情况|概况)",
    ),
    SectionSpec(
        2,
        "二",
        "主动公开政府信息情况",
        other_variants=("主动公开情况", "主动公开政府信息", "行政机关主动公开政府信息情况"),
        table="二",
        loose="{t}{{0,8}}?主动公开{t}{{0,10}}?情况",
    ),
    SectionSpec(
        3,
        "三",
        "收到和处理政府信息公开申请情况",
        other_variants=("收到和处理政府信息公开申请的情况", "行政机关收到和处理政府信息公开申请情况"),
        table="三",
        loose="{t}{{0,8}}?(?:收到|受理)和?(?:处理|答复){t}{{0,10}}?申请{t}{{0,4}}?情况|{t}{{0,6}}?依申请公开{t}{{0,8}}?情况",
    ),
    SectionSpec(
        4,
        "四",
        "政府信息公开行政复议、行政诉讼情况",
        known_variants=(
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议提起行政诉讼情况",
        ),
        other_variants=("政府信息公开行政复议行政诉讼情况", "因政府信息公开被申请行政复议、提起行政诉讼情况"),
        table="四",
        loose="{t}{{0,14}}?行政复议[、和与及]?{t}{{0,8}}?行政诉讼{t}{{0,4}}?情况",
    ),
    SectionSpec(
        5,
        "五",
        "存在的主要问题及改进情况",
        known_variants=("政府信息公开工作存在的主要问题及改进情况",),
        other_variants=(
            "存在的主要问题和改进情况",
            "存在的主要问题及改进措施",
            "存在问题及改进情况",
            "存在的问题及改进情况",
            "政府信息公开工作存在的主要问题及改进措施",
        ),
        loose="{t}{{0,12}}?问题(?:[及和与、]?{t}{{0,10}}?(?:情况|措施|计划|举措|方向|打算|思路))?",
    ),
    SectionSpec(
        6,
        "六",
        "其他需要报告的事项",
        other_variants=("其他需要报告事项", "其他需报告的事项", "其他需报告事项"),
        loose="(?:其他|其它){t}{{0,8}}?(?:事项|情况)|{t}{{0,4}}?需要?(?:说明|报告)的?(?:其他|其它){t}{{0,4}}?(?:事项|情况)(?:[与及和]附表)?",
    ),
)

NUMERALS = "一二三四五六七八九十"


def section(number: int) -> SectionSpec:
    return SECTIONS[number - 1]


# --------------------------------------------------------------------------- table 二


def _col(
    table: str, terminal: str, text: str, *, signed: bool = False, money: bool = False, suffix: str = ""
) -> Column:
    return Column(Label(terminal, text, suffix=suffix, role=Role.COLUMN, table=table), signed=signed, money=money)


def _row(
    table: str,
    terminal: str,
    text: str,
    numbering: str = "",
    group: str = "",
    suffix: str = "",
    variants: tuple[str, ...] = (),
) -> RowSpec:
    label = Label(terminal, text, numbering=numbering, suffix=suffix, variants=variants, role=Role.ROW, table=table)
    return RowSpec(label, group=group)


def _header(table: str, terminal: str, text: str) -> Label:
    return Label(terminal, text, role=Role.HEADER, table=table)


CAPTIONS = {
    f"CAP_{item}": Label(f"CAP_{item}", f"第二十条第（{numeral}）项", role=Role.CAPTION, table="二")
    for item, numeral in (("1", "一"), ("5", "五"), ("6", "六"), ("8", "八"), ("9", "九"))
}
T2_INFO = _header("二", "T2_INFO", "信息内容")

_PREV = _col("二", "T2_PREV_COUNT", "上一年项目数量")
_CHANGE = _col("二", "T2_CHANGE", "本年增/减", signed=True)
_DECISIONS = _col("二", "T2_DECISIONS", "处理决定数量")
_YEAR_DECISIONS = _col("二", "T2_YEAR_DECISIONS", "本年处理决定数量")


def _block(item: str, columns: tuple[Column, ...], rows: tuple[RowSpec, ...]) -> BlockSpec:
    caption = CAPTIONS[f"CAP_{item}"]
    return BlockSpec(caption.full, caption, columns, rows, item=item)


TABLE2: dict[Version, tuple[BlockSpec, ...]] = {
    Version.V2019: (
        _block(
            "1",
            (
                _col("二", "T2_NEW_MADE", "本年新制作数量"),
                _col("二", "T2_NEW_PUBLIC", "本年新公开数量"),
                _col("二", "T2_TOTAL_PUBLIC", "对外公开总数量"),
            ),
            (_row("二", "R2_RULES", "规章"), _row("二", "R2_NORMATIVE", "规范性文件")),
        ),
        _block(
            "5",
            (_PREV, _CHANGE, _DECISIONS),
            (_row("二", "R2_LICENSING", "行政许可"), _row("二", "R2_OTHER_SERVICES", "其他对外管理服务事项")),
        ),
        _block(
            "6",
            (_PREV, _CHANGE, _DECISIONS),
            (_row("二", "R2_PENALTY", "行政处罚"), _row("二", "R2_COERCION", "行政强制")),
        ),
        _block("8", (_PREV, _CHANGE), (_row("二", "R2_FEES", "行政事业性收费"),)),
        _block(
            "9",
            (_col("二", "T2_PROC_COUNT", "采购项目数量"), _col("二", "T2_PROC_AMOUNT", "采购总金额", money=True)),
            (_row("二", "R2_PROCUREMENT", "政府集中采购"),),
        ),
    ),
    Version.V2021: (
        _block(
            "1",
            (
                _col("二", "T2_ISSUED", "本年制发件数"),
                _col("二", "T2_REPEALED", "本年废止件数"),
                _col("二", "T2_IN_FORCE", "现行有效件数"),
            ),
            (
                _row("二", "R2_RULES", "规章"),
                _row("二", "R2_ADMIN_NORMATIVE", "行政规范性文件", variants=("规范性文件",)),
            ),
        ),
        _block("5", (_YEAR_DECISIONS,), (_row("二", "R2_LICENSING", "行政许可"),)),
        _block("6", (_YEAR_DECISIONS,), (_row("二", "R2_PENALTY", "行政处罚"), _row("二", "R2_COERCION", "行政强制"))),
        _block(
            "8",
            (_col("二", "T2_FEE_AMOUNT", "本年收费金额", money=True, suffix="（单位：万元）"),),
            (_row("二", "R2_FEES", "行政事业性收费"),),
        ),
    ),
}

# --------------------------------------------------------------------------- table 三

T3_CORNER = _header("三", "T3_CORNER", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
T3_APPLICANT = _header("三", "T3_APPLICANT", "申请人情况")
T3_LEGAL_PERSON = _header("三", "T3_LEGAL_PERSON", "法人或其他组织")

TABLE3_COLUMNS: tuple[Column, ...] = (
    _col("三", "C3_NATURAL", "自然人"),
    _col("三", "C3_BUSINESS", "商业企业"),
    _col("三", "C3_RESEARCH", "科研机构"),
    _col("三", "C3_NONPROFIT", "社会公益组织"),
    _col("三", "C3_LEGAL_SERVICE", "法律服务机构"),
    _col("三", "C3_OTHER", "其他"),
    _col("三", "C3_TOTAL", "总计"),
)


def _group_label(terminal: str, text: str, numbering: str) -> Label:
    return Label(terminal, text, numbering=numbering, role=Role.GROUP, table="三")


G3_RESULTS = _group_label("G3_RESULTS", "本年度办理结果", "三、")
_WITHHELD = _group_label("G3_WITHHELD", "不予公开", "（三）")
_UNABLE = _group_label("G3_UNABLE", "无法提供", "（四）")
_UNPROCESSED = _group_label("G3_UNPROCESSED", "不予处理", "（五）")
_OTHER = _group_label("G3_OTHER", "其他处理", "（六）")


def _rows(group: Label, *rows: tuple[str, str]) -> tuple[RowSpec, ...]:
    """Numbered sub-rows of a group: their keys name the group (TEMPLATE.md §6)."""
    return tuple(_row("三", t, text, f"{i}.", group.full) for i, (t, text) in enumerate(rows, 1))


def _outcomes(other: RowSpec | GroupSpec) -> tuple[RowSpec | GroupSpec, ...]:
    """三、本年度办理结果: （一）…（七）; （六）其他处理 is a row in V2019, a group of three in V2021."""
    return (
        _row("三", "R3_DISCLOSED", "予以公开", "（一）"),
        _row("三", "R3_PARTIAL", "部分公开", "（二）", suffix="（区分处理的，只计这一情形，不计其他情形）"),
        GroupSpec(
            _WITHHELD,
            "withheld",
            _rows(
                _WITHHELD,
                ("R3_W1", "属于国家秘密"),
                ("R3_W2", "其他法律行政法规禁止公开"),
                ("R3_W3", "危及“三安全一稳定”"),
                ("R3_W4", "保护第三方合法权益"),
                ("R3_W5", "属于三类内部事务信息"),
                ("R3_W6", "属于四类过程性信息"),
                ("R3_W7", "属于行政执法案卷"),
                ("R3_W8", "属于行政查询事项"),
            ),
        ),
        GroupSpec(
            _UNABLE,
            "unable",
            _rows(
                _UNABLE,
                ("R3_U1", "本机关不掌握相关政府信息"),
                ("R3_U2", "没有现成信息需要另行制作"),
                ("R3_U3", "补正后申请内容仍不明确"),
            ),
        ),
        GroupSpec(
            _UNPROCESSED,
            "unprocessed",
            _rows(
                _UNPROCESSED,
                ("R3_N1", "信访举报投诉类申请"),
                ("R3_N2", "重复申请"),
                ("R3_N3", "要求提供公开出版物"),
                ("R3_N4", "无正当理由大量反复申请"),
                ("R3_N5", "要求行政机关确认或重新出具已获取信息"),
            ),
        ),
        other,
        _row("三", "R3_TOTAL", "总计", "（七）"),
    )


# Table 三 as rows and groups in order: the structure the grammar and every view follow.
TABLE3_LAYOUT: dict[Version, tuple[RowSpec | GroupSpec, ...]] = {
    version: (
        _row("三", "R3_NEW", "本年新收政府信息公开申请数量", "一、"),
        _row("三", "R3_CARRIED", "上年结转政府信息公开申请数量", "二、"),
        GroupSpec(G3_RESULTS, "results", _outcomes(other), label_optional=True),
        _row("三", "R3_CARRY_OVER", "结转下年度继续办理", "四、"),
    )
    for version, other in (
        (Version.V2019, _row("三", "R3_OTHER", "其他处理", "（六）")),
        (
            Version.V2021,
            GroupSpec(
                _OTHER,
                "other",
                _rows(
                    _OTHER,
                    ("R3_O1", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
                    ("R3_O2", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
                    ("R3_O3", "其他"),
                ),
            ),
        ),
    )
}


def _flatten(items: tuple[RowSpec | GroupSpec, ...]) -> Iterator[RowSpec | GroupSpec]:
    for item in items:
        yield item
        if isinstance(item, GroupSpec):
            yield from _flatten(item.items)


# The rows of table 三 in order, and its group labels (derived from the layout).
TABLE3_ROWS: dict[Version, tuple[RowSpec, ...]] = {
    v: tuple(x for x in _flatten(layout) if isinstance(x, RowSpec)) for v, layout in TABLE3_LAYOUT.items()
}
TABLE3_GROUPS: dict[Version, tuple[Label, ...]] = {
    v: tuple(x.label for x in _flatten(layout) if isinstance(x, GroupSpec)) for v, layout in TABLE3_LAYOUT.items()
}

# --------------------------------------------------------------------------- table 四

T4_REVIEW = _header("四", "T4_REVIEW", "行政复议")
T4_LITIGATION = _header("四", "T4_LITIGATION", "行政诉讼")
T4_DIRECT = _header("四", "T4_DIRECT", "未经复议直接起诉")
T4_AFTER_REVIEW = _header("四", "T4_AFTER_REVIEW", "复议后起诉")
TABLE4_COLUMNS: tuple[Column, ...] = (
    _col("四", "C4_KEEP", "结果维持"),
    _col("四", "C4_CORRECT", "结果纠正"),
    _col("四", "C4_OTHER", "其他结果"),
    _col("四", "C4_PENDING", "尚未审结"),
    _col("四", "C4_TOTAL", "总计"),
)
TABLE4_BLOCKS: tuple[BlockSpec, ...] = (
    BlockSpec("行政复议", T4_REVIEW, TABLE4_COLUMNS, ()),
    BlockSpec("未经复议直接起诉", T4_DIRECT, TABLE4_COLUMNS, ()),
    BlockSpec("复议后起诉", T4_AFTER_REVIEW, TABLE4_COLUMNS, ()),
)

# The labels that begin a table: taken for the table even in running text, at a line's start.
TABLE_OPENERS: tuple[str, ...] = ("CAP_1", "T3_CORNER", "R3_NEW", "G3_RESULTS")
# The header labels that begin a header found out of place: it is then parsed on its own.
HEADER_OPENERS: dict[str, tuple[str, ...]] = {"三": ("T3_CORNER", "T3_APPLICANT"), "四": ("T4_REVIEW",)}

# --------------------------------------------------------------------------- derived views


@dataclass(frozen=True, slots=True)
class TableSpec:
    """Everything about one table of one template version."""

    name: str  # "二", "三", "四"
    version: Version
    blocks: tuple[BlockSpec, ...] = ()  # table 二 and 四
    rows: tuple[RowSpec, ...] = ()  # table 三
    groups: tuple[Label, ...] = ()  # table 三
    columns: tuple[Column, ...] = ()  # table 三 (data columns) and 四 (per block)
    header: tuple[Label, ...] = ()  # header labels in template order (without data column labels of 二)
    cells: tuple[CellKey, ...] = field(default=())


def _table2(version: Version) -> TableSpec:
    blocks = TABLE2[version]
    cells = tuple(
        CellKey("二", b.key, "", r.label.full, c.label.full) for b in blocks for r in b.rows for c in b.columns
    )
    return TableSpec("二", version, blocks=blocks, header=(T2_INFO,), cells=cells)


def _table3(version: Version) -> TableSpec:
    rows = TABLE3_ROWS[version]
    cells = tuple(CellKey("三", "", r.group, r.label.full, c.label.full) for r in rows for c in TABLE3_COLUMNS)
    header = (T3_CORNER, T3_APPLICANT, *tuple(c.label for c in TABLE3_COLUMNS[:1]), T3_LEGAL_PERSON)
    header += tuple(c.label for c in TABLE3_COLUMNS[1:])
    return TableSpec(
        "三", version, rows=rows, groups=TABLE3_GROUPS[version], columns=TABLE3_COLUMNS, header=header, cells=cells
    )


def _table4(version: Version) -> TableSpec:
    cells = tuple(CellKey("四", b.key, "", "", c.label.full) for b in TABLE4_BLOCKS for c in b.columns)
    header = (T4_REVIEW, T4_LITIGATION, T4_DIRECT, T4_AFTER_REVIEW, *tuple(c.label for c in TABLE4_COLUMNS))
    return TableSpec("四", version, blocks=TABLE4_BLOCKS, columns=TABLE4_COLUMNS, header=header, cells=cells)


@cache
def table(name: str, version: Version) -> TableSpec:
    return {"二": _table2, "三": _table3, "四": _table4}[name](version)


@cache
def all_cells(version: Version) -> tuple[CellKey, ...]:
    return table("二", version).cells + table("三", version).cells + table("四", version).cells


@cache
def relations(version: Version) -> tuple[Relation, ...]:
    """The arithmetic of TEMPLATE.md §5, as data shared by the checks and the digit splitter."""
    t3 = table("三", version)
    cols = [c.label.full for c in TABLE3_COLUMNS]
    total_col = cols[-1]

    def k3(row: RowSpec, col: str) -> CellKey:
        return CellKey("三", "", row.group, row.label.full, col)

    by_term = {r.label.terminal: r for r in t3.rows}
    out: list[Relation] = []
    # A101 balance, per column: 一 + 二 = （七）总计 + 四
    for col in cols:
        out.append(
            Relation(
                "A101",
                "三",
                (k3(by_term["R3_NEW"], col), k3(by_term["R3_CARRIED"], col)),
                (k3(by_term["R3_TOTAL"], col), k3(by_term["R3_CARRY_OVER"], col)),
                f"勾稽关系（{col}列）：第一项加第二项之和等于第三项加第四项之和",
            )
        )
    # A102 row totals: 总计 = sum of the six applicant columns
    for row in t3.rows:
        out.append(
            Relation(
                "A102",
                "三",
                (k3(row, total_col),),
                tuple(k3(row, c) for c in cols[:-1]),
                f"行合计（{row.label.full}）：总计等于各类申请人之和",
            )
        )
    # A103 column totals: （七）总计 = （一）+（二）+ every numbered outcome row
    outcome = [r for r in t3.rows if r.label.terminal not in ("R3_NEW", "R3_CARRIED", "R3_TOTAL", "R3_CARRY_OVER")]
    for col in cols:
        out.append(
            Relation(
                "A103",
                "三",
                (k3(by_term["R3_TOTAL"], col),),
                tuple(k3(r, col) for r in outcome),
                f"列合计（{col}列）：（七）总计等于各项办理结果之和",
            )
        )
    # A104 table 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结, per block
    for b in TABLE4_BLOCKS:
        keys = [CellKey("四", b.key, "", "", c.label.full) for c in b.columns]
        out.append(Relation("A104", "四", (keys[-1],), tuple(keys[:-1]), f"{b.key}：总计等于四项结果之和"))
    return tuple(out)


# --------------------------------------------------------------------------- terminals


@cache
def labels_by_terminal() -> dict[str, tuple[Label, ...]]:
    """Every label terminal of both versions; one terminal may have several texts (never in one version)."""
    out: dict[str, list[Label]] = {}

    def add(label: Label) -> None:
        lst = out.setdefault(label.terminal, [])
        if label not in lst:
            lst.append(label)

    for label in CAPTIONS.values():
        add(label)
    add(T2_INFO)
    for version in Version:
        for b in TABLE2[version]:
            for c in b.columns:
                add(c.label)
            for r in b.rows:
                add(r.label)
        for g in TABLE3_GROUPS[version]:
            add(g)
        for r in TABLE3_ROWS[version]:
            add(r.label)
    for label in (T3_CORNER, T3_APPLICANT, T3_LEGAL_PERSON, T4_REVIEW, T4_LITIGATION, T4_DIRECT, T4_AFTER_REVIEW):
        add(label)
    for c in TABLE3_COLUMNS + TABLE4_COLUMNS:
        add(c.label)
    return {k: tuple(v) for k, v in out.items()}


# Terminals that the lexer produces from something other than a fixed label.
SECTION_TERMINALS = tuple(f"HEAD_{s.number}" for s in SECTIONS)
_SECTION_OF = {f"HEAD_{s.number}": s.number for s in SECTIONS}
FREE_TERMINALS = ("TITLE", "DATE_LINE", "TEXT", "SIGN_ORGAN", "SIGN_DATE", "NUM", "PLACEHOLDER", "BLANK", "CELLTEXT")
VALUE_TERMINALS = frozenset({"NUM", "PLACEHOLDER", "BLANK", "CELLTEXT"})


def table_of_terminal(terminal: str) -> str | None:
    """Which table a label terminal belongs to ("二", "三", "四"), or None."""
    return _tables_of_terminals().get(terminal)


@cache
def _tables_of_terminals() -> dict[str, str]:
    return {t: labels[0].table for t, labels in labels_by_terminal().items()}


def role_of(terminal: str) -> Role | None:
    """What a label terminal is in its table (caption, header, column, row, group), or None."""
    labels = labels_by_terminal().get(terminal)
    return labels[0].role if labels else None


def section_of(terminal: str) -> int | None:
    """The section a heading terminal (HEAD_n) stands for, or None."""
    return _SECTION_OF.get(terminal)


@cache
def version_terminals(version: Version) -> frozenset[str]:
    """The label terminals only ``version``'s template has: found in a report's tables, they tell
    which template it follows."""

    def of(v: Version) -> set[str]:
        out = {b.caption.terminal for b in TABLE2[v] if b.caption}
        out |= {c.label.terminal for b in TABLE2[v] for c in b.columns} | {
            r.label.terminal for b in TABLE2[v] for r in b.rows
        }
        out |= {r.label.terminal for r in TABLE3_ROWS[v]} | {g.terminal for g in TABLE3_GROUPS[v]}
        return out

    other = Version.V2019 if version is Version.V2021 else Version.V2021
    return frozenset(of(version) - of(other))


@cache
def version_markers(version: Version) -> frozenset[str]:
    """The texts of `version_terminals` that say the version wherever they stand, before parsing:
    captions, column labels and long row labels (a row label such as 规范性文件 occurs in prose)."""
    return frozenset(
        label.full
        for terminal in version_terminals(version)
        for label in labels_by_terminal()[terminal]
        if label.role in (Role.CAPTION, Role.COLUMN) or (label.role is Role.ROW and len(label.full) >= 20)
    )


@cache
def strong_terminals() -> frozenset[str]:
    """Labels that are structure wherever they stand, even where the parser does not expect them:
    captions, the rows and groups of table 三 and its corner note (long, unmistakable)."""
    return frozenset(
        t
        for t, labels in labels_by_terminal().items()
        if labels[0].role is Role.CAPTION
        or (labels[0].table == "三" and labels[0].role in (Role.ROW, Role.GROUP))
        or t == T3_CORNER.terminal
    )


@dataclass(frozen=True, slots=True)
class RowPlace:
    """Where a data row sits in the template, and the keys of its cells."""

    table: str
    block: str
    group: str
    row: str
    columns: tuple[Column, ...]
    keys: tuple[CellKey, ...] = ()

    @classmethod
    def of(cls, table: str, block: str, group: str, row: str, columns: tuple[Column, ...]) -> RowPlace:
        keys = tuple(CellKey(table, block, group, row, c.label.full) for c in columns)
        return cls(table, block, group, row, columns, keys)


VALUES_4 = "VALUES_4"  # pseudo-terminal of the single data row of table 四


@cache
def row_places(version: Version) -> dict[str, RowPlace]:
    """Row terminal → its place in the template of ``version`` (and VALUES_4 for table 四)."""
    out: dict[str, RowPlace] = {}
    for b in TABLE2[version]:
        for r in b.rows:
            out[r.label.terminal] = RowPlace.of("二", b.key, "", r.label.full, b.columns)
    for r in TABLE3_ROWS[version]:
        out[r.label.terminal] = RowPlace.of("三", "", r.group, r.label.full, TABLE3_COLUMNS)
    out[VALUES_4] = RowPlace("四", "", "", "", TABLE4_COLUMNS * 3, table("四", version).cells)
    return out


def row_place(version: Version, terminal: str) -> RowPlace:
    """The place of a row terminal in ``version``'s template, else in the other one's (a row found by
    recovery); a part of table 四 (``VALUES_4:…``) holds its blocks' cells."""
    if terminal.startswith(VALUES_4 + ":"):
        keys = values4_keys(terminal)
        return RowPlace("四", "", "", "", TABLE4_COLUMNS * (len(keys) // len(TABLE4_COLUMNS)), keys)
    place = row_places(version).get(terminal)
    if place is None:
        other = Version.V2019 if version is Version.V2021 else Version.V2021
        place = row_places(other)[terminal]
    return place


def key(row: str, column: str, version: Version = Version.V2021) -> CellKey:
    """The key of a cell named by its row's and its column's terminals: ``key("R3_NEW", "C3_TOTAL")``;
    for table 四, the block's caption and the column: ``key("T4_REVIEW", "C4_TOTAL")``. A typo is an
    error here, never a rule that silently finds nothing."""
    blocks = {b.caption.terminal: b for b in TABLE4_BLOCKS if b.caption}
    if row in blocks:
        b = blocks[row]
        return next(CellKey("四", b.key, "", "", c.label.full) for c in b.columns if c.label.terminal == column)
    place = row_place(version, row)
    for k, c in zip(place.keys, place.columns, strict=True):
        if c.label.terminal == column:
            return k
    raise KeyError(f"{row} has no column {column} in {version}")


def values4_terminal(blocks: tuple[str, ...]) -> str:
    """The pseudo-terminal of a row of table 四 that holds the numbers of ``blocks`` only (a part of
    a table split into captioned parts): ``VALUES_4:行政复议``."""
    return f"{VALUES_4}:{'+'.join(blocks)}"


def values4_blocks(terminal: str) -> tuple[str, ...]:
    if terminal == VALUES_4:
        return tuple(b.key for b in TABLE4_BLOCKS)
    return tuple(terminal.partition(":")[2].split("+"))


def values4_keys(terminal: str = VALUES_4) -> tuple[CellKey, ...]:
    blocks = values4_blocks(terminal)
    return tuple(k for k in table("四", Version.V2021).cells if k.block in blocks)


@cache
def group_labels() -> dict[str, str]:
    """Group terminal → canonical group label."""
    return {g.terminal: g.full for v in Version for g in TABLE3_GROUPS[v]}
