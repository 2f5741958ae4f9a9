"""The decision helper read at a glance: ties named with what breaks them, scores drawn as bars, the answer kept in view."""

from __future__ import annotations

import itertools
import json
import random
import re

import pytest

from tests.conftest import SiteServer, edit, fixture_copy, project_comparison
from tests.test_decide import browser_result, python_result
from versus.data.lookup import Lookup
from versus.data.validate import load_comparison
from versus.pages.decide import decide, state_query
from versus.site.build import build

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """The two-criterion fixture, with a profile whose priorities tie, built and served."""
    folder = tmp_path_factory.mktemp("small-ties")
    data = fixture_copy("small", folder)
    edit(
        data / "decision.yml",
        "profiles:\n",
        "profiles:\n  - id: undecided\n    title: An undecided team\n    summary: Weighs both alike.\n"
        "    importance:\n      mobile-deployment: important\n      debugging: nice-to-have\n",
    )
    build(data_dir=data, site_dir=folder / "site")
    server = SiteServer(folder / "site")
    yield load_comparison(data), folder / "site", server.url
    server.close()


def test_browser_and_python_agree_on_every_choice_ties_included(small_site, page):
    comparison, _, url = small_site
    levels = [level.id for level in comparison.decision.importance]
    features = [feature.id for feature in comparison.features]
    ties = 0
    for combination in itertools.product(levels, repeat=len(features)):
        chosen = dict(zip(features, combination, strict=True))
        ties += decide(comparison, chosen).tied != []
        seen = browser_result(page, url + "decide/" + state_query(chosen))
        expected = python_result(comparison, chosen)
        assert {key: seen[key] for key in expected} == expected, chosen
    assert ties, "the fixture should give at least one tie"


def test_browser_and_python_agree_with_three_subjects(gate_site, gate_url, page):
    comparison = project_comparison() if not (gate_site.parent / "commute").is_dir() else load_comparison(gate_site.parent / "commute")
    levels = [level.id for level in comparison.decision.importance]
    generator = random.Random(12)
    for _ in range(10):
        chosen = {f.id: generator.choice(levels) for f in comparison.features}
        seen = browser_result(page, gate_url + "decide/" + state_query(chosen))
        expected = python_result(comparison, chosen)
        assert {key: seen[key] for key in expected} == expected, chosen


def test_a_tie_is_named_with_its_scores_and_what_would_break_it(small_site):
    comparison, site, _ = small_site
    html = (site / "decide" / "undecided" / "index.html").read_text(encoding="utf-8")
    names = [subject.name for subject in comparison.subjects]
    assert f"A tie between {names[0]} and {names[1]}</strong>: each scores" in html
    assert "What would break the tie:" in html
    changes = re.search(r'<ul class="decision-result__changes">(.*?)</ul>', html, re.DOTALL).group(1)
    profile = next(profile for profile in comparison.decision.profiles if profile.id == "undecided")
    assert changes.count("would lead.") == len(decide(comparison, profile.importance).changes) > 0


def test_every_score_is_drawn_as_a_bar_beside_its_number(small_site):
    comparison, site, _ = small_site
    for profile in comparison.decision.profiles:
        html = (site / "decide" / profile.id / "index.html").read_text(encoding="utf-8")
        scores = re.findall(r'<li data-subject="[^"]+"[^>]*>.*?<rect width="([\d.]+)".*?([\d.]+) of 100</span></li>', html)
        assert len(scores) == len(comparison.subjects) and all(width == said for width, said in scores), scores


def test_what_would_change_the_answer_reports_a_tie(small_site, page):
    _, _, url = small_site
    result = browser_result(page, url + "decide/")
    assert any(change.endswith("would tie.") for change in result["changes"]), result["changes"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_answer_stays_in_view_while_priorities_change(browser, gate_url, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(gate_url + "decide/")
    tab.wait_for_selector(".decision-helper__output .decision-result")
    selects = tab.locator("form.decision-helper select:not([data-category])")
    last = selects.nth(selects.count() - 1)
    last.scroll_into_view_if_needed()
    options = last.evaluate("select => [...select.options].map(option => option.value)")
    for value in (options[-1], options[0]):
        last.select_option(value)
        summary = tab.locator(".decision-summary")
        box = summary.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
        # The line at the foot of the screen, or the result's own verdict when it is in view and the line fades.
        verdict_box = tab.locator(".decision-helper__output .decision-result__verdict").bounding_box()
        tab.wait_for_timeout(300)  # the fade follows the scroll's intersection report
        faded = tab.eval_on_selector(".decision-summary", "bar => bar.classList.contains('decision-summary--beside-result')")
        if faded:
            assert verdict_box["y"] >= 0 and verdict_box["y"] + verdict_box["height"] <= PHONE["height"], verdict_box
        else:
            assert last.bounding_box()["y"] + last.bounding_box()["height"] <= box["y"], "the answer covers the control just changed"
        text = summary.inner_text()
        leader = tab.get_attribute(".decision-helper__output .decision-result", "data-leader")
        verdict = tab.inner_text(".decision-helper__output .decision-result__verdict")
        if leader:
            assert text.startswith(verdict.split(":")[0]) and verdict.removeprefix("Recommendation: ") in text
        else:
            assert text.split(":")[0].split(" between")[0] in verdict
    context.close()


def test_the_helper_s_script_loads_only_where_the_helper_is(browser, site_url):
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    tab = context.new_page()
    tab.goto(site_url + "comparison/", wait_until="networkidle")
    assert not any(url.endswith("/decide.js") for url in requested)
    tab.goto(site_url + "decide/", wait_until="networkidle")
    tab.wait_for_selector(".decision-helper__output .decision-result")
    assert any(url.endswith("/decide.js") for url in requested)
    context.close()


def comparison_of(gate_site):
    """The comparison a gate site was built from."""
    return project_comparison() if not (gate_site.parent / "commute").is_dir() else load_comparison(gate_site.parent / "commute")


def test_a_category_s_importance_keeps_the_value_chosen(gate_site, gate_url, page):
    page.goto(gate_url + "decide/")
    page.wait_for_selector(".decision-helper__output .decision-result")
    category = page.locator("select[data-category]").first
    if not category.count():
        pytest.skip("this comparison has no categories")
    category_id = category.get_attribute("data-category")
    members = page.locator(f"select[data-in-category={json.dumps(category_id)}]")
    levels = category.evaluate("select => [...select.options].map(option => option.value).filter(Boolean)")
    default = members.first.input_value()
    chosen = next(level for level in levels if level != default)
    category.select_option(chosen)
    assert category.input_value() == chosen
    assert {members.nth(i).input_value() for i in range(members.count())} == {chosen}
    assert f"{members.first.get_attribute('name')}:{chosen}" in page.url
    # A shared link shows the same choice in the category's select.
    page.goto(page.url)
    page.wait_for_selector(".decision-helper__output .decision-result")
    assert page.locator("select[data-category]").first.input_value() == chosen
    if members.count() > 1:
        # Once one of its criteria differs, the category says its criteria are set one by one.
        members.first.select_option(default)
        assert page.locator("select[data-category]").first.input_value() == ""


def test_the_helper_names_each_level_once_and_starts_from_the_profiles(gate_site, gate_url, page):
    comparison = comparison_of(gate_site)
    page.goto(gate_url + "decide/")
    page.wait_for_selector(".decision-helper__output .decision-result")
    headings = page.locator("article h2").all_inner_texts()
    if comparison.decision.profiles:
        assert headings[0].startswith("Start from a profile"), headings
    reasons = page.locator(".decision-helper__output li[data-feature]").all_inner_texts()
    assert reasons
    levels = {reading.level_label for row in Lookup.of(comparison).rows.values() for reading in row.readings.values()} - {""}
    for reason in reasons:
        # "Yes (Yes)", "Excellent (Pythonic) (Excellent)": a level said again in brackets after a value that says it.
        for value in reason.split(": ", 1)[1].split("; "):
            for level in levels:
                assert not (f"({level})" in value and re.search(rf"\b{re.escape(level)}\b", value.replace(f"({level})", ""))), reason
    # The browser's wording agrees with the static profile pages, which Python writes.
    for profile in comparison.decision.profiles[:2]:
        page.goto(gate_url + "decide/" + state_query(profile.importance))
        page.wait_for_selector(".decision-helper__output .decision-result")
        seen = page.locator(".decision-helper__output li").all_inner_texts()
        page.goto(gate_url + f"decide/{profile.id}/")
        assert page.locator(".decision-result li").all_inner_texts() == seen
