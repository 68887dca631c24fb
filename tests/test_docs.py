"""The documentation: links in the output lead somewhere real, the site builds, the API and the
options the command line has are documented."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from click.testing import CliRunner
from conftest import ROOT, seed

import nianbao
from nianbao.cli import main


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stdout


def exists(url: str) -> bool:
    parsed = urlparse(url)
    assert parsed.scheme == "file", url  # by default: the pages installed with the code
    return Path(unquote(parsed.path)).is_file()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_link_of_the_output_leads_to_a_page(lang: str) -> None:
    target = str(seed("001"))
    urls = [d["url"] for d in json.loads(run("lint", target, "--format", "json", "--lang", lang))["diagnostics"]]
    sarif = json.loads(run("lint", target, "--format", "sarif", "--lang", lang))
    urls += [r["helpUri"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]]
    words = {"zh": "文档：", "en": "docs: "}[lang]
    urls += re.findall(rf"{words}([^\s<]+)", run("lint", target, "--format", "junit", "--lang", lang))
    urls += [r["url"] for r in json.loads(run("rules", "--format", "json", "--lang", lang))]
    assert len(urls) > 40
    missing = [u for u in urls if not exists(u)]
    assert missing == []


def test_docs_url_setting_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the output's settings are those of the directory the run is in
    (tmp_path / "nianbao.toml").write_text('docs-url = "https://docs.example/{lang}/{code}.html"\n', "utf-8")
    shutil.copy(seed("002"), tmp_path / "r.txt")
    out = json.loads(run("lint", str(tmp_path / "r.txt"), "--format", "json"))
    assert {d["url"] for d in out["diagnostics"]} == {
        "https://docs.example/zh/S104.html",
        "https://docs.example/zh/T105.html",
    }


def test_the_api_reference_names_every_public_name() -> None:
    api = (ROOT / "docs" / "API.md").read_text("utf-8")
    for name in nianbao.__all__:
        if name != "__version__":
            assert f"nianbao.{name}" in api, name


def test_the_documents_show_the_options() -> None:
    """README, OUTPUT and CONFIGURATION name every option of lint and the settings they describe."""
    text = "".join(
        (ROOT / name).read_text("utf-8") for name in ("README.md", "docs/OUTPUT.md", "docs/CONFIGURATION.md")
    )
    lint = main.commands["lint"]
    for param in lint.params:
        for opt in getattr(param, "opts", []) + getattr(param, "secondary_opts", []):
            if opt.startswith("--") and opt not in ("--help",):
                assert opt in text, opt
    for option in ("--layout", "--format xlsx", "--format parquet", "--no-findings", "--raw", "--follow-symlinks"):
        assert option in text, option


def test_mkdocs_configuration_lists_existing_pages() -> None:
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    for page in re.findall(r":\s+(\S+\.md)$", config, re.M):
        assert (ROOT / "docs" / page).exists(), page


@pytest.mark.skipif(shutil.which("mkdocs") is None and not (Path(sys.executable).parent / "mkdocs").exists(),
                    reason="mkdocs is not installed (make docs installs it)")  # fmt: skip
def test_the_site_builds(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "mkdocs"
    cmd = [str(exe) if exe.exists() else "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")]
    subprocess.run(cmd, cwd=ROOT, check=True, timeout=120)
    assert (tmp_path / "site" / "rules" / "T201.html").is_file()
    assert (tmp_path / "site" / "API.html").is_file()
