"""A fact keeps its earlier values: on its page, on the What changed page and in the Atom feed."""

from __future__ import annotations

from datetime import date
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest

from tests.conftest import FIXTURES, build_with_settings, edit
from versus.data.lookup import Lookup
from versus.data.problems import DataProblems
from versus.data.validate import load_comparison
from versus.pages.changes import every_change

DATED = FIXTURES / "dated"
ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = date(2026, 11, 26)


def page(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory):
    return build_with_settings(tmp_path_factory.mktemp("dated"), DATED, site_url="https://compare.example.org/docs/")


@pytest.fixture(scope="module")
def feed(dated_site):
    return ElementTree.parse(dated_site / "changes.xml").getroot()


def test_a_fact_page_says_when_it_changed_what_it_was_and_what_it_is_now(dated_site):
    html = page(dated_site, "features/serving")
    assert '<time datetime="2025-08-07">7 August 2025</time>' in html
    assert "was “Built-in server” (Good), now “Third-party servers” (Fair)" in html
    assert "Gamma archived its built-in server." in html
    assert 'Source of the change: <a href="https://example.org/gamma/server-archived">Gamma Server archived</a> (The Gamma Project)' in html


def test_notes_and_verdict_points_show_their_history_with_the_current_summary(dated_site):
    assert "was “Delta hosting costs less”, now “Hosting costs the same for both.”" in page(dated_site, "pricing")
    assert "was “Delta wins”, now “Neither toolkit wins services outright.”" in page(dated_site, "verdict")


def test_the_what_changed_page_lists_every_change_newest_first_linking_to_its_fact(dated_site):
    html = page(dated_site, "changes")
    anchors = ["pricing-hosting-2025-09-15", "serving-gamma-2025-08-07", "verdict-services-2025-08-07"]
    positions = [html.index(f'id="{anchor}"') for anchor in anchors]
    assert positions == sorted(positions)
    assert '<a href="../features/serving/#gamma"><strong>Serving for Gamma</strong></a>' in html
    assert '<a href="../pricing/#hosting">' in html and '<a href="../verdict/#services">' in html
    assert '<a href="../changes.xml" type="application/atom+xml">' in html


def test_every_page_announces_the_feed_in_its_head(dated_site):
    for url in ("", "comparison", "features/serving", "changes"):
        head = page(dated_site, url).split("</head>")[0]
        assert '<link rel="alternate" type="application/atom+xml" title="Gamma vs Delta: what changed"' in head, url


def test_the_feed_is_atom_with_every_required_element(feed):
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{name}") or "").strip(), name
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Gamma vs Delta"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert entry.find(f"{ATOM}content").get("type") == "html"
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)


def test_feed_dates_come_from_the_data_newest_first(feed):
    assert feed.findtext(f"{ATOM}updated") == "2025-09-15T00:00:00Z"
    updated = [entry.findtext(f"{ATOM}updated") for entry in feed.findall(f"{ATOM}entry")]
    assert updated == ["2025-09-15T00:00:00Z", "2025-08-07T00:00:00Z", "2025-08-07T00:00:00Z"]


def test_with_site_url_every_feed_link_is_absolute_and_reaches_the_fact(feed, dated_site):
    base = "https://compare.example.org/docs/"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == base + "changes.xml"
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")]
    assert links == [base + "pricing/#hosting", base + "features/serving/#gamma", base + "verdict/#services"]
    for link in links:
        path, anchor = link.removeprefix(base).split("#")
        assert f'id="{anchor}"' in page(dated_site, path.rstrip("/"))
    serving = feed.findall(f"{ATOM}entry")[1]
    assert serving.findtext(f"{ATOM}id") == base + "changes/#serving-gamma-2025-08-07"
    assert serving.findtext(f"{ATOM}title") == "Serving for Gamma: was “Built-in server” (Good), now “Third-party servers” (Fair)"
    assert "Gamma archived its built-in server." in serving.findtext(f"{ATOM}content")


def test_without_site_url_links_are_relative_to_the_feed_and_ids_stay_absolute(tmp_path):
    site = build_with_settings(tmp_path, DATED)
    feed = ElementTree.parse(site / "changes.xml").getroot()
    feed_url = "https://anywhere.example/some/folder/changes.xml"  # wherever the site is published
    entry = feed.findall(f"{ATOM}entry")[1]
    assert urljoin(feed_url, entry.find(f"{ATOM}link").get("href")) == "https://anywhere.example/some/folder/features/serving/#gamma"
    for element in [feed, *feed.findall(f"{ATOM}entry")]:
        assert element.findtext(f"{ATOM}id").startswith("urn:uuid:")


def test_the_feed_is_byte_for_byte_reproducible(tmp_path, dated_site):
    again = build_with_settings(tmp_path, DATED, site_url="https://compare.example.org/docs/")
    assert (again / "changes.xml").read_bytes() == (dated_site / "changes.xml").read_bytes()


def test_data_text_in_the_feed_is_escaped_once(small_data, tmp_path):
    edit(small_data / "features.yml", "reason: Alpha Edge reached its first stable release.", 'reason: "Alpha <b>Edge</b> & co"')
    site = build_with_settings(tmp_path, small_data)
    content = ElementTree.parse(site / "changes.xml").getroot().find(f"{ATOM}entry/{ATOM}content").text
    assert "&lt;b&gt;Edge&lt;/b&gt; &amp; co" in content  # shown as text by the feed reader, not as bold


def test_a_correction_that_keeps_the_value_says_so(small_data):
    edit(
        small_data / "features.yml",
        "          - label: Limited options\n            rating: limited\n",
        "          - label: Alpha Edge\n            rating: good\n            explanation: The old text named the wrong release.\n",
    )
    comparison = load_comparison(small_data, today=TODAY)
    (change,) = every_change(comparison, Lookup.of(comparison))
    assert change.description() == "“Alpha Edge” kept; the explanation was corrected"


def test_a_change_without_its_source_is_reported_with_its_place(small_data):
    edit(
        small_data / "features.yml",
        "            change_sources: [{url: https://example.org/alpha/edge-1.0, title: Alpha Edge 1.0 release notes, publisher: Alpha Foundation}]\n",
        "",
    )
    with pytest.raises(DataProblems) as raised:
        load_comparison(small_data, today=TODAY)
    (problem,) = raised.value.problems
    assert (problem.path.endswith("features.yml"), problem.line, problem.column) == (True, 15, 13)
    assert "missing required key `change_sources`" in problem.message


def test_history_out_of_order_and_a_note_without_summary_are_reported(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATED, data)
    edit(data / "pricing.yml", "    summary: Hosting costs the same for both.\n", "")
    edit(
        data / "verdict.yml",
        "    history:\n      - label: Delta wins\n",
        "    history:\n      - label: Gamma wins\n        as_of: 2025-09-01\n        changed_on: 2025-09-02\n        reason: Later.\n"
        "        change_sources: [{url: https://example.org/later, title: Later, publisher: Someone}]\n      - label: Delta wins\n",
    )
    with pytest.raises(DataProblems) as raised:
        load_comparison(data, today=TODAY)
    messages = [str(problem).replace(str(data), "data") for problem in raised.value.problems]
    assert any(m.startswith("data/pricing.yml:9:5: a note with `history` needs a `summary`") for m in messages), messages
    assert any(
        m.startswith("data/verdict.yml:16:21: `changed_on` 2025-08-07 is before the previous entry's 2025-09-02") for m in messages
    ), messages


def test_the_site_url_environment_variable_reaches_the_feed_too(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://env.example.org/")
    site = build_with_settings(tmp_path, DATED)
    feed = ElementTree.parse(site / "changes.xml").getroot()
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "https://env.example.org/changes.xml"
    assert '<link rel="canonical" href="https://env.example.org/changes/">' in page(site, "changes")
