"""The ego layout's rings on the map: a faint circle per closeness band around me, named."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem

from relmap.core.i18n import tr

Ring = tuple[float, str, float]  # radius in scene units, the band's name, where to name it
# The ego layout's closeness bands (relmap.layout.ego.ring_of), innermost first.
RING_NAMES = (tr("Inner circle"), tr("Close"), tr("Known"), tr("Acquaintances"), tr("Distant"))


class RingGuides:
    """Circles around a centre, each named at the angle given, below the people."""

    def __init__(self, view: pg.ViewBox, *, z: float, label_z: float) -> None:
        self._view, self._z, self._label_z = view, z, label_z
        self._circles: list[QGraphicsEllipseItem] = []
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
        for circle, label, (radius, name, angle) in zip(self._circles, self._labels, rings,
                                                        strict=False):
            circle.setRect(QRectF(x - radius, y - radius, 2 * radius, 2 * radius))
            label.setText(name)
            label.setPos(QPointF(x + radius * math.cos(angle), y + radius * math.sin(angle)))
            circle.show()
            label.show()
        for item in [*self._circles[len(rings):], *self._labels[len(rings):]]:
            item.hide()
        self._paint()

    def name_boxes(self) -> list[tuple[float, float, float, float]]:
        """Where the rings' names are, as (left, top, right, bottom) on the map."""
        boxes = []
        for label in self._labels[:len(self.rings)]:
            r = label.mapRectToView(label.boundingRect())
            boxes.append((r.left(), r.top(), r.right(), r.bottom()))
        return boxes

    def clear(self) -> None:
        self.show(self.centre, [])

    def set_colour(self, colour: str, backdrop: str) -> None:
        self._colour, self._backdrop = QColor(colour), QColor(backdrop)
        self._backdrop.setAlpha(200)
        self._paint()

    def _paint(self) -> None:
        line = QColor(self._colour)
        line.setAlpha(110)
        pen = QPen(line, 1.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        for circle in self._circles:
            circle.setPen(pen)
        for label in self._labels:
            label.setColor(self._colour)
            label.fill = pg.mkBrush(self._backdrop)
            label.update()

