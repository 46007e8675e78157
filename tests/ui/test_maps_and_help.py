"""File → New Map, Open Map and Open Recent put a window on another map in place of this one;
Help → Keyboard Shortcuts lists every shortcut from the actions themselves; an empty map says
how to begin."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from relmap.core.edits import AddPeople
from relmap.core.ids import PersonId
from relmap.core.model import Person
from relmap.document.document import Document, open_document
from relmap.store import repository
from relmap.store.positions import Sketch
from relmap.store.repository import Repository, ensure_me
from relmap.ui.canvas.view import MIN_SPAN
from relmap.ui.dialogs.import_dialog import ImportDialog
from relmap.ui.help_menu import ShortcutsDialog, shortcut_rows
from relmap.ui.main_window import MainWindow
from relmap.ui.maps_menu import (
    Opening,
    RecentMenu,
    new_map,
    recent_maps,
    remember_map,
    switch_map,
)
from relmap.ui.scheme import map_theme

from .conftest import drop_files

pytestmark = pytest.mark.jobs  # the first-run card opens the import dialog


def _window_on(path: Path) -> MainWindow:
    (window,) = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, MainWindow) and w.isVisible()
                 and w.document.repository.path == path]
    return window


def test_a_new_map_opens_in_a_window_of_its_own_and_is_remembered(
    qtbot: QtBot, window: MainWindow, demo_db: Path, tmp_path: Path
) -> None:
    remember_map(window.settings, demo_db)
    target = tmp_path / "clients"
    new_map(window, str(target))
    made = target.with_suffix(".db")
    successor = _window_on(made)  # which a window on another map takes the place of, below
    assert not window.isVisible() and "clients.db" in successor.windowTitle()
    assert [p.display_name for p in successor.document.network.people.values()] == ["Me"]
    assert recent_maps(successor.settings)[:2] == [str(made.resolve()), str(demo_db.resolve())]
    menu = RecentMenu(successor)
    assert [a.text().split("  ")[0] for a in menu.actions()[:2]] == ["&1 clients.db",
                                                                      "&2 demo.db"]
    before = made.read_bytes()
    said: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.close()

    QTimer.singleShot(0, answer)
    new_map(successor, str(made))  # an existing map is never overwritten
    assert made.read_bytes() == before and "already exists" in said[0]
    left = successor.document
    switch_map(successor, demo_db)  # back, as from Open Recent
    back = _window_on(demo_db)
    qtbot.addWidget(back)
    qtbot.waitUntil(lambda: left.closed)  # the window it replaced let go of its map, and went
    qtbot.waitUntil(lambda: not shiboken6.isValid(successor))
    qtbot.waitUntil(lambda: not back.document.log_pending, timeout=10_000)  # map, then log
    with Repository(demo_db) as repository:
        assert back.document.network == repository.load()


def test_a_map_file_dropped_on_the_window_opens_in_its_place(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    other = tmp_path / "clients.db"
    with Repository(other) as made:
        ensure_me(made, made.load(), "Sam")
    assert drop_files(window, other)
    qtbot.waitUntil(lambda: not window.isVisible())
    successor = _window_on(other)
    qtbot.addWidget(successor)
    assert [p.display_name for p in successor.document.network.people.values()] == ["Sam"]


def test_a_map_that_takes_a_while_to_open_says_how_far_it_got(
    qtbot: QtBot, demo_db: Path
) -> None:
    seen: list[tuple[bool, int, str]] = []
    with Opening(demo_db, after_ms=0) as opening:  # as a large map would, after a while
        dialog = opening.dialog

        def look() -> None:
            seen.append((dialog.isVisible(), opening.bar.value(), opening.label.text()))

        def progress(done: int, total: int) -> None:
            opening(done, total)
            look()

        document = open_document(demo_db, ask=lambda _: None, progress=progress,
                                 sketch=opening.sketch)
        assert document is not None
        assert not opening.picture.isVisible()  # a small map is not sketched
        opening.drawing()
        look()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    document.close()
    reading, drawing = seen[:-1], seen[-1]
    assert all(shown and words == "Opening demo.db…" for shown, _, words in reading)
    values = [value for _, value, _ in reading]
    assert values == sorted(values) and values[-1] == Opening.READ > values[0]
    assert drawing == (True, Opening.READ, "Drawing the map…")


def test_a_map_nearly_read_when_the_wait_is_due_opens_without_the_progress_window(
    qtbot: QtBot, demo_db: Path
) -> None:
    with Opening(demo_db, after_ms=50) as opening:
        QTest.qWait(60)
        opening(999, 1000)  # 60 ms for all but a thousandth: nothing left to wait for
        opening.drawing()
        assert not opening.dialog.isVisible()
    with Opening(demo_db, after_ms=50) as opening:
        QTest.qWait(60)
        opening(300, 1000)  # 50 ms for 30 %: 117 ms to go
        assert opening.dialog.isVisible()


def test_a_large_map_shows_its_sketch_at_once_while_it_is_read(
    qtbot: QtBot, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repository, "SKETCH_FROM", 10)  # the demo map as large as one
    seen: list[tuple[bool, bool]] = []
    with Opening(demo_db, after_ms=600_000) as opening:  # not for how long the reading takes
        dialog = opening.dialog

        def progress(done: int, total: int) -> None:
            opening(done, total)
            seen.append((dialog.isVisible(), opening.picture.isVisible()))

        document = open_document(demo_db, ask=lambda _: None, progress=progress,
                                 sketch=opening.sketch)
        assert document is not None
        picture = opening.picture.pixmap().toImage()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    document.close()
    assert seen and all(shown and sketched for shown, sketched in seen)
    assert picture.size() == Opening.PICTURE * dialog.devicePixelRatioF()
    background = QColor(map_theme().background)
    drawn = sum(picture.pixelColor(x, y) != background
                for x in range(0, picture.width(), 4) for y in range(0, picture.height(), 4))
    assert drawn > 200  # of 16,000 looked at: the demo map's people and ties


def test_a_large_map_nobody_on_which_has_a_place_yet_shows_no_sketch(
    qtbot: QtBot, demo_db: Path
) -> None:
    unplaced = Sketch(points=np.zeros((0, 2)), sphere=np.zeros(0, dtype=int), colours=[],
                      me=-1, ends=np.zeros((0, 2), dtype=int))
    with Opening(demo_db, after_ms=600_000) as opening:
        opening.sketch(unplaced)
        assert not opening.picture.isVisible() and not opening.dialog.isVisible()


def test_every_shortcut_is_listed_and_found_by_typing(qtbot: QtBot, window: MainWindow) -> None:
    rows = {(command, keys) for _, command, keys in shortcut_rows(window)}
    assert {("Add Person", "Ctrl+N"), ("As Of", "Ctrl+T"), ("Walkthrough", "F5"),
            ("Open Map", "Ctrl+O"), ("Keyboard Shortcuts", "F1")} <= rows
    every = [a for m in window.menuBar().findChildren(QMenu) for a in m.actions()
             if a.shortcuts()]
    assert len(rows) >= len({a.text() for a in every})
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    dialog.search.setText("walk")
    items = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
    shown = [item.text(0) for item in items if item is not None and not item.isHidden()]
    assert shown == ["Walkthrough"]


def test_an_empty_map_says_how_to_begin_and_opens_the_demo(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    empty = tmp_path / "mine.db"
    with Repository(empty) as repository:
        ensure_me(repository, repository.load())
    document = Document.open(empty)
    window = MainWindow(document, QSettings(str(tmp_path / "s.ini"),
                                            QSettings.Format.IniFormat))
    window.show()
    qtbot.waitExposed(window)
    card = window.first_steps
    assert card.isVisible()
    assert window.canvas.view.viewRect().width() >= MIN_SPAN  # me is not blown up
    buttons = {b.text(): b for b in card.findChildren(QPushButton)}
    assert set(buttons) == {"Import Contacts…", "Add a Person", "Open the Demo Map"}
    window.canvas.select(frozenset())
    document.push(AddPeople((Person(PersonId(2), "Ann Lee"),)), "Add")
    assert not card.isVisible()
    document.undo_stack.undo()
    assert card.isVisible()
    named: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImportDialog)
        named.append(dialog.path_edit.text())
        dialog.reject()

    QTimer.singleShot(0, look)
    buttons["Import Contacts…"].click()
    assert named == [""]  # no file named yet
    buttons["Open the Demo Map"].click()
    demo = tmp_path / "data" / "relmap" / "demo.db"
    successor = _window_on(demo)
    qtbot.addWidget(successor)
    assert len(successor.document.network.people) > 100 and not successor.first_steps.isVisible()
    qtbot.waitUntil(lambda: document.closed)
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
