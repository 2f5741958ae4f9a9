"""The conclusions held to the evidence: a verdict point against its profiles, a use case against the rows it cites.

The verdict, the use cases and the decision profiles are written or computed
apart; nothing else would stop them telling a reader three different stories.
A verdict point may name the profiles that stand for its reader: its
`winner` must be their computed leader, and a point that names no winner
must not name a profile with a clear lead (ahead by at least the data's
`clear_lead` points of 100), unless the point says why in
`differs_because:`. Every criterion a use case cites as evidence must be led
(alone or jointly) by the use case's subject; rows it does not lead belong
under `context:`. The standings are also what the verdict page shows beside
each point, so the reader sees the figures the check saw.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from versus.data.loader import LoadedFile, load_file
from versus.data.lookup import Lookup
from versus.data.model import Comparison, Subject, UseCase, VerdictPoint
from versus.data.problems import DataProblems, Problem, shown_path
from versus.data.validate import load_comparison
from versus.pages.decide import CategoryScore, Standing, category_scores, decide
from versus.pages.reserved import reserved_ids
from versus.paths import content_folders, template_folders


@dataclass(frozen=True)
class Standings:
    """Who leads one profile or category, as the verdict page shows it beside a point."""

    kind: str  # "profile" or "category"
    id: str
    title: str
    standings: list[Standing]  # best first
    leader: Subject | None  # None for a tie at the top or when nothing counts

    @property
    def margin(self) -> float:
        """How far the first is ahead of the second, in points of 100."""
        if len(self.standings) < 2:
            return 0.0
        return float(self.standings[0].score - self.standings[1].score)

    def clear(self, clear_lead: int) -> bool:
        return self.leader is not None and self.margin >= clear_lead


def point_standings(comparison: Comparison, point: VerdictPoint, lookup: Lookup | None = None) -> list[Standings]:
    """The computed standing of each profile and category the point names, in the order it names them."""
    lookup = lookup or Lookup.of(comparison)
    return profile_standings(comparison, point, lookup) + _category_standings(comparison, point, lookup)


def profile_standings(comparison: Comparison, point: VerdictPoint, lookup: Lookup) -> list[Standings]:
    """The computed standing of each profile the point names, in the order it names them: what the check holds it to."""
    profiles = {profile.id: profile for profile in comparison.decision.profiles}
    found = []
    for profile_id in point.profiles:
        profile = profiles[profile_id]
        decision = decide(comparison, profile.importance, lookup)
        found.append(Standings("profile", profile.id, profile.title, decision.standings, decision.leader))
    return found


def _category_standings(comparison: Comparison, point: VerdictPoint, lookup: Lookup) -> list[Standings]:
    """The computed standing of each category the point names, in the order it names them: what the page shows."""
    if not point.categories:
        return []  # the scorecard reads every scored row, so a point that names no category skips it
    found = []
    scores: dict[str, CategoryScore] = {card.category.id: card for card in category_scores(comparison, lookup) if card.category}
    for category_id in point.categories:
        card = scores.get(category_id)
        if card is None:
            continue  # a category with no scored criterion has no standing
        ranked = sorted(card.standings, key=lambda row: -row.score)
        leader = card.leaders[0] if len(card.leaders) == 1 else None
        found.append(Standings("category", category_id, card.category.name if card.category else category_id, ranked, leader))
    return found


def checked_comparison(data_dir: Path, root: Path | None = None) -> Comparison:
    """The data validated (with the ids the site's pages at root already hold), then its conclusions held to
    its evidence: what `check`, `build` and `serve` read.

    Raises DataProblems with every problem; the conclusions are judged once the data itself is valid."""
    reserved = reserved_ids(template_folders(root), content_folders(root)) if root else None
    comparison = load_comparison(data_dir, reserved=reserved)
    problems = conclusion_problems(comparison, data_dir)
    if problems:
        raise DataProblems(problems)
    return comparison


def conclusion_problems(comparison: Comparison, data_dir: Path) -> list[Problem]:
    """Every verdict point and use case that contradicts the data it names, at its place in the data files."""
    lookup = Lookup.of(comparison)
    # Read again for the places of problems only when there is one: valid data, the usual case, never pays for it.
    verdict, use_cases = _Places(data_dir, "verdict.yml"), _Places(data_dir, "use_cases.yml")
    problems = []
    for index, point in enumerate(comparison.verdict.points):
        problems += _point_problems(comparison, lookup, point, verdict, ("points", index))
    if len(comparison.subjects) > 1:  # with one subject there is no one to lead: every row is its own
        for index, use_case in enumerate(comparison.use_cases):
            problems += _evidence_problems(comparison, lookup, use_case, use_cases, ("use_cases", index))
    return problems


def unmarked_judgements(comparison: Comparison, data_dir: Path) -> list[Problem]:
    """The texts that judge rather than report, carry no source of their own and lack `editorial: true`:
    use cases, verdict points and the home page's argument (cells and notes need a source or the mark already)."""
    hint = "mark it `editorial: true` if it is the site's judgement; readers then see it as such"
    found = []
    use_cases = _loaded(data_dir, "use_cases.yml")
    for index, use_case in enumerate(comparison.use_cases):
        if not use_case.editorial:
            found.append(use_cases.problem(("use_cases", index), f"use case `{use_case.id}` judges without a source of its own", hint))
    verdict = _loaded(data_dir, "verdict.yml")
    for index, point in enumerate(comparison.verdict.points):
        if not point.editorial:
            found.append(verdict.problem(("points", index), f"verdict point `{point.id}` judges without a source of its own", hint))
    if not comparison.site.editorial:
        site = _loaded(data_dir, "site.yml")
        found.append(site.problem(("why_it_matters",), "`why_it_matters` argues without a source of its own", hint, of_key=True))
    return found


def _loaded(data_dir: Path, name: str) -> LoadedFile:
    return load_file(data_dir / name, shown_path(data_dir / name))


class _Places:
    """A data file read for the places of its problems on the first problem found, not before."""

    def __init__(self, data_dir: Path, name: str) -> None:
        self._data_dir, self._name = data_dir, name
        self._loaded: LoadedFile | None = None

    def problem(self, location: tuple, message: str, hint: str = "") -> Problem:
        """The problem at `location` of the file, as LoadedFile.problem gives it."""
        if self._loaded is None:
            self._loaded = _loaded(self._data_dir, self._name)
        return self._loaded.problem(location, message, hint)


def _point_problems(comparison: Comparison, lookup: Lookup, point: VerdictPoint, loaded: _Places, here: tuple) -> list[Problem]:
    if point.differs_because:
        return []  # the point says why; the page shows that sentence beside the figures
    clear_lead = comparison.decision.clear_lead
    problems = []
    for position, standing in enumerate(profile_standings(comparison, point, lookup)):
        figures = _figures(standing)
        if point.winner is not None and (standing.leader is None or standing.leader.id != point.winner):
            computed = f"recommends {standing.leader.name}" if standing.leader else "is a tie"
            problems.append(
                loaded.problem(
                    (*here, "winner"),
                    f"the point names {comparison.subject(point.winner).name} the winner, but its profile `{standing.id}` {computed} ({figures})",
                    "change the winner or the profile's priorities, or say why they differ in `differs_because:`",
                )
            )
        elif point.winner is None and standing.clear(clear_lead) and standing.leader is not None:
            problems.append(
                loaded.problem(
                    (*here, "profiles", position),
                    f"the point names no winner, but its profile `{standing.id}` clearly recommends {standing.leader.name} ({figures})",
                    f"name `winner: {standing.leader.id}`, or say why there is none in `differs_because:`; "
                    f"a lead counts as clear from {clear_lead} points, `clear_lead` in decision.yml",
                )
            )
    return problems


def _figures(standing: Standings) -> str:
    return " vs ".join(f"{row.subject.name} {row.score_text}" for row in standing.standings[:3])


def _evidence_problems(comparison: Comparison, lookup: Lookup, use_case: UseCase, loaded: _Places, here: tuple) -> list[Problem]:
    problems = []
    for position, feature_id in enumerate(use_case.features):
        row = lookup.rows[feature_id]
        leaders = row.leaders()
        if use_case.subject in leaders:
            continue
        scored = [reading for reading in row.readings.values() if reading.points is not None]
        if not row.scored:
            why = "unscored, so it favours no one"
        elif len(scored) < 2:
            why = "scored for fewer than two subjects, so no one leads it"
        elif not leaders:
            why = "equal for every subject"
        else:
            why = f"led by {', '.join(comparison.subject(sid).name for sid in sorted(leaders, key=list(lookup.subject_names).index))}"
        problems.append(
            loaded.problem(
                (*here, "features", position),
                f"`{feature_id}` is cited as evidence for {comparison.subject(use_case.subject).name}, but its row is {why}",
                "cite rows this subject leads, or move this one under `context:`, shown as context rather than evidence",
            )
        )
    return problems
