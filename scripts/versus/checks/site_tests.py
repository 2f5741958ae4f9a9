"""What a site's own tests hold it to: valid data, a strict build, sound links, nothing from another host, search that finds each criterion.

A site made by `versus new` has a short tests/test_site.py that calls these,
so the checks improve when the generator is upgraded. They take every id
and word from the site's data; the browser checks drive Debian's Chromium.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from versus.checks.chromium import CHROMIUM, CHROMIUM_FLAGS
from versus.checks.linkcheck import check_served, check_site
from versus.checks.site_pages import page_types
from versus.checks.static_server import StaticServer
from versus.data.model import Comparison
from versus.pages.page_types import PAGES_BY_KIND
from versus.paths import DATA, find_project


def site_comparison(root: Path | None = None) -> Comparison:
    """The site's data, validated: a problem fails the test with every problem listed at its place."""
    from versus.data.validate import load_comparison

    return load_comparison((root or find_project()) / DATA)


def stale_schemas(root: Path | None = None) -> list[str]:
    """The editor schemas in data/schema/ that do not match the model and the data (`versus schema` rewrites them)."""
    from versus.data.model import DATA_FILES
    from versus.data.schema import schema_path, schema_text

    root = root or find_project()
    comparison = site_comparison(root)
    stale = []
    for data_file in DATA_FILES:
        path = schema_path(data_file, root / DATA / "schema")
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(data_file, comparison):
            stale.append(path.relative_to(root).as_posix())
    return stale


def build_into(folder: Path, root: Path | None = None) -> Path:
    """Build the site strictly into folder/site, as `versus build` does, leaving the site's own site/ alone."""
    from versus.site.build import build

    site = folder / "site"
    build(root=root or find_project(), site_dir=site)
    return site


def broken_links(site: Path) -> list[str]:
    """Every broken link, anchor or search result, read from the files and followed over HTTP from a host's root."""
    return [str(link) for link in check_site(site) + check_served(site, "")]


@contextlib.contextmanager
def browser_tab(site: Path) -> Iterator[tuple[object, str]]:
    """A Chromium tab and the URL the site is served at on 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise AssertionError(f"{CHROMIUM} is missing: install Debian's chromium package (the site's `make test` does)")
    with StaticServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            yield context.new_page(), server.url
        finally:
            browser.close()


def requests_to_other_hosts(site: Path) -> list[str]:
    """Each request a page of every type makes to a host other than the site's own, as `page: URL`."""
    found: list[str] = []
    with browser_tab(site) as (tab, url):
        own = urlsplit(url).netloc
        current = {"page": ""}

        def note(request) -> None:
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https") and parts.netloc != own:
                found.append(f"{current['page'] or '/'}: {request.url}")

        tab.on("request", note)  # type: ignore[attr-defined]
        for page in page_types(site).values():
            current["page"] = page
            tab.goto(url + page, wait_until="networkidle")  # type: ignore[attr-defined]
    return found


def search_misses(site: Path, comparison: Comparison | None = None) -> list[str]:
    """The criteria whose name, typed into the site's search, does not put their own page among the first three results."""
    comparison = comparison or site_comparison()
    misses = []
    with browser_tab(site) as (tab, url):
        tab.goto(url)  # type: ignore[attr-defined]
        tab.wait_for_function(  # type: ignore[attr-defined]
            "document.querySelector('.md-search-result__meta').textContent !== 'Initializing search'"
        )
        for feature in comparison.ordered_features():
            wanted = PAGES_BY_KIND["feature"].url(feature.id)
            found = _first_results(tab, feature.name)
            # Material's search highlighting adds `?h=words` to each result: the page is the address's path.
            if not any(urlsplit(href).path.endswith(wanted) for href in found):
                misses.append(f"{feature.name!r} ({feature.id}): first results {found}")
    return misses


def _first_results(tab, query: str, count: int = 3) -> list[str]:
    """The first results' links for query, once they stop changing."""
    field = tab.locator("input.md-search__input")
    field.fill("")
    field.click()
    tab.keyboard.type(query)
    items = tab.locator(".md-search-result__item > a")
    items.first.wait_for(timeout=15000)
    previous: list[str] = []
    for _ in range(40):
        tab.wait_for_timeout(100)
        now = [items.nth(i).get_attribute("href") or "" for i in range(min(count, items.count()))]
        if now == previous:
            return now
        previous = now
    return previous
