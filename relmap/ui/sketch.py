"""A picture of a large map from its sketch (store.positions.Sketch), drawn in a few tenths of
a second while the map itself takes seconds to read: its ties as hairlines, its people as
dots in their first sphere's colour, me as on the map."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from relmap import style
from relmap.render.glyphs import draw_segments
from relmap.render.theme import Theme, edge_colour
from relmap.store.positions import Sketch

_MARGIN = 0.04  # of the picture's size, on each side
_DOT_PX = (1.0, 3.0)  # a person's dot radius in pixels: at least, at most
_ME_PX = 5.0


def sketch_image(sketch: Sketch, width: int, height: int, theme: Theme,
                 ratio: float = 1.0) -> QImage:
    """``sketch`` framed whole in a ``width`` × ``height`` picture (logical pixels, drawn
    at ``ratio`` device pixels each)."""
    w, h = round(width * ratio), round(height * ratio)
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(QColor(theme.background))
    points = _framed(sketch.points, w, h)
    scale = _scale(sketch.points, w, h)
    if len(sketch.ends):
        painter = QPainter(image)
        painter.setPen(QPen(edge_colour(theme, transparent=False), 0))  # 1 px, aliased
        draw_segments(painter, points[sketch.ends])
        painter.end()
    _dots(image, points, sketch, np.clip(style.NODE_RADIUS * scale, *_DOT_PX) * ratio)
    if sketch.me >= 0:
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(theme.me_fill))
        painter.setPen(QPen(QColor(style.ME_RING), 2 * ratio))
        x, y = points[sketch.me]
        painter.drawEllipse(QPointF(x, y), _ME_PX * ratio, _ME_PX * ratio)
        painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def _scale(points: np.ndarray, w: int, h: int) -> float:
    """Picture pixels per scene unit, the sketch framed whole with a margin."""
    if not len(points):
        return 1.0
    span = np.ptp(points, axis=0).clip(min=1e-9)
    return float(min(w * (1 - 2 * _MARGIN) / span[0], h * (1 - 2 * _MARGIN) / span[1]))


def _framed(points: np.ndarray, w: int, h: int) -> np.ndarray:
    """``points`` in picture pixels, centred (y down, as on the map)."""
    if not len(points):
        return points
    centre = (points.min(axis=0) + points.max(axis=0)) / 2
    return np.asarray((points - centre) * _scale(points, w, h) + (w / 2, h / 2))


def _dots(image: QImage, points: np.ndarray, sketch: Sketch, radius: float) -> None:
    """A dot of ``radius`` pixels at each point, written into the pixels at once: a hundred
    thousand discs drawn one by one would take longer than the map's reading."""
    pixels = np.ndarray((image.height(), image.width()), np.uint32, image.bits())
    palette = np.array([QColor(c).rgb() for c in [*sketch.colours, style.NO_SPHERE]],
                       dtype=np.uint32)
    colour = palette[sketch.sphere]  # -1: the last, in no sphere
    x, y = np.round(points).astype(np.int64).T
    reach = int(radius)
    for dx in range(-reach, reach + 1):
        for dy in range(-reach, reach + 1):
            if dx * dx + dy * dy <= radius * radius:
                pixels[np.clip(y + dy, 0, image.height() - 1),
                       np.clip(x + dx, 0, image.width() - 1)] = colour

