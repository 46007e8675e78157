"""Mentor sessions in the app: the sessions dialog, follow-ups in the Drifting dock, the pack
dialog and the full-screen walkthrough of saved views."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from relmap.core.ids import ViewId
from relmap.core.model import RecordKind, SavedView
from relmap.core.records import DeleteRecords, PutRecords
from relmap.ui.dialogs.pack_dialog import PackDialog
from relmap.ui.dialogs.sessions_dialog import SessionsDialog
from relmap.ui.main_window import MainWindow

from .conftest import stored


def test_a_new_session_is_saved_as_typed_and_closing_keeps_it(
    window: MainWindow, qtbot: QtBot, demo_db: Path
) -> None:
    dialog = SessionsDialog(window.document, window)
    qtbot.addWidget(dialog)
    before = set(window.document.network.sessions)
    assert dialog.sessions.count() == len(before) == 2
    assert "(coming)" in dialog.sessions.currentItem().text()  # the one being prepared
    dialog.new_session()
    (new,) = set(window.document.network.sessions) - before
    QTest.keyClicks(dialog.mentor, "Priya Raman")
    QTest.keyClicks(dialog.questions, "Which investor first?")
    QTest.keyClicks(dialog.new_step, "Send the deck to two angels")
    QTest.keyClick(dialog.new_step, Qt.Key.Key_Return)
    dialog.steps.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.reject()  # Close
    saved = stored(demo_db).sessions[new]
    assert (saved.mentor, saved.questions, saved.on) == ("Priya Raman", "Which investor first?",
                                                        date.today())
    assert [(s.text, s.done) for s in saved.next_steps] == [("Send the deck to two angels", True)]
    window.document.undo_stack.undo()  # the edit, then the new session, one step each
    window.document.undo_stack.undo()
    assert new not in stored(demo_db).sessions


def test_an_open_follow_up_is_ticked_off_in_the_drifting_dock(
    window: MainWindow, demo_db: Path
) -> None:
    window.drifting_dock.raise_()
    QApplication.processEvents()
    pane = window.drifting
    assert pane.follow_ups.isVisible() or pane.follow_ups.count()
    texts = [pane.follow_ups.item(i).text() for i in range(pane.follow_ups.count())]
    assert texts == ["Find a way into the press before the spring events"]
    pane.follow_ups.item(0).setCheckState(Qt.CheckState.Checked)
    QApplication.processEvents()
    steps = [s for m in stored(demo_db).sessions.values() for s in m.next_steps]
    assert all(s.done for s in steps)
    assert pane.follow_ups.count() == 0 and not pane.follow_ups.isVisibleTo(pane)
    window.document.undo_stack.undo()
    QApplication.processEvents()
    assert pane.follow_ups.count() == 1


def test_the_pack_dialog_writes_the_pack_and_says_where(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = PackDialog(window.document, QSettings(str(tmp_path / "s.ini"),
                                                   QSettings.Format.IniFormat), window)
    qtbot.addWidget(dialog)
    dialog.sig_written.connect(lambda path: window._on_exported(path, "Mentor session pack"))
    assert "the last session was on" in dialog.since_hint.text()
    target = tmp_path / "for grace"
    dialog.path.setText(str(target))
    dialog.redaction.setCurrentIndex(1)
    dialog.png.setChecked(True)
    assert dialog.write()
    assert (tmp_path / "for grace.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "for grace-6.png").is_file()
    assert window.statusBar().currentMessage() == \
        f"Mentor session pack written to {tmp_path / 'for grace.pdf'}"
    dialog.path.setText(str(tmp_path / "no such folder" / "pack.pdf"))
    assert not dialog.write() and "does not exist" in dialog.error.text()


def test_the_walkthrough_steps_through_the_views_full_screen_and_returns(
    window: MainWindow, qtbot: QtBot
) -> None:
    walk = window.walkthrough
    network = window.document.network
    demo_views = tuple(network.views)
    window.document.push(DeleteRecords(tuple((RecordKind.VIEW, int(v)) for v in demo_views)),
                         "Delete the views")
    assert not walk.start()  # no view saved: a hint instead
    assert "Save a view first" in window.statusBar().currentMessage()
    window.document.push(PutRecords((
        SavedView(ViewId(1), "Everyone", note="Where I stand"),
        SavedView(ViewId(2), "Investors", viewport=(-50.0, -40.0, 50.0, 40.0)),
    )), "Save views")
    window.show()
    qtbot.waitExposed(window)
    viewport_before = window.canvas.view.viewRect()
    assert walk.start()
    assert window.isFullScreen() and not window.menuBar().isVisible()
    assert not any(d.isVisible() for d in window.docks)
    assert walk.caption.isVisible() and walk.caption.text().startswith("Everyone   (1 of 2)")
    assert "Where I stand" in walk.caption.text()
    QTest.keyClick(window.canvas, Qt.Key.Key_Right)
    assert walk.index == 1 and "Investors   (2 of 2)" in walk.caption.text()
    qtbot.waitUntil(lambda: walk._glide.state() != walk._glide.State.Running)
    rect = window.canvas.view.viewRect()
    assert abs(rect.center().x()) < 5 and abs(rect.center().y()) < 5
    QTest.keyClick(window.canvas, Qt.Key.Key_Right)  # the last view stays
    assert walk.index == 1
    QTest.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert not walk.running and not window.isFullScreen()
    assert window.menuBar().isVisible() and not walk.caption.isVisible()
    assert QApplication.instance() is not None
    QTest.keyClick(window.canvas, Qt.Key.Key_Right)  # keys reach the map again
    assert walk.index == -1
    qtbot.waitUntil(lambda: abs(window.canvas.view.viewRect().center().x()
                                - viewport_before.center().x()) < 1e-3)  # the map as it was


def test_then_and_now_lists_the_changes_since_the_last_session_and_spotlights_them(
    window: MainWindow,
) -> None:
    window.then_now_dock.raise_()
    QApplication.processEvents()
    pane = window.then_now
    change = pane.result
    assert change is not None and pane.day() == change.since
    assert (len(change.joined), len(change.ratings)) == (4, 6)  # what the demo seeded
    rows = [pane.changes.item(i).text() for i in range(pane.changes.count())]
    assert sum(r.startswith("＋ ") for r in rows) == 4
    assert sum(r.startswith(("▲ ", "▼ ")) for r in rows) == 6
    assert pane.summary.text().startswith("Since ") and "4 people joined" in pane.summary.text()
    pane.map.setCurrentIndex(1)  # only what changed
    assert window.canvas.spotlight == pane.changed_people()
    pane.map.setCurrentIndex(2)  # only who was there then
    network = window.document.network
    assert window.canvas.spotlight == frozenset(
        p for p, person in network.people.items()
        if person.is_me or person.created.date() <= change.since)
    pane.map.setCurrentIndex(3)  # as it was then: the newcomers gone, the ratings of then
    canvas = window.canvas
    assert canvas.as_of is not None and not canvas.spotlight
    assert not any(canvas.shown[canvas.row[p]] for p in change.joined)
    moved = change.ratings[0]
    then_person = canvas.as_of.people[moved.person]
    assert then_person.assessment.rating(moved.field) == moved.then
    assert not set(change.ties) & set(canvas.edges.tie_ids)  # ties formed since are not drawn
    assert window.time_bar.shown_day() == change.since and window.commands.as_of.isChecked()
    pane.map.setCurrentIndex(0)
    assert canvas.as_of is None and all(canvas.shown[canvas.row[p]] for p in change.joined)
    assert window.time_bar.isHidden() and not window.commands.as_of.isChecked()
    assert set(change.ties) <= set(canvas.edges.tie_ids)
    pane.since.setDate(pane.since.date().addDays(-400))  # earlier: more joined since
    QApplication.processEvents()
    assert pane.result is not None and len(pane.result.joined) >= 4
    pane.map.setCurrentIndex(0)
    assert not window.canvas.spotlight
