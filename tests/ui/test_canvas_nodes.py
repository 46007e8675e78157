"""The node item: every visible node painted in its colour where it is, hits by distance."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem
from pytestqt.qtbot import QtBot

from relmap.style import ME_RING, ME_RING_PX
from relmap.ui.canvas.items import DOT_UP_TO_PX, NodesItem, render_disc
from relmap.ui.canvas.network_canvas import RING_MIN_PX
from relmap.ui.main_window import MainWindow

RED, BLUE, WHITE = "#d62728", "#1f77b4", "#ffffff"


def _style(fill: str, outline: str = WHITE, width: float = 1.2) -> tuple[QBrush, QPen]:
    pen = QPen(QColor(outline))
    pen.setWidthF(width)
    pen.setCosmetic(True)
    return QBrush(QColor(fill)), pen


def _render(item: NodesItem, scene_rect: QRectF, size: int = 400) -> QImage:
    """Paint ``item`` alone, with ``scene_rect`` filling a ``size`` square image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor("#000000"))
    painter = QPainter(image)
    painter.scale(size / scene_rect.width(), size / scene_rect.height())
    painter.translate(-scene_rect.left(), -scene_rect.top())
    item.paint(painter, None)
    painter.end()
    return image


def _colour(image: QImage, x: float, y: float) -> str:
    return QColor(image.pixel(int(x), int(y))).name()


@pytest.fixture
def item(qtbot: QtBot) -> NodesItem:
    nodes = NodesItem(lambda row, mods, at: None)
    pos = np.array([[10.0, 10.0], [30.0, 10.0], [10.0, 30.0], [30.0, 30.0]])
    styles = [_style(RED), _style(BLUE), _style(RED), _style(BLUE)]
    nodes.set_nodes(pos, np.array([4.0, 4.0, 2.0, 4.0]), styles, np.array([1, 1, 1, 0], bool))
    return nodes


def test_each_visible_node_is_painted_in_its_colour_at_its_place(item: NodesItem) -> None:
    image = _render(item, QRectF(0, 0, 40, 40))  # 10 pixels per scene unit
    assert _colour(image, 100, 100) == RED
    assert _colour(image, 300, 100) == BLUE
    assert _colour(image, 100, 300) == RED
    assert _colour(image, 300, 300) == "#000000"  # hidden
    assert _colour(image, 200, 200) == "#000000"  # between nodes
    # The radius scales with the zoom: 4 units are 40 pixels; 2 units are 20.
    assert _colour(image, 100 + 36, 100) == RED and _colour(image, 100 + 44, 100) == "#000000"
    assert _colour(image, 100, 300 + 16) == RED and _colour(image, 100, 300 + 24) == "#000000"


def test_the_outline_keeps_its_width_in_pixels_at_any_zoom(qtbot: QtBot) -> None:
    nodes = NodesItem(lambda row, mods, at: None)
    nodes.set_nodes(np.array([[0.0, 0.0]]), np.array([1.0]), [_style(RED, WHITE, 3.0)],
                    np.array([True]))
    for pixels_per_unit in (20, 100):
        image = _render(nodes, QRectF(-2, -2, 4, 4), size=4 * pixels_per_unit)
        centre = 2 * pixels_per_unit
        rim = [_colour(image, centre + d, centre) for d in range(pixels_per_unit - 4,
                                                                 pixels_per_unit + 4)]
        assert rim.count(WHITE) in (2, 3, 4)  # 3 px of white at either zoom, antialiased


def test_very_close_zoom_draws_shapes_instead_of_huge_sprites(qtbot: QtBot) -> None:
    nodes = NodesItem(lambda row, mods, at: None)
    nodes.set_nodes(np.array([[0.0, 0.0]]), np.array([1.0]), [_style(BLUE)], np.array([True]))
    image = _render(nodes, QRectF(-1.2, -1.2, 2.4, 2.4), size=600)  # radius 250 px
    assert _colour(image, 300, 300) == BLUE and _colour(image, 300 + 240, 300) == BLUE
    assert _colour(image, 300 + 260, 300) == "#000000"


def test_a_node_whose_outline_says_something_is_drawn_over_plain_ones(qtbot: QtBot) -> None:
    nodes = NodesItem(lambda row, mods, at: None)
    on_one_spot = np.array([[20.0, 20.0], [20.0, 20.0]])
    nodes.set_nodes(on_one_spot, np.array([5.0, 5.0]),
                    [_style(RED, ME_RING, ME_RING_PX), _style(BLUE)], np.array([True, True]))
    image = _render(nodes, QRectF(0, 0, 40, 40))
    assert _colour(image, 200, 200) == RED  # me, though the plain one comes later


def test_row_at_finds_the_node_under_a_point_and_skips_hidden_ones(item: NodesItem) -> None:
    assert item.row_at(QPointF(12.0, 11.0)) == 0
    assert item.row_at(QPointF(30.0, 13.9)) == 1
    assert item.row_at(QPointF(30.0, 14.1)) is None
    assert item.row_at(QPointF(10.0, 32.5)) is None  # node 2 has radius 2
    assert item.row_at(QPointF(30.0, 30.0)) is None  # node 3 is hidden


def test_within_reach_the_node_with_the_nearest_rim_is_found_but_never_a_hidden_one(
    item: NodesItem,
) -> None:
    assert item.row_at(QPointF(30.0, 14.5), reach=1.0) == 1  # half a unit past its rim
    assert item.row_at(QPointF(30.0, 14.5), reach=0.4) is None
    assert item.row_at(QPointF(10.0, 26.0), reach=3.0) == 2  # two units off its rim
    assert item.row_at(QPointF(30.0, 25.5), reach=1.0) is None  # node 3 is hidden


def test_bounds_cover_the_visible_nodes_and_their_radius(item: NodesItem) -> None:
    assert item.boundingRect() == QRectF(6.0, 6.0, 28.0, 28.0)
    assert item.dataBounds(0) == (6.0, 34.0) and item.dataBounds(1) == (6.0, 34.0)
    view = pg.ViewBox()
    view.addItem(item)
    assert view.childrenBounds()[0] == pytest.approx([6.0, 34.0])


def test_bounds_grow_round_a_few_rows_moved_shown_or_grown_and_keep_what_is_inside(
    item: NodesItem,
) -> None:
    looks = ([_style(RED)], np.array([4.0]), [()])
    item.set_rows(np.array([1]), visible=True, pos=np.array([[28.0, 12.0]]), looks=looks)
    assert item.boundingRect() == QRectF(6.0, 6.0, 28.0, 28.0)  # inside: kept
    item.set_rows(np.array([1]), visible=True, pos=np.array([[50.0, 10.0]]), looks=looks)
    assert item.boundingRect() == QRectF(6.0, 6.0, 48.0, 28.0)  # moved past the right
    item.set_rows(np.array([3]), visible=True)  # hidden until now, at (30, 30)
    item.set_rows(np.array([2]), visible=True, looks=([_style(RED)], np.array([8.0]), [()]))
    assert item.boundingRect() == QRectF(2.0, 2.0, 56.0, 36.0)  # everyone as large as it


def test_sprites_are_sharp_on_high_density_screens(qtbot: QtBot) -> None:
    brush, pen = _style(RED)
    sharp = render_disc(brush, pen, 10.0, dpr=2.0)
    plain = render_disc(brush, pen, 10.0)
    assert sharp.width() == 2 * plain.width() and sharp.devicePixelRatio() == 2.0
    assert sharp.deviceIndependentSize().width() == plain.width()


def test_a_node_drawn_tinier_than_its_plain_outline_is_a_dot_of_its_fill(qtbot: QtBot) -> None:
    brush, pen = _style(RED)  # a white outline, 1.2 pixels wide
    for radius in (0.2, 1.0, DOT_UP_TO_PX - 0.1):  # a large map seen whole
        dot = render_disc(brush, pen, radius).toImage()
        centre = dot.width() // 2
        colours = {dot.pixelColor(x, y).name() for x in range(dot.width())
                   for y in range(dot.height()) if dot.pixelColor(x, y).alpha() > 0}
        assert dot.pixelColor(centre, centre).name() == RED
        assert WHITE not in colours  # no outline over it
    ring = render_disc(*_style(RED, ME_RING, ME_RING_PX), 0.5).toImage()  # an outline
    assert any(ring.pixelColor(x, y).name() == ME_RING  # that says something
               for x in range(ring.width()) for y in range(ring.height()))
    disc = render_disc(brush, pen, 8.0).toImage()  # closer: the outline is back
    assert disc.pixelColor(disc.width() // 2, disc.height() // 2).name() == RED
    assert any(disc.pixelColor(x, disc.height() // 2).name() == WHITE
               for x in range(disc.width()))


def test_only_the_exposed_part_of_the_map_is_painted(item: NodesItem) -> None:
    option = QStyleOptionGraphicsItem()
    option.exposedRect = QRectF(0, 0, 20, 20)  # around node 0 only
    image = QImage(400, 400, QImage.Format.Format_ARGB32)
    image.fill(QColor("#000000"))
    painter = QPainter(image)
    painter.scale(10, 10)
    item.paint(painter, option)
    painter.end()
    assert _colour(image, 100, 100) == RED
    assert _colour(image, 300, 100) == "#000000"  # node 1 lies outside the exposed part


def test_rows_shown_again_repaint_only_around_them_and_none_repaint_nothing(
    item: NodesItem, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit that restyles a few people repaints around them; one that restyles nobody
    repaints nothing (an update of an empty rectangle is one of the whole map)."""
    repainted: list[object] = []
    monkeypatch.setattr(item, "update", lambda *rect: repainted.append(rect[0] if rect else "all"))
    item.set_rows(np.array([1]), visible=True, looks=([_style(RED)], np.array([4.0]), [()]))
    (around,) = repainted  # node 1's disc, a pixel's margin around it at most
    assert isinstance(around, QRectF) and around.contains(QRectF(26, 6, 8, 8))
    assert around.width() < 10
    repainted.clear()
    item.set_rows(np.array([], dtype=np.intp), visible=True,
                  looks=([], np.array([]), []))
    assert repainted == []


def test_a_node_in_two_spheres_shows_both_as_halves_inside_its_outline(qtbot: QtBot) -> None:
    nodes = NodesItem(lambda row, mods, at: None)
    halves = (QBrush(QColor(RED)), QBrush(QColor(BLUE)))
    for radius_px in (50, 250):  # a sprite, and a shape at a very close zoom
        nodes.set_nodes(np.array([[0.0, 0.0]]), np.array([1.0]), [_style(WHITE)],
                        np.array([True]), [halves])
        scale = radius_px  # pixels per scene unit
        image = _render(nodes, QRectF(-1.2, -1.2, 2.4, 2.4), size=int(2.4 * scale))
        centre = 1.2 * scale
        inside = 0.6 * scale  # well within the segments, which stop short of the rim
        seen = {_colour(image, centre + dx, centre + dy)
                for dx, dy in ((inside, 0), (-inside, 0), (0, inside), (0, -inside))}
        assert seen == {RED, BLUE}
        assert _colour(image, centre + 0.95 * scale, centre) == WHITE  # the fill at the rim


def test_every_look_drawn_as_sprites_keeps_its_size_at_the_zoom(item: NodesItem) -> None:
    image = _render(item, QRectF(0, 0, 40, 40), size=80)  # 2 pixels per unit: sprites
    for x, y, reach in ((20, 20, 8), (60, 20, 8), (20, 60, 4)):  # three looks, in turn
        colour = _colour(image, x, y)
        assert colour != "#000000"
        assert _colour(image, x + reach - 2, y) == colour
        assert _colour(image, x + reach + 2, y) == "#000000"


def test_a_selected_person_is_ringed_wide_enough_to_find_at_any_zoom(window: MainWindow) -> None:
    canvas = window.canvas
    person = next(p for p in window.document.network.people.values() if not p.is_me)
    window.selection.set_people(frozenset({person.id}))
    row = canvas.row[person.id]
    x, y = canvas.pos[row]
    for half in (1e5, 1e4):  # a map far larger than the view: a disc is well below a pixel
        canvas.view.setRange(xRange=(x - half, x + half), yRange=(y - half, y + half),
                             padding=0)
        on_screen = float(canvas.ring.data["size"][0]) / canvas.pixel()
        assert on_screen == pytest.approx(RING_MIN_PX)
    canvas.view.setRange(xRange=(x - 60, x + 60), yRange=(y - 60, y + 60), padding=0)
    assert float(canvas.ring.data["size"][0]) == pytest.approx(2 * canvas.radius[row] + 8)
