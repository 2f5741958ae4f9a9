"""Facts you can check: numbered citations, reference lists, edit links, subject records, dates."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, build_with_settings
from versus.data.base import References, Source
from versus.data.validate import load_comparison
from versus.pages.publication import Publication

DATED = FIXTURES / "dated"
REPO = "https://git.example.org/team/comparison"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site_with_repository(tmp_path_factory) -> Path:
    return build_with_settings(tmp_path_factory.mktemp("repo"), DATED, repo_url=REPO)


def line_of(path: Path, text: str) -> int:
    """1-based number of the first line of `path` equal to `text` once stripped."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip() == text)


def test_a_shared_source_keeps_one_number_and_its_latest_access_date():
    shared = Source(url="https://example.org/s", title="Shared", publisher="P")
    own = Source(url="https://example.org/o", title="Own", publisher="P")
    references = References.numbering([("a", [shared], date(2026, 1, 1)), ("b", [own, shared], date(2026, 2, 1))])
    assert [(r.number, r.source.title, r.accessed, r.cited_for) for r in references.entries] == [
        (1, "Shared", date(2026, 2, 1), ("a", "b")),
        (2, "Own", date(2026, 2, 1), ("b",)),
    ]
    # A cell citing its sources in any order shows their numbers in order.
    assert [r.number for r in references.of([own, shared])] == [1, 2]


def test_table_citations_use_the_numbers_of_the_fact_page_reference_list(site_with_repository):
    table = page(site_with_repository, "comparison")
    row = table[table.index('<tr id="serving" ') : table.index("</tr>", table.index('<tr id="serving" '))]
    delta_cell = row[row.index('data-subject="delta"') :]
    # Delta cites its own guide (number 3) and then the survey Gamma cited first (number 2): the cell
    # shows them in the order of their numbers, as a reader counts.
    assert re.findall(r'class="citation" href="([^"]+)"[^>]*>\[(\d)\]', delta_cell) == [
        ("https://example.org/shared/servers", "2"),
        ("https://example.org/delta/serve", "3"),
    ]
    fact_page = page(site_with_repository, "features/serving")
    references = fact_page[fact_page.index('id="references"') :]
    assert re.findall(r'<li value="(\d)"><a href="([^"]+)"', references) == [
        ("1", "https://example.org/gamma/serving"),
        ("2", "https://example.org/shared/servers"),
        ("3", "https://example.org/delta/serve"),
    ]
    assert (
        'Model servers compared</a>. Server Survey. Accessed <time datetime="2026-05-30">30 May 2026</time>. Cited for Gamma and Delta.'
        in references
    )


def test_each_citation_has_an_accessible_name_saying_which_source_it_is(site_with_repository):
    html = page(site_with_repository, "comparison")
    assert 'aria-label="Source 3: Delta Serve guide, Delta Inc."' in html
    for link in re.findall(r'<a class="citation"[^>]*>', html):
        assert re.search(r'aria-label="Source \d+: [^"]+"', link), link


def test_the_edit_link_points_at_the_file_and_line_of_the_fact(site_with_repository):
    features = DATED / "features.yml"
    serving = page(site_with_repository, "features/serving")
    gamma_line = line_of(features, "gamma:")
    assert f'<a href="{REPO}/blob/HEAD/data/features.yml#L{gamma_line}">Edit this fact: data/features.yml, line {gamma_line}</a>' in serving
    delta_line = line_of(features, "delta:")
    assert f"{REPO}/blob/HEAD/data/features.yml#L{delta_line}" in serving
    verdict_line = line_of(DATED / "verdict.yml", "- id: services")
    assert f"{REPO}/blob/HEAD/data/verdict.yml#L{verdict_line}" in page(site_with_repository, "verdict")
    hosting_line = line_of(DATED / "pricing.yml", "- id: hosting")
    assert f"{REPO}/blob/HEAD/data/pricing.yml#L{hosting_line}" in page(site_with_repository, "pricing")


def test_the_repository_link_in_the_header_asks_no_other_host_for_statistics(site_with_repository):
    html = page(site_with_repository, "")
    assert f'href="{REPO}"' in html
    assert 'data-md-component="source"' not in html


def test_without_a_repository_the_fact_still_names_its_file_and_line(tmp_path):
    site = build_with_settings(tmp_path, DATED)
    gamma_line = line_of(DATED / "features.yml", "gamma:")
    html = page(site, "features/serving")
    assert f"Source data: data/features.yml, line {gamma_line}" in html
    assert "Edit this fact" not in html


def test_the_repository_file_path_can_be_configured():
    place = load_comparison(DATED, today=date(2026, 6, 1)).features[0].values["gamma"].place
    gitea = Publication(repo_url="https://gitea.example.org/team/repo/", repo_file_uri="src/branch/main/")
    assert gitea.data_url(place) == f"https://gitea.example.org/team/repo/src/branch/main/data/features.yml#L{place.line}"


def test_editorial_judgements_are_visibly_marked(site_with_repository):
    row = page(site_with_repository, "comparison").split('<tr id="notebooks" ')[1].split("</tr>")[0]
    delta_cell = row[row.index('data-subject="delta"') :]
    assert '<span class="editorial">Editorial judgement</span>' in delta_cell
    assert '<span class="editorial">Editorial judgement</span>' not in row[: row.index('data-subject="delta"')]


def test_the_subjects_page_has_a_record_per_subject(site_with_repository):
    html = page(site_with_repository, "subjects")
    for subject_id, expected in {
        "gamma": [
            "MIT",
            "The Gamma Project, a volunteer team",
            '>0.1</a>, <time datetime="2018-03-01">',
            '>4.2</a>, <time datetime="2026-05-20">20 May 2026</time>',
        ],
        "delta": [
            "Apache-2.0",
            "Delta Inc.",
            '>9.0</a>, <time datetime="2025-02-10">10 February 2025</time>',
            "https://example.org/delta/docs",
        ],
    }.items():
        record = html[html.index(f'id="{subject_id}"') :]
        for text in expected:
            assert text in record, (subject_id, text)


def test_the_data_last_checked_date_comes_from_the_data_not_the_clock(site_with_repository):
    for url in ("", "comparison", "subjects"):
        assert 'Data last checked <time datetime="2026-06-01">1 June 2026</time>' in page(site_with_repository, url), url
