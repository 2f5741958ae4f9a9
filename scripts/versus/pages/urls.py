"""Where every item of the data lives on the site: the URL scheme, in one place.

Ids from the YAML become paths and anchors; this module is the only one
that knows how. Links are relative so the site works from any folder or host.
"""

from __future__ import annotations

from dataclasses import dataclass

COMPARISON_PAGE = "comparison/"
VERDICT_PAGE = "verdict/"
PRICING_PAGE = "pricing/"
PERFORMANCE_PAGE = "performance/"
USE_CASES_PAGE = "use-cases/"
DECIDE_PAGE = "decide/"
CHANGES_PAGE = "changes/"
CHANGES_FEED = "changes.xml"  # the Atom feed of CHANGES_PAGE, at the site root
# A page's own feed sits in its folder under this name, e.g. features/<id>/changes.xml:
# static files every engine copies as they are, found beside the page they follow.
PAGE_FEED = "changes.xml"
# Pictures for other sites (READMEs, wikis): a folder of their own, so no page URL can clash.
EMBED_FOLDER = "embed/"
# The kinds of item with a page each, and the folder of those pages: `features/<id>/`, `choose/<id>/`, `decide/<id>/`.
ITEM_PAGE_FOLDERS = {"feature": "features", "subject": "choose", "profile": "decide"}
# The template under templates/ that renders each such page.
ITEM_TEMPLATES = {"feature": "pages/feature.md.j2", "subject": "pages/decision.md.j2", "profile": "pages/profile.md.j2"}
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
    def feature_page_file(feature_id: str) -> str:
        return f"{ITEM_PAGE_FOLDERS['feature']}/{feature_id}.md"

    @staticmethod
    def decision_page_file(subject_id: str) -> str:
        return f"{ITEM_PAGE_FOLDERS['subject']}/{subject_id}.md"

    @staticmethod
    def profile_page_file(profile_id: str) -> str:
        return f"{ITEM_PAGE_FOLDERS['profile']}/{profile_id}.md"

    @staticmethod
    def feature_page_url(feature_id: str) -> str:
        """A criterion's page as a URL relative to the site root, e.g. `features/<id>/`."""
        return page_url(Links.feature_page_file(feature_id))

    @staticmethod
    def category_rows_url(category_id: str) -> str:
        """A category's rows in the comparison table, relative to the site root."""
        return f"{COMPARISON_PAGE}#{category_id}"

    @staticmethod
    def feature_embed_file(feature_id: str) -> str:
        """The picture of a criterion's row, e.g. `embed/features/<id>.svg`."""
        return f"{EMBED_FOLDER}features/{feature_id}.svg"

    @staticmethod
    def category_embed_file(category_id: str) -> str:
        """The picture of a category's rows, e.g. `embed/categories/<id>.svg`."""
        return f"{EMBED_FOLDER}categories/{category_id}.svg"

    @staticmethod
    def page_feed_file(page_file: str) -> str:
        """The Atom feed of one page's facts, in the page's folder: `features/x.md` → `features/x/changes.xml`."""
        return page_url(page_file) + PAGE_FEED

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

    def feature_page(self, feature_id: str) -> str:
        return self.to(page_url(self.feature_page_file(feature_id)))

    def feature_row(self, feature_id: str) -> str:
        return self.to(f"{COMPARISON_PAGE}#{feature_id}")

    def category_row(self, category_id: str) -> str:
        return self.to(f"{COMPARISON_PAGE}#{category_id}")

    def decision_page(self, subject_id: str) -> str:
        return self.to(page_url(self.decision_page_file(subject_id)))

    def use_case(self, subject_id: str, use_case_id: str) -> str:
        return self.decision_page(subject_id) + f"#{use_case_id}"

    def verdict_point(self, point_id: str) -> str:
        return self.to(f"{VERDICT_PAGE}#{point_id}")

    def profile_page(self, profile_id: str) -> str:
        return self.to(page_url(self.profile_page_file(profile_id)))

    def decide_page(self) -> str:
        return self.to(DECIDE_PAGE)

    def comparison(self) -> str:
        return self.to(COMPARISON_PAGE)

    def dated_rows(self) -> str:
        return self.to(DATED_ROWS)

    def changes_feed(self) -> str:
        return self.to(CHANGES_FEED)

    def feature_feed(self, feature_id: str) -> str:
        return self.to(self.page_feed_file(self.feature_page_file(feature_id)))

    def subject_feed(self, subject_id: str) -> str:
        return self.to(self.page_feed_file(self.decision_page_file(subject_id)))

    def feature_embed(self, feature_id: str) -> str:
        return self.to(self.feature_embed_file(feature_id))

    def category_embed(self, category_id: str) -> str:
        return self.to(self.category_embed_file(category_id))

    def section(self, page: str, anchor: str = "") -> str:
        """A hand-written page by its URL (e.g. "pricing/"), optionally at an anchor."""
        return self.to(page) + (f"#{anchor}" if anchor else "")
