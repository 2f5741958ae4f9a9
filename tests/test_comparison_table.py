"""The comparison table in the browser: column picker and differences only (the phone layout: tests/test_reading_table.py)."""

from __future__ import annotations

import pytest

from tests.conftest import SiteServer, attr, first_criteria, fixture_copy
from tests.paths import DATA_DIR
from versus.data.lookup import Lookup
from versus.data.validate import load_comparison
from versus.site.build import build


@pytest.fixture(scope="module")
def three_url(tmp_path_factory):
    """The three-subject fixture, built and served."""
    folder = tmp_path_factory.mktemp("three-table")
    site = folder / "site"
    build(data_dir=fixture_copy("three", folder), site_dir=site)
    server = SiteServer(site)
    yield server.url
    server.close()


def visible_columns(page) -> list[str]:
    return page.eval_on_selector_all(
        "table.comparison thead th[data-subject]", "cells => cells.filter(c => !c.hidden).map(c => c.dataset.subject)"
    )


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all("table.comparison tbody tr[data-kind]", "rows => rows.filter(r => !r.hidden).map(r => r.id)")


def test_choosing_columns_updates_the_table_and_the_url(three_url, page):
    page.goto(three_url + "comparison/")
    assert visible_columns(page) == ["alpha", "beta", "gamma"]
    page.uncheck("form.column-picker input[value=beta]")
    assert visible_columns(page) == ["alpha", "gamma"]
    assert page.url.endswith("comparison/?compare=alpha,gamma") or "compare=alpha%2Cgamma" in page.url
    hidden_cells = page.eval_on_selector_all("td[data-subject=beta]", "cells => cells.every(c => !c.offsetParent)")
    assert hidden_cells


def test_differences_only_hides_rows_with_equal_ratings(three_url, page):
    # Debugging: alpha excellent, beta fair, gamma excellent. Mobile: good, excellent, limited.
    page.goto(three_url + "comparison/?compare=alpha,gamma&diff=1")
    assert visible_columns(page) == ["alpha", "gamma"]
    assert page.is_checked("form.column-picker input[name=diff]")
    assert visible_rows(page) == ["mobile-deployment"]
    page.check("form.column-picker input[value=beta]")
    assert visible_rows(page) == ["mobile-deployment", "debugging"]  # beta differs on debugging
    page.goto(three_url + "comparison/?compare=alpha&diff=1")
    assert visible_rows(page) == ["mobile-deployment", "debugging"]  # one column: nothing to compare


def test_differences_only_on_the_real_table(site_url, page):
    comparison = load_comparison(DATA_DIR)
    page.goto(site_url + "comparison/")
    if len(comparison.subjects) == 1:
        assert page.locator("form.column-picker").count() == 0, "one subject has no differences to show"
        return
    page.check("form.column-picker input[name=diff]")
    rows = Lookup.of(comparison).rows
    expected = [f.id for f in comparison.ordered_features() if len({r.same_as for r in rows[f.id].readings.values()}) > 1]
    assert visible_rows(page) == expected
    assert "diff=1" in page.url
    status = page.inner_text(".column-picker__status")
    assert f"{len(comparison.features) - len(expected)} row" in status


def test_a_pasted_link_shows_the_same_view(three_url, browser):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(three_url + "comparison/?compare=gamma,alpha&diff=1")
    assert visible_columns(tab) == ["alpha", "gamma"]
    assert tab.is_checked("form.column-picker input[name=diff]")
    context.close()


def test_without_javascript_the_full_table_shows(browser, three_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(three_url + "comparison/?compare=alpha,gamma&diff=1")
    assert not tab.is_visible("form.column-picker")
    assert visible_columns(tab) == ["alpha", "beta", "gamma"]
    assert visible_rows(tab) == ["mobile-deployment", "debugging"]
    context.close()


def test_the_scripts_work_after_instant_navigation(self_addressed_url, page):
    """Material swaps pages without a reload; the picker and copy buttons must still come alive."""
    site_url = self_addressed_url
    page.goto(site_url)
    page.evaluate("window.__same_document = true")
    page.click("nav.md-nav a[href$='comparison/']")
    page.wait_for_url(site_url + "comparison/")
    assert page.evaluate("window.__same_document === true"), "the click reloaded the page: instant navigation is off"
    if len(load_comparison(DATA_DIR).subjects) > 1:  # one subject has no column picker
        page.wait_for_selector("form.column-picker:not([hidden])")
        page.check("form.column-picker input[name=diff]")
        assert "diff=1" in page.url
    page.wait_for_selector("table.comparison tbody button.copy-link:not([hidden])")
    assert page.is_visible(f"tr{attr('id', first_criteria()[0].id)} button.copy-link")
    page.click("nav.md-nav a[href$='decide/']")
    page.wait_for_selector(".decision-helper__output .decision-result")
    assert page.evaluate("window.__same_document === true")
