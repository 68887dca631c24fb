"""Directory walks: what ``nianbao lint DIR`` reads and what it passes over, and says so.

Every input is made by the test: folders, ignore files, links, a FIFO.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import seed

from nianbao.cli import main
from nianbao.runner import RunConfig
from nianbao.walk import expand


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def paths_linted(out: str) -> list[str]:
    """The files a ``lint --format json --level info`` run read, from its findings (every report has one)."""
    return sorted({d["path"] for d in json.loads(out)["diagnostics"]})


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a report, a hidden folder, a virtual environment and an ignored folder."""
    root = tmp_path / "repo"
    report = seed("002").read_bytes()
    for rel in ("a.txt", ".hidden/h.txt", "env/lib/v.txt", "node_modules/pkg/n.txt", "build/b.txt", "keep/k.txt"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(report)
    (root / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n", "utf-8")
    (root / ".git").mkdir()
    (root / ".gitignore").write_text("build/\n*.tmp\n", "utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def alarm() -> Iterator[None]:
    """A walk that blocks (reading a FIFO waits for a writer) fails the test instead of hanging it."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def stop(*_: object) -> None:
        raise TimeoutError("the run hung")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_hidden_folders_environments_and_gitignore_are_skipped(tree: Path) -> None:
    code, out, _ = run("lint", ".", "--isolated", "--format", "json")
    assert code == 0
    assert paths_linted(out) == ["./a.txt", "./keep/k.txt"]
    # --no-respect-gitignore: build/ too; hidden folders and environments stay skipped
    _, out, _ = run("lint", ".", "--isolated", "--format", "json", "--no-respect-gitignore")
    assert paths_linted(out) == ["./a.txt", "./build/b.txt", "./keep/k.txt"]


def test_gitignore_of_a_subfolder_and_negation(tree: Path) -> None:
    (tree / "keep" / ".gitignore").write_text("*.txt\n!k.txt\n", "utf-8")
    (tree / "keep" / "other.txt").write_bytes(seed("002").read_bytes())
    _, out, _ = run("lint", ".", "--isolated", "--format", "json")
    assert paths_linted(out) == ["./a.txt", "./keep/k.txt"]
    # the repository's .gitignore applies to a walk that starts below it
    _, out, _ = run("lint", "keep", "--isolated", "--format", "json")
    assert paths_linted(out) == ["keep/k.txt"]


def test_exclude_globs_follow_git_rules(tree: Path) -> None:
    """``*`` does not cross ``/`` (it did with fnmatch): ``keep/*.txt`` leaves keep/deeper/ alone."""
    (tree / "keep" / "deeper").mkdir()
    (tree / "keep" / "deeper" / "d.txt").write_bytes(seed("002").read_bytes())
    (tree / "nianbao.toml").write_text('exclude = ["keep/*.txt"]\n', "utf-8")
    _, out, _ = run("lint", ".", "--format", "json")
    assert paths_linted(out) == ["./a.txt", "./keep/deeper/d.txt"]


def test_the_same_file_named_twice_is_linted_once(tree: Path) -> None:
    for args in (("a.txt", "./a.txt"), (".", "a.txt"), ("keep/k.txt", "keep")):
        _, out, _ = run("lint", *args, "--isolated", "--format", "json", "--ignore", "C")
        found = json.loads(out)["diagnostics"]
        per_file = {p: sum(d["path"] == p for d in found) for p in {d["path"] for d in found}}
        assert len(set(per_file.values())) == 1, per_file  # every file's findings once
        assert len([d for d in found if d["code"] == "S104"]) == len(per_file)
    assert expand(["a.txt", "./a.txt", str(tree / "a.txt")], RunConfig(isolated=True)).files == ["a.txt"]


def test_a_folder_without_reports_is_said_and_exits_0(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text("{}", "utf-8")  # no form nianbao reads (.md is: Markdown reports)
    code, _out, err = run("lint", str(tmp_path), "--isolated")
    assert code == 0
    assert "没有找到报告文件" in err and str(tmp_path) in err
    code, _, err = run("lint", str(tmp_path), "--isolated", "--lang", "en")
    assert code == 0 and "no report files found" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_a_folder_is_skipped_and_said_once(tmp_path: Path, alarm: None) -> None:
    shutil.copy(seed("002"), tmp_path / "a.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    code, out, err = run("lint", str(tmp_path), "--isolated", "--format", "concise")
    assert code == 0
    assert err.count("pipe.txt") == 1 and "不是普通文件" in err
    assert "pipe.txt" not in out and "a.txt" in out


def test_a_link_out_of_the_tree_is_not_followed_unless_asked(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(seed("002"), outside / "secret.txt")
    (outside / "sub").mkdir()
    shutil.copy(seed("002"), outside / "sub" / "other.txt")
    linted = tmp_path / "linted"
    linted.mkdir()
    shutil.copy(seed("002"), linted / "a.txt")
    (linted / "r.txt").symlink_to(outside / "secret.txt")
    (linted / "dir").symlink_to(outside / "sub", target_is_directory=True)
    (linted / "inside.txt").symlink_to(linted / "a.txt")  # inside the tree: the same file, once
    code, out, err = run("lint", str(linted), "--isolated", "--format", "json")
    assert code == 0
    assert paths_linted(out) == [str(linted / "a.txt")]
    assert err.count("r.txt") == 1 and err.count(str(linted / "dir")) == 1 and "符号链接" in err
    _, out, err = run("lint", str(linted), "--isolated", "--format", "json", "--follow-symlinks")
    assert paths_linted(out) == sorted(str(linted / n) for n in ("a.txt", "dir/other.txt", "r.txt"))
    assert "符号链接" not in err


def test_a_link_cycle_is_walked_once(tmp_path: Path) -> None:
    shutil.copy(seed("002"), tmp_path / "a.txt")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    files = expand([str(tmp_path)], RunConfig(isolated=True, follow_symlinks=True)).files
    assert files == [str(tmp_path / "a.txt")]


def test_an_unreadable_subfolder_is_an_error_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(seed("002"), tmp_path / "a.txt")
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(seed("002"), locked / "b.txt")
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads any folder: make this one refuse as it would refuse anyone else
        real = os.scandir

        def scandir(path: object = ".") -> object:
            if os.fspath(path) == str(locked):  # type: ignore[arg-type]
                raise PermissionError(13, "Permission denied", str(locked))
            return real(path)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        code, out, err = run("lint", str(tmp_path), "--isolated")
    finally:
        locked.chmod(0o755)
    assert code == 2  # nothing worse than a folder that cannot be read
    assert str(locked) in err and "Permission denied" in err
    assert "1 个文件无法读取" in out and "检查了 1 个文件" in out


def test_unreadable_subfolder_in_machine_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if os.fspath(path) == str(locked):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(locked))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, _ = run("lint", str(tmp_path), "--isolated", "--format", "json")
    assert code == 2
    assert json.loads(out)["errors"] == [{"path": str(locked), "message": "Permission denied"}]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
def test_include_globs_do_not_cross_folders(tmp_path: Path) -> None:
    (tmp_path / "nianbao.toml").write_text('include = ["reports/*.txt"]\n', "utf-8")
    for rel in ("reports/a.txt", "reports/old/b.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed("002"), tmp_path / rel)
    files = expand([str(tmp_path)], RunConfig()).files
    assert files == [str(tmp_path / "reports" / "a.txt")]


def test_linting_this_repository_reads_its_reports_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """``nianbao lint .`` here: corpus/ and examples/, not .venv/ (make run made it), tests/ or bench/."""
    from conftest import ROOT

    monkeypatch.chdir(ROOT)
    files = expand(["."], RunConfig()).files
    top = {Path(f).parts[0] for f in files}
    assert top <= {"corpus", "examples", "README.md"} and "corpus" in top
    assert not any(part in (".venv", "tests", "bench", "site") for f in files for part in Path(f).parts)


def test_patterns_git_cannot_read(tmp_path: Path) -> None:
    """A .gitignore line git cannot read is passed over (as git does); a glob of the configuration
    that cannot be read is a configuration error (exit 2), never a crash."""
    shutil.copy(seed("002"), tmp_path / "a.txt")
    shutil.copy(seed("002"), tmp_path / "b.txt")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("!\nb.txt\n\\\n", "utf-8")
    assert expand([str(tmp_path)], RunConfig(isolated=True)).files == [str(tmp_path / "a.txt")]
    (tmp_path / "nianbao.toml").write_text('exclude = ["!"]\n', "utf-8")
    code, _, err = run("lint", str(tmp_path))
    assert code == 2 and "通配模式" in err
    (tmp_path / "nianbao.toml").write_text('[per-file-ignores]\n"!" = ["T"]\n', "utf-8")
    code, _, err = run("lint", str(tmp_path), "--lang", "en")
    assert code == 2 and "not a valid glob" in err


def test_markdown_reports_are_walked(tmp_path: Path) -> None:
    """A folder of reports converted to Markdown (OCR, PDF converters write ``.md``) is linted like
    one of ``.txt`` files; before, the walk found no report in it."""
    from conftest import CONFORMING

    shutil.copy(CONFORMING / "v2021_markdown.txt", tmp_path / "a.md")
    shutil.copy(CONFORMING / "v2019_markdown.txt", tmp_path / "b.markdown")
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", "utf-8")
    files = expand([str(tmp_path)], RunConfig()).files
    assert files == [str(tmp_path / "a.md"), str(tmp_path / "b.markdown")]
    code, out, _ = run("lint", str(tmp_path), "--isolated", "--format", "json")
    assert code == 0 and json.loads(out)["diagnostics"] == []


def test_a_folder_notes_in_markdown_are_passed_over(tmp_path: Path) -> None:
    """A folder of reports keeps its notes as Markdown too (README.md, SOURCES.md): a walk drops a
    Markdown file that is no report and says so on stderr; named, it is linted (S001); a .txt that
    is no report is still linted. lint, summary, export and the API agree."""
    from conftest import CONFORMING

    from nianbao.api import lint_paths

    shutil.copy(CONFORMING / "v2021_markdown.txt", tmp_path / "a.md")
    readme = tmp_path / "README.md"
    readme.write_text("# 说明\n\n本文件夹收存2024年度报告的文本，来源见下表。\n", "utf-8")
    (tmp_path / "notice.txt").write_text("关于做好政务公开工作的通知\n各单位：请按时报送。\n", "utf-8")
    expansion = expand([str(tmp_path)], RunConfig())
    assert expansion.tentative == {str(tmp_path / "a.md"), str(readme)}
    code, out, err = run("lint", str(tmp_path), "--isolated", "--format", "json", "--lang", "en")
    paths = {Path(d["path"]).name for d in json.loads(out)["diagnostics"]}
    assert code == 1 and paths == {"notice.txt"}
    assert err.count("README.md") == 1 and "not an annual report (name it to lint it)" in err
    code, out, _ = run("lint", str(readme), str(tmp_path), "--isolated", "--format", "json")
    named = [d for d in json.loads(out)["diagnostics"] if Path(d["path"]).name == "README.md"]
    assert [d["code"] for d in named] == ["S001"]
    code, out, err = run("summary", str(tmp_path), "--isolated", "--format", "csv")
    assert "a.md" in out and "notice.txt" in out and "README.md" not in out and "README.md" in err
    code, out, err = run("export", str(tmp_path), "--isolated", "--format", "csv")
    assert "a.md" in out and "README.md" not in out and "README.md" in err
    assert sorted(Path(r.path).name for r in lint_paths([tmp_path], isolated=True)) == ["a.md", "notice.txt"]
