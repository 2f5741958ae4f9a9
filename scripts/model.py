"""The typed model of a comparison: the only shape of the data past the loader.

Each data file under data/ has a file model here (``SubjectsFile``...); the
validator assembles them into one ``Comparison`` that every template reads.
Scalars arrive from the loader as strings, so YAML 1.1 surprises (``no`` as a
boolean, ``2.10`` as a float) never happen; the few typed fields (dates,
booleans, numbers) are parsed here with explicit rules.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN),
    Field(description="Lower-case words joined by hyphens, e.g. `mobile-deployment`. Becomes a URL and an anchor."),
]
HttpsUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]+)?(/[^\s]*)?$"),
    Field(description="An absolute https:// URL."),
]
Aliases = Annotated[
    list[Slug],
    Field(default_factory=list, description="Former ids of this item: old links and anchors keep reaching it."),
]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True), Field(description="Plain text.")]
Markdown = Annotated[
    str,
    StringConstraints(min_length=1, strip_whitespace=True),
    Field(description="Markdown text. Raw HTML is shown as text, not rendered."),
]


def _only_true_or_false(value: object) -> object:
    """Accept only `true`/`false`: YAML 1.1's yes/no/on/off are too easy to write by accident."""
    if isinstance(value, str):
        if value in ("true", "false"):
            return value == "true"
        raise ValueError(f"expected true or false, got {value!r}")
    return value


Flag = Annotated[bool, BeforeValidator(_only_true_or_false)]


class Model(BaseModel):
    """Base of every data model: unknown keys are errors and objects never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strict=False)


class Rating(str, enum.Enum):
    """The fixed rating scale, best first. Shown as text plus an icon, never colour alone."""

    excellent = "excellent"
    good = "good"
    fair = "fair"
    limited = "limited"
    poor = "poor"

    @property
    def score(self) -> int:
        """5 for excellent down to 1 for poor."""
        return len(Rating) - list(Rating).index(self)

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Source(Model):
    """A primary source: official documentation, release notes, a repository, an announcement."""

    url: HttpsUrl
    title: Text
    publisher: Text = Field(description="Who published it, e.g. `Python Software Foundation`.")


class PastValue(Model):
    """A value a fact held before; kept so readers see what changed, when and why."""

    label: Text
    rating: Rating | None = None
    explanation: Markdown | None = None
    as_of: date = Field(description="The day this value was last known to hold.")
    changed_on: date = Field(description="The day it was replaced by the next value.")
    reason: Markdown = Field(description="Why it changed, in one or two sentences.")
    sources: list[Source] = Field(default_factory=list, description="Where the old value came from, if anywhere.")


class Cell(Model):
    """One subject's value for one feature."""

    label: Text = Field(description="A short value for the table, e.g. `Dynamic (define-by-run)`.")
    rating: Rating
    explanation: Markdown
    sources: list[Source] = Field(min_length=1)
    as_of: date = Field(description="The day this value was last checked against its sources.")
    editorial: Flag = Field(default=False, description="True when the rating is the site's judgement, not a sourced fact.")
    history: list[PastValue] = Field(default_factory=list, description="Earlier values, oldest first.")


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


class Release(Model):
    version: Text
    date: date
    url: HttpsUrl


class Subject(Model):
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
    as_of: date
    aliases: Aliases
    draft: Flag = Field(default=False, description="True keeps the subject off the published site.")


class UseCase(Model):
    """A reason to choose one subject, resting on features."""

    id: Slug
    subject: Slug
    title: Text
    reason: Markdown
    features: list[Slug] = Field(min_length=1, description="Feature ids whose rows support this reason.")
    aliases: Aliases


class Note(Model):
    """A titled, sourced statement: a cost consideration or a performance point."""

    id: Slug
    title: Text
    text: Markdown
    sources: list[Source] = Field(default_factory=list)
    as_of: date
    editorial: Flag = Field(default=False, description="True for the site's own judgement; then sources may be empty.")
    history: list[PastValue] = Field(default_factory=list)
    aliases: Aliases

    @model_validator(mode="after")
    def _sourced_or_editorial(self) -> Note:
        if not self.sources and not self.editorial:
            raise ValueError("add at least one source, or mark the note `editorial: true`")
        return self


class VerdictPoint(Model):
    """One conclusion of the verdict."""

    id: Slug
    title: Text
    winner: Slug | None = Field(default=None, description="Subject id that wins here; omit when none does.")
    summary: Text = Field(description="The conclusion in one sentence, for the verdict at a glance.")
    text: Markdown
    use_cases: list[Slug] = Field(min_length=1, description="Use case ids this conclusion rests on.")
    as_of: date
    history: list[PastValue] = Field(default_factory=list)
    aliases: Aliases


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


class SiteFile(Model):
    """data/site.yml: the site's name and the home page's argument."""

    title: Text
    description: Text = Field(description="One sentence for search engines and link previews.")
    why_it_matters: Markdown
    as_of: date


class SubjectsFile(Model):
    subjects: list[Subject] = Field(min_length=1, max_length=12, description="One to twelve subjects; a table wider than that stops being readable.")


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

    def use_cases_resting_on(self, feature_id: str) -> list[UseCase]:
        return [use_case for use_case in self.use_cases if feature_id in use_case.features]

    def subject(self, subject_id: str) -> Subject:
        return next(subject for subject in self.subjects if subject.id == subject_id)
