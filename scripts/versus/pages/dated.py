"""The comparison as it stood on any day: each row's states as lists of distinct cells, for the dated view (?as_of=).

A row changes only on the days its cells' values in effect change
(`Feature.changes_on`, by the rule of `Cell.on`), so a row has a state for
each such day, plus one for the days before anything was recorded. The page
fetches the file only when its address asks for a day, and its script picks,
for each row, the last state that began on or before that day: any day
works, and the normal page carries none of it.

A row's states share most of their cells (a day changes one or two of
them), so the file holds each distinct cell's HTML once, rendered by the
table's own cell macro, and a state is one index into those cells per
subject, in the table's order of subjects:

    {"first": "2022-05-01",
     "cells": ["<td …>…</td>", …],
     "rows": {"<criterion id>": [["", [0, 0]], ["2023-02-01", [1, 0]], …]},
     "tallies": [["", {"all": "<ul …>", "<category id>": "<span …>"}], …]}

The row's `<tr>` and `<th>` are not in it: a criterion's name, id and links
do not change by day, so the script puts the cells of the day in the row the
page has. A state's cells are those `Row.cells` gives, as today's table's
are, so a dated cell is a cell of the table.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from datetime import date

from versus.data.cells import Cell, Feature
from versus.data.kinds import Row, RowCell, read_row
from versus.data.lookup import Lookup
from versus.data.model import Comparison, Subject


def row_on(feature: Feature, comparison: Comparison, day: date) -> Row:
    """The criterion read as it stood on `day`: its values then, scored and led among the values known then."""
    return read_row(feature.on(day), comparison)


def row_history(feature: Feature, comparison: Comparison) -> list[tuple[date, Row]]:
    """(first day, the row read then) for each day the row's values in effect change, after its state before any record."""
    days = [date.min, *feature.changes_on()]
    return [(day, read_row(state, comparison)) for day, state in zip(days, feature.on_each(days), strict=True)]


def row_states(
    history: list[tuple[date, Row]], subjects: Sequence[Subject], today: Feature, cells: CellCache
) -> list[tuple[str, list[int]]]:
    """(first day, one index into `cells` per subject) for each state of the row in `history` (row_history), oldest
    first; the first state begins at "" (before any record). A day whose cells are those of the day before adds
    nothing and is left out. `today` is the criterion as it is, whose page numbers the sources (`Row.cells`)."""
    states: list[tuple[str, list[int]]] = []
    for day, row in history:
        shown = [cells.index(row.feature, cell) for cell in row.cells(subjects, today)]
        if not states or shown != states[-1][1]:
            states.append(("" if day == date.min else day.isoformat(), shown))
    return states


class CellCache:
    """The table's cell macro, remembered: called with the same cell, reading, lead and source numbers, it renders
    once, and the same HTML is kept once, by its index in `cells`.

    Everything a cell shows comes from its arguments (templates/macros/tables.j2, `table_cell`),
    so those arguments name its HTML. A cell is known by identity and kept here with its index,
    so no other cell can take its identity while the cache lives. Distinct arguments may still
    make the same HTML (a criterion's cell not recorded yet reads alike every day it is so)."""

    def __init__(self, render_cell: Callable[[Feature, RowCell], str]) -> None:
        self._render_cell = render_cell
        self._cells: dict[tuple, tuple[Cell | None, int]] = {}
        self._indices: dict[str, int] = {}  # each distinct HTML → its place in `cells`

    def index(self, feature: Feature, shown: RowCell) -> int:
        """The place in `cells` of the HTML of this cell of the criterion's row."""
        key = (feature.id, shown.subject.id, id(shown.cell), shown.reading, shown.ahead, tuple(r.number for r in shown.numbered))
        kept = self._cells.get(key)
        if kept is None:
            html = str(self._render_cell(feature, shown)).strip()
            kept = self._cells[key] = (shown.cell, self._indices.setdefault(html, len(self._indices)))
        return kept[1]

    @property
    def cells(self) -> list[str]:
        """Every distinct cell's HTML, in the order of first use."""
        return list(self._indices)


def first_record(comparison: Comparison) -> date | None:
    """The first day the data records a value: the dated view offers the days from it to today."""
    return min((day for feature in comparison.features for day in feature.changes_on()), default=None)


def lookup_on(comparison: Comparison, day: date) -> Lookup:
    """The comparison's rows read as they stood on `day`, for the tallies of that day."""
    return Lookup.of(comparison.model_copy(update={"features": [feature.on(day) for feature in comparison.features]}))


def tally_states(
    comparison: Comparison, histories: dict[str, list[tuple[date, Row]]], render_tallies: Callable[[Lookup], dict[str, str]]
) -> list[tuple[str, dict[str, str]]]:
    """(first day, the tallies' HTML by place) for each state of the tallies, oldest first, as row_states does for a row's cells.

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
    comparison: Comparison,
    render_cell: Callable[[Feature, RowCell], str],
    render_tallies: Callable[[Lookup], dict[str, str]] | None = None,
) -> str:
    """The JSON the dated view fetches: the distinct cells, each row's states by criterion id, the tallies' states
    and the first day anything was recorded. render_cell(the criterion as read that day, one of its Row.cells)
    is a cell's HTML: the table's own macro."""
    features = comparison.ordered_features()
    histories = {feature.id: row_history(feature, comparison) for feature in features}
    cells = CellCache(render_cell)
    rows = {feature.id: row_states(histories[feature.id], comparison.subjects, feature, cells) for feature in features}
    first = first_record(comparison)
    data = {
        "first": first.isoformat() if first else None,
        "cells": cells.cells,
        "rows": rows,
        "tallies": tally_states(comparison, histories, render_tallies) if render_tallies else [],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
