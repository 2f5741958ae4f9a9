"""An outside team's first comparison, written from the README alone: four espresso machines.

The fixture (tests/fixtures/espresso) has every kind of value, a scale of its own beside
the default one, cells that do not apply, numbers without a unit, unlimited and unknown,
a number's history, editions with prices and a subject id that starts with a digit.
Each mistake such a team makes is one problem at its place with a hint.
"""

from __future__ import annotations

import re
import typing
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel

from tests.conftest import SiteServer, attr, edit, fixture_copy
from versus.data.kinds import read_row
from versus.data.lookup import Lookup
from versus.data.model import Comparison
from versus.data.problems import DataProblems
from versus.data.validate import load_comparison
from versus.new import new_site
from versus.pages.dated import row_on
from versus.site.build import build

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def espresso(tmp_path_factory) -> Comparison:
    return load_comparison(fixture_copy("espresso", tmp_path_factory.mktemp("espresso")), today=TODAY)


@pytest.fixture
def espresso_data(tmp_path) -> Path:
    return fixture_copy("espresso", tmp_path)


def problems_in(data: Path) -> list[str]:
    with pytest.raises(DataProblems) as raised:
        load_comparison(data, today=TODAY)
    return [str(problem).replace(str(data), "data") for problem in raised.value.problems]


def line_of(path: Path, text: str, nth: int = 1) -> int:
    """The 1-based line of the nth line holding `text`."""
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]
    return lines[nth - 1]


def readings(comparison: Comparison, feature_id: str) -> dict[str, tuple[str, int | None]]:
    feature = next(f for f in comparison.features if f.id == feature_id)
    return {sid: (r.text, r.points) for sid, r in read_row(feature, comparison).readings.items()}


# --- The comparison as the README describes it -----------------------------------------


def test_the_default_scale_stays_beside_the_comparisons_own(espresso):
    assert [scale.id for scale in espresso.scales] == ["taste", "quality"]
    assert readings(espresso, "build-quality")["lever-classic"] == ("Brass and chrome", 100)
    assert readings(espresso, "espresso-taste")["moka-deluxe"] == ("Strong but harsh", 0)


def test_unlimited_is_best_where_higher_is_better_and_unknown_is_never_scored(espresso):
    assert readings(espresso, "warranty") == {
        "crema-one": ("2 years", 0),
        "moka-deluxe": ("For life", 100),
        "2go-press": ("Unknown", None),
        "lever-classic": ("5 years", 50),
    }
    feature = next(f for f in espresso.features if f.id == "warranty")
    row = read_row(feature, espresso)
    assert row.leaders() == {"moka-deluxe"}
    assert (row.readings["2go-press"].level, row.readings["2go-press"].symbol) == ("unknown", "?")


def test_unlimited_is_worst_where_lower_is_better(espresso):
    feature = next(f for f in espresso.features if f.id == "price")
    cells = {**feature.values, "lever-classic": feature.values["lever-classic"].model_copy(update={"value": "unlimited"})}
    row = read_row(feature.model_copy(update={"values": cells}), espresso)
    assert {sid: r.points for sid, r in row.readings.items()} == {"crema-one": 50, "moka-deluxe": 100, "2go-press": 94, "lever-classic": 0}


def test_a_count_says_unit_none_and_shows_a_bare_figure(espresso):
    assert readings(espresso, "drink-buttons")["crema-one"] == ("4", None)


def test_a_numbers_history_is_shown_with_its_unit_and_used_by_the_dated_view(espresso):
    lookup = Lookup.of(espresso)
    (change,) = lookup.rows["price"].changes("crema-one")
    assert (change.was, change.now) == ("349 EUR", "399 EUR")
    feature = lookup.features["price"]
    assert row_on(feature, espresso, date(2026, 1, 15)).readings["crema-one"].text == "349 EUR"
    assert row_on(feature, espresso, date(2026, 3, 1)).readings["crema-one"].text == "399 EUR"


# --- Every mistake at once, each at its place ------------------------------------------


def test_a_cell_type_error_and_a_bad_id_hide_no_other_problem(espresso_data):
    features = espresso_data / "features.yml"
    edit(features, "        value: 5\n", "        value: seven\n")
    edit(features, "        support: partial\n", "        support: Yes\n")
    edit(features, "  - id: made-in\n", "  - id: Made In\n")
    edit(features, "    category: costs\n    question: What does", "    category: cost\n    question: What does")
    edit(espresso_data / "use_cases.yml", "features: [price, warranty]", "features: [prise, warranty]")
    edit(espresso_data / "verdict.yml", "use_cases: [a-machine-for-decades]", "use_cases: [machine-for-decades]")
    edit(espresso_data / "decision.yml", "      price: ignore", "      price: ignore\n      warantee: much")
    problems = problems_in(espresso_data)
    expected = [
        f"data/features.yml:{line_of(features, 'value: seven')}:16: `seven` is not a number",
        f"data/features.yml:{line_of(features, 'support: Yes')}:18: `support` cannot be `Yes`",
        f"data/features.yml:{line_of(features, 'id: Made In')}:9: `Made In` is not a valid id",
        f"data/features.yml:{line_of(features, 'category: cost', 2)}:15: unknown category `cost` (hint: did you mean `costs`?)",
        "data/use_cases.yml:12:16: unknown feature `prise` (hint: did you mean `price`?)",
        "data/verdict.yml:7:17: unknown use case `machine-for-decades` (hint: did you mean `a-machine-for-decades`?)",
        "data/decision.yml:14:17: unknown feature `warantee` (hint: did you mean `warranty`?)",
    ]
    for start in expected:
        assert any(problem.startswith(start) for problem in problems), (start, problems)
    assert len(problems) == len(expected), problems


def test_a_profile_may_weigh_only_scored_criteria(espresso_data):
    edit(espresso_data / "decision.yml", "      price: ignore", "      price: ignore\n      made-in: much\n      drink-buttons: some")
    problems = problems_in(espresso_data)
    assert problems == [
        (
            "data/decision.yml:14:7: `made-in` is not scored, so a profile cannot weigh it (hint: remove this line: `made-in` is a `fact` "
            "criterion; profiles weigh rating and support criteria, numbers with `better: higher` or `better: lower` and dates with "
            "`better: earlier` or `better: later`)"
        ),
        (
            "data/decision.yml:15:7: `drink-buttons` is not scored, so a profile cannot weigh it (hint: remove this line: `drink-buttons` "
            "is a number without `better`; profiles weigh rating and support criteria, numbers with `better: higher` or `better: lower` "
            "and dates with `better: earlier` or `better: later`)"
        ),
    ]


def test_an_unknown_scale_is_one_problem_not_one_per_cell(espresso_data):
    edit(espresso_data / "features.yml", "    scale: quality\n", "    scale: qualty\n")
    (problem,) = problems_in(espresso_data)
    assert re.match(r"data/features\.yml:\d+:12: unknown scale `qualty` \(hint: did you mean `quality`\?\)", problem), problem


def test_a_number_needs_its_unit(espresso_data):
    features = espresso_data / "features.yml"
    edit(features, "    unit: years\n", "")
    (problem,) = problems_in(espresso_data)
    assert problem.startswith(f"data/features.yml:{line_of(features, 'question: How long does the maker') + 1}:11: ")
    assert "number criterion `warranty` has no `unit` (hint: add `unit:`" in problem and "`unit: none` for a plain count" in problem


def test_a_numbers_past_value_needs_its_number_and_no_other_kinds_key(espresso_data):
    features = espresso_data / "features.yml"
    edit(features, "          - value: 349\n", "          - label: 349 EUR\n            support: yes\n")
    problems = problems_in(espresso_data)
    line = line_of(features, "label: 349 EUR")
    assert problems == [
        (
            f"data/features.yml:{line}:13: a past value of a number criterion needs `value` (hint: write the number it had, "
            "e.g. `value: 249`: it is shown with the unit `EUR` and the dated view uses it (a `label` alone would leave today's "
            "number in the dated view))"
        ),
        (
            f"data/features.yml:{line + 1}:13: `support` is not used by `number` criteria (hint: remove it; a past value of this "
            "criterion takes `label`, `value`)"
        ),
    ]


def test_two_subjects_with_one_name_are_refused(espresso_data):
    edit(espresso_data / "subjects.yml", "    name: Lever Classic\n", "    name: crema one\n")
    (problem,) = problems_in(espresso_data)
    assert problem.startswith("data/subjects.yml:19:11: the name `crema one` is used twice (hint: the first use is near line 3;")


def test_a_line_indented_too_little_is_reported_at_that_line(espresso_data):
    edit(espresso_data / "subjects.yml", "    summary: A stovetop pot", "summary: A stovetop pot")
    (problem,) = problems_in(espresso_data)
    assert problem.startswith("data/subjects.yml:14:1: YAML syntax error: this line is indented less than the line above it")


def test_an_empty_file_outside_a_repository_gets_no_git_hint(espresso_data):
    (espresso_data / "pricing.yml").write_text("", encoding="utf-8")
    (problem,) = problems_in(espresso_data)
    assert problem.startswith("data/pricing.yml:1:1: the file is empty (hint: write its content again") and "git" not in problem


# --- One meaning of "equal" ------------------------------------------------------------------


def test_differences_only_and_the_tallies_mean_one_equal(espresso):
    """Every machine switches itself off, since different models: equal for the filter and for the tallies alike."""
    lookup = Lookup.of(espresso)
    row = lookup.rows["auto-off"]
    assert len({reading.extra for reading in row.readings.values()}) > 1, "the `since` differs"
    assert row.all_equal(list(row.readings)) and len({reading.same_as for reading in row.readings.values()}) == 1
    assert {sid: tally.equal for sid, tally in lookup.tally([lookup.features["auto-off"]]).items()} == dict.fromkeys(row.readings, 1)


# --- The site a new team gets: built from the package's pages, its words neutral -----------------


@pytest.fixture(scope="module")
def espresso_site(tmp_path_factory) -> Path:
    """A site made by `versus new` whose data/ is replaced by the fixture, nothing else edited, built."""
    folder = tmp_path_factory.mktemp("espresso-site")
    root = folder / "site-folder"
    new_site(root, "Four espresso machines", "Alpha, Beta")
    data = root / "data"
    for path in data.glob("*.yml"):
        path.unlink()
    for path in fixture_copy("espresso", folder).glob("*.yml"):
        path.replace(data / path.name)
    build(root=root)
    return root / "site"


def page_text(site: Path, page: str) -> str:
    return (site / page / "index.html" if page else site / "index.html").read_text(encoding="utf-8")


def test_the_pages_speak_of_software_only_when_the_data_does(espresso_site):
    methodology = page_text(espresso_site, "methodology")
    for word in ("package registries", "repository tags", "changelogs", "archived project"):
        assert word not in methodology, word
    assert "price lists" in methodology
    assert re.search(r"Subjects</a>: what each is, with its releases, editions with their prices and links\.", page_text(espresso_site, ""))
    pricing = page_text(espresso_site, "pricing")
    assert '<h2 id="licences">Editions and prices' in pricing
    assert '<th scope="col">Licence</th>' not in pricing and '<th scope="col">Governance</th>' not in pricing


def test_the_table_shows_unlimited_unknown_and_the_unit(espresso_site):
    table = page_text(espresso_site, "comparison")
    row = table[table.index('<tr id="warranty"') : table.index("</tr>", table.index('<tr id="warranty"'))]
    text = " ".join(re.sub(r"<[^>]+>", " ", row).split())
    assert "2 years" in text and "For life" in text and "? Unknown" in text and "5 years" in text
    assert text.index("Best in row") < text.index("For life")
    auto_off = table[table.index('<tr id="auto-off"') : table.index("</tr>", table.index('<tr id="auto-off"'))]
    assert set(re.findall(r'data-value="([^"]*)"', auto_off)) == {"support:yes"}


def test_the_column_picker_works_for_an_id_that_starts_with_a_digit(espresso_site, page):
    server = SiteServer(espresso_site)
    try:
        page.goto(server.url + "comparison/")
        page.uncheck(f"form.column-picker input{attr('value', '2go-press')}")
        assert page.is_hidden(f"tr{attr('id', 'warranty')} td{attr('data-subject', '2go-press')}")
        page.check("form.column-picker input[name=diff]")
        assert page.is_hidden(f"tr{attr('id', 'auto-off')}"), "every shown cell gives the same answer"
    finally:
        server.close()


# --- The README: the reference an outside team writes from ----------------------------------


def _keys(model: type[BaseModel], seen: set[type]) -> set[str]:
    """Every key a data file's model takes, nested models included."""
    if model in seen:
        return set()
    seen.add(model)
    keys: set[str] = set()
    for name, info in model.model_fields.items():
        keys.add(name)
        stack = [info.annotation]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                keys |= _keys(annotation, seen)
            stack.extend(typing.get_args(annotation))
    return keys


def test_the_readme_names_every_file_key_and_kind():
    from tests.paths import ROOT
    from versus.data.kinds import KINDS
    from versus.data.model import DATA_FILES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    keys = set().union(*(_keys(model, set()) for model in DATA_FILES.values()))
    missing = sorted(key for key in keys | set(DATA_FILES) | set(KINDS) if f"`{key}" not in readme)
    assert missing == [], "the README's reference lacks these keys, files or kinds"
    for word in ("`unit: none`", "`value: unlimited`", "`value: unknown`", "`winner`", "`considerations`", "`points`"):
        assert word in readme, word


def test_a_new_sites_readme_refers_only_to_sections_it_has():
    from tests.paths import ROOT
    from versus.new import README_SECTIONS, _sections

    sections = _sections((ROOT / "README.md").read_text(encoding="utf-8"))
    body = "\n".join(sections[name] for name in README_SECTIONS)
    headings = set(re.findall(r"(?m)^#{2,4} (.+)$", body))
    referred = set(re.findall(r"\bsee ([A-Z][\w ]*?)(?=[).;,]|$)", body, re.MULTILINE))
    assert referred and referred <= headings, referred - headings
