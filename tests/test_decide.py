"""The decision helper: one rule, in Python at build time and in the browser, giving one answer."""

from __future__ import annotations

import html
import random
import re

import pytest

from tests.conftest import FIXTURES, ROOT, attr, first_criteria, project_comparison
from tests.paths import CONTENT_DIR, TEMPLATES_DIR
from versus.data.lookup import Lookup
from versus.data.validate import load_comparison
from versus.pages.decide import Standing, decide, state_query
from versus.pages.render import make_environment
from versus.pages.urls import Links


@pytest.fixture(scope="module")
def small():
    return load_comparison(FIXTURES / "small")


def test_the_rule_is_a_weighted_mean_of_points(small):
    # mobile-deployment critical (4): alpha good 75 points, beta excellent 100; debugging not relevant.
    decision = decide(small, {"mobile-deployment": "critical", "debugging": "not-relevant"})
    assert decision.leader.id == "beta"
    assert [(row.subject.id, row.points, row.total_weight) for row in decision.standings] == [("beta", 400, 4), ("alpha", 300, 4)]
    assert [reason.feature.id for reason in decision.strengths] == ["mobile-deployment"]


def test_the_defaults_apply_to_criteria_left_unset(small):
    # Both "nice to have" (1): alpha 75 + 100 = 175, beta 100 + 50 = 150, over a weight of 2.
    decision = decide(small, {})
    assert decision.leader.id == "alpha"
    assert decision.standings[0].score_text == "87.5"
    assert [reason.feature.id for reason in decision.trade_offs] == ["mobile-deployment"]


def test_what_would_change_the_answer_nearest_step_first_ties_included(small):
    decision = decide(small, {})
    # Mobile one level up (important) makes a tie and two levels up (critical) hands the lead to beta;
    # debugging one level down (not relevant) hands it to beta too. Nearest first, a tie before a new leader.
    assert [(c.feature.id, c.direction, c.importance.id, c.new_leader.id if c.new_leader else None) for c in decision.changes] == [
        ("mobile-deployment", "more", "important", None),
        ("debugging", "less", "not-relevant", "beta"),
        ("mobile-deployment", "more", "critical", "beta"),
    ]
    assert [s.id for s in decision.changes[0].tied] == ["alpha", "beta"]


def test_equal_scores_are_a_tie_named_with_what_breaks_it(small):
    tie = decide(small, {"mobile-deployment": "important", "debugging": "nice-to-have"})  # 8+5 = 10+3
    assert tie.leader is None and [s.id for s in tie.tied] == ["alpha", "beta"]
    assert [(c.feature.id, c.direction, c.new_leader.id) for c in tie.changes] == [
        ("mobile-deployment", "less", "alpha"),
        ("debugging", "less", "beta"),
    ]
    # Where each of the tied subjects is ahead of the other.
    assert [r.feature.id for r in tie.strengths] == ["debugging"] and [r.feature.id for r in tie.trade_offs] == ["mobile-deployment"]


def test_nothing_mattering_recommends_nothing(small):
    nothing = decide(small, {"mobile-deployment": "not-relevant", "debugging": "not-relevant"})
    assert nothing.leader is None and nothing.tied == [] and nothing.changes == []


def test_scores_round_half_up_to_one_decimal(small):
    decision = decide(small, {"mobile-deployment": "critical", "debugging": "nice-to-have"})
    # alpha: (4*75 + 1*100) / 5 = 80; beta: (4*100 + 1*50) / 5 = 90
    assert [row.score_text for row in decision.standings] == ["90.0", "80.0"]
    subject = small.subjects[0]
    assert Standing(subject, 1001, 20).score_text == "50.1"  # 50.05 rounds up
    assert Standing(subject, 1000, 3).score_text == "333.3"


def test_every_profile_has_a_static_page_with_its_python_result(built_site):
    comparison = load_comparison(ROOT / "data")
    for profile in comparison.decision.profiles:
        html = (built_site / "decide" / profile.id / "index.html").read_text(encoding="utf-8")
        decision = decide(comparison, profile.importance)
        assert f'data-leader="{decision.leader.id if decision.leader else ""}"' in html
        assert f'href="../../decide/{state_query(profile.importance)}"' in html


# --- In the browser -------------------------------------------------------------


def browser_result(page, url: str) -> dict:
    page.goto(url)
    page.wait_for_selector(".decision-helper__output .decision-result")
    return page.evaluate(
        """() => {
          const result = document.querySelector('.decision-helper__output .decision-result');
          return {
            leader: result.dataset.leader,
            points: [...result.querySelectorAll('.decision-result__scores li')].map(li => [li.dataset.subject, Number(li.dataset.points)]),
            strengths: [...result.querySelectorAll('.decision-result__strengths li')].map(li => li.dataset.feature),
            tradeOffs: [...result.querySelectorAll('.decision-result__trade-offs li')].map(li => li.dataset.feature),
            changes: [...result.querySelectorAll('.decision-result__changes li')].map(li => li.textContent),
            bars: [...result.querySelectorAll('.decision-result__scores li')].map(li => [li.dataset.subject, li.querySelector('rect').getAttribute('width')]),
            links: [...result.querySelectorAll('a')].map(a => a.href),
          };
        }"""
    )


def python_result(comparison, chosen: dict[str, str]) -> dict:
    """What the static pages show for these choices: Python's decision, its sentences written by the pages' own macros."""
    decision = decide(comparison, chosen)
    shown = static_result(comparison, decision)
    changes = re.search(r'<ul class="decision-result__changes">(.*?)</ul>', shown, re.DOTALL)
    return {
        "leader": decision.leader.id if decision.leader else "",
        "points": [[row.subject.id, row.points] for row in decision.standings],
        "strengths": [r.feature.id for r in decision.strengths],
        "tradeOffs": [r.feature.id for r in decision.trade_offs],
        "changes": [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in re.findall(r"<li>(.*?)</li>", changes[1])] if changes else [],
        "bars": [[row.subject.id, row.score_text] for row in decision.standings],
    }


def static_result(comparison, decision) -> str:
    """The result's HTML as a static decision page shows it (templates/macros/decide.j2 `decision_result`)."""
    environment = make_environment([TEMPLATES_DIR], [CONTENT_DIR], lookup=Lookup.of(comparison))
    return str(environment.globals["decision_result"](decision, Links.for_file("decide.md"), comparison.site.subject_word))


def test_browser_and_python_agree_on_profiles_and_random_priorities(site_url, page):
    comparison = load_comparison(ROOT / "data")
    levels = [level.id for level in comparison.decision.importance]
    choices = [profile.importance for profile in comparison.decision.profiles]
    generator = random.Random(2026)
    choices += [{f.id: generator.choice(levels) for f in comparison.features} for _ in range(12)]
    for chosen in choices:
        seen = browser_result(page, site_url + "decide/" + state_query(chosen))
        expected = python_result(comparison, chosen)
        assert {key: seen[key] for key in expected} == expected, chosen


def test_a_known_priority_gives_the_expected_recommendation(site_url, page):
    """Only one criterion matters, one where a single subject is best: that subject is recommended."""
    comparison = load_comparison(ROOT / "data")
    lookup = Lookup.of(comparison)
    levels = comparison.decision.importance
    for feature in comparison.ordered_features():
        leaders = lookup.rows[feature.id].leaders()
        if len(leaders) == 1:
            (best,) = leaders
            break
    else:
        pytest.skip("no criterion has a single best subject")
    only_this = {f.id: levels[0].id for f in comparison.features} | {feature.id: levels[-1].id}
    assert browser_result(page, site_url + "decide/" + state_query(only_this))["leader"] == best


def test_every_reason_links_to_an_existing_fact(site_url, page, built_site):
    comparison = load_comparison(ROOT / "data")
    for profile in comparison.decision.profiles:
        for link in browser_result(page, site_url + "decide/" + state_query(profile.importance))["links"]:
            path = link.removeprefix(site_url).split("#")[0]
            assert (built_site / path / "index.html").is_file(), link


def test_choices_go_into_the_url_and_a_shared_url_restores_them(site_url, page, browser):
    first, second = (feature.id for feature in first_criteria(2))
    levels = project_comparison().decision.importance
    most, least = levels[-1].id, levels[0].id
    page.goto(site_url + "decide/")
    page.select_option(f"select{attr('name', first)}", most)
    page.select_option(f"select{attr('name', second)}", least)
    shared = page.url
    assert f"w={first}:{most},{second}:{least}" in shared or f"w={second}:{least},{first}:{most}" in shared
    leader = page.get_attribute(".decision-helper__output .decision-result", "data-leader")
    other = browser.new_context().new_page()
    other.goto(shared)
    assert other.input_value(f"select{attr('name', first)}") == most
    assert other.input_value(f"select{attr('name', second)}") == least
    assert other.get_attribute(".decision-helper__output .decision-result", "data-leader") == leader
    other.context.close()


def test_without_javascript_the_helper_page_offers_the_static_profiles(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "decide/")
    assert not tab.is_visible("form.decision-helper")
    assert "needs JavaScript" in tab.locator("p.decision-helper__noscript").inner_text()
    assert tab.locator("p.decision-helper__noscript").is_visible()
    profile_links = tab.locator("#profiles + ul a")
    assert profile_links.count() == len(load_comparison(ROOT / "data").decision.profiles)
    context.close()


def test_a_value_names_its_level_once():
    comparison = load_comparison(ROOT / "data")
    rows = Lookup.of(comparison).rows
    for row in rows.values():
        for reading in row.readings.values():
            words = reading.with_level
            if reading.level_label:
                assert words.casefold().count(reading.level_label.casefold()) == max(
                    1, reading.text.casefold().count(reading.level_label.casefold())
                )
                assert not words.endswith(f"{reading.level_label} ({reading.level_label})")
