"""What every fact of the data is made of: the strict model, its place in the files, its sources and their numbering.

Every data model derives from `Model` (unknown keys are errors, objects never
change); a dated fact derives from `Located`, which knows where it was read
and which of the model's own rules it breaks (`BrokenRule`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from versus.data.fields import HttpsUrl, Text


@dataclass(frozen=True)
class BrokenRule:
    """A rule of the model that a well-typed item breaks, reported at its `key` with a hint.

    Checked after every file has its types right, with the references, so one
    such mistake never hides the others of the run. `key` is a key of the item,
    or a path of keys and list positions under it, e.g. `("history", 0)`; the
    problem is shown at the key itself, or with `of_key=False` at its value."""

    key: str | tuple[str | int, ...]
    message: str
    hint: str
    of_key: bool = True

    @property
    def path(self) -> tuple[str | int, ...]:
        """The key as a path under the item."""
        return (self.key,) if isinstance(self.key, str) else self.key


class Model(BaseModel):
    """Base of every data model: unknown keys are errors and objects never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Model):
    """A primary source: official documentation, release notes, a repository, an announcement."""

    url: HttpsUrl
    title: Text = Field(description="The page's own title, e.g. `Release notes 8.4`.")
    publisher: Text = Field(description="Who published it, e.g. `Python Software Foundation`.")


@dataclass(frozen=True)
class Reference:
    """One numbered entry of a reference list: a source, the day it was read, and whose value cites it."""

    number: int
    source: Source
    accessed: date
    cited_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class References:
    """A numbered reference list. Citation numbers everywhere come from here, so a
    table cell's [2] is entry 2 of its fact page's list."""

    entries: tuple[Reference, ...]

    @classmethod
    def numbering(cls, citing: Iterable[tuple[str, Sequence[Source], date]]) -> References:
        """Number sources in order of first citation; a source cited twice keeps one number
        and the latest day it was read. `citing` holds (who cites, sources, as_of) triples."""
        found: dict[Source, Reference] = {}
        for cited_for, sources, accessed in citing:
            for source in sources:
                known = found.get(source)
                if known is None:
                    found[source] = Reference(len(found) + 1, source, accessed, (cited_for,) if cited_for else ())
                else:
                    found[source] = Reference(
                        known.number,
                        source,
                        max(known.accessed, accessed),
                        known.cited_for + ((cited_for,) if cited_for and cited_for not in known.cited_for else ()),
                    )
        return cls(tuple(found.values()))

    def of(self, sources: Sequence[Source]) -> list[Reference]:
        """The numbered entries of these sources, lowest number first, so a reader meets [2][5], never [5][2]."""
        return sorted((self._by_source[source] for source in sources), key=lambda reference: reference.number)

    @functools.cached_property
    def _by_source(self) -> dict[Source, Reference]:
        # Indexed once: every cell of a feature looks its sources up here.
        return {entry.source: entry for entry in self.entries}


@dataclass(frozen=True)
class Place:
    """Where a fact stands in the data: its file, the line it starts on and the line of its `as_of`."""

    data_file: str  # the file's name inside the data folder, e.g. "features.yml"
    shown_path: str  # the path as the loader showed it in messages, e.g. "data/features.yml"
    line: int
    as_of_line: int


class Located(Model):
    """A fact that knows its place in the data files, for edit links and the stale report.

    The validator attaches the place after checking (scripts/data/places.py). It is
    not data an editor writes, so it is private: never in the schema, never validated.
    """

    _place: Place | None = PrivateAttr(default=None)

    def broken_rules(self) -> list[BrokenRule]:
        """The model's own rules this fact breaks; none by default."""
        return []

    @property
    def place(self) -> Place | None:
        return self._place

    def attach_place(self, place: Place) -> None:
        self._place = place

    def __eq__(self, other: object) -> bool:
        # Two facts with the same data are equal wherever they were read from
        # (a loaded file, an export): the place is provenance, not data.
        if not isinstance(other, Located):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    # Facts are compared, never used as keys: equality by data makes a hash by identity wrong.
    __hash__ = None  # type: ignore[assignment]
