"""The checks across files: ids, references, completeness and dates, which one file's model cannot see.

They run on every item whose types are right, so one file's mistakes never
hide another's; items set aside for their types (`SetAside`) are reported
once, at their place, and references that may mean them are not judged.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Sequence
from datetime import date

from versus.data.cells import Cell, Feature
from versus.data.history import PastValue
from versus.data.kinds import KINDS
from versus.data.loader import LoadedFile, Location
from versus.data.model import Comparison, Subject
from versus.data.problems import Problem
from versus.data.reserved import ReservedIds
from versus.data.scales import default_scales
from versus.data.walk import ITEM_LISTS, item_list, located_facts


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
        return value in written or bool(difflib.get_close_matches(value, sorted({as_id(text) for text in written})))


def as_id(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- Checks across files ----------------------------------------------------

# Where each kind of referenced item is defined: its file and list key.
DEFINED_IN: dict[str, tuple[str, str]] = {
    **{items.kind.replace("-", " "): (items.data_file, items.key[0]) for items in ITEM_LISTS},
    "scale": ("features.yml", "scales"),
    "importance": ("decision.yml", "importance"),
}


def _weighed() -> str:
    """The criteria a profile may weigh, in words: "rating and support criteria and numbers with `better: higher`…"."""
    always = [kind.name for kind in KINDS.values() if kind.criterion.always_scored]
    parts = [f"{' and '.join(always)} criteria", *(kind.criterion.scored_as for kind in KINDS.values() if kind.criterion.scored_as)]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


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
        subject_ids, feature_ids = ids["subject"], ids["feature"]
        self._unique_names(c.subjects)
        if ("scales",) in self.files["features.yml"].positions:
            self._unique_ids("features.yml", ("scales",), c.scales)
            for index, scale in enumerate(c.scales):
                self._unique_ids("features.yml", ("scales", index, "levels"), scale.levels)
        drafts = {s.id for s in c.subjects if s.draft}
        for index, feature in enumerate(c.features):
            self._check_cells(index, feature, subject_ids, drafts)
        self._check_conclusions(ids)
        if "decision.yml" not in self.unreadable:
            self._check_decision(feature_ids)
        self._check_dates()
        return self.problems

    def _check_conclusions(self, ids: dict[str, set[str]]) -> None:
        """The use cases and the verdict name subjects, criteria, use cases, profiles and categories that exist."""
        for index, use_case in enumerate(self.comparison.use_cases):
            here = ("use_cases", index)
            self._reference("use_cases.yml", here + ("subject",), use_case.subject, ids["subject"], "subject")
            for key in ("features", "context"):
                for position, feature_id in enumerate(getattr(use_case, key)):
                    self._reference("use_cases.yml", here + (key, position), feature_id, ids["feature"], "feature")
        for index, point in enumerate(self.comparison.verdict.points):
            here = ("points", index)
            if point.winner is not None:
                self._reference("verdict.yml", here + ("winner",), point.winner, ids["subject"], "subject")
            for position, use_case_id in enumerate(point.use_cases):
                self._reference("verdict.yml", here + ("use_cases", position), use_case_id, ids["use-case"], "use case")
            for key, known, kind in (("profiles", ids["profile"], "profile"), ("categories", ids["category"], "category")):
                for position, item_id in enumerate(getattr(point, key)):
                    self._reference("verdict.yml", here + (key, position), item_id, known, kind)

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
                elif not features[feature_id].scored:
                    # The helper weighs scores; a criterion without one would silently count for nothing.
                    why = features[feature_id].unscored_because()
                    self._add(
                        "decision.yml",
                        here,
                        f"`{feature_id}` is not scored, so a profile cannot weigh it",
                        f"remove this line: `{feature_id}` is {why}; profiles weigh {_weighed()}",
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
        """The criterion's category, and its kind's own rules."""
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
        for rule in feature.broken_rules():
            self._add("features.yml", (*here, *rule.path), rule.message, rule.hint, of_key=rule.of_key)
        if feature.named_scale() is not None:
            available = {scale.id for scale in c.scales} | {scale.id for scale in default_scales()}
            self._reference("features.yml", (*here, "scale"), str(feature.named_scale()), available, "scale")

    def _check_cell(self, where: Location, feature: Feature, cell: Cell) -> None:
        """A cell that applies holds what its criterion's kind needs, and keeps the kind's rules.

        The rules of every cell (`Cell.broken_rules`) are checked with the other facts' (`_check_dates`)."""
        if not cell.applies:
            return
        scale = self.comparison.scale_of(feature)
        if feature.named_scale() is not None and scale is None:
            # The scale named is unknown or set aside: its own problem is reported, and no level can be judged.
            return
        loaded = self.files["features.yml"]
        for key in cell.needs:
            if getattr(cell, key) is not None:
                continue
            written = (*where, key) in loaded.positions
            message = f"`{key}` is empty (null)" if written else f"missing required key `{key}`"
            self._add("features.yml", (*where, key) if written else where, message, feature.value_hint(key, scale), of_key=not written)
        for rule in feature.cell_rules(cell, scale):
            self._add("features.yml", (*where, *rule.path), rule.message, rule.hint, of_key=rule.of_key)

    def _check_cells(self, index: int, feature: Feature, subject_ids: set[str], drafts: set[str]) -> None:
        here = ("features", index)
        self._check_feature(index, feature)
        for subject_id, cell in feature.values.items():
            self._check_cell((*here, "values", subject_id), feature, cell)
        for subject_id in feature.values:
            if subject_id not in subject_ids:
                self._reference("features.yml", here + ("values", subject_id), subject_id, subject_ids, "subject")
        set_aside = {
            as_id(subject_id) for feature_id, subject_id in self.set_aside.get("features.yml", SetAside()).cells if feature_id == feature.id
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
                self._add(file, (*location, *rule.path), rule.message, rule.hint, of_key=rule.of_key)
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
