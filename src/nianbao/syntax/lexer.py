"""Stage 3: a contextual lexer that turns the analysis text into terminals, whatever the layout.

The parser tells the lexer, before each token, which terminals it can accept (`Accepts`). The
lexer then looks at the current position of the analysis text and produces the best token:

* a template label, heading, title or date found there by the one-pass scan (`scanner.scan`);
* a number (digits, sign, decimals, unit), a placeholder (``\\ / - — 无``) or, between two
  pipes, an empty cell (BLANK);
* a row label written differently from the template but close to the one expected (fuzzy);
* otherwise free text: TEXT for prose, CELLTEXT for a short cell.

Layouts need no switch: pipes, tabs, line breaks and runs of two or more spaces end a cell;
single spaces separate numbers; in run-on text, labels and number boundaries split the run. Runs
of digits that fuse several cells (``121010014``) stay one NUM token here; `cells.py` splits them
once the whole table is known. Web-page chrome is recognised here too and set aside as
out-of-band regions, like whitespace: it never reaches the parser but stays in the tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from .. import template as T
from ..source import Span
from . import fuzzy_labels, pictures, wrapped_cells
from . import label_tails as tails
from .bare_numbers import opens_cell
from .cell_patterns import (
    _APPROXIMATE,
    _CLAUSE_PUNCT,
    _GAP_CHARS,
    _HAN,
    _NOTE,
    _NUM,
    _NUMBERED_NEXT,
    _NUMBERING,
    _PLACEHOLDER,
    _PROSE_AHEAD,
    _PROSE_PUNCT,
    _SENTENCE,
    _SEPARATOR_SPACES,
    _SIGNED_NEXT,
    _TABLE_LINE_REST,
    _VALUES_AFTER_SENTENCE,
    _WORDS_AFTER,
    _YEAR_END,
    unnumbered,
)
from .fuzzy_labels import fuzzy_header, strong_rows
from .gaps import Gaps
from .lex_tokens import Accepts, LexToken, OutOfBand, best_terminal, label_family
from .line_map import LineMap
from .normalize import MASK
from .scanner import Candidate, CandidateIndex, Kind, Wording, label_texts


@dataclass
class Lexer:
    """Produces one token at a time for the state the parser is in."""

    text: str  # the analysis text
    index: CandidateIndex
    original: str = ""  # the text as written (same length): which pipes were commas or tabs
    pos: int = 0
    out_of_band: list[OutOfBand] = field(default_factory=list)
    lines: LineMap = field(init=False)
    gaps: Gaps = field(init=False)
    label: tails.LabelRead | None = None  # the row label just read, while only its own words follow
    row: tails.LabelRead | None = None  # the row label last read, while its values follow

    def __post_init__(self) -> None:
        self.lines = LineMap.of(self.text, self.index)
        self.gaps = Gaps(self.text, self.original, self.lines)

    # ------------------------------------------------------------------ main entry

    def next(self, acc: Accepts) -> LexToken | None:
        """The next token for a parser that accepts ``acc``; None at the end of the text."""
        text = self.text
        n = len(text)
        while True:
            p = self.gaps.skip(self.pos, acc)
            if isinstance(p, LexToken):
                self.pos = p.end
                return p
            self.pos = p
            if p >= n:
                return None
            cands = self.index.at(p)
            chrome = next((c for c in cands if c.kind is Kind.CHROME), None)
            if chrome is not None:
                end = self.lines.end_from(p) if chrome.key == "tail" else chrome.end
                self.out_of_band.append(OutOfBand(chrome.key, Span(p, end)))
                self.pos = end
                continue
            tok = self._structural(p, cands, acc) or self._value(p, acc) or self._free(p, acc)
            going_on = self.label is not None and self.label[2] == tok.end  # the label's next words (_free)
            if not going_on:
                self.label = tails.label_read(text, tok.type, tok.start, tok.end)
            if going_on or (tok.type not in T.VALUE_TERMINALS and (self.row is None or self.row[2] != tok.end)):
                self.row = self.label
            self.pos = tok.end
            return tok

    # ------------------------------------------------------------------ structure

    def _structural(self, p: int, cands: list[Candidate], acc: Accepts) -> LexToken | None:
        labels = [c for c in cands if c.kind is Kind.LABEL]
        heads = tails.headings_here(self.text, cands, labels, cells=acc.mode == "cells")
        # 1. what the parser expects
        for h in sorted(heads, key=lambda h: list(Wording).index(h.wording)):
            if h.key in acc.heads:
                return LexToken(acc.heads[h.key], p, h.end, h.key, wording=h.wording, numeral=h.numeral)
        for c in labels:
            if c.key in acc.labels:
                return self._label_token(acc.labels[c.key], p, c)
        for c in cands:
            if c.kind is Kind.TITLE and "TITLE" in acc.terms:
                return LexToken("TITLE", p, c.end)
            if c.kind is Kind.DATE:
                for t in ("DATE_LINE", "SIGN_DATE"):
                    if t in acc.terms or (t == "SIGN_DATE" and acc.mode == "cells"):  # a date line is no cell
                        return LexToken(t, p, c.end)
        # the signature ends a table (one given at the end ends there): its organ's line is no cell
        if ("SIGN_ORGAN" in acc.terms or acc.mode == "cells") and not self.text[self.lines.start_of(p) : p].strip():
            tok = self._sign_organ(p)
            if tok is not None:
                return tok
        if labels and (rest := self._row_label_rest(p, acc, self.lines.chunk_end(p))):
            return rest  # a wrapped row label's rest that begins with a column's word ("其他情形）")
        # 2. structure the parser does not expect here: let it recover (misplaced or extra parts)
        for h in heads:
            if h.wording is not Wording.UNKNOWN:
                return LexToken(f"HEAD_{h.key}", p, h.end, h.key, wording=h.wording, numeral=h.numeral)
        if acc.mode != "text" or not acc.terms & {"TEXT"}:
            for c in labels:
                terminals = label_texts()[c.key]
                strong = any(t in T.strong_terminals() for t in terminals)
                # among a row's cells a label of the template is never a cell: the parser sets it aside
                header_word = acc.mode == "cells" and bool(label_family(c.key)) and c.wording is not Wording.OTHER
                header_word = header_word and self._fills_cell(c)  # "| 其他对外管理 |" is no column 其他
                if strong or header_word or label_family(c.key) & acc.families:
                    return self._label_token(best_terminal(terminals, acc), p, c)
        if acc.mode == "text":
            # In running text (or after the report's end: tables given after the signature), only a
            # label that opens a table at the start of a line is structure; recovery places the table.
            for c in labels:
                if self._opens_table(c):
                    return LexToken(best_terminal(label_texts()[c.key], acc), p, c.end, c.key)
        if acc.mode == "text" and self._table_line(p, labels):
            # A row or header word of the table this section holds, as a table line of its own
            # ("规章 | 0 | 0 | 0"): the table is there without its captions, which recovery inserts.
            for c in labels:
                if self._opens_table_here(c, acc):
                    return LexToken(best_terminal(label_texts()[c.key], acc), p, c.end, c.key)
        return None

    def _label_token(self, terminal: str, p: int, c: Candidate) -> LexToken:
        """A label's token; a row label's takes the remark after it (`label_tails.remark_end`)."""
        fuzzy = c.wording is Wording.OTHER  # a long label a character or two away from the template's
        row = T.role_of(terminal) is T.Role.ROW
        end = tails.remark_end(self.text, self.index, c.end, self.lines, p) if row else c.end
        wording = c.wording if end == c.end else Wording.OTHER
        return LexToken(terminal, p, end, c.key, fuzzy=fuzzy or end != c.end, wording=wording)

    def _fills_cell(self, c: Candidate) -> bool:
        """Whether nothing but a bracketed remark follows the label ``c`` in its pipe cell."""
        if self.lines.start_of(c.start) not in self.lines.pipe_lines:
            return True
        line_end = self.lines.end_from(c.end)
        border = self.text.find("|", c.end, line_end)
        rest = self.text[c.end : border if border >= 0 else line_end].strip(" " + MASK)
        return not rest or rest[0] in "（("

    @staticmethod
    def _opens_table_here(c: Candidate, acc: Accepts) -> bool:
        """A row label or header word of a table the section holds next (table 二 without captions)."""
        return bool(label_family(c.key) & acc.families) and any(
            T.role_of(t) in (T.Role.ROW, T.Role.HEADER) for t in label_texts()[c.key]
        )

    def _table_line(self, p: int, labels: list[Candidate]) -> bool:
        """Whether the labels at ``p`` stand as a table line: alone at its start (after a pipe at
        most), after a sentence's end, a heading or a label of the same table (a body on one
        line); followed by nothing, a cell separator, a value or another label of that table."""
        if not labels:
            return False
        line_start = self.lines.start_of(p)
        q = p
        while True:  # back over spaces, pipes and page chrome (set aside like spaces)
            while q > line_start and self.text[q - 1] in " |" + MASK:
                q -= 1
            chrome = self._ending_at(q, Kind.CHROME)
            if chrome is None or chrome.start < line_start:
                break
            q = chrome.start
        if q > line_start and self.text[q - 1] not in "。:：" and self._ending_at(q, Kind.HEADING) is None:
            before = self._ending_at(q, Kind.LABEL)  # a header word of the same table (a one-line body)
            if before is None or not label_family(before.key) & label_family(labels[0].key):
                return False
        end = max(c.end for c in labels)
        line_end = self.lines.end_from(end)
        if _TABLE_LINE_REST.match(self.text, end, line_end) is None and not self._same_table_label_at(end, labels):
            return False
        # "规章0件，规范性文件13件。" is a sentence: no punctuation of prose before the next label
        i = self.index.next_from(end)
        stop = min(line_end, end + 40, self.index.starts[i] if i < len(self.index.items) else line_end)
        return _CLAUSE_PUNCT.search(self.text, end, stop) is None

    def _ending_at(self, q: int, kind: Kind) -> Candidate | None:
        """A candidate of ``kind`` that ends at ``q`` (a heading of the template's wording)."""
        items = self.index.items
        i = self.index.next_from(max(0, q - 200))
        while i < len(items) and items[i].start < q:
            c = items[i]
            if c.kind is kind and c.end == q and (kind is not Kind.HEADING or c.wording is not Wording.UNKNOWN):
                return c
            i += 1
        return None

    def _same_table_label_at(self, end: int, labels: list[Candidate]) -> bool:
        q = end
        while q < len(self.text) and self.text[q] in " " + MASK:
            q += 1
        families = frozenset().union(*(label_family(c.key) for c in labels))
        return any(c.kind is Kind.LABEL and label_family(c.key) & families for c in self.index.at(q))

    def _opens_table(self, c: Candidate) -> bool:
        """A label that opens a table at the start of a line; table 四's first header word only
        before another of its header words ("行政复议 | 行政诉讼"): alone, it starts prose too."""
        terminals = label_texts()[c.key]
        if any(t in T.TABLE_OPENERS for t in terminals):
            return self._starts_line(c.start)
        if not any(t in T.HEADER_OPENERS["四"] for t in terminals):
            return False
        q = c.end
        while q < len(self.text) and self.text[q] in " |\t\r\n" + MASK:
            q += 1
        after = [x for x in self.index.at(q) if x.kind is Kind.LABEL and "四" in label_family(x.key)]
        # (in a pipe row, after a corner cell of the report's own: "| （有关情况附表） | 行政复议 |")
        return bool(after) and (self._starts_line(c.start) or self.lines.start_of(c.start) in self.lines.pipe_lines)

    def _starts_line(self, p: int) -> bool:
        before = self.text[self.lines.start_of(p) : p]
        return not before.strip(" |" + MASK) or before.rstrip(" ").endswith(("。", ":", "："))

    def _sign_organ(self, p: int) -> LexToken | None:
        """A short organ name on its own line, with a date on the next non-empty line."""
        end = self.lines.end_from(p)
        line = self.text[p:end].strip()
        if not (2 <= len(line) <= 40) or _PROSE_PUNCT.search(line) or not _HAN.match(line):
            return None
        q = end
        n = len(self.text)
        while q < n and self.text[q] in _GAP_CHARS:
            q += 1
        if any(c.kind is Kind.DATE for c in self.index.at(q)):
            return LexToken("SIGN_ORGAN", p, p + len(self.text[p:end].rstrip()))
        return None

    # ------------------------------------------------------------------ values

    def _label_limit(self, p: int, limit: int) -> int:
        """The start of the first label or heading after ``p`` (before ``limit``)."""
        idx = self.index
        i = idx.next_from(p + 1)
        while i < len(idx.items) and idx.starts[i] < limit:
            if idx.items[i].kind in (Kind.LABEL, Kind.HEADING, Kind.CHROME):
                return idx.starts[i]
            i += 1
        return limit

    def _value(self, p: int, acc: Accepts) -> LexToken | None:
        if acc.mode == "text" and not acc.terms & {"NUM", "PLACEHOLDER"}:
            return None
        text = self.text
        chunk_end = self.lines.chunk_end(p)
        limit = self._label_limit(p, chunk_end)
        # matched on the whole chunk, so that the look-aheads see what follows ("2.其他…" numbers a
        # label: no value), then cut where a label begins ("0000000二、上年结转…")
        m = _NUM.match(text, p, chunk_end)
        if m and m.end() > limit:
            m = _NUM.match(text, p, limit)
        if m:
            end = m.end()
            # "30余件", "2019年…": a number followed by more words is text, not a value
            # (but "2增4" is two numbers run together).
            if (
                end < limit
                and _HAN.match(text, end)
                and not _SIGNED_NEXT.match(text, end)
                and not _NUMBERED_NEXT.match(text, end)
            ):
                # run-on text glues the next sentence to a row's digits: "…20000022025年，我局…"
                year = _YEAR_END.search(text, p, end) if text.startswith("年", end) else None
                if year and year.start() > p and acc.mode == "cells":
                    return LexToken("NUM", p, year.start())
                if not (acc.mode == "cells" and _PROSE_AHEAD.match(text, end)):
                    return None
            if opens_cell(text, p) and tails.numbers_label(text, p, self.lines.start_of(p) in self.lines.pipe_lines):
                return None  # "5 要求行政机关确认或重" over "新出具已获取信息": the row's number, its dot lost
            if text.startswith(",", end) and _HAN.match(text, end + 1) and opens_cell(text, p):
                return None  # "3,申请内容不明确": OCR's comma for a row number's dot
            return LexToken("NUM", p, end)
        m = _PLACEHOLDER.match(text, p, limit)
        # "无此类情况" is text; "\\规范性文件" (run-on cells) a placeholder before the next label
        if m and (not _WORDS_AFTER.match(text, m.end()) or self._label_at(m.end())):
            return LexToken("PLACEHOLDER", p, m.end())
        return None

    def _label_at(self, p: int) -> bool:
        return any(c.kind in (Kind.LABEL, Kind.HEADING) for c in self.index.at(p))

    # ------------------------------------------------------------------ free text

    def _free(self, p: int, acc: Accepts) -> LexToken:
        text = self.text
        line_end = self.lines.end_from(p)
        if acc.mode == "text" and "TEXT" in acc.terms:
            return LexToken("TEXT", p, self._text_end(p, line_end, acc))
        chunk_end = self.lines.chunk_end(p)
        fuzzy_row = partial(fuzzy_labels.fuzzy_row, alone=opens_cell(text, p))  # "3申请内容不明确"
        # a pipe cell is one cell ("约3", "2.其他法律行" of a wrapped label): no label begins at p
        limit = chunk_end if self.lines.start_of(p) in self.lines.pipe_lines else self._cell_limit(p, chunk_end)
        stretch = text[p:limit]
        if acc.mode == "cells" and "CELLTEXT" in acc.terms and self.label is not None:
            self.label = tails.going_on(text, self.label, p, limit)  # a wrapped label's next words
            if self.label is not None:
                return LexToken("CELLTEXT", p, limit)
        rest = self._row_label_rest(p, acc, limit)
        if rest is not None:
            return rest
        # "一、本年新收政府信息公开  8 …" over "申请数量" (PDF text), "| 2.申请人逾期未按收 |  |…" over
        # "| 费通知要求…申请 | 0 |…" (pipe rows): the row if the parser takes it here, or one of table
        # 三's that stands for its group (the parser inserts the group)
        terminal, reworded, head_end = None, False, limit
        if acc.mode in ("cells", "header"):
            terminal, head_end = tails.split_label(text, self.lines, p, limit) or (None, limit)
            if terminal is None and (over := wrapped_cells.head_over_values(text, self.lines, p, limit)):
                terminal, reworded = over
        if terminal is not None:
            labels = (acc.labels, strong_rows(acc.families)) if acc.mode == "cells" else (acc.labels,)
            found = next((text_ for lab in labels for text_, t in lab.items() if t == terminal), None)
            if found is not None:
                return LexToken(terminal, p, head_end, found, fuzzy=reworded)
        line = text[p:line_end]
        if len(line) <= 200 and "|" not in line and _PROSE_PUNCT.search(unnumbered(line)):
            stretch = line  # an ordinary line that reads as a sentence is prose as a whole
        # (masked pinyin is no text: "申請內(nèi)容不明確" is a short cell)
        words = unnumbered(stretch)  # (OCR's "3,申请内容不明确" has no prose comma)
        prose = len(stretch.replace(MASK, "")) >= 15 or bool(_PROSE_PUNCT.search(words)) or bool(_NOTE.match(stretch))
        prose = prose or bool(pictures.LINE.fullmatch(line.rstrip(" " + MASK)))  # "[图片]": a picture, not a cell
        prose = prose and not (acc.mode == "cells" and tails.local_row(line))  # "其中：…  9  9 …": a row
        prose = (below := acc.mode in ("cells", "header") and self.lines.after_pipe_row(p)) or prose  # "单位：件"
        if not prose:
            # run-on text: a sentence ("…行政复议、行政诉讼情况如下：") may embed table labels
            m = _SENTENCE.match(text, p, min(len(text), p + 60))
            prose = m is not None and len(_HAN.findall(m.group())) >= 4
        prose_cell = prose and acc.mode == "cells" and limit == chunk_end
        if prose_cell and wrapped_cells.wrapped_tail(text, self.lines, p, limit):
            # "| 只计这一情形，不计其他情形） |  |…" below its label's head: the label's, not prose, and no
            # row of its own (its empty cells are no row's blanks) where the head was read otherwise
            return LexToken("CELLTEXT", p, limit)
        if prose and acc.mode == "cells" and limit == chunk_end and not _PROSE_PUNCT.search(stretch):
            # a long label's head in its pipe cell, its tail in the row below: a row, not prose
            tail = wrapped_cells.run_on_tail(text, self.lines, p, limit)
            fuzzy = fuzzy_row(stretch + tail, acc) if tail else None
            if fuzzy is not None:
                return self._run_on_label(fuzzy, p, limit, tail)
        if prose and ("TEXT" in acc.terms or "CELLTEXT" not in acc.terms or below):
            return LexToken("TEXT", p, self._text_end(p, line_end, acc, prose=True))
        if acc.mode in ("cells", "header"):
            # a table's first row may follow a header read as prose: only a label whole with its
            # run-on tail is taken for a row there
            fuzzy = (fuzzy_row(stretch, acc) if acc.mode == "cells" else None) or fuzzy_header(stretch, acc)
            tail = wrapped_cells.run_on_tail(text, self.lines, p, limit) if fuzzy is None else ""
            if tail:
                # "| 2.其他法律和 | 0 |…" over "| 行政法规禁止公开 |  |…": the label is both parts
                fuzzy = fuzzy_row(stretch + tail, acc)
                if fuzzy is None and acc.mode == "cells" and _NUMBERING.match(stretch.lstrip(" " + MASK)):
                    # a numbered row of a group whose label the page left out ("（四）无法提供"):
                    # the parser inserts the group
                    fuzzy = fuzzy_row(stretch + tail, acc, strong_rows(acc.families))
            if fuzzy is not None:
                tail = tail or wrapped_cells.run_on_tail(text, self.lines, p, limit)
                return self._run_on_label(fuzzy, p, limit, tail)
        kind = "CELLTEXT" if "CELLTEXT" in acc.terms or "TEXT" not in acc.terms else "TEXT"
        return LexToken(kind, p, max(self._rejoin(limit, line_end), p + 1))

    def _run_on_label(self, found: tuple[str, str], p: int, limit: int, tail: str) -> LexToken:
        """A row label matched by similarity; written as the template has it when its head and the
        tail a converter ran on into the row below make the wording exactly (no T104 then)."""
        return LexToken(found[0], p, limit, found[1], fuzzy=tails.whole_label(self.text[p:limit] + tail) != found[0])

    def _row_label_rest(self, p: int, acc: Accepts, limit: int) -> LexToken | None:
        """The pipe cell ``p:limit`` as the rest of the row label last read (CELLTEXT, the label
        taken on with it) when that cell, alone in its pipe row below the label's, goes on with the
        label's wording: "| 一、本年 | 246 | 4 |…" over "| 新收政府信息公开申请数量 |  |…", "| （二）部分公开
        （…不计 |  |…" over "| 其他情形） |  |…" (the rest, not table 三's column 其他 nor another row's label)."""
        if acc.mode != "cells" or "CELLTEXT" not in acc.terms or self.row is None:
            return None
        start = self.lines.start_of(p)
        if start not in self.lines.pipe_lines:
            return None
        lone = wrapped_cells.lone_cell(self.text, self.lines, start)
        if not lone or lone != self.text[p:limit].strip(" " + MASK):
            return None
        more = tails.going_on(self.text, self.row, p, limit, adjacent=False)
        if more is None:
            return None
        self.row = more
        return LexToken("CELLTEXT", p, limit)

    def _rejoin(self, end: int, line_end: int) -> int:
        """A short tail cut off by stray spaces (``駁回申  請``) belongs to the same cell."""
        rest = self.text[end:line_end]
        tail = rest.strip(" " + MASK)
        short_tail = rest.startswith("  ") and 0 < len(tail) <= 2 and _HAN.match(tail) and "|" not in rest
        if short_tail and self._label_limit(end, line_end) == line_end:
            return end + len(rest.rstrip(" " + MASK))
        return end

    def _cell_limit(self, p: int, chunk_end: int) -> int:
        """Where a short cell that starts at ``p`` ends: a label, a number or the end of its chunk."""
        limit = self._label_limit(p, chunk_end)
        text = self.text
        q = p + 1
        while q < limit:
            starts_number = (
                text[q].isdigit()
                and not text[q - 1].isdigit()
                and not _NUMBERING.fullmatch(text[p:q])
                and not _APPROXIMATE.fullmatch(text, p, q)  # "约3": one cell, not a word and a number
                and not (text[q - 1] in ",." and q - 2 >= p and text[q - 2].isdigit())  # "5,52": one cell
            )
            m = _NUM.match(text, q, limit) if starts_number else None
            if m and (not _HAN.match(text, m.end()) or _NUMBERED_NEXT.match(text, m.end())):
                while q > p + 1 and text[q - 1] == " ":
                    q -= 1  # the spaces before the number are layout, not the cell's
                return q
            q += 1
        return limit

    def _text_end(self, p: int, line_end: int, acc: Accepts, prose: bool = False) -> int:
        """A paragraph runs to its line end, or to the next structure that the parser may want."""
        idx = self.index
        text = self.text
        i = idx.next_from(p + 1)
        end = line_end
        while i < len(idx.items) and idx.starts[i] < end:
            c = idx.items[i]
            if self._is_boundary(c, acc, prose):
                end = c.start
                break
            i += 1
        if "NUM" in acc.terms:
            # "…情况如下： 0 3 1 1 5 0 …" (a body on one line): a run of numbers after the sentence
            # is the table's values (table 四 without its header), where the parser takes them
            m = _VALUES_AFTER_SENTENCE.search(text, p + 1, end)
            if m:
                end = m.start()
        # Two or more spaces (an ideographic-space indent, folded) start a new paragraph.
        m = _SEPARATOR_SPACES.search(text, p + 1, end)
        if m and m.end() < end:
            end = m.start()
        while end > p + 1 and text[end - 1] in " " + MASK:
            end -= 1
        return max(end, p + 1)

    def _is_boundary(self, c: Candidate, acc: Accepts, prose: bool) -> bool:
        if c.kind is Kind.CHROME:
            return True
        if c.kind is Kind.HEADING:
            return c.wording is not Wording.UNKNOWN or c.key in acc.heads
        if c.kind is Kind.TITLE:
            return "TITLE" in acc.terms
        if c.kind is Kind.DATE:
            return bool(acc.terms & {"DATE_LINE", "SIGN_DATE"})
        if c.kind is Kind.LABEL:
            if c.key not in acc.labels:
                if self._opens_table(c):
                    return True
                return acc.mode == "text" and self._opens_table_here(c, acc) and self._table_line(c.start, [c])
            if prose:
                # Inside a sentence, a label is only a boundary where the sentence has ended,
                # or when it is long enough to be unmistakable (a table 三 row, a caption).
                before = self.text[max(0, c.start - 1) : c.start]
                if before in ("", "。", ":", "：", ";", " ", "\n", "\r", "|") or before.isdigit():
                    return True
                return c.end - c.start >= 8 or acc.labels[c.key].startswith(("CAP_", "T3_CORNER"))
            return True
        return False
