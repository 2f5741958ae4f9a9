"""One command line for every site task: new, check, build, serve, schema, ids, stale, diff, doctor, upgrade, engines, bench.

Usage: versus [--project DIR] COMMAND [options]   (or python -m versus)
The site is the folder the command runs in, or the nearest above it with
mkdocs.yml and data/; --project names another. Every data problem is printed as `path:line:col: message (hint)`; the exit
status is non-zero when anything is wrong, and no traceback is shown for
mistakes in the data or templates.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from datetime import date
from pathlib import Path

from versus import __version__
from versus.data.problems import DataProblems
from versus.pages.template_errors import TemplateProblem, template_problem
from versus.paths import DATA, SITE, OutsideTheSite, ProjectNotFound, card_cache, find_project
from versus.site.engines import UnknownEngine

DATA_VARIABLE = "VERSUS_DATA"  # `make check DATA=path` sets it: a path never passes through the shell's quoting
# Commands whose options, --help included, are their own parser's: `versus bench --sizes 100x10`.
PASSING_ON = ("engines", "bench")


def counted(number: int, thing: str) -> str:
    """ "1 subject", "2 subjects": a count in words a reader does not stumble on."""
    return f"{number} {thing}{'' if number == 1 else 's'}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="versus", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--project", type=Path, default=None, help="the site's folder (default: the current folder or the nearest above it)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new = commands.add_parser("new", help="start a new comparison site in an empty folder")
    new.add_argument("folder", type=Path, nargs="?", default=None, help="the folder to create (must be new or empty)")
    new.add_argument("--title", default="", help='the site\'s title, e.g. "Tea vs Coffee"')
    new.add_argument("--subjects", default="", help='one to twelve names, separated by commas, e.g. "Tea, Coffee"')
    new.add_argument(
        "--generator",
        default=None,
        help="the pip requirement the site pins for this generator: a version, a git URL and tag, a path or a wheel "
        f"(default: versus=={__version__}, the version running this command)",
    )
    check = commands.add_parser("check", help="validate the data only")
    check.add_argument("--editorial", action="store_true", help="also list the judgements that carry no editorial mark")
    commands.add_parser("build", help="build the site into site/")
    serve = commands.add_parser("serve", help="serve with live reload")
    serve.add_argument("--address", type=_address, default="127.0.0.1:8000", help="HOST:PORT to serve at (default: 127.0.0.1:8000)")
    schema = commands.add_parser("schema", help="write the JSON Schemas into the data folder's schema/, with the data's ids")
    schema.add_argument("--check", action="store_true", help="only report whether they are up to date")
    commands.add_parser("ids", help="rewrite the data folder's ids.lock, the registry of published ids")
    doctor = commands.add_parser("doctor", help="list the site's overrides of the generator's files whose original changed")
    doctor.add_argument("--diff", metavar="FILE", default=None, help="show how the generator's FILE now differs from the site's override")
    doctor.add_argument("--accept", action="store_true", help="record the originals as reviewed: doctor stops naming them")
    commands.add_parser("upgrade", help="bring the site's data to this generator's format and record the version")
    commands.add_parser(
        "engines",
        add_help=False,
        help="build with every engine (MkDocs, ProperDocs, Zensical) and check each output (--only ENGINE, --no-browser)",
    )
    commands.add_parser(
        "bench",
        add_help=False,
        help="time builds of synthetic data sets, the check, the page weight and the preview (--help lists its options)",
    )
    stale = commands.add_parser("stale", help="list facts not checked for a number of days, oldest first")
    stale.add_argument("--days", type=_days, default=365, help="how old a check may be, in days (default: 365)")
    stale.add_argument("--strict", action="store_true", help="exit with status 1 when any fact is listed")
    stale.add_argument("--today", type=_day, default=None, help="the day to count from, YYYY-MM-DD (default: today)")
    diff = commands.add_parser("diff", help="what an edit does to the comparison: the data at a git revision against the working tree")
    diff.add_argument("--base", required=True, help="the git revision to compare with: a branch, tag or commit, e.g. main or HEAD~3")
    diff.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="Markdown for a pull request (default), or JSON for scripts"
    )
    for name, command in commands.choices.items():
        if name in ("check", "build", "serve", "schema", "ids", "stale", "upgrade", "diff"):
            command.add_argument(
                "--data", type=Path, default=None, help=f"the data folder (default: ${DATA_VARIABLE}, else data/ in the site)"
            )
    arguments, passed_on = parser.parse_known_args(argv)
    if arguments.command in PASSING_ON:
        arguments.options = passed_on[1:] if passed_on[:1] == ["--"] else passed_on  # a `--` first is still understood
    elif passed_on:
        parser.error(f"unrecognized arguments: {' '.join(passed_on)}")
    try:
        if arguments.command != "new":
            arguments.root = find_project(arguments.project)
            given = getattr(arguments, "data", None) or os.environ.get(DATA_VARIABLE)
            arguments.data = Path(given) if given else arguments.root / DATA
        return COMMANDS[arguments.command](arguments)
    except ProjectNotFound as missing:
        print(missing, file=sys.stderr)
        return 2
    except DataProblems as problems:
        print(problems.report(), file=sys.stderr)
        return 1
    except (TemplateProblem, OutsideTheSite) as problem:
        print(problem, file=sys.stderr)
        return 1
    except UnknownEngine as error:
        print(f"ENGINE: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        # A file the system refuses to read or write (a full disk, a folder without permission):
        # said in one line, as the data's problems are, never as a traceback.
        from versus.data.fields import excerpt

        where = f"{excerpt(os.fsdecode(error.filename), 200)}: " if error.filename else ""
        print(f"{where}{error.strerror or error} (hint: check the folder's permissions and free space)", file=sys.stderr)
        return 1


def run_new(arguments: argparse.Namespace) -> int:
    """Write a new project and say what to do next; a refusal is one clear line, never a traceback."""
    from versus.new import NewSiteRefused, new_site

    if arguments.folder is None or not str(arguments.folder).strip():
        print('say where: versus new ../my-comparison --title "Tea vs Coffee" --subjects "Tea, Coffee"', file=sys.stderr)
        return 2
    try:
        subjects = new_site(arguments.folder, arguments.title, arguments.subjects, generator=arguments.generator)
    except NewSiteRefused as refusal:
        print(f"new: {refusal}", file=sys.stderr)
        return 2
    print(f"wrote a new comparison of {', '.join(s.name for s in subjects)} into {arguments.folder}")
    print(f"next: cd {arguments.folder} && make serve   (then replace every 'Example to replace' in data/)")
    return 0


def run_check(arguments: argparse.Namespace) -> int:
    """Validate the data, with the ids the site's pages hold, then its conclusions, as the build does."""
    from versus.data.schema import refresh_schemas
    from versus.pages.conclusions import checked_comparison, unmarked_judgements

    comparison = checked_comparison(arguments.data, arguments.root)
    own = arguments.data.absolute() == (arguments.root / DATA).absolute()
    if said := refresh_schemas(arguments.data, comparison, create=own):
        print(said)
    if arguments.editorial:
        unmarked = unmarked_judgements(comparison, arguments.data)
        for problem in unmarked:
            print(problem)
        if unmarked:
            print(f"{counted(len(unmarked), 'judgement')} without the editorial mark", file=sys.stderr)
            return 1
    print(
        "data is valid: "
        + ", ".join(
            counted(len(items), name)
            for items, name in (
                (comparison.subjects, "subject"),
                (comparison.features, "feature"),
                (comparison.use_cases, "use case"),
                (comparison.verdict.points, "verdict point"),
            )
        )
    )
    return 0


def run_build(arguments: argparse.Namespace) -> int:
    from versus.pages.card_cache import CardCache
    from versus.site.build import BuildFailed, build

    started = time.perf_counter()
    cards = CardCache(card_cache(arguments.root))
    try:
        with template_problem(arguments.root):
            pages = build(root=arguments.root, data_dir=arguments.data, cards=cards)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        return 1
    print(
        f"built {pages} pages into {SITE}/ in {time.perf_counter() - started:.2f} s "
        f"(link-preview cards: {cards.drawn} drawn, {cards.reused} reused)"
    )
    return 0


def run_serve(arguments: argparse.Namespace) -> int:
    from versus.site.serve import serve

    return serve(arguments.address, root=arguments.root, data_dir=arguments.data)


def run_schema(arguments: argparse.Namespace) -> int:
    """Write the schemas and point each data file at its own: the same step for data made by `make new` or brought in."""
    from versus.data.schema import point_editors_at_schemas, write_schemas
    from versus.data.validate import load_comparison

    data_dir = arguments.data
    try:
        comparison = load_comparison(data_dir, check_registry=False)
    except DataProblems:
        # The schemas matter most while the data is broken: write them from the model alone.
        print("the data has problems (`make check` lists them): the schemas list no ids from it this time", file=sys.stderr)
        comparison = None
    status = write_schemas(check_only=arguments.check, schema_dir=data_dir / "schema", comparison=comparison)
    if lacking := point_editors_at_schemas(data_dir, check_only=arguments.check):
        names = ", ".join(str(path.relative_to(data_dir.parent)) for path in lacking)
        if arguments.check:
            print(f"no schema line at the top of: {names} (run `make schema`)", file=sys.stderr)
            return 1
        print(f"added the schema line at the top of {names}")
    return status


def run_ids(arguments: argparse.Namespace) -> int:
    """Rewrite the registry from the ids written in the data, even while other problems remain."""
    from versus.data.ids import REGISTRY_NAME, raw_ids, write_registry

    data_dir = arguments.data
    changed = write_registry(raw_ids(data_dir), data_dir / REGISTRY_NAME)
    print(f"{'rewrote' if changed else 'up to date:'} {data_dir / REGISTRY_NAME}")
    return 0


def run_stale(arguments: argparse.Namespace) -> int:
    """Print the facts due for a check, one clickable line each; a summary goes to stderr."""
    from versus.data.freshness import stale_facts
    from versus.data.validate import load_comparison

    today = arguments.today or date.today()
    comparison = load_comparison(arguments.data, today=today)
    stale = stale_facts(comparison, today=today, days=arguments.days)
    for fact in stale:
        print(fact.line())
    count = counted(len(stale), "fact") if stale else "no fact"
    print(f"{count} last checked more than {arguments.days} days before {today.isoformat()}", file=sys.stderr)
    return 1 if stale and arguments.strict else 0


def run_diff(arguments: argparse.Namespace) -> int:
    """Print what the working tree's data changes against the data at a git revision: cells, items and conclusions."""
    import tempfile

    from versus.data.ids import raw_ids
    from versus.data.validate import load_comparison
    from versus.pages.publication import Publication, read_config
    from versus.pages.review import ids_only_review, review
    from versus.pages.review_markdown import review_markdown
    from versus.paths import CONFIG
    from versus.revisions import NoDataAtRevision, RevisionUnreadable, data_folder_in_repository, write_data_at

    base = arguments.base.strip()
    if not base:
        print("diff: say which revision to compare with, e.g. `versus diff --base main` (or `make diff BASE=main`)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="versus-base-") as folder:
        base_dir = Path(folder)
        try:
            write_data_at(base, arguments.data, base_dir)
        except RevisionUnreadable as error:
            print(f"diff: {error}", file=sys.stderr)
            return 2
        except NoDataAtRevision as missing:
            base_ids: set[tuple[str, str]] | None = set()
            problem = f"{missing}, so every id is new"
        else:
            base_ids, problem = None, ""  # the base's data is there: compared whole below
        # The working tree is what a pull request proposes: its problems are reported as `check` reports them.
        # Ids retired without an alias are not refused here: the review names them instead.
        head = load_comparison(arguments.data, check_registry=False)
        site_url = Publication.from_config(read_config(arguments.root / CONFIG)).site_url
        if base_ids is None:
            try:
                found = review(load_comparison(base_dir, check_registry=False), head, base_name=base, site_url=site_url)
            except DataProblems as problems:
                _, inside = data_folder_in_repository(arguments.data)
                first = str(problems.problems[0]).replace(str(base_dir.resolve()), str(inside)).replace(str(base_dir), str(inside))
                more = len(problems.problems) - 1
                problem = f"it does not load under this generator's model ({first}" + (
                    f"; and {counted(more, 'more problem')})" if more else ")"
                )
                found = ids_only_review(raw_ids(base_dir), head, base_name=base, problem=problem)
        else:
            found = ids_only_review(base_ids, head, base_name=base, problem=problem)
    print(found.as_json() if arguments.format == "json" else review_markdown(found), end="")
    return 0


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number of days, e.g. 90, got {text!r}")
    return int(text)


def _address(text: str) -> str:
    """HOST:PORT for the preview, checked before anything is built."""
    host, colon, port = text.rpartition(":")
    if not colon or not port.isdigit() or not 0 < int(port) < 65536 or (host and not _HOST.fullmatch(host)):
        raise argparse.ArgumentTypeError(f"expected HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:8000, got {text!r}")
    return text


_HOST = re.compile(r"[A-Za-z0-9.-]+")  # a name or an IPv4 address: the preview listens on IPv4


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def run_doctor(arguments: argparse.Namespace) -> int:
    """Name the site's overrides whose original in the generator changed since the site last reviewed them."""
    from versus.overrides import doctor

    return doctor(arguments.root, diff=arguments.diff, accept=arguments.accept)


def run_upgrade(arguments: argparse.Namespace) -> int:
    """Apply the data migrations between the site's recorded generator version and this one."""
    from versus.upgrade import upgrade

    return upgrade(arguments.root, arguments.data)


def run_engines(arguments: argparse.Namespace) -> int:
    from versus.checks.engines import main as engines

    os.chdir(arguments.root)
    return engines(arguments.options)


def run_bench(arguments: argparse.Namespace) -> int:
    from versus.checks.bench import main as bench

    os.chdir(arguments.root)
    return bench(arguments.options)


COMMANDS = {
    "new": run_new,
    "check": run_check,
    "build": run_build,
    "serve": run_serve,
    "schema": run_schema,
    "ids": run_ids,
    "stale": run_stale,
    "diff": run_diff,
    "doctor": run_doctor,
    "upgrade": run_upgrade,
    "engines": run_engines,
    "bench": run_bench,
}

if __name__ == "__main__":
    sys.exit(main())
