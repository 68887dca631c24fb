"""The stages in order: load → normalise → scan → choose the version → lex+parse → build → check."""

from __future__ import annotations

from dataclasses import dataclass

from .build import build
from .lexer import Lexer
from .lexicon import CandidateIndex, Kind, scan
from .meta import Meta, read_meta
from .nodes import Report
from .normalize import Normalized, normalize
from .parser import ParseResult, parse_tokens
from .source import Source
from .template import Version

_V2019_MARKERS = frozenset(
    {
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "处理决定数量",
        "第二十条第（九）项",
        "采购项目数量",
        "采购总金额",
        "政府集中采购",
        "规范性文件",
    }
)
_V2021_MARKERS = frozenset(
    {
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额（单位：万元）",
        "行政规范性文件",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    }
)


@dataclass(frozen=True)
class Parsed:
    """A report read through every stage but the checks."""

    source: Source
    normalized: Normalized
    index: CandidateIndex
    result: ParseResult
    report: Report
    meta: Meta
    format_evidence: tuple[int, int]  # distinct V2019 and V2021 table labels found


def detect_format(index: CandidateIndex) -> tuple[int, int]:
    keys = {c.key for c in index.items if c.kind is Kind.LABEL}
    return len(keys & _V2019_MARKERS), len(keys & _V2021_MARKERS)


def choose_version(evidence: tuple[int, int], year: int | None) -> Version:
    """The format the tables follow; the report year decides when the tables do not tell."""
    v19, v21 = evidence
    if v19 > v21:
        return Version.V2019
    if v21 > v19:
        return Version.V2021
    return Version.for_year(year) if year else Version.V2021


def parse_source(source: Source, version: Version | None = None, trace: bool = False) -> Parsed:
    norm = normalize(source.text)
    index = scan(norm.analysis)
    evidence = detect_format(index)
    pre = read_meta(source, norm, index)
    chosen = version or choose_version(evidence, pre.year)
    result = parse_tokens(source.text, Lexer(norm.analysis, index), chosen, trace=trace)
    report = build(source, norm, result)
    return Parsed(source, norm, index, result, report, read_meta(source, norm, index, report), evidence)
