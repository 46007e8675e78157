"""The legend, generated from what the scene draws: spheres, node sizes, ties and me."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from relmap.core.model import TieKind
from relmap.render import style
from relmap.render.scene import MapScene


class Glyph(StrEnum):
    HEADING = "heading"
    SWATCH = "swatch"  # a node in the colours given
    SIZE = "size"  # a row of node sizes
    ME = "me"
    LINE = "line"  # tie samples: widths in ``sizes``, dashed when ``dashed``
    HULL = "hull"


@dataclass(frozen=True, slots=True)
class LegendRow:
    """One legend line: a glyph and its text (``count`` shown right-aligned when set)."""

    glyph: Glyph
    text: str
    colours: tuple[str, ...] = ()
    sizes: tuple[float, ...] = ()  # node radii (scene units) or tie widths (screen px)
    dashed: bool = False
    count: int | None = None


_SIZE_NAMES = {
    "quality": "quality", "relevance": "relevance", "trust_given": "my trust",
    "trust_received": "their trust",
}


def legend_rows(scene: MapScene) -> list[LegendRow]:
    """Every legend line for ``scene``; nothing that is not drawn on the map."""
    rows = _sphere_rows(scene) + _people_rows(scene) + _tie_rows(scene)
    if scene.hulls:
        colours = tuple(dict.fromkeys(colour for colour, _ in scene.hulls))
        rows.append(LegendRow(Glyph.HULL, "Shaded area: a group in one sphere", colours[:1]))
    return rows


def _sphere_rows(scene: MapScene) -> list[LegendRow]:
    rows = [LegendRow(Glyph.SWATCH, s.name, (s.colour,), count=s.count) for s in scene.spheres]
    if scene.unsphered:
        rows.append(LegendRow(Glyph.SWATCH, "No sphere", (style.NO_SPHERE,),
                              count=scene.unsphered))
    if scene.multi_sphere:
        two = tuple(s.colour for s in scene.spheres[:2])
        rows.append(LegendRow(Glyph.SWATCH, "In several spheres", two))
    return [LegendRow(Glyph.HEADING, "Spheres"), *rows] if rows else []


def _people_rows(scene: MapScene) -> list[LegendRow]:
    rows = []
    if scene.me_row is not None:
        rows.append(LegendRow(Glyph.ME, "Me"))
    rated = sorted(r for r in scene.ratings if r is not None)
    what = _SIZE_NAMES.get(scene.size_by.value, scene.size_by.value)
    if rated:
        low, high = rated[0], rated[-1]
        sizes = tuple(style.rating_radius(r) for r in dict.fromkeys((low, high)))
        text = f"Size: {what} {low}" if low == high else f"Size: {what} {low} to {high}"
        rows.append(LegendRow(Glyph.SIZE, text, sizes=sizes))
    if None in scene.ratings:
        unrated = (style.rating_radius(None),)
        rows.append(LegendRow(Glyph.SIZE, f"Smallest: {what} not rated", sizes=unrated))
    return [LegendRow(Glyph.HEADING, "People"), *rows] if rows else []


def _tie_rows(scene: MapScene) -> list[LegendRow]:
    if not len(scene.edges):
        return []
    low, high = min(scene.edge_strengths), max(scene.edge_strengths)
    widths = tuple(dict.fromkeys((style.strength_width(low), style.strength_width(high))))
    text = f"Strength {low}" if low == high else f"Width: strength {low} to {high}"
    rows = [LegendRow(Glyph.HEADING, "Ties"), LegendRow(Glyph.LINE, text, sizes=widths)]
    solid = sorted(k for k in scene.edge_kinds if k not in style.DASHED_KINDS)
    dashed = sorted(k for k in scene.edge_kinds if k in style.DASHED_KINDS)
    mid = (style.strength_width(3),)
    if solid and dashed:
        rows.append(LegendRow(Glyph.LINE, _kinds("Solid", solid), sizes=mid))
    if dashed:
        rows.append(LegendRow(Glyph.LINE, _kinds("Dashed", dashed), sizes=mid, dashed=True))
    return rows


def _kinds(prefix: str, kinds: list[TieKind]) -> str:
    names = [k.value.replace("-", " ") for k in kinds]
    if len(names) > 3:
        names = [*names[:3], "…"]
    return f"{prefix}: {', '.join(names)}"
