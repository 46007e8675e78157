"""Map labels: the important ones that fit, on the side of their node where there is room."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from relmap.ui.canvas.labels import SIDES, Box, LabelLayer, _boxes

PX = 0.1  # scene units per screen pixel
VIEW = QRectF(-100, -100, 200, 200)


def _place(
    pos: list[tuple[float, float]], names: list[str], always: frozenset[int] = frozenset()
) -> LabelLayer:
    layer = LabelLayer(pg.ViewBox())
    xy = np.array(pos, dtype=float)
    layer.place(pos=xy, radius=np.full(len(xy), 1.0), names=names,
                order=np.arange(len(xy)), view_rect=VIEW, px=PX, always=always)
    return layer


def _box(
    layer: LabelLayer, row: int, pos: list[tuple[float, float]], name: str
) -> Box:
    return _boxes(np.array(pos[row]), 1.0, len(name), PX)[layer.sides[row]]


def _apart(a: Box, b: Box) -> bool:
    return bool(a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def test_a_label_goes_below_its_node_when_there_is_room(qtbot: QtBot) -> None:
    layer = _place([(0.0, 0.0)], ["Alex Morgan"])
    assert layer.sides == {0: 0}
    item = layer.items_for([0])[0]
    assert (item.pos().x(), item.pos().y()) == (0.0, 1.0)  # the node's rim, below


def test_me_and_a_selected_neighbour_get_labels_that_do_not_overlap(qtbot: QtBot) -> None:
    pos = [(0.0, 0.0), (0.5, 1.0)]  # the second node sits just under the first
    names = ["Alex Morgan", "Lena Dubois"]
    layer = _place(pos, names, always=frozenset({0, 1}))
    assert set(layer.shown) == {0, 1}
    assert layer.sides[0] != layer.sides[1]
    assert _apart(_box(layer, 0, pos, names[0]), _box(layer, 1, pos, names[1]))


def test_a_label_with_no_room_below_moves_to_a_free_side(qtbot: QtBot) -> None:
    pos = [(0.0, 0.0), (0.0, 1.5)]
    names = ["A very important person", "Someone else"]
    layer = _place(pos, names)
    assert layer.sides[0] == 0 and layer.sides[1] != 0
    item = layer.items_for([1])[0]
    assert tuple(item.anchor) == SIDES[layer.sides[1]][1]
    assert _apart(_box(layer, 0, pos, names[0]), _box(layer, 1, pos, names[1]))


def test_labels_never_overlap_on_a_crowded_map(qtbot: QtBot) -> None:
    rng = np.random.default_rng(3)
    pos = [tuple(p) for p in rng.uniform(-60, 60, size=(300, 2))]
    names = [f"Person number {i}" for i in range(300)]
    layer = _place(pos, names)
    boxes = [_box(layer, r, pos, names[r]) for r in layer.shown]
    assert 30 < len(boxes) < 300  # some fit, not all
    assert all(_apart(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert {side for side in layer.sides.values()} > {0}  # other sides are used too
