"""One measured run: a build, the engine's floor, `make check` or `make build`, each in a fresh process, and the medians of several.

Every build runs in a fresh Python process, as `make build` does, so imports
are counted and peak memory (ru_maxrss) belongs to that build alone. Our part
of a build is timed by wrapping `stage()` where `build()` calls it, and the
dated rows where the rendering calls them, so no timing code enters the build.
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from versus.paths import card_cache as project_card_cache
from versus.paths import find_project, tool_environment


@dataclass(frozen=True)
class BuildRun:
    """What one build in a fresh process took."""

    total: float  # seconds in build(): ours plus MkDocs, imports included
    ours: float  # load + validate + render + stage
    peak_memory: int  # bytes, the process's maximum resident set
    site_bytes: int
    pages: int
    cards_drawn: int = 0  # link-preview pictures drawn by this build; the rest came from the cache
    cards_reused: int = 0
    dated: float = 0.0  # seconds of our part spent on the dated view's rows (comparison/dated-rows.json)

    @property
    def mkdocs(self) -> float:
        return self.total - self.ours


def run_child_build(data_dir: Path, site_dir: Path, card_cache: Path | None = None) -> dict:
    """Build once in this process, timing our stage against the whole; return the figures.

    card_cache is where the link-preview pictures are kept (default: the project's .build/cards)."""
    import versus.pages.render as render_module
    import versus.site.build as build_module
    from versus.pages.card_cache import CardCache

    # Each figure's seconds are appended to a file of its own: the dated rows may be made in a child
    # the build forks (versus/forked.py), whose memory never comes back to this process.
    timings = Path(tempfile.mkdtemp(prefix="bench-timings-"))

    # build() calls stage() through its module, and the rendering dated_rows() through its own, so
    # wrapping them there times the real build path without adding timing code to it.
    def timed(function, figure: str):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                with (timings / figure).open("a", encoding="utf-8") as record:
                    record.write(f"{time.perf_counter() - started}\n")

        return wrapper

    def seconds(figure: str) -> float:
        record = timings / figure
        return sum(float(line) for line in record.read_text(encoding="utf-8").split()) if record.exists() else 0.0

    build_module.stage = timed(build_module.stage, "ours")
    render_module.dated_rows = timed(render_module.dated_rows, "dated")
    cards = CardCache(card_cache or project_card_cache(find_project()))
    started = time.perf_counter()
    pages = build_module.build(data_dir=data_dir, site_dir=site_dir, cards=cards)
    total = time.perf_counter() - started
    figures = {
        "total": total,
        "ours": seconds("ours"),
        # The largest of this process and the children it forked: the most any one process held.
        "peak_memory": max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) * 1024,
        "site_bytes": folder_size(site_dir),
        "pages": pages,
        "cards_drawn": cards.drawn,
        "cards_reused": cards.reused,
        "dated": seconds("dated"),
    }
    shutil.rmtree(timings)
    return figures


def measure_build(data_dir: Path | None, work: Path, engine: str = "mkdocs", card_cache: Path | None = None) -> BuildRun:
    """One build of data_dir (default data/) in a fresh interpreter, with the engine named, keeping cards in card_cache."""
    site_dir = work / f"site-{time.monotonic_ns()}"
    command = [sys.executable, "-m", "versus.checks.bench", "--child", str(data_dir or find_project() / "data"), str(site_dir)]
    if card_cache:
        command += ["--card-cache", str(card_cache)]
    environment = {**tool_environment(), "ENGINE": engine}
    completed = subprocess.run(command, cwd=find_project(), env=environment, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"the build failed:\n{completed.stdout}{completed.stderr}")
    shutil.rmtree(site_dir, ignore_errors=True)
    return BuildRun(**json.loads(completed.stdout.strip().splitlines()[-1]))


def measure_floor(config: Path) -> float:
    """Seconds MkDocs + Material takes to build the plain site of config in a fresh process, imports included,
    timed as our builds are: from inside the process, interpreter start left out."""
    script = (
        "import sys, time\n"
        "started = time.perf_counter()\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        "build(load_config(sys.argv[1], site_dir=sys.argv[2]))\n"
        "print(time.perf_counter() - started)\n"
    )
    site = config.parent / f"site-{time.monotonic_ns()}"
    completed = subprocess.run(
        [sys.executable, "-c", script, str(config), str(site)], env=tool_environment(), capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise SystemExit(f"the plain MkDocs build failed:\n{completed.stdout}{completed.stderr}")
    shutil.rmtree(site, ignore_errors=True)
    return float(completed.stdout.strip().splitlines()[-1])


def measure_check(data_dir: Path) -> float:
    """Wall time of `make check`'s command on data_dir, interpreter start included."""
    return _wall_time([sys.executable, "-m", "versus.cli", "check", "--data", str(data_dir)])


def measure_check_floor(data_dir: Path) -> dict[str, float]:
    """What any check with these libraries costs before our code does anything: the
    interpreter and our imports, and libyaml's parse events for every file of data_dir."""
    imports = [sys.executable, "-c", "import versus.data.validate"]
    events = [
        sys.executable,
        "-c",
        (
            "import pathlib, sys, yaml\n"
            "for path in sorted(pathlib.Path(sys.argv[1]).glob('*.yml')):\n"
            "    parser = yaml.CSafeLoader(path.read_text(encoding='utf-8'))\n"
            "    while parser.get_event() is not None and parser.check_event():\n"
            "        pass\n"
        ),
        str(data_dir),
    ]
    return {
        "imports": _wall_time(imports) - _wall_time([sys.executable, "-c", "pass"]),
        "events": _wall_time(events) - _wall_time([sys.executable, "-c", "import yaml"]),
    }


def measure_build_command() -> float:
    """Wall time of the whole `make build` command on data/, interpreter start and imports included.

    It builds into site/ like `make build`, so it runs only on the project's own data."""
    return _wall_time([sys.executable, "-m", "versus.cli", "build"])


def _wall_time(command: list[str]) -> float:
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=find_project(), env=tool_environment(), capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed:\n{completed.stdout}{completed.stderr}")
    return elapsed


def folder_size(folder: Path) -> int:
    """Bytes of every file below folder."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def median_run(runs: list[BuildRun]) -> BuildRun:
    """Medians of each figure over several runs."""
    return BuildRun(
        total=statistics.median(r.total for r in runs),
        ours=statistics.median(r.ours for r in runs),
        peak_memory=int(statistics.median(r.peak_memory for r in runs)),
        site_bytes=runs[0].site_bytes,
        pages=runs[0].pages,
        cards_drawn=runs[0].cards_drawn,
        cards_reused=runs[0].cards_reused,
        dated=statistics.median(r.dated for r in runs),
    )


def cold_and_cached(data_dir: Path, work: Path, repeat: int, label: str) -> tuple[BuildRun, BuildRun]:
    """Medians of builds that draw every link-preview card (each with an empty cache) and of builds that reuse them all
    (the last cold build's cache), so the project's own cache never fills with synthetic cards."""
    caches = [work / f"cards-{label}-{index}" for index in range(repeat)]
    cold = median_run([measure_build(data_dir, work, card_cache=cache) for cache in caches])
    cached = median_run([measure_build(data_dir, work, card_cache=caches[-1]) for _ in range(repeat)])
    for cache in caches[:-1]:
        shutil.rmtree(cache, ignore_errors=True)
    return cold, cached
