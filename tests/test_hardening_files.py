"""The file system as an attacker or an accident leaves it: links out of the site, odd folders, damaged caches.

A symbolic link in content/ or templates/ that leads outside the site's
folder is refused in one line before anything is published (git keeps
links, so a pull request could otherwise publish a file of the machine that
builds it); a link inside the site may stay.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import project_copy, run_cli
from versus.pages.template_errors import TemplateProblem, template_problem
from versus.site.build import build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A site of its own settings alone, with a secret file beside it, outside it."""
    root = project_copy(tmp_path / "site-folder", ("mkdocs.yml",))
    (root / "data").mkdir()
    (tmp_path / "secret.txt").write_text("the machine's secret\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Notes from outside\n\nthe machine's secret\n", encoding="utf-8")
    return root


def build_refused(project: Path, data: Path) -> str:
    result = run_cli("--project", project, "build", "--data", data)
    assert result.code == 1, result.output
    assert "Traceback" not in result.output
    assert not (project / "site").exists()
    return result.stderr


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("content/assets/x.txt", "secret.txt"),
        ("content/notes.md", "notes.md"),
        ("templates/pages/feature.md.j2", "notes.md"),
        ("templates/overrides/partials/footer.html", "secret.txt"),
        ("templates/macros/extra.j2", "notes.md"),
    ],
)
def test_a_link_out_of_the_site_is_refused_in_one_line(project, small_data, link, target):
    path = project / link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(project.parent / target)
    stderr = build_refused(project, small_data)
    expected = f"{link}: a link to {project.parent / target}, outside the site's folder: nothing outside it is published"
    assert stderr.strip().splitlines() == [f"{expected} (hint: copy the file into the site, or remove the link)"]


def test_a_linked_folder_out_of_the_site_is_refused_too(project, small_data, tmp_path):
    outside = tmp_path / "outside-assets"
    outside.mkdir()
    (outside / "key.txt").write_text("secret\n", encoding="utf-8")
    (project / "content").mkdir()
    (project / "content" / "assets").symlink_to(outside)
    assert "outside the site's folder" in build_refused(project, small_data)


def test_a_link_inside_the_site_stays(project, small_data, tmp_path):
    (project / "content" / "assets").mkdir(parents=True)
    (project / "shared.txt").write_text("shared\n", encoding="utf-8")
    (project / "content" / "assets" / "shared.txt").symlink_to(project / "shared.txt")
    site = tmp_path / "built"
    build(root=project, data_dir=small_data, site_dir=site)
    assert (site / "assets" / "shared.txt").read_text(encoding="utf-8") == "shared\n"


def test_check_and_the_preview_refuse_it_without_a_traceback(project, small_data, tmp_path):
    (project / "content").mkdir()
    (project / "content" / "notes.md").symlink_to(project.parent / "notes.md")
    result = run_cli("--project", project, "check", "--data", small_data)
    assert result.code == 1 and "Traceback" not in result.output
    from versus.site.build import stage

    with pytest.raises(TemplateProblem, match="outside the site's folder"), template_problem(project):
        stage(tmp_path / "stage", root=project, data_dir=small_data)
