"""Hostile text and links that the data rules accept still do nothing: no executable markup, no link
but https, no image from another host, no formula in the CSV, a feed and JSON that parse.

Every plain-text field of the small data set is prefixed with markup, template and formula
syntax, every Markdown field is replaced by Markdown that tries the same, and the links
carry quotes and query strings; then the built site is read as a browser and a
spreadsheet would read it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from tests.conftest import FIXTURES, SiteServer, edit
from versus.checks.site_pages import page_types
from versus.data.problems import DataProblems
from versus.data.validate import load_comparison
from versus.pages.export import FORMULA_STARTS, ExportDocument
from versus.site.build import build

TEXT_PAYLOAD = '=HYPERLINK("https://evil.example/?x") <script>alert(1)</script><img src=https://evil.example/t.png onerror=alert(1)> {{ 7*7 }} {% raw %} [x](javascript:alert(1)) ]]> '
MARKDOWN_PAYLOAD = (
    '+cmd|\' /C calc\'!A0 <script>alert(1)</script> <img src="https://evil.example/m.png" onerror="alert(1)">'
    ' <iframe src="https://evil.example/"></iframe> [ok](https://example.org/"onmouseover="alert(1))'
    " <https://example.org/'onclick='alert(1)> **bold** {{ 7*7 }} javascript:alert(1) ]]>\n\n"
    "> quoted [ref][r] and <mailto:team@example.org>\n\n"
    "[r]: https://example.org/ref?a=1&b=2"
)
URL_SUFFIX = "?q='onmouseover='alert(1)&x=1#x"
TEXT_KEYS = ("name", "title", "label", "question", "publisher", "licence", "governance", "description", "version")
MARKDOWN_KEYS = ("explanation", "reason", "text")
URL_KEYS = ("url", "homepage", "repository", "documentation", "licence_url")


def hostile(data: Path) -> None:
    """Rewrite every text, Markdown and link field of the data set in place."""
    for path in data.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(rf"\b({'|'.join(URL_KEYS)}): (https://[^,}}\s]+)", lambda m: f"{m[1]}: {json.dumps(m[2] + URL_SUFFIX)}", text)
        # Inside flow mappings ({url: …, title: …, publisher: …}), then on lines of their own.
        text = re.sub(
            r"([{,]\s*)(title|publisher|version): ([^,}\n]+)",
            lambda m: f"{m[1]}{m[2]}: {json.dumps(TEXT_PAYLOAD + m[3].strip(chr(34)))}",
            text,
        )
        text = re.sub(
            rf"^(\s*(?:- )?)({'|'.join(TEXT_KEYS)}): (.+)$",
            lambda m: f"{m[1]}{m[2]}: {json.dumps(TEXT_PAYLOAD + m[3].strip(chr(34)))}",
            text,
            flags=re.MULTILINE,
        )
        # `summary` is plain text inside an item, Markdown at the top of pricing.yml and performance.yml.
        text = re.sub(
            r"^(\s+(?:- )?)(summary): (.+)$", lambda m: f"{m[1]}{m[2]}: {json.dumps(TEXT_PAYLOAD + m[3])}", text, flags=re.MULTILINE
        )
        text = re.sub(
            rf"^(\s*(?:- )?)({'|'.join(MARKDOWN_KEYS)}|summary): (.+)$",
            lambda m: m[0] if m[3].startswith(chr(34)) else f"{m[1]}{m[2]}: {json.dumps(MARKDOWN_PAYLOAD)}",
            text,
            flags=re.MULTILINE,
        )
        text = text.replace("why_it_matters: |", "why_it_matters: " + json.dumps(MARKDOWN_PAYLOAD) + "\nunused: |")
        text = re.sub(r"^unused: \|\n(  .*\n|\n)*", "", text, flags=re.MULTILINE)
        text = text.replace("    keywords: [on-device]\n", "    keywords: " + json.dumps([TEXT_PAYLOAD]) + "\n")
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    data = folder / "data"
    shutil.copytree(FIXTURES / "small", data)
    hostile(data)
    site = folder / "site"
    build(data_dir=data, site_dir=site)
    return site


def test_the_hostile_data_set_is_valid_and_hostile_everywhere(hostile_site):
    comparison = load_comparison(hostile_site.parent / "data")
    assert comparison.site.title.startswith(TEXT_PAYLOAD)
    assert comparison.subjects[0].homepage.endswith(URL_SUFFIX)
    assert comparison.features[0].values["alpha"].explanation == MARKDOWN_PAYLOAD
    assert comparison.features[0].values["alpha"].sources[0].publisher.startswith(TEXT_PAYLOAD)
    assert comparison.features[0].keywords == [TEXT_PAYLOAD.strip()]


class ActiveContent(HTMLParser):
    """Collects what a browser would run, load or follow, of everything the hostile data could have put there."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        if tag in ("iframe", "object", "embed", "frame"):
            self.found.append(f"<{tag}>")
        for name, written in attrs:
            value = (written or "").strip()
            if name.startswith("on") and "alert" in value:
                self.found.append(f"{tag} {name}={value!r}")
            if name in ("href", "src", "action", "formaction", "srcset", "poster") and re.match(
                r"(?i)\s*(javascript|vbscript|data):", value
            ):
                self.found.append(f"{tag} {name}={value!r}")
            if tag == "img" and name == "src" and (urlsplit(value).scheme or value.startswith("//")):
                self.found.append(f"an image from another host: {value!r}")
            if tag == "a" and name == "href" and urlsplit(value).scheme not in ("", "https", "mailto"):
                self.found.append(f"a link that is not https: {value!r}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and ("alert" in data or "evil.example" in data):
            self.found.append(f"script text from the data: {data[:80]!r}")


def test_no_page_holds_executable_markup_a_link_elsewhere_or_an_image_from_another_host(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 15
    found = {}
    shown = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        reader = ActiveContent()
        reader.feed(html)
        if reader.found:
            found[str(page.relative_to(hostile_site))] = reader.found
        shown += html.count("&lt;script&gt;alert(1)&lt;/script&gt;")
    assert found == {}
    assert shown > 20, "the payload should be shown, as text, on the pages"


def test_template_syntax_in_the_data_is_shown_not_run(hostile_site):
    home = (hostile_site / "index.html").read_text(encoding="utf-8")
    feature = (hostile_site / "features" / "mobile-deployment" / "index.html").read_text(encoding="utf-8")
    for html in (home, feature):
        assert "{{ 7*7 }}" in html and "{% raw %}" in html


def test_the_csv_has_no_formula_and_the_feed_and_json_parse(hostile_site):
    rows = list(csv.reader(io.StringIO((hostile_site / "data" / "comparison.csv").read_text(encoding="utf-8"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells) and any(cell.startswith("'+cmd|") for cell in cells)
    feed = ElementTree.fromstring((hostile_site / "changes.xml").read_bytes())
    assert feed.find("{http://www.w3.org/2005/Atom}title").text.startswith(TEXT_PAYLOAD)
    document = ExportDocument.model_validate_json((hostile_site / "data" / "comparison.json").read_bytes())
    assert document.comparison.site.title.startswith(TEXT_PAYLOAD)


def test_a_browser_runs_nothing_and_loads_nothing_from_elsewhere(browser, hostile_site):
    server = SiteServer(hostile_site)
    try:
        for kind, url in page_types(hostile_site).items():
            context = browser.new_context(service_workers="block")
            dialogs: list[str] = []
            requested: list[str] = []
            context.on("request", lambda request, requested=requested: requested.append(request.url))
            context.route(lambda target: not target.startswith(server.url), lambda route: route.abort())
            tab = context.new_page()
            tab.on("dialog", lambda dialog, dialogs=dialogs: (dialogs.append(dialog.message), dialog.dismiss()))
            tab.goto(server.url + url, wait_until="networkidle")
            elsewhere = [target for target in requested if not target.startswith((server.url, "data:", "blob:"))]
            context.close()
            assert dialogs == [], f"{kind}: {dialogs}"
            assert elsewhere == [], f"{kind}: {elsewhere}"
    finally:
        server.close()


# --- What the data rules refuse, in every Markdown field ------------------------------------------

BYPASSES = {
    "unclosed code span": "See `[a](http://evil.example/) here",
    "definition in a block quote": "> [a]: http://evil.example/x.png\n>\n> [a]",
    "definition in a list item": "- [a]: relative/\n\n  [a]",
    "image": "![x](https://evil.example/x.png)",
    "image by reference in a list": "- ![x][i]\n\n[i]: https://evil.example/x.png",
    "script link": "[a](javascript:alert(1))",
}
MARKDOWN_FIELDS = {
    "explanation": ("features.yml", "explanation: Graph mode hides the Python frames."),
    "reason": ("use_cases.yml", "reason: Beta Lite is the more mature runtime on phones."),
    "text": ("verdict.yml", "text: Choose by what you deploy to."),
    "summary": ("pricing.yml", "summary: Both are free and open source."),
    "change reason": ("features.yml", "reason: Alpha Edge reached its first stable release."),
}


@pytest.mark.parametrize("field", MARKDOWN_FIELDS)
@pytest.mark.parametrize("bypass", BYPASSES)
def test_every_markdown_field_refuses_links_elsewhere_and_images_at_their_place(small_data, field, bypass):
    file, line = MARKDOWN_FIELDS[field]
    key = line.split(":", 1)[0]
    edit(small_data / file, line, f"{key}: {json.dumps(BYPASSES[bypass])}")
    with pytest.raises(DataProblems) as raised:
        load_comparison(small_data)
    (problem,) = map(str, raised.value.problems)
    assert re.search(
        rf"{file}:\d+:\d+: the (link|image) `[^`]+` (is not an absolute https:// address|would be loaded from another host)", problem
    )
