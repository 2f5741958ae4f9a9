"""`versus diff`: what an edit does to the comparison, on a small repository with one commit per kind of edit.

Each test commits the fixture comparison (tests/fixtures/commute: three subjects, two categories,
every kind of value, a profile), then commits one edit and compares HEAD with HEAD~1. The figures
the tests expect follow from the fixture's values and the site's scoring rule (versus/pages/decide.py):
in Everyday use the folding bike scores 75 (ride comfort 50, trains 100), the cargo bike 67 (100, 0, 100)
and the e-scooter 25 (0, 50); with every criterion at the default importance the folding bike leads
with 83.3.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, edit, run_cli
from versus.cli import main
from versus.data.lookup import Lookup
from versus.data.validate import load_comparison
from versus.pages.changes import every_change

GIT_ENVIRONMENT = {
    "GIT_AUTHOR_NAME": "An Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "An Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,  # no signing or hooks of whoever runs the tests
    "GIT_CONFIG_NOSYSTEM": "1",
}
RIDE_COMFORT_FOLDING = """      folding-bike:
        label: Firm on small wheels
        rating: okay
        editorial: true
        explanation: Small wheels feel every cobblestone.
        sources: [{url: https://example.org/reviews/folding, title: Folding bike review, publisher: Example Review}]
        as_of: 2026-11-20
"""


def git(repo: Path, *arguments: str) -> str:
    completed = subprocess.run(
        ["git", "-C", str(repo), *arguments], capture_output=True, text=True, check=True, env={**os.environ, **GIT_ENVIRONMENT}
    )
    return completed.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose first commit is the commute comparison, with a minimal mkdocs.yml."""
    monkeypatch.delenv("VERSUS_DATA", raising=False)
    monkeypatch.delenv("SITE_URL", raising=False)
    folder = tmp_path / "site"
    shutil.copytree(FIXTURES / "commute", folder / "data")
    (folder / "mkdocs.yml").write_text("site_name: Commute\n", encoding="utf-8")
    git(folder, "init", "-q", "-b", "main")
    commit(folder, "The comparison")
    return folder


def diff(repo: Path, capsys: pytest.CaptureFixture[str], *options: str, base: str = "HEAD~1") -> str:
    code = main(["--project", str(repo), "diff", "--base", base, *options])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    return captured.out


def as_data(repo: Path, capsys: pytest.CaptureFixture[str], base: str = "HEAD~1") -> dict:
    return json.loads(diff(repo, capsys, "--format", "json", base=base))


def features(repo: Path) -> Path:
    return repo / "data" / "features.yml"


def test_a_changed_value_is_one_cell_in_the_readers_words_with_its_page(repo, capsys):
    edit(features(repo), "label: Firm on small wheels", "label: Firm on 16-inch wheels")
    commit(repo, "A value")
    text = diff(repo, capsys)
    assert text.splitlines()[0] == "1 cell changed in 1 criterion; no recommendation changed"
    assert "- **Ride comfort · Folding bike**: was “Firm on small wheels” (Acceptable), now “Firm on 16-inch wheels” (Acceptable)" in text
    assert "  - page: `features/ride-comfort/#folding-bike`" in text
    assert "  - as of 2026-11-20 (unchanged)" in text
    assert "no past value added under `history:`" in text
    assert "#### Effects on the conclusions" not in text  # nothing moved
    data = as_data(repo, capsys)
    assert [(c["feature"], c["subject"], c["was"]["text"], c["now"]["text"]) for c in data["cells"]] == [
        ("ride-comfort", "folding-bike", "Firm on small wheels", "Firm on 16-inch wheels")
    ]
    assert data["items"] == [] and data["settings"] == [] and data["row_leaders"] == [] and data["categories"] == []
    assert not any(r["changed"] for r in data["recommendations"])


def test_a_changed_level_moves_the_category_lead_and_says_it_as_the_what_changed_page_will(repo, capsys):
    old, new = RIDE_COMFORT_FOLDING, RIDE_COMFORT_FOLDING.replace("rating: okay", "rating: harsh").replace("2026-11-20", "2026-11-25")
    new += """        history:
          - label: Firm on small wheels
            rating: okay
            as_of: 2026-11-20
            changed_on: 2026-11-25
            reason: The maker fitted harder tyres.
            change_sources: [{url: https://example.org/folding/tyres, title: New tyres, publisher: Example Folders}]
"""
    edit(features(repo), old, new)
    commit(repo, "A level")
    text = diff(repo, capsys)
    assert text.splitlines()[0] == "1 cell changed in 1 criterion; Cargo bike now leads Everyday use; no recommendation changed"
    assert "- **Ride comfort · Folding bike**: “Firm on small wheels” kept; its rating was Acceptable, now Harsh" in text
    assert "  - level: ★★☆ Acceptable → ★☆☆ Harsh" in text
    assert "  - as of 2026-11-20 → 2026-11-25" in text
    assert "| Everyday use | 75 → 50 | 67 | 25 | Folding bike → **Cargo bike** |" in text
    assert (
        "| the decision helper as it opens (every criterion at the default importance) | Folding bike (83.3) | Folding bike (66.7) |"
        in text
    )
    assert (
        "- 2026-11-25, Comparison: **Ride comfort for Folding bike**: “Firm on small wheels” kept; its rating was Acceptable, now Harsh. The maker fitted harder tyres."
        in text
    )
    assert "no past value added" not in text
    data = as_data(repo, capsys)
    (cell,) = data["cells"]
    assert cell["was"] == {"text": "Firm on small wheels", "level": "Acceptable", "symbol": "★★☆", "points": 50}
    assert cell["now"] == {"text": "Firm on small wheels", "level": "Harsh", "symbol": "★☆☆", "points": 0}
    assert cell["in_history"] is True and cell["other_fields"] == ["history"]
    (category,) = data["categories"]
    assert (category["category"], category["was_leaders"], category["now_leaders"]) == ("everyday", ["Folding bike"], ["Cargo bike"])
    assert [(s["subject"], s["was"], s["now"]) for s in category["scores"]] == [
        ("folding-bike", 75, 50),
        ("cargo-bike", 67, 67),
        ("e-scooter", 25, 25),
    ]
    # The reviewer's words are the readers' words: the site's own change entry says the same.
    comparison = load_comparison(repo / "data")
    (entry,) = every_change(comparison, Lookup.of(comparison))[:1]
    assert entry.description() == cell["description"] == data["new_entries"][0]["description"]


def test_a_source_added_is_listed_with_its_link_and_the_value_kept(repo, capsys):
    edit(
        features(repo),
        "sources: [{url: https://example.org/cargo/box, title: The box, publisher: Example Cycles}]",
        "sources:\n"
        "          - {url: https://example.org/cargo/box, title: The box, publisher: Example Cycles}\n"
        "          - {url: https://example.org/cargo/crash-test, title: Child seat crash test, publisher: Example Review}",
    )
    commit(repo, "A source")
    text = diff(repo, capsys)
    assert text.splitlines()[0] == "1 cell changed in 1 criterion; no recommendation changed"
    assert "- **Carries a child · Cargo bike**: value unchanged" in text
    assert "  - sources added: [Child seat crash test](<https://example.org/cargo/crash-test>) (Example Review)" in text
    assert "sources removed" not in text and "also changed" not in text
    (cell,) = as_data(repo, capsys)["cells"]
    assert cell["description"] == "" and cell["value_changed"] is False
    assert cell["sources_added"] == [
        {"title": "Child seat crash test", "url": "https://example.org/cargo/crash-test", "publisher": "Example Review"}
    ]
    assert cell["sources_removed"] == [] and cell["sources_retitled"] == []


def test_an_id_renamed_with_an_alias_keeps_its_cells_and_its_links(repo, capsys):
    edit(features(repo), "  - id: weight\n", "  - id: mass\n    aliases: [weight]\n")
    edit(repo / "data" / "use_cases.yml", "features: [train-friendly, weight]", "features: [train-friendly, mass]")
    edit(repo / "data" / "decision.yml", "      weight: much", "      mass: much")
    commit(repo, "A rename")
    text = diff(repo, capsys)
    assert text.splitlines()[0] == "No cell changed; 1 criterion renamed; no recommendation changed"
    assert "- criterion `weight` renamed to `mass` (Weight): the alias `weight` keeps its old links working" in text
    assert "⚠️" not in text
    data = as_data(repo, capsys)
    assert data["cells"] == [] and data["categories"] == []
    assert [(i["kind"], i["action"], i["id"], i["old_id"]) for i in data["items"] if i["action"] != "edited"] == [
        ("feature", "renamed", "mass", "weight")
    ]


def test_an_id_gone_without_an_alias_is_a_warning(repo, capsys):
    edit(repo / "data" / "use_cases.yml", "id: school-run", "id: school-trips")
    edit(repo / "data" / "verdict.yml", "use_cases: [school-run]", "use_cases: [school-trips]")
    commit(repo, "A use case renamed without an alias")
    text = diff(repo, capsys)
    assert text.splitlines()[0] == "No cell changed; 1 use case added; 1 use case removed with no alias; no recommendation changed"
    assert "- ⚠️ use case `school-run` (The school run) removed with no alias: links to it break (hint: add `aliases: [school-run]`" in text
    assert "- use case `school-trips` (The school run) added" in text
    items = as_data(repo, capsys)["items"]
    assert [(i["kind"], i["action"], i["id"]) for i in items if i["action"] != "edited"] == [
        ("use-case", "added", "school-trips"),
        ("use-case", "removed", "school-run"),
    ]
    assert next(i for i in items if i["action"] == "removed")["warning"].startswith("add `aliases: [school-run]`")


def test_a_subject_renamed_with_an_alias_is_matched_by_it(repo, capsys):
    data_dir = repo / "data"
    edit(
        data_dir / "subjects.yml",
        "  - id: e-scooter\n    name: E-scooter",
        "  - id: kick-scooter\n    aliases: [e-scooter]\n    name: Kick scooter",
    )
    edit(features(repo), "      e-scooter:", "      kick-scooter:", count=7)
    commit(repo, "A subject renamed")
    text = diff(repo, capsys)
    assert text.splitlines()[0] == "No cell changed; 1 subject renamed; no recommendation changed"
    assert "- subject `e-scooter` renamed to `kick-scooter` (Kick scooter): the alias `e-scooter` keeps its old links working" in text
    assert "- subject `kick-scooter` (Kick scooter) edited: name" in text
    data = as_data(repo, capsys)
    assert data["cells"] == [] and data["row_leaders"] == [] and data["categories"] == []


def test_a_draft_subject_added_changes_nothing_readers_see(repo, capsys):
    data_dir = repo / "data"
    text = (data_dir / "subjects.yml").read_text(encoding="utf-8")
    (data_dir / "subjects.yml").write_text(
        text + "  - id: 9-speed\n    name: 9-speed bike\n    summary: A plain city bike.\n    draft: true\n", encoding="utf-8"
    )
    commit(repo, "A draft subject")
    found = diff(repo, capsys)
    # A draft subject is off the published site: nothing a reader sees changed.
    assert found.splitlines()[0] == "No cell changed; no recommendation changed"


def test_a_decision_weight_changes_scores_and_a_profile_weighting_changes_its_answer(repo, capsys):
    edit(repo / "data" / "decision.yml", "{id: much, label: Matters a lot, weight: 3}", "{id: much, label: Matters a lot, weight: 1}")
    commit(repo, "A weight")
    text = diff(repo, capsys)
    assert text.splitlines()[0] == "No cell changed; 1 scale or weight setting changed; no recommendation changed"
    assert "- importance `much`: weight: 3 → 1" in text
    assert "| A train commuter | Folding bike (92.9) | Folding bike (83.3) |" in text

    edit(
        repo / "data" / "decision.yml",
        "      train-friendly: much\n      weight: much\n      child-seat: ignore",
        "      train-friendly: ignore\n      weight: ignore\n      child-seat: much",
    )
    commit(repo, "A profile's priorities")
    text = diff(repo, capsys)
    assert text.splitlines()[0] == ("No cell changed; 1 recommendation changed (A train commuter: Folding bike → Cargo bike)")
    assert "- profile `train-commuter` (A train commuter) edited: importance" in text
    assert "| A train commuter | Folding bike (83.3) | **Cargo bike (100.0)** |" in text
    (changed,) = [r for r in as_data(repo, capsys)["recommendations"] if r["changed"]]
    assert (changed["profile"], changed["was"], changed["now"]) == ("train-commuter", "Folding bike", "Cargo bike")


def test_links_are_absolute_with_a_site_address(repo, capsys, monkeypatch):
    edit(features(repo), "label: Firm on small wheels", "label: Firm on 16-inch wheels")
    commit(repo, "A value")
    (repo / "mkdocs.yml").write_text("site_name: Commute\nsite_url: https://compare.example.org/commute/\n", encoding="utf-8")
    assert "  - page: <https://compare.example.org/commute/features/ride-comfort/#folding-bike>" in diff(repo, capsys)
    monkeypatch.setenv("SITE_URL", "https://elsewhere.example.org/")
    assert "  - page: <https://elsewhere.example.org/features/ride-comfort/#folding-bike>" in diff(repo, capsys)


def test_a_site_in_a_sub_folder_of_its_repository_reads_its_own_data_at_the_base(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("VERSUS_DATA", raising=False)
    monkeypatch.delenv("SITE_URL", raising=False)
    repository = tmp_path / "monorepo"
    site = repository / "sites" / "commute"
    shutil.copytree(FIXTURES / "commute", site / "data")
    (site / "mkdocs.yml").write_text("site_name: Commute\n", encoding="utf-8")
    shutil.copytree(FIXTURES / "small", repository / "data")  # another comparison at the root, never read
    git(repository, "init", "-q", "-b", "main")
    commit(repository, "Two sites")
    edit(site / "data" / "features.yml", "label: Firm on small wheels", "label: Firm on 16-inch wheels")
    assert diff(site, capsys, base="HEAD").splitlines()[0] == "1 cell changed in 1 criterion; no recommendation changed"


def test_a_base_whose_data_does_not_load_is_said_in_one_line_and_its_ids_compared(repo, capsys):
    edit(features(repo), "  - id: weight\n    name: Weight", "  - id: weight\n    nmae: Weight")
    commit(repo, "A broken base")
    edit(features(repo), "  - id: weight\n    nmae: Weight", "  - id: mass\n    name: Weight")
    edit(repo / "data" / "use_cases.yml", "features: [train-friendly, weight]", "features: [train-friendly, mass]")
    edit(repo / "data" / "decision.yml", "      weight: much", "      mass: much")
    commit(repo, "Fixed, with a new id")
    text = diff(repo, capsys)
    lines = text.splitlines()
    assert lines[0] == "The base's data does not load, so only ids were compared; 1 criterion added; 1 criterion removed with no alias"
    assert lines[2].startswith(
        "The data at `HEAD~1` cannot be compared cell by cell: it does not load under this generator's model (data/features.yml:"
    )
    assert "`name`" in lines[2] and "\\`" not in lines[2] and lines[2].endswith("; and 1 more problem)")  # as `check` words it
    assert "- ⚠️ criterion `weight` removed with no alias" in text and "- criterion `mass` (Weight) added" in text
    assert "Traceback" not in text
    data = as_data(repo, capsys)
    assert data["base_problem"].startswith("it does not load under this generator's model (data/features.yml:")


def test_a_base_before_the_data_existed_lists_every_id_as_new(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("VERSUS_DATA", raising=False)
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "README.md").write_text("A comparison to come.\n", encoding="utf-8")
    git(folder, "init", "-q", "-b", "main")
    commit(folder, "Start")
    shutil.copytree(FIXTURES / "commute", folder / "data")
    (folder / "mkdocs.yml").write_text("site_name: Commute\n", encoding="utf-8")
    first = diff(folder, capsys, base="HEAD").splitlines()[0]
    assert first.startswith("The base's data does not load, so only ids were compared; 3 subjects, 2 categories, 7 criteria, 2 use cases")


def test_an_unknown_revision_or_a_folder_outside_git_is_one_line_without_a_traceback(repo, tmp_path):
    result = run_cli("--project", repo, "diff", "--base", "no-such-branch")
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        (
            "diff: unknown git revision `no-such-branch` (hint: name a branch, tag or commit; "
            "a pull request's base may need `git fetch origin no-such-branch` first)"
        )
    ]
    refused = run_cli("--project", repo, "diff", "--base=--output=/tmp/x")  # never passed on to git as an option
    assert refused.code == 2 and refused.stderr.startswith("diff: unknown git revision `--output=/tmp/x`")
    outside = tmp_path / "outside"
    shutil.copytree(FIXTURES / "commute", outside / "data")
    (outside / "mkdocs.yml").write_text("site_name: Commute\n", encoding="utf-8")
    result = run_cli("--project", outside, "diff", "--base", "main", cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.output
    assert result.stderr.strip().splitlines() == [
        (
            f"diff: {outside / 'data'} is not inside a git repository "
            "(hint: `versus diff` compares the data with a commit; run it in the site's repository)"
        )
    ]
    result = run_cli("--project", repo, "diff", "--base", " ")
    assert result.code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_broken_working_data_is_reported_as_check_reports_it(repo):
    edit(features(repo), "rating: okay", "rating: great")
    result = run_cli("--project", repo, "diff", "--base", "HEAD")
    assert result.code == 1 and "Traceback" not in result.output
    assert "data/features.yml:" in result.stderr and "`great` is not a level of the scale `comfort`" in result.stderr


def test_a_number_that_takes_a_verdict_winner_off_its_row_asks_for_the_verdict_to_be_read_again(repo, capsys):
    # The folding bike wins "With a train in the middle", resting on trains and weight; at 20 kg the e-scooter (14 kg) is lighter.
    edit(features(repo), "value: 11.5", "value: 20")
    commit(repo, "A number")
    text = diff(repo, capsys)
    assert text.splitlines()[0] == (
        "1 cell changed in 1 criterion; E-scooter now leads Specifications; a new best in 1 row; 1 verdict point to re-read; "
        "no recommendation changed"
    )
    assert "- **Weight · Folding bike**: was “11.5 kg”, now “20 kg”" in text
    assert "- Weight: Folding bike → E-scooter" in text
    assert "- With a train in the middle (won by Folding bike), through the use case `train-and-ride`: Weight, now led by E-scooter" in text
    assert "| Specifications | 100 → 75 | 0 | 91 → 100 | Folding bike → **E-scooter** |" in text
    (check,) = as_data(repo, capsys)["verdict_checks"]
    assert (check["point"], check["feature"], check["now"]) == ("trains", "weight", ["E-scooter"])


def test_an_alias_dropped_is_a_warning_too(repo, capsys):
    edit(features(repo), "    name: Specifications\n    aliases: [specs]\n", "    name: Specifications\n")
    commit(repo, "An alias dropped")
    text = diff(repo, capsys)
    assert text.splitlines()[0] == "No cell changed; 1 category alias removed; no recommendation changed"
    assert "- ⚠️ category `specifications` (Specifications) lost its alias `specs`: links to `specs` break" in text


def test_data_text_never_becomes_markup_in_the_review(repo, capsys):
    edit(repo / "data" / "subjects.yml", "name: Cargo bike", "name: Cargo *bike* | <b>box</b> [x](https://example.org)")
    edit(features(repo), "label: Smooth and stable", "label: Smooth_and_stable`")
    commit(repo, "Markup in names")
    text = diff(repo, capsys)
    assert "- **Ride comfort · Cargo \\*bike\\* \\| \\<b\\>box\\</b\\> \\[x\\](https://example.org)**: " in text
    assert "now “Smooth\\_and\\_stable\\`” (Comfortable)" in text
