"""Problems found in the data: values collected in a list, printed together.

Each prints as `path:line:col: message (hint)`, the format editors and
terminals make clickable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from versus.data.limits import MAX_PROBLEMS


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a data file, with where it is and what to do about it."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class DataProblems(Exception):
    """Raised once, at the end of a run, carrying every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the data")
        self.problems = sorted(set(problems))

    def shown(self) -> list[str]:
        """The first MAX_PROBLEMS problems, one line each, then a line that counts the rest: what a terminal or a banner shows."""
        lines = [str(problem) for problem in self.problems[:MAX_PROBLEMS]]
        if len(self.problems) > MAX_PROBLEMS:
            lines.append(f"… and {len(self.problems) - MAX_PROBLEMS:,} more problems, shown once these are fixed")
        return lines

    def report(self) -> str:
        count = len(self.problems)
        return "\n".join([*self.shown(), f"{count:,} problem{'s' if count != 1 else ''} found; nothing was built."])


def shown_path(path: Path | str, base: Path | None = None) -> str:
    """A path as the editor sees it: relative to base (default: the working directory) when it lies inside."""
    try:
        return str(Path(path).resolve().relative_to((base or Path.cwd()).resolve()))
    except ValueError:
        return str(path)
