"""Link-preview cards: every page names a 1200 × 630 picture drawn from the data, kept between builds by what it shows."""

from __future__ import annotations

import dataclasses
import io
import posixpath
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageDraw

from tests.conftest import FIXTURES, edit, fixture_copy
from versus.data.kinds import SUPPORT
from versus.data.lookup import Lookup
from versus.data.validate import load_comparison
from versus.pages.card_cache import CardCache
from versus.pages.card_drawing import _has_glyph, draw
from versus.pages.card_shapes import SHAPES
from versus.pages.cards import CARD_HEIGHT, CARD_WIDTH, Card, CardRow, page_card, site_page_cards
from versus.pages.page_types import item_cards
from versus.site.build import build

ADDRESS = "https://cards.example.org/compare/"


class MetaReader(HTMLParser):
    """The <meta> tags of a page, by property or name."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        key = values.get("property") or values.get("name")
        if tag == "meta" and key:
            self.meta[key] = values.get("content") or ""


def meta_of(page: Path) -> dict[str, str]:
    reader = MetaReader()
    reader.feed(page.read_text(encoding="utf-8"))
    return reader.meta


def built_pages(site: Path) -> list[Path]:
    """Every HTML page of a build: pages, former addresses and the 404 page."""
    return sorted(site.rglob("*.html"))


def card_file(site: Path, page: Path, address: str) -> Path:
    """The file an og:image address names, read as a browser would from the page."""
    if address.startswith(ADDRESS):
        return site / address.removeprefix(ADDRESS)
    assert "://" not in address, address
    if address.startswith("/"):  # the 404 page, whose links are from the site's root
        return site / address.lstrip("/")
    folder = page.parent.relative_to(site).as_posix()
    return site / posixpath.normpath(posixpath.join(folder, urlsplit(address).path))


def build_fixture(folder: Path, name: str, cards: CardCache) -> Path:
    site = folder / "site"
    build(data_dir=fixture_copy(name, folder), site_dir=site, cards=cards)
    return site


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """tests/fixtures/commute (three subjects, categories, a former address) built with SITE_URL set."""
    folder = tmp_path_factory.mktemp("cards-published")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", ADDRESS)
        return build_fixture(folder, "commute", CardCache(folder / "cards"))


@pytest.fixture(scope="module")
def local(tmp_path_factory) -> Path:
    """tests/fixtures/small built without a site address."""
    folder = tmp_path_factory.mktemp("cards-local")
    return build_fixture(folder, "small", CardCache(folder / "cards"))


def test_every_page_names_an_absolute_card_of_1200_by_630_once_site_url_is_set(published: Path) -> None:
    pages = built_pages(published)
    assert len(pages) > 10
    for page in pages:
        meta = meta_of(page)
        address = meta.get("og:image", "")
        assert address.startswith(ADDRESS), f"{page}: og:image {address!r}"
        assert meta["twitter:image"] == address and meta["twitter:card"] == "summary_large_image", page
        picture = card_file(published, page, address)
        assert picture.is_file(), f"{page}: {picture} is missing"
        with Image.open(picture) as image:
            assert image.format == "PNG" and image.size == (CARD_WIDTH, CARD_HEIGHT), picture
        assert (meta.get("og:image:width"), meta.get("og:image:height")) == ("1200", "630"), page


def test_without_site_url_the_card_is_named_relative_to_the_page(local: Path) -> None:
    for page in built_pages(local):
        address = meta_of(page)["og:image"]
        assert "://" not in address, page
        assert card_file(local, page, address).is_file(), f"{page}: {address}"
        assert meta_of(page).get("og:image:alt"), page


def test_each_criterion_has_its_own_card_and_its_alt_names_every_value(local: Path) -> None:
    comparison = load_comparison(FIXTURES / "small")
    lookup = Lookup.of(comparison)
    pictures = []
    for feature in comparison.features[:2]:
        page = local / "features" / feature.id / "index.html"
        meta = meta_of(page)
        pictures.append(card_file(local, page, meta["og:image"]).read_bytes())
        alt = meta["og:image:alt"]  # the parser reads the escaped attribute back as text
        assert feature.name in alt
        for subject in comparison.subjects:
            reading = lookup.reading(feature, subject)
            assert subject.name in alt and reading.text in alt and reading.level_label in alt, alt
    assert pictures[0] != pictures[1]


def test_two_builds_draw_the_same_bytes(tmp_path: Path, local: Path) -> None:
    again = build_fixture(tmp_path, "small", CardCache(tmp_path / "cards"))
    first = {path.relative_to(local): path.read_bytes() for path in (local / "assets" / "cards").iterdir()}
    second = {path.relative_to(again): path.read_bytes() for path in (again / "assets" / "cards").iterdir()}
    assert first and first == second


def test_a_rebuild_after_one_edit_redraws_only_the_cards_that_show_it(tmp_path: Path) -> None:
    data = fixture_copy("small", tmp_path)
    comparison = load_comparison(data)
    feature, subject = comparison.features[0], comparison.subjects[0]
    cards = CardCache(tmp_path / "cards")
    build(data_dir=data, site_dir=tmp_path / "site", cards=cards)
    before = {path.name for path in (tmp_path / "site" / "assets" / "cards").iterdir()}
    assert cards.drawn == len(before) and cards.reused == 0

    edit(data / "features.yml", f"label: {feature.values[subject.id].label}", "label: A new label")
    again = CardCache(tmp_path / "cards")
    build(data_dir=data, site_dir=tmp_path / "site", cards=again)
    after = {path.name for path in (tmp_path / "site" / "assets" / "cards").iterdir()}
    changed = after - before
    assert [name.split(".")[0] for name in changed] == [f"features-{feature.id}"]
    assert (again.drawn, again.reused) == (1, len(after) - 1)


def test_level_symbols_are_drawn_from_the_font_or_as_shapes() -> None:
    """No symbol of the support answers or of any fixture's scale falls to a missing-glyph box."""
    symbols = {step.symbol for step in SUPPORT.values()}
    for folder in sorted(FIXTURES.iterdir()):
        comparison = load_comparison(folder)
        symbols |= {level.symbol or "" for scale in comparison.scales for level in scale.levels}
    for character in "".join(symbols):
        assert _has_glyph(character) or character in SHAPES, repr(character)
    assert not _has_glyph("✓") or "✓" in SHAPES


def test_twelve_subjects_with_long_names_fit_one_card() -> None:
    rows = tuple(
        CardRow(f"Subject {n} with a name far too long to fit", "A value longer than its room " * 3, "Good", "●●●●○", 75) for n in range(12)
    )
    card = Card("Site", "A criterion " * 10, "A category", rows)
    picture = draw(card)
    with Image.open(io.BytesIO(picture)) as image:
        assert image.size == (CARD_WIDTH, CARD_HEIGHT)
        assert "dpi" not in image.info and not any(key.lower().startswith(("date", "time")) for key in image.info)
    assert draw(card) == picture


CHAT_WIDTH = 400  # px: how wide a chat app shows a link's card
SMALLEST_READ = 14  # px: the smallest text a reader should have to read there


def test_no_text_is_under_14_px_where_a_chat_app_shows_the_card_400_px_wide(monkeypatch) -> None:
    """Every card of every fixture, and cards with too many and too long rows: each line of text, drawn
    at its size, is at least 14 px high once the card is scaled to 400 px; rows that do not fit at that
    size are counted in "and N more", never drawn smaller."""
    drawn: list[tuple[int, str]] = []
    original = ImageDraw.ImageDraw.text

    def text(self, xy, words, *args, **kwargs):
        if self.im.size == (CARD_WIDTH, CARD_HEIGHT):  # on the card, not on the scratch of a glyph check
            drawn.append((kwargs["font"].size, words))
        return original(self, xy, words, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", text)
    cards: list[Card] = []
    for folder in sorted(FIXTURES.iterdir()):
        comparison = load_comparison(folder)
        lookup = Lookup.of(comparison)
        cards += [*site_page_cards(comparison, lookup).values(), *item_cards(comparison, lookup).values()]
        cards.append(page_card(comparison, "Methodology", "A description long enough to wrap onto several lines. " * 6))
    rows = tuple(CardRow(f"Subject {n} with a long name", "A value longer than its room " * 3, "Good", "●●●●○", 75) for n in range(12))
    cards.append(Card("Site", "A criterion with a title far too long for one line " * 3, "A question " * 12, rows, 0, "Compares them all"))
    for card in cards:
        drawn.clear()
        draw(card)
        assert drawn, card.title
        smallest = min(size for size, _ in drawn)
        assert smallest * CHAT_WIDTH / CARD_WIDTH >= SMALLEST_READ, (card.title, smallest)
        if card.rows:
            shown = sum(1 for _, words in drawn if any(words and row.name.startswith(words.rstrip("…")) for row in card.rows))
            left_out = card.more + len(card.rows) - shown
            assert shown >= 1 and (left_out == 0 or (min(drawn)[0], f"and {left_out} more") in drawn), card.title


def test_a_former_address_unfurls_with_the_card_of_the_page_it_forwards_to(tmp_path: Path) -> None:
    data = fixture_copy("small", tmp_path)
    feature = load_comparison(data).features[0]
    edit(data / "features.yml", f"  - id: {feature.id}\n", f"  - id: {feature.id}\n    aliases: [{feature.id}-former]\n")
    site = tmp_path / "site"
    build(data_dir=data, site_dir=site, cards=CardCache(tmp_path / "cards"))
    page, former = site / "features" / feature.id / "index.html", site / "features" / f"{feature.id}-former" / "index.html"
    assert card_file(site, former, meta_of(former)["og:image"]) == card_file(site, page, meta_of(page)["og:image"])
    assert meta_of(former)["og:image:alt"] == meta_of(page)["og:image:alt"]


def test_a_card_is_named_anew_when_anything_it_shows_changes() -> None:
    card = Card("Site", "Title", "Subtitle", (CardRow("A", "x", "Good", "●", 75),), 1, "Footer", "Category")
    changed = {
        "site_title": "Other",
        "title": "Other",
        "subtitle": "Other",
        "rows": (CardRow("A", "x", "Good", "●", 50),),
        "more": 2,
        "footer": "Other",
        "category": "Other",
    }
    assert set(changed) == {item.name for item in dataclasses.fields(Card)}, "a new field of Card needs a place in Card.key"
    for name, value in changed.items():
        assert dataclasses.replace(card, **{name: value}).key != card.key, name


def test_cards_drawn_by_workers_are_the_bytes_one_process_draws(tmp_path: Path) -> None:
    """Where a card is drawn never shows: many missing cards are drawn in worker processes, in order, to the same bytes.

    Run in a fresh interpreter: workers are forked only from a process with no other thread, and a test
    runner's own process may have some."""
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from versus import forked
        from versus.pages import card_cache
        from versus.pages.card_cache import CardCache
        from versus.pages.card_drawing import draw
        from versus.pages.cards import Card, CardRow

        card_cache.PARALLEL_FROM = 2
        forked.os.sched_getaffinity = lambda _pid: {{0, 1}}
        pools = []

        class CountedPool(card_cache.ProcessPoolExecutor):
            def __init__(self, *arguments, **options):
                pools.append(options["max_workers"])
                super().__init__(*arguments, **options)

        card_cache.ProcessPoolExecutor = CountedPool
        cards = [Card("Site", f"Criterion {{n}}", "A category", (CardRow("A", f"value {{n}}", "Good", "●", 75),)) for n in range(4)]
        cache = CardCache(Path({str(tmp_path / "cards")!r}))
        assert cache.pngs([*cards, cards[0]]) == [draw(card) for card in [*cards, cards[0]]]
        assert (cache.drawn, cache.reused) == (4, 0), "a card shown twice is drawn once"
        assert pools == [2], pools
        again = CardCache(Path({str(tmp_path / "cards")!r}))
        assert again.pngs(cards) == [draw(card) for card in cards] and (again.drawn, again.reused) == (0, 4)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
