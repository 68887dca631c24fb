"""Comma-separated table rows (a table saved as CSV by a spreadsheet or a PDF table extractor):
where their field separators and quotes stand, so that normalisation can make the separators
cell borders ("|") and mask the quotes, as it does for box-drawn tables.

A line is a CSV row only when the text says so beyond doubt: at least two ASCII commas, every
field short, none a sentence (。；) but a label's before the first value when every field after
the labels is a value (a row label with its remark), none a space-separated row of numbers (a thousands comma in
"行政许可 1,234 2,345" is no separator), quotes as CSV writes them (a field in quotes, ``""``
inside it, a line break allowed); and the row stands in a run of at least two such lines that
hold three value fields or more ("0", "3件", "—", an empty field; OCR's "O" for 0); a short line
without commas between them (a wrapped label's head) does not end the run. Prose with ASCII commas has
none of these. The offsets are the source's; the characters are the source's ASCII ones only
(a full-width "，" is never a separator)."""

from __future__ import annotations

import re

from ..source import after_break

_FIELD_MAX = 80  # a label of the template is at most ~40 characters; a longer field is prose
_QUOTED_MAX = 200
_SENTENCE = re.compile(r"[。；;]")
# numbers apart by spaces (a number before words is a row number without its dot: "1 属于国家秘密")
_SPACED_NUMBERS = re.compile(r"[0-9][ \t\u3000]+[^ \t\u3000\u4e00-\u9fff]|[^ \t\u3000][ \t\u3000]+[0-9]")
# A value's field. Stricter than a table's "no Han character" (header_values), since it decides
# whether a line is a CSV row at all; it stands here, not in cell_patterns, because CSV rows are
# found in the raw text before normalisation. OCR's "O" or "l" for a digit is a value's field too:
# the cell is read, and found no number.
_VALUE = re.compile(
    r"[ \t\u3000]*(?:[增减+\-]?[0-9]+(?:\.[0-9]+)?(?:亿元|万元|元|件|个|项|条|次)?|[\\/—–\-]+|无|[OoIl]{1,3})?"
    r"[ \t\u3000]*"
)


class _Row:
    __slots__ = ("commas", "end", "quotes", "values")

    def __init__(self, commas: list[int], quotes: list[int], values: int, end: int) -> None:
        self.commas = commas
        self.quotes = quotes
        self.values = values  # fields that are a value or empty
        self.end = end  # offset of the row's line break (or the text's end)


def _line_end(text: str, p: int) -> int:
    n = len(text)
    while p < n and text[p] not in "\r\n":
        p += 1
    return p


def _row(text: str, start: int) -> _Row | None:
    """The CSV row that begins at ``start``, or None when the line is not one."""
    commas: list[int] = []
    quotes: list[int] = []
    values = 0
    remark = False  # a label field holds a sentence: a row label with its remark ("行政许可（注：…。）")
    labels = 0  # the fields before the first value: the row's labels
    p, n = start, len(text)
    while True:
        q = p
        while q < n and text[q] in " \t":
            q += 1
        if q < n and text[q] == '"':
            close = q + 1
            while True:
                close = text.find('"', close, min(n, q + _QUOTED_MAX))
                if close == -1:
                    return None
                if text.startswith('""', close):
                    close += 2
                    continue
                break
            field = text[q + 1 : close].replace('""', '"')
            quotes += [q, close]
            p = close + 1
            while p < n and text[p] in " \t":
                p += 1
            if p < n and text[p] not in ",\r\n":
                return None
        else:
            p = q
            while p < n and text[p] not in ",\r\n":
                p += 1
            field = text[q:p]
            if '"' in field:
                return None  # a quote inside an unquoted field: not as CSV writes
        if _SENTENCE.search(field) and labels == len(commas) and len(field) <= _FIELD_MAX:
            remark = True
        elif len(field) > _FIELD_MAX or _SENTENCE.search(field) or _SPACED_NUMBERS.search(field.strip()):
            return None
        if _VALUE.fullmatch(field):
            values += 1
        elif labels == len(commas):
            labels += 1
        if p < n and text[p] == ",":
            commas.append(p)
            p += 1
            continue
        break
    if len(commas) < 2 or (remark and not 0 < values == len(commas) + 1 - labels):
        return None  # (after a sentence, only values: prose with ASCII commas is no row)
    return _Row(commas, quotes, values, p)


def csv_marks(text: str) -> tuple[list[int], list[int]]:
    """The offsets of the field separators and of the quotes of every CSV row of ``text``."""
    if text.count(",") < 4:
        return [], []
    commas: list[int] = []
    quotes: list[int] = []
    run: list[_Row] = []

    def close_run() -> None:
        if len(run) >= 2 and sum(r.values for r in run) >= 3:
            for r in run:
                commas.extend(r.commas)
                quotes.extend(r.quotes)
        run.clear()

    p, n = 0, len(text)
    while p < n:
        end = _line_end(text, p)
        if not text[p:end].strip():
            p = after_break(text, end)  # an empty line does not end a run
            continue
        line = text[p:end]
        row = _row(text, p) if ("," in line or line.lstrip(" \t").startswith('"')) and "|" not in line else None
        if row is None:
            if not (run and "," not in line and len(line.strip()) <= 40 and not _SENTENCE.search(line)):
                close_run()  # (a short line without commas is a wrapped label's head: the run goes on)
            p = after_break(text, end)
            continue
        run.append(row)
        p = after_break(text, row.end)
    close_run()
    return commas, quotes
