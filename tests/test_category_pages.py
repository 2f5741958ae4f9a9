"""A page per category, made by the page-type registry's row: its rows, its tally, its questions, its picture, its
feed and its card; reached from the table's header row, a criterion's breadcrumb, the list of criteria and the nav."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from tests.conftest import fixture_copy
from tests.test_hardening_pages import check, renamed
from tests.test_reading_pages import comparison_of, html_of
from versus.data.lookup import Lookup
from versus.data.validate import load_comparison
from versus.pages.cards import category_features
from versus.pages.page_types import PAGE_TYPES, PAGES_BY_KIND
from versus.paths import DEFAULTS_DIR

ATOM = "{http://www.w3.org/2005/Atom}"


def test_each_category_has_a_page_with_its_rows_alone_and_its_questions(gate_site: Path):
    comparison = comparison_of(gate_site)
    assert comparison.categories, "every gate site has categories"
    for category in comparison.categories:
        html = html_of(gate_site, f"categories/{category.id}")
        features = category_features(comparison, category)
        rows = re.findall(r'<tr id="([^"]+)" data-kind=', html)
        assert rows == [feature.id for feature in features], category.id
        assert re.search(rf"<h1[^>]*>{re.escape(category.name)}", html)
        questions = html[html.index('<ul class="criteria-list"') :]
        assert re.findall(r'<a href="\.\./\.\./features/([^/"]+)/">', questions)[: len(features)] == [f.id for f in features]
        assert 'class="category-row"' not in html, "the page's heading and tally are not repeated as a header row"
        assert "Embed this category" in html and f"embed/categories/{category.id}.svg" in html


def test_the_table_header_the_breadcrumb_the_list_and_the_nav_lead_to_a_category_page(gate_site: Path):
    comparison = comparison_of(gate_site)
    table = html_of(gate_site, "comparison")
    criteria = html_of(gate_site, "features")
    nav = table[table.index("md-nav--primary") : table.index('class="md-content"')]
    for category in comparison.categories:
        header = re.search(rf'<tr class="category-row" id="{re.escape(category.id)}">.*?</tr>', table, re.DOTALL).group(0)
        assert f'href="../categories/{category.id}/"' in header
        assert f'href="../categories/{category.id}/"' in criteria
        assert f'href="../categories/{category.id}/"' in nav, "the nav lists it"
        first = category_features(comparison, category)[0]
        crumb = re.search(r'<nav class="breadcrumb".*?</nav>', html_of(gate_site, f"features/{first.id}"), re.DOTALL).group(0)
        assert f'href="../../categories/{category.id}/"' in crumb


def test_a_category_page_has_a_feed_of_its_criteria_changes_and_a_card_of_its_tally(gate_site: Path):
    comparison = comparison_of(gate_site)
    lookup = Lookup.of(comparison)
    page_type = PAGES_BY_KIND["category"]
    for category in comparison.categories:
        feed = ElementTree.parse(gate_site / page_type.feed_url(category.id)).getroot()
        ids = {feature.id for feature in category_features(comparison, category)}
        for entry in feed.findall(f"{ATOM}entry"):
            target = entry.find(f"{ATOM}link").get("href")
            assert re.search(r"features/([^/]+)/#", target).group(1) in ids, target
        html = html_of(gate_site, f"categories/{category.id}")
        image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
        assert (gate_site / "categories" / category.id / image).resolve().is_file()
        card = page_type.card(comparison, lookup, category)
        assert card.title == category.name and len(card.rows) == len(comparison.subjects)


def test_a_category_s_former_id_forwards_to_its_page(gate_site: Path):
    comparison = comparison_of(gate_site)
    for category in comparison.categories:
        for alias in category.aliases:
            redirect = (gate_site / "categories" / alias / "index.html").read_text(encoding="utf-8")
            assert f"../../categories/{category.id}/" in redirect


def test_every_page_type_has_its_template_and_a_folder_of_its_own():
    folders = [page_type.folder for page_type in PAGE_TYPES]
    assert len(set(folders)) == len(folders)
    for page_type in PAGE_TYPES:
        assert (DEFAULTS_DIR / "templates" / page_type.template).is_file(), page_type.template


def test_a_category_called_index_would_replace_the_folder_s_page_and_is_refused(tmp_path: Path):
    data = fixture_copy("commute", tmp_path)
    category = load_comparison(data, check_registry=False).categories[0]
    renamed(data, category.id, "index")
    problems = check(data)
    assert any(re.match(r"data/features\.yml:\d+:9: the id `index` is taken: `categories/index` would replace", p) for p in problems), (
        problems
    )
