"""The look, declared once: one palette and one tint rule feed the site's stylesheet, the SVG embeds and the PNG cards."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import FIXTURES, build_with_settings
from tests.paths import CONTENT_DIR, TEMPLATES_DIR
from versus.data.lookup import Lookup
from versus.data.validate import load_comparison
from versus.pages import look
from versus.pages.card_drawing import draw
from versus.pages.cards import Card, CardRow
from versus.pages.embed import STYLE, band, every_picture
from versus.pages.look import BANDS, DARK, DEFAULT_ACCENT, LIGHT, card_accent, tint_band, tint_class
from versus.pages.render import make_environment

HEX = re.compile(r"#[0-9a-fA-F]{3,8}\b")


def test_the_bands_split_the_points_evenly_worst_to_best():
    assert [tint_band(points) for points in (0, 12, 13, 37, 38, 62, 63, 87, 88, 100)] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert tint_band(None) is None and tint_class(None) == ""
    assert {tint_band(points) for points in range(101)} == set(range(BANDS))
    assert len(LIGHT.tints) == len(DARK.tints) == BANDS


def test_the_table_the_embeds_and_the_cards_tint_by_the_same_rule():
    environment = make_environment([TEMPLATES_DIR], [CONTENT_DIR])
    template = environment.from_string('{% from "macros/facts.j2" import tint %}{{ tint(points) }}')
    for points in [*range(101), None]:
        tinted = template.render(points=points).strip()
        assert tinted == tint_class(points), points
        assert band(points) == (tinted or "plain"), points


def test_no_colour_of_the_palette_is_written_anywhere_else():
    """The site's stylesheet reads the tints as custom properties; the drawings take them from the palette."""
    css = (CONTENT_DIR / "assets/stylesheets/site.css").read_text(encoding="utf-8")
    palette = {colour for scheme in (LIGHT, DARK) for colour in (*scheme.tints, scheme.plain)}
    assert not palette & set(HEX.findall(css))
    assert not re.search(r"--t\d\s*:|\.t\d\s*\{\s*background", css)  # the properties and their classes are generated together
    sources = Path(look.__file__).parent
    for module in ("embed.py", "embed_text.py", "card_drawing.py", "card_shapes.py", "card_cache.py"):
        assert not HEX.findall((sources / module).read_text(encoding="utf-8")), module


def test_the_site_s_stylesheet_declares_the_palette_in_light_and_dark():
    css = look.stylesheet()
    light = re.search(r":root \{([^}]*)\}", css)
    dark = re.search(r'\[data-md-color-scheme="slate"\] \{([^}]*)\}', css)
    assert light and dark
    for rule, scheme in ((light[1], LIGHT), (dark[1], DARK)):
        assert tuple(re.findall(r"--t\d: (#[0-9a-f]{6})", rule)) == scheme.tints
    for band_number in range(BANDS):
        assert f".t{band_number} {{ background: var(--t{band_number}); }}" in css


def test_an_embedded_picture_wears_the_palette_light_and_dark():
    light, dark = STYLE.split("@media (prefers-color-scheme: dark)")
    for part, scheme in ((light, LIGHT), (dark, DARK)):
        assert re.findall(r"\.t\d \{ fill: (#[0-9a-f]{6}); \}", part) == list(scheme.tints)
        assert f".plain {{ fill: {scheme.plain}; }}" in part and f"fill: {scheme.background}" in part
    comparison = load_comparison(FIXTURES / "small")
    picture = every_picture(comparison, Lookup.of(comparison)).all()[0]
    assert STYLE in picture.svg.replace("&quot;", '"')


def test_a_card_s_tinted_row_and_accent_are_the_palette_s():
    card = Card("Site", "A criterion", "", (CardRow("A subject", "A value", "Good", "", 100),))
    with Image.open(io.BytesIO(draw(card, accent="#e92063"))) as image:
        counted: list[tuple[int, tuple[int, int, int]]] = image.convert("RGB").getcolors(1 << 16) or []  # type: ignore[assignment]
        drawn = [colour for _count, colour in sorted(counted, reverse=True)[:4]]
    for expected in ("#e92063", LIGHT.tints[-1], LIGHT.background, LIGHT.ink):
        wanted = tuple(int(expected[i : i + 2], 16) for i in (1, 3, 5))
        # The picture is saved with a palette of its few colours, each within a step or two of the colour drawn.
        assert any(max(abs(a - b) for a, b in zip(colour, wanted, strict=True)) <= 2 for colour in drawn), (expected, drawn)


@pytest.mark.parametrize(
    ("palette", "accent"),
    [
        (None, DEFAULT_ACCENT),
        ({"primary": "pink"}, "#e92063"),
        ([{"scheme": "slate", "primary": "teal"}, {"scheme": "default", "primary": "Deep Orange"}], "#ff6e42"),
        ({"primary": "custom"}, DEFAULT_ACCENT),
    ],
)
def test_the_card_s_accent_follows_the_site_s_material_palette(palette, accent):
    theme = {"name": "material"} | ({"palette": palette} if palette is not None else {})
    assert card_accent({"theme": theme}) == accent


def test_a_site_s_palette_colours_its_cards_and_its_stylesheet_comes_first(tmp_path):
    site = build_with_settings(tmp_path, FIXTURES / "small", theme={"name": "material", "palette": {"primary": "pink", "accent": "pink"}})
    home = (site / "index.html").read_text(encoding="utf-8")
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', home)
    names = [Path(sheet).name for sheet in sheets]
    assert names.index("look.css") == names.index("site.css") - 1, sheets
    assert (site / look.LOOK_STYLESHEET).read_text(encoding="utf-8") == look.stylesheet()
    card = re.search(r'<meta property="og:image" content="([^"]+)"', home)
    assert card
    with Image.open(site / card[1].removeprefix("./")) as image:
        bar = image.convert("RGB").getpixel((600, 4))
        assert max(abs(a - b) for a, b in zip(bar, (0xE9, 0x20, 0x63), strict=True)) <= 2, bar
