"""Lays the legend rows out in columns and paints them with the map's own glyphs."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from relmap import style
from relmap.core.i18n import number
from relmap.render import glyphs
from relmap.render.legend import Glyph, LegendRow
from relmap.render.page import Fonts
from relmap.render.rings import paint_rings
from relmap.render.text import TextPainter
from relmap.render.theme import PEN_STYLE, Theme, edge_colour

_ROW = 1.5  # row height in legend text lines
_GLYPH = 2.6  # glyph column width in row heights


@dataclass(frozen=True, slots=True)
class LegendLayout:
    """Legend rows flowed into columns: ``columns`` hold row indexes, top to bottom."""

    rows: tuple[LegendRow, ...]
    columns: tuple[tuple[int, ...], ...]
    row_h: float
    col_w: float
    gap: float  # between columns

    @property
    def width(self) -> float:
        return len(self.columns) * self.col_w + max(0, len(self.columns) - 1) * self.gap

    @property
    def height(self) -> float:
        return max((self._column_h(c) for c in self.columns), default=0.0)

    def _column_h(self, column: tuple[int, ...]) -> float:
        return sum(self.row_h for _ in column)


@dataclass(frozen=True, slots=True)
class GlyphScale:
    """How big map glyphs are on the page: node radius and tie width per style unit."""

    node: float  # device pixels per scene unit
    min_radius: float
    edge: float  # device pixels per screen pixel of tie width
    outline: float


def layout_legend(
    rows: list[LegendRow], fonts: Fonts, *, max_width: float, max_height: float,
    spread: bool = False,
) -> LegendLayout:
    """Flow ``rows`` into columns of equal length.

    Parameters
    ----------
    rows
        From ``legend_rows``.
    fonts
        Legend fonts; their metrics set the row height and column width.
    max_width, max_height
        Room for the legend, in device pixels.
    spread
        Use as many columns as fit ``max_width`` (a low band under the map) instead of as
        few as fit ``max_height`` (a column beside it).

    Returns
    -------
    LegendLayout
        Rows by column, with the row height and column width.
    """
    metrics, bold = QFontMetricsF(fonts.legend), QFontMetricsF(fonts.heading)
    row_h = metrics.height() * _ROW
    count_w = max((metrics.horizontalAdvance(number(r.count)) for r in rows if r.count), default=0)
    text_w = max(
        (bold if r.glyph is Glyph.HEADING else metrics).horizontalAdvance(r.text) for r in rows
    )
    col_w = row_h * _GLYPH + text_w + (count_w + row_h * 0.6 if count_w else 0.0)
    gap = row_h
    per_column = max(1, int(max_height // row_h))
    fits = max(1, int((max_width + gap) // (col_w + gap)))
    columns = math.ceil(len(rows) / per_column)
    if spread:
        columns = max(columns, min(fits, len(rows)))
    per_column = math.ceil(len(rows) / columns)  # balanced: no near-empty last column
    return LegendLayout(tuple(rows), _flow(rows, per_column), row_h, col_w, gap)


def _flow(rows: list[LegendRow], per_column: int) -> tuple[tuple[int, ...], ...]:
    columns: list[list[int]] = [[]]
    for i, row in enumerate(rows):
        if len(columns[-1]) >= per_column:
            moved = [columns[-1].pop()] if rows[columns[-1][-1]].glyph is Glyph.HEADING else []
            columns.append(moved)
        if row.glyph is Glyph.HEADING and columns[-1] and len(columns[-1]) + 2 > per_column:
            columns.append([])
        columns[-1].append(i)
    return tuple(tuple(c) for c in columns if c)


def paint_legend(
    painter: QPainter, legend: LegendLayout, origin: QPointF, fonts: Fonts, theme: Theme,
    scale: GlyphScale, text: TextPainter,
) -> None:
    """Paint every row with its glyph at the map's scale (clamped to the row height)."""
    for c, column in enumerate(legend.columns):
        x = origin.x() + c * (legend.col_w + legend.gap)
        for r, index in enumerate(column):
            row = legend.rows[index]
            box = QRectF(x, origin.y() + r * legend.row_h, legend.col_w, legend.row_h)
            _paint_row(painter, row, box, legend.row_h, fonts, theme, scale, text)


def _paint_row(
    painter: QPainter, row: LegendRow, box: QRectF, row_h: float, fonts: Fonts, theme: Theme,
    scale: GlyphScale, text: TextPainter,
) -> None:
    glyph_w = row_h * _GLYPH
    text_box = box.adjusted(glyph_w, 0, 0, 0)
    left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
    if row.glyph is Glyph.HEADING:
        text.draw(painter, box.adjusted(0, 0, 0, -row_h * 0.12),
                  left | Qt.AlignmentFlag.AlignBottom, row.text.upper(), fonts.heading,
                  theme.muted)
        return
    middle = Qt.AlignmentFlag.AlignVCenter
    text.draw(painter, text_box, left | middle, row.text, fonts.legend, theme.text)
    if row.count is not None:
        text.draw(painter, text_box, right | middle, number(row.count), fonts.legend, theme.muted)
    glyph_box = QRectF(box.left(), box.top(), glyph_w - row_h * 0.5, row_h)
    _paint_glyph(painter, row, glyph_box, theme, scale)


def _paint_glyph(
    painter: QPainter, row: LegendRow, box: QRectF, theme: Theme, scale: GlyphScale
) -> None:
    centre = box.center()
    most = box.height() * 0.36
    outline = QPen(QColor(theme.node_outline))
    outline.setWidthF(scale.outline)
    if row.glyph is Glyph.SWATCH:
        glyphs.draw_node(painter, centre, most * 0.85, row.colours, outline)
    elif row.glyph is Glyph.ME:
        radius = min(most, max(scale.min_radius, style.ME_RADIUS * scale.node))
        glyphs.draw_me(painter, centre, radius, fill=theme.me_fill, ring=style.ME_RING,
                       ring_width=max(1.0, radius * 0.3))
    elif row.glyph is Glyph.SIZE:
        _paint_sizes(painter, row, box, theme, scale, outline)
    elif row.glyph is Glyph.OUTLINE:
        _paint_outlines(painter, row, box, theme, scale)
    elif row.glyph is Glyph.LINE:
        _paint_lines(painter, row, box, theme, scale)
    elif row.glyph is Glyph.RINGS:
        _paint_ring_sample(painter, box, theme)
    elif row.glyph is Glyph.HULL:
        fill = QColor(row.colours[0] if row.colours else theme.muted)
        fill.setAlpha(style.HULL_ALPHA * 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(box.adjusted(0, box.height() * 0.2, 0, -box.height() * 0.2),
                                box.height() * 0.3, box.height() * 0.3)


def _paint_ring_sample(painter: QPainter, box: QRectF, theme: Theme) -> None:
    """Three rings in their zones, as the map draws the ego layout's, the closest inside."""
    largest = min(box.height(), box.width()) * 0.48
    paint_rings(painter, (box.center().x(), box.center().y()),
                [largest * k / 3.5 for k in (1, 2, 3)], theme.muted,
                max(1.0, box.height() / 24), line=Qt.PenStyle.SolidLine, shade=2)


def _paint_sizes(
    painter: QPainter, row: LegendRow, box: QRectF, theme: Theme, scale: GlyphScale,
    outline: QPen,
) -> None:
    x = box.left()
    for radius in sample_radii(row, box, scale):
        glyphs.draw_node(painter, QPointF(x + radius, box.center().y()), radius,
                         (theme.muted,), outline)
        x += 2 * radius + box.height() * 0.25


def sample_radii(row: LegendRow, box: QRectF, scale: GlyphScale) -> list[float]:
    """The radii the samples of a size row are drawn with. If the map's nodes are bigger than
    a row, every size row shrinks by the same factor, the one the largest pair of samples
    needs, so that the rows compare with each other."""
    largest = max(scale.min_radius, style.rating_radius(5) * scale.node)
    shrink = min(1.0, box.height() * 0.45 / largest, box.width() / (4.8 * largest))
    return [max(scale.min_radius, r * scale.node) * shrink for r in row.sizes]


def _paint_outlines(
    painter: QPainter, row: LegendRow, box: QRectF, theme: Theme, scale: GlyphScale
) -> None:
    radius = box.height() * 0.3
    x = box.left()
    for i, width in enumerate(row.sizes):
        pen = QPen(QColor(row.colours[i] if i < len(row.colours) else theme.text))
        pen.setWidthF(scale.outline * width / style.NODE_OUTLINE_PX)
        glyphs.draw_node(painter, QPointF(x + radius, box.center().y()), radius,
                         (theme.muted,), pen)
        x += 2 * radius + box.height() * 0.35


def _paint_lines(
    painter: QPainter, row: LegendRow, box: QRectF, theme: Theme, scale: GlyphScale
) -> None:
    colour = QColor(row.colours[0]) if row.colours else edge_colour(theme, transparent=False)
    count = len(row.sizes)
    for i, width in enumerate(row.sizes):
        y = box.top() + box.height() * (i + 1) / (count + 1)
        pen = QPen(colour)
        pen.setWidthF(max(0.5, width * scale.edge))
        pen.setStyle(PEN_STYLE[row.dash])
        painter.setPen(pen)
        painter.drawLine(QLineF(box.left(), y, box.right(), y))
