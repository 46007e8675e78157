"""Graphics items of the map canvas: the view box (pan, rubber band) and the node item."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem

from relmap.style import NODE_OUTLINE_PX, SELECTED
from relmap.ui.canvas.layers import disc_box, painted_part, wedge

BAND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class Gesture(Protocol):
    """A drag that started on a node: it follows the cursor, then finishes or is cancelled."""

    def move(self, at: np.ndarray) -> None: ...

    def finish(self, at: np.ndarray, row: int | None) -> None: ...


GestureFactory = Callable[[int, Qt.KeyboardModifier, np.ndarray], Gesture | None]


Wedges = tuple[QBrush, ...]  # the pie segments over a node in several spheres: one each


DOT_UP_TO_PX = 2.0  # a node drawn smaller is a dot of its fill colour (render_disc)
DOT_MIN_PX = 1.0


def render_disc(brush: QBrush, pen: QPen, radius_px: float, dpr: float = 1.0,
                wedges: Wedges = ()) -> QPixmap:
    """A disc of ``radius_px`` screen pixels with its outline (and ``wedges`` over it),
    centred in a square pixmap with ``dpr`` device pixels per screen pixel (sharp on
    high-density screens).

    A disc under DOT_UP_TO_PX with the plain outline is a dot of its fill alone, DOT_MIN_PX
    at least: the outline would cover it, and a large map seen whole would read as white
    specks on grey ties instead of its spheres' colours. An outline that says something (my
    ring, a stay-in-touch status, a rating) is kept, and shows even then."""
    if radius_px < DOT_UP_TO_PX and pen.widthF() <= NODE_OUTLINE_PX:
        radius_px, pen, wedges = max(radius_px, DOT_MIN_PX), QPen(Qt.PenStyle.NoPen), ()
    side = int(np.ceil(2 * radius_px + pen.widthF() + 2))
    sprite = QPixmap(int(np.ceil(side * dpr)), int(np.ceil(side * dpr)))
    sprite.setDevicePixelRatio(dpr)
    sprite.fill(Qt.GlobalColor.transparent)
    painter = QPainter(sprite)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(brush)
    painter.setPen(pen)
    painter.drawEllipse(QPointF(side / 2, side / 2), radius_px, radius_px)
    _draw_wedges(painter, QPointF(side / 2, side / 2), radius_px, wedges)
    painter.end()
    return sprite


def _draw_wedges(painter: QPainter, centre: QPointF, radius_px: float, wedges: Wedges) -> None:
    """One pie segment per brush of ``wedges`` over the disc at ``centre``."""
    if not wedges:
        return
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.translate(centre)
    painter.scale(2 * radius_px, 2 * radius_px)  # the segments are of a unit-size disc
    for i, fill in enumerate(wedges):
        painter.setBrush(fill)
        painter.drawPath(wedge(i, len(wedges)))
    painter.restore()


def _look_index(
    style: NodeStyle, radius: float, wedges: Wedges, looks: list[Look],
    by_value: dict[tuple[object, ...], int],
) -> int:
    """The index in ``looks`` of a node drawn like ``style`` at ``radius`` with ``wedges``,
    added if new."""
    brush, pen = style
    key = (brush.color().rgba(), brush.style(), pen.color().rgba(), pen.widthF(), pen.style(),
           radius, tuple(w.color().rgba() for w in wedges))
    if key not in by_value:
        by_value[key] = len(looks)
        looks.append((style, radius, wedges))
    return by_value[key]


def _xy(point: QPointF) -> np.ndarray:
    return np.array([point.x(), point.y()])


class MapViewBox(pg.ViewBox):  # type: ignore[misc]
    """Pans on a plain drag; Ctrl- or Shift-drag on the background draws a rubber band."""

    sig_background_clicked = Signal(object)  # the QPointF in scene units
    sig_background_double_clicked = Signal(object)  # QPointF in scene units
    sig_context_requested = Signal(object, object)  # QPointF scene units, QPoint on screen
    sig_rubber_band = Signal(object, object)  # QRectF in scene units, keyboard modifiers
    sig_panning = Signal()  # a drag is about to move the view

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
            self.sig_panning.emit()
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


NodeStyle = tuple[QBrush, QPen]
Look = tuple[NodeStyle, float, Wedges]  # how a node is drawn: style, radius, pie segments
RowLooks = tuple[Sequence[NodeStyle], np.ndarray, Sequence[Wedges]]  # of some rows, each
GRAB_PX = 4.0  # a press this close to a node (screen pixels) takes it
_SPRITE_MAX_PX = 160.0  # larger nodes (close zoom, few on screen) are drawn as shapes
_SPRITES_KEPT = 2048


class NodesItem(pg.GraphicsObject):  # type: ignore[misc]
    """All nodes in one item, painted as pre-rendered sprites; a drag that starts on a node
    becomes a gesture of the canvas.

    A node is a disc of ``radius`` scene units filled with its brush and outlined with its
    cosmetic pen. Each distinct (brush, pen, size in pixels) is rendered once, antialiased,
    and then copied to every node that looks like it: painting 10,000 nodes costs 10,000
    pixmap copies (a few hundredths of a second) instead of as many antialiased outlines.
    Clicks and drags that hit no node are ignored, so the view box pans instead.
    """

    sig_node_clicked = Signal(int, object)  # row, keyboard modifiers
    sig_node_double_clicked = Signal(int)
    sig_node_context = Signal(int, object)  # row, QPoint on screen

    def __init__(self, gestures: GestureFactory) -> None:
        super().__init__()
        self._gestures = gestures
        self._gesture: Gesture | None = None
        self.pos = np.zeros((0, 2))
        self.radius = np.zeros(0)
        self.visible = np.zeros(0, dtype=bool)
        self._looks: list[Look] = []  # distinct (style, radius, wedges)
        self._look_of = np.zeros(0, dtype=np.intp)  # row -> index into _looks
        self._by_value: dict[tuple[object, ...], int] = {}  # each look's index, by its values
        self._sprites: dict[tuple[int, float, float], QPixmap] = {}
        # Where each sprite goes, in one array Qt reads as it is: a large map's thousands of
        # sprites are drawn in one call per look instead of one call each.
        self._fragments = pg.Qt.internals.PrimitiveArray(QPainter.PixmapFragment, 10)
        self._bounds = QRectF()
        self._bounds_radius = 0.0  # the radius of each disc in the bounds
        # A node drag repaints only the moving overlay; the rest is a cached pixmap.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect

    def set_nodes(
        self,
        pos: np.ndarray,
        radius: np.ndarray,
        styles: Sequence[NodeStyle],
        visible: np.ndarray,
        wedges: Sequence[Wedges] | None = None,
    ) -> None:
        """Show node ``i`` at ``pos[i]`` with ``radius[i]`` and ``styles[i]`` if ``visible[i]``,
        with the pie segments ``wedges[i]`` over it (a person in several spheres).

        The segments are part of the node: a drag that hides a few nodes repaints only
        around them, as it does for the others.
        """
        self.pos, self.radius = np.asarray(pos, dtype=float), np.asarray(radius, dtype=float)
        self.visible = np.asarray(visible, dtype=bool)
        self._looks, self._by_value = [], {}
        self._look_of = self._look_indices(styles, self.radius, wedges)
        self._sprites.clear()
        self._fit_bounds()
        self.update()

    def _look_indices(self, styles: Sequence[NodeStyle], radius: np.ndarray,
                      wedges: Sequence[Wedges] | None) -> np.ndarray:
        """The index in ``_looks`` of each node drawn so, looks not seen yet added."""
        by_object: dict[tuple[int, int, int, float], int] = {}  # mostly shared objects
        look_of = []
        for style, r, pie in zip(styles, radius.tolist(), wedges or [()] * len(styles),
                                 strict=True):
            key = (id(style[0]), id(style[1]), id(pie), r)
            look = by_object.get(key)
            if look is None:
                look = by_object[key] = _look_index(style, r, pie, self._looks, self._by_value)
            look_of.append(look)
        return np.array(look_of, dtype=np.intp)

    def set_rows(self, rows: np.ndarray, *, visible: bool | np.ndarray,
                 pos: np.ndarray | None = None, looks: RowLooks | None = None) -> None:
        """Show or hide a few ``rows`` (at ``pos``, and drawn as ``looks``, if given): what
        a drag does at its start and end, or an edit of a few people, without restyling
        every node of a large map.

        Only where those rows were and are is painted again: the cached rendering of the
        rest of a large map is kept."""
        if not len(rows):
            return  # an update of no rectangle would paint the whole map again
        dirty = self._discs(rows)
        if pos is not None:
            self.pos[rows] = pos
        if looks is not None:
            styles, radius, wedges = looks
            self.radius[rows] = radius
            self._look_of[rows] = self._look_indices(styles, np.asarray(radius), wedges)
        self.visible[rows] = visible
        if self._holds(rows):  # the bounds kept, though maybe a little large
            self.update(dirty.united(self._discs(rows)))
        else:
            self._fit_bounds()
            self.update()

    def add_rows(self, count: int) -> None:
        """``count`` rows after the others, hidden until :meth:`set_rows` shows them: people
        added to a large map are drawn without restyling everyone."""
        self.pos = np.vstack([self.pos, np.zeros((count, 2))])
        self.radius = np.concatenate([self.radius, np.zeros(count)])
        self.visible = np.concatenate([self.visible, np.zeros(count, dtype=bool)])
        self._look_of = np.concatenate([self._look_of, np.zeros(count, dtype=np.intp)])

    def remove_rows(self, keep: np.ndarray) -> None:
        """Keep only the rows where ``keep``, drawn as they were; where the others were is
        painted again."""
        dirty = self._discs(np.flatnonzero(~keep))
        self.pos, self.radius, self.visible, self._look_of = (
            self.pos[keep], self.radius[keep], self.visible[keep], self._look_of[keep])
        self.update(dirty)

    def _discs(self, rows: np.ndarray) -> QRectF:
        """The smallest rectangle around the sprites of ``rows`` as drawn: their discs, half
        their widest outline and the pixel :func:`render_disc` leaves around it, and a pixel
        more for where a sprite falls between pixels (my ring is 3.5 pixels wide)."""
        box = disc_box(self.pos[rows], self.radius[rows])
        looks = self._looks  # rows just added have none yet
        widest = max((looks[i][0][1].widthF() for i in np.unique(self._look_of[rows]).tolist()
                      if i < len(looks)), default=0.0)
        pad = (widest / 2 + 2) * float(self.pixelLength(QPointF(1.0, 0.0)) or 0.0)
        return box if box.isNull() else box.adjusted(-pad, -pad, pad, pad)

    def _fit_bounds(self) -> None:
        """Bounds around every shown disc, each as large as the largest."""
        self.prepareGeometryChange()
        self._bounds_radius = float(self.radius[self.visible].max(initial=0.0))
        self._bounds = disc_box(self.pos[self.visible], self._bounds_radius)
        self.informViewBoundsChanged()

    def _holds(self, rows: np.ndarray) -> bool:
        """Whether the bounds still hold every shown disc, only ``rows`` changed since they
        were fitted: a look at those alone, where fitting them took 15 ms of a drop on a
        100,000-person map."""
        shown = rows[self.visible[rows]]
        if not len(shown):
            return True
        return bool(self.radius[shown].max() <= self._bounds_radius) and self._bounds.contains(
            disc_box(self.pos[shown], self._bounds_radius))

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def dataBounds(
        self, ax: int, frac: float = 1.0, orthoRange: object = None  # noqa: N803 (pyqtgraph's)
    ) -> tuple[float, float] | tuple[None, None]:
        if self._bounds.isEmpty():
            return None, None
        if ax == 0:
            return self._bounds.left(), self._bounds.right()
        return self._bounds.top(), self._bounds.bottom()

    def pixelPadding(self) -> float:
        return 0.0

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem | None, widget: object = None
    ) -> None:
        rows = np.flatnonzero(self.visible & self._inside(painter, option))
        if not len(rows):
            return
        dpr = painter.device().devicePixelRatioF() if painter.device() else 1.0
        t = painter.transform()
        scale = float(np.sqrt(abs(t.determinant())))  # the view keeps x and y alike
        xy = self.pos[rows]
        device = np.column_stack(
            (t.m11() * xy[:, 0] + t.m21() * xy[:, 1] + t.dx(),
             t.m12() * xy[:, 0] + t.m22() * xy[:, 1] + t.dy())
        )
        painter.save()
        painter.resetTransform()
        looks = self._look_of[rows]
        # Outlines that say something (my ring, a stay-in-touch status) over the plain ones,
        # where a map seen whole packs people together.
        for look in sorted(np.unique(looks).tolist(), key=lambda i: self._looks[i][0][1].widthF()):
            (brush, pen), r, pie = self._looks[look]
            at = device[looks == look]
            size = r * scale
            if size > _SPRITE_MAX_PX:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                for x, y in at.tolist():
                    painter.setBrush(brush)
                    painter.setPen(pen)
                    painter.drawEllipse(QPointF(x, y), size, size)
                    _draw_wedges(painter, QPointF(x, y), size, pie)
                continue
            sprite = self._sprite(look, size, dpr)
            self._fragments.resize(len(at))
            fragments = self._fragments.ndarray()  # centre, the whole sprite, its scale
            fragments[:, 0:2] = at
            fragments[:, 2:6] = (0, 0, sprite.width(), sprite.height())
            shrink = 1 / sprite.devicePixelRatio()
            fragments[:, 6:10] = (shrink, shrink, 0.0, 1.0)
            array, count = self._fragments.drawargs()
            painter.drawPixmapFragments(array, count, sprite)
        painter.restore()

    def _inside(self, painter: QPainter, option: QStyleOptionGraphicsItem | None) -> np.ndarray:
        """Rows whose disc meets the part of the item being painted."""
        rect, r = painted_part(painter, option), self.radius
        if rect.isEmpty():
            return np.ones(len(self.pos), dtype=bool)
        x, y = self.pos[:, 0], self.pos[:, 1]
        return ((x + r >= rect.left()) & (x - r <= rect.right())
                & (y + r >= rect.top()) & (y - r <= rect.bottom()))

    def _sprite(self, look: int, size: float, dpr: float) -> QPixmap:
        key = (look, round(size, 1), dpr)
        sprite = self._sprites.get(key)
        if sprite is None:
            if len(self._sprites) > _SPRITES_KEPT:
                self._sprites.clear()
            (brush, pen), _, pie = self._looks[look]
            sprite = self._sprites[key] = render_disc(brush, pen, key[1], dpr, pie)
        return sprite

    def row_at(self, pos: QPointF, reach: float = 0.0) -> int | None:
        """The topmost visible node under ``pos`` (item coordinates), by distance to its
        centre; else the visible node whose rim is nearest, if within ``reach``."""
        if not len(self.pos):
            return None
        gap = np.hypot(self.pos[:, 0] - pos.x(), self.pos[:, 1] - pos.y()) - self.radius
        hits = np.flatnonzero((gap <= 0) & self.visible)
        if len(hits) or reach <= 0:
            return int(hits[-1]) if len(hits) else None
        gap[~self.visible] = np.inf
        nearest = int(np.argmin(gap))
        return nearest if gap[nearest] <= reach else None

    def _grabbed(self, pos: QPointF) -> int | None:
        """The node a press at ``pos`` takes: a large map's overview draws people a pixel or
        two wide, so one within ``GRAB_PX`` of the pointer will do."""
        pixel = self.pixelLength(QPointF(1.0, 0.0))
        return self.row_at(pos, GRAB_PX * float(pixel) if pixel else 0.0)

    def mouseClickEvent(self, ev: object) -> None:
        row = self._grabbed(ev.pos())  # type: ignore[attr-defined]
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
            row = self._grabbed(down)
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
