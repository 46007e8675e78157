"""Graphics items of the map canvas: the view box (pan, rubber band) and the node item."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from relmap.render.style import SELECTED

BAND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class Gesture(Protocol):
    """A drag that started on a node: it follows the cursor, then finishes or is cancelled."""

    def move(self, at: np.ndarray) -> None: ...

    def finish(self, at: np.ndarray, row: int | None) -> None: ...


GestureFactory = Callable[[int, Qt.KeyboardModifier, np.ndarray], Gesture | None]


def _xy(point: QPointF) -> np.ndarray:
    return np.array([point.x(), point.y()])


class MapViewBox(pg.ViewBox):  # type: ignore[misc]
    """Pans on a plain drag; Ctrl- or Shift-drag on the background draws a rubber band."""

    sig_background_clicked = Signal(object)  # the QPointF in scene units
    sig_background_double_clicked = Signal(object)  # QPointF in scene units
    sig_context_requested = Signal(object, object)  # QPointF scene units, QPoint on screen
    sig_rubber_band = Signal(object, object)  # QRectF in scene units, keyboard modifiers

    def __init__(self) -> None:
        super().__init__(lockAspect=True, enableMenu=False, invertY=True)
        self.setMouseMode(pg.ViewBox.PanMode)
        self._band = QGraphicsRectItem()
        colour = QColor(SELECTED)
        pen = QPen(colour)
        pen.setCosmetic(True)
        pen.setStyle(Qt.PenStyle.DashLine)
        colour.setAlpha(30)
        self._band.setPen(pen)
        self._band.setBrush(QBrush(colour))
        self._band.setZValue(40)
        self._band.hide()
        self.addItem(self._band, ignoreBounds=True)
        self._banding = False

    def mouseClickEvent(self, ev: object) -> None:
        at = self.mapSceneToView(ev.scenePos())  # type: ignore[attr-defined]
        button = ev.button()  # type: ignore[attr-defined]
        if button == Qt.MouseButton.LeftButton:
            ev.accept()  # type: ignore[attr-defined]
            if ev.double():  # type: ignore[attr-defined]
                self.sig_background_double_clicked.emit(at)
            else:
                self.sig_background_clicked.emit(at)
        elif button == Qt.MouseButton.RightButton:
            ev.accept()  # type: ignore[attr-defined]
            self.sig_context_requested.emit(at, ev.screenPos().toPoint())  # type: ignore[attr-defined]
        else:
            super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev: object, axis: int | None = None) -> None:
        left = ev.button() == Qt.MouseButton.LeftButton  # type: ignore[attr-defined]
        if ev.isStart():  # type: ignore[attr-defined]
            self._banding = left and bool(ev.modifiers() & BAND_MODIFIERS)  # type: ignore[attr-defined]
        if not self._banding:
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()  # type: ignore[attr-defined]
        start = self.mapToView(ev.buttonDownPos())  # type: ignore[attr-defined]
        rect = QRectF(start, self.mapToView(ev.pos())).normalized()  # type: ignore[attr-defined]
        self._band.setRect(rect)
        self._band.show()
        if ev.isFinish():  # type: ignore[attr-defined]
            self._banding = False
            self._band.hide()
            self.sig_rubber_band.emit(rect, ev.modifiers())  # type: ignore[attr-defined]


class NodesItem(pg.ScatterPlotItem):  # type: ignore[misc]
    """All nodes in one item; a drag that starts on a node becomes a gesture of the canvas.

    Clicks and drags that hit no node are ignored, so the view box pans instead.
    """

    sig_node_clicked = Signal(int, object)  # row, keyboard modifiers
    sig_node_double_clicked = Signal(int)
    sig_node_context = Signal(int, object)  # row, QPoint on screen

    def __init__(self, gestures: GestureFactory) -> None:
        super().__init__(pxMode=False, antialias=True)
        self._gestures = gestures
        self._gesture: Gesture | None = None
        # A node drag repaints only the moving overlay; the rest is a cached pixmap.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def row_at(self, pos: QPointF) -> int | None:
        """The topmost visible node under ``pos`` (item coordinates), by distance to its centre."""
        hits = np.flatnonzero(self._maskAt(pos))
        if not len(hits):
            return None
        x, y = self.data["x"][hits], self.data["y"][hits]
        inside = np.hypot(x - pos.x(), y - pos.y()) <= self.data["size"][hits] / 2
        return int(hits[inside][-1]) if inside.any() else None

    def mouseClickEvent(self, ev: object) -> None:
        row = self.row_at(ev.pos())  # type: ignore[attr-defined]
        button = ev.button()  # type: ignore[attr-defined]
        if row is None or button not in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            ev.ignore()  # type: ignore[attr-defined]
            return
        ev.accept()  # type: ignore[attr-defined]
        if button == Qt.MouseButton.RightButton:
            self.sig_node_context.emit(row, ev.screenPos().toPoint())  # type: ignore[attr-defined]
        elif ev.double():  # type: ignore[attr-defined]
            self.sig_node_double_clicked.emit(row)
        else:
            self.sig_node_clicked.emit(row, ev.modifiers())  # type: ignore[attr-defined]

    def mouseDragEvent(self, ev: object) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            ev.ignore()  # type: ignore[attr-defined]
            return
        at = _xy(ev.pos())  # type: ignore[attr-defined]
        if ev.isStart():  # type: ignore[attr-defined]
            down = ev.buttonDownPos()  # type: ignore[attr-defined]
            row = self.row_at(down)
            gesture = None if row is None else self._gestures(row, ev.modifiers(), _xy(down))  # type: ignore[attr-defined]
            if gesture is None:
                ev.ignore()  # type: ignore[attr-defined]
                return
            self._gesture = gesture
        elif self._gesture is None:
            ev.ignore()  # type: ignore[attr-defined]
            return
        ev.accept()  # type: ignore[attr-defined]
        gesture = self._gesture
        gesture.move(at)
        if ev.isFinish():  # type: ignore[attr-defined]
            self._gesture = None
            gesture.finish(at, self.row_at(ev.pos()))  # type: ignore[attr-defined]
