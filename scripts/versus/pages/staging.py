"""Stage every page at the folder of its URL and point its Markdown links at the moved files.

`features/x.md` is staged as `features/x/index.md`, which every engine
publishes at the same URL, `features/x/`. MkDocs reads a relative href in a
page's raw HTML against the page's URL, Zensical against the Markdown file;
with the file at its URL's folder the two readings agree, so the same
staged Markdown builds the same site under either.

Markdown links (`[text](comparison.md)`) name files, not URLs, so they are
rewritten to name the moved files (`../comparison/index.md`); each page keeps
what every rewritten link was as written, so a warning about one is shown
as the editor wrote it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping

from versus.pages.urls import staged_file

# An inline link or image, `[text](target "title")`, and a reference definition, `[id]: target`.
# The inline pattern starts at `](`, a literal the regex engine finds fast in a page of megabytes.
INLINE_LINK = re.compile(r"(?P<head>\]\(\s*<?)(?P<target>[^)\s>]+)")
REFERENCE = re.compile(r"^(?P<head> {0,3}\[[^\]\n]+\]:[ \t]*<?)(?P<target>\S+?)(?=>?(?:\s|$))", re.MULTILINE)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)


def moved_links(text: str, old_path: str, moves: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """text with each relative link rewritten for the page's move from old_path to moves[old_path].

    moves maps each staged file's former path to its staged one. Returns the
    text and the rewritten links, {as staged: as written}. Code blocks are
    left alone.
    """
    new_path = moves.get(old_path, old_path)
    written: dict[str, str] = {}

    def rewrite(match: re.Match[str]) -> str:
        target = match["target"]
        moved = _moved_target(target, old_path, new_path, moves)
        if moved == target:
            return match[0]
        written[moved] = target
        return match["head"] + moved

    if "](" not in text and "]:" not in text:
        return text, written
    fenced = _fenced_spans(text)

    def outside_code(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in fenced):
            return match[0]
        return rewrite(match)

    text = INLINE_LINK.sub(outside_code, text) if "](" in text else text
    return (REFERENCE.sub(outside_code, text) if "]:" in text else text), written


def _fenced_spans(text: str) -> list[tuple[int, int]]:
    """Where the fenced code blocks of text start and end, as offsets."""
    if "```" not in text and "~~~" not in text:
        return []
    spans = []
    opened: tuple[int, str] | None = None
    for fence in FENCE.finditer(text):
        if opened is None:
            opened = (fence.start(), fence[1])
        elif fence[1] == opened[1]:
            spans.append((opened[0], fence.end()))
            opened = None
    if opened is not None:
        spans.append((opened[0], len(text)))
    return spans


def _moved_target(target: str, old_path: str, new_path: str, moves: Mapping[str, str]) -> str:
    """The link that names, from new_path, what target named from old_path."""
    if not target or target.startswith(("#", "/")) or SCHEME.match(target):
        return target
    path, hash_, fragment = target.partition("#")
    path, query_mark, query = path.partition("?")
    if not path:
        return target
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(old_path), path))
    if resolved.startswith(".."):
        return target  # outside the site: the engine reports it as written
    destination = moves.get(resolved, resolved)
    if old_path == new_path and destination == resolved:
        return target
    relative = posixpath.relpath(destination, posixpath.dirname(new_path) or ".")
    if path.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative + query_mark + query + hash_ + fragment


def staging_moves(paths: list[str]) -> dict[str, str]:
    """Each path of the site's files and where it is staged."""
    return {path: staged_file(path) for path in paths}
