"""Starting a new comparison: `make new` writes a whole project whose own commands and tests pass at once."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from scripts.data.validate import load_comparison
from scripts.new import NewSiteRefused, new_site, parse_subjects, subject_id
from scripts.paths import ROOT
from tests.conftest import run_cli

# Set in the new project's own test run, so it does not start yet another project inside itself.
NESTED = "COMPARISON_NEW_SITE_SUITE"


def test_subject_ids_are_made_from_the_names():
    assert subject_id("Node.js 22") == "node-js-22"
    assert [s.id for s in parse_subjects("PostgreSQL, MySQL , SQLite")] == ["postgresql", "mysql", "sqlite"]


@pytest.mark.parametrize(
    ("title", "subjects", "refusal"),
    [
        ("A vs B", " , ", "one to twelve subjects"),
        ("A vs B", "Alpha, alpha", "two subjects give the id `alpha`"),
        ("A vs B", "Alpha, ???", "gives an empty id"),
        ("  ", "Alpha, Beta", "give the site a title"),
        ("A vs B", ", ".join(f"S{n}" for n in range(13)), "at most 12 subjects"),
    ],
)
def test_bad_arguments_are_refused_before_anything_is_written(tmp_path, title, subjects, refusal):
    target = tmp_path / "site"
    with pytest.raises(NewSiteRefused, match=refusal):
        new_site(target, title, subjects)
    assert not target.exists()


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = run_cli("new", tmp_path, "--title", "A vs B", "--subjects", "Alpha, Beta")
    assert result.code == 2 and "is not an empty folder" in result.stderr and "Traceback" not in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_new_data_is_a_valid_comparison_of_every_kind_with_no_registry(tmp_path):
    new_site(tmp_path / "site", "Tea: green vs black", "Green tea, Black tea, Rooibos", today=date(2026, 12, 1))
    data = tmp_path / "site" / "data"
    comparison = load_comparison(data, today=date(2026, 12, 1))
    assert comparison.site.title == "Tea: green vs black"
    assert [s.name for s in comparison.subjects] == ["Green tea", "Black tea", "Rooibos"]
    assert {f.kind for f in comparison.features} == {"rating", "support", "fact", "number"}
    assert len(comparison.categories) >= 2 and comparison.use_cases and comparison.verdict.points and comparison.decision.profiles
    assert not (data / "ids.lock").exists()
    assert "Example to replace" in (data / "features.yml").read_text(encoding="utf-8")
    readme = (tmp_path / "site" / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Tea: green vs black") and "## Editing the data" in readme


def test_a_single_subject_makes_a_project_that_checks_and_builds(tmp_path):
    """One subject is a comparison too (a product against the criteria): its page per fact, verdict and helper build."""
    project = tmp_path / "review"
    assert run_cli("new", project, "--title", "Alpha reviewed", "--subjects", "Alpha").code == 0
    checked = run_cli("check", cwd=project)
    assert checked.code == 0 and "1 subject," in checked.stdout, checked.output
    built = run_cli("build", cwd=project)
    assert built.code == 0, built.output
    assert (project / "site" / "features").is_dir() and "Alpha" in (project / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.skipif(os.environ.get(NESTED) == "1", reason="already inside a new project's own test run")
def test_the_new_project_checks_builds_and_passes_its_own_tests(tmp_path, browser):
    """The whole suite of the new project, browser tests included, run there as its README says."""
    project = tmp_path / "coffee"
    result = run_cli("new", project, "--title", "Espresso vs filter", "--subjects", "Espresso, Filter coffee, Cold brew")
    assert result.code == 0, result.output
    # The same Python packages `make` would install from the same lock file; its Node tools it installs itself
    # (`npm ci` replaces node_modules whole, so that folder is never shared).
    (project / ".venv").symlink_to(ROOT / ".venv")
    # The engines' checks run on this project's own example; the starter's placeholder text gives their search nothing to find.
    environment = {**os.environ, NESTED: "1", "PYTEST_ADDOPTS": "--ignore=tests/test_engines.py"}
    for target in ("check", "build", "test"):
        done = subprocess.run(
            ["make", "--no-print-directory", target],
            cwd=project,
            env=environment,
            capture_output=True,
            text=True,
            timeout=1500,
            check=False,
        )
        assert done.returncode == 0, f"make {target}:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    assert (project / "site" / "index.html").is_file()
    assert (project / "data" / "ids.lock").is_file(), "the first build records the published ids"
    assert Path(project / "site" / "comparison" / "index.html").read_text(encoding="utf-8").count('class="category-row"') >= 2
