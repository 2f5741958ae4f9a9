"""Lighthouse scores accessibility, best practices and SEO 100 on every page type (performance is `make lighthouse`'s report)."""

from __future__ import annotations

import pytest

from versus.checks.lighthouse import PERFECT_CATEGORIES, audit_pages
from versus.checks.site_pages import page_types

pytestmark = pytest.mark.browser


def test_every_page_type_scores_100_in_accessibility_best_practices_and_seo(built_site):
    kinds = page_types(built_site)
    audits = audit_pages(built_site, list(kinds.values()), PERFECT_CATEGORIES, quick=True)
    assert [audit.page for audit in audits] == list(kinds.values()), "Lighthouse did not audit every page"
    below = {
        audit.page or "/": {**audit.scores, "failing": audit.failing}
        for audit in audits
        if any(score < 100 for score in audit.scores.values())
    }
    assert below == {}
