"""Ties drawn all at once look exactly as each drawn on its own."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from PySide6.QtCore import QLineF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from relmap.render.glyphs import draw_segments


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
        for (x1, y1), (x2, y2) in ends[::2]:
            painter.drawLine(QLineF(x1, y1, x2, y2))

    def at_once(painter: QPainter) -> None:
        draw_segments(painter, ends[::2])
        draw_segments(painter, ends[:0])  # none: nothing drawn

    expected = _picture(alone, pen)
    assert expected != _picture(lambda painter: None, pen)
    assert _picture(at_once, pen) == expected
