"""What an edit does for readers: the best of each row, the category scores and leaders, each profile's recommendation, the verdict points to re-read.

Computed on both sides with the site's own rules (`lookup`, `decide`); items
are matched across the sides by the maps `review.py` gives (old id → new id),
so a renamed subject or criterion is compared with its old self.
"""

from __future__ import annotations

from collections.abc import Iterable

from versus.data.lookup import Lookup
from versus.data.model import Comparison, Feature
from versus.pages.decide import CategoryScore, category_scores, leader_of, resolve_importance, scored_features, standings, tied_at_top
from versus.pages.review_records import CategoryChange, LeaderChange, Recommendation, Score, VerdictCheck, names

DEFAULT_PROFILE = "the decision helper as it opens (every criterion at the default importance)"


def _leaders(lookup: Lookup, feature: Feature, names_by_id: dict[str, str]) -> tuple[str, ...]:
    # In the row's subject order, so a tie reads the same way on both sides.
    best = lookup.rows[feature.id].leaders()
    return tuple(names_by_id[sid] for sid in lookup.rows[feature.id].readings if sid in best)


def leader_changes(
    base: Comparison, head: Comparison, before: Lookup, after: Lookup, features: dict[str, str], subjects: dict[str, str]
) -> Iterable[LeaderChange]:
    """The rows whose best changed; `features` and `subjects` map old ids to new."""
    # Old subjects are named as they are named now, so a renamed subject is not a new leader.
    old_names = {s.id: after.subject_names.get(subjects.get(s.id, ""), s.name) for s in base.subjects}
    new_features = {feature.id: feature for feature in head.features}
    for old_feature in base.features:
        feature = new_features.get(features.get(old_feature.id, ""))
        if feature is None:
            continue
        was, now = _leaders(before, old_feature, old_names), _leaders(after, feature, after.subject_names)
        if was != now:
            yield LeaderChange(feature.id, feature.name, was, now)


def verdict_checks(
    base: Comparison, head: Comparison, before: Lookup, after: Lookup, features: dict[str, str], subjects: dict[str, str]
) -> Iterable[VerdictCheck]:
    """Where the edit takes a verdict point's winner off the top of a row the point rests on.

    Only the edit's doing is named: a winner already behind on a row before the edit was
    the editors' choice then, and a new criterion has no before."""
    led_before = {
        features[f.id]: {subjects[s] for s in before.rows[f.id].leaders() if s in subjects} for f in base.features if f.id in features
    }
    use_cases = {use_case.id: use_case for use_case in head.use_cases}
    for point in head.verdict.points:
        if point.winner is None:
            continue
        for use_case_id in point.use_cases:
            for feature_id in use_cases[use_case_id].features:
                now = after.rows[feature_id].leaders()
                if point.winner in led_before.get(feature_id, set()) and point.winner not in now:
                    yield VerdictCheck(
                        point.id,
                        point.title,
                        after.subject_names[point.winner],
                        use_case_id,
                        feature_id,
                        after.features[feature_id].name,
                        _leaders(after, after.features[feature_id], after.subject_names),
                    )


def category_changes(
    base: Comparison, head: Comparison, before: Lookup, after: Lookup, subjects: dict[str, str], categories: dict[str, str]
) -> Iterable[CategoryChange]:
    """The categories whose scores or leaders the edit changed; `subjects` and `categories` map old ids to new."""
    old_cards = {_card_id(card, categories): card for card in category_scores(base, before)}
    new_by_subject = {subject.id: subject for subject in head.subjects}
    back = {new: old for old, new in subjects.items()}
    old_names = {s.id: new_by_subject[subjects[s.id]].name if s.id in subjects else s.name for s in base.subjects}
    for card in category_scores(head, after):
        key = card.category.id if card.category else ""
        old = old_cards.get(key)
        old_scores = {row.subject.id: row.rounded for row in old.standings} if old else {}
        scores = [
            Score(row.subject.id, row.subject.name, old_scores.get(back.get(row.subject.id, "")), row.rounded) for row in card.standings
        ]
        scores += [
            Score(sid, old_names[sid], points, None) for sid, points in old_scores.items() if sid not in subjects and points is not None
        ]
        was_leaders = tuple(old_names[s.id] for s in old.leaders) if old else ()
        now_leaders = tuple(s.name for s in card.leaders)
        if any(score.was != score.now for score in scores) or was_leaders != now_leaders:
            name = card.category.name if card.category else "All criteria"
            yield CategoryChange(key, name, tuple(scores), was_leaders, now_leaders)


def _card_id(card: CategoryScore, categories: dict[str, str]) -> str:
    """The card's category as it is called now, so a renamed category's scores are compared with its old ones."""
    return categories.get(card.category.id, f"(gone) {card.category.id}") if card.category else ""


def _answer(comparison: Comparison, lookup: Lookup, chosen: dict[str, str], names_by_id: dict[str, str]) -> tuple[str, str]:
    """What the helper says for these priorities, in a few words, and the leading score: "Alpha", "a tie between A and B".

    The helper's own rule (`standings`, `leader_of`), without `decide`'s search for what would change
    the answer, which a review does not show and which is most of its cost on a large comparison."""
    features = scored_features(comparison, lookup)
    rows = standings(comparison, lookup, features, resolve_importance(comparison, chosen, features))
    leader, tied = leader_of(rows), tied_at_top(rows)
    score = rows[0].score_text if rows and rows[0].total_weight else ""
    if leader is not None:
        return names_by_id[leader.id], score
    if tied:
        return "a tie between " + names(names_by_id[s.id] for s in tied), score
    return "no answer (no criterion counts)", score


def recommendations(
    base: Comparison, head: Comparison, before: Lookup, after: Lookup, subjects: dict[str, str], profiles: dict[str, str]
) -> Iterable[Recommendation]:
    """What the helper as it opens and each profile recommend on both sides; `subjects` and `profiles` map old ids to new."""
    old_names = {s.id: after.subject_names.get(subjects.get(s.id, ""), s.name) for s in base.subjects}
    old_profiles = {p.id: p for p in base.decision.profiles}
    back = {new: old for old, new in profiles.items()}
    for profile_id, title, chosen in [("", DEFAULT_PROFILE, {}), *((p.id, p.title, p.importance) for p in head.decision.profiles)]:
        if profile_id and profile_id not in back:
            continue  # a new profile has no before; it is listed as added
        # Each side's profile names its own side's criteria, so each is decided with its own data.
        old_chosen = old_profiles[back[profile_id]].importance if profile_id else {}
        was, was_score = _answer(base, before, dict(old_chosen), old_names)
        now, now_score = _answer(head, after, dict(chosen), after.subject_names)
        yield Recommendation(profile_id, title, was, now, was_score, now_score)
