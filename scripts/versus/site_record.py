"""A site's record of the generator it last ran with: `generator.lock` beside mkdocs.yml, committed.

It holds the generator's version and data format the site was made or
upgraded with, and for each file the site overrides, a digest of the
package's original as the site last reviewed it (`versus doctor --accept`).
It is written to a temporary file and renamed, never in place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from versus.data.files import write_atomically

RECORD_NAME = "generator.lock"


@dataclass
class SiteRecord:
    version: str
    data_format: int
    originals: dict[str, str] = field(default_factory=dict)  # overridden file → sha256 of the package's original, as reviewed

    @classmethod
    def read(cls, root: Path) -> SiteRecord | None:
        """The site's record, None when it has none (a site made before records were kept)."""
        path = root / RECORD_NAME
        if not path.is_file():
            return None
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(str(raw["version"]), int(raw["data_format"]), {str(k): str(v) for k, v in dict(raw.get("originals", {})).items()})
        except (ValueError, KeyError, TypeError, AttributeError):
            raise RecordUnreadable(
                f"{RECORD_NAME}: not a record this generator can read (hint: delete it and run `versus upgrade`)"
            ) from None

    def write(self, root: Path) -> None:
        text = json.dumps(
            {"version": self.version, "data_format": self.data_format, "originals": dict(sorted(self.originals.items()))}, indent=2
        )
        write_atomically(root / RECORD_NAME, text + "\n")


class RecordUnreadable(Exception):
    """generator.lock exists but is not a record; the message says what to do."""
