"""Ties drawn all at once look exactly as each drawn on its own; dashed ones from one point
do not line their gaps up into rings."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from PySide6.QtCore import QLineF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from relmap.render.glyphs import DASH_PHASES, dash_phases, draw_segments


def _picture(draw: Callable[[QPainter], None], pen: QPen) -> QImage:
    image = QImage(200, 150, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(pen)
    draw(painter)
    painter.end()
    return image


@pytest.mark.parametrize("style", [Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine])
def test_segments_drawn_at_once_look_as_each_drawn_alone(gui: object, style: Qt.PenStyle
                                                         ) -> None:
    rng = np.random.default_rng(3)
    ends = rng.uniform(0, 1, (40, 2, 2)) * [200, 150]  # not contiguous as lines once sliced
    pen = QPen(QColor("black"), 1.5, style)

    def alone(painter: QPainter) -> None:
        for ((x1, y1), (x2, y2)), phase in zip(ends[::2], dash_phases(ends[::2]), strict=True):
            shifted = QPen(pen)
            shifted.setDashOffset(phase * sum(pen.dashPattern()) / DASH_PHASES)
            painter.setPen(shifted)
            painter.drawLine(QLineF(x1, y1, x2, y2))

    def at_once(painter: QPainter) -> None:
        draw_segments(painter, ends[::2])
        draw_segments(painter, ends[:0])  # none: nothing drawn

    expected = _picture(alone, pen)
    assert expected != _picture(lambda painter: None, pen)
    assert _picture(at_once, pen) == expected


@pytest.mark.parametrize("towards_me", [False, True])
def test_dashed_ties_from_one_person_do_not_line_up_their_gaps(gui: object, towards_me: bool
                                                               ) -> None:
    """Hundreds of contacts tied to me alone, in a ring around me: a dashed tie's gaps fall
    at several distances from me, so no ring of gaps shows around me."""
    angle = np.linspace(0, 2 * np.pi, 720, endpoint=False)
    ends = np.full((720, 2, 2), [100.0, 75.0])
    ends[:, 1] += 70 * np.column_stack([np.cos(angle), np.sin(angle)])
    if towards_me:
        ends = ends[:, ::-1]  # dashes start on the ring
    assert set(dash_phases(ends).tolist()) == set(range(DASH_PHASES))  # each in use
    image = _picture(lambda painter: draw_segments(painter, ends),
                     QPen(QColor("black"), 2.0, Qt.PenStyle.DashLine))
    across = angle[np.abs(np.sin(angle)) < 0.2]  # the ties about level: dashes along x
    inked = [np.mean([image.pixelColor(round(100 + r * np.cos(a)), round(75 + r * np.sin(a)))
                      .lightness() < 128 for a in across]) for r in range(20, 60)]
    assert min(inked) > 0.5  # no distance from me where all are in a gap: no ring
