"""Writing output files safely, and telling when an output would replace an input.

`write_output` gives readers the old file or the new one, never half of it, and changes nothing
but the file's content:

* A regular file (or a missing one) is replaced atomically: the text goes to an unnamed temporary
  file in the same directory (``O_TMPFILE``; else a named one, removed on any failure), is flushed
  to disk (``fsync``), takes the old file's mode (and owner, where allowed), and is renamed over it;
  the directory is flushed too. Killed at any moment, the run leaves the old file and, with
  ``O_TMPFILE``, no temporary file behind. (In a directory it may not write, an existing file it
  may write is overwritten in place.)
* Through a symbolic link, the file the link names is replaced; the link stays.
* A device, a FIFO or a socket (``/dev/null``, a named pipe) is written directly: replacing it with
  a regular file would break it (as root, the system's ``/dev/null``).
* A file descriptor of this process (``/dev/stdout``, ``/dev/fd/3``, ``/proc/self/fd/1``) is
  written through that descriptor, so that the shell's redirection (``>`` or ``>>``) holds; renaming
  over what it names would fail across file systems or leave the shell writing to a deleted file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable

_OWN_FD = re.compile(r"/(?:dev/fd|proc/self/fd|proc/(?P<pid>[0-9]+)/fd)/(?P<fd>[0-9]+)")
_STANDARD = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
# Terminal control sequences (CSI, OSC), which a file never gets: a console told to colour
# (FORCE_COLOR) writes them into any stream.
_TERMINAL_CODES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def plain(text: str) -> str:
    """``text`` without terminal control sequences."""
    return _TERMINAL_CODES.sub("", text)


def write_output(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (as UTF-8) to ``path`` as the module says. Raises `OSError`."""
    name = os.fspath(path)
    data = text.encode("utf-8")
    fd = _own_descriptor(name)
    if fd is not None:
        _write_all(fd, data)
        return
    target = os.path.realpath(name)
    try:
        found: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        found = None
    if found is not None and not stat.S_ISREG(found.st_mode):
        if stat.S_ISDIR(found.st_mode):
            raise IsADirectoryError(21, "Is a directory", name)
        out = os.open(target, os.O_WRONLY | os.O_NOCTTY)  # a FIFO waits for its reader, as asked
        try:
            _write_all(out, data)
        finally:
            os.close(out)
        return
    _replace(target, data, found)


def _own_descriptor(name: str) -> int | None:
    """The descriptor of this process that ``name`` (or a link on the way to it) names, if any."""
    path = os.path.abspath(name)
    for _ in range(40):  # links followed one at a time: the last one may be a pipe, a tty or a file
        if path in _STANDARD:
            return _STANDARD[path]
        m = _OWN_FD.fullmatch(path)
        if m is not None and (m["pid"] is None or int(m["pid"]) == os.getpid()):
            return int(m["fd"])
        if not os.path.islink(path):
            return None
        path = os.path.normpath(os.path.join(os.path.dirname(path), os.readlink(path)))
    return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _replace(target: str, data: bytes, old: os.stat_result | None) -> None:
    directory = os.path.dirname(target) or "."
    try:
        fd, temporary = _temporary(directory, os.path.basename(target))
    except PermissionError:
        if old is None:
            raise
        # a file we may write in a directory we may not: written in place, not atomically
        out = os.open(target, os.O_WRONLY | os.O_TRUNC | os.O_NOCTTY)
        try:
            _write_all(out, data)
            os.fsync(out)
        finally:
            os.close(out)
        return
    linked: str | None = temporary
    try:
        _write_all(fd, data)
        os.fchmod(fd, stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~_umask())
        if old is not None and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
            with contextlib.suppress(OSError):  # only root may give a file away: it stays ours
                os.fchown(fd, old.st_uid, old.st_gid)
        os.fsync(fd)
        if linked is None:  # unnamed until now: named for the rename, an instant before it
            linked = _name_for(directory, os.path.basename(target))
            # linkat(AT_SYMLINK_FOLLOW) through /proc, as open(2) shows for O_TMPFILE; a dir_fd makes
            # Python call linkat (plain link() would link the /proc symlink itself: EXDEV)
            dfd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            try:
                os.link(f"/proc/self/fd/{fd}", os.path.basename(linked), dst_dir_fd=dfd, follow_symlinks=True)
            finally:
                os.close(dfd)
        os.replace(linked, target)
        linked = None
        _fsync_directory(directory)
    finally:
        os.close(fd)
        if linked is not None:
            with contextlib.suppress(OSError):
                os.unlink(linked)


def _temporary(directory: str, base: str) -> tuple[int, str | None]:
    """A temporary file in ``directory``: unnamed (``O_TMPFILE``) where the system allows, else named."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag and os.path.isdir("/proc/self/fd"):
        try:
            return os.open(directory, flag | os.O_WRONLY, 0o600), None
        except OSError:  # a file system without it
            pass
    fd, name = tempfile.mkstemp(dir=directory, prefix=f".{base}.", suffix=".tmp")
    return fd, name


def _name_for(directory: str, base: str) -> str:
    for i in range(100):
        candidate = os.path.join(directory, f".{base}.{os.getpid()}.{i}.tmp")
        if not os.path.lexists(candidate):
            return candidate
    raise FileExistsError(17, "no free temporary name", directory)


def _fsync_directory(directory: str) -> None:
    with contextlib.suppress(OSError):  # not every system can open a directory
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def same_file(a: str, b: str) -> bool:
    """Whether two existing paths name the same file (through links, hard links included)."""
    try:
        sa, sb = os.stat(a), os.stat(b)
    except (OSError, ValueError):
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino) and stat.S_ISREG(sa.st_mode)


def input_replaced(output: str, inputs: Iterable[str]) -> str | None:
    """The input of ``inputs`` that writing ``output`` would replace, if any."""
    if output == "-" or not os.path.exists(output):
        return None
    return next((i for i in inputs if i != "-" and same_file(output, i)), None)


__all__ = ["input_replaced", "plain", "same_file", "write_output"]
