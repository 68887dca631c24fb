"""Configuration: where the linter's settings come from, what they mean, and how they are checked.

Modelled on ruff. A ``nianbao.toml`` (top-level keys) or a ``pyproject.toml`` with a ``[tool.nianbao]``
table configures the reports below its directory; for a linted path the closest such file wins (the
path's own directory, then each parent; ``nianbao.toml`` before ``pyproject.toml`` in one directory),
and files are never merged. Discovery stops at the project root — the first directory with a VCS
directory or any ``pyproject.toml`` (as black finds a project's root; ruff itself looks further) —
so that a file in a parent shared with others does not configure the project.
``--config FILE`` replaces discovery, ``--isolated`` ignores every file,
and command-line values override the file key by key (``--extend-select`` and ``--ignore`` extend
the file's lists, every other option replaces the file's value). As in ruff, ``--select`` starts the
selection afresh: the file's ``select``, ``extend-select`` and ``ignore`` no longer apply (its
``per-file-ignores`` still do).

Rule selectors are ``ALL``, a code (``T201``), a code prefix (``T``, ``T2``, ``A10``) or a rule name
(``blank-cell``). A rule runs when the most specific selector of ``select`` + ``extend-select`` that
matches it is more specific than the most specific matching selector of ``ignore`` (specificity: the
selector's length, ``ALL`` 0, a name as long as its code; a tie goes to ``ignore``).
"""

from __future__ import annotations

from ..links import docs_link, local_docs_url
from .files import CONFIG_FILES, Discovery, discover, find_config, load
from .schema import ConfigError
from .settings import Settings, show

__all__ = [
    "CONFIG_FILES",
    "ConfigError",
    "Discovery",
    "Settings",
    "discover",
    "docs_link",
    "find_config",
    "load",
    "local_docs_url",
    "show",
]
