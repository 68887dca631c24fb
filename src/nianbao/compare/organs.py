"""Which organ a report is from: one key for the names an organ goes by.

Reports name their organ as they like: in traditional or simplified script, with full-width or
half-width brackets, with spaces, with the common short forms (县政府 for 县人民政府, 政府办 for
人民政府办公室). `organ_key` folds all of these into one key, so that the reports of one organ
over several years find each other; ``中共…`` and other prefixes stay as written (中共某县县委办公室
and 某县人民政府办公室 are different organs). What folding cannot know, a configuration says:
``[organs]`` maps a canonical name to the other names of the same organ (a renamed bureau).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..syntax.normalize import MASK, normalize

_NOTE = re.compile(r"[(（][^)）]{0,20}[)）]")  # "（市政务公开办）", "(本级)"
_SPACES = re.compile(r"[\s\u3000" + MASK + "]+")
# Short forms, applied to the end of the name: (pattern, replacement)
_SHORT_FORMS = (
    (re.compile(r"(?<!人民)政府办(?:公室)?$"), "人民政府办公室"),
    (re.compile(r"(?<!人民)政府办公厅$"), "人民政府办公厅"),
    (re.compile(r"(?<!人民)政府$"), "人民政府"),
)


def fold(name: str) -> str:
    """A name in simplified script, without spaces, notes in brackets or short forms."""
    text = normalize(name).analysis
    text = _SPACES.sub("", _NOTE.sub("", text))
    for pattern, full in _SHORT_FORMS:
        text = pattern.sub(full, text)
    return text


def organ_key(name: str | None, aliases: Mapping[str, str] | None = None) -> str | None:
    """The key of the organ ``name`` (None when there is no name). ``aliases`` maps folded names
    to the folded canonical name (see `alias_table`)."""
    if not name or not name.strip():
        return None
    key = fold(name)
    if not key:
        return None
    return (aliases or {}).get(key, key)


# A name that begins with its level and leaves out the place ("省工业和信息化厅", "县教育局"): reports
# write it so in their text when their title is lost.
_SHORT_NAME = re.compile(r"(?:省|市|县|区|州|盟|旗|自治区|自治州)[^省市县区]")  # used with match(): anchored


def resolve_short_names(keys: Iterable[str]) -> dict[str, str]:
    """``{short key: full key}`` for the short names of a run that stand for exactly one full name
    in it: 省工业和信息化厅 is 河北省工业和信息化厅 when that is the only organ of the run whose name
    ends so. Two candidates (市教育局 beside 甲市教育局 and 乙市教育局) resolve to neither."""
    known = set(keys)
    # every full name under each of its tails that starts with a level (河北省工业和信息化厅 under
    # 省工业和信息化厅): one pass over the names, however many there are
    under: dict[str, set[str]] = {}
    for k in known:
        for i in range(2, len(k) - 1):
            if _SHORT_NAME.match(k, i):
                under.setdefault(k[i:], set()).add(k)
    out: dict[str, str] = {}
    for short in sorted(known):
        full = under.get(short, set())
        if _SHORT_NAME.match(short) and len(full) == 1:
            out[short] = next(iter(full))
    return out


def alias_table(organs: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """``{canonical: (other names…)}`` from the configuration → ``{folded name: folded canonical}``."""
    table: dict[str, str] = {}
    for canonical, others in organs.items():
        target = fold(canonical)
        for name in (canonical, *others):
            table[fold(name)] = target
    return table
