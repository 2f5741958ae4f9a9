"""The data for reuse: the whole validated comparison as JSON (with its schema) and CSV.

Published beside the site under data/, so other tools can take the facts
without scraping pages. The JSON carries a schema version that changes
whenever its shape does. The CSV's text cells are written so that a
spreadsheet shows them as text and never runs one as a formula.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict

from versus.data.lookup import Lookup
from versus.data.model import Comparison

SCHEMA_VERSION = 3  # 2: scales, categories and kinds of value; 3: each kind of value with its own keys
JSON_FILE = "data/comparison.json"
SCHEMA_FILE = "data/comparison.schema.json"
CSV_FILE = "data/comparison.csv"
# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google
# Sheets (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`, `-2+3`); tab and carriage return start one too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = [
    "category",
    "feature_id",
    "feature",
    "kind",
    "subject_id",
    "subject",
    "value",  # the cell as shown in the table
    "level",  # the level's word (Good, Yes, Not applicable); empty for facts and numbers
    "number",  # the value as data (`Feature.plain_value`): a number without its unit; empty where the words say it all
    "unit",
    "score",  # 0 (worst) to 100 (best) within the row; empty when not scored
    "note",
    "as_of",
    "editorial",
    "explanation",
    "sources",
]


class ExportDocument(BaseModel):
    """The shape of comparison.json: a version and the comparison itself."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[3]
    comparison: Comparison


def comparison_json(comparison: Comparison) -> str:
    document = ExportDocument(schema_version=SCHEMA_VERSION, comparison=comparison)
    return document.model_dump_json(indent=2) + "\n"


def comparison_schema() -> str:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"the shape of {JSON_FILE.rsplit('/', 1)[-1]}, schema version {SCHEMA_VERSION}",
        **ExportDocument.model_json_schema(),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def spreadsheet_text(value: str) -> str:
    """A cell a spreadsheet reads as text: OWASP's advice against CSV injection, a single
    quote before a cell that would start a formula. A cell that starts with a quote gets
    one more, so a program reading the CSV gets the data's text back exactly by removing
    one leading quote wherever there is one."""
    return "'" + value if value.startswith((*FORMULA_STARTS, "'")) else value


def comparison_csv(comparison: Comparison) -> str:
    """One row per feature and subject, for spreadsheets; no cell is ever read as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    lookup = Lookup.of(comparison)
    categories = {category.id: category.name for category in comparison.categories}
    for feature in comparison.ordered_features():
        row = lookup.rows[feature.id]
        for subject in comparison.subjects:
            cell = feature.values[subject.id]
            reading = row.readings[subject.id]
            writer.writerow(
                [
                    value if column == "number" or not isinstance(value, str) else spreadsheet_text(value)
                    for column, value in zip(
                        CSV_COLUMNS,
                        (
                            categories.get(feature.category or "", ""),
                            feature.id,
                            feature.name,
                            feature.kind,
                            subject.id,
                            subject.name,
                            reading.text,
                            reading.level_label,
                            feature.plain_value(cell),
                            feature.shown_unit,
                            "" if reading.points is None else reading.points,
                            cell.note or "",
                            cell.as_of.isoformat(),
                            "true" if cell.editorial else "false",
                            cell.explanation,
                            " ".join(source.url for source in cell.sources),
                        ),
                        strict=True,
                    )
                ]
            )
    return buffer.getvalue()


def export_files(comparison: Comparison) -> dict[str, str]:
    """Path in the site → text, for every export file."""
    return {JSON_FILE: comparison_json(comparison), SCHEMA_FILE: comparison_schema(), CSV_FILE: comparison_csv(comparison)}
