"""A seeded, bounded fuzz of the data: every mutation of a valid data set is either a valid
build or problems at `path:line:col:`, never a traceback, a hang or a changed site/.

The cases are the same on every run (one seed); a failure names the case and its
mutations, so it can be replayed with `fuzz_case(SEED, n, folder)`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import re
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, project_copy
from versus.cli import main as cli_main
from versus.data.problems import DataProblems
from versus.pages.export import FORMULA_STARTS, ExportDocument
from versus.site.build import build

SEED = 20261205
CASES = 150
CASE_TIME_LIMIT = 20  # seconds; far above any case, short of a hang
BASE = FIXTURES / "small"
POSITIONED = re.compile(r"^(?P<path>[^\n:]+\.(?:yml|lock)):(?P<line>\d+):(?P<column>\d+): \S")
LONGEST_PROBLEM = 600  # characters: a problem names a bad value by an excerpt, never whole


# --- Mutations: each takes the file's bytes and a random source and returns new bytes ---------


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _pick_line(data: bytes, rng: random.Random, pattern: bytes = b"") -> int | None:
    lines = _lines(data)
    candidates = [n for n, line in enumerate(lines) if pattern in line and line.strip() and not line.lstrip().startswith(b"#")]
    return rng.choice(candidates) if candidates else None


def _with_line(data: bytes, number: int, new: bytes | None) -> bytes:
    lines = _lines(data)
    lines[number : number + 1] = [] if new is None else [new]
    return b"\n".join(lines)


def _replace_value(data: bytes, rng: random.Random, value: bytes, pattern: bytes = b": ") -> bytes:
    """Put `value` after the key of a random `key: value` line."""
    number = _pick_line(data, rng, pattern)
    if number is None:
        return data
    line = _lines(data)[number]
    key, separator, _ = line.partition(b": ")
    return _with_line(data, number, key + (separator or b": ") + value) if separator else data


def delete_line(data: bytes, rng: random.Random) -> bytes:
    number = _pick_line(data, rng)
    return data if number is None else _with_line(data, number, None)


def duplicate_line(data: bytes, rng: random.Random) -> bytes:
    number = _pick_line(data, rng)
    if number is None:
        return data
    lines = _lines(data)
    return b"\n".join(lines[: number + 1] + [lines[number]] + lines[number + 1 :])


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    first = rng.randrange(len(lines))
    second = min(len(lines) - 1, first + rng.choice([1, 1, 2, rng.randrange(len(lines))]))
    lines[first], lines[second] = lines[second], lines[first]
    return b"\n".join(lines)


def reindent(data: bytes, rng: random.Random) -> bytes:
    number = _pick_line(data, rng)
    if number is None:
        return data
    line = _lines(data)[number]
    stripped = line.lstrip(b" ")
    indent = max(0, len(line) - len(stripped) + rng.choice([-4, -2, -1, 1, 2, 3]))
    return _with_line(data, number, b" " * indent + stripped)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def invalid_utf8(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice([b"\xff", b"\xc3\x28", b"\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]) + data[at:]


def nul(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\x00" + data[at:]


def bom(data: bytes, rng: random.Random) -> bytes:
    at = 0 if rng.random() < 0.6 else rng.randrange(len(data) + 1)
    return data[:at] + b"\xef\xbb\xbf" + data[at:]


def tabs(data: bytes, rng: random.Random) -> bytes:
    number = _pick_line(data, rng, b"  ")
    if number is None:
        return data
    line = _lines(data)[number]
    return _with_line(data, number, line.replace(b"  ", b"\t", 1) if rng.random() < 0.7 else line + b"\t")


def crlf(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"\n", b"\r\n")


TYPE_SWAPS = [b"[]", b"{}", b"~", b"", b"123", b"-1", b"true", b"no", b"[a, b]", b"{k: v}", b"2.10", b'""', b"'   '", b"- x"]


def type_swap(data: bytes, rng: random.Random) -> bytes:
    return _replace_value(data, rng, rng.choice(TYPE_SWAPS))


def long_string(data: bytes, rng: random.Random) -> bytes:
    length = rng.choice([300, 5_000, 100_000, 1_000_000])
    return _replace_value(data, rng, rng.choice([b"x", b"ab ", b"-"]) * length)


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    levels = rng.choice([40, 200, 600, 1_500, 10_000])
    if rng.random() < 0.5:
        return _replace_value(data, rng, b"[" * levels + b"]" * levels)
    return _replace_value(data, rng, b"{a: " * levels + b"1" + b"}" * levels)


def anchors(data: bytes, rng: random.Random) -> bytes:
    data = _replace_value(data, rng, b"&anchor value")
    return _replace_value(data, rng, rng.choice([b"*anchor", b"*missing", b"{<<: *anchor}"]))


def tags(data: bytes, rng: random.Random) -> bytes:
    tag = rng.choice([b"!!python/object/apply:os.system [ls]", b"!custom x", b"!!binary aGk=", b"!!int 7", b"!!str 2.10", b"!!set {a}"])
    return _replace_value(data, rng, tag)


IMPOSSIBLE_DATES = [b"2026-02-30", b"2026-11-31", b"2025-02-29", b"2026-13-01", b"2026-00-10", b"0", b"86400", b"2026-11-26T00:00:00Z"]


def impossible_date(data: bytes, rng: random.Random) -> bytes:
    return _replace_value(data, rng, rng.choice(IMPOSSIBLE_DATES), pattern=b"20")


ESCAPES = [b"\\e", b"\\0", b"\\x01", b"\\b", b"\\uFFFE", b"\\u202E", b"\\u200D", b"\\U000E0041", b"\\x85", b"\\u2028"]


def hostile_escape(data: bytes, rng: random.Random) -> bytes:
    return _replace_value(data, rng, b'"Alpha' + rng.choice(ESCAPES) + b' text"')


HOSTILE_MARKDOWN = [
    b'"See `[a](rel/) here"',
    b'"> [a]: http://example.org/x.png\\n>\\n> [a]"',
    b'"- [a]: relative/\\n\\n  [a]"',
    b'"![x](https://evil.example/x.png)"',
    b'"<javascript:alert(1)>"',
    b'"[a](javascript:alert(1))"',
    b'"<script>alert(1)</script> {{ 7*7 }} {% raw %}"',
    b'"=HYPERLINK(\\"https://evil.example\\")"',
]


def hostile_markdown(data: bytes, rng: random.Random) -> bytes:
    return _replace_value(data, rng, rng.choice(HOSTILE_MARKDOWN), pattern=rng.choice([b"explanation: ", b"text: ", b"reason: ", b": "]))


def long_id(data: bytes, rng: random.Random) -> bytes:
    return _replace_value(data, rng, b"a" * rng.choice([65, 255, 300, 5_000]), pattern=b"id: ")


def unknown_key(data: bytes, rng: random.Random) -> bytes:
    number = _pick_line(data, rng, b": ")
    if number is None:
        return data
    line = _lines(data)[number]
    return _with_line(data, number, line.replace(b": ", b"x: ", 1))


def empty(data: bytes, rng: random.Random) -> bytes:
    return rng.choice([b"", b"\n", b"# nothing\n", b"---\n", b"...\n", b"~\n", b"[]\n", b"a: 1\n---\nb: 2\n"])


MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    delete_line,
    duplicate_line,
    swap_lines,
    reindent,
    truncate,
    invalid_utf8,
    nul,
    bom,
    tabs,
    crlf,
    type_swap,
    long_string,
    deep_nesting,
    anchors,
    tags,
    impossible_date,
    hostile_escape,
    hostile_markdown,
    long_id,
    unknown_key,
    empty,
]


@dataclass
class Case:
    """One mutated copy of the base data: which files were changed, and how."""

    number: int
    changes: list[tuple[str, str]] = field(default_factory=list)  # (file, mutation)

    def __str__(self) -> str:
        return f"case {self.number}: " + ", ".join(f"{mutation} in {file}" for file, mutation in self.changes)


def fuzz_case(seed: int, number: int, target: Path) -> Case:
    """Write case `number` of `seed` into target (a copy of the base data with one to three mutations)."""
    rng = random.Random(f"{seed}/{number}")
    shutil.copytree(BASE, target)
    case = Case(number)
    files = sorted(path.name for path in BASE.glob("*.yml"))
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        name = rng.choice(files)
        mutation = rng.choice(MUTATIONS)
        path = target / name
        path.write_bytes(mutation(path.read_bytes(), rng))
        case.changes.append((name, mutation.__name__))
    return case


# --- Running the cases ------------------------------------------------------------------------


@contextmanager
def time_limit(seconds: int, case: Case) -> Iterator[None]:
    """Fail a case that runs too long instead of letting it hang the suite."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"{case} took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def snapshot(site: Path) -> str:
    """A digest of every file of a site, to tell whether a failed build touched it."""
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(site)).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def check_outputs(site: Path) -> list[str]:
    """What a successful build must give: a feed, a sitemap and JSON that parse; a CSV without formulas."""
    found = []
    ElementTree.fromstring((site / "changes.xml").read_bytes())
    sitemap = ElementTree.fromstring((site / "sitemap.xml").read_bytes())
    if not len(sitemap):
        found.append("the sitemap lists no page")
    document = ExportDocument.model_validate_json((site / "data" / "comparison.json").read_bytes())
    json.loads((site / "search" / "search_index.json").read_bytes())
    rows = list(csv.reader(io.StringIO((site / "data" / "comparison.csv").read_text(encoding="utf-8"))))
    formulas = [cell for row in rows[1:] for cell in row if cell.startswith(FORMULA_STARTS)]
    if formulas:
        found.append(f"formula cells in the CSV: {formulas[:3]}")
    if len(rows) - 1 != len(document.comparison.features) * len(document.comparison.subjects):
        found.append("the CSV and the JSON disagree")
    return found


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory) -> Path:
    """The project's templates and content, published at an address so the sitemap lists pages."""
    root = project_copy(tmp_path_factory.mktemp("fuzz") / "project", ("templates", "content"))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    config["site_url"] = "https://compare.example.org/"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


def test_every_mutation_of_the_data_builds_or_is_reported_at_its_place(fuzz_project, tmp_path, capsys):
    site = tmp_path / "site"
    build(root=fuzz_project, data_dir=BASE, site_dir=site)
    before = snapshot(site)
    failures: list[str] = []
    outcomes = {"built": 0, "refused": 0}
    slowest = (0.0, "")
    started = time.perf_counter()
    for number in range(CASES):
        data = tmp_path / f"case-{number}"
        case = fuzz_case(SEED, number, data)
        case_started = time.perf_counter()
        try:
            with time_limit(CASE_TIME_LIMIT, case):
                failures += run_case(case, fuzz_project, data, site, before, outcomes)
                before = snapshot(site)
        except Exception as error:  # noqa: BLE001 - a traceback here is exactly what the fuzz looks for
            failures.append(f"{case}: {type(error).__name__}: {str(error)[:300]}")
        took = time.perf_counter() - case_started
        slowest = max(slowest, (took, str(case)))
        shutil.rmtree(data, ignore_errors=True)
    with capsys.disabled():
        print(
            f"\nfuzz: {CASES} cases, {outcomes['built']} built, {outcomes['refused']} refused, "
            f"{time.perf_counter() - started:.1f} s; slowest {slowest[0]:.2f} s ({slowest[1]})"
        )
    assert outcomes["built"] and outcomes["refused"]
    assert failures == [], "\n".join(failures)


def run_case(case: Case, project: Path, data: Path, site: Path, before: str, outcomes: dict[str, int]) -> list[str]:
    """Check one case and build it; the problems found with the outcome."""
    code = cli_main(["check", "--data", str(data)])
    try:
        build(root=project, data_dir=data, site_dir=site)
    except DataProblems as problems:
        outcomes["refused"] += 1
        found = [] if code == 1 else [f"{case}: `check` passed but the build refused the data"]
        if snapshot(site) != before:
            found.append(f"{case}: a refused build changed site/")
        for problem in map(str, problems.problems):
            if not POSITIONED.match(problem) or "\n" in problem:
                found.append(f"{case}: not a positioned one-line problem: {problem[:200]!r}")
            if len(problem) > LONGEST_PROBLEM:
                found.append(f"{case}: a problem of {len(problem)} characters: {problem[:200]!r}")
        return found
    outcomes["built"] += 1
    found = [] if code == 0 else [f"{case}: the build passed but `check` refused the data"]
    return found + [f"{case}: {message}" for message in check_outputs(site)]
