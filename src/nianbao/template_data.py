"""The national report template's contents as data (TEMPLATE.md §1–§4): its six sections, the
blocks of table 二, the layout of table 三 and the blocks of table 四, per version.

Import them through `nianbao.template`, which adds the derived views and lookups.
"""

from __future__ import annotations

from collections.abc import Iterator

from .template_types import BlockSpec, Column, GroupSpec, Label, Role, RowSpec, SectionSpec, Version

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
