"""Ids the site's own pages already use, which no item of the data may take.

The data alone cannot know them: the pages say which addresses and anchors
they hold (versus/pages/reserved.py reads them from the pages themselves),
and the validator refuses an id or alias that would take one, at its place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReservedIds:
    """What the pages hold, by kind of item: an id there would replace a page or share an anchor."""

    # kind (e.g. "feature") → id → what already holds it, in the editor's words
    taken: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # (a page's address, the kinds whose ids are anchors on it): two items of those kinds may not share an id
    sharing: tuple[tuple[str, tuple[str, ...]], ...] = ()
