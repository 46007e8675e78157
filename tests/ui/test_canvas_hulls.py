"""Sphere hulls on the canvas: a move or a join recomputes only the hulls it touches."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pytestqt.qtbot import QtBot

from relmap.core.edits import SetMembership
from relmap.core.ids import PersonId, SphereId
from relmap.core.model import Person, Sphere
from relmap.core.network import Network
from relmap.ui.canvas.hulls import HullCache
from relmap.ui.canvas.layers import HullLayer

FINTECH = SphereId(1)


def _two_clusters() -> tuple[Network, dict[PersonId, int], np.ndarray]:
    """Two groups of four Fintech people, far apart, and one person outside the sphere."""
    spots = [(0, 0), (40, 0), (0, 40), (40, 40)]
    at = [(x, y) for x, y in spots] + [(x + 5000, y) for x, y in spots] + [(0, 5000)]
    people = {PersonId(i + 1): Person(PersonId(i + 1), f"P{i}",
                                      spheres=frozenset({FINTECH}) if i < 8 else frozenset())
              for i in range(len(at))}
    network = Network(people=people, spheres={FINTECH: Sphere(FINTECH, "Fintech")})
    return network, {pid: pid - 1 for pid in people}, np.array(at, dtype=float)


def _hulls(cache: HullCache, network: Network, row: dict[PersonId, int],
           pos: np.ndarray) -> list[np.ndarray]:
    drawn = cache.polygons(network, row, pos, np.ones(len(pos), dtype=bool), frozenset())
    return sorted((polygon for _, polygon in drawn), key=lambda p: float(p[:, 0].min()))


def test_a_move_recomputes_the_hull_of_its_group_and_keeps_the_others() -> None:
    network, row, pos = _two_clusters()
    cache = HullCache()
    near, far = _hulls(cache, network, row, pos)
    pos[0] += (-30.0, 0.0)  # one of the near group steps left
    cache.forget_people(network, [PersonId(1)])
    moved, kept = _hulls(cache, network, row, pos)
    assert kept is far  # the same polygon: the layer keeps its cached picture
    assert moved[:, 0].min() < near[:, 0].min() - 29.0


def test_a_person_who_joins_a_sphere_is_inside_its_hull() -> None:
    network, row, pos = _two_clusters()
    cache = HullCache()
    _hulls(cache, network, row, pos)
    newcomer = PersonId(9)
    pos[row[newcomer]] = (20.0, 80.0)  # just below the near group
    cache.forget_people(network, [newcomer])  # moved, not yet in the sphere
    network.apply(SetMembership(FINTECH, frozenset({newcomer})))
    cache.forget_people(network, [newcomer])
    near, _ = _hulls(cache, network, row, pos)
    assert near[:, 1].max() > 80.0


def _square(x: float, y: float, side: float) -> np.ndarray:
    return np.array([(x, y), (x + side, y), (x + side, y + side), (x, y + side)], dtype=float)


def test_the_hull_layer_repainted_where_hulls_changed_shows_what_a_whole_repaint_shows(
    qtbot: QtBot,
) -> None:
    """One item draws every hull and repaints only where hulls came, went or changed
    colour or order: a hull that went leaves nothing behind, overlaps blend in the new
    order, a kept hull stays."""
    view = pg.GraphicsView()
    box = pg.ViewBox()
    view.setCentralItem(box)
    view.resize(300, 300)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    layer = HullLayer(box, z=-10)
    box.setRange(xRange=(0, 300), yRange=(0, 300), padding=0)
    blue, red = ("#1f77b4", _square(10, 10, 80)), ("#d62728", _square(60, 60, 60))
    steps = [[blue, ("#d62728", _square(60, 60, 160)), ("#2ca02c", _square(20, 200, 60))],
             [blue, red],  # one gone, one shrunk
             [red, blue]]  # the overlap blends the other way
    shown = []
    for hulls in steps:
        layer.set_hulls(hulls)
        shown.append(view.grab().toImage())
        layer.setCacheMode(layer.CacheMode.NoCache)  # its picture painted anew, whole
        layer.setCacheMode(layer.CacheMode.DeviceCoordinateCache)
        assert view.grab().toImage() == shown[-1]
    assert layer.shown == 2 and shown[0] != shown[1] != shown[2]
