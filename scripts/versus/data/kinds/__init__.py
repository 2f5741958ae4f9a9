"""Kinds of value, declared once: what a cell of each kind must hold, how it reads and how it scores.

A criterion's `kind` says how its cells answer: a level of a scale
(`rating`, the default), `support`, a plain `fact`, a `number`... (the
README's table of kinds says what each holds). Each kind is a module here
with its criterion, cell and past-value models, and one `Kind` row below;
the data files' models take a criterion as the union of the kinds
(`AnyFeature`), chosen by its `kind`, so the schemas, the check, the table,
the fact pages, the decision helper, the tallies and the exports all know a
new kind by its row.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Union

from pydantic import Discriminator, Tag

from versus.data.cells import Cell, Feature
from versus.data.history import PastValue, ValueChange, value_changes
from versus.data.kinds.date import DateCell, DateFeature, DatePast
from versus.data.kinds.fact import FactCell, FactFeature, FactPast
from versus.data.kinds.number import NumberCell, NumberFeature, NumberPast
from versus.data.kinds.rating import RatingCell, RatingFeature, RatingPast
from versus.data.kinds.support import SupportCell, SupportFeature, SupportPast
from versus.data.reading import NOT_APPLICABLE, NOT_RECORDED, SUPPORT, UNRECORDED, Reading, number_text, plain_number
from versus.data.scales import Scale

if TYPE_CHECKING:
    from collections.abc import Sequence

    from versus.data.base import Reference
    from versus.data.model import Comparison
    from versus.data.subjects import Subject

# Shared by every kind; the pages read them here.
__all__ = ["NOT_APPLICABLE", "NOT_RECORDED", "SUPPORT", "UNRECORDED", "Reading", "number_text", "plain_number"]


@dataclass(frozen=True)
class Kind:
    """One kind of value: its name as a criterion's `kind:` writes it, and its models."""

    name: str
    criterion: type[Feature]
    cell: type[Cell]
    past: type[PastValue]


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("rating", RatingFeature, RatingCell, RatingPast),
        Kind("support", SupportFeature, SupportCell, SupportPast),
        Kind("fact", FactFeature, FactCell, FactPast),
        Kind("number", NumberFeature, NumberCell, NumberPast),
        Kind("date", DateFeature, DateCell, DatePast),
    )
}
DEFAULT_KIND = "rating"  # a criterion without `kind:`


def kind_of(criterion: object) -> str | None:
    """The kind a criterion is written as: its `kind:`, else the default; None when `kind:` is not a word.

    Anything but a mapping is taken as the default kind, so its problem is said once, as a wrong shape."""
    if isinstance(criterion, Feature):
        return criterion.kind
    if not isinstance(criterion, dict):
        return DEFAULT_KIND
    kind = criterion.get("kind", DEFAULT_KIND)
    return kind if isinstance(kind, str) else None


if TYPE_CHECKING:
    AnyFeature = Feature
else:
    # A criterion of any kind, validated as the model of its `kind`: each kind's keys, rules and schema of its own.
    AnyFeature = Annotated[
        Union[tuple(Annotated[kind.criterion, Tag(kind.name)] for kind in KINDS.values())],  # noqa: UP007
        Discriminator(kind_of),
    ]


@dataclass(frozen=True)
class RowCell:
    """One subject's cell of a row as the comparison table shows it: everything its HTML is made of."""

    subject: Subject
    cell: Cell | None  # None where the data does not know the value (yet, on a day of the dated view)
    reading: Reading
    ahead: bool  # among the row's leaders
    numbered: tuple[Reference, ...]  # the cell's sources with their numbers on the criterion's page


@dataclass(frozen=True)
class Row:
    """One criterion read for every subject: each cell's reading, who is ahead, and each cell's changes."""

    feature: Feature
    scale: Scale | None
    readings: dict[str, Reading]  # subject id → reading, in subject order

    @property
    def scored(self) -> bool:
        return self.feature.scored

    def all_equal(self, subject_ids: list[str]) -> bool:
        """True when these subjects' cells give one answer (`Reading.same_as`): "differences only" hides such a row."""
        return len({self.readings[sid].same_as for sid in subject_ids}) <= 1

    def leaders(self) -> set[str]:
        """The subjects with the best score in this row; none when the row is unscored or all are equal."""
        return set(self._leaders)

    @functools.cached_property
    def _leaders(self) -> frozenset[str]:
        # A row is read once and asked who leads on many pages and on every day of the dated view.
        scores = {sid: reading.points for sid, reading in self.readings.items() if reading.points is not None}
        if len(scores) < 2 or len(set(scores.values())) == 1:
            return frozenset()
        best = max(scores.values())
        return frozenset(sid for sid, points in scores.items() if points == best)

    @functools.cached_property
    def standings(self) -> dict[str, int]:
        """How the row counts in each subject's tally (`Tally`), by the field's place: 0 best, 1 behind, 2 equal.

        Only the subjects it scores, when it scores two or more; equal as "differences only" reads it;
        cells that differ yet score alike are joint best."""
        scored = [sid for sid, reading in self.readings.items() if reading.points is not None]
        if len(scored) < 2:
            return {}
        equal, leaders = self.all_equal(scored), self._leaders
        return {sid: 2 if equal else 0 if not leaders or sid in leaders else 1 for sid in scored}

    def cells(self, subjects: Sequence[Subject], today: Feature) -> list[RowCell]:
        """The row's cells in subject order, as the table shows them; `today` is the criterion as it is.

        Read as it stood on a day, a row's sources keep the numbers of the criterion's page, which
        numbers today's sources (`Feature.references`); one function, so today's table and the
        dated view (versus/pages/dated.py) cannot disagree about a cell."""
        references = self.feature.references(subjects, None if self.feature is today else today)
        ahead = self.leaders()
        found = []
        for subject in subjects:
            cell = self.feature.values.get(subject.id)
            reading = self.readings.get(subject.id, UNRECORDED)
            numbered = tuple(references.of(cell.sources)) if cell else ()
            found.append(RowCell(subject, cell, reading, subject.id in ahead, numbered))
        return found

    def summary_line(self, names: dict[str, str]) -> str:
        """The values in one line, e.g. for a link preview: "Name: A: x · B: y"."""
        values = " · ".join(f"{names[sid]}: {reading.text}" for sid, reading in self.readings.items())
        return f"{self.feature.name}: {values}"

    def changes(self, subject_id: str) -> list[ValueChange]:
        """Every change of one subject's value, newest first: "was X, now Y"."""
        cell = self.feature.values[subject_id]
        reading = self.readings[subject_id]
        shown = [self.feature.read_past(past, self.scale) if past.applies else (NOT_APPLICABLE, "") for past in cell.history]
        return value_changes(cell.history, [*shown, (reading.text, reading.level_label)])


def read_cell(cell: Cell, feature: Feature, scale: Scale | None) -> Reading:
    """How one cell reads; a cell that does not apply reads as such, unscored."""
    if not cell.applies:
        return Reading(cell.label or "", "not-applicable", NOT_APPLICABLE, "–", None, "not-applicable", applies=False)
    return feature.read(cell, scale)


def read_row(feature: Feature, comparison: Comparison) -> Row:
    """A criterion's cells read in subject order; scores that depend on the row (a number's) set against the others."""
    scale = comparison.scale_of(feature)
    readings = {s.id: read_cell(feature.values[s.id], feature, scale) for s in comparison.subjects if s.id in feature.values}
    return Row(feature, scale, feature.score(readings))
