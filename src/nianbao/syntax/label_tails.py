"""A row label that its row's values cut in two, as PDF text extraction writes a long label
wrapped in its cell: the head, the values, then the tail on the next line
(``一、本年新收政府信息公开   8  0 …`` over ``申请数量``), or the values on a middle line of the
label. Which words go on with a label is decided by the template's wording alone (exact, after
folding and without spaces), never by similarity: the pieces are the label's, never cells. Pieces
that end a long label may also come within the scanner's few edits of its whole wording, with its
number (`near_label`: a report's 不再受理 for 不再处理); the row is then reworded (T104).
"""

from __future__ import annotations

import re
from functools import cache

from .. import template as T
from ..source import after_break
from .bare_numbers import bare_numberings
from .cell_patterns import _HAN, _NUMBERING, _REMARK, unnumbered
from .label_spellings import numberings
from .line_map import LineMap
from .normalize import MASK, fold
from .scanner import Candidate, CandidateIndex, Kind, Wording, approx_labels, label_texts

_SPACE = re.compile(rf"[\s{MASK}]+")
_BLANKS = " \t" + MASK
_VALUE = re.compile(r"[0-9]+(?:\.[0-9]+)?|[\\/—–\-]|无")  # one value of a row, as PDF text writes it


def squeeze(text: str) -> str:
    """``text`` without spaces, line breaks and masked characters."""
    return _SPACE.sub("", text)


@cache
def wordings(terminal: str) -> tuple[str, ...]:
    """The ways a row's label may be written in full, folded and squeezed."""
    out: list[str] = []
    for lab in T.labels_by_terminal().get(terminal, ()):
        bare = [n + lab.text + lab.suffix for n in bare_numberings(fold(lab.numbering))]  # "5要求…": dot lost
        numbered = [n + lab.text + lab.suffix for n in numberings(lab)]  # "2、申请人…" as "2.申请人…"
        for w in (lab.full, lab.text + lab.suffix, *lab.variants, *bare, *numbered):
            out.append(squeeze(fold(w)))
    return tuple(out)


def continues(terminal: str, read: str, more: str) -> bool:
    """Whether ``more`` goes on with the label of ``terminal`` read so far as ``read`` (both
    squeezed analysis text): the two together begin one of the label's wordings."""
    return bool(more) and any(w.startswith(read + more) for w in wordings(terminal))


@cache
def _whole_rows() -> dict[str, str]:
    """Every row label's wordings (folded, squeezed) → its terminal."""
    out: dict[str, str] = {}
    for terminal, labels in T.labels_by_terminal().items():
        if labels and T.role_of(terminal) is T.Role.ROW:
            for w in wordings(terminal):
                out.setdefault(w, terminal)
    return out


@cache
def _group_labels() -> frozenset[str]:
    """Table 三's group labels (folded, squeezed), as they stand before a row of a PDF's text."""
    return frozenset(
        squeeze(fold(lab.full))
        for terminal, labels in T.labels_by_terminal().items()
        if T.role_of(terminal) is T.Role.GROUP
        for lab in labels
    )


def whole_label(text: str) -> str | None:
    """The terminal of the row label that ``text`` (analysis text, its pieces joined) is exactly."""
    return _whole_rows().get(squeeze(text))


def _within_edits(a: str, b: str, budget: int) -> bool:
    """Whether ``a`` is at most ``budget`` insertions, deletions or substitutions away from ``b``."""
    if abs(len(a) - len(b)) > budget:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > budget:
            return False
        prev = cur
    return prev[-1] <= budget


def _numbered(read: str) -> tuple[str, str]:
    """A squeezed label's number without its dot or brackets ("" for none) and its words."""
    m = _NUMBERING.match(read)
    return (m.group().strip("()、.,"), read[m.end() :]) if m else ("", read)


@cache
def _long_rows() -> tuple[tuple[frozenset[str], str, int, str], ...]:
    """The scanner's approximate labels that are long rows (words of 12 characters or more): their
    numbers, words, edits allowed and terminal."""
    out = []
    for a in approx_labels():
        rows = [t for t in label_texts().get(a.key, ()) if T.role_of(t) is T.Role.ROW]
        if rows and len(a.body) >= 12:
            numbers = frozenset(n.strip("()、.,") for n in a.numberings) or frozenset({""})
            out.append((numbers, a.body, a.budget, rows[0]))
    return tuple(out)


def near_label(text: str) -> str | None:
    """The terminal of the one long row label whose wording ``text`` (its pieces joined) is, with
    the same number and its words reworded within the edits the scanner allows for a long label
    found whole (不再受理 for 不再处理); None for none or more than one."""
    number, words = _numbered(squeeze(text))
    found = {t for numbers, body, budget, t in _long_rows() if number in numbers and _within_edits(words, body, budget)}
    return found.pop() if len(found) == 1 else None


_NUMBER_HEAD = re.compile(r"[0-9]{1,2}[ \u3000]?[^ \u3000|\r\n]{3,}")


def numbers_label(text: str, p: int, in_pipe_row: bool = False) -> bool:
    """Whether the number at ``p`` begins a row label's head with its dot lost ("5 要求行政机关确认或重"
    of a label wrapped in a PDF's cell): the number is the label's, not a value. In a pipe row, any
    words after it in its cell ("| 2 其他法律和 |", a label reworded): a value's cell holds no words."""
    m = _NUMBER_HEAD.match(text, p)
    return m is not None and len(_HAN.findall(m.group())) >= 3 and (in_pipe_row or begins_label(m.group()))


def _numbered_head(text: str) -> bool:
    """Whether ``text`` (a numbered line, its cell separators after it) is a number and words that
    begin a row label of the template ("四、结转下年度继,,,,")."""
    words = squeeze(text).rstrip(",，\t|")
    after = unnumbered(words)
    return after != words and len(_HAN.findall(after)) >= 2 and begins_label(words)


def headings_here(text: str, cands: list[Candidate], labels: list[Candidate], *, cells: bool) -> list[Candidate]:
    """The heading candidates among ``cands`` that may be a heading here: a label beats a guessed
    heading (四、结转下年度继续办理) but an unnumbered longer one; among a table's rows, a guessed
    heading that begins a row label ("四、结转下年度继" over "续办理  0 0 …") is the label's head."""
    heads = [c for c in cands if c.kind is Kind.HEADING]
    if labels:
        longest = max(c.end for c in labels)
        heads = [h for h in heads if h.wording is not Wording.UNKNOWN or (not h.numeral and h.end > longest)]
    if cells:
        heads = [h for h in heads if h.wording is not Wording.UNKNOWN or not _numbered_head(text[h.start : h.end])]
    return heads


def begins_label(text: str) -> bool:
    """Whether ``text`` (analysis text, its pieces joined) begins some row label's wording."""
    read = squeeze(text)
    return any(w.startswith(read) for w in _whole_rows())


@cache
def long_row_labels() -> tuple[str, ...]:
    """The long row labels as the scanner knows them, folded and squeezed: what a tail ends."""
    rows = (t for t, terms in label_texts().items() if any(T.role_of(x) is T.Role.ROW for x in terms))
    return tuple(squeeze(fold(t)) for t in rows if len(t) >= 8)


def _words_then_values(line: str) -> tuple[str, bool]:
    """A line cut into its words and the values after them, each after blanks ("不补正、行政机关不再处理
    0  0  0"): (the words, whether values followed)."""
    s = line.rstrip(_BLANKS)
    values = False
    while True:
        cut = max(s.rfind(c) for c in _BLANKS)
        if cut < 0 or not _VALUE.fullmatch(s, cut + 1):
            return s, values
        values = True
        s = s[:cut].rstrip(_BLANKS)


_SENTENCE_PUNCT = re.compile(r"[。；;！？!?，,]")


def local_row(line: str) -> bool:
    """Whether a line is a table row the template may not know: a few words (under 15 characters;
    more are prose, or the rest of a wrapped label), no sentence in them, and two values or more
    after them to the line's end ("其中：通过网络平台申请   9  9 …"), or two pipe cells or more, empty
    or values ("其中：通过网络平台申请 |  | 9 |…")."""
    if "|" in line:
        words, *cells = line.split("|")
        cells = [c.strip(_BLANKS) for c in cells]
        values = len(cells) >= 3 and all(not c or _VALUE.fullmatch(c) for c in cells)
    else:
        words, values = _words_then_values(line)
        values = values and len(line[len(words) :].split()) >= 2
    short = squeeze(words)
    return values and len(_HAN.findall(short)) >= 3 and len(short) < 15 and not _SENTENCE_PUNCT.search(short)


def values_to_line_end(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (the rest of a line) holds values only, at least one number."""
    rest = " " + text[start:end]
    words, values = _words_then_values(rest)
    return values and not squeeze(words) and any(ch.isdigit() for ch in rest)


MAX_LINES = 5  # the longest label of the template wraps into five lines of a narrow cell


def split_label(text: str, lines: LineMap, p: int, limit: int) -> tuple[str, int] | None:
    """The terminal of the row label whose head ``text[p:limit]`` (or the words of its line before
    the values: "2.其他法律行政法规禁止  0  0 …", where a column's word cut the stretch) begins a line of
    text and goes on at the start of the lines below, and where the head ends."""
    found = _split_label(text, lines, p, limit)
    if found is not None:
        return found, limit
    line_end = lines.end_from(p)
    words, values = _words_then_values(text[p:line_end])
    head = p + len(words)
    if values and head > limit and (found := _split_label(text, lines, p, head)) is not None:
        return found, head
    return None


def _split_label(text: str, lines: LineMap, p: int, limit: int) -> str | None:
    """The terminal of the row label whose head ``text[p:limit]`` begins a line of text (not a pipe
    row; after a group label at most) and goes on at the start of the lines below, the row's values
    after one of its pieces (PDF text of a label wrapped in its cell: ``1.申请人无正当理由逾期`` /
    ``不补正、行政机关不再处理   0  0 …`` / ``其政府信息公开申请``), when the pieces make one of its
    wordings exactly."""
    start = lines.start_of(p)
    before = squeeze(text[start:p])  # (a group label, its cell merged over its rows, may stand before)
    if start in lines.pipe_lines or (before and before not in _group_labels()):
        return None
    line_end = lines.end_from(p)
    rest = text[limit:line_end]
    if squeeze(rest) and not values_to_line_end(text, limit, line_end):
        return None
    have_values = bool(squeeze(rest))
    read = squeeze(text[p:limit])
    q = line_end
    for _ in range(MAX_LINES - 1):
        q = after_break(text, q)
        if q >= len(text) or q in lines.pipe_lines:
            return None
        end = lines.end_from(q)
        words, values = _words_then_values(text[q:end])
        if not squeeze(words) or "|" in words or any(ch.isdigit() for ch in words) or (values and have_values):
            return None
        read += squeeze(words)
        have_values = have_values or values
        terminal = _whole_rows().get(read)
        if terminal is not None:
            return terminal
        if not begins_label(read):
            return None
        q = end
    return None


# A row label read so far: its terminal, its text squeezed, where it ends.
LabelRead = tuple[str, str, int]


def label_read(text: str, terminal: str, start: int, end: int) -> LabelRead | None:
    """The state after a token ``terminal`` at ``start:end``: a row label's, or None."""
    return (terminal, squeeze(text[start:end]), end) if T.role_of(terminal) is T.Role.ROW else None


def going_on(text: str, read: LabelRead, p: int, limit: int, *, adjacent: bool = True) -> LabelRead | None:
    """The label ``read`` taken on with ``text[p:limit]`` when those words go on with its wording:
    ``adjacent``, with only spaces and line breaks between (``（二）部分公开（区分处理`` over ``的，只计这一
    情形，不计其  1  0 …``); otherwise wherever they stand (a line of their own below the row's
    values, which the caller has seen). None when they do not."""
    terminal, so_far, end = read
    more = squeeze(text[p:limit])
    # (the empty cells of a pipe row stand between a head alone in its row and the rest below)
    apart = adjacent and squeeze(text[end:p]).strip("|")
    if apart or any(ch.isdigit() for ch in more):
        return None
    if not continues(terminal, so_far, more) and not _ends_reworded(terminal, so_far, more):
        return None
    return (terminal, so_far + more, limit)


def _ends_reworded(terminal: str, so_far: str, more: str) -> bool:
    """Whether the words ``more`` complete the label read so far, reworded by a character or two:
    the label was not whole before them (OCR's "O" after a whole label is no word of it) and is
    near its wording with them."""
    return (
        len(_HAN.findall(more)) >= 2
        and whole_label(so_far) is None
        and near_label(so_far) is None
        and near_label(so_far + more) == terminal
    )


def remark_end(text: str, index: CandidateIndex, end: int, lines: LineMap | None = None, start: int = 0) -> int:
    """Where a row label ends with the remark in brackets that follows it: "（二）部分公开" is a
    label of its own, and the remark after it ("（区分处埋的，只计这一情形…）", as OCR misread
    the template's) belongs to the label, never to the row's cells. In a pipe row (``lines``), the
    words after the label (from ``start``) in its cell belong to it too, however long ("行政许可（注：
    本项含…）"): a pipe cell is one cell; but not the head of its own wording wrapped in the cell
    ("（二）部分公开（区分" over "处理的，…"). No remark: ``end``."""
    m = _REMARK.match(text, end)
    if m is not None and _HAN.search(m.group()) and not any(c.kind is not Kind.CHROME for c in index.at(end)):
        end = m.end()
    if lines is None:
        return end
    cell = _cell_end(text, index, end, lines)
    return end if cell > end and begins_label(text[start:cell]) else cell


def _cell_end(text: str, index: CandidateIndex, end: int, lines: LineMap) -> int:
    """The end of the pipe cell that ``end`` stands in, when words without a number (but in brackets)
    that begin with no other label fill it from there; else ``end``."""
    start = lines.start_of(end)
    if not lines.pipe_lines.get(start):
        return end
    cell_end = text.find("|", end, lines.end_from(end))
    if cell_end < 0:
        return end
    rest = text[end:cell_end].rstrip(" " + MASK)
    words = rest.strip(" " + MASK)
    bracketed = words[:1] in "（(" and words[-1:] in "）)" and len(_HAN.findall(words)) >= 2  # "（含2项下放事项）"
    if not words or not _HAN.search(rest) or (any(ch.isdigit() for ch in rest) and not bracketed):
        return end
    if any(c.kind is not Kind.CHROME for c in index.at(end + len(rest) - len(rest.lstrip(" " + MASK)))):
        return end  # another label or heading follows in the cell (a remark may name one inside)
    return end + len(rest)
