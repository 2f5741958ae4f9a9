"""Kinds of value, declared once: what a cell of each kind must hold, how it reads and how it scores.

A criterion's `kind` says how its cells answer: a level of a scale
(`rating`), `support` (yes / partial / no / unknown, with `since`), a plain
`fact` (text, never scored) or a `number` with the criterion's unit. Each
kind is one `ValueKind` row below; validation, the table, the fact pages,
the decision helper, the tallies and the exports all read cells through
`read_row`, so a new kind is one more row.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from versus.data.model import Cell, Comparison, Feature, PastValue, Scale, ValueChange, value_changes

NOT_APPLICABLE = "Not applicable"
NOT_RECORDED = "Not recorded yet"


@dataclass(frozen=True)
class SupportStep:
    """One answer of a support cell: its word, its symbol and its share of the best score."""

    label: str
    symbol: str
    points: int | None  # None: not scored (unknown)


SUPPORT = {
    "yes": SupportStep("Yes", "✓", 100),
    "partial": SupportStep("Partial", "◐", 50),
    "no": SupportStep("No", "✗", 0),
    "unknown": SupportStep("Unknown", "?", None),
}


@dataclass(frozen=True)
class Reading:
    """A cell as the reader sees it: its text, its level in words and symbol, and its score."""

    label: str  # the short value written or made for the cell, e.g. "Row-level locking", "281 TB"; may be empty
    level: str  # a token for styling, e.g. "good", "yes", "fact", "not-applicable"
    level_label: str  # the level in words, e.g. "Good", "Partial"; empty for facts and numbers
    symbol: str  # e.g. "●●●●○", "✓"; empty when the kind has none
    points: int | None  # 0 (worst) to 100 (best) within the row; None when not scored
    # The answer the cell gives, the one meaning of "equal" for "differences only" and the tallies:
    # a rating's or support's level (its label and `since` are details of it), a number, a fact's text.
    same_as: str
    applies: bool = True
    extra: str = ""  # what follows the level, e.g. "since 8.4 (March 2024)"

    @property
    def text(self) -> str:
        """The value in one line, for previews, exports and sentences: "Row-level locking", "Yes since 8.4"."""
        if self.label:
            return self.label
        return f"{self.level_label} {self.extra}".strip()

    @property
    def with_level(self) -> str:
        """The value and its level in one phrase, the level named once: "Yes", "Dominant (Excellent)",
        and "Excellent (Pythonic)" as it stands, since its label already says its level."""
        text = self.text
        if not self.level_label or re.search(rf"(?<!\w){re.escape(self.level_label)}(?!\w)", text, re.IGNORECASE):
            return text
        return f"{text} ({self.level_label})"

    def with_points(self, points: int) -> Reading:
        return dataclasses.replace(self, points=points)


@dataclass(frozen=True)
class ValueKind:
    """One kind of value: which cell keys it needs and forbids, and how a cell reads."""

    name: str
    needs: tuple[str, ...]  # cell keys a cell of this kind must have (when it applies)
    allows: tuple[str, ...]  # kind-specific keys it may have
    scored: Callable[[Feature], bool]
    read: Callable[[Cell, Feature, Scale | None], Reading]
    read_past: Callable[[PastValue, Feature, Scale | None], tuple[str, str]]


def _rating(cell: Cell, feature: Feature, scale: Scale | None) -> Reading:
    level = scale.level(cell.rating or "") if scale else None
    assert level is not None and scale is not None, "validated: the level is on the scale"
    return Reading(cell.label or level.label, level.id, level.label, level.symbol or "", scale.points(level), f"rating:{level.id}")


def _support(cell: Cell, feature: Feature, scale: Scale | None) -> Reading:
    step = SUPPORT[cell.support or "unknown"]
    since = f"since {cell.since.text()}" if cell.since and cell.since.text() else ""
    return Reading(
        cell.label or "", cell.support or "unknown", step.label, step.symbol, step.points, f"support:{cell.support}", extra=since
    )


def _fact(cell: Cell, feature: Feature, scale: Scale | None) -> Reading:
    label = cell.label or ""
    return Reading(label, "fact", "", "", None, f"fact:{label.casefold()}")


def plain_number(value: float, *, separators: bool = False) -> str:
    """A number as a reader writes it: 1234567.0 → "1234567", 1e-07 → "0.0000001", never an exponent,
    with the fewest digits that read back as the same number; thousands separated by commas on request."""
    # repr is the shortest text that reads back as the same float; "f" writes it without an exponent.
    text = format(Decimal(repr(value)), "f")
    whole, point, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if separators:
        sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
        whole = sign + f"{int(digits):,}"
    return whole + (point + fraction if fraction else "")


def number_text(value: float | str, unit: str | None) -> str:
    """281.0 → "281", 0.5 → "0.5", with the unit after a space; large numbers with thousands separators.

    The words a number cell may hold read as words, without the unit: "Unlimited", "Unknown"."""
    if isinstance(value, str):
        return value.capitalize()
    shown = plain_number(value, separators=True)
    if unit and value == 1:
        unit = singular_unit(unit)
    return f"{shown} {unit}" if unit else shown


# The words after which a unit's counted noun has ended: "releases in 12 months", "users per day".
_AFTER_THE_NOUN = re.compile(r" (?:in|per|of|each|a|an|for|on|at|by)\b")


def singular_unit(unit: str) -> str:
    """A unit as written after the number 1: its counted noun (the last word before "in", "per"... or
    the last word) without its plural's s: "minor releases in 12 months" → "minor release in 12 months",
    "stories" → "story". A word that does not end in a plain s ("GB", "status", "glass") stays."""
    end = _AFTER_THE_NOUN.search(unit)
    head, tail = (unit[: end.start()], unit[end.start() :]) if end else (unit, "")
    before, _, noun = head.rpartition(" ")
    if noun.endswith("ies") and len(noun) > 3:
        noun = noun[:-3] + "y"
    elif noun.endswith("s") and not noun.endswith(("ss", "us", "is")) and noun[:-1].isalpha() and noun[:-1].islower():
        noun = noun[:-1]
    return f"{before} {noun}{tail}" if before else f"{noun}{tail}"


def _number(cell: Cell, feature: Feature, scale: Scale | None) -> Reading:
    value = cell.value if cell.value is not None else 0.0
    if value == "unknown":
        # No figure: shown as unknown, like a support cell's answer, and never scored.
        step = SUPPORT["unknown"]
        return Reading(cell.label or "", "unknown", step.label, step.symbol, None, "number:unknown")
    # Points are set by read_row, which sees the whole row.
    return Reading(cell.label or number_text(value, feature.shown_unit), "number", "", "", None, f"number:{value!r}")


def _past_rating(past: PastValue, feature: Feature, scale: Scale | None) -> tuple[str, str]:
    level = scale.level(past.rating) if scale and past.rating else None
    return past.label or (level.label if level else ""), level.label if level else ""


def _past_support(past: PastValue, feature: Feature, scale: Scale | None) -> tuple[str, str]:
    step = SUPPORT[past.support] if past.support else None
    since = f" since {past.since.text()}" if past.since and past.since.text() else ""
    return past.label or (f"{step.label}{since}" if step else ""), step.label if step else ""


def _past_fact(past: PastValue, feature: Feature, scale: Scale | None) -> tuple[str, str]:
    return past.label or "", ""


def _past_number(past: PastValue, feature: Feature, scale: Scale | None) -> tuple[str, str]:
    return past.label or (number_text(past.value, feature.shown_unit) if past.value is not None else ""), ""


KINDS: dict[str, ValueKind] = {
    kind.name: kind
    for kind in (
        ValueKind("rating", ("rating", "label"), ("rating",), lambda feature: True, _rating, _past_rating),
        ValueKind("support", ("support",), ("support", "since"), lambda feature: True, _support, _past_support),
        ValueKind("fact", ("label",), (), lambda feature: False, _fact, _past_fact),
        ValueKind("number", ("value",), ("value",), lambda feature: feature.better is not None, _number, _past_number),
    )
}
# Keys only some kinds take: a cell of another kind that has one is a mistake.
KIND_KEYS = ("rating", "support", "since", "value")
# What a criterion may declare, by kind.
FEATURE_KEYS = {"scale": "rating", "unit": "number", "better": "number"}


@dataclass(frozen=True)
class Row:
    """One criterion read for every subject: each cell's reading, who is ahead, and each cell's changes."""

    feature: Feature
    kind: ValueKind
    scale: Scale | None
    readings: dict[str, Reading]  # subject id → reading, in subject order

    @property
    def scored(self) -> bool:
        return self.kind.scored(self.feature)

    def all_equal(self, subject_ids: list[str]) -> bool:
        """True when these subjects' cells give one answer (`Reading.same_as`): "differences only" hides such a row."""
        return len({self.readings[sid].same_as for sid in subject_ids}) <= 1

    def leaders(self) -> set[str]:
        """The subjects with the best score in this row; none when the row is unscored or all are equal."""
        scores = {sid: reading.points for sid, reading in self.readings.items() if reading.points is not None}
        if len(scores) < 2 or len(set(scores.values())) == 1:
            return set()
        best = max(scores.values())
        return {sid for sid, points in scores.items() if points == best}

    def summary_line(self, names: dict[str, str]) -> str:
        """The values in one line, e.g. for a link preview: "Name: A: x · B: y"."""
        values = " · ".join(f"{names[sid]}: {reading.text}" for sid, reading in self.readings.items())
        return f"{self.feature.name}: {values}"

    def changes(self, subject_id: str) -> list[ValueChange]:
        """Every change of one subject's value, newest first: "was X, now Y"."""
        cell = self.feature.values[subject_id]
        reading = self.readings[subject_id]
        shown = [self.kind.read_past(past, self.feature, self.scale) if past.applies else (NOT_APPLICABLE, "") for past in cell.history]
        return value_changes(cell.history, [*shown, (reading.text, reading.level_label)])


# A cell on a day before the data's first record of it (model.Cell.on): unknown, unscored, never guessed.
UNRECORDED = Reading(NOT_RECORDED, "unknown", SUPPORT["unknown"].label, SUPPORT["unknown"].symbol, None, "unrecorded")


def read_cell(cell: Cell, feature: Feature, scale: Scale | None) -> Reading:
    """How one cell reads; a cell that does not apply reads as such, unscored."""
    if not cell.applies:
        return Reading(cell.label or "", "not-applicable", NOT_APPLICABLE, "–", None, "not-applicable", applies=False)
    return KINDS[feature.kind].read(cell, feature, scale)


def read_row(feature: Feature, comparison: Comparison) -> Row:
    """A criterion's cells read in subject order; numbers scored against the others in the row."""
    scale = comparison.scale_of(feature)
    readings = {s.id: read_cell(feature.values[s.id], feature, scale) for s in comparison.subjects if s.id in feature.values}
    if feature.kind == "number" and feature.better:
        readings = _score_numbers(feature, readings)
    return Row(feature, KINDS[feature.kind], scale, readings)


def _score_numbers(feature: Feature, readings: dict[str, Reading]) -> dict[str, Reading]:
    """Best number 100, worst 0, the rest in proportion; all equal: 100 each.

    `unlimited` is beyond every number: the best where higher is better (100), the worst
    where lower is (0); the numbers then share the other half of the range in proportion
    (0 to 50, or 50 to 100), so they still rank among themselves. `unknown` is never scored."""
    values = {sid: feature.values[sid].value for sid, reading in readings.items() if reading.applies}
    unlimited = {sid for sid, value in values.items() if value == "unlimited"}
    known = {sid: float(value) for sid, value in values.items() if value is not None and not isinstance(value, str)}
    scored = dict(readings)
    higher = feature.better == "higher"
    for sid in unlimited:
        scored[sid] = readings[sid].with_points(100 if higher else 0)
    if not known:
        return scored
    low, high = min(known.values()), max(known.values())
    for sid, value in known.items():
        share = 1.0 if high == low else (value - low) / (high - low)
        alone = round(100 * (share if higher else 1 - share)) if high != low else 100
        # Beside an unlimited value the numbers keep their order in the half of the range it leaves them.
        points = alone if not unlimited else round(alone / 2) if higher else 50 + round(alone / 2)
        scored[sid] = readings[sid].with_points(points)
    return scored
