"""Who published the report, for which year, when, and over which statistics period."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..source import Source, Span
from .dates import DATE
from .dates import value as date_value
from .normalize import MASK, Normalized
from .scanner import CandidateIndex, Kind

if TYPE_CHECKING:
    from .nodes import Report

# A title quoted in the introduction: the verb before the organ's name is not part of it.
_PUBLISH_VERB = re.compile(r"(?:现|特|特此|现予|予以|现将)?(?:发布|公布|印发|编制|制作|形成)了?[ ]*")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[ ]*年")
_ORGAN_SUFFIX = re.compile(
    r"(?:人民政府|办公室|办公厅|委员会|局|厅|委|署|院|中心|办|会|部|处|所|站|馆|队|管委会|公司|政府)$"
)
# Reports whose title was lost name their organ in the text: the title quoted in the introduction
# ("…编写了《河北省工业和信息化厅2019年度政府信息公开工作报告》") or the subject of the first
# sentence ("2021年，河北省科学技术厅坚持…"). Names only, never "我厅"/"本机关".
_QUOTED_TITLE = re.compile(r"《([^《》。，,、；;：:“”\s]{2,40}?)(?:19|20)[0-9]{2}[ ]*年度?[^《》]{0,24}?报告》")
_SUBJECT = re.compile(
    r"(?:19|20)[0-9]{2}[ ]*年(?:度|以来)?[ ]*[，,][ ]*"
    r"([^我本各全该其我，,。；;：:、《》“”()（）\s0-9][^，,。；;：:、《》“”()（）\s]{1,29}?)"
    r"(?=坚持|深入|认真|全面|紧紧|严格|积极|按照|围绕|始终|进一步|高度|持续|聚焦|扎实|紧扣|贯彻|不断|"
    r"根据|依据|大力|着力|紧密|继续|结合|落实|以习近平|在[省市县区党])"
)
_OPENING = 3000  # characters in which the introduction is looked for
_DATE_ISO = re.compile(r"((?:19|20)[0-9]{2})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})")
# Masked pinyin may sit between any two characters of the keyword (發(fā)布時間).
# (in a page's chrome a bare 时间/日期 stamp is the publication's: "来源： 时间：2020-01-19 14:16")
_PUBLISHED = re.compile(
    "(?:(?<![更新])(?:(?:" + "|".join("\ue000*".join(w) for w in ("发布", "发稿", "成文", "印发")) + ")\ue000*)?"
    "(?:" + "|".join("\ue000*".join(w) for w in ("时间", "日期")) + ")\ue000*[:：]?[ ]*)"
)
_PERIOD_KEY = re.compile(
    r"统计(?:数据)?(?:期限|时限|期间|时间段|时段|周期|时间|区间)|数据统计期|统计截止|数据(?:的)?时间段"
)
_PERIOD = re.compile(
    r"(?:(?:为|是|:|从|自|由)[ ]*)?"
    r"(?P<y1>(?:19|20)[0-9]{2})[ ]*年[ ]*(?P<m1>[0-9]{1,2})[ ]*月[ ]*(?P<d1>[0-9]{1,2})[ ]*日"
    r"[ ]*(?:起[ ]*)?(?:至|到|-|—|~|－)[ ]*(?:(?P<y2>(?:19|20)[0-9]{2})[ ]*年[ ]*)?(?P<m2>[0-9]{1,2})[ ]*月[ ]*"
    r"(?P<d2>[0-9]{1,2})[ ]*日"
)


@dataclass(frozen=True)
class Dated:
    value: date
    span: Span
    origin: str  # "page" (发布时间 on the web page), "signature", "title-block"


@dataclass(frozen=True)
class Period:
    span: Span  # the statement in the text
    start: date | None = None
    end: date | None = None

    @property
    def readable(self) -> bool:
        return self.start is not None and self.end is not None


@dataclass(frozen=True)
class Meta:
    year: int | None = None
    year_span: Span | None = None
    agency: str | None = None
    agency_span: Span | None = None
    published: Dated | None = None
    period: Period | None = None
    agency_simplified: str | None = None  # the organ in simplified script, for classifying it

    @property
    def organ_kind(self) -> str | None:
        """``government`` (its own report, due 3月31日), ``department`` (due 1月31日), ``office``
        (a 政府办公室/办公厅: either, so only the later deadline is sure), ``township`` or None."""
        return organ_kind(self.agency_simplified)


def organ_kind(agency: str | None) -> str | None:
    if not agency:
        return None
    if re.search(r"(?:乡|镇|街道)(?:人民政府|办事处)?$", agency) and not agency.endswith(("县人民政府", "市人民政府")):
        return "township"
    if re.search(r"人民政府办公(?:室|厅)$", agency):
        return "office"
    if agency.endswith("人民政府"):
        return "government"
    return "department"


def _date(m: re.Match[str]) -> date | None:
    if m.re is DATE:
        return date_value(m)
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def read_meta(source: Source, norm: Normalized, index: CandidateIndex, report: Report | None = None) -> Meta:
    text = norm.analysis
    original = source.text
    year = year_span = agency = agency_span = None
    titles = [c for c in index.items if c.kind is Kind.TITLE]
    for c in titles:
        m = _YEAR.search(text, c.start, c.end)
        if m:
            year, year_span = int(m.group(1)), Span(m.start(1), m.end(1))
            start = c.start
            verb = _PUBLISH_VERB.match(text, start, m.start())  # "…要求，发布河北省教育厅2021年…年度报告"
            if verb:
                start = verb.end()
            prefix = text[start : m.start()].strip()
            if len(prefix) >= 2 and _ORGAN_SUFFIX.search(prefix):
                agency, agency_span = original[start : start + len(prefix)], Span(start, start + len(prefix))
            else:
                found = _line_before(text, c.start)
                if found is not None:
                    agency_span = found
                    agency = original[found.start : found.end]
            break
    period = _period(text)
    if year is None and period is not None and period.start is not None:
        year = period.start.year
        year_span = period.span
    if year is None:
        year, year_span = _year_from_opening(text)
    published = _published(text, index, report)
    if agency is None and report is not None:
        from .nodes import Token

        for node in report.all(Token):
            if node.terminal == "SIGN_ORGAN":
                agency, agency_span = source.slice(node.span).strip(), node.span
                break
    if agency is None:
        agency_span = _named_in_text(text)
        if agency_span is not None:
            agency = original[agency_span.start : agency_span.end]
    simplified = None
    if agency is not None and agency_span is not None:
        # the organ as written, without spaces or masked pinyin (牟定縣政務(wù)… → 牟定縣政務…)
        pairs = zip(
            original[agency_span.start : agency_span.end], text[agency_span.start : agency_span.end], strict=True
        )
        kept = [(o, a) for o, a in pairs if a not in (" ", "\r", "\n", MASK)]
        agency = "".join(o for o, _ in kept)
        simplified = "".join(a for _, a in kept)
    return Meta(year, year_span, agency, agency_span, published, period, simplified)


def _year_from_opening(text: str) -> tuple[int | None, Span | None]:
    """A report without a title usually opens "2020年，…": take the year its opening names most
    (at least twice), or the year that starts section 一."""
    opening = text[:2000]
    found: dict[int, list[re.Match[str]]] = {}
    for m in _YEAR.finditer(opening):
        if not re.match(r"[ ]*[0-9]{1,2}[ ]*月", opening[m.end() :]):
            found.setdefault(int(m.group(1)), []).append(m)
    if not found:
        return None, None
    best = max(found.items(), key=lambda kv: (len(kv[1]), -kv[1][0].start()))
    head = re.search(r"一[、.][ ]*总体情况[ \r\n]*((?:19|20)[0-9]{2})[ ]*年", opening)
    if head:
        return int(head.group(1)), Span(head.start(1), head.end(1))
    if len(best[1]) >= 2:
        m = best[1][0]
        return best[0], Span(m.start(1), m.end(1))
    return None, None


def _named_in_text(text: str) -> Span | None:
    """The organ named by a title quoted in the introduction, else by the subject of its first
    sentences; only a name that ends like an organ's (厅, 局, 人民政府 …)."""
    opening = text[:_OPENING]
    for pattern in (_QUOTED_TITLE, _SUBJECT):
        for m in pattern.finditer(opening):
            name = m.group(1)
            if _ORGAN_SUFFIX.search(name) and len(name) >= 3:
                return Span(m.start(1), m.end(1))
    return None


def _line_before(text: str, pos: int) -> Span | None:
    """The last non-empty line before ``pos``, if it reads like an organ's name."""
    end = pos
    while end > 0 and text[end - 1] in " \r\n":
        end -= 1
    start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
    line = text[start:end].strip()
    if 2 <= len(line) <= 40 and _ORGAN_SUFFIX.search(line) and not re.search(r"[。，,:：;；]", line):
        offset = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        return Span(offset, offset + len(line))
    return None


def _period(text: str) -> Period | None:
    for key in _PERIOD_KEY.finditer(text):
        stop = min(len(text), key.end() + 60)
        m = _PERIOD.search(text, key.end(), stop)
        if m and m.start() - key.end() <= 6:
            y1 = int(m.group("y1"))
            y2 = int(m.group("y2")) if m.group("y2") else y1
            try:
                start = date(y1, int(m.group("m1")), int(m.group("d1")))
                end = date(y2, int(m.group("m2")), int(m.group("d2")))
            except ValueError:
                return Period(Span(key.start(), m.end()))
            return Period(Span(key.start(), m.end()), start, end)
        # the statement is there but its dates cannot be read ("自20201月1日至202012月31日")
        sentence_end = text.find("。", key.end(), stop)
        return Period(Span(key.start(), sentence_end if sentence_end > 0 else stop))
    return None


def _published(text: str, index: CandidateIndex, report: Report | None) -> Dated | None:
    for c in index.items:
        if c.kind is Kind.CHROME:
            for m in _PUBLISHED.finditer(text, c.start, c.end):
                rest = text[m.end() : c.end]
                d = _DATE_ISO.match(rest) or DATE.match(rest)
                if d and (value := _date(d)):
                    return Dated(value, Span(m.end() + d.start(), m.end() + d.end()), "page")
    if report is not None:
        from .nodes import Token

        for origin, terminal in (("signature", "SIGN_DATE"), ("title-block", "DATE_LINE")):
            for node in report.all(Token):
                if node.terminal == terminal:
                    d = DATE.search(text, node.span.start, node.span.end)
                    if d and (value := _date(d)):
                        return Dated(value, Span(d.start(), d.end()), origin)
    return _glued_signature(text, index)


def _glued_signature(text: str, index: CandidateIndex) -> Dated | None:
    """A signature run into the last paragraph, as run-on pages leave it ("…未收取信息处理费。
    河北省人力资源和社会保障厅2023年1月29日"): a date that ends the report (before the page's tail),
    right after the organ's name or a sentence's end."""
    tails = [c.start for c in index.items if c.kind is Kind.CHROME and c.key == "tail"]
    end = min(tails) if tails else len(text)
    body = text[max(0, end - 80) : end].rstrip(" \r\n\t" + MASK)
    offset = max(0, end - 80)
    m = next((d for d in DATE.finditer(body) if d.end() == len(body)), None)  # the date that ends it
    if m is None:
        return None
    before = re.split(r"[。；;！!？?\r\n]", body[: m.start()])[-1].strip()
    if before and not (len(before) <= 30 and _ORGAN_SUFFIX.search(before)):
        return None
    value = _date(m)
    return Dated(value, Span(offset + m.start(), offset + m.end()), "signature") if value else None
