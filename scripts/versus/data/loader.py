"""Load one YAML data file into plain values plus the position of every node.

Safe and strict by construction: values are built from libyaml's parse events
(no Python objects are ever built from tags), every scalar stays a string (so `no`
is not False and `2.10` is not 2.1), duplicate keys, aliases and nesting deeper
than any data file needs are problems, and every problem carries the file, line
and column.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError

from versus.data.fields import excerpt
from versus.data.limits import MAX_DEPTH, MAX_ENTRIES, MAX_FILE_BYTES
from versus.data.problems import Problem

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

# Line breaks YAML 1.1 counts and editors do not (libyaml ends a line at each): anywhere in a file,
# even in a comment, they would shift every position after them, so they are refused where they stand.
_HIDDEN_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")

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
    text = _read_text(path, loaded)
    if text is None:
        return loaded
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        loaded.problems.append(Problem(display_path, 1, 1, "the file is empty", _restore_hint(path, display_path)))
        return loaded
    loader = SafeLoader(text)
    try:
        loaded.value = _Composer(loaded, loader.get_event).document()
    except yaml.MarkedYAMLError as error:
        loaded.problems.append(_syntax_problem(display_path, text, error))
    except yaml.YAMLError as error:  # ReaderError: characters YAML forbids
        loaded.problems.append(_reader_problem(display_path, text, error))
    finally:
        loader.dispose()
    return loaded


def _read_text(path: Path, loaded: LoadedFile) -> str | None:
    """The file's text with every line ending written `\n`, or None with the problem recorded.

    Only a regular file of at most MAX_FILE_BYTES is read: a FIFO would block, a link to a
    device such as /dev/zero would read without end."""
    try:
        found = path.stat()  # follows a symbolic link: what counts is what would be read
    except FileNotFoundError:
        loaded.problems.append(
            Problem(loaded.path, 1, 1, "the file is missing", "every site needs it; restore it with `git checkout -- " + loaded.path + "`")
        )
        return None
    except OSError as error:
        loaded.problems.append(Problem(loaded.path, 1, 1, f"the file cannot be read: {error.strerror}", "check that it is a readable file"))
        return None
    if not stat.S_ISREG(found.st_mode):
        loaded.problems.append(
            Problem(loaded.path, 1, 1, "this is not a regular file", "a data file is a plain YAML file; replace it with one")
        )
        return None
    if found.st_size > MAX_FILE_BYTES:
        loaded.problems.append(
            Problem(
                loaded.path,
                1,
                1,
                f"the file has {found.st_size:,} bytes; at most {MAX_FILE_BYTES:,} are read",
                "split the comparison, or check that this is the data file meant",
            )
        )
        return None
    try:
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # the file may have grown since it was measured
    except OSError as error:
        loaded.problems.append(Problem(loaded.path, 1, 1, f"the file cannot be read: {error.strerror}", "check that it is a readable file"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        loaded.problems.append(Problem(loaded.path, 1, 1, f"the file has more than {MAX_FILE_BYTES:,} bytes", "split the comparison"))
        return None
    # Editors end a line at CR LF, LF or a lone CR (old Mac files): so do the positions of every problem.
    raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        loaded.problems.append(
            Problem(loaded.path, line, column, f"byte 0x{raw[error.start]:02x} is not valid UTF-8", "save the file as UTF-8")
        )
        return None
    hidden = _HIDDEN_LINE_BREAKS.search(text)
    if hidden:
        line = text.count("\n", 0, hidden.start()) + 1
        column = hidden.start() - (text.rfind("\n", 0, hidden.start()) + 1) + 1
        name = f"U+{ord(hidden.group()):04X} {unicodedata.name(hidden.group(), '')}".strip()
        loaded.problems.append(
            Problem(
                loaded.path,
                line,
                column,
                f"{name} is an invisible line break",
                "remove it, or use an ordinary line break; YAML would count a line here that editors do not",
            )
        )
        return None
    return text


# Constructs whose opening an editor must find: the parser reports where it gave up, often far below.
OPENINGS = {
    "while scanning a quoted scalar": ("this quote is never closed", "close the quote where the text ends"),
    "while parsing a flow sequence": ("this `[` is never closed", "close the list with `]`, or write it as lines starting with `- `"),
    "while parsing a flow mapping": ("this `{` is never closed", "close the mapping with `}`"),
}


def _syntax_problem(path: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    opening = OPENINGS.get(error.context or "")
    if opening and error.context_mark is not None:
        found = error.problem_mark
        where = f" (the parser stopped at line {found.line + 1}: {error.problem})" if found else ""
        return Problem(
            path, error.context_mark.line + 1, error.context_mark.column + 1, f"YAML syntax error: {opening[0]}{where}", opening[1]
        )
    # An open quote closed by accident further down shows as a structure error there.
    runaway = _runaway_quote(text, error.problem_mark) if "expected" in (error.problem or "") else None
    if runaway is not None:
        start, end = runaway
        return Problem(
            path,
            start.line + 1,
            start.column + 1,
            f"YAML syntax error: this quoted text runs on to line {end.line + 1}, where the file stops making sense ({error.problem})",
            "close the quote on this line; a quote inside the text is written twice ('') or the value left unquoted",
        )
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or "invalid YAML").replace(
        "found character that cannot start any token", "found a character that cannot start a value"
    )
    message = f"YAML syntax error: {problem}"
    if error.context:
        message += f" ({error.context})"
    hint = "check indentation, quotes and colons on this line and the one before"
    lines = text.splitlines()
    dedented = _dedented_line(lines, mark.line) if mark and "mapping values are not allowed" in problem else None
    if mark and dedented is not None:
        return Problem(
            path,
            dedented + 1,
            _key_column(lines[dedented]) + 1,
            f"YAML syntax error: this line is indented less than the line above it (the parser stopped at line {mark.line + 1})",
            "indent it like the keys beside it; each key of an item starts in the same column",
        )
    line_text = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in line_text or "\t" in (error.problem or ""):
        hint = "YAML indentation must use spaces, not tabs"
    elif "nesting depth" in (error.problem or ""):
        hint = "no data file nests this deep; check the brackets and the indentation"
    elif "end of stream" in (error.problem or ""):
        hint = "the file ends too early: a quote, bracket or block is not closed"
    elif error.context and "document" in error.context:
        hint = "a data file holds one YAML document; remove the extra `---`"
    return Problem(path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, message, hint)


def _restore_hint(path: Path, display_path: str) -> str:
    """How to get an emptied file back: from git where the folder is a repository, else as its editor can."""
    folder = path.absolute().parent
    if any((parent / ".git").exists() for parent in (folder, *folder.parents)):
        return f"restore its content, e.g. with `git checkout -- {display_path}`"
    return "write its content again, or restore it from a backup; `versus new` writes an example of every data file to start from"


def _key_column(line: str) -> int:
    """Where a line's key starts: its indentation, with any list dashes (`  - id:` → 4)."""
    stripped = line.lstrip(" ")
    column = len(line) - len(stripped)
    while stripped.startswith("- "):
        rest = stripped[2:].lstrip(" ")
        column += len(stripped) - len(rest)
        stripped = rest
    return column


def _dedented_line(lines: list[str], line: int) -> int | None:
    """The line above `line` when it, not `line`, is the mis-indented one, else None.

    A key moved left of its neighbours can still be valid YAML for a moment: a key of an
    outer mapping whose plain value the parser then continues onto the next line, where it
    gives up. That next line is where it stops, not where the mistake is."""
    content = [n for n in range(line) if lines[n].strip() and not lines[n].lstrip().startswith("#")]
    if len(content) < 2 or line >= len(lines):
        return None
    before, previous = content[-2], content[-1]
    here, above, sibling = _key_column(lines[line]), _key_column(lines[previous]), _key_column(lines[before])
    return previous if above < sibling and here > above else None


def _runaway_quote(text: str, mark: object) -> tuple[yaml.Mark, yaml.Mark] | None:
    """The last quoted text spanning several lines before an error: most likely a quote left open
    and closed by accident by the next quote further down, where the error appears."""
    line = getattr(mark, "line", None)
    if line is None:
        return None
    found = None
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        for token in yaml.scan("\n".join(text.splitlines()[: line + 1]), Loader=loader):
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') and token.end_mark.line > token.start_mark.line:
                found = (token.start_mark, token.end_mark)
    except yaml.YAMLError:
        pass  # the same error, met again: the tokens before it are what counts
    return found


def _reader_problem(path: str, text: str, error: yaml.YAMLError) -> Problem:
    position = getattr(error, "position", 0) or 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    reason = getattr(error, "reason", "unreadable character")
    return Problem(path, line, column, f"YAML cannot hold this character: {reason}", "remove the control character")


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
        kind = type(event)
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
        next_event = self.next_event
        while (key_event := next_event()).__class__ is not yaml.MappingEndEvent:
            if len(first_seen) == MAX_ENTRIES:
                self.too_many(key_event)
                self.skip_to_end(key_event)
                break
            mark = key_event.start_mark
            position = (mark.line + 1, mark.column + 1)
            if key_event.__class__ is not yaml.ScalarEvent or _is_merge_key(key_event):
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
            self.loaded.key_positions[location + (key,)] = position
            result[key] = self.value(next_event(), location + (key,))
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
