"""Where the site and its data are published, read from mkdocs.yml.

Two settings reach beyond the site itself: `site_url`, the site's address,
which the Atom feed needs for absolute links, and `repo_url`, the
repository whose data files each fact page links to at the fact's line.
Both are optional; without them the feed's links are relative to the feed
and fact pages name the file and line as text.
"""

from __future__ import annotations

import importlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import yaml

from versus.data.base import Place
from versus.data.fields import excerpt
from versus.data.problems import DataProblems, Problem, shown_path
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
SITE_URL_VARIABLE = "SITE_URL"  # `SITE_URL=https://... make build`: overrides `site_url`
# An absolute http(s) address with a host, of URL characters only: no quote, angle bracket or space, which
# would have to be escaped in every page, feed and sitemap the address goes into (a branch name may hold them).
_SITE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]*)?")


def read_config(config_file: Path) -> dict:
    """The site's mkdocs.yml merged over the generator's defaults, read as MkDocs reads it (`!ENV`, `INHERIT`,
    `!!python/name:`), its `site_url` and SITE_URL checked; a mistake is raised as a positioned DataProblems.

    A mapping merges key by key; any other value of the site's (a list, a string) replaces the default."""
    config = merged(_load(DEFAULT_CONFIG), _load(config_file))
    problems = []
    if config.get("site_url") is not None and not _is_site_url(config["site_url"]):
        line, column = _key_position(config_file, "site_url")
        problems.append(Problem(shown_path(config_file), line, column, _site_url_problem(config["site_url"], "`site_url`"), _SITE_URL_HINT))
    if os.environ.get(SITE_URL_VARIABLE) and not _is_site_url(os.environ[SITE_URL_VARIABLE]):
        problems.append(
            Problem(SITE_URL_VARIABLE, 1, 1, _site_url_problem(os.environ[SITE_URL_VARIABLE], "the environment variable"), _SITE_URL_HINT)
        )
    if problems:
        raise DataProblems(problems)
    return config


_SITE_URL_HINT = "write the address the site is published at, e.g. https://example.org/my-comparison/"


def _is_site_url(value: object) -> bool:
    return isinstance(value, str) and _SITE_URL.fullmatch(value) is not None


def _site_url_problem(value: object, what: str) -> str:
    return f"{what} `{excerpt(value)}` is not an absolute http(s) address of URL characters (no quotes, spaces or angle brackets)"


def _key_position(config_file: Path, key: str) -> tuple[int, int]:
    """Where a top-level key is written in the file: (1, 1) when it comes from elsewhere (INHERIT, the defaults)."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1, 1
    return next(((number, 1) for number, line in enumerate(lines, 1) if line.startswith(f"{key}:")), (1, 1))


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    """`!!python/name:module.attribute`, as Material's emoji setup writes it: the attribute, imported, never called."""
    module, _, attribute = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError, ValueError):
        raise yaml.constructor.ConstructorError(None, None, f"`{suffix}` names nothing that can be imported", node.start_mark) from None


def _config_loader() -> type:
    """MkDocs' own loader of settings (`!ENV`) over the safe loader, with `!!python/name:` and nothing else of Python."""
    from mkdocs.utils.yaml import get_yaml_loader

    loader = get_yaml_loader(loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
    return loader


def _load(config_file: Path, inherited_by: tuple[Path, ...] = ()) -> dict:
    """One settings file as MkDocs reads it, with the file it names as `INHERIT` under it; a positioned problem otherwise."""
    shown = shown_path(config_file)
    try:
        with open(config_file, "rb") as file:
            loaded = yaml.load(file, Loader=_config_loader())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DataProblems(
            [
                Problem(
                    shown,
                    line,
                    column,
                    f"{error.problem or error.context}",
                    "MkDocs' settings take plain values, `!ENV` and `!!python/name:`",
                )
            ]
        ) from None
    except yaml.YAMLError as error:
        raise DataProblems([Problem(shown, 1, 1, f"cannot be read as YAML: {error}", "save it as UTF-8 text")]) from None
    if not isinstance(loaded, dict):
        return {}
    inherit = loaded.pop("INHERIT", None)
    if inherit is None:
        return loaded
    parent = (config_file.parent / str(inherit)).resolve()
    if not parent.is_file() or parent in inherited_by or len(inherited_by) > 8:
        line, column = _key_position(config_file, "INHERIT")
        reason = "is not a file" if not parent.is_file() else "inherits from itself"
        raise DataProblems(
            [Problem(shown, line, column, f"`INHERIT: {excerpt(inherit)}` {reason}", "name a settings file beside this one")]
        )
    return merged(_load(parent, (*inherited_by, config_file.resolve())), loaded)


def merged(default: dict, site: dict) -> dict:
    """site over default: mappings merged recursively, everything else taken from site where it has the key."""
    result = dict(default)
    for key, value in site.items():
        result[key] = merged(result[key], value) if isinstance(value, dict) and isinstance(result.get(key), dict) else value
    return result


def _url_or_none(value: object) -> str | None:
    return str(value) if value else None
