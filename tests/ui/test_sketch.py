"""The sketch of a large map: its ties, its people in their first sphere's colour, and me,
framed whole."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from relmap import style
from relmap.render.theme import DARK, edge_colour
from relmap.store.positions import Sketch
from relmap.ui.scheme import MAP_LIGHT
from relmap.ui.sketch import sketch_image


def test_a_sketch_draws_ties_people_in_their_sphere_colour_and_me(qtbot: QtBot) -> None:
    sketch = Sketch(points=np.array([[0.0, 0.0], [100.0, 0.0], [50.0, 50.0]]),
                    sphere=np.array([0, -1, -1]), colours=["#d62728"], me=2,
                    ends=np.array([[0, 1]]))
    for theme in (MAP_LIGHT, DARK):
        image = sketch_image(sketch, 200, 120, theme)
        # Framed whole and centred: 1.84 pixels a unit, (50, 25) in the middle.
        assert _at(image, 8, 14) == "#d62728"  # in the sphere
        assert _at(image, 192, 14) == style.NO_SPHERE  # in none
        assert _at(image, 100, 14) == edge_colour(theme, transparent=False).name()  # their tie
        assert _at(image, 100, 106) == theme.me_fill  # me
        assert _at(image, 100, 60) == _at(image, 0, 0) == theme.background


def test_a_sketch_drawn_at_twice_the_pixels_is_as_large_on_screen(qtbot: QtBot) -> None:
    sketch = Sketch(points=np.array([[0.0, 0.0], [100.0, 0.0]]), sphere=np.array([0, 0]),
                    colours=["#1f77b4"], me=-1, ends=np.zeros((0, 2), dtype=int))
    image = sketch_image(sketch, 200, 120, MAP_LIGHT, ratio=2.0)
    assert (image.width(), image.height(), image.devicePixelRatio()) == (400, 240, 2.0)
    assert _at(image, 16, 120) == "#1f77b4"
    assert _at(image, 200, 120) == MAP_LIGHT.background


def _at(image: QImage, x: int, y: int) -> str:
    return str(image.pixelColor(x, y).name())
