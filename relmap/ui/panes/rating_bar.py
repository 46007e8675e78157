"""A 1–5 rating set by click, drag or the keys 0–5 (0 = unrated), like a row of boxes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from relmap.core.i18n import tr
from relmap.core.model import RATING_MAX, Rating

_BOX, _GAP = 24.0, 4.0
_FILL, _HOVER, _LINE = "#2f6fb5", "#a9c6ea", "#8a939d"  # the empty boxes take the palette's


class RatingBar(QWidget):
    """``sig_rated(value)`` fires once per gesture: a click, the end of a drag, or a key.

    Clicking the current level again clears it (when ``allow_unrated``).
    """

    sig_rated = Signal(object)  # int 1..5, or None for unrated
    sig_hovered = Signal(object)  # the level under the mouse or being dragged, None when gone

    def __init__(self, *, allow_unrated: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.allow_unrated = allow_unrated
        self.value: Rating = None
        self.mixed = False
        self._preview: Rating = None
        self._pressed: Rating = None
        self._dragged = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setToolTip(tr("Click, drag, or press 1–5 (0 clears)"))

    def sizeHint(self) -> QSize:
        return QSize(int(RATING_MAX * (_BOX + _GAP)), int(_BOX + 4))

    def set_value(self, value: Rating, *, mixed: bool = False) -> None:
        """Show model state without announcing it."""
        self.value, self.mixed = value, mixed
        self.update()

    def level_at(self, x: float) -> int:
        return max(1, min(RATING_MAX, int(x // (_BOX + _GAP)) + 1))

    def box(self, level: int) -> QRectF:
        return QRectF((level - 1) * (_BOX + _GAP) + 1, 2, _BOX, _BOX)

    def _rate(self, value: Rating) -> None:
        if value is None and not self.allow_unrated:
            return
        self.value, self.mixed = value, False
        self.update()
        self.sig_rated.emit(value)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self._pressed = self._preview = self.level_at(event.position().x())
        self._dragged = False
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        level = self.level_at(event.position().x())
        if self._pressed is not None and level != self._pressed:
            self._dragged = True
        if level != self._preview:
            self._preview = level
            self.sig_hovered.emit(level)
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._pressed is None:
            return super().mouseReleaseEvent(event)
        level = self.level_at(event.position().x())
        clear = not self._dragged and level == self.value and self.allow_unrated
        self._pressed = None
        self._rate(None if clear else level)

    def leaveEvent(self, event: QEvent) -> None:
        self._preview = None
        self.sig_hovered.emit(None)
        self.update()
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, current = event.key(), self.value or 0
        digits = {getattr(Qt.Key, f"Key_{d}"): d for d in range(RATING_MAX + 1)}
        if key in digits:
            self._rate(digits[key] or None)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._rate(None)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Plus):
            self._rate(min(RATING_MAX, current + 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Minus) and current > 1:
            self._rate(current - 1)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shown = self._preview if self._pressed is not None else self.value
        for level in range(1, RATING_MAX + 1):
            self._paint_box(painter, level, shown)
        if self.hasFocus():
            pen = QPen(QColor(_FILL), 1.0, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)

    def _paint_box(self, painter: QPainter, level: int, shown: Rating) -> None:
        rect = self.box(level)
        filled = shown is not None and level <= shown
        hover = self._pressed is None and self._preview is not None and level <= self._preview
        palette = self.palette()
        colour = QColor(_FILL if filled else _HOVER) if filled or hover else palette.base().color()
        line = QPen(
            QColor(_LINE), 1.0, Qt.PenStyle.DashLine if self.mixed else Qt.PenStyle.SolidLine
        )
        painter.setPen(line)
        painter.setBrush(colour)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor("#ffffff" if filled else "#1d2126") if filled or hover
                       else palette.text().color())
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(level))

    def centre_of(self, level: int) -> QPointF:
        """Where to click for ``level`` (tests and accessibility tools use it)."""
        return self.box(level).center()
