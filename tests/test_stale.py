"""`make stale`: facts not checked for a while, oldest first, one clickable line each."""

from __future__ import annotations

import subprocess
from datetime import date

from tests.conftest import FIXTURES, ROOT, edit, run_cli
from versus.data.freshness import dated_facts, last_checked, stale_facts
from versus.data.validate import load_comparison

DATED = FIXTURES / "dated"
TODAY = date(2026, 6, 1)


def test_the_report_lists_exactly_the_facts_older_than_a_year_oldest_first():
    result = run_cli("stale", "--data", DATED, "--today", "2026-06-01")
    assert result.code == 0, result.output
    shown = DATED.relative_to(ROOT)  # paths are shown relative to where the command runs
    assert result.stdout.splitlines() == [
        f"{shown}/features.yml:48: notebooks / delta: 2023-04-15",
        f"{shown}/features.yml:29: serving / delta: 2024-11-20",
        f"{shown}/subjects.yml:29: subjects / delta: 2025-03-01",
    ]
    assert "3 facts last checked more than 365 days before 2026-06-01" in result.stderr


def test_the_line_is_the_as_of_line_of_the_fact():
    comparison = load_comparison(DATED, today=TODAY)
    lines = (DATED / "features.yml").read_text(encoding="utf-8").splitlines()
    for fact in stale_facts(comparison, today=TODAY, days=0):
        text = (DATED / fact.place.data_file).read_text(encoding="utf-8").splitlines()
        assert text[fact.place.as_of_line - 1].strip() == f"as_of: {fact.as_of.isoformat()}", fact
    assert lines[47].strip() == "as_of: 2023-04-15"


def test_a_shorter_threshold_lists_more_and_the_day_boundary_is_exclusive():
    comparison = load_comparison(DATED, today=TODAY)
    within_90 = [fact.what for fact in stale_facts(comparison, today=TODAY, days=90)]
    assert within_90 == [
        "notebooks / delta",
        "serving / delta",
        "subjects / delta",
        "pricing / hosting",
        "notebooks / gamma",
    ]
    # pricing / hosting was checked on 2025-10-01, 243 days before TODAY: listed above 242, not at 243.
    assert "pricing / hosting" in [f.what for f in stale_facts(comparison, today=TODAY, days=242)]
    assert "pricing / hosting" not in [f.what for f in stale_facts(comparison, today=TODAY, days=243)]


def test_strict_fails_only_when_something_is_listed():
    assert run_cli("stale", "--data", DATED, "--today", "2026-06-01", "--strict").code == 1
    fresh = run_cli("stale", "--data", DATED, "--today", "2026-06-01", "--days", "1200", "--strict")
    assert fresh.code == 0, fresh.output
    assert fresh.stdout == ""
    assert "no fact last checked more than 1200 days before 2026-06-01" in fresh.stderr


def test_every_dated_fact_is_covered_and_the_last_check_is_the_latest_as_of():
    comparison = load_comparison(DATED, today=TODAY)
    facts = dated_facts(comparison)
    assert len(facts) == 1 + 2 + 4 + 1 + 1 + 2  # site, subjects, cells, notes, verdict points
    assert all(fact.place is not None for fact in facts)
    assert last_checked(comparison) == date(2026, 6, 1)


def test_bad_arguments_and_bad_data_are_reported_without_a_traceback(small_data):
    bad_days = run_cli("stale", "--days", "ninety")
    assert bad_days.code == 2 and "expected a whole number of days" in bad_days.stderr
    edit(small_data / "features.yml", "as_of: 2026-11-01", "as_of: 2026-13-01")
    bad_data = run_cli("stale", "--data", small_data, "--today", "2026-11-26")
    assert bad_data.code == 1
    assert "features.yml:13:16: `2026-13-01` is not a date" in bad_data.stderr
    assert "Traceback" not in bad_data.output


def test_make_stale_passes_days_strict_and_data_through_the_environment(small_data, tmp_path):
    def make(*variables: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["make", "--no-print-directory", "stale", *variables], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
        )

    everything = make(f"DATA={small_data}", "DAYS=0")
    assert everything.returncode == 0 and "last checked more than 0 days before" in everything.stderr, everything.stderr
    assert "features.yml:" in everything.stdout, "the facts of the data folder named, not of data/"
    assert make(f"DATA={small_data}", "DAYS=0", "STRICT=1").returncode != 0, "make fails when the command does"
    assert make(f"DATA={small_data}", "DAYS=0", "STRICT=0").returncode == 0
    assert "more than 90 days" in make(f"DATA={small_data}", "DAYS=90").stderr
    # Quotes and command substitutions in a variable stay text: nothing runs.
    marker = tmp_path / "ran"
    hostile = make(f"DATA={small_data}'$(touch {marker})'", f"DAYS=1$(touch {marker})")
    assert hostile.returncode != 0 and not marker.exists()
