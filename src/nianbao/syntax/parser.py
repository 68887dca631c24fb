"""Stage 4: drive Lark's LALR parser token by token, recovering from every deviation.

The lexer and the parser work hand in hand: before each token the driver tells the lexer what
the parser's current state accepts. When a token cannot be taken, the driver recovers in the
cheapest way that keeps the rest of the report readable, in this order:

1. **insert** one zero-width *missing* terminal that makes the token acceptable (a group label,
   a block caption or a heading the report left out);
2. **re-synchronise**: a heading, block, group or row that turns up out of place is parsed on its
   own from its own start symbol and kept as a *misplaced* subtree;
3. **skip**: anything else becomes an *error* region.

At the end of the text the same insertion completes what is still open. Lark objects never leave
this module and ``build.py``; what comes out is a `ParseResult` for the AST builder.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from .. import template as T
from ..template import Version
from . import grammar_cache
from .grammar_gen import resync_rule, table_rules
from .lex_tokens import Accepts, LexToken, OutOfBand
from .lexer import Lexer
from .scanner import CandidateIndex, Kind, Wording, label_texts

_NON_INSERTABLE = frozenset(
    {"TEXT", "CELLTEXT", "NUM", "PLACEHOLDER", "BLANK", "TITLE", "DATE_LINE", "SIGN_ORGAN", "SIGN_DATE", "$END"}
)


@dataclass
class MisplacedParse:
    """A part found out of place and parsed from its own start symbol (the builder makes it a
    `nodes.Misplaced`)."""

    rule: str
    tree: Any  # lark Tree
    start: int
    end: int


@dataclass
class ParseResult:
    """What the parser stage hands to the builder (Lark objects inside; never beyond build.py)."""

    version: Version
    tree: Any  # lark Tree of the whole report
    misplaced: list[MisplacedParse]
    skipped: list[LexToken]  # tokens that fit nowhere: error regions
    info: dict[int, LexToken]  # id(lark Token) → the lexer's token behind it
    missing: set[int]  # ids of zero-width tokens inserted by recovery
    out_of_band: list[OutOfBand]
    trace: list[tuple[str, LexToken]] = field(default_factory=list)  # (event, token) for `debug`


# What each state stack accepts, memoised across reports for one parse table only: state numbers
# mean nothing in another table (a rebuilt or another grammar's parser), so the memo goes with it.
_ACCEPTS: tuple[object, dict[tuple[int, ...], Accepts]] = (None, {})


def _accepts_memo(states: object) -> dict[tuple[int, ...], Accepts]:
    global _ACCEPTS
    if _ACCEPTS[0] is not states:
        _ACCEPTS = (states, {})
    return _ACCEPTS[1]


@cache
def _lark() -> Any:
    """Lark's pieces that the driver needs, imported once (lazily: not at nianbao's import)."""
    from types import SimpleNamespace

    from lark import Token
    from lark.parsers.lalr_analysis import Shift

    return SimpleNamespace(Token=Token, Shift=Shift)


class _Frame:
    def __init__(self, ip: Any, rule: str) -> None:
        self.ip = ip
        self.rule = rule
        self.tokens: list[LexToken] = []


class Driver:
    def __init__(self, source_text: str, lexer: Lexer, version: Version, trace: bool = False) -> None:
        self.parser = grammar_cache.parser()
        self.states = self.parser.parser.parser.parser.parse_table.states
        self.source_text = source_text
        self.lexer = lexer
        self.version = version
        self.info: dict[int, LexToken] = {}
        self.missing: set[int] = set()
        self.misplaced: list[MisplacedParse] = []
        self.skipped: list[LexToken] = []
        self.trace: list[tuple[str, LexToken]] | None = [] if trace else None
        self._memo = _accepts_memo(self.states)
        self.out_of_order = _out_of_order(lexer.index)

    # ------------------------------------------------------------------ lark glue

    def _token(self, tok: LexToken, missing: bool = False) -> Any:
        value = "" if missing else self.source_text[tok.start : tok.end]
        lt = _lark().Token(tok.type, value, start_pos=tok.start, end_pos=tok.end)
        self.info[id(lt)] = tok
        if missing:
            self.missing.add(id(lt))
        return lt

    def accepts(self, ip: Any) -> Accepts:
        """Exactly the terminals the parser can shift next (LALR's merged look-aheads removed)."""
        stack = ip.parser_state.state_stack
        key = tuple(stack)
        memo = self._memo
        acc = memo.get(key)
        if acc is None:
            terms = frozenset(
                t for t in self.states[stack[-1]] if t.isupper() and t != "$END" and self._shiftable(stack, t)
            )
            acc = memo[key] = Accepts.of(terms)
            if len(memo) > 200_000:  # bound the memo on pathological inputs
                memo.clear()
        return acc

    def _advance(self, stack: list[int], terminal: str) -> list[int] | None:
        """The state stack after ``terminal`` is shifted (with the reductions it triggers), or None.

        Works on states only: trying a token on a copy of Lark's parser would share its value
        stack, whose lists Lark extends in place when it reduces repetitions.
        """
        shift = _lark().Shift
        states = self.states
        stack = list(stack)
        while True:
            action = states[stack[-1]].get(terminal)
            if action is None:
                return None
            kind, arg = action
            if kind is shift:
                stack.append(arg)
                return stack
            size = len(arg.expansion)
            if size:
                del stack[-size:]
            stack.append(states[stack[-1]][arg.origin.name][1])

    def _shiftable(self, stack: list[int], terminal: str) -> bool:
        return self._advance(stack, terminal) is not None

    def _feed(self, ip: Any, tok: LexToken, missing: bool = False) -> bool:
        if tok.type not in self.accepts(ip).terms:
            return False
        ip.feed_token(self._token(tok, missing))
        return True

    def _note(self, event: str, tok: LexToken) -> None:
        if self.trace is not None:
            self.trace.append((event, tok))

    # ------------------------------------------------------------------ recovery

    def _insert(self, frame: _Frame, tok: LexToken) -> bool:
        """Insert one missing terminal after which ``tok`` is accepted.

        Only a label can justify an insertion, and only of what introduces its own table: a
        group label before its rows, a block caption before its header, the section heading
        before the table. A number or a line of text never conjures up a missing structure.
        """
        family = T.table_of_terminal(tok.type)
        if family is None:
            return False
        section = {"二": "HEAD_2", "三": "HEAD_3", "四": "HEAD_4"}[family]
        stack = frame.ip.parser_state.state_stack
        header_word = T.role_of(tok.type) in (T.Role.HEADER, T.Role.COLUMN)
        if header_word and self.accepts(frame.ip).mode == "header":
            return False  # a stray word inside a header row opens no block of its own
        rows = self._next_rows(tok) if header_word else ()
        fits = []
        for terminal in sorted(self.accepts(frame.ip).terms - _NON_INSERTABLE):
            if terminal != section and T.table_of_terminal(terminal) != family:
                continue
            after = self._advance(stack, terminal)
            if after is not None and (then := self._advance(after, tok.type)) is not None:
                fits.append((terminal, then))
        # A header word fits the caption of any block that has such a column: the block is the
        # one whose rows follow the header.
        ahead = [t for t, then in fits if any(self._shiftable(then, r) for r in rows)]
        choice = (ahead or [t for t, _ in fits] or [None])[0]
        if choice is None:
            return False
        ghost = LexToken(choice, tok.start, tok.start)
        self._feed(frame.ip, ghost, missing=True)
        self._feed(frame.ip, tok)
        self._note("missing", ghost)
        return True

    def _next_rows(self, tok: LexToken) -> tuple[str, ...]:
        """The terminals of the next row label of ``tok``'s table after it (none if another
        table's label or a heading comes first)."""
        index = self.lexer.index
        family = T.table_of_terminal(tok.type)
        first = index.next_from(tok.end)
        for i in range(first, min(len(index.items), first + 64)):  # a header row has a few labels
            c = index.items[i]
            if c.kind is Kind.HEADING:
                return ()
            if c.kind is not Kind.LABEL:
                continue
            terminals = label_texts()[c.key]
            if any(T.table_of_terminal(t) not in (family, None) for t in terminals):
                return ()
            rows = tuple(t for t in terminals if T.role_of(t) is T.Role.ROW)
            if rows:
                return rows
        return ()

    def _can_end(self, ip: Any, stack: list[int] | None = None) -> bool:
        states = self.states
        end_state = ip.parser_state.parse_conf.end_state
        stack = list(ip.parser_state.state_stack if stack is None else stack)
        while stack[-1] != end_state:
            action = states[stack[-1]].get("$END")
            if action is None:
                return False
            rule = action[1]
            size = len(rule.expansion)
            if size:
                del stack[-size:]
            stack.append(states[stack[-1]][rule.origin.name][1])
        return True

    def _finish(self, frame: _Frame) -> Any | None:
        """Feed the end of input, inserting what is still required; None if impossible."""
        pos = self.lexer.pos
        ip = frame.ip
        for _ in range(6):
            if self._can_end(ip):
                return ip.feed_eof()
            stack = ip.parser_state.state_stack
            candidates = sorted(self.accepts(ip).terms - _NON_INSERTABLE)
            # prefer a terminal that completes the input at once, else any that is required
            completing = [t for t in candidates if (a := self._advance(stack, t)) is not None and self._can_end(ip, a)]
            choice = (completing or candidates or [None])[0]
            if choice is None:
                return None
            ghost = LexToken(choice, pos, pos)
            self._feed(ip, ghost, missing=True)
            self._note("missing", ghost)
        return None

    # ------------------------------------------------------------------ main loop

    def run(self) -> Any:
        main = _Frame(self.parser.parse_interactive("", start=f"report_{self.version.value.lower()}"), "report")
        stack = [main]
        while True:
            frame = stack[-1]
            acc = self.accepts(frame.ip)
            if len(stack) > 1:  # a part out of place ends at a label the report takes ("1.本机关…" after it)
                acc = acc.also(self.accepts(stack[0].ip))
            tok = self.lexer.next(acc)
            if tok is None:
                if len(stack) > 1:
                    self._close(stack.pop())
                    continue
                tree = self._finish(main)
                assert tree is not None, "the report rule accepts the end of input in every state"
                return tree
            moved = len(stack) == 1 and tok.start in self.out_of_order and T.section_of(tok.type) is not None
            if not moved and self._feed(frame.ip, tok):
                frame.tokens.append(tok)
                self._note("token", tok)
                continue
            if len(stack) > 1 and frame.rule in table_rules() and not moved and self._insert(frame, tok):
                frame.tokens.append(tok)  # a whole table out of place: its missing captions, as in place
                self._note("token", tok)
                continue
            if len(stack) > 1:  # a misplaced part ends where its own grammar ends
                self._close(stack.pop())
                self.lexer.pos = tok.start
                continue
            if not moved and self._insert(frame, tok):
                frame.tokens.append(tok)
                self._note("token", tok)
                continue
            # a table that opens where the parse holds none of it (after its section: tables given at
            # the end) is parsed whole, not only its first block
            elsewhere = T.table_of_terminal(tok.type) not in self.accepts(frame.ip).families
            tok = self._of_version(tok)
            rule = resync_rule(tok.type, self.version, whole_table=elsewhere)
            if rule is not None:
                sub = _Frame(self.parser.parse_interactive("", start=rule), rule)
                if self._feed(sub.ip, tok):
                    sub.tokens.append(tok)
                    stack.append(sub)
                    self._note("misplaced", tok)
                    continue
            self.skipped.append(tok)
            self._note("skipped", tok)

    def _of_version(self, tok: LexToken) -> LexToken:
        """A label that stands for terminals of both templates (（六）其他处理: V2019's row, V2021's
        group) as the terminal of the report's version, when out of place."""
        if not tok.label or tok.type in T.version_terminals(self.version):
            return tok
        ours = [t for t in label_texts().get(tok.label, ()) if t in T.version_terminals(self.version)]
        return replace(tok, type=ours[0]) if ours else tok

    def _close(self, frame: _Frame) -> None:
        tree = self._finish(frame)
        if tree is None or not frame.tokens:
            self.skipped.extend(frame.tokens)
            return
        self.misplaced.append(MisplacedParse(frame.rule, tree, frame.tokens[0].start, frame.tokens[-1].end))


_MAX_ORDERED = 200  # headings weighed for their order; beyond, the parse's own (greedy) order


def _out_of_order(index: CandidateIndex) -> frozenset[int]:
    """The section headings out of the report's order: those outside its longest run of headings in
    the template's order (the earliest such run). Parsing alone keeps whatever comes first, so that
    one section moved up ("一 六 二 三 四 五") would put the four after it out of place instead of it."""
    heads = [c for c in index.items if c.kind is Kind.HEADING and c.wording is not Wording.UNKNOWN]
    keys = [int(c.key) for c in heads]
    n = len(keys)
    if n > _MAX_ORDERED or all(a < b for a, b in itertools.pairwise(keys)):
        return frozenset()
    longest = [1] * n  # the longest increasing run that starts at i
    for i in range(n - 2, -1, -1):
        longest[i] = 1 + max((longest[j] for j in range(i + 1, n) if keys[j] > keys[i]), default=0)
    kept: set[int] = set()
    want, last = max(longest), 0
    for i in range(n):
        if longest[i] == want and keys[i] > last:
            kept.add(i)
            want, last = want - 1, keys[i]
    return frozenset(c.start for i, c in enumerate(heads) if i not in kept)


def parse_tokens(source_text: str, lexer: Lexer, version: Version, trace: bool = False) -> ParseResult:
    driver = Driver(source_text, lexer, version, trace)
    tree = driver.run()
    return ParseResult(
        version,
        tree,
        driver.misplaced,
        driver.skipped,
        driver.info,
        driver.missing,
        lexer.out_of_band,
        driver.trace or [],
    )


def describe(result: ParseResult, source_text: str) -> str:
    """Lark's raw parse tree (and what recovery set aside), as text for ``nianbao debug``."""

    def show(tree: Any) -> str:
        from lark import Token

        lines: list[str] = []

        def walk(t: Any, depth: int) -> None:
            pad = "  " * depth
            if isinstance(t, Token):
                tag = " (missing)" if id(t) in result.missing else ""
                lines.append(f"{pad}{t.type} {source_text[t.start_pos : t.end_pos][:40]!r} @{t.start_pos}{tag}")
                return
            lines.append(f"{pad}{t.data}")
            for c in t.children:
                walk(c, depth + 1)

        walk(tree, 0)
        return "\n".join(lines)

    parts = [f"# start: report_{result.version.value.lower()}", show(result.tree)]
    for m in result.misplaced:
        parts += [f"# misplaced, parsed from {m.rule} at {m.start}", show(m.tree)]
    for tok in result.skipped:
        parts.append(f"# skipped {tok.type} {source_text[tok.start : tok.end][:40]!r} @{tok.start}")
    return "\n".join(parts)
