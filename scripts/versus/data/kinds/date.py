"""The `date` kind: a cell holds a day or a month (`2026-11-26`, `2026-11`), ordered by date; scored with `better`."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, ClassVar, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from versus.data.base import BrokenRule
from versus.data.cells import Cell, Feature
from versus.data.fields import Slug, Text, calendar_day, excerpt
from versus.data.history import PastValue
from versus.data.reading import Reading, long_date, month, proportional_points
from versus.data.scales import Scale

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_HINT = "write a day as YYYY-MM-DD or a month as YYYY-MM, e.g. 2026-11-26 or 2026-11"
# What an editor may type: a month, or a day of a month that can have it (the check also knows leap years).
DAY_OR_MONTH_PATTERN = r"^\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$"


def _day_or_month(value: object) -> str:
    """A day (YYYY-MM-DD) or a month (YYYY-MM), kept as written so a month stays a month.

    A day that YAML or Python gives as a date is taken as that day."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str) and _DAY.fullmatch(value):
        calendar_day(value)  # a day the calendar has, or what is wrong with it
        return value
    found = _MONTH.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        shown = "nothing" if value is None else "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else None
        raise PydanticCustomError(
            "date_value_format",
            "`{value}` is not a day or a month" if shown is None else "{value} is not a day or a month",
            {"value": shown or excerpt(value), "hint": _HINT},
        )
    year, number = int(found[1]), int(found[2])
    if year == 0 or not 1 <= number <= 12:
        reason = "there is no year 0" if year == 0 else f"there is no month {number}"
        raise PydanticCustomError(
            "month_impossible", "`{value}` is not a month: {reason}", {"value": excerpt(value), "reason": reason, "hint": _HINT}
        )
    return found[0]


DayOrMonth = Annotated[
    str,
    BeforeValidator(_day_or_month),
    Field(json_schema_extra={"pattern": DAY_OR_MONTH_PATTERN}),
]


def _when(value: str) -> tuple[date, bool]:
    """The day a value names (a month: its first day), and whether it names a day."""
    is_day = len(value) > len("YYYY-MM")
    return date.fromisoformat(value if is_day else f"{value}-01"), is_day


def date_text(value: str) -> str:
    """A day as "26 November 2026", a month as "November 2026": the pages' own style of date."""
    day, is_day = _when(value)
    return long_date(day) if is_day else month(day)


class DatePast(PastValue):
    """A date cell's earlier value."""

    value: DayOrMonth | None = Field(default=None, description="The day or month it had, e.g. `2025-06`; needed unless it did not apply.")


class DateCell(Cell):
    """A date cell: a day or a month."""

    value_keys: ClassVar[tuple[str, ...]] = ("value",)
    needs: ClassVar[tuple[str, ...]] = ("value",)

    label: Text | None = Field(default=None, description="Shown instead of the date when given, e.g. `Spring 2026`.")
    value: DayOrMonth | None = Field(default=None, description="A day, YYYY-MM-DD, or a month, YYYY-MM, e.g. `2026-11-26` or `2026-11`.")
    history: list[DatePast] = Field(default_factory=list, description="Earlier values, oldest first.")


class DateFeature(Feature):
    """A criterion whose cells are dates, ordered by date and scored when it says which way is better."""

    scored_as: ClassVar[str] = "dates with `better: earlier` or `better: later`"

    kind: Literal["date"] = Field(description="`date`: each cell is a day or a month.")
    better: Literal["earlier", "later"] | None = Field(
        default=None, description="`earlier` or `later` when the date is scored; leave it out for a plain date."
    )
    values: dict[Slug, DateCell] = Field(description="One cell per subject id.")

    @property
    def scored(self) -> bool:
        return self.better is not None

    def unscored_because(self) -> str:
        return "a date without `better`"

    def plain_value(self, cell: Cell) -> str:
        assert isinstance(cell, DateCell)
        return cell.value or ""

    def read(self, cell: Cell, scale: Scale | None) -> Reading:
        assert isinstance(cell, DateCell) and cell.value is not None, "validated: a date cell that applies has its value"
        # Points are set by `score`, which sees the whole row; a day and its month are different answers.
        return Reading(cell.label or date_text(cell.value), "date", "", "", None, f"date:{cell.value}")

    def read_past(self, past: PastValue, scale: Scale | None) -> tuple[str, str]:
        assert isinstance(past, DatePast)
        return past.label or (date_text(past.value) if past.value else ""), ""

    def score(self, readings: dict[str, Reading]) -> dict[str, Reading]:
        """The best date 100, the worst 0, the rest in proportion by days; a month counts from its first day."""
        if self.better is None:
            return readings
        days = {
            sid: _when(value)[0].toordinal() for sid, reading in readings.items() if reading.applies and (value := self.values[sid].value)
        }
        points = proportional_points({sid: float(day) for sid, day in days.items()}, higher_is_better=self.better == "later")
        return {sid: reading.with_points(points[sid]) if sid in points else reading for sid, reading in readings.items()}

    def value_hint(self, key: str, scale: Scale | None) -> str:
        return "write a day as YYYY-MM-DD or a month as YYYY-MM, e.g. `value: 2026-11-26` or `value: 2026-11`"

    def cell_rules(self, cell: Cell, scale: Scale | None) -> list[BrokenRule]:
        assert isinstance(cell, DateCell)
        hint = (
            "write the day or month it had, e.g. `value: 2025-06`: the dated view shows it (a `label` alone would leave today's date there)"
        )
        return [
            BrokenRule(("history", n), "a past value of a date criterion needs `value`", hint, of_key=False)
            for n, past in enumerate(cell.history)
            if past.applies and past.value is None
        ]
