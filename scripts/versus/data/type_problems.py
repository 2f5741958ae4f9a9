"""A data file's type errors as problems at their place: pydantic's errors, each worded by its error type.

Pydantic names each error by a type (`missing`, `extra_forbidden`,
`literal_error`...); `WORDING` holds one entry per type, which says the
problem and its hint in the editor's words. A rule of the data's own
(versus/data/fields.py) words its problem itself and carries its hint, so it
needs no entry. A criterion is validated as the model of its kind, and
pydantic puts the kind in the error's location; the problem is shown where
the data has it, without the kind.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Tag, ValidationError

from versus.data.cells import Cell, Feature
from versus.data.fields import SLUG_PATTERN, excerpt
from versus.data.history import PastValue
from versus.data.kinds import KINDS, Kind
from versus.data.limits import MAX_ID_LENGTH
from versus.data.loader import LoadedFile, Location
from versus.data.problems import Problem


@dataclass(frozen=True)
class Mistake:
    """One of pydantic's errors, read for its problem: where it is in the data, about which key, with which value."""

    loaded: LoadedFile
    model_type: type[BaseModel]
    error_type: str  # pydantic's, e.g. "missing"
    message: str  # pydantic's own message
    location: Location  # where the data has it
    tagged: Location  # where pydantic has it: a criterion's kind after its position
    value: object
    context: dict[str, Any]

    @property
    def field(self) -> str | int:
        return self.location[-1] if self.location else ""

    @property
    def name(self) -> str | int:
        """The key the problem is about: a list's item is named by its list, a mapping's key (checked at `(…, key, "[key]")`) by its mapping."""
        named = self.location[:-2] if self.field == "[key]" else self.location
        return next((part for part in reversed(named) if isinstance(part, str)), self.field)

    def problem(self, message: str, hint: str = "", *, location: Location | None = None, of_key: bool = False) -> Problem:
        return self.loaded.problem(self.location if location is None else location, message, hint, of_key=of_key)

    def at_key(self, message: str, hint: str = "") -> Problem:
        """A problem with a mapping's key is shown at the key rather than at its value."""
        if self.field == "[key]":
            return self.problem(message, hint, location=self.location[:-1], of_key=True)
        return self.problem(message, hint)

    @property
    def of_another_kind(self) -> bool:
        """True for a key that another kind of value takes: no mistake in itself, and nothing else depends on it."""
        return self.error_type == "extra_forbidden" and _another_kinds_key(self.parent(), str(self.field)) is not None

    def parent(self) -> type[BaseModel] | None:
        """The model of the mapping that holds the key the problem is about."""
        return model_at(self.model_type, self.tagged[:-1])


def mistakes(error: ValidationError, loaded: LoadedFile, model_type: type[BaseModel]) -> list[Mistake]:
    """Every error of a validation, located as the data has it."""
    found = []
    for detail in error.errors(include_url=False):
        tagged = tuple(detail["loc"])
        found.append(
            Mistake(
                loaded,
                model_type,
                detail["type"],
                detail["msg"],
                untagged(model_type, tagged),
                tagged,
                detail.get("input"),
                detail.get("ctx") or {},
            )
        )
    return found


def type_problems(errors: list[Mistake]) -> list[Problem]:
    """Each error as a problem in the editor's words, with a hint."""
    return [WORDING.get(error.error_type, _own_words if "hint" in error.context else _pydantic_words)(error) for error in errors]


# --- The wording of each error type ---------------------------------------------


def _own_words(error: Mistake) -> Problem:
    # The field kinds' own rules (versus/data/fields.py) word their problems and hints:
    # a link or a date names itself.
    return error.problem(error.message, error.context["hint"])


def _named_own_words(error: Mistake) -> Problem:
    # A problem about characters or a flag names the field.
    return error.problem(f"`{error.name}`: {error.message}", error.context["hint"])


def _pydantic_words(error: Mistake) -> Problem:
    message = error.message.removeprefix("Value error, ")
    return error.problem(f"`{error.field}`: {message}" if error.field != "" else message)


def _unknown_key(error: Mistake) -> Problem:
    parent = error.parent()
    another_kinds = _another_kinds_key(parent, str(error.field))
    if another_kinds:
        return error.problem(*another_kinds, of_key=True)
    allowed: list[str] = list(parent.model_fields) if parent else []
    close = difflib.get_close_matches(str(error.field), allowed, n=1)
    hint = f"did you mean `{close[0]}`?" if close else f"allowed keys: {', '.join(allowed)}"
    return error.problem(f"unknown key `{excerpt(error.field)}`", hint, of_key=True)


def _missing(error: Mistake) -> Problem:
    parent = error.parent()
    field = error.field
    description = parent.model_fields[field].description if parent and isinstance(field, str) and field in parent.model_fields else None
    hint = f"add `{field}:` here" + (f"; {description[0].lower()}{description[1:]}" if description else "")
    return error.problem(f"missing required key `{field}`", hint, location=error.location[:-1])


def _pattern(error: Mistake) -> Problem:
    if error.context.get("pattern") == SLUG_PATTERN:
        return error.at_key(
            f"`{excerpt(error.value)}` is not a valid id", "use lower-case letters and digits joined by hyphens, e.g. `mobile-deployment`"
        )
    return error.problem(f"`{excerpt(error.value)}` is not an https URL", "write a full address starting with https://")


def _text_too_long(error: Mistake) -> Problem:
    most = error.context.get("max_length")
    hint = "ids become file names and addresses; shorten it" if most == MAX_ID_LENGTH else "shorten it"
    what = f"the key `{excerpt(error.value, 24)}` under `{error.name}`" if error.field == "[key]" else f"`{error.name}`"
    return error.at_key(f"{what} has {len(str(error.value))} characters; at most {most} are allowed", hint)


def _not_one_of(error: Mistake) -> Problem:
    expected = error.context.get("expected", "")
    return error.problem(f"`{error.field}` cannot be {_shown(error.value)}", f"use one of: {expected.replace(' or ', ', ')}")


def _no_such_kind(error: Mistake) -> Problem:
    # The kind chooses the criterion's model: a kind that is none is said as a wrong `kind:`.
    written = error.value.get("kind") if isinstance(error.value, dict) else error.value
    return error.problem(
        f"`kind` cannot be {_shown(written)}",
        f"use one of: {', '.join(repr(name) for name in KINDS)}",
        location=(*error.location, "kind"),
    )


def _not_a_date(error: Mistake) -> Problem:
    return error.problem(f"`{excerpt(error.value)}` is not a date", "write dates as YYYY-MM-DD, e.g. 2026-11-26")


def _not_whole(error: Mistake) -> Problem:
    return error.problem(f"`{error.name}` should be a whole number, not `{excerpt(error.value)}`", "write digits only, e.g. 2")


def _too_few(error: Mistake) -> Problem:
    return error.problem(f"`{error.field}` needs at least one entry", "add an item starting with `- `")


def _too_many(error: Mistake) -> Problem:
    most = error.context.get("max_length")
    hint = "split the comparison, or mark some subjects `draft: true`" if error.field == "subjects" else "keep the ones readers need"
    return error.problem(f"`{error.field}` has {len(typing.cast(list, error.value))} entries; at most {most} are allowed", hint)


def _empty_text(error: Mistake) -> Problem:
    return error.problem(f"`{error.field}` is empty", "write a value or remove the key if it is optional")


SHAPES = {"string_type": "a text value", "list_type": "a list (items starting with `- `)", "dict_type": "a mapping of keys to values"}


def _wrong_shape(error: Mistake) -> Problem:
    expected = SHAPES.get(error.error_type, "a mapping of keys to values")
    value = error.value
    shown = "nothing" if value is None else "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else None
    return error.problem(
        f"`{error.field}` should be {expected}, not {shown or f'`{excerpt(value)}`'}",
        "check the indentation of this key and the lines under it",
    )


def _shown(value: object) -> str:
    return "nothing (null)" if value is None else f"`{excerpt(value)}`"


# Pydantic's error type → the problem it is shown as. An error type without an entry is
# worded by its own rule when it carries a hint (the fields' rules), else by pydantic.
WORDING: dict[str, Callable[[Mistake], Problem]] = {
    "forbidden_character": _named_own_words,
    "flag": _named_own_words,
    "extra_forbidden": _unknown_key,
    "missing": _missing,
    "string_pattern_mismatch": _pattern,
    "string_too_long": _text_too_long,
    "literal_error": _not_one_of,
    "union_tag_invalid": _no_such_kind,
    "union_tag_not_found": _no_such_kind,
    **dict.fromkeys(("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"), _not_a_date),
    **dict.fromkeys(("int_parsing", "int_type", "int_from_float"), _not_whole),
    "too_short": _too_few,
    "too_long": _too_many,
    "string_too_short": _empty_text,
    **dict.fromkeys(("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"), _wrong_shape),
}


# --- Keys of another kind of value -------------------------------------------------


def _another_kinds_key(model: type[BaseModel] | None, key: str) -> tuple[str, str] | None:
    """A key that is no mistake in itself but belongs to another kind of value: the problem and hint that say so."""
    for kind in KINDS.values():
        for part, shared in (("criterion", Feature), ("cell", Cell), ("past", PastValue)):
            if model is getattr(kind, part):
                takers = [
                    other.name for other in KINDS.values() if key in set(getattr(other, part).model_fields) - set(shared.model_fields)
                ]
                return _said(kind, part, key, takers) if takers else None
    return None


def _said(kind: Kind, part: str, key: str, takers: list[str]) -> tuple[str, str]:
    if part == "criterion":
        named = " and ".join(f"`{name}`" for name in takers)
        return (
            f"`{key}` is only for {named} criteria",
            f"remove it, or set {' or '.join(f'`kind: {name}`' for name in takers)} on this criterion",
        )
    if part == "cell":
        needs = ", ".join(f"`{need}`" for need in kind.cell.needs)
        return f"`{key}` is not used by `{kind.name}` criteria", f"remove it; this criterion is `kind: {kind.name}` (needs {needs})"
    takes = ", ".join(f"`{taken}`" for taken in ("label", *kind.cell.value_keys))
    return f"`{key}` is not used by `{kind.name}` criteria", f"remove it; a past value of this criterion takes {takes}"


# --- Locations with and without kinds -------------------------------------------------


def untagged(model_type: type[BaseModel], tagged: Location) -> Location:
    """A location as the data has it: without the kinds pydantic puts after a criterion's position."""
    return _walk(model_type, tagged)[0]


def model_at(model_type: type[BaseModel], tagged: Location) -> type[BaseModel] | None:
    """The model class that describes the mapping at a location as pydantic gives it, for hints."""
    return _walk(model_type, tagged)[1]


def _walk(model_type: type[BaseModel], tagged: Location) -> tuple[Location, type[BaseModel] | None]:
    current: object = model_type
    clean: list[str | int] = []
    for part in tagged:
        members = _tagged_members(current)
        if isinstance(part, str) and part in members:
            current = members[part]  # a kind, not a key of the data
            continue
        clean.append(part)
        current = unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part) if isinstance(part, str) else None
            current = field.annotation if field else None
        else:
            args = typing.get_args(current)
            current = args[-1] if args else None
    current = unwrap(current)
    return tuple(clean), current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _tagged_members(annotation: object) -> dict[str, object]:
    """The members of a union chosen by a tag (a criterion of any kind): tag → model; empty for any other type."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return {}
    members = {}
    for member in typing.get_args(annotation):
        tags = [meta.tag for meta in getattr(member, "__metadata__", ()) if isinstance(meta, Tag)]
        if tags:
            members[tags[0]] = typing.get_args(member)[0]
    return members


def unwrap(annotation: object) -> object:
    """Strip Optional[...] and Annotated[...] so the real type shows; a union chosen by a tag stays whole."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType) and not _tagged_members(annotation):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0]
        else:
            return annotation
