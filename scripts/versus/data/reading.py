"""How a cell reads: its text, its level in words and symbol, and its score; the words and figures every kind shares.

A `Reading` is what the table, the fact pages, the cards, the decision
helper, the tallies and the exports see of a cell, whatever its kind.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

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


def month(day: date) -> str:
    """A date as a reader scans it beside a fact: "November 2026", the month named as long_date names it,
    so a page that shows both keeps one style of date."""
    return day.strftime("%B %Y")


def long_date(day: date) -> str:
    """A date in full, for changes and access dates: "26 November 2026"."""
    return f"{day.day} {day.strftime('%B %Y')}"


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


# A cell on a day before the data's first record of it (Cell.on): unknown, unscored, never guessed.
UNRECORDED = Reading(NOT_RECORDED, "unknown", SUPPORT["unknown"].label, SUPPORT["unknown"].symbol, None, "unrecorded")


def proportional_points(values: dict[str, float], *, higher_is_better: bool) -> dict[str, int]:
    """Points in proportion along a row: the best value 100, the worst 0, the rest between; all equal: 100 each."""
    if not values:
        return {}
    low, high = min(values.values()), max(values.values())
    if high == low:
        return dict.fromkeys(values, 100)
    shares = {sid: (value - low) / (high - low) for sid, value in values.items()}
    return {sid: round(100 * (share if higher_is_better else 1 - share)) for sid, share in shares.items()}
