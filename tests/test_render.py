"""Text from the data is text: Markdown where allowed, never raw HTML or template code."""

from __future__ import annotations

from tests.conftest import project_comparison
from versus.data.kinds import number_text
from versus.pages.text import front_matter_value, lower_first, markdown_inline, markdown_to_html, plain_text, proper_words
from versus.pages.urls import Links, page_url


def test_markdown_fields_render_emphasis_and_links():
    html = markdown_to_html("Use **eager** mode, see [the guide](https://example.org/guide).")
    assert "<strong>eager</strong>" in html
    assert '<a href="https://example.org/guide">the guide</a>' in html


def test_raw_html_in_markdown_is_shown_as_text():
    html = markdown_to_html('Hello <script>alert(1)</script> <img src=x onerror="alert(2)">')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_code_spans_keep_their_characters_once():
    html = markdown_to_html("Call `a < b && c` here.")
    assert "<code>a &lt; b &amp;&amp; c</code>" in html


def test_markdown_fragment_has_no_blank_lines():
    assert "\n\n" not in markdown_to_html("One.\n\nTwo.\n\n- a\n- b\n")


def test_inline_markdown_drops_the_paragraph():
    assert markdown_inline("A *b*") == "A <em>b</em>"


def test_plain_text_cannot_become_markdown_or_attributes():
    assert plain_text("a *b* [c](d) {#e}") == r"a \*b\* \[c\]\(d\) \{\#e\}"
    assert plain_text("<b>") == "&lt;b&gt;"


def test_front_matter_values_are_escaped_yaml_strings():
    assert front_matter_value('A "quoted" <b>') == '"A &#34;quoted&#34; &lt;b&gt;"'


def test_page_urls_and_relative_links():
    assert page_url("index.md") == ""
    assert page_url("features/debugging.md") == "features/debugging/"
    assert Links.for_file("index.md").feature_row("debugging") == "comparison/#debugging"
    assert Links.for_file("features/x.md").page_of("feature", "y") == "../../features/y/"
    assert Links.for_file("choose/a.md").home() == "../../"
    assert Links.for_file("index.md").home() == "./"


def test_the_default_scale_gives_each_level_its_symbol_and_points_in_order():
    """Without `scales:` in the data, ratings use the quality scale shipped with the generator, best first."""
    from versus.data.scales import default_scales

    (quality,) = default_scales()
    assert [level.id for level in quality.levels] == ["excellent", "good", "fair", "limited", "poor"]
    assert [quality.points(level) for level in quality.levels] == [100, 75, 50, 25, 0]
    assert all(level.symbol and level.meaning for level in quality.levels)


def test_quotes_become_typographic_but_flags_and_letters_in_brackets_stay_as_typed():
    html = markdown_to_html('It\'s "fast": run with --no-sandbox, see options (a), (b), (c) ...')
    assert "It’s “fast”" in html
    assert "--no-sandbox" in html and "(c) ..." in html


def test_script_links_in_markdown_are_not_made():
    html = markdown_to_html("[click](javascript:alert(1)) and [ok](https://example.org/)")
    assert '<a href="javascript' not in html
    assert '<a href="https://example.org/">ok</a>' in html


def test_a_title_set_mid_sentence_keeps_the_capitals_of_names():
    names = proper_words(["Teams that write Python daily use Google Cloud, and the Beta team too."])
    assert {"Python", "Google", "Cloud", "Beta"} <= names and "Teams" not in names
    assert lower_first("Python-heavy teams", names) == "Python-heavy teams"
    assert lower_first("Google Cloud integration", names) == "Google Cloud integration"
    assert lower_first("Deployment and serving", names) == "deployment and serving"
    assert lower_first("Mobile apps on Android", names) == "mobile apps on Android"
    assert lower_first("GPU support") == "GPU support"


def test_descriptions_keep_the_names_of_the_comparison(built_site):
    """A use case's title that starts with a name the data writes mid-sentence keeps its capital in lists."""
    comparison = project_comparison()
    html = (built_site / "choose" / "index.html").read_text(encoding="utf-8")
    names = proper_words([comparison.site.why_it_matters, *(u.reason for u in comparison.use_cases)])
    for use_case in comparison.use_cases:
        first = use_case.title.split(" ", 1)[0]
        if first.split("-", 1)[0] in names:
            assert use_case.title in html, use_case.title


def test_a_unit_after_the_number_one_is_singular():
    assert number_text(1, "minor releases in 12 months") == "1 minor release in 12 months"
    assert number_text(2, "minor releases in 12 months") == "2 minor releases in 12 months"
    assert number_text(1.0, "stories") == "1 story"
    assert number_text(1, "users per day") == "1 user per day"
    for unit in ("GB", "status", "glass", "km", "Mbps"):
        assert number_text(1, unit) == f"1 {unit}"


def test_a_page_claims_no_search_word_that_a_criterion_s_name_claims():
    from versus.pages.text import unclaimed_words

    words = ["price", "prices", "cost", "free", "licence"]
    assert unclaimed_words(words, ["Price (EUR)", "Warranty"]) == ["cost", "free", "licence"]
    assert unclaimed_words(words, ["Milk frothing"]) == words
