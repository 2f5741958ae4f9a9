"""Start a new comparison site: the generator, its pages and tests, and a minimal valid comparison to replace.

`make new DIR=../db-comparison TITLE="Alpha vs Beta" SUBJECTS="Alpha, Beta"`
writes a whole project into DIR: the same layout and commands as this one,
and data with one criterion of each kind of value, a use case, a verdict
point and a decision profile, each marked as an example to replace. It
refuses a non-empty folder and arguments that would not make a valid site.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
import yaml

from scripts.data.problems import DataProblems
from scripts.data.schema import write_schemas
from scripts.data.validate import load_comparison
from scripts.paths import ROOT, TEMPLATES_DIR

# What a new project shares with this one: the generator, its pages, its tests and its tooling.
GENERATOR_PARTS = (
    "mkdocs.yml",
    "content",
    "templates",
    "scripts",
    "tests",
    "Makefile",
    "pyproject.toml",
    "requirements.lock",
    "package.json",
    "package-lock.json",
    ".npmrc",
    ".gitignore",
    ".ci",
    ".github",
    ".pre-commit-config.yaml",
)
# The README sections a new site's README takes from this one, so the reference is written once.
README_SECTIONS = (
    "Other commands",
    "Editing the data",
    "Links that last",
    "Embedding and following one fact",
    "Choosing with the site",
    "How it is built",
    "Publishing settings",
    "Quality gates",
    "Publishing",
)
STARTER = TEMPLATES_DIR / "starter"
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
        if any(known.id == new.id for known in subjects):
            raise NewSiteRefused(f"two subjects give the id `{new.id}` ({name!r} and another): name each subject once, distinctly")
        subjects.append(new)
    return subjects


def new_site(target: Path, title: str, subjects_text: str, *, today: date | None = None) -> list[NewSubject]:
    """Write the new project into target; raise NewSiteRefused, before writing anything, when it cannot work."""
    title = title.strip()
    if not title:
        raise NewSiteRefused('give the site a title, e.g. TITLE="Alpha vs Beta"')
    subjects = parse_subjects(subjects_text)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NewSiteRefused(f"{target} exists and is not an empty folder: choose a new folder, nothing was written")
    target.mkdir(parents=True, exist_ok=True)
    for part in GENERATOR_PARTS:
        source = ROOT / part
        if source.is_dir():
            # The README's screenshots show this example; a new site takes its own.
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "screenshots"))
        elif source.is_file():
            shutil.copy2(source, target / part)
    data_dir = target / "data"
    _write_starter_data(data_dir, title, subjects, today or date.today())
    try:
        comparison = load_comparison(data_dir, today=today)
    except DataProblems as problems:  # a starter that does not validate is this generator's bug, said plainly
        raise NewSiteRefused(f"the starter data for these arguments is not valid:\n{problems.report()}") from None
    write_schemas(schema_dir=data_dir / "schema", comparison=comparison)
    (target / "README.md").write_text(_readme(title, subjects), encoding="utf-8")
    return subjects


def _write_starter_data(data_dir: Path, title: str, subjects: list[NewSubject], today: date) -> None:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(STARTER)),
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
    for template in sorted(STARTER.glob("*.yml.j2")):
        (data_dir / template.name.removesuffix(".j2")).write_text(
            environment.get_template(template.name).render(**context), encoding="utf-8"
        )


def _readme(title: str, subjects: list[NewSubject]) -> str:
    """The new site's README: its commands, then this README's reference sections."""
    sections = _sections((ROOT / "README.md").read_text(encoding="utf-8"))
    names = ", ".join(subject.name for subject in subjects)
    head = f"""# {title}

A comparison of {names}, built from the YAML facts in `data/` into a
searchable static site in `site/`.

```sh
make serve   # set up, build and serve at http://127.0.0.1:8000 with live reload
make test    # set up and run every test
```

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

`make build` records the published ids in `data/ids.lock` from the first
build on; `make stale` lists facts due for a check.
"""
    body = "\n".join(sections[name] for name in README_SECTIONS if name in sections)
    return head + "\n" + body


def _sections(readme: str) -> dict[str, str]:
    """Top-level sections of a README by heading, each with its sub-sections."""
    found: dict[str, str] = {}
    for block in re.split(r"(?m)^(?=## )", readme):
        if block.startswith("## "):
            found[block[3:].split("\n", 1)[0].strip()] = block.rstrip() + "\n"
    return found
