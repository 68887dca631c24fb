"""What ``pip install`` and type checkers see: an SPDX licence with its file, py.typed, the API's names."""

from __future__ import annotations

import tomllib

from conftest import ROOT

import nianbao


def test_licence_is_an_spdx_string_with_its_file() -> None:
    """A licence table makes setuptools print its deprecation box on every install."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert "MIT License" in (ROOT / "LICENSE").read_text("utf-8")


def test_typed_marker_is_shipped() -> None:
    assert (ROOT / "src" / "nianbao" / "py.typed").exists()
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]
    assert "py.typed" in data["nianbao"]


def test_dir_lists_the_api() -> None:
    names = dir(nianbao)
    for name in ("parse", "lint", "lint_text", "lint_path", "lint_paths", "InputError", "__version__"):
        assert name in names
    assert set(nianbao.__all__) <= set(names)


def test_lint_text_and_lint_path_are_told_apart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from conftest import seed

    path = seed("002")
    by_path = [d.code for d in nianbao.lint_path(path)]
    assert by_path == [d.code for d in nianbao.lint_path(str(path))]
    assert "S001" not in by_path and "S104" in by_path
    assert [d.code for d in nianbao.lint_text(path.read_text("utf-8"))] == by_path
    # a file's name where text is meant: a clear error, not a silent S001
    import pytest

    with pytest.raises(ValueError, match="lint_path"):
        nianbao.lint(str(path))
    with pytest.raises(ValueError, match="lint_path"):
        nianbao.parse(str(path))
    assert nianbao.lint("一、总体情况")  # text that names no file is still a report's text
    assert [d.code for d in nianbao.lint_path(tmp_path / "missing.txt")] == ["E001"]


def test_lint_paths_runs_like_the_command(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A batch with settings, and the checks across reports: 2021's carry-over against 2020's."""
    import shutil

    from conftest import CONFORMING

    shutil.copy(CONFORMING / "v2021_pipe.txt", tmp_path / "a.txt")
    text = (CONFORMING / "v2021_pipe.txt").read_text("utf-8")
    (tmp_path / "b.txt").write_text(text.replace("2021年", "2022年").replace("2022年1月18日", "2023年1月18日"), "utf-8")
    results = nianbao.lint_paths([tmp_path], isolated=True, select=["C1"])
    assert [r.path for r in results] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    later = [d.code for d in results[1].diagnostics]
    assert later and all(c.startswith("C1") for c in later)  # compared, and only what was selected
    assert results[0].diagnostics == () or all(d.code.startswith("C1") for d in results[0].diagnostics)
