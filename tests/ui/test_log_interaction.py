"""Logging a contact from the map and seeing it in the person pane, every change undoable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from relmap.ui.dialogs.log_dialog import LogDialog
from relmap.ui.main_window import MainWindow

from .conftest import stored


def _fill_and_log(summary: str, quality: int) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, LogDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("call"))
    dialog.summary.setText(summary)
    dialog.quality.setCurrentIndex(dialog.quality.findData(quality))
    dialog.accept()


def test_a_call_is_logged_shown_deleted_and_undone(
    window: MainWindow, qtbot: QtBot, demo_db: Path
) -> None:
    network = window.document.network
    met = {p for i in network.interactions.values() for p in i.participants}
    person = next(p for p in network.people.values() if not p.is_me and p.id not in met)
    window.selection.set_people(frozenset({person.id}))
    timeline = window.person_pane.timeline
    assert timeline.entries.count() == 0 and "Never logged" in timeline.summary.text()
    before = set(stored(demo_db).interactions)
    QTimer.singleShot(0, lambda: _fill_and_log("pricing for Q3", 4))
    QTest.keyClick(window.canvas, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    logged = [i for k, i in stored(demo_db).interactions.items() if k not in before]
    assert [(i.kind.value, i.summary, i.quality, i.participants, i.on) for i in logged] == [
        ("call", "pricing for Q3", 4, frozenset({person.id}), date.today())]
    assert window.document.undo_stack.undoText() == f"Log a call with {person.display_name}"
    assert "Ctrl+Z undoes it" in window.statusBar().currentMessage()
    assert timeline.entries.count() == 1
    assert "call: pricing for Q3 · went 4/5" in timeline.entries.item(0).text()
    assert "Last contact" in timeline.summary.text() and "0 days ago" in timeline.summary.text()
    timeline.entries.setCurrentRow(0)
    QTest.keyClick(timeline.entries, Qt.Key.Key_Delete)
    assert timeline.entries.count() == 0 and set(stored(demo_db).interactions) == before
    window.document.undo_stack.undo()
    assert timeline.entries.count() == 1 and len(stored(demo_db).interactions) == len(before) + 1


def test_logging_needs_someone_selected(window: MainWindow) -> None:
    window.selection.set_people(frozenset())
    window.commands.log.trigger()
    assert window.statusBar().currentMessage().startswith("Select the people you met")
