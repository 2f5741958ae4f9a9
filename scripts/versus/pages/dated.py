"""The comparison as it stood on any day: each row rendered once per state, for the dated view (?as_of=).

A row changes only on the days its cells' values in effect change
(`Feature.changes_on`, by the rule of `Cell.on`), so each row is rendered
with the table's own row macro once per such day, plus once for the days
before anything was recorded. The page fetches the file only when its
address asks for a day, and its script picks, for each row, the last state
that began on or before that day: any day works, and the normal page
carries none of it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from versus.data.kinds import Row, read_row
from versus.data.model import Comparison, Feature


def row_on(feature: Feature, comparison: Comparison, day: date) -> Row:
    """The criterion read as it stood on `day`: its values then, scored and led among the values known then."""
    return read_row(feature.on(day), comparison)


def row_states(feature: Feature, comparison: Comparison, render_row: Callable[[Row], str]) -> list[tuple[str, str]]:
    """(first day, row HTML) for each state of the row, oldest first; the first state begins at "" (before any record).

    A day whose row renders as the one before it adds nothing and is left out."""
    days = feature.changes_on()
    states = [("", render_row(row_on(feature, comparison, date.min)))]
    for day in days:
        html = render_row(row_on(feature, comparison, day))
        if html != states[-1][1]:
            states.append((day.isoformat(), html))
    return states


def dated_rows(comparison: Comparison, render_row: Callable[[Row], str]) -> str:
    """The JSON the dated view fetches: each row's states by criterion id, and the first day anything was recorded."""
    rows = {feature.id: row_states(feature, comparison, render_row) for feature in comparison.ordered_features()}
    first = min((day for feature in comparison.features for day in feature.changes_on()), default=None)
    data = {"first": first.isoformat() if first else None, "rows": rows}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
