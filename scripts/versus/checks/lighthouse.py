"""Lighthouse scores for every page type of the built site, served with gzip as a static host serves it.

Usage: python -m versus.checks.lighthouse [SITE_FOLDER] [--runs N]   (make lighthouse)

Lighthouse 12.2.3 (package.json) runs in its default mode, a simulated
mid-range phone on a slow 4G link, in Debian's Chromium. Accessibility,
best practices and SEO must score 100: the exit status is 1 when one does
not. Performance is printed against its target (97) but never fails the
run, since it depends on how busy the machine is; --runs N prints the
median of N runs per page.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from versus.checks.chromium import CHROMIUM, CHROMIUM_FLAGS
from versus.checks.site_pages import page_types
from versus.checks.static_server import StaticServer
from versus.paths import BUILD, PACKAGE_DIR, find_project

RUNNER = PACKAGE_DIR / "checks" / "lighthouse.mjs"  # copied into the project, where node finds its node_modules/
ALL_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PERFECT_CATEGORIES = ("accessibility", "best-practices", "seo")
TARGET_PERFORMANCE = 97


@dataclass
class PageAudit:
    """Lighthouse's verdict on one page: a score per category and the audits that cost points."""

    page: str
    scores: dict[str, int]
    failing: dict[str, list[str]] = field(default_factory=dict)
    metrics: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


class LighthouseMissing(Exception):
    """Lighthouse is not installed: `make lighthouse` and `make test` install it with npm ci."""


def audit_pages(site: Path, pages: list[str], categories: tuple[str, ...] = ALL_CATEGORIES, *, quick: bool = False) -> list[PageAudit]:
    """Serve `site` with gzip and run Lighthouse on each page (URLs relative to the site root)."""
    root = find_project()
    if not (root / "node_modules" / "lighthouse").is_dir():
        raise LighthouseMissing("node_modules/lighthouse is missing: run `npm ci` (make lighthouse and make test do)")
    runner = root / BUILD / RUNNER.name
    runner.parent.mkdir(parents=True, exist_ok=True)
    runner.write_bytes(RUNNER.read_bytes())
    environment = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", str(CHROMIUM)), "CHROME_FLAGS": " ".join(CHROMIUM_FLAGS)}
    with StaticServer(site) as server:
        command = ["node", str(runner), *(["--quick"] if quick else []), ",".join(categories), *(server.url + page for page in pages)]
        completed = subprocess.run(
            command, cwd=root, env=environment, capture_output=True, text=True, timeout=60 + 90 * len(pages), check=False
        )
    if completed.returncode != 0:
        raise RuntimeError(f"Lighthouse failed:\n{completed.stderr[-3000:]}")
    audits = []
    for line in completed.stdout.splitlines():
        if line.startswith("{"):
            result = json.loads(line)
            audits.append(
                PageAudit(
                    result["url"].removeprefix(server.url), result["scores"], result["failing"], result["metrics"], result["problems"]
                )
            )
    return audits


def _median_audits(runs: list[list[PageAudit]]) -> list[PageAudit]:
    """Per page, the run with the median performance score (its other figures come with it)."""
    chosen = []
    for per_page in zip(*runs, strict=True):
        ordered = sorted(per_page, key=lambda audit: audit.scores.get("performance", 0))
        chosen.append(ordered[len(ordered) // 2])
    return chosen


def main(argv: list[str] | None = None) -> int:
    """Print a table of scores per page type; exit 1 if accessibility, best practices or SEO is below 100."""
    parser = argparse.ArgumentParser(prog="python -m versus.checks.lighthouse", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"))
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median performance is shown (default 1)")
    arguments = parser.parse_args(argv)
    if not (arguments.site / "index.html").is_file():
        print(f"{arguments.site} holds no built site: run `make build` first", file=sys.stderr)
        return 1
    kinds = page_types(arguments.site)
    try:
        runs = [audit_pages(arguments.site, list(kinds.values())) for _ in range(arguments.runs)]
    except LighthouseMissing as missing:
        print(missing, file=sys.stderr)
        return 1
    audits = _median_audits(runs)
    print(
        f"Lighthouse 12.2.3, mobile, site served with gzip; {'median of ' + str(arguments.runs) + ' runs' if arguments.runs > 1 else 'one run'} per page\n"
    )
    print("| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    below = []
    for kind, audit in zip(kinds, audits, strict=True):
        scores = audit.scores
        metrics = [
            audit.metrics.get(name, "")
            for name in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
        ]
        print(
            f"| {kind} (/{audit.page}) | {scores['performance']} | {scores['accessibility']} | {scores['best-practices']} | {scores['seo']} | {' | '.join(metrics)} |".replace(
                "\xa0", " "
            )
        )
        for category, failing in audit.failing.items():
            if category == "performance" and scores[category] >= TARGET_PERFORMANCE:
                continue  # its metrics rarely score a full 1; only a missed target needs them
            for failed in failing:
                below.append(f"{kind}: {category}: {failed}".replace("\xa0", " "))
        below += [f"{kind}: warning: {problem}" for problem in audit.problems]
    if below:
        print("\nAudits that cost points:")
        print("\n".join(f"  {line}" for line in below))
    slowest = min(audit.scores["performance"] for audit in audits)
    print(f"\nlowest performance: {slowest} (target ≥ {TARGET_PERFORMANCE}, reported only)")
    imperfect = [audit for audit in audits if any(audit.scores[category] < 100 for category in PERFECT_CATEGORIES)]
    print("accessibility, best practices and SEO: " + ("100 on every page" if not imperfect else f"below 100 on {len(imperfect)} page(s)"))
    return 1 if imperfect else 0


if __name__ == "__main__":
    sys.exit(main())
