"""Attach to each fact its place in the data files, once the data is valid.

Edit links ("this fact is at data/features.yml, line 120") and the stale
report need the line a fact stands on long after the loader's raw positions
are gone. Each located model object gets a small typed `Place`, so nothing
past validation ever reads the loader's dictionaries.
"""

from __future__ import annotations

from scripts.loader import LoadedFile, Location
from scripts.model import Comparison, Located, Place


def attach_places(comparison: Comparison, files: dict[str, LoadedFile]) -> None:
    """Give the site, every subject, cell, note and verdict point its Place."""
    _attach(comparison.site, files["site.yml"], (), "site.yml")
    for index, subject in enumerate(comparison.subjects):
        _attach(subject, files["subjects.yml"], ("subjects", index), "subjects.yml")
    for index, feature in enumerate(comparison.features):
        for subject_id, cell in feature.values.items():
            # A cell starts at its subject key (such as `alpha:`), the line an editor looks for.
            _attach(cell, files["features.yml"], ("features", index, "values", subject_id), "features.yml", of_key=True)
    for index, note in enumerate(comparison.pricing.considerations):
        _attach(note, files["pricing.yml"], ("considerations", index), "pricing.yml")
    for index, note in enumerate(comparison.performance.points):
        _attach(note, files["performance.yml"], ("points", index), "performance.yml")
    for index, point in enumerate(comparison.verdict.points):
        _attach(point, files["verdict.yml"], ("points", index), "verdict.yml")


def _attach(fact: Located, loaded: LoadedFile, location: Location, data_file: str, *, of_key: bool = False) -> None:
    line = loaded.position(location, of_key=of_key)[0]
    as_of_line = loaded.position(location + ("as_of",))[0]
    fact.attach_place(Place(data_file=data_file, shown_path=loaded.path, line=line, as_of_line=as_of_line))
