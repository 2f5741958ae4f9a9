"""`versus upgrade`: bring a site's data to this generator's format and record the version it now runs.

Each change of the data format comes with a migration here, from one format
to the next; upgrade applies those between the format the site recorded
(generator.lock) and this generator's, each file rewritten by a temporary
file and a rename, then checks the data. A site with no record is taken to
be of the first format.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from versus import DATA_FORMAT, __version__
from versus.data.files import write_atomically
from versus.site_record import SiteRecord

FIRST_FORMAT = 1


@dataclass(frozen=True)
class Migration:
    """What turns data of format `from_format` into format `from_format + 1`; it returns the files it changed."""

    from_format: int
    what: str
    apply: Callable[[Path], list[Path]]


def _numbers_say_their_unit(data_dir: Path) -> list[Path]:
    """Format 1 → 2: a number criterion declares its unit, and its past values their number.

    A criterion without `unit:` gets `unit: none` (format 1 showed it as a bare figure); a
    past value written as a label that is only its number, with or without the unit
    (`label: 16 GB`), becomes `value: 16`. Other past values are left for the check to name.
    Lines are edited in place, so comments and layout stay as the team wrote them."""
    from versus.data.loader import load_file

    path = data_dir / "features.yml"
    if not path.is_file():
        return []
    loaded = load_file(path, path.name)
    features = loaded.value.get("features") if isinstance(loaded.value, dict) else None
    if loaded.problems or not isinstance(features, list):
        return []
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    inserts: list[tuple[int, str]] = []  # (0-based line to insert before, text)
    for index, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("kind") != "number":
            continue
        here = ("features", index)
        if "unit" not in feature and (*here, "kind") in loaded.key_positions:
            line, column = loaded.key_positions[(*here, "kind")]
            if lines[line - 1][column - 1 :].startswith("kind:") and not lines[line - 1][: column - 1].strip(" -"):
                inserts.append((line, " " * (column - 1) + "unit: none\n"))
        unit = str(feature.get("unit") or "")
        for subject, cell in (feature.get("values") or {}).items():
            for n, past in enumerate((cell.get("history") or []) if isinstance(cell, dict) else []):
                where = (*here, "values", subject, "history", n, "label")
                if not isinstance(past, dict) or "value" in past or where not in loaded.key_positions:
                    continue
                number = re.fullmatch(r"\s*([-+]?\d[\d,_]*(?:\.\d+)?)\s*(?:" + re.escape(unit) + r")?\s*", str(past.get("label", "")))
                if number is None:
                    continue
                line, column = loaded.key_positions[where]
                text = lines[line - 1]
                written = re.compile(r"label:[ \t]*(\"[^\"]*\"|'[^']*'|[^,}#\n]*[^,}#\s])").match(text, column - 1)
                if written:
                    value = number.group(1).replace(",", "").replace("_", "")
                    lines[line - 1] = text[: written.start()] + f"value: {value}" + text[written.end() :]
    for line, text in sorted(inserts, reverse=True):
        lines.insert(line, text)
    new = "".join(lines)
    if new == path.read_text(encoding="utf-8"):
        return []
    write_atomically(path, new)
    return [path]


MIGRATIONS: list[Migration] = [  # in format order
    Migration(1, "number criteria say their unit (`unit: none` for a count) and their past numbers as `value`", _numbers_say_their_unit),
]


def upgrade(root: Path, data_dir: Path, migrations: list[Migration] | None = None, target: int = DATA_FORMAT) -> int:
    """Apply the migrations from the site's format to target, check the data and record the version; an exit status."""
    from versus.data.validate import load_comparison

    record = SiteRecord.read(root)
    current = record.data_format if record else FIRST_FORMAT
    if current > target:
        print(
            f"upgrade: the site's data is of format {current}, newer than this generator's ({target}): "
            f"install the generator its generator.lock names ({record.version if record else '?'}) or a later one",
            file=sys.stderr,
        )
        return 2
    for migration in sorted(migrations if migrations is not None else MIGRATIONS, key=lambda m: m.from_format):
        if current <= migration.from_format < target:
            changed = migration.apply(data_dir)
            names = ", ".join(str(path.relative_to(root)) if path.is_relative_to(root) else str(path) for path in changed) or "no file"
            print(f"format {migration.from_format} → {migration.from_format + 1}: {migration.what} ({names})")
            current = migration.from_format + 1
    load_comparison(data_dir)  # problems are printed by the command line, at their places
    record = record or SiteRecord(__version__, current)
    record.version, record.data_format = __version__, current
    record.write(root)
    print(f"the site runs generator {__version__}, data format {current}")
    return 0
