"""The main window: the map in the middle, panes in docks, undo/redo and view actions."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QWidget

from relmap.document.document import Document
from relmap.resources import resource_path
from relmap.ui.canvas import NetworkCanvas
from relmap.ui.detail_pane import DetailPane


class MainWindow(QMainWindow):
    """One window per open Document; remembers its geometry and docks in QSettings."""

    def __init__(self, document: Document, settings: QSettings) -> None:
        super().__init__()
        self.document = document
        self.settings = settings
        self.setWindowTitle(f"relmap — {document.repository.url.rsplit('/', 1)[-1]}")
        self.setWindowIcon(QIcon(str(resource_path("icons", "relmap.svg"))))
        self.canvas = NetworkCanvas(document, self)
        self.setCentralWidget(self.canvas)
        self.details = DetailPane(document, self)
        self.details_dock = self._dock("Person", self.details, "details")
        self.canvas.sig_selection_changed.connect(self.details.show_selection)
        self.canvas.sig_failed.connect(self._show_error)
        document.sig_failed.connect(self._show_error)
        self._build_menus()
        self.statusBar().showMessage(self._summary())
        self.resize(1400, 900)
        self._restore()

    def _dock(self, title: str, widget: QWidget, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        stack = self.document.undo_stack
        undo = stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit = self.menuBar().addMenu("&Edit")
        edit.addActions([undo, redo])
        view = self.menuBar().addMenu("&View")
        for text, keys, slot in (
            ("Zoom &In", "Ctrl+=", lambda: self.canvas.zoom(1.25)),
            ("Zoom &Out", "Ctrl+-", lambda: self.canvas.zoom(0.8)),
            ("&Fit Map", "Ctrl+0", self.canvas.fit),
        ):
            action = QAction(text, self, shortcut=QKeySequence(keys))
            action.triggered.connect(slot)
            view.addAction(action)
        view.addSeparator()
        view.addAction(self.details_dock.toggleViewAction())

    def _summary(self) -> str:
        net = self.document.network
        return f"{len(net.people)} people · {len(net.ties)} ties · {len(net.spheres)} spheres"

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, "relmap", message)

    def _restore(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        state = self.settings.value("main_window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.setValue("main_window/state", self.saveState())
        self.settings.sync()
        super().closeEvent(event)
