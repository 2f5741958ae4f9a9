"""Editors get completion from JSON Schemas that always match the model."""

from __future__ import annotations

import json

from scripts.data.model import DATA_FILES
from scripts.data.schema import schema_path, write_schemas
from tests.conftest import ROOT


def test_schemas_match_the_model(capsys):
    assert write_schemas(check_only=True) == 0, capsys.readouterr().err


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


def test_the_schema_knows_the_rating_scale_and_forbids_unknown_keys():
    schema = json.loads(schema_path("features.yml").read_text())
    assert schema["$defs"]["Rating"]["enum"] == ["excellent", "good", "fair", "limited", "poor"]
    assert schema["$defs"]["Cell"]["additionalProperties"] is False
