"""The stages in order: load → normalise → scan → choose the version → lex+parse → build → check."""

from __future__ import annotations

from dataclasses import dataclass

from .build import build
from .lexer import Lexer, LexToken, OutOfBand
from .lexicon import CandidateIndex, Kind, scan
from .meta import Meta, read_meta
from .nodes import Report, Skipped, Table, Token
from .normalize import Normalized, normalize
from .parser import ParseResult, parse_tokens
from .source import Source
from .template import Version

# Header labels that only one version has; row labels such as 规范性文件 also occur in prose.
_V2019_MARKERS = frozenset(
    {"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "处理决定数量",
     "第二十条第（九）项", "采购项目数量", "采购总金额"}
)  # fmt: skip
_V2021_MARKERS = frozenset(
    {"本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"}
)  # fmt: skip
# Terminals found in the parsed tables that tell which version the tables follow.
_V2019_TERMINALS = frozenset(
    {"T2_NEW_MADE", "T2_NEW_PUBLIC", "T2_TOTAL_PUBLIC", "T2_PREV_COUNT", "T2_CHANGE", "T2_DECISIONS", "CAP_9",
     "T2_PROC_COUNT", "T2_PROC_AMOUNT", "R2_NORMATIVE", "R2_OTHER_SERVICES", "R2_PROCUREMENT", "R3_OTHER"}
)  # fmt: skip
_V2021_TERMINALS = frozenset(
    {"T2_ISSUED", "T2_REPEALED", "T2_IN_FORCE", "T2_YEAR_DECISIONS", "T2_FEE_AMOUNT", "R2_ADMIN_NORMATIVE",
     "G3_OTHER", "R3_O1", "R3_O2", "R3_O3"}
)  # fmt: skip


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
    return len(keys & _V2019_MARKERS), len(keys & _V2021_MARKERS)


def table_evidence(report: Report) -> tuple[int, int]:
    """After parsing: distinct version-specific terminals inside the tables (placed or not)."""
    terminals = {n.terminal for t in report.all(Table) for n in t.walk() if isinstance(n, Token)}  # linear
    terminals |= {n.terminal for n in report.all(Skipped)}
    return len(terminals & _V2019_TERMINALS), len(terminals & _V2021_TERMINALS)


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
