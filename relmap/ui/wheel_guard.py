"""Scrolling a pane never edits a field: spin boxes, combo boxes and sliders take the mouse
wheel only once they have the keyboard focus; before that the wheel scrolls what holds them."""

from __future__ import annotations

import atexit

from PySide6.QtCore import QEvent, QObject, Qt
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
        if not isinstance(watched, _GUARDED) or isinstance(watched, QScrollBar):
            return False
        if event.type() == QEvent.Type.Polish:
            _no_wheel_focus(watched)
            return False
        if event.type() != QEvent.Type.Wheel or watched.hasFocus():
            return False
        area = _scroll_area(watched)
        if area is not None:
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True  # the field keeps its value


def _no_wheel_focus(widget: QWidget) -> None:
    """A wheel from the window system gives a widget that takes the focus by wheel (a combo
    box does) the focus before any filter sees the wheel, which the widget would then take:
    such a widget takes the focus by click and by Tab only."""
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


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
        for widget in app.allWidgets():  # made before the guard
            if isinstance(widget, _GUARDED) and not isinstance(widget, QScrollBar):
                _no_wheel_focus(widget)
