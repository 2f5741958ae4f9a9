"""The same site on every engine: MkDocs 1.6, ProperDocs and Zensical, each output held to the project's own checks.

Each engine builds data/ once (or `make engines` hands over the folders it
built, through ENGINE_SITES); the site is then served from a sub-folder, as
a GitHub Pages project site is, for the browser checks.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import ROOT, attr, first_criteria, project_copy, search_word
from tests.test_decide import browser_result, python_result
from versus.checks.engines import SITES_VARIABLE, SUB_FOLDER
from versus.checks.linkcheck import check_served, check_site
from versus.checks.site_pages import page_types
from versus.checks.static_server import StaticServer
from versus.data.validate import load_comparison
from versus.pages.decide import state_query
from versus.site.build import BuildFailed, build
from versus.site.engines import ENGINES, engine_named

# How a reader searches on each engine: Material's search box, or Zensical's own dialog (in a shadow root Playwright reads).
RESULT_LINKS = {
    "mkdocs": ".md-search-result__item a",
    "properdocs": ".md-search-result__item a",
    "zensical": "ol[role=listbox][aria-label='Search results'] a[role=option]",
}
# Known upstream issues (README, "Engines"): axe findings inside Zensical 0.0.73's own search dialog, which lives
# in a shadow root the site does not write. Only nodes inside a shadow root are forgiven, never the project's pages.
ZENSICAL_SEARCH_DIALOG_KNOWN = frozenset(
    {
        "color-contrast",  # the highlighted words and the page path of each result are too pale
        "scrollable-region-focusable",  # the scrolling list of results cannot be reached by keyboard
    }
)


@pytest.fixture(scope="module", params=list(ENGINES))
def engine(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def engine_site(engine: str, tmp_path_factory) -> Path:
    """data/ built strictly by the engine: the folder `make engines` built, or a fresh build."""
    handed_over = os.environ.get(SITES_VARIABLE)
    if handed_over and (Path(handed_over) / engine / "site" / "index.html").is_file():
        return Path(handed_over) / engine / "site"
    site = tmp_path_factory.mktemp(f"engine-{engine}") / "site"
    build(site_dir=site, engine=engine)
    return site


@pytest.fixture(scope="module")
def served(engine_site: Path, tmp_path_factory):
    """The engine's site served from /compare/ of a local static host; the URL ends with a slash."""
    host = tmp_path_factory.mktemp("host")
    (host / SUB_FOLDER).symlink_to(engine_site.resolve(), target_is_directory=True)
    with StaticServer(host) as server:
        yield f"{server.url}{SUB_FOLDER}/"


def html_files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


# --- The build ---------------------------------------------------------------


def test_every_engine_publishes_the_same_pages_at_the_same_urls(engine_site, built_site):
    assert html_files(engine_site) == html_files(built_site)


def test_every_link_and_search_result_resolves_from_the_root_and_a_sub_folder(engine, engine_site):
    assert (engine_site / engine_named(engine).search_index).is_file()
    assert [str(link) for link in check_site(engine_site)] == []
    assert [str(link) for link in check_served(engine_site, "")] == []
    assert [str(link) for link in check_served(engine_site, SUB_FOLDER)] == []


def test_the_home_page_is_a_website_and_every_other_page_an_article(engine_site):
    for path in sorted(html_files(engine_site)):
        html = (engine_site / path).read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a former address that forwards to the renamed page
        kind = re.search(r'<meta property="og:type" content="([^"]+)">', html)
        assert kind, f"{path} has no og:type"
        assert kind[1] == ("website" if path == "index.html" else "article"), path


def test_the_changes_page_is_left_out_of_search(engine, engine_site):
    index = (engine_site / engine_named(engine).search_index).read_text(encoding="utf-8")
    assert '"location": "changes/' not in index.replace('":"', '": "')
    assert f"features/{first_criteria()[0].id}/" in index


def test_a_broken_link_is_reported_at_the_file_and_line_written(engine, small_data, tmp_path):
    root = project_copy(tmp_path / "project")
    (root / "content" / "broken.md").write_text("# Broken\n\nSome text.\n\n[nowhere](missing-page.md)\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "kept.txt").write_text("the previous site", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(root=root, data_dir=small_data, site_dir=site, engine=engine)
    report = str(failure.value)
    assert re.search(rf"^content/broken\.md:5: {engine}: .*'missing-page\.md'", report, re.MULTILINE), report
    assert [path.name for path in site.iterdir()] == ["kept.txt"]


# --- In the browser, served from a sub-folder ---------------------------------------


def visit(browser, url: str, served: str) -> tuple[list[str], Any]:
    """Open url with every other host refused: the requests it made and the open tab."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    host = served.removesuffix(f"{SUB_FOLDER}/")
    context.route(lambda target: not target.startswith(host), lambda route: route.abort())
    tab = context.new_page()
    tab.goto(url, wait_until="networkidle")
    return requested, tab


def search(tab, engine: str, query: str) -> str:
    """Search as a reader does (the `/` key, then the words) and return the first result's address."""
    tab.keyboard.press("/")
    tab.keyboard.type(query)
    first = tab.locator(RESULT_LINKS[engine]).first
    first.wait_for(timeout=30_000)
    return first.get_attribute("href")


def test_search_finds_a_fact_and_lands_on_it(engine, served, browser):
    criterion = first_criteria()[0]  # its name is its page's title, which every engine's search ranks first
    requested, tab = visit(browser, served + "comparison/", served)
    href = search(tab, engine, criterion.name)
    assert href.split("?")[0].split("#")[0].endswith(f"/{SUB_FOLDER}/features/{criterion.id}/"), href
    tab.locator(RESULT_LINKS[engine]).first.click()
    tab.wait_for_url(re.compile(rf"/{SUB_FOLDER}/features/{re.escape(criterion.id)}/"))
    assert tab.locator("h1").first.inner_text().strip().rstrip("¶").strip() == criterion.name
    assert served + engine_named(engine).search_index in requested
    tab.context.close()


def test_the_column_picker_hides_a_subject(served, page):
    comparison = load_comparison(ROOT / "data")
    page.goto(served + "comparison/")
    if len(comparison.subjects) == 1:
        assert page.locator("form.column-picker").count() == 0, "one subject has no columns to choose between"
        return
    first, second = (subject.id for subject in comparison.subjects[:2])
    page.uncheck(f"form.column-picker input{attr('value', second)}")
    shown = page.eval_on_selector_all(
        "table.comparison thead th[data-subject]", "cells => cells.filter(c => !c.hidden).map(c => c.dataset.subject)"
    )
    assert first in shown and second not in shown
    assert "compare=" in page.url


def test_the_decision_helper_agrees_with_python(served, page):
    comparison = load_comparison(ROOT / "data")
    for profile in comparison.decision.profiles:
        seen = browser_result(page, served + "decide/" + state_query(profile.importance))
        expected = python_result(comparison, profile.importance)
        assert {key: seen[key] for key in expected} == expected, profile.id
        assert all(f"/{SUB_FOLDER}/" in link for link in seen["links"]), seen["links"]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def violations(axe: Axe, tab, forgiven: frozenset[str] = frozenset()) -> list[str]:
    """axe's violations as readable lines; those in `forgiven` are dropped for nodes inside a shadow root alone."""
    found = []
    for violation in axe.run(tab).response["violations"]:
        # A node inside a shadow root is named by a list: the host's selector, then the node's within it.
        nodes = [node["target"] for node in violation["nodes"]]
        if violation["id"] in forgiven:
            nodes = [target for target in nodes if not any(isinstance(part, list) for part in target)]
        if nodes:
            shown = ", ".join(" ".join(" >>> ".join(part) if isinstance(part, list) else part for part in target) for target in nodes[:5])
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {shown}")
    return found


def test_every_page_type_asks_no_other_host_and_has_no_accessibility_violation(engine, engine_site, served, browser, axe):
    """One visit per kind of page: axe on the page as loaded, then a search, every request recorded."""
    found = {}
    for kind, url in page_types(engine_site).items():
        requested, tab = visit(browser, served + url, served)
        tab.wait_for_timeout(100)
        if problems := violations(axe, tab):
            found[f"{kind} ({url or '/'}): axe"] = problems
        search(tab, engine, search_word())
        tab.wait_for_load_state("networkidle")
        tab.context.close()
        if elsewhere := [target for target in requested if not target.startswith(served) and not target.startswith(("data:", "blob:"))]:
            found[f"{kind} ({url or '/'}): requests"] = elsewhere
        if served + engine_named(engine).search_index not in requested:
            found[f"{kind} ({url or '/'}): search"] = ["the search index was never loaded"]
    assert found == {}


def test_the_search_dialog_with_results_has_no_violation_of_the_sites_own(engine, served, browser, axe):
    context = browser.new_context(viewport={"width": 412, "height": 823})
    tab = context.new_page()
    tab.goto(served + "comparison/", wait_until="networkidle")
    search(tab, engine, first_criteria()[0].name)
    tab.wait_for_timeout(300)
    forgiven = ZENSICAL_SEARCH_DIALOG_KNOWN if engine == "zensical" else frozenset()
    found = violations(axe, tab, forgiven)
    assert found == [], "\n".join(found)
    context.close()


def test_an_unknown_engine_is_refused_with_the_known_names():
    with pytest.raises(ValueError, match="mkdocs, properdocs, zensical"):
        engine_named("hugo")


def test_zensical_needs_no_absolute_path_in_its_config(tmp_path):
    from versus.site.stage import stage

    staged = stage(tmp_path / "stage", engine="zensical")
    config = staged.config_path.read_text(encoding="utf-8")
    assert "\ndocs_dir: docs\n" in config
    assert "\nsite_dir: site\n" in config
    assert "variant: classic" in config
    shutil.rmtree(tmp_path / "stage")
