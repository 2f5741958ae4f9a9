"""A fact's earlier values and their changes: what a value was, when and why it changed, in the reader's words.

Every dated fact with a `history` (a cell, a note, a verdict point) keeps its
earlier values as `PastValue`s, oldest first; `value_changes` pairs each with
its successor as it is shown on the What changed page, in the feeds and by
`versus diff`. A cell's past value also names what it was in its criterion's
own terms (a level, a number...): each kind of value adds those keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import Field

from versus.data.base import Model, Source
from versus.data.fields import Day, Flag, Markdown, Text


class PastValue(Model):
    """A value a fact held before; kept so readers see what changed, when and why."""

    label: Text | None = Field(default=None, description="The short value as it was shown; give it, or the earlier level or number.")
    applies: Flag = Field(default=True, description="`false` when the criterion did not apply then.")
    explanation: Markdown | None = Field(default=None, description="The explanation as it was, when that is what the change corrected.")
    as_of: Day = Field(description="The day this value was last known to hold.")
    changed_on: Day = Field(
        description="The day the value stopped holding: the release or announcement that changed it, or, for a correction with no such event, the day the site corrected it."
    )
    reason: Markdown = Field(description="Why it changed, in one or two sentences.")
    change_sources: list[Source] = Field(
        min_length=1, description="The sources that show the change, e.g. the release notes or announcement that made the old value wrong."
    )
    sources: list[Source] = Field(default_factory=list, description="Where the old value came from, if anywhere.")


@dataclass(frozen=True)
class ValueChange:
    """A past value of a fact and the value that replaced it, each as shown: its text and its level."""

    past: PastValue
    was: str
    now: str
    was_level: str = ""  # the level's label, e.g. "Good"; empty for a fact without one
    now_level: str = ""

    def description(self) -> str:
        """What changed, in one phrase: "was “A” (Good), now “B” (Fair)"."""
        return describe_change(self.was, self.now, self.was_level, self.now_level)


def describe_change(was: str, now: str, was_level: str = "", now_level: str = "") -> str:
    """A value's change in the reader's words: "was “A” (Good), now “B” (Fair)".

    The one phrasing of a change: the What changed page, the feeds and `versus diff`
    all call it, so what a reviewer reads before an edit lands is what readers see after.
    A correction that kept the short value says so instead of repeating it.
    """
    if was != now:
        return f"was {_quoted(was, was_level)}, now {_quoted(now, now_level)}"
    if was_level and now_level and was_level != now_level:
        return f"“{now}” kept; its rating was {was_level}, now {now_level}"
    return f"“{now}” kept; the explanation was corrected"


def _quoted(text: str, level: str) -> str:
    return f"“{text}”" + (f" ({level})" if level else "")


def value_changes(history: Sequence[PastValue], shown: Sequence[tuple[str, str]]) -> list[ValueChange]:
    """Pair each past value (oldest first in the data) with its successor; newest change first.

    `shown` holds (text, level label) for each past value and, last, for the current one."""
    return [ValueChange(past, shown[n][0], shown[n + 1][0], shown[n][1], shown[n + 1][1]) for n, past in enumerate(history)][::-1]
