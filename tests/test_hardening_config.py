"""Settings from outside the data: mkdocs.yml as MkDocs reads it, the site's address, the engine and the preview's address.

Each is honoured where MkDocs honours it, or refused in one positioned line
before anything is built, never as a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import project_copy, run_cli
from tests.paths import ROOT, tool_environment
from versus.data.problems import DataProblems
from versus.pages.publication import read_config


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = project_copy(tmp_path / "site-folder", ("mkdocs.yml",))
    (root / "data").mkdir()
    return root


def refused(project: Path, data: Path, *command: str, environment: dict[str, str] | None = None) -> str:
    import subprocess
    import sys

    completed = subprocess.run(
        [sys.executable, "-m", "versus.cli", "--project", str(project), *command, "--data", str(data)],
        env={**tool_environment(), **(environment or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert completed.returncode != 0, completed.stdout
    assert "Traceback" not in completed.stderr, completed.stderr
    assert not (project / "site").exists()
    return completed.stderr


# --- The site's address -------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        'https://example.org/"><script>alert(1)</script>',
        "https://example.org/x y",
        "javascript:alert(1)",
        "example.org/site/",
        "https://",
        "ftp://example.org/",
    ],
)
def test_a_site_url_that_is_not_an_http_address_is_refused_at_its_line(project, small_data, address):
    with open(project / "mkdocs.yml", "a", encoding="utf-8") as file:
        file.write(f"site_url: {address!r}\n".replace("\\'", "''"))
    line = len((project / "mkdocs.yml").read_text(encoding="utf-8").splitlines())
    stderr = refused(project, small_data, "build")
    assert f"mkdocs.yml:{line}:1: `site_url` `" in stderr, stderr
    assert "is not an absolute http(s) address" in stderr


@pytest.mark.parametrize("address", ['https://example.org/"onmouseover="alert(1)', "https://example.org/<b>", "not a url"])
def test_a_site_url_variable_that_is_not_an_http_address_is_refused_before_the_build(project, small_data, address):
    stderr = refused(project, small_data, "build", environment={"SITE_URL": address})
    assert stderr.startswith("SITE_URL:1:1: the environment variable `"), stderr


def test_a_plain_site_url_and_a_local_http_one_are_accepted(project):
    for address in ("https://example.org/my-comparison/", "http://127.0.0.1:8000/", "https://example.org/a;b?c=1&d=(2)"):
        (project / "mkdocs.yml").write_text(f"site_url: {address}\n", encoding="utf-8")
        assert read_config(project / "mkdocs.yml")["site_url"] == address


# --- mkdocs.yml as MkDocs reads it ---------------------------------------------------------


def test_env_inherit_and_materials_emoji_setup_are_read_as_mkdocs_reads_them(project, small_data, tmp_path, monkeypatch):
    (project / "base.yml").write_text("repo_url: https://example.org/repo\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "INHERIT: base.yml\n"
        "site_url: !ENV [COMPARISON_ADDRESS, 'https://example.org/fallback/']\n"
        "markdown_extensions:\n"
        "  - attr_list\n"
        "  - tables\n"
        "  - toc: {permalink: true}\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("COMPARISON_ADDRESS", "https://example.org/from-the-environment/")
    config = read_config(project / "mkdocs.yml")
    assert config["site_url"] == "https://example.org/from-the-environment/"
    assert config["repo_url"] == "https://example.org/repo"
    assert callable(config["markdown_extensions"][3]["pymdownx.emoji"]["emoji_index"])
    from versus.site.build import build

    site = tmp_path / "built"
    build(root=project, data_dir=small_data, site_dir=site)
    assert 'href="https://example.org/from-the-environment/comparison/"' in (site / "comparison" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("theme: {name: material}\nhooks: !!python/object/apply:os.system ['echo hacked']\n", 2, 8),
        ("nav:\n  - !custom x\n", 2, 5),
        ("x: !!python/name:no_such_module_anywhere.thing\n", 1, 4),
        ("site_name: [unclosed\n", 2, 1),
    ],
)
def test_a_setting_mkdocs_cannot_honour_is_refused_at_its_place(project, text, line, column):
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(DataProblems) as raised:
        read_config(project / "mkdocs.yml")
    (problem,) = raised.value.problems
    assert (problem.path.endswith("mkdocs.yml"), problem.line, problem.column) == (True, line, column), str(problem)


def test_an_inherited_file_that_is_missing_or_inherits_itself_is_refused_at_the_key(project):
    for target in ("missing.yml", "mkdocs.yml"):
        (project / "mkdocs.yml").write_text(f"site_name: x\nINHERIT: {target}\n", encoding="utf-8")
        with pytest.raises(DataProblems) as raised:
            read_config(project / "mkdocs.yml")
        assert str(raised.value.problems[0]).split(": `INHERIT")[0].endswith("mkdocs.yml:2:1")


# --- The engine and the preview's address -------------------------------------------------


def test_an_unknown_engine_is_one_line_listing_the_engines(project, small_data):
    stderr = refused(project, small_data, "build", environment={"ENGINE": "jekyll"})
    assert stderr.strip() == "ENGINE: unknown engine `jekyll` (hint: use one of: mkdocs, properdocs, zensical)"


@pytest.mark.parametrize("address", ["localhost:notaport", "127.0.0.1:99999", "127.0.0.1", "bad host:8000", "127.0.0.1:-1"])
def test_a_preview_address_without_a_port_is_refused_before_any_build(project, small_data, address):
    result = run_cli("--project", project, "serve", "--address", address, "--data", small_data)
    assert result.code == 2
    assert "expected HOST:PORT" in result.stderr and "Traceback" not in result.output
    assert not (project / ".build").exists()
    assert os.listdir(project) == ["mkdocs.yml", "data"] or sorted(os.listdir(project)) == ["data", "mkdocs.yml"]
