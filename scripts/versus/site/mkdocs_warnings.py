"""Point MkDocs' warnings at the file an editor changes, with its line.

MkDocs only sees the staged copy of a page, so it says "Doc file 'verdict.md'
contains a link 'x.md', but the target is not found": the staged name,
without a line. Each staged page knows what it was made from (content/ page,
data files), so the warning is put at the first line of those files that
holds the link, as `content/verdict.md:12: mkdocs: ...`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from versus.paths import content_folders, template_folders

# The links MkDocs validates: missing targets and anchors, absolute and unrecognized links.
LINK_WARNING = re.compile(r"^Doc file '(?P<page>[^']+)' contains (?:a|an absolute|an unrecognized relative) link(?: to)? '(?P<link>[^']+)'")


def source_folders(root: Path, data_dir: Path | None = None) -> dict[str, Sequence[Path]]:
    """What the names in a staged page's sources stand for, in the project at root: the site's own
    folder first, then the package's default of the same name."""
    return {"content": content_folders(root), "templates": template_folders(root), "data": [data_dir or root / "data"]}


def source_of(
    message: str,
    page_sources: Mapping[str, Sequence[str]],
    folders: Mapping[str, Sequence[Path]],
    written_links: Mapping[str, Mapping[str, str]] | None = None,
) -> str | None:
    """`file:line` of the link a warning is about, `file` when no line holds it, None for other warnings.

    page_sources maps a staged page (`verdict/index.md`) to what it was made from
    (`content/verdict.md`, `data/`); folders maps the names used there
    (`content`, `data`, `templates`) to the folders they stand for;
    written_links maps a staged page's rewritten links to the links as written.
    """
    match = LINK_WARNING.match(message)
    if not match:
        return None
    return link_source(match["page"], match["link"], page_sources, folders, written_links)


def link_source(
    page: str,
    link: str,
    page_sources: Mapping[str, Sequence[str]],
    folders: Mapping[str, Sequence[Path]],
    written_links: Mapping[str, Mapping[str, str]] | None = None,
) -> str | None:
    """`file:line` where the staged page's link was written, `file` when no line holds it, None for a page of unknown origin."""
    sources = page_sources.get(page)
    if not sources:
        return None
    link = as_written(page, link, written_links)
    for path, shown in _files(sources, folders):
        line = _line_holding(path, link)
        if line:
            return f"{shown}:{line}"
    return sources[0]


def as_written(page: str, link: str, written_links: Mapping[str, Mapping[str, str]] | None) -> str:
    """The link as its source file has it: staging rewrites Markdown links to the moved files."""
    return (written_links or {}).get(page, {}).get(link, link)


def reworded(message: str, written_links: Mapping[str, Mapping[str, str]] | None) -> str:
    """A link warning with the link as written, so the message matches the line it points at."""
    match = LINK_WARNING.match(message)
    if not match:
        return message
    written = as_written(match["page"], match["link"], written_links)
    return message.replace(f"'{match['link']}'", f"'{written}'", 1) if written != match["link"] else message


def _files(sources: Sequence[str], folders: Mapping[str, Sequence[Path]]) -> list[tuple[Path, str]]:
    """Each source as (file on disk, path shown to the editor); a folder stands for its YAML files.

    A file the site does not have comes from the package, and is shown by its full path."""
    files = []
    for source in sources:
        name, _, rest = source.partition("/")
        for rank, folder in enumerate(folders.get(name, ())):
            target = folder / rest if rest else folder
            if target.is_dir():
                files += [(path, f"{source.rstrip('/')}/{path.name}") for path in sorted(target.glob("*.yml"))]
                break
            if target.is_file():
                files.append((target, source if rank == 0 else str(target)))
                break
    return files


def _line_holding(path: Path, text: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if text in line:
            return number
    return None
