"""Following one fact: an Atom feed per criterion and per subject, with the site feed's entry ids."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest

from tests.conftest import FIXTURES, SiteServer, build_with_settings, edit
from versus.data.freshness import last_checked
from versus.data.lookup import Lookup
from versus.data.validate import load_comparison
from versus.pages.changes import every_change
from versus.pages.page_types import PAGE_FEED, PAGES_BY_KIND, page_file
from versus.pages.urls import CHANGES_FEED, page_url

ATOM = "{http://www.w3.org/2005/Atom}"
PUBLIC = "https://compare.example.org/docs/"


def with_a_winner(target: Path) -> Path:
    """The dated fixture, with its changed verdict point won by its first subject."""
    data = shutil.copytree(FIXTURES / "dated", target / "data")
    subject = load_comparison(data).subjects[0].id
    edit(data / "verdict.yml", "  - id: services\n", f"  - id: services\n    winner: {subject}\n")
    return data


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return with_a_winner(tmp_path_factory.mktemp("winner"))


@pytest.fixture(scope="module")
def site(tmp_path_factory, data) -> Path:
    return build_with_settings(tmp_path_factory.mktemp("feeds"), data, site_url=PUBLIC)


def feed_files(comparison) -> dict[str, str]:
    """Each page's feed file, by the page's file."""
    pages = [page_file("feature", f.id) for f in comparison.features] + [page_file("subject", s.id) for s in comparison.subjects]
    return {page: page_url(page) + PAGE_FEED for page in pages}


def entry_ids(feed: ElementTree.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}id") or "" for entry in feed.findall(f"{ATOM}entry")]


def test_every_criterion_and_subject_has_a_well_formed_atom_feed(site, data):
    comparison = load_comparison(data)
    checked = last_checked(comparison)
    for page, feed_file in feed_files(comparison).items():
        feed = ElementTree.parse(site / feed_file).getroot()
        assert feed.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated"):
            assert (feed.findtext(f"{ATOM}{name}") or "").strip(), (feed_file, name)
        assert feed.find(f"{ATOM}link[@rel='self']").get("href") == PUBLIC + feed_file
        assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == PUBLIC + page_url(page)
        assert feed.findtext(f"{ATOM}author/{ATOM}name") == comparison.site.title
        entries = feed.findall(f"{ATOM}entry")
        for entry in entries:
            for name in ("id", "title", "updated", "content"):
                assert (entry.findtext(f"{ATOM}{name}") or "").strip(), (feed_file, name)
            assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith(PUBLIC)
        if not entries:
            assert feed.findtext(f"{ATOM}updated") == f"{checked.isoformat()}T00:00:00Z", feed_file


def test_each_feed_holds_exactly_the_changes_about_its_criterion_or_subject(site, data):
    comparison = load_comparison(data)
    changes = every_change(comparison, Lookup.of(comparison))
    site_feed = ElementTree.parse(site / CHANGES_FEED).getroot()
    ids = dict(zip([change.anchor for change in changes], entry_ids(site_feed), strict=True))
    for feature in comparison.features:
        feed = ElementTree.parse(site / PAGES_BY_KIND["feature"].feed_url(feature.id)).getroot()
        expected = [ids[c.anchor] for c in changes if c.page.startswith(PAGES_BY_KIND["feature"].url(feature.id) + "#")]
        assert entry_ids(feed) == expected, feature.id
    for subject in comparison.subjects:
        feed = ElementTree.parse(site / PAGES_BY_KIND["subject"].feed_url(subject.id)).getroot()
        cells = [ids[c.anchor] for c in changes if c.page.endswith(f"#{subject.id}") and c.section == "Comparison"]
        won = [ids[c.anchor] for p in comparison.verdict.points if p.winner == subject.id for c in changes if c.page.endswith(f"#{p.id}")]
        assert sorted(entry_ids(feed)) == sorted(cells + won), subject.id


def test_a_change_has_the_same_id_in_the_site_feed_its_criterions_and_its_subjects(site, data):
    comparison = load_comparison(data)
    changes = [c for c in every_change(comparison, Lookup.of(comparison)) if c.section == "Comparison"]
    assert changes, "the dated fixture has a changed cell"
    change = changes[0]
    feature_id, subject_id = change.feature, change.subjects[0]
    site_ids = entry_ids(ElementTree.parse(site / CHANGES_FEED).getroot())
    expected = PUBLIC + f"changes/#{change.anchor}"
    assert expected in site_ids
    for page in (page_file("feature", feature_id), page_file("subject", subject_id)):
        assert expected in entry_ids(ElementTree.parse(site / (page_url(page) + PAGE_FEED)).getroot()), page


def test_a_verdict_point_change_reaches_its_winners_feed_only(site, data):
    comparison = load_comparison(data)
    winner, other = comparison.subjects[0].id, comparison.subjects[1].id
    verdict_id = PUBLIC + "changes/#" + next(c.anchor for c in every_change(comparison, Lookup.of(comparison)) if c.section == "Verdict")
    assert verdict_id in entry_ids(ElementTree.parse(site / PAGES_BY_KIND["subject"].feed_url(winner)).getroot())
    assert verdict_id not in entry_ids(ElementTree.parse(site / PAGES_BY_KIND["subject"].feed_url(other)).getroot())


def test_each_page_announces_its_own_feed_and_the_sites_and_links_to_its_own(site, data):
    comparison = load_comparison(data)
    for page, feed_file in feed_files(comparison).items():
        html = (site / page_url(page) / "index.html").read_text(encoding="utf-8")
        head, body = html.split("</head>", 1)
        own = f'<link rel="alternate feed" type="application/atom+xml" title="{comparison.site.title}: '
        assert own in head and 'href="changes.xml"' in head, page
        assert 'href="../../changes.xml"' in head, "the site feed is announced too"
        follow = body.split('<details class="follow-feed"', 1)[1].split("</details>", 1)[0]
        assert "<summary>Follow changes</summary>" in follow, page
        # The address to give a feed reader, in full, and the feed itself a link further.
        assert f'value="{PUBLIC + feed_file}"' in follow, page
        visible = follow.split('type="application/atom+xml"', 1)[0].rsplit('href="', 1)[1].split('"', 1)[0]
        assert urljoin(PUBLIC + page_url(page), visible) == PUBLIC + feed_file, page


def test_without_site_url_feed_links_are_relative_to_each_feed(tmp_path, data):
    site = build_with_settings(tmp_path, data)
    comparison = load_comparison(data)
    feature = comparison.features[0]
    feed_file = PAGES_BY_KIND["feature"].feed_url(feature.id)
    feed = ElementTree.parse(site / feed_file).getroot()
    where = "https://anywhere.example/folder/"
    assert urljoin(where + feed_file, feed.find(f"{ATOM}link[@rel='self']").get("href")) == where + feed_file
    assert urljoin(where + feed_file, feed.find(f"{ATOM}link[@rel='alternate']").get("href")) == where + PAGES_BY_KIND["feature"].url(
        feature.id
    )
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
        target = urljoin(where + feed_file, entry.find(f"{ATOM}link").get("href"))
        assert target.startswith(where + PAGES_BY_KIND["feature"].url(feature.id) + "#")


def test_two_builds_give_the_same_feeds_and_pictures(tmp_path, site, data):
    again = build_with_settings(tmp_path, data, site_url=PUBLIC)
    built = sorted(path.relative_to(site) for path in site.rglob("*") if path.suffix in (".xml", ".svg"))
    assert built == sorted(path.relative_to(again) for path in again.rglob("*") if path.suffix in (".xml", ".svg"))
    assert len(built) > 3
    for path in built:
        assert (site / path).read_bytes() == (again / path).read_bytes(), path


def test_every_feed_is_plain_atom_and_an_empty_one_says_so(site, data):
    """No feed names an XSLT stylesheet, which browsers are dropping and Chromium warns of; entry titles hold one colon."""
    comparison = load_comparison(data)
    assert not list(site.rglob("*.xsl"))
    feeds = sorted(site.rglob("*.xml"))
    feeds = [feed for feed in feeds if feed.name != "sitemap.xml"]
    assert len(feeds) >= 1 + len(comparison.features) + len(comparison.subjects)
    for feed in feeds:
        text = feed.read_text(encoding="utf-8")
        assert "<?xml-stylesheet" not in text, feed
        root = ElementTree.fromstring(text.encode("utf-8"))
        for entry in root.findall(f"{ATOM}entry"):
            # "Fact for Subject: was “x”", never "Fact: Subject: was …".
            assert entry.findtext(f"{ATOM}title").split("“", 1)[0].count(": ") <= 1, entry.findtext(f"{ATOM}title")
        if not root.findall(f"{ATOM}entry"):
            assert root.findtext(f"{ATOM}subtitle").startswith("No change recorded yet."), feed


@pytest.mark.parametrize(
    ("followed", "feed_file"),
    [("changes.md", CHANGES_FEED), (page_file("feature", "serving"), PAGES_BY_KIND["feature"].feed_url("serving"))],
    ids=["site", "criterion"],
)
def test_following_a_page_shows_the_feed_s_address_then_the_feed_with_no_warning(site, page, followed, feed_file):
    """ "Follow changes" opens in place: what a feed reader is for and the feed's address to copy. The feed
    itself, a click further, is Atom the browser shows as it is, with no stylesheet to warn of."""
    said: list[str] = []
    failed: list[str] = []
    page.on("console", lambda message: said.append(f"{message.type}: {message.text}"))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    with SiteServer(site) as server:
        page.goto(server.url + page_url(followed))
        follow = page.locator("details.follow-feed")
        follow.locator("summary").click()
        assert "feed reader" in follow.inner_text()
        assert page.locator("#feed-address").input_value() == PUBLIC + feed_file
        follow.locator("a[type='application/atom+xml']").click()
        page.wait_for_url(server.url + feed_file)
        title = ElementTree.parse(site / feed_file).getroot().findtext(f"{ATOM}title")
        assert title in page.locator("body").inner_text()
    assert not [text for text in said if "XSLT" in text], said
    # Chromium asks any host for /favicon.ico beside a page that names none, as a bare feed does: nothing else fails.
    assert [url for url in failed if not url.endswith("/favicon.ico")] == []
    assert [text for text in said if not text.startswith("error: Failed to load resource")] == []
