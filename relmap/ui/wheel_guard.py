"""Scrolling a pane never edits a field: spin boxes, combo boxes and sliders take the mouse
wheel only once they have the keyboard focus; before that the wheel scrolls what holds them."""

from __future__ import annotations

import atexit

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

_GUARDED = (QAbstractSpinBox, QComboBox, QAbstractSlider)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() != QEvent.Type.Wheel or not isinstance(watched, _GUARDED)
                or isinstance(watched, QScrollBar) or watched.hasFocus()):
            return False
        area = _scroll_area(watched)
        if area is not None:
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True  # the field keeps its value


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def install_wheel_guard(app: QApplication) -> None:
    """Guard every widget of ``app`` (once per application), until the interpreter exits:
    the application may outlive Python's own objects, and must not call back into them."""
    if app.findChild(WheelGuard) is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        atexit.register(app.removeEventFilter, guard)
