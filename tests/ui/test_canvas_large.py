"""Large maps: a dragged hub shows a share of its ties, a zoom shows a picture until it rests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QGraphicsItem
from pytestqt.qtbot import QtBot

from relmap import style
from relmap.analysis.filters import Condition, Field, filtered, measured
from relmap.core.edits import (
    AddPeople,
    AddTies,
    RemovePeople,
    RemoveTies,
    SetAssessment,
    SetMembership,
    UpdatePerson,
    UpdateTie,
)
from relmap.core.ids import PersonId, TieId
from relmap.core.model import AssessmentField, Person, Tie
from relmap.document.document import MEASURED_LATER_FROM, Document
from relmap.style import Measure
from relmap.ui.canvas.edges import MOVING_DRAWN, SMOOTH_EDGES_UP_TO
from relmap.ui.canvas.geometry import edge_segments, parallel_bends
from relmap.ui.canvas.gestures import gesture_for
from relmap.ui.canvas.layers import MAP_BACKGROUND
from relmap.ui.canvas.network_canvas import NetworkCanvas
from relmap.ui.canvas.view import SETTLE_MS
from relmap.ui.main_window import MainWindow
from relmap.ui.operations import connect

from .conftest import NONE, send, stored

SPOKES = SMOOTH_EDGES_UP_TO + 500  # a large map: more ties than are drawn smooth


@pytest.fixture
def star(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, Path]]:
    """Me tied to SPOKES people around me, in a shown window."""
    db = tmp_path / "star.db"
    document = Document.open(db)
    assert document.network.me is not None and document.network.me.id == PersonId(1)
    angle = np.linspace(0, 2 * np.pi, SPOKES, endpoint=False)
    people = [Person(PersonId(i + 2), f"Contact {i}", x=float(200 * np.cos(a)),
                     y=float(200 * np.sin(a))) for i, a in enumerate(angle)]
    ties = tuple(Tie(TieId(i + 1), PersonId(1), PersonId(i + 2)) for i in range(SPOKES))
    document.push(AddPeople(tuple(people), ties), "Star")
    window = MainWindow(document, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    yield window, db
    window.close()
    document.close()


def test_dragging_a_hub_draws_a_share_of_its_ties_then_all_of_them(
    star: tuple[MainWindow, Path],
) -> None:
    window, db = star
    canvas = window.canvas
    me = canvas.row[PersonId(1)]
    start = canvas.pos[me].copy()
    gesture = gesture_for(canvas, me, Qt.KeyboardModifier.NoModifier, start)
    assert gesture is not None
    target = start + np.array([30.0, 10.0])
    gesture.move(target)
    assert canvas.edges.moving_many.drawn == MOVING_DRAWN < SPOKES
    gesture.finish(target, None)
    assert canvas.edges.moving_many.drawn == 0
    assert canvas.edges.layers.drawn == SPOKES
    assert (stored(db).people[PersonId(1)].x, stored(db).people[PersonId(1)].y) == (30.0, 10.0)


def test_zooming_a_large_map_shows_a_picture_then_redraws_when_it_rests(
    star: tuple[MainWindow, Path], qtbot: QtBot,
) -> None:
    canvas = star[0].canvas
    assert canvas.preview_moves
    layers = [item for item in canvas.view.childGroup.childItems() if item.isVisible()]
    canvas.zoom(1.25)
    canvas.zoom(1.25)
    assert canvas.previewing
    assert all(item.opacity() == 0.0 for item in layers)  # not redrawn per step
    picture = canvas.viewport().grab().toImage()
    centre = picture.pixelColor(picture.width() // 2, picture.height() // 2)
    assert centre != QColor(MAP_BACKGROUND)  # me, drawn from the picture
    qtbot.waitUntil(lambda: not canvas.previewing, timeout=5_000)
    assert all(item.opacity() == 1.0 for item in layers)
    assert canvas.labels.shown  # placed again for the zoom reached


def test_small_maps_redraw_at_every_zoom_step(window: MainWindow) -> None:
    canvas = window.canvas
    assert not canvas.preview_moves
    canvas.zoom(1.25)
    assert not canvas.previewing


def test_panning_a_large_map_moves_the_picture_then_redraws(
    star: tuple[MainWindow, Path], qtbot: QtBot,
) -> None:
    window = star[0]
    canvas = window.canvas
    before = canvas.view.viewRect()
    start = QPoint(12, 12)  # a corner of the empty map
    # The test, not the machine's speed, decides when the view has rested: a slow event
    # loop must not end the preview between two moves.
    canvas.settle_ms = 60_000
    send(window, QEvent.Type.MouseButtonPress, start, True, NONE)
    for step in range(1, 6):
        send(window, QEvent.Type.MouseMove, start + QPoint(20 * step, 10 * step), True, NONE)
        QApplication.processEvents()
        assert canvas.previewing  # each move only moves the picture
    canvas.settle_ms = SETTLE_MS
    send(window, QEvent.Type.MouseMove, start + QPoint(110, 55), True, NONE)
    send(window, QEvent.Type.MouseButtonRelease, start + QPoint(110, 55), False, NONE)
    assert canvas.view.viewRect().center() != before.center()
    qtbot.waitUntil(lambda: not canvas.previewing, timeout=5_000)


def test_a_drag_hides_and_shows_its_people_without_restyling_the_map(
    star: tuple[MainWindow, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restyling every node costs a second on 100,000 people: a drag's start and drop only
    take its people off the node layer and put them back where they were dropped."""
    window, db = star
    canvas = window.canvas
    restyled: list[int] = []
    set_nodes = canvas.nodes.set_nodes

    def counted(*args: Any, **kwargs: Any) -> None:
        restyled.append(1)
        set_nodes(*args, **kwargs)

    monkeypatch.setattr(canvas.nodes, "set_nodes", counted)
    row = canvas.row[PersonId(5)]
    start = canvas.pos[row].copy()
    gesture = gesture_for(canvas, row, Qt.KeyboardModifier.NoModifier, start)
    assert gesture is not None
    assert not canvas.nodes.visible[row] and canvas.nodes.visible.sum() == SPOKES
    gesture.move(start + 40)
    gesture.finish(start + 40, None)
    assert restyled == []
    assert canvas.nodes.visible[row] and tuple(canvas.nodes.pos[row]) == tuple(start + 40)
    assert tuple(canvas.pos[row]) == tuple(start + 40)
    assert stored(db).people[PersonId(5)].x == start[0] + 40


OUT = [(20.0, 220.0), (0.0, 280.0)]  # a drag out of the star, through two points


@pytest.mark.parametrize(
    "drags",
    [
        [OUT],  # the layers grow
        [OUT, [(30.0, 250.0)]],  # then a drag back in a little: they repaint a part
    ],
)
def test_drags_repaint_only_around_the_moved_ties_yet_leave_the_map_as_drawn_afresh(
    star: tuple[MainWindow, Path], qtbot: QtBot, drags: list[list[tuple[float, float]]],
) -> None:
    canvas = star[0].canvas
    row = canvas.row[PersonId(2 + SPOKES // 4)]  # at (0, 200), on the star's rim
    canvas.viewport().repaint()  # the cached layers are drawn
    for points in drags:
        gesture = gesture_for(canvas, row, Qt.KeyboardModifier.NoModifier, canvas.pos[row])
        assert gesture is not None
        for target in map(np.array, points):
            gesture.move(target)
        gesture.finish(target, None)
        qtbot.wait(10)
    # The layers hold every tie where it now is, as a drawing from scratch would...
    held = np.concatenate([curve.ends for curve in canvas.edges.layers._curves.values()])
    fresh = edge_segments(canvas.pos, canvas.edges.rows, canvas.edges.bend)[0]
    assert np.array_equal(in_order(held), in_order(fresh))
    # ...and show them as a drawing without caches does.
    dropped = canvas.viewport().grab().toImage()
    for item in canvas.view.childGroup.childItems():
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    # Alike up to how a cached layer rounds its colours (a tie left or missing is 100 off).
    assert np.abs(rgb(dropped) - rgb(canvas.viewport().grab().toImage())).max() <= 10


def test_an_edit_of_a_few_people_redraws_their_nodes_alone_as_a_full_drawing_would(
    window: MainWindow, document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    canvas, net = window.canvas, document.network
    sphere = next(iter(net.spheres))
    canvas.set_focus(frozenset({sphere}))  # the rest faded: joining the sphere lights one up
    canvas.viewport().repaint()
    redrawn: list[object] = []
    monkeypatch.setattr(canvas.nodes, "set_nodes", lambda *args: redrawn.append(args))
    some, other = [p for p in net.people.values() if not p.is_me and sphere not in p.spheres][:2]
    larger = 1 if some.assessment.quality == 5 else 5
    document.push(SetAssessment(some.id, AssessmentField.QUALITY, larger), "Rate")  # its size
    document.push(SetMembership(sphere, frozenset({other.id})), "Join")  # colour and focus
    document.push(UpdatePerson(some.id, {"display_name": "Renamed"}), "Rename")
    assert not redrawn  # no node but theirs was drawn again
    monkeypatch.undo()
    edited = canvas.viewport().grab().toImage()
    canvas.draw_nodes()
    assert np.abs(rgb(edited) - rgb(canvas.viewport().grab().toImage())).max() <= 10


def test_ties_added_changed_and_removed_on_a_large_map_are_drawn_as_a_fresh_drawing(
    star: tuple[MainWindow, Path], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = star[0]
    canvas, document = window.canvas, window.document
    canvas.viewport().repaint()
    rebuilt: list[object] = []
    monkeypatch.setattr(canvas.edges, "rebuild", lambda *args: rebuilt.append(args))
    rim = [PersonId(2 + i * SPOKES // 8) for i in range(8)]
    new = [TieId(SPOKES + 1 + i) for i in range(4)]
    edits = [
        lambda: document.push(AddTies(tuple(Tie(t, rim[i], rim[i + 1], directed=True)
                                            for i, t in enumerate(new))), "Connect"),
        lambda: document.push(AddTies((Tie(TieId(SPOKES + 10), PersonId(1), rim[0]),)),
                              "Again"),  # it and the first bend apart
        lambda: document.push(UpdateTie(new[0], {"strength": 5}), "Strength"),
        lambda: document.push(RemoveTies((TieId(1), new[1])), "Remove"),  # straight again
        document.undo_stack.undo,  # the removed ones are back
    ]
    for edit in edits:
        edit()
        assert np.array_equal(canvas.edges.bend, parallel_bends(canvas.edges.rows))
    assert not rebuilt  # the ties' arrays were brought up to date, not read again
    assert canvas.edges.tie_ids == list(document.network.ties)
    qtbot.wait(10)
    edited = canvas.viewport().grab().toImage()
    monkeypatch.undo()
    canvas.rebuild()
    assert np.abs(rgb(edited) - rgb(canvas.viewport().grab().toImage())).max() <= 10


def test_people_added_and_removed_get_the_rows_a_rebuild_gives_them_without_one(
    window: MainWindow, document: Document, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    canvas, net = window.canvas, document.network
    rebuild, rebuilt = canvas.rebuild, []

    def counted() -> None:
        rebuilt.append(True)
        rebuild()

    monkeypatch.setattr(canvas, "rebuild", counted)

    def as_rebuilt() -> None:
        """The canvas's arrays and picture are those a rebuild makes."""
        kept, picture = _arrays(canvas), canvas.viewport().grab().toImage()
        rebuild()
        for (name, value), again in zip(kept.items(), _arrays(canvas).values(), strict=True):
            assert np.array_equal(value, again), name
        assert np.abs(rgb(picture) - rgb(canvas.viewport().grab().toImage())).max() <= 10

    first, me = net.next_person_id(), net.me
    assert me is not None
    newcomers = (Person(first, "Ann New", x=40.0, y=-30.0, spheres=frozenset(net.spheres)),
                 Person(PersonId(first + 1), "Bo New", x=-60.0, y=90.0))
    tie = net.next_tie_id()
    ties = (Tie(tie, me.id, first), Tie(TieId(tie + 1), first, PersonId(first + 1)))
    document.push(AddPeople(newcomers, ties), "Add")
    assert not rebuilt
    as_rebuilt()
    canvas.set_hulls(True)
    tied = {t.a for t in net.ties.values()} | {t.b for t in net.ties.values()}
    someone = next(p for p in net.people.values()
                   if not p.is_me and p.id < first and p.spheres and p.id in tied)
    bo = PersonId(first + 1)  # in no sphere: the hulls of the others' spheres stay
    canvas.select(frozenset({someone.id, bo}))
    document.push(RemovePeople((someone.id, bo)), "Remove")  # the rows after theirs move up
    assert canvas.selection == frozenset()
    as_rebuilt()
    document.undo_stack.undo()  # they come back after everyone else, with their ties
    as_rebuilt()
    loner = Person(net.next_person_id(), "Cy Alone", x=10.0, y=10.0, spheres=someone.spheres)
    document.push(AddPeople((loner,)), "Add")  # no ties: the others' stay as drawn
    as_rebuilt()
    document.undo_stack.undo()  # and gone, taking no tie with them
    as_rebuilt()
    assert not rebuilt


def _arrays(canvas: NetworkCanvas) -> dict[str, np.ndarray]:
    """What the canvas draws from, by name."""
    lists = {name: np.array(getattr(canvas, name), dtype=object)
             for name in ("ids", "names", "colours")}
    return {**lists, "row": np.array(sorted(canvas.row.items())),
            "ties": np.array(canvas.edges.tie_ids), "ends": canvas.edges.rows,
            **{name: getattr(canvas, name) for name in
               ("pos", "radius", "importance", "degree", "alpha", "label_order")}}


def in_order(segments: np.ndarray) -> np.ndarray:
    """``segments`` ``(s, 2, 2)`` as rows of four numbers, sorted."""
    flat = segments.reshape(-1, 4)
    return flat[np.lexsort(flat.T[::-1])]


def rgb(image: QImage) -> np.ndarray:
    """The (h, w, 3) colour values of ``image``."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    shaped = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    return shaped[:, : 4 * image.width()].reshape(image.height(), image.width(), 4)[..., :3] \
        .astype(int)


def test_a_large_map_is_sized_by_a_measure_once_it_is_measured_in_the_background(
    star: tuple[MainWindow, Path], qtbot: QtBot,
) -> None:
    """Sizing thousands of people by influence measures the map in the background, as the
    insight pane does, instead of in the window's thread: the window answers meanwhile."""
    window, _ = star
    canvas, document = window.canvas, window.document
    assert len(canvas.ids) >= MEASURED_LATER_FROM
    qtbot.waitUntil(lambda: window.insight.job is None, timeout=60_000)  # measured once
    connect(document, PersonId(2), PersonId(3))  # the map as it now is is not measured yet
    window.set_decoration("size_by", Measure.INFLUENCE)
    assert canvas.measuring and "background" in window.statusBar().currentMessage()
    unmeasured = style.node_radius(document.network.people[PersonId(2)], window.decoration)
    assert canvas.radius[canvas.row[PersonId(2)]] == unmeasured
    qtbot.waitUntil(lambda: not canvas.measuring, timeout=60_000)
    fifths = measured(document.network, [Measure.INFLUENCE])
    expected = [style.node_radius(document.network.people[pid], window.decoration, fifths)
                for pid in canvas.ids]
    assert np.array_equal(canvas.radius, expected)
    top = canvas.radius[canvas.row[PersonId(2)]]
    assert top > unmeasured  # tied to two: among the top
    assert "background" not in window.statusBar().currentMessage()
    connect(document, PersonId(4), PersonId(5))  # measured again: the sizes stay meanwhile
    assert canvas.measuring and canvas.radius[canvas.row[PersonId(2)]] == top
    qtbot.waitUntil(lambda: not canvas.measuring, timeout=60_000)


def test_a_filter_on_a_measure_of_a_large_map_applies_once_it_is_measured(
    star: tuple[MainWindow, Path], qtbot: QtBot,
) -> None:
    window, _ = star
    bar, canvas, document = window.filter_bar, window.canvas, window.document
    qtbot.waitUntil(lambda: window.insight.job is None, timeout=60_000)  # measured once
    connect(document, PersonId(2), PersonId(3))  # the map as it now is is not measured yet
    condition = Condition(Field.TIES, low=1.0)  # tied to someone besides me
    bar.add(condition)
    assert bar.measuring and "measuring" in bar.count.text()
    assert "measuring" in bar.chip_buttons[0].text()
    assert canvas.filtered is None  # the map as it was, meanwhile
    qtbot.waitUntil(lambda: not bar.measuring, timeout=60_000)
    expected = filtered(document.network, [condition], today=date.today())
    assert expected is not None and {PersonId(2), PersonId(3)} <= expected
    assert canvas.filtered == expected
    assert "measuring" not in bar.count.text()
