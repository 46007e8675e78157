"""View → Walkthrough: the saved views as a full-screen presentation for a mentor session.

Only the map and a caption (the view's name, its note, where we are) stay on screen; the
arrow keys, Space and Page Up/Down step through the views, the map gliding from one to the
next; N edits the note of the view on screen; Esc returns to editing exactly as it was.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QEvent, QObject, QRectF, Qt, QTimer, QVariantAnimation
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QWidget

from relmap.core.i18n import tr
from relmap.core.model import SavedView
from relmap.core.records import PutRecords
from relmap.ui.views_menu import current_view, restore_view

if TYPE_CHECKING:
    from relmap.ui.main_window import MainWindow

GLIDE_MS = 450
_NEXT = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space, Qt.Key.Key_PageDown}
_BACK = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp}
_CAPTION_STYLE = ("QLabel { background: rgba(24, 32, 44, 225); color: white; "
                  "padding: 12px 18px; font-size: 15px; }")


class Walkthrough(QObject):
    """Steps ``window`` through the map's saved views, in the order they were saved."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.caption = QLabel(window.canvas)
        self.caption.setObjectName("walkthrough_caption")
        self.caption.setStyleSheet(_CAPTION_STYLE)
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.hide()
        self.views: list[SavedView] = []
        self.index = -1
        self._before: SavedView | None = None
        self._hidden: list[QWidget] = []
        self._was_maximised = False
        self._glide = QVariantAnimation(self, duration=GLIDE_MS)
        self._glide.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._glide.valueChanged.connect(self._on_glide)

    @property
    def running(self) -> bool:
        return self.index >= 0

    def start(self) -> bool:
        """Go full screen on the first view; False (and a hint) if no view is saved."""
        window = self.window_
        self.views = sorted(window.document.network.views.values(), key=lambda v: v.id)
        if not self.views:
            window.statusBar().showMessage(
                tr(
                    "Save a view first (View → Saved Views → Save Current View…): the "
                    "walkthrough steps through the saved views."
                ),
                10_000,
            )
            return False
        self._before = current_view(window, tr("before the walkthrough"))
        self._was_maximised = window.isMaximized()
        chrome = [window.menuBar(), window.statusBar(), window.filter_bar,
                  *window.findChildren(QWidget, "toolbar_main"), *window.docks]
        self._hidden = [w for w in chrome if w.isVisible()]
        for widget in self._hidden:
            widget.hide()
        window.showFullScreen()
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]
        self.index = 0
        self._show(glide=False)
        window.canvas.setFocus()
        return True

    def stop(self) -> None:
        """Back to editing: the window, its docks and the map as they were."""
        if not self.running:
            return
        window = self.window_
        QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
        self._glide.stop()
        self.index = -1
        self.caption.hide()
        if self._was_maximised:
            window.showMaximized()
        else:
            window.showNormal()
        for widget in self._hidden:
            widget.show()
        QTimer.singleShot(0, self._restore)  # once the docks are back and the map its old size

    def _restore(self) -> None:
        if self._before is not None:
            restore_view(self.window_, self._before)
        self.window_.statusBar().showMessage(tr("Walkthrough ended."), 4000)

    def step(self, by: int) -> None:
        target = min(len(self.views) - 1, max(0, self.index + by))
        if target != self.index:
            self.index = target
            self._show(glide=True)

    def edit_note(self) -> None:
        """Write the note of the view on screen (saved with the view, one undo step)."""
        view = self.views[self.index]
        note, ok = QInputDialog.getMultiLineText(
            self.window_,
            tr("Note"),
            tr("What to say about “{name}”:").format(name=view.name),
            view.note,
        )
        if ok and note.strip() != view.note:
            edited = replace(view, note=note.strip())
            self.window_.document.push(
                PutRecords((edited,)), tr("Note of the view “{name}”").format(name=view.name)
            )
            self.views[self.index] = edited
            self._caption()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and QApplication.activeModalWidget() is None:
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.stop()
                return True
            if key in _NEXT or key in _BACK:
                self.step(1 if key in _NEXT else -1)
                return True
            if key in (Qt.Key.Key_Home, Qt.Key.Key_End):
                self.step(-len(self.views) if key == Qt.Key.Key_Home else len(self.views))
                return True
            if key == Qt.Key.Key_N:
                self.edit_note()
                return True
        if event.type() == QEvent.Type.Resize and watched is self.window_.canvas:
            self._place_caption()
        return False

    def _show(self, *, glide: bool) -> None:
        view = self.views[self.index]
        canvas = self.window_.canvas
        start = canvas.view.viewRect()
        restore_view(self.window_, view)
        if view.viewport is None:
            canvas.fit()
        self._caption()
        end = self._clear_of_caption(canvas.view.viewRect())
        canvas.view.setRange(end, padding=0)
        if glide and self.window_.canvas.animate:
            canvas.view.setRange(start, padding=0)
            self._glide.stop()
            self._glide.setStartValue(start)
            self._glide.setEndValue(end)
            self._glide.start()

    def _clear_of_caption(self, rect: QRectF) -> QRectF:
        """``rect`` grown about its centre so that nothing it shows is under the caption."""
        height = self.window_.canvas.height()
        covered = 2 * (self.caption.height() + 24)
        if height <= covered:
            return rect
        grow = height / (height - covered)
        centre = rect.center()
        grown = QRectF(0, 0, rect.width() * grow, rect.height() * grow)
        grown.moveCenter(centre)
        return grown

    def _on_glide(self, rect: object) -> None:
        if isinstance(rect, QRectF):
            self.window_.canvas.view.setRange(rect, padding=0)

    def _caption(self) -> None:
        view = self.views[self.index]
        where = tr("{n} of {n_views}").format(n=self.index + 1, n_views=len(self.views))
        keys = tr("← → to step · N to write a note · Esc to return")
        note = view.note or tr("No note yet: press N to write what to say here.")
        self.caption.setText(f"{view.name}   ({where})\n{note}\n{keys}")
        self._place_caption()
        self.caption.show()
        self.caption.raise_()

    def _place_caption(self) -> None:
        canvas = self.window_.canvas
        width = min(canvas.width() - 40, 900)
        self.caption.setFixedWidth(max(200, width))
        self.caption.adjustSize()
        self.caption.move((canvas.width() - self.caption.width()) // 2,
                          canvas.height() - self.caption.height() - 24)
