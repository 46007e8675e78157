"""The ego layout's rings on the map (relmap.render.rings)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QGraphicsPathItem

from relmap.render.rings import LINE_ALPHA, ZONE_ALPHA, EgoRings, Ring, zone_bounds, zone_path


class RingGuides:
    """Circles around a centre, each named at the angle given, below the people; around each,
    its zone: out to halfway to the next ring."""

    def __init__(self, view: pg.ViewBox, *, z: float, label_z: float) -> None:
        self._view, self._z, self._label_z = view, z, label_z
        self._circles: list[QGraphicsEllipseItem] = []
        self._zones: list[QGraphicsPathItem] = []
        self._labels: list[pg.TextItem] = []
        self._colour, self._backdrop = QColor("#5f6873"), QColor("#ffffff")
        self.rings: list[Ring] = []
        self.centre = (0.0, 0.0)

    def show(self, centre: tuple[float, float], rings: Sequence[Ring]) -> None:
        self.centre, self.rings = centre, list(rings)
        while len(self._circles) < len(rings):
            circle = QGraphicsEllipseItem()
            circle.setZValue(self._z)
            circle.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            circle.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresParentOpacity)
            self._view.addItem(circle, ignoreBounds=True)
            zone = QGraphicsPathItem()
            zone.setZValue(self._z - 1)
            zone.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            zone.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresParentOpacity)
            zone.setPen(Qt.PenStyle.NoPen)
            self._view.addItem(zone, ignoreBounds=True)
            self._zones.append(zone)
            label = pg.TextItem(anchor=(0.5, 0.5))
            font = QFont()
            font.setPointSizeF(8.5)
            font.setItalic(True)
            label.setFont(font)
            label.setZValue(self._label_z)  # over the ties, under the people
            self._view.addItem(label, ignoreBounds=True)
            self._circles.append(circle)
            self._labels.append(label)
        x, y = centre
        bounds = zone_bounds([radius for radius, _, _ in rings])
        for circle, zone, label, (radius, name, angle), (inner, outer) in zip(
                self._circles, self._zones, self._labels, rings, bounds, strict=False):
            circle.setRect(QRectF(x - radius, y - radius, 2 * radius, 2 * radius))
            zone.setPath(zone_path(centre, inner, outer))
            label.setText(name)
            label.setPos(QPointF(x + radius * math.cos(angle), y + radius * math.sin(angle)))
            for item in (circle, zone, label):
                item.show()
        for item in [*self._circles[len(rings):], *self._zones[len(rings):],
                     *self._labels[len(rings):]]:
            item.hide()
        self._paint()

    def clear_of(self, boxes: Sequence[QRectF]) -> None:
        """Name only the rings whose name covers none of ``boxes`` (on the map): zoomed out
        on a large map, the inner ring is a few pixels across, and its name covered me."""
        for label in self._labels[:len(self.rings)]:
            label.show()
            name = label.mapRectToView(label.boundingRect())
            label.setVisible(not any(name.intersects(box) for box in boxes))

    def name_boxes(self) -> list[tuple[float, float, float, float]]:
        """Where the rings' names shown are, as (left, top, right, bottom) on the map."""
        boxes = []
        for label in self._labels[:len(self.rings)]:
            if not label.isVisible():
                continue
            r = label.mapRectToView(label.boundingRect())
            boxes.append((r.left(), r.top(), r.right(), r.bottom()))
        return boxes

    def shown(self) -> EgoRings | None:
        """The rings drawn, if any (for an export of the map as it is)."""
        return EgoRings(self.centre, tuple(self.rings)) if self.rings else None

    def zones(self) -> list[QGraphicsPathItem]:
        """The rings' zones shown, innermost first."""
        return self._zones[:len(self.rings)]

    def clear(self) -> None:
        self.show(self.centre, [])

    def set_colour(self, colour: str, backdrop: str) -> None:
        self._colour, self._backdrop = QColor(colour), QColor(backdrop)
        self._backdrop.setAlpha(200)
        self._paint()

    def _paint(self) -> None:
        line = QColor(self._colour)
        line.setAlpha(LINE_ALPHA)
        pen = QPen(line, 1.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        for circle in self._circles:
            circle.setPen(pen)
        for zone, alpha in zip(self._zones, ZONE_ALPHA, strict=False):
            shade = QColor(self._colour)
            shade.setAlpha(alpha)
            zone.setBrush(QBrush(shade))
        for label in self._labels:
            label.setColor(self._colour)
            label.fill = pg.mkBrush(self._backdrop)
            label.update()
