"""What an edit does to the comparison: every change between two Comparisons and its effect on the conclusions.

`versus diff` loads the data at a base revision and in the working tree and
hands both here. The result, a `Review`, lists each changed cell (its value
and level before and after, in the words `describe_change` gives the What
changed page), the items added, removed or renamed (a rename is an id
retired with an alias that keeps its links working), the scales and weights
that changed, and what follows for readers: the leaders of rows and
categories, the category scores and each profile's recommendation, computed
with the same rules as the site (`review_effects.py`). Items are matched
across the two sides by id or alias, so a renamed criterion's cells are
compared with its old ones. The records themselves are in
`review_records.py`. Nothing here knows any example's subjects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from versus.data.base import Model, Source
from versus.data.cells import Cell, Feature
from versus.data.history import describe_change
from versus.data.lookup import Lookup
from versus.data.model import Comparison, Subject
from versus.data.walk import ITEM_LISTS
from versus.pages.changes import Change, every_change
from versus.pages.page_types import PAGES_BY_KIND
from versus.pages.review_effects import category_changes, leader_changes, recommendations, verdict_checks
from versus.pages.review_records import (
    KIND_WORDS,
    CellChange,
    ItemChange,
    NewEntry,
    Review,
    SettingChange,
    Shown,
    SourceLink,
    counted,
    names,
    words,
)

# What a cell shows: a change of these is said by the value's description, not listed as a field.
SHOWN_FIELDS = {"label", "rating", "support", "since", "value", "applies"}
# Said on their own line of a changed cell, or not at all (where the fact stands is not data).
OWN_LINE_FIELDS = {"sources", "as_of"}
ALIAS_HINT = "add `aliases: [{id}]` to the item that replaces it so old links keep working, or run `make ids` to retire it on purpose"


# --- Comparing two comparisons ----------------------------------------------------------------


def review(base: Comparison, head: Comparison, *, base_name: str, site_url: str | None = None) -> Review:
    """Compare the comparison at `base_name` with `head`, the working tree's; links absolute under `site_url`."""
    before, after = Lookup.of(base), Lookup.of(head)
    subjects = matched(base.subjects, head.subjects)
    features = matched(base.features, head.features)
    cells = tuple(_cell_changes(base, head, before, after, features, subjects, site_url))
    items = (*_item_changes(base, head), *_file_changes(base, head))
    settings = tuple(_setting_changes(base, head))
    leaders = tuple(leader_changes(base, head, before, after, features, subjects))
    categories = tuple(category_changes(base, head, before, after, subjects, matched(base.categories, head.categories)))
    answers = tuple(recommendations(base, head, before, after, subjects, matched(base.decision.profiles, head.decision.profiles)))
    checks = tuple(verdict_checks(base, head, before, after, features, subjects))
    entries = tuple(_new_entries(base, head, before, after, site_url))
    found = Review(base_name, "", cells, items, settings, leaders, categories, answers, checks, entries)
    return _with_summary(found)


def ids_only_review(base_ids: set[tuple[str, str]], head: Comparison, *, base_name: str, problem: str) -> Review:
    """What can be said when the base does not load: which ids (and aliases) came and went."""
    head_items = {(kind, item.id): item for kind, items in _kinds(head) for item in items}
    head_ids = {(kind, name) for kind, items in _kinds(head) for item in items for name in (item.id, *item.aliases)}
    changes = [
        ItemChange(kind, "added", name, _name_of(head_items[(kind, name)]))
        for kind, name in sorted(head_ids - base_ids, key=_kind_order)
        if (kind, name) in head_items
    ] + [
        ItemChange(kind, "removed", name, "", warning=ALIAS_HINT.format(id=name))
        for kind, name in sorted(base_ids - head_ids, key=_kind_order)
    ]
    return _with_summary(Review(base_name, problem, items=tuple(changes)))


def _kind_order(pair: tuple[str, str]) -> tuple[int, str]:
    return list(KIND_WORDS).index(pair[0]), pair[1]


def matched(old: Sequence, new: Sequence) -> dict[str, str]:
    """Old id → new id for every old item still present, by its id or as an alias of a new item."""
    new_names = {name: item.id for item in new for name in (item.id, *item.aliases)}
    return {item.id: new_names[item.id] for item in old if item.id in new_names}


def _kinds(comparison: Comparison) -> list[tuple[str, Sequence]]:
    return [(items.kind, items.items(comparison)) for items in ITEM_LISTS]


def _name_of(item: object) -> str:
    return str(getattr(item, "name", None) or getattr(item, "title", None) or getattr(item, "id", ""))


def fact_page(feature_id: str, subject_id: str, site_url: str | None) -> str:
    """A cell's place on its criterion's page: absolute under the site's address, else relative to the site root."""
    return _address(f"{PAGES_BY_KIND['feature'].url(feature_id)}#{subject_id}", site_url)


def _address(url_from_root: str, site_url: str | None) -> str:
    return site_url.rstrip("/") + "/" + url_from_root if site_url else url_from_root


def _shown(lookup: Lookup, feature: Feature, subject_id: str) -> Shown:
    reading = lookup.rows[feature.id].readings[subject_id]
    return Shown(reading.text, reading.level_label, reading.symbol, reading.points)


def _changed_fields(old: Model, new: Model, leave_out: set[str]) -> tuple[str, ...]:
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    return tuple(key for key in type(new).model_fields if key not in leave_out and before.get(key) != after.get(key))


def _cell_changes(
    base: Comparison,
    head: Comparison,
    before: Lookup,
    after: Lookup,
    features: dict[str, str],
    subjects: dict[str, str],
    site_url: str | None,
) -> Iterable[CellChange]:
    new_features = {feature.id: feature for feature in head.features}
    for old_feature in base.features:
        if old_feature.id not in features:
            continue
        feature = new_features[features[old_feature.id]]
        for old_subject, subject_id in subjects.items():
            old_cell, cell = old_feature.values.get(old_subject), feature.values.get(subject_id)
            if old_cell is None or cell is None:
                continue
            was, now = _shown(before, old_feature, old_subject), _shown(after, feature, subject_id)
            same_shown = (was.text, was.level, was.symbol) == (now.text, now.level, now.symbol)
            if old_cell == cell and same_shown:
                continue
            yield _cell_change(feature, head.subject(subject_id), old_cell, cell, was, now, same_shown, site_url)


def _cell_change(
    feature: Feature, subject: Subject, old: Cell, new: Cell, was: Shown, now: Shown, same_shown: bool, site_url: str | None
) -> CellChange:
    changed = _changed_fields(old, new, {"history"})
    leave_out = OWN_LINE_FIELDS | (set() if same_shown else SHOWN_FIELDS)
    added, removed, retitled = _source_changes(old.sources, new.sources)
    return CellChange(
        feature.id,
        feature.name,
        subject.id,
        subject.name,
        was,
        now,
        "" if same_shown else describe_change(was.text, now.text, was.level, now.level),
        fact_page(feature.id, subject.id, site_url),
        added,
        removed,
        retitled,
        old.as_of.isoformat(),
        new.as_of.isoformat(),
        tuple(name for name in changed if name not in leave_out) + (("history",) if old.history != new.history else ()),
        any(past not in old.history for past in new.history),
    )


def _source_changes(
    old: Sequence[Source], new: Sequence[Source]
) -> tuple[tuple[SourceLink, ...], tuple[SourceLink, ...], tuple[SourceLink, ...]]:
    """Sources added, removed and retitled, by their address: a corrected title is not a new source."""
    old_urls, new_urls = {source.url for source in old}, {source.url for source in new}
    return (
        tuple(SourceLink.of(source) for source in new if source.url not in old_urls),
        tuple(SourceLink.of(source) for source in old if source.url not in new_urls),
        tuple(SourceLink.of(source) for source in new if source.url in old_urls and source not in old),
    )


def _item_changes(base: Comparison, head: Comparison) -> Iterable[ItemChange]:
    for (kind, old_items), (_, new_items) in zip(_kinds(base), _kinds(head), strict=True):
        matches = matched(old_items, new_items)
        renamed_to = set(matches.values())
        new_by_id = {item.id: item for item in new_items}
        old_ids = {item.id for item in old_items}
        new_names = {name for new_item in new_items for name in (new_item.id, *new_item.aliases)}
        for item in new_items:
            if item.id not in renamed_to and item.id not in old_ids:
                yield ItemChange(kind, "added", item.id, _name_of(item))
        for item in old_items:
            if item.id not in matches:
                yield ItemChange(kind, "removed", item.id, _name_of(item), warning=ALIAS_HINT.format(id=item.id))
                continue
            new_item = new_by_id[matches[item.id]]
            if new_item.id != item.id:
                yield ItemChange(kind, "renamed", new_item.id, _name_of(new_item), old_id=item.id)
            for alias in item.aliases:
                if alias not in new_names:
                    yield ItemChange(
                        kind, "alias removed", new_item.id, _name_of(new_item), old_id=alias, warning=ALIAS_HINT.format(id=alias)
                    )
            edited = _changed_fields(item, new_item, {"id", "aliases", "values"})
            if edited:
                yield ItemChange(
                    kind, "edited", new_item.id, _name_of(new_item), old_id=item.id if item.id != new_item.id else "", fields=edited
                )


def _file_changes(base: Comparison, head: Comparison) -> Iterable[ItemChange]:
    """Edits of a file's own keys, outside its lists: the site's title and argument, the pricing and performance summaries."""
    for name, old, new, leave_out in (
        ("site.yml", base.site, head.site, set()),
        ("pricing.yml", base.pricing, head.pricing, {"considerations"}),
        ("performance.yml", base.performance, head.performance, {"points"}),
    ):
        if edited := _changed_fields(old, new, leave_out):
            yield ItemChange("file", "edited", name, "", fields=edited)


def _setting_changes(base: Comparison, head: Comparison) -> Iterable[SettingChange]:
    old_scales = {scale.id: scale for scale in base.scales}
    for scale in head.scales:
        old = old_scales.get(scale.id)
        if old is None:
            continue
        old_levels = {level.id: level for level in old.levels}
        for level in scale.levels:
            was = old_levels.get(level.id)
            for key in ("score", "label", "symbol") if was else ():
                if getattr(was, key) != getattr(level, key):
                    yield SettingChange(f"scale `{scale.id}`, level `{level.id}`: {key}", str(getattr(was, key)), str(getattr(level, key)))
        if [level.id for level in old.levels] != [level.id for level in scale.levels]:
            yield SettingChange(
                f"scale `{scale.id}`: levels", ", ".join(lv.id for lv in old.levels), ", ".join(lv.id for lv in scale.levels)
            )
    old_importance = {weighing.id: weighing for weighing in base.decision.importance}
    for weighing in head.decision.importance:
        before = old_importance.get(weighing.id)
        if before is None:
            yield SettingChange(f"importance `{weighing.id}`", "", f"{weighing.label}, weight {weighing.weight}")
            continue
        if before.weight != weighing.weight:
            yield SettingChange(f"importance `{weighing.id}`: weight", str(before.weight), str(weighing.weight))
        if before.label != weighing.label:
            yield SettingChange(f"importance `{weighing.id}`: label", before.label, weighing.label)
    for gone in old_importance.keys() - {weighing.id for weighing in head.decision.importance}:
        yield SettingChange(f"importance `{gone}`", f"{old_importance[gone].label}, weight {old_importance[gone].weight}", "")
    if base.decision.default_importance != head.decision.default_importance:
        yield SettingChange("default importance", base.decision.default_importance, head.decision.default_importance)


def _new_entries(base: Comparison, head: Comparison, before: Lookup, after: Lookup, site_url: str | None) -> Iterable[NewEntry]:
    # A change is the same one on both sides when its section and past value agree: anchors move with a rename.
    seen = {_entry_key(change) for change in every_change(base, before)}
    for change in every_change(head, after):
        if _entry_key(change) not in seen:
            page = _address(change.page.removeprefix("./"), site_url)
            yield NewEntry(
                change.section, change.fact, change.description(), change.changed_on.isoformat(), change.past.reason.strip(), page
            )


def _entry_key(change: Change) -> tuple[str, str]:
    return change.section, change.past.model_dump_json()


# --- The summary line -------------------------------------------------------------------------


def _with_summary(found: Review) -> Review:
    return Review(**{name: getattr(found, name) for name in found.__dataclass_fields__ if name != "summary"}, summary=summary(found))


def summary(found: Review) -> str:
    """The review in one line: cells, items, new leaders and recommendations, most telling first."""
    parts = []
    if found.base_problem:
        parts.append("the base's data does not load, so only ids were compared")
    else:
        features = {cell.feature for cell in found.cells}
        parts.append(
            f"{counted(len(found.cells), 'cell')} changed in {words(len(features), 'feature')}" if found.cells else "no cell changed"
        )
    for action in ("renamed", "added", "removed", "alias removed"):
        kinds = [item.kind for item in found.items if item.action == action]
        if kinds:
            counts = ", ".join(words(kinds.count(kind), kind) for kind in KIND_WORDS if kind in kinds)
            parts.append(f"{counts} {action}" + (" with no alias" if action == "removed" else ""))
    if found.settings:
        parts.append(f"{counted(len(found.settings), 'scale or weight setting')} changed")
    # One phrase per new state of the lead: "A now leads X and Y".
    leads: dict[tuple[str, ...], list[str]] = {}
    for category in found.categories:
        if category.leaders_changed:
            leads.setdefault(category.now_leaders, []).append(category.category_name)
    parts += [_leader_phrase(leaders, names(categories)) for leaders, categories in leads.items()]
    if found.row_leaders:
        parts.append(f"a new best in {counted(len(found.row_leaders), 'row')}")
    if found.verdict_checks:
        parts.append(f"{words(len({check.point for check in found.verdict_checks}), 'verdict')} to re-read")
    if not found.base_problem:
        changed = [r for r in found.recommendations if r.changed]
        if not changed:
            parts.append("no recommendation changed")
        else:
            shown = "; ".join(f"{r.title if r.profile else 'the helper as it opens'}: {r.was} → {r.now}" for r in changed[:2])
            more = f" and {len(changed) - 2} more" if len(changed) > 2 else ""
            parts.append(f"{counted(len(changed), 'recommendation')} changed ({shown}{more})")
    return "; ".join(parts)


def _leader_phrase(leaders: tuple[str, ...], where: str) -> str:
    if len(leaders) == 1:
        return f"{leaders[0]} now leads {where}"
    if leaders:
        return f"{names(leaders)} now tie in {where}"
    return f"no one leads {where} now"
