"""The project's folders and the environment every command runs in, defined once.

Modules take their defaults from here, so a folder is renamed in one place;
commands that work on another project (tests, `new`) pass their own paths.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SCHEMA_DIR = DATA_DIR / "schema"
CONTENT_DIR = ROOT / "content"
TEMPLATES_DIR = ROOT / "templates"
MKDOCS_CONFIG = ROOT / "mkdocs.yml"
SITE_DIR = ROOT / "site"
BUILD_DIR = ROOT / ".build"  # staged Markdown and temporary output; git-ignored
CARD_CACHE_DIR = BUILD_DIR / "cards"  # link-preview pictures kept between builds, named by what they show

# Material 9.8 prints a banner about MkDocs 2.0 on every build unless this is set.
QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1"}


def tool_environment(root: Path = ROOT) -> dict[str, str]:
    """The environment for a child process that runs this project's commands."""
    return {**os.environ, **QUIET_MKDOCS, "PYTHONPATH": str(root)}
