"""The benchmark: its synthetic data stays valid as the model grows and builds a page per feature; its options reach it
from `versus bench` and `make bench` alike; a profile leaves the site's own card cache alone."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import project_copy, run_cli
from tests.paths import ROOT
from versus.checks import bench
from versus.checks.bench_data import synthetic_data
from versus.cli import main
from versus.data.validate import load_comparison
from versus.site.build import build


def test_synthetic_data_is_valid_and_sized_as_asked(tmp_path):
    data = synthetic_data(tmp_path / "data", 30, 4)
    comparison = load_comparison(data)
    assert len(comparison.features) == 30 and len(comparison.subjects) == 4
    assert all(len(feature.values) == 4 for feature in comparison.features)
    assert {use_case.subject for use_case in comparison.use_cases} == {subject.id for subject in comparison.subjects}


def test_synthetic_data_is_the_same_on_every_run(tmp_path):
    first, second = synthetic_data(tmp_path / "a", 10, 2), synthetic_data(tmp_path / "b", 10, 2)
    assert sorted(path.name for path in first.iterdir()) == sorted(path.name for path in second.iterdir())
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes()


def test_synthetic_data_builds_a_page_per_feature(tmp_path):
    data = synthetic_data(tmp_path / "data", 10, 2)
    build(data_dir=data, site_dir=tmp_path / "site")
    assert len(list((tmp_path / "site" / "features").glob("*/index.html"))) == 10


@pytest.mark.parametrize(
    ("typed", "passed_on"),
    [
        (["--sizes", "100x10", "--repeat", "1"], ["--sizes", "100x10", "--repeat", "1"]),
        (["--", "--sizes", "10x2"], ["--sizes", "10x2"]),  # the separator older instructions wrote
        (["--help"], ["--help"]),  # the bench's own help, not the command line's
        ([], []),
    ],
)
def test_versus_bench_hands_its_options_to_the_bench_without_a_separator(typed, passed_on, monkeypatch):
    received: list[list[str]] = []

    def the_bench(argv: list[str]) -> int:
        received.append(argv)
        return 0

    monkeypatch.setattr(bench, "main", the_bench)
    monkeypatch.chdir(ROOT)  # the command runs in the site's folder; the test's own stays as it was
    assert main(["--project", str(ROOT), "bench", *typed]) == 0
    assert received == [passed_on]


def test_a_command_without_options_of_its_own_still_refuses_an_unknown_one(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--project", str(ROOT), "build", "--sizes", "10x2"])
    assert exited.value.code == 2
    assert "unrecognized arguments: --sizes 10x2" in capsys.readouterr().err


def test_make_bench_passes_its_arguments_to_the_bench():
    command = ["make", "--no-print-directory", "bench", "ARGS=--sizes 10x2 --help"]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr
    assert "--preview-only" in completed.stdout  # the bench's help: the options reached it


def test_a_profile_draws_its_cards_outside_the_sites_own_cache(tmp_path):
    project = project_copy(tmp_path / "project", ("templates", "content", "mkdocs.yml", "data"))
    profiled = run_cli("bench", "--profile", "10x2", cwd=project)
    assert profiled.code == 0, profiled.stderr
    assert "cumulative" in profiled.stdout  # the profile, heaviest first
    cards = project / ".build" / "cards"
    assert not cards.exists() or not any(cards.iterdir())
