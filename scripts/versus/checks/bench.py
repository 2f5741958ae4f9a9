"""Measure the build: synthetic data sets of growing size, the default site, `make check` and page weight.

Usage: python -m versus.checks.bench [--repeat N] [--sizes 10x2,100x5,...] [--profile FEATURESxSUBJECTS]
                                      [--engines mkdocs,properdocs,zensical] [--engine-sizes 10x2,...] [--engines-only]
                                      [--preview-sizes default,100x10,1000x10] [--preview-repeat N] [--preview-only]

Every build runs in a fresh Python process (bench_runs.py), on data sets
written for it (bench_data.py). Figures are medians over --repeat runs. A
benchmark reports; it never fails because the machine is slow: the targets
are printed beside the figures. Ratios measured in the same run say more
than seconds on a shared machine: our share of each build, the growth of our
part and of the engine's per 10× the data, and each build beside the
engine's floor, MkDocs + Material building the same number of plain
Markdown pages in a fresh process. The last table builds the same data sets
with each engine (scripts/site/engines.py) and gives each one's median and
its ratio to MkDocs'. The preview's table (scripts/checks/bench_preview.py)
times a label's save to the new text in an open tab, and the restage alone.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from versus.checks.bench_data import plain_site, synthetic_data
from versus.checks.bench_runs import (
    BuildRun,
    cold_and_cached,
    measure_build,
    measure_build_command,
    measure_check,
    measure_check_floor,
    measure_floor,
    median_run,
    run_child_build,
)
from versus.checks.page_weight import TARGET_WEIGHT, page_transfer
from versus.pages.card_cache import CardCache
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


# --- Profile ---------------------------------------------------------------------------


def profile_build(features: int, subjects: int, work: Path, top: int = 25) -> None:
    """Print where one build of a synthetic data set spends its time, heaviest first."""
    import cProfile
    import pstats

    data_dir = synthetic_data(work / f"profile-{features}x{subjects}", features, subjects)
    from versus.site.build import build

    # Its cards are drawn into the work folder: the site's own cache never fills with synthetic ones.
    cards = CardCache(work / "profile-cards")
    profiler = cProfile.Profile()
    profiler.runcall(build, data_dir=data_dir, site_dir=work / "profile-site", cards=cards)
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(top)


# --- The report ------------------------------------------------------------------------


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
            env=tool_environment(),
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
