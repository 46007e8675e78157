"""The pan-and-zoom view under the map canvas: keyboard navigation and framing."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPixmap, QWheelEvent
from PySide6.QtWidgets import QGraphicsItem, QWidget

from relmap.ui.canvas.items import MapViewBox
from relmap.ui.canvas.layers import MAP_BACKGROUND

ZOOM_STEP = 1.25
PAINT_WAIT_MS = 250  # after_paint's callbacks run by then even if nothing was painted
SETTLE_MS = 180  # a preview ends this long after the last wheel step or drag move
PAN_STEP = 0.1  # share of the visible width per arrow key


MIN_SPAN = 480.0  # scene units: about twenty people side by side


class PanZoomView(pg.GraphicsView):  # type: ignore[misc]
    """A GraphicsView around one ``MapViewBox``: + and - zoom, arrows pan, 0 or Home fits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background=MAP_BACKGROUND)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view = MapViewBox()
        self.setCentralItem(self.view)
        self._backdrop: QPixmap | None = None
        self._frozen: list[QGraphicsItem] = []
        self.preview_moves = False  # large maps: move a picture first, redraw when it rests
        self.settle_ms = SETTLE_MS  # how long the view must rest before it is redrawn
        self._preview_of: QRectF | None = None  # the part of the map the backdrop shows
        self._settle = QTimer(self, singleShot=True)
        self._settle.timeout.connect(self.end_preview)
        self.view.sig_panning.connect(self._preview)
        self._after_paint: list[Callable[[], None]] = []
        self._paint_wait = QTimer(self, singleShot=True, interval=PAINT_WAIT_MS)
        self._paint_wait.timeout.connect(self._painted)

    def after_paint(self, then: Callable[[], None]) -> None:
        """Call ``then`` once the view has next been painted (or after PAINT_WAIT_MS, if it
        is not: a hidden window)."""
        self._after_paint.append(then)
        self._paint_wait.start()
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._after_paint:  # every frame of a drag comes here: nothing else to do then
            self._painted()

    def _painted(self) -> None:
        self._paint_wait.stop()
        waiting, self._after_paint = self._after_paint, []
        for then in waiting:
            then()

    def freeze(self, live: Iterable[QGraphicsItem]) -> None:
        """Until ``thaw``, paint every item but ``live`` as one pixmap behind them.

        A drag frame then costs one blit plus the few moving items, however large the map:
        compositing a cached pixmap per layer grows with the number of layers. The frozen
        items are made transparent rather than hidden: hiding drops an item's cached
        rendering, and redrawing 50,000 ties after the drag took half a second.
        """
        self.end_preview()
        keep = [item for item in live if item.isVisible()]
        for item in keep:
            item.setVisible(False)
        self._backdrop = self.viewport().grab()
        for item in keep:
            item.setVisible(True)
        moving = set(keep)
        self._frozen = [
            item for item in self.view.childGroup.childItems()
            if item.isVisible() and item not in moving
        ]
        for item in self._frozen:
            item.setOpacity(0.0)
        self.resetCachedContent()  # pyqtgraph caches the background; it is the backdrop now

    def thaw(self) -> None:
        for item in self._frozen:
            item.setOpacity(1.0)
        self._frozen, self._backdrop = [], None
        self.resetCachedContent()
        self.viewport().update()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._preview()
        super().wheelEvent(event)

    def _preview(self) -> None:
        """Zooming or panning a large map: show the picture as it is, moved and scaled,
        until the view rests.

        Redrawing 50,000 ties costs a few hundred milliseconds per wheel step; a scaled
        picture costs one blit. Everything is redrawn once the view rests for ``settle_ms``.
        """
        if not self.preview_moves or (self._frozen and self._preview_of is None):
            return  # a small map, or a drag holds the picture
        if self._preview_of is None:
            rect = self.view.viewRect()
            self.freeze(())
            self._preview_of = rect
        self._settle.start(self.settle_ms)

    @property
    def previewing(self) -> bool:
        """True while a zoom or pan shows the picture instead of redrawing."""
        return self._preview_of is not None

    def end_preview(self) -> None:
        """Redraw the view as it is now (at once, instead of when it rests)."""
        if self._preview_of is not None:
            self._preview_of = None
            self.thaw()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawBackground(painter, rect)
        if self._backdrop is None:
            return
        painter.save()
        painter.resetTransform()
        if self._preview_of is None:
            painter.drawPixmap(0, 0, self._backdrop)
        else:
            shown = self._preview_of
            corners = [self.mapFromScene(self.view.mapViewToScene(p))
                       for p in (shown.topLeft(), shown.bottomRight())]
            target = QRectF(corners[0].toPointF(), corners[1].toPointF()).normalized()
            painter.drawPixmap(target, self._backdrop, QRectF(self._backdrop.rect()))
        painter.restore()

    def pixel(self) -> float:
        """The size of one screen pixel in scene units."""
        return float(self.view.viewRect().width() / max(1.0, self.view.width()))

    def frame(self, pos: np.ndarray, pad: float) -> None:
        """Show every point of ``pos`` with ``pad`` scene units around them, and at least
        ``MIN_SPAN`` units across (one person alone is not blown up to fill the view)."""
        if len(pos):
            lo, hi = pos.min(axis=0) - pad, pos.max(axis=0) + pad
            grow = np.maximum(MIN_SPAN - (hi - lo), 0) / 2
            lo, hi = lo - grow, hi + grow
            self.view.setRange(xRange=(lo[0], hi[0]), yRange=(lo[1], hi[1]), padding=0.02)

    def centre_at(self, x: float, y: float) -> None:
        rect = self.view.viewRect()
        self.view.setRange(
            xRange=(x - rect.width() / 2, x + rect.width() / 2),
            yRange=(y - rect.height() / 2, y + rect.height() / 2),
            padding=0,
        )

    def zoom(self, factor: float) -> None:
        self._preview()
        self.view.scaleBy((1 / factor, 1 / factor))

    def fit(self) -> None:
        """Frame the whole map (subclasses know what that is)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        rect = self.view.viewRect()
        step_x, step_y = rect.width() * PAN_STEP, rect.height() * PAN_STEP
        pans: dict[int, tuple[float, float]] = {
            Qt.Key.Key_Left: (-step_x, 0),
            Qt.Key.Key_Right: (step_x, 0),
            Qt.Key.Key_Up: (0, -step_y),
            Qt.Key.Key_Down: (0, step_y),
        }
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / ZOOM_STEP)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit()
        elif key in pans:
            self.view.translateBy(x=pans[key][0], y=pans[key][1])
        else:
            super().keyPressEvent(event)
