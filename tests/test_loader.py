"""Bad YAML of every kind gets a message with file, line and column, never a traceback."""

from __future__ import annotations

from pathlib import Path

from versus.data.limits import MAX_ENTRIES
from versus.data.loader import load_file


def load(tmp_path: Path, content: str | bytes):
    path = tmp_path / "features.yml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return load_file(path, "data/features.yml")


def only_problem(loaded) -> str:
    assert len(loaded.problems) == 1, loaded.problems
    return str(loaded.problems[0])


def test_scalars_stay_text_so_yes_and_version_numbers_survive(tmp_path):
    loaded = load(tmp_path, "a: yes\nb: no\nc: on\nd: off\ne: 2.10\nf: 007\ng: null\n")
    assert loaded.problems == []
    assert loaded.value == {"a": "yes", "b": "no", "c": "on", "d": "off", "e": "2.10", "f": "007", "g": None}


def test_duplicate_key_is_reported_with_line(tmp_path):
    loaded = load(tmp_path, "features:\n  - id: a\n    name: A\n    name: B\n")
    message = only_problem(loaded)
    assert message.startswith("data/features.yml:4:5: duplicate key `name`")
    assert "line 3" in message


def test_alias_bomb_fails_fast_with_position(tmp_path):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    # A billion-leaf expansion is never built: the first alias is refused where it stands.
    loaded = load(tmp_path, "\n".join(lines) + "\n")
    assert loaded.problems
    assert str(loaded.problems[0]).startswith("data/features.yml:2:")
    assert "alias *a is not supported" in str(loaded.problems[0])


def test_a_single_alias_is_rejected_where_it_is_used(tmp_path):
    loaded = load(tmp_path, "source: &s {url: https://example.org}\nother: *s\n")
    assert only_problem(loaded).startswith("data/features.yml:2:8: alias *s is not supported")


def test_non_utf8_bytes_are_located(tmp_path):
    loaded = load(tmp_path, b"title: ok\nname: caf\xe9\n")
    message = only_problem(loaded)
    assert message.startswith("data/features.yml:2:10: byte 0xe9 is not valid UTF-8")
    assert "save the file as UTF-8" in message


def test_empty_file_is_reported(tmp_path):
    assert "data/features.yml:1:1: the file is empty" in only_problem(load(tmp_path, ""))
    assert "the file is empty" in only_problem(load(tmp_path, "# only a comment\n\n"))


def test_missing_file_is_reported(tmp_path):
    loaded = load_file(tmp_path / "nowhere.yml", "data/nowhere.yml")
    assert only_problem(loaded).startswith("data/nowhere.yml:1:1: the file is missing")


def test_tab_indentation_gets_a_hint(tmp_path):
    message = only_problem(load(tmp_path, "features:\n\t- id: a\n"))
    assert message.startswith("data/features.yml:2:1: YAML syntax error")
    assert "spaces, not tabs" in message


def test_truncated_file_is_reported_at_the_open_quote(tmp_path):
    message = only_problem(load(tmp_path, 'features:\n  - id: a\n    name: "Mobile dep'))
    assert message.startswith("data/features.yml:3:11:")
    assert "never closed" in message


def test_python_tags_are_refused(tmp_path):
    message = only_problem(load(tmp_path, "a: !!python/object/apply:os.system [echo hi]\n"))
    assert message.startswith("data/features.yml:1:4: the tag")
    assert "not supported" in message


def test_two_documents_in_one_file_are_refused(tmp_path):
    message = only_problem(load(tmp_path, "a: 1\n---\nb: 2\n"))
    assert message.startswith("data/features.yml:2:1:")
    assert "one YAML document" in message


def test_positions_point_at_nested_values(tmp_path):
    loaded = load(tmp_path, "features:\n  - id: a\n    values:\n      x:\n        label: L\n")
    assert loaded.position(("features", 0, "values", "x", "label")) == (5, 16)
    assert loaded.position(("features", 0, "values", "x"), of_key=True) == (4, 7)


def test_keys_that_are_not_plain_names_are_refused_and_the_rest_is_read(tmp_path):
    loaded = load(tmp_path, "? [a, b]\n: 1\n<<: {c: 2}\nname: kept\n")
    messages = [str(problem) for problem in loaded.problems]
    assert len(messages) == 2, messages
    assert messages[0].startswith("data/features.yml:1:3: this key is not a plain name")
    assert messages[1].startswith("data/features.yml:3:1: this key is not a plain name")
    assert "merge keys" in messages[1]
    assert loaded.value == {"name": "kept"}


def test_standard_tags_are_read_as_text_and_null_stays_null(tmp_path):
    loaded = load(tmp_path, "a: !!str 2.10\nb: !!null ''\nc: '~'\nd: ~\ne:\nf: !!int 007\n")
    assert loaded.problems == []
    assert loaded.value == {"a": "2.10", "b": None, "c": "~", "d": None, "e": None, "f": "007"}


def test_a_custom_tag_on_a_mapping_is_refused_without_reading_inside_it(tmp_path):
    message = only_problem(load(tmp_path, "a: !thing {b: *nowhere-to-be-found, c: [1, 2]}\nd: ok\n"))
    assert message.startswith("data/features.yml:1:4: the tag !thing is not supported")


def test_positions_hold_deep_into_a_long_file(tmp_path):
    items = "".join(f"  - id: item-{n}\n    name: Item {n}\n" for n in range(MAX_ENTRIES))
    loaded = load(tmp_path, "features:\n" + items)
    assert loaded.problems == []
    last = MAX_ENTRIES - 1
    assert loaded.value["features"][last] == {"id": f"item-{last}", "name": f"Item {last}"}
    assert loaded.position(("features", last, "name")) == (2 * last + 3, 11)


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path):
    (problem,) = load(tmp_path, 'features:\n  - id: a\n    name: "Ratings\n    question: Why?\n').problems
    assert str(problem).startswith("data/features.yml:3:11: YAML syntax error: this quote is never closed")


def test_a_quote_closed_by_accident_further_down_is_reported_where_it_opens(tmp_path):
    text = 'features:\n  - id: a\n    name: "Ratings\n    question: Why?\n  - id: b\n    name: "Speed"\n    question: How?\n'
    (problem,) = load(tmp_path, text).problems
    assert str(problem).startswith("data/features.yml:3:11: YAML syntax error: this quoted text runs on to line 6"), str(problem)
    assert "close the quote on this line" in str(problem)


def test_an_unclosed_bracket_is_reported_where_it_opens(tmp_path):
    (problem,) = load(tmp_path, "use_cases:\n  - features: [a, b\n    title: T\n").problems
    assert str(problem).startswith("data/features.yml:2:15: YAML syntax error: this `[` is never closed"), str(problem)
