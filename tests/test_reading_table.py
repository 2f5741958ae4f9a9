"""The comparison table read at a glance: tints by level, the leader in words, tallies, a phone layout, sticky headings, print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SiteServer, attr, fixture_copy, project_comparison
from versus.data.lookup import Lookup
from versus.data.validate import load_comparison
from versus.site.build import build

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
TARGET = 24  # px: WCAG 2.2's smallest target (2.5.8)


def comparison_of(site: Path):
    """The comparison a gate site was built from: the project's own, or the commute fixture."""
    return project_comparison() if not (site.parent / "commute").is_dir() else load_comparison(site.parent / "commute")


def row_html(site: Path, feature_id: str) -> str:
    html = (site / "comparison" / "index.html").read_text(encoding="utf-8")
    return re.search(rf'<tr id="{feature_id}".*?</tr>', html, re.DOTALL).group(0)


def cell_html(row: str, subject_id: str) -> str:
    return re.search(rf'<td data-subject="{subject_id}".*?</td>', row, re.DOTALL).group(0)


# --- In the built pages ----------------------------------------------------------


def test_every_scored_cell_is_tinted_by_its_band_and_says_its_level_in_words(gate_site):
    comparison = comparison_of(gate_site)
    lookup = Lookup.of(comparison)
    for feature in comparison.features:
        row = row_html(gate_site, feature.id)
        for subject in comparison.subjects:
            reading = lookup.rows[feature.id].readings[subject.id]
            cell = cell_html(row, subject.id)
            tints = re.findall(r'class="[^"]*\b(t[0-4])\b', cell.split(">", 1)[0])
            if reading.points is None:
                assert tints == [], (feature.id, subject.id)
            else:
                band = min(4, (reading.points + 12) // 25)
                assert tints == [f"t{band}"], (feature.id, subject.id, reading.points)
            assert reading.level_label in cell, (feature.id, subject.id)


def test_the_best_of_each_row_is_marked_in_words(gate_site):
    comparison = comparison_of(gate_site)
    lookup = Lookup.of(comparison)
    for feature in comparison.features:
        row = row_html(gate_site, feature.id)
        for subject in comparison.subjects:
            marked = "Best in row" in cell_html(row, subject.id)
            assert marked == (subject.id in lookup.rows[feature.id].leaders()), (feature.id, subject.id)


def tally_by_hand(comparison, features) -> dict[str, tuple[int, int, int]]:
    """Best, behind and equal per subject, counted from the points alone."""
    counts = {subject.id: [0, 0, 0] for subject in comparison.subjects}
    lookup = Lookup.of(comparison)
    for feature in features:
        points = {sid: r.points for sid, r in lookup.rows[feature.id].readings.items() if r.points is not None}
        if len(points) < 2:
            continue
        top = max(points.values())
        for sid, value in points.items():
            if len(set(points.values())) == 1:
                counts[sid][2] += 1
            else:
                counts[sid][0 if value == top else 1] += 1
    return {sid: (best, behind, equal) for sid, (best, behind, equal) in counts.items()}


def test_a_tally_per_subject_above_the_table_and_per_category_in_its_header(gate_site):
    comparison = comparison_of(gate_site)
    html = (gate_site / "comparison" / "index.html").read_text(encoding="utf-8")
    if len(comparison.subjects) == 1:
        assert '<ul class="tally"' not in html, "one subject is ahead of and behind no one: no tally"
        return
    tally = html[html.index('<ul class="tally"') : html.index("</ul>", html.index('<ul class="tally"'))]
    assert html.index('<ul class="tally"') < html.index('<table class="comparison')
    for subject in comparison.subjects:
        best, behind, equal = tally_by_hand(comparison, comparison.features)[subject.id]
        assert f"<strong>{subject.name}</strong>: best on {best} · behind on {behind} · equal on {equal}" in tally
    for category, features in comparison.groups():
        if category is None:
            continue
        header = re.search(rf'<tr class="category-row" id="{category.id}">.*?</tr>', html, re.DOTALL).group(0)
        counts = tally_by_hand(comparison, features)
        if any(best or equal for best, _, equal in counts.values()):
            for subject in comparison.subjects:
                assert f"{subject.name} {counts[subject.id][0]}" in header, category.id


def test_the_legend_wears_the_same_tints_as_the_cells(gate_site):
    html = (gate_site / "comparison" / "index.html").read_text(encoding="utf-8")
    legend = "".join(re.findall(r'<p class="level-legend">.*?</p>', html, re.DOTALL))
    assert re.search(r'class="level level--\S+ t4"', legend) and re.search(r'class="level level--\S+ t0"', legend)


# --- In the browser ----------------------------------------------------------------


def open_table(browser, url: str, viewport: dict, scheme: str = "light"):
    context = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    tab = context.new_page()
    tab.goto(url + "comparison/", wait_until="networkidle")
    return tab


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_every_subject_column_is_fully_visible_without_sideways_scrolling(browser, gate_url, scheme):
    tab = open_table(browser, gate_url, PHONE, scheme)
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    problems = tab.evaluate(
        """() => {
          const problems = [];
          const width = window.innerWidth;
          for (const row of document.querySelectorAll('table.comparison tbody tr[data-kind]')) {
            const name = row.querySelector('th').getBoundingClientRect();
            for (const cell of row.querySelectorAll('td')) {
              const box = cell.getBoundingClientRect();
              if (box.left < 0 || box.right > width + 0.5 || box.width < 80) problems.push(`${row.id}/${cell.dataset.subject}: ${box.left}-${box.right}`);
              // The criterion's name never lies over a cell.
              const overlap = Math.min(name.right, box.right) - Math.max(name.left, box.left) > 1 && Math.min(name.bottom, box.bottom) - Math.max(name.top, box.top) > 1;
              if (overlap) problems.push(`${row.id}/${cell.dataset.subject}: covered by the criterion's name`);
            }
          }
          return problems;
        }"""
    )
    assert problems == []
    tab.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_column_headings_stay_in_view_while_the_page_scrolls(browser, gate_url, viewport):
    tab = open_table(browser, gate_url, viewport)
    rows = tab.locator("table.comparison tbody tr[data-kind]")
    header_bottom = tab.locator("header.md-header").bounding_box()["height"]
    if tab.evaluate("getComputedStyle(document.querySelector('table.comparison thead')).position") == "absolute":
        # Many subjects: every cell names its subject instead, since the cells wrap.
        labels = tab.eval_on_selector_all("table.comparison td", "cells => cells.map(c => getComputedStyle(c, '::before').content)")
        assert all(label not in ("none", "normal", '""') for label in labels)
    else:
        assert tab.evaluate("document.querySelector('table.comparison').closest('[style*=overflow], .comparison-scroll') === null")
        rows.nth(rows.count() - 1).scroll_into_view_if_needed()
        tab.wait_for_timeout(100)
        top = tab.evaluate("document.querySelector('table.comparison').getBoundingClientRect().top")
        if top >= header_bottom:
            # A table short enough to show whole: room below lets the page scroll its top under the header.
            tab.evaluate("document.body.style.paddingBottom = '200vh'")
            tab.evaluate(f"window.scrollBy(0, {top - header_bottom + 20})")
            tab.wait_for_timeout(100)
        for heading in tab.locator("table.comparison thead th[data-subject]").all():
            box = heading.bounding_box()
            assert box is not None and header_bottom - 1 <= box["y"] <= header_bottom + 2, box
            top = tab.evaluate(
                "([x, y]) => document.elementFromPoint(x, y).closest('th')?.dataset.subject ?? ''",
                [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
            )
            assert top == heading.get_attribute("data-subject"), "the heading is covered"
    tab.context.close()


def test_print_shows_every_row_and_no_button(browser, gate_url):
    tab = open_table(browser, gate_url, DESKTOP)
    tab.emulate_media(media="print")
    shown = tab.evaluate(
        """() => [...document.querySelectorAll('table.comparison tbody tr[data-kind]')]
             .filter(row => row.getBoundingClientRect().height > 0 && row.checkVisibility()).length"""
    )
    assert shown == tab.locator("table.comparison tbody tr[data-kind]").count()
    assert tab.evaluate("[...document.querySelectorAll('button, form.column-picker')].every(b => !b.checkVisibility())")
    # Nothing clips the table: every ancestor lets it grow.
    clipped = tab.evaluate(
        """() => { const out = []; for (let e = document.querySelector('table.comparison').parentElement; e && e !== document.documentElement; e = e.parentElement) {
             const s = getComputedStyle(e); if (s.maxHeight !== 'none' || ['auto', 'scroll', 'hidden'].includes(s.overflowY)) out.push(e.className || e.tagName); }
           return out; }"""
    )
    assert clipped == []
    assert tab.pdf().startswith(b"%PDF")
    tab.context.close()


def test_on_a_phone_the_table_s_targets_are_at_least_24_px(browser, gate_url):
    tab = open_table(browser, gate_url, PHONE)
    small = tab.evaluate(
        f"""() => [...document.querySelectorAll('table.comparison .citation, table.comparison .cell__why, .copy-link')]
             .filter(e => e.checkVisibility())
             .map(e => [e.className, e.getBoundingClientRect()])
             .filter(([, box]) => box.width < {TARGET} - 0.01 || box.height < {TARGET} - 0.01)
             .map(([name, box]) => `${{name}} ${{box.width}}x${{box.height}}`)"""
    )
    assert small == []
    tab.context.close()


@pytest.fixture(scope="module", params=[5, 8], ids=["five", "eight"])
def many_url(request, tmp_path_factory):
    """Five subjects, more than fit side by side on a phone and as many as fit on a desktop; eight, more than fit either."""
    from versus.checks.bench_data import synthetic_data

    folder = tmp_path_factory.mktemp(f"subjects-{request.param}")
    build(data_dir=synthetic_data(folder / "data", 6, request.param), site_dir=folder / "site")
    server = SiteServer(folder / "site")
    yield server.url, request.param
    server.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_with_more_subjects_every_cell_stays_visible_under_its_subject_s_name(browser, many_url, viewport):
    """Stacked, each cell names its subject; as a table, on a desktop with as many columns as fit, the column headings do."""
    url, count = many_url
    tab = open_table(browser, url, viewport)
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    cells = tab.evaluate(
        """() => [...document.querySelectorAll('table.comparison td')].map(c => {
             const box = c.getBoundingClientRect();
             return {inside: box.left >= 0 && box.right <= window.innerWidth + 0.5 && box.width > 100,
                     label: getComputedStyle(c, '::before').content, shown: getComputedStyle(c, '::before').display, name: c.dataset.name};
           })"""
    )
    assert cells and all(cell["inside"] for cell in cells)
    headings = tab.eval_on_selector_all("table.comparison thead", "rows => rows.map(row => row.getBoundingClientRect().height)")
    if viewport is DESKTOP and count <= 5:
        assert min(headings) > 10, headings  # a real table: its column headings are read by everyone
        assert all(cell["shown"] == "none" for cell in cells), cells[0]
    else:
        assert max(headings) <= 1, headings
        assert all(cell["label"].startswith(f'"{cell["name"]}"') and cell["shown"] != "none" for cell in cells), cells[0]
    tab.context.close()


def test_the_column_picker_keeps_every_shown_column_visible_on_a_phone(browser, tmp_path_factory):
    folder = tmp_path_factory.mktemp("three-picker")
    build(data_dir=fixture_copy("three", folder), site_dir=folder / "site")
    with SiteServer(folder / "site") as server:
        tab = open_table(browser, server.url, PHONE)
        first = tab.locator("form.column-picker input[name=compare]").first
        first.uncheck()
        widths = tab.eval_on_selector_all(
            "table.comparison tbody tr[data-kind] td",
            "cells => cells.filter(c => c.checkVisibility()).map(c => c.getBoundingClientRect().width)",
        )
        assert widths and min(widths) > 120, widths  # two columns share the width of three
        tab.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_deep_link_shows_its_row_under_the_column_headings(browser, gate_site, gate_url, viewport):
    comparison = comparison_of(gate_site)
    feature = comparison.ordered_features()[len(comparison.features) // 2]
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    tab.goto(gate_url + f"comparison/#{feature.id}", wait_until="networkidle")
    tab.wait_for_timeout(200)
    row = tab.locator(f"tr{attr('id', feature.id)}").bounding_box()
    if tab.evaluate("getComputedStyle(document.querySelector('table.comparison thead')).position") != "absolute":
        headings = tab.locator("table.comparison thead th[data-subject]").first.bounding_box()
        assert headings["y"] >= 0 and headings["y"] + headings["height"] <= row["y"] + 1, (headings, row)
    assert row["y"] < viewport["height"]
    context.close()
