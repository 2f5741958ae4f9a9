"""Which facts are due for a check: every dated fact, the stale ones, the latest check.

`make stale` prints facts whose `as_of` is older than a number of days,
oldest first, one per line as `data/FILE.yml:LINE: what: as_of`, the format
editors make clickable. Today's date comes from the caller (the clock, for
the command); the site itself only ever uses dates from the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from versus.data.base import Place
from versus.data.model import Comparison
from versus.data.walk import located_facts

DEFAULT_DAYS = 365


@dataclass(frozen=True)
class DatedFact:
    """A fact with the day it was last checked and where it stands in the data."""

    what: str  # ids in the editor's words, e.g. "mobile-deployment / alpha"
    as_of: date
    place: Place | None  # None only for a comparison built in code rather than loaded

    def line(self) -> str:
        """`data/FILE.yml:LINE: what: as_of`, pointing at the `as_of` to update."""
        where = f"{self.place.shown_path}:{self.place.as_of_line}: " if self.place else ""
        return f"{where}{self.what}: {self.as_of.isoformat()}"


def dated_facts(comparison: Comparison) -> list[DatedFact]:
    """Every fact that carries an `as_of`, in data order."""
    # Every located kind of fact carries an as_of; Located itself does not declare one.
    return [DatedFact(found.what, found.fact.as_of, found.fact.place) for found in located_facts(comparison)]  # type: ignore[attr-defined]


def last_checked(comparison: Comparison) -> date:
    """The latest day any fact was checked: the site's "data last checked" date."""
    return max(fact.as_of for fact in dated_facts(comparison))


def stale_facts(comparison: Comparison, *, today: date, days: int = DEFAULT_DAYS) -> list[DatedFact]:
    """Facts last checked more than `days` days before `today`, oldest first."""
    stale = [fact for fact in dated_facts(comparison) if (today - fact.as_of).days > days]
    return sorted(stale, key=lambda fact: (fact.as_of, (fact.place.shown_path, fact.place.as_of_line) if fact.place else ("", 0)))
