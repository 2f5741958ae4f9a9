"""A criterion and its cells, whatever their kind: what every kind shares, and the hooks each kind fills in.

Each kind of value (versus/data/kinds/) derives its criterion from `Feature`
and its cells from `Cell`: the criterion says what its cells hold, how they
read and score and which rules they keep; the cell adds the keys that say
its value. What a cell's value was on a day (`Cell.on`) is one rule for
every kind.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from versus.data.base import BrokenRule, Located, Model, References, Source
from versus.data.fields import Aliases, Day, Flag, Markdown, Slug, Text
from versus.data.history import PastValue
from versus.data.limits import MAX_ALIASES
from versus.data.reading import Reading
from versus.data.scales import Scale

if TYPE_CHECKING:
    from versus.data.model import Subject


class Cell(Located):
    """One subject's value for one criterion. Each kind adds the keys that say its value."""

    # The keys that say this kind's value, its main key first: a value's details (support's `since`) go with it.
    value_keys: ClassVar[tuple[str, ...]] = ()
    # The keys a cell of this kind must have when the criterion applies to its subject.
    needs: ClassVar[tuple[str, ...]] = ()

    label: Text | None = Field(default=None, description="A short value for the table, e.g. `Row-level locking`.")
    note: Text | None = Field(default=None, description="A short footnote shown in the table cell, e.g. `Only on Linux.`")
    applies: Flag = Field(
        default=True, description="`false` when the criterion does not apply to this subject: shown as such and left out of its scores."
    )
    explanation: Markdown = Field(description="Why the value is what it is, in a few sentences, shown on the fact's own page.")
    sources: list[Source] = Field(default_factory=list, description="At least one primary source, unless the cell is `applies: false`.")
    as_of: Day = Field(description="The day this value was last checked against its sources.")
    first_checked: Day | None = Field(
        default=None,
        description="The first day this value was checked against its sources; dated views of the comparison show it from "
        "that day. Without it they show it from `as_of` (or its `since` date, when earlier).",
    )
    editorial: Flag = Field(default=False, description="True when the value is the site's judgement, not a sourced fact.")
    history: Sequence[PastValue] = Field(default_factory=list, description="Earlier values, oldest first.")

    def broken_rules(self) -> list[BrokenRule]:
        broken = [
            BrokenRule(key, "a cell with `applies: false` has no value", "remove it")
            for key in self.value_keys
            if not self.applies and getattr(self, key) is not None
        ]
        if not self.sources and self.applies and not self.editorial:
            broken.append(
                BrokenRule(
                    "sources", "a cell needs at least one source", "add `sources:` with a primary source, or mark it `editorial: true`"
                )
            )
        if self.first_checked and self.first_checked > self.as_of:
            broken.append(
                BrokenRule(
                    "first_checked",
                    f"`first_checked` {self.first_checked} is after `as_of` {self.as_of}",
                    "the first check comes on or before the latest one",
                )
            )
        if self.first_checked and self.history and self.first_checked < self.history[-1].changed_on:
            broken.append(
                BrokenRule(
                    "first_checked",
                    f"`first_checked` {self.first_checked} is before the last change, on {self.history[-1].changed_on}",
                    "the current value was first checked on or after the day it took over",
                )
            )
        return broken

    def held_from(self) -> date | None:
        """The day the value itself says it has held since, if it says one (support's `since`)."""
        return None

    def first_record(self) -> date:
        """The earliest day the data shows any value of this cell held.

        That is the oldest value's first check: the oldest past value's `as_of`
        (the only day the data shows it held), or, for a cell without history,
        its `first_checked` (else its `as_of`); a value that says since when it
        has held (`held_from`) moves it earlier."""
        return self._first_record(self.on_record()[0])

    @staticmethod
    def _first_record(oldest: Cell) -> date:
        held_from = oldest.held_from()
        return min(oldest.first_checked or oldest.as_of, held_from or date.max)

    def on_record(self) -> list[Cell]:
        """Every value this cell has held, oldest first, each as a whole cell of its time.

        A past value names only what changed; what it leaves out it shared with
        the value that followed it, so the values are rebuilt newest to oldest."""
        values = [self]
        for past in reversed(self.history):
            later = values[-1]
            values.append(
                self.model_copy(
                    update={
                        **self._value_before(past, later),
                        "applies": past.applies,
                        "explanation": past.explanation or later.explanation,
                        "sources": past.sources,
                        "as_of": past.as_of,
                        "first_checked": None,
                        "note": None,  # a note speaks of the current value
                        "history": self.history[: len(self.history) - len(values)],
                    }
                )
            )
        return values[::-1]

    def _value_before(self, past: PastValue, later: Cell) -> dict[str, object]:
        """The keys that say the value, as they were: the past value's, or those of the value after it it left out.

        A past value that gives the kind's main key gives the value whole: its label and details are its own."""
        own = bool(self.value_keys) and getattr(past, self.value_keys[0]) is not None
        value = {key: getattr(past, key) if own or getattr(past, key) is not None else getattr(later, key) for key in self.value_keys}
        return {**value, "label": past.label if past.label is not None or own else later.label}

    def on(self, day: date, record: Sequence[Cell] | None = None) -> Cell | None:
        """The value in effect on `day`, as a whole cell, or None when the data does not yet know it.

        The one rule every dated view uses. The current value holds from the newest
        past value's `changed_on` on; each past value holds from the previous one's
        `changed_on` up to, not including, its own `changed_on`; the oldest value
        holds from the cell's first record (`first_record`). Before that the value
        is unknown, never guessed. `record` is this cell's on_record(), when the caller keeps it: the
        same day then gives the same past cell, not a copy of it."""
        values = record or self.on_record()
        if day < self._first_record(values[0]):
            return None
        for value, past in zip(values, self.history, strict=False):
            if day < past.changed_on:
                return value
        return values[-1]

    def changes_on(self) -> list[date]:
        """The days this cell's value in effect changes: its first record and each change."""
        return [self.first_record(), *(past.changed_on for past in self.history)]


class Feature(Model):
    """A criterion of the comparison: one table row and one page. Each kind of value is a criterion of its own."""

    always_scored: ClassVar[bool] = False  # every criterion of the kind is scored
    scored_as: ClassVar[str] = ""  # the criteria of the kind that are scored, when only some are: "numbers with `better: …`"

    id: Slug
    name: Text = Field(description="The criterion as the table names it, e.g. `Logical replication`.")
    question: Text = Field(description="What this criterion asks, in one sentence.")
    aliases: Aliases
    keywords: list[Text] = Field(default_factory=list, max_length=MAX_ALIASES, description="Extra search words, e.g. product names.")
    category: Slug | None = Field(default=None, description="The id of the category this criterion belongs to, e.g. `replication`.")
    kind: str = Field(description="How its cells answer.")
    values: Mapping[Slug, Cell] = Field(description="One cell per subject id.")

    @property
    def scored(self) -> bool:
        """True when its cells are scored: they feed the decision helper, the tallies and "who is ahead"."""
        return self.always_scored

    def unscored_because(self) -> str:
        """Why the criterion is not scored, for a hint: "a `fact` criterion"."""
        return f"a `{self.kind}` criterion"

    @property
    def shown_unit(self) -> str:
        """The unit written after each value; empty for a kind without one."""
        return ""

    def plain_value(self, cell: Cell) -> str:
        """A cell's value as data, for the CSV beside its shown text: a number without its unit; empty by default."""
        return ""

    def named_scale(self) -> str | None:
        """The id of the scale the criterion names, if its kind takes one."""
        return None

    @abstractmethod
    def read(self, cell: Cell, scale: Scale | None) -> Reading:
        """How one of its cells reads, when the criterion applies to its subject: each kind says (data/kinds/)."""

    def read_past(self, past: PastValue, scale: Scale | None) -> tuple[str, str]:
        """A past value of one of its cells as shown: its text and its level in words."""
        return past.label or "", ""

    def score(self, readings: dict[str, Reading]) -> dict[str, Reading]:
        """The row's readings with the points that depend on the whole row (numbers, dates); as read by default."""
        return readings

    def value_hint(self, key: str, scale: Scale | None) -> str:
        """What to write for a key its cells need."""
        return "write a short value for the table"

    def broken_rules(self) -> list[BrokenRule]:
        """The criterion's own rules it breaks, keyed under it; none by default."""
        return []

    def cell_rules(self, cell: Cell, scale: Scale | None) -> list[BrokenRule]:
        """The rules of its kind that a cell which applies breaks, keyed under the cell (its history included)."""
        return []

    def on(self, day: date) -> Feature:
        """The criterion as it stood on `day`: each cell's value in effect then (`Cell.on`); unknown cells left out."""
        return self.on_each([day])[0]

    def on_each(self, days: Sequence[date]) -> list[Feature]:
        """The criterion as it stood on each of `days`, as `on` gives it. Each cell's values on record are
        rebuilt once for all the days, so a past value in effect on several of them is one cell."""
        records = {subject_id: cell.on_record() for subject_id, cell in self.values.items()}
        states = []
        for day in days:
            values = {subject_id: cell.on(day, records[subject_id]) for subject_id, cell in self.values.items()}
            states.append(self.model_copy(update={"values": {sid: cell for sid, cell in values.items() if cell is not None}}))
        return states

    def changes_on(self) -> list[date]:
        """The days any of the row's values in effect changes, in order: the row's states begin on these days."""
        return sorted({day for cell in self.values.values() for day in cell.changes_on()})

    def references(self, subjects: Sequence[Subject], today: Feature | None = None) -> References:
        """The feature page's reference list: every cell's sources, numbered in subject order.

        For the criterion as it stood on a day (`on`), give `today`, the criterion as it is:
        its sources keep the numbers of its page, and sources only an earlier value cites
        are numbered after them."""
        features = [today, self] if today else [self]
        return References.numbering(
            (s.id, feature.values[s.id].sources, feature.values[s.id].as_of)
            for feature in features
            for s in subjects
            if s.id in feature.values
        )
