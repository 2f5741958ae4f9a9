"""Stage a site for the engine: validate the data, render every page into a folder with its pictures, its theme and its config.

`stage()` writes everything at once, for a build; `stage_in_steps()` writes
the pages a reader looks at first and the rest later, for the preview.
Unchanged files are not rewritten, so the preview sees only what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import chain
from pathlib import Path

from versus.data.freshness import last_checked
from versus.data.model import Comparison
from versus.forked import cores, even_shares, in_children
from versus.pages.card_cache import CardCache
from versus.pages.card_drawing import DRAWING_VERSION
from versus.pages.cards import HOME_FILE, Card
from versus.pages.conclusions import checked_comparison
from versus.pages.look import LOOK_STYLESHEET, card_accent, stylesheet
from versus.pages.page_types import ItemPage
from versus.pages.publication import Publication, read_config
from versus.pages.render import RenderSteps, StagedPage, render_in_steps, write_staged
from versus.pages.urls import page_url
from versus.paths import BUILD, CONFIG, DATA, card_cache, content_folders, find_project, template_folders
from versus.site.staged_config import stage_theme, staged_config

# Below this many pages, a build renders them sooner than children start and send them back
# (measured: 44 pages about 30 ms sooner alone, 125 pages about 50 ms sooner shared).
SHARED_FROM = 100


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
    # The pages, in even shares, and the other files are pure work that forked children share
    # on a machine of several cores (versus/forked.py): every page is left for later, then shared.
    root, comparison, checked, config, publication, steps = _rendered(root, data_dir, now=lambda page_file, item_page: False)
    parts = cores() if steps.later_count >= SHARED_FROM else 1
    tasks: list[Callable[[], list[StagedPage]]] = [partial(steps.later_pages, share) for share in even_shares(steps.later_count, parts)]
    tasks.append(steps.other_files)
    *page_shares, other_files = in_children(tasks) if parts > 1 else [task() for task in tasks]
    pages = [_look(), *chain.from_iterable(page_shares), *other_files]
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
    pages = list(steps.pages)
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
        every = [_look(), *pages, *steps.other_files()]
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


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _folder_in(data_dir: Path, root: Path) -> str:
    """The data folder's path in the repository, for edit links; `data` when it lies outside."""
    try:
        return data_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return "data"
