"""What a page of the built site costs a reader: the gzipped bytes of the page and of everything it loads at once.

A static host sends text with gzip; Material's scripts load the search
worker, its index and, with instant navigation, the sitemap as soon as the
page opens, so those count too.
"""

from __future__ import annotations

import gzip
import json
from html.parser import HTMLParser
from pathlib import Path

TARGET_WEIGHT = 120 * 1024  # bytes, gzipped, the comparison page in all


class _Assets(HTMLParser):
    """The files a page loads by itself (stylesheets, scripts, icons, images) and Material's page config."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.material_config: dict = {}
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if (
            tag == "link"
            and attributes.get("href")
            and set((attributes.get("rel") or "").split()) & {"stylesheet", "icon", "preload", "modulepreload"}
        ):
            self.urls.append(attributes["href"] or "")
        elif tag in ("script", "img", "source") and attributes.get("src"):
            self.urls.append(attributes["src"] or "")
        self._in_config = tag == "script" and attributes.get("id") == "__config"

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.material_config = json.loads(data)


def page_transfer(site: Path, page: str) -> dict[str, int]:
    """Gzipped bytes of every file the page at `page` (e.g. "comparison/") transfers on load.

    The page itself, what its HTML loads, and what Material's scripts load at
    once, as its page config says: the search worker and the search index,
    and the sitemap when instant navigation is on (it lists the pages that
    may be loaded without a reload). Keys are paths relative to the site root.
    """
    site = site.resolve()
    html_path = site / page / "index.html"
    parser = _Assets()
    parser.feed(html_path.read_text(encoding="utf-8"))
    files = {html_path}
    for url in parser.urls:
        if "//" not in url:
            files.add((html_path.parent / url.split("#")[0].split("?")[0]).resolve())
    config = parser.material_config
    if config.get("search"):
        files.add((html_path.parent / config["search"]).resolve())
        files.add(site / "search" / "search_index.json")
    if "navigation.instant" in config.get("features", []):
        files.add(site / "sitemap.xml")
    return {path.relative_to(site).as_posix(): gzipped_size(path) for path in sorted(files)}


def gzipped_size(path: Path) -> int:
    """Bytes of path as a static host sends it: gzip level 6 for text, images as they are."""
    data = path.read_bytes()
    if path.suffix in (".png", ".jpg", ".jpeg", ".webp", ".gif", ".woff2", ".gz"):
        return len(data)
    return len(gzip.compress(data, compresslevel=6, mtime=0))
