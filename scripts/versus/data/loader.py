"""Load one YAML data file into plain values plus the position of every node.

Safe and strict by construction: values are built from libyaml's parse events
(no Python objects are ever built from tags), every scalar stays a string (so `no`
is not False and `2.10` is not 2.1), duplicate keys, aliases and nesting deeper
than any data file needs are problems, and every problem carries the file, line
and column. The file's text is read by `file_text.py`, and a syntax error is
said where an editor finds it by `yaml_errors.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError

from versus.data.fields import excerpt
from versus.data.file_text import read_text
from versus.data.limits import MAX_DEPTH, MAX_ENTRIES
from versus.data.problems import Problem
from versus.data.yaml_errors import reader_problem, syntax_problem

try:  # libyaml is much faster; fall back to pure Python where it is not built.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was installed
    from yaml import SafeLoader  # type: ignore[assignment]

NULL_TAG = "tag:yaml.org,2002:null"
MERGE_TAG = "tag:yaml.org,2002:merge"
# The plain scalars YAML reads as null (its core schema); any other plain scalar stays text.
NULL_VALUES = frozenset({"", "~", "null", "Null", "NULL"})
# Tags a plain YAML file produces on its own; anything else (!!python/..., !foo) is refused.
KNOWN_TAGS = {
    NULL_TAG,
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

Location = tuple[str | int, ...]

# libyaml's parse events carry their fields (value, implicit, anchor, marks) by kind,
# which PyYAML's stubs do not model; they are read as the kind was just checked.
Event = Any


@dataclass
class LoadedFile:
    """A data file's values and where each came from (1-based line and column)."""

    path: str
    value: object = None
    positions: dict[Location, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Location, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def position(self, location: Location, *, of_key: bool = False) -> tuple[int, int]:
        """The position of the deepest known node along `location`."""
        if of_key and location in self.key_positions:
            return self.key_positions[location]
        for end in range(len(location), -1, -1):
            if location[:end] in self.positions:
                return self.positions[location[:end]]
        return (1, 1)

    def problem(self, location: Location, message: str, hint: str = "", *, of_key: bool = False) -> Problem:
        line, column = self.position(location, of_key=of_key)
        return Problem(self.path, line, column, message, hint)


def load_file(path: Path, display_path: str) -> LoadedFile:
    """Read and compose one file; problems are recorded, never raised."""
    loaded = LoadedFile(display_path)
    text = read_text(path, display_path)
    if isinstance(text, Problem):
        loaded.problems.append(text)
        return loaded
    loader = SafeLoader(text)
    try:
        loaded.value = _Composer(loaded, loader.get_event).document()
    except yaml.MarkedYAMLError as error:
        loaded.problems.append(syntax_problem(display_path, text, error))
    except yaml.YAMLError as error:  # ReaderError: characters YAML forbids
        loaded.problems.append(reader_problem(display_path, text, error))
    finally:
        loader.dispose()
    return loaded


class _Composer:
    """Builds dicts, lists and strings straight from the parser's events, recording positions and problems.

    Working from events rather than a composed node tree halves the time of
    a large file, and an alias is a single event: it is reported where it is
    used and never expanded, so an "alias bomb" costs nothing.
    """

    def __init__(self, loaded: LoadedFile, next_event: Callable[[], Event]):
        self.loaded = loaded
        self.next_event = next_event
        self.positions = loaded.positions
        self.reported_aliases: set[str] = set()

    def document(self) -> object:
        """The value of the file's single document."""
        self.next_event()  # the stream's start
        first: Event = self.next_event()
        if isinstance(first, yaml.StreamEndEvent):  # e.g. a lone `...`
            return None
        value = self.value(self.next_event(), ())
        self.next_event()  # the document's end
        following: Event = self.next_event()
        first_mark, following_mark = first.start_mark, following.start_mark
        if isinstance(following, yaml.DocumentStartEvent):
            raise ComposerError("expected a single document in the stream", first_mark, "but found another document", following_mark)
        return value

    def value(self, event: Event, location: Location) -> object:
        mark = event.start_mark
        self.positions[location] = (mark.line + 1, mark.column + 1)
        kind = event.__class__
        if kind is yaml.ScalarEvent and event.tag is None:
            # Most of a file: a scalar without a tag, read at once.
            return None if event.implicit[0] and event.value in NULL_VALUES else event.value
        tag = getattr(event, "tag", None)
        if kind is yaml.AliasEvent:
            self.alias_problem(event)
            return None
        if tag is not None and tag != "!" and tag not in KNOWN_TAGS:
            self.loaded.problems.append(
                self.loaded.problem(
                    location, f"the tag {excerpt(tag)} is not supported", "remove the `!` tag; data files hold plain values"
                )
            )
            self.skip(event)
            return None
        if len(location) >= MAX_DEPTH and kind is not yaml.ScalarEvent:
            self.loaded.problems.append(
                self.loaded.problem(
                    location,
                    f"lists and mappings are nested more than {MAX_DEPTH} levels deep here",
                    "no data file nests this deep; check the brackets and the indentation",
                )
            )
            self.skip(event)
            return None
        if kind is yaml.ScalarEvent:
            if tag == NULL_TAG or (tag is None and event.implicit[0] and event.value in NULL_VALUES):
                return None
            return event.value
        if kind is yaml.MappingStartEvent:
            return self.mapping(location)
        return self.sequence(location)

    def sequence(self, location: Location) -> list[object]:
        result: list[object] = []
        next_event = self.next_event
        while (event := next_event()).__class__ is not yaml.SequenceEndEvent:
            if len(result) == MAX_ENTRIES:
                self.too_many(event)
                self.skip_to_end(event)
                break
            result.append(self.value(event, location + (len(result),)))
        return result

    def mapping(self, location: Location) -> dict[str, object]:
        result: dict[str, object] = {}
        first_seen: dict[str, int] = {}
        next_event, positions, key_positions = self.next_event, self.positions, self.loaded.key_positions
        while (key_event := next_event()).__class__ is not yaml.MappingEndEvent:
            if len(first_seen) == MAX_ENTRIES:
                self.too_many(key_event)
                self.skip_to_end(key_event)
                break
            mark = key_event.start_mark
            position = (mark.line + 1, mark.column + 1)
            if key_event.__class__ is not yaml.ScalarEvent or (
                (key_event.tag is not None or key_event.value == "<<") and _is_merge_key(key_event)
            ):
                if key_event.__class__ is yaml.AliasEvent:
                    self.alias_problem(key_event)
                else:
                    self.problem_at(
                        key_event,
                        "this key is not a plain name",
                        "keys are plain words such as `label:`; merge keys (`<<`) are not supported",
                    )
                    self.skip(key_event)
                self.skip(next_event())
                continue
            if key_event.tag is not None and key_event.tag not in ("!", "tag:yaml.org,2002:str"):
                self.problem_at(
                    key_event,
                    f"this key carries the tag {excerpt(key_event.tag)}",
                    "keys are plain words such as `label:`; remove the `!` tag",
                )
                self.skip(next_event())
                continue
            key = key_event.value
            if key in first_seen:
                self.loaded.problems.append(
                    Problem(
                        self.loaded.path,
                        *position,
                        f"duplicate key `{excerpt(key)}`",
                        f"it is already set on line {first_seen[key]}; keep one of them",
                    )
                )
                self.skip(next_event())
                continue
            first_seen[key] = position[0]
            key_location = location + (key,)
            key_positions[key_location] = position
            value_event: Event = next_event()
            if value_event.__class__ is yaml.ScalarEvent and value_event.tag is None:
                # value()'s first case, written out: a mapping's values are most of a file's events.
                value_mark: Any = value_event.start_mark
                positions[key_location] = (value_mark.line + 1, value_mark.column + 1)
                result[key] = None if value_event.implicit[0] and value_event.value in NULL_VALUES else value_event.value
            else:
                result[key] = self.value(value_event, key_location)
        return result

    def alias_problem(self, event: Event) -> None:
        """Report an alias where it is first used; later uses of the same anchor add nothing."""
        if event.anchor in self.reported_aliases:
            return
        self.reported_aliases.add(event.anchor)
        self.problem_at(
            event, f"alias *{excerpt(event.anchor)} is not supported", "write the value out in full instead of using &anchors and *aliases"
        )

    def problem_at(self, event: Event, message: str, hint: str) -> None:
        """Record a problem where `event` starts in the file."""
        mark = event.start_mark
        self.loaded.problems.append(Problem(self.loaded.path, mark.line + 1, mark.column + 1, message, hint))

    def too_many(self, event: Event) -> None:
        """Report where a list or mapping passes MAX_ENTRIES, once: the rest of it is not read."""
        self.problem_at(
            event,
            f"more than {MAX_ENTRIES:,} entries in one list or mapping; the rest is not read",
            "split the comparison, or check how this part of the file was written",
        )

    def skip_to_end(self, event: Event) -> None:
        """Consume `event`'s node and every later one of the open list or mapping, up to its end."""
        self.skip(event, depth=1)

    def skip(self, event: Event, depth: int = 0) -> None:
        """Consume the rest of the node that `event` starts, if it is a mapping or a sequence, and `depth`
        enclosing lists or mappings more."""
        depth += 1 if isinstance(event, yaml.CollectionStartEvent) else 0
        while depth:
            event = self.next_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1


def _is_merge_key(event: Event) -> bool:
    return event.tag == MERGE_TAG or (event.tag is None and event.implicit[0] and event.value == "<<")
