"""The preview rebuilds only the pages a save changed, and the result is the clean build's, byte for byte."""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, edit, override, project_copy
from tests.test_serve import serving
from versus.checks.bench_preview import first_label
from versus.data.model import Comparison
from versus.pages.page_types import PAGES_BY_KIND, page_file
from versus.site.build import build, build_date
from versus.site.preview_build import PreviewBuilder, Rebuilt
from versus.site.serve import _rendered_first
from versus.site.stage import stage_in_steps


class Preview:
    """The preview's staging and in-process build of a fixture project, driven one save at a time."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.data = project / "data"
        self.staging = project / ".build" / "serve"
        self.builder = PreviewBuilder(self.staging / "mkdocs.yml", self.staging)
        self.comparison: Comparison | None = None
        self.pages_before: set[str] = set()

    def save(self) -> Rebuilt:
        """Stage the sources as they are now and rebuild what changed, as the preview does after a save:
        the pages first, then the other files; both builds are counted together."""
        before = self.comparison
        now = _rendered_first(before) if before else None
        pages, later, finish = stage_in_steps(self.staging, root=self.project, data_dir=self.data, now=now)
        with build_date(pages.last_checked):
            # As the preview: the steps are built apart only when the save added no page.
            same = before is not None and pages.every_page <= self.pages_before
            steps: list[Rebuilt] = []
            if same:
                steps.append(self.builder.update())
                later()
                steps.append(self.builder.update())
            staged = finish()
            last = self.builder.update()
        self.comparison, self.pages_before = staged.comparison, set(staged.page_sources)
        assert not steps or not last.pages or last.full, "the other files alone rebuild no page"
        builds = [*steps, last]
        return replace(
            builds[0],
            full=any(rebuilt.full for rebuilt in builds),
            pages=tuple(page for rebuilt in builds for page in rebuilt.pages),
            reason=" ".join(rebuilt.reason for rebuilt in builds),
        )

    def staged_pages(self) -> dict[str, str]:
        docs = self.staging / "docs"
        return {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8") for path in docs.rglob("*.md")}

    def written(self) -> dict[str, int]:
        """Each HTML file of the served folder and when it was last written."""
        assert self.builder.folder
        return {path.relative_to(self.builder.folder).as_posix(): path.stat().st_mtime_ns for path in self.builder.folder.rglob("*.html")}


@pytest.fixture
def preview(tmp_path):
    project = project_copy(tmp_path / "project", ("content", "templates", "mkdocs.yml"))
    shutil.copytree(FIXTURES / "small", project / "data")
    built = Preview(project)
    assert built.save().full
    yield built
    built.builder.close()


def _html(staged_page: str) -> str:
    return staged_page.removesuffix(".md") + ".html"  # every page is staged at the folder of its URL


def test_a_label_edit_rebuilds_exactly_the_pages_that_show_it(preview):
    features = preview.data / "features.yml"
    feature_id, line = first_label(features)
    new_label = "Relabelled while previewing"
    before, written_before = preview.staged_pages(), preview.written()
    edit(features, line, line.split(":")[0] + ": " + new_label)
    rebuilt = preview.save()
    after, written_after = preview.staged_pages(), preview.written()
    changed = {path for path in after if after[path] != before[path]}
    assert not rebuilt.full and set(rebuilt.pages) == changed and len(rebuilt.pages) == len(changed)
    assert page_file("feature", feature_id).removesuffix(".md") + "/index.md" in changed
    rewritten = {path for path in written_after if written_after[path] != written_before[path]}
    assert rewritten == {_html(path) for path in changed}, "pages written besides those whose text changed"
    folder = preview.builder.folder
    assert folder
    showing = {path for path in written_after if new_label.lower() in (folder / path).read_text(encoding="utf-8").lower()}
    assert showing == rewritten, "every page written shows the new label, and every page that shows it was written"
    assert len(rewritten) < len(written_after)
    assert new_label in (folder / "search" / "search_index.json").read_text(encoding="utf-8")


def test_the_pages_open_in_a_browser_are_rebuilt_and_shown_first(preview):
    features = preview.data / "features.yml"
    feature_id, line = first_label(features)
    edit(features, line, line + " seen first")
    pages, _, _ = stage_in_steps(preview.staging, root=preview.project, data_dir=preview.data)
    opened = "/" + PAGES_BY_KIND["feature"].url(feature_id)
    shown: list[tuple[str, ...]] = []
    folder = preview.builder.folder
    assert folder

    def ready(addresses: tuple[str, ...]) -> None:
        shown.append(addresses)
        written = (folder / opened.strip("/") / "index.html").read_text(encoding="utf-8")
        assert "seen first" in written, "the open page is written when it is shown"

    with build_date(pages.last_checked):
        rebuilt = preview.builder.update({opened, "/no-such-page/"}, ready)
    assert not rebuilt.full and shown == [(opened,)]
    assert (rebuilt.addresses and rebuilt.addresses[0] != opened) or len(rebuilt.addresses or ()) > 1
    assert opened in (rebuilt.addresses or ())


def test_a_title_change_rebuilds_every_page(preview):
    features = preview.data / "features.yml"
    name = re.search(r"^    name: (.+)$", features.read_text(encoding="utf-8"), re.MULTILINE)
    assert name
    edit(features, name.group(0), name.group(0) + " renamed")
    rebuilt = preview.save()
    assert rebuilt.full and "title" in rebuilt.reason
    assert set(rebuilt.pages) >= set(preview.staged_pages())


def test_a_new_page_or_a_theme_change_rebuilds_every_page(preview):
    (preview.project / "content" / "notes.md").write_text("# Notes\n\nA new page.\n", encoding="utf-8")
    assert preview.save().full
    overrides = override(preview.project, "templates/overrides/main.html")
    overrides.write_text(overrides.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert preview.save().full
    assert not preview.save().full, "nothing changed: nothing is rebuilt"


def test_the_served_site_after_edits_is_the_clean_build(preview, tmp_path):
    features = preview.data / "features.yml"
    _, line = first_label(features)
    edit(features, line, line + " once")
    assert not preview.save().full
    explanation = re.search(r"^ +explanation: .+$", features.read_text(encoding="utf-8"), re.MULTILINE)
    assert explanation
    edit(features, explanation.group(0), explanation.group(0).rstrip() + " Edited.")
    assert not preview.save().full
    page = override(preview.project, "content/verdict.md")
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    assert not preview.save().full
    name = re.search(r"^    name: (.+)$", features.read_text(encoding="utf-8"), re.MULTILINE)
    assert name
    edit(features, name.group(0), name.group(0) + " renamed")
    assert preview.save().full
    edit(features, line + " once", line + " twice")
    assert not preview.save().full
    site = tmp_path / "site"
    build(root=preview.project, data_dir=shutil.copytree(preview.data, tmp_path / "data-built"), site_dir=site)
    served = preview.builder.folder
    assert served
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    assert files == {path.relative_to(served).as_posix() for path in served.rglob("*") if path.is_file()}
    different = [name for name in sorted(files) if (site / name).read_bytes() != (served / name).read_bytes()]
    assert not different, different


def test_the_open_tab_shows_a_saved_label_and_the_terminal_names_the_pages(tmp_path, page):
    project = project_copy(tmp_path / "project", ("content", "templates", "mkdocs.yml"))
    shutil.copytree(FIXTURES / "small", project / "data")
    features = project / "data" / "features.yml"
    feature_id, line = first_label(features)
    for _, url, log in serving(project, tmp_path, PAGES_BY_KIND["feature"].url(feature_id)):
        page.goto(url + PAGES_BY_KIND["feature"].url(feature_id))
        edit(features, line, line.split(":")[0] + ": Seen in the open tab")
        page.wait_for_function("document.body && document.body.innerText.includes('Seen in the open tab')", timeout=30000)
        told = re.compile(r"^Rebuilt \d+ pages? in [\d.]+ s: .*features/" + re.escape(feature_id), re.MULTILINE)
        deadline = time.monotonic() + 30  # the open page is shown before the others are built and the terminal told
        while not told.search(log.read_text(encoding="utf-8")) and time.monotonic() < deadline:
            time.sleep(0.1)
        printed = log.read_text(encoding="utf-8")
        assert told.search(printed), printed
        assert "Traceback" not in printed


def test_a_broken_theme_keeps_the_last_good_pages_until_it_is_fixed(preview):
    served = preview.builder.folder
    assert served
    page = (served / "index.html").read_bytes()
    overrides = override(preview.project, "templates/overrides/main.html")
    good = overrides.read_text(encoding="utf-8")
    overrides.write_text(good + "\n{% if %}\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"(?i)syntax|expected"):
        preview.save()
    assert preview.builder.folder == served and (served / "index.html").read_bytes() == page
    overrides.write_text(good, encoding="utf-8")
    assert preview.save().full


def test_the_server_adds_its_script_to_pages_alone_and_keeps_to_its_folder(tmp_path):
    import json
    import threading
    import urllib.error
    import urllib.request

    from tests.test_serve import free_port
    from versus.site.preview_server import WAIT_PATH, PreviewServer, PreviewState

    folder = tmp_path / "site"
    (folder / "page").mkdir(parents=True)
    (folder / "page" / "index.html").write_text("<html><body><p>text</p></body></html>", encoding="utf-8")
    (folder / "404.html").write_text("<html><body>missing</body></html>", encoding="utf-8")
    (folder / "data.json").write_text('{"a": 1}', encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    state = PreviewState()
    state.publish(folder, ["</script><b>a problem</b>"])
    address = f"127.0.0.1:{free_port()}"
    server = PreviewServer(address, state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = urllib.request.urlopen(f"http://{address}/page/").read().decode()
        assert page.startswith('<html><body><p>text</p><script id="preview-script">') and page.endswith("</script>\n</body></html>")
        assert "</script><b>" not in page, "a problem's text cannot close the script"
        assert urllib.request.urlopen(f"http://{address}/data.json").read() == b'{"a": 1}'
        for path in ("/../secret.txt", "/nothing/"):
            with pytest.raises(urllib.error.HTTPError) as missing:
                urllib.request.urlopen(f"http://{address}{path}")
            assert missing.value.code == 404 and b"missing" in missing.value.read()
        version = state.version

        def wait(since: int) -> dict:
            return json.loads(urllib.request.urlopen(f"http://{address}{WAIT_PATH}?since={since}&page=/page/").read())

        state.publish(None, [], pages=())
        assert wait(version) == {"version": version + 1, "pages": None, "files": False}, "the problems went away: every tab reloads"
        state.publish(None, [], pages=(), files=True)
        assert wait(version + 1) == {"version": version + 2, "pages": [], "files": True}, "other files alone: no page to reload"
        state.publish(None, [], pages=("/page/",))
        assert wait(version + 1) == {"version": version + 3, "pages": ["/page/"], "files": True}, "what changed since the tab's version"
        assert state.watched() == {"/page/"}
    finally:
        server.shutdown()
        server.server_close()


def test_with_a_page_open_only_that_page_is_rendered_first(preview):
    features = preview.data / "features.yml"
    feature_id, line = first_label(features)
    edit(features, line, line + " open")
    assert preview.comparison
    opened = "/" + PAGES_BY_KIND["feature"].url(feature_id)
    pages, later, finish = stage_in_steps(
        preview.staging, root=preview.project, data_dir=preview.data, now=_rendered_first(preview.comparison, {opened})
    )
    assert set(pages.page_sources) == {opened.strip("/") + "/index.md"}
    assert len(later().page_sources) > 1
    assert pages.every_page <= set(finish().page_sources)
