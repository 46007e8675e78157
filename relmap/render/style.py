"""Style rules shared by the canvas and the exported map: colours, node sizes, edge widths."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from relmap.core.model import AssessmentField, Person, Tie, TieKind
from relmap.core.network import Network

# Okabe–Ito and Tableau-derived hues, ordered so neighbours differ in hue and in lightness.
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#004488",
    "#ddaa33",
    "#bb5566",
    "#117733",
    "#aa4499",
    "#332288",
)
NO_SPHERE = "#a4abb3"
ME_FILL = "#20242a"
ME_RING = "#f2b705"
EDGE = "#7d8590"
SELECTED = "#ff3b30"

NODE_RADIUS = 8.0
ME_RADIUS = 16.0


@dataclass(frozen=True, slots=True)
class MapStyle:
    """Which rating drives node size; the user picks it in the decoration menu."""

    size_by: AssessmentField = AssessmentField.QUALITY


def node_radius(person: Person, style: MapStyle = MapStyle()) -> float:
    """Radius in scene units: unrated people are small, a 5 is twice a 1."""
    if person.is_me:
        return ME_RADIUS
    return rating_radius(person.assessment.rating(style.size_by))


def rating_radius(rating: int | None) -> float:
    """Radius in scene units of a (not me) node with this size rating."""
    if rating is None:
        return NODE_RADIUS * 0.8
    return NODE_RADIUS * (0.7 + 0.25 * rating)


def sphere_colours(person: Person, network: Network) -> list[str]:
    """The colour of each sphere the person belongs to, in a stable order (by sphere id)."""
    return [network.spheres[s].colour for s in sorted(person.spheres) if s in network.spheres]


def node_colour(person: Person, network: Network) -> str:
    if person.is_me:
        return ME_FILL
    colours = sphere_colours(person, network)
    return colours[0] if colours else NO_SPHERE


def edge_width(tie: Tie) -> float:
    """Pen width in device pixels (cosmetic): strength 1 is a hairline, 5 is bold."""
    return strength_width(tie.strength)


def strength_width(strength: int) -> float:
    """Pen width in screen pixels of a tie of this strength (1–5)."""
    return 0.6 + 0.55 * (strength - 1)


DASHED_KINDS = frozenset({TieKind.INTRODUCED, TieKind.OTHER})


def edge_colour(alpha: int = 150) -> QColor:
    colour = QColor(EDGE)
    colour.setAlpha(alpha)
    return colour


# Outline widths of the node glyphs, in screen pixels (the export converts them at 96 px/inch).
NODE_OUTLINE_PX = 1.2
ME_RING_PX = 3.5
HULL_ALPHA = 28  # fill opacity (0–255) of a sphere hull; its outline is a little stronger
SCREEN_DPI = 96.0
