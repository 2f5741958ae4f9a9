"""The addresses and anchors the site's pages hold, read from the pages themselves, for the data's check.

An item's id becomes a page (`features/<id>/`) or an anchor (`comparison/#<id>`).
A criterion called `index` would replace the page that lists them all, and a
subject called `references` would share its anchor with a criterion page's
own "References" section. Nothing here lists such names by hand: the folders
of the item pages and their anchors are declared in page_types.py, the other pages in those folders are
the site's content, and the anchors are those each page's source writes
(`{ #name }`, `id="name"`) or its headings get; so a new page or section
reserves its name by existing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from markdown.extensions.toc import slugify

from versus.data.reserved import ReservedIds
from versus.pages.page_types import PAGE_TYPES
from versus.pages.urls import page_url
from versus.paths import layered_files

# The site's own pages on which each kind's ids are anchors, by their source: the comparison table's rows and
# category rows, the sections of the lists. An item's page says the same of itself (page_types.py).
ANCHOR_PAGES: dict[str, tuple[str, ...]] = {
    "comparison.md": ("feature", "category"),
    "features.md": ("category",),
    "subjects.md": ("subject",),
    "choose.md": ("subject",),
    "verdict.md": ("verdict",),
    "pricing.md": ("cost",),
    "performance.md": ("performance",),
}
# A page's own anchors: an attribute list's `{ #name }`, an element's `id="name"`, written literally.
_WRITTEN_ANCHOR = re.compile(r"\{\s*#([A-Za-z0-9][A-Za-z0-9_-]*)[\s}.]|\bid=\"([A-Za-z0-9][A-Za-z0-9_-]*)\"")
# A heading without a written anchor gets one from its text (MkDocs' toc); one made by Jinja is not known here.
_HEADING = re.compile(r"^#{1,6}[ \t]+([^\n{]+?)[ \t]*#*[ \t]*$", re.MULTILINE)


def reserved_ids(template_folders: Sequence[Path], content_folders: Sequence[Path]) -> ReservedIds:
    """The ids no item may take, from the site's pages (its own over the package's)."""
    taken: dict[str, dict[str, str]] = {}
    content = layered_files(content_folders, pattern="*.md")
    for page_type in PAGE_TYPES:
        folder = page_type.folder
        names = taken.setdefault(page_type.kind, {})
        names["index"] = f"`{folder}/index` would replace the page `{folder}/`"
        for name in content:
            page = page_url(name)
            if page.startswith(f"{folder}/") and page.count("/") == 2:
                names[page.split("/")[1]] = f"the page `{page}` is the site's own (content/{name})"
    macros = "".join(path.read_text(encoding="utf-8") for path in layered_files(template_folders, "macros", "*.j2").values())
    templates = layered_files(template_folders, "pages")
    anchor_pages = [(source, page_url(source), kinds) for source, kinds in ANCHOR_PAGES.items()]
    anchor_pages += [(page_type.template, page_type.url("<id>"), page_type.anchors) for page_type in PAGE_TYPES]
    for source, address, kinds in anchor_pages:
        path = templates.get(source) or content.get(source)
        if path is None:
            continue
        for anchor in sorted(anchors(path.read_text(encoding="utf-8"), macros)):
            for kind in kinds:
                taken.setdefault(kind, {}).setdefault(anchor, f"the page `{address}` has its own anchor `#{anchor}`")
    sharing = tuple((address, kinds) for _, address, kinds in anchor_pages if len(kinds) > 1)
    return ReservedIds(taken, sharing)


def anchors(page: str, macros: str = "") -> set[str]:
    """The anchors a page's source writes or its headings get, and the literal ids of the macros it may call."""
    found = {first or second for first, second in _WRITTEN_ANCHOR.findall(page + "\n" + macros)}
    found |= {slugify(text, "-") for text in _HEADING.findall(page) if "{{" not in text and "{%" not in text}
    return found - {""}
