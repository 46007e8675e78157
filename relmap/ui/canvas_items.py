"""Graphics items of the map canvas: the view box, the draggable nodes, the edge layers."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsItem

from relmap.render.style import edge_colour


class MapViewBox(pg.ViewBox):  # type: ignore[misc]
    """A view box that reports clicks on empty canvas and keeps an equal aspect ratio."""

    sig_background_clicked = Signal(object)  # the QPointF in scene units

    def __init__(self) -> None:
        super().__init__(lockAspect=True, enableMenu=False, invertY=True)
        self.setMouseMode(pg.ViewBox.PanMode)

    def mouseClickEvent(self, ev: object) -> None:
        if ev.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            ev.accept()  # type: ignore[attr-defined]
            self.sig_background_clicked.emit(self.mapSceneToView(ev.scenePos()))  # type: ignore[attr-defined]
        else:
            super().mouseClickEvent(ev)


class DragHandler:
    """What the canvas does during a node drag: start at a row, follow, finish or cancel."""

    def __init__(
        self,
        start: Callable[[int], None],
        move: Callable[[np.ndarray], None],
        finish: Callable[[], None],
    ) -> None:
        self.start, self.move, self.finish = start, move, finish


class NodesItem(pg.ScatterPlotItem):  # type: ignore[misc]
    """All nodes in one item; dragging a node hands the gesture to the canvas.

    Clicks and drags that hit no node are ignored, so the view box pans instead.
    """

    sig_node_clicked = Signal(int, object)  # row, keyboard modifiers

    def __init__(self, handler: DragHandler) -> None:
        super().__init__(pxMode=False, antialias=True)
        self._handler = handler
        self._offset = np.zeros(2)
        self._dragging = False
        # A node drag repaints only the moving overlay; the rest is a cached pixmap.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def row_at(self, pos: QPointF) -> int | None:
        points = self.pointsAt(pos)
        return int(points[-1].index()) if len(points) else None

    def mouseClickEvent(self, ev: object) -> None:
        row = self.row_at(ev.pos())  # type: ignore[attr-defined]
        if row is None or ev.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            ev.ignore()  # type: ignore[attr-defined]
            return
        ev.accept()  # type: ignore[attr-defined]
        self.sig_node_clicked.emit(row, ev.modifiers())  # type: ignore[attr-defined]

    def mouseDragEvent(self, ev: object) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            ev.ignore()  # type: ignore[attr-defined]
            return
        if ev.isStart():  # type: ignore[attr-defined]
            down = ev.buttonDownPos()  # type: ignore[attr-defined]
            row = self.row_at(down)
            if row is None:
                ev.ignore()  # type: ignore[attr-defined]
                return
            self._dragging = True
            self._offset = np.array(
                [self.data["x"][row] - down.x(), self.data["y"][row] - down.y()]
            )
            self._handler.start(row)
        elif not self._dragging:
            ev.ignore()  # type: ignore[attr-defined]
            return
        ev.accept()  # type: ignore[attr-defined]
        pos = ev.pos()  # type: ignore[attr-defined]
        self._handler.move(np.array([pos.x(), pos.y()]) + self._offset)
        if ev.isFinish():  # type: ignore[attr-defined]
            self._dragging = False
            self._handler.finish()


class EdgeLayers:
    """Edges drawn as one ``connect='pairs'`` curve per (width, dash) class: few items, no
    per-edge pens."""

    def __init__(self, view: pg.ViewBox, *, z: float, cached: bool = True) -> None:
        self._view, self._z, self._cached = view, z, cached
        self._curves: dict[tuple[float, bool], pg.PlotCurveItem] = {}

    def set_edges(
        self, pos: np.ndarray, edges: np.ndarray, widths: np.ndarray, dashed: np.ndarray
    ) -> None:
        """Draw ``edges`` (rows into ``pos``) with the given pen width and dash per edge."""
        keys = set(zip(widths.tolist(), dashed.tolist(), strict=True))
        for key in list(self._curves):
            if key not in keys:
                self._view.removeItem(self._curves.pop(key))
        for width, dash in keys:
            mask = (widths == width) & (dashed == dash)
            ends = pos[edges[mask]]  # (k, 2 ends, 2 coords)
            curve = self._curves.get((width, dash)) or self._add(width, dash)
            curve.setData(ends[:, :, 0].ravel(), ends[:, :, 1].ravel(), connect="pairs")

    def clear(self) -> None:
        for curve in self._curves.values():
            self._view.removeItem(curve)
        self._curves.clear()

    def _add(self, width: float, dash: bool) -> pg.PlotCurveItem:
        pen = QPen(edge_colour())
        pen.setWidthF(width)
        pen.setCosmetic(True)
        if dash:
            pen.setStyle(Qt.PenStyle.DashLine)
        curve = pg.PlotCurveItem(pen=pen, antialias=True)
        curve.setZValue(self._z)
        if self._cached:
            curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._view.addItem(curve)
        self._curves[(width, dash)] = curve
        return curve
