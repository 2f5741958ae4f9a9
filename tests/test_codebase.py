"""The codebase keeps its shape: stages import only earlier stages, and the README's map is current."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.paths import PACKAGE_DIR, ROOT
from versus.checks.module_map import main as module_map

# Each stage may import itself and the stages before it; `versus.paths` is shared by all.
STAGES = ("data", "pages", "site", "checks")


def _imported_stages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = (
            [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else []
        )
        for name in names:
            parts = name.split(".")
            if parts[0] == "versus" and len(parts) > 1 and parts[1] in STAGES:
                found.add(parts[1])
    return found


def test_no_stage_imports_a_later_one():
    offenders = []
    for rank, stage in enumerate(STAGES):
        for path in (PACKAGE_DIR / stage).rglob("*.py"):
            later = {s for s in _imported_stages(path) if STAGES.index(s) > rank}
            if later:
                offenders.append(f"{path.relative_to(ROOT)} imports {sorted(later)}")
    assert offenders == []


def test_every_module_says_its_job_and_the_readme_map_is_current(capsys):
    for path in PACKAGE_DIR.rglob("*.py"):
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), f"{path.relative_to(ROOT)} has no docstring"
    assert module_map(["--check"]) == 0, capsys.readouterr().err
