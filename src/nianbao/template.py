"""The national report template: its labels, tables, cell keys and arithmetic, and the lookups
every stage uses (TEMPLATE.md §1–§6).

This module is the single source of truth for *labels*: the types are in `template_types`, the
contents in `template_data`, and both are importable from here, the one place to import the
template from. The grammar in ``grammar/report.lark`` names the same terminals and describes the
*structure*; a test checks that the two agree terminal for terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from .template_data import (
    CAPTIONS,
    G3_RESULTS,
    HEADER_OPENERS,
    NUMERALS,
    SECTIONS,
    T2_INFO,
    T3_APPLICANT,
    T3_CORNER,
    T3_LEGAL_PERSON,
    T4_AFTER_REVIEW,
    T4_DIRECT,
    T4_LITIGATION,
    T4_REVIEW,
    TABLE2,
    TABLE3_COLUMNS,
    TABLE3_GROUPS,
    TABLE3_LAYOUT,
    TABLE3_ROWS,
    TABLE4_BLOCKS,
    TABLE4_COLUMNS,
    TABLE_OPENERS,
    section,
)
from .template_types import (
    BlockSpec,
    CellKey,
    Column,
    GroupSpec,
    Label,
    Relation,
    Role,
    RowSpec,
    SectionSpec,
    Version,
)

__all__ = [
    "CAPTIONS",
    "FREE_TERMINALS",
    "G3_RESULTS",
    "HEADER_OPENERS",
    "NUMERALS",
    "SECTIONS",
    "SECTION_TERMINALS",
    "T2_INFO",
    "T3_APPLICANT",
    "T3_CORNER",
    "T3_LEGAL_PERSON",
    "T4_AFTER_REVIEW",
    "T4_DIRECT",
    "T4_LITIGATION",
    "T4_REVIEW",
    "TABLE2",
    "TABLE3_COLUMNS",
    "TABLE3_GROUPS",
    "TABLE3_LAYOUT",
    "TABLE3_ROWS",
    "TABLE4_BLOCKS",
    "TABLE4_COLUMNS",
    "TABLE_OPENERS",
    "VALUES_4",
    "VALUE_TERMINALS",
    "BlockSpec",
    "CellKey",
    "Column",
    "GroupSpec",
    "Label",
    "Relation",
    "Role",
    "RowPlace",
    "RowSpec",
    "SectionSpec",
    "TableSpec",
    "Version",
    "all_cells",
    "group_labels",
    "key",
    "labels_by_terminal",
    "relations",
    "role_of",
    "row_place",
    "row_places",
    "section",
    "section_of",
    "strong_terminals",
    "table",
    "table_of_terminal",
    "values4_blocks",
    "values4_keys",
    "values4_terminal",
    "version_markers",
    "version_terminals",
]

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
