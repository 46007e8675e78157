"""Editing on the map with real mouse events: rubber band, ties by drag, edges, add, delete."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from relmap import style
from relmap.core.ids import PersonId
from relmap.document.document import Document
from relmap.ui import operations
from relmap.ui.dialogs.sphere_dialog import AddToSphereDialog
from relmap.ui.main_window import MainWindow

from .conftest import NONE, send, stored

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def screen_pos(win: MainWindow, xy: np.ndarray) -> QPoint:
    scene = win.canvas.view.mapViewToScene(QPointF(float(xy[0]), float(xy[1])))
    point: QPoint = win.canvas.mapFromScene(scene)
    return point


def node_pos(win: MainWindow, pid: PersonId) -> QPoint:
    return screen_pos(win, win.canvas.pos[win.canvas.row[pid]])


def drag(win: MainWindow, start: QPoint, end: QPoint, mods: Qt.KeyboardModifier = NONE) -> None:
    send(win, QEvent.Type.MouseButtonPress, start, True, mods)
    for t in np.linspace(0.1, 1.0, 8):
        at = start + QPoint(int((end.x() - start.x()) * t), int((end.y() - start.y()) * t))
        send(win, QEvent.Type.MouseMove, at, True, mods)
        QApplication.processEvents()
    send(win, QEvent.Type.MouseButtonRelease, end, False, mods)
    QApplication.processEvents()


def double_click(win: MainWindow, at: QPoint) -> None:
    """Press, release, double-click, release: the order a real mouse sends."""
    for kind, held in (
        (QEvent.Type.MouseButtonPress, True),
        (QEvent.Type.MouseButtonRelease, False),
        (QEvent.Type.MouseButtonDblClick, True),
        (QEvent.Type.MouseButtonRelease, False),
    ):
        send(win, kind, at, held, NONE)
    QApplication.processEvents()


def loners(win: MainWindow, n: int) -> list[PersonId]:
    """Contacts whose nodes stand free on screen, so mouse events hit them."""
    canvas, found = win.canvas, []
    for pid in canvas.ids:
        here = canvas.pos[canvas.row[pid]]
        gaps = np.linalg.norm(canvas.pos - here, axis=1)
        gaps[canvas.row[pid]] = np.inf
        if not win.document.network.people[pid].is_me and gaps.min() > 3 * canvas.radius.max():
            found.append(pid)
    assert len(found) >= n, "the demo map has too few free-standing nodes"
    return found[:n]


def inside(win: MainWindow, a: QPoint, b: QPoint) -> frozenset[PersonId]:
    canvas = win.canvas
    corners = [canvas.view.mapSceneToView(canvas.mapToScene(p)) for p in (a, b)]
    lo = np.minimum(*[np.array([c.x(), c.y()]) for c in corners])
    hi = np.maximum(*[np.array([c.x(), c.y()]) for c in corners])
    hit = ((canvas.pos >= lo) & (canvas.pos <= hi)).all(axis=1)
    return frozenset(canvas.ids[r] for r in np.flatnonzero(hit))


def test_ctrl_drag_on_the_map_selects_with_a_rubber_band(window: MainWindow) -> None:
    canvas = window.canvas
    w, h = canvas.width(), canvas.height()
    start, end = QPoint(w // 4, h // 4), QPoint(w // 2, h // 2)
    while (
        window.document.network.people
        and canvas.nodes.row_at(canvas.view.mapSceneToView(canvas.mapToScene(start))) is not None
    ):
        start += QPoint(3, 0)  # a rubber band starts on the empty map
    expected = inside(window, start, end)
    assert len(expected) > 1
    rect = canvas.view.viewRect()
    drag(window, start, end, CTRL)
    assert window.selection.people == expected
    assert canvas.view.viewRect() == rect  # it did not pan
    more_start, more_end = QPoint(w // 2 + 10, h // 2 + 10), QPoint(w - 10, h - 10)
    drag(window, more_start, more_end, SHIFT)
    assert window.selection.people == expected | inside(window, more_start, more_end)
    assert window.people_list.selected_ids() == window.selection.people


def test_bulk_tagging_after_a_rubber_band_is_one_undo_step(
    window: MainWindow, document: Document, demo_db: Path, qtbot: QtBot
) -> None:
    canvas = window.canvas
    drag(window, QPoint(5, 5), QPoint(canvas.width() - 5, canvas.height() // 2), CTRL)
    people = window.selection.people
    assert len(people) > 3
    dialog = AddToSphereDialog(document, people, window)
    qtbot.addWidget(dialog)
    dialog.new_name.setText("Board Members")
    dialog.apply()
    sphere = next(s for s in stored(demo_db).spheres.values() if s.name == "Board Members")
    assert stored(demo_db).members(sphere.id) == people
    assert document.undo_stack.count() == 1
    window.commands.add_to_sphere.setEnabled(True)
    document.undo_stack.undo()
    assert sphere.id not in stored(demo_db).spheres


def test_shift_drag_from_node_to_node_draws_a_tie(
    window: MainWindow, document: Document, demo_db: Path
) -> None:
    a, b = loners(window, 2)
    before = {t for t in stored(demo_db).ties}
    where = window.canvas.pos[window.canvas.row[a]].copy()
    drag(window, node_pos(window, a), node_pos(window, b), SHIFT)
    new = set(stored(demo_db).ties) - before
    assert len(new) == 1
    tie = stored(demo_db).ties[new.pop()]
    assert {tie.a, tie.b} == {a, b}
    assert np.allclose(window.canvas.pos[window.canvas.row[a]], where)  # a did not move
    assert window.selection.tie == tie.id and window.tie_pane.tie == tie.id
    document.undo_stack.undo()
    assert tie.id not in stored(demo_db).ties


def test_shift_drag_onto_empty_map_draws_nothing(window: MainWindow, demo_db: Path) -> None:
    (a,) = loners(window, 1)
    before = stored(demo_db)
    drag(window, node_pos(window, a), QPoint(3, 3), SHIFT)
    assert stored(demo_db) == before


def test_clicking_an_edge_selects_it_and_opens_its_pane(window: MainWindow) -> None:
    canvas = window.canvas
    for i, tid in enumerate(canvas.edges.tie_ids):
        a, b = canvas.pos[canvas.edges.rows[i]]
        mid = (a + b) / 2
        gaps = np.linalg.norm(canvas.pos - mid, axis=1) - canvas.radius
        at = screen_pos(window, mid)
        clicked = canvas.view.mapSceneToView(canvas.mapToScene(at))  # the pixel, not the point
        if gaps.min() > 20 and canvas.tie_at(clicked) == tid and canvas.rect().contains(at):
            break
    else:
        pytest.fail("no edge with a clear middle")
    QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert window.selection.tie == tid and window.selection.people == frozenset()
    assert window.tie_pane.tie == tid
    assert window.tie_dock.isVisible()


def test_double_click_on_the_empty_map_adds_a_person_there(
    window: MainWindow, document: Document, demo_db: Path
) -> None:
    canvas = window.canvas
    at = QPoint(8, canvas.height() - 8)
    xy = canvas.view.mapSceneToView(canvas.mapToScene(at))
    n = len(stored(demo_db).people)
    double_click(window, at)
    people = stored(demo_db).people
    assert len(people) == n + 1
    pid = max(people)
    assert (
        people[pid].pinned and abs(people[pid].x - xy.x()) < 1 and abs(people[pid].y - xy.y()) < 1
    )
    assert window.selection.people == {pid}
    assert window.person_pane.person == pid
    document.undo_stack.undo()
    assert pid not in stored(demo_db).people


def test_ctrl_n_adds_a_person_and_focuses_the_name(window: MainWindow, demo_db: Path) -> None:
    n = len(stored(demo_db).people)
    QTest.keyClick(window, Qt.Key.Key_N, CTRL)
    assert len(stored(demo_db).people) == n + 1
    assert window.person_pane.title.text() == "New person"


def test_delete_names_the_ties_and_can_be_undone(
    window: MainWindow, document: Document, demo_db: Path, monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot
) -> None:
    net = document.network
    people = frozenset(list(net.people)[1:3])
    ties = {t.id for t in net.ties.values() if t.a in people or t.b in people}
    asked: list[str] = []

    def answer_later(answer: QMessageBox.StandardButton) -> None:
        def answer_now() -> None:
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox)
            asked.append(box.text())
            box.button(answer).click()
        QTimer.singleShot(0, answer_now)

    window.canvas.select(people)
    window.canvas.setFocus()
    answer_later(QMessageBox.StandardButton.No)
    QTest.keyClick(window.canvas, Qt.Key.Key_Delete)
    assert asked == [f"Delete 2 people and {len(ties)} ties with them?\nYou can undo this."]
    assert people <= stored(demo_db).people.keys()  # answered No
    answer_later(QMessageBox.StandardButton.Yes)
    window.commands.delete.trigger()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # its keys go to the map
    after = stored(demo_db)
    assert not people & after.people.keys() and not ties & after.ties.keys()
    assert window.selection.people == frozenset()
    document.undo_stack.undo()
    assert ties <= stored(demo_db).ties.keys() and people <= stored(demo_db).people.keys()
    qtbot.waitUntil(lambda: window.selection.people == people)  # back as they went: selected
    assert window.people_list.selected_ids() == people  # in the list too
    document.undo_stack.redo()
    assert window.selection.people == frozenset()


def test_people_an_undo_or_redo_brings_back_come_back_selected_and_no_others(
    window: MainWindow, document: Document, qtbot: QtBot
) -> None:
    pid = operations.add_person(document, at=(10.0, 20.0))
    window.canvas.select(frozenset())
    document.undo_stack.undo()
    document.undo_stack.redo()  # added again
    qtbot.waitUntil(lambda: window.selection.people == {pid})
    assert window.person_pane.person == pid and window.people_list.selected_ids() == {pid}
    document.undo_stack.undo()
    document.undo_stack.redo()
    document.undo_stack.undo()  # gone again before the map had a moment: nobody to select
    qtbot.wait(20)
    assert window.selection.people == frozenset()
    someone = next(p for p in document.network.people.values() if not p.is_me)
    window.canvas.select(frozenset({someone.id}))
    operations.add_person(document, at=(30.0, 40.0))  # added, not brought back: the pick stays
    qtbot.wait(20)
    assert window.selection.people == {someone.id}


def test_me_is_never_deleted(window: MainWindow, document: Document) -> None:
    me = document.network.me
    assert me is not None
    assert operations.removable(document.network, {me.id}) == frozenset()


def test_a_new_empty_map_can_be_built_from_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "empty.db"
    document = Document.open(db)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(document, settings)
    qtbot.addWidget(win)
    win.show()
    assert len(win.canvas.ids) == 1 and win.canvas.hulls.shown == 0  # only me
    win.add_person(at=(120.0, 40.0))
    win.add_person(at=(-80.0, 60.0))
    a, b = sorted(p for p in document.network.people if not document.network.people[p].is_me)
    tie = operations.connect(document, a, b)
    me = document.network.me
    assert me is not None
    operations.connect(document, me.id, a)
    operations.create_sphere(document, "Neighbours", members={a, b})
    assert win.canvas.edges.tie_ids[-2] == tie
    assert len(win.people_list.model.ids) == 3
    assert win.legend.item(next(iter(document.network.spheres))) is not None
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert len(stored(db).people) == 1 and not stored(db).ties and not stored(db).spheres
    assert len(win.canvas.ids) == 1 and win.people_list.model.rowCount() == 1
    document.close()


@pytest.mark.qt_log_ignore("grabbing the keyboard", "raise")  # popups on the offscreen platform
def test_right_click_and_the_menu_key_open_the_context_menu(window: MainWindow) -> None:
    (pid,) = loners(window, 1)
    QTest.mouseClick(
        window.canvas.viewport(), Qt.MouseButton.RightButton, pos=node_pos(window, pid)
    )
    assert window.selection.people == {pid}
    menu = window.context_menu
    assert menu is not None and menu.isVisible()
    assert window.commands.connect in menu.actions()
    menu.close()
    window.canvas.setFocus()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(5, 5), window.canvas.mapToGlobal(QPoint(5, 5))
    )
    QApplication.sendEvent(window.canvas, event)
    assert window.context_menu is not menu and window.context_menu is not None
    assert window.commands.add_to_sphere in window.context_menu.actions()
    window.context_menu.close()
    QTest.mouseClick(window.canvas.viewport(), Qt.MouseButton.RightButton, pos=QPoint(4, 4))
    assert "Add Person Here" in [a.text() for a in window.context_menu.actions()]
    window.context_menu.close()


def test_dragging_someone_fills_their_pane_once_they_land(
    window: MainWindow, qtbot: QtBot
) -> None:
    pid = loners(window, 1)[0]
    start = node_pos(window, pid)
    end = start + QPoint(40, 30)
    send(window, QEvent.Type.MouseButtonPress, start, True, NONE)
    for t in np.linspace(0.2, 1.0, 5):
        at = start + QPoint(int(40 * t), int(30 * t))
        send(window, QEvent.Type.MouseMove, at, True, NONE)
        QApplication.processEvents()
    assert window.canvas.selection == frozenset({pid})
    assert window.person_pane.person is None  # the map answers the hand first
    send(window, QEvent.Type.MouseButtonRelease, end, False, NONE)
    qtbot.waitUntil(lambda: window.person_pane.person == pid)
    assert window.person_pane.title.text() == window.document.network.people[pid].display_name


def test_add_person_puts_the_newcomer_clear_of_everyone_near_the_middle(
    window: MainWindow, document: Document
) -> None:
    """The toolbar's Add Person does not drop the newcomer on me, in the middle of the map."""
    canvas = window.canvas
    me = document.network.me
    assert me is not None
    middle = canvas.pos[canvas.row[me.id]].copy()
    canvas.view.setRange(xRange=(middle[0] - 300, middle[0] + 300),
                         yRange=(middle[1] - 300, middle[1] + 300), padding=0)  # me in the middle
    window.add_person()
    new = canvas.row[max(document.network.people)]
    others = np.delete(canvas.pos, new, axis=0)
    clear = np.linalg.norm(others - canvas.pos[new], axis=1).min()
    assert clear >= 4 * style.NODE_RADIUS
    # ...and as near the middle as a spot that clear can be.
    assert np.linalg.norm(canvas.pos[new] - middle) <= clear_ring(others, middle)


def clear_ring(others: np.ndarray, middle: np.ndarray) -> float:
    """How far from ``middle`` the nearest spot 4 node radii clear of ``others`` is, at most:
    searched on a fine grid."""
    gap = 4 * style.NODE_RADIUS
    grid = np.stack(np.meshgrid(*[np.linspace(-400, 400, 161)] * 2), axis=-1).reshape(-1, 2)
    spots = middle + grid
    free = [p for p in spots if np.linalg.norm(others - p, axis=1).min() >= gap]
    return float(min(np.linalg.norm(np.array(free) - middle, axis=1))) + gap / 2
