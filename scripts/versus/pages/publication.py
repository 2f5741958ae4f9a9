"""Where the site and its data are published, read from mkdocs.yml.

Two settings reach beyond the site itself: `site_url`, the site's address,
which the Atom feed needs for absolute links, and `repo_url`, the
repository whose data files each fact page links to at the fact's line.
Both are optional; without them the feed's links are relative to the feed
and fact pages name the file and line as text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import yaml

from versus.data.loader import SafeLoader
from versus.data.model import Place
from versus.paths import DEFAULTS_DIR

# Where a file of the repository is shown, relative to repo_url. `HEAD` is the
# default branch on GitHub and GitLab; set `extra.repo_file_uri` otherwise
# (e.g. `src/branch/main/` on Gitea or Forgejo).
DEFAULT_REPO_FILE_URI = "blob/HEAD/"


@dataclass(frozen=True)
class Publication:
    """The published addresses: the site's, and the repository's files."""

    site_url: str | None = None
    repo_url: str | None = None
    repo_file_uri: str = DEFAULT_REPO_FILE_URI
    data_folder: str = "data"  # the data folder's path inside the repository

    @classmethod
    def from_config(cls, config: dict, *, data_folder: str = "data") -> Publication:
        """The settings of mkdocs.yml, as read by read_config (`site_url`, `repo_url`, `extra.repo_file_uri`).

        SITE_URL in the environment overrides `site_url`, as it does for the
        canonical links, so the feed and the pages always agree on the address.
        """
        extra = config.get("extra") or {}
        return cls(
            site_url=_url_or_none(os.environ.get("SITE_URL") or config.get("site_url")),
            repo_url=_url_or_none(config.get("repo_url")),
            repo_file_uri=str(extra.get("repo_file_uri") or DEFAULT_REPO_FILE_URI),
            data_folder=data_folder,
        )

    def data_path(self, place: Place) -> str:
        """The fact's file as a path in the repository, e.g. `data/features.yml`."""
        return f"{self.data_folder}/{place.data_file}" if self.data_folder else place.data_file

    def data_url(self, place: Place) -> str | None:
        """The repository page of the fact's file, scrolled to its line; None without repo_url."""
        if not self.repo_url:
            return None
        base = self.repo_url.rstrip("/") + "/" + self.repo_file_uri.strip("/") + "/"
        return f"{base}{self.data_path(place)}#L{place.line}"

    def absolute(self, url_from_root: str) -> str:
        """An absolute URL for a path relative to the site root; unchanged without site_url."""
        if not self.site_url:
            return url_from_root
        return urljoin(self.site_url.rstrip("/") + "/", url_from_root)


DEFAULT_CONFIG = DEFAULTS_DIR / "mkdocs.yml"


def read_config(config_file: Path) -> dict:
    """The site's mkdocs.yml merged over the generator's defaults, as plain values (libyaml where available: read on every build).

    A mapping merges key by key; any other value of the site's (a list, a string) replaces the default."""
    return merged(_load(DEFAULT_CONFIG), _load(config_file))


def _load(config_file: Path) -> dict:
    loaded = yaml.load(config_file.read_text(encoding="utf-8"), Loader=SafeLoader)
    return loaded if isinstance(loaded, dict) else {}


def merged(default: dict, site: dict) -> dict:
    """site over default: mappings merged recursively, everything else taken from site where it has the key."""
    result = dict(default)
    for key, value in site.items():
        result[key] = merged(result[key], value) if isinstance(value, dict) and isinstance(result.get(key), dict) else value
    return result


def _url_or_none(value: object) -> str | None:
    return str(value) if value else None
