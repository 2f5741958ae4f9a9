"""One answer everywhere: a verdict point agrees with the profiles it names, a use case with the rows it cites, or says why."""

from __future__ import annotations

import re

from tests.conftest import edit, run_cli
from versus.pages.conclusions import checked_comparison, point_standings

# tests/fixtures/small: Alpha leads debugging, Beta leads mobile deployment; the `lab` profile weighs
# debugging, `on-the-go` mobile deployment.


def test_a_verdict_naming_the_profile_that_agrees_is_clean_and_shows_its_figures(small_data):
    edit(small_data / "verdict.yml", "use_cases: [research]\n", "use_cases: [research]\n    profiles: [lab]\n")
    comparison = checked_comparison(small_data)
    [standing] = point_standings(comparison, comparison.verdict.points[0])
    assert standing.kind == "profile" and standing.leader is not None and standing.leader.id == "alpha"


def test_a_winner_the_profile_does_not_recommend_is_a_problem_at_the_winner(small_data):
    edit(small_data / "verdict.yml", "use_cases: [research]\n", "use_cases: [research]\n    profiles: [on-the-go]\n")
    result = run_cli("check", "--data", small_data)
    assert result.code == 1 and "Traceback" not in result.output
    assert re.search(
        r"verdict\.yml:4:13: the point names Alpha the winner, but its profile `on-the-go` recommends Beta \(Beta [\d.]+ vs Alpha [\d.]+\)"
        r" \(hint: change the winner or the profile's priorities, or say why they differ in `differs_because:`\)",
        result.stderr,
    ), result.stderr


def test_no_winner_beside_a_profile_with_a_clear_leader_is_a_problem_unless_the_point_says_why(small_data):
    edit(small_data / "verdict.yml", "use_cases: [research, mobile-apps]\n", "use_cases: [research, mobile-apps]\n    profiles: [lab]\n")
    result = run_cli("check", "--data", small_data)
    assert result.code == 1
    assert "the point names no winner, but its profile `lab` clearly recommends Alpha" in result.stderr
    assert "`clear_lead` in decision.yml" in result.stderr

    edit(small_data / "verdict.yml", "    profiles: [lab]\n", "    profiles: [lab]\n    differs_because: A lab is one reader of two.\n")
    assert run_cli("check", "--data", small_data).code == 0


def test_the_clear_lead_is_declared_in_the_data(small_data):
    edit(small_data / "verdict.yml", "use_cases: [research, mobile-apps]\n", "use_cases: [research, mobile-apps]\n    profiles: [lab]\n")
    edit(small_data / "decision.yml", "default_importance: nice-to-have\n", "default_importance: nice-to-have\nclear_lead: 100\n")
    assert run_cli("check", "--data", small_data).code == 0, "a lead under 100 points is a close call by this data's measure"


def test_a_use_case_citing_a_row_its_subject_does_not_lead_is_a_problem_naming_the_leader(small_data):
    edit(small_data / "use_cases.yml", "features: [debugging]", "features: [debugging, mobile-deployment]")
    result = run_cli("check", "--data", small_data)
    assert result.code == 1
    assert re.search(
        r"use_cases\.yml:\d+:\d+: `mobile-deployment` is cited as evidence for Alpha, but its row is led by Beta "
        r"\(hint: cite rows this subject leads, or move this one under `context:`",
        result.stderr,
    ), result.stderr


def test_a_row_under_context_is_shown_as_context_not_evidence(small_data, tmp_path):
    from versus.site.build import build

    edit(small_data / "use_cases.yml", "features: [debugging]", "features: [debugging]\n    context: [mobile-deployment]")
    assert run_cli("check", "--data", small_data).code == 0
    build(data_dir=small_data, site_dir=tmp_path / "site")
    page = (tmp_path / "site" / "choose" / "alpha" / "index.html").read_text(encoding="utf-8")
    _, _, context = page.partition("For context, rows it does not lead")
    assert context and "Mobile" in context.split("</ul>")[0]


def test_the_verdict_page_shows_the_figures_and_the_reason_a_point_differs(small_data, tmp_path):
    from versus.site.build import build

    edit(
        small_data / "verdict.yml",
        "use_cases: [research, mobile-apps]\n",
        "use_cases: [research, mobile-apps]\n    profiles: [lab, on-the-go]\n    differs_because: Each of its two readers gets another answer.\n",
    )
    build(data_dir=small_data, site_dir=tmp_path / "site")
    page = (tmp_path / "site" / "verdict" / "index.html").read_text(encoding="utf-8")
    assert "What the data computes" in page and "Why the conclusion differs:" in page
    assert "Each of its two readers gets another answer." in page
    assert re.search(r"A lab</a>: <strong>Alpha leads</strong>, Alpha [\d.]+ of 100 vs Beta [\d.]+ of 100", page)


def test_unknown_profiles_categories_and_context_rows_are_reported_with_their_nearest_id(small_data):
    edit(small_data / "verdict.yml", "use_cases: [research]\n", "use_cases: [research]\n    profiles: [labb]\n    categories: [nowhere]\n")
    edit(small_data / "use_cases.yml", "features: [debugging]", "features: [debugging]\n    context: [mobile-deploy]")
    result = run_cli("check", "--data", small_data)
    assert "unknown profile `labb` (hint: did you mean `lab`?)" in result.stderr
    assert "unknown category `nowhere`" in result.stderr
    assert "unknown feature `mobile-deploy` (hint: did you mean `mobile-deployment`?)" in result.stderr


def test_editorial_texts_carry_the_mark_on_the_page(small_data, tmp_path):
    from versus.site.build import build

    edit(small_data / "use_cases.yml", "features: [debugging]", "features: [debugging]\n    editorial: true")
    build(data_dir=small_data, site_dir=tmp_path / "site")
    page = (tmp_path / "site" / "choose" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="editorial"') == 1


def test_check_editorial_lists_the_judgements_that_carry_no_mark(small_data):
    result = run_cli("check", "--editorial", "--data", small_data)
    assert result.code == 1
    assert re.search(r"use_cases\.yml:\d+:\d+: use case `research` judges without a source of its own", result.stdout)
    assert re.search(r"verdict\.yml:\d+:\d+: verdict point `bottom-line`", result.stdout)
    assert re.search(r"site\.yml:\d+:\d+: `why_it_matters`", result.stdout)
