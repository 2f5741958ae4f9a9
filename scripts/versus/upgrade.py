"""`versus upgrade`: bring a site's data to this generator's format and record the version it now runs.

Each change of the data format comes with a migration here, from one format
to the next; upgrade applies those between the format the site recorded
(generator.lock) and this generator's, each file rewritten by a temporary
file and a rename, then checks the data. A site with no record is taken to
be of the first format.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from versus import DATA_FORMAT, __version__
from versus.site_record import SiteRecord

FIRST_FORMAT = 1


@dataclass(frozen=True)
class Migration:
    """What turns data of format `from_format` into format `from_format + 1`; it returns the files it changed."""

    from_format: int
    what: str
    apply: Callable[[Path], list[Path]]


MIGRATIONS: list[Migration] = []  # in format order; none yet: format 1 is the first


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
