"""The legend, generated from what the scene draws: spheres or rating colours, node sizes,
outlines, ties and me."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from relmap import style
from relmap.analysis.tie_levels import LEVEL_WORDS
from relmap.core.i18n import named, tr
from relmap.core.model import AssessmentField, TieKind
from relmap.core.words import capital
from relmap.render.scene import MapScene


class Glyph(StrEnum):
    HEADING = "heading"
    SWATCH = "swatch"  # a node in the colours given
    SIZE = "size"  # a row of node sizes
    ME = "me"
    OUTLINE = "outline"  # nodes outlined at the widths in ``sizes`` (screen pixels)
    LINE = "line"  # tie samples: widths in ``sizes``, drawn as ``dash``
    HULL = "hull"
    RINGS = "rings"  # the ego layout's rings in their zones


@dataclass(frozen=True, slots=True)
class LegendRow:
    """One legend line: a glyph and its text (``count`` shown right-aligned when set)."""

    glyph: Glyph
    text: str
    colours: tuple[str, ...] = ()
    sizes: tuple[float, ...] = ()  # node radii (scene units) or tie widths (screen px)
    dash: style.Dash = style.Dash.SOLID
    count: int | None = None


_DECORATION_NAMES: dict[style.ColourBy, str] = {
    AssessmentField.QUALITY: "quality",
    AssessmentField.RELEVANCE: "relevance",
    AssessmentField.TRUST_GIVEN: tr("my trust"),
    AssessmentField.TRUST_RECEIVED: tr("their trust"),
    **{m: tr("{value} (fifth)").format(value=named(m)) for m in style.Measure},
    style.Group.ORGANISATION: tr("organisation"),
    style.Group.LOCATION: tr("location"),
    style.Group.INDUSTRY: tr("industry"),
}
_DASH_NAMES = {
    style.Dash.SOLID: tr("Solid"),
    style.Dash.DOT: tr("Dotted"),
    style.Dash.DASH: tr("Dashed"),
}


def legend_rows(scene: MapScene) -> list[LegendRow]:
    """Every legend line for ``scene``; nothing that is not drawn on the map."""
    rows = _sphere_rows(scene) + _people_rows(scene) + _tie_rows(scene)
    if scene.hulls:
        colours = tuple(dict.fromkeys(colour for colour, _ in scene.hulls))
        rows.append(LegendRow(Glyph.HULL, tr("Shaded area: a group in one sphere"), colours[:1]))
    if scene.rings is not None:
        rows += [LegendRow(Glyph.HEADING, tr("Rings")),
                 LegendRow(Glyph.RINGS, tr("How close we are: my trust, theirs, our tie"))]
    return rows


def _sphere_rows(scene: MapScene) -> list[LegendRow]:
    by = scene.decoration.colour_by
    if isinstance(by, style.Group) and scene.groups is not None:
        return _group_rows(scene.groups, _DECORATION_NAMES[by])
    if by is not None:
        return _colour_rows(scene, by)
    rows = [LegendRow(Glyph.SWATCH, s.name, (s.colour,), count=s.count) for s in scene.spheres]
    if scene.unsphered:
        rows.append(
            LegendRow(Glyph.SWATCH, tr("No sphere"), (style.NO_SPHERE,), count=scene.unsphered)
        )
    if scene.multi_sphere:
        two = tuple(s.colour for s in scene.spheres[:2])
        rows.append(LegendRow(Glyph.SWATCH, tr("In several spheres"), two))
    return [LegendRow(Glyph.HEADING, tr("Spheres")), *rows] if rows else []


def _colour_rows(scene: MapScene, rating: style.ColourBy) -> list[LegendRow]:
    what = _DECORATION_NAMES[rating]
    rows = [LegendRow(Glyph.SWATCH, f"{capital(what)} {r}", (style.RATING_RAMP[r - 1],))
            for r in sorted(r for r in scene.colour_ratings if r is not None)]
    if None in scene.colour_ratings:
        rows.append(
            LegendRow(
                Glyph.SWATCH,
                tr("{capitalize} not rated").format(capitalize=capital(what)),
                (style.UNRATED_FILL,),
            )
        )
    return [LegendRow(Glyph.HEADING, tr("Colour: {what}").format(what=what)), *rows] if rows else []


def _group_rows(groups: style.GroupColours, what: str) -> list[LegendRow]:
    rows = [LegendRow(Glyph.SWATCH, name, (colour,), count=count)
            for name, colour, count in groups.largest]
    if groups.other:
        rows.append(LegendRow(Glyph.SWATCH, tr("In a smaller group"), (style.OTHER_GROUP,),
                              count=groups.other))
    if groups.none:
        rows.append(LegendRow(Glyph.SWATCH, tr("Not given"), (style.NO_GROUP,),
                              count=groups.none))
    return [LegendRow(Glyph.HEADING, tr("Colour: {what}").format(what=what)), *rows] if rows else []


def _people_rows(scene: MapScene) -> list[LegendRow]:
    rows = []
    if scene.me_row is not None:
        rows.append(LegendRow(Glyph.ME, tr("Me")))
    rows += _size_rows(scene) + _outline_rows(scene)
    return [LegendRow(Glyph.HEADING, tr("People")), *rows] if rows else []


def _size_rows(scene: MapScene) -> list[LegendRow]:
    if scene.decoration.size_by is None:
        return []
    rows = []
    rated = sorted(r for r in scene.ratings if r is not None)
    what = _DECORATION_NAMES[scene.decoration.size_by]
    if rated:
        low, high = rated[0], rated[-1]
        sizes = tuple(style.rating_radius(r) for r in dict.fromkeys((low, high)))
        text = (
            tr("Size: {what} {low}").format(what=what, low=low)
            if low == high
            else tr("Size: {what} {low} to {high}").format(what=what, low=low, high=high)
        )
        rows.append(LegendRow(Glyph.SIZE, text, sizes=sizes))
    if None in scene.ratings:
        unrated = (style.rating_radius(None),)
        rows.append(
            LegendRow(Glyph.SIZE, tr("Smallest: {what} not rated").format(what=what), sizes=unrated)
        )
    return rows


def _outline_rows(scene: MapScene) -> list[LegendRow]:
    if scene.decoration.outline_by is style.Upkeep.CADENCE:
        return [
            LegendRow(
                Glyph.OUTLINE,
                tr("Ring: {cadence_words}").format(cadence_words=style.CADENCE_WORDS[status]),
                colours=(style.CADENCE_RINGS[status],),
                sizes=(style.CADENCE_RING_PX[status],),
            )
            for status in style.CADENCE_RINGS
            if status in scene.statuses
        ]
    rated = sorted(r for r in scene.outline_ratings if r is not None)
    if not isinstance(scene.decoration.outline_by, AssessmentField) or not rated:
        return []
    what = _DECORATION_NAMES[scene.decoration.outline_by]
    low, high = rated[0], rated[-1]
    widths = tuple(style.outline_width(r) for r in dict.fromkeys((low, high)))
    text = (
        tr("Outline: {what} {low}").format(what=what, low=low)
        if low == high
        else tr("Outline: {what} {low} to {high}").format(what=what, low=low, high=high)
    )
    return [LegendRow(Glyph.OUTLINE, text, sizes=widths)]


def _tie_rows(scene: MapScene) -> list[LegendRow]:
    if not len(scene.edges):
        return []
    low, high = min(scene.edge_strengths), max(scene.edge_strengths)
    widths = tuple(dict.fromkeys((style.strength_width(low), style.strength_width(high))))
    text = (
        tr("Strength {low}").format(low=low)
        if low == high
        else tr("Width: strength {low} to {high}").format(low=low, high=high)
    )
    rows = [LegendRow(Glyph.HEADING, tr("Ties")), LegendRow(Glyph.LINE, text, sizes=widths)]
    by_dash = {dash: sorted(k for k in scene.edge_kinds if style.TIE_DASH[k] is dash)
               for dash in style.Dash}
    drawn = {dash: kinds for dash, kinds in by_dash.items() if kinds}
    mid = (style.strength_width(3),)
    if list(drawn) != [style.Dash.SOLID]:  # all solid needs no key
        rows += [LegendRow(Glyph.LINE, _kinds(_DASH_NAMES[dash], kinds), sizes=mid, dash=dash)
                 for dash, kinds in drawn.items()]
    which = scene.decoration.tie_colour_by
    if which is not None:
        rows += [
            LegendRow(
                Glyph.LINE,
                tr("Tie to me: {level_words}").format(level_words=LEVEL_WORDS[which][level]),
                colours=(style.TIE_RAMPS[which][level],),
                sizes=mid,
            )
            for level in sorted(scene.edge_levels)
        ]
    return rows


def _kinds(prefix: str, kinds: list[TieKind]) -> str:
    names = [k.value.replace("-", " ") for k in kinds]
    if len(names) > 3:
        names = [*names[:3], "…"]
    return f"{prefix}: {', '.join(names)}"
