"""Links that last: ids become anchors and pages, former ids keep resolving, previews tell."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import (
    FIXTURES,
    ROOT,
    SiteServer,
    attr,
    edit,
    first_criteria,
    first_search_result_href,
    fixture_copy,
    project_comparison,
)
from versus.data.ids import REGISTRY_NAME, published_ids, registry_text, write_registry
from versus.data.lookup import Lookup
from versus.data.problems import DataProblems
from versus.data.validate import load_comparison
from versus.site.build import build

PREVIEW_TAGS = ["description", "og:title", "og:description", "og:type", "twitter:card"]


class HeadReader(HTMLParser):
    """Collects <title> and the meta/link tags of <head>, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.order: list[str] = []
        self.title = ""
        self._in_title = False
        self._in_head = True

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "body":
            self._in_head = False
        if not self._in_head:
            return
        if tag == "meta" and ("name" in attributes or "property" in attributes):
            key = attributes.get("property") or attributes["name"]
            self.meta[key] = attributes.get("content", "")
            self.order.append(key)
        elif tag == "link" and "rel" in attributes:
            self.links.setdefault(attributes["rel"], attributes.get("href", ""))
            self.order.append(f"link:{attributes['rel']}")
        elif tag == "title":
            self._in_title = True
            self.order.append("title")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head_of(html_file: Path) -> HeadReader:
    reader = HeadReader()
    reader.feed(html_file.read_text(encoding="utf-8"))
    return reader


def content_pages(site: Path) -> list[Path]:
    """Every page of the site except redirects and the 404 page."""
    return [p for p in sorted(site.rglob("index.html")) if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]


def test_every_page_has_non_empty_preview_tags_early_in_head(built_site):
    pages = content_pages(built_site)
    assert len(pages) >= 15
    for html_file in pages:
        head = head_of(html_file)
        assert head.title.strip(), html_file
        for tag in PREVIEW_TAGS:
            assert head.meta.get(tag, "").strip(), f"{html_file}: {tag} is missing or empty"
        first_stylesheet = head.order.index("link:stylesheet")
        assert all(head.order.index(tag) < first_stylesheet for tag in PREVIEW_TAGS), f"{html_file}: preview tags come late"


def test_a_fact_page_description_states_the_values(built_site):
    comparison = load_comparison(ROOT / "data")
    lookup = Lookup.of(comparison)
    for feature in comparison.features:
        head = head_of(built_site / "features" / feature.id / "index.html")
        for subject in comparison.subjects:
            assert f"{subject.name}: {lookup.reading(feature, subject).text}" in head.meta["og:description"]
        assert head.meta["og:description"].startswith(feature.name + ": ")


def test_canonical_og_url_and_sitemap_use_the_site_url(published_site):
    feature = first_criteria()[0].id
    head = head_of(published_site / "features" / feature / "index.html")
    assert head.links["canonical"] == f"https://compare.example.org/features/{feature}/"
    assert head.meta["og:url"] == f"https://compare.example.org/features/{feature}/"
    sitemap = (published_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>https://compare.example.org/features/{feature}/</loc>" in sitemap


def test_without_a_site_url_no_canonical_is_guessed(built_site):
    head = head_of(built_site / "features" / first_criteria()[0].id / "index.html")
    assert "canonical" not in head.links and "og:url" not in head.meta


def test_every_row_use_case_and_verdict_point_has_a_copy_link_control(built_site):
    comparison = load_comparison(ROOT / "data")
    table = (built_site / "comparison" / "index.html").read_text(encoding="utf-8")
    for feature in comparison.features:
        row = re.search(rf'<tr id="{feature.id}" .*?</tr>', table, re.DOTALL).group(0)
        assert f'class="copy-link" data-href="../features/{feature.id}/"' in row
    for subject in comparison.subjects:
        decision = (built_site / "choose" / subject.id / "index.html").read_text(encoding="utf-8")
        for use_case in (u for u in comparison.use_cases if u.subject == subject.id):
            assert f'data-href="#{use_case.id}"' in decision
    verdict = (built_site / "verdict" / "index.html").read_text(encoding="utf-8")
    for point in comparison.verdict.points:
        assert f'data-href="#{point.id}"' in verdict


# --- Renames: aliases and the registry of published ids -----------------------


@pytest.fixture
def renamed_data(small_data: Path) -> Path:
    """The small fixture after a rename: mobile-deployment was once `mobile`, alpha once `alpha-lib`."""
    edit(small_data / "features.yml", "    keywords: [on-device]", "    aliases: [mobile]\n    keywords: [on-device]")
    edit(small_data / "subjects.yml", "    name: Alpha\n", "    name: Alpha\n    aliases: [alpha-lib]\n")
    edit(small_data / "use_cases.yml", "    features: [debugging]\n", "    features: [debugging]\n    aliases: [experiments]\n")
    return small_data


@pytest.fixture
def renamed_site(renamed_data: Path, tmp_path: Path):
    site = tmp_path / "site"
    build(data_dir=renamed_data, site_dir=site)
    server = SiteServer(site)
    yield server.url
    server.close()


def test_a_former_page_url_redirects_to_the_renamed_fact(renamed_site, page):
    page.goto(renamed_site + "features/mobile/")
    page.wait_for_url(renamed_site + "features/mobile-deployment/")
    assert page.title().startswith("Mobile deployment")
    page.goto(renamed_site + "choose/alpha-lib/#research")
    page.wait_for_url(renamed_site + "choose/alpha/#research")


def test_a_former_anchor_reaches_and_highlights_the_renamed_row(renamed_site, page):
    page.goto(renamed_site + "comparison/#mobile")
    row = page.locator("tr#mobile-deployment")
    page.wait_for_function("document.querySelector('tr#mobile-deployment').classList.contains('is-target')")
    assert row.is_visible()
    page.goto(renamed_site + "choose/alpha/#experiments")
    page.wait_for_function("document.querySelector('h2#research').classList.contains('is-target')")


def test_removing_a_published_id_without_an_alias_fails_naming_it(small_data):
    write_registry(published_ids(load_comparison(small_data)), small_data / REGISTRY_NAME)
    edit(small_data / "features.yml", "  - id: debugging", "  - id: debugger")
    edit(small_data / "use_cases.yml", "features: [debugging]", "features: [debugger]")
    edit(small_data / "decision.yml", "      debugging:", "      debugger:", count=2)
    with pytest.raises(DataProblems) as raised:
        load_comparison(small_data)
    (problem,) = raised.value.problems
    assert problem.path.endswith("ids.lock") and problem.line > 2
    assert "the published feature id `debugging` is gone" in problem.message
    assert "aliases: [debugging]" in problem.hint


def test_a_rename_with_an_alias_keeps_the_registry_satisfied(small_data):
    write_registry(published_ids(load_comparison(small_data)), small_data / REGISTRY_NAME)
    edit(small_data / "features.yml", "  - id: debugging", "  - id: debugger\n    aliases: [debugging]")
    edit(small_data / "use_cases.yml", "features: [debugging]", "features: [debugger]")
    edit(small_data / "decision.yml", "      debugging:", "      debugger:", count=2)
    assert [f.id for f in load_comparison(small_data).features] == ["mobile-deployment", "debugger"]


def test_the_registry_lists_every_published_id():
    registry = (ROOT / "data" / REGISTRY_NAME).read_text(encoding="utf-8")
    assert registry == registry_text(published_ids(load_comparison(ROOT / "data"))), "run `make ids`"


# --- In the browser -------------------------------------------------------------


def test_search_for_a_criterion_s_name_lands_on_its_page(site_url, page):
    """Each criterion's name, and each keyword no other criterion shows, finds that criterion's own page first."""
    comparison = project_comparison()
    lookup = Lookup.of(comparison)

    def shown(feature) -> str:
        """What a criterion's page shows in its titles and headings: its name, keywords and cell values."""
        cells = [text for cell in feature.values.values() for text in (cell.label or "", cell.note or "", cell.explanation)]
        return words_of(
            " ".join(
                [feature.name, feature.question, *feature.keywords, *cells, *(r.text for r in lookup.rows[feature.id].readings.values())]
            )
        )

    def words_of(text: str) -> str:
        return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))

    missed = []
    for feature in comparison.features:
        elsewhere = " ".join(shown(other) for other in comparison.features if other.id != feature.id)
        # Keywords of one word: search splits words at hyphens and dots, so a compound matches its parts anywhere.
        words = [feature.name] + [k for k in feature.keywords if re.fullmatch(r"\w+", k) and words_of(k) not in elsewhere][:2]
        for query in words:
            href = first_search_result_href(page, site_url, query)
            if href.split("?")[0].split("#")[0] != site_url + f"features/{feature.id}/":
                missed.append(f"{query!r} → {href}")
    assert missed == []


@pytest.fixture(scope="module")
def commute_url(tmp_path_factory):
    """The second comparison, whose criterion "Frame material (chassis)" has a word in brackets of its own, served."""
    folder = tmp_path_factory.mktemp("brackets")
    build(data_dir=fixture_copy("commute", folder), site_dir=folder / "site")
    server = SiteServer(folder / "site")
    yield server.url
    server.close()


def test_search_for_a_word_in_brackets_lands_on_its_criterion_first(commute_url, page):
    """A word in brackets or after a slash in a criterion's name, "(Alpha)", finds that criterion first, where
    no other criterion's name has it."""
    comparison = load_comparison(FIXTURES / "commute", check_registry=False)
    site_url = commute_url
    names = {feature.id: feature.name.casefold() for feature in comparison.features}
    queries = [
        (word, feature.id)
        for feature in comparison.features
        for word in re.findall(r"[(/]\s*(\w{3,})", feature.name)
        if sum(re.search(rf"\b{re.escape(word.casefold())}\b", name) is not None for name in names.values()) == 1
    ]
    assert queries, "the fixture has a criterion whose name has a word in brackets of its own"
    missed = []
    for word, feature_id in queries[:4]:
        href = first_search_result_href(page, site_url, word.lower())
        if href.split("?")[0].split("#")[0] != site_url + f"features/{feature_id}/":
            missed.append(f"{word!r} → {href}")
    assert missed == []


def test_a_deep_link_scrolls_the_row_below_the_header_and_highlights_it(site_url, page):
    feature_id = first_criteria(2)[-1].id
    row = f"tr{attr('id', feature_id)}"
    page.goto(site_url + f"comparison/#{feature_id}")
    page.wait_for_function(f"document.querySelector({json.dumps(row)}).classList.contains('is-target')")
    header_bottom = page.locator("header.md-header").bounding_box()["height"]
    row_top = page.locator(row).bounding_box()["y"]
    # Near the top, unless the page is too short to scroll that far.
    at_bottom = page.evaluate("Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight - 1")
    assert header_bottom <= row_top and (row_top <= header_bottom + 120 or at_bottom), row_top
    background = page.eval_on_selector(f"{row} > td", "cell => getComputedStyle(cell).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_copy_link_puts_the_fact_url_on_the_clipboard(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        tab = context.new_page()
        tab.goto(site_url + "comparison/")
        feature = first_criteria()[0].id
        selector = f"tr{attr('id', feature)} button.copy-link"
        button = tab.locator(selector)
        button.focus()
        tab.keyboard.press("Enter")
        tab.wait_for_function(f"document.querySelector({json.dumps(selector)}).textContent === 'Copied'")
        assert tab.evaluate("navigator.clipboard.readText()") == site_url + f"features/{feature}/"
        tab.goto(site_url + "verdict/")
        tab.locator("button.copy-link").first.click()
        first_point = load_comparison(ROOT / "data").verdict.points[0].id
        tab.wait_for_function("document.querySelector('button.copy-link').textContent === 'Copied'")
        assert tab.evaluate("navigator.clipboard.readText()") == f"{site_url}verdict/#{first_point}"
    finally:
        context.close()
