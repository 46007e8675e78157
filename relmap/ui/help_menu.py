"""Help: every keyboard shortcut in a searchable list made from the window's own actions,
the log folder, and About."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relmap import __version__
from relmap.core.i18n import tr
from relmap.ui.crash import log_path

if TYPE_CHECKING:
    from relmap.ui.main_window import MainWindow


def build_help_menu(window: MainWindow) -> QMenu:
    menu = window.menuBar().addMenu(tr("&Help"))
    shortcuts = menu.addAction(tr("&Keyboard Shortcuts"))
    shortcuts.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    shortcuts.triggered.connect(lambda: ShortcutsDialog(window).exec())
    menu.addAction(tr("Open &Log Folder")).triggered.connect(
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path().parent)))
    )
    menu.addSeparator()
    menu.addAction(tr("&About relmap")).triggered.connect(lambda: about(window))
    return menu


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) of every action with a shortcut, in menu order; then the keys
    of the map that are on no menu."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def add(action: QAction, where: str) -> None:
        if action.shortcuts() and action.text() and id(action) not in seen:
            seen.add(id(action))
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                             for k in action.shortcuts())
            rows.append((where, _plain(action.text()), keys))

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if isinstance(sub := action.menu(), QMenu):
                walk(sub, f"{path} → {_plain(action.text())}")
            else:
                add(action, path)

    for top in window.menuBar().actions():
        if isinstance(menu := top.menu(), QMenu):
            walk(menu, _plain(menu.title()))
    for action in window.findChildren(QAction):
        add(action, tr("Map"))
    return rows


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…. ")


class ShortcutsDialog(QDialog):
    """Help → Keyboard Shortcuts: type to find a command or a key."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(tr("Keyboard Shortcuts"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Find a command or a key…"))
        self.search.setClearButtonEnabled(True)
        self.list = QTreeWidget()
        self.list.setHeaderLabels([tr("Command"), tr("Keys"), tr("Menu")])
        self.list.setRootIsDecorated(False)
        self.list.setAccessibleName(tr("Keyboard shortcuts"))
        for menu, command, keys in shortcut_rows(window):
            self.list.addTopLevelItem(QTreeWidgetItem([command, keys, menu]))
        for column, width in enumerate((240, 150)):
            self.list.setColumnWidth(column, width)
        self.search.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.resize(620, 520)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item is None:
                continue
            line = " ".join(item.text(c) for c in range(3)).casefold()
            item.setHidden(not all(w in line for w in words))


def about(window: QWidget) -> None:
    QMessageBox.about(
        window,
        tr("About relmap"),
        tr(
            "<b>relmap {version}</b><p>Map your professional network: who you know, how well, "
            "who bridges groups and who can introduce you. Your map stays on this computer.</p>"
            "<p>Log file: {path}</p>"
        ).format(version=__version__, path=log_path()),
    )
