"""The benchmark's synthetic data stays valid as the model grows, and builds a page per feature."""

from __future__ import annotations

from versus.checks.bench_data import synthetic_data
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
