"""Shared fixtures: a copy of the small data set to break, and a way to run the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/small: two subjects, two features."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "small", target)
    return target


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*arguments: str | Path, cwd: Path = ROOT) -> Run:
    """Run `python -m scripts.cli ...` as a user would, capturing what it prints."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    completed = subprocess.run(
        [sys.executable, "-m", "scripts.cli", *map(str, arguments)], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a fixture file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
