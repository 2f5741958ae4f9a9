"""The decision helper's scoring rule, in Python; content/assets/javascripts/decide.js is its twin.

A reader says how much each criterion (feature) matters by picking an
importance level; each level has a weight in data/decision.yml. A subject's
score is the weighted mean of its rating scores (excellent 5 ... poor 1):

    score(subject) = sum(weight(f) * rating(subject, f)) / sum(weight(f))

The subject with the highest score leads; equal scores are a tie. The
static decision pages are computed here at build time; the browser computes
the same rule, and a test checks both agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.data.model import Comparison, Feature, Importance, Subject
from scripts.pages.urls import Links

MOST_CHANGES = 3  # "what would change the answer" lists at most this many


@dataclass(frozen=True)
class Standing:
    subject: Subject
    points: int  # sum of weight × rating score: integers, so the comparison is exact
    total_weight: int

    @property
    def score(self) -> float:
        """The weighted mean rating, 1 to 5 (0 when nothing matters)."""
        return self.points / self.total_weight if self.total_weight else 0.0

    @property
    def score_text(self) -> str:
        """The score to two decimals, rounded half up in integers so decide.js prints the same."""
        if not self.total_weight:
            return "0.00"
        hundredths = (self.points * 200 + self.total_weight) // (2 * self.total_weight)
        return f"{hundredths // 100}.{hundredths % 100:02d}"


@dataclass(frozen=True)
class Reason:
    """A criterion where the leader and the runner-up differ."""

    feature: Feature
    importance: Importance
    leader_rating: int
    runner_up_rating: int


@dataclass(frozen=True)
class Change:
    """One importance that, set differently, would put another subject ahead."""

    feature: Feature
    importance: Importance
    direction: str  # "less" or "more"
    new_leader: Subject


@dataclass(frozen=True)
class Decision:
    importance: dict[str, Importance]  # feature id → the importance used
    standings: list[Standing]  # best first; ties keep data order
    leader: Subject | None  # None for a tie at the top or when nothing matters
    strengths: list[Reason]
    trade_offs: list[Reason]
    changes: list[Change]


def resolve_importance(comparison: Comparison, chosen: dict[str, str]) -> dict[str, Importance]:
    """Every feature's importance: the chosen one, or the data's default."""
    decision = comparison.decision
    return {f.id: decision.level(chosen.get(f.id, decision.default_importance)) for f in comparison.features}


def standings(comparison: Comparison, importance: dict[str, Importance]) -> list[Standing]:
    total = sum(importance[f.id].weight for f in comparison.features)
    rows = [
        Standing(subject, sum(importance[f.id].weight * f.values[subject.id].rating.score for f in comparison.features), total)
        for subject in comparison.subjects
    ]
    return sorted(rows, key=lambda row: -row.points)  # sorted() is stable: ties keep data order


def leader_of(rows: list[Standing]) -> Subject | None:
    if not rows or rows[0].total_weight == 0 or (len(rows) > 1 and rows[0].points == rows[1].points):
        return None
    return rows[0].subject


def decide(comparison: Comparison, chosen: dict[str, str]) -> Decision:
    """Apply the rule to the reader's choices (feature id → importance id)."""
    importance = resolve_importance(comparison, chosen)
    rows = standings(comparison, importance)
    leader = leader_of(rows)
    strengths: list[Reason] = []
    trade_offs: list[Reason] = []
    if leader is not None and len(rows) > 1:
        runner_up = rows[1].subject
        for feature in comparison.features:
            level = importance[feature.id]
            ours, theirs = feature.values[leader.id].rating.score, feature.values[runner_up.id].rating.score
            if level.weight and ours != theirs:
                (strengths if ours > theirs else trade_offs).append(Reason(feature, level, ours, theirs))
        # Biggest weighted difference first; data order breaks ties.
        strengths.sort(key=lambda r: -r.importance.weight * (r.leader_rating - r.runner_up_rating))
        trade_offs.sort(key=lambda r: -r.importance.weight * (r.runner_up_rating - r.leader_rating))
    return Decision(importance, rows, leader, strengths, trade_offs, _changes(comparison, importance, leader))


def _changes(comparison: Comparison, importance: dict[str, Importance], leader: Subject | None) -> list[Change]:
    """Single changes of one criterion's importance that would put another subject ahead.

    Smallest steps first (one level before two), then data order; one per feature.
    """
    if leader is None:
        return []
    levels = comparison.decision.importance
    # One criterion's new weight moves each subject's points by the weight's change times
    # its rating there: update the current standings instead of scoring every criterion
    # again, which made this quadratic in the number of features.
    current_rows = {row.subject.id: row for row in standings(comparison, importance)}
    candidates: list[tuple[int, int, Change]] = []
    for order, feature in enumerate(comparison.features):
        current = levels.index(importance[feature.id])
        # Nearest levels first, the lower one before the higher at equal distance.
        for position in sorted(range(len(levels)), key=lambda p: (abs(p - current), p)):
            if position == current:
                continue
            step = levels[position].weight - importance[feature.id].weight
            trial = [
                Standing(
                    subject,
                    current_rows[subject.id].points + step * feature.values[subject.id].rating.score,
                    current_rows[subject.id].total_weight + step,
                )
                for subject in comparison.subjects
            ]
            new_leader = leader_of(sorted(trial, key=lambda row: -row.points))  # stable, as in standings()
            if new_leader is not None and new_leader.id != leader.id:
                direction = "less" if position < current else "more"
                candidates.append((abs(position - current), order, Change(feature, levels[position], direction, new_leader)))
                break
    candidates.sort(key=lambda c: (c[0], c[1]))
    return [change for _, _, change in candidates[:MOST_CHANGES]]


def state_query(importance: dict[str, str]) -> str:
    """The helper's URL state for these choices: ?w=feature:importance,..."""
    return "?w=" + ",".join(f"{feature}:{level}" for feature, level in importance.items())


def helper_data(comparison: Comparison, links: Links) -> dict:
    """Everything decide.js needs to apply the rule, embedded in the page as JSON."""
    return {
        "importance": [{"id": level.id, "label": level.label, "weight": level.weight} for level in comparison.decision.importance],
        "default": comparison.decision.default_importance,
        "subjects": [{"id": subject.id, "name": subject.name} for subject in comparison.subjects],
        "features": [
            {
                "id": feature.id,
                "name": feature.name,
                "href": links.feature_page(feature.id),
                "values": {
                    subject.id: {
                        "label": feature.values[subject.id].label,
                        "rating": feature.values[subject.id].rating.label,
                        "score": feature.values[subject.id].rating.score,
                    }
                    for subject in comparison.subjects
                },
            }
            for feature in comparison.features
        ],
    }
