"""The `fact` kind: a cell holds plain text, such as a licence or a version, never scored."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from versus.data.cells import Cell, Feature
from versus.data.fields import Slug, Text
from versus.data.history import PastValue
from versus.data.reading import Reading
from versus.data.scales import Scale


class FactPast(PastValue):
    """A fact cell's earlier value: its label."""


class FactCell(Cell):
    """A fact cell: its label is the value."""

    needs: ClassVar[tuple[str, ...]] = ("label",)

    label: Text | None = Field(default=None, description="The value as text, e.g. `BSD-3-Clause`; needed.")
    history: list[FactPast] = Field(default_factory=list, description="Earlier values, oldest first.")


class FactFeature(Feature):
    """A criterion whose cells state a plain fact."""

    kind: Literal["fact"] = Field(description="`fact`: each cell is plain text, such as a licence or a version; never scored.")
    values: dict[Slug, FactCell] = Field(description="One cell per subject id.")

    def read(self, cell: Cell, scale: Scale | None) -> Reading:
        label = cell.label or ""
        return Reading(label, "fact", "", "", None, f"fact:{label.casefold()}")
