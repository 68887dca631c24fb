"""The typed, immutable, lossless syntax tree of a report.

Every node has a span in the original text and its children in order. Leaves cover text;
composite nodes cover exactly their children. Whitespace, pipes and masked characters between
tokens are `Trivia` leaves, web-page chrome is `Chrome`, text the parser could not place is
`Skipped`; parts the template requires but the report lacks are zero-width `Missing` leaves.
Joining the text of all leaves in order gives back the input, character for character.

Semantic attributes (section numbers, canonical row keys, cell values) are computed once by the
builder and stored on the nodes, so the checks and renderers never look at Lark objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar, TypeVar

from .lexicon import Wording
from .source import Span
from .template import CellKey, Version

N = TypeVar("N", bound="Node")


class CellStatus(StrEnum):
    OK = "ok"
    BLANK = "blank"  # an empty cell
    PLACEHOLDER = "placeholder"  # \ / - — 无 in place of a number
    INVALID = "invalid"  # text that is not a number
    UNREADABLE = "unreadable"  # digits fused with a neighbour's, or cells dropped: cannot tell


@dataclass(frozen=True, slots=True)
class Node:
    span: Span
    children: tuple[Node, ...] = ()
    kind: ClassVar[str] = "node"

    def leaves(self) -> Iterator[Node]:
        if not self.children:
            yield self
            return
        stack: list[Iterator[Node]] = [iter(self.children)]
        while stack:
            for child in stack[-1]:
                if child.children:
                    stack.append(iter(child.children))
                    break
                yield child
            else:
                stack.pop()

    def walk(self) -> Iterator[Node]:
        """This node and all below it, depth first, in document order."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def find(self, cls: type[N]) -> Iterator[N]:
        for node in self.walk():
            if isinstance(node, cls):
                yield node


# --------------------------------------------------------------------------- leaves


@dataclass(frozen=True, slots=True)
class Trivia(Node):
    kind: ClassVar[str] = "trivia"


@dataclass(frozen=True, slots=True)
class Chrome(Node):
    """Web-page chrome around the report: outside the report, kept, reported as info."""

    chrome: str = "page"
    kind: ClassVar[str] = "chrome"


@dataclass(frozen=True, slots=True)
class Token(Node):
    """A terminal of the grammar as the lexer found it."""

    terminal: str = ""
    label: str = ""  # canonical label text, for label terminals
    fuzzy: bool = False  # matched by similarity: the report's wording differs
    variant: bool = False  # another wording the template accepts (规范性文件 for 行政规范性文件)
    kind: ClassVar[str] = "token"


@dataclass(frozen=True, slots=True)
class Paragraph(Token):
    """A paragraph (or a line) of text."""

    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True, slots=True)
class Heading(Token):
    number: int = 0
    numeral: str = ""  # as written
    wording: Wording = Wording.EXACT
    kind: ClassVar[str] = "heading"


@dataclass(frozen=True, slots=True)
class Missing(Node):
    """Zero width: a terminal the template requires that the report does not have here."""

    terminal: str = ""
    kind: ClassVar[str] = "missing"


@dataclass(frozen=True, slots=True)
class Skipped(Node):
    """Text the parser could not fit into the report's structure."""

    terminal: str = ""
    kind: ClassVar[str] = "skipped"


# --------------------------------------------------------------------------- cells


@dataclass(frozen=True, slots=True)
class Cell:
    """One numeric cell of a table, in canonical terms."""

    key: CellKey
    status: CellStatus
    span: Span  # where its text is (for a blank or unreadable cell: its row's cells or label)
    raw: str = ""  # the text as written (original script)
    value: Decimal | None = None
    unit: str = ""  # 元, 万元 … as written
    split: bool = False  # separated from fused digits by the template's arithmetic
    candidates: int = 0  # for unreadable cells: how many splits were consistent (0 = none)

    @property
    def number(self) -> int | float | None:
        if self.value is None:
            return None
        return int(self.value) if self.value == self.value.to_integral_value() else float(self.value)


# --------------------------------------------------------------------------- composites


@dataclass(frozen=True, slots=True)
class Front(Node):
    """The title block: organ, title, date, introduction."""

    kind: ClassVar[str] = "front"


@dataclass(frozen=True, slots=True)
class Signature(Node):
    kind: ClassVar[str] = "signature"


@dataclass(frozen=True, slots=True)
class Header(Node):
    """A header row of a table: its labels in the order written."""

    kind: ClassVar[str] = "header"


@dataclass(frozen=True, slots=True)
class Row(Node):
    """A data row: label then cells. ``row`` is the canonical row label ("" for table 四)."""

    table: str = ""
    row: str = ""
    group: str = ""
    terminal: str = ""
    cells: tuple[Cell, ...] = ()
    extra: tuple[Node, ...] = ()  # value tokens beyond the template's columns
    kind: ClassVar[str] = "row"


@dataclass(frozen=True, slots=True)
class Group(Node):
    """A group label of table 三 with its sub-rows (（三）不予公开 …)."""

    label: str = ""
    terminal: str = ""
    kind: ClassVar[str] = "group"


@dataclass(frozen=True, slots=True)
class Block(Node):
    """A block of table 二: caption, header, rows."""

    key: str = ""  # canonical caption, e.g. 第二十条第（一）项
    kind: ClassVar[str] = "block"


@dataclass(frozen=True, slots=True)
class Table(Node):
    name: str = ""  # 二, 三, 四
    # Numbers in the table that stand apart from their rows' labels (a PDF read column by column):
    # how many, and where they run; 0 when the rows hold their own numbers.
    detached: int = 0
    detached_span: Span | None = None
    kind: ClassVar[str] = "table"

    def rows(self) -> Iterator[Row]:
        return self.find(Row)


@dataclass(frozen=True, slots=True)
class Section(Node):
    number: int = 0
    kind: ClassVar[str] = "section"

    @property
    def heading(self) -> Heading | Missing | None:
        for c in self.children:
            if isinstance(c, Heading | Missing):
                return c
        return None

    @property
    def table(self) -> Table | None:
        for c in self.children:
            if isinstance(c, Table):
                return c
        return None


@dataclass(frozen=True, slots=True)
class Misplaced(Node):
    """A part found out of its place (a section after a later one, a row out of order)."""

    rule: str = ""
    kind: ClassVar[str] = "misplaced"


@dataclass(frozen=True, slots=True)
class Report(Node):
    version: Version = Version.V2021
    kind: ClassVar[str] = "report"
    sections: dict[int, Section] = field(default_factory=dict, compare=False)
    # A lazily filled index of the (immutable) tree: every node, and the nodes by type.
    _index: dict[object, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def nodes(self) -> list[Node]:
        """Every node, depth first, in document order (computed once)."""
        found = self._index.get("all")
        if found is None:
            found = self._index["all"] = list(self.walk())
        return found

    def all(self, cls: type[N]) -> list[N]:
        """Every node of type ``cls`` (or a subclass), in document order (computed once per type)."""
        found = self._index.get(cls)
        if found is None:
            if cls.__subclasses__():
                found = [n for n in self.nodes if isinstance(n, cls)]
            else:  # a class without subclasses: from one pass that sorts every node by its type
                by_type = self._index.get("types")
                if by_type is None:
                    by_type = self._index["types"] = {}
                    for n in self.nodes:
                        by_type.setdefault(type(n), []).append(n)
                found = by_type.get(cls, [])
            self._index[cls] = found
        return found  # type: ignore[return-value]

    def tables(self) -> list[Table]:
        return self.all(Table)

    def cells(self) -> Iterator[Cell]:
        for row in self.all(Row):
            yield from row.cells
