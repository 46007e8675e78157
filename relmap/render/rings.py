"""The ego layout's rings, as the canvas and an exported map draw them: a circle per closeness
band around me, named, in a zone of its own shaded the darker the closer it is to me."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from relmap.core.i18n import tr

Ring = tuple[float, str, float]  # radius in scene units, the band's name, where to name it
# The ego layout's closeness bands (relmap.layout.ego.ring_of), innermost first.
RING_NAMES = (tr("Inner circle"), tr("Close"), tr("Known"), tr("Acquaintances"), tr("Distant"))
# How opaque each ring's zone is, innermost first: the ties cross the rings near me, where the
# lines alone were lost among them.
ZONE_ALPHA = (48, 34, 23, 14, 8)
LINE_ALPHA = 110  # the rings' dashed lines


@dataclass(frozen=True, slots=True)
class EgoRings:
    """The rings around ``centre`` (scene units), innermost first."""

    centre: tuple[float, float]
    rings: tuple[Ring, ...]

    @classmethod
    def of_bands(cls, centre: tuple[float, float],
                 bands: Sequence[tuple[float, int, float]]) -> EgoRings:
        """The rings of ``bands`` (radius, closeness band, where to name it:
        document.placement.ego_rings), named."""
        return cls(centre, tuple((radius, RING_NAMES[band], at) for radius, band, at in bands))


def zone_bounds(radii: Sequence[float]) -> list[tuple[float, float]]:
    """The inner and outer radius of each ring's zone: from halfway to the ring inside it (me,
    for the first) to halfway to the ring outside it (for the last, half as far out as it is
    in: the zone needs the room on the page)."""
    if not radii:
        return []
    halves = [(a + b) / 2 for a, b in pairwise(radii)]
    last = radii[-1] + (radii[-1] - halves[-1] if halves else radii[-1]) / 2
    return list(zip([0.0, *halves], [*halves, last], strict=True))


def zone_path(centre: tuple[float, float], inner: float, outer: float) -> QPainterPath:
    """A ring's zone around ``centre``: the circle of radius ``outer`` less that of ``inner``."""
    path = QPainterPath()
    for radius in (outer, inner):
        path.addEllipse(QPointF(*centre), radius, radius)
    return path


def paint_rings(painter: QPainter, centre: tuple[float, float], radii: Sequence[float],
                colour: str, width: float, *, line: Qt.PenStyle = Qt.PenStyle.DashLine,
                shade: int = 1) -> None:
    """Rings of ``radii`` around ``centre`` in ``colour``, each in its zone
    (:func:`zone_bounds`), ``shade`` times as opaque as on the map (a legend's sample, a few
    pixels wide, needs it darker), the circles ``width`` wide."""
    painter.setPen(Qt.PenStyle.NoPen)
    for (inner, outer), alpha in zip(zone_bounds(radii), ZONE_ALPHA, strict=False):
        fill = QColor(colour)
        fill.setAlpha(shade * alpha)
        painter.setBrush(fill)
        painter.drawPath(zone_path(centre, inner, outer))
    circle = QColor(colour)
    circle.setAlpha(LINE_ALPHA)
    painter.setPen(QPen(circle, width, line))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for radius in radii:
        painter.drawEllipse(QPointF(*centre), radius, radius)
