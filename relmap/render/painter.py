"""The renderer: paints a prepared map into any QPainter device (image, SVG, PDF)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from relmap import style
from relmap.core.i18n import tr
from relmap.render import glyphs
from relmap.render.fit import ring_font
from relmap.render.hulls import hull_colours, polygon_path
from relmap.render.legend_box import GlyphScale, paint_legend
from relmap.render.page import mm
from relmap.render.plan import Progress, RenderPlan
from relmap.render.rings import paint_rings
from relmap.render.text import TextPainter
from relmap.render.theme import PEN_STYLE, edge_colour

_A = Qt.AlignmentFlag


def paint_map(
    painter: QPainter, plan: RenderPlan, *, text_as_paths: bool = False,
    progress: Progress | None = None,
) -> None:
    """Paint ``plan`` with ``painter``, whose device is ``plan.page`` pixels in size.

    Parameters
    ----------
    painter
        Active on a QImage, QSvgGenerator or QPdfWriter whose coordinates are device pixels.
    plan
        From ``prepare_map``.
    text_as_paths
        Fill glyph outlines instead of writing text (redacted SVG).
    progress
        Called with a fraction and a stage name; may raise to cancel.
    """
    report = progress or (lambda _f, _s: None)
    text = TextPainter(as_paths=text_as_paths)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    if not plan.options.transparent:
        painter.fillRect(QRectF(0, 0, plan.page.width_px, plan.page.height_px),
                         QColor(plan.theme.background))
    report(0.3, tr("Drawing ties"))
    _paint_rings(painter, plan)
    _paint_hulls(painter, plan)
    _paint_edges(painter, plan)
    _paint_ring_names(painter, plan, text)
    report(0.55, tr("Drawing people"))
    _paint_nodes(painter, plan)
    report(0.7, tr("Drawing labels"))
    _paint_labels(painter, plan, text)
    _paint_header(painter, plan, text)
    if plan.legend is not None:
        scale = GlyphScale(plan.geometry.scale, plan.geometry.min_radius,
                           plan.geometry.edge_scale, plan.geometry.outline)
        paint_legend(painter, plan.legend, plan.legend_origin, plan.fonts, plan.theme, scale,
                     text)
    _paint_footer(painter, plan, text)


def _paint_rings(painter: QPainter, plan: RenderPlan) -> None:
    """The ego layout's rings, each in its zone, as far as they fall in the map's area."""
    rings = plan.geometry.rings
    if rings is None:
        return
    painter.save()
    painter.setClipRect(plan.area)
    x, y = rings.centre.tolist()
    paint_rings(painter, (x, y), rings.radii.tolist(), plan.theme.muted, plan.geometry.outline)
    painter.restore()


def _paint_ring_names(painter: QPainter, plan: RenderPlan, text: TextPainter) -> None:
    """The rings' names over the ties, on a backdrop as the people's names are."""
    rings = plan.geometry.rings
    if rings is None:
        return
    _paint_backdrops(painter, plan, rings.name_rects)
    font = ring_font(plan.fonts)
    for name, (x0, y0, x1, y1) in zip(rings.names, rings.name_rects.tolist(), strict=True):
        text.draw(painter, QRectF(x0, y0, x1 - x0, y1 - y0), _A.AlignCenter, name, font,
                  plan.theme.muted)


def _paint_backdrops(painter: QPainter, plan: RenderPlan, rects: np.ndarray) -> None:
    """The rounded backdrops names are written on, ``rects`` (k, 4) x0, y0, x1, y1."""
    backdrop = QColor(plan.theme.background)
    backdrop.setAlpha(plan.theme.label_backdrop_alpha)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(backdrop)
    for x0, y0, x1, y1 in rects.tolist():
        radius = (y1 - y0) * 0.3
        painter.drawRoundedRect(QRectF(x0, y0, x1 - x0, y1 - y0), radius, radius)


def _paint_hulls(painter: QPainter, plan: RenderPlan) -> None:
    for colour, polygon in plan.geometry.hulls:
        fill, line = hull_colours(colour)
        pen = QPen(line)
        pen.setWidthF(plan.geometry.outline)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawPath(polygon_path(polygon))


def _paint_edges(painter: QPainter, plan: RenderPlan) -> None:
    scene, geo = plan.scene, plan.geometry
    colours = {faint: edge_colour(plan.theme, transparent=plan.options.transparent, faint=faint)
               for faint in (False, True)}
    painter.setBrush(Qt.BrushStyle.NoBrush)
    dashes = np.array(scene.edge_dash, dtype=object)
    tints = np.array([c or "" for c in scene.edge_colours], dtype=object)
    classes = set(zip(scene.edge_width.tolist(), scene.edge_dash, tints.tolist(),
                      scene.edge_faint.tolist(), strict=True))
    # Faint ties first, then plain ones, coloured ones (the ties to me) drawn over them.
    for width, dash, tint, faint in sorted(
            classes, key=lambda c: (c[2] != "", not c[3], c[0], c[1], c[2])):
        mask = ((scene.edge_width == width) & (dashes == dash) & (tints == tint)
                & (scene.edge_faint == faint))
        pen = QPen(QColor(tint) if tint else colours[faint])
        pen.setWidthF(width * geo.edge_scale)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setStyle(PEN_STYLE[dash])
        painter.setPen(pen)
        glyphs.draw_segments(painter, geo.xy[scene.edges[mask]])


def _paint_nodes(painter: QPainter, plan: RenderPlan) -> None:
    scene, geo = plan.scene, plan.geometry
    pens = {key: _outline_pen(key, plan) for key in set(scene.outlines)}
    me = scene.me_row
    # Big nodes last, so a small node is never hidden under a large neighbour's disc.
    for row in np.argsort(geo.radius, kind="stable").tolist():
        centre = QPointF(float(geo.xy[row, 0]), float(geo.xy[row, 1]))
        radius = float(geo.radius[row])
        if row == me:
            ring = style.ME_RING_PX * plan.page.dpi / style.SCREEN_DPI
            glyphs.draw_me(painter, centre, radius, fill=plan.theme.me_fill, ring=style.ME_RING,
                           ring_width=min(ring, radius * 0.35))
        else:
            glyphs.draw_node(painter, centre, radius, scene.colours[row],
                             pens[scene.outlines[row]])


def _outline_pen(key: tuple[str, float], plan: RenderPlan) -> QPen:
    """The outline in the theme's colours (:meth:`Theme.outline`), widths in proportion to
    the screen's."""
    colour, px = key
    pen = QPen(QColor(plan.theme.outline(colour)))
    pen.setWidthF(plan.geometry.outline * px / style.NODE_OUTLINE_PX)
    return pen


def _paint_labels(painter: QPainter, plan: RenderPlan, text: TextPainter) -> None:
    placed, theme, fonts = plan.geometry.labels, plan.theme, plan.fonts
    leader = QPen(QColor(theme.muted))
    leader.setWidthF(max(0.5, plan.geometry.outline * 0.8))
    painter.setPen(leader)
    for x0, y0, x1, y1 in placed.leaders.tolist():
        if x0 == x0:  # not NaN
            painter.drawLine(QLineF(x0, y0, x1, y1))
    _paint_backdrops(painter, plan, placed.rects)
    for row, (x0, y0, x1, y1) in zip(placed.rows.tolist(), placed.rects.tolist(), strict=True):
        font = fonts.label_me if plan.scene.bold(row) else fonts.label
        text.draw(painter, QRectF(x0, y0, x1 - x0, y1 - y0), _A.AlignCenter,
                  plan.scene.labels[row], font, theme.text)


def _paint_header(painter: QPainter, plan: RenderPlan, text: TextPainter) -> None:
    header, fonts, theme = plan.header, plan.fonts, plan.theme
    rect = header.rect
    top_left = _A.AlignLeft | _A.AlignTop
    title_box = QRectF(rect.left(), rect.top(), rect.width() * 0.75, rect.height())
    title = QFontMetricsF(fonts.title).elidedText(
        header.title, Qt.TextElideMode.ElideRight, title_box.width())
    text.draw(painter, title_box, top_left, title, fonts.title, theme.text)
    title_h = QFontMetricsF(fonts.title).height()
    text.draw(painter, QRectF(rect.left(), rect.top(), rect.width(), title_h),
              _A.AlignRight | _A.AlignVCenter, header.date, fonts.subtitle, theme.muted)
    if header.caption:
        text.draw(painter, QRectF(rect.left(), rect.top() + title_h, rect.width(), title_h),
                  top_left, header.caption, fonts.subtitle, theme.muted)
    _paint_figures(painter, plan, text)
    rule = QPen(QColor(theme.rule))
    rule.setWidthF(max(1.0, mm(0.25, plan.page.dpi)))
    painter.setPen(rule)
    painter.drawLine(QLineF(rect.left(), rect.bottom(), rect.right(), rect.bottom()))


def _paint_figures(painter: QPainter, plan: RenderPlan, text: TextPainter) -> None:
    header, fonts, theme = plan.header, plan.fonts, plan.theme
    value_h = QFontMetricsF(fonts.figure).height()
    caption_h = QFontMetricsF(fonts.caption).height()
    rule = QPen(QColor(theme.rule))
    rule.setWidthF(max(1.0, mm(0.25, plan.page.dpi)))
    gap = mm(4.0, plan.page.dpi)
    for figure, box in zip(header.figures, header.figure_boxes, strict=True):
        if box.left() > header.rect.left():  # a rule between two figures of a row
            painter.setPen(rule)
            painter.drawLine(QLineF(box.left() - gap, box.top(), box.left() - gap,
                                    box.top() + value_h + caption_h))
        value = QRectF(box.left(), box.top(), box.width(), value_h)
        text.draw(painter, value, _A.AlignLeft | _A.AlignVCenter, figure.value, fonts.figure,
                  theme.text)
        below = QRectF(box.left(), box.top() + value_h, box.width(), caption_h)
        text.draw(painter, below, _A.AlignLeft | _A.AlignTop, figure.caption, fonts.caption,
                  theme.muted)


def _paint_footer(painter: QPainter, plan: RenderPlan, text: TextPainter) -> None:
    height = QFontMetricsF(plan.fonts.footer).height()
    m = plan.header.rect.left()
    box = QRectF(m, plan.page.height_px - m - height, plan.page.width_px - 2 * m, height)
    text.draw(painter, box, _A.AlignLeft | _A.AlignVCenter, plan.footer, plan.fonts.footer,
              plan.theme.muted)
