"""Shapes for the level symbols the cards' font lacks (✓ ✗ ◐ ★ …), each drawn inside a square box, never a missing-glyph box."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import ImageDraw

Box = tuple[float, float, float, float]  # left, top, right, bottom


def _check(pen: ImageDraw.ImageDraw, box: Box, size: int, ink: str) -> None:
    left, top, right, _bottom = box
    w = right - left
    pen.line(
        [(left + w * 0.08, top + w * 0.55), (left + w * 0.38, top + w * 0.85), (left + w * 0.95, top + w * 0.15)],
        fill=ink,
        width=max(3, size // 8),
    )


def _cross(pen: ImageDraw.ImageDraw, box: Box, size: int, ink: str) -> None:
    left, top, right, bottom = box
    inset = (right - left) * 0.15
    width = max(3, size // 8)
    pen.line([(left + inset, top + inset), (right - inset, bottom - inset)], fill=ink, width=width)
    pen.line([(left + inset, bottom - inset), (right - inset, top + inset)], fill=ink, width=width)


def _half(pen: ImageDraw.ImageDraw, box: Box, size: int, ink: str) -> None:
    width = max(2, size // 12)
    pen.pieslice(box, 90, 270, fill=ink)
    pen.ellipse(box, outline=ink, width=width)


def _star_points(box: Box) -> list[tuple[float, float]]:
    left, top, right, bottom = box
    cx, cy, outer = (left + right) / 2, (top + bottom) / 2 + (bottom - top) * 0.04, (right - left) / 2
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else outer * 0.42
        angle = math.pi / 2 + index * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    return points


def _star(pen: ImageDraw.ImageDraw, box: Box, size: int, ink: str) -> None:
    pen.polygon(_star_points(box), fill=ink)


def _hollow_star(pen: ImageDraw.ImageDraw, box: Box, size: int, ink: str) -> None:
    pen.polygon(_star_points(box), outline=ink, width=max(2, size // 14))


def _triangle(pen: ImageDraw.ImageDraw, box: Box, size: int, ink: str) -> None:
    left, top, right, bottom = box
    pen.polygon([((left + right) / 2, top), (right, bottom), (left, bottom)], fill=ink)


def _square(pen: ImageDraw.ImageDraw, box: Box, size: int, ink: str) -> None:
    inset = (box[2] - box[0]) * 0.12
    pen.rectangle((box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset), fill=ink)


def _hollow_square(pen: ImageDraw.ImageDraw, box: Box, size: int, ink: str) -> None:
    inset = (box[2] - box[0]) * 0.12
    pen.rectangle((box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset), outline=ink, width=max(2, size // 14))


def _dot(pen: ImageDraw.ImageDraw, box: Box, size: int, ink: str) -> None:
    pen.ellipse(box, fill=ink)


def _ring(pen: ImageDraw.ImageDraw, box: Box, size: int, ink: str) -> None:
    pen.ellipse(box, outline=ink, width=max(2, size // 12))


Shape = Callable[["ImageDraw.ImageDraw", Box, int, str], None]  # pen, box, font size, ink

SHAPES: dict[str, Shape] = {
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
