"""Edge layers: smooth translucent lines on ordinary maps, fast opaque ones on large maps."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from relmap.core.ids import PersonId, TieId
from relmap.core.model import Person, Tie, TieKind
from relmap.core.network import Network
from relmap.render.theme import mixed
from relmap.ui.canvas.edges import EdgeSet
from relmap.ui.canvas.layers import DASH, EDGE_ALPHA, MAP_BACKGROUND, SOLID, EdgeLayers

KEY = (1.0, SOLID, EDGE_ALPHA, "#000000")


def test_the_opaque_colour_is_what_the_translucent_one_shows_over_the_map() -> None:
    assert mixed("#000000", 255, MAP_BACKGROUND) == QColor("#000000")
    assert mixed("#000000", 0, MAP_BACKGROUND) == QColor(MAP_BACKGROUND)
    grey = mixed("#000000", 102, MAP_BACKGROUND)  # 40 % black over #f7f8fa
    assert (grey.red(), grey.green(), grey.blue(), grey.alpha()) == (148, 149, 150, 255)


def test_large_maps_switch_the_curves_to_opaque_aliased_pens_and_back(qtbot: QtBot) -> None:
    layers = EdgeLayers(pg.ViewBox(), z=0)
    segments = np.tile(np.array([[0.0, 0.0], [1.0, 1.0]]), (3, 1, 1))
    layers.set_segments(segments, np.zeros(3, dtype=int), [KEY])
    curve = layers._curves[KEY]
    assert curve.smooth and curve.pen.color().alpha() == EDGE_ALPHA
    layers.set_smooth(False)
    pen = curve.pen
    assert not curve.smooth
    assert pen.color() == mixed("#000000", EDGE_ALPHA, MAP_BACKGROUND)
    assert pen.isCosmetic() and pen.widthF() == 1.0
    layers.set_smooth(True)
    assert curve.smooth and curve.pen.color().alpha() == EDGE_ALPHA


def test_each_arrowhead_is_drawn_in_its_own_ties_pen(qtbot: QtBot) -> None:
    people = {PersonId(i): Person(PersonId(i), f"P{i}") for i in (1, 2, 3)}
    ties = {TieId(1): Tie(TieId(1), PersonId(1), PersonId(2), directed=True, strength=1),
            TieId(2): Tie(TieId(2), PersonId(1), PersonId(3), directed=True, strength=5)}
    edges = EdgeSet(pg.ViewBox())
    edges.rebuild(Network(people=people, ties=ties), {pid: pid - 1 for pid in people})
    pos = np.array([[0.0, 0.0], [100.0, 0.0], [0.0, 100.0]])
    edges.draw(pos, np.full(3, 5.0), np.ones(3, dtype=bool), np.zeros(3, dtype=bool))
    wings = 0
    for (width, *_), curve in edges.layers._curves.items():
        # Tie 1 points at P2 and tie 2 at P3: a wing is a short segment by its target.
        mine, other = (pos[1], pos[2]) if width == edges.width[0] else (pos[2], pos[1])
        short = np.linalg.norm(curve.ends[:, 0] - curve.ends[:, 1], axis=1) < 10
        assert not (short & (np.linalg.norm(curve.ends[:, 0] - other, axis=1) < 10)).any()
        wings += int((short & (np.linalg.norm(curve.ends[:, 0] - mine, axis=1) < 10)).sum())
    assert wings == 4


def test_the_faded_ties_follow_the_ties_drawn(qtbot: QtBot) -> None:
    """What is faded is worked out once for the same faded people and ties (a drag frame
    looked up both ends of every tie), and again when the ties change."""
    edges, pos = _two_ties()
    faded = np.array([True, False, False, False])  # P1: its tie to P2 faded
    shown, radius = np.ones(4, dtype=bool), np.full(4, 5.0)
    for _ in range(2):
        edges.draw(pos, radius, shown, faded)
        assert edges._last is not None and (edges._last[3] % 2).tolist() == [1, 0]
    people = {PersonId(i): Person(PersonId(i), f"P{i}") for i in (1, 2, 3, 4)}
    swapped = {TieId(1): Tie(TieId(1), PersonId(3), PersonId(4)),
               TieId(2): Tie(TieId(2), PersonId(1), PersonId(2))}
    edges.rebuild(Network(people=people, ties=swapped), {pid: pid - 1 for pid in people})
    edges.draw(pos, radius, shown, faded)
    assert edges._last is not None and (edges._last[3] % 2).tolist() == [0, 1]


def _two_ties() -> tuple[EdgeSet, np.ndarray]:
    """P1–P2, a thin tie, and P3–P4, a thick one: opposite sides of a square."""
    people = {PersonId(i): Person(PersonId(i), f"P{i}") for i in (1, 2, 3, 4)}
    ties = {TieId(1): Tie(TieId(1), PersonId(1), PersonId(2), strength=1),
            TieId(2): Tie(TieId(2), PersonId(3), PersonId(4), strength=5)}
    edges = EdgeSet(pg.ViewBox())
    edges.rebuild(Network(people=people, ties=ties), {pid: pid - 1 for pid in people})
    return edges, np.array([[0.0, 0.0], [100.0, 0.0], [0.0, 100.0], [100.0, 100.0]])


def test_a_move_gives_new_segments_only_to_the_pens_of_the_moved_ties(qtbot: QtBot) -> None:
    """The other pens keep their segments, and with them their cached pictures: a drop on
    a large map repaints a few of its layers instead of all of them."""
    edges, pos = _two_ties()
    shown, radius = np.ones(4, dtype=bool), np.full(4, 5.0)
    edges.draw(pos, radius, shown, np.zeros(4, dtype=bool))
    before = {key[0]: curve.ends for key, curve in edges.layers._curves.items()}
    pos[1] += (20.0, 30.0)  # P2 moves: tie 1, the thin one, changes
    edges.draw(pos, radius, shown, np.zeros(4, dtype=bool))
    after = {key[0]: curve.ends for key, curve in edges.layers._curves.items()}
    thin, thick = sorted(after)
    assert after[thick] is before[thick]
    assert after[thin] is not before[thin]
    assert np.allclose(after[thin][0], [[0.0, 0.0], [120.0, 30.0]], atol=6.0)


def _repaints(edges: EdgeSet, monkeypatch: pytest.MonkeyPatch) -> dict[float, list[object]]:
    """What each pen's layer of ``edges`` is asked to repaint from now on, by pen width: a
    rectangle, or "all"."""
    repainted: dict[float, list[object]] = {}
    for (width, *_), curve in edges.layers._curves.items():
        into = repainted.setdefault(width, [])
        monkeypatch.setattr(curve, "update",
                            lambda *rect, into=into: into.append(rect[0] if rect else "all"))
    return repainted


def test_a_move_repaints_each_pen_only_around_its_own_moved_ties(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """P1 has a long thin tie and a short thick one: moving P1 repaints the thick pen's
    layer around the short tie alone, not across the map as far as the long one reaches."""
    people = {PersonId(i): Person(PersonId(i), f"P{i}") for i in (1, 2, 3, 4)}
    ties = {TieId(1): Tie(TieId(1), PersonId(1), PersonId(2), strength=1),
            TieId(2): Tie(TieId(2), PersonId(1), PersonId(3), strength=5),
            TieId(3): Tie(TieId(3), PersonId(3), PersonId(4), strength=5)}
    edges = EdgeSet(pg.ViewBox())
    edges.rebuild(Network(people=people, ties=ties), {pid: pid - 1 for pid in people})
    pos = np.array([[0.0, 0.0], [1000.0, 1000.0], [100.0, 0.0], [-1000.0, 1000.0]])
    shown, radius, faded = np.ones(4, dtype=bool), np.full(4, 5.0), np.zeros(4, dtype=bool)
    edges.draw(pos, radius, shown, faded)
    repainted = _repaints(edges, monkeypatch)
    pos[0] = (0.0, 10.0)
    edges.draw(pos, radius, shown, faded)
    thin, thick = (repainted[w] for w in sorted(repainted))
    assert thin == [QRectF(0.0, 0.0, 1000.0, 1000.0)]  # the long tie, where it was and is
    assert thick == [QRectF(0.0, 0.0, 100.0, 10.0)]  # the short one alone


def test_a_tie_taken_off_or_added_repaints_only_around_itself(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a large map a tie removed, or put back, is erased or drawn where it is, in its own
    pen's layer: the other ties stay as drawn, and the rest of the layer too."""
    people = {PersonId(i): Person(PersonId(i), f"P{i}") for i in (1, 2, 3, 4)}
    short = Tie(TieId(3), PersonId(1), PersonId(3), strength=5)
    ties = {TieId(1): Tie(TieId(1), PersonId(1), PersonId(2), strength=1),
            TieId(2): Tie(TieId(2), PersonId(3), PersonId(4), strength=5), TieId(3): short}
    net, row = Network(people=people, ties=ties), {pid: pid - 1 for pid in people}
    edges = EdgeSet(pg.ViewBox())
    edges.rebuild(net, row)
    pos = np.array([[0.0, 0.0], [100.0, 0.0], [50.0, 100.0], [1000.0, 1000.0]])
    shown, radius, faded = np.ones(4, dtype=bool), np.full(4, 5.0), np.zeros(4, dtype=bool)
    edges.draw(pos, radius, shown, faded)
    repainted = _repaints(edges, monkeypatch)
    thin, thick = sorted(repainted)
    for change in (lambda: net.ties.pop(short.id), lambda: net.ties.update({short.id: short})):
        change()
        edges.update(net, row, {short.id})
        edges.draw(pos, radius, shown, faded)
        assert repainted == {thin: [], thick: [QRectF(0.0, 0.0, 50.0, 100.0)]}
        fresh = EdgeSet(pg.ViewBox())
        fresh.rebuild(net, row)
        fresh.draw(pos, radius, shown, faded)
        assert {k: c.ends.tolist() for k, c in edges.layers._curves.items()} == {
            k: c.ends.tolist() for k, c in fresh.layers._curves.items()}
        repainted[thick].clear()


def test_a_tie_along_an_axis_repaints_when_it_moves(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A vertical tie's changes lie in a box without width: still a change to repaint."""
    edges, pos = _two_ties()
    pos[1] = (0.0, 50.0)  # tie 1 vertical, from (0, 0)
    shown, radius, faded = np.ones(4, dtype=bool), np.full(4, 5.0), np.zeros(4, dtype=bool)
    edges.draw(pos, radius, shown, faded)
    thin = edges.layers._curves[min(edges.layers._curves)]
    repainted: list[object] = []
    monkeypatch.setattr(thin, "update", lambda *where: repainted.append(where))
    pos[1] = (0.0, 20.0)  # along its own line
    edges.draw(pos, radius, shown, faded)
    assert repainted


def test_a_tie_taken_off_for_a_drag_is_put_back_in_its_place(qtbot: QtBot) -> None:
    """While its person is dragged a tie has no pen and cannot be picked; at the drop it is
    drawn again where it was among the segments, without a copy of the others."""
    edges, pos = _two_ties()
    shown, radius, faded = np.ones(4, dtype=bool), np.full(4, 5.0), np.zeros(4, dtype=bool)
    edges.draw(pos, radius, shown, faded)
    assert edges.tie_at(np.array([50.0, 0.0]), 2.0) == TieId(1)
    edges.draw(pos, radius, shown, faded, exclude=np.array([0]))  # P2 picked up
    assert [key[0] for key in edges.layers._curves] == [pytest.approx(edges.width[1])]
    assert edges.tie_at(np.array([50.0, 0.0]), 2.0) is None
    segments = edges._drawing.segments  # type: ignore[union-attr]
    pos[1] = (100.0, 50.0)  # dropped lower down
    edges.draw(pos, radius, shown, faded)
    assert edges._drawing.segments is segments  # type: ignore[union-attr]
    assert edges.tie_at(np.array([50.0, 25.0]), 2.0) == TieId(1)
    assert edges.tie_at(np.array([50.0, 0.0]), 2.0) is None
    thin = edges.layers._curves[min(edges.layers._curves)]
    assert np.allclose(thin.ends, [[[0.0, 0.0], [100.0, 50.0]]])


def test_aliased_dashes_a_little_over_a_pixel_wide_are_drawn_one_pixel_wide(qtbot: QtBot) -> None:
    """Qt draws them five times as fast, and aliased they look much the same; the dashes keep
    their length. Wider ones, and every smooth one, keep their width."""
    layers = EdgeLayers(pg.ViewBox(), z=0, smooth=False)
    thin, wide = layers._pen((1.2, DASH, EDGE_ALPHA, "#000000")), layers._pen(
        (1.7, DASH, EDGE_ALPHA, "#000000"))
    assert thin.widthF() == 1.0 and wide.widthF() == 1.7
    assert thin.dashPattern() == pytest.approx([1.2 * d for d in wide.dashPattern()])
    smooth = EdgeLayers(pg.ViewBox(), z=0)._pen((1.2, DASH, EDGE_ALPHA, "#000000"))
    assert smooth.widthF() == 1.2


def test_ties_added_removed_and_changed_update_the_arrays_as_a_rebuild_makes_them(
    qtbot: QtBot,
) -> None:
    rng = np.random.default_rng(7)
    people = {PersonId(i): Person(PersonId(i), f"P{i}") for i in range(1, 9)}  # many pairs
    row = {pid: pid - 1 for pid in people}  # tied twice or more: their ties bend
    kinds = list(TieKind)

    def tie(tid: int) -> Tie:
        a, b = (PersonId(int(p)) for p in rng.choice(list(people), 2, replace=False))
        return Tie(TieId(tid), a, b, kinds[int(rng.integers(len(kinds)))],
                   bool(rng.integers(2)), int(rng.integers(1, 6)))

    network = Network(people=people, ties={TieId(t): tie(t) for t in range(1, 41)})
    edges = EdgeSet(pg.ViewBox())
    edges.rebuild(network, row)
    pos = rng.random((len(people), 2)) * 500
    shown, faded = np.ones(len(people), dtype=bool), np.zeros(len(people), dtype=bool)
    radius = np.full(len(people), 5.0)
    edges.draw(pos, radius, shown, faded)
    for step in range(60):
        changed = {TieId(t) for t in rng.choice(list(network.ties), 3, replace=False).tolist()}
        for tid in changed:
            if step % 6 == 0:
                del network.ties[tid]
            else:  # its kind, strength, direction or ends
                network.ties[tid] = tie(tid)
        if step % 4 == 0:
            new = TieId(max(network.ties) + 1)
            network.ties[new] = tie(new)
            changed.add(new)
        edges.update(network, row, changed)
        edges.draw(pos, radius, shown, faded)
        fresh = EdgeSet(pg.ViewBox())
        fresh.rebuild(network, row)
        fresh.draw(pos, radius, shown, faded)
        assert edges.tie_ids == fresh.tie_ids == list(network.ties)
        assert edges.index == fresh.index
        for name in ("rows", "width", "dash", "directed", "tone", "bend"):
            assert np.array_equal(getattr(edges, name), getattr(fresh, name)), name
        assert _drawn(edges) == _drawn(fresh)


def _drawn(edges: EdgeSet) -> dict[object, list[tuple[float, ...]]]:
    """The segments each pen of ``edges``' layers draws, in order."""
    return {key: sorted(map(tuple, curve.ends.reshape(-1, 4).tolist()))
            for key, curve in edges.layers._curves.items() if len(curve.ends)}
