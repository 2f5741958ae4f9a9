"""How wide a picture's text is drawn in a font the reader chooses: widths estimated erring wide, long text cut at a word."""

from __future__ import annotations

import functools
import unicodedata


@functools.cache
def char_width(character: str) -> float:
    """A character's width in ems, erring wide: the reader's font is unknown."""
    if unicodedata.combining(character):
        return 0.0
    if unicodedata.east_asian_width(character) in "WFA" or unicodedata.category(character) == "So":
        return 1.0
    if character == " ":
        return 0.32
    if character in "ilj.,:;'|!()[]":
        return 0.38
    if character in "MWmw@%":
        return 0.92
    if character.isupper():
        return 0.74
    return 0.58


def text_width(text: str, size: int, bold: bool = False) -> float:
    """About how many px the text is wide at size, bold text wider."""
    return sum(char_width(character) for character in text) * size * (1.12 if bold else 1.0)


def cut(text: str, room: float, size: int, bold: bool = False) -> str:
    """The text, or as many of its words as fit in `room` px followed by "…" ("TPUs via…", never
    "TPUs via Tor…"); a first word too long for the room alone is cut where the room ends."""
    if text_width(text, size, bold) <= room:
        return text
    scale = size * (1.12 if bold else 1.0)
    left = room / scale - char_width("…")
    kept = 0
    for character in text:
        left -= char_width(character)
        if left < 0:
            break
        kept += 1
    shown = text[:kept]
    if kept < len(text) and not text[kept].isspace() and " " in shown.strip():
        shown = shown[: shown.rstrip().rfind(" ")]  # back to the end of the last whole word
    return shown.rstrip(" ,;:·–—-") + "…"


def wrap_lines(text: str, room: float, size: int, bold: bool, lines: int) -> list[str]:
    """Greedy word wrap into at most `lines` lines; the last one cut when words remain."""
    words = text.split()
    space = text_width(" ", size, bold)
    shown: list[str] = []
    while words and len(shown) < lines:
        line = words.pop(0)
        used = text_width(line, size, bold)
        while words and used + space + (next_width := text_width(words[0], size, bold)) <= room:
            line += " " + words.pop(0)
            used += space + next_width
        shown.append(line)
    if words:
        shown[-1] = cut(f"{shown[-1]} {' '.join(words)}", room, size, bold)
        if not shown[-1].endswith("…"):
            shown[-1] += "…"
    return [cut(line, room, size, bold) for line in shown]
