"""The decision helper's scoring rule in Python, for the static profile pages and the scorecard; decide.js applies it in the browser.

A reader says how much each scored criterion matters by picking an
importance level; each level has a weight in data/decision.yml. Every
scored cell counts from 0 (the worst answer) to 100 (the best): a level of
its scale in proportion, support yes 100 / partial 50 / no 0, a number in
proportion between the row's best and worst. A subject's score is the
weighted mean over the criteria where it has a score:

    score(subject) = sum(weight(f) * points(subject, f)) / sum(weight(f) where it has points)

Plain facts, "unknown" support and cells that do not apply never count, so
they neither help nor punish. The highest score leads; equal scores are a
tie, named with the changes that would break it. The static decision pages
are computed here at build time; the browser computes the same rule from the
same points, and tests/decide.test.js holds both to one answer. The scorecard by category applies
the rule to each category with its criteria equally important.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from versus.data.lookup import Lookup
from versus.data.model import Category, Comparison, Feature, Importance, Subject

if TYPE_CHECKING:  # the links come from the page; urls.py reads the page types, which read this module
    from versus.pages.urls import Links

MOST_CHANGES = 3  # "what would change the answer" lists at most this many


@dataclass(frozen=True)
class Standing:
    subject: Subject
    points: int  # sum of weight × points: integers, so the comparison is exact
    total_weight: int  # sum of the weights of the criteria where the subject has points

    @property
    def score(self) -> Fraction:
        """The weighted mean, 0 to 100 (0 when nothing counts)."""
        return Fraction(self.points, self.total_weight) if self.total_weight else Fraction(0)

    @property
    def score_text(self) -> str:
        """The score to one decimal, rounded half up in integers so decide.js prints the same."""
        if not self.total_weight:
            return "0.0"
        tenths = (self.points * 20 + self.total_weight) // (2 * self.total_weight)
        return f"{tenths // 10}.{tenths % 10}"

    @property
    def score_words(self) -> str:
        """The score as every page says it, "81.3 of 100": the home page, the verdict and the cards alike;
        the helper's result says the same from its macros (templates/macros/decide.j2) with decide.js's scoreText."""
        return f"{self.score_text} of 100"

    @property
    def rounded(self) -> int | None:
        """The score as a whole number, rounded half up; None when nothing counts."""
        if not self.total_weight:
            return None
        return (self.points * 2 + self.total_weight) // (2 * self.total_weight)


@dataclass(frozen=True)
class Reason:
    """A criterion where the leader and the runner-up differ."""

    feature: Feature
    importance: Importance
    leader_points: int
    runner_up_points: int


@dataclass(frozen=True)
class PriorityChange:
    """One importance that, set differently, would put another subject ahead or make a tie at the top."""

    feature: Feature
    importance: Importance
    direction: str  # "less" or "more"
    new_leader: Subject | None  # None when the change makes a tie
    tied: tuple[Subject, ...] = ()  # the subjects that would tie at the top, in data order


@dataclass(frozen=True)
class Decision:
    importance: dict[str, Importance]  # feature id → the importance used
    standings: list[Standing]  # best first; ties keep data order
    leader: Subject | None  # None for a tie at the top or when nothing matters
    strengths: list[Reason]  # where the first of the standings is ahead of the second
    trade_offs: list[Reason]  # where the second is ahead of the first
    changes: list[PriorityChange]  # what would change the answer, or break a tie

    @property
    def tied(self) -> list[Subject]:
        """The subjects sharing the top score when no one leads; empty when one leads or nothing counts."""
        return tied_at_top(self.standings) if self.leader is None else []


def scored_features(comparison: Comparison, lookup: Lookup) -> list[Feature]:
    """The criteria the helper weighs, in reading order: every criterion whose cells are scored."""
    return [feature for feature in comparison.ordered_features() if lookup.rows[feature.id].scored]


def scored_groups(comparison: Comparison, lookup: Lookup) -> list[tuple[Category | None, list[Feature]]]:
    """The weighed criteria by category, for the helper's form; groups with none left out."""
    groups = [(category, [f for f in features if lookup.rows[f.id].scored]) for category, features in comparison.groups()]
    return [(category, features) for category, features in groups if features]


def points_of(lookup: Lookup, feature: Feature, subject: Subject) -> int | None:
    return lookup.rows[feature.id].readings[subject.id].points


def resolve_importance(comparison: Comparison, chosen: dict[str, str], features: list[Feature]) -> dict[str, Importance]:
    """Every weighed criterion's importance: the chosen one, or the data's default."""
    decision = comparison.decision
    return {f.id: decision.level(chosen.get(f.id, decision.default_importance)) for f in features}


def standings(comparison: Comparison, lookup: Lookup, features: list[Feature], importance: dict[str, Importance]) -> list[Standing]:
    rows = []
    for subject in comparison.subjects:
        points = total = 0
        for feature in features:
            cell_points = points_of(lookup, feature, subject)
            if cell_points is not None:
                points += importance[feature.id].weight * cell_points
                total += importance[feature.id].weight
        rows.append(Standing(subject, points, total))
    return _ranked(rows)


def _ranked(rows: list[Standing]) -> list[Standing]:
    return sorted(rows, key=lambda row: -row.score)  # sorted() is stable: ties keep data order


def leader_of(rows: list[Standing]) -> Subject | None:
    if not rows or rows[0].total_weight == 0 or (len(rows) > 1 and rows[0].score == rows[1].score):
        return None
    return rows[0].subject


def tied_at_top(rows: list[Standing]) -> list[Subject]:
    """The subjects of ranked standings that share the top score, when two or more do and something counts."""
    if len(rows) < 2 or rows[0].total_weight == 0 or rows[0].score != rows[1].score:
        return []
    return [row.subject for row in rows if row.score == rows[0].score]


def decide(comparison: Comparison, chosen: dict[str, str], lookup: Lookup | None = None) -> Decision:
    """Apply the rule to the reader's choices (feature id → importance id)."""
    lookup = lookup or Lookup.of(comparison)
    features = scored_features(comparison, lookup)
    importance = resolve_importance(comparison, chosen, features)
    rows = standings(comparison, lookup, features, importance)
    leader = leader_of(rows)
    strengths: list[Reason] = []
    trade_offs: list[Reason] = []
    # With a leader, where it is ahead of the runner-up and behind; in a tie, the same for the first two tied.
    if (leader is not None or tied_at_top(rows)) and len(rows) > 1:
        first, runner_up = rows[0].subject, rows[1].subject
        for feature in features:
            level = importance[feature.id]
            ours, theirs = points_of(lookup, feature, first), points_of(lookup, feature, runner_up)
            if level.weight and ours is not None and theirs is not None and ours != theirs:
                (strengths if ours > theirs else trade_offs).append(Reason(feature, level, ours, theirs))
        # Biggest weighted difference first; data order breaks ties.
        strengths.sort(key=lambda r: -r.importance.weight * (r.leader_points - r.runner_up_points))
        trade_offs.sort(key=lambda r: -r.importance.weight * (r.runner_up_points - r.leader_points))
    return Decision(importance, rows, leader, strengths, trade_offs, _changes(comparison, lookup, features, importance, rows, leader))


def _changes(
    comparison: Comparison,
    lookup: Lookup,
    features: list[Feature],
    importance: dict[str, Importance],
    rows: list[Standing],
    leader: Subject | None,
) -> list[PriorityChange]:
    """Single changes of one criterion's importance that would put another subject ahead, or tie the top.

    With a leader: for each feature, the nearest level that would make a tie at
    the top (if one comes first) and the nearest that would put another subject
    ahead. In a tie: the nearest level that would give one subject the lead.
    Smallest steps first (one level before two), then data order, a tie before
    a new leader of the same feature.
    """
    if leader is None and not tied_at_top(rows):
        return []
    levels = comparison.decision.importance
    # One criterion's new weight moves each subject's points by the weight's change times
    # its points there: update the current standings instead of scoring every criterion
    # again, which made this quadratic in the number of features.
    current_rows = {row.subject.id: row for row in rows}
    candidates: list[tuple[int, int, int, PriorityChange]] = []
    for order, feature in enumerate(features):
        current = levels.index(importance[feature.id])
        tie_found = leader is None  # in a tie, only a new leader is news
        # Nearest levels first, the lower one before the higher at equal distance.
        for position in sorted(range(len(levels)), key=lambda p: (abs(p - current), p)):
            if position == current:
                continue
            step = levels[position].weight - importance[feature.id].weight
            trial = []
            for subject in comparison.subjects:
                row, cell_points = current_rows[subject.id], points_of(lookup, feature, subject)
                if cell_points is None:  # not counted for this subject: its standing stays
                    trial.append(row)
                else:
                    trial.append(Standing(subject, row.points + step * cell_points, row.total_weight + step))
            ranked = _ranked(trial)
            new_leader = leader_of(ranked)
            direction = "less" if position < current else "more"
            distance = abs(position - current)
            if new_leader is not None and (leader is None or new_leader.id != leader.id):
                candidates.append((distance, order, 1, PriorityChange(feature, levels[position], direction, new_leader)))
                break
            if new_leader is None and not tie_found and (tied := tied_at_top(ranked)):
                candidates.append((distance, order, 0, PriorityChange(feature, levels[position], direction, None, tuple(tied))))
                tie_found = True
    candidates.sort(key=lambda c: c[:3])
    return [change for *_, change in candidates[:MOST_CHANGES]]


@dataclass(frozen=True)
class CategoryScore:
    """One category scored with the rule, its criteria equally important: each subject's mean points and who leads."""

    category: Category | None
    features: list[Feature]  # its scored criteria
    standings: list[Standing]  # in subject order; points and total_weight are sums of points and counts
    leaders: list[Subject]  # the highest score: one subject, several when tied; none when all are equal or nothing counts


def category_scores(comparison: Comparison, lookup: Lookup) -> list[CategoryScore]:
    """The scorecard: every category with scored criteria, each subject's mean points there, and the leaders."""
    cards = []
    for category, features in scored_groups(comparison, lookup):
        rows = []
        for subject in comparison.subjects:
            points = [p for f in features if (p := points_of(lookup, f, subject)) is not None]
            rows.append(Standing(subject, sum(points), len(points)))
        counted = [row for row in rows if row.total_weight]
        best = max((row.score for row in counted), default=None)
        leaders = [row.subject for row in counted if row.score == best]
        cards.append(CategoryScore(category, features, rows, leaders if 0 < len(leaders) < len(counted) else []))
    return cards


def state_query(importance: dict[str, str]) -> str:
    """The helper's URL state for these choices: ?w=feature:importance,..."""
    return "?w=" + ",".join(f"{feature}:{level}" for feature, level in importance.items())


def helper_data(comparison: Comparison, links: Links, lookup: Lookup) -> dict:
    """Everything decide.js needs to apply the rule, embedded in the page as JSON."""
    features = scored_features(comparison, lookup)
    return {
        "importance": [{"id": level.id, "label": level.label, "weight": level.weight} for level in comparison.decision.importance],
        "default": comparison.decision.default_importance,
        "subjects": [{"id": subject.id, "name": subject.name} for subject in comparison.subjects],
        "features": [
            {
                "id": feature.id,
                "name": feature.name,
                "href": links.page_of("feature", feature.id),
                "values": {
                    subject.id: {
                        "words": lookup.reading(feature, subject).with_level,
                        "points": lookup.reading(feature, subject).points,
                    }
                    for subject in comparison.subjects
                },
            }
            for feature in features
        ],
    }
