"""Draws text as text, or as outlines when an export must not contain searchable text."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath

_H = Qt.AlignmentFlag


class TextPainter:
    """``draw`` aligns one line of text in a rectangle; with ``as_paths`` it fills glyph
    outlines instead, so a redacted SVG holds no text at all."""

    def __init__(self, *, as_paths: bool) -> None:
        self.as_paths = as_paths

    def draw(
        self, painter: QPainter, rect: QRectF, align: Qt.AlignmentFlag, text: str, font: QFont,
        colour: str | QColor,
    ) -> None:
        if not self.as_paths:
            painter.setFont(font)
            painter.setPen(QColor(colour))
            painter.drawText(rect, align, text)
            return
        metrics = QFontMetricsF(font)
        width = metrics.horizontalAdvance(text)
        if align & _H.AlignRight:
            x = rect.right() - width
        elif align & _H.AlignHCenter:
            x = rect.center().x() - width / 2
        else:
            x = rect.left()
        if align & _H.AlignTop:
            y = rect.top() + metrics.ascent()
        elif align & _H.AlignBottom:
            y = rect.bottom() - metrics.descent()
        else:
            y = rect.center().y() + (metrics.ascent() - metrics.descent()) / 2
        path = QPainterPath()
        path.addText(x, y, font, text)
        painter.fillPath(path, QColor(colour))
