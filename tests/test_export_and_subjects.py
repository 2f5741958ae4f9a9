"""Any number of subjects from one to twelve, and the data exported for reuse."""

from __future__ import annotations

import csv
import io
import json
import shutil

import jsonschema
import pytest

from tests.conftest import FIXTURES, ROOT, edit, fixture_copy
from versus.data.problems import DataProblems
from versus.data.validate import load_comparison
from versus.pages.export import ExportDocument
from versus.site.build import build


@pytest.fixture(scope="module")
def three_subject_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("three")
    site = folder / "site"
    build(data_dir=fixture_copy("three", folder), site_dir=site)
    return site


def test_three_subjects_reach_every_table_decision_page_and_export(three_subject_site):
    comparison = load_comparison(FIXTURES / "three")
    names = [s.name for s in comparison.subjects]
    assert names == ["Alpha", "Beta", "Gamma"]
    table = (three_subject_site / "comparison" / "index.html").read_text(encoding="utf-8")
    for subject in comparison.subjects:
        assert table.count(f'data-subject="{subject.id}"') == 1 + len(comparison.features)
        assert (three_subject_site / "choose" / subject.id / "index.html").is_file()
    rows = list(csv.DictReader(io.StringIO((three_subject_site / "data" / "comparison.csv").read_text(encoding="utf-8"))))
    assert {(r["feature_id"], r["subject_id"]) for r in rows} == {(f.id, s.id) for f in comparison.features for s in comparison.subjects}


def test_each_missing_cell_is_its_own_error(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "three", data)
    text = (data / "features.yml").read_text()
    # Drop gamma's cell from both features.
    for label in ("Gamma Mobile (experimental)", "Excellent until functions are traced"):
        start = text.index("      gamma:\n        label: " + label)
        end = text.find("\n  - id:", start)
        text = text[:start] + (text[end + 1 :] if end != -1 else "")
    (data / "features.yml").write_text(text)
    with pytest.raises(DataProblems) as raised:
        load_comparison(data)
    messages = sorted(str(p) for p in raised.value.problems)
    assert len(messages) == 2
    assert "feature `mobile-deployment` has no value for subject `gamma`" in messages[0] + messages[1]
    assert "feature `debugging` has no value for subject `gamma`" in messages[0] + messages[1]
    assert all(":" in m.split("features.yml:")[1] for m in messages)


def test_thirteen_subjects_are_too_many(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "small", data)
    text = (data / "subjects.yml").read_text()
    alpha = text[text.index("  - id: alpha") : text.index("  - id: beta")]
    extra = "".join(alpha.replace("id: alpha", f"id: extra-{n}") for n in range(11))
    (data / "subjects.yml").write_text(text + extra)
    with pytest.raises(DataProblems) as raised:
        load_comparison(data)
    (problem,) = raised.value.problems
    assert "subjects.yml:2:3: `subjects` has 13 entries; at most 12 are allowed" in str(problem)


def test_a_draft_subject_stays_off_the_published_site(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "three", data)
    with open(data / "subjects.yml", "a", encoding="utf-8") as subjects:
        subjects.write("    draft: true\n")  # the file ends with gamma
    edit(data / "use_cases.yml", "subject: gamma", "subject: alpha")
    site = tmp_path / "site"
    build(data_dir=data, site_dir=site)
    assert "Gamma" not in (site / "comparison" / "index.html").read_text(encoding="utf-8")
    assert not (site / "choose" / "gamma").exists()
    assert "gamma" not in (site / "data" / "comparison.json").read_text(encoding="utf-8")


def test_exported_json_matches_its_schema_and_loads_back_into_the_model(built_site):
    document = json.loads((built_site / "data" / "comparison.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "data" / "comparison.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert document["schema_version"] == 3
    assert {"categories", "scales"} <= set(document["comparison"]) and all("kind" in f for f in document["comparison"]["features"])
    loaded = ExportDocument.model_validate(document).comparison
    assert loaded == load_comparison(ROOT / "data")


def test_the_comparison_page_links_the_exports(built_site):
    html = (built_site / "comparison" / "index.html").read_text(encoding="utf-8")
    for name in ("comparison.json", "comparison.schema.json", "comparison.csv"):
        assert f'href="../data/{name}"' in html
