"""Glyphs shared by the canvas and the export: sphere segments, the "me" ring, ties."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from shiboken6 import wrapInstance

_FULL_CIRCLE = 360 * 16  # QPainter angles are in 1/16 degree


def segment_spans(count: int) -> list[tuple[int, int]]:
    """Start and span angles (1/16 degree, Qt's convention) of ``count`` equal pie segments.

    The first segment starts at twelve o'clock and they follow clockwise, so a node in two
    spheres is split left/right and the order matches ``style.sphere_colours``.
    """
    if count < 1:
        return []
    span = _FULL_CIRCLE // count
    starts = [90 * 16 - i * span for i in range(count)]
    return [(start, -span if i < count - 1 else -(_FULL_CIRCLE - span * (count - 1)))
            for i, start in enumerate(starts)]


def draw_node(
    painter: QPainter,
    centre: QPointF,
    radius: float,
    colours: Sequence[str],
    outline: QPen,
) -> None:
    """A circle filled with one colour, or split into one segment per sphere colour."""
    if len(colours) <= 1:
        painter.setPen(outline)
        painter.setBrush(QBrush(QColor(colours[0] if colours else "#a4abb3")))
        painter.drawEllipse(centre, radius, radius)
        return
    box = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    painter.setPen(Qt.PenStyle.NoPen)
    for colour, (start, span) in zip(colours, segment_spans(len(colours)), strict=True):
        painter.setBrush(QBrush(QColor(colour)))
        painter.drawPie(box, start, span)
    painter.setPen(outline)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(centre, radius, radius)


def draw_me(
    painter: QPainter, centre: QPointF, radius: float, *, fill: str, ring: str, ring_width: float
) -> None:
    """Me: a dark disc with a gold ring drawn on its edge."""
    pen = QPen(QColor(ring))
    pen.setWidthF(ring_width)
    painter.setPen(pen)
    painter.setBrush(QBrush(QColor(fill)))
    painter.drawEllipse(centre, radius, radius)


DASH_PHASES = 4  # dashed lines start their dashes at this many phases, a share of a period


def dash_phases(ends: np.ndarray) -> np.ndarray:
    """The phase (0 … DASH_PHASES - 1) of each segment of ``ends`` ``(s, 2, 2)``, from where
    it starts and ends: ties dashed alike from one person (hundreds of contacts tied to me)
    would line up their gaps into rings around me that are not there."""
    at = np.floor(ends.reshape(-1, 4) * 16).astype(np.int64)  # to a sixteenth of a unit
    mixed = (at[:, 0] * 73856093) ^ (at[:, 1] * 19349663) ^ (at[:, 2] * 83492791) \
        ^ (at[:, 3] * 50331653)
    phases: np.ndarray = mixed % DASH_PHASES
    return phases


def draw_segments(painter: QPainter, ends: np.ndarray, phases: np.ndarray | None = None
                  ) -> None:
    """Draw the line segments ``ends`` ``(s, 2, 2)`` in the painter's pen, each on its own
    (a dash pattern starts again at each segment's start), a dashed one at its phase
    (``phases``, by default :func:`dash_phases` of ``ends``).

    Qt reads them in place as its own array of lines: nothing is built for them (a list of
    500,000 lines took a second to build, a path of them 0.1 s).
    """
    if not len(ends):
        return
    pen = painter.pen()
    if pen.style() in (Qt.PenStyle.SolidLine, Qt.PenStyle.NoPen):
        _draw_lines(painter, ends)
        return
    phases = dash_phases(ends) if phases is None else phases
    period = sum(pen.dashPattern())
    for phase in range(DASH_PHASES):
        shifted = QPen(pen)
        shifted.setDashOffset(pen.dashOffset() + phase * period / DASH_PHASES)
        painter.setPen(shifted)
        _draw_lines(painter, ends[phases == phase])
    painter.setPen(pen)


def _draw_lines(painter: QPainter, ends: np.ndarray) -> None:
    if not len(ends):
        return
    lines = np.ascontiguousarray(ends, dtype=np.float64).reshape(-1, 4)  # x1 y1 x2 y2: QLineF's
    first = cast(QLineF, wrapInstance(lines.ctypes.data, QLineF))
    painter.drawLines(first, len(lines))
