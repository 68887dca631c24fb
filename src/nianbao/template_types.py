"""The vocabulary of the template: versions, labels and their roles, the specs of sections,
blocks, groups and rows, the canonical cell key and the arithmetic relation.

Types only; the national template's contents are in `template_data`, the lookups in `template`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
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
