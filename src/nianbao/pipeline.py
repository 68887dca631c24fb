"""The stages in order: load → normalise → scan → choose the version → lex+parse → build → check."""

from __future__ import annotations

from dataclasses import dataclass

from .source import Source
from .syntax.build import build
from .syntax.lex_tokens import LexToken, OutOfBand
from .syntax.lexer import Lexer
from .syntax.meta import Meta, read_meta
from .syntax.nodes import Report, Skipped, Table, Token
from .syntax.normalize import Normalized, normalize
from .syntax.parser import ParseResult, parse_tokens
from .syntax.scanner import CandidateIndex, Kind, scan
from .template import Version, version_markers, version_terminals


@dataclass(frozen=True)
class Parsed:
    """A report read through every stage but the checks."""

    source: Source
    normalized: Normalized
    index: CandidateIndex
    report: Report
    meta: Meta
    format_evidence: tuple[int, int]  # distinct V2019-only and V2021-only labels in the tables
    trace: tuple[tuple[str, LexToken | OutOfBand], ...] = ()  # tokens and chrome, when asked for (debug)

    @property
    def table_format(self) -> Version | None:
        """The version the tables follow, or None when they do not tell."""
        v19, v21 = self.format_evidence
        return None if v19 == v21 else (Version.V2019 if v19 > v21 else Version.V2021)


def detect_format(index: CandidateIndex) -> tuple[int, int]:
    """Before parsing: distinct version-specific header labels anywhere in the text."""
    keys = {c.key for c in index.items if c.kind is Kind.LABEL}
    return len(keys & version_markers(Version.V2019)), len(keys & version_markers(Version.V2021))


def table_evidence(report: Report) -> tuple[int, int]:
    """After parsing: distinct version-specific terminals inside the tables (placed or not)."""
    terminals = {n.terminal for t in report.all(Table) for n in t.walk() if isinstance(n, Token)}  # linear
    terminals |= {n.terminal for n in report.all(Skipped)}
    return len(terminals & version_terminals(Version.V2019)), len(terminals & version_terminals(Version.V2021))


def choose_version(evidence: tuple[int, int], year: int | None, assume: Version | None = None) -> Version:
    """The format the tables follow; when the tables do not tell, the configured version, else the
    one of the report's year, else the current one."""
    v19, v21 = evidence
    if v19 > v21:
        return Version.V2019
    if v21 > v19:
        return Version.V2021
    if assume is not None:
        return assume
    return Version.for_year(year) if year else Version.V2021


def front_end(
    source: Source, version: Version | None = None, trace: bool = False, assume: Version | None = None
) -> tuple[Normalized, CandidateIndex, ParseResult]:
    """Normalise, scan, choose the version and parse: the stages that end in Lark's tree.
    ``version`` forces the grammar; ``assume`` is used only when the tables do not tell."""
    norm = normalize(source.text)
    index = scan(norm.analysis)
    pre = read_meta(source, norm, index)
    chosen = version or choose_version(detect_format(index), pre.year, assume)
    result = parse_tokens(source.text, Lexer(norm.analysis, index, source.text), chosen, trace=trace)
    return norm, index, result


def parse_source(
    source: Source, version: Version | None = None, trace: bool = False, assume: Version | None = None
) -> Parsed:
    """Every stage but the checks. Lark's tree is turned into nianbao's own here and dropped."""
    norm, index, result = front_end(source, version, trace, assume)
    report = build(source, norm, result)
    meta = read_meta(source, norm, index, report)
    events: tuple[tuple[str, LexToken | OutOfBand], ...] = ()
    if trace:
        events = (*result.trace, *(("chrome", o) for o in result.out_of_band))
    return Parsed(source, norm, index, report, meta, table_evidence(report), events)
