"""Where the rule documentation is: the published site, or the pages installed with the code.

Apart from the configuration and the rules, so that either can use it without importing the other.
"""

from __future__ import annotations

import functools
from pathlib import Path

# The rule documentation as a site built from docs/ publishes it (`make docs`). Links point at
# the installed pages by default (`local_docs_url`): a link always leads somewhere real; set
# docs-url to the site once it is up.
DOCS_URL = "https://nianbao.readthedocs.io/{lang}/latest/rules/{code}.html"


@functools.cache
def local_docs_url() -> str:
    """The rule pages installed with the code, as a ``file://`` URL template (``{langdir}`` is
    ``""`` for Chinese, ``"en/"`` for English); `DOCS_URL` when they are not installed."""
    try:
        from importlib.resources import files

        pages = Path(str(files("nianbao.ruledocs")))
    except (ImportError, TypeError, ValueError):  # not installed as files (a zip): the site
        return DOCS_URL
    if not (pages / "T201.md").is_file():
        return DOCS_URL
    return pages.resolve().as_uri() + "/{langdir}{code}.md"


def docs_link(template: str, lang: str) -> str:
    """``template`` with ``{langdir}`` filled for ``lang``; ``{code}``, ``{name}``, ``{lang}`` stay."""
    return template.replace("{langdir}", "en/" if lang == "en" else "")
