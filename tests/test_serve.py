"""The live preview: saving a YAML file or a page updates the open browser tab."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import edit, override, project_copy
from tests.paths import ROOT, tool_environment


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(tmp_path):
    """`make serve` on a copy of the project, so its files can be edited freely."""
    project = project_copy(tmp_path / "project", ("data", "content", "templates", "mkdocs.yml"))
    yield from serving(project, tmp_path, "comparison/")


def serving(project, tmp_path, first_page, data_dir=None):
    """Run the preview of project (with data_dir, default its data/) until the test ends; yield (project, url, log)
    once first_page answers."""
    address = f"127.0.0.1:{free_port()}"
    data = f"Path({str(data_dir)!r})" if data_dir else "None"
    code = (
        "import sys; from pathlib import Path; from versus.site.serve import serve; "
        f"sys.exit(serve({address!r}, Path({str(project)!r}), {data}))"
    )
    environment = tool_environment()
    log = tmp_path / "serve.log"
    output = log.open("w", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", code], env=environment, start_new_session=True, stdout=output, stderr=subprocess.STDOUT
    )
    url = f"http://{address}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + first_page, timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                pytest.fail("the preview did not start:\n" + log.read_text(encoding="utf-8"))
            time.sleep(0.2)
    yield project, url, log
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)
    output.close()


def test_saving_yaml_or_a_page_updates_the_open_tab(preview, page):
    project, url, _ = preview
    page.goto(url + "comparison/")
    page.evaluate("window.__not_reloaded = true")
    first_label = page.locator("table.comparison td .cell__label").first.inner_text()
    started = time.monotonic()
    edit(project / "data" / "features.yml", f"label: {first_label}", "label: Changed while previewing")
    page.wait_for_function("document.body && document.body.innerText.includes('Changed while previewing')", timeout=30000)
    print(f"YAML save to updated tab: {time.monotonic() - started:.2f} s")
    edit(override(project, "content/comparison.md"), "# Feature comparison", "# Feature comparison, edited")
    page.wait_for_function("document.querySelector('h1')?.innerText.includes('edited')", timeout=30000)


def test_a_data_mistake_is_printed_and_the_last_good_preview_stays(preview, page):
    project, url, log = preview
    page.goto(url + "comparison/")
    features = project / "data" / "features.yml"
    first_rating = re.search(r"^ +rating: \S+$", features.read_text(encoding="utf-8"), re.MULTILINE).group(0)
    edit(features, first_rating, first_rating.split(":")[0] + ": great")
    deadline = time.monotonic() + 30
    while "`great` is not a level of the scale" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.2)
    printed = log.read_text(encoding="utf-8")
    assert "data/features.yml:" in printed and "`great` is not a level of the scale" in printed
    assert "the preview shows the last good version" in printed and "Traceback" not in printed
    # The open tab reloads and shows what is wrong over the last good pages, until it is fixed.
    page.wait_for_selector("#preview-problems", timeout=30000)
    assert "`great` is not a level of the scale" in page.inner_text("#preview-problems")
    assert page.locator("table.comparison").is_visible()
    edit(features, first_rating.split(":")[0] + ": great", first_rating)
    page.wait_for_selector("#preview-problems", state="detached", timeout=30000)


def test_the_preview_starts_on_broken_data_and_shows_what_to_fix(tmp_path, page):
    project = project_copy(tmp_path / "project", ("data", "content", "templates", "mkdocs.yml"))
    features = project / "data" / "features.yml"
    text = features.read_text(encoding="utf-8")
    edit(features, "features:\n", "features:\n  - id: Not An Id\n", 1)
    for _, url, _log in serving(project, tmp_path, ""):
        page.goto(url)
        page.wait_for_selector("#preview-problems", timeout=30000)
        assert "is not a valid id" in page.inner_text("#preview-problems")
        features.write_text(text, encoding="utf-8")
        page.wait_for_selector("table.comparison, nav.md-nav a[href$='comparison/']", timeout=30000)
        page.wait_for_selector("#preview-problems", state="detached", timeout=30000)


def test_a_broken_link_in_a_page_is_printed_at_its_line(preview):
    project, _, log = preview
    (project / "content" / "notes.md").write_text("# Notes\n\nSee [the plan](no-such-page.md).\n", encoding="utf-8")
    deadline = time.monotonic() + 30
    while "no-such-page.md" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.2)
    printed = log.read_text(encoding="utf-8")
    assert "content/notes.md:3: WARNING" in printed, printed[-2000:]


def served_text(url: str, page: str) -> str:
    """The page as served, or nothing while the preview swaps in a full rebuild."""
    try:
        return urllib.request.urlopen(url + page, timeout=5).read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def outside_data_preview(tmp_path):
    """The preview of a project whose data folder lies outside it (`make serve DATA=...`): no watch of the project covers it."""
    import shutil

    project = project_copy(tmp_path / "project", ("content", "templates", "mkdocs.yml"))
    shutil.copytree(ROOT / "data", tmp_path / "elsewhere" / "data")
    yield from serving(project, tmp_path, "comparison/", tmp_path / "elsewhere" / "data")


@pytest.mark.parametrize("how", ["deleted and restored", "renamed away and back"])
def test_a_data_folder_that_goes_and_comes_back_is_watched_again(outside_data_preview, how):
    import shutil

    project, url, log = outside_data_preview
    data = project.parent / "elsewhere" / "data"
    aside = project.parent / "data-aside"
    if how == "deleted and restored":
        shutil.copytree(data, aside)
        shutil.rmtree(data)
        assert wait_for(lambda: "missing" in log.read_text(encoding="utf-8")), log.read_text(encoding="utf-8")
        shutil.copytree(aside, data)
    else:
        data.rename(aside)
        assert wait_for(lambda: "missing" in log.read_text(encoding="utf-8")), log.read_text(encoding="utf-8")
        aside.rename(data)
    # Back: the problem goes away by itself, and a later save is shown.
    assert wait_for(lambda: "data has problems" not in served_text(url, "comparison/").lower()), log.read_text(encoding="utf-8")
    description = re.search(r"(?m)^description: (.+)$", (data / "site.yml").read_text(encoding="utf-8"))[1]  # type: ignore[index]
    edit(data / "site.yml", f"description: {description}", "description: Saved after the folder came back.")
    assert wait_for(lambda: "Saved after the folder came back" in served_text(url, "")), log.read_text(encoding="utf-8")
