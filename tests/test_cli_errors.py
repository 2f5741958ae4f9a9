"""Every kind of bad input, through the command an editor runs: a clickable message, no traceback."""

from __future__ import annotations

import re

import pytest

from tests.conftest import run_cli

ALIAS_BOMB = 'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n' + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [" + ", ".join([f"*{chr(97 + n)}"] * 9) + "]\n" for n in range(8)
)

BAD_INPUTS = {
    "non-utf8": (b"title: caf\xe9\n", r"site\.yml:1:\d+: byte 0xe9 is not valid UTF-8"),
    "empty": (b"", r"site\.yml:1:1: the file is empty"),
    "tabs": (b"title: x\n\tdescription: y\n", r"site\.yml:2:1: YAML syntax error.*spaces, not tabs"),
    "truncated": (b'title: "Alpha vs', r"site\.yml:1:\d+: YAML syntax error.*never closed"),
    "duplicate key": (b"title: A\ntitle: B\n", r"site\.yml:2:1: duplicate key `title`"),
    "alias bomb": (ALIAS_BOMB.encode(), r"site\.yml:2:\d+: alias \*a is not supported"),
    "python tag": (b"title: !!python/object/apply:os.system [ls]\n", r"site\.yml:1:8: the tag .* is not supported"),
    "unknown key": (b"titel: A\n", r"site\.yml:1:1: unknown key `titel` \(hint: did you mean `title`\?\)"),
    "a list instead of a mapping": (b"- title\n", r"site\.yml:1:1: the file must be a mapping"),
}


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_bad_input_is_reported_with_file_line_and_hint(small_data, kind):
    content, expected = BAD_INPUTS[kind]
    (small_data / "site.yml").write_bytes(content)
    result = run_cli("check", "--data", small_data)
    assert result.code == 1
    assert re.search(expected, result.stderr), result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_a_missing_file_is_named(small_data):
    (small_data / "verdict.yml").unlink()
    result = run_cli("check", "--data", small_data)
    assert result.code == 1
    assert re.search(r"verdict\.yml:1:1: the file is missing", result.stderr)
    assert "Traceback" not in result.output


def test_a_missing_data_folder_is_named(tmp_path):
    result = run_cli("check", "--data", tmp_path / "nowhere")
    assert result.code == 1
    assert "site.yml:1:1: the file is missing" in result.stderr
    assert "Traceback" not in result.output
