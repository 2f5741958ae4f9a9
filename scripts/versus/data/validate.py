"""Turn the data folder into one validated `Comparison`, or every problem in it.

Three passes, each collecting problems rather than stopping at the first:
load (syntax, duplicate keys, aliases), type-check each file against its
model, then check what spans files (ids, references, completeness, dates).
"""

from __future__ import annotations

import functools
import typing
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from versus.data.base import Model
from versus.data.cross_checks import CrossChecks, SetAside
from versus.data.gc_pause import cycle_collector_paused
from versus.data.ids import REGISTRY_NAME, registry_problems
from versus.data.loader import LoadedFile, Location, load_file
from versus.data.model import (
    DATA_FILES,
    Comparison,
    DecisionFile,
    FeaturesFile,
    PerformanceFile,
    PricingFile,
    SiteFile,
    SubjectsFile,
    UseCasesFile,
    VerdictFile,
    with_default_scales,
)
from versus.data.places import attach_places
from versus.data.problems import DataProblems, Problem, shown_path
from versus.data.reserved import ReservedIds
from versus.data.type_problems import mistakes, type_problems, unwrap


def load_comparison(
    data_dir: Path, *, today: date | None = None, check_registry: bool = True, reserved: ReservedIds | None = None
) -> Comparison:
    """Load and validate every data file; raise DataProblems listing all mistakes.

    `reserved` names the ids the site's pages hold (versus/pages/reserved.py), refused for any item."""
    with cycle_collector_paused():
        return _load_comparison(data_dir, today or date.today(), check_registry, reserved or ReservedIds())


def _load_comparison(data_dir: Path, today: date, check_registry: bool, reserved: ReservedIds) -> Comparison:
    problems: list[Problem] = []
    files: dict[str, LoadedFile] = {}
    models: dict[str, Model | None] = {}
    set_aside: dict[str, SetAside] = {}  # file → what its model was checked without
    for name, model_type in DATA_FILES.items():
        loaded = load_file(data_dir / name, shown_path(data_dir / name))
        files[name] = loaded
        problems.extend(loaded.problems)
        if loaded.problems:
            continue
        if not isinstance(loaded.value, dict):
            problems.append(
                loaded.problem(
                    (), "the file must be a mapping of keys to values", f"start with one of: {', '.join(model_type.model_fields)}"
                )
            )
            continue
        model, type_problems, pruned = _validate_what_can_be(model_type, loaded)
        problems.extend(type_problems)
        set_aside[name] = pruned
        if model is not None:
            models[name] = model
    # The checks across files run on every item that has its types right, so one file's
    # mistakes never hide another's; references to items set aside are not reported again.
    unreadable = {name for name in DATA_FILES if name not in models}
    complete: dict[str, Model] = {name: models.get(name) or _empty(model_type) for name, model_type in DATA_FILES.items()}
    comparison = Comparison(
        site=_of_type(complete["site.yml"], SiteFile),
        subjects=_of_type(complete["subjects.yml"], SubjectsFile).subjects,
        scales=with_default_scales(_of_type(complete["features.yml"], FeaturesFile)),
        categories=_of_type(complete["features.yml"], FeaturesFile).categories,
        features=_of_type(complete["features.yml"], FeaturesFile).features,
        use_cases=_of_type(complete["use_cases.yml"], UseCasesFile).use_cases,
        pricing=_of_type(complete["pricing.yml"], PricingFile),
        performance=_of_type(complete["performance.yml"], PerformanceFile),
        verdict=_of_type(complete["verdict.yml"], VerdictFile),
        decision=_of_type(complete["decision.yml"], DecisionFile),
    )
    problems += CrossChecks(comparison, files, today, unreadable=unreadable, set_aside=set_aside, reserved=reserved).run()
    if check_registry and not unreadable and not any(set_aside.values()):
        # Ids of items set aside or files not read would all look retired: judged once they are back.
        problems += registry_problems(comparison, data_dir / REGISTRY_NAME, shown_path(data_dir / REGISTRY_NAME))
    if problems:
        raise DataProblems(problems)
    attach_places(comparison, files)
    return _without_drafts(comparison)


FileModel = typing.TypeVar("FileModel", bound=Model)


def _validate_what_can_be(model_type: type[Model], loaded: LoadedFile) -> tuple[Model | None, list[Problem], SetAside]:
    """The file's model, its type problems, and what was set aside to get a model.

    An item of a top-level list (a subject, a criterion, a note) with a type problem is
    reported, then left out so the rest of the file can still be checked with the others;
    a criterion whose only type problems are in its cells keeps its other cells. A key that
    belongs to another kind of value is reported, then left out, so the rest of its cell is
    still checked. The positions of `loaded` are renumbered to match the shortened lists."""
    try:
        return model_type.model_validate(loaded.value), [], SetAside()
    except ValidationError as error:
        found = mistakes(error, loaded, model_type)
        problems = type_problems(found)
    locations = [mistake.location for mistake in found if not mistake.of_another_kind]
    value = functools.reduce(_without, [mistake.location for mistake in found if mistake.of_another_kind], loaded.value)
    if not isinstance(value, dict) or any(len(place) < 2 or not isinstance(place[1], int) for place in locations):
        return None, problems, SetAside()
    set_aside = SetAside()
    pruned = dict(value)
    # A cell's mistake sets aside the cell alone: `values` is a mapping of subjects to cells.
    cells = {place[:4] for place in locations if len(place) >= 4 and place[0] == "features" and place[2] == "values"}
    whole = {place[:2] for place in locations if place[:4] not in cells}
    for key in {str(place[0]) for place in locations}:
        items = pruned.get(key)
        if not isinstance(items, list):
            return None, problems, SetAside()
        dropped = {index for name, index in whole if name == key and isinstance(index, int)}
        kept: list[object] = []
        for index, item in enumerate(items):
            if index in dropped:
                written = item.get("id") if isinstance(item, dict) else None
                if isinstance(written, str):
                    set_aside.ids.setdefault(key, set()).add(written)
                else:
                    set_aside.unnamed.add(key)
                continue
            cut = {place[3] for place in cells if place[:2] == (key, index)}
            if cut and isinstance(item, dict) and isinstance(item.get("values"), dict):
                set_aside.cells |= {(str(item.get("id")), str(subject)) for subject in cut}
                kept.append({**item, "values": {subject: cell for subject, cell in item["values"].items() if subject not in cut}})
            else:
                kept.append(item)
        pruned[key] = kept
        _renumber(loaded, key, dropped)
    try:
        return model_type.model_validate(pruned), problems, set_aside
    except ValidationError:
        return None, problems, set_aside  # e.g. a list left shorter than its minimum


def _without(value: object, location: Location) -> object:
    """The value with the key at `location` left out; the mappings and lists along the way are copies."""
    if not location:
        return value
    head, rest = location[0], location[1:]
    if isinstance(value, dict) and head in value:
        return {key: item for key, item in value.items() if key != head} if not rest else {**value, head: _without(value[head], rest)}
    if isinstance(value, list) and isinstance(head, int) and head < len(value):
        return [*value[:head], _without(value[head], rest), *value[head + 1 :]]
    return value


def _renumber(loaded: LoadedFile, key: str, dropped: set[int]) -> None:
    """Point the positions of the list `key` at the items' places once `dropped` are left out."""
    if not dropped:
        return

    def moved(positions: dict[Location, tuple[int, int]]) -> dict[Location, tuple[int, int]]:
        result: dict[Location, tuple[int, int]] = {}
        for location, position in positions.items():
            if len(location) > 1 and location[0] == key and isinstance(location[1], int):
                if location[1] in dropped:
                    continue
                result[(key, location[1] - sum(1 for index in dropped if index < location[1]), *location[2:])] = position
            else:
                result[location] = position
        return result

    loaded.positions = moved(loaded.positions)
    loaded.key_positions = moved(loaded.key_positions)


def _empty(model_type: type[Model]) -> Model:
    """A stand-in for a file that could not be read, so the other files are still checked."""
    fields: dict[str, typing.Any] = {
        name: [] if typing.get_origin(unwrap(info.annotation)) is list else None for name, info in model_type.model_fields.items()
    }
    return model_type.model_construct(None, **fields)


def _of_type(model: Model, file_type: type[FileModel]) -> FileModel:
    """A file's model with its own type: DATA_FILES maps each name to its model class."""
    assert isinstance(model, file_type)
    return model


def _without_drafts(comparison: Comparison) -> Comparison:
    """The published comparison: draft subjects, their cells and use cases removed."""
    drafts = {subject.id for subject in comparison.subjects if subject.draft}
    if not drafts:
        return comparison
    features = [
        feature.model_copy(update={"values": {k: v for k, v in feature.values.items() if k not in drafts}})
        for feature in comparison.features
    ]
    return comparison.model_copy(
        update={
            "subjects": [s for s in comparison.subjects if not s.draft],
            "features": features,
            "use_cases": [u for u in comparison.use_cases if u.subject not in drafts],
        }
    )
