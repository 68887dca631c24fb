"""Batch runs: the files to read (`walk.expand`) each linted with the settings that apply to it, in parallel
processes when that pays, and always in the same order as a serial run.

One file never costs the others. `lint_file` turns anything a file can cause into its own error
result. A worker process that dies with a file (killed by the kernel, a fatal ``MemoryError``, a
crash in a C library) costs only that file: each worker holds one file at a time, so the file it
held is known; it gets an error result and the worker is replaced (`_Pool`). A worker's address
space is capped (`WORKER_MEMORY` more than at its start) so that a runaway file fails in its own
worker instead of drawing the kernel's OOM killer onto another process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .compare.facts import Facts, facts_of
from .compare.identical import findings
from .compare.organs import alias_table
from .config import Settings, load
from .diagnostics import Diagnostic
from .inputs import MB, Options
from .load import InputError, decode, read_path
from .pipeline import Parsed
from .render.formats import FileResult
from .rules import all_rules, compare_reports
from .syntax.nodes import CellStatus
from .template import CellKey, Version, all_cells

SERIAL_BELOW = 8  # fewer files than this are linted in-process: starting workers costs more
WORKER_MEMORY = 2048 * MB  # address space a worker may add to what it has at its start


@dataclass(frozen=True)
class RunConfig:
    """How to find the settings of a file; picklable, sent to the worker processes.

    Settings are cached per directory for the life of this object (one run), never across runs:
    a configuration file may change between two runs of a long-lived process."""

    config_file: str | None = None
    isolated: bool = False
    overrides: tuple[tuple[str, object], ...] = ()
    debug: bool = False
    respect_gitignore: bool = True  # a walk leaves out what .gitignore files ignore
    follow_symlinks: bool = False  # a walk follows links that lead out of the tree walked
    stdin_filename: str | None = None  # the name standard input goes by: its settings, its path in output
    _cache: dict[str, Settings] = field(default_factory=dict, compare=False, repr=False)

    def settings(self, path: str) -> Settings:
        directory = _directory(path)
        found = self._cache.get(directory)
        if found is None:
            found = self._cache[directory] = load(
                Path(directory),
                config_file=Path(self.config_file) if self.config_file else None,
                isolated=self.isolated,
                overrides=dict(self.overrides),
            )
        return found

    def __getstate__(self) -> dict[str, object]:  # workers build their own cache
        return {k: v for k, v in self.__dict__.items() if k != "_cache"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state, _cache={})


def _directory(path: str) -> str:
    if path == "-":
        return os.getcwd()
    p = Path(path)
    return str(p if p.is_dir() else p.parent)


@dataclass(frozen=True)
class Linted:
    """One file's result with what the summary shows of it, and what the checks across reports need."""

    result: FileResult
    agency: str | None = None
    year: int | None = None
    template: str | None = None
    facts: Facts | None = None
    # how much of the template's tables was read: cells ok, blank or placeholder, of all the
    # template's cells (None for a text that is no report, S001); computed here, in the worker
    cells_read: int | None = None
    cells_total: int | None = None

    @property
    def passed_over(self) -> bool:
        """Read, and no report (S001): what a walk drops of the Markdown files it took on condition."""
        return self.result.error is None and self.cells_total is None


def read_options(settings: Settings) -> Options:
    """How to read files under these settings: the encoding to assume and the size limit."""
    encoding = None if settings.encoding == "auto" else settings.encoding
    return Options(encoding=encoding, max_bytes=settings.max_file_size * MB)


def lint_file(
    path: str, run: RunConfig, data: bytes | None = None, facts: bool = True, narratives: bool = True
) -> Linted:
    """Lint one file; never raises: an unreadable file or an internal fault becomes an error result.
    ``facts``: compute what the checks across reports need; ``narratives``: with the fingerprinted
    sections of C201 (only when some file of the run enables it)."""
    from .pipeline import parse_source
    from .rules import run_checks

    if path == "-" and run.stdin_filename:
        path = run.stdin_filename  # its settings and per-file ignores, and the name shown
    try:
        settings = run.settings(path)
        options = read_options(settings)
        source = decode(data, path, options) if data is not None else read_path(path, options)
        assume = None if settings.template == "auto" else Version(settings.template)
        parsed = parse_source(source, assume=assume)
        checked = run_checks(parsed, organ_kind=settings.organ_kind)
        diags = apply_settings(settings, path, checked)
        result = FileResult(path, source, tuple(diags))  # the template checked against, as `tree` shows it
        # what the checks across reports need, only when there are other reports to compare (it costs ~2 ms)
        found = facts_of(parsed, path, alias_table(settings.organs), narratives) if facts else None
        read = None if any(d.code == "S001" for d in checked) else cells_read(parsed)
        return Linted(
            result,
            parsed.meta.agency,
            parsed.meta.year,
            parsed.report.version.value,
            found,
            read[0] if read else None,
            read[1] if read else None,
        )
    except InputError as exc:
        from .messages import one_language

        return Linted(FileResult(path, None, error=one_language(exc.message, _lang(run, path))))
    except MemoryError:
        from .messages import one_language

        message = "内存不足，无法检查（out of memory while checking this file）"
        return Linted(FileResult(path, None, error=one_language(message, _lang(run, path))))
    except Exception as exc:  # a fault of nianbao's, never of the input: report it, go on
        detail = traceback.format_exc() if run.debug else f"{type(exc).__name__}: {exc}"
        return Linted(FileResult(path, None, error=f"E900 internal-error: {detail}"))


READ = frozenset({CellStatus.OK, CellStatus.BLANK, CellStatus.PLACEHOLDER})


def cells_read(parsed: Parsed) -> tuple[int, int]:
    """(cells read, cells of the template): a cell is read when its status is ok, blank or
    placeholder; a cell the tree does not have is not read. Over `template.all_cells` of the
    report's version."""
    status: dict[CellKey, CellStatus] = {}
    for c in parsed.report.cells():
        status.setdefault(c.key, c.status)  # a row twice: the first is the table's
    keys = all_cells(parsed.report.version)
    return sum(1 for k in keys if status.get(k) in READ), len(keys)


def _lang(run: RunConfig, path: str) -> str:
    try:
        return run.settings(path).lang
    except Exception:  # the settings were read before the file; should they fail now, Chinese
        return "zh"


def apply_settings(settings: Settings, path: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Rule selection, per-file ignores and severity overrides of the settings."""
    out = []
    for d in diagnostics:
        if not settings.enabled(d.code, path):
            continue
        severity = settings.severity_of(d.code, d.severity)
        out.append(d if severity is d.severity else replace(d, severity=severity))
    return out


def lint_many(
    paths: Sequence[str],
    run: RunConfig,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    tentative: frozenset[str] = frozenset(),
) -> list[Linted]:
    """Lint ``paths`` (already expanded) with ``jobs`` processes, drop the files of ``tentative``
    that are no report, then compare the reports with each other (same organ, consecutive years);
    results in the order of ``paths``."""
    linted = _lint_each(paths, run, jobs, progress, wants(paths, run, "C201"))
    return compare([x for x in linted if not (x.result.path in tentative and x.passed_over)], run)


def wants(paths: Sequence[str], run: RunConfig, code: str) -> bool:
    """Whether some file of ``paths`` enables ``code`` (yes when its settings cannot be read: the
    facts a rule needs are only extra work, never other output)."""
    for p in paths:
        path = run.stdin_filename if p == "-" and run.stdin_filename else p
        try:
            if run.settings(path).enabled(code, path):
                return True
        except Exception:
            return True
    return False


def compare(linted: list[Linted], run: RunConfig) -> list[Linted]:
    """The findings of the rules that compare reports, added to the reports they belong to."""
    facts = [x.facts for x in linted if x.facts is not None]
    if len(facts) < 2:
        return linted
    sources = {x.result.path: x.result.source for x in linted if x.result.source is not None}
    thresholds = {f.path: run.settings(f.path).copied_text_threshold for f in facts}  # each file's own settings
    # only the rules some file wants: a copied-text search that every file ignores costs nothing
    codes = [r.code for r in all_rules() if r.compare is not None]
    wanted = {c for c in codes if any(run.settings(f.path).enabled(c, f.path) for f in facts)}
    found: dict[str, list[Diagnostic]] = {}
    # identical files (one report saved many times) are compared once in the series rules
    for f in findings(
        facts, wanted, lambda fs, cs: compare_reports(fs, sources, thresholds, set(cs)), lambda f: f.path
    ):
        found.setdefault(f.path, []).append(f.diagnostic)
    out = []
    for x in linted:
        extra = found.get(x.result.path)
        if extra and x.result.source is not None:
            extra = apply_settings(run.settings(x.result.path), x.result.path, extra)
            merged = tuple(sorted((*x.result.diagnostics, *extra), key=Diagnostic.sort_key))
            x = replace(x, result=replace(x.result, diagnostics=merged))
        out.append(x)
    return out


def _lint_each(
    paths: Sequence[str],
    run: RunConfig,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    narratives: bool = True,
) -> list[Linted]:
    jobs = jobs or os.cpu_count() or 1
    stdin = read_stdin(run.settings(run.stdin_filename or "-")) if "-" in paths else None
    if jobs == 1 or len(paths) < SERIAL_BELOW:
        out: list[Linted] = []
        for i, p in enumerate(paths):
            out.append(lint_file(p, run, stdin if p == "-" else None, len(paths) > 1, narratives))
            if progress:
                progress(i + 1, len(paths))
        return out
    found: dict[int, Linted] = {}
    tasks = [(i, p) for i, p in enumerate(paths) if p != "-"]
    for i, p in enumerate(paths):
        if p == "-":
            found[i] = lint_file(p, run, stdin, True, narratives)

    def done(i: int, linted: Linted) -> None:
        found[i] = linted
        if progress:
            progress(len(found), len(paths))

    _Pool(run, min(jobs, len(tasks)), narratives).map(tasks, done)
    return [found[i] for i in range(len(paths))]


def read_stdin(settings: Settings) -> bytes:
    """Standard input, read once for the whole run and no further than the size limit and a byte."""
    return sys.stdin.buffer.read(settings.max_file_size * MB + 1)


class _Pool:
    """Worker processes, each given one file at a time; a worker that dies costs only its file."""

    def __init__(self, run: RunConfig, size: int, narratives: bool = True) -> None:
        self.run = run
        self.narratives = narratives
        self.size = max(1, size)
        self.context = multiprocessing.get_context()

    def _start(self) -> tuple[Any, Connection]:
        mine, theirs = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(theirs, self.run, self.narratives), daemon=True)
        process.start()
        theirs.close()
        return process, mine

    def map(self, tasks: Sequence[tuple[int, str]], done: Callable[[int, Linted], None]) -> None:
        todo = list(reversed(tasks))
        busy: dict[Connection, tuple[Any, tuple[int, str]]] = {}
        idle: list[tuple[Any, Connection]] = []
        try:
            while todo or busy:
                while todo and (idle or len(busy) < self.size):
                    process, conn = idle.pop() if idle else self._start()
                    try:
                        conn.send(todo[-1])
                    except OSError:  # it died idle: another one takes the file
                        process.join()
                        conn.close()
                        continue
                    busy[conn] = (process, todo.pop())
                sentinels = {process.sentinel: conn for conn, (process, _) in busy.items()}
                for ready in wait([*busy, *sentinels]):
                    conn = ready if isinstance(ready, Connection) else sentinels[ready]  # type: ignore[index]
                    if conn not in busy:
                        continue  # its result and its end came together: handled with the result
                    process, (index, path) = busy.pop(conn)
                    try:
                        reply = conn.recv() if conn.poll() else None
                    except (EOFError, OSError):  # died while sending
                        reply = None
                    if reply is not None:
                        done(index, reply)
                        idle.append((process, conn))
                        continue
                    process.join()
                    conn.close()
                    done(index, _died(path, process.exitcode, _lang(self.run, path)))  # a new worker takes the next
        finally:  # idle workers are told to stop; busy ones remain only after an error or ^C: killed
            for conn, (process, _) in busy.items():
                process.kill()
                conn.close()
            for _, conn in idle:
                with contextlib.suppress(OSError):
                    conn.send(None)
                conn.close()
            for process in [p for p, _ in idle] + [p for p, _ in busy.values()]:
                process.join(timeout=5)
                if process.is_alive():
                    process.kill()
                    process.join()


def _died(path: str, exitcode: int | None, lang: str = "zh") -> Linted:
    how = "exit code " + str(exitcode)
    if exitcode is not None and exitcode < 0:
        signum = -exitcode
        how = signal.Signals(signum).name if signum in signal.Signals._value2member_map_ else f"signal {signum}"
    hint = "内存不足？" if how in ("SIGKILL", "SIGABRT") else ""
    message = f"检查此文件的进程异常终止{hint}（the process checking this file died: {how}; out of memory?）"
    from .messages import one_language

    return Linted(FileResult(path, None, error=one_language(message, lang)))


def _serve(conn: Connection, run: RunConfig, narratives: bool = True) -> None:
    """A worker: lints the files it is sent, one at a time, until it is sent None."""
    _cap_memory()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles ^C and stops the workers
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        _, path = task
        try:
            linted = lint_file(path, run, None, True, narratives)
        except BaseException as exc:  # lint_file never raises; should it, the file says so, not the worker's death
            linted = Linted(FileResult(path, None, error=f"E900 internal-error: {type(exc).__name__}: {exc}"))
        conn.send(linted)


def _cap_memory() -> None:
    try:
        import resource

        with open("/proc/self/statm", "rb") as fh:
            size = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = size + WORKER_MEMORY
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):  # not Linux: no cap, the readers' own limits remain
        pass
