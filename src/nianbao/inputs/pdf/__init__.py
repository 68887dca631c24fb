"""PDF documents: the text layer, rebuilt line by line from where each character is drawn.

Method. pdfplumber (on pdfminer.six) gives every character with its position, font size and
matrix, and every ruling line and rectangle; no layout analysis of pdfminer's own is used. Per page:

1. Characters drawn twice at almost the same place (the "fake bold" of fonts without a bold face)
   are drawn once (``dedupe_chars``).
2. Tables are found from their ruling lines (pdfplumber's ``lines`` strategy). Rectangles filled in
   white are not rules (producers put them behind paragraphs), and a "table" of a single column is a
   boxed paragraph, read as text. Each character goes to the cell that holds its centre; a cell's
   text lines are joined without a break (a label wrapped inside a cell is one label again, a number
   centred in a tall row is in its row). A table row is one line, its cells joined by `` | ``; cells
   covered by a merged cell are left out, an empty cell stays an empty cell.
3. Characters outside tables make lines by their baseline, left to right. A space is put where the
   gap between two characters is wide: more than 0.4 em, so that the narrow gap Word leaves between
   Chinese and digits (0.2–0.3 em, measured on the huaian report) gives ``2024年`` as the text
   versions have it; more than 0.6 em between two Chinese characters, which justified text spreads
   a little (no space there is noise). Spaces drawn in the PDF are kept, runs of them made one.
4. Lines and rows are ordered top to bottom.

Across pages: a table that goes on at the top of the next page (nothing but a page number above it)
with the same left and right edges is the same table, and its rows simply follow. A label cut by
the page break is joined again in the cell where it starts (``（四）无`` at the foot of one page,
``法提供`` at the top of the next): in a label column, when the text at the top does not start an
item of its own and one of the two parts is merged over several rows, as a group label is. Two
one-row labels (``规章`` | ``行政规范性文件``) stay apart.

Page furniture (``- 3 -``, ``第 3 页``, ``3/12``, running heads) is kept, each on its own line where
it is drawn: nothing is dropped, and the parser sets ``- n -`` aside as page chrome (X101).

Places: every line of the text has ``第P页第L行`` — P the page in the file (not its printed
number), L the line on that page as extracted (a table row is one line, however many lines its
cells take).

Limits. Only the text layer is read: scanned pages have none (an error when no page has any; a
page without text among others gives no line). Tables without ruling lines (or with horizontal
rules only) are read as lines of text by baseline, which interleaves the lines of wrapped cells:
bench/pdf_accuracy.py measures some 35% of cells on such tables (pypdf, which keeps the content
stream's order, reads them whole). A cut label whose two parts are each one row is not joined.
Vertical text, multi-column pages and text boxes are read in top-to-bottom order of their lines.
Permissions set by an owner password (no copying) are not enforced: the text of a published report
is read as any reader shows it.

Safety. Never the network. Any bytes give a `Source` or an `InputError`: pdfminer raises many
kinds of exceptions on broken files, all turned into `InputError`. Encrypted files are tried with
the empty password (owner-password-only files open). ``Options.max_pages`` bounds the pages, and the
page tree is walked no further than that. Three layers keep a hostile file within bounds:

1. Before any page is read, the streams the pages use (contents, forms, fonts and their character
   maps; not images, which are not decoded) are inflated by a bounded decompressor: all together
   within ``Options.max_unpacked``, the ones parsed token by token within `MAX_CONTENT`.
2. While pdfminer interprets a page, what it *draws* is counted (`_Drawn`), not what the file holds:
   a form drawn ten times costs ten times. Content tokens (`MAX_TOKENS`), characters per page and per
   document (`MAX_PAGE_CHARS`, `MAX_CHARS`), form XObjects drawn and their nesting (`MAX_FORMS`,
   `MAX_FORM_DEPTH`), and the time (`TIME_LIMIT`, checked every thousand tokens or characters):
   beyond any of them the file is refused with a message that names the limit. Paths and images
   beyond `MAX_PAGE_SHAPES` on a page are left out (a chart, a map; its text is still read).
   The counting device and interpreter subclass pdfminer's and pdfplumber's; the page's layout is
   handed to pdfplumber, whose ``Page.layout`` returns it.
3. pdfminer parses the file's own objects (the page tree, object streams, fonts, filter chains)
   without a budget, so the whole reading runs in a child process (`nianbao.inputs.isolate`) with
   at most `MAX_MEMORY` more memory than the parent and a hard time limit.

Table detection is skipped on a page with more than `MAX_EDGES` ruling segments (charts, maps): its
text is read as lines. pdfminer's warnings about broken files go to logging, not to stderr.
"""

from __future__ import annotations

import io
import itertools
import logging
import time
from collections.abc import Iterator

from ...source import Source
from .. import isolate
from ..base import MB, InputError, Options
from .interpret import _DrawLimits, _Drawn, _lay_out, _Overdrawn, _pages
from .layout import _join_continued_tables, _Line, _page_lines, _source

__all__ = ["CELL_SEPARATOR", "extract", "read"]

CELL_SEPARATOR = " | "
TIME_LIMIT = 15.0  # seconds for one document, checked as it is interpreted
MAX_CONTENT = 8 * MB  # content streams (pages, forms, character maps) inflated, together: a 6-page report has 150 kB
# What the pages may draw (see _Drawn). A report's page draws 1,000-3,000 characters and a few hundred
# rules; a 6-page report's content streams are some 40,000 tokens. pdfminer takes 5-8 µs a token,
# reading takes some 30 µs a character in all, and pdfplumber 2 kB of memory a character until the
# page is read. At the budgets: 5-13 s of tokens (by their kind), or 10 s of characters.
MAX_TOKENS = 1_000_000  # content-stream tokens interpreted, forms counted each time they are drawn
MAX_CHARS = 300_000  # characters drawn by the whole document (a 100-page report draws 70,000) ...
MAX_PAGE_CHARS = 50_000  # ... and by one page
MAX_PAGE_SHAPES = 20_000  # paths and images recorded on one page (the rest are left out)
MAX_FORMS = 5_000  # form and image XObjects drawn
MAX_FORM_DEPTH = 12  # forms drawn inside forms
# Memory the reading may take beyond the process's own (a child process's hard limit): pdfminer's
# parsing of a file's objects has no budget of its own. Reading the 6-page huaian report takes 40 MB.
MAX_MEMORY = 400 * MB
MAX_EDGES = 4000  # ruling segments on a page beyond which no tables are looked for

# pdfminer logs a warning for every oddity of a broken file; without a handler of the application's
# own those would reach stderr through logging's last resort (hundreds of lines for one file).
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_MISSING = (
    '读取 PDF 需要安装可选依赖：pip install "nianbao[pdf]"'
    '（reading PDF needs the pdf extra: pip install "nianbao[pdf]"）'
)


def extract(data: bytes, path: str, options: Options) -> Source:
    """The report in a PDF file: its text layer as lines, each with its page and line; read in a
    child process under `MAX_MEMORY` and a hard time limit (`nianbao.inputs.isolate`)."""
    return isolate.run(lambda: read(data, path, options), path, memory=MAX_MEMORY, seconds=TIME_LIMIT + 5)


def read(data: bytes, path: str, options: Options, *, separator: str = CELL_SEPARATOR) -> Source:
    """`extract`, with the separator of table cells as a parameter (the benchmark compares them)."""
    try:
        import pdfplumber
    except ImportError:
        raise InputError(path, _MISSING) from None
    # The limits as they stand now, not at import: they are this module's to set (the tests lower them).
    limits = _DrawLimits(TIME_LIMIT, MAX_TOKENS, MAX_CHARS, MAX_PAGE_CHARS, MAX_PAGE_SHAPES, MAX_FORMS, MAX_FORM_DEPTH)
    drawn = _Drawn(time.monotonic() + TIME_LIMIT, limits)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = _pages(pdf, path, options, MAX_CONTENT)
        lines: list[_Line] = []
        table_ids = itertools.count()
        for number, page in enumerate(pages, 1):
            drawn.next_page()
            _lay_out(page, drawn)
            drawn.time()
            lines += _page_lines(page, number, table_ids, MAX_EDGES)
            page.close()  # frees the page's layout and cached objects
    except _Overdrawn as exc:
        raise InputError(path, exc.message) from None
    except (InputError, MemoryError):
        raise  # out of memory: `isolate.run` says how much was allowed
    except RecursionError:
        raise InputError(path, "PDF 结构嵌套过深，无法读取（PDF nested too deeply）") from None
    except Exception as exc:  # pdfminer raises anything from KeyError to struct.error on broken files
        raise InputError(path, _reason(exc)) from None
    if not any(line.has_text() for line in lines):
        raise InputError(
            path, "PDF 没有文字层（可能是扫描件，需要先做文字识别 OCR）（no text layer: scanned images? OCR needed）"
        )
    _join_continued_tables(lines)
    return _source(path, lines, separator, options)


# --- why a file cannot be read ----------------------------------------------------------------------


def _reason(exc: BaseException) -> str:
    names = {type(e).__name__ for e in _chain(exc)}
    if "PDFPasswordIncorrect" in names:
        return "PDF 已加密，需要密码（encrypted PDF: a password is needed）"
    if "PDFEncryptionError" in names or "PDFEncryptionWarning" in names:
        return "PDF 的加密方式不受支持（unsupported PDF encryption）"
    detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
    return f"PDF 文件损坏或无法解析（corrupt or unreadable PDF: {detail}）"


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        yield e
        e = e.__cause__ or e.__context__
