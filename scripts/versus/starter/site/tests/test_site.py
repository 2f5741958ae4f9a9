"""This site's own checks: valid data and current schemas, a strict build, sound links,
nothing loaded from another host, and search that finds every criterion.

The checks live in the generator (versus.checks.site_tests) and take every
id and word from data/, so they improve with each upgrade of the generator.
"""

import pytest

from versus.checks import site_tests


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    return site_tests.build_into(tmp_path_factory.mktemp("build"))


def test_the_data_is_valid():
    assert site_tests.site_comparison().features


def test_the_editor_schemas_are_current():
    assert site_tests.stale_schemas() == [], "run `make schema`"


def test_every_link_anchor_and_search_result_resolves(site):
    assert site_tests.broken_links(site) == []


def test_no_page_loads_anything_from_another_host(site):
    assert site_tests.requests_to_other_hosts(site) == []


def test_search_finds_every_criterion_by_its_name(site):
    assert site_tests.search_misses(site) == []
