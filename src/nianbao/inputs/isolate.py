"""Running a reader in a child process under a hard memory and time limit.

The PDF reader counts what pages draw (`nianbao.inputs.pdf`), but pdfminer parses the rest of a file
— its object tree, object streams, font programs, filter chains — with no budget of its own: a 10 MB
file holding one array of five million numbers takes 600 MB and 14 s before any page is drawn.
Such work cannot be interrupted from inside, so the reader runs in a forked child whose address
space is capped (``RLIMIT_AS``: the parent's size at the fork plus ``memory``) and which is killed
after ``seconds``. The child sends back its result or its `InputError`, pickled through a pipe;
running out of memory, being killed or crashing becomes an `InputError` that says so. The parent's
memory never grows by more than the result.

Where ``fork`` is unavailable (Windows) or the process runs other threads (forking those is unsafe:
a lock held by another thread stays held in the child for ever), the reader runs in-process under
its own budgets only.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from ..errors import InputError
from .base import MB

T = TypeVar("T")

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def available() -> bool:
    """Whether readers can run in a child process here (POSIX ``fork``, one thread, Linux limits)."""
    return hasattr(os, "fork") and sys.platform.startswith("linux") and threading.active_count() == 1


def _address_space() -> int:
    with open("/proc/self/statm", "rb") as fh:
        return int(fh.read().split()[0]) * _PAGE


def run(fn: Callable[[], T], path: str, *, memory: int, seconds: float) -> T:
    """``fn()``, in a child process that may use ``memory`` bytes more than this one and
    ``seconds`` of time; in-process when `available` says a child cannot be used."""
    if not available():
        try:
            return fn()
        except MemoryError:
            raise InputError(path, "内存不足，无法读取（out of memory while reading）") from None
    import resource

    limit = _address_space() + memory
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        status = 0
        try:
            os.close(read_end)
            _quiet()
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            try:
                outcome: tuple[str, object] = ("ok", fn())
            except InputError as exc:
                outcome = ("input", exc.message)
            except MemoryError:
                outcome = ("memory", None)
            except BaseException as exc:  # a fault of nianbao's: the parent raises it as its own
                outcome = ("fault", f"{type(exc).__name__}: {exc}")
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as fh:
                fh.write(data)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        data = _read_all(read_end, time.monotonic() + seconds)
    except BaseException:  # ^C, or any fault here: the child must not outlive the wait
        _kill(pid)
        raise
    finally:
        os.close(read_end)
    if data is None:  # out of time
        _kill(pid)
        raise InputError(path, f"读取超时（took longer than {seconds:g} s to read）")
    _, status = os.waitpid(pid, 0)
    if not data:
        raise InputError(path, _death(status, memory))
    kind, value = pickle.loads(data)  # our own child's bytes, through our own pipe
    if kind == "ok":
        return value  # type: ignore[no-any-return]
    if kind == "input":
        raise InputError(path, str(value))
    if kind == "memory":
        raise InputError(path, _memory_message(memory))
    raise RuntimeError(f"reader failed in its child process: {value}")


def _quiet() -> None:
    """The child's stderr to /dev/null: pdfminer's last words or Python's "Cannot recover from
    MemoryErrors" are no message for the user, who gets the parent's instead."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)


def _read_all(fd: int, deadline: float) -> bytes | None:
    """Everything the child writes, or None when the deadline passes first."""
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _memory_message(memory: int) -> str:
    mb = memory // MB
    return f"读取所需内存超过 {mb} MB 上限（reading needs more than {mb} MB of memory）"


def _death(status: int, memory: int) -> str:
    """Why a child that sent nothing ended."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig in (signal.SIGKILL, signal.SIGABRT):  # the kernel's OOM killer; Python's fatal MemoryError
            return _memory_message(memory)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        return f"读取时进程异常终止（the reader died: {name}）"
    return _memory_message(memory)  # exited without a word: it could not even allocate its answer


__all__ = ["available", "run"]
