"""The records of a review: each change an edit makes as a frozen dataclass, and the words they are counted in.

`review.py` fills them, `review_effects.py` the effects on the conclusions,
`review_markdown.py` and `Review.as_json` say them to a reviewer or a script.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from versus.data.model import Source

# Each kind of item in the reader's words, singular and plural, by its name in ids.lock.
KIND_WORDS = {
    "subject": ("subject", "subjects"),
    "category": ("category", "categories"),
    "feature": ("criterion", "criteria"),
    "use-case": ("use case", "use cases"),
    "cost": ("cost note", "cost notes"),
    "performance": ("performance note", "performance notes"),
    "verdict": ("verdict point", "verdict points"),
    "profile": ("profile", "profiles"),
    "file": ("data file", "data files"),  # a file's own keys: site.yml, and the pricing and performance summaries
}


def words(count: int, kind: str) -> str:
    """ "1 criterion", "2 criteria": a count of one kind of item."""
    singular, plural = KIND_WORDS.get(kind, (kind, kind + "s"))
    return f"{count} {singular if count == 1 else plural}"


def counted(count: int, thing: str, plural: str = "") -> str:
    """ "1 cell", "3 cells"."""
    return f"{count} {thing if count == 1 else plural or thing + 's'}"


def names(items: Iterable[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    listed = list(items)
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1] if listed else ""


@dataclass(frozen=True)
class Shown:
    """A cell's value as the table shows it: its text, its level's word and symbol, its points (0 to 100)."""

    text: str
    level: str = ""
    symbol: str = ""
    points: int | None = None

    def level_text(self) -> str:
        """The level as the table writes it: "●●●●○ Good"; empty for a fact or a number."""
        return f"{self.symbol} {self.level}".strip()


@dataclass(frozen=True)
class SourceLink:
    """A source as a reviewer reads it."""

    title: str
    url: str
    publisher: str

    @classmethod
    def of(cls, source: Source) -> SourceLink:
        return cls(source.title, source.url, source.publisher)


@dataclass(frozen=True)
class CellChange:
    """One subject's value for one criterion, before and after the edit."""

    feature: str  # the criterion's id after the edit
    feature_name: str
    subject: str  # the subject's id after the edit
    subject_name: str
    was: Shown
    now: Shown
    description: str  # the What changed page's phrase, e.g. "was “A” (Good), now “B” (Fair)"; empty when the value shows the same
    page: str  # the fact's page: absolute with a site address, else relative to the site root
    sources_added: tuple[SourceLink, ...] = ()
    sources_removed: tuple[SourceLink, ...] = ()
    sources_retitled: tuple[SourceLink, ...] = ()  # the same address with a new title or publisher, as it is now
    was_as_of: str = ""
    now_as_of: str = ""
    other_fields: tuple[str, ...] = ()  # other keys of the cell that changed, e.g. ("explanation", "note")
    in_history: bool = False  # the edit added a past value, so What changed will list it

    @property
    def value_changed(self) -> bool:
        return bool(self.description)


@dataclass(frozen=True)
class ItemChange:
    """An item added, removed, renamed or edited; `warning` says what a removal breaks."""

    kind: str  # the kind's name in ids.lock, e.g. "feature"
    action: Literal["added", "removed", "renamed", "edited", "alias removed"]
    id: str  # the id after the edit; for a removal, the id that went
    name: str
    old_id: str = ""  # for a rename: the id before, now an alias
    fields: tuple[str, ...] = ()  # for an edit: the keys that changed
    warning: str = ""


@dataclass(frozen=True)
class SettingChange:
    """A scale's level, an importance level or the default importance: what scores are made of."""

    what: str  # e.g. "scale `quality`, level `good`: score" or "importance `critical`: weight"
    was: str
    now: str


@dataclass(frozen=True)
class LeaderChange:
    """The best of a criterion's row, before and after: subject names, several when tied, none when all are equal."""

    feature: str
    feature_name: str
    was: tuple[str, ...]
    now: tuple[str, ...]


@dataclass(frozen=True)
class VerdictCheck:
    """A verdict point whose winner no longer leads a criterion the point rests on (through one of its use cases)."""

    point: str
    title: str
    winner: str  # the winner's name
    use_case: str
    feature: str
    feature_name: str
    now: tuple[str, ...]  # the row's best after the edit


@dataclass(frozen=True)
class Score:
    """One subject's score out of 100 in a category, before and after; None where nothing counts."""

    subject: str
    subject_name: str
    was: int | None
    now: int | None


@dataclass(frozen=True)
class CategoryChange:
    """A category of the scorecard whose scores or leaders changed."""

    category: str  # empty for the one group of a comparison without categories
    category_name: str
    scores: tuple[Score, ...]
    was_leaders: tuple[str, ...]
    now_leaders: tuple[str, ...]

    @property
    def leaders_changed(self) -> bool:
        return self.was_leaders != self.now_leaders


@dataclass(frozen=True)
class Recommendation:
    """What a profile (or the helper with its defaults) recommends before and after: a name, a tie or nothing."""

    profile: str  # the profile's id; empty for the helper's defaults
    title: str
    was: str
    now: str
    was_score: str  # the leader's score to one decimal, as the page prints it
    now_score: str

    @property
    def changed(self) -> bool:
        return self.was != self.now


@dataclass(frozen=True)
class NewEntry:
    """A change the What changed page and feeds will list once the edit lands, in their words."""

    section: str
    fact: str
    description: str
    changed_on: str
    reason: str
    page: str


@dataclass(frozen=True)
class Review:
    """Everything an edit changes, and its effects on the conclusions; `summary` says it in one line."""

    base: str  # the revision compared with, as given
    base_problem: str = ""  # why the base could not be read whole; then only ids were compared
    cells: tuple[CellChange, ...] = ()
    items: tuple[ItemChange, ...] = ()
    settings: tuple[SettingChange, ...] = ()
    row_leaders: tuple[LeaderChange, ...] = ()
    categories: tuple[CategoryChange, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    verdict_checks: tuple[VerdictCheck, ...] = ()
    new_entries: tuple[NewEntry, ...] = ()
    summary: str = field(default="", compare=False)

    def as_json(self) -> str:
        """The review as JSON: the same facts as the Markdown, for scripts."""
        plain = _plain(self)
        assert isinstance(plain, dict)
        # The summary first, as in the Markdown: the line a script is most likely to show.
        return json.dumps({"summary": plain.pop("summary"), **plain}, ensure_ascii=False, indent=2) + "\n"


def _plain(value: object) -> object:
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        plain = {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
        for extra in ("value_changed", "leaders_changed", "changed"):
            if hasattr(type(value), extra):
                plain[extra] = getattr(value, extra)
        return plain
    return value
