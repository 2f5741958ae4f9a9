"""Sizes, files and numbers: what a data file may cost is bounded, and every refusal is a positioned problem.

The limits come from versus/data/limits.py, the one place they are declared;
each test writes a file just past one, or a file that is not a file at all.
"""

from __future__ import annotations

import csv
import io
import os
import re
import threading
import time
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, edit, run_cli
from tests.paths import ROOT
from versus.data.limits import MAX_ALIASES, MAX_ENTRIES, MAX_FILE_BYTES, MAX_MARKDOWN_LENGTH, MAX_PROBLEMS, MAX_TEXT_LENGTH
from versus.data.loader import load_file
from versus.data.problems import DataProblems
from versus.data.validate import load_comparison
from versus.pages.export import comparison_csv


def problems_in(data: Path) -> list[str]:
    with pytest.raises(DataProblems) as raised:
        load_comparison(data)
    # As an editor in the site's folder sees them, whatever the temporary folder.
    return [str(problem).replace(f"{data}/", "data/") for problem in raised.value.problems]


# --- The shipped data stays inside every limit ------------------------------------------


@pytest.mark.parametrize("data", [ROOT / "data", *sorted(path for path in FIXTURES.iterdir() if path.is_dir())], ids=lambda p: p.name)
def test_the_example_and_every_fixture_pass_the_limits(data):
    load_comparison(data)


# --- Problems ------------------------------------------------------------------------------


def test_many_mistakes_print_the_first_ones_and_a_count(small_data):
    unknown = "".join(f"unknown-{n}: x\n" for n in range(MAX_PROBLEMS + 500))
    (small_data / "site.yml").write_text("title: Alpha vs Beta\n" + unknown, encoding="utf-8")
    result = run_cli("check", "--data", small_data)
    lines = result.stderr.splitlines()
    assert result.code == 1
    assert len(lines) == MAX_PROBLEMS + 2, len(lines)
    assert re.fullmatch(r"… and [\d,]+ more problems, shown once these are fixed", lines[-2]), lines[-2:]
    assert "Traceback" not in result.output


def test_a_million_unknown_keys_are_one_problem_in_moments(small_data):
    unknown = "".join(f"k{n}: x\n" for n in range(1_000_000))
    (small_data / "site.yml").write_text("title: Alpha vs Beta\n" + unknown, encoding="utf-8")
    started = time.monotonic()
    result = run_cli("check", "--data", small_data)
    assert time.monotonic() - started < 30
    assert result.code == 1
    assert re.search(rf"site\.yml:{MAX_ENTRIES + 1}:1: more than [\d,]+ entries in one list or mapping", result.stderr)
    assert len(result.stderr.splitlines()) < 10


# --- Sizes ---------------------------------------------------------------------------------


def test_a_text_longer_than_the_limit_is_refused_at_its_place(small_data):
    edit(small_data / "subjects.yml", "summary: A library that favours flexibility.", "summary: " + "x" * (MAX_TEXT_LENGTH + 1))
    problem = problems_in(small_data)[0]
    assert re.match(rf"data/subjects\.yml:4:14: `summary` has {MAX_TEXT_LENGTH + 1} characters; at most {MAX_TEXT_LENGTH}", problem)


def test_a_fifty_megabyte_markdown_field_is_refused_before_it_is_read_as_markdown(small_data):
    edit(
        small_data / "features.yml",
        "explanation: Alpha Edge runs exported models on phones.",
        "explanation: " + "y" * (MAX_MARKDOWN_LENGTH + 1),
    )
    problem = problems_in(small_data)[0]
    assert re.match(rf"data/features\.yml:10:22: `explanation` has {MAX_MARKDOWN_LENGTH + 1} characters", problem), problem


def test_twenty_thousand_aliases_are_refused_at_the_list(small_data):
    aliases = ", ".join(f"old-{n}" for n in range(20_000))
    edit(small_data / "features.yml", "    keywords: [on-device]\n", f"    keywords: [on-device]\n    aliases: [{aliases}]\n")
    problems = problems_in(small_data)
    assert any(re.match(r"data/features\.yml:6:\d+: more than [\d,]+ entries", problem) for problem in problems), problems[:3]


def test_more_aliases_than_the_limit_are_refused_with_the_count(small_data):
    aliases = ", ".join(f"old-{n}" for n in range(MAX_ALIASES + 1))
    edit(small_data / "features.yml", "    keywords: [on-device]\n", f"    keywords: [on-device]\n    aliases: [{aliases}]\n")
    problem = problems_in(small_data)[0]
    assert f"`aliases` has {MAX_ALIASES + 1} entries; at most {MAX_ALIASES} are allowed" in problem


def test_a_file_larger_than_the_limit_is_refused_unread(small_data):
    with open(small_data / "performance.yml", "ab") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    problems = problems_in(small_data)
    assert any(problem.startswith("data/performance.yml:1:1: the file has") for problem in problems), problems


# --- Only regular files ----------------------------------------------------------------


def test_a_fifo_is_refused_without_waiting_for_a_writer(small_data):
    (small_data / "verdict.yml").unlink()
    os.mkfifo(small_data / "verdict.yml")
    result: list[list[str]] = []
    reader = threading.Thread(target=lambda: result.append(problems_in(small_data)), daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert result, "the check blocked on the FIFO"
    assert "data/verdict.yml:1:1: this is not a regular file" in " ".join(result[0])


def test_a_link_to_a_device_is_refused_not_read(small_data):
    (small_data / "verdict.yml").unlink()
    (small_data / "verdict.yml").symlink_to("/dev/zero")
    result = run_cli("check", "--data", small_data)
    assert result.code == 1
    assert "verdict.yml:1:1: this is not a regular file" in result.stderr
    assert "Traceback" not in result.output


def test_a_folder_in_place_of_a_data_file_is_refused(small_data):
    (small_data / "verdict.yml").unlink()
    (small_data / "verdict.yml").mkdir()
    assert any("verdict.yml:1:1: this is not a regular file" in problem for problem in problems_in(small_data))


# --- Numbers ---------------------------------------------------------------------------


def number_criterion(small_data: Path, alpha: str, beta: str = "2") -> None:
    cells = "".join(
        f"      {subject}:\n        value: {value}\n        explanation: Counted.\n        editorial: true\n        as_of: 2026-11-01\n"
        for subject, value in (("alpha", alpha), ("beta", beta))
    )
    with open(small_data / "features.yml", "a", encoding="utf-8") as file:
        file.write(
            f"  - id: size\n    name: Size\n    question: How large?\n    kind: number\n    unit: MB\n    better: lower\n    values:\n{cells}"
        )


@pytest.mark.parametrize("written", ["inf", ".inf", "-inf", "nan", ".NaN", "Infinity", "1e999", "-1e400"])
def test_a_number_that_is_not_finite_is_refused_at_its_place(small_data, written):
    number_criterion(small_data, written)
    problems = problems_in(small_data)
    assert any(re.search(r"features\.yml:\d+:16: `.*` is not (a finite number|a number)", problem) for problem in problems), problems


@pytest.mark.parametrize(
    ("written", "in_csv"), [("1234567", "1234567"), ("0.0000001", "0.0000001"), ("2.50", "2.5"), ("-3", "-3"), ("1e6", "1000000")]
)
def test_the_csv_writes_numbers_without_an_exponent(small_data, written, in_csv):
    number_criterion(small_data, written)
    for path in (small_data / "use_cases.yml", small_data / "ids.lock"):
        path.touch()
    comparison = load_comparison(small_data, check_registry=False)
    rows = [row for row in csv.DictReader(io.StringIO(comparison_csv(comparison))) if row["feature_id"] == "size"]
    assert rows[0]["number"] == in_csv


# --- Positions an editor agrees with ---------------------------------------------------


@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_positions_count_lines_as_an_editor_does_whatever_the_line_endings(small_data, ending):
    path = small_data / "verdict.yml"
    text = path.read_text(encoding="utf-8").replace("\n", ending)
    path.write_bytes(text.replace("as_of: 2026-11-01", "as_of: 2026-13-01", 1).encode("utf-8"))
    expected = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    line = next(n for n, text in enumerate(expected, 1) if "2026-13-01" in text)
    assert any(problem.startswith(f"data/verdict.yml:{line}:") for problem in problems_in(small_data))


@pytest.mark.parametrize("character", ["\u2028", "\u2029", "\x85"])
def test_a_line_break_only_yaml_counts_is_refused_where_it_stands(tmp_path, character):
    path = tmp_path / "verdict.yml"
    path.write_text(f"# a comment{character}with a hidden break\npoints: x\n", encoding="utf-8")
    loaded = load_file(path, "data/verdict.yml")
    assert [str(problem).split(" (hint")[0] for problem in loaded.problems] == [
        f"data/verdict.yml:1:12: {f'U+{ord(character):04X} {unicodedata.name(character, str())}'.strip()} is an invisible line break"
    ]


def test_a_tag_on_a_key_is_named_as_such(tmp_path):
    path = tmp_path / "site.yml"
    path.write_text("!foo title: x\n!!str description: y\n", encoding="utf-8")
    loaded = load_file(path, "data/site.yml")
    assert [str(problem).split(" (hint")[0] for problem in loaded.problems] == ["data/site.yml:1:1: this key carries the tag !foo"]


def test_a_release_after_the_records_check_is_refused(small_data):
    edit(
        small_data / "subjects.yml",
        'latest_release: {version: "2.10", date: 2026-10-01',
        'latest_release: {version: "2.10", date: 2026-11-02',
    )
    problem = problems_in(small_data)[0]
    assert problem.startswith("data/subjects.yml:12:5: the release of 2026-11-02 is after the record's `as_of` 2026-11-01")
