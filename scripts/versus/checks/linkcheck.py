"""Check every link of a built site without a network: internal targets and anchors exist, external URLs are https.

Usage: python -m versus.checks.linkcheck [SITE_FOLDER] [--served-at FOLDER]   (default: site/)

Internal links are resolved the way a browser resolves them from the page's
URL (a folder URL serves its index.html) and must name a file that exists
and, after a `#`, an element id on that page. They must be relative, so the
site works from any folder of any host. External URLs cannot be fetched
here; they must at least be well-formed https URLs. Search results are
links too: every location in the search index (MkDocs' and ProperDocs'
search/search_index.json, Zensical's search.json) is checked like an href.

`--served-at compare` also serves the site from that sub-folder of a local
host, as a GitHub Pages project site is, and follows every internal link
and search result over HTTP as a browser does: a link with one `../` too
many works at a host's root, where browsers stop at the root, and fails
only there.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import re
import sys
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from versus.paths import SITE

LINK_ATTRIBUTES = {"href", "src"}
HOST_NAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", re.IGNORECASE)
# Fragments every browser understands without a matching element.
BUILT_IN_FRAGMENTS = {"", "top"}
# Each engine's search index and the key of its list of documents: MkDocs and ProperDocs, then Zensical.
SEARCH_INDEXES = {"search/search_index.json": "docs", "search.json": "items"}


@dataclass(frozen=True, order=True)
class BrokenLink:
    """A link that does not lead where it says, on the page that has it."""

    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target} ({self.reason})"


class _PageLinks(HTMLParser):
    """The ids a page defines and the links it makes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.in_template = 0  # a <template>'s content is a pattern a script fills, not part of the page

    def handle_endtag(self, tag: str) -> None:
        if tag == "template" and self.in_template:
            self.in_template -= 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES:
                self.links.append(value)
            elif name == "srcset":
                self.links.extend(candidate.split()[0] for candidate in value.split(",") if candidate.strip())


class SiteLinks:
    """The parsed pages of one built site, read once each."""

    def __init__(self, site: Path):
        self.site = site
        self._pages: dict[Path, _PageLinks] = {}

    def page(self, path: Path) -> _PageLinks:
        if path not in self._pages:
            parser = _PageLinks()
            parser.feed(path.read_text(encoding="utf-8"))
            self._pages[path] = parser
        return self._pages[path]

    def check_link(self, page_url: str, link: str) -> str | None:
        """Why `link`, found on the page at `page_url` (relative to the site root), is broken; None if it is not."""
        parts = urlsplit(link)
        if parts.scheme in ("https", "http") or link.startswith("//"):
            return external_url_problem(link)
        if parts.scheme in ("mailto", "data"):
            return None
        if parts.scheme:
            return f"the scheme {parts.scheme}: is not allowed"
        if parts.path.startswith("/"):
            return "an absolute path breaks when the site is served from a sub-folder; use a relative link"
        target_url = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), unquote(parts.path))) if parts.path else page_url
        if target_url.startswith(".."):
            return "leads outside the site"
        target = self.site / target_url
        if parts.path.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return "no such file"
        fragment = unquote(parts.fragment)
        if parts.fragment and target.suffix == ".html" and fragment not in BUILT_IN_FRAGMENTS and fragment not in self.page(target).ids:
            return f"no element with id `{fragment}` on {target.relative_to(self.site).as_posix()}"
        return None


def external_url_problem(url: str) -> str | None:
    """Why an external URL is not a well-formed https URL; None if it is."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        return "external links must use https"
    if not parts.hostname or not HOST_NAME.match(parts.hostname):
        return "the host name is not valid"
    if re.search(r"\s", url):
        return "the URL contains white space"
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return "the port is not valid"
    return None


def check_site(site: Path) -> list[BrokenLink]:
    """Every broken link of the built site in `site`, sorted by page."""
    links = SiteLinks(site)
    broken: list[BrokenLink] = []
    for html_file in sorted(site.rglob("*.html")):
        page_url = html_file.relative_to(site).as_posix()
        if page_url == "404.html":
            # A host serves 404.html at whatever URL was missing, so its relative
            # links cannot resolve everywhere; MkDocs makes them absolute from site_url.
            continue
        for link in links.page(html_file).links:
            reason = links.check_link(page_url, link)
            if reason:
                broken.append(BrokenLink(page_url, link, reason))
    for index, location in search_locations(site):
        reason = links.check_link("index.html", location or "./")
        if reason:
            broken.append(BrokenLink(index, location, reason))
    return sorted(set(broken))


def search_locations(site: Path) -> list[tuple[str, str]]:
    """(index file, location) for every result of the site's search index, whichever engine wrote it."""
    found = []
    for name, key in SEARCH_INDEXES.items():
        index = site / name
        if index.is_file():
            found += [(name, document["location"]) for document in json.loads(index.read_text(encoding="utf-8"))[key]]
    return found


def check_served(site: Path, folder: str = "compare") -> list[BrokenLink]:
    """Every internal link and search result followed over HTTP, the site served from /folder/ of a local host
    (from the host's root when folder is empty)."""
    from versus.checks.static_server import StaticServer

    links = SiteLinks(site)
    broken: list[BrokenLink] = []
    status: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="served-") as host:
        if folder:
            (Path(host) / folder).symlink_to(site.resolve(), target_is_directory=True)
        server = StaticServer(Path(host) if folder else site)
        base = f"{server.url}{folder}/" if folder else server.url

        def follow(page: str, link: str) -> None:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "/")) or not parts.path:
                return  # external, absolute (check_site reports those) or on the same page
            target = urljoin(base + page, link).split("#")[0]
            if not target.startswith(base):
                broken.append(
                    BrokenLink(
                        page or "index.html", link, f"leaves /{folder}/ when served from a sub-folder" if folder else "leaves the site"
                    )
                )
                return
            if target not in status:
                status[target] = _status(target)
            if status[target] != 200:
                broken.append(BrokenLink(page or "index.html", link, f"HTTP {status[target]} when served from /{folder}/"))

        for html_file in sorted(site.rglob("*.html")):
            page_url = html_file.relative_to(site).as_posix()
            if page_url == "404.html":
                continue
            page = page_url.removesuffix("index.html")
            for link in links.page(html_file).links:
                follow(page, link)
        for _, location in search_locations(site):
            follow("", location or "./")
        server.close()
    return sorted(set(broken))


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def main(argv: list[str] | None = None) -> int:
    """Print every broken link of the site folder given (default site/); exit 1 if there is one."""
    parser = argparse.ArgumentParser(prog="python -m versus.checks.linkcheck", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path(SITE))
    parser.add_argument("--served-at", metavar="FOLDER", help="also follow every link over HTTP, the site served from this sub-folder")
    arguments = parser.parse_args(argv)
    site = arguments.site
    if not (site / "index.html").is_file():
        print(f"{site} holds no built site: run `make build` first", file=sys.stderr)
        return 1
    broken = check_site(site)
    if arguments.served_at:
        broken = sorted(set(broken) | set(check_served(site, arguments.served_at.strip("/"))))
    for link in broken:
        print(link)
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"{len(broken)} broken link{'s' if len(broken) != 1 else ''} in {pages} pages", file=sys.stderr if broken else sys.stdout)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
