"""Draw link-preview cards as 1200 × 630 PNGs with Pillow, in the light colours of the site's palette (pages/look.py).

The font is Lato, which MkDocs ships with its readthedocs theme (regular
and bold): nothing is fetched when a card is drawn or seen, and Lato covers
Latin, Greek and Cyrillic text and the circles of the rating scales. Level
symbols it lacks (✓ ✗ ◐ ★ ☆ …) are drawn as shapes (pages/card_shapes.py),
never as a missing-glyph box; a character of text it lacks is drawn as "?".
Without MkDocs' copy, Pillow's own Aileron (ASCII only) stands in. Text is
laid out with FreeType alone (no Raqm) and saved with fixed PNG settings and
no metadata, so the same card gives the same bytes on every machine with the
same packages. pages/card_cache.py keeps the pictures between builds.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.resources
import io
import math
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from versus.pages import card_shapes, look
from versus.pages.card_shapes import SHAPES
from versus.pages.cards import CARD_HEIGHT, CARD_WIDTH, Card, CardRow
from versus.pages.look import DEFAULT_ACCENT, LIGHT, tint_of

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

# What the pictures depend on besides the card and its accent: the drawing's code and palette, Pillow, which draws,
# and MkDocs, which ships the font. Any change of them names every picture anew, so no stale one is reused.
DRAWING_VERSION = hashlib.sha256(
    b"".join(Path(module.__file__ or "").read_bytes() for module in (card_shapes, look))
    + Path(__file__).read_bytes()
    + f";pillow {importlib.metadata.version('pillow')};mkdocs {importlib.metadata.version('mkdocs')}".encode()
).hexdigest()[:16]

COLOURS = LIGHT  # a card is one picture for every reader: the site's light scheme
MARGIN = 64

# Sizes in the 1200-wide drawing. A chat app shows a card about 400 px wide, a third of its size, so no
# text is drawn under 42 px: 14 px on the reader's screen. Rows that do not fit at that size are counted
# in "and N more" rather than drawn smaller.
SHOWN_WIDTH = 400  # px: a card's width in a chat app's message column
SMALLEST_SHOWN = 14  # px: the smallest text a reader is asked to read there
TEXT = math.ceil(SMALLEST_SHOWN * CARD_WIDTH / SHOWN_WIDTH)  # 42 px: every line but the title
TITLE, TITLE_LONG = 64, 52  # a title on one line; a longer one on two
LINE = int(TEXT * 1.3)  # the height of a line of text
ROW, ROW_GAP = int(TEXT * 1.5), 10  # the height of a row's band, and the space between two bands
FOOTER_ROOM = 100  # the foot: a rule and one line


def draw(card: Card, accent: str = DEFAULT_ACCENT) -> bytes:
    """The card as PNG bytes: an accent bar, the site's name, the title, a subtitle, then one row per value."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (CARD_WIDTH, CARD_HEIGHT), COLOURS.background)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, CARD_WIDTH, 12), fill=accent)
    width = CARD_WIDTH - 2 * MARGIN
    y = 36
    if card.site_title != card.title:  # the home page's title is the site's
        top_line = f"{card.site_title} · {card.category}" if card.category else card.site_title
        pen.text((MARGIN, y), _fitted(top_line, _font(False, TEXT), width), font=_font(False, TEXT), fill=COLOURS.muted)
        y += LINE + 4
    title_size = TITLE if _font(True, TITLE).getlength(card.title) <= width else TITLE_LONG
    for line in _wrapped(card.title, _font(True, title_size), width, 2):
        pen.text((MARGIN, y), line, font=_font(True, title_size), fill=COLOURS.ink)
        y += int(title_size * 1.2)
    bottom = CARD_HEIGHT - (FOOTER_ROOM if card.footer else 36)
    if card.subtitle:
        most = 1 if card.rows else max(1, (bottom - y - 4) // LINE)
        for line in _wrapped(card.subtitle, _font(False, TEXT), width, most):
            pen.text((MARGIN, y + 4), line, font=_font(False, TEXT), fill=COLOURS.muted)
            y += LINE
    if card.rows:
        top = y + 16
        shown = _rows_that_fit(len(card.rows), bottom - top)
        more = card.more + len(card.rows) - shown
        _draw_rows(pen, card.rows[:shown], MARGIN, top, width)
        if more:
            note = f"and {more} more"
            below = top + shown * (ROW + ROW_GAP)
            pen.text((CARD_WIDTH - MARGIN - _font(False, TEXT).getlength(note), below), note, font=_font(False, TEXT), fill=COLOURS.muted)
    if card.footer:
        pen.line((MARGIN, CARD_HEIGHT - 92, CARD_WIDTH - MARGIN, CARD_HEIGHT - 92), fill=COLOURS.plain, width=2)
        pen.text((MARGIN, CARD_HEIGHT - 74), _fitted(card.footer, _font(True, TEXT), width), font=_font(True, TEXT), fill=COLOURS.ink)
    buffer = io.BytesIO()
    # A palette of the few colours drawn keeps the file small; fixed settings and no metadata keep it the same.
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        buffer, format="PNG", optimize=False, compress_level=6
    )
    return buffer.getvalue()


def _rows_that_fit(count: int, room: int) -> int:
    """How many of count rows fit in room pixels at the one text size, with a line for "and N more" when some do not."""
    fit = (room + ROW_GAP) // (ROW + ROW_GAP)
    if fit >= count:
        return count
    return max(0, (room - LINE + ROW_GAP) // (ROW + ROW_GAP))


def _draw_rows(pen: ImageDraw.ImageDraw, rows: Iterable[CardRow], left: int, top: int, width: int) -> None:
    """Rows in one column at the one text size, values aligned: two columns would leave a value no room."""
    rows = list(rows)
    if not rows:
        return
    size = TEXT
    bold, regular = _font(True, size), _font(False, size)
    # The values start at one x, after the longest name, as far as the longest value and level leave room.
    pad = max(12, size // 2)
    room = width - 2 * pad - max(_level_width(row, size) for row in rows) - max(20, size)
    longest_value = max(regular.getlength(_drawable(row.value)) for row in rows)
    longest_name = max(bold.getlength(_drawable(row.name)) for row in rows)
    name_width = math.ceil(min(longest_name, max(room * 0.4, room - longest_value)))
    for index, row in enumerate(rows):
        _draw_row(pen, row, left, top + index * (ROW + ROW_GAP), width, ROW, size, name_width)


def _draw_row(pen: ImageDraw.ImageDraw, row: CardRow, x: int, y: int, width: int, height: int, size: int, name_width: int) -> None:
    """A rounded band tinted by the row's points: the name, its value, and at the right the level's symbol and word."""
    pen.rounded_rectangle((x, y, x + width, y + height), radius=10, fill=tint_of(row.points, COLOURS))
    bold, regular = _font(True, size), _font(False, size)
    pad = max(12, size // 2)
    middle = y + height // 2
    right = x + width - pad
    if row.level or row.symbol:
        word = _fitted(row.level, regular, (width - 2 * pad) // 3)
        pen.text((right, middle), word, font=regular, fill=COLOURS.ink, anchor="rm")
        right -= int(regular.getlength(word)) + (size // 3 if word else 0)
        if row.symbol:
            right -= _draw_symbol(pen, row.symbol, right, middle, size)
        right -= pad
    if not row.value:
        pen.text((x + pad, middle), _fitted(row.name, bold, right - x - pad), font=bold, fill=COLOURS.ink, anchor="lm")
        return
    pen.text((x + pad, middle), _fitted(row.name, bold, name_width), font=bold, fill=COLOURS.ink, anchor="lm")
    start = x + pad + name_width + max(20, size)
    pen.text((start, middle), _fitted(row.value, regular, right - start), font=regular, fill=COLOURS.ink, anchor="lm")


def _level_width(row: CardRow, size: int) -> int:
    """About how wide a row's level is drawn: its word, and its symbol with room for shapes."""
    if not (row.level or row.symbol):
        return 0
    return int(_font(False, size).getlength(row.level) + len(row.symbol) * size * 0.9 + size)


def _draw_symbol(pen: ImageDraw.ImageDraw, symbol: str, right: int, middle: int, size: int) -> int:
    """A level's symbol ending at `right`, each character from the font or as its shape; returns the width used."""
    font = _font(True, size)
    cell = int(size * 0.8)
    widths = [font.getlength(ch) if _has_glyph(ch) else cell + 4 if ch in SHAPES else 0 for ch in symbol]
    x = right - sum(widths)
    for ch, advance in zip(symbol, widths, strict=True):
        if _has_glyph(ch):
            pen.text((x, middle), ch, font=font, fill=COLOURS.ink, anchor="lm")
        elif ch in SHAPES:
            SHAPES[ch](pen, (x + 2, middle - cell / 2, x + 2 + cell, middle + cell / 2), size, COLOURS.ink)
        x += advance
    return int(sum(widths))


# --- Fonts and text --------------------------------------------------------------------------------------------


@functools.cache
def _font_bytes(bold: bool) -> bytes:
    """Lato from MkDocs' readthedocs theme; Pillow's Aileron when that copy is missing."""
    name = "lato-bold.woff2" if bold else "lato-normal.woff2"
    try:
        return (importlib.resources.files("mkdocs") / "themes" / "readthedocs" / "css" / "fonts" / name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        from PIL import ImageFont

        default = ImageFont.load_default(size=10)
        assert isinstance(default, ImageFont.FreeTypeFont) and isinstance(default.path, io.BytesIO)
        return default.path.getvalue()


@functools.cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(io.BytesIO(_font_bytes(bold)), size, layout_engine=ImageFont.Layout.BASIC)


@functools.cache
def _has_glyph(character: str) -> bool:
    """Whether the font draws the character itself: its picture differs from that of a code point no font has."""
    from PIL import Image, ImageDraw

    def picture(text: str) -> bytes:
        image = Image.new("L", (64, 64))
        ImageDraw.Draw(image).text((8, 8), text, font=_font(True, 40), fill=255)
        return image.tobytes()

    return character.isspace() or picture(character) != picture("\U0010fffd")


def _drawable(text: str) -> str:
    """The text with each character the font lacks shown as "?", never as an empty box."""
    return "".join(ch if _has_glyph(ch) else "?" for ch in text)


def _fitted(text: str, font: ImageFont.FreeTypeFont, width: float) -> str:
    """The text on one line of at most width pixels, cut at a word where it can and ended with "…"."""
    text = _drawable(" ".join(text.split()))
    if font.getlength(text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        mid = (low + high + 1) // 2
        if font.getlength(text[:mid].rstrip() + "…") <= width:
            low = mid
        else:
            high = mid - 1
    cut = text[:low]
    if " " in cut and low - cut.rfind(" ") <= max(4, low // 3):  # at a word, unless that loses much of the line
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:–—-") + "…" if cut else ""


def _wrapped(text: str, font: ImageFont.FreeTypeFont, width: float, most_lines: int) -> list[str]:
    """The text in lines of at most width pixels, at most most_lines of them, the last cut with "…" if need be."""
    words = _drawable(" ".join(text.split())).split(" ")
    lines: list[str] = []
    line = ""
    for index, word in enumerate(words):
        trial = f"{line} {word}".strip()
        if font.getlength(trial) <= width or not line:
            line = trial
            continue
        if len(lines) == most_lines - 1:
            return [*lines, _fitted(" ".join([line, *words[index:]]), font, width)]
        lines.append(line)
        line = word
    lines.append(_fitted(line, font, width))
    return lines[:most_lines]
