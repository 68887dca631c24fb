"""Text encodings: which one a file is in, and its text."""

from __future__ import annotations

from . import InputError


def decode_text(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str, bool]:
    """``(text, encoding, bom)`` of ``data``. For now UTF-8 only (a BOM is dropped and remembered)."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "文件为 UTF-16 编码，暂不支持；请另存为 UTF-8（file is UTF-16; save it as UTF-8）")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"不是有效的 UTF-8 文本：第 {line} 行附近（字节偏移 {exc.start}）有无效字节 "
            f"{data[exc.start : exc.start + 4]!r}（not valid UTF-8 at byte {exc.start}）",
        ) from None
    return text, "utf-8-sig" if bom else "utf-8", bom
