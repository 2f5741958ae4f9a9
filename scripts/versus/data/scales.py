"""Rating scales: a scale's levels, best first, each with a score, and the default quality scale.

A scale is declared in the data (features.yml's `scales:`) or is the
package's default quality scale (excellent to poor), which a rating
criterion uses when the data declares none.
"""

from __future__ import annotations

import functools

from pydantic import Field, TypeAdapter

from versus.data.base import Model
from versus.data.fields import Score, Slug, Text
from versus.data.loader import load_file
from versus.paths import DEFAULT_SCALES


class Level(Model):
    """One step of a scale: its id (written in cells), its label, its score and its symbol."""

    id: Slug
    label: Text = Field(description="The word shown with the symbol, e.g. `Good`.")
    score: Score = Field(description="A whole number; higher is better. The best level of a scale scores highest, e.g. `5`.")
    symbol: Text | None = Field(
        default=None, description="A few characters shown before the label, e.g. `●●●●○`; never the only sign of the level."
    )
    meaning: Text | None = Field(default=None, description="What this level means, in one sentence, shown in the legend.")


class Scale(Model):
    """A rating scale declared in the data: levels best first, each with a score."""

    id: Slug
    name: Text = Field(description="What the scale measures, e.g. `Quality`.")
    levels: list[Level] = Field(min_length=2, description="The levels, best first.")

    def level(self, level_id: str) -> Level | None:
        """The level with this id, or None."""
        return self._levels_by_id.get(level_id)

    @functools.cached_property
    def _levels_by_id(self) -> dict[str, Level]:
        # Asked once per rated cell: an index rather than a scan of the levels.
        return {level.id: level for level in self.levels}

    def points(self, level: Level) -> int:
        """The level's place between the worst (0) and the best (100) score of the scale."""
        low, high = self._score_range
        return 100 if high == low else round(100 * (level.score - low) / (high - low))

    @functools.cached_property
    def _score_range(self) -> tuple[int, int]:
        # Asked once per rated cell, and more by the decision helper: the scale's range is found once.
        scores = [step.score for step in self.levels]
        return min(scores), max(scores)


@functools.cache
def default_scales() -> list[Scale]:
    """The quality scale (excellent to poor) that applies when the data declares no scale."""
    loaded = load_file(DEFAULT_SCALES, str(DEFAULT_SCALES))
    assert not loaded.problems and isinstance(loaded.value, dict), loaded.problems
    return TypeAdapter(list[Scale]).validate_python(loaded.value["scales"])
