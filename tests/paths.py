"""The repository's folders, for the generator's own tests: the repository is also the example site."""

from __future__ import annotations

from pathlib import Path

from versus.paths import DEFAULT_CONTENT, DEFAULT_TEMPLATES, PACKAGE_DIR, tool_environment

ROOT = Path(__file__).resolve().parent.parent  # the example site, and the generator's source under scripts/
DATA_DIR = ROOT / "data"
SCHEMA_DIR = DATA_DIR / "schema"
SITE_DIR = ROOT / "site"
BUILD_DIR = ROOT / ".build"
CARD_CACHE_DIR = BUILD_DIR / "cards"
TEMPLATES_DIR = DEFAULT_TEMPLATES  # the generator's templates: what the tests render and read
CONTENT_DIR = DEFAULT_CONTENT
QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1"}

__all__ = [
    "BUILD_DIR",
    "CARD_CACHE_DIR",
    "CONTENT_DIR",
    "DATA_DIR",
    "PACKAGE_DIR",
    "QUIET_MKDOCS",
    "ROOT",
    "SCHEMA_DIR",
    "SITE_DIR",
    "TEMPLATES_DIR",
    "tool_environment",
]
