"""Starting a new comparison: `versus new` writes a site of its own material, pinned to the generator, that builds at once."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import edit, override, run_cli
from tests.paths import ROOT, tool_environment
from versus import DATA_FORMAT, __version__
from versus.data.validate import load_comparison
from versus.new import NewSiteRefused, new_site, parse_subjects, pinned_requirement, subject_id
from versus.upgrade import Migration, upgrade


def test_subject_ids_are_made_from_the_names():
    assert subject_id("Node.js 22") == "node-js-22"
    assert [s.id for s in parse_subjects("PostgreSQL, MySQL , SQLite")] == ["postgresql", "mysql", "sqlite"]


@pytest.mark.parametrize(
    ("title", "subjects", "refusal"),
    [
        ("A vs B", " , ", "one to twelve subjects"),
        ("A vs B", "Alpha, alpha", "two subjects give the id `alpha` \\('Alpha' and 'alpha'\\)"),
        ("A vs B", "Alpha, ???", "gives an empty id"),
        ("  ", "Alpha, Beta", "give the site a title"),
        ("A vs B", ", ".join(f"S{n}" for n in range(13)), "at most 12 subjects"),
    ],
)
def test_bad_arguments_are_refused_before_anything_is_written(tmp_path, title, subjects, refusal):
    target = tmp_path / "site"
    with pytest.raises(NewSiteRefused, match=refusal):
        new_site(target, title, subjects)
    assert not target.exists()


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = run_cli("new", tmp_path, "--title", "A vs B", "--subjects", "Alpha, Beta")
    assert result.code == 2 and "is not an empty folder" in result.stderr and "Traceback" not in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_new_data_is_a_valid_comparison_of_every_kind_with_no_registry(tmp_path):
    new_site(tmp_path / "site", "Tea: green vs black", "Green tea, Black tea, Rooibos", today=date(2026, 12, 1))
    data = tmp_path / "site" / "data"
    comparison = load_comparison(data, today=date(2026, 12, 1))
    assert comparison.site.title == "Tea: green vs black"
    assert [s.name for s in comparison.subjects] == ["Green tea", "Black tea", "Rooibos"]
    assert {f.kind for f in comparison.features} == {"rating", "support", "fact", "number"}
    assert len(comparison.categories) >= 2 and comparison.use_cases and comparison.verdict.points and comparison.decision.profiles
    assert not (data / "ids.lock").exists()
    assert "Example to replace" in (data / "features.yml").read_text(encoding="utf-8")
    readme = (tmp_path / "site" / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Tea: green vs black") and "## Editing the data" in readme


def test_a_single_subject_makes_a_project_that_checks_and_builds(tmp_path):
    """One subject is a comparison too (a product against the criteria): its page per fact, verdict and helper build."""
    project = tmp_path / "review"
    assert run_cli("new", project, "--title", "Alpha reviewed", "--subjects", "Alpha").code == 0
    checked = run_cli("check", cwd=project)
    assert checked.code == 0 and "1 subject," in checked.stdout, checked.output
    built = run_cli("build", cwd=project)
    assert built.code == 0, built.output
    assert (project / "site" / "features").is_dir() and "Alpha" in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_a_new_site_holds_only_its_own_material_and_pins_the_generator(tmp_path):
    project = tmp_path / "tea"
    assert run_cli("new", project, "--title", "Tea vs Coffee", "--subjects", "Tea, Coffee", "--generator", "0.2.0").code == 0
    files = sorted(path.relative_to(project).as_posix() for path in project.rglob("*") if path.is_file())
    assert [name for name in files if name.endswith(".py")] == ["tests/test_site.py"], "no module of the generator is copied"
    for name in ("mkdocs.yml", "Makefile", ".ci/run", ".github/workflows/pages.yml", ".gitignore", "README.md", "generator.lock"):
        assert name in files, name
    assert (project / "content").is_dir() and (project / "templates").is_dir()
    assert "versus[site-tests]==0.2.0" in (project / "requirements.txt").read_text(encoding="utf-8")
    assert os.access(project / ".ci" / "run", os.X_OK)
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme


@pytest.mark.parametrize(
    ("generator", "pinned"),
    [
        (None, f"versus[site-tests]=={__version__}"),
        ("1.4.0", "versus[site-tests]==1.4.0"),
        ("git+https://example.org/versus.git@v1.4.0", "versus[site-tests] @ git+https://example.org/versus.git@v1.4.0"),
        ("versus==1.4.0", "versus==1.4.0"),
    ],
)
def test_the_generator_is_pinned_as_asked(generator, pinned):
    assert pinned_requirement(generator) == pinned


def test_a_path_is_pinned_as_a_file_url_and_a_missing_one_refused(tmp_path):
    wheel = tmp_path / "versus-9.9.9-py3-none-any.whl"
    wheel.write_bytes(b"")
    assert pinned_requirement(str(wheel)) == f"versus[site-tests] @ {wheel.resolve().as_uri()}"
    with pytest.raises(NewSiteRefused, match="neither a version"):
        pinned_requirement(str(tmp_path / "nothing-here"))


def test_a_refused_title_writes_nothing_and_a_retry_works(tmp_path):
    target = tmp_path / "site"
    result = run_cli("new", target, "--title", "Tea\tvs Coffee", "--subjects", "Tea, Coffee")
    assert result.code == 2 and "nothing was written" in result.stderr and "Traceback" not in result.output
    assert not target.exists() and list(tmp_path.iterdir()) == []
    assert run_cli("new", target, "--title", "Tea vs Coffee", "--subjects", "Tea, Coffee").code == 0


def test_a_folder_inside_a_site_is_refused(tmp_path):
    site = tmp_path / "site"
    assert run_cli("new", site, "--title", "Tea vs Coffee", "--subjects", "Tea, Coffee").code == 0
    result = run_cli("new", site / "content" / "inner", "--title", "A vs B", "--subjects", "A, B")
    assert result.code == 2 and "is inside the site" in result.stderr
    assert not (site / "content" / "inner").exists()


def test_a_site_overrides_a_template_and_an_asset_and_doctor_names_them(tmp_path):
    project = tmp_path / "tea"
    assert run_cli("new", project, "--title", "Tea vs Coffee", "--subjects", "Tea, Coffee").code == 0
    edit(override(project, "templates/pages/feature.md.j2"), "## References", "## Works cited")
    stylesheet = override(project, "content/assets/stylesheets/site.css")
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n.site-own-rule { color: teal; }\n", encoding="utf-8")
    built = run_cli("build", cwd=project)
    assert built.code == 0, built.output
    page = next((project / "site" / "features").glob("*/index.html")).read_text(encoding="utf-8")
    assert "Works cited" in page and ">References<" not in page
    assert ".site-own-rule" in (project / "site" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")

    report = run_cli("doctor", cwd=project)
    assert report.code == 1, report.output
    assert "templates/pages/feature.md.j2: not reviewed yet" in report.stdout
    assert "content/assets/stylesheets/site.css: not reviewed yet" in report.stdout
    diff = run_cli("doctor", "--diff", "templates/pages/feature.md.j2", cwd=project)
    assert "-## References" in diff.stdout and "+## Works cited" in diff.stdout
    assert run_cli("doctor", "--accept", cwd=project).code == 0
    assert run_cli("doctor", cwd=project).code == 0
    record = json.loads((project / "generator.lock").read_text(encoding="utf-8"))
    # The package's original changes in a later version: doctor names the override again.
    record["originals"]["templates/pages/feature.md.j2"] = "0" * 64
    (project / "generator.lock").write_text(json.dumps(record), encoding="utf-8")
    again = run_cli("doctor", cwd=project)
    assert again.code == 1 and "templates/pages/feature.md.j2: original changed since review" in again.stdout


def test_upgrade_applies_the_migrations_between_the_recorded_format_and_the_target(tmp_path, capsys):
    project = tmp_path / "tea"
    new_site(project, "Tea vs Coffee", "Tea, Coffee")
    applied: list[int] = []

    def renaming(data: Path) -> list[Path]:
        applied.append(1)
        edit(data / "site.yml", "title: Tea vs Coffee", "title: Tea or Coffee")
        return [data / "site.yml"]

    migrations = [Migration(DATA_FORMAT, "the title asks a question", renaming)]
    assert upgrade(project, project / "data", migrations, target=DATA_FORMAT + 1) == 0
    assert applied == [1] and "title: Tea or Coffee" in (project / "data" / "site.yml").read_text(encoding="utf-8")
    assert json.loads((project / "generator.lock").read_text(encoding="utf-8"))["data_format"] == DATA_FORMAT + 1
    assert upgrade(project, project / "data", migrations, target=DATA_FORMAT + 1) == 0 and applied == [1], "applied once"
    assert upgrade(project, project / "data", migrations, target=DATA_FORMAT) == 2, "a newer site is refused"


def test_the_upgrade_to_format_2_gives_number_criteria_their_unit_and_past_numbers_their_value(tmp_path):
    """Format 1 took a number criterion without `unit` and a past number written as a label; the migration writes both."""
    project = tmp_path / "tea"
    new_site(project, "Tea vs Coffee", "Tea, Coffee")
    features = project / "data" / "features.yml"
    cups = "".join(
        f"      {subject}:\n        value: 2\n        editorial: true\n        explanation: Two.\n        as_of: 2026-11-20\n"
        for subject in ("tea", "coffee")
    )
    features.write_text(
        features.read_text(encoding="utf-8")
        + "  - id: cups\n    name: Cups\n    category: facts-and-figures\n    question: How many cups?\n"
        + "    kind: number  # a count\n    values:\n"
        + cups,
        encoding="utf-8",
    )
    edit(
        features,
        "        value: 15\n",
        "        value: 15\n"
        "        history:\n"
        "          - label: 12 USD  # before the rise\n"
        "            as_of: 2026-01-10\n"
        "            changed_on: 2026-02-01\n"
        "            reason: The price rose.\n"
        "            change_sources: [{url: https://example.org/news, title: News, publisher: Example}]\n"
        "          - {label: 14, as_of: 2026-02-10, changed_on: 2026-03-01, reason: Again.,"
        " change_sources: [{url: https://example.org/news, title: News, publisher: Example}]}\n",
    )
    record = json.loads((project / "generator.lock").read_text(encoding="utf-8"))
    (project / "generator.lock").write_text(json.dumps({**record, "data_format": 1}), encoding="utf-8")
    assert upgrade(project, project / "data", target=2) == 0
    text = features.read_text(encoding="utf-8")
    assert "    kind: number  # a count\n    unit: none\n    values:\n" in text
    assert "          - value: 12  # before the rise\n" in text and "          - {value: 14, as_of: 2026-02-10" in text
    load_comparison(project / "data")


def test_a_wheel_installs_alone_and_its_new_site_passes_its_own_ci_from_a_fresh_clone(tmp_path):
    """The generator as a user gets it: a wheel in an empty venv, `versus new`, then the site's .ci/run in a clone,
    with the generator installed from the pinned wheel; the site, its data edited, still builds after an upgrade."""
    dist = tmp_path / "dist"
    run = functools.partial(subprocess.run, capture_output=True, text=True, timeout=1500, check=False)
    done = run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dist), str(ROOT)])
    assert done.returncode == 0, done.stderr
    wheel = next(dist.glob("versus-*.whl"))
    venv = tmp_path / "venv"
    assert run([sys.executable, "-m", "venv", str(venv)]).returncode == 0
    # The pins this repository tests with, so the install is the one the lock describes.
    done = run([venv / "bin" / "pip", "install", "--quiet", "-c", ROOT / "requirements.lock", "-c", ROOT / "requirements-dev.lock", wheel])
    assert done.returncode == 0, done.stderr
    site = tmp_path / "tea"
    done = run(
        [venv / "bin" / "versus", "new", site, "--title", "Tea vs Coffee", "--subjects", "Green tea, Coffee", "--generator", wheel],
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not any(site.rglob("versus")), "no module of the generator in the site"
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "A new comparison"]):
        assert run([*git, *command], cwd=site).returncode == 0
    clone = tmp_path / "clone"
    assert run(["git", "clone", "-q", site, clone]).returncode == 0
    environment = {**tool_environment(), "CI": "true", "PIP_CONSTRAINT": f"{ROOT / 'requirements.lock'} {ROOT / 'requirements-dev.lock'}"}
    environment.pop("VIRTUAL_ENV", None)
    done = run([clone / ".ci" / "run"], cwd=clone, env=environment)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "passed" in done.stdout and "failed" not in done.stdout

    # An editor's change, then the generator reinstalled from this repository's HEAD: upgrade, then build.
    edit(clone / "data" / "site.yml", "title: Tea vs Coffee", "title: Green tea or coffee")
    done = run([clone / ".venv" / "bin" / "pip", "install", "--quiet", "--no-deps", "--force-reinstall", ROOT], cwd=clone)
    assert done.returncode == 0, done.stderr
    for task in ("upgrade", "build"):
        done = run([clone / ".venv" / "bin" / "versus", task], cwd=clone, env=environment)
        assert done.returncode == 0, f"versus {task}: {done.stdout}{done.stderr}"
    assert "Green tea or coffee" in (clone / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("title", "subjects"),
    [
        ("Tea \u202evs Coffee", "Tea, Coffee"),
        ("Tea vs Coffee", "Tea, Cof\u202efee"),
        ("Tea vs Coffee", "Tea, Cof\tfee"),
        ("Tea $HOME", "Tea, 'Coffee\""),
    ],
)
def test_any_refused_argument_writes_nothing(tmp_path, title, subjects):
    target = tmp_path / "site"
    result = run_cli("new", target, "--title", title, "--subjects", subjects)
    if result.code == 0:  # `$` and quotes are text like any other: written as given
        assert title in (target / "data" / "site.yml").read_text(encoding="utf-8").replace("''", "'")
        return
    assert result.code == 2 and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("inside", ["content/x", "scripts/x", "tests/x", "data"])
def test_a_folder_inside_the_generators_own_site_is_refused(inside):
    from tests.paths import ROOT

    result = run_cli("new", ROOT / inside / "new-site", "--title", "A vs B", "--subjects", "A, B")
    assert result.code == 2 and "is inside the site" in result.stderr
    assert not (ROOT / inside / "new-site").exists()


def test_make_new_passes_dollars_quotes_and_backticks_as_typed(tmp_path):
    target = tmp_path / "cash"
    marker = tmp_path / "ran"
    done = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-s",
            "new",
            f"DIR={target}",
            f'TITLE=Cash $5 vs "Card" `touch {marker}`',
            "SUBJECTS=Cash $5, Card",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not marker.exists(), "nothing in a value runs"
    site = (target / "data" / "site.yml").read_text(encoding="utf-8")
    assert f'Cash $5 vs "Card" `touch {marker}`' in site
    assert "name: Cash $5" in (target / "data" / "subjects.yml").read_text(encoding="utf-8")
