"""Text fields that commit after a short pause in typing and when they lose focus."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSignalBlocker, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

PAUSE_MS = 700
INVALID_STYLE = "border: 1px solid #d62728; border-radius: 2px;"
ERROR_STYLE = "color: #b3261e;"

# Commits a field's text; returns why it was refused, or None when it was stored (or unchanged).
Commit = Callable[[str], str | None]


class PlainTextEdit(QPlainTextEdit):
    """A multi-line field that says when it loses focus (QPlainTextEdit has no editingFinished)."""

    sig_focus_lost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.sig_focus_lost.emit()


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(widget: QWidget | None, label: QLabel, message: str | None) -> None:
    """Show ``message`` in ``label`` and outline ``widget`` in red, or clear both."""
    if widget is not None:
        widget.setStyleSheet(INVALID_STYLE if message else "")
        widget.setToolTip(message or "")
    label.setText(message or "")
    label.setVisible(bool(message))


class TextBinding(QObject):
    """Ties one text widget to a commit function.

    The text is committed after ``PAUSE_MS`` without typing, on focus-out and on Enter. A refused
    value stays in the field, outlined in red with the reason under it; nothing is stored.
    """

    def __init__(self, widget: QLineEdit | PlainTextEdit, commit: Commit) -> None:
        super().__init__(widget)
        self.widget, self._commit = widget, commit
        self.error = error_label()
        self.dirty = False
        self._timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._timer.timeout.connect(self.flush)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self._on_widget_edited)
            widget.editingFinished.connect(self.flush)
        else:
            widget.textChanged.connect(self._on_widget_edited)
            widget.sig_focus_lost.connect(self.flush)

    def boxed(self) -> QWidget:
        """The widget with its error message under it, for a form row."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.widget)
        layout.addWidget(self.error)
        return box

    def text(self) -> str:
        w = self.widget
        return w.text() if isinstance(w, QLineEdit) else w.toPlainText()

    def set_text(self, text: str, *, force: bool = False) -> None:
        """Show model state without committing it back; unsaved typing wins unless ``force``."""
        if self.dirty and not force:
            return
        self._timer.stop()
        self.dirty = False
        show_error(self.widget, self.error, None)
        if text == self.text():
            return
        with QSignalBlocker(self.widget):
            if isinstance(self.widget, QLineEdit):
                self.widget.setText(text)
                self.widget.setCursorPosition(0)
            else:
                self.widget.setPlainText(text)

    def flush(self) -> None:
        """Commit now if the text changed since the last commit."""
        self._timer.stop()
        if not self.dirty:
            return
        self.dirty = False
        show_error(self.widget, self.error, self._commit(self.text()))

    def _on_widget_edited(self, *_: object) -> None:
        self.dirty = True
        self._timer.start()
