"""Turn the data folder into one validated `Comparison`, or every problem in it.

Three passes, each collecting problems rather than stopping at the first:
load (syntax, duplicate keys, aliases), type-check each file against its
model, then check what spans files (ids, references, completeness, dates).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import types
import typing
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ValidationError

from versus.data.fields import SLUG_PATTERN, excerpt
from versus.data.gc_pause import cycle_collector_paused
from versus.data.ids import REGISTRY_NAME, registry_problems
from versus.data.kinds import FEATURE_KEYS, KIND_KEYS, KINDS, SUPPORT
from versus.data.limits import MAX_ID_LENGTH
from versus.data.loader import LoadedFile, Location, load_file
from versus.data.model import (
    DATA_FILES,
    Cell,
    Comparison,
    DecisionFile,
    Feature,
    FeaturesFile,
    Model,
    PastValue,
    PerformanceFile,
    PricingFile,
    Scale,
    SiteFile,
    Subject,
    SubjectsFile,
    UseCasesFile,
    VerdictFile,
)
from versus.data.places import attach_places
from versus.data.problems import DataProblems, Problem, shown_path
from versus.data.reserved import ReservedIds
from versus.data.walk import ITEM_LISTS, item_list, located_facts
from versus.paths import DEFAULT_SCALES


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


@dataclasses.dataclass
class SetAside:
    """What a file's model was checked without: list items and criterion cells whose types were wrong.

    Each is reported with its type problem; the checks across files then pass over
    references to it, so one mistake is reported once, at its place."""

    ids: dict[str, set[str]] = dataclasses.field(default_factory=dict)  # list key → ids of items set aside, as written
    unnamed: set[str] = dataclasses.field(default_factory=set)  # list keys with an item set aside whose id could not be read
    cells: set[tuple[str, str]] = dataclasses.field(default_factory=set)  # (criterion id, subject id) of cells set aside

    def __bool__(self) -> bool:
        return bool(self.ids or self.unnamed or self.cells)

    def may_be(self, key: str, value: str) -> bool:
        """True when `value`, a reference to an item of the list `key`, may mean an item set aside."""
        if key in self.unnamed:
            return True
        # An id set aside for being no valid id (`Debugging Tools`) is likely the one meant by `debugging`:
        # the reference is judged once the id is fixed.
        written = self.ids.get(key, set())
        return value in written or bool(difflib.get_close_matches(value, sorted({_as_id(text) for text in written})))


def _as_id(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _validate_what_can_be(model_type: type[Model], loaded: LoadedFile) -> tuple[Model | None, list[Problem], SetAside]:
    """The file's model, its type problems, and what was set aside to get a model.

    An item of a top-level list (a subject, a criterion, a note) with a type problem is
    reported, then left out so the rest of the file can still be checked with the others;
    a criterion whose only type problems are in its cells keeps its other cells. The
    positions of `loaded` are renumbered to match the shortened lists."""
    try:
        return model_type.model_validate(loaded.value), [], SetAside()
    except ValidationError as error:
        problems = _type_problems(error, loaded, model_type)
        locations = [tuple(detail["loc"]) for detail in error.errors()]
    value = loaded.value
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
        name: [] if typing.get_origin(_unwrap(info.annotation)) is list else None for name, info in model_type.model_fields.items()
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


# --- Type errors -----------------------------------------------------------


def _type_problems(error: ValidationError, loaded: LoadedFile, model_type: type[BaseModel]) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        location = tuple(detail["loc"])
        kind = detail["type"]
        field = location[-1] if location else ""
        # The field a problem is about: a list's item is named by its list, and a mapping's
        # key (checked at `(…, key, "[key]")`) by its mapping.
        named = location[:-2] if field == "[key]" else location
        name = next((part for part in reversed(named) if isinstance(part, str)), field)
        # A problem with a key is shown at the key rather than at its value.
        where, of_key = (location[:-1], True) if field == "[key]" else (location, False)
        value = detail.get("input")
        context = detail.get("ctx") or {}
        if "hint" in context:
            # The field kinds' own rules (scripts/data/fields.py) word their problems and hints;
            # a problem about characters or a flag names the field, a link or a date names itself.
            message = detail["msg"]
            problems.append(
                loaded.problem(location, f"`{name}`: {message}" if kind in ("forbidden_character", "flag") else message, context["hint"])
            )
        elif kind == "extra_forbidden":
            parent = _model_at(model_type, location[:-1])
            allowed = list(parent.model_fields) if parent else []
            close = difflib.get_close_matches(str(field), allowed, n=1)
            hint = f"did you mean `{close[0]}`?" if close else f"allowed keys: {', '.join(allowed)}"
            problems.append(loaded.problem(location, f"unknown key `{excerpt(field)}`", hint, of_key=True))
        elif kind == "missing":
            parent = _model_at(model_type, location[:-1])
            description = parent.model_fields[field].description if parent and field in parent.model_fields else None
            hint = f"add `{field}:` here" + (f"; {description[0].lower()}{description[1:]}" if description else "")
            problems.append(loaded.problem(location[:-1], f"missing required key `{field}`", hint))
        elif kind == "string_pattern_mismatch" and context.get("pattern") == SLUG_PATTERN:
            problems.append(
                loaded.problem(
                    where,
                    f"`{excerpt(value)}` is not a valid id",
                    "use lower-case letters and digits joined by hyphens, e.g. `mobile-deployment`",
                    of_key=of_key,
                )
            )
        elif kind == "string_pattern_mismatch":
            problems.append(
                loaded.problem(location, f"`{excerpt(value)}` is not an https URL", "write a full address starting with https://")
            )
        elif kind == "string_too_long":
            most = context.get("max_length")
            hint = "ids become file names and addresses; shorten it" if most == MAX_ID_LENGTH else "shorten it"
            what = f"the key `{excerpt(value, 24)}` under `{name}`" if field == "[key]" else f"`{name}`"
            problems.append(
                loaded.problem(where, f"{what} has {len(str(value))} characters; at most {most} are allowed", hint, of_key=of_key)
            )
        elif kind == "literal_error":
            expected = context.get("expected", "")
            shown = "nothing (null)" if value is None else f"`{excerpt(value)}`"
            problems.append(loaded.problem(location, f"`{field}` cannot be {shown}", f"use one of: {expected.replace(' or ', ', ')}"))
        elif kind.startswith("date_"):
            problems.append(loaded.problem(location, f"`{excerpt(value)}` is not a date", "write dates as YYYY-MM-DD, e.g. 2026-11-26"))
        elif kind in ("int_parsing", "int_type", "int_from_float"):
            problems.append(
                loaded.problem(location, f"`{name}` should be a whole number, not `{excerpt(value)}`", "write digits only, e.g. 2")
            )
        elif kind == "too_short":
            problems.append(loaded.problem(location, f"`{field}` needs at least one entry", "add an item starting with `- `"))
        elif kind == "too_long":
            most = context.get("max_length")
            problems.append(
                loaded.problem(
                    location,
                    f"`{field}` has {len(value)} entries; at most {most} are allowed",
                    "split the comparison, or mark some subjects `draft: true`" if field == "subjects" else "keep the ones readers need",
                )
            )
        elif kind == "string_too_short":
            problems.append(loaded.problem(location, f"`{field}` is empty", "write a value or remove the key if it is optional"))
        elif kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
            expected = {
                "string_type": "a text value",
                "list_type": "a list (items starting with `- `)",
                "dict_type": "a mapping of keys to values",
            }.get(kind, "a mapping of keys to values")
            shown = (
                "nothing"
                if value is None
                else ("a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else f"`{excerpt(value)}`")
            )
            problems.append(
                loaded.problem(
                    location, f"`{field}` should be {expected}, not {shown}", "check the indentation of this key and the lines under it"
                )
            )
        else:
            message = detail["msg"].removeprefix("Value error, ")
            problems.append(loaded.problem(location, f"`{field}`: {message}" if field != "" else message))
    return problems


@functools.cache
def default_scales() -> list[Scale]:
    """The quality scale (excellent to poor) that applies when the data declares no scale."""
    loaded = load_file(DEFAULT_SCALES, str(DEFAULT_SCALES))
    assert not loaded.problems and isinstance(loaded.value, dict), loaded.problems
    return FeaturesFile.model_validate({**loaded.value, "features": [{"id": "x", "name": "x", "question": "x", "values": {}}]}).scales


def with_default_scales(features: FeaturesFile) -> list[Scale]:
    """The comparison's scales: its own, first, and the default quality scale beside them.

    Without scales of its own, the default is the only one, and so the scale of every rating
    criterion that names none. Declared scales never take it away: it joins them when a
    criterion names it (`scale: quality`), and a scale declared with its id replaces it."""
    own = list(features.scales)
    if not own:
        return default_scales()
    declared = {scale.id for scale in own}
    named = {feature.scale for feature in features.features if feature.kind == "rating"}
    return own + [scale for scale in default_scales() if scale.id not in declared and scale.id in named]


def _model_at(model_type: type[BaseModel], location: Location) -> type[BaseModel] | None:
    """The model class that describes the mapping at `location`, for hints."""
    current: object = model_type
    for part in location:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
        else:
            args = typing.get_args(current)
            current = args[-1] if args else None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: object) -> object:
    """Strip Optional[...] and Annotated[...] so the real type shows."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0]
        else:
            return annotation


# --- Checks across files ----------------------------------------------------

# Where each kind of referenced item is defined: its file and list key.
DEFINED_IN: dict[str, tuple[str, str]] = {
    **{items.kind.replace("-", " "): (items.data_file, items.key[0]) for items in ITEM_LISTS},
    "scale": ("features.yml", "scales"),
    "importance": ("decision.yml", "importance"),
}


class CrossChecks:
    """Ids, references, completeness and dates: what one file's model cannot see."""

    def __init__(
        self,
        comparison: Comparison,
        files: dict[str, LoadedFile],
        today: date,
        *,
        unreadable: set[str] | None = None,
        set_aside: dict[str, SetAside] | None = None,
        reserved: ReservedIds | None = None,
    ):
        self.comparison = comparison
        self.files = files
        self.today = today
        self.unreadable = unreadable or set()  # files with no model: references into them are not judged
        self.set_aside = set_aside or {}  # file → items and cells left out for type problems
        self.reserved = reserved or ReservedIds()
        self.problems: list[Problem] = []
        # Former ids, so a reference to a renamed item says what it is called now.
        self.renamed: dict[str, dict[str, str]] = {
            items.kind: {alias: item.id for item in items.items(comparison) for alias in item.aliases} for items in ITEM_LISTS
        }

    def run(self) -> list[Problem]:
        c = self.comparison
        ids = {items.kind: self._unique_ids(items.data_file, items.key, items.items(c)) for items in ITEM_LISTS}
        self._check_reserved()
        subject_ids, feature_ids, use_case_ids = ids["subject"], ids["feature"], ids["use-case"]
        self._unique_names(c.subjects)
        if ("scales",) in self.files["features.yml"].positions:
            self._unique_ids("features.yml", ("scales",), c.scales)
            for index, scale in enumerate(c.scales):
                self._unique_ids("features.yml", ("scales", index, "levels"), scale.levels)
        drafts = {s.id for s in c.subjects if s.draft}
        for index, feature in enumerate(c.features):
            self._check_cells(index, feature, subject_ids, drafts)
        for index, use_case in enumerate(c.use_cases):
            here = ("use_cases", index)
            self._reference("use_cases.yml", here + ("subject",), use_case.subject, subject_ids, "subject")
            for key in ("features", "context"):
                for position, feature_id in enumerate(getattr(use_case, key)):
                    self._reference("use_cases.yml", here + (key, position), feature_id, feature_ids, "feature")
        for index, point in enumerate(c.verdict.points):
            here = ("points", index)
            if point.winner is not None:
                self._reference("verdict.yml", here + ("winner",), point.winner, subject_ids, "subject")
            for position, use_case_id in enumerate(point.use_cases):
                self._reference("verdict.yml", here + ("use_cases", position), use_case_id, use_case_ids, "use case")
            for key, known, kind in (("profiles", ids["profile"], "profile"), ("categories", ids["category"], "category")):
                for position, item_id in enumerate(getattr(point, key)):
                    self._reference("verdict.yml", here + (key, position), item_id, known, kind)
        if "decision.yml" not in self.unreadable:
            self._check_decision(feature_ids)
        self._check_dates()
        return self.problems

    def _check_decision(self, feature_ids: set[str]) -> None:
        decision = self.comparison.decision
        level_ids = {level.id for level in decision.importance}
        self._unique_ids("decision.yml", ("importance",), decision.importance)
        self._reference("decision.yml", ("default_importance",), decision.default_importance, level_ids, "importance")
        features = {feature.id: feature for feature in self.comparison.features}
        for index, profile in enumerate(decision.profiles):
            for feature_id, importance_id in profile.importance.items():
                here = ("profiles", index, "importance", feature_id)
                if feature_id not in feature_ids:
                    self._reference("decision.yml", here, feature_id, feature_ids, "feature")
                elif not KINDS[features[feature_id].kind].scored(features[feature_id]):
                    # The helper weighs scores; a criterion without one would silently count for nothing.
                    feature = features[feature_id]
                    why = "a number without `better`" if feature.kind == "number" else f"a `{feature.kind}` criterion"
                    self._add(
                        "decision.yml",
                        here,
                        f"`{feature_id}` is not scored, so a profile cannot weigh it",
                        f"remove this line: `{feature_id}` is {why}; profiles weigh rating and support criteria"
                        " and numbers with `better: higher` or `better: lower`",
                        of_key=True,
                    )
                self._reference("decision.yml", here, importance_id, level_ids, "importance")

    def _add(self, file: str, location: Location, message: str, hint: str = "", *, of_key: bool = False) -> None:
        self.problems.append(self.files[file].problem(location, message, hint, of_key=of_key))

    def _unique_ids(self, file: str, key: Location, items: Sequence) -> set[str]:
        """Ids and aliases share one namespace per kind: each names one item."""
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            names = [("id", item.id)] + [(("aliases", n), alias) for n, alias in enumerate(getattr(item, "aliases", []))]
            for field, name in names:
                location = (*key, index) + (field if isinstance(field, tuple) else (field,))
                if name in first:
                    line = self.files[file].position((*key, first[name], "id"))[0]
                    self._add(file, location, f"the id `{name}` is used twice", f"the first use is near line {line}; ids must be unique")
                else:
                    first[name] = index
        return {item.id for item in items}

    def _check_reserved(self) -> None:
        """No id or alias takes a page's own address or anchor, and kinds whose ids are anchors on one page share none."""
        named: dict[str, dict[str, Location]] = {}  # kind → id or alias → where it is written
        for items in ITEM_LISTS:
            found = named.setdefault(items.kind, {})
            for location, item in items.located(self.comparison):
                names = [(("id",), item.id)] + [(("aliases", n), alias) for n, alias in enumerate(getattr(item, "aliases", []))]  # type: ignore[attr-defined]
                for field, name in names:
                    found.setdefault(name, (*location, *field))
                    holder = self.reserved.taken.get(items.kind, {}).get(name)
                    if holder:
                        self._add(items.data_file, (*location, *field), f"the id `{name}` is taken: {holder}", "choose another id")
        for page, kinds in self.reserved.sharing:
            first: dict[str, str] = {}
            for kind in kinds:
                for name, location in named.get(kind, {}).items():
                    other = first.setdefault(name, kind)
                    if other != kind:
                        self._add(
                            item_list(kind).data_file,
                            location,
                            f"the id `{name}` is also a {other}'s: both are anchors (`#{name}`) on the page `{page}`",
                            f"give the {kind} or the {other} another id",
                        )

    def _unique_names(self, subjects: Sequence[Subject]) -> None:
        """Readers tell subjects apart by name: two alike, whatever their case, would read as one."""
        first: dict[str, int] = {}
        for index, subject in enumerate(subjects):
            name = " ".join(subject.name.casefold().split())
            if name in first:
                line = self.files["subjects.yml"].position(("subjects", first[name], "name"))[0]
                self._add(
                    "subjects.yml",
                    ("subjects", index, "name"),
                    f"the name `{subject.name}` is used twice",
                    f"the first use is near line {line}; name each subject distinctly, e.g. with its edition or maker",
                )
            else:
                first[name] = index

    def _reference(self, file: str, location: Location, value: str, known: set[str], kind: str) -> None:
        defined_in = DEFINED_IN.get(kind)
        # An item set aside for its types may be the one meant, under an id that was itself the mistake;
        # any other unknown reference is reported, whatever else failed.
        if value in known or (
            defined_in and (defined_in[0] in self.unreadable or self.set_aside.get(defined_in[0], SetAside()).may_be(defined_in[1], value))
        ):
            return
        renamed_to = self.renamed.get(kind.replace(" ", "-"), {}).get(value)
        if renamed_to:
            self._add(
                file,
                location,
                f"the {kind} `{value}` was renamed to `{renamed_to}`",
                f"write `{renamed_to}`; the old id stays as its alias",
            )
            return
        close = difflib.get_close_matches(value, sorted(known), n=1)
        listed = ", ".join(sorted(known)[:20]) + (", …" if len(known) > 20 else "")
        hint = f"did you mean `{close[0]}`?" if close else f"known {kind} ids: {listed}"
        self._add(file, location, f"unknown {kind} `{value}`", hint)

    def _check_feature(self, index: int, feature: Feature) -> None:
        """The criterion's category, and the keys its kind takes."""
        c = self.comparison
        here = ("features", index)
        category_ids = {category.id for category in c.categories}
        if feature.category is not None:
            if not category_ids:
                self._add(
                    "features.yml",
                    (*here, "category"),
                    f"unknown category `{feature.category}`",
                    "declare it under `categories:` at the top of features.yml",
                )
            else:
                self._reference("features.yml", (*here, "category"), feature.category, category_ids, "category")
        elif category_ids:
            self._add(
                "features.yml",
                (*here, "id"),
                f"criterion `{feature.id}` has no category",
                f"add `category:` with one of: {', '.join(sorted(category_ids))}",
            )
        for key, kind in FEATURE_KEYS.items():
            if getattr(feature, key) is not None and feature.kind != kind:
                self._add(
                    "features.yml",
                    (*here, key),
                    f"`{key}` is only for `{kind}` criteria",
                    f"remove it, or set `kind: {kind}` on this criterion",
                    of_key=True,
                )
        if feature.kind == "number" and feature.unit is None:
            # A bare figure reads differently to every reader: the unit is said once, or said to be none.
            self._add(
                "features.yml",
                (*here, "kind"),
                f"number criterion `{feature.id}` has no `unit`",
                "add `unit:` with the unit of every cell, e.g. `unit: kg` or `unit: cups a day`; `unit: none` for a plain count",
            )
        if feature.kind == "rating" and feature.scale is not None:
            available = {scale.id for scale in c.scales} | {scale.id for scale in default_scales()}
            self._reference("features.yml", (*here, "scale"), feature.scale, available, "scale")

    def _check_cell(self, where: Location, feature: Feature, cell: Cell) -> None:
        """A cell holds what its criterion's kind needs, and nothing another kind takes."""
        kind = KINDS[feature.kind]
        loaded = self.files["features.yml"]
        for key in KIND_KEYS:
            if getattr(cell, key) is not None and (key not in kind.allows or not cell.applies):
                reason = (
                    "a cell with `applies: false` has no value" if not cell.applies else f"`{key}` is not used by `{feature.kind}` criteria"
                )
                hint = (
                    "remove it"
                    if not cell.applies
                    else f"remove it; this criterion is `kind: {feature.kind}` (needs {', '.join(f'`{k}`' for k in kind.needs)})"
                )
                self._add("features.yml", (*where, key), reason, hint, of_key=True)
        if not cell.applies:
            return
        if feature.kind == "rating" and feature.scale is not None and not any(s.id == feature.scale for s in self.comparison.scales):
            # The scale named is unknown or set aside: its own problem is reported, and no level can be judged.
            return
        scale = self.comparison.scale_of(feature)
        for key in kind.needs:
            if getattr(cell, key) is not None:
                continue
            written = (*where, key) in loaded.positions
            message = f"`{key}` is empty (null)" if written else f"missing required key `{key}`"
            self._add(
                "features.yml", (*where, key) if written else where, message, self._needs_hint(key, feature, scale), of_key=not written
            )
        if cell.rating is not None and scale is not None and scale.level(cell.rating) is None:
            levels = [level.id for level in scale.levels]
            close = difflib.get_close_matches(cell.rating, levels, n=1)
            self._add(
                "features.yml",
                (*where, "rating"),
                f"`{cell.rating}` is not a level of the scale `{scale.id}`",
                (f"did you mean `{close[0]}`? " if close else "") + f"use one of: {', '.join(levels)}",
            )
        if cell.since is not None and cell.since.version is None and cell.since.date is None:
            self._add("features.yml", (*where, "since"), "`since` is empty", "give `version:`, `date:` or both", of_key=True)
        for n, past in enumerate(cell.history):
            self._check_past(feature, (*where, "history", n), past)

    def _check_past(self, feature: Feature, where: Location, past: PastValue) -> None:
        """A past value says what it was in its criterion's own terms, which the dated view and its changes read."""
        kind = KINDS[feature.kind]
        for key in KIND_KEYS:
            if getattr(past, key) is not None and key not in kind.allows:
                self._add(
                    "features.yml",
                    (*where, key),
                    f"`{key}` is not used by `{feature.kind}` criteria",
                    f"remove it; a past value of this criterion takes {', '.join(f'`{k}`' for k in ('label', *kind.allows))}",
                    of_key=True,
                )
        if feature.kind == "number" and past.applies and past.value is None:
            unit = f" `{feature.shown_unit}`" if feature.shown_unit else ""
            self._add(
                "features.yml",
                where,
                "a past value of a number criterion needs `value`",
                f"write the number it had, e.g. `value: 249`: it is shown with the unit{unit} and the dated view uses it"
                " (a `label` alone would leave today's number in the dated view)",
            )

    @staticmethod
    def _needs_hint(key: str, feature: Feature, scale: Scale | None) -> str:
        if key == "rating" and scale is not None:
            return f"write a level of the scale `{scale.id}`: {', '.join(level.id for level in scale.levels)}"
        if key == "support":
            return f"write one of: {', '.join(SUPPORT)}"
        if key == "value":
            return "write the number alone, e.g. `value: 281`, or `unlimited` or `unknown`" + (
                f"; the unit is `{feature.shown_unit}`" if feature.shown_unit else ""
            )
        return "write a short value for the table"

    def _check_cells(self, index: int, feature: Feature, subject_ids: set[str], drafts: set[str]) -> None:
        here = ("features", index)
        self._check_feature(index, feature)
        for subject_id, cell in feature.values.items():
            self._check_cell((*here, "values", subject_id), feature, cell)
        for subject_id in feature.values:
            if subject_id not in subject_ids:
                self._reference("features.yml", here + ("values", subject_id), subject_id, subject_ids, "subject")
        set_aside = {
            _as_id(subject_id)
            for feature_id, subject_id in self.set_aside.get("features.yml", SetAside()).cells
            if feature_id == feature.id
        }
        for subject in self.comparison.subjects:
            if subject.id not in feature.values and subject.id not in drafts and subject.id not in set_aside:
                self._add(
                    "features.yml",
                    here + ("values",),
                    f"feature `{feature.id}` has no value for subject `{subject.id}`",
                    f"add `{subject.id}:` under `values:`, or mark the subject `draft: true`",
                    of_key=True,
                )

    def _check_dates(self) -> None:
        """The model's rules for each fact; no fact checked in the future; history runs forwards."""
        for found in located_facts(self.comparison):
            file, location, item = found.data_file, found.location, found.fact
            as_of: date = item.as_of  # type: ignore[attr-defined]  # every located kind carries one
            if as_of > self.today:
                self._add(
                    file,
                    (*location, "as_of"),
                    f"`as_of` {as_of} is in the future",
                    f"use the day the fact was checked, at the latest {self.today}",
                )
            for rule in item.broken_rules():
                self._add(file, (*location, rule.key), rule.message, rule.hint, of_key=True)
            history: list[PastValue] = getattr(item, "history", [])
            for n, past in enumerate(history):
                where = (*location, "history", n)
                if n and past.changed_on < history[n - 1].changed_on:
                    self._add(
                        file,
                        (*where, "changed_on"),
                        f"`changed_on` {past.changed_on} is before the previous entry's {history[n - 1].changed_on}",
                        "list `history` oldest first",
                    )
                if past.changed_on < past.as_of:
                    self._add(
                        file,
                        (*where, "changed_on"),
                        "`changed_on` is before `as_of`",
                        "a value changes after the day it was last known to hold",
                    )
                if past.changed_on > as_of:
                    self._add(
                        file,
                        (*where, "changed_on"),
                        f"`changed_on` {past.changed_on} is after the current value's `as_of` {as_of}",
                        "the current value must be checked on or after the day it took over",
                    )
