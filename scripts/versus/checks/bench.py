"""Measure the build: synthetic data sets of growing size, the default site, `make check` and page weight.

Usage: python -m versus.checks.bench [--repeat N] [--sizes 10x2,100x5,...] [--profile FEATURESxSUBJECTS]
                                      [--engines mkdocs,properdocs,zensical] [--engine-sizes 10x2,...] [--engines-only]
                                      [--preview-sizes default,100x10,1000x10] [--preview-repeat N] [--preview-only]

Every build runs in a fresh Python process, as `make build` does, so imports
are counted and peak memory (ru_maxrss) belongs to that build alone. Figures
are medians over --repeat runs. A benchmark reports; it never fails because
the machine is slow: the targets are printed beside the figures. Ratios
measured in the same run say more than seconds on a shared machine: our
share of each build, the growth of our part and of the engine's per 10× the
data, and each build beside the engine's floor, MkDocs + Material building
the same number of plain Markdown pages in a fresh process. The last
table builds the same data sets with each engine (scripts/site/engines.py)
and gives each one's median and its ratio to MkDocs'. The preview's table
(scripts/checks/bench_preview.py) times a label's save to the new text in
an open tab, and the restage alone.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import yaml

from versus.paths import card_cache as project_card_cache
from versus.paths import find_project, tool_environment

DEFAULT_SIZES = [(f, s) for f in (10, 100, 1000) for s in (2, 5, 10)]
ENGINE_SIZES = [(10, 2), (100, 5), (1000, 10)]
CHECK_SIZE = (1000, 10)
PREVIEW_SIZES = ["default", "100x10", "1000x10"]

# Targets from the project's performance brief, printed beside what was measured.
TARGET_DEFAULT_BUILD = 1.0  # seconds, median
TARGET_BUILD_COMMAND = 1.5  # seconds, the whole `make build` command on the default site
TARGET_OUR_SHARE = 0.15  # of the whole build at 1000 x 10
TARGET_FLOOR_RATIO = 1.2  # our whole build at 1000 x 10 against MkDocs + Material on as many plain pages
TARGET_GROWTH = 11.0  # our part's time for 10x the data
TARGET_COLD_RATIO = 1.5  # drawing every card at 1000 x 10 against the cached build
TARGET_CHECK = 0.8  # seconds for `make check` on 1000 x 10
TARGET_WEIGHT = 120 * 1024  # bytes, gzipped, the comparison page in all

RATINGS = ["excellent", "good", "fair", "limited", "poor"]
WORDS = [
    "model",
    "graph",
    "tensor",
    "kernel",
    "runtime",
    "export",
    "compile",
    "serve",
    "deploy",
    "mobile",
    "browser",
    "server",
    "cluster",
    "memory",
    "latency",
    "throughput",
    "batch",
    "gradient",
    "optimizer",
    "dataset",
    "loader",
    "device",
    "accelerator",
    "quantize",
    "prune",
    "trace",
    "debug",
    "profile",
    "schedule",
    "checkpoint",
    "shard",
    "replica",
    "pipeline",
    "operator",
    "layer",
    "module",
    "eager",
    "lazy",
    "static",
    "dynamic",
    "portable",
    "stable",
    "mature",
    "modern",
    "legacy",
    "official",
    "community",
    "vendor",
    "release",
    "support",
    "guide",
]


# --- Synthetic data -------------------------------------------------------------


def synthetic_data(target: Path, features: int, subjects: int, *, seed: int = 1) -> Path:
    """Write a valid data folder with this many features and subjects, use cases and a verdict.

    Text is varied (seeded, so every run writes the same files) and shaped like
    the real data: Markdown explanations, one or two sources per value, a
    history on some values, a use case per ten features per subject.
    """
    words = random.Random(seed)
    newest = date(2026, 6, 30)

    def sentence(count: int) -> str:
        chosen = [words.choice(WORDS) for _ in range(count)]
        return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."

    def day(back: int = 180) -> str:
        return (newest - timedelta(days=words.randrange(back))).isoformat()

    def source(path: str) -> dict:
        return {"url": f"https://docs.example.org/{path}", "title": sentence(4).rstrip("."), "publisher": "Example Publisher"}

    subject_ids = [f"subject-{n}" for n in range(1, subjects + 1)]
    feature_ids = [f"feature-{n:04d}" for n in range(1, features + 1)]
    target.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict] = {
        "site.yml": {
            "title": f"{subjects} subjects compared on {features} features",
            "description": sentence(20),
            "why_it_matters": sentence(30) + "\n\n" + sentence(30),
            "as_of": newest.isoformat(),
        },
        "subjects.yml": {
            "subjects": [
                {
                    "id": subject_id,
                    "name": f"Subject {n}",
                    "summary": sentence(12),
                    "licence": "Apache-2.0",
                    "licence_url": f"https://example.org/{subject_id}/licence",
                    "governance": f"The Subject {n} Foundation",
                    "homepage": f"https://example.org/{subject_id}",
                    "repository": f"https://example.org/{subject_id}/repo",
                    "documentation": f"https://example.org/{subject_id}/docs",
                    "first_release": {"version": "0.1", "date": "2016-01-01", "url": f"https://example.org/{subject_id}/0.1"},
                    "latest_release": {"version": "2.10", "date": "2025-12-01", "url": f"https://example.org/{subject_id}/2.10"},
                    "sources": [source(f"{subject_id}/about")],
                    "as_of": day(),
                }
                for n, subject_id in enumerate(subject_ids, 1)
            ]
        },
    }
    feature_rows = []
    for n, feature_id in enumerate(feature_ids):
        values = {}
        for subject_id in subject_ids:
            cell = {
                "label": sentence(3).rstrip("."),
                "rating": words.choice(RATINGS),
                "explanation": f"{sentence(25)} It is **{words.choice(WORDS)}** by default; see [the guide](https://docs.example.org/{feature_id}). {sentence(15)}",
                "sources": [source(f"{subject_id}/{feature_id}/{k}") for k in range(words.choice((1, 2)))]
                or [source(f"{subject_id}/{feature_id}")],
                "as_of": day(),
            }
            if n % 5 == 0:
                cell["history"] = [
                    {
                        "label": sentence(3).rstrip("."),
                        "rating": words.choice(RATINGS),
                        "as_of": "2024-01-01",
                        "changed_on": "2025-01-01",
                        "reason": sentence(12),
                        "change_sources": [source(f"{subject_id}/{feature_id}/release-notes")],
                    }
                ]
            values[subject_id] = cell
        feature_rows.append(
            {"id": feature_id, "name": f"Feature {n + 1}: {words.choice(WORDS)}", "question": sentence(10)[:-1] + "?", "values": values}
        )
    files["features.yml"] = {"features": feature_rows}
    # A use case cites as evidence only rows its subject leads (the check holds it to that); the others it cites are context.
    rank = {rating: place for place, rating in enumerate(RATINGS)}  # best first
    led: dict[str, list[str]] = {subject_id: [] for subject_id in subject_ids}
    if len(subject_ids) == 1:  # alone, a subject's every row is its own (the check asks no lead of it)
        led[subject_ids[0]] = list(feature_ids)
    for feature_id, row in zip(feature_ids, feature_rows, strict=True):
        ranks = {subject_id: rank[str(row["values"][subject_id]["rating"])] for subject_id in subject_ids}  # type: ignore[index]
        if len(set(ranks.values())) > 1:
            for subject_id, place in ranks.items():
                if place == min(ranks.values()):
                    led[subject_id].append(feature_id)
    use_cases = []
    for subject_id in subject_ids:
        for n in range(max(1, features // 10) if led[subject_id] else 0):
            backing = sorted({words.choice(feature_ids) for _ in range(3)})
            evidence = [f for f in backing if f in led[subject_id]] or [words.choice(led[subject_id])]
            use_cases.append(
                {
                    "id": f"{subject_id}-use-{n + 1}",
                    "subject": subject_id,
                    "title": sentence(5).rstrip("."),
                    "reason": sentence(30),
                    "features": evidence,
                    "context": [f for f in backing if f not in evidence],
                }
            )
    files["use_cases.yml"] = {"use_cases": use_cases}
    notes = [
        {"id": f"note-{n}", "title": sentence(3).rstrip("."), "text": sentence(40), "sources": [source(f"notes/{n}")], "as_of": day()}
        for n in range(1, 5)
    ]
    files["pricing.yml"] = {"summary": sentence(20), "considerations": notes}
    files["performance.yml"] = {"summary": sentence(20), "points": notes}
    files["verdict.yml"] = {
        "points": [
            {
                "id": f"verdict-{subject_id}",
                "title": f"Where {subject_id} wins",
                "winner": subject_id,
                "summary": sentence(12),
                "text": sentence(40),
                "use_cases": [u["id"] for u in use_cases if u["subject"] == subject_id][:5],
                "as_of": day(),
            }
            for subject_id in subject_ids
            if led[subject_id]
        ]
    }
    levels = [
        ("not-relevant", "Doesn't matter", 0),
        ("nice-to-have", "Nice to have", 1),
        ("important", "Important", 2),
        ("critical", "Critical", 4),
    ]
    files["decision.yml"] = {
        "importance": [{"id": level, "label": label, "weight": weight} for level, label, weight in levels],
        "default_importance": "nice-to-have",
        "profiles": [
            {
                "id": f"profile-{n}",
                "title": sentence(3).rstrip("."),
                "summary": sentence(10),
                "importance": {feature_id: words.choice(levels)[0] for feature_id in sorted({words.choice(feature_ids) for _ in range(5)})},
            }
            for n in range(1, 4)
        ],
    }
    for name, content in files.items():
        text = yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=1000)
        (target / name).write_text(f"# generated by versus/checks/bench.py for benchmarking; do not edit\n{text}", encoding="utf-8")
    return target


# --- One build, measured in its own process ------------------------------------------


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

    spent = {"ours": 0.0, "dated": 0.0}

    # build() calls stage() through its module, and the rendering dated_rows() through its own, so
    # wrapping them there times the real build path without adding timing code to it.
    def timed(function, figure: str):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[figure] += time.perf_counter() - started

        return wrapper

    build_module.stage = timed(build_module.stage, "ours")
    render_module.dated_rows = timed(render_module.dated_rows, "dated")
    cards = CardCache(card_cache or project_card_cache(find_project()))
    started = time.perf_counter()
    pages = build_module.build(data_dir=data_dir, site_dir=site_dir, cards=cards)
    total = time.perf_counter() - started
    return {
        "total": total,
        "ours": spent["ours"],
        "peak_memory": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "site_bytes": folder_size(site_dir),
        "pages": pages,
        "cards_drawn": cards.drawn,
        "cards_reused": cards.reused,
        "dated": spent["dated"],
    }


def measure_build(data_dir: Path | None, work: Path, engine: str = "mkdocs", card_cache: Path | None = None) -> BuildRun:
    """One build of data_dir (default data/) in a fresh interpreter, with the engine named, keeping cards in card_cache."""
    site_dir = work / f"site-{time.monotonic_ns()}"
    command = [sys.executable, "-m", "versus.checks.bench", "--child", str(data_dir or find_project() / "data"), str(site_dir)]
    if card_cache:
        command += ["--card-cache", str(card_cache)]
    environment = {**_environment(), "ENGINE": engine}
    completed = subprocess.run(command, cwd=find_project(), env=environment, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"the build failed:\n{completed.stdout}{completed.stderr}")
    shutil.rmtree(site_dir, ignore_errors=True)
    return BuildRun(**json.loads(completed.stdout.strip().splitlines()[-1]))


FLOOR_PAGE = """# Page {n}: {title}

{paragraph}

## Details

{paragraph}

- {item}
- {item}
- {item}

| Name | Value |
|---|---|
| {item} | {n} |
"""


def plain_site(target: Path, pages: int) -> Path:
    """A site of `pages` plain Markdown pages with MkDocs + Material and its search: the engine's floor for that many pages."""
    words = random.Random(pages)

    def sentence(count: int) -> str:
        return " ".join(words.choice(WORDS) for _ in range(count)).capitalize() + "."

    docs = target / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for n in range(pages):
        text = FLOOR_PAGE.format(n=n, title=sentence(3), paragraph=" ".join(sentence(15) for _ in range(4)), item=sentence(4))
        (docs / ("index.md" if n == 0 else f"page-{n:04d}.md")).write_text(text, encoding="utf-8")
    config = target / "mkdocs.yml"
    config.write_text("site_name: Floor\ntheme:\n  name: material\nplugins:\n  - search\n", encoding="utf-8")
    return config


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
        [sys.executable, "-c", script, str(config), str(site)], env=_environment(), capture_output=True, text=True, check=False
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
    completed = subprocess.run(command, cwd=find_project(), env=_environment(), capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed:\n{completed.stdout}{completed.stderr}")
    return elapsed


def _environment() -> dict[str, str]:
    return tool_environment()


def folder_size(folder: Path) -> int:
    """Bytes of every file below folder."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


# --- Page weight -----------------------------------------------------------------------


class _Assets(HTMLParser):
    """The files a page loads by itself (stylesheets, scripts, icons, images) and Material's page config."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.material_config: dict = {}
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if (
            tag == "link"
            and attributes.get("href")
            and set((attributes.get("rel") or "").split()) & {"stylesheet", "icon", "preload", "modulepreload"}
        ):
            self.urls.append(attributes["href"] or "")
        elif tag in ("script", "img", "source") and attributes.get("src"):
            self.urls.append(attributes["src"] or "")
        self._in_config = tag == "script" and attributes.get("id") == "__config"

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.material_config = json.loads(data)


def page_transfer(site: Path, page: str) -> dict[str, int]:
    """Gzipped bytes of every file the page at `page` (e.g. "comparison/") transfers on load.

    The page itself, what its HTML loads, and what Material's scripts load at
    once, as its page config says: the search worker and the search index,
    and the sitemap when instant navigation is on (it lists the pages that
    may be loaded without a reload). Keys are paths relative to the site root.
    """
    site = site.resolve()
    html_path = site / page / "index.html"
    parser = _Assets()
    parser.feed(html_path.read_text(encoding="utf-8"))
    files = {html_path}
    for url in parser.urls:
        if "//" not in url:
            files.add((html_path.parent / url.split("#")[0].split("?")[0]).resolve())
    config = parser.material_config
    if config.get("search"):
        files.add((html_path.parent / config["search"]).resolve())
        files.add(site / "search" / "search_index.json")
    if "navigation.instant" in config.get("features", []):
        files.add(site / "sitemap.xml")
    return {path.relative_to(site).as_posix(): gzipped_size(path) for path in sorted(files)}


def gzipped_size(path: Path) -> int:
    """Bytes of path as a static host sends it: gzip level 6 for text, images as they are."""
    data = path.read_bytes()
    if path.suffix in (".png", ".jpg", ".jpeg", ".webp", ".gif", ".woff2", ".gz"):
        return len(data)
    return len(gzip.compress(data, compresslevel=6, mtime=0))


# --- Profile ---------------------------------------------------------------------------


def profile_build(features: int, subjects: int, work: Path, top: int = 25) -> None:
    """Print where one build of a synthetic data set spends its time, heaviest first."""
    import cProfile
    import pstats

    data_dir = synthetic_data(work / f"profile-{features}x{subjects}", features, subjects)
    from versus.site.build import build

    profiler = cProfile.Profile()
    profiler.runcall(build, data_dir=data_dir, site_dir=work / "profile-site")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(top)


# --- The report ------------------------------------------------------------------------


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


def mebibytes(count: int) -> str:
    return f"{count / 2**20:.1f} MiB"


def report(sizes: list[tuple[int, int]], repeat: int, default_repeat: int) -> int:
    """Run every measurement and print the tables; return 0 (timings are reported, never asserted)."""
    with tempfile.TemporaryDirectory(prefix="bench-") as work_text:
        work = Path(work_text)
        print(f"Synthetic data sets, a page per feature; median of {repeat} builds, each in a fresh process\n")
        print(
            "`build` reuses every link-preview card from the cache; `drawing every card` starts with an empty one (cards drawn ÷ reused)."
        )
        print("`dated rows` is the part of our code spent on the dated view's rows. `floor` is MkDocs + Material alone building as")
        print("many plain Markdown pages in a fresh process, in the same run; `÷ floor` is our whole build against it.\n")
        print(
            "| features × subjects | pages | build | our code | MkDocs | our share | dated rows | floor | ÷ floor "
            "| peak memory | site size | drawing every card | cold ÷ cached |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        medians: dict[tuple[int, int], BuildRun] = {}
        plain_floors: dict[int, float] = {}
        colds: dict[tuple[int, int], BuildRun] = {}
        for features, subjects in sizes:
            data_dir = synthetic_data(work / f"data-{features}x{subjects}", features, subjects)
            cold, run = cold_and_cached(data_dir, work, repeat, f"{features}x{subjects}")
            medians[features, subjects], colds[features, subjects] = run, cold
            if run.pages not in plain_floors:
                plain = plain_site(work / f"plain-{run.pages}", run.pages)
                plain_floors[run.pages] = statistics.median(measure_floor(plain) for _ in range(repeat))
            floor = plain_floors[run.pages]
            print(
                f"| {features} × {subjects} | {run.pages} | {run.total:.2f} s | {run.ours:.2f} s | {run.mkdocs:.2f} s "
                f"| {run.ours / run.total:.0%} | {run.dated:.2f} s | {floor:.2f} s | {run.total / floor:.2f}× "
                f"| {mebibytes(run.peak_memory)} | {mebibytes(run.site_bytes)} "
                f"| {cold.total:.2f} s ({cold.cards_drawn} ÷ {cold.cards_reused}) | {cold.total / run.total:.2f}× |",
                flush=True,
            )
        print()
        for subjects in sorted({s for _, s in sizes}):
            steps = [f for f, s in sizes if s == subjects]
            for smaller, larger in itertools.pairwise(steps):
                small, large = medians[smaller, subjects], medians[larger, subjects]
                growth = larger / smaller
                print(
                    f"{subjects} subjects, {smaller} → {larger} features ({growth:.0f}×): our code {large.ours / small.ours:.2f}×, "
                    f"MkDocs {large.mkdocs / small.mkdocs:.2f}×, the whole build {large.total / small.total:.2f}× "
                    f"(target for our code ≤ {TARGET_GROWTH * growth / 10:.0f}×)"
                )
        if (1000, 10) in medians:
            largest = medians[1000, 10]
            print(
                f"1000 × 10: our share {largest.ours / largest.total:.0%} (target ≤ {TARGET_OUR_SHARE:.0%}), "
                f"build ÷ floor {largest.total / plain_floors[largest.pages]:.2f}× (target ≤ {TARGET_FLOOR_RATIO:.1f}×), "
                f"dated rows {largest.dated / largest.ours:.0%} of our code, "
                f"drawing every card {colds[1000, 10].total / largest.total:.2f}× the cached build (target ≤ {TARGET_COLD_RATIO:.1f}×)"
            )

        # data/'s cards drawn into an empty cache, then the builds a second `make build` makes, with the project's cache.
        default_cold = median_run([measure_build(None, work, card_cache=work / f"cards-default-{n}") for n in range(repeat)])
        measure_build(None, work)  # fills the project's cache if it was empty
        default_runs = [measure_build(None, work) for _ in range(default_repeat)]
        default = median_run(default_runs)
        spread = ", ".join(f"{r.total:.2f}" for r in default_runs)
        print(
            f"\nDefault site (data/): {default.pages} pages, build median {default.total:.2f} s over {default_repeat} runs "
            f"(target ≤ {TARGET_DEFAULT_BUILD:.1f} s; runs: {spread}), our code {default.ours:.2f} s ({default.ours / default.total:.0%}); "
            f"drawing all {default_cold.cards_drawn} link-preview cards instead of reusing them: {default_cold.total:.2f} s"
        )

        command = statistics.median(measure_build_command() for _ in range(default_repeat))
        print(
            f"`make build` on data/, the whole command (interpreter, imports, build): median {command:.2f} s (target ≤ {TARGET_BUILD_COMMAND:.1f} s)"
        )

        check_data = synthetic_data(work / "check-data", *CHECK_SIZE)
        check = statistics.median(measure_check(check_data) for _ in range(default_repeat))
        print(f"make check on {CHECK_SIZE[0]} × {CHECK_SIZE[1]}: median {check:.2f} s (target ≤ {TARGET_CHECK:.1f} s)")
        floors = [measure_check_floor(check_data) for _ in range(default_repeat)]
        imports = statistics.median(f["imports"] for f in floors)
        events = statistics.median(f["events"] for f in floors)
        print(f"  before our code runs: importing the checker {imports:.2f} s, libyaml's parse events alone {events:.2f} s")

        site = work / "weight-site"
        subprocess.run(
            [sys.executable, "-m", "versus.checks.bench", "--child", str(find_project() / "data"), str(site)],
            cwd=find_project(),
            env=_environment(),
            capture_output=True,
            check=True,
        )
        weights = page_transfer(site, "comparison/")
        print("\nComparison page, gzipped transfer on load:")
        for name, size in weights.items():
            print(f"  {size / 1024:7.1f} KB  {name}")
        total = sum(weights.values())
        print(f"  {total / 1024:7.1f} KB  in all (target ≤ {TARGET_WEIGHT / 1024:.0f} KB)")
    return 0


def report_engines(engines: list[str], sizes: list[tuple[int, int]], repeat: int) -> int:
    """Build the default site and each data set with every engine; print medians and ratios to MkDocs. Never fails."""
    from versus.site.engines import engine_named

    names = ", ".join(f"{engine_named(name).name} {engine_named(name).version()}" for name in engines)
    print(f"\nEngines ({names}): the whole build, ours included, median of {repeat} builds, each in a fresh process\n")
    others = [name for name in engines if name != "mkdocs"]
    print("| data | pages | " + " | ".join(engines) + "".join(f" | {name} ÷ mkdocs" for name in others if "mkdocs" in engines) + " |")
    print("|---|---:|" + "---:|" * (len(engines) + (len(others) if "mkdocs" in engines else 0)))
    with tempfile.TemporaryDirectory(prefix="bench-engines-") as work_text:
        work = Path(work_text)
        data_sets: list[tuple[str, Path | None]] = [("data/ (default site)", None)]
        data_sets += [(f"{f} × {s}", synthetic_data(work / f"data-{f}x{s}", f, s)) for f, s in sizes]
        for label, data_dir in data_sets:
            medians: dict[str, float | None] = {}
            pages = 0
            for name in engines:
                try:
                    runs = [measure_build(data_dir, work, name, work / "cards") for _ in range(repeat)]
                except SystemExit as failure:
                    print(f"  {name} failed on {label}: {str(failure).splitlines()[-2:]}", file=sys.stderr)
                    medians[name] = None
                    continue
                medians[name] = statistics.median(run.total for run in runs)
                pages = runs[0].pages
            cells = [f"{medians[name]:.2f} s" if medians[name] is not None else "failed" for name in engines]
            base = medians.get("mkdocs")
            ratios = [_ratio(medians[name], base) for name in others] if "mkdocs" in engines else []
            print(f"| {label} | {pages} | " + " | ".join(cells + ratios) + " |", flush=True)
    return 0


def _ratio(seconds: float | None, base: float | None) -> str:
    return f"{seconds / base:.2f}×" if seconds and base else "–"


def _size(text: str) -> tuple[int, int]:
    """`100x10` as (features, subjects)."""
    features, _, subjects = text.partition("x")
    return int(features), int(subjects)


def main(argv: list[str] | None = None) -> int:
    """Parse the options and run the benchmark, a profile, or one measured build (--child)."""
    parser = argparse.ArgumentParser(prog="python -m versus.checks.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="builds per synthetic data set (default 3)")
    parser.add_argument("--default-repeat", type=int, default=7, help="builds of the default site and runs of check (default 7)")
    parser.add_argument(
        "--sizes", default=",".join(f"{f}x{s}" for f, s in DEFAULT_SIZES), help="FEATURESxSUBJECTS,... (default: 10, 100, 1000 × 2, 5, 10)"
    )
    parser.add_argument("--profile", metavar="FEATURESxSUBJECTS", help="profile one build instead of benchmarking")
    parser.add_argument("--engines", default="mkdocs,properdocs,zensical", help="the engines compared in the last table ('' for none)")
    parser.add_argument(
        "--engine-sizes",
        default=",".join(f"{f}x{s}" for f, s in ENGINE_SIZES),
        help="data sets built by every engine (default: 10x2,100x5,1000x10)",
    )
    parser.add_argument("--engines-only", action="store_true", help="print only the engines' table")
    parser.add_argument(
        "--preview-sizes", default=",".join(PREVIEW_SIZES), help="data sets of the preview's table: default (data/) or FEATURESxSUBJECTS"
    )
    parser.add_argument("--preview-repeat", type=int, default=5, help="saves timed per preview data set (default 5)")
    parser.add_argument("--preview-only", action="store_true", help="print only the preview's table")
    parser.add_argument("--child", nargs=2, metavar=("DATA", "SITE"), help=argparse.SUPPRESS)
    parser.add_argument("--card-cache", type=Path, help=argparse.SUPPRESS)  # with --child: where the build keeps its cards
    arguments = parser.parse_args(argv)
    if arguments.child:
        print(json.dumps(run_child_build(Path(arguments.child[0]), Path(arguments.child[1]), arguments.card_cache)))
        return 0
    if arguments.profile:
        features, subjects = _size(arguments.profile)
        with tempfile.TemporaryDirectory(prefix="bench-") as work:
            profile_build(features, subjects, Path(work))
        return 0
    engines = [name for name in arguments.engines.split(",") if name]
    engine_sizes = [_size(size) for size in arguments.engine_sizes.split(",") if size]
    if not arguments.engines_only and not arguments.preview_only:
        sizes = [_size(size) for size in arguments.sizes.split(",")]
        report(sizes, arguments.repeat, arguments.default_repeat)
    if engines and not arguments.preview_only:
        report_engines(engines, engine_sizes, arguments.repeat)
    preview_sizes = [size for size in arguments.preview_sizes.split(",") if size]
    if preview_sizes and not arguments.engines_only:
        from versus.checks import bench_preview

        with tempfile.TemporaryDirectory(prefix="bench-preview-") as work:
            bench_preview.report(preview_sizes, arguments.preview_repeat, Path(work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
