"""Configuration: discovery, --config, --isolated, command-line overrides, validation, selection."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from nianbao.config import (
    CONFIG_FILES,
    ConfigError,
    Discovery,
    Settings,
    discover,
    docs_link,
    find_config,
    load,
    local_docs_url,
    show,
)
from nianbao.diagnostics import Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error(path: Path | None = None, **kwargs: object) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load(path, **kwargs)  # type: ignore[arg-type]
    return info.value


def codes(settings: Settings, path: str | None = None) -> set[str]:
    from nianbao.rules import all_rules

    return {r.code for r in all_rules() if settings.enabled(r.code, path)}


# ---------------------------------------------------------------------------------------------
# Defaults and import cost


def test_defaults() -> None:
    s = load(None, isolated=True)
    assert s == Settings()
    assert s.select == ("ALL",) and s.extend_select == () and s.ignore == ()
    assert dict(s.severity) == {} and dict(s.per_file_ignores) == {}
    assert (s.template, s.organ_kind, s.lang) == ("auto", "auto", "zh")
    assert "*.txt" in s.include and "*.pdf" in s.include and s.exclude == ()
    assert (s.encoding, s.max_file_size) == ("auto", 20)
    assert s.root is None
    assert set(s.origins.values()) == {"default"}
    assert len(codes(s)) > 30 and {"T201", "A101", "S001", "X101"} <= codes(s)


def test_importing_config_does_not_load_the_rules() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "import sys, nianbao.config; print('nianbao.rules' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"


def test_no_file_anywhere_gives_defaults(tmp_path: Path) -> None:
    if any((d / name).is_file() for d in tmp_path.parents for name in CONFIG_FILES):
        pytest.skip("a configuration file above the temporary directory")
    assert find_config(tmp_path / "a.txt") is None
    s = load(tmp_path / "a.txt")
    assert s.root is None and s == Settings()


# ---------------------------------------------------------------------------------------------
# Discovery


def test_closest_file_wins(tmp_path: Path) -> None:
    top = write(tmp_path / "nianbao.toml", 'select = ["T"]\n')
    sub = write(tmp_path / "sub" / "nianbao.toml", 'select = ["A"]\n')
    (tmp_path / "sub" / "deep").mkdir()
    assert find_config(tmp_path / "a.txt") == top
    assert find_config(tmp_path / "sub" / "deep" / "a.txt") == sub
    assert load(tmp_path / "a.txt").select == ("T",)
    s = load(tmp_path / "sub" / "deep" / "a.txt")
    assert s.select == ("A",)
    assert s.root == tmp_path / "sub"
    assert s.origins["select"] == str(sub)
    assert s.origins["template"] == "default"


def test_no_merging_between_files(tmp_path: Path) -> None:
    write(tmp_path / "nianbao.toml", 'ignore = ["T201"]\ntemplate = "V2019"\n')
    write(tmp_path / "sub" / "nianbao.toml", 'select = ["T2"]\n')
    s = load(tmp_path / "sub" / "a.txt")
    assert s.ignore == () and s.template == "auto"
    assert s.enabled("T201")


def test_directory_looks_in_itself_file_in_its_parent(tmp_path: Path) -> None:
    top = write(tmp_path / "nianbao.toml", "")
    sub = write(tmp_path / "sub" / "nianbao.toml", "")
    assert find_config(tmp_path / "sub") == sub  # a directory: its own file first
    write(tmp_path / "sub.txt", "")
    assert find_config(tmp_path / "sub.txt") == top  # a file: its directory
    assert find_config(tmp_path / "missing" / "nowhere.txt") == top  # need not exist


def test_nianbao_toml_beats_pyproject_in_one_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.nianbao]\nselect = ["A"]\n')
    own = write(tmp_path / "nianbao.toml", 'select = ["T"]\n')
    assert find_config(tmp_path / "a.txt") == own
    assert load(tmp_path / "a.txt").select == ("T",)


def test_closer_pyproject_beats_farther_nianbao_toml(tmp_path: Path) -> None:
    write(tmp_path / "nianbao.toml", 'select = ["T"]\n')
    py = write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n[tool.nianbao]\nselect = ["D"]\n')
    assert find_config(tmp_path / "sub" / "a.txt") == py
    s = load(tmp_path / "sub" / "a.txt")
    assert s.select == ("D",) and s.origins["select"] == str(py)


def test_pyproject_without_table_configures_nothing_and_ends_the_search(tmp_path: Path) -> None:
    """A pyproject.toml marks a project's root: without [tool.nianbao] it configures nothing, and
    files above it do not configure the project either."""
    write(tmp_path / "pyproject.toml", '[tool.nianbao]\nselect = ["N"]\n')
    write(tmp_path / "a" / "pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n')
    own = write(tmp_path / "a" / "b" / "nianbao.toml", 'select = ["T"]\n')
    assert find_config(tmp_path / "a" / "b" / "r.txt") == own
    own.unlink()
    assert find_config(tmp_path / "a" / "b" / "r.txt") is None
    assert load(tmp_path / "a" / "b" / "r.txt").select == ("ALL",)
    assert discover(tmp_path / "a" / "b" / "r.txt") == Discovery(None, tmp_path / "a", "pyproject.toml")


@pytest.mark.parametrize("marker", [".git", ".hg", ".svn", ".jj"])
def test_discovery_stops_at_the_project_root(tmp_path: Path, marker: str) -> None:
    """A nianbao.toml in any parent folder (a shared /tmp, a home directory) with ignore = ["ALL"]
    was obeyed silently; it stops at the root of the project, a directory or a file (.git of a
    worktree) naming its version control."""
    write(tmp_path / "nianbao.toml", 'ignore = ["ALL"]\n')
    project = tmp_path / "project"
    (project / "reports").mkdir(parents=True)
    if marker == ".git":
        write(project / ".git", "gitdir: /elsewhere\n")
    else:
        (project / marker).mkdir()
    assert find_config(project / "reports" / "r.txt") is None
    assert load(project / "reports" / "r.txt").ignore == ()
    assert discover(project / "reports" / "r.txt") == Discovery(None, project, marker)
    inside = write(project / "nianbao.toml", 'ignore = ["X"]\n')
    assert discover(project / "reports" / "r.txt") == Discovery(inside, project, marker)


def test_empty_files_count(tmp_path: Path) -> None:
    write(tmp_path / "nianbao.toml", 'select = ["N"]\n')
    empty = write(tmp_path / "a" / "nianbao.toml", "")
    table = write(tmp_path / "b" / "pyproject.toml", "[tool.nianbao]\n")
    assert find_config(tmp_path / "a" / "r.txt") == empty
    assert find_config(tmp_path / "b" / "r.txt") == table
    assert load(tmp_path / "b" / "r.txt").select == ("ALL",)


def test_discovery_reports_a_broken_file_on_the_way(tmp_path: Path) -> None:
    write(tmp_path / "nianbao.toml", "")
    broken = write(tmp_path / "a" / "pyproject.toml", "[tool.nianbao\n")
    e = error(tmp_path / "a" / "r.txt")
    assert e.path == str(broken) and "invalid TOML" in str(e) and str(broken) in str(e)


def test_none_path_discovers_from_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "nianbao.toml", 'lang = "en"\n')
    monkeypatch.chdir(tmp_path)
    assert load(None).lang == "en"


# ---------------------------------------------------------------------------------------------
# --config and --isolated


def test_config_file_replaces_discovery(tmp_path: Path) -> None:
    write(tmp_path / "nianbao.toml", 'select = ["T"]\n')
    other = write(tmp_path / "elsewhere" / "custom.toml", 'select = ["A"]\ntemplate = "V2021"\n')
    s = load(tmp_path / "r.txt", config_file=other)
    assert s.select == ("A",) and s.template == "V2021"
    assert s.root == tmp_path / "elsewhere"
    assert s.origins["select"] == str(other)


def test_config_file_may_be_a_pyproject(tmp_path: Path) -> None:
    py = write(tmp_path / "x" / "pyproject.toml", '[tool.nianbao]\nignore = ["X"]\n')
    assert load(None, config_file=py).ignore == ("X",)
    bare = write(tmp_path / "y" / "pyproject.toml", '[project]\nname = "y"\n')
    e = error(None, config_file=bare)
    assert e.path == str(bare) and "[tool.nianbao]" in str(e)


def test_config_file_missing_or_unreadable(tmp_path: Path) -> None:
    e = error(None, config_file=tmp_path / "absent.toml")
    assert e.path == str(tmp_path / "absent.toml") and "cannot read" in str(e)
    (tmp_path / "dir.toml").mkdir()
    assert "cannot read" in str(error(None, config_file=tmp_path / "dir.toml"))
    latin = tmp_path / "latin.toml"
    latin.write_bytes('lang = "zh" # \xe9\n'.encode("latin-1"))
    assert "not UTF-8" in str(error(None, config_file=latin))


def test_isolated_ignores_files(tmp_path: Path) -> None:
    write(tmp_path / "nianbao.toml", 'select = ["T"]\nlang = "en"\n')
    s = load(tmp_path / "r.txt", isolated=True, overrides={"ignore": ["A"]})
    assert s.select == ("ALL",) and s.lang == "zh" and s.root is None
    assert s.ignore == ("A",) and s.origins["ignore"] == "command line"
    assert s.origins["select"] == "default"


def test_isolated_and_config_conflict(tmp_path: Path) -> None:
    cfg = write(tmp_path / "nianbao.toml", "")
    e = error(None, config_file=cfg, isolated=True)
    assert "--config" in str(e) and "--isolated" in str(e)


# ---------------------------------------------------------------------------------------------
# Command-line overrides


FILE = """\
select = ["T"]
extend-select = ["A101"]
ignore = ["T1"]
severity = { T201 = "info" }
per-file-ignores = { "*.txt" = ["T202"] }
template = "V2019"
organ-kind = "department"
include = ["*.txt"]
exclude = ["drafts"]
lang = "en"
docs-url = "https://intranet.example/{code}"
encoding = "gb18030"
max-file-size = 5
organs = { "某市自然资源和规划局" = ["某市国土资源局"] }
copied-text-threshold = 0.6
"""


@pytest.mark.parametrize(
    ("key", "attr", "cli", "expected"),
    [
        ("select", "select", ["A"], ("A",)),  # replaces
        ("extend-select", "extend_select", ["D"], ("A101", "D")),  # extends
        ("ignore", "ignore", ["T2"], ("T1", "T2")),  # extends
        ("severity", "severity", {"A": "warning"}, {"A": Severity.WARNING}),
        ("per-file-ignores", "per_file_ignores", {"x.txt": ["A"]}, {"x.txt": ("A",)}),
        ("template", "template", "V2021", "V2021"),
        ("organ-kind", "organ_kind", "township", "township"),
        ("include", "include", ["*.md"], ("*.md",)),
        ("exclude", "exclude", ["old"], ("old",)),
        ("lang", "lang", "zh", "zh"),
        ("docs-url", "docs_url", "https://other.example/{code}", "https://other.example/{code}"),
        ("encoding", "encoding", "big5", "big5"),
        ("max-file-size", "max_file_size", "50", 50),
        ("organs", "organs", {"甲局": ["乙局"]}, {"甲局": ("乙局",)}),
        ("copied-text-threshold", "copied_text_threshold", "0.8", 0.8),
    ],
)
def test_command_line_overrides_each_key(tmp_path: Path, key: str, attr: str, cli: object, expected: object) -> None:
    cfg = write(tmp_path / "nianbao.toml", FILE)
    from_file = load(tmp_path / "r.txt")
    s = load(tmp_path / "r.txt", overrides={key: cli})
    value = getattr(s, attr)
    assert (dict(value) if isinstance(expected, dict) else value) == expected
    assert value != getattr(from_file, attr)
    extended = key in ("extend-select", "ignore")
    assert s.origins[key] == (f"{cfg} + command line" if extended else "command line")
    reset = ("extend-select", "ignore") if key == "select" else ()  # a new selection forgets the file's
    for other in s.origins:
        if other in reset:
            assert s.origins[other] == "default" and getattr(s, other.replace("-", "_")) == ()
        elif other != key:
            assert s.origins[other] == str(cfg)
            assert getattr(s, other.replace("-", "_")) == getattr(from_file, other.replace("-", "_"))


def test_command_line_absent_values_and_comma_lists(tmp_path: Path) -> None:
    write(tmp_path / "nianbao.toml", 'select = ["T"]\ntemplate = "V2019"\n')
    s = load(
        tmp_path / "r.txt", overrides={"select": (), "template": None, "ignore": "T201, T202", "extend-select": []}
    )
    assert s.select == ("T",) and s.template == "V2019"  # not given
    assert s.ignore == ("T201", "T202")
    assert s.origins["extend-select"] == "default"


def test_command_line_extension_drops_duplicates(tmp_path: Path) -> None:
    write(tmp_path / "nianbao.toml", 'ignore = ["T201", "A"]\n')
    assert load(tmp_path / "r.txt", overrides={"ignore": ["A", "D"]}).ignore == ("T201", "A", "D")


# ---------------------------------------------------------------------------------------------
# Validation


BAD = [
    # key, TOML value, what the message must say
    ("select", '"T201"', ["expected a list of rule selectors"]),
    ("select", '["T201", "X999"]', ['unknown selector "X999"', '"ALL"', "rule name"]),
    ("extend-select", "[1]", ["expected a list of rule selectors"]),
    ("ignore", '["blank-cel"]', ['unknown selector "blank-cel"', 'did you mean "blank-cell"']),
    ("ignore", '[""]', ['unknown selector ""']),
    ("severity", '{ T201 = "fatal" }', ['severity.T201 = "fatal"', 'expected one of "error", "warning", "info"']),
    ("severity", '{ Q1 = "info" }', ['unknown selector "Q1"']),
    ("severity", '["T201"]', ["expected a table"]),
    ("severity", "{ T201 = 1 }", ['expected one of "error", "warning", "info"']),
    ("per-file-ignores", '{ "*.txt" = "T201" }', ['per-file-ignores."*.txt" = "T201"', "expected a list of rule"]),
    ("per-file-ignores", '{ "*.txt" = ["Z"] }', ['unknown selector "Z"']),
    ("per-file-ignores", '"*.txt"', ["expected a table"]),
    ("template", '"2019"', ['template = "2019"', 'expected one of "auto", "V2019", "V2021"']),
    ("template", "2019", ['expected one of "auto", "V2019", "V2021"']),
    ("organ-kind", '"ministry"', ['expected one of "auto", "department", "government", "office", "township"']),
    ("include", '"*.txt"', ["expected a list of glob patterns"]),
    ("exclude", "[true]", ["exclude = [true]", "expected a list of glob patterns"]),
    ("lang", '"fr"', ['lang = "fr"', 'expected one of "zh", "en"']),
    ("encoding", '"klingon"', ['encoding = "klingon"', 'expected "auto" or the name of a text encoding']),
    ("encoding", '"rot13"', ["the name of a text encoding"]),  # a codec, but not of text
    ("max-file-size", "0", ["max-file-size = 0", "from 1 to 1024"]),
    ("max-file-size", '"20"', ["whole number of megabytes"]),
    ("max-file-size", "true", ["whole number of megabytes"]),
    ("organs", '["甲局"]', ["expected a table"]),
    ("copied-text-threshold", "0", ["greater than 0 and at most 1"]),
    ("copied-text-threshold", "1.5", ["greater than 0 and at most 1"]),
    ("copied-text-threshold", '"half"', ["greater than 0 and at most 1"]),
    ("organs", '{ "甲局" = "乙局" }', ['organs."甲局" = "乙局"', "expected a list of the organ's other names"]),
]


@pytest.mark.parametrize(("key", "value", "says"), BAD)
def test_bad_value_in_nianbao_toml(tmp_path: Path, key: str, value: str, says: list[str]) -> None:
    cfg = write(tmp_path / "nianbao.toml", f"{key} = {value}\n")
    e = error(tmp_path / "r.txt")
    assert e.path == str(cfg) and e.key == key
    text = str(e)
    assert text.startswith(f"{cfg}: {key}")
    for part in says:
        assert part in text


@pytest.mark.parametrize(("key", "value", "says"), BAD)
def test_bad_value_in_pyproject(tmp_path: Path, key: str, value: str, says: list[str]) -> None:
    cfg = write(tmp_path / "pyproject.toml", f"[tool.nianbao]\n{key} = {value}\n")
    e = error(tmp_path / "r.txt")
    assert e.path == str(cfg) and e.key == key
    assert str(e).startswith(f"{cfg}: [tool.nianbao] {key}")
    for part in says:
        assert part in str(e)


def test_message_example_from_the_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "pyproject.toml", '[tool.nianbao]\ntemplate = "2019"\n')
    monkeypatch.chdir(tmp_path)
    e = error(None, config_file=Path("pyproject.toml"))
    assert str(e) == 'pyproject.toml: [tool.nianbao] template = "2019": expected one of "auto", "V2019", "V2021"'
    assert e.message == 'expected one of "auto", "V2019", "V2021"'


def test_unknown_key(tmp_path: Path) -> None:
    cfg = write(tmp_path / "nianbao.toml", 'selcet = ["T"]\n')
    e = error(tmp_path / "r.txt")
    assert e.path == str(cfg) and e.key == "selcet"
    assert 'unknown key "selcet"' in str(e) and 'did you mean "select"' in str(e)
    assert '"extend-select"' in str(e) and '"per-file-ignores"' in str(e)
    write(tmp_path / "pyproject.toml", "[tool.nianbao.lint]\n")
    (tmp_path / "nianbao.toml").unlink()
    assert 'unknown key "lint" in [tool.nianbao]' in str(error(tmp_path / "r.txt"))


def test_tool_nianbao_must_be_a_table(tmp_path: Path) -> None:
    cfg = write(tmp_path / "pyproject.toml", '[tool]\nnianbao = "yes"\n')
    e = error(tmp_path / "r.txt")
    assert e.path == str(cfg) and 'tool.nianbao = "yes"' in str(e) and "expected a table" in str(e)


def test_invalid_toml(tmp_path: Path) -> None:
    cfg = write(tmp_path / "nianbao.toml", "select = [\n")
    e = error(tmp_path / "r.txt")
    assert e.path == str(cfg) and e.key is None
    assert str(e).startswith(f"{cfg}: invalid TOML")


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("template", "2019", '--template "2019": expected one of "auto", "V2019", "V2021"'),
        ("select", ["T9"], '--select ["T9"]: unknown selector "T9"'),
        ("ignore", "T201,Nope", 'unknown selector "Nope"'),
        ("severity", {"T2": "fatal"}, '--severity T2 = "fatal": expected one of "error", "warning", "info"'),
        ("lang", "fr", 'expected one of "zh", "en"'),
        ("templat", "V2019", 'unknown option --templat; expected one of "select"'),
    ],
)
def test_bad_command_line_values(key: str, value: object, says: str) -> None:
    e = error(None, isolated=True, overrides={key: value})
    assert e.path == "command line" and e.key == key
    assert str(e).startswith("command line: ") and says in str(e)


# ---------------------------------------------------------------------------------------------
# Selection


def settings(tmp_path: Path, text: str, **overrides: object) -> Settings:
    write(tmp_path / "nianbao.toml", text)
    return load(tmp_path / "r.txt", overrides=overrides or None)


def test_select_all_prefix_code_name(tmp_path: Path) -> None:
    from nianbao.rules import all_rules

    every = {r.code for r in all_rules()}
    assert codes(settings(tmp_path, 'select = ["ALL"]\n')) == every
    assert codes(settings(tmp_path, 'select = ["T2"]\n')) == {c for c in every if c.startswith("T2")}
    assert codes(settings(tmp_path, 'select = ["A10"]\n')) == {"A101", "A102", "A103", "A104"}
    assert codes(settings(tmp_path, 'select = ["T201", "D103"]\n')) == {"T201", "D103"}
    assert codes(settings(tmp_path, 'select = ["blank-cell", "balance"]\n')) == {"T201", "A101"}
    assert codes(settings(tmp_path, "select = []\n")) == set()


def test_more_specific_selector_wins(tmp_path: Path) -> None:
    s = settings(tmp_path, 'select = ["T"]\nignore = ["T2"]\n')
    assert s.enabled("T101") and not s.enabled("T201")
    s = settings(tmp_path, 'select = ["T201"]\nignore = ["T2"]\n')
    assert s.enabled("T201") and not s.enabled("T202") and not s.enabled("A101")
    s = settings(tmp_path, 'select = ["T2"]\nignore = ["ALL"]\n')
    assert s.enabled("T201") and not s.enabled("T101")
    s = settings(tmp_path, 'ignore = ["T"]\n')  # select defaults to ALL
    assert not s.enabled("T201") and s.enabled("A101")


def test_name_counts_as_a_full_code(tmp_path: Path) -> None:
    s = settings(tmp_path, 'select = ["blank-cell"]\nignore = ["T20"]\n')
    assert s.enabled("T201") and not s.enabled("T202")
    s = settings(tmp_path, 'ignore = ["blank-cell"]\nselect = ["T20"]\n')
    assert not s.enabled("T201") and s.enabled("T202")


def test_tie_goes_to_ignore(tmp_path: Path) -> None:
    for sel, ign in [("T2", "T2"), ("ALL", "ALL"), ("T201", "blank-cell"), ("blank-cell", "T201")]:
        s = settings(tmp_path, f'select = ["{sel}"]\nignore = ["{ign}"]\n')
        assert not s.enabled("T201"), (sel, ign)


def test_extend_select_adds(tmp_path: Path) -> None:
    s = settings(tmp_path, 'select = ["A"]\nextend-select = ["T201"]\n')
    assert codes(s) == {"A101", "A102", "A103", "A104", "T201"}
    s = settings(tmp_path, 'select = ["A"]\nextend-select = ["T201"]\nignore = ["T2"]\n')
    assert s.enabled("T201")  # more specific than the ignore


def test_command_line_select_replaces_file_select(tmp_path: Path) -> None:
    s = settings(tmp_path, 'select = ["A"]\nextend-select = ["D101"]\nignore = ["T202"]\n', select=["T2"])
    assert s.select == ("T2",)
    enabled = codes(s)
    assert "A101" not in enabled and "T201" in enabled
    # as in ruff: a new selection on the command line; the file's extend-select and ignore are forgotten
    assert "D101" not in enabled and "T202" in enabled
    s = settings(tmp_path, 'ignore = ["T201"]\n', select=["T201"])
    assert codes(s) == {"T201"}  # --select T201 overrides the file's ignore = ["T201"]
    s = settings(tmp_path, 'select = ["A"]\n', ignore=["A104"], **{"extend-select": ["T201"]})
    assert codes(s) == {"A101", "A102", "A103", "T201"}  # without --select, the command line extends


def test_per_file_ignores_relative_to_the_config_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "project"
    text = 'per-file-ignores = { "sub/*.txt" = ["T2"], "special.txt" = ["balance"], "**/old/*" = ["A"] }\n'
    write(root / "nianbao.toml", text)
    s = load(root / "r.txt")
    assert not s.enabled("T201", str(root / "sub" / "a.txt"))
    assert s.enabled("T201", str(root / "sub" / "deeper" / "a.txt"))  # as in .gitignore, * stops at /
    assert s.enabled("T101", str(root / "sub" / "a.txt"))
    assert s.enabled("T201", str(root / "other" / "a.txt"))
    assert s.enabled("T201", str(tmp_path / "sub" / "a.txt"))  # not relative to anything else
    assert s.enabled("T201")  # no path: no per-file ignores
    # a bare file name matches in any directory
    assert not s.enabled("A101", str(root / "x" / "y" / "special.txt"))
    assert s.enabled("A102", str(root / "x" / "y" / "special.txt"))
    assert not s.enabled("A103", str(root / "a" / "old" / "r.txt"))
    assert not s.enabled("A103", str(root / "old" / "r.txt"))  # **/ matches no directory too, as in .gitignore
    # relative paths are relative to the current directory, globs stay relative to the config
    (root / "sub").mkdir()
    monkeypatch.chdir(root / "sub")
    assert not s.enabled("T201", "a.txt")
    monkeypatch.chdir(tmp_path)
    assert s.enabled("T201", "sub/a.txt")


def test_include_and_exclude(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "nianbao.toml", 'include = ["*.txt", "*.text"]\nexclude = ["drafts", "sub/old*"]\n')
    s = load(root)
    assert s.includes(root / "a.txt") and s.includes(root / "d" / "b.text") and not s.includes(root / "c.md")
    assert s.excludes(root / "x" / "drafts") and s.excludes(root / "sub" / "old2020.txt")
    assert not s.excludes(root / "x" / "old2020.txt") and not s.excludes(root / "a.txt")


# ---------------------------------------------------------------------------------------------
# Severity overrides


def test_severity_by_code_prefix_and_name(tmp_path: Path) -> None:
    s = settings(tmp_path, 'severity = { T2 = "info", T203 = "warning", "balance" = "warning", ALL = "error" }\n')
    assert s.severity_of("T201", Severity.ERROR) is Severity.INFO  # prefix
    assert s.severity_of("T203", Severity.ERROR) is Severity.WARNING  # code beats prefix
    assert s.severity_of("A101", Severity.ERROR) is Severity.WARNING  # name
    assert s.severity_of("X101", Severity.INFO) is Severity.ERROR  # ALL
    assert settings(tmp_path, "").severity_of("X101", Severity.INFO) is Severity.INFO  # no override


def test_severity_tie_goes_to_the_later_entry(tmp_path: Path) -> None:
    s = settings(tmp_path, 'severity = { T201 = "info", blank-cell = "warning" }\n')
    assert s.severity_of("T201", Severity.ERROR) is Severity.WARNING
    s = settings(tmp_path, 'severity = { blank-cell = "warning", T201 = "info" }\n')
    assert s.severity_of("T201", Severity.ERROR) is Severity.INFO


# ---------------------------------------------------------------------------------------------
# show


def test_show_lists_every_key_with_its_origin(tmp_path: Path) -> None:
    cfg = write(
        tmp_path / "nianbao.toml",
        'select = ["T", "blank-cell"]\nseverity = { T2 = "info" }\nper-file-ignores = { "sub/*.txt" = ["A"] }\n'
        'ignore = ["T101"]\n',
    )
    s = load(tmp_path / "r.txt", overrides={"ignore": ["X"], "lang": "en"})
    assert show(s) == (
        f'select = ["T", "blank-cell"]  # {cfg}\n'
        "extend-select = []  # default\n"
        f'ignore = ["T101", "X"]  # {cfg} + command line\n'
        f'severity = {{ T2 = "info" }}  # {cfg}\n'
        f'per-file-ignores = {{ "sub/*.txt" = ["A"] }}  # {cfg}\n'
        'template = "auto"  # default\n'
        'organ-kind = "auto"  # default\n'
        'include = ["*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.shtml", "*.docx", "*.doc", "*.pdf"]'
        "  # default\n"
        "exclude = []  # default\n"
        'lang = "en"  # command line\n'
        f'docs-url = "{local_docs_url()}"  # default\n'
        'encoding = "auto"  # default\n'
        "max-file-size = 20  # default\n"
        "organs = {}  # default\n"
        "copied-text-threshold = 0.5  # default\n"
    )


def test_show_is_toml_that_loads_back(tmp_path: Path) -> None:
    write(
        tmp_path / "nianbao.toml",
        'select = ["A", "T2"]\nseverity = { "blank-cell" = "info", A1 = "warning" }\n'
        'per-file-ignores = { "报告/*.txt" = ["T"], "a \\"b\\".txt" = ["D"] }\norgan-kind = "office"\n',
    )
    s = load(tmp_path / "r.txt")
    again = tmp_path / "again" / "nianbao.toml"
    write(again, show(s))
    assert tomllib.loads(show(s))["per-file-ignores"] == {"报告/*.txt": ["T"], 'a "b".txt': ["D"]}
    t = load(again)
    for key in ("select", "severity", "per_file_ignores", "organ_kind", "include", "lang"):
        assert getattr(t, key) == getattr(s, key)


def test_docs_url(tmp_path: Path) -> None:
    (tmp_path / "nianbao.toml").write_text('docs-url = "https://intranet.example/nianbao/{code}.html"\n', "utf-8")
    settings = load(tmp_path)
    assert settings.docs_url == "https://intranet.example/nianbao/{code}.html"
    assert settings.origins["docs-url"] == str(tmp_path / "nianbao.toml")
    # by default, the rule pages installed with the code: a link that always leads somewhere
    default = load(None, isolated=True).docs_url
    assert default.startswith("file://") and "{code}" in default
    for lang, code in (("zh", "T201"), ("en", "A102")):
        page = Path(unquote(urlparse(docs_link(default, lang).format(code=code)).path))
        assert page.is_file() and page.read_text("utf-8").startswith(f"# {code} ")
        assert ("/en/" in page.as_posix()) == (lang == "en")
    (tmp_path / "nianbao.toml").write_text('docs-url = "docs/rules/{code}.md"\n', "utf-8")
    with pytest.raises(ConfigError) as exc:
        load(tmp_path)
    assert "docs-url" in str(exc.value) and "{code}" in str(exc.value)


@pytest.mark.parametrize(
    "url",
    ["https://x.example/{code}/{other}", "https://x.example/{code}{", "https://x.example/{0}{code}", "/rel/{code}"],
)
def test_docs_url_with_unknown_placeholders_is_rejected(tmp_path: Path, url: str) -> None:
    with pytest.raises(ConfigError, match="docs-url"):
        settings(tmp_path, f"docs-url = {json.dumps(url)}\n")


def test_docs_url_placeholders(tmp_path: Path) -> None:
    s = settings(tmp_path, 'docs-url = "https://intranet.example/{lang}/{name}/{code}"\n')
    from nianbao.rules import REGISTRY

    assert REGISTRY["T201"].url(s.docs_url, "en") == "https://intranet.example/en/blank-cell/T201"
