"""Ids that would take a page's address or anchor are refused at their place, from what the pages hold.

A criterion, subject or profile called `index` would replace the page that
lists them; a page of the site's own content/ would be replaced by an item's
page of the same address; two items, or an item and a section, sharing an
anchor on one page would make a link land on the wrong one. Each is a
positioned problem of `check` and of the build, never a page silently lost.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, edit, project_copy, run_cli
from tests.paths import ROOT
from versus.data.problems import DataProblems
from versus.pages.reserved import reserved_ids
from versus.paths import content_folders, template_folders
from versus.site.build import build


def renamed(data: Path, old: str, new: str) -> Path:
    """The data with an id renamed everywhere it is written, the registry included."""
    for path in [*data.glob("*.yml"), *data.glob("ids.lock")]:
        path.write_text(re.sub(rf"\b{re.escape(old)}\b", new, path.read_text(encoding="utf-8")), encoding="utf-8")
    return data


def check(data: Path, project: Path = ROOT) -> list[str]:
    result = run_cli("--project", project, "check", "--data", data)
    assert "Traceback" not in result.output
    assert result.code == 1, result.output
    return [line.replace(f"{data}/", "data/") for line in result.stderr.splitlines()[:-1]]


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("mobile-deployment", "index", "data/features.yml:2:9"),
        ("alpha", "index", "data/subjects.yml:2:9"),
        ("lab", "index", "data/decision.yml:25:9"),
    ],
)
def test_an_item_called_index_would_replace_its_section_page_and_is_refused(small_data, old, new, where):
    problems = check(renamed(small_data, old, new))
    assert any(problem.startswith(f"{where}: the id `index` is taken: ") and "choose another id" in problem for problem in problems), (
        problems
    )


def test_an_alias_called_index_is_refused_as_an_id_is(small_data):
    edit(small_data / "features.yml", "    keywords: [on-device]\n", "    keywords: [on-device]\n    aliases: [index]\n")
    assert any(problem.startswith("data/features.yml:6:15: the id `index` is taken") for problem in check(small_data))


def test_the_build_refuses_it_too_and_leaves_the_site_as_it_was(small_data, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "kept.html").write_text("previous", encoding="utf-8")
    with pytest.raises(DataProblems) as raised:
        build(data_dir=renamed(small_data, "mobile-deployment", "index"), site_dir=site)
    assert any("the id `index` is taken" in str(problem) for problem in raised.value.problems)
    assert [path.name for path in site.iterdir()] == ["kept.html"]


def test_a_content_page_an_item_page_would_replace_is_refused_at_the_item(small_data, tmp_path):
    project = project_copy(tmp_path / "project", ("mkdocs.yml",))
    (project / "data").mkdir()
    (project / "content" / "features").mkdir(parents=True)
    (project / "content" / "features" / "debugging.md").write_text("# Notes on debugging\n", encoding="utf-8")
    problems = check(small_data, project)
    assert any(
        re.match(r"data/features\.yml:\d+:9: the id `debugging` is taken: the page `features/debugging/` is the site's own", problem)
        for problem in problems
    ), problems


@pytest.mark.parametrize(
    ("old", "new", "anchor_page"),
    [
        ("alpha", "references", "features/<id>/"),  # a criterion page's own "References" section
        ("mobile-deployment", "feature-comparison", "comparison/"),  # the comparison page's heading
    ],
)
def test_an_id_equal_to_a_sections_anchor_is_refused(small_data, old, new, anchor_page):
    problems = check(renamed(small_data, old, new))
    assert any(f"the id `{new}` is taken: the page `{anchor_page}` has its own anchor `#{new}`" in problem for problem in problems), (
        problems
    )


def test_a_category_and_a_criterion_may_not_share_an_id(tmp_path):
    data = shutil.copytree(FIXTURES / "commute", tmp_path / "data")
    edit(data / "features.yml", "  - id: everyday\n", "  - id: ride-comfort\n")
    text = (data / "features.yml").read_text(encoding="utf-8").replace("category: everyday", "category: ride-comfort")
    (data / "features.yml").write_text(text, encoding="utf-8")
    problems = check(data)
    assert any(
        re.match(r"data/features\.yml:\d+:\d+: the id `ride-comfort` is also a feature's: both are anchors \(`#ride-comfort`\)", problem)
        for problem in problems
    ), problems


def test_the_reserved_ids_come_from_the_pages_so_a_new_section_reserves_its_anchor(tmp_path):
    project = project_copy(tmp_path / "project", ("mkdocs.yml",))
    page = project / "content" / "verdict.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Verdict\n\n## In short { #in-short }\n\n## Open questions\n", encoding="utf-8")
    taken = reserved_ids(template_folders(project), content_folders(project)).taken["verdict"]
    assert {"in-short", "open-questions", "verdict"} <= set(taken)


def test_the_example_and_the_fixtures_take_no_reserved_id():
    for data in [ROOT / "data", *(path for path in FIXTURES.iterdir() if path.is_dir())]:
        result = run_cli("check", "--data", data)
        assert result.code == 0, result.output
