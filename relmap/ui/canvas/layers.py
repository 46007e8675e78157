"""Drawing layers of the canvas: edges by pen class, sphere segments, sphere hulls."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache, reduce
from typing import NamedTuple

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from relmap.render.glyphs import dash_phases, draw_segments, segment_spans
from relmap.render.hulls import hull_colours, polygon_path
from relmap.render.theme import PEN_STYLE, mixed
from relmap.style import EDGE, TIE_DASH, Dash

# (width in screen pixels, Qt.PenStyle value, alpha 0-255, #rrggbb)
EdgeKey = tuple[float, int, int, str]
WEDGE_SCALE = 0.92  # wedges stop short of the rim so the node's outline stays visible
FADED_ALPHA, EDGE_ALPHA = 40, 150
THIN_DASHED_PX = 1.5  # aliased dashed ties narrower than this are drawn one pixel wide
# A pen's dashed ties that cover the picture of their layer more than this many times over
# are drawn solid: each dash is stroked apart, and the 100,000 ties to me crossing a view
# zoomed in on me took 20 s. Dashes so dense are not told apart anyway. At the overview of
# the 10,000-person demo map the densest dashed layer covers its picture 0.6 times.
DASHED_COVER = 1.0
MAP_BACKGROUND = "#f7f8fa"
SOLID, DASH, DOT = (int(PEN_STYLE[d].value) for d in (Dash.SOLID, Dash.DASH, Dash.DOT))
KIND_DASH = {kind: int(PEN_STYLE[dash].value) for kind, dash in TIE_DASH.items()}


class _CachedItem(pg.GraphicsObject):  # type: ignore[misc]
    """An item drawn in a cosmetic pen inside a box (scene units), which tells what changed
    (:meth:`_changed`) so that its cached picture is repainted only there."""

    def __init__(self) -> None:
        super().__init__()
        self._box = QRectF()  # around what is drawn, without the pen
        self._pixel = 0.0  # scene units per screen pixel, when last seen
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def _pen_px(self) -> float:
        """The pen's width in screen pixels."""
        raise NotImplementedError

    def _changed(self, box: Callable[[], QRectF], where: QRectF | None) -> None:
        """Now drawn inside ``box()`` (worked out only if needed: on a large map, a pass over
        every segment); if ``where`` is given, nothing changed outside it."""
        if where is not None and (where.isNull() or self._box.contains(where)
                                  or self._box.contains(box())):
            if not where.isNull():  # the box is kept, though it may now be a little large
                pad = self._pad()
                self.update(where.adjusted(-pad, -pad, pad, pad))
            return
        self.prepareGeometryChange()
        self._box = box()
        # Repainted in full, and its cached picture dropped with it: a layer that grew after
        # a partial repaint was once seen to keep the old picture.
        mode = self.cacheMode()
        self.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        self.setCacheMode(mode)
        self.update()

    def _pad(self) -> float:
        """Half the pen's width and a pixel more, in scene units (at the zoom last seen)."""
        if not self._pixel:
            self._pixel = float(self.pixelLength(QPointF(1.0, 0.0)) or 0.0)
        return (self._pen_px() / 2 + 1.0) * self._pixel

    def boundingRect(self) -> QRectF:
        if self._box.isNull():
            return QRectF()
        pad = self._pad()
        return self._box.adjusted(-pad, -pad, pad, pad)

    def viewTransformChanged(self) -> None:
        super().viewTransformChanged()
        pixel = float(self.pixelLength(QPointF(1.0, 0.0)) or 0.0)
        if pixel != self._pixel:  # a zoom: the pen's width in scene units changed
            self.prepareGeometryChange()
            self._pixel = pixel


class SegmentsItem(_CachedItem):
    """Line segments in one cosmetic pen, as one item that paints only the segments meeting
    the part being painted.

    A cached layer then repaints just the rectangle where a few segments changed (``set_ends``
    with ``where``): a drag on a large map redraws the dragged person's ties and what crosses
    them, instead of every tie.
    """

    def __init__(self, pen: QPen, *, smooth: bool) -> None:
        super().__init__()
        self.pen, self.smooth = pen, smooth
        self.ends = np.zeros((0, 2, 2))
        self._drawn = 0  # counts the ends set
        self._dense: tuple[tuple[object, ...], bool] = ((), False)  # see _too_dense

    def set_ends(self, ends: np.ndarray, where: QRectF | None = None) -> None:
        """Draw ``ends`` ``(s, 2, 2)``; if ``where`` is given, nothing changed outside it."""
        self.ends = ends
        self._drawn += 1
        self._changed(lambda: segment_box(ends), where)

    def set_pen(self, pen: QPen, *, smooth: bool) -> None:
        self.pen, self.smooth = pen, smooth
        self.update()

    def _pen_px(self) -> float:
        return float(self.pen.widthF())

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem | None,
              widget: object = None) -> None:
        if not len(self.ends):
            return
        held = held_part(painter)
        rect = painted_part(painter, option, held)
        ends, phases, pen = self.ends, None, self.pen
        dashed = bool(dash_period(pen))
        if not (rect.isEmpty() or rect.contains(self.boundingRect())):
            pad = self._pad()
            ends, whole = clipped(self.ends, rect.adjusted(-pad, -pad, pad, pad), pen,
                                  self._pixel)
            if dashed:  # at the phases of the whole ties
                phases = dash_phases(self.ends[whole])
        if dashed and self._pixel and self._too_dense(held):
            pen, phases = QPen(pen), None
            pen.setStyle(Qt.PenStyle.SolidLine)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.smooth)
        painter.setPen(pen)
        draw_segments(painter, ends, phases)

    def _too_dense(self, held: QRectF) -> bool:
        """True when the ties cover the picture they are painted into (``held``; all of
        them if empty) more than DASHED_COVER times over.

        Judged on the whole picture, not on the part repainted, so that a part repainted
        alone (a drag) is drawn as the rest was; and once for each picture and set of ties.
        """
        key = (self._drawn, self._pixel, held.getRect())
        if self._dense[0] != key:
            area, ends = self.boundingRect(), self.ends
            if not (held.isEmpty() or held.contains(area)):
                area, ends = held, clipped(ends, held, self.pen, self._pixel)[0]
            cover = pixels(ends, self._pixel) * self._pixel**2 / max(
                area.width() * area.height(), self._pixel**2)
            self._dense = (key, cover > DASHED_COVER)
        return self._dense[1]


def held_part(painter: QPainter) -> QRectF:
    """The part of the item's coordinates that the painter's device holds (empty if not
    known), counted in device pixels: the whole of it, or more."""
    device = painter.device()
    inverse, invertible = painter.worldTransform().inverted()
    if device is None or not invertible:
        return QRectF()
    return inverse.mapRect(QRectF(0, 0, device.width(), device.height()))


def painted_part(painter: QPainter, option: QStyleOptionGraphicsItem | None,
                 held: QRectF | None = None) -> QRectF:
    """The part of an item being painted, in its coordinates: the exposed rectangle, within
    what the painter's device holds (``held``, if :func:`held_part` gave it already; empty:
    all of it).

    After a zoom Qt exposes the whole of a cached item, though only the part in the view is
    painted into its picture: zoomed in on a large map, every tie and node was drawn, and
    clipped away.
    """
    rect = QRectF() if option is None else option.exposedRect
    held = held_part(painter) if held is None else held
    if rect.isEmpty() or held.isEmpty():
        return rect
    return rect & held if rect.intersects(held) else held  # (the painter clips it all away)


def pixels(ends: np.ndarray, pixel: float) -> float:
    """How many pixels long segments ``ends`` ``(s, 2, 2)`` are in all, at ``pixel`` scene
    units per pixel (along the longer axis, as Qt draws them)."""
    return float(np.abs(ends[:, 1] - ends[:, 0]).max(axis=1, initial=0.0).sum()) / pixel


def dash_period(pen: QPen) -> float:
    """How many pixels ``pen``'s dash pattern takes before it starts again (0 if solid): its
    pattern is in units of its width, a pixel at least."""
    if pen.style() == Qt.PenStyle.SolidLine:
        return 0.0
    return float(sum(pen.dashPattern())) * max(pen.widthF(), 1.0)


def dash_length(step: np.ndarray, pen: QPen) -> np.ndarray:
    """How far ``pen``'s dash pattern runs along segments ``step`` ``(s, 2)`` long: a
    pen a pixel wide counts the pixels along the longer axis, as Qt draws it."""
    length: np.ndarray = (np.abs(step).max(axis=1) if pen.widthF() <= 1.0
                          else np.sqrt(np.einsum("ij,ij->i", step, step)))
    return length


def clipped(ends: np.ndarray, rect: QRectF, pen: QPen, pixel: float
            ) -> tuple[np.ndarray, np.ndarray]:
    """The parts of segments ``ends`` ``(s, 2, 2)`` in ``rect``, those outside left out, and
    the index in ``ends`` of the segment of each.

    Qt lays the dashes along a whole segment even where none shows, so drawing a long dashed
    tie to repaint a small rectangle cost as much as drawing all of it. Each part starts a
    whole number of dash periods of ``pen`` (at ``pixel`` scene units per pixel) from its
    segment's start, so its dashes fall where the whole segment's do.
    """
    (x0, y0), (x1, y1) = ends[:, 0].T, ends[:, 1].T
    meets = np.flatnonzero(
        (np.maximum(x0, x1) >= rect.left()) & (np.minimum(x0, x1) <= rect.right())
        & (np.maximum(y0, y1) >= rect.top()) & (np.minimum(y0, y1) <= rect.bottom()))
    near = ends.take(meets, axis=0)  # rows by index: a third faster than by a mask
    start = near[:, 0]
    step = near[:, 1] - start
    lo, hi = np.zeros(len(start)), np.ones(len(start))
    with np.errstate(divide="ignore", invalid="ignore"):
        for axis, low, high in ((0, rect.left(), rect.right()), (1, rect.top(), rect.bottom())):
            a = (low - start[:, axis]) / step[:, axis]
            b = (high - start[:, axis]) / step[:, axis]
            across = step[:, axis] != 0  # a segment along the edge is inside: it met the rect
            lo = np.where(across, np.maximum(lo, np.minimum(a, b)), lo)
            hi = np.where(across, np.minimum(hi, np.maximum(a, b)), hi)
    period = dash_period(pen) * pixel
    if period > 0:
        length = dash_length(step, pen)
        lo = np.floor(lo * length / period) * period / np.where(length > 0, length, 1.0)
    keep = np.flatnonzero(lo < hi)
    lo, hi = lo[keep, None], hi[keep, None]
    start, step = start.take(keep, axis=0), step.take(keep, axis=0)
    parts = np.empty((len(keep), 2, 2))
    np.multiply(lo, step, out=parts[:, 0])
    np.multiply(hi, step, out=parts[:, 1])
    parts += start[:, None]
    return parts, meets[keep]


def segment_box(ends: np.ndarray) -> QRectF:
    """The smallest rectangle holding every end of ``ends`` ``(s, 2, 2)`` (null if none)."""
    return disc_box(ends.reshape(-1, 2), 0.0)


def disc_box(xy: np.ndarray, radius: np.ndarray | float) -> QRectF:
    """The smallest rectangle around discs of ``radius`` (one, or one each) centred on the
    points ``xy`` ``(n, 2)`` (null if there are none)."""
    if not len(xy):
        return QRectF()
    r = np.reshape(radius, (-1, 1))
    (x0, y0), (x1, y1) = (xy - r).min(axis=0), (xy + r).max(axis=0)
    return QRectF(float(x0), float(y0), float(x1 - x0), float(y1 - y0))


class EdgeLayers:
    """Edges drawn as one item of segments per pen class: few items, no per-edge pens."""

    def __init__(
        self, view: pg.ViewBox, *, z: float, cached: bool = True, smooth: bool = True
    ) -> None:
        self._view, self._z, self._cached, self._smooth = view, z, cached, smooth
        self._curves: dict[EdgeKey, SegmentsItem] = {}

    def set_segments(
        self, segments: np.ndarray, classes: np.ndarray, keys: Sequence[EdgeKey],
        where: Mapping[EdgeKey, QRectF] | None = None, fresh: np.ndarray | None = None,
    ) -> None:
        """Draw ``segments`` ``(s, 2, 2)``; segment ``i`` uses the pen ``keys[classes[i]]``,
        and is left out if its class is ``len(keys)``. If ``where`` is given, nothing of a
        pen changed outside ``where[pen]`` since the last call (scene units; a pen not in it:
        anywhere): cached layers repaint only that rectangle. If ``fresh`` flags the segments
        that are new since the last call (the others kept in order), a pen without any that
        has as many as before keeps them, and a pen with some repaints, neither after
        comparing its segments."""
        count = np.bincount(classes, minlength=len(keys))
        used = np.flatnonzero(count[: len(keys)]).tolist()
        wanted = {keys[c] for c in used}
        for key in list(self._curves):
            if key not in wanted:
                self._view.removeItem(self._curves.pop(key))
        # Segments by class through one sort (a radix sort, on small integers): a mask per
        # class took twice as long on a large map.
        order = np.argsort(classes.astype(np.int16), kind="stable")
        end = np.cumsum(count)
        renewed = None if fresh is None else set(np.unique(classes[fresh]).tolist())
        for c in used:
            curve = self._curves.get(keys[c])
            if renewed is not None and c not in renewed and curve is not None \
                    and len(curve.ends) == count[c]:
                continue
            # take: a third of the time of indexing, for the 450,000 segments of a pen
            ends = np.take(segments, order[end[c] - count[c]:end[c]], axis=0)
            if curve is None:
                self._add(keys[c]).set_ends(ends)
            elif renewed is not None or not np.array_equal(ends, curve.ends):
                # Only the pens whose ties changed repaint (``where``): a drag on a large map
                # touches a few of the fifteen; the others keep their cached rendering.
                curve.set_ends(ends, None if where is None else where.get(keys[c]))

    @property
    def drawn(self) -> int:
        """How many segments are drawn."""
        return sum(len(curve.ends) for curve in self._curves.values())

    def set_smooth(self, on: bool) -> None:
        """Antialiased, translucent lines (on) or fast ones for large maps (off).

        Qt fills a translucent path as one shape so that its overlaps do not darken, which
        costs over a second for 50,000 lines; an opaque pen in the colour the translucent
        line has over the map's background draws them in a few hundredths of a second.
        """
        if on != self._smooth:
            self._smooth = on
            for key, curve in self._curves.items():
                curve.set_pen(self._pen(key), smooth=on)

    def clear(self) -> None:
        for curve in self._curves.values():
            self._view.removeItem(curve)
        self._curves.clear()

    def _pen(self, key: EdgeKey) -> QPen:
        width, dash, alpha, colour = key
        if self._smooth:
            qcolour = QColor(colour)
            qcolour.setAlpha(alpha)
        else:
            qcolour = mixed(colour, alpha, MAP_BACKGROUND)
        pen = QPen(qcolour)
        pen.setWidthF(width)
        pen.setCosmetic(True)
        pen.setStyle(Qt.PenStyle(dash))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if not self._smooth and dash != SOLID and 1.0 < width < THIN_DASHED_PX:
            # Aliased, it looks much the same one pixel wide, and Qt draws a dashed line of one
            # pixel five times as fast as a wider one. The dashes keep their length.
            pattern = [length * width for length in pen.dashPattern()]
            pen.setWidthF(1.0)
            pen.setDashPattern(pattern)
        return pen

    def _add(self, key: EdgeKey) -> SegmentsItem:
        curve = SegmentsItem(self._pen(key), smooth=self._smooth)
        curve.setZValue(self._z)
        if self._cached:
            curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._view.addItem(curve)
        self._curves[key] = curve
        return curve


@lru_cache(maxsize=64)
def wedge(index: int, count: int) -> QPainterPath:
    """Pie segment ``index`` of ``count`` as a unit-size symbol (pyqtgraph scales it)."""
    start, span = segment_spans(count)[index]
    half = 0.5 * WEDGE_SCALE
    path = QPainterPath()
    path.moveTo(0.0, 0.0)
    path.arcTo(QRectF(-half, -half, 2 * half, 2 * half), start / 16, span / 16)
    path.closeSubpath()
    return path


_NO_PEN = QPen(Qt.PenStyle.NoPen)


@lru_cache(maxsize=256)
def wedge_fill(colour: str, alpha: int) -> QBrush:
    fill = QColor(colour)
    fill.setAlpha(alpha)
    return QBrush(fill)


class SegmentsLayer:
    """Draws one pie segment per sphere over the dragged nodes of people in several spheres
    (the nodes at rest draw theirs: ``NodesItem``)."""

    def __init__(self, view: pg.ViewBox, *, z: float) -> None:
        self.item = pg.ScatterPlotItem(pxMode=False, antialias=True)
        self.item.setZValue(z)
        self.item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        view.addItem(self.item)

    def set_segments(
        self,
        pos: np.ndarray,
        radius: np.ndarray,
        rows: Sequence[int],
        colours: Sequence[Sequence[str]],
        alpha: np.ndarray,
    ) -> None:
        """Segments for ``rows`` whose ``colours`` (by row) hold more than one colour."""
        spots: list[dict[str, object]] = []
        for r in rows:
            cs = colours[r]
            if len(cs) < 2:
                continue
            at, size = (float(pos[r, 0]), float(pos[r, 1])), 2 * float(radius[r])
            for i, colour in enumerate(cs):
                spots.append(
                    {
                        "pos": at,
                        "size": size,
                        "symbol": wedge(i, len(cs)),
                        "brush": wedge_fill(colour, int(alpha[r])),
                        "pen": _NO_PEN,
                    }
                )
        self.item.setData(spots)

    def clear(self) -> None:
        self.item.clear()


class HullLayer(_CachedItem):
    """Translucent hulls around each sphere's members, below the edges: one item for all of
    them, painting only the hulls that meet the part being painted.

    A large map has a thousand or more small hulls; as many items, each with a cached
    picture of its own, cost every repaint, drag start and drop their compositing.
    """

    def __init__(self, view: pg.ViewBox, *, z: float) -> None:
        super().__init__()
        self.setZValue(z)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        view.addItem(self, ignoreBounds=True)
        self._hulls: list[_Hull] = []  # in the order they are painted

    def set_hulls(self, hulls: Sequence[tuple[str, np.ndarray]]) -> None:
        """Show ``hulls`` (colour, polygon), painted in their order. A hull that is the same
        array as before, in the same colour and order among the others kept, keeps its
        outline: only where the others are, or were, is painted again (a drop recomputes the
        hulls of the moved people's spheres only)."""
        was = {id(hull.polygon): i for i, hull in enumerate(self._hulls)}
        shown: list[_Hull] = []
        changed, last = QRectF(), -1
        for colour, polygon in hulls:
            i = was.pop(id(polygon), -1)
            if i > last and self._hulls[i].colour == colour:  # kept, in the same order
                last = i
                shown.append(self._hulls[i])
                continue
            path = polygon_path(polygon)
            shown.append(_Hull(colour, polygon, path, path.boundingRect()))
            changed |= shown[-1].box
        for i in was.values():  # gone
            changed |= self._hulls[i].box
        self._hulls = shown
        self._changed(lambda: reduce(operator.or_, (h.box for h in shown), QRectF()), changed)

    @property
    def paths(self) -> list[QPainterPath]:
        """Each hull's outline, as drawn."""
        return [hull.path for hull in self._hulls]

    @property
    def shown(self) -> int:
        return len(self._hulls)

    def _pen_px(self) -> float:
        return _HULL_PEN

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem | None,
              widget: object = None) -> None:
        rect = painted_part(painter, option)
        for hull in self._hulls:
            if rect.isEmpty() or rect.intersects(hull.box):
                pen, brush = _hull_look(hull.colour)
                painter.setPen(pen)
                painter.setBrush(brush)
                painter.drawPath(hull.path)


class _Hull(NamedTuple):
    colour: str
    polygon: np.ndarray
    path: QPainterPath  # its outline
    box: QRectF  # around the outline


_HULL_PEN = 1.2  # the outline's width in pixels


@lru_cache(maxsize=64)
def _hull_look(colour: str) -> tuple[QPen, QBrush]:
    """The outline and fill of a hull of ``colour``."""
    fill, line = hull_colours(colour)
    pen = QPen(line)
    pen.setCosmetic(True)
    pen.setWidthF(_HULL_PEN)
    return pen, QBrush(fill)


def edge_codes(
    widths: np.ndarray,
    dashes: np.ndarray,
    tones: np.ndarray,
    faded: np.ndarray,
    edges: np.ndarray,
    *,
    solid: bool = False,
) -> np.ndarray:
    """One integer per drawn edge naming its pen class (width, dash, tone, faded); see
    edge_key. Tone 0 is the plain tie colour, 1–5 the reciprocity ramp."""
    width = np.round(widths[edges] * 100).astype(np.int64)
    dash = np.full(len(edges), SOLID) if solid else dashes[edges]
    return np.asarray(((width * 8 + dash) * 8 + tones[edges]) * 2 + faded[edges])


def small_unique(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(codes, return_inverse=True)`` for small non-negative integers, counted
    instead of sorted: a tenth of the time for the ties of a large map."""
    present = np.flatnonzero(np.bincount(codes)) if len(codes) else codes
    lookup = np.zeros(int(present[-1]) + 1 if len(present) else 0, dtype=np.int64)
    lookup[present] = np.arange(len(present))
    return present, lookup[codes]


def edge_key(code: int, ramp: Sequence[str] = ()) -> EdgeKey:
    """The pen of ``code``: tone 1–5 takes its colour from ``ramp``."""
    alpha = FADED_ALPHA if code % 2 else EDGE_ALPHA
    tone = (code // 2) % 8
    colour = ramp[tone - 1] if tone else EDGE
    return (code // 128 / 100, (code // 16) % 8, alpha, colour)
