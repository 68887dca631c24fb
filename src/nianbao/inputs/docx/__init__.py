"""Word documents (.docx, also .docm/.dotx/.dotm): the body's paragraphs and tables, in order.

Method. The file is a zip: its directory is checked first (member count, total uncompressed size
against ``Options.max_unpacked``, compression ratio, encryption, that it holds a Word document at
all) so that python-docx never inflates a zip bomb. python-docx then opens the package (its lxml
parser has ``resolve_entities=False``, never touches the network, and libxml2 refuses entity
amplification); a main document with a DTD is refused outright, as Word itself refuses it. The
body element is walked directly — ``Document.paragraphs``/``.tables`` would lose the order of
paragraphs and tables — descending into content controls (``w:sdt``) and custom XML:

- a paragraph is one line (a soft break ``w:br`` inside it starts a new line of the text, as in
  the text version, but stays in the same paragraph's place); tabs become ``\\t``;
- a table row is one line, ``cell | cell | … |``, in the shape of the pipe corpus files: every
  cell that *starts* in the row appears once, in row order; grid positions covered by a
  horizontal merge (``gridSpan``, legacy ``hMerge``) and by the continuation of a vertical merge
  (``vMerge``) are not written in place but as empty cells at the end of the row, so that every
  row has as many cells as the table has grid columns and a label merged across columns is not
  followed by empty cells the parser would read as blank values;
- the paragraphs and soft breaks inside one cell are joined with nothing (a space between two
  ASCII letters or digits), so that a label Word wraps inside a cell (商业/企业) stays one label;
  a ``|`` typed in a cell becomes ``｜`` so that it cannot split the cell;
- a table whose every row is a single cell (a frame around the text, as some agencies lay out a
  whole report) is not a data table: its paragraphs are lines and the tables in it are tables;
  a table nested in a cell of a real table is flattened into that cell's text (its cells joined
  by spaces).

Places. Body paragraphs are numbered as Word users count them: every paragraph of the body,
empty ones included (``第N段``). Tables are numbered in document order, nested ones included where
they start; rows 1-based within their table; cells by the *grid column* they start in, so that a
column has the same number in every row whatever is merged (``第T个表格第R行第C格``). Paragraphs
of a frame table are ``第T个表格第R行第1格第K段``. Positions (line:column) refer to the extracted
text, as ``nianbao debug --stage text`` shows it.

Limits. Headers, footers (page chrome: page numbers, running titles), footnotes, endnotes,
comments, text boxes and shapes (``w:drawing``, ``w:pict`` other than pictures, which are a line
``[图片]`` of their own), deleted text of tracked changes,
field instructions, hidden text and embedded ``altChunk`` parts are not read.

Automatic numbering. A ``一、`` or ``1.`` that Word's list numbering draws (``w:numPr`` on the
paragraph or its style) is not in the text runs; it is rendered here, before the paragraph's text
and without the tab Word puts after it, so that a numbered heading reads as typed. Counters run
per abstract list in document order (cells included), deeper levels restart when a level
advances, ``startOverride`` restarts a list; the usual formats are rendered (decimal, Chinese
counting, 甲乙丙, letters, Roman, circled and full-width digits), bullets are dropped. Not
rendered: ``numStyleLink`` indirections, ``lvlRestart`` other than the default, picture bullets.
"""

from __future__ import annotations

from ...source import Origin, Source
from .. import isolate
from ..base import MB, InputError, Options, check_lines, check_text
from .body import _DocxWriter, _TooLong, _Walker
from .numbering import _Numbering
from .package import _open_body

__all__ = ["MAX_MEMORY", "MAX_XML", "TIME_LIMIT", "extract"]

MAX_MEMORY = 400 * MB  # beyond the parent's: reading a 20-page report takes 30 MB
TIME_LIMIT = 15.0  # seconds
MAX_XML = 16 * MB  # the XML parts read, together: a 20-page report's are 0.3-3 MB; lxml takes ~25x that in memory


def extract(data: bytes, path: str, options: Options) -> Source:
    """The report in a Word document, read in a child process under `MAX_MEMORY` (lxml's tree of a
    dense 16 MB part takes 600 MB) and `TIME_LIMIT` (`nianbao.inputs.isolate`)."""
    return isolate.run(lambda: _extract(data, path, options), path, memory=MAX_MEMORY, seconds=TIME_LIMIT)


def _extract(data: bytes, path: str, options: Options) -> Source:
    body, numbering_part, styles_part = _open_body(data, path, options, MAX_XML)
    numbering = _Numbering(numbering_part, styles_part)
    out = _DocxWriter(limit=min(options.max_unpacked, options.max_chars), max_lines=options.max_lines)
    try:
        _Walker(out, numbering).body(body)
    except RecursionError:
        raise InputError(path, "文档嵌套过深（document nested too deeply）") from None
    except _TooLong:
        if out.lines > options.max_lines:
            check_lines(out.lines, path, options)
        if out.length > options.max_chars:
            check_text(out.text(), path, options)
        mb = options.max_unpacked // MB
        raise InputError(path, f"提取的文字超过 {mb} MB 上限（extracted text over the {mb} MB limit）") from None
    text = out.text()
    check_text(text, path, options)
    return Source(path, text, origin=Origin(kind="docx", places=tuple(out.places)))
