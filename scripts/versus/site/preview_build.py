"""Build the preview with MkDocs in this process, and rebuild only the pages a save changed.

The first build, and any build after a change to the set of pages, the
config, the theme's overrides or a title, is MkDocs' own full build, into a
fresh folder that replaces the served one when it is complete. It keeps what
a later save needs: MkDocs' config, files, navigation and theme, and each
page's entries of the search index. A save that changes only the text of
some pages (a label, an explanation) re-reads and re-renders those pages
alone, copies the changed assets, and writes the search index again from the
kept entries in MkDocs' own order, so the served folder holds the same bytes
a full build would write. Whatever goes wrong in a partial build falls back
to a full one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from versus.paths import quiet_mkdocs
from versus.site.engines import THEME_CACHE, quicker_theme

# What the search plugin is called in MkDocs' plugin list: MkDocs' own, or Material's in its place.
SEARCH_PLUGINS = ("search", "material/search")
KEEPER = "preview-keeper"
# What another page shows of a page (its name in the menu, the footer, the tab): a change to any of these rebuilds every page.
SHOWN_ELSEWHERE = ("title", "icon", "status", "subtitle")


@dataclass(frozen=True)
class Rebuilt:
    """What one build did: every page (full) or the pages named (partial), and why a full build was needed."""

    full: bool
    pages: tuple[str, ...]  # the Markdown files rebuilt, as staged (`features/x/index.md`)
    seconds: float
    reason: str = ""
    files: tuple[str, ...] = ()  # the other files copied by a partial build (pictures, feeds, exports)
    addresses: tuple[str, ...] | None = None  # the rebuilt pages' addresses (`/features/x/`); None: every page


class _Keeper(BasePlugin):
    """Keeps what MkDocs' full build computes and a partial build reuses."""

    def __init__(self) -> None:
        super().__init__()
        self.nav: Navigation | None = None
        self.files: Files | None = None
        self.env: Any = None
        self.search_entries: dict[str, list[dict]] = {}
        self._indexed = 0

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self.env = env
        return env

    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        # Runs after the search plugin's, which has just added this page's entries at the end of its index.
        entries = _search_entries(config)
        if entries is not None:
            self.search_entries[page.file.src_uri] = entries[self._indexed :]
            self._indexed = len(entries)
        return context


@dataclass
class _Kept:
    """The last full build and what was read for it."""

    config: MkDocsConfig
    keeper: _Keeper
    config_text: str
    theme_files: dict[str, tuple[int, int]]
    docs: dict[str, tuple[int, int]]
    shown: dict[str, tuple[object, ...]] = field(default_factory=dict)


class PreviewBuilder:
    """The served copy of the staged site at config_path, in a folder below work_dir, kept current by update()."""

    def __init__(self, config_path: Path, work_dir: Path) -> None:
        quiet_mkdocs()
        self.config_path = config_path
        self.work_dir = work_dir
        self.folder: Path | None = None  # the folder to serve; replaced by each full build
        self._kept: _Kept | None = None

    def update(self, first: Collection[str] = (), ready: Callable[[tuple[str, ...]], None] | None = None) -> Rebuilt:
        """Bring the served folder up to the staged site: the changed pages alone when that is exact, else everything.

        first: the addresses (`/features/x/`) of the pages open in a browser; those are rebuilt before
        the others, and ready(their addresses) is called as soon as they are written."""
        started = time.perf_counter()
        kept = self._kept
        if kept is None:
            return self._full(started, "first build")
        reason, changed, assets, removed = self._changes(kept)
        pages = [path for path in _pages(kept) if path in changed] if not reason else []  # in MkDocs' order
        if len(pages) != len(changed):
            reason = reason or "a page outside the built site changed"
        if reason:
            return self._full(started, reason)
        try:
            reason = self._partial(kept, pages, assets, removed, first, ready)
        except Exception as error:  # noqa: BLE001 - any failure of a partial build is mended by a full one
            reason = f"a partial build failed ({type(error).__name__}: {error})"
        if reason:
            return self._full(started, reason)
        self._kept = kept
        addresses = tuple(_address(_pages(kept)[path]) for path in pages)
        return Rebuilt(False, tuple(pages), time.perf_counter() - started, files=(*assets, *removed), addresses=addresses)

    def close(self) -> None:
        """Remove the served folder."""
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    # --- What changed since the last build ------------------------------------------

    def _changes(self, kept: _Kept) -> tuple[str, list[str], list[str], list[str]]:
        """(why everything must be rebuilt, or ""; changed pages; changed or added other files; removed other
        files), as staged. Other files come and go without a full build: a link-preview picture is named by
        what it shows, so an edit replaces it with another."""
        if self.config_path.read_text(encoding="utf-8") != kept.config_text:
            return "the site's settings changed", [], [], []
        if _stamps(_theme_folder(kept.config)) != kept.theme_files:
            return "the theme's overrides changed", [], [], []
        docs = _stamps(Path(kept.config.docs_dir))
        if {path for path in docs if path.endswith(".md")} != {path for path in kept.docs if path.endswith(".md")}:
            return "pages were added or removed", [], [], []
        changed = [path for path, stamp in docs.items() if kept.docs.get(path) != stamp]
        removed = [path for path in kept.docs if path not in docs]
        kept.docs = docs
        pages = [path for path in changed if path.endswith(".md")]
        return "", pages, [path for path in changed if not path.endswith(".md")], removed

    # --- The two builds -------------------------------------------------------------

    def _full(self, started: float, reason: str) -> Rebuilt:
        """MkDocs' full build into a new folder, which then replaces the served one."""
        self.work_dir.mkdir(parents=True, exist_ok=True)
        output = Path(tempfile.mkdtemp(dir=self.work_dir, prefix="site-"))
        try:
            config_text = self.config_path.read_text(encoding="utf-8")
            config = load_config(config_file=str(self.config_path), site_dir=str(output), strict=False)
            quicker_theme(config.theme, self.work_dir / THEME_CACHE)
            keeper = _Keeper()
            config.plugins[KEEPER] = keeper
            mkdocs_build.build(config)
        except BaseException:
            shutil.rmtree(output, ignore_errors=True)
            self._kept = None  # the next save builds everything again
            raise
        previous, self.folder = self.folder, output
        if previous:
            shutil.rmtree(previous, ignore_errors=True)
        kept = _Kept(config, keeper, config_text, _stamps(_theme_folder(config)), _stamps(Path(config.docs_dir)))
        kept.shown = {uri: _shown(file.page) for uri, file in _pages(kept).items() if file.page}
        partial_ready = set(config.plugins) <= {*SEARCH_PLUGINS, KEEPER}
        self._kept = kept if partial_ready else None  # another plugin may read every page: it gets a full build each time
        return Rebuilt(True, tuple(_pages(kept)), time.perf_counter() - started, reason)

    def _partial(
        self,
        kept: _Kept,
        changed: list[str],
        assets: list[str],
        removed: list[str],
        first: Collection[str],
        ready: Callable[[tuple[str, ...]], None] | None,
    ) -> str:
        """Rebuild the changed pages (those open in a browser first), copy the changed or added assets and
        delete the removed ones; return why a full build is needed instead, or ""."""
        config, keeper = kept.config, kept.keeper
        files, nav, env = keeper.files, keeper.nav, keeper.env
        assert files is not None and nav is not None and env is not None
        pages = _pages(kept)
        for path in removed:
            gone = files.get_file_from_path(path)
            if gone is not None:
                files.remove(gone)
                Path(gone.abs_dest_path).unlink(missing_ok=True)
        for path in assets:
            asset = files.get_file_from_path(path)
            if asset is None:
                asset = File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
                files.append(asset)
            asset.copy_file()
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        entries = _search_entries(config)
        opened = [path for path in changed if _address(pages[path]) in first]
        for group in (opened, [path for path in changed if path not in opened]):
            for path in group:
                page = pages[path].page
                assert page is not None
                mkdocs_build._populate_page(page, config, files)
                if _shown(page) != kept.shown[path]:
                    return f"the title of {path} changed"
                if entries is not None:
                    del entries[:]
                    keeper._indexed = 0
                mkdocs_build._build_page(page, config, doc_files, nav, env)
            if group is opened and opened and ready:
                ready(tuple(_address(pages[path]) for path in opened))
        for file in doc_files:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        search = _search_plugin(config)
        if search is not None and entries is not None:
            entries[:] = [entry for file in doc_files for entry in keeper.search_entries.get(file.src_uri, [])]
            keeper._indexed = len(entries)
            search.on_post_build(config=config)
        return ""


def _address(file: File) -> str:
    """The page's address on the preview's server, as a browser's location.pathname has it."""
    return "/" + file.url


def _pages(kept: _Kept) -> dict[str, File]:
    assert kept.keeper.files is not None
    return {file.src_uri: file for file in kept.keeper.files.documentation_pages(inclusion=InclusionLevel.is_included)}


def _shown(page: Page | None) -> tuple[object, ...]:
    """What other pages show of this one."""
    if page is None:
        return ()
    return (page.title, *(page.meta.get(key) for key in SHOWN_ELSEWHERE))


def _search_plugin(config: MkDocsConfig) -> Any:
    for name in SEARCH_PLUGINS:
        if name in config.plugins:
            return config.plugins[name]
    return None


def _search_entries(config: MkDocsConfig) -> list[dict] | None:
    """The search plugin's growing list of entries, None without the plugin."""
    search = _search_plugin(config)
    index = getattr(search, "search_index", None)
    return getattr(index, "entries", None)


def _theme_folder(config: MkDocsConfig) -> Path | None:
    return Path(config.theme.custom_dir) if config.theme.custom_dir else None


def _stamps(folder: Path | None) -> dict[str, tuple[int, int]]:
    """Each file below folder and its (modification time, size): a changed file has a new stamp, as the staging rewrites only what changed."""
    if folder is None or not folder.is_dir():
        return {}
    stamps = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(directory, name)
            status = os.stat(path)
            stamps[os.path.relpath(path, folder).replace(os.sep, "/")] = (status.st_mtime_ns, status.st_size)
    return stamps
