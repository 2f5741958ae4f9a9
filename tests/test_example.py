"""Checks of the shipped example's own content; skipped for any other comparison in data/.

Everything else in the suite holds for any valid data. These tests know the
example's ids and words, so they run only while data/ holds that example
(recognised by its ten original criteria).
"""

from __future__ import annotations

import pytest

from tests.conftest import first_search_result_href, project_comparison

ORIGINAL_CRITERIA = {
    "computational-graph",
    "learning-curve",
    "debugging",
    "mobile-deployment",
    "web-deployment",
    "research-community",
    "production-tools",
    "language-support",
    "gpu-acceleration",
    "documentation",
}

pytestmark = pytest.mark.skipif(
    not {feature.id for feature in project_comparison().features} >= ORIGINAL_CRITERIA, reason="data/ holds another comparison"
)


def test_the_original_criteria_keep_their_ids():
    ids = [feature.id for feature in project_comparison().features]
    assert set(ids) >= ORIGINAL_CRITERIA


def test_judgements_without_a_study_behind_them_are_marked_editorial():
    for feature in project_comparison().features:
        if feature.id in ("learning-curve", "documentation"):
            assert all(cell.editorial for cell in feature.values.values()), feature.id


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("LiteRT", "features/mobile-deployment/"),
        ("TensorFlow.js", "features/web-deployment/"),
        ("TorchScript", "features/computational-graph/"),
        ("licence", "pricing/"),
        ("TPU", "features/google-tpu/"),
    ],
)
def test_search_for_a_product_lands_on_its_fact(site_url, page, query, expected):
    href = first_search_result_href(page, site_url, query)
    assert href.split("?")[0] == site_url + expected, href
