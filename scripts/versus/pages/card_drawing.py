"""Draw link-preview cards as 1200 × 630 PNGs with Pillow, and keep them between builds.

The font is Lato, which MkDocs ships with its readthedocs theme (regular
and bold): nothing is fetched when a card is drawn or seen, and Lato covers
Latin, Greek and Cyrillic text and the circles of the rating scales. Level
symbols it lacks (✓ ✗ ◐ ★ ☆ …) are drawn as shapes, never as a missing-glyph
box; a character of text it lacks is drawn as "?". Without MkDocs' copy,
Pillow's own Aileron (ASCII only) stands in. Text is laid out with FreeType
alone (no Raqm) and saved with fixed PNG settings and no metadata, so the
same card gives the same bytes on every machine with the same packages.

Drawing a card takes about twenty milliseconds, far more than building its
page, so each picture is kept in .build/cards/ under the hash of what it
shows, in a folder named by DRAWING_VERSION (this module's code and the
versions of Pillow and MkDocs): a build draws only the cards whose content
or drawing changed and copies the rest. The cards a build lacks are drawn
in worker processes when there are enough of them to repay starting the
workers and the machine has more than one core: drawing is pure (the same
card gives the same bytes), so where a card is drawn never shows.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.resources
import io
import math
import multiprocessing
import os
import shutil
import struct
import threading
import zlib
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from versus.data.files import write_atomically
from versus.pages.cards import CARD_HEIGHT, CARD_WIDTH, Card, CardRow

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

# What the pictures depend on besides the card: this module's code, Pillow, which draws, and MkDocs,
# which ships the font. Any change of them names every picture anew, so no stale one is reused.
DRAWING_VERSION = hashlib.sha256(
    Path(__file__).read_bytes() + f";pillow {importlib.metadata.version('pillow')};mkdocs {importlib.metadata.version('mkdocs')}".encode()
).hexdigest()[:16]

# The level tints of the site's light scheme (content/assets/stylesheets/site.css, --t0 to --t4), worst to best.
TINTS = ("#f9d6d3", "#fbe3cc", "#fbf0c8", "#e5f2cf", "#c9eacd")
UNTINTED = "#eef0f4"
BACKGROUND = "#ffffff"
ACCENT = "#3f51b5"  # Material's indigo, the theme's primary colour (mkdocs.yml)
INK = "#1f2328"
MUTED = "#5a6270"
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

# Below this many cards to draw, one process draws them about as soon as workers can start and
# share the work: a card takes about twenty milliseconds.
PARALLEL_FROM = 48


@dataclass
class CardCache:
    """The cards of one build: each drawn once and kept in folder, or read back from it."""

    folder: Path
    drawn: int = 0
    reused: int = 0
    used: set[str] = field(default_factory=set)

    def png(self, card: Card) -> bytes:
        """The card's PNG: from the cache when this drawing of this card was made before."""
        return self.pngs([card])[0]

    def pngs(self, cards: Sequence[Card]) -> list[bytes]:
        """Each card's PNG, in order: those this drawing made before from the cache, the others drawn (in parallel
        when there are many) and kept."""
        if not self.used:
            self._forget_other_drawings()
        found: dict[str, bytes] = {}
        missing: dict[str, Card] = {}  # by file name: a card shown on several pages is drawn once
        for card in cards:
            name = self._name(card)
            if name in found or name in missing:
                continue
            self.used.add(name)
            kept = self._kept(name)
            if kept is not None:
                self.reused += 1
                found[name] = kept
            else:
                missing[name] = card
        for (name, _card), data in zip(missing.items(), _draw_all(list(missing.values())), strict=True):
            write_atomically(self.folder / DRAWING_VERSION / name, data)  # whole or absent, even if the build is killed
            self.drawn += 1
            found[name] = data
        return [found[self._name(card)] for card in cards]

    @staticmethod
    def _name(card: Card) -> str:
        return f"{card.key[:32]}.png"

    def _kept(self, name: str) -> bytes | None:
        """The picture kept under name, or None when it is absent or damaged (cut short by a full disk, overwritten):
        its name says what it shows, not its bytes, so a damaged one is drawn again."""
        path = self.folder / DRAWING_VERSION / name
        if path.is_file() and not path.is_symlink():
            kept = path.read_bytes()
            if _is_whole_png(kept):
                return kept
        return None

    def _forget_other_drawings(self) -> None:
        """Remove the pictures of earlier versions of the drawing, which no build will ask for again."""
        if self.folder.is_dir():
            for folder in self.folder.iterdir():
                if folder.is_dir() and folder.name != DRAWING_VERSION:
                    shutil.rmtree(folder, ignore_errors=True)


def _is_whole_png(data: bytes) -> bool:
    """True when data is a whole PNG of a card's size: the signature, then chunks whose checksums hold, up to IEND.

    A truncated, empty, foreign or overwritten file fails; walking the chunks costs a fraction of decoding them."""
    if not data.startswith(PNG_SIGNATURE):
        return False
    offset, size = len(PNG_SIGNATURE), None
    while offset + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        end = offset + 8 + length
        if end + 4 > len(data) or zlib.crc32(data[offset + 4 : end]) != struct.unpack(">I", data[end : end + 4])[0]:
            return False
        if kind == b"IHDR":
            size = struct.unpack(">II", data[offset + 8 : offset + 16])
        if kind == b"IEND":
            return end + 4 == len(data) and size == (CARD_WIDTH, CARD_HEIGHT)
        offset = end + 4
    return False


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _draw_all(cards: list[Card]) -> list[bytes]:
    """Each card drawn, in order: in worker processes, one per core, when there are enough cards to repay them."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if len(cards) < PARALLEL_FROM or cores < 2:
        return [draw(card) for card in cards]
    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        # Workers are forked: they start at once, with the fonts loaded, and never run the caller's
        # main module again (as spawned ones do). A fork copies one thread and the locks others may
        # hold, so a process with threads (the preview's server) draws alone.
        return [draw(card) for card in cards]
    workers = min(cores, len(cards) // (PARALLEL_FROM // 2))
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(draw, cards, chunksize=max(1, len(cards) // (workers * 8))))


def draw(card: Card) -> bytes:
    """The card as PNG bytes: the site's name, the title, a subtitle, then one row per value."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (CARD_WIDTH, CARD_HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, CARD_WIDTH, 12), fill=ACCENT)
    width = CARD_WIDTH - 2 * MARGIN
    y = 36
    if card.site_title != card.title:  # the home page's title is the site's
        top_line = f"{card.site_title} · {card.category}" if card.category else card.site_title
        pen.text((MARGIN, y), _fitted(top_line, _font(False, TEXT), width), font=_font(False, TEXT), fill=MUTED)
        y += LINE + 4
    title_size = TITLE if _font(True, TITLE).getlength(card.title) <= width else TITLE_LONG
    for line in _wrapped(card.title, _font(True, title_size), width, 2):
        pen.text((MARGIN, y), line, font=_font(True, title_size), fill=INK)
        y += int(title_size * 1.2)
    bottom = CARD_HEIGHT - (FOOTER_ROOM if card.footer else 36)
    if card.subtitle:
        most = 1 if card.rows else max(1, (bottom - y - 4) // LINE)
        for line in _wrapped(card.subtitle, _font(False, TEXT), width, most):
            pen.text((MARGIN, y + 4), line, font=_font(False, TEXT), fill=MUTED)
            y += LINE
    if card.rows:
        top = y + 16
        shown = _rows_that_fit(len(card.rows), bottom - top)
        more = card.more + len(card.rows) - shown
        _draw_rows(pen, card.rows[:shown], MARGIN, top, width)
        if more:
            note = f"and {more} more"
            below = top + shown * (ROW + ROW_GAP)
            pen.text((CARD_WIDTH - MARGIN - _font(False, TEXT).getlength(note), below), note, font=_font(False, TEXT), fill=MUTED)
    if card.footer:
        pen.line((MARGIN, CARD_HEIGHT - 92, CARD_WIDTH - MARGIN, CARD_HEIGHT - 92), fill=UNTINTED, width=2)
        pen.text((MARGIN, CARD_HEIGHT - 74), _fitted(card.footer, _font(True, TEXT), width), font=_font(True, TEXT), fill=INK)
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
    fill = TINTS[min(4, (row.points + 12) // 25)] if row.points is not None else UNTINTED
    pen.rounded_rectangle((x, y, x + width, y + height), radius=10, fill=fill)
    bold, regular = _font(True, size), _font(False, size)
    pad = max(12, size // 2)
    middle = y + height // 2
    right = x + width - pad
    if row.level or row.symbol:
        word = _fitted(row.level, regular, (width - 2 * pad) // 3)
        pen.text((right, middle), word, font=regular, fill=INK, anchor="rm")
        right -= int(regular.getlength(word)) + (size // 3 if word else 0)
        if row.symbol:
            right -= _draw_symbol(pen, row.symbol, right, middle, size)
        right -= pad
    if not row.value:
        pen.text((x + pad, middle), _fitted(row.name, bold, right - x - pad), font=bold, fill=INK, anchor="lm")
        return
    pen.text((x + pad, middle), _fitted(row.name, bold, name_width), font=bold, fill=INK, anchor="lm")
    start = x + pad + name_width + max(20, size)
    pen.text((start, middle), _fitted(row.value, regular, right - start), font=regular, fill=INK, anchor="lm")


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
            pen.text((x, middle), ch, font=font, fill=INK, anchor="lm")
        elif ch in SHAPES:
            SHAPES[ch](pen, (x + 2, middle - cell / 2, x + 2 + cell, middle + cell / 2), size)
        x += advance
    return int(sum(widths))


# --- Shapes for level symbols the font lacks, each drawn inside a square box (left, top, right, bottom) -------


def _check(pen: ImageDraw.ImageDraw, box: tuple[float, float, float, float], size: int) -> None:
    left, top, right, _bottom = box
    w = right - left
    pen.line(
        [(left + w * 0.08, top + w * 0.55), (left + w * 0.38, top + w * 0.85), (left + w * 0.95, top + w * 0.15)],
        fill=INK,
        width=max(3, size // 8),
    )


def _cross(pen: ImageDraw.ImageDraw, box: tuple[float, float, float, float], size: int) -> None:
    left, top, right, bottom = box
    inset = (right - left) * 0.15
    width = max(3, size // 8)
    pen.line([(left + inset, top + inset), (right - inset, bottom - inset)], fill=INK, width=width)
    pen.line([(left + inset, bottom - inset), (right - inset, top + inset)], fill=INK, width=width)


def _half(pen: ImageDraw.ImageDraw, box: tuple[float, float, float, float], size: int) -> None:
    width = max(2, size // 12)
    pen.pieslice(box, 90, 270, fill=INK)
    pen.ellipse(box, outline=INK, width=width)


def _star_points(box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    left, top, right, bottom = box
    cx, cy, outer = (left + right) / 2, (top + bottom) / 2 + (bottom - top) * 0.04, (right - left) / 2
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else outer * 0.42
        angle = math.pi / 2 + index * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    return points


def _star(pen: ImageDraw.ImageDraw, box: tuple[float, float, float, float], size: int) -> None:
    pen.polygon(_star_points(box), fill=INK)


def _hollow_star(pen: ImageDraw.ImageDraw, box: tuple[float, float, float, float], size: int) -> None:
    pen.polygon(_star_points(box), outline=INK, width=max(2, size // 14))


def _triangle(pen: ImageDraw.ImageDraw, box: tuple[float, float, float, float], size: int) -> None:
    left, top, right, bottom = box
    pen.polygon([((left + right) / 2, top), (right, bottom), (left, bottom)], fill=INK)


def _square(pen: ImageDraw.ImageDraw, box: tuple[float, float, float, float], size: int) -> None:
    inset = (box[2] - box[0]) * 0.12
    pen.rectangle((box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset), fill=INK)


def _hollow_square(pen: ImageDraw.ImageDraw, box: tuple[float, float, float, float], size: int) -> None:
    inset = (box[2] - box[0]) * 0.12
    pen.rectangle((box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset), outline=INK, width=max(2, size // 14))


def _dot(pen: ImageDraw.ImageDraw, box: tuple[float, float, float, float], size: int) -> None:
    pen.ellipse(box, fill=INK)


def _ring(pen: ImageDraw.ImageDraw, box: tuple[float, float, float, float], size: int) -> None:
    pen.ellipse(box, outline=INK, width=max(2, size // 12))


SHAPES = {
    **dict.fromkeys("✓✔☑", _check),
    **dict.fromkeys("✗✘✕✖×☒", _cross),
    **dict.fromkeys("◐◑◒◓", _half),
    **dict.fromkeys("★✦✪", _star),
    **dict.fromkeys("☆✧", _hollow_star),
    **dict.fromkeys("▲△▴", _triangle),
    **dict.fromkeys("■◼▪", _square),
    **dict.fromkeys("□◻▫", _hollow_square),
    **dict.fromkeys("●⬤•", _dot),
    **dict.fromkeys("○◯◦", _ring),
}


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
