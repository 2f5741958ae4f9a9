"""The page types of a built site, found from its files so that new kinds of page join the checks by themselves."""

from __future__ import annotations

from pathlib import Path


def page_types(site: Path) -> dict[str, str]:
    """One URL (relative to the site root) per kind of page, named by where it lives.

    Pages of a section (features/x/, choose/y/) are one kind, represented by
    the first; every other page is a kind of its own. The home page is "home";
    404.html is left out, since a host serves it in place of a missing page.
    """
    kinds: dict[str, str] = {}
    for index in sorted(site.rglob("index.html"), key=lambda path: (len(path.parts), path)):
        folder = index.parent.relative_to(site)
        if folder.parts and folder.parts[0] in ("assets", "search"):
            continue
        url = folder.as_posix() + "/" if folder.parts else ""
        kind = "home" if not folder.parts else folder.parts[0] + ("/*" if len(folder.parts) > 1 else "")
        kinds.setdefault(kind, url)
    return kinds
