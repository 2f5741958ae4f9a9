"""Start a new comparison site: its own material only, pinned to this generator, with a minimal valid comparison to replace.

`versus new ../tea-or-coffee --title "Tea vs Coffee" --subjects "Tea, Coffee"`
writes a site folder: `data/` with one criterion of each kind of value, a
use case, a verdict point and a decision profile, each marked as an example
to replace; `mkdocs.yml` with the site's own settings (merged over the
generator's); empty `content/` and `templates/` for the site's own pages and
overrides; its tests, Makefile, CI and publishing workflow; a README; and
`requirements.txt`, which pins this generator. No code of the generator is
copied: the site takes every fix by upgrading the pin. Every argument is
checked, and the data validated, before anything is written.
"""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
import yaml

from versus import DATA_FORMAT, __version__
from versus.data.problems import DataProblems
from versus.data.schema import write_schemas
from versus.data.validate import load_comparison
from versus.paths import PACKAGE_DIR, STARTER_DIR, is_project
from versus.site_record import SiteRecord

PACKAGE = "versus"
STARTER_DATA = STARTER_DIR  # the data files' templates, *.yml.j2
SITE_FILES = STARTER_DIR / "site"  # the site's other files, copied as they are
RENAMED = {"gitignore": ".gitignore"}  # dot files are shipped without their dot, which packaging tools may drop
EMPTY_FOLDERS = {
    "content": "Pages of this site's own: a page here adds to the site, or replaces the generator's page of the same name.\n",
    "templates": "Overrides of the generator's templates, by the same path (e.g. macros/tables.j2, overrides/main.html).\n",
}
# The README sections a new site's README takes from the generator's, so the reference is written once.
README_SECTIONS = (
    "Other commands",
    "Editing the data",
    "Links that last",
    "Dated links",
    "Embedding and following one fact",
    "Choosing with the site",
    "Overrides and upgrades",
    "Publishing settings",
    "Publishing",
)
MOST_SUBJECTS = 12


class NewSiteRefused(Exception):
    """The arguments or the target folder cannot give a working site; the message says why and what to do."""


@dataclass(frozen=True)
class NewSubject:
    id: str
    name: str


def subject_id(name: str) -> str:
    """An id made of the name: lower-case letters and digits joined by hyphens ("Node.js 22" → "node-js-22")."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def parse_subjects(text: str) -> list[NewSubject]:
    """Subjects from "A, B, C"; refused when none, more than twelve, or two give one id."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise NewSiteRefused(f'give one to twelve subjects, separated by commas, e.g. SUBJECTS="Alpha, Beta" (got {text!r})')
    if len(names) > MOST_SUBJECTS:
        raise NewSiteRefused(f"give at most {MOST_SUBJECTS} subjects; a wider table stops being readable (got {len(names)})")
    subjects: list[NewSubject] = []
    for name in names:
        new = NewSubject(subject_id(name), name)
        if not new.id:
            raise NewSiteRefused(f"the subject name {name!r} gives an empty id: use letters or digits in it")
        same = next((known for known in subjects if known.id == new.id), None)
        if same is not None:
            raise NewSiteRefused(f"two subjects give the id `{new.id}` ({same.name!r} and {name!r}): name each subject once, distinctly")
        subjects.append(new)
    return subjects


def new_site(target: Path, title: str, subjects_text: str, *, generator: str | None = None, today: date | None = None) -> list[NewSubject]:
    """Write the new site into target; raise NewSiteRefused, having written nothing, when it cannot work.

    generator is the pip requirement the site pins (a version, a git URL and tag, a path, a wheel);
    by default this generator's exact version."""
    title = title.strip()
    if not title:
        raise NewSiteRefused('give the site a title, e.g. --title "Tea vs Coffee"')
    subjects = parse_subjects(subjects_text)
    target = target.absolute()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NewSiteRefused(f"{target} exists and is not an empty folder: choose a new folder, nothing was written")
    if inside := next((folder for folder in target.parents if is_project(folder)), None):
        raise NewSiteRefused(f"{target} is inside the site {inside}: choose a folder outside it, nothing was written")
    requirement = pinned_requirement(generator)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written beside target and moved in whole once it validates: a refusal leaves no trace.
    work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-"))
    try:
        data_dir = work / "data"
        _write_starter_data(data_dir, title, subjects, today or date.today())
        try:
            comparison = load_comparison(data_dir, today=today)
        except DataProblems as problems:
            raise NewSiteRefused(f"these arguments do not give valid data, nothing was written:\n{problems.report()}") from None
        write_schemas(schema_dir=data_dir / "schema", comparison=comparison)
        _write_site_files(work, title, subjects, requirement)
        if target.exists():
            target.rmdir()  # empty, checked above
        work.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return subjects


def pinned_requirement(generator: str | None) -> str:
    """The line of requirements.txt that pins the generator, with the tools the site's tests need."""
    name = f"{PACKAGE}[site-tests]"
    spec = (generator or __version__).strip()
    if not spec or any(character in spec for character in "\n\r\t"):
        raise NewSiteRefused(f"--generator takes one pip requirement, e.g. {__version__} or a path to a wheel (got {spec!r})")
    if re.fullmatch(r"\d+(\.\d+)*([a-z]+\d*)?", spec):
        return f"{name}=={spec}"
    if spec.startswith((PACKAGE + "=", PACKAGE + "[", PACKAGE + " @", PACKAGE + "@")):
        return spec
    if re.match(r"^[a-z+]+://", spec):
        return f"{name} @ {spec}"
    path = Path(spec).expanduser()
    if not path.exists():
        raise NewSiteRefused(f"--generator {spec!r} is neither a version, a URL nor an existing path, nothing was written")
    return f"{name} @ {path.resolve().as_uri()}"


def _write_site_files(folder: Path, title: str, subjects: list[NewSubject], requirement: str) -> None:
    """Everything of the site but its data: settings, tests, Makefile, CI, workflow, README, the generator's pin and record."""
    for source in sorted(SITE_FILES.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            name = source.relative_to(SITE_FILES).as_posix()
            target = folder / RENAMED.get(name, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for name, what in EMPTY_FOLDERS.items():
        (folder / name).mkdir(exist_ok=True)
        (folder / name / ".gitkeep").write_text(f"# {what}", encoding="utf-8")
    (folder / "requirements.txt").write_text(
        "# The generator this site is built with, pinned, with what its tests need.\n"
        "# To upgrade: change this line, then run `make upgrade` and `make doctor`.\n"
        f"{requirement}\n",
        encoding="utf-8",
    )
    (folder / "README.md").write_text(_readme(title, subjects), encoding="utf-8")
    SiteRecord(__version__, DATA_FORMAT).write(folder)


def _write_starter_data(data_dir: Path, title: str, subjects: list[NewSubject], today: date) -> None:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(STARTER_DATA)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Every value written into YAML goes through this filter: a name with a colon or a quote stays text.
    environment.filters["yaml"] = lambda value: yaml.safe_dump(str(value), allow_unicode=True, width=1000).removesuffix("\n...\n").strip()
    names = [subject.name for subject in subjects]
    context = {
        "title": title,
        "subjects": subjects,
        "today": today.isoformat(),
        "names_and": ", ".join(names[:-1]) + " and " + names[-1],
        "source": "{url: https://example.com/replace-with-a-primary-source, title: Example to replace with a primary source, publisher: Example}",
    }
    data_dir.mkdir(parents=True)
    for template in sorted(STARTER_DATA.glob("*.yml.j2")):
        (data_dir / template.name.removesuffix(".j2")).write_text(
            environment.get_template(template.name).render(**context), encoding="utf-8"
        )


def _readme(title: str, subjects: list[NewSubject]) -> str:
    """The new site's README: its commands, then the generator's reference sections."""
    sections = _sections(generator_readme())
    names = ", ".join(subject.name for subject in subjects)
    head = f"""# {title}

A comparison of {names}, built from the YAML facts in `data/` into a
searchable static site in `site/`.

```sh
make serve   # set up, build and serve at http://127.0.0.1:8000 with live reload
make test    # set up and run the site's own tests
```

They need Python 3.11 and make; the first run creates `.venv` and installs
the generator pinned in `requirements.txt`, and `make test` installs
Debian's Chromium for its browser checks. This folder holds only the site's
own material: `data/`, `mkdocs.yml` (merged over the generator's settings),
`content/` for pages of its own and `templates/` for overrides of the
generator's templates. To take the generator's fixes, change its line in
`requirements.txt`, then run `make upgrade` and `make doctor`.

## Start here

`data/` holds a minimal valid comparison whose every value says
"Example to replace". Fill it in this order, running `make check` as you go
(every mistake is printed as `file:line:col: message (hint)`):

1. `data/site.yml`: the title, a one-sentence description, why the choice matters.
2. `data/subjects.yml`: what each subject is; add licence, links, releases or editions where they apply.
3. `data/features.yml`: the categories and the criteria, each with a cell per subject, a source and a date.
4. `data/use_cases.yml`, then `data/verdict.yml`: when to choose each subject, and the conclusions.
5. `data/pricing.yml`, `data/performance.yml`: notes on cost and speed.
6. `data/decision.yml`: the decision helper's weights and a profile or two.

`make check` and `make build` keep the editors' schemas in `data/schema/`
current with your ids (the tests check them); `make test` takes about half
a minute on 2 cores once set up.

`make build` records the published ids in `data/ids.lock` from the first
build on; `make stale` lists facts due for a check.
"""
    body = "\n".join(sections[name] for name in README_SECTIONS if name in sections)
    return head + "\n" + body


def generator_readme() -> str:
    """The generator's README, shipped as its package's long description; read from the source checkout when the
    package runs from one (an editable install keeps the description of the day it was installed)."""
    source = PACKAGE_DIR.parent.parent
    if (source / "pyproject.toml").is_file() and (source / "README.md").is_file():
        return (source / "README.md").read_text(encoding="utf-8")
    try:
        metadata = importlib.metadata.metadata(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return ""
    return metadata.get_payload() or metadata.get("Description") or ""  # type: ignore[attr-defined]


def _sections(readme: str) -> dict[str, str]:
    """Top-level sections of a README by heading, each with its sub-sections."""
    found: dict[str, str] = {}
    for block in re.split(r"(?m)^(?=## )", readme):
        if block.startswith("## "):
            found[block[3:].split("\n", 1)[0].strip()] = block.rstrip() + "\n"
    return found
