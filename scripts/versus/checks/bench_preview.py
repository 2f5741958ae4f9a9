"""Measure the preview: from saving a label in the YAML to the new text in an open browser tab.

`make serve` is started on a copy of the project and of a data set, on a free
port; headless Chromium opens the page of the first criterion; the first
label of that criterion is changed in features.yml, and the clock runs until
the page shows the new text. The restage alone (validate, render every page,
write the changed ones) is timed too, in this process, after a warm-up.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from versus.checks.chromium import CHROMIUM, CHROMIUM_FLAGS
from versus.pages.page_types import PAGES_BY_KIND
from versus.paths import find_project, tool_environment

# Targets from the preview's brief: save → new text visible, median.
TARGETS: dict[str, float] = {"default": 0.5, "100x10": 1.0, "1000x10": 2.0}
PROJECT_PARTS = ("content", "templates", "mkdocs.yml")
START_TIMEOUT = 300.0  # seconds: the first full build of 1000 × 10 takes a while on a slow machine
VISIBLE_TIMEOUT = 120.0  # seconds: the old preview rebuilt every page of 1000 × 10 on each save


@dataclass(frozen=True)
class PreviewFigures:
    """Medians, in seconds, of one data set's runs."""

    visible: float
    restage: float
    runs: tuple[float, ...]


def project_with(data_dir: Path, target: Path) -> Path:
    """A copy of the project's pages, templates and config in target, with a copy of data_dir as its data."""
    for name in PROJECT_PARTS:
        source = find_project() / name
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / name)
    shutil.copytree(data_dir, target / "data")
    return target


def first_label(features_file: Path) -> tuple[str, str]:
    """The first criterion's id and the first `label:` line of its values, as written."""
    text = features_file.read_text(encoding="utf-8")
    feature_id = yaml.safe_load(text)["features"][0]["id"]
    start = re.search(rf"^ *- id: {re.escape(feature_id)}$", text, re.MULTILINE)
    assert start, feature_id
    label = re.compile(r"^ +label: .+$", re.MULTILINE).search(text, start.end())
    assert label, f"no label after {feature_id} in {features_file}"
    return feature_id, label.group(0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure_restage(project: Path, repeat: int) -> float:
    """Median seconds of one restage (validate, render, write what changed) after a label edit, this process warmed up."""
    from versus.site.serve import restage

    staging = project / ".build" / "bench-restage"
    features = project / "data" / "features.yml"
    original = features.read_text(encoding="utf-8")
    _, line = first_label(features)
    restage(project, staging, project / "data")  # warm-up: imports, compiled templates
    times = []
    for run in range(repeat):
        features.write_text(original.replace(line, f"{line} restaged {run}", 1), encoding="utf-8")
        started = time.perf_counter()
        restage(project, staging, project / "data")
        times.append(time.perf_counter() - started)
    features.write_text(original, encoding="utf-8")
    shutil.rmtree(staging, ignore_errors=True)
    return statistics.median(times)


def measure_visible(project: Path, repeat: int, settle: float = 1.0) -> list[float]:
    """Seconds from each label save to the new text in the open tab, over `repeat` saves `settle` seconds apart at least."""
    from playwright.sync_api import sync_playwright

    features = project / "data" / "features.yml"
    feature_id, line = first_label(features)
    address = f"127.0.0.1:{free_port()}"
    code = (
        f"import sys; from pathlib import Path; from versus.site.serve import serve; sys.exit(serve({address!r}, Path({str(project)!r})))"
    )
    log_path = project / "serve.log"
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-c", code], cwd=project, env=tool_environment(), start_new_session=True, stdout=log, stderr=subprocess.STDOUT
        )
    url = f"http://{address}/{PAGES_BY_KIND['feature'].url(feature_id)}"
    try:
        _wait_for(url, process, log_path)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.goto(url)
            times = []
            previous = line
            for run in range(repeat):
                time.sleep(settle)  # the preview finishes the last save (its other files), as an editor pauses between saves
                changed = f"{line} edited {run}"
                text = features.read_text(encoding="utf-8")
                started = time.perf_counter()
                features.write_text(text.replace(previous, changed, 1), encoding="utf-8")
                word = changed.split(": ", 1)[1]
                tab.wait_for_function(
                    f"document.body && document.body.innerText.includes({word!r})", timeout=VISIBLE_TIMEOUT * 1000, polling=10
                )
                times.append(time.perf_counter() - started)
                previous = changed
            browser.close()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    return times


def _wait_for(url: str, process: subprocess.Popen, log_path: Path) -> None:
    import urllib.request

    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the preview did not start:\n" + log_path.read_text(encoding="utf-8")[-3000:]) from None
            time.sleep(0.2)


def measure(data_dir: Path, work: Path, repeat: int) -> PreviewFigures:
    """Both figures for one data set, on its own copy of the project."""
    project = project_with(data_dir, work)
    restage = measure_restage(project, repeat)
    runs = measure_visible(project, repeat, settle=1.0 + 1.5 * restage)
    return PreviewFigures(statistics.median(runs), restage, tuple(runs))


def report(sizes: list[str], repeat: int, work: Path) -> None:
    """Print save → visible and restage medians for the default data (`default`) and synthetic sizes (`100x10`)."""
    from versus.checks.bench_data import synthetic_data

    print(f"\nPreview (`make serve`): label saved in features.yml → new text in the open tab, median of {repeat}\n")
    print("| data | save → visible | target | restage alone | runs |")
    print("|---|---:|---:|---:|---|")
    for size in sizes:
        target = TARGETS.get(size)
        if size == "default":
            data_dir, label = find_project() / "data", "data/ (default site)"
        else:
            features, _, subjects = size.partition("x")
            data_dir = synthetic_data(work / f"preview-data-{size}", int(features), int(subjects))
            label = f"{features} × {subjects}"
        figures = measure(data_dir, work / f"preview-{size}", repeat)
        runs = ", ".join(f"{run:.2f}" for run in figures.runs)
        goal = f"≤ {target:.1f} s" if target else "–"
        print(f"| {label} | {figures.visible:.2f} s | {goal} | {figures.restage:.2f} s | {runs} |", flush=True)
