"""The main window on a real demo database, driven with real mouse and keyboard events."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTabBar, QToolBar
from pytestqt.qtbot import QtBot

from relmap import style
from relmap.core import turns
from relmap.core.ids import PersonId
from relmap.core.model import AssessmentField
from relmap.core.turns import wait_for_window
from relmap.document.document import Document
from relmap.store.repository import Repository
from relmap.ui.dialogs.import_dialog import REVIEW, ImportDialog
from relmap.ui.main_window import MainWindow
from tests.io.io_support import DATA

from .conftest import drop_files, stored, unnamed_widgets

pytestmark = pytest.mark.jobs

def _screen_pos(win: MainWindow, pid: PersonId) -> QPoint:
    canvas = win.canvas
    x, y = canvas.pos[canvas.row[pid]]
    scene = canvas.view.mapViewToScene(QPointF(float(x), float(y)))
    point: QPoint = canvas.mapFromScene(scene)
    return point


def _mouse(widget: QObject, kind: QEvent.Type, at: QPoint, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind, QPointF(at), QPointF(at), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)


def drag(win: MainWindow, start: QPoint, end: QPoint) -> None:
    """A real drag: press, moves with the left button held, release."""
    viewport = win.canvas.viewport()
    left = Qt.MouseButton.LeftButton
    _mouse(viewport, QEvent.Type.MouseButtonPress, start, left)
    for t in np.linspace(0.1, 1.0, 8):
        at = QPoint(
            int(start.x() + (end.x() - start.x()) * t), int(start.y() + (end.y() - start.y()) * t)
        )
        _mouse(viewport, QEvent.Type.MouseMove, at, left)
        QApplication.processEvents()
    _mouse(viewport, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
    QApplication.processEvents()


def _stored(db: Path, pid: PersonId) -> tuple[float | None, float | None, bool]:
    with Repository(db) as repo:
        p = repo.load().people[pid]
    return p.x, p.y, p.pinned


def _loner(win: MainWindow) -> PersonId:
    """A contact whose node is not covered by another node, so a click hits it."""
    canvas = win.canvas
    for pid in canvas.ids:
        here = canvas.pos[canvas.row[pid]]
        gaps = np.linalg.norm(canvas.pos - here, axis=1)
        gaps[canvas.row[pid]] = np.inf
        if not win.document.network.people[pid].is_me and gaps.min() > 3 * canvas.radius.max():
            return pid
    raise AssertionError("no free-standing node in the demo map")


def test_window_shows_the_demo_map(window: MainWindow) -> None:
    net = window.document.network
    assert len(window.canvas.nodes.pos) == len(net.people)
    assert "people" in window.statusBar().currentMessage()
    assert window.canvas.labels.shown  # some names are labelled
    me_row = window.canvas.row[net.me.id]  # type: ignore[union-attr]
    assert me_row in window.canvas.labels.shown


def test_drag_moves_pins_stores_and_undoes(window: MainWindow, demo_db: Path) -> None:
    pid = _loner(window)
    before = _stored(demo_db, pid)
    start = _screen_pos(window, pid)
    drag(window, start, start + QPoint(120, 80))
    x, y, pinned = _stored(demo_db, pid)
    assert pinned
    assert x is not None and y is not None and before[0] is not None and before[1] is not None
    assert x - before[0] > 50 and y - before[1] > 30  # moved right and down, in scene units
    assert np.allclose(window.canvas.pos[window.canvas.row[pid]], (x, y))
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(demo_db, pid) == before
    assert np.allclose(window.canvas.pos[window.canvas.row[pid]], np.array(before[:2], dtype=float))
    QTest.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _stored(demo_db, pid) == (x, y, True)


def test_a_drag_holds_the_measures_until_its_drop_is_drawn(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    # Measures beside the window pause while it drags: on a large map they made a drag start
    # three times as slowly, and drawing its drop twice as slowly.
    monkeypatch.setattr(turns, "PAUSE_S", 0.01)  # a worker that waits gives up at once
    viewport, left = window.canvas.viewport(), Qt.MouseButton.LeftButton
    start = _screen_pos(window, _loner(window))
    with ThreadPoolExecutor(1) as worker:
        def measures_go_on() -> bool:
            return worker.submit(wait_for_window).result()

        assert measures_go_on()
        _mouse(viewport, QEvent.Type.MouseButtonPress, start, left)
        _mouse(viewport, QEvent.Type.MouseMove, start + QPoint(40, 0), left)
        assert window.document.held and not measures_go_on()
        _mouse(viewport, QEvent.Type.MouseButtonRelease, start + QPoint(80, 0),
               Qt.MouseButton.NoButton)
        assert window.document.held and not measures_go_on()  # dropped, not yet drawn
        viewport.repaint()
        assert not window.document.held and measures_go_on()


def test_a_press_just_off_a_small_node_still_takes_it(window: MainWindow) -> None:
    """On a large map's overview people are a pixel or two wide: a press a few pixels off
    one drags it rather than the map."""
    pid, canvas = _loner(window), window.canvas
    row = canvas.row[pid]
    rim_px = float(canvas.radius[row] / canvas.pixel())
    start = _screen_pos(window, pid) + QPoint(int(rim_px) + 3, 0)  # outside, within GRAB_PX
    before, rect = canvas.pos[row].copy(), canvas.view.viewRect()
    drag(window, start, start + QPoint(120, 80))
    assert canvas.pos[row][0] - before[0] > 50 * canvas.pixel()
    assert canvas.view.viewRect() == rect  # not a pan


def test_dragging_empty_canvas_pans_and_changes_nothing(window: MainWindow, demo_db: Path) -> None:
    with Repository(demo_db) as repo:
        before = repo.load()
    rect = window.canvas.view.viewRect()
    corner = QPoint(5, window.canvas.height() - 5)
    drag(window, corner, corner + QPoint(100, -100))
    assert window.canvas.view.viewRect() != rect
    assert window.document.undo_stack.count() == 0
    with Repository(demo_db) as repo:
        assert repo.load() == before


def test_click_selects_and_fills_the_pane_then_background_clears(
    window: MainWindow, qtbot: QtBot
) -> None:
    pid = _loner(window)
    person = window.document.network.people[pid]
    QTest.mouseClick(
        window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=_screen_pos(window, pid)
    )
    assert window.canvas.selection == {pid}
    pane = window.person_pane
    assert pane.title.text() == person.display_name
    assert pane.form.bindings["display_name"].text() == person.display_name
    assert pane.form.bindings["organisation"].text() == person.organisation
    assert pane.form.isVisibleTo(window) and not pane.placeholder.isVisibleTo(window)
    QTest.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert window.canvas.selection == frozenset()
    assert pane.title.text() == ""
    assert not pane.form.isVisibleTo(window) and pane.placeholder.isVisibleTo(window)


def test_keyboard_zoom_and_pan(window: MainWindow) -> None:
    canvas = window.canvas
    canvas.setFocus()
    width = canvas.view.viewRect().width()
    QTest.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.view.viewRect().width() < width * 0.9
    left = canvas.view.viewRect().left()
    QTest.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.view.viewRect().left() > left
    QTest.keyClick(canvas, Qt.Key.Key_0)
    assert canvas.view.viewRect().width() == pytest.approx(width, rel=0.05)


def test_geometry_and_docks_persist(qtbot: QtBot, demo_db: Path, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    document = Document.open(demo_db)
    first = MainWindow(document, settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)  # the offscreen screen is 800x600
    first.person_dock.hide()
    QApplication.processEvents()
    first.close()
    second = MainWindow(document, settings)
    qtbot.addWidget(second)
    second.show()
    QApplication.processEvents()
    assert (second.width(), second.height()) == (700, 500)
    assert not second.person_dock.isVisible()
    document.close()


def test_each_group_of_docks_shows_one_tab_bar(qtbot: QtBot, demo_db: Path, tmp_path: Path
                                               ) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    document = Document.open(demo_db)
    for _ in ("first start", "its window state restored"):
        window = MainWindow(document, settings)
        qtbot.addWidget(window)
        window.show()
        QApplication.processEvents()
        shown = sorted([bar.tabText(i) for i in range(bar.count())]
                       for bar in window.findChildren(QTabBar) if bar.isVisible())
        assert shown == [["Legend", "Insight", "Drifting", "Then/Now"], ["Person", "Tie"]]
        window.close()
    document.close()


def test_the_counts_come_back_once_a_passing_message_is_gone(qtbot: QtBot, window: MainWindow
                                                            ) -> None:
    counts = window.statusBar().currentMessage()
    assert counts.startswith(f"{len(window.document.network.people)} people · ")
    window.statusBar().showMessage("Laid out 150 people", 10)
    assert window.statusBar().currentMessage() == "Laid out 150 people"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == counts)


def test_digit_keys_on_the_map_rate_the_selection_on_the_size_rating(
    window: MainWindow, demo_db: Path
) -> None:
    canvas, net = window.canvas, window.document.network
    people = [p.id for p in net.people.values() if not p.is_me][:3]
    canvas.select(frozenset(people))
    canvas.setFocus()
    steps = window.document.undo_stack.count()
    QTest.keyClick(canvas, Qt.Key.Key_4)
    assert {stored(demo_db).people[p].assessment.quality for p in people} == {4}
    assert window.document.undo_stack.count() == steps + 1  # three people, one step
    assert "Quality 4" in window.statusBar().currentMessage()
    row = canvas.row[people[0]]
    assert canvas.radius[row] == pytest.approx(style.rating_radius(4))  # redrawn at once

    window.set_decoration("size_by", AssessmentField.RELEVANCE)
    assert window.commands.rate.title() == "&Rate Selected: Relevance"
    assert window.commands.rate.actions()[4].text() == "&5 · Central to what I need now"
    QTest.keyClick(window.people_list.table, Qt.Key.Key_2)
    assert {stored(demo_db).people[p].assessment.relevance for p in people} == {2}
    window.commands.rate.actions()[-1].trigger()  # Unrated
    assert {stored(demo_db).people[p].assessment.relevance for p in people} == {None}


def test_digit_keys_type_into_text_fields_and_need_a_selection_on_the_map(
    window: MainWindow, demo_db: Path
) -> None:
    before = {p.id: p.assessment for p in stored(demo_db).people.values()}
    window.people_list.search.setFocus()
    QTest.keyClick(window.people_list.search, Qt.Key.Key_3)
    assert window.people_list.search.text() == "3"
    window.canvas.select(frozenset())
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_3)
    assert "Select the people to rate" in window.statusBar().currentMessage()
    assert {p.id: p.assessment for p in stored(demo_db).people.values()} == before


def test_every_toolbar_button_has_a_drawn_icon_and_its_name(window: MainWindow) -> None:
    bar = window.findChild(QToolBar, "toolbar_main")
    assert bar is not None
    actions = [a for a in bar.actions() if not a.isSeparator()]
    assert len(actions) == 8
    for action in actions:
        image = action.icon().pixmap(20, 20).toImage()
        drawn = sum(image.pixelColor(x, y).alpha() > 0 for x in range(20) for y in range(20))
        assert drawn > 20, action.text()  # a real drawing, not an empty or missing file
    assert bar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon


def _import_dialog() -> ImportDialog:
    """The import dialog just opened, rejected after a minute: a failing step must not hang
    the test."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ImportDialog)
    QTimer.singleShot(60_000, dialog, dialog.reject)
    return dialog


def _review_and_import(dialog: ImportDialog, qtbot: QtBot) -> None:
    """Go on to the review, then import, as the user clicks through."""
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == REVIEW, timeout=20_000)
    dialog.import_button.click()


def test_file_import_reports_what_it_did_and_selects_the_people_it_added(
    window: MainWindow, qtbot: QtBot
) -> None:
    def drive() -> None:
        dialog = _import_dialog()
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("linkedin"))
        dialog.path_edit.setText(str(DATA / "linkedin" / "Connections.csv"))
        _review_and_import(dialog, qtbot)

    before = set(window.document.network.people)
    canvas = window.canvas
    me = canvas.pos[canvas.row[window.document.network.me.id]]  # type: ignore[union-attr]
    canvas.view.setRange(xRange=(me[0] - 5, me[0] + 5), yRange=(me[1] - 5, me[1] + 5),
                         padding=0)  # zoomed in on me alone
    window.people_list.search.setFocus()  # the keyboard elsewhere
    QTimer.singleShot(0, drive)
    window.import_data()  # returns when the dialog closes
    message = window.statusBar().currentMessage()
    assert message.startswith("LinkedIn imported: 8 people in the file: 7 new")
    assert window.document.undo_stack.undoText() == "Import LinkedIn"
    # The new people are selected: the map shows where they landed.
    added = set(window.document.network.people) - before
    assert len(added) == 7 and window.canvas.selection == added
    assert window.focusWidget() is canvas  # Esc lets them go
    shown = canvas.view.viewRect()  # zoomed out to show them, and me still
    for pid in added | {window.document.network.me.id}:  # type: ignore[union-attr]
        assert shown.contains(QPointF(*canvas.pos[canvas.row[pid]])), pid


def test_an_import_into_a_map_of_me_alone_selects_nobody_and_frames_the_map(
    qtbot: QtBot, tmp_path: Path
) -> None:
    document = Document.open(tmp_path / "new.db")
    window = MainWindow(document, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)

    QTimer.singleShot(0, lambda: _review_and_import(_import_dialog(), qtbot))
    window.import_data(DATA / "linkedin" / "Connections.csv")
    canvas = window.canvas
    assert len(canvas.ids) == 8  # me and seven, none of them selected: they are the map
    assert canvas.selection == frozenset()
    shown = canvas.view.viewRect()
    assert all(shown.contains(QPointF(*xy)) for xy in canvas.pos)
    document.close()


def test_a_contacts_file_dropped_on_the_map_is_imported(window: MainWindow, qtbot: QtBot) -> None:
    chosen: list[tuple[str, str]] = []

    def drive() -> None:
        dialog = _import_dialog()
        chosen.append((dialog.fmt, dialog.path_edit.text()))
        _review_and_import(dialog, qtbot)

    contacts = DATA / "google" / "contacts.csv"
    assert not drop_files(window, contacts, DATA / "vcard" / "apple.vcf")  # one at a time
    assert drop_files(window, contacts)
    QTimer.singleShot(0, drive)  # once the dialog the drop opens is shown
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(
        "Google Contacts imported: 4 people in the file: 3 new"), timeout=60_000)
    assert chosen == [("google", str(contacts))]  # told from the file


def test_an_export_says_where_the_map_went_with_a_way_to_open_its_folder(
    window: MainWindow, tmp_path: Path
) -> None:
    from relmap.ui.dialogs.export_dialog import ExportDialog

    target = tmp_path / "for my mentor.png"

    def export() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.form.paper.setCurrentIndex(dialog.form.paper.findData("pixels"))
        dialog.form.width_px.setValue(320)
        dialog.form.height_px.setValue(240)
        dialog.path.setText(str(target))
        assert dialog.export()

    assert not window.open_folder.isVisibleTo(window)
    QTimer.singleShot(0, export)
    window.export_map()
    assert target.exists()
    assert window.statusBar().currentMessage() == f"Map written to {target}"
    assert window.open_folder.isVisibleTo(window) and window.exported == target
    window.statusBar().showMessage("something else")
    assert not window.open_folder.isVisibleTo(window)


def test_a_new_map_counts_one_person(qtbot: QtBot, tmp_path: Path) -> None:
    document = Document.open(tmp_path / "new.db")
    window = MainWindow(document, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.statusBar().currentMessage() == "1 person · 0 ties · 0 spheres"
    assert window.people_list.count.text() == "1 person"
    document.close()


def test_every_widget_that_takes_the_keyboard_has_a_name(window: MainWindow) -> None:
    window.canvas.select(frozenset({next(iter(window.document.network.people))}))
    QApplication.processEvents()
    assert unnamed_widgets(window) == []
