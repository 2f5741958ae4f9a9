"""Any comparison: categories, scales declared in the data, and every kind of value, on a comparison of commuter vehicles."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import edit, fixture_copy
from versus.data.kinds import read_row
from versus.data.kinds.date import DateFeature
from versus.data.lookup import Lookup
from versus.data.model import Comparison
from versus.data.problems import DataProblems
from versus.data.validate import load_comparison
from versus.pages.decide import decide
from versus.site.build import build


@pytest.fixture(scope="module")
def commute(tmp_path_factory) -> Comparison:
    return load_comparison(fixture_copy("commute", tmp_path_factory.mktemp("commute")))


@pytest.fixture(scope="module")
def lookup(commute) -> Lookup:
    return Lookup.of(commute)


@pytest.fixture(scope="module")
def commute_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("commute-site")
    site = folder / "site"
    build(data_dir=fixture_copy("commute", folder), site_dir=site)
    return site


@pytest.fixture
def commute_data(tmp_path) -> Path:
    return fixture_copy("commute", tmp_path)


def readings(lookup: Lookup, feature_id: str) -> dict[str, tuple[str, str, int | None]]:
    return {sid: (r.text, r.level_label, r.points) for sid, r in lookup.rows[feature_id].readings.items()}


# --- How each kind reads and scores ------------------------------------------------


def test_a_rating_reads_as_its_label_and_scores_by_its_place_on_its_own_scale(lookup):
    assert readings(lookup, "ride-comfort") == {
        "folding-bike": ("Firm on small wheels", "Acceptable", 50),
        "cargo-bike": ("Smooth and stable", "Comfortable", 100),
        "e-scooter": ("Shaky on rough roads", "Harsh", 0),
    }
    assert lookup.rows["ride-comfort"].readings["e-scooter"].symbol == "★☆☆"


def test_support_reads_as_its_answer_with_since_and_unknown_is_not_scored(lookup):
    assert readings(lookup, "train-friendly") == {
        "folding-bike": ("Yes since 2012 rules (June 2012)", "Yes", 100),
        "cargo-bike": ("No", "No", 0),
        "e-scooter": ("Partial", "Partial", 50),
    }
    assert readings(lookup, "child-seat")["folding-bike"] == ("Unknown", "Unknown", None)


def test_a_cell_that_does_not_apply_is_shown_as_such_and_never_scored(lookup):
    scooter = lookup.rows["child-seat"].readings["e-scooter"]
    assert (scooter.text, scooter.points, scooter.applies) == ("Not applicable", None, False)


def test_a_plain_fact_is_text_never_scored_and_compared_by_value(lookup):
    row = lookup.rows["frame-material"]
    assert not row.scored and row.leaders() == set()
    assert [r.text for r in row.readings.values()] == ["Steel", "Aluminium", "Aluminium"]
    assert row.readings["cargo-bike"].same_as == row.readings["e-scooter"].same_as != row.readings["folding-bike"].same_as


def test_a_number_shows_its_unit_and_scores_in_proportion_the_way_that_is_better(lookup):
    # Lower is better: 11.5 kg is best (100), 38 kg worst (0), 14 kg in proportion.
    assert readings(lookup, "weight") == {
        "folding-bike": ("11.5 kg", "", 100),
        "cargo-bike": ("38 kg", "", 0),
        "e-scooter": ("14 kg", "", round(100 * (1 - 2.5 / 26.5))),
    }
    assert lookup.rows["weight"].leaders() == {"folding-bike"}
    # Without `better`, a number is a plain figure.
    assert readings(lookup, "range")["e-scooter"] == ("40 km", "", None)


def test_a_date_reads_as_a_day_or_a_month_and_scores_by_date_the_way_that_is_better(commute, lookup):
    assert readings(lookup, "on-sale-since") == {
        "folding-bike": ("March 2024", "", None),
        "cargo-bike": ("15 September 2025", "", None),
        "e-scooter": ("1 February 2026", "", None),
    }
    assert not lookup.rows["on-sale-since"].scored  # without `better`, a plain date
    feature = next(f for f in commute.features if f.id == "on-sale-since")
    # A month counts from its first day: March 2024 is the earliest, 1 February 2026 the latest.
    earlier = read_row(feature.model_copy(update={"better": "earlier"}), commute)
    assert {sid: r.points for sid, r in earlier.readings.items()} == {"folding-bike": 100, "cargo-bike": 20, "e-scooter": 0}
    later = read_row(feature.model_copy(update={"better": "later"}), commute)
    assert later.leaders() == {"e-scooter"} and later.scored
    # A day and its month are different answers.
    same_month = feature.model_copy(
        update={"values": {**feature.values, "e-scooter": feature.values["folding-bike"].model_copy(update={"value": "2024-03-01"})}}
    )
    assert not read_row(same_month, commute).all_equal(["folding-bike", "e-scooter"])


def test_a_dates_history_keeps_its_precision_and_the_dated_view_uses_it(commute, lookup):
    (change,) = lookup.rows["on-sale-since"].changes("cargo-bike")
    assert change.description() == "was “October 2025”, now “15 September 2025”"
    feature = next(f for f in commute.features if f.id == "on-sale-since")
    assert feature.on(date(2025, 6, 15)).values["cargo-bike"].value == "2025-10"


def test_a_date_written_as_a_date_object_is_that_day():
    cell = {"explanation": "x.", "editorial": "true", "as_of": "2026-11-20"}
    feature = DateFeature.model_validate(
        {
            "id": "x",
            "name": "X",
            "question": "X?",
            "kind": "date",
            "values": {"a": {**cell, "value": date(2026, 11, 26)}, "b": {**cell, "value": "2026-11"}},
        }
    )
    assert [c.value for c in feature.values.values()] == ["2026-11-26", "2026-11"]


def test_only_scored_cells_count_for_the_decision(commute):
    # Only "carries a child" matters: the cargo bike says yes; unknown and not applicable count for nothing.
    chosen = {feature.id: "ignore" for feature in commute.features} | {"child-seat": "much"}
    decision = decide(commute, chosen)
    assert decision.leader is not None and decision.leader.id == "cargo-bike"
    weights = {row.subject.id: row.total_weight for row in decision.standings}
    assert weights == {"cargo-bike": 3, "folding-bike": 0, "e-scooter": 0}
    assert "frame-material" not in decision.importance  # facts are never weighed


def test_categories_group_the_criteria_in_their_order(commute):
    assert [(c.id if c else None, [f.id for f in fs]) for c, fs in commute.groups()] == [
        ("everyday", ["ride-comfort", "train-friendly", "child-seat"]),
        ("specifications", ["frame-material", "weight", "range", "on-sale-since"]),
    ]


# --- Mistakes, each at its place with a hint ------------------------------------------


def problems_in(data: Path) -> list[str]:
    with pytest.raises(DataProblems) as raised:
        load_comparison(data)
    return [str(problem).replace(str(data), "data") for problem in raised.value.problems]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    kind: fact\n",
            "    kind: colour\n",
            r"features\.yml:102:11: `kind` cannot be `colour` \(hint: use one of: 'rating', 'support', 'fact', 'number', 'date'\)",
        ),
        (
            "        rating: harsh\n",
            "        rating: awful\n",
            r"`awful` is not a level of the scale `comfort` \(hint: use one of: comfy, okay, harsh\)",
        ),
        (
            "        rating: harsh\n",
            "        rating: null\n",
            r"features\.yml:\d+:17: `rating` is empty \(null\) \(hint: write a level of the scale `comfort`: comfy, okay, harsh\)",
        ),
        (
            "        value: 38\n",
            "        value: 38 kg\n",
            (
                r"`38 kg` is not a number \(hint: write the number alone, e\.g\. `281`; the unit goes once on the criterion as `unit:`, "
                r"or `unlimited` or `unknown`\)"
            ),
        ),
        (
            "        label: Steel\n",
            "        label: Steel\n        since: {version: '2'}\n",
            r"`since` is not used by `fact` criteria \(hint: remove it; this criterion is `kind: fact`",
        ),
        (
            "    category: specifications\n    question: What",
            "    category: specs-and-more\n    question: What",
            r"features\.yml:100:15: unknown category `specs-and-more` \(hint: known category ids: everyday, specifications\)",
        ),
        (
            "    category: everyday\n    question: Can it carry",
            "    question: Can it carry",
            r"criterion `child-seat` has no category \(hint: add `category:` with one of: everyday, specifications\)",
        ),
        (
            "    kind: support\n    values:\n      folding-bike:\n        support: yes",
            "    kind: support\n    unit: km\n    values:\n      folding-bike:\n        support: yes",
            r"`unit` is only for `number` criteria",
        ),
        (
            "        support: no\n",
            "        support: nope\n",
            r"`support` cannot be `nope` \(hint: use one of: 'yes', 'partial', 'no', 'unknown'\)",
        ),
        (
            "        value: 40\n",
            "",
            r"missing required key `value` \(hint: write the number alone, e\.g\. `value: 281`, or `unlimited` or `unknown`; the unit is `km`\)",
        ),
        (
            "        value: 2024-03\n",
            "        value: 2024-13\n",
            r"features\.yml:\d+:16: `2024-13` is not a month: there is no month 13 \(hint: write a day as YYYY-MM-DD or a month as YYYY-MM",
        ),
        (
            "        value: 2025-09-15\n",
            "        value: 2025-09-31\n",
            r"features\.yml:\d+:16: `2025-09-31` is not a date: September 2025 has 30 days \(hint: check the day and the month\)",
        ),
        (
            "        value: 2026-02-01\n",
            "        value: soon\n",
            r"`soon` is not a day or a month \(hint: write a day as YYYY-MM-DD or a month as YYYY-MM, e\.g\. 2026-11-26 or 2026-11\)",
        ),
        (
            "        value: 2026-02-01\n",
            "",
            r"missing required key `value` \(hint: write a day as YYYY-MM-DD or a month as YYYY-MM, e\.g\. `value: 2026-11-26`",
        ),
        (
            "    kind: date\n",
            "    kind: date\n    better: higher\n",
            r"features\.yml:\d+:13: `better` cannot be `higher` \(hint: use one of: 'earlier', 'later'\)",
        ),
        (
            "    better: lower\n",
            "    better: earlier\n",
            r"`better` cannot be `earlier` \(hint: use one of: 'higher', 'lower'\)",
        ),
        (
            "    kind: fact\n",
            "    kind: fact\n    better: later\n",
            r"`better` is only for `number` and `date` criteria \(hint: remove it, or set `kind: number` or `kind: date` on this criterion\)",
        ),
        (
            "          - value: 2025-10\n",
            "          - label: October\n",
            r"a past value of a date criterion needs `value` \(hint: write the day or month it had",
        ),
        (
            "        value: 2024-03\n",
            "        value: 2024-03\n        since: {version: '2'}\n",
            r"`since` is not used by `date` criteria \(hint: remove it; this criterion is `kind: date` \(needs `value`\)\)",
        ),
    ],
)
def test_each_mistake_is_reported_at_its_place_with_a_hint(commute_data, old, new, expected):
    edit(commute_data / "features.yml", old, new)
    problems = problems_in(commute_data)
    assert any(re.search(expected, problem) for problem in problems), problems
    assert all(re.match(r"data/\w+\.yml:\d+:\d+: ", problem) for problem in problems), problems


def test_a_value_on_a_cell_that_does_not_apply_is_refused(commute_data):
    edit(
        commute_data / "features.yml",
        "        applies: false\n        explanation: Scooters",
        "        applies: false\n        support: no\n        explanation: Scooters",
    )
    assert any("a cell with `applies: false` has no value (hint: remove it)" in p for p in problems_in(commute_data))


def test_a_renamed_id_in_a_reference_points_to_its_new_name(commute_data):
    edit(commute_data / "use_cases.yml", "features: [ride-comfort]", "features: [comfort]")
    edit(commute_data / "features.yml", "  - id: ride-comfort\n", "  - id: smooth-ride\n    aliases: [comfort]\n")
    (problem,) = problems_in(commute_data)
    assert "the feature `comfort` was renamed to `smooth-ride` (hint: write `smooth-ride`" in problem


# --- The built site ----------------------------------------------------------------------


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_the_table_has_a_header_row_per_category_with_its_anchor_and_former_ids(commute_site):
    table = page(commute_site, "comparison")
    for category in ("everyday", "specifications"):
        assert re.search(rf'<tr class="category-row" id="{category}">.*?class="copy-link" data-href="#{category}"', table, re.DOTALL)
    assert '<span id="specs" class="alias-anchor"></span>' in table
    assert table.index('id="everyday"') < table.index('id="ride-comfort"') < table.index('id="specifications"') < table.index('id="weight"')


def test_cells_show_each_kind_in_words_and_symbols(commute_site):
    table = page(commute_site, "comparison")
    row = re.search(r'<tr id="train-friendly".*?</tr>', table, re.DOTALL).group(0)
    assert "✓</span> Yes</span>" in row and "since 2012 rules (June 2012)" in row and "Folded, outside rush hour." in row
    child = re.search(r'<tr id="child-seat".*?</tr>', table, re.DOTALL).group(0)
    assert "Not applicable" in child
    weight = re.search(r'<tr id="weight".*?</tr>', table, re.DOTALL).group(0)
    assert "11.5 kg" in weight and weight.count("Best in row") == 1
    on_sale = re.search(r'<tr id="on-sale-since".*?</tr>', table, re.DOTALL).group(0)
    assert "March 2024" in on_sale and "15 September 2025" in on_sale and "Best in row" not in on_sale


def test_a_fact_page_shows_its_category_the_change_and_not_applicable(commute_site):
    comfort = page(commute_site, "features/ride-comfort")
    assert 'href="../../comparison/#everyday">Everyday use</a>' in comfort
    assert "was “Acceptable with air tyres” (Acceptable), now “Shaky on rough roads” (Harsh)" in comfort
    assert "Not applicable" in page(commute_site, "features/child-seat")
    on_sale = page(commute_site, "features/on-sale-since")
    assert "1 February 2026" in on_sale and "was “October 2025”, now “15 September 2025”" in on_sale
    assert "Dates are shown to the day, or to the month" in page(commute_site, "methodology")


def test_the_exports_carry_categories_scales_and_each_cell_s_kind(commute_site):
    document = json.loads((commute_site / "data" / "comparison.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in document["comparison"]["categories"]] == ["everyday", "specifications"]
    assert {f["id"]: f["kind"] for f in document["comparison"]["features"]}["weight"] == "number"
    rows = list(csv.DictReader(io.StringIO((commute_site / "data" / "comparison.csv").read_text(encoding="utf-8"))))
    weight = next(r for r in rows if r["feature_id"] == "weight" and r["subject_id"] == "folding-bike")
    assert (weight["kind"], weight["value"], weight["number"], weight["unit"], weight["score"], weight["category"]) == (
        "number",
        "11.5 kg",
        "11.5",
        "kg",
        "100",
        "Specifications",
    )
    on_sale = next(r for r in rows if r["feature_id"] == "on-sale-since" and r["subject_id"] == "folding-bike")
    assert (on_sale["kind"], on_sale["value"], on_sale["number"], on_sale["score"]) == ("date", "March 2024", "2024-03", "")
    cells = {f["id"]: f["values"] for f in document["comparison"]["features"]}["on-sale-since"]
    assert (cells["folding-bike"]["value"], cells["cargo-bike"]["value"]) == ("2024-03", "2025-09-15")


def test_prices_and_subject_facts_appear_only_where_the_data_states_them(commute_site):
    pricing = page(commute_site, "pricing")
    assert "Editions and prices" in pricing and "From 2,900 EUR" in pricing and "Free" not in pricing
    assert ">Licence<" not in pricing  # no subject states one
    subjects = page(commute_site, "subjects")
    assert "Model 4" in subjects and ">Repository<" not in subjects
