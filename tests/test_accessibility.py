"""axe-core finds no accessibility violation on any page type, in light and in dark mode, search open or closed, target size included."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import search_word
from versus.checks.site_pages import page_types

pytestmark = pytest.mark.browser

# Material's palette names for the reader's colour-scheme preference.
SCHEMES = {"light": "default", "dark": "slate"}
PHONE = {"width": 412, "height": 823}  # the viewport Lighthouse's mobile run uses
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def open_page(browser, url: str, scheme: str, viewport: dict):
    """A tab showing `url` in the given colour scheme, with Material's palette checked to match."""
    context = browser.new_context(color_scheme=scheme, viewport=viewport)
    tab = context.new_page()
    tab.goto(url, wait_until="networkidle")
    assert tab.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme], f"{url} did not switch to {scheme} mode"
    return tab


def settle(tab) -> None:
    """Wait for Material's fades to end: axe measures contrast on the colours of the moment."""
    tab.wait_for_timeout(100)
    tab.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")


# axe's rules, plus WCAG 2.2's target size (2.5.8), which axe leaves off unless asked.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def violations(axe: Axe, tab) -> list[str]:
    """axe's violations on the tab as readable lines: rule, impact, where."""
    found = []
    for violation in axe.run(tab, options=AXE_OPTIONS).response["violations"]:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_page_type_has_an_accessibility_violation(browser, gate_site, gate_url, axe, scheme):
    found = {}
    for kind, url in page_types(gate_site).items():
        tab = open_page(browser, gate_url + url, scheme, DESKTOP)
        settle(tab)
        if problems := violations(axe, tab):
            found[f"{kind} ({url or '/'})"] = problems
        tab.context.close()
    assert found == {}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_search_with_results_open_on_a_phone_has_no_violation(browser, site_url, axe, scheme):
    tab = open_page(browser, site_url + "comparison/", scheme, PHONE)
    tab.locator("label.md-header__button[for='__search']").click()
    tab.keyboard.type(search_word())
    tab.wait_for_selector(".md-search-result__item")
    settle(tab)
    assert tab.locator(".md-search-result mark").count() > 0, "the results should highlight the words searched for"
    assert violations(axe, tab) == []
    tab.context.close()
