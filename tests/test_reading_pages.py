"""The answer first and ways through the site: the home page's verdict and scorecard, the index of criteria and of
subjects, fact pages linked up and across, the page for a missing address, and readers' own words in search."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import first_search_result_href, project_comparison
from versus.checks.static_server import StaticServer
from versus.data.lookup import Lookup
from versus.data.validate import load_comparison

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def comparison_of(site: Path):
    """The comparison a gate site was built from: the project's own, or the commute fixture beside it."""
    return load_comparison(site.parent / "commute") if (site.parent / "commute").is_dir() else project_comparison()


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)))


# --- The home page -------------------------------------------------------------------


def test_the_home_page_opens_with_the_verdict_then_the_scorecard(gate_site):
    comparison = comparison_of(gate_site)
    html = html_of(gate_site, "")
    glance = html[html.index('<ul class="verdict-glance"') :]
    glance = glance[: glance.index("</ul>")]
    for point in comparison.verdict.points:
        winner = comparison.subject(point.winner).name if point.winner else "no single winner"
        assert re.search(rf'href="verdict/#{point.id}">{re.escape(str(point.title))}</a>: <strong>{re.escape(winner)}</strong>', glance)
    article = html[html.index("<article") :]
    if comparison.site.why_it_matters.strip():
        assert article.index("verdict-glance") < article.index('id="why-it-matters"')


def scores_by_hand(comparison) -> dict[str, dict[str, str]]:
    """Each category's mean points per subject to one decimal, rounded half up, from the readings alone."""
    rows = Lookup.of(comparison).rows
    scores: dict[str, dict[str, str]] = {}
    for category, features in comparison.groups():
        name = category.name if category else "All criteria"
        for subject in comparison.subjects:
            points = [rows[f.id].readings[subject.id].points for f in features]
            counted = [p for p in points if p is not None]
            if counted:
                tenths = (sum(counted) * 20 + len(counted)) // (2 * len(counted))
                scores.setdefault(name, {})[subject.name] = f"{tenths // 10}.{tenths % 10}"
    return scores


def test_the_scorecard_says_who_leads_each_category_and_draws_each_score(gate_site):
    comparison = comparison_of(gate_site)
    html = html_of(gate_site, "")
    if len(comparison.subjects) == 1:
        assert '<div class="scorecard"' not in html, "one subject leads nothing: no scorecard"
        return
    card = html[html.index('<div class="scorecard"') :]
    card = card[: card.index("</div>")]
    for name, scores in scores_by_hand(comparison).items():
        block = card[card.index(f">{name}</a>") :]
        block = block[: block.index("</ol>")]
        best = max(scores.values(), key=float)
        leaders = [subject for subject, score in scores.items() if score == best]
        if len(leaders) == 1 and len(scores) > 1:
            assert f"<strong>{leaders[0]} leads</strong>" in block, name
        for subject, score in scores.items():
            # The bar and the number beside it say the same.
            assert re.search(
                rf"{re.escape(subject)}:</span> <svg[^>]*><rect width=\"{score}\"[^>]*/></svg> <span class=\"bars__value\">{score} of 100</span>",
                block,
            )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_verdict_and_who_leads_each_category_are_above_the_fold(browser, gate_url, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(gate_url, wait_until="networkidle")
    bottoms = tab.eval_on_selector_all(
        ".verdict-glance li, .scorecard__categories > li > a", "items => items.map(item => item.getBoundingClientRect().bottom)"
    )
    assert bottoms and max(bottoms) <= PHONE["height"], bottoms
    context.close()


# --- Ways through the site -----------------------------------------------------------


def test_features_lists_every_criterion_by_category_in_reading_order(gate_site):
    comparison = comparison_of(gate_site)
    html = html_of(gate_site, "features")
    found = re.findall(r'<a href="\.\./features/([a-z0-9-]+)/">', html[html.index('<ul class="criteria-list"') :])
    assert found == [feature.id for feature in comparison.ordered_features()]
    for category in comparison.categories:
        assert f'id="{category.id}"' in html


def test_choose_lists_every_subject_with_its_decision_page_and_record(gate_site):
    comparison = comparison_of(gate_site)
    html = html_of(gate_site, "choose")
    for subject in comparison.subjects:
        assert f'id="{subject.id}"' in html
        assert f'href="../choose/{subject.id}/"' in html
        assert f'href="../subjects/#{subject.id}"' in html


def test_every_fact_page_links_up_to_its_category_and_across_to_its_neighbours(gate_site):
    comparison = comparison_of(gate_site)
    ordered = comparison.ordered_features()
    for number, feature in enumerate(ordered):
        html = html_of(gate_site, f"features/{feature.id}")
        crumb = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.DOTALL).group(0)
        category = comparison.category_of(feature)
        assert 'href="../../features/' in crumb
        if category:
            assert f'href="../../features/#{category.id}"' in crumb and f'href="../../categories/{category.id}/"' in crumb
        pager = re.search(r'<nav class="pager".*?</nav>', html, re.DOTALL)
        if len(ordered) == 1:
            assert pager is None
            continue
        previous = ordered[number - 1] if number else None
        following = ordered[number + 1] if number + 1 < len(ordered) else None
        assert ('rel="prev"' in pager.group(0)) == (previous is not None)
        assert ('rel="next"' in pager.group(0)) == (following is not None)
        if previous:
            assert f'href="../../features/{previous.id}/" rel="prev"' in pager.group(0)
        if following:
            assert f'href="../../features/{following.id}/" rel="next"' in pager.group(0)


def test_the_menu_leads_to_the_criteria_and_the_subjects(gate_site):
    html = html_of(gate_site, "comparison")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    assert 'href="../features/"' in nav and 'href="../choose/"' in nav


def test_the_page_for_a_missing_address_offers_search_and_the_main_pages(gate_site):
    html = (gate_site / "404.html").read_text(encoding="utf-8")
    content = html[html.index("<article") : html.index("</article>")]
    assert "data-open-search" in content and "search" in text_of(content).lower()
    for url in ("/comparison/", "/decide/", "/verdict/"):
        assert f'href="{url}"' in content, url


@pytest.fixture(scope="module")
def host_url(gate_site):
    """The gate site served as a static host serves it: 404.html for a missing address."""
    with StaticServer(gate_site) as server:
        yield server.url


def test_the_search_button_of_a_missing_page_searches_its_words(browser, host_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    response = tab.goto(host_url + "features/no-such-criterion/", wait_until="networkidle")
    assert response.status == 404
    tab.click("button[data-open-search]")
    assert tab.is_checked("#__search")
    assert tab.input_value("input.md-search__input") == "no such criterion"
    tab.wait_for_function("document.querySelector('.md-search-result__meta').textContent.trim() !== ''")
    context.close()


# --- Readers' own words ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("price", "pricing/"),
        ("cost", "pricing/"),
        ("free", "pricing/"),
        ("license", "pricing/"),
        ("licence", "pricing/"),
        ("speed", "performance/"),
        ("faster", "performance/"),
        ("benchmark", "performance/"),
    ],
)
def test_readers_words_for_cost_and_speed_find_their_page_first(gate_site, gate_url, page, query, expected):
    # A criterion named by the reader's word (a "Monthly price" row) is as right an answer as the section's page.
    named = [
        f"features/{feature.id}/"
        for feature in comparison_of(gate_site).features
        if any(re.search(rf"\b{query}", words, re.IGNORECASE) for words in (feature.name, *feature.keywords))
    ]
    href = first_search_result_href(page, gate_url, query)
    assert href.split("?")[0].split("#")[0] in [gate_url + url for url in (expected, *named)], href


# --- A criterion's page answers first ------------------------------------------------


def test_a_criterion_page_opens_with_every_subject_s_answer_in_a_table(gate_site):
    comparison = comparison_of(gate_site)
    rows = Lookup.of(comparison).rows
    for feature in comparison.features:
        html = html_of(gate_site, f"features/{feature.id}")
        article = html[html.index("<article") :]
        table = article[article.index('<table class="answers">') :]
        table = table[: table.index("</table>")]
        assert article.index('class="question"') < article.index('<table class="answers">') < article.index("<h2")
        leaders = rows[feature.id].leaders()
        for subject in comparison.subjects:
            line = table[table.index(f'href="#{subject.id}">{subject.name}</a>') :]
            line = line[: line.index("</tr>")]
            reading = rows[feature.id].readings[subject.id]
            assert text_of(reading.text.replace("&", "&amp;")) in text_of(line) or reading.level_label in text_of(line), line
            assert ("best in row" in line.lower()) == (subject.id in leaders), line
            assert ("Joint best in row" in line) == (subject.id in leaders and len(leaders) > 1), line


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_every_subject_s_answer_on_a_criterion_page_is_above_the_fold(browser, gate_site, gate_url, scheme):
    comparison = comparison_of(gate_site)
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, is_mobile=True, has_touch=True)
    tab = context.new_page()
    late = []
    for feature in comparison.features:
        tab.goto(gate_url + f"features/{feature.id}/", wait_until="load")
        bottoms = tab.eval_on_selector_all("table.answers tbody tr", "rows => rows.map(row => row.getBoundingClientRect().bottom)")
        if len(bottoms) != len(comparison.subjects) or max(bottoms) > PHONE["height"]:
            late.append((feature.id, bottoms))
    context.close()
    assert late == []


def test_reader_pages_name_no_maintainer_command_and_one_date_style(gate_site):
    for page in gate_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<code>(make|versus) ", html), page
        # "Oct 2025" beside "October 2025": the page's own dates (its <time> elements) in one style.
        dates = " | ".join(re.findall(r"<time[^>]*>([^<]*)</time>", html))
        assert not re.search(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec) \d{4}\b", dates), (page, dates)


def test_no_two_headings_of_the_home_page_say_the_same(gate_site):
    """Each heading names its own part: "The verdict at a glance" above "The verdict in brief" tells a reader nothing new."""
    headings = [text_of(h).strip().casefold() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html_of(gate_site, ""), re.DOTALL)]
    openings = [" ".join(heading.split()[:2]) for heading in headings]
    assert len(set(openings)) == len(openings), headings
