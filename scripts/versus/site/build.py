"""Build the site: stage the rendered Markdown, run the engine (MkDocs by default) strictly, swap site/ in.

The engine (scripts/site/engines.py) writes into a temporary folder on site/'s file system; only a build
that finished without a single warning replaces site/, so a failed build
leaves the previous site exactly as it was. The replacement is one atomic
exchange where the system offers it (Linux), so site/ is always present and
complete; elsewhere it is two renames, and a build killed between them
leaves the previous site aside, where the next build puts it back. One build
runs at a time in a project folder (a lock in .build/), and the temporary
folders of a killed build are removed by the next. Two builds of the same
sources give the same bytes: the only date MkDocs writes (the sitemap's)
comes from the data, never from the clock.
"""

from __future__ import annotations

import contextlib
import copy
import ctypes
import errno
import hashlib
import html
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

from versus.data.freshness import last_checked
from versus.data.gc_pause import cycle_collector_paused
from versus.data.ids import REGISTRY_NAME, record_new_ids
from versus.data.model import Comparison
from versus.data.schema import refresh_schemas
from versus.pages.card_cache import CardCache
from versus.pages.card_drawing import DRAWING_VERSION
from versus.pages.cards import HOME_FILE, Card
from versus.pages.conclusions import checked_comparison
from versus.pages.look import LOOK_STYLESHEET, card_accent, stylesheet
from versus.pages.page_types import ItemPage
from versus.pages.publication import Publication, read_config
from versus.pages.render import RenderSteps, StagedPage, render_in_steps, write_staged
from versus.pages.text import long_date
from versus.pages.urls import CHANGES_FEED, page_url, staged_file
from versus.paths import BUILD, CONFIG, DATA, SITE, card_cache, content_folders, find_project, layered_files, template_folders
from versus.site.engines import EngineFailed, engine_named
from versus.site.mkdocs_warnings import link_source, reworded, source_folders

LOCK_WAIT = 600.0  # seconds
LOCK_FILE = "build.lock"


class BuildFailed(Exception):
    """MkDocs reported warnings or errors; the message says what and where."""


@dataclass(frozen=True)
class Staged:
    """What stage() produced: the MkDocs config to build and the comparison it shows."""

    config_path: Path
    comparison: Comparison
    page_sources: dict[str, tuple[str, ...]]  # each staged page and what it was made from
    written_links: dict[str, dict[str, str]]  # each staged page's links that staging rewrote, {as staged: as written}
    last_checked: date  # the newest as_of in the data: the pages' "last checked" and the build's date
    every_page: frozenset[str] = frozenset()  # every page's staged path, also those a step of the preview left for later


def stage(
    staging_dir: Path,
    *,
    root: Path | None = None,
    data_dir: Path | None = None,
    engine: str | None = None,
    scripts: dict[str, str] | None = None,
    cards: CardCache | None = None,
) -> Staged:
    """Validate the data and render every page into staging_dir/docs, with the config the engine (default MkDocs) is to build.

    `scripts` (path in the docs → text) adds JavaScript to every page: the preview's problem banner.
    The pages' link-preview pictures are staged with them, from `cards` (default: kept in .build/cards)."""
    root, comparison, checked, config, publication, steps = _rendered(root, data_dir)
    pages = [_look(), *steps.pages, *steps.other_files()]
    pages += [StagedPage(path, text) for path, text in (scripts or {}).items()]
    docs_dir = staging_dir / "docs"
    write_staged(pages, content_folders(root), docs_dir, _pictures(pages, cards, root, config))
    stage_theme(root, config, staging_dir)
    config_path = staging_dir / "mkdocs.yml"
    text = staged_config(
        config,
        root / CONFIG,
        comparison,
        checked,
        [page.path for page in pages],
        engine,
        tuple(scripts or ()),
        _home_card(steps.home_card, publication),
        staging_dir,
    )
    _write_if_changed(config_path, text)
    return _staged(config_path, comparison, pages, checked)


def stage_in_steps(
    staging_dir: Path,
    *,
    root: Path | None = None,
    data_dir: Path | None = None,
    now: Callable[[str, ItemPage | None], bool] | None = None,
    cards: CardCache | None = None,
) -> tuple[Staged, Callable[[], Staged], Callable[[], Staged]]:
    """stage() for MkDocs in steps, for the preview: the pages now(page file, item page or None) asks for (default:
    every one) and the config are written at once; the other pages when the first function returned is called,
    the other files (exports, dated rows, feeds, link-preview pictures) when the second is. The steps together
    write what stage() writes."""
    root, comparison, checked, config, publication, steps = _rendered(root, data_dir, now)
    docs_dir = staging_dir / "docs"
    write_staged([_look(), *steps.pages], content_folders(root), docs_dir, complete=False)
    stage_theme(root, config, staging_dir)
    config_path = staging_dir / "mkdocs.yml"
    text = staged_config(
        config, root / CONFIG, comparison, checked, steps.paths, "mkdocs", (), _home_card(steps.home_card, publication), staging_dir
    )
    _write_if_changed(config_path, text)
    pages = [_look(), *steps.pages]
    later_done = False

    def later() -> Staged:
        nonlocal later_done
        if not later_done:
            later_pages = steps.later_pages()
            write_staged(later_pages, content_folders(root), docs_dir, complete=False)
            pages.extend(later_pages)
            later_done = True
        return _staged(config_path, comparison, pages, checked, steps.paths)

    def finish() -> Staged:
        later()
        every = pages + steps.other_files()
        write_staged(every, content_folders(root), docs_dir, _pictures(pages, cards, root, config))
        return _staged(config_path, comparison, every, checked, steps.paths)

    return _staged(config_path, comparison, pages, checked, steps.paths), later, finish


def _rendered(
    root: Path | None, data_dir: Path | None, now: Callable[[str, ItemPage | None], bool] | None = None
) -> tuple[Path, Comparison, date, dict, Publication, RenderSteps]:
    """The site (default: the one found from here), its data validated, its settings and its pages ready to render in steps."""
    root = root or find_project()
    data_dir = data_dir or root / DATA
    comparison = checked_comparison(data_dir, root)
    checked = last_checked(comparison)
    config = read_config(root / CONFIG)
    publication = Publication.from_config(config, data_folder=_folder_in(data_dir, root))
    template_cache = root / BUILD / "compiled-templates"
    template_cache.mkdir(parents=True, exist_ok=True)
    steps = render_in_steps(
        comparison, template_folders(root), content_folders(root), publication, checked=checked, cache_dir=template_cache, now=now
    )
    return root, comparison, checked, config, publication, steps


def _staged(
    config_path: Path, comparison: Comparison, pages: list[StagedPage], checked: date, every_page: list[str] | None = None
) -> Staged:
    sources = {page.path: page.sources for page in pages}
    written = {page.path: page.written_links for page in pages}
    return Staged(config_path, comparison, sources, written, checked, frozenset(every_page or ()))


def _look() -> StagedPage:
    """The palette's custom properties and tint classes, which the site's stylesheet reads (pages/look.py)."""
    return StagedPage(LOOK_STYLESHEET, stylesheet())


def _pictures(pages: list[StagedPage], cards: CardCache | None, root: Path, config: dict) -> dict[str, bytes]:
    """Each page's link-preview picture (its file → PNG), drawn or reused from `cards` (default: kept in .build/cards),
    its accent the primary colour of the site's palette."""
    cache = cards or CardCache(card_cache(root))
    carded = [page for page in pages if page.card]
    # All at once: those to draw are drawn together.
    pictures = cache.pngs([page.card for page in carded if page.card], card_accent(config))
    return {page.card_file: picture for page, picture in zip(carded, pictures, strict=True)}


def _home_card(card: Card | None, publication: Publication) -> dict[str, str]:
    """The home page's link-preview card, for pages without their own (the 404 page); empty if there is none."""
    if card is None:
        return {}
    image = card.file(page_url(HOME_FILE), DRAWING_VERSION)
    home = {"card_image": image, "card_alt": card.alt()}
    if publication.site_url:
        home["card_url"] = publication.absolute(image)
    return home


THEME_FOLDER = "theme"  # beside the staged config: the package's theme overrides with the site's over them
OVERRIDES = "overrides"  # under templates/, in the package and in a site


def stage_theme(root: Path, config: dict, staging_dir: Path) -> None:
    """Write the theme overrides the engine reads (its `custom_dir`) into staging_dir/theme: the package's, then
    the site's `templates/overrides/` over them by name, then a `custom_dir` the site's mkdocs.yml names itself.

    Unchanged files are not rewritten, so the preview sees a theme change only when there is one."""
    folders = [folder / OVERRIDES for folder in reversed(template_folders(root))]
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        folders.append(root / str(theme["custom_dir"]))
    wanted = layered_files(list(reversed(folders)))
    target = staging_dir / THEME_FOLDER
    for name, source in wanted.items():
        data = source.read_bytes()
        path = target / name
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if target.is_dir():
        for path in sorted(target.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(target).as_posix() not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def staged_config(
    config: dict,
    config_file: Path,
    comparison: Comparison,
    checked: date,
    page_paths: list[str],
    engine: str | None = None,
    scripts: tuple[str, ...] = (),
    preview_card: dict[str, str] | None = None,
    staged_dir: Path | None = None,
) -> str:
    """mkdocs.yml (config, read from config_file) with the site's name from the data, the staged docs folder beside it,
    the theme's folder as an absolute path, `*` nav entries expanded and the engine's own settings.

    preview_card names the link-preview picture of pages without their own (the 404 page): the home page's."""
    config = copy.deepcopy(config)
    # The theme inserts both into HTML unescaped: escape the data here.
    config["site_name"] = html.escape(comparison.site.title)
    config["site_description"] = html.escape(comparison.site.description)
    if os.environ.get("SITE_URL"):
        config["site_url"] = os.environ["SITE_URL"]
    config["docs_dir"] = "docs"  # relative to the staged config: every engine reads it so
    theme = config.setdefault("theme", {"name": "material"})
    if isinstance(theme, dict):
        # The merged overrides stage_theme() wrote beside the staged config, absolute: engines differ in how they read it.
        theme["custom_dir"] = str((config_file.parent if staged_dir is None else staged_dir).resolve() / THEME_FOLDER)
    if "nav" in config:
        config["nav"] = _expand_nav(config["nav"], page_paths)
    config["extra"] = {**(config.get("extra") or {}), **_theme_extras(comparison, checked)}
    # The palette's stylesheet first, whatever the site lists: the site's stylesheets read its custom properties.
    config["extra_css"] = [LOOK_STYLESHEET, *(css for css in config.get("extra_css") or [] if css != LOOK_STYLESHEET)]
    if preview_card:
        config["extra"]["preview_card"] = {key: html.escape(value) for key, value in preview_card.items()}  # as the front matter is
    if scripts:
        config["extra_javascript"] = [*(config.get("extra_javascript") or []), *scripts]
    engine_named(engine).config_settings(config)
    header = f"# generated by versus/site/build.py from {config_file.name} and data/site.yml; do not edit\n"
    # The full dumper writes back what the settings may hold beyond plain values: `!!python/name:` (Material's emoji).
    dumper = getattr(yaml, "CDumper", yaml.Dumper)
    return header + yaml.dump(config, Dumper=dumper, sort_keys=False, allow_unicode=True)


def _folder_in(data_dir: Path, root: Path) -> str:
    """The data folder's path in the repository, for edit links; `data` when it lies outside."""
    try:
        return data_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return "data"


def _theme_extras(comparison: Comparison, checked: date) -> dict[str, object]:
    """What the theme overrides show on every page: the feed link and the data's last check."""
    return {
        "changes_feed": {"url": CHANGES_FEED, "title": f"{comparison.site.title}: what changed"},
        "data_last_checked": {"date": checked.isoformat(), "text": long_date(checked)},
    }


def _expand_nav(entries: list, page_paths: list[str]) -> list:
    """The nav with each page named where it is staged, and `*` entries expanded (matched against the names in content/)."""
    expanded: list = []
    for entry in entries:
        if isinstance(entry, str) and "*" in entry:
            expanded.extend(path for path in page_paths if path.endswith(".md") and _matches(_written_name(path), entry))
        elif isinstance(entry, str):
            expanded.append(staged_file(entry))
        elif isinstance(entry, dict):
            expanded.append(
                {key: _expand_nav(value, page_paths) if isinstance(value, list) else staged_file(value) for key, value in entry.items()}
            )
        else:
            expanded.append(entry)
    return expanded


def _matches(name: str, pattern: str) -> bool:
    """Whether a page's name matches a nav pattern as a whole: `categories/*.md` is not `embed/categories/x.md`."""
    return len(Path(name).parts) == len(Path(pattern).parts) and Path(name).match(pattern)


def _written_name(staged_path: str) -> str:
    """The name a staged page has in content/ and in the nav: `choose/x/index.md` is `choose/x.md`."""
    folder = staged_path.removesuffix("index.md").rstrip("/")
    return folder + ".md" if folder else staged_path


def build(
    *,
    root: Path | None = None,
    data_dir: Path | None = None,
    site_dir: Path | None = None,
    engine: str | None = None,
    lock_wait: float = LOCK_WAIT,
    cards: CardCache | None = None,
) -> int:
    """Build the whole site into site_dir (default site/) with the engine named (default: $ENGINE, else MkDocs); return the number of pages.

    Waits up to lock_wait seconds for another build of the same project folder to finish. `cards` keeps
    the link-preview pictures (default: in .build/cards) and counts those drawn and reused."""
    root = root or find_project()
    chosen = engine_named(engine)
    site_dir = (site_dir or root / SITE).absolute()
    if site_dir.is_symlink() or (site_dir.exists() and not site_dir.is_dir()):
        # The swap would replace a link's target or a file the build does not own.
        raise BuildFailed(
            f"{site_dir} is a {'link' if site_dir.is_symlink() else 'file'}, not a folder: nothing was built "
            "(hint: remove it; the build makes the folder itself)"
        )
    build_dir = root / BUILD
    build_dir.mkdir(exist_ok=True)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _one_build_at_a_time(build_dir, lock_wait), cycle_collector_paused():
        swap = SiteSwap.of(site_dir, build_dir)
        swap.recover()  # first, so that even a build that fails puts back a site a killed build left aside
        _remove_stale(build_dir)
        with tempfile.TemporaryDirectory(dir=build_dir, prefix="build-") as work, swap.new_folder() as output:
            work_dir = Path(work)
            staged = stage(work_dir / "stage", root=root, data_dir=data_dir, engine=chosen.name, cards=cards)
            try:
                with build_date(staged.last_checked):
                    chosen.run(staged.config_path, output)
            except EngineFailed as failure:
                raise BuildFailed(_failure_report(failure, chosen.name, staged, root, data_dir)) from None
            swap.put_in(output)
            # Published now: its new ids join the registry, so their links are guarded from this build on.
            record_new_ids(staged.comparison, (data_dir or root / DATA) / REGISTRY_NAME)
            # And the editors' schemas follow the ids, so the site's test of them holds after any build.
            if said := refresh_schemas(data_dir or root / DATA, staged.comparison, create=data_dir is None, note_missing=False):
                print(said)
            return sum(1 for _ in (work_dir / "stage" / "docs").rglob("*.md"))


@contextlib.contextmanager
def _one_build_at_a_time(build_dir: Path, wait: float) -> Iterator[None]:
    """Hold .build/build.lock for the whole build: a second build of the same folder waits
    for the first, and gives up after `wait` seconds. The system releases the lock of a
    process that dies, so a killed build never blocks the next."""
    import fcntl

    with open(build_dir / LOCK_FILE, "a+b") as lock:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildFailed(
                        f"another build of this folder has been running for more than {wait:g} s; "
                        "nothing was built (hint: wait for it to finish, or stop it)"
                    ) from None
                if not told:
                    print("another build of this folder is running; waiting for it to finish…", file=sys.stderr, flush=True)
                    told = True
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _remove_stale(build_dir: Path) -> None:
    """Remove the staging folders of builds that were killed; the lock says none is running."""
    for stale in build_dir.glob("build-*"):
        shutil.rmtree(stale, ignore_errors=True)


@dataclass(frozen=True)
class SiteSwap:
    """Where a new site waits to replace site_dir, and where the previous one is set aside.

    Both lie on site_dir's file system, where a rename is atomic: in .build/ when
    it is there (always, for the project's own site/), else in a hidden folder
    beside site_dir. Each site folder has its own, so builds into different
    folders never touch each other's previous site.
    """

    site_dir: Path
    folder: Path

    @classmethod
    def of(cls, site_dir: Path, build_dir: Path) -> SiteSwap:
        same_device = build_dir.stat().st_dev == site_dir.parent.stat().st_dev
        base = build_dir if same_device else site_dir.parent / f".{site_dir.name}.build"
        key = hashlib.sha256(os.fsencode(site_dir)).hexdigest()[:12]
        return cls(site_dir, base / f"swap-{site_dir.name}-{key}")

    @property
    def previous(self) -> Path:
        return self.folder / "previous"

    def recover(self) -> None:
        """Put back a previous site that a killed build left aside, or remove it; remove half-built new sites."""
        if self.previous.exists():
            if _exists(self.site_dir):
                shutil.rmtree(self.previous)
            else:
                self.previous.rename(self.site_dir)
        for stale in self.folder.glob("new-*"):
            shutil.rmtree(stale, ignore_errors=True)

    @contextlib.contextmanager
    def new_folder(self) -> Iterator[Path]:
        """An empty folder for MkDocs' output; removed afterwards unless it became site_dir."""
        self.folder.mkdir(parents=True, exist_ok=True)
        output = Path(tempfile.mkdtemp(dir=self.folder, prefix="new-"))
        try:
            yield output
        finally:
            shutil.rmtree(output, ignore_errors=True)
            with contextlib.suppress(OSError):  # still holds something only if a build was killed mid-swap
                self.folder.rmdir()

    def put_in(self, new_site: Path) -> None:
        """Make new_site, complete, the site at site_dir."""
        if not _exists(self.site_dir):
            new_site.rename(self.site_dir)
        elif _exchange(new_site, self.site_dir):
            shutil.rmtree(new_site)  # now the previous site
        else:
            # Two renames: a kill between them leaves the previous site aside, and recover() puts it back.
            self.site_dir.rename(self.previous)
            new_site.rename(self.site_dir)
            shutil.rmtree(self.previous)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step: Linux's renameat2 with RENAME_EXCHANGE.

    False where the system or the file system cannot (another system, an old C
    library, a file system without the operation): the caller renames twice."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


@contextlib.contextmanager
def build_date(day: date) -> Iterator[None]:
    """Make MkDocs date the build by the data (sitemap lastmod, sitemap.xml.gz's header).

    MkDocs reads SOURCE_DATE_EPOCH, the reproducible-builds convention, and
    falls back to the clock; a value already set by the caller wins.
    """
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def _failure_report(failure: EngineFailed, engine: str, staged: Staged, root: Path, data_dir: Path | None) -> str:
    """Each warning at the file and line an editor opens, with the link as written there."""
    folders = source_folders(root, data_dir)
    lines = []
    for warning in failure.warnings:
        where = (
            warning.page and warning.link and link_source(warning.page, warning.link, staged.page_sources, folders, staged.written_links)
        )
        message = reworded(warning.message, staged.written_links)
        lines.append(f"{where}: {engine}: {message}" if where else f"{engine}: {message}")
    if failure.error and not failure.warnings:
        lines.append(failure.error if failure.error.startswith(f"{engine}:") else f"{engine}: {failure.error}")
    lines.append("The build failed; site/ was left as it was.")
    return "\n".join(lines)
