"""The comparison as it stood on any day: each row rendered once per state, for the dated view (?as_of=).

A row changes only on the days its cells' values in effect change
(`Feature.changes_on`, by the rule of `Cell.on`), so each row is rendered
with the table's own row macro once per such day, plus once for the days
before anything was recorded. The page fetches the file only when its
address asks for a day, and its script picks, for each row, the last state
that began on or before that day: any day works, and the normal page
carries none of it.

A row's states share most of their cells (a day changes one or two of
them), so each distinct cell is rendered once, by the table's own cell
macro, and reused in every state that shows it (`CellCache`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from versus.data.base import Reference
from versus.data.cells import Cell, Feature
from versus.data.kinds import Reading, Row, read_row
from versus.data.lookup import Lookup
from versus.data.model import Comparison, Subject


def row_on(feature: Feature, comparison: Comparison, day: date) -> Row:
    """The criterion read as it stood on `day`: its values then, scored and led among the values known then."""
    return read_row(feature.on(day), comparison)


def row_history(feature: Feature, comparison: Comparison) -> list[tuple[date, Row]]:
    """(first day, the row read then) for each day the row's values in effect change, after its state before any record."""
    return [(date.min, row_on(feature, comparison, date.min))] + [(day, row_on(feature, comparison, day)) for day in feature.changes_on()]


def row_states(history: list[tuple[date, Row]], render_row: Callable[[Row], str]) -> list[tuple[str, str]]:
    """(first day, row HTML) for each state of the row in `history` (row_history), oldest first; the first state
    begins at "" (before any record). A day whose row renders as the one before it adds nothing and is left out."""
    states: list[tuple[str, str]] = []
    for day, row in history:
        html = render_row(row)
        if not states or html != states[-1][1]:
            states.append(("" if day == date.min else day.isoformat(), html))
    return states


class CellCache:
    """The table's cell macro, remembered: called with the same cell, reading, lead and source numbers, it renders once.

    Everything a cell shows comes from its arguments (templates/macros/tables.j2, `table_cell`),
    so those arguments name its HTML. A cell is known by identity and kept here with its HTML,
    so no other cell can take its identity while the cache lives."""

    def __init__(self, render_cell: Callable[..., Any]) -> None:
        self._render_cell = render_cell
        self._cells: dict[tuple, tuple[Cell | None, Any]] = {}

    def __call__(
        self,
        feature: Feature,
        subject: Subject,
        cell: Cell | None,
        reading: Reading,
        ahead: bool,
        numbered: Sequence[Reference],
        *rest: Any,
    ) -> Any:
        """The cell's HTML (the macro's own Markup, so the page does not escape it again)."""
        key = (feature.id, subject.id, id(cell), reading, ahead, tuple(reference.number for reference in numbered))
        kept = self._cells.get(key)
        if kept is None:
            kept = self._cells[key] = (cell, self._render_cell(feature, subject, cell, reading, ahead, numbered, *rest))
        return kept[1]


def first_record(comparison: Comparison) -> date | None:
    """The first day the data records a value: the dated view offers the days from it to today."""
    return min((day for feature in comparison.features for day in feature.changes_on()), default=None)


def lookup_on(comparison: Comparison, day: date) -> Lookup:
    """The comparison's rows read as they stood on `day`, for the tallies of that day."""
    return Lookup.of(comparison.model_copy(update={"features": [feature.on(day) for feature in comparison.features]}))


def tally_states(
    comparison: Comparison, histories: dict[str, list[tuple[date, Row]]], render_tallies: Callable[[Lookup], dict[str, str]]
) -> list[tuple[str, dict[str, str]]]:
    """(first day, the tallies' HTML by place) for each state of the tallies, oldest first, as row_states does for a row.

    The tallies are recounted from the rows of each day (each criterion's row_history) by the table's own
    macros, so a dated view shows that day's counts with today's words. A day's rows are the day before's
    with those of the criteria that change that day: the work grows with the changes, not days × criteria."""
    changing: dict[date, list[tuple[str, Row]]] = {}
    for feature_id, history in histories.items():
        for day, row in history[1:]:
            changing.setdefault(day, []).append((feature_id, row))
    rows = {feature_id: history[0][1] for feature_id, history in histories.items()}
    start = Lookup.of(comparison)
    states = [("", render_tallies(dataclasses.replace(start, rows=dict(rows))))]
    for day in sorted(changing):
        rows.update(changing[day])
        html = render_tallies(dataclasses.replace(start, rows=dict(rows)))
        if html != states[-1][1]:
            states.append((day.isoformat(), html))
    return states


def dated_rows(
    comparison: Comparison, render_row: Callable[[Row], str], render_tallies: Callable[[Lookup], dict[str, str]] | None = None
) -> str:
    """The JSON the dated view fetches: each row's states by criterion id, the tallies' states and the first day anything was recorded."""
    histories = {feature.id: row_history(feature, comparison) for feature in comparison.ordered_features()}
    first = first_record(comparison)
    data = {
        "first": first.isoformat() if first else None,
        "rows": {feature_id: row_states(history, render_row) for feature_id, history in histories.items()},
        "tallies": tally_states(comparison, histories, render_tallies) if render_tallies else [],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
