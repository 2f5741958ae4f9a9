"""Editors get completion from JSON Schemas that always match the model."""

from __future__ import annotations

import json

from scripts.data.model import DATA_FILES
from scripts.data.schema import schema_path, write_schemas
from scripts.data.validate import load_comparison
from tests.conftest import ROOT, run_cli


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
        assert first_line == f"# yaml-language-server: $schema=schema/{name.removesuffix('.yml')}.schema.json", name
        assert (ROOT / "data" / "schema" / f"{name.removesuffix('.yml')}.schema.json").is_file()


def test_the_schema_lists_the_data_s_own_ids_and_forbids_unknown_keys(small_data):
    comparison = load_comparison(small_data)
    write_schemas(schema_dir=small_data / "schema", comparison=comparison)
    schema = json.loads(schema_path("features.yml", small_data / "schema").read_text())
    (rating,) = [branch for branch in schema["$defs"]["Cell"]["properties"]["rating"]["anyOf"] if branch.get("type") == "string"]
    assert set(rating["enum"]) == {level.id for scale in comparison.scales for level in scale.levels}
    assert schema["$defs"]["Feature"]["properties"]["values"]["propertyNames"]["enum"] == [s.id for s in comparison.subjects]
    use_cases = json.loads(schema_path("use_cases.yml", small_data / "schema").read_text())
    assert use_cases["$defs"]["UseCase"]["properties"]["features"]["items"]["enum"] == [f.id for f in comparison.features]
    assert schema["$defs"]["Cell"]["additionalProperties"] is False
