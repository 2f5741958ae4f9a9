"""The engines that can build the staged site, MkDocs 1.6, ProperDocs and Zensical, and how each is run.

Usage: python -m versus.site.engines run ENGINE CONFIG OUTPUT   (what a child build process runs)

Every engine reads the same staged Markdown and the same mkdocs.yml; each
gets the few settings it needs (Zensical: paths relative to the config and
the classic look) and reports its warnings in its own way: MkDocs logs as
`mkdocs`, ProperDocs as `properdocs` (and `mkdocs` for plugins), Zensical
prints a report on stderr. Each runner turns them into `EngineWarning`s,
with the staged page and link when the warning is about a link, so the
build can point at the file and line an editor opens.

MkDocs runs in the build's own process. ProperDocs redirects every
`mkdocs.*` import to itself for the life of a process, and Zensical prints
from native code, so each of them runs in a child process.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from versus.paths import quiet_mkdocs
from versus.site.mkdocs_warnings import LINK_WARNING

DEFAULT_ENGINE = "mkdocs"
ENGINE_VARIABLE = "ENGINE"  # `ENGINE=zensical make build`
THEME_CACHE = "compiled-theme"  # under .build/ (and a preview's folder): the theme's templates as the engine compiled them


@dataclass(frozen=True)
class EngineWarning:
    """One warning of an engine; page and link when it is about a link in a staged page."""

    message: str
    page: str | None = None
    link: str | None = None


class EngineFailed(Exception):
    """The engine reported warnings or stopped with an error."""

    def __init__(self, warnings: list[EngineWarning], error: str = "") -> None:
        super().__init__(error or f"{len(warnings)} warnings")
        self.warnings = warnings
        self.error = error


@dataclass(frozen=True)
class Engine:
    """One static-site engine: its name, how to run it, where its output differs."""

    name: str
    distribution: str  # the package that installs it, for its version
    search_index: str  # the search index's path in a built site
    runner: Callable[[Path, Path, Path | None], list[EngineWarning]] = field(repr=False)
    config_settings: Callable[[dict], None] = field(default=lambda config: None, repr=False)

    def run(self, config_path: Path, output: Path, theme_cache: Path | None = None) -> None:
        """Build the staged config_path into output, strictly: raise EngineFailed on any warning.

        theme_cache keeps the theme's compiled templates between builds, where the engine runs in this process."""
        warnings = self.runner(config_path, output, theme_cache)
        if warnings:
            raise EngineFailed(warnings)

    def version(self) -> str:
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version(self.distribution)
        except PackageNotFoundError:
            return "not installed"


class UnknownEngine(ValueError):
    """ENGINE (or --engine) names no engine this generator knows; the message lists those it does."""


def engine_named(name: str | None = None) -> Engine:
    """The engine called name, or the one ENGINE names, or the default; a clear error for any other name."""
    name = name or os.environ.get(ENGINE_VARIABLE) or DEFAULT_ENGINE
    if name not in ENGINES:
        raise UnknownEngine(f"unknown engine `{name}` (hint: use one of: {', '.join(ENGINES)})")
    return ENGINES[name]


# --- MkDocs and ProperDocs: the same build function, logging under different names --


def link_warning(message: str) -> EngineWarning:
    """A logged warning, with the staged page and link when it is one of the link checks."""
    match = LINK_WARNING.match(message)
    return EngineWarning(message, match["page"], match["link"]) if match else EngineWarning(message)


class _CollectWarnings(logging.Handler):
    """Keeps the warnings logged while the handler is attached, each record once."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if all(record is not seen for seen in self.records):
            self.records.append(record)

    def warnings(self) -> list[EngineWarning]:
        return [link_warning(record.getMessage()) for record in self.records]


def _build_in_process(package: str, config_path: Path, output: Path, theme_cache: Path | None = None) -> list[EngineWarning]:
    """Build with MkDocs or ProperDocs (package), collecting the warnings of both their loggers; with theme_cache,
    the theme's templates compiled by an earlier build are read from there (`quicker_theme`)."""
    quiet_mkdocs()
    if package == "properdocs":
        import properdocs.replacement  # noqa: F401 - plugins' `mkdocs.*` imports reach ProperDocs from here on
    import importlib

    build_module = importlib.import_module(f"{package}.commands.build")
    config_module = importlib.import_module(f"{package}.config")
    exceptions = importlib.import_module(f"{package}.exceptions")
    collector = _CollectWarnings()
    loggers = [logging.getLogger(name) for name in dict.fromkeys((package, "mkdocs"))]
    for logger in loggers:
        logger.addHandler(collector)
    try:
        config = config_module.load_config(config_file=str(config_path), site_dir=str(output), strict=True)
        quicker_theme(config.theme, theme_cache)
        build_module.build(config)
    except (exceptions.Abort, exceptions.ConfigurationError) as error:
        if not collector.records:
            raise EngineFailed([], f"{package}: {error}") from None
    finally:
        for logger in loggers:
            logger.removeHandler(collector)
    return collector.warnings()


class _CompiledByName(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, keyed by the template's name alone (`quicker_theme` says why)."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(name)


class _ListedWithoutHidden(jinja2.FileSystemLoader):
    """The theme's folders, listed without descending into hidden folders.

    The engine lists every file of the theme to publish its static files, then drops
    each one whose path has a part starting with a dot. Material's icons, about 14,000
    files in `.icons/`, are all dropped that way: not walking there lists the same files
    about 30 times sooner (0.06 s of every build). Templates are loaded as before."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            for parent, folders, files in os.walk(folder, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                found.update(os.path.join(parent, name)[len(folder) :].strip(os.sep).replace(os.sep, "/") for name in files)
        return sorted(found)


def quicker_theme(theme: Any, compiled: Path | None = None) -> None:
    """Make the theme's Jinja environments list the theme without its hidden folders and, with `compiled`,
    keep their compiled templates in that folder.

    The engine compiles every template of the theme afresh on each build, about a tenth of
    a small site's build. A compiled template is kept under its name alone: the staged theme's
    folder is new on every build, and a name is one template in a build. Jinja checks it
    against the template's source, so a changed template is compiled again, never read stale,
    and the folder holds one file per name."""
    if compiled:
        compiled.mkdir(parents=True, exist_ok=True)
    make_environment = theme.get_env

    def get_env() -> jinja2.Environment:
        environment = make_environment()
        loader = environment.loader
        if type(loader) is jinja2.FileSystemLoader:  # a theme's own kind of loader is left as it is
            environment.loader = _ListedWithoutHidden(loader.searchpath, loader.encoding, loader.followlinks)
        if compiled:
            environment.bytecode_cache = _CompiledByName(str(compiled))
        return environment

    theme.get_env = get_env  # this configuration's theme only: the engine asks it for each environment it builds


def _run_mkdocs(config_path: Path, output: Path, theme_cache: Path | None = None) -> list[EngineWarning]:
    return _build_in_process("mkdocs", config_path, output, theme_cache)


def _run_properdocs(config_path: Path, output: Path, theme_cache: Path | None = None) -> list[EngineWarning]:
    return _in_child("properdocs", config_path, output)


def _in_child(name: str, config_path: Path, output: Path) -> list[EngineWarning]:
    """Run an engine through this module's `run` command in a fresh Python process."""
    from versus.paths import tool_environment

    completed = subprocess.run(
        [sys.executable, "-m", "versus.site.engines", "run", name, str(config_path), str(output)],
        cwd=config_path.parent,
        env=tool_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise EngineFailed([], f"{name} stopped with no report (exit {completed.returncode}): {completed.stderr.strip()[-2000:]}")
    report = json.loads(lines[-1])
    if report["error"]:
        raise EngineFailed([EngineWarning(**warning) for warning in report["warnings"]], report["error"])
    return [EngineWarning(**warning) for warning in report["warnings"]]


# --- Zensical: a native build that prints its own report ----------------------------

ANSI = re.compile(r"\x1b\[[0-9;]*m")
ZENSICAL_WARNING = re.compile(r"^(?:Warning|Error): (?P<message>.+)$")
ZENSICAL_PLACE = re.compile(r"\[ (?P<file>[^\s\]]+):(?P<line>\d+):(?P<column>\d+) \]")
ZENSICAL_SITE = "site"  # Zensical writes only inside the folder of its config


def _zensical_settings(config: dict) -> None:
    """Paths relative to the config (an absolute docs_dir makes 0.0.73 panic) and Material's classic look."""
    config["docs_dir"] = "docs"
    config["site_dir"] = ZENSICAL_SITE
    theme = config.setdefault("theme", {})
    if isinstance(theme, dict):
        theme.setdefault("variant", "classic")


def _run_zensical(config_path: Path, output: Path, theme_cache: Path | None = None) -> list[EngineWarning]:
    from versus.paths import tool_environment

    built = config_path.parent / ZENSICAL_SITE
    shutil.rmtree(built, ignore_errors=True)
    completed = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "--config-file", config_path.name],
        cwd=config_path.parent,
        env={**tool_environment(), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    warnings = zensical_warnings(completed.stderr + completed.stdout, config_path.parent / "docs")
    if completed.returncode != 0 and not warnings:
        last = ANSI.sub("", completed.stderr).strip().splitlines()[-1:] or [f"exit {completed.returncode}"]
        raise EngineFailed([], f"zensical: {last[0]}")
    if not warnings:
        if output.is_dir() and not any(output.iterdir()):
            output.rmdir()  # the empty folder the build gave: the built site takes its place
        shutil.move(str(built), str(output))
    return warnings


def zensical_warnings(report: str, docs_dir: Path) -> list[EngineWarning]:
    """Zensical's printed warnings, each with the staged page and the link at the line and column it names."""
    warnings: list[EngineWarning] = []
    message = ""
    for line in ANSI.sub("", report).splitlines():
        if match := ZENSICAL_WARNING.match(line.strip()):
            if message:
                warnings.append(EngineWarning(message))
            message = match["message"]
        elif message and (place := ZENSICAL_PLACE.search(line)):
            page = place["file"]
            link = _link_at(docs_dir / page, int(place["line"]), int(place["column"]))
            shown = f"Doc file '{page}' contains a link '{link}', {message}" if link else f"{page}:{place['line']}: {message}"
            warnings.append(EngineWarning(shown, page, link))
            message = ""
    if message:
        warnings.append(EngineWarning(message))
    return warnings


MARKDOWN_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")


def _link_at(path: Path, line: int, column: int) -> str | None:
    """The Markdown link target at a line and column (counted from 1) of a staged file: the one there, else the next."""
    try:
        text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    except (OSError, IndexError):
        return None
    targets = list(MARKDOWN_LINK_TARGET.finditer(text))
    for match in targets:
        if match.start(1) <= column - 1 < match.end(1):
            return match[1]
    later = [match for match in targets if match.start(1) >= column - 1]
    return later[0][1] if later else None


ENGINES: dict[str, Engine] = {
    "mkdocs": Engine("mkdocs", "mkdocs", "search/search_index.json", _run_mkdocs),
    "properdocs": Engine("properdocs", "properdocs", "search/search_index.json", _run_properdocs),
    "zensical": Engine("zensical", "zensical", "search.json", _run_zensical, _zensical_settings),
}


def main(argv: list[str] | None = None) -> int:
    """`run ENGINE CONFIG OUTPUT`: build in this process and print one JSON line, the warnings and any error."""
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 4 or arguments[0] != "run" or arguments[1] not in ("mkdocs", "properdocs"):
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    _, package, config, output = arguments
    error = ""
    warnings: list[EngineWarning] = []
    try:
        warnings = _build_in_process(package, Path(config), Path(output))
    except EngineFailed as failure:
        warnings, error = failure.warnings, failure.error
    print(json.dumps({"warnings": [asdict(warning) for warning in warnings], "error": error}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
