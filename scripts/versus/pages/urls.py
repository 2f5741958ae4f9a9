"""Where every item of the data lives on the site: the URL scheme, in one place.

Ids from the YAML become paths and anchors; this module is the only one
that knows how. Links are relative so the site works from any folder or host.
"""

from __future__ import annotations

from dataclasses import dataclass

from versus.pages.page_types import PAGES_BY_KIND

COMPARISON_PAGE = "comparison/"
VERDICT_PAGE = "verdict/"
PRICING_PAGE = "pricing/"
PERFORMANCE_PAGE = "performance/"
DECIDE_PAGE = "decide/"
CHANGES_PAGE = "changes/"
CHANGES_FEED = "changes.xml"  # the Atom feed of CHANGES_PAGE, at the site root
# Pictures for other sites (READMEs, wikis): a folder of their own, so no page URL can clash.
EMBED_FOLDER = "embed/"
# The comparison table's rows as they stood on any day, fetched by the page only for a dated view (?as_of=).
DATED_ROWS = f"{COMPARISON_PAGE}dated-rows.json"


def page_url(file: str) -> str:
    """The URL (relative to the site root) MkDocs gives a staged Markdown file."""
    stem = file.removesuffix(".md").removesuffix(".html")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def staged_file(file: str) -> str:
    """Where a page is staged: at the folder of its URL (`features/x.md` as `features/x/index.md`).

    A link relative to the staged file then means what it means relative to
    the page's URL, whichever way an engine reads the links in a page's raw
    HTML. Files other than pages keep their path.
    """
    if not file.endswith(".md"):
        return file
    return page_url(file) + "index.md"


@dataclass(frozen=True)
class Links:
    """Relative hrefs from one page to every kind of item."""

    page: str  # the current page's URL relative to the site root, e.g. "features/debugging/"

    @classmethod
    def for_file(cls, file: str) -> Links:
        return cls(page_url(file))

    @staticmethod
    def feature_embed_file(feature_id: str) -> str:
        """The picture of a criterion's row, e.g. `embed/features/<id>.svg`."""
        return f"{EMBED_FOLDER}features/{feature_id}.svg"

    @staticmethod
    def category_embed_file(category_id: str) -> str:
        """The picture of a category's rows, e.g. `embed/categories/<id>.svg`."""
        return f"{EMBED_FOLDER}categories/{category_id}.svg"

    @staticmethod
    def redirect_file(page_file: str) -> str:
        """Where a former page URL lives: a small HTML file that forwards to the new page."""
        return page_file.removesuffix(".md") + "/index.html"

    def to(self, target: str) -> str:
        """An href from this page to `target`, a URL relative to the site root."""
        base = "../" * self.page.count("/")
        return base + target if (base + target) else "./"

    def home(self) -> str:
        return self.to("")

    @staticmethod
    def page_address(kind: str, item_id: str) -> str:
        """An item's own page relative to the site root, by its kind (scripts/pages/page_types.py): `features/<id>/`."""
        return PAGES_BY_KIND[kind].url(item_id)

    def page_of(self, kind: str, item_id: str) -> str:
        """An href to an item's own page: `links.page_of("feature", id)`."""
        return self.to(self.page_address(kind, item_id))

    def feature_row(self, feature_id: str) -> str:
        return self.to(f"{COMPARISON_PAGE}#{feature_id}")

    def use_case(self, subject_id: str, use_case_id: str) -> str:
        return self.page_of("subject", subject_id) + f"#{use_case_id}"

    def verdict_point(self, point_id: str) -> str:
        return self.to(f"{VERDICT_PAGE}#{point_id}")

    def decide_page(self) -> str:
        return self.to(DECIDE_PAGE)

    def comparison(self) -> str:
        return self.to(COMPARISON_PAGE)

    def dated_rows(self) -> str:
        return self.to(DATED_ROWS)

    def section(self, page: str, anchor: str = "") -> str:
        """A hand-written page by its URL (e.g. "pricing/"), optionally at an anchor."""
        return self.to(page) + (f"#{anchor}" if anchor else "")
