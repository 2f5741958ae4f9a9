"""Keep link-preview cards between builds, by what they show, and draw the missing ones, in parallel when there are many.

Drawing a card takes about twenty milliseconds, far more than building its
page, so each picture is kept in .build/cards/ under the hash of what it
shows and of the accent it is drawn with, in a folder named by
DRAWING_VERSION (the drawing's code and the versions of Pillow and MkDocs):
a build draws only the cards whose content or drawing changed and copies
the rest. The cards a build lacks are drawn in worker processes when there
are enough of them to repay starting the workers and the machine has more
than one core: drawing is pure (the same card gives the same bytes), so
where a card is drawn never shows.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import shutil
import struct
import zlib
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from versus.data.files import write_atomically
from versus.forked import can_fork, cores
from versus.pages.card_drawing import DRAWING_VERSION, draw
from versus.pages.cards import CARD_HEIGHT, CARD_WIDTH, Card
from versus.pages.look import DEFAULT_ACCENT

# Below this many cards to draw, one process draws them about as soon as workers can start and
# share the work: a card takes about twenty milliseconds.
PARALLEL_FROM = 48
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass
class CardCache:
    """The cards of one build: each drawn once and kept in folder, or read back from it."""

    folder: Path
    drawn: int = 0
    reused: int = 0
    used: set[str] = field(default_factory=set)

    def png(self, card: Card, accent: str = DEFAULT_ACCENT) -> bytes:
        """The card's PNG: from the cache when this drawing of this card was made before."""
        return self.pngs([card], accent)[0]

    def pngs(self, cards: Sequence[Card], accent: str = DEFAULT_ACCENT) -> list[bytes]:
        """Each card's PNG with its accent bar in `accent`, in order: those this drawing made before from the cache,
        the others drawn (in parallel when there are many) and kept."""
        if not self.used:
            self._forget_other_drawings()
        found: dict[str, bytes] = {}
        missing: dict[str, Card] = {}  # by file name: a card shown on several pages is drawn once
        for card in cards:
            name = self._name(card, accent)
            if name in found or name in missing:
                continue
            self.used.add(name)
            kept = self._kept(name)
            if kept is not None:
                self.reused += 1
                found[name] = kept
            else:
                missing[name] = card
        for (name, _card), data in zip(missing.items(), _draw_all(list(missing.values()), accent), strict=True):
            write_atomically(self.folder / DRAWING_VERSION / name, data)  # whole or absent, even if the build is killed
            self.drawn += 1
            found[name] = data
        return [found[self._name(card, accent)] for card in cards]

    @staticmethod
    def _name(card: Card, accent: str) -> str:
        if accent == DEFAULT_ACCENT:
            return f"{card.key[:32]}.png"
        return f"{hashlib.sha256(f'{card.key};{accent}'.encode()).hexdigest()[:32]}.png"

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


def _draw_all(cards: list[Card], accent: str) -> list[bytes]:
    """Each card drawn, in order: in worker processes, one per core, when there are enough cards to repay them."""
    drawing = functools.partial(draw, accent=accent)
    if len(cards) < PARALLEL_FROM or not can_fork():
        # Workers are forked: they start at once, with the fonts loaded, and never run the caller's
        # main module again (as spawned ones do); where that cannot be, this process draws alone.
        return [drawing(card) for card in cards]
    workers = min(cores(), len(cards) // (PARALLEL_FROM // 2))
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(drawing, cards, chunksize=max(1, len(cards) // (workers * 8))))
