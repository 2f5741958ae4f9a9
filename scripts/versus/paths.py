"""Where things are: the package's own files, and the site a command works on, found from where it is run.

The package ships the default templates, theme overrides, pages, assets and
scales (`defaults/`) and the starter of a new site (`starter/`). A site is a
folder of its own material: `mkdocs.yml`, `data/`, `content/` and
`templates/`, whose files override the package's files of the same name.
Nothing here knows where a site lives: commands find it from the folder
they are run in (or `--project DIR`), never from where this code is.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULTS_DIR = PACKAGE_DIR / "defaults"  # the files a site may override, by the same path in the site
DEFAULT_TEMPLATES = DEFAULTS_DIR / "templates"
DEFAULT_CONTENT = DEFAULTS_DIR / "content"
DEFAULT_SCALES = DEFAULTS_DIR / "scales.yml"
STARTER_DIR = PACKAGE_DIR / "starter"

# A site's own folders and files, relative to its root.
DATA = "data"
CONTENT = "content"
TEMPLATES = "templates"
SITE = "site"
BUILD = ".build"  # staged Markdown, caches and temporary output; git-ignored
CONFIG = "mkdocs.yml"

# Material 9.8 prints a banner about MkDocs 2.0 on every build unless this is set.
QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1"}


def quiet_mkdocs() -> None:
    """Before an engine builds in this process: its banners off, unless the caller's environment says otherwise."""
    for name, value in QUIET_MKDOCS.items():
        os.environ.setdefault(name, value)


class ProjectNotFound(Exception):
    """No site folder (mkdocs.yml beside data/) here or above; the message says where it looked."""


def is_project(folder: Path) -> bool:
    """A site's folder: its settings and its data side by side."""
    return (folder / CONFIG).is_file() and (folder / DATA).is_dir()


def find_project(start: Path | None = None) -> Path:
    """The site folder that holds start (default: the current folder): the nearest with mkdocs.yml and data/."""
    here = (start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    raise ProjectNotFound(
        f"no comparison site in {here} or a folder above it: a site has {CONFIG} and {DATA}/ side by side "
        "(hint: run the command in your site's folder, pass --project DIR, or start one with `versus new DIR`)"
    )


class OutsideTheSite(Exception):
    """A page, template or asset is a symbolic link to a file outside the site's folder; the message says which."""


def inside_the_site(path: Path, folder: Path) -> Path:
    """path, a file found under folder (a site's content/ or templates/, or the package's), once it is known
    to stay inside the site (or the package) that holds folder, symbolic links followed; else OutsideTheSite.

    A link inside the site may stay (a page shown at two addresses); one that leaves it would publish
    a file of the machine that builds, and git keeps links, so a pull request could add one."""
    home = _home_of(folder.absolute())
    real = path.resolve()
    if real.is_relative_to(home.resolve()):
        return path
    shown = path.absolute().relative_to(home) if path.absolute().is_relative_to(home) else path
    raise OutsideTheSite(
        f"{shown}: a link to {real}, outside the site's folder: nothing outside it is published "
        "(hint: copy the file into the site, or remove the link)"
    )


def _home_of(folder: Path) -> Path:
    """The folder a site's (or the package's) files must stay in: the package, or the nearest with mkdocs.yml."""
    if folder.is_relative_to(PACKAGE_DIR):
        return PACKAGE_DIR
    return next((above for above in folder.parents if (above / CONFIG).is_file()), folder.parent)


def template_folders(root: Path) -> list[Path]:
    """Where templates are looked up, first match wins: the site's overrides, then the package's."""
    return [root / TEMPLATES, DEFAULT_TEMPLATES]


def content_folders(root: Path) -> list[Path]:
    """Where pages and assets come from, first match wins: the site's own, then the package's."""
    return [root / CONTENT, DEFAULT_CONTENT]


def layered_files(folders: Sequence[Path], under: str = "", pattern: str = "*") -> dict[str, Path]:
    """Every file matching pattern under the folders, by its path relative to them (`macros/x.j2`):
    the first folder that has a path wins, so a site's file overrides the package's of the same name."""
    found: dict[str, Path] = {}
    for folder in folders:
        base = folder / under if under else folder
        if not base.is_dir():
            continue
        # Linked folders are followed, so that one leading out of the site is refused like a linked file.
        for where, subfolders, files in os.walk(base, followlinks=True):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith(".") and inside_the_site(Path(where, name), folder))
            for file_name in sorted(fnmatch.filter(files, pattern)):
                path = Path(where, file_name)
                name = path.relative_to(folder).as_posix()
                if not file_name.startswith(".") and name not in found and path.is_file():
                    found[name] = inside_the_site(path, folder)
    return found


def card_cache(root: Path) -> Path:
    """Link-preview pictures kept between builds, named by what they show."""
    return root / BUILD / "cards"


def tool_environment() -> dict[str, str]:
    """The environment for a child process that runs the generator's commands."""
    return {**os.environ, **QUIET_MKDOCS}
