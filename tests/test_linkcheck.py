"""The built site holds together: every link and anchor resolves, and a rebuild gives the same bytes."""

from __future__ import annotations

import gzip
import re
from datetime import UTC, datetime

from tests.conftest import fixture_copy
from tests.test_build import tree_digest
from versus.checks.linkcheck import check_site, external_url_problem
from versus.data.freshness import last_checked
from versus.data.validate import load_comparison
from versus.site.build import build


def test_every_internal_link_anchor_and_search_result_resolves(gate_site):
    assert [str(link) for link in check_site(gate_site)] == []


def test_the_checker_reports_missing_pages_anchors_and_absolute_paths(tmp_path):
    site = tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="guide/#install">ok</a> <a href="guide/#nowhere">bad anchor</a> <a href="missing/">bad page</a>'
        ' <a href="/guide/">absolute</a> <a href="#">top</a> <a href="http://example.org/">plain http</a>'
        ' <img src="logo.png">',
        encoding="utf-8",
    )
    (site / "guide" / "index.html").write_text('<h2 id="install">Install</h2><a href="../">home</a>', encoding="utf-8")
    broken = {(link.page, link.target) for link in check_site(site)}
    assert broken == {
        ("index.html", "guide/#nowhere"),
        ("index.html", "missing/"),
        ("index.html", "/guide/"),
        ("index.html", "http://example.org/"),
        ("index.html", "logo.png"),
    }


def test_external_urls_must_be_well_formed_https():
    assert external_url_problem("https://docs.example.org/guide?x=1#part") is None
    assert external_url_problem("http://docs.example.org/") == "external links must use https"
    assert external_url_problem("https://localhost/") == "the host name is not valid"
    assert external_url_problem("https://exa mple.org/") is not None
    assert external_url_problem("https://example.org:99999/") == "the port is not valid"


def test_two_builds_of_the_same_sources_are_byte_identical(built_site, tmp_path):
    build(site_dir=tmp_path / "site")
    assert tree_digest(tmp_path / "site") == tree_digest(built_site)


def test_the_second_comparison_builds_byte_identically_too(tmp_path):
    sites = []
    for name in ("first", "second"):
        folder = tmp_path / name
        build(data_dir=fixture_copy("commute", folder), site_dir=folder / "site")
        sites.append(tree_digest(folder / "site"))
    assert sites[0] == sites[1]


def test_the_sitemap_is_dated_by_the_data_not_the_clock(small_data, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("SITE_URL", "https://compare.example.org/alpha-beta")
    site = tmp_path / "site"
    build(data_dir=small_data, site_dir=site)
    day = last_checked(load_comparison(small_data))
    assert day.isoformat() != datetime.now(UTC).date().isoformat(), "the fixture's data must predate today"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {day.isoformat()}
    assert "<loc>https://compare.example.org/alpha-beta/features/debugging/</loc>" in sitemap
    compressed = (site / "sitemap.xml.gz").read_bytes()
    header_time = int.from_bytes(compressed[4:8], "little")  # the gzip header's MTIME field
    assert datetime.fromtimestamp(header_time, UTC).date() == day
    assert gzip.decompress(compressed).decode("utf-8") == sitemap
    comparison_page = (site / "comparison" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://compare.example.org/alpha-beta/comparison/">' in comparison_page
