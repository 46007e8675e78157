"""Map labels: the important ones that fit, on the side of their node where there is room."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from relmap.ui.canvas.labels import OBSTACLE_PX, SIDES, Box, LabelLayer, _boxes
from relmap.ui.main_window import MainWindow

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
    return _boxes(np.array(pos[row]), 1.0, layer.size_px(name), PX)[layer.sides[row]]


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


def test_me_and_a_selected_neighbour_in_a_crowd_still_keep_their_names_apart(
    qtbot: QtBot,
) -> None:
    """With nodes on every side, both names show over nodes, but not over each other."""
    crowd = [(float(x), float(y)) for x in range(-9, 10, 3) for y in range(-9, 10, 3)
             if (x, y) != (0, 0)]
    pos = [(0.0, 0.0), (0.5, 1.0), *crowd]
    names = ["Alex Morgan", "New person", *(f"P{i}" for i in range(len(crowd)))]
    layer = _place(pos, names, always=frozenset({0, 1}))
    assert {0, 1} <= set(layer.shown)
    assert _apart(_box(layer, 0, pos, names[0]), _box(layer, 1, pos, names[1]))


def test_a_crowd_all_selected_shows_the_names_that_fit_the_most_important_first(
    qtbot: QtBot,
) -> None:
    """An import selects everyone it added: of a crowd, no two names overlap."""
    pos = [(float(x), float(y)) for x in range(-6, 7, 2) for y in range(-6, 7, 2)]
    names = [f"Person number {i}" for i in range(len(pos))]
    layer = LabelLayer(pg.ViewBox())
    order = np.arange(len(pos))[::-1]  # the last is the most important
    layer.place(pos=np.array(pos), radius=np.full(len(pos), 1.0), names=names, order=order,
                view_rect=VIEW, px=PX, always=frozenset(range(len(pos))))
    shown = sorted(layer.shown)
    assert len(pos) - 1 in shown and 1 < len(shown) < len(pos)
    boxes = [_box(layer, r, pos, names[r]) for r in shown]
    assert all(_apart(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_no_name_is_cut_by_the_edge_of_the_view_even_if_selected(qtbot: QtBot) -> None:
    pos = [(99.0, 99.0), (0.0, 0.0)]  # the first in the view's corner: no side fits
    layer = _place(pos, ["Someone in the corner", "Alex Morgan"], always=frozenset({0, 1}))
    assert set(layer.shown) == {1}


def test_a_label_with_no_room_below_moves_to_a_free_side(qtbot: QtBot) -> None:
    """A node just below takes the room: the label goes beside, never across its disc."""
    pos = [(0.0, 0.0), (0.0, 1.5)]
    names = ["A very important person", "Someone else"]
    layer = _place(pos, names)
    assert layer.sides[0] != 0 and layer.sides[1] == 0
    item = layer.items_for([0])[0]
    assert tuple(item.anchor) == SIDES[layer.sides[0]][1]
    first = _box(layer, 0, pos, names[0])
    assert _apart(first, _box(layer, 1, pos, names[1]))
    assert _apart(first, (-1.0, 0.5, 1.0, 2.5))  # the disc of the node below



def test_labels_placed_again_show_the_names_and_places_of_now(qtbot: QtBot) -> None:
    """A label that stays is left alone; one moved by a drag, renamed, or handed to another
    person shows what it shows now."""
    xy = np.array([(0.0, 0.0), (40.0, 0.0)])
    layer = _place(xy.tolist(), ["Alex Morgan", "Lena Dubois"])
    first, second = layer.items_for([0, 1])

    def shown(names: list[str], order: list[int]) -> list[tuple[str, float, float]]:
        layer.place(pos=xy, radius=np.full(2, 1.0), names=names, order=np.array(order),
                    view_rect=VIEW, px=PX)
        return [(i.textItem.toPlainText(), i.pos().x(), i.pos().y()) for i in (first, second)]

    layer.move(0, np.array([20.0, 20.0]), 1.0)  # a drag, then the drop back where it was
    assert (first.pos().x(), first.pos().y()) == (20.0, 21.0)
    assert shown(["Alex Morgan", "Lena Dubois"], [0, 1])[0] == ("Alex Morgan", 0.0, 1.0)
    assert shown(["Alex M.", "Lena Dubois"], [0, 1])[0] == ("Alex M.", 0.0, 1.0)
    assert shown(["Alex M.", "Lena Dubois"], [1, 0]) == [("Lena Dubois", 40.0, 1.0),
                                                         ("Alex M.", 0.0, 1.0)]

def test_labels_never_overlap_on_a_crowded_map(qtbot: QtBot) -> None:
    rng = np.random.default_rng(3)
    pos = [tuple(p) for p in rng.uniform(-60, 60, size=(300, 2))]
    names = [f"Person number {i}" for i in range(300)]
    layer = _place(pos, names)
    boxes = [_box(layer, r, pos, names[r]) for r in layer.shown]
    assert 30 < len(boxes) < 300  # some fit, not all
    assert all(_apart(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert {side for side in layer.sides.values()} > {0}  # other sides are used too


def test_names_placed_again_after_a_few_people_moved_are_those_placed_afresh(
    qtbot: QtBot,
) -> None:
    """A placement after a drop keeps the names nothing changed near, as it was: what it
    shows is what a first placement shows, through moves into a crowd and out of it, a
    rename, a node grown and a node hidden, and someone added."""
    rng = np.random.default_rng(5)
    xy = rng.uniform(-90, 90, size=(400, 2))
    radius = np.full(len(xy), 0.6)  # big enough on screen for names to keep off
    names = [f"Person {i}" for i in range(len(xy))]
    drawn = np.ones(len(xy), dtype=bool)
    order = rng.permutation(len(xy))
    kept, afresh = LabelLayer(pg.ViewBox()), LabelLayer(pg.ViewBox())

    def placed(layer: LabelLayer) -> dict[int, int]:
        if layer is afresh:
            layer._last = None  # as if it had never placed any
        layer.place(pos=xy, radius=radius, names=names, order=order, view_rect=VIEW, px=PX,
                    always=frozenset({int(order[5])}), drawn=drawn)
        return layer.sides

    placed(kept)
    for step in range(40):
        moved = rng.choice(len(xy), 1 + step % 3, replace=False)
        xy[moved] = xy[rng.choice(len(xy), len(moved))] + rng.normal(0, 3, (len(moved), 2))
        if step % 10 == 3:
            names[int(order[step])] = "A much longer name than before"
        if step % 10 == 6:
            radius[int(order[step])] = 2.0
        if step % 10 == 9:
            drawn[int(order[step])] = False
        assert placed(kept) == placed(afresh)
    # Someone added out of view: every row may be someone else's.
    xy, radius = np.vstack([xy, [(500.0, 500.0)]]), np.append(radius, 0.6)
    drawn, order = np.append(drawn, True), np.append(order, len(order))
    names.append("Newcomer")
    assert placed(kept) == placed(afresh)


def test_on_the_map_no_label_covers_another_or_any_node(window: MainWindow) -> None:
    """Measured on the text items as drawn, at the fit zoom and zoomed in; only my own
    label, shown in any case, may have to sit over a neighbour."""
    canvas = window.canvas
    for zoom in (1.0, 2.5):
        canvas.fit()
        canvas.zoom(zoom)
        QApplication.processEvents()
        canvas._place_labels()
        QApplication.processEvents()
        rects = {row: item.mapRectToView(item.boundingRect())
                 for row, item in zip(canvas.labels.shown,
                                      canvas.labels.items_for(canvas.labels.shown),
                                      strict=True)}
        assert len(rects) >= 15
        boxes = list(rects.values())
        assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
        me = canvas.row[next(p for p in canvas.ids if window.document.network.people[p].is_me)]
        for row, rect in rects.items():
            if row == me:
                continue
            drawn = (canvas.alpha > 0) & (canvas.radius >= OBSTACLE_PX * canvas.pixel())
            assert drawn.sum() > len(canvas.ids) // 2
            for other in np.flatnonzero(drawn).tolist():
                if other == row:
                    continue
                (x, y), r = canvas.pos[other], canvas.radius[other]
                nearest_x = min(max(x, rect.left()), rect.right())
                nearest_y = min(max(y, rect.top()), rect.bottom())
                assert (nearest_x - x) ** 2 + (nearest_y - y) ** 2 >= r ** 2 * 0.98, (
                    canvas.names[row], canvas.names[other])


def test_a_name_at_the_view_edge_goes_to_the_side_that_keeps_it_whole(qtbot: QtBot) -> None:
    """A node near the left edge: below would cut its name, so it goes right, in view."""
    pos = [(-99.0, 0.0)]
    names = ["Elena Van Dijk"]
    layer = _place(pos, names)
    assert layer.sides == {0: 2}  # right of the node
    left, _, right, _ = _box(layer, 0, pos, names[0])
    assert VIEW.left() <= left and right <= VIEW.right()


def test_on_the_map_every_name_shown_is_whole_in_the_view(window: MainWindow) -> None:
    canvas = window.canvas
    canvas.fit()
    QApplication.processEvents()
    canvas._place_labels()
    view = canvas.view.viewRect()
    items = canvas.labels.items_for(canvas.labels.shown)
    assert len(items) >= 15
    for item in items:
        rect = item.mapRectToView(item.boundingRect())
        assert view.contains(rect), item.textItem.toPlainText()
