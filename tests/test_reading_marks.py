"""The small marks a careful editor checks on every page: source numbers in order and evenly spaced, one format
for scores, link icons bound to what they belong to, search previews that open with the answer, and feeds a
browser shows without complaint."""

from __future__ import annotations

import itertools
import json
import re
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import SiteServer, edit, fixture_copy
from versus.data.lookup import Lookup
from versus.data.validate import load_comparison
from versus.site.build import build

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
MANY_SOURCES = 11  # enough for one- and two-digit numbers side by side in one cell


@pytest.fixture(scope="module")
def marked_site(tmp_path_factory) -> Path:
    """The small comparison, with one cell citing eleven sources, [1] to [11], and one citing [12] before [1]."""
    folder = tmp_path_factory.mktemp("marks")
    data = fixture_copy("small", folder)
    sources = "".join(
        f"\n          - {{url: https://example.org/alpha/edge-{n}, title: Alpha Edge note {n}, publisher: Alpha Foundation}}"
        for n in range(MANY_SOURCES - 1)
    )
    edit(
        data / "features.yml",
        "publisher: Alpha Foundation}\n        as_of: 2026-11-01",
        "publisher: Alpha Foundation}" + sources + "\n        as_of: 2026-11-01",
    )
    # The second subject cites a source of its own, then one the first cited: numbers 12 and 1.
    edit(
        data / "features.yml",
        "publisher: Beta Corp}\n",
        "publisher: Beta Corp}\n          - {url: https://example.org/alpha/edge, title: Alpha Edge docs, publisher: Alpha Foundation}\n",
    )
    build(data_dir=data, site_dir=folder / "site")
    return folder / "site"


@pytest.fixture(scope="module")
def marked_url(marked_site: Path):
    with SiteServer(marked_site) as server:
        yield server.url


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


# --- Source numbers --------------------------------------------------------------------


def test_the_source_numbers_of_every_cell_read_in_order(marked_site: Path):
    """However a cell lists its sources, its numbers count up: [2][5], never [5][2]."""
    groups = 0
    for page in marked_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for group in re.findall(r'(?:<a class="citation"[^>]*>\[\d+\]</a>)+', html):
            numbers = [int(n) for n in re.findall(r">\[(\d+)\]<", group)]
            assert numbers == sorted(numbers), (page, numbers)
            groups += 1
    assert groups


# Per group of source numbers on one line: the gaps between the text of neighbouring numbers, and each target's size.
SPACING = """() => [...new Set([...document.querySelectorAll('.citation')].filter(c => c.checkVisibility()).map(c => c.parentElement))]
  .map(group => [...group.querySelectorAll(':scope > .citation')].map(c => {
    const text = document.createRange(); text.selectNodeContents(c);
    const t = text.getBoundingClientRect(), box = c.getBoundingClientRect();
    return {left: t.left, right: t.right, top: t.top, width: box.width, height: box.height};
  }))"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_source_numbers_are_evenly_spaced_and_each_a_target_of_24_px(browser, marked_url, viewport):
    tab = browser.new_page(viewport=viewport)
    for url in ("features/mobile-deployment/", "comparison/"):
        tab.goto(marked_url + url)
        groups = tab.evaluate(SPACING)
        gaps = [b["left"] - a["right"] for group in groups for a, b in itertools.pairwise(group) if abs(a["top"] - b["top"]) < 2]
        assert len(gaps) >= MANY_SOURCES // 2, url  # a narrow cell may wrap its numbers onto two lines
        assert max(gaps) - min(gaps) < 0.5, (url, gaps)
        assert min(gaps) > 4, (url, gaps)  # apart, not run together as "[9][10]"
        small = [box for group in groups for box in group if box["width"] < 23.99 or box["height"] < 23.99]
        assert small == [], url
    tab.close()


# --- Scores ----------------------------------------------------------------------------

SCORE = re.compile(r"\d{1,3}\.\d of 100")


def test_every_score_reads_the_same_on_the_home_page_the_helper_and_its_profiles(browser, marked_url):
    """Scores read as one scale everywhere: "83" on one page beside "81.3 of 100" on the next would read as two."""
    tab = browser.new_page(viewport=DESKTOP)
    shown: dict[str, list[str]] = {}
    tab.goto(marked_url)
    shown["home"] = tab.locator(".scorecard .bars__value").all_text_contents()
    tab.goto(marked_url + "decide/")
    tab.wait_for_selector(".decision-helper__output .decision-result")
    shown["helper"] = tab.locator(".decision-helper__output .bars__value").all_text_contents()
    profile = tab.locator("a[href*='decide/']").evaluate_all("links => links.map(a => a.href).filter(h => /decide\\/[^?#]+\\/$/.test(h))")
    assert profile, "a profile page to read"
    tab.goto(profile[0])
    shown["profile"] = tab.locator(".decision-result .bars__value").all_text_contents()
    tab.close()
    for page, scores in shown.items():
        assert scores, page
        assert [score for score in scores if not SCORE.fullmatch(score.strip())] == [], (page, scores)


# --- Search previews ---------------------------------------------------------------------


def test_a_criterion_s_search_entry_opens_with_its_question_and_answers_then_its_other_words(marked_site: Path):
    """Search shows a page's own entry first, with the text before the page's first subheading as its preview:
    that text is the question and every subject's answer; the criterion's other words follow, still searchable."""
    comparison = load_comparison(marked_site.parent / "small")
    index = json.loads((marked_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {entry["location"]: entry for entry in index["docs"]}
    rows = Lookup.of(comparison).rows
    for feature in comparison.features:
        entry = entries[f"features/{feature.id}/"]
        text = unescape(re.sub(r"<[^>]+>", " ", entry["text"]))
        words = " ".join(text.split())
        assert words.startswith(feature.question), (feature.id, words[:120])
        answers = []
        for subject in comparison.subjects:
            reading = rows[feature.id].readings[subject.id]
            answers.append(words.index(f"{subject.name}: "))
            assert (reading.level_label or reading.label) in words[answers[-1] :], (feature.id, subject.id)
        assert answers == sorted(answers) and answers[0] == len(feature.question) + 1, feature.id
        if feature.keywords:
            assert words.index(", ".join(feature.keywords)) > max(answers), feature.id


# --- Link icons ----------------------------------------------------------------------------

# Per visible copy-link button: a bare icon with no text of its own item on its line, or one right before a link.
ICON_PROBLEMS = """() => [...document.querySelectorAll('button.copy-link')].filter(b => b.checkVisibility()).flatMap(button => {
  const problems = [], box = button.getBoundingClientRect();
  if (!button.textContent.trim()) {
    const before = document.createRange();
    before.setStart(button.parentElement, 0);
    before.setEndBefore(button);
    const lines = [...before.getClientRects()].filter(line => line.width > 1);
    if (!lines.some(line => line.top < box.bottom && line.bottom > box.top)) problems.push('alone: ' + button.title);
  }
  const next = button.nextElementSibling;
  if (next && next.matches('a') && next.checkVisibility()) problems.push('beside another link: ' + button.title);
  return problems;
})"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_link_icon_is_never_alone_on_a_line_nor_beside_another_link(browser, marked_site, marked_url, viewport):
    tab = browser.new_page(viewport=viewport)
    pages = sorted(str(page.parent.relative_to(marked_site)) for page in marked_site.rglob("index.html"))
    seen = 0
    for url in pages:
        tab.goto(marked_url + ("" if url == "." else url + "/"))
        tab.wait_for_load_state("load")
        seen += tab.locator("button.copy-link:visible").count()
        assert tab.evaluate(ICON_PROBLEMS) == [], url
    assert seen
    tab.close()
