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
from tests.paths import ROOT
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
    from versus.site.stage import stage

    with pytest.raises(TemplateProblem, match="outside the site's folder"), template_problem(project):
        stage(tmp_path / "stage", root=project, data_dir=small_data)


# --- Caches and files the tools write ------------------------------------------------------


def one_card():
    from versus.data.lookup import Lookup
    from versus.data.validate import load_comparison
    from versus.pages.cards import site_page_cards

    comparison = load_comparison(ROOT / "tests" / "fixtures" / "small", check_registry=False)
    return next(iter(site_page_cards(comparison, Lookup.of(comparison)).values()))


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage", "flipped byte", "another picture"])
def test_a_damaged_card_in_the_cache_is_drawn_again(tmp_path, damage):
    from versus.pages.card_cache import CardCache
    from versus.pages.card_drawing import DRAWING_VERSION

    card = one_card()
    first = CardCache(tmp_path / "cards")
    good = first.png(card)
    (kept,) = (tmp_path / "cards" / DRAWING_VERSION).iterdir()
    broken = {
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "garbage": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "flipped byte": good[:200] + bytes([good[200] ^ 0xFF]) + good[201:],
        "another picture": _small_png(),
    }[damage]
    kept.write_bytes(broken)
    again = CardCache(tmp_path / "cards")
    assert again.png(card) == good
    assert (again.drawn, again.reused) == (1, 0)
    assert kept.read_bytes() == good  # mended for the next build too
    third = CardCache(tmp_path / "cards")
    assert third.png(card) == good and third.reused == 1


def _small_png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("folder", ["cards", "schema"])
def test_no_tool_writes_through_a_linked_folder(tmp_path, folder):
    from versus.data.files import write_atomically

    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / folder).symlink_to(outside)
    with pytest.raises(OSError, match="symbolic link"):
        write_atomically(tmp_path / folder / "x.json", "{}")
    assert list(outside.iterdir()) == []


def test_a_linked_registry_is_replaced_not_written_through(small_data, tmp_path):
    from versus.data.ids import REGISTRY_NAME, raw_ids, write_registry

    outside = tmp_path / "outside-ids.lock"
    outside.write_text("kept\n", encoding="utf-8")
    (small_data / REGISTRY_NAME).unlink()
    (small_data / REGISTRY_NAME).symlink_to(outside)
    write_registry(raw_ids(small_data), small_data / REGISTRY_NAME)
    assert outside.read_text(encoding="utf-8") == "kept\n"
    assert not (small_data / REGISTRY_NAME).is_symlink()
