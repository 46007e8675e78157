"""The open window and a change made elsewhere on the same map: shown within a second, and a
clash asks before anything is overwritten."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QTreeWidget
from pytestqt.qtbot import QtBot

from relmap.core.edits import RemovePeople, UpdatePerson
from relmap.core.merge import Choice, ConflictError
from relmap.store.repository import Repository
from relmap.ui.canvas.gestures import gesture_for
from relmap.ui.dialogs.conflict_dialog import ConflictDialog, RecentChangesDialog
from relmap.ui.main_window import MainWindow
from tests.ui.conftest import contact, stored


@pytest.fixture
def bob(demo_db: Path) -> Repository:
    repository = Repository(demo_db, member="bob")
    repository.load()
    return repository


def test_a_change_made_elsewhere_shows_in_the_open_window(
    window: MainWindow, bob: Repository, qtbot: QtBot
) -> None:
    pid = contact(window.document)
    window.selection.set_people(frozenset({pid}))
    window.canvas.zoom(1.5)
    viewport = window.canvas.view.viewRect()
    net = bob.load()
    bob.apply(UpdatePerson(pid, {"title": "Chief Analyst"}), net, summary="Edit title")
    pane = window.person_pane
    qtbot.waitUntil(lambda: "changed by bob, just now" in pane.meta.text(), timeout=10_000)
    assert pane.subtitle.text().startswith("Chief Analyst")
    assert pane.meta.toolTip() == "Edit title"
    assert window.statusBar().currentMessage() == "bob: Edit title"
    assert window.selection.people == frozenset({pid})  # the selection is left alone
    assert window.canvas.view.viewRect() == viewport  # and so is the view


def test_a_drag_in_progress_holds_the_news_until_the_drop(
    window: MainWindow, bob: Repository, qtbot: QtBot
) -> None:
    canvas = window.canvas
    pid = contact(window.document)
    row = canvas.row[pid]
    start = canvas.pos[row].copy()
    gesture = gesture_for(canvas, row, Qt.KeyboardModifier.NoModifier, start)
    assert gesture is not None
    gesture.move(start + np.array([20.0, 0.0]))
    bob.apply(UpdatePerson(pid, {"title": "Chief Analyst"}), bob.load(), summary="Edit title")
    assert not window.document.take_news()  # the person under the mouse stays put
    gesture.finish(start + np.array([40.0, 0.0]), None)
    qtbot.waitUntil(lambda: window.document.network.people[pid].title == "Chief Analyst",
                    timeout=10_000)
    moved = window.document.network.people[pid]
    assert (moved.x, moved.pinned) == (float(start[0]) + 20.0, True)  # both changes kept


def test_a_clash_asks_and_stores_what_was_chosen(
    window: MainWindow, bob: Repository, demo_db: Path
) -> None:
    pid = contact(window.document)
    window.document.held = True  # the window has not looked for news yet: its copy is stale
    bob.apply(UpdatePerson(pid, {"title": "Bob's title"}), bob.load(), summary="Edit title")
    seen: list[str] = []

    def choose_mine() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConflictDialog)
        [choice] = dialog.choices.values()
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        [box] = dialog.findChildren(QGroupBox)
        assert box.title().startswith("The title of ")
        choice.setCurrentIndex(choice.findData(Choice.MINE))
        dialog.accept()

    QTimer.singleShot(0, choose_mine)
    window.document.push(UpdatePerson(pid, {"title": "Alice's title"}), "Edit title")
    assert {"Bob's title", "Alice's title"} <= set(seen)
    assert stored(demo_db).people[pid].title == "Alice's title"
    assert window.document.network.people[pid].title == "Alice's title"


def test_cancelling_the_clash_keeps_theirs(
    window: MainWindow, bob: Repository, demo_db: Path
) -> None:
    pid = contact(window.document)
    window.document.held = True
    bob.apply(RemovePeople((pid,)), bob.load(), summary="Delete")

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConflictDialog)
        [choice] = dialog.choices.values()
        assert choice.currentText() == "Leave it deleted"
        dialog.reject()

    QTimer.singleShot(0, cancel)
    with pytest.raises(ConflictError):
        window.document.push(UpdatePerson(pid, {"notes": "stale"}), "Edit notes")
    assert pid not in stored(demo_db).people
    window.document.held = False
    assert window.document.take_news() and pid not in window.document.network.people


def test_recent_changes_lists_who_did_what(
    window: MainWindow, bob: Repository, qtbot: QtBot
) -> None:
    pid = contact(window.document)
    bob.apply(UpdatePerson(pid, {"title": "x"}), bob.load(), summary="Edit title of someone")
    dialog = RecentChangesDialog(window.document.repository.recent_changes(), "alice", window)
    qtbot.addWidget(dialog)
    tree = dialog.findChild(QTreeWidget)
    assert tree is not None
    first = tree.topLevelItem(0)
    assert first is not None
    assert (first.text(1), first.text(2)) == ("bob", "Edit title of someone")
    assert first.font(1).bold()
