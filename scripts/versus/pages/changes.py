"""Every change of every fact, newest first: the "What changed" page and the feed.

A fact keeps its earlier values in `history`; each becomes a `Change` that
knows what the fact is called, where its page is and what it was and became,
and which criterion and subjects it is about, for the feeds of the item pages
(each page type's `follows`, scripts/pages/page_types.py).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from versus.data.base import Source
from versus.data.history import PastValue, ValueChange
from versus.data.lookup import Lookup
from versus.data.model import Comparison, Note
from versus.pages.urls import PERFORMANCE_PAGE, PRICING_PAGE, Links


@dataclass(frozen=True)
class Change:
    """One replaced value, anywhere in the data, and where its fact lives on the site."""

    section: str  # the part of the site, e.g. "Comparison" or "Verdict"
    fact: str  # what changed, in the reader's words, e.g. "Mobile deployment for Alpha"
    value_change: ValueChange
    page: str  # the fact's URL relative to the site root, with its anchor
    anchor: str  # this change's anchor on the What changed page
    feature: str = ""  # the criterion whose cell changed; empty for notes and verdict points
    subjects: tuple[str, ...] = ()  # the subjects the fact is about: a cell's subject, a verdict point's winner

    @property
    def past(self) -> PastValue:
        return self.value_change.past

    @property
    def changed_on(self) -> date:
        return self.value_change.past.changed_on

    def description(self) -> str:
        return self.value_change.description()

    @property
    def sources(self) -> list[Source]:
        return self.value_change.past.change_sources


def every_change(comparison: Comparison, lookup: Lookup) -> list[Change]:
    """All changes of features, notes and verdict points, newest first (data order within a day)."""
    root = Links.for_file("index.md")
    found: list[Change] = []
    for feature in comparison.features:
        for subject in comparison.subjects:
            cell = feature.values.get(subject.id)
            if cell is not None:
                page = f"{root.page_of('feature', feature.id)}#{subject.id}"
                found += _changes(
                    "Comparison",
                    f"{feature.name} for {subject.name}",  # no colon: the feed's title puts one after it
                    lookup.rows[feature.id].changes(subject.id),
                    page,
                    f"{feature.id}-{subject.id}",
                    feature=feature.id,
                    subjects=(subject.id,),
                )
    for section, page_url, notes in (
        ("Pricing", PRICING_PAGE, comparison.pricing.considerations),
        ("Performance", PERFORMANCE_PAGE, comparison.performance.points),
    ):
        found += _note_changes(section, page_url, notes, root)
    for point in comparison.verdict.points:
        # A point's winner is the subject it is about; a point with no winner is about none alone.
        winner = (point.winner,) if point.winner else ()
        found += _changes("Verdict", point.title, point.changes(), root.verdict_point(point.id), f"verdict-{point.id}", subjects=winner)
    found.sort(key=lambda change: change.changed_on, reverse=True)  # stable: data order within a day
    return _with_unique_anchors(found)


def _note_changes(section: str, page_url: str, notes: list[Note], root: Links) -> list[Change]:
    return [
        change
        for note in notes
        for change in _changes(section, note.title, note.changes(), root.section(page_url, note.id), f"{section.lower()}-{note.id}")
    ]


def _changes(
    section: str, fact: str, value_changes: list[ValueChange], page: str, anchor: str, *, feature: str = "", subjects: tuple[str, ...] = ()
) -> list[Change]:
    return [
        Change(section, fact, value_change, page, f"{anchor}-{value_change.past.changed_on.isoformat()}", feature, subjects)
        for value_change in value_changes
    ]


def _with_unique_anchors(changes: list[Change]) -> list[Change]:
    """Two changes of one fact on one day would share an anchor; number the later ones."""
    seen: dict[str, int] = {}
    unique = []
    for change in changes:
        count = seen.get(change.anchor, 0) + 1
        seen[change.anchor] = count
        unique.append(change if count == 1 else dataclasses.replace(change, anchor=f"{change.anchor}-{count}"))
    return unique
