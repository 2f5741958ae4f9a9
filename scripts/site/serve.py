"""Serve the site with live reload: a YAML, template or page save reaches the browser.

MkDocs serves and reloads the staged folder; this module watches the real
sources (data/, content/, templates/, mkdocs.yml) and re-stages them on
change. Only files whose text changed are rewritten, so MkDocs rebuilds
once per real change. A mistake in the data is printed and the last good
pages stay up until it is fixed.
"""

from __future__ import annotations

from scripts.paths import QUIET_MKDOCS

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from scripts.paths import ROOT
from scripts.site.build import Staged, stage
from scripts.site.mkdocs_warnings import reworded, source_folders, source_of
from scripts.data.problems import DataProblems
from scripts.pages.template_errors import TemplateProblem, template_problem

SOURCE_FOLDERS = ("data", "content", "templates")
QUIET_PERIOD = 0.15  # seconds: editors save in bursts (temp file, rename); restage once


class _Restager(FileSystemEventHandler):
    """Debounces change events and re-stages once things settle."""

    def __init__(self, root: Path, data_dir: Path) -> None:
        self.changed = threading.Event()
        self.config = root / "mkdocs.yml"
        self.folders = [data_dir if name == "data" else root / name for name in SOURCE_FOLDERS]

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in ("created", "modified", "deleted", "moved"):
            return
        path = Path(os.fsdecode(event.src_path))
        # The root is watched for mkdocs.yml alone; site/ and .build/ change on every build.
        if path == self.config or any(path.is_relative_to(folder) for folder in self.folders):
            self.changed.set()


def restage(root: Path, staging_dir: Path, data_dir: Path | None = None) -> Staged | None:
    """Stage once; print what is wrong instead of failing. What was staged, or None when the pages are not current."""
    try:
        with template_problem(root):
            return stage(staging_dir, root=root, data_dir=data_dir, engine="mkdocs")  # the preview is MkDocs' live reload
    except DataProblems as problems:
        print(problems.report().replace("nothing was built", "the preview shows the last good version"), file=sys.stderr, flush=True)
    except TemplateProblem as problem:
        print(f"{problem} (the preview shows the last good version)", file=sys.stderr, flush=True)
    return None


def _relay_log(log: IO[str], latest: list[Staged], folders: dict[str, Path]) -> None:
    """Print MkDocs' log as it comes, a link warning prefixed with the `file:line` an editor opens."""
    for line in log:
        _, separator, message = line.partition(" -  ")
        staged = latest[0]
        where = source_of(message.strip(), staged.page_sources, folders, staged.written_links) if separator else None
        line = line.replace(message.strip(), reworded(message.strip(), staged.written_links)) if where else line
        print(f"{where}: {line}" if where else line, end="", file=sys.stderr, flush=True)


def serve(address: str, root: Path = ROOT, data_dir: Path | None = None) -> int:
    """Stage, start `mkdocs serve --livereload` on the staged config, and re-stage on every change."""
    data_dir = data_dir or root / "data"
    staging_dir = root / ".build" / "serve"
    staging_dir.mkdir(parents=True, exist_ok=True)
    staged = restage(root, staging_dir, data_dir)
    if staged is None:
        print("Fix the problems above, then run `make serve` again.", file=sys.stderr)
        return 1
    latest = [staged]  # one slot, replaced on each restage: the relay thread reads the newest page sources
    folders = source_folders(root, data_dir)
    restager = _Restager(root, data_dir)
    observer = Observer()
    for folder in restager.folders:
        observer.schedule(restager, str(folder), recursive=True)
    observer.schedule(restager, str(root), recursive=False)
    observer.start()
    environment = {**os.environ, **QUIET_MKDOCS}
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--config-file", str(staging_dir / "mkdocs.yml"), "--dev-addr", address]
    server = subprocess.Popen(command, env=environment, stderr=subprocess.PIPE, text=True, bufsize=1)
    threading.Thread(target=_relay_log, args=(server.stderr, latest, folders), daemon=True).start()
    try:
        while server.poll() is None:
            if restager.changed.wait(timeout=0.5):
                time.sleep(QUIET_PERIOD)
                restager.changed.clear()
                staged = restage(root, staging_dir, data_dir)
                if staged is not None:
                    latest[0] = staged
    except KeyboardInterrupt:
        pass  # Ctrl+C is how a reader stops the preview
    finally:
        observer.stop()
        server.terminate()
        server.wait()
    return 0
