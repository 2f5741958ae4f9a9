"""Shared fixtures: a copy of the small data set to break, and a way to run the CLI."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.paths import ROOT, tool_environment
from versus.checks.chromium import CHROMIUM, CHROMIUM_FLAGS  # shared with Lighthouse
from versus.checks.static_server import StaticServer
from versus.data.model import Comparison, Feature

FIXTURES = Path(__file__).resolve().parent / "fixtures"


BROWSER_FIXTURES = {"browser", "page"}


@functools.cache
def project_comparison() -> Comparison:
    """The project's own comparison: tests of the built site take their ids and words from it, never from an example."""
    from versus.data.validate import load_comparison

    return load_comparison(ROOT / "data")


def first_criteria(count: int = 1) -> list[Feature]:
    """The first scored criteria in reading order (the first criteria when fewer are scored)."""
    from versus.data.lookup import Lookup

    comparison = project_comparison()
    rows = Lookup.of(comparison).rows
    ordered = comparison.ordered_features()
    scored = [feature for feature in ordered if rows[feature.id].scored]
    return (scored if len(scored) >= count else ordered)[:count]


def search_word(comparison: Comparison | None = None) -> str:
    """A word a reader would search for that the site has: the first word of its first criterion's name."""
    return (comparison or project_comparison()).ordered_features()[0].name.split()[0]


# The long campaigns, by test id: `make test-all` (and CI) runs them, `make test` leaves them out, so a developer's
# run takes minutes. Each gate still runs by default on the project's own site in light mode.
CAMPAIGNS = {
    "tests/test_lighthouse.py": "Lighthouse audits every page type",
    "tests/test_engines.py": "ProperDocs and Zensical build the site, and each output is held to the browser checks",
    "tests/test_new.py::test_a_wheel_installs_alone": "a wheel in an empty venv, then a new site's own CI from a fresh clone",
    "tests/test_accessibility.py::test_no_page_type_has_an_accessibility_violation[commute-": "axe on the second comparison",
    "tests/test_accessibility.py::test_no_page_type_has_an_accessibility_violation[project-dark]": "axe in dark mode",
    "tests/test_reading_accessibility.py::test_no_page_type_has_a_violation_on_a_phone[commute-": "axe on a phone, second comparison",
    "tests/test_reading_accessibility.py::test_no_page_type_has_a_violation_on_a_phone[project-dark]": "axe on a phone in dark mode",
    "tests/test_quality.py::test_every_page_type_requests_only_the_local_server[commute]": "the second comparison's requests",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Chromium carries the `browser` mark, so `-m "not browser"` runs the rest;
    the long campaigns carry the `campaign` mark."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        if any(item.nodeid.startswith(campaign) for campaign in CAMPAIGNS):
            item.add_marker(pytest.mark.campaign)


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/small: two subjects, two features."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "small", target)
    return target


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*arguments: str | Path, cwd: Path = ROOT) -> Run:
    """Run `python -m versus.cli ...` as a user would, capturing what it prints."""
    environment = tool_environment()
    completed = subprocess.run(
        [sys.executable, "-m", "versus.cli", *map(str, arguments)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


def attr(name: str, value: str) -> str:
    """A CSS attribute selector for any id, e.g. `[id="1password"]`: `#1password` is no valid selector, since an id may start with a digit."""
    return f"[{name}={json.dumps(value)}]"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a fixture file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# --- The built site, served locally, and a browser to read it ----------------


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built once from data/, strictly, into a temporary folder."""
    from versus.site.build import build

    site = tmp_path_factory.mktemp("built") / "site"
    build(site_dir=site)
    return site


# The sites every quality gate holds: the project's own data and a second, small comparison of
# another kind (three subjects, categories, every kind of value), so no gate fits one example.
GATE_SITES = ("project", "commute")


@pytest.fixture(scope="session", params=GATE_SITES)
def gate_site(request, tmp_path_factory) -> Path:
    """Each gate site, built once: the project's own (the shared build) and tests/fixtures/commute."""
    if request.param == "project":
        return request.getfixturevalue("built_site")
    from versus.site.build import build

    folder = tmp_path_factory.mktemp(f"gate-{request.param}")
    build(data_dir=fixture_copy(request.param, folder), site_dir=folder / "site")
    return folder / "site"


@pytest.fixture(scope="session")
def gate_url(gate_site: Path):
    """The gate site served locally for the whole session."""
    server = SiteServer(gate_site)
    yield server.url
    server.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files and remembers every path asked for."""

    requested: list[str]

    def log_message(self, format: str, *args: object) -> None:
        self.requested.append(self.path)


class SiteServer(StaticServer):
    """A threaded static server on 127.0.0.1 and a free port, like a static host."""

    def __init__(self, folder: Path):
        _QuietHandler.requested = []
        super().__init__(folder, handler=_QuietHandler)


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The base URL of the built site, served for the whole session."""
    server = SiteServer(built_site)
    yield server.url
    server.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. A missing browser fails the run: never a silent skip."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh desktop-sized tab; closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


# --- A copy of the project with its own mkdocs.yml settings --------------------


def project_copy(target: Path, parts: tuple[str, ...] = ("templates", "content", "mkdocs.yml")) -> Path:
    """A copy of the project's own files (folders or files, by name) in target, to edit freely."""
    for name in parts:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / name)
    return target


def override(project: Path, name: str) -> Path:
    """Copy the generator's file `name` (e.g. `templates/pages/feature.md.j2`) into project, where it overrides the
    original, and return the copy's path, to edit."""
    from versus.paths import DEFAULTS_DIR

    target = project / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEFAULTS_DIR / name, target)
    return target


def build_with_settings(tmp_path: Path, data_dir: Path, **settings: object) -> Path:
    """Build data_dir with the real templates and content and mkdocs.yml plus `settings`
    (e.g. repo_url, site_url); return the built site folder."""
    import yaml

    from versus.site.build import build

    root = project_copy(tmp_path / "project", ("templates", "content"))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    config.update(settings)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    # A copy: a build records new ids in the data folder's ids.lock.
    build(root=root, data_dir=shutil.copytree(data_dir, tmp_path / "data-built"), site_dir=site)
    return site


def fixture_copy(name: str, target: Path) -> Path:
    """A writable copy of the fixture comparison tests/fixtures/<name>, e.g. to build it."""
    return shutil.copytree(FIXTURES / name, target / name)


PUBLIC_ADDRESS = "https://compare.example.org/"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The real site built as a deployment builds it: with a public site_url."""
    return build_with_settings(tmp_path_factory.mktemp("published"), ROOT / "data", site_url=PUBLIC_ADDRESS)


@pytest.fixture(scope="session")
def self_addressed_url(tmp_path_factory):
    """The real site built with site_url set to the local server's own address, as a host
    serves it. Material turns instant navigation on only then (it reads sitemap.xml)."""
    folder = tmp_path_factory.mktemp("self-addressed")
    server = SiteServer(folder / "site")
    build_with_settings(folder, ROOT / "data", site_url=server.url)
    yield server.url
    server.close()


def first_search_result_href(page, site_url: str, query: str) -> str:
    """Type a query as a reader does (focus, then keys) and return the first result's href."""
    page.goto(site_url)
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent !== 'Initializing search'")
    page.click("input.md-search__input")
    page.keyboard.type(query)
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=15000)
    # Results follow each key: wait until they hold still for the whole query.
    href, settled = first.get_attribute("href"), False
    for _ in range(50):
        page.wait_for_timeout(150)
        now = first.get_attribute("href")
        if settled and now == href:
            break
        settled, href = now == href, now
    return href
