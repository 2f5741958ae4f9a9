"""Build the site: stage the rendered Markdown, run the engine (MkDocs by default) strictly, swap site/ in.

The engine (scripts/site/engines.py) writes into a temporary folder on site/'s file system; only a build
that finished without a single warning replaces site/, so a failed build
leaves the previous site exactly as it was. The pages are staged by
`stage.py`; `swap.py` puts the new site in site/'s place. One build
runs at a time in a project folder (a lock in .build/), and the temporary
folders of a killed build are removed by the next. Two builds of the same
sources give the same bytes: the only date MkDocs writes (the sitemap's)
comes from the data, never from the clock.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from versus.data.gc_pause import cycle_collector_paused
from versus.data.ids import REGISTRY_NAME, record_new_ids
from versus.data.schema import refresh_schemas
from versus.pages.card_cache import CardCache
from versus.paths import BUILD, DATA, SITE, find_project
from versus.site.engines import THEME_CACHE, EngineFailed, engine_named
from versus.site.mkdocs_warnings import link_source, reworded, source_folders
from versus.site.stage import Staged, stage
from versus.site.swap import SiteSwap

LOCK_WAIT = 600.0  # seconds
LOCK_FILE = "build.lock"


class BuildFailed(Exception):
    """MkDocs reported warnings or errors; the message says what and where."""


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
                    chosen.run(staged.config_path, output, theme_cache=build_dir / THEME_CACHE)
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
