"""The published data itself: every fact sourced with a real https address and honestly dated."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import pytest

from scripts.data.model import Source
from scripts.data.validate import load_comparison
from tests.conftest import ROOT

COMPARISON = load_comparison(ROOT / "data")


def facts():
    """(name, fact) for every cell, subject, note and verdict point of the real data."""
    for feature in COMPARISON.features:
        for subject_id, cell in feature.values.items():
            yield f"{feature.id} / {subject_id}", cell
    for subject in COMPARISON.subjects:
        yield f"subjects / {subject.id}", subject
    for note in COMPARISON.pricing.considerations + COMPARISON.performance.points:
        yield f"note / {note.id}", note
    for point in COMPARISON.verdict.points:
        yield f"verdict / {point.id}", point


def well_formed_https(source: Source) -> bool:
    parts = urlsplit(source.url)
    return parts.scheme == "https" and "." in parts.hostname and " " not in source.url and not parts.username


@pytest.mark.parametrize("name, fact", list(facts()), ids=[name for name, _ in facts()])
def test_every_fact_is_sourced_and_dated_no_later_than_today(name, fact):
    sources = getattr(fact, "sources", None)
    if sources is not None:  # verdict points rest on use cases and their features instead
        assert sources, f"{name} has no source"
        assert all(well_formed_https(source) for source in sources), [s.url for s in sources]
        assert all(source.title.strip() and source.publisher.strip() for source in sources)
    assert fact.as_of <= date.today()
    for past in getattr(fact, "history", []):
        assert past.as_of <= past.changed_on <= fact.as_of <= date.today()
        assert past.change_sources and all(well_formed_https(source) for source in past.change_sources), name


def test_judgements_without_a_study_behind_them_are_marked_editorial():
    for feature_id in ("learning-curve", "documentation"):
        feature = next(f for f in COMPARISON.features if f.id == feature_id)
        assert all(cell.editorial for cell in feature.values.values()), feature_id


def test_every_subject_record_is_complete_and_its_releases_are_in_order():
    for subject in COMPARISON.subjects:
        assert subject.first_release.date < subject.latest_release.date <= subject.as_of
        for url in (subject.homepage, subject.repository, subject.documentation, subject.licence_url):
            assert urlsplit(url).scheme == "https"
