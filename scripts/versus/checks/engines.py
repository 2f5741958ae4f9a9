"""Build the site with every engine into its own folder and hold each output to the project's checks.

Usage: python -m versus.checks.engines [--only ENGINE ...] [--no-browser]   (`make engines`)

Each engine (MkDocs, ProperDocs, Zensical) builds data/ strictly into
.build/engines/ENGINE/site; the link checker reads that output and its
search index, from a host's root and from a sub-folder; then
tests/test_engines.py runs its checks, the browser ones included (search,
column picker, decision helper, nothing requested from another host, axe),
on the same folders. Exits 1 when any engine fails anything.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from versus.checks.linkcheck import check_served, check_site
from versus.paths import BUILD, find_project, tool_environment
from versus.site.build import BuildFailed, build
from versus.site.engines import ENGINES

ENGINES_FOLDER = "engines"  # in the project's .build/
SITES_VARIABLE = "ENGINE_SITES"  # tests/test_engines.py checks the sites built here rather than its own
SUB_FOLDER = "compare"
ENGINE_TESTS = "tests/test_engines.py"  # the generator's own browser checks of each output, where present


def build_all(names: list[str], output_dir: Path | None = None) -> dict[str, str]:
    """Build with each engine named; what went wrong with each, empty when nothing did."""
    root = find_project()
    output_dir = output_dir or root / BUILD / ENGINES_FOLDER
    problems: dict[str, str] = {}
    print(f"{'engine':<11} {'version':<9} {'build':>7}  {'pages':>5}  links (root, /{SUB_FOLDER}/)")
    for name in names:
        site = output_dir / name / "site"
        started = time.perf_counter()
        try:
            pages = build(root=root, site_dir=site, engine=name)
        except BuildFailed as failure:
            problems[name] = str(failure)
            print(f"{name:<11} {ENGINES[name].version():<9} failed\n{failure}")
            continue
        seconds = time.perf_counter() - started
        broken = check_site(site) + check_served(site, "") + check_served(site, SUB_FOLDER)
        print(f"{name:<11} {ENGINES[name].version():<9} {seconds:>6.2f}s  {pages:>5}  {len(broken)} broken")
        for link in broken:
            print(f"  {link}")
        if broken:
            problems[name] = f"{len(broken)} broken links"
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m versus.checks.engines", description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=list(ENGINES), default=list(ENGINES), help="the engines to check (default: all)")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser checks")
    arguments = parser.parse_args(argv)
    problems = build_all(arguments.only)
    if problems:
        print(f"failed: {', '.join(problems)}", file=sys.stderr)
        return 1
    root = find_project()
    if not (root / ENGINE_TESTS).is_file():
        return 0  # a site without the generator's engine tests: the builds and link checks above are the check
    command = [sys.executable, "-m", "pytest", "-q", ENGINE_TESTS, "-k", " or ".join(arguments.only)]
    if arguments.no_browser:
        command += ["-m", "not browser"]
    environment = {**tool_environment(), SITES_VARIABLE: str(root / BUILD / ENGINES_FOLDER)}
    return subprocess.run(command, cwd=root, env=environment, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
