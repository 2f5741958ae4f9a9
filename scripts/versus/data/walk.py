"""The catalogue of facts: every kind of item in the data, declared once, and one walk over them.

Each stage that needs every item of a kind (places for edit links, the
stale report, the date checks, the registry of ids, the list of changes,
unique ids) walks this catalogue instead of listing the kinds itself, so a
new kind of item is one row of `ITEM_LISTS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from versus.data.base import Located
from versus.data.cells import Cell, Feature
from versus.data.loader import Location
from versus.data.model import Comparison


@dataclass(frozen=True)
class ItemList:
    """A list of items with ids in one data file: subjects, features, use cases..."""

    kind: str  # the kind's name in ids.lock and in hints, e.g. "use-case"
    data_file: str  # the file's name inside the data folder
    key: tuple[str, ...]  # where the list stands in that file
    section: str  # how the stale report names the kind, e.g. "pricing"
    items: Callable[[Comparison], Sequence]

    def located(self, comparison: Comparison) -> Iterator[tuple[Location, object]]:
        """Each item with its place in the file."""
        for index, item in enumerate(self.items(comparison)):
            yield (*self.key, index), item


# In the order the site lists changes within a day; reordering changes the pages.
ITEM_LISTS: tuple[ItemList, ...] = (
    ItemList("subject", "subjects.yml", ("subjects",), "subjects", lambda c: c.subjects),
    ItemList("category", "features.yml", ("categories",), "categories", lambda c: c.categories),
    ItemList("feature", "features.yml", ("features",), "features", lambda c: c.features),
    ItemList("use-case", "use_cases.yml", ("use_cases",), "use cases", lambda c: c.use_cases),
    ItemList("cost", "pricing.yml", ("considerations",), "pricing", lambda c: c.pricing.considerations),
    ItemList("performance", "performance.yml", ("points",), "performance", lambda c: c.performance.points),
    ItemList("verdict", "verdict.yml", ("points",), "verdict", lambda c: c.verdict.points),
    ItemList("profile", "decision.yml", ("profiles",), "profiles", lambda c: c.decision.profiles),
)


def item_list(kind: str) -> ItemList:
    """The declaration of one kind, by its name."""
    return next(items for items in ITEM_LISTS if items.kind == kind)


@dataclass(frozen=True)
class LocatedFact:
    """A dated fact and where it stands: the file, its place in the file, and its name in the editor's words."""

    data_file: str
    location: Location
    what: str  # e.g. "mobile-deployment / alpha" or "pricing / hosting"
    fact: Located
    starts_at_key: bool = False  # a cell starts at its subject key (`alpha:`), the line an editor looks for


def located_facts(comparison: Comparison) -> Iterator[LocatedFact]:
    """Every fact that carries an `as_of`, in data order: the site, then each kind in turn, cells under their feature."""
    if comparison.site.as_of is not None:  # None only when site.yml could not be read
        yield LocatedFact("site.yml", (), "site", comparison.site)
    for items in ITEM_LISTS:
        for location, item in items.located(comparison):
            # A subject record that states no fact has no date to keep current.
            if isinstance(item, Located) and getattr(item, "as_of", None) is not None:
                yield LocatedFact(items.data_file, location, f"{items.section} / {item.id}", item)  # type: ignore[attr-defined]
            if isinstance(item, Feature):
                for subject_id, cell in item.values.items():
                    yield _cell(items, location, item, subject_id, cell)


def _cell(items: ItemList, location: Location, feature: Feature, subject_id: str, cell: Cell) -> LocatedFact:
    return LocatedFact(items.data_file, (*location, "values", subject_id), f"{feature.id} / {subject_id}", cell, starts_at_key=True)
