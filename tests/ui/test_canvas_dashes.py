"""Ties on the canvas: a part repainted alone matches the whole, and only what is seen is drawn."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QStyleOptionGraphicsItem
from pytestqt.qtbot import QtBot

from relmap.render.glyphs import draw_segments
from relmap.ui.canvas import layers
from relmap.ui.canvas.layers import SegmentsItem, clipped

SIZE = 240


def _item(qtbot: QtBot, ends: np.ndarray, style: Qt.PenStyle, width: float) -> SegmentsItem:
    """A segments item on a shown view at one pixel per scene unit."""
    pen = QPen(QColor("#000000"))
    pen.setWidthF(width)
    pen.setCosmetic(True)
    pen.setStyle(style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    item = SegmentsItem(pen, smooth=False)
    scene = QGraphicsScene(0, 0, SIZE, SIZE)
    scene.addItem(item)
    view = QGraphicsView(scene)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    item.set_ends(ends)
    item.viewTransformChanged()
    return item


def _painted(item: SegmentsItem, *parts: QRectF) -> np.ndarray:
    """The item painted on white, whole or part by part (each as a cached repaint does it:
    clipped to its part), as an array of grey levels."""
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    for part in parts or (QRectF(),):
        option = QStyleOptionGraphicsItem()
        option.exposedRect = part
        painter.save()
        if not part.isEmpty():
            painter.setClipRect(part)
        item.paint(painter, option)
        painter.restore()
    painter.end()
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(SIZE, SIZE, 4)
    grey: np.ndarray = pixels[:, :, :3].mean(axis=2)
    return grey


def _long_ties() -> np.ndarray:
    rng = np.random.default_rng(3)
    start = rng.uniform(0, SIZE, (40, 2))
    end = rng.uniform(0, SIZE, (40, 2))
    return np.stack([start, end], axis=1)


@pytest.mark.parametrize(("style", "width"), [(Qt.PenStyle.DashLine, 2.0),
                                              (Qt.PenStyle.DotLine, 2.5),
                                              (Qt.PenStyle.SolidLine, 3.0)])
def test_a_part_repainted_alone_shows_the_dashes_the_whole_shows(
    qtbot: QtBot, style: Qt.PenStyle, width: float
) -> None:
    """A cached layer repaints only where ties changed, drawing just the parts of the ties
    inside: their dashes must fall where they fall when the whole is painted. (Qt itself
    moves the dots of a line one pixel wide where a clip cuts it, so those are left out.)"""
    item = _item(qtbot, _long_ties(), style, width)
    whole = _painted(item)
    step = SIZE / 4
    tiles = [QRectF(x * step + 3, y * step + 5, step, step)
             for x in range(-1, 4) for y in range(-1, 4)]
    inked = whole < 128
    assert inked.sum() > 1000  # the ties are drawn
    # Where a part cuts a tie, its line may be drawn a pixel aside: a few pixels in all.
    assert (np.abs(_painted(item, *tiles) - whole) > 60).sum() < 0.005 * inked.sum()


def test_a_part_repainted_alone_draws_only_the_ties_pieces_in_it() -> None:
    """Qt lays out the dashes of a whole tie even where it is clipped away: a long tie that
    crosses the part is cut to the part, a period of its dashes early at most."""
    pen = QPen(QColor("#000000"))
    pen.setWidthF(2.0)
    pen.setStyle(Qt.PenStyle.DashLine)  # dashes of 4 and gaps of 2 widths: a 12-pixel period
    ends = np.array([[[0.0, 0.0], [1000.0, 0.0]], [[1000.0, 10.0], [0.0, 10.0]],
                     [[0.0, 500.0], [1000.0, 500.0]]])
    part = QRectF(500.0, -5.0, 21.0, 20.0)
    # Six scene units a period at half a unit a pixel: each piece starts on a whole period
    # from its tie's start (498 = 83 periods from 0, 526 = 79 periods from 1000).
    parts, whole = clipped(ends, part, pen, 0.5)
    assert parts == pytest.approx(np.array(
        [[[498.0, 0.0], [521.0, 0.0]], [[526.0, 10.0], [500.0, 10.0]]]))
    assert whole.tolist() == [0, 1]
    solid = QPen(pen)
    solid.setStyle(Qt.PenStyle.SolidLine)
    assert clipped(ends, part, solid, 0.5)[0] == pytest.approx(np.array(
        [[[500.0, 0.0], [521.0, 0.0]], [[521.0, 10.0], [500.0, 10.0]]]))


def test_dashed_ties_too_dense_to_tell_apart_are_drawn_solid(qtbot: QtBot) -> None:
    """One dashed tie across the view keeps its gaps; the same line among ties that cover the
    picture more than DASHED_COVER times over (ties to me, crossing a view zoomed in on me)
    is drawn solid, also where a part is repainted alone."""
    def inked(ties: int, *parts: QRectF) -> np.ndarray:
        """Which pixels along the line ``ties`` dashed ties along it ink."""
        across = np.repeat([[[0.0, SIZE / 2], [SIZE, SIZE / 2]]], ties, axis=0)
        item = _item(qtbot, across, Qt.PenStyle.DashLine, 2.0)
        return _painted(item, *parts)[SIZE // 2, 10:-10] < 128

    assert 0.3 < inked(1).mean() < 0.9  # dashes and gaps
    at_limit = round(layers.DASHED_COVER * SIZE)  # each as long as the picture is wide
    assert 0.3 < inked(at_limit).mean() < 0.9  # still dashed, at the limit
    assert inked(at_limit + 1).all()  # past it: solid
    part = QRectF(60, SIZE / 2 - 20, 40, 40)
    assert inked(at_limit + 1, part)[52:88].all()  # a part repainted alone: solid too


def test_a_zoomed_in_layer_draws_only_the_ties_its_picture_holds(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a zoom Qt exposes a cached layer whole, though its picture holds only the view:
    only the ties meeting the view are drawn, and the view looks as it did."""
    rng = np.random.default_rng(5)
    near = rng.uniform(0, 20, (10, 2, 2))  # in the view: ten times zoomed in on 0..24
    far = rng.uniform(100, 50 * SIZE, (990, 2, 2))
    item = _item(qtbot, np.concatenate([near, far]), Qt.PenStyle.SolidLine, 1.0)

    def zoomed(exposed: QRectF) -> np.ndarray:
        image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        painter.scale(10, 10)
        option = QStyleOptionGraphicsItem()
        option.exposedRect = exposed
        item.paint(painter, option)
        painter.end()
        return np.frombuffer(image.constBits(), np.uint8).copy()

    whole, view = item.boundingRect(), QRectF(0, 0, SIZE / 10, SIZE / 10)
    drawn: list[int] = []

    def counted(painter: QPainter, ends: np.ndarray, phases: np.ndarray | None = None) -> None:
        drawn.append(len(ends))
        draw_segments(painter, ends, phases)

    monkeypatch.setattr(layers, "draw_segments", counted)
    picture = zoomed(whole)
    assert drawn == [10]
    assert (picture == zoomed(view)).all()
    assert (picture < 255).any()
