"""Serve the site with live reload: a YAML, template or page save reaches the browser.

This module watches the real sources (data/, content/, templates/,
mkdocs.yml) and re-stages them on change, rewriting only the staged files
whose text changed, in steps: the pages open in a browser first, the
other pages next, the exports, feeds and pictures last. After each step MkDocs, running in this process
(scripts/site/preview_build.py), rebuilds just the changed pages (those
open in a browser first), or the whole site when the pages, a title, the
settings or the theme changed, and the small server of
scripts/site/preview_server.py reloads the tabs whose page changed. A
mistake in the data is printed, shown over the open page, and the last
good pages stay up until it is fixed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from versus.data.gc_pause import cycle_collector_paused
from versus.data.model import Comparison
from versus.data.problems import DataProblems
from versus.pages.page_types import PAGE_TYPES, ItemPage
from versus.pages.publication import read_config
from versus.pages.template_errors import TemplateProblem, template_problem
from versus.pages.urls import page_url
from versus.paths import DEFAULTS_DIR, find_project
from versus.site.build import build_date
from versus.site.mkdocs_warnings import reworded, source_folders, source_of
from versus.site.preview_build import PreviewBuilder, Rebuilt
from versus.site.preview_server import PreviewServer, PreviewState
from versus.site.stage import Staged, stage_in_steps
from versus.site.staged_config import THEME_FOLDER, stage_theme

SOURCE_FOLDERS = ("data", "content", "templates")
QUIET_PERIOD = 0.05  # seconds: editors save in bursts (temp file, rename); restage once
SHOWN_PAGES = 8  # pages named in the terminal after a partial rebuild
THEME_FAILED = "the site's theme failed to build: see the terminal"
T = TypeVar("T")


class _Restager(FileSystemEventHandler):
    """Debounces change events and re-stages once things settle."""

    def __init__(self, root: Path, data_dir: Path) -> None:
        self.changed = threading.Event()
        self.config = root / "mkdocs.yml"
        self.folders = [data_dir if name == "data" else root / name for name in SOURCE_FOLDERS]
        if os.access(DEFAULTS_DIR, os.W_OK):  # the package in development: its own templates and pages are edited too
            self.folders.append(DEFAULTS_DIR)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in ("created", "modified", "closed", "deleted", "moved"):
            return
        path = Path(os.fsdecode(event.src_path))
        # The root is watched for mkdocs.yml alone; site/ and .build/ change on every build.
        if path == self.config or any(path.is_relative_to(folder) for folder in self.folders):
            self.changed.set()


class _FolderWatches:
    """A recursive watch on each source folder that exists, renewed when a folder is deleted and comes back.

    The system's watch of a folder ends with the folder: without this, saves in a restored data/ would
    never be seen. A folder that does not exist yet (a site without templates/) is watched once it does."""

    def __init__(self, observer: Any, restager: _Restager) -> None:
        self.observer = observer
        self.restager = restager
        self.watched: dict[Path, tuple[Any, int]] = {}  # folder → (its watch, the folder's inode when watched)
        self.started = False

    def refresh(self) -> bool:
        """Watch the folders that appeared or were replaced since the last call; True when any went, came back or
        appeared after the first call."""
        renewed = False
        for folder in self.restager.folders:
            try:
                inode: int | None = folder.stat().st_ino if folder.is_dir() else None
            except OSError:
                inode = None
            current = self.watched.get(folder)
            if current is not None and (inode is None or current[1] != inode):
                with contextlib.suppress(KeyError, OSError):  # the system may have dropped the watch with the folder
                    self.observer.unschedule(current[0])
                del self.watched[folder]
                renewed = True  # gone or replaced: the preview says so, or shows what the new folder holds
            if inode is not None and folder not in self.watched:
                self.watched[folder] = (self.observer.schedule(self.restager, str(folder), recursive=True), inode)
                renewed = renewed or self.started
        self.started = True
        return renewed


def restage(root: Path, staging_dir: Path, data_dir: Path | None = None) -> tuple[Staged | None, list[str]]:
    """Stage once, completely; print what is wrong instead of failing.

    What was staged (None when the pages are not current) and the problems to show over the open pages."""
    first, problems = _checked(root, lambda: stage_in_steps(staging_dir, root=root, data_dir=data_dir))
    if first is None:
        return None, problems
    return _checked(root, first[2])


def _checked(root: Path, step: Callable[[], T]) -> tuple[T | None, list[str]]:
    """What a step of the staging returns, or the problems it printed."""
    try:
        with template_problem(root):
            return step(), []
    except DataProblems as found:
        print(found.report().replace("nothing was built", "the preview shows the last good version"), file=sys.stderr, flush=True)
        return None, found.shown()
    except TemplateProblem as problem:
        print(f"{problem} (the preview shows the last good version)", file=sys.stderr, flush=True)
        return None, [str(problem)]


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _placeholder(root: Path, staging_dir: Path) -> None:
    """A one-page preview for data that has never been valid in this session: the banner says what to fix."""
    config = read_config(root / "mkdocs.yml")
    stage_theme(root, config, staging_dir)
    theme = config.get("theme", {})
    if isinstance(theme, dict):
        theme["custom_dir"] = str((staging_dir / THEME_FOLDER).resolve())
    docs = staging_dir / "docs"
    _write_if_changed(
        docs / "index.md", "# The data has problems\n\nThe list below says where; this page reloads by itself once they are fixed.\n"
    )
    preview = {"site_name": "Preview", "docs_dir": str(docs), "theme": theme, "plugins": ["search"]}
    _write_if_changed(staging_dir / "mkdocs.yml", yaml.safe_dump(preview, sort_keys=False))


class _Relay(logging.Handler):
    """Print MkDocs' warnings as they come, a link warning prefixed with the `file:line` an editor opens."""

    def __init__(self, folders: dict[str, Sequence[Path]]) -> None:
        super().__init__(level=logging.WARNING)
        self.folders = folders
        self.staged: Staged | None = None  # the newest staging: its page sources say where a link was written

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        line = f"{record.levelname:<8}-  {message}"
        staged = self.staged
        where = source_of(message, staged.page_sources, self.folders, staged.written_links) if staged else None
        if where and staged:
            line = f"{where}: {record.levelname:<8}-  {reworded(message, staged.written_links)}"
        print(line, file=sys.stderr, flush=True)


def _update(
    builder: PreviewBuilder, staged: Staged | None, state: PreviewState | None = None, shown: list[str] | None = None
) -> Rebuilt | None:
    """Rebuild what the staging changed and say so; None when the build failed (it says why).

    With state, the pages open in a browser are rebuilt first and shown as soon as they are written
    (their addresses are added to shown)."""

    def ready(addresses: tuple[str, ...]) -> None:
        if state is not None:
            state.publish(builder.folder, state.problems, pages=addresses)
            (shown if shown is not None else []).extend(addresses)

    try:
        with build_date(staged.last_checked) if staged else contextlib.nullcontext():
            rebuilt = builder.update(state.watched() if state else (), ready)
    except Exception as error:  # noqa: BLE001 - a theme's template error must not stop the preview
        print(f"mkdocs: {type(error).__name__}: {error} (the preview shows the last good version)", file=sys.stderr, flush=True)
        return None
    if rebuilt.full:
        print(f"Built every page ({len(rebuilt.pages)}) in {rebuilt.seconds:.2f} s: {rebuilt.reason}", file=sys.stderr, flush=True)
    elif rebuilt.pages:
        names = ", ".join(rebuilt.pages[:SHOWN_PAGES]) + (", …" if len(rebuilt.pages) > SHOWN_PAGES else "")
        count = f"{len(rebuilt.pages)} page" + ("" if len(rebuilt.pages) == 1 else "s")
        print(f"Rebuilt {count} in {rebuilt.seconds:.2f} s: {names}", file=sys.stderr, flush=True)
    return rebuilt


def _after_a_save(root: Path, staging_dir: Path, data_dir: Path, builder: PreviewBuilder, state: PreviewState, relay: _Relay) -> None:
    """Restage and rebuild in steps, each shown as soon as it is built: the pages open in a browser (with none
    open, every page but those of the criteria the save left as they were), then the other pages, then the other
    files. The first two are built apart only when the save added no page."""
    previous = relay.staged
    now = _rendered_first(previous.comparison, state.watched()) if previous else None
    first, problems = _checked(root, lambda: stage_in_steps(staging_dir, root=root, data_dir=data_dir, now=now))
    if first is None:
        if problems != state.problems:
            state.publish(None, problems)
        return
    pages, later, finish = first
    # The same pages as before (the old set holds the other files too): partial builds show them step by step.
    in_steps = previous is not None and pages.every_page <= set(previous.page_sources)
    for step in (lambda: pages, later) if in_steps else ():
        shown, problems = _checked(root, step)
        if shown is None:
            state.publish(None, problems)
            return
        if not _show(builder, shown, state, relay, problems):
            return
    staged, problems = _checked(root, finish)
    if staged is None:
        state.publish(None, problems)
        return
    relay.staged = staged
    rebuilt = _update(builder, staged)
    if rebuilt is None:
        state.publish(None, [THEME_FAILED])
    elif rebuilt.pages or rebuilt.files or problems != state.problems:
        state.publish(builder.folder, problems, pages=rebuilt.addresses, files=bool(rebuilt.files))


def _show(builder: PreviewBuilder, staged: Staged, state: PreviewState, relay: _Relay, problems: list[str]) -> bool:
    """Build what this step of the staging changed and reload the tabs that show it; False when the build failed."""
    relay.staged = staged
    shown: list[str] = []
    rebuilt = _update(builder, staged, state if problems == state.problems else None, shown)
    if rebuilt is None:
        state.publish(None, [THEME_FAILED])
        return False
    rest = None if rebuilt.addresses is None else tuple(address for address in rebuilt.addresses if address not in shown)
    if rest is None or rest or problems != state.problems:
        state.publish(builder.folder, problems, pages=rest)
    return True


def _rendered_first(before: Comparison, opened: Collection[str] = ()) -> Callable[[str, ItemPage | None], bool]:
    """Which pages a save renders first: those open in a browser (addresses such as `/features/x/`) when there
    are any, else every page but the item pages that show what they showed before it (page_types.py)."""
    old = {page_type.kind: {item.id: item for item in page_type.items(before)} for page_type in PAGE_TYPES}
    open_urls = {address.lstrip("/") for address in opened}

    def now(page_file: str, page: ItemPage | None) -> bool:
        if open_urls:
            return page_url(page_file) in open_urls
        return page is None or not page.shows_the_same(before, old[page.page_type.kind].get(page.item.id))

    return now


def _stop(signal_number: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(address: str, root: Path | None = None, data_dir: Path | None = None) -> int:
    """Stage, build in this process, serve at address, and on every change re-stage and rebuild what changed."""
    root = root or find_project()
    data_dir = data_dir or root / "data"
    staging_dir = root / ".build" / "serve"
    staging_dir.mkdir(parents=True, exist_ok=True)
    with _one_preview_at_a_time(root / ".build", address) as other:
        if other is not None:
            print(
                f"another preview of this site is running at http://{other}/; nothing was started "
                "(hint: open that address, or stop that preview with Ctrl+C first)",
                file=sys.stderr,
                flush=True,
            )
            return 1
        return _serve(address, root, data_dir, staging_dir)


@contextlib.contextmanager
def _one_preview_at_a_time(build_dir: Path, address: str) -> Iterator[str | None]:
    """Hold .build/serve.lock while this preview runs, with its address written in it; yield None, or the
    address of the preview already running (a second one would delete its folder under it).
    The system releases the lock of a process that dies, so a killed preview never blocks the next."""
    import fcntl

    with open(build_dir / "serve.lock", "a+", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            yield lock.read().strip() or "an unknown address"
            return
        lock.seek(0)
        lock.truncate()
        lock.write(address)
        lock.flush()
        try:
            yield None
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _serve(address: str, root: Path, data_dir: Path, staging_dir: Path) -> int:
    """serve() once this preview holds the project's lock."""
    for stale in staging_dir.glob("site-*"):  # left by a preview that was killed
        shutil.rmtree(stale, ignore_errors=True)
    relay = _Relay(source_folders(root, data_dir))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(relay)
    mkdocs_log.propagate = False
    with cycle_collector_paused():  # as a build does (versus/site/build.py)
        staged, problems = restage(root, staging_dir, data_dir)
        if staged is None:
            _placeholder(root, staging_dir)
        relay.staged = staged
        builder = PreviewBuilder(staging_dir / "mkdocs.yml", staging_dir)
        state = PreviewState()
        if _update(builder, staged) is None:
            return 1
    state.publish(builder.folder, problems)
    # Watching before serving: once a page answers, every later change is seen.
    restager = _Restager(root, data_dir)
    observer = Observer()
    watches = _FolderWatches(observer, restager)
    watches.refresh()
    observer.schedule(restager, str(root), recursive=False)
    observer.start()
    server = PreviewServer(address, state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving on http://{address}/ (Ctrl+C stops)", file=sys.stderr, flush=True)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)  # a terminated preview removes its folder as Ctrl+C does
    try:
        while True:
            if watches.refresh():
                restager.changed.set()  # a folder came back (restored, renamed back): what it holds may differ
            if not restager.changed.wait(timeout=0.5):
                continue
            time.sleep(QUIET_PERIOD)
            restager.changed.clear()
            # The preview holds every built page's objects between saves: a collection during a save
            # would scan them all again and again, for nothing (versus/data/gc_pause.py).
            with cycle_collector_paused():
                _after_a_save(root, staging_dir, data_dir, builder, state, relay)
    except KeyboardInterrupt:
        pass  # Ctrl+C is how a reader stops the preview
    finally:
        observer.stop()
        server.shutdown()
        server.server_close()
        builder.close()
        mkdocs_log.removeHandler(relay)
    return 0
