"""A baseline of known deviations: counts per file and rule, as ESLint's bulk suppressions.

``nianbao lint --write-baseline FILE`` records how many diagnostics of each rule each file has;
``--baseline FILE`` then hides a file's diagnostics of a rule as long as there are no more of them
than recorded (when there are more, all of them are shown: which ones are new cannot be told, and
line numbers are not used, so that moved text does not matter). Entries that no longer match
anything are reported as unused. Paths are stored relative to the baseline file's directory.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .cli_io import write_output
from .render.formats import FileResult

FORMAT = "nianbao-baseline/1"


class BaselineError(Exception):
    """The baseline file cannot be read or is not a baseline."""


@dataclass(frozen=True)
class Unused:
    path: str
    code: str
    recorded: int
    found: int


def _key(path: str, base: Path) -> str:
    if path == "-":
        return "-"
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()


def counts(results: Sequence[FileResult], base: Path) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for r in results:
        if r.source is None:
            continue
        c = Counter(d.code for d in r.diagnostics)
        if c:
            out[_key(r.path, base)] = dict(sorted(c.items()))
    return dict(sorted(out.items()))


def write(path: Path, results: Sequence[FileResult]) -> int:
    """Write the baseline; returns the number of diagnostics it records."""
    data = counts(results, path.resolve().parent)
    text = json.dumps({"format": FORMAT, "files": data}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_output(path, text)
    return sum(n for per_file in data.values() for n in per_file.values())


MAX_BASELINE = 64 * 1024 * 1024  # bytes: 100,000 files with findings of ten rules each take 5 MB
MAX_COUNT = 10**9  # findings of one rule in one file


def _count(digits: str) -> int:
    if len(digits) > 10 or int(digits) > MAX_COUNT:  # before int(): thousands of digits take time, or refuse
        raise ValueError(f"a count of {len(digits)} digits")
    return int(digits)


def _not_a_count(value: str) -> object:
    raise ValueError(f"{value} is not a count")


def read(path: Path) -> dict[str, dict[str, int]]:
    """The counts of a baseline file; `BaselineError` with a message naming the file for anything
    else (not a regular file, too large, not JSON, nested too deeply, counts that are no counts)."""
    from .files import NotRegular, read_regular

    try:
        data = read_regular(os.fspath(path), MAX_BASELINE)
    except NotRegular as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.en}") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    if len(data) > MAX_BASELINE:
        raise BaselineError(f"{path}: cannot read the baseline: larger than {MAX_BASELINE // 1024 // 1024} MB")
    try:
        doc = json.loads(data.decode("utf-8"), parse_int=_count, parse_float=_not_a_count, parse_constant=_not_a_count)
    except (UnicodeDecodeError, ValueError) as exc:  # json.JSONDecodeError is a ValueError
        raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
    except RecursionError:
        raise BaselineError(f"{path}: cannot read the baseline: nested too deeply") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("files"), dict):
        raise BaselineError(f'{path}: not a nianbao baseline (expected "format": "{FORMAT}")')
    files: dict[str, dict[str, int]] = {}
    for file, per_rule in doc["files"].items():
        if not isinstance(per_rule, dict) or not all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in per_rule.values()
        ):
            raise BaselineError(f"{path}: the entry for {file!r} must map rule codes to counts")
        files[file] = per_rule
    return files


def apply(
    results: Sequence[FileResult], baseline: dict[str, dict[str, int]], base: Path
) -> tuple[list[FileResult], list[Unused]]:
    """The results without the diagnostics the baseline covers, and the baseline's unused entries."""
    out = []
    seen: set[str] = set()
    unused: list[Unused] = []
    for r in results:
        key = _key(r.path, base)
        recorded = baseline.get(key, {})
        if r.source is None or not recorded:
            out.append(r)
            continue
        seen.add(key)
        found = Counter(d.code for d in r.diagnostics)
        hidden = {code for code, n in found.items() if n <= recorded.get(code, 0)}
        out.append(replace(r, diagnostics=tuple(d for d in r.diagnostics if d.code not in hidden)))
        unused += [Unused(key, code, n, found[code]) for code, n in sorted(recorded.items()) if found[code] < n]
    linted = {_key(r.path, base) for r in results}
    for key in sorted(set(baseline) - seen):
        if key in linted:  # linted, and clean now
            unused += [Unused(key, code, n, 0) for code, n in sorted(baseline[key].items())]
    return out, unused
