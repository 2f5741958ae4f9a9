"""`versus doctor`: the site's files that override the generator's, and which of those originals changed since review.

A site's `templates/X` overrides the package's `defaults/templates/X`, and
its `content/X` the package's `defaults/content/X`. After an upgrade, an
override may miss a fix made to its original: doctor names each override
whose original differs from the one the site last reviewed (recorded in
generator.lock by `versus doctor --accept`), and `--diff FILE` shows how the
original now differs from the site's copy.
"""

from __future__ import annotations

import difflib
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

from versus import DATA_FORMAT, __version__
from versus.paths import CONTENT, DEFAULTS_DIR, TEMPLATES
from versus.site_record import SiteRecord

OVERRIDABLE = (TEMPLATES, CONTENT)  # the site's folders whose files may override the package's


@dataclass(frozen=True)
class Override:
    name: str  # as in the site, e.g. `templates/macros/tables.j2`
    site_file: Path
    original: Path  # the package's file of the same name

    def original_digest(self) -> str:
        return hashlib.sha256(self.original.read_bytes()).hexdigest()


def overrides(root: Path) -> list[Override]:
    """Every file of the site that has a package original of the same name, in name order."""
    found = []
    for folder in OVERRIDABLE:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            name = path.relative_to(root).as_posix()
            original = DEFAULTS_DIR / name
            if path.is_file() and original.is_file():
                found.append(Override(name, path, original))
    return found


def doctor(root: Path, *, diff: str | None = None, accept: bool = False, out=None) -> int:
    """Report the overrides whose original changed since review (exit 1 when any), show one's diff, or accept them all."""
    out = out or sys.stdout
    found = {override.name: override for override in overrides(root)}
    record = SiteRecord.read(root) or SiteRecord(__version__, DATA_FORMAT)
    if diff is not None:
        name = diff.removeprefix("./")
        if name not in found:
            print(f"doctor: {name} is not an override of this site (hint: `versus doctor` lists them)", file=sys.stderr)
            return 2
        override = found[name]
        lines = difflib.unified_diff(
            override.original.read_text(encoding="utf-8").splitlines(keepends=True),
            override.site_file.read_text(encoding="utf-8").splitlines(keepends=True),
            f"generator {__version__}: {name}",
            f"this site: {name}",
        )
        out.write("".join(lines))
        return 0
    if accept:
        record.originals = {name: override.original_digest() for name, override in found.items()}
        record.write(root)
        print(f"recorded {len(found)} override(s) as reviewed against generator {__version__}", file=out)
        return 0
    if not found:
        print(f"no overrides: every template and page comes from generator {__version__}", file=out)
        return 0
    changed = 0
    for name, override in found.items():
        reviewed = record.originals.get(name)
        if reviewed == override.original_digest():
            state = "original unchanged since review"
        else:
            changed += 1
            state = "original changed since review" if reviewed else "not reviewed yet"
            state += f": read `versus doctor --diff {name}`, update your copy, then `versus doctor --accept`"
        print(f"{name}: {state}", file=out)
    for stale in sorted(set(record.originals) - set(found)):
        print(f"{stale}: recorded as an override, but the site or the generator no longer has it", file=out)
    return 1 if changed else 0
