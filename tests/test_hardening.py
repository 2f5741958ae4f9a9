"""The data's limits: nesting, id lengths, characters, dates, links and images, excerpts of bad values."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from tests.conftest import edit, run_cli
from versus.data import markdown_links
from versus.data.fields import excerpt
from versus.data.limits import MAX_DEPTH, MAX_ID_LENGTH
from versus.data.loader import load_file
from versus.data.problems import DataProblems
from versus.data.validate import load_comparison
from versus.pages.text import markdown_inline, markdown_to_html

POSITIONED = re.compile(r"^\S+\.yml:\d+:\d+: ")


def problems_in(data: Path) -> list[str]:
    with pytest.raises(DataProblems) as raised:
        load_comparison(data)
    return [str(problem) for problem in raised.value.problems]


def only_problem(data: Path) -> str:
    problems = problems_in(data)
    assert len(problems) == 1, problems
    return problems[0]


# --- Nesting ----------------------------------------------------------------------


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 500, 1000, 10_000])
@pytest.mark.parametrize("style", ["flow list", "flow mapping", "block mapping", "block list"])
def test_deep_nesting_is_one_positioned_problem_never_a_recursion_error(tmp_path, levels, style):
    text = {
        "flow list": "a: " + "[" * levels + "]" * levels + "\n",
        "flow mapping": "a: " + "{a: " * levels + "1" + "}" * levels + "\n",
        "block mapping": "".join(" " * n + "k:\n" for n in range(levels)) + " " * levels + "v\n",
        "block list": "- " * levels + "x\n",
    }[style]
    path = tmp_path / "features.yml"
    path.write_text(text, encoding="utf-8")
    loaded = load_file(path, "data/features.yml")
    assert loaded.problems, "accepted"
    assert all(POSITIONED.match(str(problem)) for problem in loaded.problems)
    # 10,000 levels of block mapping take 50 MB of indentation: refused by their size before their depth.
    assert any("nest" in problem.message or "bytes" in problem.message for problem in loaded.problems)


def test_the_real_data_stays_well_inside_the_nesting_limit(small_data):
    loaded = load_file(small_data / "features.yml", "data/features.yml")
    assert max(len(location) for location in loaded.positions) < MAX_DEPTH // 2


def test_deep_nesting_through_the_command(small_data):
    (small_data / "site.yml").write_text("title: " + "[" * 900 + "]" * 900 + "\n", encoding="utf-8")
    result = run_cli("check", "--data", small_data)
    assert result.code == 1
    assert re.search(r"site\.yml:1:\d+: lists and mappings are nested more than \d+ levels", result.stderr), result.stderr
    assert "Traceback" not in result.output and "RecursionError" not in result.output


# --- Ids and aliases --------------------------------------------------------------


def test_an_id_of_the_longest_length_is_accepted(small_data):
    long_id = "a" * MAX_ID_LENGTH
    edit(small_data / "subjects.yml", "    name: Alpha\n", f"    name: Alpha\n    aliases: [{long_id}]\n")
    assert load_comparison(small_data).subjects[0].aliases == [long_id]


@pytest.mark.parametrize("length", [MAX_ID_LENGTH + 1, 300, 5000])
def test_an_id_or_alias_too_long_for_a_file_name_is_refused_at_its_place(small_data, length):
    edit(small_data / "features.yml", "    keywords: [on-device]", f"    aliases: [{'m' * length}]\n    keywords: [on-device]")
    problem = only_problem(small_data)
    assert re.match(rf".*features\.yml:5:\d+: `aliases` has {length} characters; at most {MAX_ID_LENGTH} are allowed", problem), problem
    assert "file names" in problem


def test_a_long_id_is_refused_by_the_build_without_a_traceback(small_data):
    edit(small_data / "features.yml", "  - id: debugging", "  - id: " + "d" * 300)
    result = run_cli("build", "--data", small_data)
    assert result.code == 1
    assert "features.yml:28:9: `id` has 300 characters" in result.stderr
    assert "Traceback" not in result.output and "File name too long" not in result.output


# --- Characters in text -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("escape", "code", "kind"),
    [
        ("\\e", "U+001B", "a control character"),
        ("\\0", "U+0000", "a control character"),
        ("\\x01", "U+0001", "a control character"),
        ("\\b", "U+0008", "a control character"),
        ("\\x85", "U+0085", "a control character"),
        ("\\uFFFE", "U+FFFE", "not a character"),
        ("\\U0001FFFF", "U+1FFFF", "not a character"),
        ("\\u202E", "U+202E RIGHT-TO-LEFT OVERRIDE", "a bidirectional control"),
        ("\\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE", "a bidirectional control"),
        ("\\u200F", "U+200F RIGHT-TO-LEFT MARK", "a bidirectional control"),
        ("\\u200D", "U+200D ZERO WIDTH JOINER", "an invisible character"),
        ("\\u200B", "U+200B ZERO WIDTH SPACE", "an invisible character"),
        ("\\uFEFF", "U+FEFF ZERO WIDTH NO-BREAK SPACE", "an invisible character"),
        ("\\U000E0041", "U+E0041 TAG LATIN CAPITAL LETTER A", "an invisible character"),
        ("\\t", "U+0009", "a tab"),
    ],
)
@pytest.mark.parametrize(
    ("file", "before", "key"),
    [
        ("subjects.yml", "    name: Alpha", "name"),
        ("features.yml", "        label: Beta Lite", "label"),
        ("use_cases.yml", "    title: Mobile apps", "title"),
        ("features.yml", "publisher: Beta Corp}", "publisher"),
    ],
)
def test_control_invisible_and_direction_characters_are_refused_in_text(small_data, escape, code, kind, file, before, key):
    indent, _, value = before.partition(f"{key}: ")
    value = value.removesuffix("}")
    after = f'{indent}{key}: "{value[:2]}{escape}{value[2:]}"' + ("}" if before.endswith("}") else "")
    edit(small_data / file, before, after)
    problem = only_problem(small_data)
    assert re.match(rf".*{re.escape(file)}:\d+:\d+: `{key}`: {re.escape(code)} at character 3 is {kind} \(hint: ", problem), problem


def test_markdown_refuses_controls_and_direction_characters_and_keeps_joiners(small_data):
    path = small_data / "features.yml"
    edit(path, "explanation: Graph mode hides the Python frames.", 'explanation: "Graph mode \\u202Ehides the Python frames."')
    assert "`explanation`: U+202E RIGHT-TO-LEFT OVERRIDE at character 12 is a bidirectional control" in only_problem(small_data)
    edit(
        path, '"Graph mode \\u202Ehides the Python frames."', '"Graph mode hides the Python frames \\u2014 \\U0001F469\\u200D\\U0001F4BB."'
    )
    load_comparison(small_data)


def test_text_with_every_script_and_typographic_character_is_accepted(small_data):
    edit(small_data / "subjects.yml", "    name: Alpha", '    name: "Ålpha – Альфа · 阿尔法 · ألفا · אלפא “α” ✓"')
    assert load_comparison(small_data).subjects[0].name.startswith("Ålpha")


# --- Dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["0", "86400", "1764115200", "2026-11-26T00:00:00Z", "'2026-11-26 00:00'", "2026-1-01", "26-11-2026", "2026-W48-4", "20261126"],
)
def test_a_date_is_yyyy_mm_dd_and_nothing_else(small_data, written):
    edit(small_data / "features.yml", "as_of: 2024-01-01", f"as_of: {written}")
    problem = only_problem(small_data)
    assert f"features.yml:17:20: `{written.strip(chr(39))}` is not a date (hint: write dates as YYYY-MM-DD" in problem, problem


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("2026-11-31", "November 2026 has 30 days"),
        ("2025-02-29", "February 2025 has 28 days"),
        ("2024-13-01", "there is no month 13"),
        ("2024-00-10", "there is no month 0"),
        ("2024-01-00", "there is no day 0"),
        ("0000-01-01", "there is no year 0"),
    ],
)
def test_an_impossible_date_says_why(small_data, written, reason):
    edit(small_data / "features.yml", "as_of: 2024-01-01", f"as_of: {written}")
    assert f"features.yml:17:20: `{written}` is not a date: {reason}" in only_problem(small_data)


def test_a_leap_day_is_a_date(small_data):
    edit(small_data / "features.yml", "as_of: 2024-01-01", "as_of: 2024-02-29")
    load_comparison(small_data)


# --- Links and images in Markdown ------------------------------------------------------------

EXPLANATION = "explanation: Graph mode hides the Python frames."


@pytest.mark.parametrize(
    ("markdown", "target"),
    [
        ("See `[a](rel/) unclosed code span", "rel/"),
        ("Quote:\n\n> [a]: http://example.org/x.png\n>\n> [read it][a]", "http://example.org/x.png"),
        ("- item\n- [a]: relative/\n\n  [a]", "relative/"),
        ("[a]\n\n[a]: <relative target>", "relative target"),
        ("<http://example.org>", "http://example.org"),
        ("[a](javascript:alert(1))", "javascript:alert(1)"),
        ("[a](&#106;avascript:alert(1))", "javascript:alert(1)"),
        ("[a](//example.org/)", "//example.org/"),
        ("[a](https:example.org)", "https:example.org"),
        ("# Heading [a](../up/)", "../up/"),
        ("*[emphasised](ftp://example.org/)*", "ftp://example.org/"),
    ],
)
def test_every_link_markdown_would_render_must_be_absolute_https(small_data, markdown, target):
    edit(small_data / "features.yml", EXPLANATION, "explanation: " + json.dumps(markdown))
    problem = only_problem(small_data)
    assert f"features.yml:42:22: the link `{target}` is not an absolute https:// address" in problem, problem


@pytest.mark.parametrize(
    "markdown",
    [
        "![chart](https://example.org/chart.png)",
        "> - ![a][img]\n\n[img]: https://example.org/a.png",
        "[![badge](https://example.org/b.svg)](https://example.org/)",
        "![relative](chart.png)",
    ],
)
def test_no_image_is_accepted_in_data_text(small_data, markdown):
    edit(small_data / "features.yml", EXPLANATION, "explanation: " + json.dumps(markdown))
    problem = only_problem(small_data)
    assert "features.yml:42:22: the image `" in problem and "would be loaded from another host" in problem


@pytest.mark.parametrize(
    "markdown",
    [
        "[docs](https://example.org/docs) and <https://example.org/> and [mail](mailto:team@example.org)",
        "Code such as `[x](y)` or `![i](j)` is text.",
        "Code:\n\n    [indented](code/)",
        "Brackets [alone] and a < b.",
        "[ref][r]\n\n[r]: https://example.org/r",
        "[unused]: relative/",
    ],
)
def test_absolute_links_and_text_that_only_looks_like_links_pass(small_data, markdown):
    edit(small_data / "features.yml", EXPLANATION, "explanation: " + json.dumps(markdown))
    load_comparison(small_data)


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("![chart](https://example.org/chart.png)", "chart"),
        ("[a](relative/)", "a"),
        ("[a](javascript:alert(1))", "a"),
        ("[a](http://example.org/)", "a"),
        ("> [x][r]\n\n[r]: data:text/html,hi", "x"),
    ],
)
def test_the_renderer_itself_shows_no_image_and_no_link_elsewhere(markdown, shown):
    """Text that reached the page some other way than the data check still loads nothing and links nowhere else."""
    for rendered in (str(markdown_to_html(markdown)), str(markdown_inline(markdown))):
        assert "<img" not in rendered and "href" not in rendered, rendered
        assert shown in rendered


def test_the_renderer_keeps_https_links():
    assert str(markdown_inline("[docs](https://example.org/docs)")) == '<a href="https://example.org/docs">docs</a>'


# --- Bad values are named, never echoed whole ------------------------------------------------


def test_an_excerpt_is_short_and_shows_the_invisible():
    assert excerpt("x" * 1_000_000) == "x" * 80 + "…"
    assert excerpt("a\u202eb\x00c\nd") == "a\\u202eb\\u0000c\\nd"
    assert excerpt("short") == "short"


@pytest.mark.parametrize(
    ("file", "before", "after"),
    [
        ("features.yml", "  - id: debugging", "  - id: 'Not An Id {big}'"),
        ("features.yml", "https://example.org/beta/lite", "http://example.org/{big}"),
        ("features.yml", "rating: fair", "rating: '{big}'"),
        ("features.yml", "as_of: 2024-01-01", "as_of: '2024-{big}'"),
        ("pricing.yml", "    editorial: true", "    editorial: '{big}'"),
        ("site.yml", "title: Alpha vs Beta", "title: Alpha vs Beta\n? '{big}'\n: 1"),
        ("features.yml", "        label: Beta Lite", "        label: [{big}]"),
    ],
)
def test_a_megabyte_value_is_named_by_an_excerpt(small_data, file, before, after):
    edit(small_data / file, before, after.format(big="x" * 1_000_000))
    problems = problems_in(small_data)
    assert problems
    for problem in problems:
        assert len(problem) < 400, problem[:400]
        assert POSITIONED.match(problem), problem[:400]


def test_a_number_that_is_not_one_says_so(small_data):
    edit(small_data / "decision.yml", "    weight: 2", "    weight: '2.5e3 or so'")
    assert "decision.yml:13:13: `weight` should be a whole number, not `2.5e3 or so` (hint: write digits only" in only_problem(small_data)


# Pieces that make, hide or change links in CommonMark, and text around them.
LINK_PIECES = [
    "[", "]", "(", ")", "![", "](", "]:", "<", ">", "\\", "`", "&amp;", "&#106;", " ", "\n", "\n\n", "    ",
    "> ", "- ", "# ", "*", "_", '"', "~~~\n", "https://example.org/a", "https://", "http://x.org", "rel/", "words",
    "mailto:a@b.org", "a_(b)", "\u00a0",
]  # fmt: skip


# Texts whose plain-looking links CommonMark reads as a bad link or an image, one for each mark the
# shortcut declines: an escape and an entity that empty the host, a code span holding `](`, an
# autolink and an image.
LOOKS_PLAIN = [
    "[a](https://\\/x)",
    "[a](https://&#47;x)",
    "[x`](https://example.org)`](rel/)",
    "<http://example.org>",
    "![a](https://example.org/a.png)",
    "[a]\n\n[a]: rel/",
]


@pytest.mark.parametrize("text", LOOKS_PLAIN)
def test_the_shortcut_for_plain_links_declines_what_would_hide_a_bad_link(text):
    assert markdown_links.first_bad_target(text) is not None
    assert markdown_links.first_bad_target(text) == markdown_links.parsed_bad_target(text)


def test_the_shortcut_for_plain_links_finds_what_the_whole_parse_finds():
    """first_bad_target skips the CommonMark parse for texts of plain inline links: on thousands of
    texts built from the pieces that make, hide or change links, it answers as the whole parse does."""
    rng = random.Random(7)
    texts = ["[a](https://example.org/a) and [b](https://example.org/b)", "[a](https://example.org/a) [b](rel/)"]
    texts += ["".join(rng.choice(LINK_PIECES) for _ in range(rng.randint(1, 14))) for _ in range(6000)]
    # Plain links are common in the generated texts, so the shortcut is tried, not only the parse.
    targets = ["https://example.org/a", "https://", "http://x.org", "rel/", "mailto:a@b.org", "", "a_(b)"]
    texts += [f"[{rng.choice(LINK_PIECES)}]({rng.choice(targets)}){rng.choice(LINK_PIECES)}" for _ in range(3000)]
    shortcut = 0
    for text in texts:
        assert markdown_links.first_bad_target(text) == markdown_links.parsed_bad_target(text), repr(text)
        shortcut += markdown_links._simple_targets(text) is not None and "[" in text
    assert shortcut > 1000
