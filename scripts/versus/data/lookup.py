"""Cross-references and readings of a Comparison, indexed once per build so pages never scan lists."""

from __future__ import annotations

from dataclasses import dataclass

from versus.data.kinds import Reading, Row, read_row
from versus.data.model import Comparison, Feature, Subject, UseCase, VerdictPoint


@dataclass(frozen=True)
class Tally:
    """How one subject fares over scored rows: best (or joint best), behind the best, or equal with every other.

    Equal means what "differences only" means: every scored cell gives the same answer (`Row.all_equal`)."""

    best: int = 0
    behind: int = 0
    equal: int = 0


@dataclass(frozen=True)
class Lookup:
    """What several pages need: items by id, the use cases resting on each criterion, each criterion read."""

    features: dict[str, Feature]
    use_cases: dict[str, UseCase]
    resting_on: dict[str, list[UseCase]]
    rows: dict[str, Row]  # criterion id → its cells read for every subject
    subject_names: dict[str, str]
    neighbours: dict[str, tuple[Feature | None, Feature | None]]  # criterion id → the one before and after it in reading order

    @classmethod
    def of(cls, comparison: Comparison) -> Lookup:
        resting_on: dict[str, list[UseCase]] = {feature.id: [] for feature in comparison.features}
        for use_case in comparison.use_cases:
            for feature_id in use_case.features:
                resting_on[feature_id].append(use_case)
        return cls(
            {f.id: f for f in comparison.features},
            {u.id: u for u in comparison.use_cases},
            resting_on,
            {f.id: read_row(f, comparison) for f in comparison.features},
            {s.id: s.name for s in comparison.subjects},
            _neighbours(comparison.ordered_features()),
        )

    def features_of(self, use_case: UseCase) -> list[Feature]:
        """The features a use case rests on, in the order the use case lists them."""
        return [self.features[feature_id] for feature_id in use_case.features]

    def context_of(self, use_case: UseCase) -> list[Feature]:
        """The features a use case shows as context, not evidence, in the order it lists them."""
        return [self.features[feature_id] for feature_id in use_case.context]

    def use_cases_of(self, point: VerdictPoint) -> list[UseCase]:
        """The use cases a verdict point rests on, in the order it lists them."""
        return [self.use_cases[use_case_id] for use_case_id in point.use_cases]

    def reading(self, feature: Feature, subject: Subject) -> Reading:
        """One cell as the reader sees it."""
        return self.rows[feature.id].readings[subject.id]

    def tally(self, features: list[Feature]) -> dict[str, Tally]:
        """Each subject's tally over these criteria; a row counts for the subjects it scores, when it scores two or more."""
        counts = {subject_id: [0, 0, 0] for subject_id in self.subject_names}
        for feature in features:
            for sid, place in self.rows[feature.id].standings.items():
                counts[sid][place] += 1
        return {sid: Tally(*numbers) for sid, numbers in counts.items()}

    def summary_line(self, feature: Feature) -> str:
        """The criterion's values in one line: "Name: A: x · B: y"."""
        return self.rows[feature.id].summary_line(self.subject_names)


def _neighbours(ordered: list[Feature]) -> dict[str, tuple[Feature | None, Feature | None]]:
    before: list[Feature | None] = [None, *ordered[:-1]]
    after: list[Feature | None] = [*ordered[1:], None]
    return {feature.id: (previous, following) for feature, previous, following in zip(ordered, before, after, strict=True)}
