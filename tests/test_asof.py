"""Dated links: the comparison as it stood on a day (?as_of=), rebuilt from each value's history, and
copy-link buttons that copy the view the reader sees."""

from __future__ import annotations

import itertools
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import SiteServer, _QuietHandler, attr, edit, fixture_copy, override, project_comparison, project_copy, run_cli
from versus.data.kinds import NOT_RECORDED
from versus.data.lookup import Lookup
from versus.data.model import Comparison
from versus.data.validate import load_comparison
from versus.pages.dated import first_record, lookup_on, row_history, row_on, tally_states
from versus.site.build import build

TODAY = date(2026, 6, 1)  # the dated fixture's data were last checked then

# A support criterion whose Gamma cell changed twice and whose Delta cell has a `since` day
# earlier than its check, and a number criterion first checked before its latest check.
MORE_FEATURES = """\
  - id: offline-mode
    name: Offline mode
    question: Does it work without a network?
    kind: support
    values:
      gamma:
        support: yes
        explanation: Everything works offline.
        sources:
          - {url: https://example.org/gamma/offline, title: Gamma offline, publisher: The Gamma Project}
        as_of: 2026-05-01
        history:
          - support: no
            as_of: 2023-02-01
            changed_on: 2023-06-01
            reason: Version 2 cached models locally.
            change_sources:
              - {url: https://example.org/gamma/2.0, title: Gamma 2.0, publisher: The Gamma Project}
          - support: partial
            as_of: 2024-01-15
            changed_on: 2024-03-01
            reason: Version 3 cached data sets too.
            change_sources:
              - {url: https://example.org/gamma/3.0, title: Gamma 3.0, publisher: The Gamma Project}
      delta:
        support: yes
        since: {version: "5.0", date: 2022-05-01}
        explanation: Delta has worked offline since 5.0.
        sources:
          - {url: https://example.org/delta/offline, title: Delta offline, publisher: Delta Inc.}
        as_of: 2026-01-10
  - id: start-time
    name: Start time
    question: How long does it take to start?
    kind: number
    unit: s
    better: lower
    values:
      gamma:
        value: 2
        explanation: Measured on a laptop.
        sources:
          - {url: https://example.org/gamma/bench, title: Gamma benchmarks, publisher: The Gamma Project}
        as_of: 2026-02-01
        first_checked: 2024-06-01
      delta:
        value: 5
        explanation: Measured on a laptop.
        sources:
          - {url: https://example.org/delta/bench, title: Delta benchmarks, publisher: Delta Inc.}
        as_of: 2026-02-01
        first_checked: 2025-01-01
"""


def dated_data(folder: Path) -> Path:
    """The dated fixture with the two criteria above: cells with two changes, a `since` day and `first_checked`."""
    data = fixture_copy("dated", folder)
    features = data / "features.yml"
    features.write_text(features.read_text(encoding="utf-8") + MORE_FEATURES, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def comparison(tmp_path_factory) -> Comparison:
    return load_comparison(dated_data(tmp_path_factory.mktemp("asof-data")), today=TODAY)


def shown_on(comparison: Comparison, feature_id: str, subject_id: str, day: str) -> tuple[str, str] | None:
    """(value, level) of one cell on a day by the rule, or None when the data does not know it yet."""
    feature = next(f for f in comparison.features if f.id == feature_id)
    cell = feature.values[subject_id].on(date.fromisoformat(day))
    if cell is None:
        return None
    reading = row_on(feature, comparison, date.fromisoformat(day)).readings[subject_id]
    return reading.text, reading.level_label


# --- The rule ---------------------------------------------------------------


def test_a_value_with_one_change_holds_from_its_record_to_the_change(comparison):
    gamma = comparison.features[0].values["gamma"]  # serving: "Built-in server" checked 2024-01-10, changed 2025-08-07
    past, now = gamma.history[0], gamma
    assert shown_on(comparison, "serving", "gamma", "2024-01-09") is None
    assert shown_on(comparison, "serving", "gamma", past.as_of.isoformat()) == (past.label, "Good")
    assert shown_on(comparison, "serving", "gamma", "2025-08-06") == (past.label, "Good")
    assert shown_on(comparison, "serving", "gamma", past.changed_on.isoformat()) == (now.label, "Fair")
    assert shown_on(comparison, "serving", "gamma", TODAY.isoformat()) == (now.label, "Fair")


def test_a_value_with_two_changes_before_between_and_after(comparison):
    assert shown_on(comparison, "offline-mode", "gamma", "2023-01-31") is None  # before its first record
    assert shown_on(comparison, "offline-mode", "gamma", "2023-02-01") == ("No", "No")
    assert shown_on(comparison, "offline-mode", "gamma", "2023-05-31") == ("No", "No")  # a past value holds past its as_of
    assert shown_on(comparison, "offline-mode", "gamma", "2023-06-01") == ("Partial", "Partial")  # between the changes
    assert shown_on(comparison, "offline-mode", "gamma", "2024-02-29") == ("Partial", "Partial")
    assert shown_on(comparison, "offline-mode", "gamma", "2024-03-01") == ("Yes", "Yes")  # after the last change
    assert shown_on(comparison, "offline-mode", "gamma", "2030-01-01") == ("Yes", "Yes")


def test_a_cell_without_history_starts_at_its_since_day_or_first_check(comparison):
    assert shown_on(comparison, "offline-mode", "delta", "2022-04-30") is None
    assert shown_on(comparison, "offline-mode", "delta", "2022-05-01") == ("Yes since 5.0 (May 2022)", "Yes")
    assert shown_on(comparison, "start-time", "gamma", "2024-05-31") is None
    assert shown_on(comparison, "start-time", "gamma", "2024-06-01") == ("2 s", "")
    assert shown_on(comparison, "notebooks", "delta", "2023-04-14") is None  # no first_checked: from its as_of
    assert shown_on(comparison, "notebooks", "delta", "2023-04-15") == ("Through a plug-in", "Good")


def test_leaders_and_scores_are_those_of_the_day(comparison):
    notebooks = next(f for f in comparison.features if f.id == "notebooks")
    assert Lookup.of(comparison).rows["notebooks"].leaders() == {"gamma"}
    assert row_on(notebooks, comparison, date(2025, 3, 1)).leaders() == set()  # Gamma not recorded yet: nobody to lead
    start = next(f for f in comparison.features if f.id == "start-time")
    alone = row_on(start, comparison, date(2024, 7, 1))
    assert alone.readings["gamma"].points == 100 and "delta" not in alone.readings
    assert row_on(start, comparison, date(2025, 7, 1)).leaders() == {"gamma"}


def test_first_checked_is_checked_against_as_of_and_the_last_change(tmp_path):
    data = dated_data(tmp_path)
    features = data / "features.yml"
    text = features.read_text(encoding="utf-8")
    text = text.replace("        first_checked: 2025-01-01", "        first_checked: 2026-03-01")
    # Serving's Gamma cell changed on 2025-08-07: its current value cannot be first checked before.
    text = text.replace("        as_of: 2026-05-30\n", "        as_of: 2026-05-30\n        first_checked: 2025-01-01\n", 1)
    features.write_text(text, encoding="utf-8")
    result = run_cli("check", "--data", data)
    assert result.code == 1
    lines = text.splitlines()
    late = next(n for n, line in enumerate(lines, 1) if "first_checked: 2026-03-01" in line)
    early = next(n for n, line in enumerate(lines, 1) if "first_checked: 2025-01-01" in line)
    assert re.search(rf"features\.yml:{late}:9: `first_checked` 2026-03-01 is after `as_of` 2026-02-01", result.output), result.output
    assert re.search(rf"features\.yml:{early}:9: `first_checked` 2025-01-01 is before the last change, on 2025-08-07", result.output)


# --- The dated rows, built -----------------------------------------------------


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("asof-site")
    site = folder / "site"
    build(data_dir=dated_data(folder), site_dir=site)
    return site


def dated_file(site: Path) -> dict:
    return json.loads((site / "comparison" / "dated-rows.json").read_text(encoding="utf-8"))


def assembled(data: dict, indices: list[int]) -> str:
    """A state's cells put together as today's table has them in a row: each on a line of its own."""
    return "\n".join(data["cells"][index] for index in indices)


def table_row(page: str, feature_id: str) -> str:
    """A criterion's row of today's table, from its `<tr>` to its `</tr>`."""
    found = re.search(rf'<tr id="{re.escape(feature_id)}" data-kind="[^"]*">.*?</tr>', page, re.DOTALL)
    assert found, feature_id
    return found.group()


def test_each_row_state_is_made_of_the_table_s_own_cells(dated_site, comparison):
    data = dated_file(dated_site)
    assert [day for day, _ in data["rows"]["offline-mode"]] == ["", "2022-05-01", "2023-02-01", "2023-06-01", "2024-03-01"]
    assert data["first"] == "2022-05-01"
    page = (dated_site / "comparison" / "index.html").read_text(encoding="utf-8")
    for feature_id, states in data["rows"].items():
        # A state begins each day the row's values change (row_history), where it differs from the state before.
        feature = next(f for f in comparison.features if f.id == feature_id)
        days = [day for day, _ in states]
        assert set(days) <= {"", *(day.isoformat() for day in feature.changes_on())} and days == sorted(days), feature_id
        assert days[0] == "" and any(NOT_RECORDED in data["cells"][index] for index in states[0][1]), feature_id
        # The latest state's cells are today's row's, byte for byte: the same macro, the same numbers and words.
        assert assembled(data, states[-1][1]) in table_row(page, feature_id), feature_id


def test_each_cell_is_in_the_file_once_and_every_state_names_one_per_subject(dated_site, comparison):
    data = dated_file(dated_site)
    assert len(set(data["cells"])) == len(data["cells"])
    assert all(cell.startswith("<td ") and cell.endswith("</td>") for cell in data["cells"])
    for feature_id, states in data["rows"].items():
        for _, indices in states:
            assert len(indices) == len(comparison.subjects), feature_id
            assert all(0 <= index < len(data["cells"]) for index in indices), feature_id
        # Consecutive states differ: a day that changes nothing shown adds no state.
        assert all(before[1] != after[1] for before, after in itertools.pairwise(states)), feature_id


def test_the_file_holds_each_cell_once_not_once_per_state(dated_site):
    data = dated_file(dated_site)
    every_state = sum(len(assembled(data, indices)) for states in data["rows"].values() for _, indices in states)
    assert sum(len(cell) for cell in data["cells"]) < every_state


def test_a_site_s_own_tables_without_the_cell_macro_is_named(tmp_path):
    from versus.pages.template_errors import TemplateProblem

    root = project_copy(tmp_path / "project")
    tables = override(root, "templates/macros/tables.j2")
    edit(tables, "table_cell", "own_cell", count=2)  # a copy from before the cell had a macro of that name
    with pytest.raises(TemplateProblem) as problem:
        build(root=root, data_dir=dated_data(tmp_path), site_dir=tmp_path / "site")
    assert str(problem.value).startswith("templates/macros/tables.j2: no macro `table_cell`")
    assert "versus doctor --diff templates/macros/tables.j2" in str(problem.value)


def test_the_normal_page_carries_no_dated_rows(dated_site):
    page = (dated_site / "comparison" / "index.html").read_text(encoding="utf-8")
    assert f'"cell__label">{NOT_RECORDED}' not in page
    assert 'data-rows="../comparison/dated-rows.json"' in page


# --- In the browser ----------------------------------------------------------------


@pytest.fixture(scope="module")
def dated_url(dated_site):
    server = SiteServer(dated_site)
    yield server.url
    server.close()


def cell_text(page, feature_id: str, subject_id: str) -> str:
    return page.inner_text(f"tr{attr('id', feature_id)} td{attr('data-subject', subject_id)}")


def dated_view(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("table.comparison[data-as-of]")


def visible_columns(page) -> list[str]:
    return page.eval_on_selector_all(
        "table.comparison tbody td[data-subject]", "cells => [...new Set(cells.filter(c => !c.hidden).map(c => c.dataset.subject))]"
    )


def test_a_dated_view_shows_the_values_and_levels_of_that_day(dated_url, page, comparison):
    dated_view(page, dated_url + "comparison/?as_of=2025-03-01")
    assert page.inner_text(".dated-view__title") == "As of 1 March 2025."
    assert page.get_attribute(".dated-view__today", "href") == "/comparison/"
    assert "Built-in server" in cell_text(page, "serving", "gamma") and "Good" in cell_text(page, "serving", "gamma")
    assert "Best in row" in cell_text(page, "serving", "delta")
    assert NOT_RECORDED in cell_text(page, "notebooks", "gamma")
    assert "Best in row" not in page.inner_text("tr#notebooks")  # one known value: no leader that day
    assert "Partial" not in cell_text(page, "offline-mode", "gamma") and "Yes" in cell_text(page, "offline-mode", "gamma")
    assert page.get_attribute("tr#serving td[data-subject=gamma]", "class") == "t3"  # Good's tint, as in the table
    # The day's cells went into the rows the page has: each row keeps its name and links, a cell per subject in order.
    subject_ids = [subject.id for subject in comparison.subjects]
    for row in page.query_selector_all("table.comparison tbody tr[data-kind]"):
        assert row.eval_on_selector(":scope > th a", "link => link.textContent")
        assert row.eval_on_selector_all(":scope > td", "cells => cells.map(c => c.dataset.subject)") == subject_ids
    # The tallies are those of that day, recounted from its rows.
    then = lookup_on(comparison, date(2025, 3, 1)).tally(comparison.features)
    for subject in comparison.subjects:
        best, behind, equal = then[subject.id].best, then[subject.id].behind, then[subject.id].equal
        assert f"{subject.name}: best on {best} · behind on {behind} · equal on {equal}" in page.inner_text("ul.tally")
    assert then != Lookup.of(comparison).tally(comparison.features), "the fixture's tallies differ between that day and today"
    dated_view(page, dated_url + "comparison/?as_of=2023-07-01")
    assert "Partial" in cell_text(page, "offline-mode", "gamma")
    assert "Yes" in cell_text(page, "offline-mode", "delta") and "since 5.0" in cell_text(page, "offline-mode", "delta")
    assert NOT_RECORDED in cell_text(page, "serving", "gamma")


def test_a_dated_deep_link_lands_on_its_row(dated_url, page):
    page.set_viewport_size({"width": 390, "height": 500})
    dated_view(page, dated_url + "comparison/?as_of=2023-07-01#start-time")
    assert "is-target" in (page.get_attribute("tr#start-time", "class") or "")
    top = page.eval_on_selector("tr#start-time", "row => row.getBoundingClientRect().top")
    assert 0 <= top < 250, top


def test_a_day_before_any_record_shows_every_value_unknown(dated_url, page):
    dated_view(page, dated_url + "comparison/?as_of=2020-01-01")
    assert "Nothing was recorded yet" in page.inner_text(".dated-view__title")
    cells = page.eval_on_selector_all("table.comparison tbody td", "cells => cells.map(c => c.innerText)")
    assert cells and all(NOT_RECORDED in text and "Unknown" in text for text in cells)


@pytest.mark.parametrize(
    ("asked", "message"), [("2025-02-30", "is not a day"), ("yesterday", "is not a day"), ("2999-01-01", "in the future")]
)
def test_a_wrong_day_says_so_over_today_s_table(dated_url, page, asked, message):
    page.goto(dated_url + "comparison/")
    today = page.inner_html("table.comparison tbody")
    page.goto(dated_url + f"comparison/?as_of={asked}")
    page.wait_for_selector(".dated-view:not([hidden])")
    assert message in page.inner_text(".dated-view__title")
    assert page.inner_html("table.comparison tbody") == today
    assert not page.is_visible(".dated-view__copy")


def test_today_s_view_is_unchanged_and_fetches_nothing(dated_url, page):
    _QuietHandler.requested.clear()
    page.goto(dated_url + "comparison/")
    page.wait_for_selector("form.column-picker:not([hidden])")
    assert not page.is_visible(".dated-view")
    assert not any("dated-rows" in path for path in _QuietHandler.requested)
    assert NOT_RECORDED not in page.inner_text("table.comparison")


def test_the_picker_works_in_a_dated_view_and_keeps_the_day(dated_url, page):
    dated_view(page, dated_url + "comparison/?as_of=2025-03-01&compare=delta")
    assert visible_columns(page) == ["delta"]
    page.check("form.column-picker input[value=gamma]")
    assert visible_columns(page) == ["gamma", "delta"]
    page.check("form.column-picker input[name=diff]")
    assert "as_of=2025-03-01" in page.url and "diff=1" in page.url
    assert "Built-in server" in cell_text(page, "serving", "gamma")  # still the day's rows
    assert page.get_attribute(".dated-view__today", "href") == "/comparison/?diff=1"
    dated_view(page, dated_url + "comparison/?as_of=2020-01-01&diff=1")
    visible = page.eval_on_selector_all("table.comparison tbody tr[data-kind]", "rows => rows.filter(r => !r.hidden).length")
    assert visible == 0  # every value unknown that day: no row differs


def copied(tab, button: str) -> str:
    tab.locator(button).click()
    tab.wait_for_function("selector => document.querySelector(selector).textContent === 'Copied'", arg=button)
    return tab.evaluate("navigator.clipboard.readText()")


def test_copy_link_copies_the_view_the_reader_sees(dated_url, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        tab = context.new_page()
        tab.goto(dated_url + "comparison/")
        tab.wait_for_selector("tr#serving button.copy-link:not([hidden])")
        assert copied(tab, "tr#serving button.copy-link") == dated_url + "features/serving/"  # no view: the fact's own page
        tab.uncheck("form.column-picker input[value=gamma]")
        assert copied(tab, "tr#serving button.copy-link") == dated_url + "comparison/?compare=delta#serving"
        dated_view(tab, dated_url + "comparison/?as_of=2025-03-01&compare=delta&diff=1")
        assert copied(tab, "tr#notebooks button.copy-link") == dated_url + "comparison/?as_of=2025-03-01&compare=delta&diff=1#notebooks"
        assert (
            copied(tab, ".dated-view__copy button[title$='this dated view']")
            == dated_url + "comparison/?as_of=2025-03-01&compare=delta&diff=1"
        )
        assert copied(tab, ".dated-view__copy button[data-drop=as_of]") == dated_url + "comparison/?compare=delta&diff=1"
        tab.goto(dated_url + "decide/")
        feature = "serving"
        tab.select_option(f"select{attr('name', feature)}", "critical")
        link = copied(tab, "form button.copy-link")
        assert link.startswith(dated_url + "decide/?w=") and f"{feature}:critical" in link
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_dated_view_has_no_accessibility_violation(browser, dated_url, scheme):
    from tests.test_accessibility import DESKTOP, PHONE, Axe, open_page, settle, violations

    axe = Axe()
    for viewport in (DESKTOP, PHONE):
        tab = open_page(browser, dated_url + "comparison/?as_of=2023-07-01&compare=gamma", scheme, viewport)
        tab.wait_for_selector("table.comparison[data-as-of]")
        settle(tab)
        assert violations(axe, tab) == [], viewport
        tab.context.close()


def before_any_record(comparison: Comparison) -> str:
    """The day before the data's first record, when every value of the table is unknown."""
    first = min(day for feature in comparison.features for day in feature.changes_on())
    return (first - timedelta(days=1)).isoformat()


# The site's script has set up the table shown (a one-subject table has no column picker to wait for).
SCRIPTS_READY = "table.comparison tbody button.copy-link:not([hidden])"


def test_a_dated_view_survives_instant_navigation(self_addressed_url, page):
    """Material swaps pages without a reload: the way to today, back and forward shows each view right."""
    site_url, day = self_addressed_url, before_any_record(project_comparison())
    dated_view(page, site_url + f"comparison/?as_of={day}")
    page.evaluate("window.__same_document = true")
    page.click(".dated-view__today")
    page.wait_for_url(site_url + "comparison/")
    # Material changes the address before it swaps the page in: wait for today's table, which no view has dated.
    page.wait_for_function("!document.querySelector('table.comparison').dataset.dated")
    page.wait_for_selector(SCRIPTS_READY)
    assert page.evaluate("window.__same_document === true"), "the click reloaded the page: instant navigation is off"
    assert not page.is_visible(".dated-view")
    assert f'"cell__label">{NOT_RECORDED}' not in page.inner_html("table.comparison")
    page.go_back()  # Material keeps the page for another query of the same path: the script loads the dated view
    page.wait_for_selector("table.comparison[data-as-of]")
    assert f"as_of={day}" in page.url and page.is_visible(".dated-view__copy")
    assert NOT_RECORDED in page.inner_text("table.comparison tbody td")
    page.go_forward()
    page.wait_for_selector(SCRIPTS_READY)
    page.wait_for_function("!document.querySelector('table.comparison').dataset.dated")
    assert not page.is_visible(".dated-view")


def test_a_dated_view_says_since_when_the_site_has_records_and_offers_only_those_days(dated_url, page, comparison):
    first = first_record(comparison)
    dated_view(page, dated_url + "comparison/?as_of=2025-03-01")
    assert f"The site has records from {first.day} {first.strftime('%B %Y')} on." in page.inner_text(".dated-view__note")
    pick = page.locator(".dated-view__pick input[type=date]")
    assert pick.get_attribute("min") == first.isoformat() and pick.input_value() == "2025-03-01"
    assert pick.get_attribute("max") <= date.today().isoformat()
    # Before the record, the picker starts at its first day.
    dated_view(page, dated_url + f"comparison/?as_of={(first - timedelta(days=30)).isoformat()}")
    assert page.locator(".dated-view__pick input[type=date]").input_value() == first.isoformat()


def test_the_tallies_of_each_day_are_those_of_that_day_s_rows_read_afresh(comparison):
    # The dated view's tallies carry each day's rows over from the day before (the work grows with the changes);
    # every state must be what reading the whole comparison as of that day counts.
    def counted(day: Lookup) -> dict[str, str]:
        return {"all": repr(day.tally(comparison.features))}

    histories = {feature.id: row_history(feature, comparison) for feature in comparison.features}
    days = sorted({day for feature in comparison.features for day in feature.changes_on()})
    afresh = [("", counted(lookup_on(comparison, date.min)))]
    for day in days:
        if counted(lookup_on(comparison, day)) != afresh[-1][1]:
            afresh.append((day.isoformat(), counted(lookup_on(comparison, day))))
    assert len(afresh) > 2, "the fixture's tallies change more than once"
    assert tally_states(comparison, histories, counted) == afresh
