"""The `number` kind: a cell holds a number in the criterion's unit, or `unlimited`, or `unknown`; scored with `better`."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from versus.data.base import BrokenRule
from versus.data.cells import Cell, Feature
from versus.data.fields import NumberValue, Slug, Text
from versus.data.history import PastValue
from versus.data.reading import SUPPORT, Reading, number_text, plain_number, proportional_points
from versus.data.scales import Scale

NO_UNIT = "none"  # `unit: none`: a number criterion that counts things has no unit to show


class NumberPast(PastValue):
    """A number cell's earlier value."""

    value: NumberValue | None = Field(
        default=None, description="The number it had, e.g. `249`, shown with the criterion's unit; needed unless it did not apply."
    )


class NumberCell(Cell):
    """A number cell: the number alone, in the criterion's unit."""

    value_keys: ClassVar[tuple[str, ...]] = ("value",)
    needs: ClassVar[tuple[str, ...]] = ("value",)

    label: Text | None = Field(default=None, description="Shown instead of the number when given, e.g. `For life`.")
    value: NumberValue | None = Field(
        default=None,
        description="The number alone, e.g. `281`; the unit is the criterion's. "
        "`unlimited` when there is no limit, `unknown` when no figure is published.",
    )
    history: list[NumberPast] = Field(default_factory=list, description="Earlier values, oldest first.")


class NumberFeature(Feature):
    """A criterion whose cells are numbers in one unit, scored when it says which way is better."""

    scored_as: ClassVar[str] = "numbers with `better: higher` or `better: lower`"

    kind: Literal["number"] = Field(description="`number`: each cell is a number in the criterion's `unit`.")
    unit: Text | None = Field(
        default=None,
        description="Required: the unit of every cell, e.g. `kg` or `cups a day`; `none` for a plain count shown without a unit.",
    )
    better: Literal["higher", "lower"] | None = Field(
        default=None, description="`higher` or `lower` when the number is scored; leave it out for a plain figure."
    )
    values: dict[Slug, NumberCell] = Field(description="One cell per subject id.")

    @property
    def shown_unit(self) -> str:
        """The unit written after each number; empty for `unit: none`, a plain count."""
        return "" if self.unit is None or self.unit.casefold() == NO_UNIT else self.unit

    def plain_value(self, cell: Cell) -> str:
        assert isinstance(cell, NumberCell)
        return "" if cell.value is None else cell.value if isinstance(cell.value, str) else plain_number(cell.value)

    @property
    def scored(self) -> bool:
        return self.better is not None

    def unscored_because(self) -> str:
        return "a number without `better`"

    def read(self, cell: Cell, scale: Scale | None) -> Reading:
        assert isinstance(cell, NumberCell)
        value = cell.value if cell.value is not None else 0.0
        if value == "unknown":
            # No figure: shown as unknown, like a support cell's answer, and never scored.
            step = SUPPORT["unknown"]
            return Reading(cell.label or "", "unknown", step.label, step.symbol, None, "number:unknown")
        # Points are set by `score`, which sees the whole row.
        return Reading(cell.label or number_text(value, self.shown_unit), "number", "", "", None, f"number:{value!r}")

    def read_past(self, past: PastValue, scale: Scale | None) -> tuple[str, str]:
        assert isinstance(past, NumberPast)
        return past.label or (number_text(past.value, self.shown_unit) if past.value is not None else ""), ""

    def score(self, readings: dict[str, Reading]) -> dict[str, Reading]:
        """Best number 100, worst 0, the rest in proportion; all equal: 100 each.

        `unlimited` is beyond every number: the best where higher is better (100), the worst
        where lower is (0); the numbers then share the other half of the range in proportion
        (0 to 50, or 50 to 100), so they still rank among themselves. `unknown` is never scored."""
        if self.better is None:
            return readings
        values = {sid: self.values[sid].value for sid, reading in readings.items() if reading.applies}
        unlimited = {sid for sid, value in values.items() if value == "unlimited"}
        known = {sid: float(value) for sid, value in values.items() if value is not None and not isinstance(value, str)}
        higher = self.better == "higher"
        scored = dict(readings) | {sid: readings[sid].with_points(100 if higher else 0) for sid in unlimited}
        for sid, alone in proportional_points(known, higher_is_better=higher).items():
            # Beside an unlimited value the numbers keep their order in the half of the range it leaves them.
            points = alone if not unlimited else round(alone / 2) if higher else 50 + round(alone / 2)
            scored[sid] = readings[sid].with_points(points)
        return scored

    def value_hint(self, key: str, scale: Scale | None) -> str:
        unit = f"; the unit is `{self.shown_unit}`" if self.shown_unit else ""
        return "write the number alone, e.g. `value: 281`, or `unlimited` or `unknown`" + unit

    def broken_rules(self) -> list[BrokenRule]:
        if self.unit is not None:
            return []
        # A bare figure reads differently to every reader: the unit is said once, or said to be none.
        return [
            BrokenRule(
                "kind",
                f"number criterion `{self.id}` has no `unit`",
                "add `unit:` with the unit of every cell, e.g. `unit: kg` or `unit: cups a day`; `unit: none` for a plain count",
                of_key=False,
            )
        ]

    def cell_rules(self, cell: Cell, scale: Scale | None) -> list[BrokenRule]:
        assert isinstance(cell, NumberCell)
        unit = f" `{self.shown_unit}`" if self.shown_unit else ""
        return [
            BrokenRule(
                ("history", n),
                "a past value of a number criterion needs `value`",
                f"write the number it had, e.g. `value: 249`: it is shown with the unit{unit} and the dated view uses it"
                " (a `label` alone would leave today's number in the dated view)",
                of_key=False,
            )
            for n, past in enumerate(cell.history)
            if past.applies and past.value is None
        ]
