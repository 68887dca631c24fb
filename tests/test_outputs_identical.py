"""The outputs of every corpus file, fixed: a refactor must leave them as they are.

For each folder (the bundled corpus, the seeds and the optional real corpus next to the
repository) the test runs ``nianbao lint --format json`` and ``nianbao export --format csv`` over the
whole folder (so the checks across reports take part) and compares one digest per file and output
with ``tests/golden/outputs/<folder>.json``. A change names the files whose output changed; when a
change is meant, ``NIANBAO_UPDATE_GOLDEN=1`` rewrites the digests and the commit says why.

Digests, not the outputs themselves: the real corpus is not the repository's to copy, and a digest
per file is enough to say which file changed (the outputs are one command away)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, GOLDEN, REAL, ROOT, UPDATE_GOLDEN

from nianbao.cli import main

FOLDERS = {
    "corpus": CORPUS,
    "seeds": ROOT.parent / "shared" / "seeds",
    "corpus-real": REAL,
}


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, ["--lang", "zh", *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _relative(path: str, root: Path) -> str:
    return Path(path).resolve().relative_to(root.resolve()).as_posix()


def _unplaced(diagnostic: dict[str, object], root: Path) -> object:
    """The diagnostic with the folder's location taken out of every string (related places and
    messages name other files by path), so that the digest is the same in any checkout."""
    text = json.dumps(diagnostic, ensure_ascii=False, sort_keys=True)
    for prefix in sorted({str(root.resolve()), str(root)}, key=len, reverse=True):
        text = text.replace(json.dumps(prefix + "/", ensure_ascii=False)[1:-1], "<root>/")
    return json.loads(text)


def digests(root: Path) -> dict[str, dict[str, str]]:
    """For each file under ``root``: the sha256 of its diagnostics (as JSON, without the rule
    pages' URLs, which name the checkout) and of its rows of the cell export."""
    report = json.loads(_run("lint", "--format", "json", "--no-respect-gitignore", str(root)))
    per_file: dict[str, list[object]] = {}
    for d in report["diagnostics"]:
        name = _relative(d.pop("path"), root)
        d = {k: v for k, v in d.items() if k != "url"}
        per_file.setdefault(name, []).append(_unplaced(d, root))
    rows: dict[str, list[list[str]]] = {}
    for r in csv.reader(io.StringIO(_run("export", "--format", "csv", "--no-bom", str(root)))):
        if r and r[0] != "file":
            rows.setdefault(_relative(r[0], root), []).append(r[1:])
    out: dict[str, dict[str, str]] = {}
    for name in sorted(set(per_file) | set(rows)):
        lint = json.dumps(per_file.get(name, []), ensure_ascii=False, sort_keys=True)
        export = json.dumps(rows.get(name, []), ensure_ascii=False)
        out[name] = {
            "lint": hashlib.sha256(lint.encode()).hexdigest()[:16],
            "export": hashlib.sha256(export.encode()).hexdigest()[:16],
        }
    return out


@pytest.mark.parametrize(
    "folder", [pytest.param(f, marks=pytest.mark.slow) if f == "corpus-real" else f for f in sorted(FOLDERS)]
)
def test_outputs_of_every_file_are_unchanged(folder: str) -> None:
    root = FOLDERS[folder]
    if not root.is_dir():
        pytest.skip(f"{root} is not available")
    got = digests(root)
    path = GOLDEN / "outputs" / f"{folder}.json"
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    assert path.exists(), f"{path} is missing; run with NIANBAO_UPDATE_GOLDEN=1"
    want = json.loads(path.read_text("utf-8"))
    changed = sorted(n for n in set(got) | set(want) if got.get(n) != want.get(n))
    assert not changed, f"outputs changed for {len(changed)} file(s) of {folder}: {changed[:10]}"
