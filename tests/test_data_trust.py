"""The published data itself: every fact sourced with a real https address and honestly dated."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT
from versus.data.base import Source
from versus.data.validate import load_comparison
from versus.data.walk import located_facts

COMPARISON = load_comparison(ROOT / "data")


def facts():
    """(name, fact) for every dated fact of the project's data: cells, subject records, notes, verdict points."""
    for found in located_facts(COMPARISON):
        yield found.what, found.fact


def well_formed_https(source: Source) -> bool:
    parts = urlsplit(source.url)
    return parts.scheme == "https" and "." in (parts.hostname or "") and " " not in source.url and not parts.username


@pytest.mark.parametrize("name, fact", list(facts()), ids=[name for name, _ in facts()])
def test_every_fact_is_sourced_and_dated_no_later_than_today(name, fact):
    sources = getattr(fact, "sources", None)
    # Verdict points rest on use cases instead; judgements and cells that do not apply may stand alone.
    unsourced_allowed = getattr(fact, "editorial", False) or not getattr(fact, "applies", True)
    if sources is not None and not unsourced_allowed:
        assert sources, f"{name} has no source"
    assert all(well_formed_https(source) for source in sources or []), [s.url for s in sources or []]
    assert all(source.title.strip() and source.publisher.strip() for source in sources or [])
    assert fact.as_of <= date.today()
    for past in getattr(fact, "history", []):
        assert past.as_of <= past.changed_on <= fact.as_of <= date.today()
        assert past.change_sources and all(well_formed_https(source) for source in past.change_sources), name


def test_every_subject_record_links_over_https_and_its_releases_are_in_order():
    for subject in COMPARISON.subjects:
        if subject.first_release and subject.latest_release:
            assert subject.first_release.date <= subject.latest_release.date
        if subject.latest_release and subject.as_of:
            assert subject.latest_release.date <= subject.as_of
        for url in (subject.homepage, subject.repository, subject.documentation, subject.licence_url):
            assert url is None or urlsplit(url).scheme == "https"
