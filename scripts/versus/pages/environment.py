"""One Jinja environment for every page: the site's templates over the package's, the macros, the filters and globals.

Templates and pages are looked up in the site's folders first, then the
package's; a template or page that links outside its site is refused
(paths.inside_the_site). Data reaches templates as values, HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path

import jinja2

from versus.data.kinds import SUPPORT, UNRECORDED
from versus.data.model import Comparison
from versus.pages.conclusions import point_standings
from versus.pages.decide import category_scores, helper_data, scored_groups, state_query
from versus.pages.embed import embed_code
from versus.pages.finished_html import finished_block
from versus.pages.look import tint_class
from versus.pages.text import (
    a_or_an,
    field_text,
    front_matter_value,
    join_words,
    long_date,
    lower_first,
    markdown_inline,
    markdown_to_html,
    month,
    plain_text,
    unclaimed_words,
)
from versus.paths import inside_the_site, layered_files


def table_layout(subjects: int) -> str:
    """The comparison table's layout for this many subjects (site.css): "few" (up to three) shows every
    column side by side, on a phone too; "some" (four or five) and "many" (six or more) stack the cells
    where they do not fit, so each cell names its subject."""
    return "few" if subjects <= 3 else "some" if subjects <= 5 else "many"


# What templates may call besides the macros: filters for data text, and helpers of the pages.
FILTERS = {
    "markdown": markdown_to_html,
    "markdown_inline": markdown_inline,
    "plain": plain_text,
    "month": month,
    "long_date": long_date,
    "front_matter": front_matter_value,
    "unclaimed_words": unclaimed_words,
    "join_words": join_words,
    "lower_first": lower_first,
    "a_or_an": a_or_an,
    "field_text": field_text,
    "finished": finished_block,
}
GLOBALS = {
    "point_standings": point_standings,
    "support_steps": SUPPORT,
    "unrecorded": UNRECORDED,
    "state_query": state_query,
    "helper_data": helper_data,
    "scored_groups": scored_groups,
    "category_scores": category_scores,
    "embed_code": embed_code,
    "tint_class": tint_class,
    "table_layout": table_layout,
}


def make_environment(
    template_folders: Sequence[Path],
    content_folders: Sequence[Path],
    cache_dir: Path | None = None,
    names: frozenset[str] = frozenset(),
    **build_globals: object,
) -> jinja2.Environment:
    """One Jinja environment for every page: strict, autoescaping, with the macros loaded.

    Templates and pages are looked up in the folders in order, the first that has
    a name wins: a site's own files override the package's of the same name.
    build_globals (values derived once per build) are set before the macros load,
    because a macro module sees the globals of the moment it was imported.
    With a cache_dir, compiled templates are kept there between builds (Jinja
    recompiles any template whose source changed): compiling costs more than
    rendering a small site."""
    environment = jinja2.Environment(
        loader=_SiteLoader([str(folder) for folder in (*template_folders, *content_folders)]),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache_dir)) if cache_dir else None,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(FILTERS)
    # The comparison's own names keep their capital when a title that starts with one is set mid-sentence.
    environment.filters["lower_first"] = partial(lower_first, names=names)
    environment.globals.update(GLOBALS)
    environment.globals.update(build_globals)
    for name in sorted(layered_files(template_folders, "macros", "*.j2")):
        module = environment.get_template(name).module
        for global_name in dir(module):
            if not global_name.startswith("_"):
                environment.globals[global_name] = getattr(module, global_name)
    return environment


def running_text(comparison: Comparison) -> Iterator[str]:
    """The comparison's sentences, where its names show as it writes them, and the subjects' names."""
    yield comparison.site.why_it_matters
    for subject in comparison.subjects:
        yield f"the {subject.name}"  # a name as if mid-sentence: each of its words is one of the names
        yield subject.summary
    for feature in comparison.features:
        yield feature.question
        for cell in feature.values.values():
            yield cell.explanation
            yield cell.note or ""
    for use_case in comparison.use_cases:
        yield use_case.reason
    for point in comparison.verdict.points:
        yield point.text


class _SiteLoader(jinja2.FileSystemLoader):
    """Jinja's loader of files, refusing a template or page that links outside its site (paths.inside_the_site)."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        folder = next(Path(folder) for folder in self.searchpath if Path(filename).is_relative_to(folder))
        inside_the_site(Path(filename), folder)
        return source, filename, uptodate
