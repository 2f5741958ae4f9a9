"""What each page's link-preview card says: the words, values and levels, and the same in one sentence.

A pasted link unfurls as the picture named by the page's `og:image`. The
picture is drawn from a Card (scripts/pages/card_drawing.py) and named by a
hash of the card, so a card that did not change keeps its file, a build
reuses it from the cache, and a chat app that cached the old picture by its
address sees a new address when the card changes. Everything a card shows
comes from the data: a criterion's card shows each subject's value and
level, tinted like the table; the home page's the scorecard; a subject's
decision page its reasons; the verdict its conclusions; the decision
helper and its profiles the standings; any other page its title and
description. The alt text says in words what the picture shows.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field

from versus.data.lookup import Lookup
from versus.data.model import Category, Comparison, Feature, Subject
from versus.pages.decide import category_scores, leader_of, resolve_importance, scored_features, standings
from versus.pages.text import join_words

CARD_FOLDER = "assets/cards"  # where the pictures are published, relative to the site root
CARD_WIDTH, CARD_HEIGHT = 1200, 630  # the size Facebook, LinkedIn, Slack and X show largest
MOST_ROWS = 12  # a comparison has at most twelve subjects; other lists are cut to fit
HOME_FILE, VERDICT_FILE, HELPER_FILE = "index.md", "verdict.md", "decide.md"


@dataclass(frozen=True)
class CardRow:
    """One line of a card: a name, its value, and the value's level in words and symbol, tinted by its points."""

    name: str
    value: str = ""
    level: str = ""  # the level's word, e.g. "Good", "Partial"; empty when the value has none
    symbol: str = ""  # e.g. "●●●●○", "✓"
    points: int | None = None  # 0 (worst) to 100 (best) picks the tint; None leaves the row untinted

    def sentence(self) -> str:
        """The row in words, for the alt text: "SQLite: Row-level locking, Good"."""
        said = [part for part in (self.value, self.level if self.level != self.value else "") if part]
        return f"{self.name}: {', '.join(said)}" if said else self.name


@dataclass(frozen=True)
class Card:
    """Everything one picture shows; two equal cards are the same picture."""

    site_title: str
    title: str
    subtitle: str = ""  # a criterion's question, a page's description
    rows: tuple[CardRow, ...] = field(default_factory=tuple)
    more: int = 0  # rows left out for want of room, said as "and N more"
    footer: str = ""  # a line at the foot: what the site compares
    category: str = ""  # a criterion's category, beside the site's name

    @functools.cached_property
    def key(self) -> str:
        """A hash of exactly what is drawn: the picture's name and its key in the cache."""
        rows = [[row.name, row.value, row.level, row.symbol, row.points] for row in self.rows]
        shown = [self.site_title, self.title, self.subtitle, rows, self.more, self.footer, self.category]
        text = json.dumps(shown, ensure_ascii=False)  # every field: a new field must join this list
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def alt(self) -> str:
        """The picture described in words, for og:image:alt."""
        parts = [self.title if self.title == self.site_title else f"{self.site_title}: {self.title}"]
        if self.category:
            parts[0] += f" ({self.category})"
        if self.subtitle:
            parts.append(self.subtitle)
        parts += [row.sentence() for row in self.rows]
        if self.more:
            parts.append(f"and {self.more} more")
        if self.footer:
            parts.append(self.footer)
        return " ".join(part if part.endswith((".", "?", "!", "…")) else part + "." for part in parts)

    def file(self, page_address: str, drawing_version: str) -> str:
        """Where the picture of a page's card is published: the page's address (`features/x/`), then the hash of what is drawn."""
        slug = page_address.strip("/").replace("/", "-") or "home"
        digest = hashlib.sha256(f"{drawing_version}:{self.key}".encode()).hexdigest()[:16]
        return f"{CARD_FOLDER}/{slug}.{digest}.png"


def _rows(rows: list[CardRow]) -> tuple[tuple[CardRow, ...], int]:
    """At most MOST_ROWS rows, and how many were left out."""
    return tuple(rows[:MOST_ROWS]), max(0, len(rows) - MOST_ROWS)


def criterion_card(comparison: Comparison, lookup: Lookup, feature: Feature) -> Card:
    """A criterion: each subject's value with its level's word and symbol, tinted like the table."""
    category = comparison.category_of(feature)
    rows = []
    for subject in comparison.subjects:
        reading = lookup.reading(feature, subject)
        # The level's word stands at the right: the value says only what it adds ("since 8.4"), or the label.
        value = reading.label or (reading.extra if reading.level_label else reading.text)
        rows.append(CardRow(subject.name, value, reading.level_label, reading.symbol, reading.points))
    kept, more = _rows(rows)
    return Card(comparison.site.title, feature.name, feature.question, kept, more, category=category.name if category else "")


def home_card(comparison: Comparison, lookup: Lookup) -> Card:
    """The home page: the scorecard, who leads each category; the site's description without one."""
    rows = []
    for score in category_scores(comparison, lookup):
        if len(comparison.subjects) < 2:
            break
        name = score.category.name if score.category else "All criteria"
        best = next((s.score_words for s in score.standings if score.leaders and s.subject == score.leaders[0]), "")
        if len(score.leaders) == 1:
            rows.append(CardRow(name, f"{score.leaders[0].name} leads", best))
        elif score.leaders:
            rows.append(CardRow(name, f"{join_words([s.name for s in score.leaders])} tie", best))
        else:
            rows.append(CardRow(name, "All equal"))
    kept, more = _rows(rows)
    subtitle = "Who leads, by category" if kept else comparison.site.description
    return Card(comparison.site.title, comparison.site.title, subtitle, kept, more, _compared(comparison))


def category_features(comparison: Comparison, category: Category) -> list[Feature]:
    """A category's criteria, in the table's order."""
    return next((features for group, features in comparison.groups() if group and group.id == category.id), [])


def category_card(comparison: Comparison, lookup: Lookup, category: Category) -> Card:
    """A category: each subject's tally over its criteria (as in its header row), most rows led first."""
    features = category_features(comparison, category)
    tallies = lookup.tally(features)
    ranked = sorted(comparison.subjects, key=lambda subject: -tallies[subject.id].best)
    rows = [
        CardRow(s.name, f"Best on {tallies[s.id].best} · behind on {tallies[s.id].behind} · equal on {tallies[s.id].equal}")
        for s in ranked
        if len(comparison.subjects) > 1
    ]
    kept, more = _rows(rows)
    counted = f"{len(features)} criteri{'on' if len(features) == 1 else 'a'}"
    return Card(comparison.site.title, category.name, category.description or counted, kept, more, _compared(comparison))


def subject_card(comparison: Comparison, subject: Subject) -> Card:
    """A subject's decision page: when to choose it, one row per reason."""
    rows = [CardRow(u.title) for u in comparison.use_cases if u.subject == subject.id]
    kept, more = _rows(rows)
    return Card(comparison.site.title, f"Choose {subject.name} when…", subject.summary, kept, more)


def verdict_card(comparison: Comparison) -> Card:
    """The verdict: each conclusion and who wins it."""
    rows = [
        CardRow(point.title, comparison.subject(point.winner).name if point.winner else "No single winner")
        for point in comparison.verdict.points
    ]
    kept, more = _rows(rows)
    return Card(comparison.site.title, "Verdict", "", kept, more)


def standings_card(comparison: Comparison, lookup: Lookup, title: str, subtitle: str, chosen: dict[str, str]) -> Card:
    """The decision helper and its profiles: each subject's score out of 100, best first, tinted by the score.

    The rule's standings alone (scripts/pages/decide.py): what would change the answer, the costly part of
    a decision, is not on the card."""
    features = scored_features(comparison, lookup)
    ranked = standings(comparison, lookup, features, resolve_importance(comparison, chosen, features))
    leader = leader_of(ranked)
    rows = [
        CardRow(
            s.subject.name,
            s.score_words,
            "Recommended" if leader and s.subject == leader else "",
            "",
            s.rounded,
        )
        for s in ranked
        if s.total_weight
    ]
    kept, more = _rows(rows)
    return Card(comparison.site.title, title, subtitle, kept, more)


def page_card(comparison: Comparison, title: str, description: str) -> Card:
    """Any other page: its title and description, and at its foot the subjects compared."""
    return Card(comparison.site.title, title, description or comparison.site.description, footer=_compared(comparison))


def _compared(comparison: Comparison) -> str:
    """The subjects compared, for the foot of a card: "Compares A, B and C"."""
    return "Compares " + join_words([subject.name for subject in comparison.subjects])


def site_page_cards(comparison: Comparison, lookup: Lookup) -> dict[str, Card]:
    """The cards of the site's own pages drawn from the data, by page file; an item's page has its type's card
    (scripts/pages/page_types.py), any other page page_card."""
    weighed = f"{len(scored_features(comparison, lookup))} criteria weighed, each of default importance"
    return {
        HOME_FILE: home_card(comparison, lookup),
        VERDICT_FILE: verdict_card(comparison),
        HELPER_FILE: standings_card(comparison, lookup, "Decision helper", weighed, {}),
    }
