"""site/ is always present and complete: an atomic swap, a lock per folder, and recovery from killed builds."""

from __future__ import annotations

import fcntl
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import versus.site.swap as swap_module
from tests.conftest import FIXTURES, edit, project_copy
from tests.paths import tool_environment
from tests.test_build import tree_digest
from versus.data.problems import DataProblems
from versus.site.build import LOCK_FILE, THEME_CACHE, BuildFailed, build
from versus.site.swap import SiteSwap


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project, so its .build/ (and lock) is its own."""
    return project_copy(tmp_path / "project")


def build_in_child(project: Path, data: Path, site: Path, *, before_swap: str = "") -> subprocess.Popen:
    """Start a build in another process; `before_swap` is code run inside SiteSwap.put_in, to kill it there."""
    code = textwrap.dedent(
        f"""
        import os, signal, sys
        from pathlib import Path
        import versus.site.build as b
        import versus.site.swap as swap
        put_in = swap.SiteSwap.put_in
        def patched(self, new_site):
            {before_swap or "pass"}
            put_in(self, new_site)
        swap.SiteSwap.put_in = patched
        b.build(root=Path({str(project)!r}), data_dir=Path({str(data)!r}), site_dir=Path({str(site)!r}))
        """
    )
    return subprocess.Popen([sys.executable, "-c", code], env=tool_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def leftovers(project: Path) -> list[str]:
    return sorted(
        p.name for p in (project / ".build").iterdir() if p.name not in ("compiled-templates", THEME_CACHE, "cards", LOCK_FILE)
    )  # caches kept on purpose


def test_a_rebuild_swaps_in_place_and_leaves_nothing_behind(project, tmp_path):
    site = tmp_path / "site"
    build(root=project, data_dir=FIXTURES / "small", site_dir=site)
    build(root=project, data_dir=FIXTURES / "three", site_dir=site)
    assert (site / "choose" / "gamma" / "index.html").is_file()
    assert not (site / "site").exists()
    assert leftovers(project) == []


def test_where_the_system_cannot_exchange_two_renames_do(project, tmp_path, monkeypatch):
    monkeypatch.setattr(swap_module, "_exchange", lambda first, second: False)
    site = tmp_path / "site"
    build(root=project, data_dir=FIXTURES / "small", site_dir=site)
    build(root=project, data_dir=FIXTURES / "three", site_dir=site)
    assert (site / "choose" / "gamma" / "index.html").is_file()
    assert leftovers(project) == []


def test_a_build_killed_between_the_two_renames_is_undone_by_the_next_even_a_failing_one(project, tmp_path, small_data):
    site = tmp_path / "site"
    build(root=project, data_dir=small_data, site_dir=site)
    before = tree_digest(site)
    # Without the atomic exchange, killed right after the old site was set aside.
    kill = "self.site_dir.rename(self.previous); os.kill(os.getpid(), signal.SIGKILL)"
    child = build_in_child(project, FIXTURES / "three", site, before_swap=kill)
    child.communicate(timeout=120)
    assert child.returncode == -9
    assert not site.exists()  # the window the exchange closes; recovery below is what remains elsewhere
    edit(small_data / "features.yml", "rating: fair", "rating: great")
    with pytest.raises(DataProblems):
        build(root=project, data_dir=small_data, site_dir=site)
    assert tree_digest(site) == before
    assert leftovers(project) == []


def test_a_build_killed_at_the_swap_leaves_a_complete_site_and_its_temporaries_are_removed(project, tmp_path):
    site = tmp_path / "site"
    build(root=project, data_dir=FIXTURES / "small", site_dir=site)
    before = tree_digest(site)
    child = build_in_child(project, FIXTURES / "three", site, before_swap="os.kill(os.getpid(), signal.SIGKILL)")
    child.communicate(timeout=120)
    assert child.returncode == -9
    assert tree_digest(site) == before
    assert any(name.startswith("build-") for name in leftovers(project))
    build(root=project, data_dir=FIXTURES / "three", site_dir=site)
    assert (site / "choose" / "gamma" / "index.html").is_file()
    assert leftovers(project) == []


def test_a_second_build_of_the_folder_waits_for_the_first(project, tmp_path):
    site = tmp_path / "site"
    (project / ".build").mkdir()
    with open(project / ".build" / LOCK_FILE, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        child = build_in_child(project, FIXTURES / "small", site)
        said = child.stderr.readline()  # the first thing the child says, once it has met the lock
        assert "another build of this folder is running; waiting" in said
        time.sleep(0.5)
        assert child.poll() is None and not site.exists()
        fcntl.flock(lock, fcntl.LOCK_UN)
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == 0, said + stderr
    assert (site / "index.html").is_file()


def test_a_build_that_cannot_get_the_folder_refuses_with_a_message(project, tmp_path):
    (project / ".build").mkdir()
    with open(project / ".build" / LOCK_FILE, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(BuildFailed, match=r"another build of this folder has been running for more than 0.3 s; nothing was built"):
            build(root=project, data_dir=FIXTURES / "small", site_dir=tmp_path / "site", lock_wait=0.3)
    assert not (tmp_path / "site").exists()


def test_two_builds_at_once_give_one_whole_site_never_a_nested_one(project, tmp_path):
    site = tmp_path / "site"
    build(root=project, data_dir=FIXTURES / "small", site_dir=site)
    children = [build_in_child(project, FIXTURES / "three", site) for _ in range(3)]
    for child in children:
        _, stderr = child.communicate(timeout=180)
        assert child.returncode == 0, stderr
    assert not (site / "site").exists()
    assert (site / "index.html").is_file() and (site / "choose" / "gamma" / "index.html").is_file()
    assert leftovers(project) == []


def test_a_site_on_another_file_system_gets_its_swap_folder_beside_it(tmp_path, monkeypatch):
    """Renames are atomic only within one file system: the new site is written on site/'s."""
    build_dir, site = tmp_path / "project" / ".build", tmp_path / "elsewhere" / "site"
    build_dir.mkdir(parents=True)
    site.parent.mkdir()
    assert SiteSwap.of(site, build_dir).folder.parent == build_dir
    real_stat = Path.stat

    def other_device(path: Path, **kwargs):
        result = real_stat(path, **kwargs)
        if path == site.parent:
            return type(result)((*result[:2], result.st_dev + 1, *result[3:]))
        return result

    monkeypatch.setattr(Path, "stat", other_device)
    assert SiteSwap.of(site, build_dir).folder.parent == site.parent / ".site.build"


@pytest.mark.parametrize("kind", ["link", "file"])
def test_a_site_folder_that_is_a_link_or_a_file_is_refused_and_left_alone(project, tmp_path, kind):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine", encoding="utf-8")
    site = tmp_path / "site"
    if kind == "link":
        site.symlink_to(elsewhere, target_is_directory=True)
    else:
        site.write_text("not a folder", encoding="utf-8")
    with pytest.raises(BuildFailed, match=f"is a {kind}, not a folder: nothing was built"):
        build(root=project, data_dir=project / "data", site_dir=site)
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "mine" and sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    assert site.is_symlink() if kind == "link" else site.read_text(encoding="utf-8") == "not a folder"
