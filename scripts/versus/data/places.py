"""Attach to each fact its place in the data files, once the data is valid.

Edit links ("this fact is at data/features.yml, line 120") and the stale
report need the line a fact stands on long after the loader's raw positions
are gone. Each located model object gets a small typed `Place`, so nothing
past validation ever reads the loader's dictionaries.
"""

from __future__ import annotations

from versus.data.base import Place
from versus.data.loader import LoadedFile
from versus.data.model import Comparison
from versus.data.walk import located_facts


def attach_places(comparison: Comparison, files: dict[str, LoadedFile]) -> None:
    """Give every dated fact (the site, subjects, cells, notes, verdict points) its Place."""
    for found in located_facts(comparison):
        loaded = files[found.data_file]
        line = loaded.position(found.location, of_key=found.starts_at_key)[0]
        as_of_line = loaded.position((*found.location, "as_of"))[0]
        found.fact.attach_place(Place(data_file=found.data_file, shown_path=loaded.path, line=line, as_of_line=as_of_line))
