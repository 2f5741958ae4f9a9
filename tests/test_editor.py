"""The editor and `make check` agree: Red Hat's YAML language server, with our schemas, on good data and on mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, edit, fixture_copy
from versus.checks.editor import diagnostics
from versus.data.model import DATA_FILES
from versus.data.schema import point_editors_at_schemas, schema_text, write_schemas
from versus.data.validate import load_comparison


def with_schemas(data: Path) -> Path:
    """The data folder with its own schemas (listing its ids) and each file's schema line, as `make schema` leaves it."""
    write_schemas(schema_dir=data / "schema", comparison=load_comparison(data))
    point_editors_at_schemas(data)
    return data


def test_the_project_s_data_has_no_editor_diagnostic():
    assert [str(d) for d in diagnostics([ROOT / "data" / name for name in DATA_FILES])] == []


@pytest.fixture
def commute(tmp_path) -> Path:
    return with_schemas(fixture_copy("commute", tmp_path))


def test_text_that_yaml_reads_as_a_number_or_a_boolean_is_text_for_both(commute):
    edit(commute / "features.yml", "        label: Steel\n", "        label: 2.10\n")
    edit(
        commute / "features.yml",
        "        label: Aluminium\n        explanation: A welded",
        "        label: true\n        explanation: A welded",
    )
    edit(commute / "subjects.yml", "version: Model 4", "version: 4.10")
    load_comparison(commute)  # the check accepts them
    assert [str(d) for d in diagnostics([commute / "features.yml", commute / "subjects.yml"])] == []


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("features.yml", "        rating: harsh\n", "        rating: awful\n"),  # a level that is not on the scale
        ("features.yml", "      e-scooter:\n        label: Shaky", "      e-scotter:\n        label: Shaky"),  # a misspelt subject key
        ("features.yml", "    kind: fact\n", "    kind: colour\n"),
        ("features.yml", "        value: 2024-03\n", "        value: 2024-13\n"),  # a month the calendar has not
        ("features.yml", "    kind: date\n", "    kind: date\n    better: higher\n"),
        ("features.yml", "    category: everyday\n    question: How comfortable", "    category: every-day\n    question: How comfortable"),
        ("verdict.yml", "    as_of: 2026-11-20\n  - id: families", "    as_of: 2026-11-31\n  - id: families"),  # no such day
        ("use_cases.yml", "features: [train-friendly, weight]", "features: [train-friendly, wieght]"),
        ("subjects.yml", "    summary: A bicycle with small", "    sumary: A bicycle with small"),
    ],
)
def test_a_mistake_is_marked_by_the_editor_and_refused_by_the_check(commute, file, old, new):
    edit(commute / file, old, new)
    line = (commute / file).read_text(encoding="utf-8")[: (commute / file).read_text(encoding="utf-8").index(new)].count("\n") + 1
    found = diagnostics([commute / file])
    assert any(d.line in range(line, line + new.count("\n") + 1) for d in found), [str(d) for d in found]
    with pytest.raises(Exception, match="problem"):
        load_comparison(commute)


def test_every_property_has_a_description_for_hovers():
    missing = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if not prop.get("description"):
                    missing.append(f"{where}.{name}")
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    for name in DATA_FILES:
        walk(json.loads(schema_text(name)), name)  # the model's own words, whatever data/ holds
    assert missing == []
