"""The typed model of a comparison: the only shape of the data past the loader.

Each data file under data/ has a file model here (``SubjectsFile``...); the
validator assembles them into one ``Comparison`` that every template reads.
Scalars arrive from the loader as strings, so YAML 1.1 surprises (``no`` as a
boolean, ``2.10`` as a float) never happen; the few typed fields (dates,
booleans, numbers) are parsed here with explicit rules. The parts every fact
is made of are in versus/data/base.py, criteria and their cells by kind of
value in versus/data/cells.py and versus/data/kinds/.
"""

from __future__ import annotations

from pydantic import Field

from versus.data.base import BrokenRule, Located, Model, References, Source
from versus.data.cells import Feature
from versus.data.fields import Aliases, Day, Flag, Markdown, Slug, Text
from versus.data.history import PastValue, ValueChange, value_changes
from versus.data.kinds import AnyFeature
from versus.data.kinds.rating import RatingFeature
from versus.data.scales import Scale, default_scales
from versus.data.subjects import Subject


class Category(Model):
    """An ordered group of criteria: a header row in the table, with its own anchor."""

    id: Slug
    name: Text = Field(description="The group's name, shown as a header row, e.g. `Replication`.")
    description: Text | None = Field(default=None, description="What the criteria of this group have in common, in one line.")
    aliases: Aliases


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

    def broken_rules(self) -> list[BrokenRule]:
        broken = []
        if not self.sources and not self.editorial:
            broken.append(
                BrokenRule(
                    "sources", "a note needs at least one source", "add `sources:` with a primary source, or mark it `editorial: true`"
                )
            )
        if self.history and self.summary is None:
            broken.append(
                BrokenRule(
                    "history",
                    "a note with `history` needs a `summary`",
                    "add `summary:`, the point in one sentence; it is shown as the current value beside the old ones",
                )
            )
        return broken

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
    features: list[AnyFeature] = Field(min_length=1, description="The criteria: one table row and one page each.")


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
    features: list[AnyFeature]
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
        """A rating criterion's scale: the one it names, or the first; None for any other kind."""
        if not isinstance(feature, RatingFeature) or not self.scales:
            return None
        if feature.scale is None:
            return self.scales[0]
        # A scale named but not declared: its own problem is reported, and no level can be judged.
        return next((scale for scale in self.scales if scale.id == feature.scale), None)

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


def with_default_scales(features: FeaturesFile) -> list[Scale]:
    """The comparison's scales: its own, first, and the default quality scale beside them.

    Without scales of its own, the default is the only one, and so the scale of every rating
    criterion that names none. Declared scales never take it away: it joins them when a
    criterion names it (`scale: quality`), and a scale declared with its id replaces it."""
    own = list(features.scales)
    if not own:
        return default_scales()
    declared = {scale.id for scale in own}
    named = {feature.named_scale() for feature in features.features}
    return own + [scale for scale in default_scales() if scale.id not in declared and scale.id in named]
