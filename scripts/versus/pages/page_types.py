"""The kinds of page made once per item of the data, declared once: a new kind of page is a row here and a template.

Every other part reads this table: the render steps (scripts/pages/render.py)
make each row's pages and the redirects from its items' former ids, the
links (scripts/pages/urls.py) give their addresses, the link-preview cards
and the feeds come from the row, the preview (scripts/site/serve.py) knows
which pages a save leaves as they were, and the data's check refuses the
ids a row's folder and page already hold (scripts/pages/reserved.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from versus.data.lookup import Lookup
from versus.data.model import Category, Comparison, Feature, Profile, Subject
from versus.pages.cards import Card, category_card, category_features, criterion_card, standings_card, subject_card
from versus.pages.decide import decide
from versus.pages.text import join_words

if TYPE_CHECKING:
    from versus.pages.changes import Change


class Item(Protocol):
    """What every item with a page of its own has: an id for its address and the former ids that forward to it."""

    @property
    def id(self) -> str: ...

    @property
    def aliases(self) -> list[str]: ...


ItemT = TypeVar("ItemT", bound=Item)


def _nothing_more(item: object, comparison: Comparison, lookup: Lookup) -> dict[str, object]:
    return {}


@dataclass(frozen=True)
class PageType(Generic[ItemT]):
    """A page per item of one kind: where it lives, what renders it, and what it says of itself elsewhere."""

    kind: str  # the item's kind, as the data's checks name it: the page's template sees the item under this name
    folder: str  # the pages' folder: `<folder>/<id>/`
    template: str  # under templates/
    items: Callable[[Comparison], Sequence[ItemT]]
    name: Callable[[ItemT], str]  # the item's name, in feeds' titles
    title: Callable[[ItemT], str]  # the page's title, which a redirect from a former id repeats
    description: Callable[[ItemT, Comparison, Lookup], str]  # its description, which the template sees as `description`
    sources: tuple[str, ...]  # the data files the pages are made from, named in the do-not-edit note
    card: Callable[[Comparison, Lookup, ItemT], Card]  # the page's link-preview picture
    # The changes the page's own feed holds, of every change newest first; None: the page has no feed.
    follows: Callable[[list[Change], ItemT, Comparison], list[Change]] | None = None
    # The kinds of item whose ids are anchors on the page (as for the site's own pages in reserved.py).
    anchors: tuple[str, ...] = ()
    # What the page shows of the data, compared before and after a save so the preview renders the pages whose
    # part changed first; None when the page may show anything (it renders first every time).
    shows: Callable[[ItemT, Comparison], object] | None = None
    more: Callable[[ItemT, Comparison, Lookup], dict[str, object]] = field(default=_nothing_more)  # the template's other values

    def file(self, item_id: str) -> str:
        """The page's Markdown file as written, e.g. `features/<id>.md` (staged at `features/<id>/index.md`)."""
        return f"{self.folder}/{item_id}.md"

    def url(self, item_id: str) -> str:
        """The page's address relative to the site root, e.g. `features/<id>/`."""
        return f"{self.folder}/{item_id}/"

    def feed_url(self, item_id: str) -> str:
        """The page's feed, in its folder: `features/<id>/changes.xml`."""
        return self.url(item_id) + PAGE_FEED


PAGE_FEED = "changes.xml"  # a page's own feed, in its folder: a static file every engine copies as it is


def _about_features(changes: list[Change], features: list[Feature]) -> list[Change]:
    ids = {feature.id for feature in features}
    return [change for change in changes if change.feature in ids]


PAGE_TYPES: tuple[PageType[Any], ...] = (
    PageType[Feature](
        kind="feature",
        folder="features",
        template="pages/feature.md.j2",
        items=lambda comparison: comparison.features,
        name=lambda feature: feature.name,
        title=lambda feature: feature.name,
        description=lambda feature, comparison, lookup: lookup.summary_line(feature),
        sources=("data/features.yml",),
        card=criterion_card,
        follows=lambda changes, feature, comparison: [change for change in changes if change.feature == feature.id],
        anchors=("subject",),
        shows=lambda feature, comparison: feature,
    ),
    PageType[Category](
        kind="category",
        folder="categories",
        template="pages/category.md.j2",
        items=lambda comparison: [category for category, _ in comparison.groups() if category],
        name=lambda category: category.name,
        title=lambda category: category.name,
        description=lambda category, comparison, lookup: (
            category.description or "Compared: " + join_words([feature.name for feature in category_features(comparison, category)]) + "."
        ),
        sources=("data/features.yml",),
        card=category_card,
        follows=lambda changes, category, comparison: _about_features(changes, category_features(comparison, category)),
        anchors=("feature",),
        shows=lambda category, comparison: (category, category_features(comparison, category), comparison.subjects),
        more=lambda category, comparison, lookup: {"features": category_features(comparison, category)},
    ),
    PageType[Subject](
        kind="subject",
        folder="choose",
        template="pages/decision.md.j2",
        items=lambda comparison: comparison.subjects,
        name=lambda subject: subject.name,
        title=lambda subject: f"Choose {subject.name} when…",
        description=lambda subject, comparison, lookup: subject.summary,
        sources=("data/use_cases.yml", "data/subjects.yml"),
        card=lambda comparison, lookup, subject: subject_card(comparison, subject),
        follows=lambda changes, subject, comparison: [change for change in changes if subject.id in change.subjects],
        anchors=("use-case",),
        more=lambda subject, comparison, lookup: {"use_cases": [u for u in comparison.use_cases if u.subject == subject.id]},
    ),
    PageType[Profile](
        kind="profile",
        folder="decide",
        template="pages/profile.md.j2",
        items=lambda comparison: comparison.decision.profiles,
        name=lambda profile: profile.title,
        title=lambda profile: profile.title,
        description=lambda profile, comparison, lookup: profile.summary,
        sources=("data/decision.yml",),
        card=lambda comparison, lookup, profile: standings_card(comparison, lookup, profile.title, profile.summary, profile.importance),
        more=lambda profile, comparison, lookup: {"decision": decide(comparison, profile.importance, lookup)},
    ),
)
PAGES_BY_KIND: dict[str, PageType[Any]] = {page_type.kind: page_type for page_type in PAGE_TYPES}


@dataclass(frozen=True)
class ItemPage:
    """One item's page, as the render steps ask whether to render it first."""

    page_type: PageType[Any]
    item: Any
    comparison: Comparison

    def shows_the_same(self, before: Comparison, item_before: object | None) -> bool:
        """Whether the page shows what it showed with the data before a save, when the item was item_before."""
        shows = self.page_type.shows
        return shows is not None and item_before is not None and shows(item_before, before) == shows(self.item, self.comparison)


def page_file(kind: str, item_id: str) -> str:
    """An item's page as written, by its kind: `page_file("feature", "x")` is `features/x.md`."""
    return PAGES_BY_KIND[kind].file(item_id)


def item_cards(comparison: Comparison, lookup: Lookup) -> dict[str, Card]:
    """The link-preview card of every item's page, by its page file."""
    return {
        page_type.file(item.id): page_type.card(comparison, lookup, item)
        for page_type in PAGE_TYPES
        for item in page_type.items(comparison)
    }
