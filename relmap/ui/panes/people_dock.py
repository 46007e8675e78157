"""Dock panes that list people of the map and read it only while their tab is on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from relmap.core.ids import PersonId
from relmap.document.document import Document

PERSON_ROLE = Qt.ItemDataRole.UserRole


class PeopleDock(QWidget):
    """A pane behind a dock tab: a change of the map marks it stale, and it reads the map
    (:meth:`read_map`) at once if it is on screen, else when its tab is next shown, so a tab
    behind another costs nothing, not even at start.

    ``sig_activated(PersonId)`` when a person's row of a :meth:`watch`-ed list is clicked;
    ``sig_spotlight(frozenset)`` asks the map to show only those people (empty: everyone).
    """

    sig_activated = Signal(object)
    sig_spotlight = Signal(object)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._settle = QTimer(self, singleShot=True, interval=0)
        self._settle.timeout.connect(self._refresh_if_shown)
        self._stale = True
        self.on_screen = False  # set by the window as the pane's tab comes and goes
        document.sig_changed.connect(self._settle.start)

    def refresh_soon(self) -> None:
        """Read the map again once the current event is handled (if on screen)."""
        self._settle.start()

    def set_on_screen(self, shown: bool) -> None:
        self.on_screen = shown
        if shown and self._stale:
            self.refresh()

    def _refresh_if_shown(self) -> None:
        self._stale = not self.on_screen
        if self.on_screen:
            self.refresh()

    def refresh(self) -> None:
        """Read the map again as it is now."""
        self._stale = False
        self.read_map()

    def read_map(self) -> None:
        raise NotImplementedError

    def watch(self, view: QListWidget) -> None:
        """Clicking or activating a row of ``view`` made by :func:`person_item` activates its
        person."""
        view.itemActivated.connect(self._on_item_activated)
        view.itemClicked.connect(self._on_item_activated)

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        pid = item.data(PERSON_ROLE)
        if pid is not None:
            self.sig_activated.emit(pid)


def person_item(pid: PersonId, text: str, why: str) -> QListWidgetItem:
    """A row that names a person, with why it is listed as its tooltip."""
    item = QListWidgetItem(text)
    item.setData(PERSON_ROLE, pid)
    item.setToolTip(why)
    return item
