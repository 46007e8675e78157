"""Run in a process of its own: install a language, build the main window on a map, open every
menu and the dialogs its commands open, and print as JSON every text a user could read there,
with the map's own words (names, organisations, spheres…) listed apart.

    python speak_probe.py LANGUAGE|pseudo MAP_FILE SETTINGS_FILE
"""

from __future__ import annotations

import gettext
import json
import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QTabBar,
    QTableView,
    QTreeWidget,
    QWidget,
)

from relmap.core import i18n
from relmap.ui.language import SETTING, install_language

PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"
# Commands that leave the window, write files or start background jobs: not probed.
SKIP = ("Quit", "New Map", "Open Map", "Open Recent", "Delete", "Auto Layout", "Ego Layout",
        "Walkthrough", "Log Folder", "Clear Menu", "Restart")


class Pseudo(gettext.NullTranslations):
    """Every translated text marked, so that any unmarked one was never translated."""

    def gettext(self, message: str) -> str:
        return PSEUDO_OPEN + message + PSEUDO_CLOSE

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return PSEUDO_OPEN + (msgid1 if n == 1 else msgid2) + PSEUDO_CLOSE

    def pgettext(self, context: str, message: str) -> str:
        return PSEUDO_OPEN + message + PSEUDO_CLOSE


def texts_of(root: QWidget) -> set[str]:
    found: set[str] = set()
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) and w is not root:
            continue
        found |= {w.toolTip(), w.accessibleName(), w.windowTitle() if w.isWindow() else ""}
        if isinstance(w, QLabel | QAbstractButton):
            found.add(w.text())
        elif isinstance(w, QGroupBox):
            found.add(w.title())
        elif isinstance(w, QLineEdit):
            found.add(w.placeholderText())
        elif isinstance(w, QComboBox):
            found |= {w.itemText(i) for i in range(w.count())}
        elif isinstance(w, QTabBar):
            found |= {w.tabText(i) for i in range(w.count())}
        elif isinstance(w, QListWidget):
            found |= {w.item(i).text() for i in range(min(w.count(), 50))}
        elif isinstance(w, QTreeWidget):
            header = w.headerItem()
            found |= {header.text(c) for c in range(w.columnCount())}
            for i in range(min(w.topLevelItemCount(), 30)):
                if item := w.topLevelItem(i):
                    found |= {item.text(c) for c in range(w.columnCount())}
        elif isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            found |= {str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(model.columnCount())}
    for action in root.findChildren(QAction):
        found |= {action.text(), action.toolTip()}
    for menu in root.findChildren(QMenu):
        found.add(menu.title())
    return {t for t in found if t}


def main() -> None:
    mode, db, settings_file = sys.argv[1:4]
    app = QApplication([])
    settings = QSettings(settings_file, QSettings.Format.IniFormat)
    settings.setValue(SETTING, "de" if mode == "pseudo" else mode)
    install_language(app, settings)
    if mode == "pseudo":
        i18n._catalogue = Pseudo()

    from relmap.document.document import Document
    from relmap.ui.main_window import MainWindow

    document = Document.open(db)
    window = MainWindow(document, settings)
    window.resize(1300, 850)
    window.show()
    app.processEvents()
    me = next(p.id for p in document.network.people.values() if p.is_me)
    someone = next(p.id for p in document.network.people.values()
                   if not p.is_me and p.spheres and p.organisation)
    window.selection.set_people(frozenset({someone}))
    app.processEvents()
    texts = texts_of(window)

    def collect_dialogs() -> None:
        for top in QApplication.topLevelWidgets():
            if top is not window and top.isVisible():
                texts.update(texts_of(top))
                if isinstance(top, QMessageBox | QDialog):
                    top.reject()
                else:
                    top.close()

    timer = QTimer(interval=150)
    timer.timeout.connect(collect_dialogs)
    timer.start()
    menus = [m for a in window.menuBar().actions() if isinstance(m := a.menu(), QMenu)]
    while menus:
        menu = menus.pop()
        for action in menu.actions():
            if isinstance(sub := action.menu(), QMenu):
                if not any(word in action.text().replace("&", "") for word in SKIP):
                    menus.append(sub)
            elif action.isEnabled() and not action.isCheckable() and action.text() and not any(
                    word in action.text().replace("&", "") for word in SKIP):
                window.selection.set_people(frozenset({someone}))
                action.trigger()
                app.processEvents()
                collect_dialogs()
    window.selection.set_people(frozenset({me, someone}))
    app.processEvents()
    texts |= texts_of(window)
    timer.stop()
    net = document.network
    data = {w for p in net.people.values()
            for w in (p.display_name, p.organisation, p.title, p.location, p.industry, p.source,
                      p.how_we_met, p.notes, p.given_name, p.family_name, p.url) if w}
    data |= {s.name for s in net.spheres.values()} | {s.description for s in net.spheres.values()}
    data |= {v.name for v in net.views.values()} | {g.title for g in net.goals.values()}
    data |= {i.summary for i in net.interactions.values()}
    data |= {e.note for e in net.exchanges.values()}
    data |= {s.mentor for s in net.sessions.values()} | {"vCard"}
    data |= {c.summary for c in document.repository.recent_changes()}  # the map's own log
    print(json.dumps({"texts": sorted(texts), "data": sorted(d for d in data if d)}))
    window.close()
    document.close()


if __name__ == "__main__":
    main()
