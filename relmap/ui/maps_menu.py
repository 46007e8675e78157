"""File → New Map…, Open Map… and Open Recent: one map per window; opening another map puts
a window on it in place of this one (a damaged map offers its backup first)."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMenu,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.document.document import Document, open_document
from relmap.store.damage import DamagedMapError, restore
from relmap.store.engine import data_folder, shown
from relmap.store.positions import Sketch
from relmap.store.repository import Repository, ensure_me
from relmap.ui.dialogs.damaged_dialog import ask_what_to_open
from relmap.ui.scheme import map_theme
from relmap.ui.sketch import sketch_image

if TYPE_CHECKING:
    from relmap.ui.main_window import MainWindow

RECENT = "maps/recent"
MAX_RECENT = 8
_FILTER = tr("relmap maps (*.db);;All files (*)")
_OPEN: list[QWidget] = []  # windows opened from a menu, kept alive until closed


class Opening:
    """A progress window while the map at ``target`` opens: on a large map reading it and
    drawing its window take seconds, which would otherwise pass with nothing on screen. It
    shows itself once the reading has taken ``after_ms`` with as long again to go (a small
    map opens without it: showing it would only delay the map), or at once with a large map's
    sketch (:meth:`sketch`); it is the reading's ``progress``, then says the map is being
    drawn (:meth:`drawing`), and closes at the end of the ``with``."""

    STEPS, READ = 1000, 700  # the reading is most of the wait
    PICTURE = QSize(640, 400)

    def __init__(self, target: str | os.PathLike[str], parent: QWidget | None = None, *,
                 after_ms: int = 500) -> None:
        name = shown(target) if "://" in os.fspath(target) else Path(target).name
        self.dialog = QDialog(parent)
        self.dialog.setWindowTitle("relmap")
        self.dialog.setMinimumWidth(380)
        # Modal: clicks on another window wait, while the steps are drawn as they are set.
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal if parent is not None
                                      else Qt.WindowModality.ApplicationModal)
        self.label = QLabel(tr("Opening {name}…").format(name=name))
        self.picture = QLabel()
        self.picture.setAccessibleName(tr("Sketch of the map"))
        self.picture.hide()
        self.bar = QProgressBar()
        self.bar.setRange(0, self.STEPS)
        layout = QVBoxLayout(self.dialog)
        for widget in (self.label, self.picture, self.bar):
            layout.addWidget(widget)
        self._after_ms = after_ms
        self._clock = QElapsedTimer()
        self._clock.start()

    def __call__(self, done: int, total: int) -> None:
        done = min(done, total)
        self.bar.setValue(self.READ * done // max(total, 1))
        elapsed = self._clock.elapsed()
        if not self.dialog.isVisible() and elapsed >= self._after_ms \
                and elapsed * (total - done) >= self._after_ms * done:
            self.dialog.show()
        self._draw()

    def sketch(self, sketch: Sketch) -> None:
        """Show the sketch of the map being read, and the window at once (a map whose people
        have no place yet, from an import on the command line, has nothing to show)."""
        if not len(sketch.points):
            return
        ratio = self.dialog.devicePixelRatioF()
        size = self.PICTURE
        self.picture.setPixmap(QPixmap.fromImage(
            sketch_image(sketch, size.width(), size.height(), map_theme(), ratio)))
        self.picture.show()
        self.dialog.show()
        self._draw()

    def drawing(self) -> None:
        """The map is read; its window is being built and drawn."""
        self.label.setText(tr("Drawing the map…"))
        self.bar.setValue(self.READ)
        self._draw()

    def _draw(self) -> None:
        """Draw the window as it is now, if it is shown: the reading holds the event loop."""
        if self.dialog.isVisible():
            QCoreApplication.processEvents()

    def __enter__(self) -> Opening:
        return self

    def __exit__(self, *_: object) -> None:
        self.dialog.close()
        self.dialog.deleteLater()


def remember_map(settings: QSettings, target: str | os.PathLike[str]) -> None:
    """Put the map file ``target`` first in Open Recent (a server URL is not a file)."""
    if "://" in os.fspath(target):
        return
    path = str(Path(target).expanduser().resolve())
    maps = [path, *(p for p in recent_maps(settings) if p != path)]
    settings.setValue(RECENT, maps[:MAX_RECENT])


def recent_maps(settings: QSettings) -> list[str]:
    """The maps opened lately, newest first, those whose file still exists."""
    value = settings.value(RECENT) or []
    maps = [value] if isinstance(value, str) else list(value)
    return [str(p) for p in maps if Path(str(p)).is_file()]


class RecentMenu(QMenu):
    """File → Open Recent, read again each time it opens."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(tr("Open &Recent"), window)
        self.window_ = window
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        maps = recent_maps(self.window_.settings)
        for n, path in enumerate(maps, start=1):
            action = self.addAction(f"&{n} {Path(path).name}  ({Path(path).parent})")
            action.setToolTip(path)
            action.triggered.connect(partial(switch_map, self.window_, Path(path)))
        if not maps:
            self.addAction(tr("No maps opened yet")).setEnabled(False)
        else:
            self.addSeparator()
            self.addAction(tr("&Clear Menu")).triggered.connect(self._clear)

    def _clear(self) -> None:
        self.window_.settings.setValue(RECENT, [])


def new_map(window: MainWindow, name: str | None = None) -> None:
    """Open a new, empty map in the file ``name`` (asked for if not given); an existing file
    is refused, never overwritten."""
    if name is None:
        name, _ = QFileDialog.getSaveFileName(
            window,
            tr("New Map"),
            str(_folder(window) / "map.db"),
            _FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
    if not name:
        return
    path = Path(name) if Path(name).suffix else Path(name).with_suffix(".db")
    if path.exists():
        window.show_error(
            tr(
                "{path} already exists: choose File → Open Map to open it, or "
                "another name for a new map"
            ).format(path=path)
        )
        return
    try:
        with Repository(path) as repository:
            ensure_me(repository, repository.load())
    except KnownError as exc:
        window.show_error(str(exc))
        return
    switch_map(window, path)


def open_map(window: MainWindow) -> None:
    name, _ = QFileDialog.getOpenFileName(window, tr("Open Map"), str(_folder(window)), _FILTER)
    if name:
        switch_map(window, Path(name))


def switch_map(window: MainWindow, path: Path) -> None:
    """Open the map at ``path`` in a new window that takes this one's place."""
    here = window.document.repository.path
    if here is not None and here.resolve() == path.resolve():
        window.statusBar().showMessage(
            tr("{name} is the map open in this window").format(name=path.name), 8000
        )
        return
    try:
        with Opening(path, window) as opening:
            document = open_document(path, ask=lambda damage: ask_what_to_open(damage, window),
                                     progress=opening, sketch=opening.sketch)
            if document is not None:
                opening.drawing()
                _take_place(window, document, path)
    except KnownError as exc:
        window.show_error(str(exc))


def read_log(window: MainWindow) -> None:
    """Take in the relationship log of ``window``'s map, read in the background now that the
    map is on screen. A map found damaged then offers its backup as at start, in a window
    that takes this one's place; declined, the window closes."""
    try:
        window.document.load_log()
    except DamagedMapError as damage:
        chosen = ask_what_to_open(damage, window)
        if chosen is None:
            window.close()
            return
        restore(damage.db, chosen)
        _take_place(window, Document.open(damage.db, log_later=True), damage.db)
    except KnownError as exc:
        window.show_error(str(exc))


def _take_place(window: MainWindow, document: Document, path: Path) -> None:
    """A window on ``document`` (the map at ``path``) in place of ``window``."""
    from relmap.ui.main_window import MainWindow

    successor = MainWindow(document, window.settings)
    successor.setGeometry(window.geometry())
    _OPEN.append(successor)
    successor.destroyed.connect(lambda: _OPEN.remove(successor) if successor in _OPEN else None)
    successor.show()
    remember_map(window.settings, path)
    window.close()
    successor.activateWindow()  # the keys go to it, not to the window just closed
    QTimer.singleShot(0, window.retire)  # once the new window is drawn


def _folder(window: MainWindow) -> Path:
    here = window.document.repository.path
    return here.parent if here is not None else data_folder()
