"""The typed model and the checks across files: each mistake named with its place and a fix."""

from __future__ import annotations

import gc
import shutil
from datetime import date

import pytest

from tests.conftest import edit
from tests.paths import DATA_DIR
from versus.data.kinds.rating import RatingCell
from versus.data.problems import DataProblems
from versus.data.validate import load_comparison

TODAY = date(2026, 11, 26)


def problems_in(data_dir) -> list[str]:
    with pytest.raises(DataProblems) as raised:
        load_comparison(data_dir, today=TODAY)
    return [str(problem) for problem in raised.value.problems]


def test_the_small_fixture_is_valid_and_typed(small_data):
    comparison = load_comparison(small_data, today=TODAY)
    assert [s.id for s in comparison.subjects] == ["alpha", "beta"]
    assert comparison.subjects[0].latest_release.version == "2.10"
    cell = comparison.features[0].values["beta"]
    assert isinstance(cell, RatingCell), "a criterion without `kind:` is a rating"
    assert cell.rating == "excellent" and cell.as_of == date(2026, 11, 1)


def test_unknown_key_gets_did_you_mean(small_data):
    edit(small_data / "features.yml", "        label: Beta Lite", "        lable: Beta Lite")
    problems = problems_in(small_data)
    assert "data/features.yml:22:9: unknown key `lable` (hint: did you mean `label`?)" in [
        p.replace(str(small_data), "data") for p in problems
    ]


def test_paths_are_shown_relative_to_the_working_directory(small_data, monkeypatch):
    monkeypatch.chdir(small_data.parent)
    edit(small_data / "features.yml", "        label: Beta Lite", "        lable: Beta Lite")
    assert any(p.startswith("data/features.yml:22:9: unknown key `lable`") for p in problems_in(small_data))


def test_boolean_words_are_not_booleans(small_data):
    edit(small_data / "pricing.yml", "    editorial: true", "    editorial: yes")
    problems = problems_in(small_data)
    assert any("pricing.yml:6:16:" in p and "expected true or false, got 'yes'" in p for p in problems)


def test_unknown_rating_lists_the_scale(small_data):
    edit(small_data / "features.yml", "rating: fair", "rating: great")
    (problem,) = problems_in(small_data)
    assert "features.yml:41:17: `great` is not a level of the scale `quality`" in problem
    assert "excellent, good, fair, limited, poor" in problem


def test_id_must_be_a_slug(small_data):
    edit(small_data / "features.yml", "  - id: debugging", "  - id: Debugging Tools")
    (problem,) = problems_in(small_data)
    assert "features.yml:28:9: `Debugging Tools` is not a valid id" in problem


def test_bad_date_and_missing_key_are_reported_together(small_data):
    edit(small_data / "features.yml", "as_of: 2024-01-01", "as_of: 2024-13-01")
    edit(small_data / "site.yml", "title: Alpha vs Beta\n", "")
    problems = problems_in(small_data)
    assert any("features.yml:17:20: `2024-13-01` is not a date" in p for p in problems)
    assert any("site.yml:1:1: missing required key `title`" in p for p in problems)


def test_source_url_must_be_https(small_data):
    edit(small_data / "features.yml", "https://example.org/beta/lite", "http://example.org/beta/lite")
    (problem,) = problems_in(small_data)
    assert "is not an https URL" in problem


def test_wrong_shape_says_what_was_expected(small_data):
    edit(small_data / "use_cases.yml", "features: [debugging]", "features: debugging")
    (problem,) = problems_in(small_data)
    assert "use_cases.yml:6:15: `features` should be a list" in problem


def test_unknown_references_are_reported_with_a_suggestion(small_data):
    edit(small_data / "use_cases.yml", "features: [debugging]", "features: [debuging]")
    edit(small_data / "use_cases.yml", "subject: beta", "subject: gamma")
    edit(small_data / "verdict.yml", "use_cases: [research]", "use_cases: [reseach]")
    problems = problems_in(small_data)
    assert any("use_cases.yml:6:16: unknown feature `debuging` (hint: did you mean `debugging`?)" in p for p in problems)
    assert any("use_cases.yml:8:14: unknown subject `gamma`" in p for p in problems)
    assert any("verdict.yml:7:17: unknown use case `reseach`" in p for p in problems)


def test_duplicate_ids_are_reported(small_data):
    edit(small_data / "features.yml", "  - id: debugging", "  - id: mobile-deployment")
    problems = problems_in(small_data)
    assert any("features.yml:28:9: the id `mobile-deployment` is used twice (hint: the first use is near line 2" in p for p in problems)


def test_a_missing_cell_names_feature_and_subject(small_data):
    text = (small_data / "features.yml").read_text()
    start = text.index("      beta:\n        label: Harder")
    (small_data / "features.yml").write_text(text[:start])
    (problem,) = problems_in(small_data)
    assert "feature `debugging` has no value for subject `beta`" in problem
    assert "features.yml:31:5:" in problem


def test_a_draft_subject_may_miss_cells_and_is_not_published(small_data):
    text = (small_data / "features.yml").read_text()
    (small_data / "features.yml").write_text(text[: text.index("      beta:\n        label: Harder")])
    with open(small_data / "subjects.yml", "a") as subjects:
        subjects.write("    draft: true\n")  # the file ends with the second subject, beta
    edit(small_data / "use_cases.yml", "subject: beta", "subject: alpha")
    comparison = load_comparison(small_data, today=TODAY)
    assert [s.id for s in comparison.subjects] == ["alpha"]
    assert all(set(f.values) == {"alpha"} for f in comparison.features)


def test_future_as_of_is_an_error(small_data):
    edit(small_data / "performance.yml", "as_of: 2026-11-01", "as_of: 2027-01-01")
    (problem,) = problems_in(small_data)
    assert "performance.yml:8:12: `as_of` 2027-01-01 is in the future" in problem


def test_mistakes_in_several_files_are_reported_in_one_run(small_data):
    edit(small_data / "features.yml", "rating: fair", "rating: great")
    edit(small_data / "subjects.yml", "  - id: beta", "  - id: Beta")
    (small_data / "pricing.yml").write_text("summary: [unclosed\n")
    problems = problems_in(small_data)
    assert {p.split(":")[0].rsplit("/", 1)[-1] for p in problems} == {"features.yml", "subjects.yml", "pricing.yml"}


def test_loading_leaves_the_cycle_collector_as_it_found_it(tmp_path):
    """Loading pauses the collector for speed; a long-running preview must get it back, even after bad data."""
    assert gc.isenabled()
    load_comparison(DATA_DIR)
    assert gc.isenabled()
    broken = tmp_path / "data"
    shutil.copytree(DATA_DIR, broken)
    (broken / "site.yml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataProblems):
        load_comparison(broken)
    assert gc.isenabled()


def test_a_relative_link_in_data_text_is_refused_at_its_line(small_data):
    """Data text is shown on fact pages, the table's pages and the feed: only absolute links lead the same way from all."""
    edit(small_data / "features.yml", "hides the Python frames.", "hides the Python frames; see [the notes](../notes/) or `[x](y)`.")
    problems = problems_in(small_data)
    line = next(n for n, text in enumerate((small_data / "features.yml").read_text().splitlines(), 1) if "../notes/" in text)
    assert len(problems) == 1, problems
    assert f"features.yml:{line}:" in problems[0]
    assert "the link `../notes/` is not an absolute https:// address" in problems[0]
    assert "write the full https:// address" in problems[0]
