"""On a phone too: axe-core, WCAG 2.2 target size included, finds no violation on any page type or on the page for a missing address."""

from __future__ import annotations

import pytest

from tests.test_accessibility import SCHEMES, axe, open_page, settle, violations  # noqa: F401 (axe is a fixture)
from versus.checks.site_pages import page_types
from versus.checks.static_server import StaticServer

PHONE = {"width": 390, "height": 844}
MISSING = "no-such-page/"


@pytest.fixture(scope="module")
def host_url(gate_site):
    """The gate site served as a static host serves it: 404.html for a missing address."""
    with StaticServer(gate_site) as server:
        yield server.url


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_page_type_has_a_violation_on_a_phone(browser, gate_site, host_url, axe, scheme):  # noqa: F811
    found = {}
    for kind, url in {**page_types(gate_site), "404": MISSING}.items():
        tab = open_page(browser, host_url + url, scheme, PHONE)
        settle(tab)
        if problems := violations(axe, tab):
            found[f"{kind} ({url or '/'})"] = problems
        tab.context.close()
    assert found == {}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_page_for_a_missing_address_has_no_violation_on_a_desktop(browser, host_url, axe, scheme):  # noqa: F811
    tab = open_page(browser, host_url + MISSING, scheme, {"width": 1366, "height": 900})
    settle(tab)
    assert violations(axe, tab) == []
    tab.context.close()
