"""Legacy Word documents (.doc, Word 97–2003): converted to .docx by LibreOffice when it is installed.

Method. No pure-Python library reads the text of a .doc reliably (its text sits in pieces
described by a binary piece table, tables are marked by special characters, fields interleave
codes and results). When ``soffice`` (or ``libreoffice``) is on the PATH, the file is converted
headless in a temporary directory, with a throwaway user profile (so that a LibreOffice already
open on the desktop neither blocks nor receives the job) and a time limit, and the result is read
by `nianbao.inputs.docx`; the places then refer to the converted document, and say so. Otherwise,
and when conversion fails, an `InputError` tells the user how to convert the file.

An OLE compound file is not always a Word document: Excel and PowerPoint files, and every
password-protected Office file (.docx included) are OLE files too; these are recognised by the
names of their streams and reported as what they are.

Limits. LibreOffice has no switch to forbid network access; it fetches nothing while converting a
document unless the document links external images, which it then may try to load.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..source import Origin, Place, Source
from .base import MB, InputError, Options

TIMEOUT = 120  # seconds; a report converts in a few seconds, a first start of LibreOffice takes ~10

HOW_TO = (
    "旧版 Word 文档（.doc）需先转换为 .docx：在 Word 或 WPS 中“另存为” .docx，"
    "或运行 soffice --headless --convert-to docx 文件名"
    "（legacy Word .doc: save it as .docx in Word or WPS, "
    "or run `soffice --headless --convert-to docx FILE`; LibreOffice is not installed here）"
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _stream(name: str) -> bytes:
    return name.encode("utf-16-le")


def ole_kind(data: bytes) -> str | None:
    """What an OLE compound file holds, from the names in its directory (``None``: unknown).

    The directory entries store names in UTF-16; finding one anywhere in the file is a heuristic
    good enough to word a message, never used to read anything."""
    if not data.startswith(OLE_MAGIC):
        return None
    if _stream("EncryptedPackage") in data:
        return "encrypted"
    if _stream("WordDocument") in data:
        return "word"
    if _stream("Workbook") in data or _stream("Book") in data:
        return "excel"
    if _stream("PowerPoint Document") in data:
        return "powerpoint"
    return None


def extract(data: bytes, path: str, options: Options) -> Source:
    kind = ole_kind(data)
    if kind == "encrypted":
        raise InputError(
            path,
            "文档设有密码，请先在 Word 中取消密码（password-protected Office document: remove the password first）",
        )
    if kind == "excel":
        raise InputError(path, "是 Excel 工作簿（.xls），不是 Word 文档（an Excel .xls workbook, not a Word document）")
    if kind == "powerpoint":
        raise InputError(path, "是 PowerPoint 演示文稿，不是 Word 文档（a PowerPoint .ppt file, not a Word document）")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(path, HOW_TO)
    converted = convert(soffice, data, path, options)
    from . import docx

    source = docx.extract(converted, path, options)
    assert source.origin is not None
    places = tuple(
        Place(p.start, f"{p.zh}（转换所得 .docx）", f"{p.en} (of the .docx converted from it)")
        for p in source.origin.places
    )
    return Source(path, source.text, origin=Origin(kind="docx", places=places))


def convert(soffice: str, data: bytes, path: str, options: Options) -> bytes:
    """The .docx LibreOffice makes of ``data``."""
    with tempfile.TemporaryDirectory(prefix="nianbao-doc-") as tmp:
        work = Path(tmp)
        (work / "report.doc").write_bytes(data)
        (work / "out").mkdir()
        cmd = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            "--convert-to",
            "docx",
            "--outdir",
            str(work / "out"),
            str(work / "report.doc"),
        ]
        # Its own session, so that on a timeout the whole group (soffice's wrapper and soffice.bin) is ended.
        proc = subprocess.Popen(
            cmd,
            cwd=tmp,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            out, _ = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise InputError(
                path, f"LibreOffice 转换超时（converting with LibreOffice took over {TIMEOUT} s）"
            ) from None
        result = work / "out" / "report.docx"
        if proc.returncode != 0 or not result.is_file():
            detail = out.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit code {proc.returncode}"]
            raise InputError(path, f"LibreOffice 无法转换此文件（LibreOffice could not convert it: {detail[0]}）")
        if result.stat().st_size > options.max_bytes:
            mb = options.max_bytes // MB
            raise InputError(path, f"转换所得文件超过 {mb} MB 上限（converted file larger than {mb} MB）")
        return result.read_bytes()
