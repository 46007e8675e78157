"""Sphere colours that stay apart on screen, for colour-blind eyes and in a greyscale print."""

from __future__ import annotations

from collections.abc import Iterable

# Twelve hues at twelve lightness levels (CIELAB L* 28…82, about 5 apart), so no two of the
# first twelve print as the same grey; ordered so that consecutive spheres differ strongly in
# lightness as well as hue. Four more for very large maps.
SPHERE_PALETTE = (
    "#0269aa",  # blue, L* 43
    "#dd673f",  # orange, 57
    "#870330",  # wine, 28
    "#0ad8a0",  # mint, 77
    "#3e8e2b",  # green, 53
    "#861e7f",  # plum, 33
    "#15b3d2",  # cyan, 67
    "#876f04",  # olive, 48
    "#d798fe",  # lilac, 72
    "#056558",  # teal, 38
    "#f76299",  # pink, 62
    "#febda7",  # peach, 82
    "#4d4d4d",
    "#a6611a",
    "#7570b3",
    "#66a61e",
)


def next_sphere_colour(used: Iterable[str]) -> str:
    """The first palette colour no sphere uses yet (cycling once all are taken)."""
    taken = {c.lower() for c in used}
    free = [c for c in SPHERE_PALETTE if c not in taken]
    return free[0] if free else SPHERE_PALETTE[len(taken) % len(SPHERE_PALETTE)]


def lightness(colour: str) -> float:
    """CIELAB L* (0 black … 100 white) of a #rrggbb colour: its grey in a print."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y
