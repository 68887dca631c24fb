"""A report as a document of items, written in the layouts real published reports come in.

The document is a list of items: ``("title" | "para" | "head" | "sign", text)`` or
``("table", Table)``. A `Table` knows its parts — block captions, header rows, group labels,
data rows with their values, a blank value being ``""`` — and flattens them into the rows a
page shows (a group label beside the first row of its group). Both the generator
(`reportgen`: drawn data) and `derive` (the tree of a real report) build documents; `render`
writes them:

``pipe``       one table row per line, cells between `` | ``, one ``|`` per cell spanned away (seeds 000/002)
``lines``      one cell per line, an empty line between cells (seeds 001/004)
``crlf``       ``lines`` with ``\\r\\n`` line ends
``cellbar``    one cell per line, each ending in `` |`` (seed 003)
``spaced``     a PDF extracted row by row: a row's cells separated by single spaces
``runon``      the body on one line, paragraphs introduced by two U+3000, table cells glued
``cr``         one cell per line ending in a lone ``\\r``, empty lines between cells
``markdown``   HTML-to-Markdown: every row padded to the table's width, a delimiter row after the first
``tsv``        cells separated by tabs
``cellblank``  a table copied from a browser: one cell per line, a blank cell an empty line, nothing between
``pipeblank``  pipe rows of full width with empty cells (``| 7 |  |  |  |  |  | 7 |``), a group label in its own row
``oneline``    the whole body on one line, everything separated by single spaces
``ocr``        Markdown from OCR or a PDF converter: ``##`` headings, one small table per block or group under
               a generic header (``| 类别 | 数据1 | …``), table 四 as captioned sub-tables (``### 行政复议``)
``pdfmarkdown`` a PDF converted to Markdown page by page: the statistics part numbering its headings from
               一 again, a page footer inside each table, labels running on into a row of their own, values
               in the row after their label
``mdhtml``     Markdown with the tables as HTML on one line each, as MinerU and marker write them
``mdhtmlspan`` the same with merged cells written once with ``rowspan``/``colspan`` (a group label over
               its rows, a caption across the row), as MinerU writes a table with merged cells
``boxed``      tables drawn with box characters and a rule between rows, as text-mode browsers dump a page
``grid``       pandoc's grid tables (``+---+`` borders, ``+===+`` under the header), cells wrapped over lines
``csv``        tables saved as comma-separated values (a spreadsheet, a PDF table extractor): every row
               padded to the table's width, fields with a comma or a line break in quotes
``spanfill``   a Markdown table whose merged cells are repeated in every cell they span (pandas.read_html,
               docling): group labels in each row of their group, spanning labels and captions across
``pdftext``    ``pdftotext -layout``: a row on one line, cells apart by spaces, empty cells lost, long labels
               wrapped in their cell with the values on the label's first, middle or last line

and modifiers applied to a written text: ``chrome`` (a site's breadcrumb and share bar before the
first line, 附件下载 after the last, on the same lines), ``wrap`` (long row labels broken at a
random point), ``brwrap`` (long labels in pipe cells broken with ``<br>``), ``nodot`` (a sub-row
number without its dot, as OCR reads it: ``1 属于国家秘密``), ``midgroups`` (table 三's group
labels on the line of their middle row, as a PDF's text writes a merged cell), ``remarks`` (a
long remark after table 二's row labels in their pipe cells or CSV fields), ``eol-crlf`` and
``eol-cr`` (line ends); and, applied to the document before it is written, ``nocaptions``,
``nogroups``, ``noheaders`` (table 二 without its block captions, table 三 without its group
labels, tables without header rows, as some pages give them), ``unnumbered`` (section
headings without their numerals, as a Word document's automatic numbering leaves them) and
``tablesatend`` (the tables after section 六, as attachments).
"""

from __future__ import annotations

import csv
import html
import io
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import nianbao.template as T

IDEOGRAPHIC_INDENT = "\u3000\u3000"


@dataclass(frozen=True)
class Part:
    """One row of a table as a page shows it."""

    kind: str  # "caption" (a block of table 二), "header", "group" (a label without numbers), "row"
    label: str  # the caption, group or row label ("" for table 四's values and for header rows)
    values: tuple[str, ...] = ()  # a row's values ("" for a blank cell), a header row's cells


@dataclass(frozen=True)
class Table:
    """A table in reading order; ``width`` pads the ``pipe`` layout."""

    name: str  # "二", "三", "四"
    parts: tuple[Part, ...]
    width: int

    @property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """The rows of cell texts, a group label beside the first row of its group."""
        out: list[tuple[str, ...]] = []
        pending: list[str] = []
        for p in self.parts:
            if p.kind == "group":
                pending.append(p.label)
            elif p.kind == "row":
                out.append((*pending, *((p.label,) if p.label else ()), *p.values))
                pending = []
            elif p.kind == "caption":
                out.append((p.label,))
            else:
                out.append(p.values)
        if pending:
            out.append(tuple(pending))
        return tuple(out)


Item = tuple[str, "str | Table"]

# --------------------------------------------------------------------------- the layouts


def _text_lines(items: Sequence[Item], table_lines: Callable[[Table], list[str]]) -> list[str]:
    lines: list[str] = []
    for _kind, content in items:
        if isinstance(content, Table):
            lines.extend(table_lines(content))
        else:
            lines.append(content)
    return lines


def _pipe_row(cells: Sequence[str], width: int) -> str:
    # An HTML table pasted as text: the cells of the row, then one "|" per cell spanned away.
    return (" | ".join(cells) + " | " + "|" * max(0, width - len(cells))).rstrip()


def _render_pipe(items: Sequence[Item]) -> str:
    return "\n".join(_text_lines(items, lambda t: [_pipe_row(r, t.width) for r in t.rows])) + "\n"


def _markdown_table(t: Table) -> list[str]:
    # As HTML-to-Markdown converters write a table: every row padded to the width, a delimiter
    # row after the first.
    rows = ["| " + " | ".join([*r, *[""] * (t.width - len(r))]) + " |" for r in t.rows]
    return [rows[0], "|" + "---|" * t.width, *rows[1:]]


def _render_markdown(items: Sequence[Item]) -> str:
    return "\n".join(_text_lines(items, _markdown_table)) + "\n"


def _boxed_table(t: Table) -> list[str]:
    # As a text-mode browser (w3m, lynx) draws a table: box characters, a rule between the rows.
    def rule(left: str, cross: str, right: str) -> str:
        return left + cross.join("────" for _ in range(t.width)) + right

    out = [rule("┌", "┬", "┐")]
    for i, r in enumerate(t.rows):
        if i:
            out.append(rule("├", "┼", "┤"))
        out.append("│ " + " │ ".join([*r, *[""] * (t.width - len(r))]) + " │")
    return [*out, rule("└", "┴", "┘")]


def _render_boxed(items: Sequence[Item]) -> str:
    return "\n".join(_text_lines(items, _boxed_table)) + "\n"


def _csv_table(t: Table) -> list[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for r in t.rows:
        writer.writerow([*r, *[""] * (t.width - len(r))])
    return buf.getvalue().rstrip("\n").split("\n")


def _render_csv(items: Sequence[Item]) -> str:
    return "\n".join(_text_lines(items, _csv_table)) + "\n"


# The level of a group or row label by its numbering: "三、" 0, "（三）" 1, "1." and the rest 2.
_LEVELS = (re.compile("^[一二三四五六七八九十]+、"), re.compile("^[(（][一二三四五六七八九十]+[)）]"))


def _level(label: str, unnumbered: int = len(_LEVELS)) -> int:
    return next((i for i, pattern in enumerate(_LEVELS) if pattern.match(label)), unnumbered)


def _spread(cells: Sequence[str], width: int) -> list[str]:
    # a header row narrower than the table: each cell spans its share of the columns
    if not cells:
        return [""] * width
    out: list[str] = []
    for i, c in enumerate(cells):
        out += [c] * (width // len(cells) + (1 if i < width % len(cells) else 0))
    return out


def _spanfill_cells(t: Table) -> list[list[str]]:
    # A table whose merged cells are repeated in every cell they span, as pandas.read_html and
    # docling write one: a group label in each row of its group, a label spanning columns repeated
    # across them, a caption across the whole row; every row as wide as the table.
    labelled: list[tuple[Part, list[str]]] = []
    groups: list[tuple[int, str]] = []
    for p in t.parts:
        if p.kind == "group":
            level = _level(p.label, 0)  # a group label without its numbering ("本年度办理结果") heads the table
            groups = [g for g in groups if g[0] < level] + [(level, p.label)]
        elif p.kind == "row":
            level = _level(p.label)
            groups = [g for g in groups if g[0] < level]
            labelled.append((p, [g[1] for g in groups] + ([p.label] if p.label else [])))
        else:
            labelled.append((p, []))
    values = max((len(p.values) for p in t.parts if p.kind == "row"), default=0)
    labels = max((len(ls) for p, ls in labelled if p.kind == "row"), default=0)
    width = max([labels + values, *(len(p.values) for p in t.parts if p.kind == "header")])
    rows = []
    for p, ls in labelled:
        if p.kind == "caption":
            cells = [p.label] * width
        elif p.kind == "header":
            cells = _spread(p.values, width)
        else:
            filled = [*ls, *[ls[-1]] * (labels - len(ls))] if ls else [""] * labels
            cells = [*filled, *p.values, *[""] * (width - labels - len(p.values))]
        rows.append(cells)
    return rows


def _spanfill_table(t: Table) -> list[str]:
    rows = ["| " + " | ".join(cells) + " |" for cells in _spanfill_cells(t)]
    return [rows[0], "|" + "---|" * (rows[0].count("|") - 1), *rows[1:]]


def _render_spanfill(items: Sequence[Item]) -> str:
    return "\n".join(_text_lines(items, _spanfill_table)) + "\n"


def _frame_table(t: Table) -> list[str]:
    # As pandas writes the frame read_html made of the table (spans filled in): to_markdown() with
    # its header of column numbers, its index and "nan" for an empty cell, padded into columns.
    body = _spanfill_cells(t)
    rows = [["", *map(str, range(len(body[0])))], *([str(i), *(c or "nan" for c in r)] for i, r in enumerate(body))]
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    return [lines[0], "|" + "|".join("-" * (w + 2) for w in widths) + "|", *lines[1:]]


def _frame_csv_table(t: Table) -> list[str]:
    # pandas' to_csv() of the same frame: the header of column numbers and the index, empty cells empty.
    body = _spanfill_cells(t)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["", *map(str, range(len(body[0])))])
    writer.writerows([str(i), *r] for i, r in enumerate(body))
    return buf.getvalue().rstrip("\n").split("\n")


def _render_tsv(items: Sequence[Item]) -> str:
    # A table copied from a spreadsheet: cells separated by tabs.
    return "\n".join(_text_lines(items, lambda t: ["\t".join(r) for r in t.rows])) + "\n"


def _render_lines(items: Sequence[Item], eol: str) -> str:
    lines = _text_lines(items, lambda t: [c for r in t.rows for c in r])
    return (eol + eol).join(lines) + eol


def _render_cellbar(items: Sequence[Item]) -> str:
    return "\n".join(_text_lines(items, lambda t: [f"{c} |" for r in t.rows for c in r])) + "\n"


def _render_spaced(items: Sequence[Item]) -> str:
    return "\n".join(_text_lines(items, lambda t: [" ".join(c for c in r if c) for r in t.rows])) + "\n"


def _render_runon(items: Sequence[Item]) -> str:
    head = [str(c) for k, c in items if k == "title"]
    tail = [str(c) for k, c in items if k == "sign"]
    body: list[str] = []
    for kind, content in items:
        if isinstance(content, Table):
            body.append("".join(c for r in content.rows for c in r))
        elif kind in ("para", "head"):
            body.append(IDEOGRAPHIC_INDENT + content)
    return "\n".join([*head, "".join(body), *tail]) + "\n"


def _render_cr(items: Sequence[Item]) -> str:
    # Like a .doc saved as text on an old Mac: a lone \r ends every line; the cells of a row are
    # separated by two empty lines, the rows of a table by four.
    out: list[str] = [""]
    for _kind, content in items:
        if isinstance(content, Table):
            out.append("")
            out.append("\r\r\r\r\r".join("\r\r\r".join(r) for r in content.rows))
            out.append("\r\r")
        else:
            out.append(content)
    return "\r".join(out) + "\r"


def _render_cellblank(items: Sequence[Item]) -> str:
    # A table copied from a browser: each cell on a line of its own, an empty cell an empty line,
    # and nothing between the cells; text lines as they are.
    return "\n".join(_text_lines(items, lambda t: [c for r in t.rows for c in r])) + "\n"


def _full_width(t: Table) -> int:
    return max(len(r) for r in t.rows)


def _pipeblank_table(t: Table) -> list[str]:
    # Pipe rows as a converter writes an HTML table: every row as wide as the table, empty cells
    # between pipes, a group label in a row of its own.
    width = 1 + max((len(p.values) for p in t.parts if p.kind == "row"), default=0)
    width = max([width, *(len(p.values) for p in t.parts if p.kind == "header")])
    out = []
    for p in t.parts:
        cells = list(p.values) if p.kind == "header" else [p.label, *p.values]
        if p.kind == "row" and not p.label:
            cells = list(p.values)
        cells += [""] * (width - len(cells))
        out.append("| " + " | ".join(cells) + " |")
    return out


def _render_pipeblank(items: Sequence[Item]) -> str:
    return "\n".join(_text_lines(items, _pipeblank_table)) + "\n"


def _render_oneline(items: Sequence[Item]) -> str:
    words = _text_lines(items, lambda t: [" ".join(c for r in t.rows for c in r if c)])
    return " ".join(words) + "\n"


_T4_CAPTIONS = {
    "行政复议": "行政复议",
    "未经复议直接起诉": "行政诉讼（未经复议直接起诉）",
    "复议后起诉": "行政诉讼（复议后起诉）",
}


def _generic(cells: Sequence[Sequence[str]]) -> list[str]:
    # OCR's table: a header of its own making, a delimiter row, the rows as recognised.
    width = max(len(r) for r in cells)
    head = ["类别", *(f"数据{i}" for i in range(1, width))]
    rows = ["| " + " | ".join([*r, *[""] * (width - len(r))]) + " |" for r in cells]
    return ["| " + " | ".join(head) + " |", "|" + "---|" * width, *rows]


def _ocr_table(t: Table) -> list[str]:
    out: list[str] = []
    if t.name == "四":
        values = next((p.values for p in t.parts if p.kind == "row"), ())
        columns = [c.label.full for c in T.TABLE4_COLUMNS]
        for i, block in enumerate(T.TABLE4_BLOCKS):
            out += ["", f"### {_T4_CAPTIONS[block.key]}", ""]
            out += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
            out.append("| " + " | ".join(values[5 * i : 5 * i + 5]) + " |")
        return out
    chunk: list[tuple[str, ...]] = []

    def flush() -> None:
        if chunk:
            out.extend(["", *_generic(chunk)])
            chunk.clear()

    for p in t.parts:
        if p.kind == "caption":
            flush()
            out += ["", f"### {p.label}"]
        elif p.kind == "group":
            flush()
            chunk.append((p.label,))
        elif p.kind == "header":
            chunk.append(p.values)
        else:
            chunk.append((p.label, *p.values))
    flush()
    return [*out, ""]


def _render_ocr(items: Sequence[Item]) -> str:
    lines: list[str] = []
    for kind, content in items:
        if isinstance(content, Table):
            lines.extend(_ocr_table(content))
        elif kind == "head":
            lines += ["", f"## {content}", ""]
        else:
            lines.append(content)
    return "\n".join(lines) + "\n"


def _render_pdfmarkdown(items: Sequence[Item]) -> str:
    """A PDF converted to Markdown, pages and all: the statistics part numbers its own headings from
    一 again, each table is cut by a page footer, a long row label runs on into a row of its own,
    and a row's values may stand in the row after its label (the label's own cells left empty)."""
    lines: list[str] = []
    page = 1
    statistics = 0
    for kind, content in items:
        if isinstance(content, Table):
            rows = _pdf_rows(content)
            cut = len(rows) // 2
            for i, row in enumerate(rows):
                if i == cut:
                    page += 1
                    lines += ["", f"- {page} -", ""]
                lines.append(row)
            lines.append("")
        elif kind == "head":
            number = T.NUMERALS.index(content[0]) + 1 if content[:1] in T.NUMERALS else 0
            if T.section(number).table if 1 <= number <= 6 else False:
                statistics += 1
                content = T.NUMERALS[statistics - 1] + content[1:]
            lines += ["", f"## {content}", ""]
        else:
            lines.append(content)
    return "\n".join(lines) + "\n"


def _pdf_rows(t: Table) -> list[str]:
    width = max(len(r) for r in t.rows)
    out = ["| " + " | ".join(f"列{i}" for i in range(1, width + 1)) + " |", "|" + "---|" * width]
    for n, p in enumerate(t.parts):
        cells = [*([p.label] if p.label else []), *p.values] if p.kind != "header" else list(p.values)
        label = p.label if p.kind == "row" else ""
        if label and len(label) >= 14 and n % 2 == 0:  # the label runs on into a row of its own
            cut = len(label) // 2
            out.append("| " + " | ".join([label[:cut], *p.values]) + " |")
            out.append("| " + " | ".join([label[cut:], *[""] * len(p.values)]) + " |")
            continue
        if label and p.values and n % 3 == 1:  # the values in the row after the label
            out.append("| " + " | ".join([label, *[""] * len(p.values)]) + " |")
            out.append("| " + " | ".join(["", *p.values]) + " |")
            continue
        out.append("| " + " | ".join([*cells, *[""] * (width - len(cells))]) + " |")
    return out


PDF_CELL = 12  # characters of a row label's cell in a PDF's table


def _pdftext_table(t: Table) -> list[str]:
    """A PDF's table as ``pdftotext -layout`` gives it: a row on one line, cells apart by runs of
    spaces, an empty cell nothing at all; a long label wrapped in its narrow cell, the row's values
    on the label's first, middle or last line (top, centre or bottom alignment, from row to row)."""
    out: list[str] = []
    for n, p in enumerate(t.parts):
        if p.kind == "header":
            out.append("    ".join(c for c in p.values if c))
            continue
        values = "     ".join(v for v in p.values if v)
        label = p.label
        if p.kind != "row" or len(label) <= PDF_CELL or label not in _row_labels():
            # (only the template's wordings are wrapped: pieces of another are joined by no reader)
            out.append(f"{label.ljust(PDF_CELL + 2, IDEOGRAPHIC_INDENT[0])}   {values}".rstrip() if values else label)
            continue
        pieces = [label[i : i + PDF_CELL] for i in range(0, len(label), PDF_CELL)]
        at = (0, len(pieces) // 2, len(pieces) - 1)[n % 3]
        for i, piece in enumerate(pieces):
            line = piece.ljust(PDF_CELL + 2, IDEOGRAPHIC_INDENT[0]) + "   " + values if i == at and values else piece
            out.append(line.rstrip())
    return out


GRID_CELL = 10  # characters of a grid table's cell


def _grid_table(t: Table) -> list[str]:
    """A table as pandoc writes a Word table in Markdown: a grid with ``+---+`` borders and a
    ``+===+`` line under the header, each text cell wrapped at its width over the lines of its row
    (a number is never broken, nor a label with pinyin annotations: a break inside one is no report's)."""
    width = max(len(r) for r in t.rows)
    border = "+" + "+".join(["-" * (GRID_CELL + 4)] * width) + "+"
    out = [border]
    for p in t.parts:
        if p.kind == "row":
            cells = [*([p.label] if p.label else []), *p.values]
        else:
            cells = list(p.values) if p.kind == "header" else [p.label]
        cells += [""] * (width - len(cells))
        pieces = [
            [c]
            if re.fullmatch(r"[0-9.,\-]+|.*[A-Za-z].*", c)
            else [c[i : i + GRID_CELL] for i in range(0, len(c), GRID_CELL)] or [""]
            for c in cells
        ]
        for i in range(max(len(x) for x in pieces)):
            out.append("| " + " | ".join(x[i] if i < len(x) else "" for x in pieces) + " |")
        out.append(border.replace("-", "=") if p.kind == "header" else border)
    return out


def _render_grid(items: Sequence[Item]) -> str:
    lines: list[str] = []
    for _kind, content in items:
        lines.extend(["", *_grid_table(content), ""] if isinstance(content, Table) else [content])
    return "\n".join(lines) + "\n"


def _render_pdftext(items: Sequence[Item]) -> str:
    return "\n".join(_text_lines(items, _pdftext_table)) + "\n"


def _html_table(t: Table) -> str:
    """A table as PDF-to-Markdown converters embed it (MinerU, marker): HTML on one line, a caption or
    group label spanning the row, no header of its own."""
    width = max(len(r) for r in t.rows)
    rows = []
    for r in t.rows:
        cells = [f"<td>{html.escape(c)}</td>" for c in r[:-1]]
        last = r[-1] if r else ""
        span = width - len(r) + 1
        cells.append(f'<td colspan="{span}">{html.escape(last)}</td>' if span > 1 else f"<td>{html.escape(last)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


def _spanned_html_table(t: Table) -> str:
    """A table as MinerU embeds one in Markdown: HTML on one line, a merged cell written once with
    its ``rowspan``/``colspan`` (a group label over its rows, a label over two columns, a caption
    across the row); only text spans, never a value or an empty cell."""
    grid = _spanfill_cells(t)
    width = max(len(r) for r in grid)
    grid = [r + [""] * (width - len(r)) for r in grid]
    taken = [[False] * width for _ in grid]
    rows = []
    for i, row in enumerate(grid):
        cells = []
        for j, text in enumerate(row):
            if taken[i][j]:
                continue
            across = down = 1
            if re.search("[\u4e00-\u9fff]{2}", text):
                while j + across < width and row[j + across] == text and not taken[i][j + across]:
                    across += 1
                while i + down < len(grid) and grid[i + down][j : j + across] == [text] * across:
                    down += 1
            for a in range(down):
                for b in range(across):
                    taken[i + a][j + b] = True
            spans = (f' rowspan="{down}"' if down > 1 else "") + (f' colspan="{across}"' if across > 1 else "")
            cells.append(f"<td{spans}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


def _render_mdhtml(items: Sequence[Item], html_table: Callable[[Table], str] = _html_table) -> str:
    lines: list[str] = []
    for kind, content in items:
        if isinstance(content, Table):
            lines += ["", html_table(content), ""]
        elif kind == "head":
            lines += ["", f"# {content}", ""]
        else:
            lines += [content, ""]
    return "\n".join(lines) + "\n"


_RENDERERS: dict[str, Callable[[Sequence[Item]], str]] = {
    "pipe": _render_pipe,
    "lines": lambda items: _render_lines(items, "\n"),
    "crlf": lambda items: _render_lines(items, "\r\n"),
    "cellbar": _render_cellbar,
    "spaced": _render_spaced,
    "pdftext": _render_pdftext,
    "grid": _render_grid,
    "runon": _render_runon,
    "cr": _render_cr,
    "markdown": _render_markdown,
    "tsv": _render_tsv,
    "cellblank": _render_cellblank,
    "pipeblank": _render_pipeblank,
    "oneline": _render_oneline,
    "ocr": _render_ocr,
    "pdfmarkdown": _render_pdfmarkdown,
    "mdhtml": _render_mdhtml,
    "mdhtmlspan": lambda items: _render_mdhtml(items, _spanned_html_table),
    "boxed": _render_boxed,
    "csv": _render_csv,
    "spanfill": _render_spanfill,
    "frame": lambda items: "\n".join(_text_lines(items, _frame_table)) + "\n",
    "framecsv": lambda items: "\n".join(_text_lines(items, _frame_csv_table)) + "\n",
}
LAYOUTS: tuple[str, ...] = tuple(_RENDERERS)


def render_items(items: Sequence[Item], layout: str) -> str:
    if layout not in _RENDERERS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    return _RENDERERS[layout](items)


# --------------------------------------------------------------------------- modifiers

BREADCRUMB = (
    "当前位置： 首页政务公开政府信息公开{organ}政府信息公开年报 {organ}{year}年政府信息公开工作年度报告 来源： "
    "时间：{published} 10:32 --> 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： "
)


def with_chrome(text: str, organ: str, year: int, published: str) -> str:
    """A site's breadcrumb, date stamp and share bar glued before the first line, 附件下载 after the last."""
    eol = "\r\n" if "\r\n" in text else ("\r" if "\n" not in text else "\n")
    body = text[: -len(eol)] if text.endswith(eol) else text
    return BREADCRUMB.format(organ=organ, year=year, published=published) + body + " 附件下载" + eol


def _row_labels() -> frozenset[str]:
    return frozenset(lab.full for labels in T.labels_by_terminal().values() for lab in labels if len(lab.full) >= 8)


def wrapped(text: str, rng: random.Random) -> str:
    """Long row labels that stand at a line start broken over two lines at a random point, as PDF
    text and narrow table cells leave them."""
    labels = sorted(_row_labels(), key=len, reverse=True)
    pattern = re.compile("(?:(?<=[\r\n])|^)[ ]*(?:" + "|".join(re.escape(x) for x in labels) + ")")

    def cut(m: re.Match[str]) -> str:
        s = m.group()
        at = rng.randint(3, len(s) - 3)
        return s[:at] + "\n" + s[at:]

    return pattern.sub(cut, text)


def br_wrapped(text: str, rng: random.Random) -> str:
    """Long row labels in pipe cells broken with ``<br>`` at a random point, as PDF-to-Markdown
    converters write a label that wraps inside its cell."""
    labels = sorted(_row_labels(), key=len, reverse=True)
    pattern = re.compile(r"(?<=\| )(?:" + "|".join(re.escape(x) for x in labels) + r")(?= \|)")

    def cut(m: re.Match[str]) -> str:
        s = m.group()
        at = rng.randint(3, len(s) - 3)
        return s[:at] + "<br>" + s[at:]

    return pattern.sub(cut, text)


def with_eol(text: str, eol: str) -> str:
    return re.sub(r"\r\n|\r|\n", eol, text)


def with_entities(text: str) -> str:
    """The HTML character references a crawler that strips only the tags leaves: ``&nbsp;`` in every
    empty pipe cell, ``&emsp;&emsp;`` before a paragraph, ``&ldquo;``/``&rdquo;`` for curly quotes."""
    text = re.sub(r"\|[ ]+(?=\|)", "| &nbsp; ", text)
    text = re.sub(r"(?m)^(?=[\u4e00-\u9fff])", "&emsp;&emsp;", text)
    return text.replace("“", "&ldquo;").replace("”", "&rdquo;")


# "1.属于国家秘密" as OCR reads it: "1 属于国家秘密" (the dot after a row's number lost)
SUB_ROW_DOT = re.compile(r"(?<![0-9.])([1-9])[.．、](?=[\u4e00-\u9fff])")


_GROUP_LINE = re.compile(r"[(（][三四五六][)）][\u4e00-\u9fff]{4}")
_SUB_ROW_LINE = re.compile(r"[1-9][.．]")


def with_groups_among_rows(text: str) -> str:
    """Table 三's group labels on the line of their middle row, as a PDF's text gives a label cell
    merged over its rows (``（三）不予公开　　4.保护第三方合法权益   0  0 …``): a group label alone on
    its line, over two numbered rows or more, moves there."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        label = lines[i].strip()
        j = i + 1
        while j < len(lines) and lines[j].strip() and not _GROUP_LINE.fullmatch(lines[j].strip()):
            if lines[j].startswith(("(七)", "（七）")):
                break
            j += 1
        rows = lines[i + 1 : j]
        starts = [k for k, line in enumerate(rows) if _SUB_ROW_LINE.match(line)]
        if not _GROUP_LINE.fullmatch(label) or len(starts) < 2:
            out.append(lines[i])
            i += 1
            continue
        at = starts[len(starts) // 2]
        rows[at] = label + IDEOGRAPHIC_INDENT[0] * 2 + rows[at]
        out += rows
        i = j
    return "\n".join(out)


REMARK = "（注：本项数据含市级下放至本局办理的事项以及承接的省级下放事项。不含备案类事项）"


def with_remarks(text: str) -> str:
    """A long remark, a sentence, after each of table 二's row labels in its pipe cell or CSV field,
    as organs annotate a row (``| 行政许可（注：本项数据含市级下放…） | 552 |``)."""
    rows = {
        lab.text for ls in T.labels_by_terminal().values() for lab in ls if lab.table == "二" and lab.role is T.Role.ROW
    }
    words = "|".join(map(re.escape, sorted(rows, key=len, reverse=True)))
    pattern = re.compile(rf"(?m)^(\| *(?:{words})(?= *\|)|(?:{words})(?=,))")
    return pattern.sub(lambda m: m.group(1) + REMARK, text)


def _row_cut(label: str, rng: random.Random) -> int:
    # where a cell's line breaks a long label: anywhere past its number, not inside a pinyin annotation
    at = rng.randint(3, len(label) - 3)
    opened = label.rfind("(", 0, at)
    if opened > label.rfind(")", 0, at) and re.search(r"[a-zà-ü]", label[opened:at]):
        at = label.find(")", at) + 1
    return at if 0 < at < len(label) else 0


def _csv_line(fields: Sequence[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(fields)
    return out.getvalue()[:-1]


def rows_wrapped(text: str, rng: random.Random) -> str:
    """Long row labels that open a pipe row, a CSV row or a tab-separated row split over two rows of the table, as PDF
    table extractors and converters to Markdown give a label cell of two lines: the head opens one
    row, the rest the next, every other cell of one of them empty; the values stay in the row of the
    head or move to the row of the rest, at random."""
    labels = {lab.full for ls in T.labels_by_terminal().values() for lab in ls if lab.role is T.Role.ROW}
    labels = {x for x in labels if len(x) >= 8}
    out: list[str] = []
    for line in text.split("\n"):
        pipe = line.startswith("| ") and line.endswith(" |")
        tabs = not pipe and line.count("\t") >= 2
        if pipe:
            fields = [c.strip() for c in line[1:-1].split("|")]
        else:
            fields = line.split("\t") if tabs else next(csv.reader([line]), [])
        label = fields[0] if len(fields) > 1 else ""
        cut = _row_cut(label, rng) if label in labels and (pipe or tabs or "," in line) else 0
        if not cut:
            out.append(line)
            continue
        empty = [""] * (len(fields) - 1)
        rows = [[label[:cut], *fields[1:]], [label[cut:], *empty]]
        if rng.random() < 0.5:
            rows = [[label[:cut], *empty], [label[cut:], *fields[1:]]]
        write = (lambda r: "| " + " | ".join(r) + " |") if pipe else "\t".join if tabs else _csv_line
        out += [write(r) for r in rows]
    return "\n".join(out)


def with_modifiers(text: str, mods: Sequence[str], rng: random.Random, chrome: tuple[str, int, str]) -> str:
    """``text`` with the modifiers of ``mods`` that act on the written text, in order (the part
    modifiers act on the document, before it is written); ``chrome`` is (organ, year, published)."""
    for mod in mods:
        if mod == "wrap":
            text = wrapped(text, rng)
        elif mod == "brwrap":
            text = br_wrapped(text, rng)
        elif mod == "chrome":
            text = with_chrome(text, *chrome)
        elif mod == "entities":
            text = with_entities(text)
        elif mod == "nodot":
            text = SUB_ROW_DOT.sub(r"\1 ", text)
        elif mod == "midgroups":
            text = with_groups_among_rows(text)
        elif mod == "remarks":
            text = with_remarks(text)
        elif mod == "rowwrap":
            text = rows_wrapped(text, rng)
        elif mod.startswith("eol-"):
            text = with_eol(text, "\r\n" if mod == "eol-crlf" else "\r")
    return text


# Parts of the tables some pages leave out: block captions of table 二, group labels of table 三,
# header rows. Applied to the document, before it is written.
PART_MODIFIERS = {"nocaptions": "caption", "nogroups": "group", "noheaders": "header"}


def without_parts(items: Sequence[Item], kind: str) -> list[Item]:
    """The document with the tables' parts of ``kind`` ("caption", "group", "header") left out."""
    out: list[Item] = []
    for item_kind, content in items:
        if isinstance(content, Table):
            content = Table(content.name, tuple(p for p in content.parts if p.kind != kind), content.width)
        out.append((item_kind, content))
    return out


_HEADING_NUMERAL = re.compile("^[一二三四五六七八九十]{1,2}[、.][ ]*")


def with_document_modifiers(items: Sequence[Item], mods: Sequence[str]) -> list[Item]:
    """The document with the modifiers of ``mods`` that act on it: the part modifiers,
    ``unnumbered`` (the section headings without their numerals, as Word's automatic numbering
    leaves them when the text is taken out of the document) and ``tablesatend`` (the three tables
    after section 六, before the signature, as attachments)."""
    out = list(items)
    for mod in mods:
        if mod in PART_MODIFIERS:
            out = without_parts(out, PART_MODIFIERS[mod])
        elif mod == "unnumbered":
            out = [(k, _HEADING_NUMERAL.sub("", c) if k == "head" and isinstance(c, str) else c) for k, c in out]
        elif mod == "tablesatend":
            body = [it for it in out if not isinstance(it[1], Table)]
            cut = next((i for i, it in enumerate(body) if it[0] == "sign"), len(body))
            out = body[:cut] + [it for it in out if isinstance(it[1], Table)] + body[cut:]
    return out


MODIFIERS = (
    "chrome",
    "wrap",
    "brwrap",
    "entities",
    "nodot",
    "rowwrap",
    "eol-crlf",
    "eol-cr",
    "unnumbered",
    "tablesatend",
    *PART_MODIFIERS,
)
