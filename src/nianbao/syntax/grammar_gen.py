"""The grammar of a report, written from the template (`template.py` is the one source).

`grammar()` writes ``grammar/report.lark``: the report's skeleton (title block, six sections in
order, signature) and the rules of tables 二, 三 and 四 from the template's blocks, rows, groups
and columns, one start symbol per template version. A rule is named after its part and, where
the versions' rules differ, the version (``block_2_1_v2019``, ``withheld``). The same pass names
every rule for the builder and the parser (`RULES`, `resync_rule`), so that nothing downstream
takes rule names apart. ``python -m nianbao.syntax.grammar_gen`` rewrites the file; a test keeps the file
and the template in step.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import template as T
from ..template import GroupSpec, RowSpec, Version

GRAMMAR_PATH = Path(__file__).resolve().parents[3] / "grammar" / "report.lark"


@dataclass(frozen=True)
class RuleInfo:
    """What a rule of the grammar stands for, for the builder."""

    kind: str  # report front signature section table block header group row values part
    section: int = 0  # section: its number
    table: str = ""  # table: 二 三 四
    block: str = ""  # block of table 二: its key
    group: str = ""  # group: its terminal


def _alias(name: str, info: RuleInfo) -> str:
    """What the builder calls a rule's tree: its kind (``table_2`` for table 二's), nothing for an
    inlined rule (``_label_4``)."""
    if name.startswith("_"):
        return ""
    if info.kind == "table":
        return f"table_{'二三四'.index(info.table) + 2}"
    return info.kind


def _alternatives(body: str) -> list[str]:
    """The top-level alternatives of a rule's body (not those inside parentheses or braces)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(body):
        depth += (ch in "({" and 1) or (-1 if ch in ")}" else 0)
        if ch == "|" and depth == 0:
            out.append(body[start:i])
            start = i + 1
    return [*out, body[start:]]


def _v(version: Version) -> str:
    return version.value.lower()


def _alts(terminals: list[str]) -> str:
    return "(" + " | ".join([*terminals, "CELLTEXT"]) + ")+"


def _labels(labels: list[T.Label]) -> str:
    return " ".join(label.full for label in labels)


class _Writer:
    """The grammar's lines and its rules' meanings, written once per grammar."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.rules: dict[str, RuleInfo] = {}
        self.resync: dict[Version, dict[str, str]] = {v: {} for v in Version}  # terminal → start rule
        self.tables: dict[Version, dict[str, str]] = {v: {} for v in Version}  # table name → its rule

    def rule(self, name: str, body: str, info: RuleInfo, comment: str = "") -> None:
        if name in self.rules:
            return  # a rule both versions share, written once
        if comment:
            self.lines.append(f"// {comment}")
        alias = _alias(name, info)
        if alias:  # every alternative named after what it builds (the builder's method)
            body = " | ".join(f"{alt.strip()} -> {alias}" for alt in _alternatives(body))
        self.lines.append(f"{name}: {body}")
        self.rules[name] = info

    def blank(self, text: str = "") -> None:
        self.lines.append(text)


def _name(base: str, bodies: dict[Version, str], version: Version) -> str:
    """``base``, with the version when the versions' rules differ (or only one has it)."""
    shared = len(bodies) == len(Version) and len(set(bodies.values())) == 1
    return base if shared else f"{base}_{_v(version)}"


# --------------------------------------------------------------------------- table 二


def _table2_names() -> dict[Version, tuple[dict[str, str], dict[str, str]]]:
    """Per version: block item → block rule, block item → its header rule (blocks with the same columns
    share one: head_2_56_v2019)."""
    out = {}
    for v in Version:
        by_columns: dict[tuple[str, ...], list[str]] = {}
        for b in T.TABLE2[v]:
            by_columns.setdefault(tuple(c.label.terminal for c in b.columns), []).append(b.item)
        heads = {item: f"head_2_{''.join(items)}_{_v(v)}" for items in by_columns.values() for item in items}
        out[v] = ({b.item: f"block_2_{b.item}_{_v(v)}" for b in T.TABLE2[v]}, heads)
    return out


def _table2(w: _Writer, v: Version) -> str:
    blocks, heads = _table2_names()[v]
    name = f"table_2_{_v(v)}"
    w.rule(name, " ".join(f"_opt{{{blocks[b.item]}}}" for b in T.TABLE2[v]), RuleInfo("table", table="二"))
    for b in T.TABLE2[v]:
        assert b.caption is not None
        rows = " ".join(f"_opt{{row{{{r.label.terminal}}}}}" for r in b.rows)
        w.rule(
            blocks[b.item],
            f"{b.caption.terminal} _opt{{{heads[b.item]}}} {rows}",
            RuleInfo("block", table="二", block=b.key),
            f"{_labels([c.label for c in b.columns])} | {_labels([r.label for r in b.rows])}",
        )
        w.resync[v][b.caption.terminal] = blocks[b.item]
        w.rule(
            heads[b.item],
            _alts([T.T2_INFO.terminal, *(c.label.terminal for c in b.columns)]),
            RuleInfo("header", table="二"),
        )
    return name


# --------------------------------------------------------------------------- table 三


def _item(item: RowSpec | GroupSpec, names: dict[str, str]) -> str:
    if isinstance(item, RowSpec):
        return f"_opt{{row{{{item.label.terminal}}}}}"
    return names[item.rule] if item.label_optional else f"_opt{{{names[item.rule]}}}"


def _group_bodies(items: tuple[RowSpec | GroupSpec, ...]) -> Iterator[GroupSpec]:
    for item in items:
        if isinstance(item, GroupSpec):
            yield item
            yield from _group_bodies(item.items)


def _group_names() -> dict[Version, dict[str, str]]:
    """Per version: a group's rule in the template → its rule in the grammar."""
    bodies: dict[str, dict[Version, str]] = {}
    for v in Version:
        for g in _group_bodies(T.TABLE3_LAYOUT[v]):
            bodies.setdefault(g.rule, {})[v] = repr((g.label, g.items))
    return {v: {rule: _name(rule, b, v) for rule, b in bodies.items() if v in b} for v in Version}


def _table3(w: _Writer, v: Version) -> str:
    names = _group_names()[v]
    spec = T.table("三", v)
    name = f"table_3_{_v(v)}"
    w.rule(
        name,
        "_opt{head_3} " + " ".join(_item(x, names) for x in T.TABLE3_LAYOUT[v]),
        RuleInfo("table", table="三"),
    )
    w.rule("head_3", _alts([label.terminal for label in spec.header]), RuleInfo("header", table="三"))
    for terminal in T.HEADER_OPENERS["三"]:
        w.resync[v][terminal] = "head_3"
    for g in _group_bodies(T.TABLE3_LAYOUT[v]):
        items = " ".join(_item(x, names) for x in g.items)
        label = f"_opt{{{g.label.terminal}}}" if g.label_optional else f"{g.label.terminal} _cell*"
        kind = "outcomes" if g.label_optional else "group"  # the outcome rows' group may have no label
        w.rule(names[g.rule], f"{label} {items}", RuleInfo(kind, table="三", group=g.label.terminal), g.label.full)
        if not g.label_optional:
            w.resync[v][g.label.terminal] = names[g.rule]
    return name


# --------------------------------------------------------------------------- table 四


def _table4(w: _Writer, v: Version) -> str:
    spec = T.table("四", v)
    labels = [label.terminal for label in spec.header]
    w.rule("table_4", "_opt{head_4} values_4 part_4* _opt{head_4_part} | head_4", RuleInfo("table", table="四"))
    w.rule("head_4", _alts(labels), RuleInfo("header", table="四"))
    w.rule("part_4", "head_4_part values_4", RuleInfo("part", table="四"))
    w.rule("head_4_part", "_label_4 (_label_4 | CELLTEXT)*", RuleInfo("header", table="四"))
    w.rule("_label_4", " | ".join(labels), RuleInfo("header", table="四"))
    w.rule("values_4", "(NUM | PLACEHOLDER | BLANK) _cell* TEXT*", RuleInfo("values", table="四"))
    for terminal in T.HEADER_OPENERS["四"]:
        w.resync[v][terminal] = "head_4"
    return "table_4"


_TABLES = {"二": _table2, "三": _table3, "四": _table4}

# --------------------------------------------------------------------------- the grammar

_PREAMBLE = """\
// nianbao — the shape of a 政府信息公开工作年度报告, as an LALR(1) grammar.
//
// Written by src/nianbao/grammar_gen.py from src/nianbao/template.py: do not edit (regenerate with
// `python -m nianbao.syntax.grammar_gen`; a test fails when this file and the template differ).
//
// A title block, six sections in order, and the tables of sections 二, 三 and 四 with their
// blocks, headers, groups and rows (TEMPLATE.md §1–§4); one start symbol per template version.
// The terminals come from nianbao's contextual lexer (src/nianbao/lexer.py), which asks the parser
// what it can take next and finds it in the text whatever the layout. Nearly every part is optional
// (_opt{...}) so that a report that lacks it still parses into a complete tree; the checks then
// compare the tree with the template and say what is missing.
"""
_FREE = """\
// Free text and values (see lexer.py): TITLE DATE_LINE TEXT SIGN_ORGAN SIGN_DATE NUM
// PLACEHOLDER (\\ / - — 无) BLANK (an empty cell between pipes) CELLTEXT (a short cell that is
// neither a label nor a number). Section headings: HEAD_1 … HEAD_6."""


@cache
def _written() -> _Writer:
    w = _Writer()
    w.lines.append(_PREAMBLE)
    sections: dict[Version, list[str]] = {v: [] for v in Version}
    table_rules = w.tables
    body: list[str] = []
    tables = _Writer()  # the tables' rules, written after the sections'
    for v in Version:
        for name, write in _TABLES.items():
            tables.blank()
            table_rules[v][name] = write(tables, v)
    for spec in T.SECTIONS:
        for v in Version:
            head = f"HEAD_{spec.number}"
            if spec.table is None:
                rule, text = f"sec_{spec.number}", f"{head} TEXT*"
            else:
                table = table_rules[v][spec.table]
                other = table_rules[Version.V2019 if v is Version.V2021 else Version.V2021][spec.table]
                rule = f"sec_{spec.number}" if table == other else f"sec_{spec.number}_{_v(v)}"
                text = f"{head} TEXT* " + (f"_opt{{{table}}}" if spec.table == "四" else table)
            sections[v].append(rule)
            w.resync[v][head] = rule
            if rule not in w.rules:
                body.append(f"{rule}: {text} -> section{'':<4}// {spec.numeral}、{spec.title}")
                w.rules[rule] = RuleInfo("section", section=spec.number)
    for v in Version:
        parts = " ".join(f"_opt{{{s}}}" for s in sections[v])
        w.lines.append(f"report_{_v(v)}: front {parts} _opt{{signature}} -> report")
        w.rules[f"report_{_v(v)}"] = RuleInfo("report")
    w.lines += [
        "",
        "_opt{x}: x |",
        "",
        "front: (TITLE | DATE_LINE | TEXT)*        // 某某局 / 2023年政府信息公开工作年度报告 / 日期 / 编制说明",
        "signature: SIGN_ORGAN? SIGN_DATE          // 某某局 / 2024年1月20日",
        "",
        *body,
        "",
        "// A data row: its label, then its cells. Text that follows a row (a note, 注：…) stays with it.",
        "row{label}: label _cell* TEXT*",
        "_cell: NUM | PLACEHOLDER | BLANK | CELLTEXT",
        *tables.lines,
        "",
        _FREE,
        "",
        *_declarations(),
    ]
    w.rules.update({"front": RuleInfo("front"), "signature": RuleInfo("signature"), "row": RuleInfo("row")})
    w.rules.update(tables.rules)
    for v in Version:
        w.resync[v].update(tables.resync[v])
    return w


def _declarations() -> list[str]:
    sections = " ".join(f"HEAD_{s.number}" for s in T.SECTIONS)
    by_role: dict[tuple[str, T.Role], list[str]] = {}
    for terminal, labels in T.labels_by_terminal().items():
        by_role.setdefault((labels[0].table, labels[0].role), []).append(terminal)
    lines = [f"%declare {sections}", f"%declare {' '.join(T.FREE_TERMINALS)}"]
    order = sorted(by_role.items(), key=lambda kv: ("二三四".index(kv[0][0]), list(T.Role).index(kv[0][1])))
    for (table, role), terminals in order:
        lines.append(f"// table {table}: {role.value}s")
        lines += [f"%declare {' '.join(terminals[i : i + 12])}" for i in range(0, len(terminals), 12)]
    return lines


def grammar() -> str:
    """The grammar's text, as ``grammar/report.lark`` holds it."""
    return "\n".join(_written().lines) + "\n"


def rules() -> dict[str, RuleInfo]:
    """Every rule of the grammar (and ``row``, the template of the data rows) with what it stands for."""
    return _written().rules


def resync_rule(terminal: str, version: Version, whole_table: bool = False) -> str | None:
    """The start symbol that parses a part of ``version`` beginning with ``terminal`` on its own;
    ``whole_table``: for a terminal that opens a table (`template.TABLE_OPENERS`, the header words
    of table 四), the table, which then takes every part of it that follows."""
    if whole_table and terminal in table_openers():
        return _written().tables[version][T.table_of_terminal(terminal) or ""]
    if terminal in row_terminals():
        return f"row{{{terminal}}}"
    return _written().resync[version].get(terminal)


@cache
def table_rules() -> tuple[str, ...]:
    """The rules of whole tables, which `resync_rule` gives for a table out of its section (in a
    fixed order: they are start symbols, and the parser cache is named after them)."""
    return tuple(dict.fromkeys(r for v in Version for r in _written().tables[v].values()))


@cache
def table_openers() -> frozenset[str]:
    """The terminals a table may begin with when it stands out of its section."""
    return frozenset({*T.TABLE_OPENERS, *T.HEADER_OPENERS["四"]})


@cache
def row_terminals() -> tuple[str, ...]:
    """The terminals that begin a data row, in both versions."""
    out: dict[str, None] = {}
    for v in Version:
        for b in T.TABLE2[v]:
            out.update(dict.fromkeys(r.label.terminal for r in b.rows))
        out.update(dict.fromkeys(r.label.terminal for r in T.TABLE3_ROWS[v]))
    return tuple(out)


@cache
def resync_rules() -> tuple[str, ...]:
    """The parts that may be parsed on their own when they turn up out of place."""
    return tuple(dict.fromkeys([*(r for v in Version for r in _written().resync[v].values()), *table_rules()]))


def start_symbols() -> list[str]:
    return [f"report_{_v(v)}" for v in Version] + list(resync_rules()) + [f"row{{{t}}}" for t in row_terminals()]


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        GRAMMAR_PATH.write_text(grammar(), "utf-8")
    else:
        sys.stdout.write(grammar())
