"""Pictures to embed elsewhere: an SVG per criterion and per category, complete in itself, and the code to paste them."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
import yaml

from tests.conftest import FIXTURES, SiteServer, build_with_settings
from tests.test_accessibility import open_page, settle, violations
from versus.checks.bench_data import synthetic_data
from versus.data.lookup import Lookup
from versus.data.model import Comparison
from versus.data.validate import load_comparison
from versus.pages.embed import Picture, every_picture
from versus.pages.page_types import PAGES_BY_KIND
from versus.pages.urls import Links

SVG = "{http://www.w3.org/2000/svg}"
PUBLIC = "https://compare.example.org/docs/"
# Anything that would make a picture load or run something: a scheme, a CSS import or url(), script.
EXTERNAL = re.compile(r"https?:|//|url\(|@import|javascript:|data:", re.IGNORECASE)


def long_named(target: Path, subjects: int) -> Path:
    """Synthetic data with `subjects` subjects whose names are long, unbroken, wide or full of markup."""
    folder = synthetic_data(target, 3, subjects)
    names = [
        "A subject with a very long name that no column can hold whole",
        "Unbrokenwordthatgoesonandonwithoutanyspaceatallforwrapping",
        "<script>alert(1)</script> & \"quotes\" 'too'",
        "全角の名前がとても長い比較対象の名前です",
    ]
    data = yaml.safe_load((folder / "subjects.yml").read_text(encoding="utf-8"))
    for n, subject in enumerate(data["subjects"]):
        subject["name"] = names[n % len(names)] + (f" {n}" if n >= len(names) else "")
    (folder / "subjects.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def comparisons(tmp_path: Path) -> dict[str, Comparison]:
    """Every fixture comparison, plus one subject alone and twelve with long names."""
    found = {name: load_comparison(FIXTURES / name) for name in ("small", "three", "dated", "commute")}
    found["one subject"] = load_comparison(synthetic_data(tmp_path / "one", 2, 1))
    found["twelve long names"] = load_comparison(long_named(tmp_path / "twelve", 12))
    return found


@pytest.fixture(scope="module")
def every_comparison(tmp_path_factory) -> dict[str, Comparison]:
    return comparisons(tmp_path_factory.mktemp("embeds"))


def parsed(picture: Picture) -> ElementTree.Element:
    return ElementTree.fromstring(picture.svg.encode("utf-8"))


def test_every_criterion_and_category_has_a_picture(every_comparison):
    for name, comparison in every_comparison.items():
        pictures = every_picture(comparison, Lookup.of(comparison))
        assert set(pictures.features) == {feature.id for feature in comparison.features}, name
        assert set(pictures.categories) == {category.id for category, _ in comparison.groups() if category}, name
        for feature in comparison.features:
            assert pictures.features[feature.id].file == Links.feature_embed_file(feature.id)


def test_each_picture_is_an_svg_with_its_size_a_title_and_a_description_naming_every_value(every_comparison):
    for name, comparison in every_comparison.items():
        lookup = Lookup.of(comparison)
        pictures = every_picture(comparison, lookup)
        groups = {category.id: features for category, features in comparison.groups() if category}
        shown = [(pictures.features[f.id], [f]) for f in comparison.features]
        shown += [(pictures.categories[cid], features) for cid, features in groups.items()]
        for picture, features in shown:
            root = parsed(picture)
            assert root.tag == f"{SVG}svg", picture.file
            assert (root.get("width"), root.get("height")) == (str(picture.width), str(picture.height))
            assert root.get("viewBox") == f"0 0 {picture.width} {picture.height}"
            assert root.get("role") == "img"
            labelled = root.get("aria-labelledby", "").split()
            assert [root.find(f"{SVG}title").get("id"), root.find(f"{SVG}desc").get("id")] == labelled
            assert root[0].tag == f"{SVG}title", "the title comes first, as screen readers expect"
            description = root.findtext(f"{SVG}desc") or ""
            for feature in features:
                assert feature.name in description, (name, picture.file)
                for subject_id, reading in lookup.rows[feature.id].readings.items():
                    subject = comparison.subject(subject_id)
                    assert f"{subject.name}: {reading.text}" in description, (name, picture.file, subject_id)
                    if reading.level_label:
                        assert reading.level_label in description
            assert comparison.site.title in description
            assert 120 <= picture.width <= 800 and picture.height > 40


def test_no_picture_refers_to_anything_outside_itself(every_comparison):
    for comparison in every_comparison.values():
        for picture in every_picture(comparison, Lookup.of(comparison)).all():
            root = parsed(picture)
            for element in root.iter():
                tag = element.tag.removeprefix(SVG)
                assert tag in {"svg", "title", "desc", "style", "rect", "text", "tspan"}, (picture.file, tag)
                for attribute, value in element.attrib.items():
                    assert "href" not in attribute and not EXTERNAL.search(value), (picture.file, attribute, value)
            style = root.findtext(f"{SVG}style") or ""
            assert not EXTERNAL.search(style) and "@font-face" not in style
            assert "@media (prefers-color-scheme: dark)" in style
            assert "system-ui" in style and "sans-serif" in style


def test_data_text_is_escaped_and_long_names_are_cut_not_dropped(every_comparison):
    comparison = every_comparison["twelve long names"]
    pictures = every_picture(comparison, Lookup.of(comparison))
    picture = pictures.features[comparison.features[0].id]
    assert "<script>" not in picture.svg and "&lt;script&gt;" in picture.svg
    names = [text.text or "" for text in parsed(picture).iter(f"{SVG}text") if text.get("class") == "name"]
    assert len(names) == 12
    assert any(name.endswith("…") for name in names)
    assert all(name.rstrip("…") for name in names)


# --- The built site: the files, and the box of code on each criterion's page --------


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    return build_with_settings(tmp_path_factory.mktemp("published"), FIXTURES / "commute", site_url=PUBLIC)


@pytest.fixture(scope="module")
def unpublished(tmp_path_factory) -> Path:
    return build_with_settings(tmp_path_factory.mktemp("unpublished"), FIXTURES / "commute")


def fields(page: str) -> dict[str, str]:
    """The embed box's read-only fields by id, as the reader sees their text."""
    return {match[1]: html.unescape(match[2]) for match in re.finditer(r'<textarea id="([^"]+)"[^>]*>([^<]*)</textarea>', page)}


def test_every_picture_is_published_where_the_code_says(published):
    comparison = load_comparison(FIXTURES / "commute")
    for feature in comparison.features:
        picture = published / Links.feature_embed_file(feature.id)
        assert picture.is_file(), picture
        root = ElementTree.parse(picture).getroot()
        page = (published / "features" / feature.id / "index.html").read_text(encoding="utf-8")
        code = fields(page)
        picture_url = PUBLIC + Links.feature_embed_file(feature.id)
        page_url = PUBLIC + PAGES_BY_KIND["feature"].url(feature.id)
        assert code["embed-markdown"].endswith(f"]({picture_url})]({page_url})"), code["embed-markdown"]
        # The alt text is the name, its Markdown punctuation escaped ("\(" for a bracket in the name).
        assert re.sub(r"\\(.)", r"\1", code["embed-markdown"]).startswith(f"[![{feature.name}")
        size = f'width="{root.get("width")}" height="{root.get("height")}"'
        assert code["embed-html"] == (
            f'<a href="{page_url}"><img src="{picture_url}" alt="{html.unescape(root.findtext(f"{SVG}title") or "")}" {size}></a>'
        )
        category = comparison.category_of(feature)
        assert category
        category_url = PUBLIC + Links.category_embed_file(category.id)
        assert (published / Links.category_embed_file(category.id)).is_file()
        assert f"]({category_url})]({PUBLIC}{PAGES_BY_KIND['category'].url(category.id)})" in code["embed-category-markdown"]
        assert "site_url" not in page.split('class="embed"')[1].split("</details>")[0]


def test_without_site_url_the_box_says_so_and_names_the_files_relative_to_the_page(unpublished):
    comparison = load_comparison(FIXTURES / "commute")
    feature = comparison.features[0]
    page_url = urljoin("https://any.example/", PAGES_BY_KIND["feature"].url(feature.id))
    page = (unpublished / "features" / feature.id / "index.html").read_text(encoding="utf-8")
    assert "<code>site_url</code>" in page
    relative = re.search(r'id="embed-markdown"[^>]*data-relative="([^"]+)"', page)
    assert relative
    picture_href, page_href = relative[1].split()
    assert urljoin(page_url, picture_href) == urljoin("https://any.example/", Links.feature_embed_file(feature.id))
    assert urljoin(page_url, page_href) == page_url
    assert fields(page)["embed-markdown"].endswith(f"]({picture_href})]({page_href})")


# --- In Chromium: the picture through <img>, light and dark ----------------------


@pytest.fixture(scope="module")
def served(unpublished):
    server = SiteServer(unpublished)
    yield server.url
    server.close()


IMG_PAGE = """<!doctype html><meta name="color-scheme" content="light dark"><title>Embed</title>
<body style="margin:0"><img id="picture" src="{src}" alt="picture"></body>"""

# The picture's top-left corner, read from a screenshot drawn onto a canvas (the screenshot is a plain PNG).
CORNER_PIXEL = """async (png) => {
  const image = new Image();
  image.src = "data:image/png;base64," + png;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  return Array.from(context.getImageData(6, 6, 1, 1).data.slice(0, 3));
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_picture_shown_through_img_loads_at_its_size_and_follows_the_theme(browser, served, unpublished, scheme):
    import base64

    comparison = load_comparison(FIXTURES / "commute")
    file = Links.category_embed_file(comparison.categories[0].id)
    root = ElementTree.parse(unpublished / file).getroot()
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1000, "height": 900})
    tab = context.new_page()
    (unpublished / "embed-test.html").write_text(IMG_PAGE.format(src=file), encoding="utf-8")
    try:
        tab.goto(served + "embed-test.html", wait_until="networkidle")
        size = tab.evaluate(
            "(() => { const i = document.getElementById('picture'); return [i.complete, i.naturalWidth, i.naturalHeight]; })()"
        )
        assert size == [True, int(root.get("width") or 0), int(root.get("height") or 0)]
        png = base64.b64encode(tab.locator("#picture").screenshot()).decode()
        red, green, blue = tab.evaluate(CORNER_PIXEL, png)
        assert (min(red, green, blue) > 230) if scheme == "light" else (max(red, green, blue) < 40), (red, green, blue)
    finally:
        (unpublished / "embed-test.html").unlink()
        context.close()


# Texts that reach past the picture's frame, and subjects' names that reach into the tinted band of their values.
OVERFLOWING = """(width) => {
  const right = (text) => text.getBBox().x + text.getBBox().width;
  const bands = Array.from(document.querySelectorAll("rect:not(.frame)")).map((rect) => rect.getBBox().x);
  const valuesStart = bands.length ? Math.min(...bands) : width;
  return Array.from(document.querySelectorAll("text"))
    .filter((text) => right(text) > width - 8 || (text.classList.contains("name") && right(text) > valuesStart - 2))
    .map((text) => text.textContent);
}"""


def test_the_widest_text_fits_inside_its_picture_in_chromium(browser, tmp_path):
    comparison = load_comparison(long_named(tmp_path / "long", 12))
    pictures = every_picture(comparison, Lookup.of(comparison))
    tab = browser.new_page()
    try:
        for picture in [*pictures.features.values()][:2] + [*pictures.categories.values()]:
            path = tmp_path / "picture.svg"
            path.write_text(picture.svg, encoding="utf-8")
            tab.goto(path.as_uri())
            overflowing = tab.evaluate(OVERFLOWING, picture.width)
            assert overflowing == [], picture.file
    finally:
        tab.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_embed_box_has_no_accessibility_violation_and_copies_absolute_code(browser, served, scheme):
    from axe_playwright_python.sync_playwright import Axe

    comparison = load_comparison(FIXTURES / "commute")
    feature = comparison.features[0]
    tab = open_page(browser, served + PAGES_BY_KIND["feature"].url(feature.id), scheme, {"width": 1280, "height": 900})
    tab.evaluate("document.querySelector('details.embed').open = true")
    settle(tab)
    assert violations(Axe(), tab) == []
    markdown = tab.locator("#embed-markdown").input_value()
    assert markdown.endswith(f"]({served}{Links.feature_embed_file(feature.id)})]({served}{PAGES_BY_KIND['feature'].url(feature.id)})")
    assert tab.locator("button[data-copy='embed-markdown']").is_visible()
    tab.context.close()


def test_a_value_too_long_for_its_picture_is_cut_between_words():
    from versus.pages.embed import BODY
    from versus.pages.embed_text import cut as _cut
    from versus.pages.embed_text import text_width as _width

    text = "CUDA, ROCm, MPS; TPUs via TorchTPU"
    for end in range(len("CUDA, ROCm"), len(text)):
        room = _width(text[:end] + "…", BODY)
        shown = _cut(text, room, BODY)
        if shown == text:
            continue
        kept = shown.removesuffix("…")
        assert _width(shown, BODY) <= room + 0.01 and re.match(rf"{re.escape(kept)}[\s,;:]", text), shown
    assert _cut("Supercalifragilistic", _width("Super…", BODY), BODY) == "Super…"  # one long word: cut where the room ends
