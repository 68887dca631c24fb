"""The exceptions of nianbao's Python API: a report that cannot be read, and a fault of nianbao's.

Both derive from `NianbaoError`, so a caller can catch everything nianbao raises in one place.
`nianbao.lint` raises neither: it reports them as diagnostics (E001, E900).
"""

from __future__ import annotations


class NianbaoError(Exception):
    """Anything nianbao raises on purpose."""


class InputError(NianbaoError):
    """The input cannot be read as a report (missing, unreadable, not text). Exit code 2."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class InternalError(NianbaoError):
    """A fault of nianbao's own, never of the input; the original exception is its ``__cause__``."""

    def __init__(self, path: str, cause: BaseException) -> None:
        super().__init__(f"{path}: E900 internal-error: {type(cause).__name__}: {cause}")
        self.path = path
