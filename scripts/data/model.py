"""The typed model of a comparison: the only shape of the data past the loader.

Each data file under data/ has a file model here (``SubjectsFile``...); the
validator assembles them into one ``Comparison`` that every template reads.
Scalars arrive from the loader as strings, so YAML 1.1 surprises (``no`` as a
boolean, ``2.10`` as a float) never happen; the few typed fields (dates,
booleans, numbers) are parsed here with explicit rules.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from scripts.data.fields import Aliases, Day, Flag, HttpsUrl, Markdown, Slug, Text


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


class Rating(enum.StrEnum):
    """The fixed rating scale, best first. Shown as text plus an icon, never colour alone."""

    excellent = "excellent"
    good = "good"
    fair = "fair"
    limited = "limited"
    poor = "poor"

    @property
    def score(self) -> int:
        """5 for excellent down to 1 for poor."""
        return _RATING_SCORES[self]

    @property
    def label(self) -> str:
        return self.value.capitalize()


# Looked up, not computed: the decision pages read a score per criterion and subject.
_RATING_SCORES = {rating: len(Rating) - position for position, rating in enumerate(Rating)}


class Source(Model):
    """A primary source: official documentation, release notes, a repository, an announcement."""

    url: HttpsUrl
    title: Text
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
        """The numbered entries of these sources, in their order."""
        return [self._by_source[source] for source in sources]

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


class PastValue(Model):
    """A value a fact held before; kept so readers see what changed, when and why."""

    label: Text
    rating: Rating | None = None
    explanation: Markdown | None = None
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
    """A past value of a fact and the value that replaced it."""

    past: PastValue
    now: str
    now_rating: Rating | None = None

    def description(self) -> str:
        """What changed, in one phrase: "was “A” (Good), now “B” (Fair)".

        A correction that kept the short value says so instead of repeating it.
        """
        if self.past.label != self.now:
            return f"was {_quoted(self.past.label, self.past.rating)}, now {_quoted(self.now, self.now_rating)}"
        if self.past.rating and self.now_rating and self.past.rating != self.now_rating:
            return f"“{self.now}” kept; its rating was {self.past.rating.label}, now {self.now_rating.label}"
        return f"“{self.now}” kept; the explanation was corrected"


def _quoted(label: str, rating: Rating | None) -> str:
    return f"“{label}”" + (f" ({rating.label})" if rating else "")


def _value_changes(history: Sequence[PastValue], now: str, now_rating: Rating | None) -> list[ValueChange]:
    """Pair each past value (oldest first in the data) with its successor; newest change first."""
    if not history:
        return []
    successors = [(past.label, past.rating) for past in history[1:]] + [(now, now_rating)]
    return [ValueChange(past, label, rating) for past, (label, rating) in zip(history, successors, strict=True)][::-1]


class Cell(Located):
    """One subject's value for one feature."""

    label: Text = Field(description="A short value for the table, e.g. `Dynamic (define-by-run)`.")
    rating: Rating
    explanation: Markdown
    sources: list[Source] = Field(min_length=1)
    as_of: Day = Field(description="The day this value was last checked against its sources.")
    editorial: Flag = Field(default=False, description="True when the rating is the site's judgement, not a sourced fact.")
    history: list[PastValue] = Field(default_factory=list, description="Earlier values, oldest first.")

    def changes(self) -> list[ValueChange]:
        """Every change of this value, newest first: "was X, now Y"."""
        return _value_changes(self.history, self.label, self.rating)


class Feature(Model):
    """A criterion of the comparison: one table row and one page."""

    id: Slug
    name: Text
    question: Text = Field(description="What this criterion asks, in one sentence.")
    aliases: Aliases
    keywords: list[Text] = Field(default_factory=list, description="Extra search words, e.g. product names.")
    values: dict[Slug, Cell] = Field(description="One cell per subject id.")

    def summary_line(self, subjects: list[Subject]) -> str:
        """The values in one line, e.g. for a link preview: "Name: A: x · B: y"."""
        values = " · ".join(f"{s.name}: {self.values[s.id].label}" for s in subjects if s.id in self.values)
        return f"{self.name}: {values}"

    def references(self, subjects: list[Subject]) -> References:
        """The feature page's reference list: every cell's sources, numbered in subject order."""
        return References.numbering((s.id, self.values[s.id].sources, self.values[s.id].as_of) for s in subjects if s.id in self.values)


class Release(Model):
    version: Text
    date: Day
    url: HttpsUrl


class Subject(Located):
    """One of the things being compared."""

    id: Slug
    name: Text
    summary: Text = Field(description="What it is, in one sentence.")
    licence: Text = Field(description="SPDX identifier, e.g. `Apache-2.0`.")
    licence_url: HttpsUrl
    governance: Text
    homepage: HttpsUrl
    repository: HttpsUrl
    documentation: HttpsUrl
    first_release: Release
    latest_release: Release
    sources: list[Source] = Field(min_length=1)
    as_of: Day
    aliases: Aliases
    draft: Flag = Field(default=False, description="True keeps the subject off the published site.")

    def references(self) -> References:
        return References.numbering([("", self.sources, self.as_of)])


class UseCase(Model):
    """A reason to choose one subject, resting on features."""

    id: Slug
    subject: Slug
    title: Text
    reason: Markdown
    features: list[Slug] = Field(min_length=1, description="Feature ids whose rows support this reason.")
    aliases: Aliases


class Note(Located):
    """A titled, sourced statement: a cost consideration or a performance point."""

    id: Slug
    title: Text
    summary: Text | None = Field(
        default=None, description="The point in one sentence. Needed once the note has `history`, where it is shown as the current value."
    )
    text: Markdown
    sources: list[Source] = Field(default_factory=list)
    as_of: Day
    editorial: Flag = Field(default=False, description="True for the site's own judgement; then sources may be empty.")
    history: list[PastValue] = Field(default_factory=list)
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
        return _value_changes(self.history, self.summary or self.title, None)


class VerdictPoint(Located):
    """One conclusion of the verdict."""

    id: Slug
    title: Text
    winner: Slug | None = Field(default=None, description="Subject id that wins here; omit when none does.")
    summary: Text = Field(description="The conclusion in one sentence, for the verdict at a glance.")
    text: Markdown
    use_cases: list[Slug] = Field(min_length=1, description="Use case ids this conclusion rests on.")
    as_of: Day
    history: list[PastValue] = Field(default_factory=list)
    aliases: Aliases

    def changes(self) -> list[ValueChange]:
        """Every change of this conclusion, newest first; its summary is the current value."""
        return _value_changes(self.history, self.summary, None)


class Importance(Model):
    """How much a criterion can matter to a reader, and the weight that gives it."""

    id: Slug
    label: Text
    weight: int = Field(ge=0, le=100, description="Multiplies the criterion's rating score; 0 leaves it out.")


class Profile(Model):
    """A typical reader's priorities: a static decision page and a starting point for the helper."""

    id: Slug
    title: Text
    summary: Text = Field(description="Who this is, in one sentence.")
    importance: dict[Slug, Slug] = Field(description="Feature id → importance id; features not listed take the default.")
    aliases: Aliases


class SiteFile(Located):
    """data/site.yml: the site's name and the home page's argument."""

    title: Text
    description: Text = Field(description="One sentence for search engines and link previews.")
    why_it_matters: Markdown
    as_of: Day


class SubjectsFile(Model):
    subjects: list[Subject] = Field(
        min_length=1, max_length=12, description="One to twelve subjects; a table wider than that stops being readable."
    )


class FeaturesFile(Model):
    features: list[Feature] = Field(min_length=1)


class UseCasesFile(Model):
    use_cases: list[UseCase] = Field(min_length=1)


class PricingFile(Model):
    summary: Markdown
    considerations: list[Note] = Field(min_length=1)


class PerformanceFile(Model):
    summary: Markdown
    points: list[Note] = Field(min_length=1)


class VerdictFile(Model):
    points: list[VerdictPoint] = Field(min_length=1)


class DecisionFile(Model):
    """data/decision.yml: the weights of the decision helper and the preset profiles."""

    importance: list[Importance] = Field(min_length=2, description="The levels a reader can pick, least important first.")
    default_importance: Slug = Field(description="The importance id of a criterion the reader has not set.")
    profiles: list[Profile] = Field(default_factory=list)

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
    features: list[Feature]
    use_cases: list[UseCase]
    pricing: PricingFile
    performance: PerformanceFile
    verdict: VerdictFile
    decision: DecisionFile

    def subject(self, subject_id: str) -> Subject:
        return next(subject for subject in self.subjects if subject.id == subject_id)


@dataclass(frozen=True)
class Lookup:
    """Cross-references of a Comparison, indexed once per build so pages never scan lists."""

    features: dict[str, Feature]
    use_cases: dict[str, UseCase]
    resting_on: dict[str, list[UseCase]]

    @classmethod
    def of(cls, comparison: Comparison) -> Lookup:
        resting_on: dict[str, list[UseCase]] = {feature.id: [] for feature in comparison.features}
        for use_case in comparison.use_cases:
            for feature_id in use_case.features:
                resting_on[feature_id].append(use_case)
        return cls({f.id: f for f in comparison.features}, {u.id: u for u in comparison.use_cases}, resting_on)

    def features_of(self, use_case: UseCase) -> list[Feature]:
        """The features a use case rests on, in the order the use case lists them."""
        return [self.features[feature_id] for feature_id in use_case.features]

    def use_cases_of(self, point: VerdictPoint) -> list[UseCase]:
        """The use cases a verdict point rests on, in the order it lists them."""
        return [self.use_cases[use_case_id] for use_case_id in point.use_cases]
