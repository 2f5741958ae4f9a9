"""The typed model of a comparison: the only shape of the data past the loader.

Each data file under data/ has a file model here (``SubjectsFile``...); the
validator assembles them into one ``Comparison`` that every template reads.
Scalars arrive from the loader as strings, so YAML 1.1 surprises (``no`` as a
boolean, ``2.10`` as a float) never happen; the few typed fields (dates,
booleans, numbers) are parsed here with explicit rules.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from versus.data.fields import Aliases, Day, Flag, HttpsUrl, Markdown, NumberValue, Score, Slug, Text
from versus.data.limits import MAX_ALIASES

ValueKind = Literal["rating", "support", "fact", "number"]
SupportLevel = Literal["yes", "partial", "no", "unknown"]
NO_UNIT = "none"  # `unit: none`: a number criterion that counts things has no unit to show


@dataclass(frozen=True)
class BrokenRule:
    """A rule of the model that a well-typed item breaks, reported at its `key` with a hint.

    Checked after every file has its types right, with the references, so one
    such mistake never hides the others of the run."""

    key: str
    message: str
    hint: str


class Model(BaseModel):
    """Base of every data model: unknown keys are errors and objects never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(Model):
    """One step of a scale: its id (written in cells), its label, its score and its symbol."""

    id: Slug
    label: Text = Field(description="The word shown with the symbol, e.g. `Good`.")
    score: Score = Field(description="A whole number; higher is better. The best level of a scale scores highest, e.g. `5`.")
    symbol: Text | None = Field(
        default=None, description="A few characters shown before the label, e.g. `●●●●○`; never the only sign of the level."
    )
    meaning: Text | None = Field(default=None, description="What this level means, in one sentence, shown in the legend.")


class Scale(Model):
    """A rating scale declared in the data: levels best first, each with a score."""

    id: Slug
    name: Text = Field(description="What the scale measures, e.g. `Quality`.")
    levels: list[Level] = Field(min_length=2, description="The levels, best first.")

    def level(self, level_id: str) -> Level | None:
        """The level with this id, or None."""
        return self._levels_by_id.get(level_id)

    @functools.cached_property
    def _levels_by_id(self) -> dict[str, Level]:
        # Asked once per rated cell: an index rather than a scan of the levels.
        return {level.id: level for level in self.levels}

    def points(self, level: Level) -> int:
        """The level's place between the worst (0) and the best (100) score of the scale."""
        low, high = self._score_range
        return 100 if high == low else round(100 * (level.score - low) / (high - low))

    @functools.cached_property
    def _score_range(self) -> tuple[int, int]:
        # Asked once per rated cell, and more by the decision helper: the scale's range is found once.
        scores = [step.score for step in self.levels]
        return min(scores), max(scores)


class Category(Model):
    """An ordered group of criteria: a header row in the table, with its own anchor."""

    id: Slug
    name: Text = Field(description="The group's name, shown as a header row, e.g. `Replication`.")
    description: Text | None = Field(default=None, description="What the criteria of this group have in common, in one line.")
    aliases: Aliases


class Source(Model):
    """A primary source: official documentation, release notes, a repository, an announcement."""

    url: HttpsUrl
    title: Text = Field(description="The page's own title, e.g. `Release notes 8.4`.")
    publisher: Text = Field(description="Who published it, e.g. `Python Software Foundation`.")


@dataclass(frozen=True)
class Reference:
    """One numbered entry of a reference list: a source, the day it was read, and whose value cites it."""

    number: int
    source: Source
    accessed: date
    cited_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class References:
    """A numbered reference list. Citation numbers everywhere come from here, so a
    table cell's [2] is entry 2 of its fact page's list."""

    entries: tuple[Reference, ...]

    @classmethod
    def numbering(cls, citing: Iterable[tuple[str, Sequence[Source], date]]) -> References:
        """Number sources in order of first citation; a source cited twice keeps one number
        and the latest day it was read. `citing` holds (who cites, sources, as_of) triples."""
        found: dict[Source, Reference] = {}
        for cited_for, sources, accessed in citing:
            for source in sources:
                known = found.get(source)
                if known is None:
                    found[source] = Reference(len(found) + 1, source, accessed, (cited_for,) if cited_for else ())
                else:
                    found[source] = Reference(
                        known.number,
                        source,
                        max(known.accessed, accessed),
                        known.cited_for + ((cited_for,) if cited_for and cited_for not in known.cited_for else ()),
                    )
        return cls(tuple(found.values()))

    def of(self, sources: Sequence[Source]) -> list[Reference]:
        """The numbered entries of these sources, lowest number first, so a reader meets [2][5], never [5][2]."""
        return sorted((self._by_source[source] for source in sources), key=lambda reference: reference.number)

    @functools.cached_property
    def _by_source(self) -> dict[Source, Reference]:
        # Indexed once: every cell of a feature looks its sources up here.
        return {entry.source: entry for entry in self.entries}


@dataclass(frozen=True)
class Place:
    """Where a fact stands in the data: its file, the line it starts on and the line of its `as_of`."""

    data_file: str  # the file's name inside the data folder, e.g. "features.yml"
    shown_path: str  # the path as the loader showed it in messages, e.g. "data/features.yml"
    line: int
    as_of_line: int


class Located(Model):
    """A fact that knows its place in the data files, for edit links and the stale report.

    The validator attaches the place after checking (scripts/data/places.py). It is
    not data an editor writes, so it is private: never in the schema, never validated.
    """

    _place: Place | None = PrivateAttr(default=None)

    def broken_rules(self) -> list[BrokenRule]:
        """The model's own rules this fact breaks; none by default."""
        return []

    @property
    def place(self) -> Place | None:
        return self._place

    def attach_place(self, place: Place) -> None:
        self._place = place

    def __eq__(self, other: object) -> bool:
        # Two facts with the same data are equal wherever they were read from
        # (a loaded file, an export): the place is provenance, not data.
        if not isinstance(other, Located):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    # Facts are compared, never used as keys: equality by data makes a hash by identity wrong.
    __hash__ = None  # type: ignore[assignment]


class Since(Model):
    """When support arrived: a version, a day, or both."""

    version: Text | None = Field(default=None, description="The first version with this support, e.g. `8.4`.")
    date: Day | None = Field(default=None, description="The day that version was released, YYYY-MM-DD.")

    def text(self) -> str:
        """ "8.4 (March 2024)", "8.4" or "March 2024"."""
        day = f"{self.date:%B %Y}" if self.date else ""
        if self.version and day:
            return f"{self.version} ({day})"
        return self.version or day


class PastValue(Model):
    """A value a fact held before; kept so readers see what changed, when and why."""

    label: Text | None = Field(default=None, description="The short value as it was shown; give it, or the earlier level or number.")
    rating: Slug | None = Field(default=None, description="The level it had on the criterion's scale, when that changed too.")
    support: SupportLevel | None = Field(default=None, description="The support it had, when that changed.")
    since: Since | None = Field(default=None, description="Since when the earlier support held, when that changed.")
    value: NumberValue | None = Field(
        default=None, description="For a `number` criterion: the number it had, e.g. `249`, shown with the criterion's unit."
    )
    applies: Flag = Field(default=True, description="`false` when the criterion did not apply then.")
    explanation: Markdown | None = Field(default=None, description="The explanation as it was, when that is what the change corrected.")
    as_of: Day = Field(description="The day this value was last known to hold.")
    changed_on: Day = Field(
        description="The day the value stopped holding: the release or announcement that changed it, or, for a correction with no such event, the day the site corrected it."
    )
    reason: Markdown = Field(description="Why it changed, in one or two sentences.")
    change_sources: list[Source] = Field(
        min_length=1, description="The sources that show the change, e.g. the release notes or announcement that made the old value wrong."
    )
    sources: list[Source] = Field(default_factory=list, description="Where the old value came from, if anywhere.")


@dataclass(frozen=True)
class ValueChange:
    """A past value of a fact and the value that replaced it, each as shown: its text and its level."""

    past: PastValue
    was: str
    now: str
    was_level: str = ""  # the level's label, e.g. "Good"; empty for a fact without one
    now_level: str = ""

    def description(self) -> str:
        """What changed, in one phrase: "was “A” (Good), now “B” (Fair)"."""
        return describe_change(self.was, self.now, self.was_level, self.now_level)


def describe_change(was: str, now: str, was_level: str = "", now_level: str = "") -> str:
    """A value's change in the reader's words: "was “A” (Good), now “B” (Fair)".

    The one phrasing of a change: the What changed page, the feeds and `versus diff`
    all call it, so what a reviewer reads before an edit lands is what readers see after.
    A correction that kept the short value says so instead of repeating it.
    """
    if was != now:
        return f"was {_quoted(was, was_level)}, now {_quoted(now, now_level)}"
    if was_level and now_level and was_level != now_level:
        return f"“{now}” kept; its rating was {was_level}, now {now_level}"
    return f"“{now}” kept; the explanation was corrected"


def _quoted(text: str, level: str) -> str:
    return f"“{text}”" + (f" ({level})" if level else "")


def value_changes(history: Sequence[PastValue], shown: Sequence[tuple[str, str]]) -> list[ValueChange]:
    """Pair each past value (oldest first in the data) with its successor; newest change first.

    `shown` holds (text, level label) for each past value and, last, for the current one."""
    return [ValueChange(past, shown[n][0], shown[n + 1][0], shown[n][1], shown[n + 1][1]) for n, past in enumerate(history)][::-1]


class Cell(Located):
    """One subject's value for one criterion. Which keys it needs depends on the criterion's `kind`."""

    label: Text | None = Field(
        default=None,
        description="A short value for the table, e.g. `Row-level locking`. Needed for `rating` and `fact` criteria; "
        "support and number cells show their level or number when it is left out.",
    )
    rating: Slug | None = Field(default=None, description="For a `rating` criterion: a level id of its scale, e.g. `good`.")
    support: SupportLevel | None = Field(default=None, description="For a `support` criterion: `yes`, `partial`, `no` or `unknown`.")
    since: Since | None = Field(
        default=None, description="For a `support` criterion: since which version and/or day, e.g. `{version: '8.4'}`."
    )
    value: NumberValue | None = Field(
        default=None,
        description="For a `number` criterion: the number alone, e.g. `281`; the unit is the criterion's. "
        "`unlimited` when there is no limit, `unknown` when no figure is published.",
    )
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
    history: list[PastValue] = Field(default_factory=list, description="Earlier values, oldest first.")

    def broken_rules(self) -> list[BrokenRule]:
        broken = []
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

    def first_record(self) -> date:
        """The earliest day the data shows any value of this cell held.

        That is the oldest value's first check: the oldest past value's `as_of`
        (the only day the data shows it held), or, for a cell without history,
        its `first_checked` (else its `as_of`); a support value's `since` date
        moves it earlier, since support held from that day."""
        oldest = self.on_record()[0]
        days = [oldest.first_checked or oldest.as_of]
        if oldest.since and oldest.since.date:
            days.append(oldest.since.date)
        return min(days)

    def on_record(self) -> list[Cell]:
        """Every value this cell has held, oldest first, each as a whole cell of its time.

        A past value names only what changed; what it leaves out it shared with
        the value that followed it, so the values are rebuilt newest to oldest."""
        values = [self]
        for past in reversed(self.history):
            later = values[-1]
            own_value = past.rating is not None or past.support is not None or past.value is not None
            values.append(
                self.model_copy(
                    update={
                        "label": past.label if past.label is not None or own_value else later.label,
                        "rating": past.rating or later.rating,
                        "support": past.support or later.support,
                        "since": past.since if past.since or past.support else later.since,
                        "value": past.value if past.value is not None else later.value,
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

    def on(self, day: date) -> Cell | None:
        """The value in effect on `day`, as a whole cell, or None when the data does not yet know it.

        The one rule every dated view uses. The current value holds from the newest
        past value's `changed_on` on; each past value holds from the previous one's
        `changed_on` up to, not including, its own `changed_on`; the oldest value
        holds from the cell's first record (`first_record`). Before that the value
        is unknown, never guessed."""
        if day < self.first_record():
            return None
        values = self.on_record()
        for value, past in zip(values, self.history, strict=False):
            if day < past.changed_on:
                return value
        return values[-1]

    def changes_on(self) -> list[date]:
        """The days this cell's value in effect changes: its first record and each change."""
        return [self.first_record(), *(past.changed_on for past in self.history)]


class Feature(Model):
    """A criterion of the comparison: one table row and one page."""

    id: Slug
    name: Text = Field(description="The criterion as the table names it, e.g. `Logical replication`.")
    question: Text = Field(description="What this criterion asks, in one sentence.")
    aliases: Aliases
    keywords: list[Text] = Field(default_factory=list, max_length=MAX_ALIASES, description="Extra search words, e.g. product names.")
    category: Slug | None = Field(default=None, description="The id of the category this criterion belongs to, e.g. `replication`.")
    kind: ValueKind = Field(
        default="rating",
        description="How its cells answer: `rating` (a level of a scale), `support` (yes, partial, no, unknown), "
        "`fact` (plain text, never scored) or `number` (a number with the criterion's unit).",
    )
    scale: Slug | None = Field(default=None, description="For a `rating` criterion: the id of its scale; the first scale when left out.")
    unit: Text | None = Field(
        default=None,
        description="For a `number` criterion, required: the unit of every cell, e.g. `kg` or `cups a day`; "
        "`none` for a plain count shown without a unit.",
    )
    better: Literal["higher", "lower"] | None = Field(
        default=None,
        description="For a `number` criterion: `higher` or `lower` when the number is scored; leave it out for a plain figure.",
    )
    values: dict[Slug, Cell] = Field(description="One cell per subject id.")

    @property
    def shown_unit(self) -> str:
        """The unit written after each number; empty for `unit: none`, a plain count."""
        return "" if self.unit is None or self.unit.casefold() == NO_UNIT else self.unit

    def on(self, day: date) -> Feature:
        """The criterion as it stood on `day`: each cell's value in effect then (`Cell.on`); unknown cells left out."""
        values = {subject_id: cell.on(day) for subject_id, cell in self.values.items()}
        return self.model_copy(update={"values": {subject_id: cell for subject_id, cell in values.items() if cell is not None}})

    def changes_on(self) -> list[date]:
        """The days any of the row's values in effect changes, in order: the row's states begin on these days."""
        return sorted({day for cell in self.values.values() for day in cell.changes_on()})

    def references(self, subjects: list[Subject], today: Feature | None = None) -> References:
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


class Release(Model):
    """A published version: its number, day and release notes."""

    version: Text = Field(description="The version as its maker writes it, e.g. `8.4.3`.")
    date: Day = Field(description="The day it was released, YYYY-MM-DD.")
    url: HttpsUrl | None = Field(default=None, description="The release notes or announcement.")


class Edition(Model):
    """One edition of a product and what it costs."""

    name: Text = Field(description="e.g. `Community` or `Enterprise`.")
    price: Text = Field(description="As the vendor states it, e.g. `Free` or `From $5,000 a year per server`.")
    url: HttpsUrl | None = Field(default=None, description="The vendor's page for this edition or its pricing.")


class Subject(Located):
    """One of the things being compared."""

    id: Slug
    name: Text = Field(description="The subject's name as readers know it, e.g. `SQLite`.")
    summary: Text = Field(description="What it is, in one sentence.")
    licence: Text | None = Field(default=None, description="Its licence, e.g. an SPDX identifier such as `Apache-2.0`, or `Proprietary`.")
    licence_url: HttpsUrl | None = Field(default=None, description="The licence's text.")
    governance: Text | None = Field(default=None, description="Who decides its course, e.g. `An independent foundation`.")
    homepage: HttpsUrl | None = Field(default=None, description="The subject's own website.")
    repository: HttpsUrl | None = Field(default=None, description="Where its source is kept, for software.")
    documentation: HttpsUrl | None = Field(default=None, description="Its official documentation or manual.")
    first_release: Release | None = Field(default=None, description="The first public release: `version`, `date`, optional `url`.")
    latest_release: Release | None = Field(default=None, description="The newest release: `version`, `date`, optional `url`.")
    editions: list[Edition] = Field(default_factory=list, description="For a product sold in editions: each edition and its price.")
    sources: list[Source] = Field(default_factory=list, description="Where the record's facts come from; needed once it states any.")
    as_of: Day | None = Field(default=None, description="The day the record was last checked; needed once it states any fact.")
    aliases: Aliases
    draft: Flag = Field(default=False, description="True keeps the subject off the published site.")

    def states_facts(self) -> bool:
        """True when the record says more than what the subject is: a licence, a release, a link, an edition."""
        optional = ("licence", "licence_url", "governance", "homepage", "repository", "documentation", "first_release", "latest_release")
        return any(getattr(self, name) is not None for name in optional) or bool(self.editions)

    def broken_rules(self) -> list[BrokenRule]:
        broken = []
        if self.states_facts() and not self.sources:
            broken.append(BrokenRule("sources", "a subject record that states facts needs `sources`", "add the pages its facts come from"))
        if self.states_facts() and self.as_of is None:
            broken.append(BrokenRule("as_of", "a subject record that states facts needs `as_of`", "add the day it was checked, YYYY-MM-DD"))
        for key in ("first_release", "latest_release"):
            release: Release | None = getattr(self, key)
            if release and self.as_of and release.date > self.as_of:
                broken.append(
                    BrokenRule(
                        key,
                        f"the release of {release.date} is after the record's `as_of` {self.as_of}",
                        "a record shows releases made by the day it was checked: check the release's date, or update `as_of`",
                    )
                )
        if self.first_release and self.latest_release and self.first_release.date > self.latest_release.date:
            broken.append(
                BrokenRule(
                    "first_release", "the first release is dated after the latest", "check both dates: the first release comes first"
                )
            )
        return broken

    def references(self) -> References:
        return References.numbering([("", self.sources, self.as_of)]) if self.as_of else References(())


# Texts that judge rather than report carry no sources of their own; the mark says so to the reader.
JUDGEMENT = "True when the text is the site's own judgement rather than a report of its sources; shown as such."


class UseCase(Model):
    """A reason to choose one subject, resting on features."""

    id: Slug
    subject: Slug = Field(description="The id of the subject this reason is for.")
    title: Text = Field(description="When to choose it, as a heading, e.g. `Offline-first mobile apps`.")
    reason: Markdown = Field(description="Why, in a few sentences, naming the criteria below.")
    features: list[Slug] = Field(
        min_length=1, description="Feature ids whose rows support this reason: in each, the subject leads or shares the lead."
    )
    context: list[Slug] = Field(
        default_factory=list, description="Feature ids shown beside the reason as context, not as evidence: rows it does not lead."
    )
    editorial: Flag = Field(default=False, description=JUDGEMENT)
    aliases: Aliases


class Note(Located):
    """A titled, sourced statement: a cost consideration or a performance point."""

    id: Slug
    title: Text = Field(description="The point as a heading, e.g. `Hosting costs`.")
    summary: Text | None = Field(
        default=None, description="The point in one sentence. Needed once the note has `history`, where it is shown as the current value."
    )
    text: Markdown = Field(description="The note itself, in a few sentences.")
    sources: list[Source] = Field(default_factory=list, description="The primary sources the note rests on.")
    as_of: Day = Field(description="The day the note was last checked against its sources.")
    editorial: Flag = Field(default=False, description="True for the site's own judgement; then sources may be empty.")
    history: list[PastValue] = Field(default_factory=list, description="Earlier versions of the note, oldest first.")
    aliases: Aliases

    @model_validator(mode="after")
    def _sourced_or_editorial(self) -> Note:
        if not self.sources and not self.editorial:
            raise ValueError("add at least one source, or mark the note `editorial: true`")
        return self

    def broken_rules(self) -> list[BrokenRule]:
        if self.history and self.summary is None:
            return [
                BrokenRule(
                    "history",
                    "a note with `history` needs a `summary`",
                    "add `summary:`, the point in one sentence; it is shown as the current value beside the old ones",
                )
            ]
        return []

    def references(self) -> References:
        return References.numbering([("", self.sources, self.as_of)])

    def changes(self) -> list[ValueChange]:
        """Every change of this note, newest first; its summary is the current value."""
        return value_changes(self.history, [(past.label or "", "") for past in self.history] + [(self.summary or self.title, "")])


class VerdictPoint(Located):
    """One conclusion of the verdict."""

    id: Slug
    title: Text = Field(description="The conclusion as a heading, e.g. `For a phone app`.")
    winner: Slug | None = Field(default=None, description="Subject id that wins here; omit when none does.")
    summary: Text = Field(description="The conclusion in one sentence, for the verdict at a glance.")
    text: Markdown = Field(description="The reasoning, in a few sentences.")
    use_cases: list[Slug] = Field(min_length=1, description="Use case ids this conclusion rests on.")
    profiles: list[Slug] = Field(
        default_factory=list,
        description="Decision profile ids that stand for this conclusion's reader; their leader is checked against `winner`.",
    )
    categories: list[Slug] = Field(
        default_factory=list, description="Category ids this conclusion rests on; their scores are shown beside it."
    )
    differs_because: Text | None = Field(
        default=None, description="Why the conclusion differs from what its profiles compute, shown to the reader beside the figures."
    )
    as_of: Day = Field(description="The day the conclusion was last reviewed.")
    editorial: Flag = Field(default=False, description=JUDGEMENT)
    history: list[PastValue] = Field(default_factory=list, description="Earlier conclusions, oldest first.")
    aliases: Aliases

    def changes(self) -> list[ValueChange]:
        """Every change of this conclusion, newest first; its summary is the current value."""
        return value_changes(self.history, [(past.label or "", "") for past in self.history] + [(self.summary, "")])


class Importance(Model):
    """How much a criterion can matter to a reader, and the weight that gives it."""

    id: Slug
    label: Text = Field(description="The level as the reader picks it, e.g. `Critical`.")
    weight: int = Field(ge=0, le=100, description="Multiplies the criterion's rating score; 0 leaves it out.")


class Profile(Model):
    """A typical reader's priorities: a static decision page and a starting point for the helper."""

    id: Slug
    title: Text = Field(description="Who this is, as a heading, e.g. `A small team on a budget`.")
    summary: Text = Field(description="Who this is, in one sentence.")
    importance: dict[Slug, Slug] = Field(description="Feature id → importance id; features not listed take the default.")
    aliases: Aliases


class SiteFile(Located):
    """data/site.yml: the site's name and the home page's argument."""

    title: Text = Field(description="The site's name, e.g. `Alpha vs Beta`.")
    description: Text = Field(description="One sentence for search engines and link previews.")
    why_it_matters: Markdown = Field(description="Why the choice matters, in a few paragraphs, for the home page.")
    as_of: Day = Field(description="The day this text was last reviewed.")
    editorial: Flag = Field(default=False, description=JUDGEMENT)
    subject_word: Text = Field(
        default="option",
        description="The comparison's own word for one of the things it compares, as written mid-sentence, "
        "e.g. `framework`, `machine`; the pages use it where they speak of any one of them.",
    )

    @property
    def subjects_word(self) -> str:
        """The plural of `subject_word` as English writes most nouns: "option" → "options", "box" → "boxes"."""
        word = self.subject_word
        if word.endswith(("s", "x", "z", "ch", "sh")):
            return word + "es"
        if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
            return word[:-1] + "ies"
        return word + "s"


class SubjectsFile(Model):
    subjects: list[Subject] = Field(
        min_length=1, max_length=12, description="One to twelve subjects; a table wider than that stops being readable."
    )


class FeaturesFile(Model):
    """data/features.yml: the scales, the categories and the criteria."""

    scales: list[Scale] = Field(
        default_factory=list,
        description="Rating scales of the comparison's own; the first is the scale of a rating criterion that names none. "
        "The default quality scale (excellent to poor) stays available as `scale: quality`.",
    )
    categories: list[Category] = Field(default_factory=list, description="Ordered groups of criteria; without any, one flat list.")
    features: list[Feature] = Field(min_length=1, description="The criteria: one table row and one page each.")


class UseCasesFile(Model):
    use_cases: list[UseCase] = Field(min_length=1, description="When to choose each subject.")


class PricingFile(Model):
    summary: Markdown = Field(description="What each option costs, in one or two sentences.")
    considerations: list[Note] = Field(min_length=1, description="Sourced notes on what each option costs.")


class PerformanceFile(Model):
    summary: Markdown = Field(description="How the options compare on speed, in one or two sentences.")
    points: list[Note] = Field(min_length=1, description="Sourced notes on speed.")


class VerdictFile(Model):
    points: list[VerdictPoint] = Field(min_length=1, description="The conclusions, each resting on use cases.")


class DecisionFile(Model):
    """data/decision.yml: the weights of the decision helper and the preset profiles."""

    importance: list[Importance] = Field(min_length=2, description="The levels a reader can pick, least important first.")
    default_importance: Slug = Field(description="The importance id of a criterion the reader has not set.")
    profiles: list[Profile] = Field(default_factory=list, description="Preset priorities of typical readers, each a static page.")
    clear_lead: int = Field(
        default=5,
        ge=0,
        le=100,
        description="How many points (of 100) ahead a leader must be for its lead to count as clear; closer is a close call.",
    )

    def level(self, importance_id: str) -> Importance:
        return next(level for level in self.importance if level.id == importance_id)


# One row per data file: its name under data/ and its model. Adding a kind of
# fact is adding a row here and a field to Comparison.
DATA_FILES: dict[str, type[Model]] = {
    "site.yml": SiteFile,
    "subjects.yml": SubjectsFile,
    "features.yml": FeaturesFile,
    "use_cases.yml": UseCasesFile,
    "pricing.yml": PricingFile,
    "performance.yml": PerformanceFile,
    "verdict.yml": VerdictFile,
    "decision.yml": DecisionFile,
}


class Comparison(Model):
    """Everything the site shows, validated and cross-referenced."""

    site: SiteFile
    subjects: list[Subject]
    scales: list[Scale]
    categories: list[Category]
    features: list[Feature]
    use_cases: list[UseCase]
    pricing: PricingFile
    performance: PerformanceFile
    verdict: VerdictFile
    decision: DecisionFile

    def subject(self, subject_id: str) -> Subject:
        return next(subject for subject in self.subjects if subject.id == subject_id)

    def about_software(self) -> bool:
        """True when the data says the subjects are software (a subject names its source `repository`).

        The pages speak of releases, registries and changelogs only then; any other comparison reads neutral."""
        return any(subject.repository for subject in self.subjects)

    def subject_records(self) -> list[str]:
        """What the subjects' records state beyond what each is, in words for the pages: "licence", "editions and prices"..."""
        stated = [
            ("governance", any(s.governance for s in self.subjects)),
            ("licence", any(s.licence or s.licence_url for s in self.subjects)),
            ("releases", any(s.first_release or s.latest_release for s in self.subjects)),
            ("editions with their prices", any(s.editions for s in self.subjects)),
            ("links", any(s.homepage or s.repository or s.documentation for s in self.subjects)),
        ]
        return [words for words, present in stated if present]

    def scale_of(self, feature: Feature) -> Scale | None:
        """A rating criterion's scale: the one it names, or the first."""
        if feature.kind != "rating" or not self.scales:
            return None
        return next((scale for scale in self.scales if scale.id == feature.scale), self.scales[0])

    def groups(self) -> list[tuple[Category | None, list[Feature]]]:
        """The criteria by category, in the categories' order; one group without a category when none are declared."""
        if not self.categories:
            return [(None, list(self.features))]
        grouped: dict[str, list[Feature]] = {category.id: [] for category in self.categories}
        for feature in self.features:
            grouped[feature.category or self.categories[0].id].append(feature)
        return [(category, grouped[category.id]) for category in self.categories if grouped[category.id]]

    def category_of(self, feature: Feature) -> Category | None:
        return next((category for category in self.categories if category.id == feature.category), None)

    def ordered_features(self) -> list[Feature]:
        """Every criterion in reading order: category by category."""
        return [feature for _, features in self.groups() for feature in features]
