"""The decision helper's rule in the browser gives the answer Python gives the static pages, over hundreds of weightings.

Python writes each comparison's helper data (what the page embeds for decide.js), the weightings and its
own answers as JSON; `node --test tests/decide.test.js` applies decide.js to the same data and compares."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT
from versus.checks.bench import synthetic_data
from versus.data.lookup import Lookup
from versus.data.model import Comparison
from versus.data.validate import load_comparison
from versus.pages.decide import Decision, decide, helper_data, scored_features
from versus.pages.urls import Links

NODE_TEST = ROOT / "tests" / "decide.test.js"
WEIGHTINGS = 150  # per comparison


def stated(decision: Decision) -> dict:
    """A decision as decide.test.js states the browser's: ids, integers and the score's text."""
    return {
        "leader": decision.leader.id if decision.leader else None,
        "tied": [subject.id for subject in decision.tied],
        "standings": [[row.subject.id, row.points, row.total_weight, row.score_text] for row in decision.standings],
        "strengths": [reason.feature.id for reason in decision.strengths],
        "tradeOffs": [reason.feature.id for reason in decision.trade_offs],
        "changes": [
            [c.feature.id, c.direction, c.importance.id, c.new_leader.id if c.new_leader else None, [s.id for s in c.tied]]
            for c in decision.changes
        ],
    }


def weightings(comparison: Comparison, lookup: Lookup, seed: int) -> list[dict[str, str]]:
    """The profiles, then random weightings: some over every level, some over two levels only, which tie more often."""
    levels = [level.id for level in comparison.decision.importance]
    features = [feature.id for feature in scored_features(comparison, lookup)]
    generator = random.Random(seed)
    chosen = [dict(profile.importance) for profile in comparison.decision.profiles]
    while len(chosen) < WEIGHTINGS:
        few = generator.sample(levels, min(2, len(levels))) if len(chosen) % 2 else levels
        chosen.append({feature: generator.choice(few) for feature in features if generator.random() < 0.9})
    return chosen


def cases_of(name: str, comparison: Comparison, seed: int) -> dict:
    lookup = Lookup.of(comparison)
    return {
        "name": name,
        "data": helper_data(comparison, Links.for_file("decide.md"), lookup),
        "cases": [
            {"chosen": chosen, "expected": stated(decide(comparison, chosen, lookup))} for chosen in weightings(comparison, lookup, seed)
        ],
    }


@pytest.fixture(scope="module")
def comparisons(tmp_path_factory) -> dict[str, Comparison]:
    """The fixtures, the project's data and a synthetic comparison with many criteria and subjects."""
    found = {folder.name: load_comparison(folder) for folder in sorted(FIXTURES.iterdir()) if (folder / "decision.yml").is_file()}
    found["project"] = load_comparison(ROOT / "data")
    found["synthetic"] = load_comparison(synthetic_data(tmp_path_factory.mktemp("synthetic"), 60, 5))
    return found


def test_the_browser_and_python_agree_on_hundreds_of_weightings(comparisons, tmp_path):
    node = shutil.which("node")
    assert node, "Node.js is needed to test decide.js (the Makefile's `make test` installs it)"
    cases = [cases_of(name, comparison, seed) for seed, (name, comparison) in enumerate(comparisons.items())]
    ties = sum(case["expected"]["tied"] != [] for comparison in cases for case in comparison["cases"])
    changes = sum(case["expected"]["changes"] != [] for comparison in cases for case in comparison["cases"])
    assert ties and changes, "the weightings should give ties and changes that would alter the answer"
    (tmp_path / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    done = subprocess.run(
        [node, "--test", str(NODE_TEST)],
        env={"PATH": str(Path(node).parent), "DECIDE_CASES": str(tmp_path / "cases.json")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# pass 1" in done.stdout, done.stdout
