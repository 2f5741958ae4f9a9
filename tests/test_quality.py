"""What a reader's browser does with the site: nothing leaves the machine, and the comparison page stays light."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.conftest import search_word
from versus.checks.page_weight import TARGET_WEIGHT, page_transfer
from versus.checks.site_pages import page_types

pytestmark = pytest.mark.browser


def visit(browser, url: str, site_url: str, query: str = "") -> list[str]:
    """Every URL the page at `url` requests until the network is idle; other hosts are refused, not reached."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.route(lambda target: not target.startswith(site_url), lambda route: route.abort())
    tab = context.new_page()
    tab.goto(site_url + url, wait_until="networkidle")
    # Searching makes the search worker load everything it needs.
    tab.keyboard.press("/")
    tab.keyboard.type(query or search_word())
    tab.wait_for_selector(".md-search-result__item", timeout=30_000)
    tab.wait_for_load_state("networkidle")
    context.close()
    return requested


def test_every_page_type_requests_only_the_local_server(browser, gate_site, gate_url):
    kinds = page_types(gate_site)
    assert {"home", "comparison", "features/*", "choose/*", "verdict", "pricing", "performance", "use-cases"} <= set(kinds)
    # A word the site's search finds: the first word of the site's first criterion.
    first_criterion = (gate_site / "comparison" / "index.html").read_text(encoding="utf-8").split('data-kind="', 1)[1]
    query = re.search(r'<a href="[^"]+">([^<]+)</a>', first_criterion).group(1).split()[0]
    for kind, url in kinds.items():
        requested = visit(browser, url, gate_url, query)
        elsewhere = [target for target in requested if not target.startswith(gate_url) and not target.startswith(("data:", "blob:"))]
        assert elsewhere == [], f"{kind} page {url} requested {elsewhere}"
        assert gate_url + "search/search_index.json" in requested, f"{kind} page {url}: the search index was never loaded"


def test_the_comparison_page_transfers_at_most_120_kb_gzipped(built_site):
    weights = page_transfer(built_site, "comparison/")
    assert sum(weights.values()) <= TARGET_WEIGHT, {name: round(size / 1024, 1) for name, size in weights.items()}


def test_the_weight_counts_every_file_the_comparison_page_loads(browser, built_site, site_url):
    requested = visit(browser, "comparison/", site_url)
    loaded = {urlsplit(target).path.removeprefix("/") or "index.html" for target in requested if target.startswith(site_url)}
    loaded = {path + "index.html" if path.endswith("/") else path for path in loaded}
    counted = set(page_transfer(built_site, "comparison/"))
    assert loaded - counted == set()
