"""Drawing layers of the canvas: edges by pen class, sphere segments, sphere hulls."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from relmap.render.glyphs import segment_spans
from relmap.render.hulls import polygon_path
from relmap.render.theme import PEN_STYLE, mixed
from relmap.style import EDGE, HULL_ALPHA, TIE_DASH, Dash

# (width in screen pixels, Qt.PenStyle value, alpha 0-255, #rrggbb)
EdgeKey = tuple[float, int, int, str]
WEDGE_SCALE = 0.92  # wedges stop short of the rim so the node's outline stays visible
FADED_ALPHA, EDGE_ALPHA = 40, 150
MAP_BACKGROUND = "#f7f8fa"
SOLID, DASH, DOT = (int(PEN_STYLE[d].value) for d in (Dash.SOLID, Dash.DASH, Dash.DOT))
KIND_DASH = {kind: int(PEN_STYLE[dash].value) for kind, dash in TIE_DASH.items()}


class EdgeLayers:
    """Edges drawn as one ``connect='pairs'`` curve per pen class: few items, no per-edge pens."""

    def __init__(
        self, view: pg.ViewBox, *, z: float, cached: bool = True, smooth: bool = True
    ) -> None:
        self._view, self._z, self._cached, self._smooth = view, z, cached, smooth
        self._curves: dict[EdgeKey, pg.PlotCurveItem] = {}
        self._ends: dict[EdgeKey, np.ndarray] = {}

    def set_segments(
        self, segments: np.ndarray, classes: np.ndarray, keys: Sequence[EdgeKey]
    ) -> None:
        """Draw ``segments`` ``(s, 2, 2)``; segment ``i`` uses the pen ``keys[classes[i]]``."""
        used = set(np.unique(classes).tolist()) if len(classes) else set()
        wanted = {keys[c] for c in used}
        for key in list(self._curves):
            if key not in wanted:
                self._view.removeItem(self._curves.pop(key))
                del self._ends[key]
        for c in used:
            ends = segments[classes == c]
            if keys[c] in self._curves and np.array_equal(ends, self._ends[keys[c]]):
                continue  # unchanged: keep its cached rendering (a drag touches few classes)
            curve = self._curves.get(keys[c]) or self._add(keys[c])
            curve.setData(ends[:, :, 0].ravel(), ends[:, :, 1].ravel(), connect="pairs")
            self._ends[keys[c]] = ends

    @property
    def drawn(self) -> int:
        """How many segments are drawn."""
        return sum(len(ends) for ends in self._ends.values())

    def set_smooth(self, on: bool) -> None:
        """Antialiased, translucent lines (on) or fast ones for large maps (off).

        Qt fills a translucent path as one shape so that its overlaps do not darken, which
        costs over a second for 50,000 lines; an opaque pen in the colour the translucent
        line has over the map's background draws them in a few hundredths of a second.
        """
        if on != self._smooth:
            self._smooth = on
            for key, curve in self._curves.items():
                curve.opts["antialias"] = on
                curve.setPen(self._pen(key))

    def clear(self) -> None:
        for curve in self._curves.values():
            self._view.removeItem(curve)
        self._curves.clear()
        self._ends.clear()

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
        return pen

    def _add(self, key: EdgeKey) -> pg.PlotCurveItem:
        curve = pg.PlotCurveItem(pen=self._pen(key), antialias=self._smooth)
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
def _wedge_fill(colour: str, alpha: int) -> QBrush:
    fill = QColor(colour)
    fill.setAlpha(alpha)
    return QBrush(fill)


class SegmentsLayer:
    """Draws one pie segment per sphere over the nodes of people in several spheres."""

    def __init__(self, view: pg.ViewBox, *, z: float, cached: bool = True) -> None:
        self.item = pg.ScatterPlotItem(pxMode=False, antialias=True)
        self.item.setZValue(z)
        if cached:
            self.item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
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
                        "brush": _wedge_fill(colour, int(alpha[r])),
                        "pen": _NO_PEN,
                    }
                )
        self.item.setData(spots)

    def clear(self) -> None:
        self.item.clear()


class HullLayer:
    """Translucent hulls around each sphere's members, below the edges."""

    def __init__(self, view: pg.ViewBox, *, z: float) -> None:
        self._view, self._z = view, z
        self._items: list[QGraphicsPathItem] = []

    def set_hulls(self, hulls: Sequence[tuple[str, np.ndarray]]) -> None:
        while len(self._items) < len(hulls):
            item = QGraphicsPathItem()
            item.setZValue(self._z)
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self._view.addItem(item, ignoreBounds=True)
            self._items.append(item)
        for item, (colour, polygon) in zip(self._items, hulls, strict=False):
            fill, line = QColor(colour), QColor(colour)
            fill.setAlpha(HULL_ALPHA)
            line.setAlpha(min(255, HULL_ALPHA * 3))
            pen = QPen(line)
            pen.setCosmetic(True)
            pen.setWidthF(1.2)
            item.setPen(pen)
            item.setBrush(QBrush(fill))
            item.setPath(polygon_path(polygon))
            item.show()
        for item in self._items[len(hulls) :]:
            item.hide()

    @property
    def shown(self) -> int:
        return sum(item.isVisible() for item in self._items)


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


def edge_key(code: int, ramp: Sequence[str] = ()) -> EdgeKey:
    """The pen of ``code``: tone 1–5 takes its colour from ``ramp``."""
    alpha = FADED_ALPHA if code % 2 else EDGE_ALPHA
    tone = (code // 2) % 8
    colour = ramp[tone - 1] if tone else EDGE
    return (code // 128 / 100, (code // 16) % 8, alpha, colour)
