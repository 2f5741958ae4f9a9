"""Editors get completion from JSON Schemas that always match the model."""

from __future__ import annotations

import json

from tests.conftest import ROOT, fixture_copy, run_cli
from versus.data.kinds import KINDS
from versus.data.model import DATA_FILES
from versus.data.schema import point_editors_at_schemas, schema_line, schema_path, write_schemas
from versus.data.validate import load_comparison


def test_schemas_match_the_model_and_the_data():
    result = run_cli("schema", "--check")
    assert result.code == 0, result.output


def test_schema_drift_is_detected(tmp_path, capsys):
    write_schemas(schema_dir=tmp_path)
    stale = schema_path("features.yml", tmp_path)
    schema = json.loads(stale.read_text())
    del schema["properties"]["features"]
    stale.write_text(json.dumps(schema))
    assert write_schemas(check_only=True, schema_dir=tmp_path) == 1
    assert "features.schema.json" in capsys.readouterr().err


def test_every_data_file_points_its_editor_at_its_schema():
    for name in DATA_FILES:
        first_line = (ROOT / "data" / name).read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=schema/{name.removesuffix('.yml')}.schema.json", (
            f"data/{name} does not start with its schema line: run `make schema`"
        )
        assert (ROOT / "data" / "schema" / f"{name.removesuffix('.yml')}.schema.json").is_file(), "run `make schema`"


def test_data_brought_in_without_schemas_is_told_to_run_make_schema_which_gives_them(tmp_path):
    data = fixture_copy("commute", tmp_path)  # as a comparison written elsewhere: no schema/, no schema lines
    before = {name: (data / name).read_text(encoding="utf-8") for name in DATA_FILES}
    result = run_cli("schema", "--check", "--data", data)
    assert result.code == 1
    assert "missing: commute/schema/ (run `make schema`)" in result.output
    assert "no schema line at the top of: commute/site.yml, " in result.output and "Traceback" not in result.output
    assert run_cli("schema", "--data", data).code == 0
    for name in DATA_FILES:
        assert (data / name).read_text(encoding="utf-8") == schema_line(name) + "\n" + before[name]
        assert schema_path(name, data / "schema").is_file()
    again = run_cli("schema", "--check", "--data", data)
    assert again.code == 0, again.output
    load_comparison(data)


def test_the_schema_line_replaces_another_and_keeps_the_file_s_line_endings(tmp_path):
    data = fixture_copy("commute", tmp_path)
    site = data / "site.yml"
    site.write_bytes(b"# yaml-language-server: $schema=../elsewhere/site.json\r\ntitle: A vs B\r\n")
    assert site in point_editors_at_schemas(data)
    assert site.read_bytes() == schema_line("site.yml").encode() + b"\r\ntitle: A vs B\r\n"
    assert point_editors_at_schemas(data) == []


def test_the_schema_lists_the_data_s_own_ids_and_forbids_unknown_keys(small_data):
    comparison = load_comparison(small_data)
    write_schemas(schema_dir=small_data / "schema", comparison=comparison)
    schema = json.loads(schema_path("features.yml", small_data / "schema").read_text())
    (rating,) = [branch for branch in schema["$defs"]["RatingCell"]["properties"]["rating"]["anyOf"] if branch.get("type") == "string"]
    assert set(rating["enum"]) == {level.id for scale in comparison.scales for level in scale.levels}
    assert schema["$defs"]["RatingFeature"]["properties"]["values"]["propertyNames"]["enum"] == [s.id for s in comparison.subjects]
    use_cases = json.loads(schema_path("use_cases.yml", small_data / "schema").read_text())
    assert use_cases["$defs"]["UseCase"]["properties"]["features"]["items"]["enum"] == [f.id for f in comparison.features]
    assert all(schema["$defs"][f"{kind.title()}Cell"]["additionalProperties"] is False for kind in KINDS)


def test_check_and_build_keep_the_schemas_current_as_ids_change(tmp_path):
    data = fixture_copy("espresso", tmp_path)
    assert run_cli("schema", "--data", data).code == 0
    features = data / "features.yml"
    features.write_text(features.read_text(encoding="utf-8").replace("  - id: price\n", "  - id: purchase-price\n"), encoding="utf-8")
    use_cases = data / "use_cases.yml"
    use_cases.write_text(use_cases.read_text(encoding="utf-8").replace("[price", "[purchase-price"), encoding="utf-8")
    decision = data / "decision.yml"
    decision.write_text(decision.read_text(encoding="utf-8").replace("      price:", "      purchase-price:"), encoding="utf-8")
    assert run_cli("schema", "--check", "--data", data).code == 1
    result = run_cli("check", "--data", data)
    assert result.code == 0, result.output
    assert "updated the editor schemas to the data's ids: use_cases.schema.json, decision.schema.json\n" in result.output
    assert run_cli("schema", "--check", "--data", data).code == 0
    again = run_cli("check", "--data", data)
    assert "updated" not in again.output, "nothing to say once they are current"


def test_check_names_the_command_when_the_data_has_no_schemas(tmp_path):
    data = fixture_copy("espresso", tmp_path)
    result = run_cli("check", "--data", data)
    assert result.code == 0
    assert "note: espresso/schema/ is missing: `versus schema` writes the editor schemas" in result.output
    assert not (data / "schema").exists()
