"""WordprocessingML as this reader meets it: the qualified names of the elements and attributes read, and how a
property element's value is read (a toggle, a bounded integer).
"""

from __future__ import annotations

from lxml import etree

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = (
    _w(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml")
)
R, T, TAB, PTAB, BR, CR = (_w(t) for t in ("r", "t", "tab", "ptab", "br", "cr"))
BODY, TBL_GRID, GRID_COL, TC_PR, TR_PR = (_w(t) for t in ("body", "tblGrid", "gridCol", "tcPr", "trPr"))
GRID_SPAN, V_MERGE, H_MERGE, GRID_BEFORE = (_w(t) for t in ("gridSpan", "vMerge", "hMerge", "gridBefore"))
R_PR, VANISH, VAL = _w("rPr"), _w("vanish"), _w("val")
NO_BREAK_HYPHEN = _w("noBreakHyphen")
DRAWING, PICT = _w("drawing"), _w("pict")
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"
_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def _on(el: etree._Element | None) -> bool:
    """A toggle property (``<w:vanish/>``, ``w:val="true"``) is set."""
    return el is not None and el.get(VAL, "true").lower() not in ("0", "false", "off")


def _int_val(el: etree._Element | None, default: int, most: int = 1000) -> int:
    if el is None:
        return default
    try:
        return max(0, min(int(el.get(VAL, str(default))), most))
    except ValueError:
        return default
