"""Fixtures of the widget tests: the Document on a demo database, a shared Selection, a window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QScrollArea,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from relmap.core.ids import PersonId
from relmap.core.network import Network
from relmap.document.document import Document
from relmap.store.repository import Repository
from relmap.ui.main_window import MainWindow
from relmap.ui.selection import Selection


@pytest.fixture
def selection() -> Selection:
    return Selection()


@pytest.fixture
def window(qtbot: QtBot, document: Document, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("view/animate", False)  # positions land at once unless a test asks
    win = MainWindow(document, settings)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    win.canvas.fit()
    # The names are placed 40 ms after the view changes: a test reads them as shown for the
    # map framed, not as placed for the view before it (none, at times, on a busy machine).
    qtbot.waitUntil(lambda: not win.canvas._label_timer.isActive())
    QApplication.processEvents()
    yield win
    if shiboken6.isValid(win):  # a window that another map's took the place of is gone
        win.close()
        win.deleteLater()


def stored(db: Path) -> Network:
    """The network as the database holds it, read through a fresh connection."""
    with Repository(db) as repo:
        return repo.load()


def contact(document: Document, *, spheres: int | None = None) -> PersonId:
    """A person who is not me (with exactly ``spheres`` spheres, if given)."""
    for p in document.network.people.values():
        if not p.is_me and (spheres is None or len(p.spheres) == spheres):
            return p.id
    raise AssertionError("no such person in the demo map")


NONE = Qt.KeyboardModifier.NoModifier


def send(
    win: MainWindow, kind: QEvent.Type, at: QPoint, held: bool, mods: Qt.KeyboardModifier
) -> None:
    """A real mouse event (left button) at ``at`` on the map's viewport."""
    left = Qt.MouseButton.LeftButton
    button = left if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    buttons = left if held else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, QPointF(at), QPointF(at), button, buttons, mods)
    QApplication.sendEvent(win.canvas.viewport(), event)


def drop_files(window: MainWindow, *paths: Path) -> bool:
    """Drag ``paths`` onto the middle of the map and drop them there if the window takes
    them; whether it did."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    viewport = window.canvas.viewport()
    at, action = viewport.rect().center(), Qt.DropAction.CopyAction
    no_button, no_keys = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, action, data, no_button, no_keys)
    enter.ignore()
    QApplication.sendEvent(viewport, enter)  # on to the window, as the map does not take it
    if enter.isAccepted():
        QApplication.sendEvent(viewport, QDropEvent(QPointF(at), action, data, no_button,
                                                    no_keys))
    return enter.isAccepted()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A main window measures the map in the background: its tests run twice in CI too."""
    for item in items:
        if "window" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.jobs)


def unnamed_widgets(root: QWidget) -> list[str]:
    """The widgets under ``root`` that take the keyboard but have nothing a screen reader
    can say: no accessible name, no button text, no form label. Scroll areas, dock tab bars
    and the inner line edits of spin boxes speak through their owners."""
    root.show()
    QApplication.processEvents()
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    return [
        f"{type(w).__name__} in {type(w.parent()).__name__}"
        for w in root.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisibleTo(root)
        and not isinstance(w, QScrollArea | QTabBar) and type(w) is not QWidget
        and w.objectName() != "qt_spinbox_lineedit"
        and not (w.accessibleName() or id(w) in buddies
                 or (isinstance(w, QAbstractButton) and w.text()))
    ]
