"""The `support` kind: a cell answers yes, partial, no or unknown, and may say since which version or day."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from versus.data.base import BrokenRule, Model
from versus.data.cells import Cell, Feature
from versus.data.fields import Day, Slug, Text
from versus.data.history import PastValue
from versus.data.reading import SUPPORT, Reading, month
from versus.data.scales import Scale

SupportLevel = Literal["yes", "partial", "no", "unknown"]


class Since(Model):
    """When support arrived: a version, a day, or both."""

    version: Text | None = Field(default=None, description="The first version with this support, e.g. `8.4`.")
    date: Day | None = Field(default=None, description="The day that version was released, YYYY-MM-DD.")

    def text(self) -> str:
        """ "8.4 (March 2024)", "8.4" or "March 2024"."""
        day = month(self.date) if self.date else ""
        if self.version and day:
            return f"{self.version} ({day})"
        return self.version or day

    def broken_rules(self) -> list[BrokenRule]:
        if self.version is None and self.date is None:
            return [BrokenRule("since", "`since` is empty", "give `version:`, `date:` or both")]
        return []


class SupportPast(PastValue):
    """A support cell's earlier value."""

    support: SupportLevel | None = Field(default=None, description="The support it had, when that changed.")
    since: Since | None = Field(default=None, description="Since when the earlier support held, when that changed.")


class SupportCell(Cell):
    """A support cell: yes, partial, no or unknown, perhaps since a version or a day."""

    value_keys: ClassVar[tuple[str, ...]] = ("support", "since")
    needs: ClassVar[tuple[str, ...]] = ("support",)

    label: Text | None = Field(default=None, description="A short value for the table; the answer is shown when it is left out.")
    support: SupportLevel | None = Field(default=None, description="`yes`, `partial`, `no` or `unknown`.")
    since: Since | None = Field(default=None, description="Since which version and/or day, e.g. `{version: '8.4'}`.")
    history: list[SupportPast] = Field(default_factory=list, description="Earlier values, oldest first.")

    def held_from(self) -> date | None:
        return self.since.date if self.since else None


class SupportFeature(Feature):
    """A criterion whose cells say whether each subject supports something."""

    always_scored: ClassVar[bool] = True

    kind: Literal["support"] = Field(description="`support`: each cell is `yes`, `partial`, `no` or `unknown`.")
    values: dict[Slug, SupportCell] = Field(description="One cell per subject id.")

    def read(self, cell: Cell, scale: Scale | None) -> Reading:
        assert isinstance(cell, SupportCell)
        step = SUPPORT[cell.support or "unknown"]
        since = f"since {cell.since.text()}" if cell.since and cell.since.text() else ""
        return Reading(
            cell.label or "", cell.support or "unknown", step.label, step.symbol, step.points, f"support:{cell.support}", extra=since
        )

    def read_past(self, past: PastValue, scale: Scale | None) -> tuple[str, str]:
        assert isinstance(past, SupportPast)
        step = SUPPORT[past.support] if past.support else None
        since = f" since {past.since.text()}" if past.since and past.since.text() else ""
        return past.label or (f"{step.label}{since}" if step else ""), step.label if step else ""

    def value_hint(self, key: str, scale: Scale | None) -> str:
        return f"write one of: {', '.join(SUPPORT)}"

    def cell_rules(self, cell: Cell, scale: Scale | None) -> list[BrokenRule]:
        assert isinstance(cell, SupportCell)
        return cell.since.broken_rules() if cell.since else []
