"""The `rating` kind, the default: a cell answers with a level of the criterion's scale and a short label."""

from __future__ import annotations

import difflib
from typing import ClassVar, Literal

from pydantic import Field

from versus.data.base import BrokenRule
from versus.data.cells import Cell, Feature
from versus.data.fields import Slug, Text
from versus.data.history import PastValue
from versus.data.reading import Reading
from versus.data.scales import Scale


class RatingPast(PastValue):
    """A rating cell's earlier value."""

    rating: Slug | None = Field(default=None, description="The level it had on the criterion's scale, when that changed too.")


class RatingCell(Cell):
    """A rating cell: a level of the criterion's scale and a short label."""

    value_keys: ClassVar[tuple[str, ...]] = ("rating",)
    needs: ClassVar[tuple[str, ...]] = ("rating", "label")

    label: Text | None = Field(default=None, description="A short value for the table, e.g. `Row-level locking`; needed.")
    rating: Slug | None = Field(default=None, description="A level id of the criterion's scale, e.g. `good`.")
    history: list[RatingPast] = Field(default_factory=list, description="Earlier values, oldest first.")


class RatingFeature(Feature):
    """A criterion whose cells rate each subject on a scale."""

    always_scored: ClassVar[bool] = True

    kind: Literal["rating"] = Field(default="rating", description="`rating` (the default): each cell is a level of a scale.")
    scale: Slug | None = Field(default=None, description="The id of its scale; the first scale when left out.")
    values: dict[Slug, RatingCell] = Field(description="One cell per subject id.")

    def named_scale(self) -> str | None:
        return self.scale

    def read(self, cell: Cell, scale: Scale | None) -> Reading:
        assert isinstance(cell, RatingCell)
        level = scale.level(cell.rating or "") if scale else None
        assert level is not None and scale is not None, "validated: the level is on the scale"
        return Reading(cell.label or level.label, level.id, level.label, level.symbol or "", scale.points(level), f"rating:{level.id}")

    def read_past(self, past: PastValue, scale: Scale | None) -> tuple[str, str]:
        assert isinstance(past, RatingPast)
        level = scale.level(past.rating) if scale and past.rating else None
        return past.label or (level.label if level else ""), level.label if level else ""

    def value_hint(self, key: str, scale: Scale | None) -> str:
        if key == "rating" and scale is not None:
            return f"write a level of the scale `{scale.id}`: {', '.join(level.id for level in scale.levels)}"
        return super().value_hint(key, scale)

    def cell_rules(self, cell: Cell, scale: Scale | None) -> list[BrokenRule]:
        assert isinstance(cell, RatingCell)
        if cell.rating is None or scale is None or scale.level(cell.rating) is not None:
            return []
        levels = [level.id for level in scale.levels]
        close = difflib.get_close_matches(cell.rating, levels, n=1)
        hint = (f"did you mean `{close[0]}`? " if close else "") + f"use one of: {', '.join(levels)}"
        return [BrokenRule("rating", f"`{cell.rating}` is not a level of the scale `{scale.id}`", hint, of_key=False)]
