"""Load one YAML data file into plain values plus the position of every node.

Safe and strict by construction: libyaml composes the node tree (no Python
objects are ever built from tags), every scalar stays a string (so `no`
is not False and `2.10` is not 2.1), duplicate keys and aliases are
problems, and every problem carries the file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.problems import Problem

try:  # libyaml is much faster; fall back to pure Python where it is not built.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was installed
    from yaml import SafeLoader  # type: ignore[assignment]

NULL_TAG = "tag:yaml.org,2002:null"
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
    text = _read_text(path, loaded)
    if text is None:
        return loaded
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        loaded.problems.append(Problem(display_path, 1, 1, "the file is empty", "restore its content, e.g. with `git checkout -- " + display_path + "`"))
        return loaded
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        loaded.problems.append(_syntax_problem(display_path, text, error))
        return loaded
    except yaml.YAMLError as error:  # ReaderError: characters YAML forbids
        loaded.problems.append(_reader_problem(display_path, text, error))
        return loaded
    walker = _Walker(loaded)
    loaded.value = walker.value(root, ())
    if walker.aliased:
        loaded.problems.extend(_alias_problems(display_path, text))
    return loaded


def _read_text(path: Path, loaded: LoadedFile) -> str | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        loaded.problems.append(Problem(loaded.path, 1, 1, "the file is missing", "every site needs it; restore it with `git checkout -- " + loaded.path + "`"))
        return None
    except OSError as error:
        loaded.problems.append(Problem(loaded.path, 1, 1, f"the file cannot be read: {error.strerror}", "check that it is a readable file"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        loaded.problems.append(
            Problem(loaded.path, line, column, f"byte 0x{raw[error.start]:02x} is not valid UTF-8", "save the file as UTF-8")
        )
        return None


def _syntax_problem(path: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or "invalid YAML").replace("found character that cannot start any token", "found a character that cannot start a value")
    message = f"YAML syntax error: {problem}"
    if error.context:
        message += f" ({error.context})"
    hint = "check indentation, quotes and colons on this line and the one before"
    lines = text.splitlines()
    line_text = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in line_text or "\t" in (error.problem or ""):
        hint = "YAML indentation must use spaces, not tabs"
    elif "end of stream" in (error.problem or ""):
        hint = "the file ends too early: a quote, bracket or block is not closed"
    elif error.context and "document" in error.context:
        hint = "a data file holds one YAML document; remove the extra `---`"
    return Problem(path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, message, hint)


def _reader_problem(path: str, text: str, error: yaml.YAMLError) -> Problem:
    position = getattr(error, "position", 0) or 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    reason = getattr(error, "reason", "unreadable character")
    return Problem(path, line, column, f"YAML cannot hold this character: {reason}", "remove the control character")


def _alias_problems(path: str, text: str) -> list[Problem]:
    """Where each anchor is first used as an alias, found by a second, event-level pass (only on error)."""
    problems = []
    reported: set[str] = set()
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent) and event.anchor not in reported:
            reported.add(event.anchor)
            mark = event.start_mark
            problems.append(
                Problem(path, mark.line + 1, mark.column + 1, f"alias *{event.anchor} is not supported", "write the value out in full instead of using &anchors and *aliases")
            )
    return problems


class _Walker:
    """Turns nodes into dicts, lists and strings, recording positions and problems."""

    def __init__(self, loaded: LoadedFile):
        self.loaded = loaded
        self.seen: set[int] = set()
        self.aliased = False

    def value(self, node: yaml.Node, location: Location) -> object:
        mark = node.start_mark
        self.loaded.positions[location] = (mark.line + 1, mark.column + 1)
        if id(node) in self.seen:
            # An alias: the same node reached twice. Never expand it, so an
            # "alias bomb" costs nothing; the exact places are reported later.
            self.aliased = True
            return None
        self.seen.add(id(node))
        if node.tag not in KNOWN_TAGS:
            self.loaded.problems.append(
                self.loaded.problem(location, f"the tag {node.tag} is not supported", "remove the `!` tag; data files hold plain values")
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, location)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, location + (index,)) for index, item in enumerate(node.value)]
        if node.tag == NULL_TAG:
            return None
        return node.value

    def mapping(self, node: yaml.MappingNode, location: Location) -> dict[str, object]:
        result: dict[str, object] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            position = (mark.line + 1, mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.loaded.problems.append(
                    Problem(self.loaded.path, *position, "this key is not a plain name", "keys are plain words such as `label:`; merge keys (`<<`) are not supported")
                )
                continue
            key = key_node.value
            if key in first_seen:
                self.loaded.problems.append(
                    Problem(self.loaded.path, *position, f"duplicate key `{key}`", f"it is already set on line {first_seen[key]}; keep one of them")
                )
                continue
            first_seen[key] = position[0]
            self.loaded.key_positions[location + (key,)] = position
            result[key] = self.value(value_node, location + (key,))
        return result
