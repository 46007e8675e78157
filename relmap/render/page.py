"""Page typography and regions: margins, the title block, the legend box and the map area."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from relmap.render.figures import KeyFigure
from relmap.render.options import PageSpec

_MM = 1 / 25.4  # inches per millimetre


@dataclass(frozen=True, slots=True)
class Fonts:
    """Every font of the page, sized in device pixels for the page's DPI."""

    title: QFont
    subtitle: QFont
    figure: QFont
    caption: QFont
    heading: QFont
    legend: QFont
    label: QFont
    label_me: QFont
    footer: QFont


def make_fonts(dpi: float) -> Fonts:
    """Fonts for ``dpi``: sizes are in points, turned into whole device pixels."""

    def font(points: float, *, bold: bool = False, weight: QFont.Weight | None = None) -> QFont:
        f = QFont()
        f.setPixelSize(max(1, round(points * dpi / 72)))
        if weight is not None:
            f.setWeight(weight)
        f.setBold(bold or f.bold())
        return f

    return Fonts(
        title=font(18, weight=QFont.Weight.Bold), subtitle=font(8.5),
        figure=font(13, weight=QFont.Weight.DemiBold), caption=font(7),
        heading=font(7.5, bold=True), legend=font(7.5), label=font(6.5),
        label_me=font(7.5, bold=True), footer=font(6.5),
    )


@dataclass(frozen=True, slots=True)
class Header:
    """Title block geometry: where the title, date, caption and each key figure go."""

    title: str
    date: str
    caption: str
    figures: tuple[KeyFigure, ...]
    rect: QRectF
    figure_boxes: tuple[QRectF, ...]  # value and caption of each figure, in rows that fit


def mm(value: float, dpi: float) -> float:
    """``value`` millimetres in device pixels."""
    return value * _MM * dpi


def margin(page: PageSpec) -> float:
    """The page margin: 10 mm on paper, a little less on small pages."""
    short_mm = min(page.width_mm, page.height_mm)
    return mm(min(10.0, max(4.0, short_mm * 0.05)), page.dpi)


def layout_header(
    page: PageSpec, fonts: Fonts, *, title: str, date: str, caption: str,
    figures: list[KeyFigure],
) -> Header:
    """The title block across the top of the page, inside the margins."""
    m = margin(page)
    width = page.width_px - 2 * m
    title_h = QFontMetricsF(fonts.title).height()
    sub_h = QFontMetricsF(fonts.subtitle).height()
    top = m + title_h + sub_h * (1.2 if caption else 0.0) + mm(3.0, page.dpi)
    value_fm, caption_fm = QFontMetricsF(fonts.figure), QFontMetricsF(fonts.caption)
    fig_h = value_fm.height() + caption_fm.height()
    gap = mm(8.0, page.dpi)
    boxes: list[QRectF] = []
    x, y = m, top
    for f in figures:  # left to right, a new row when the next one would not fit
        w = max(value_fm.horizontalAdvance(f.value), caption_fm.horizontalAdvance(f.caption))
        if boxes and x + w > m + width:
            x, y = m, y + fig_h + mm(2.0, page.dpi)
        boxes.append(QRectF(x, y, w, fig_h))
        x += w + gap
    height = y - m + fig_h + mm(3.0, page.dpi)
    return Header(
        title=title, date=date, caption=caption, figures=tuple(figures),
        rect=QRectF(m, m, width, height), figure_boxes=tuple(boxes),
    )


def legend_on_right(page: PageSpec) -> bool:
    """Landscape-like pages put the legend in a right column, others along the bottom."""
    return page.width_px >= 1.15 * page.height_px


def map_area(page: PageSpec, header: Header, legend: QRectF | None, footer_h: float) -> QRectF:
    """What is left for the map between the title block, the legend and the footer."""
    m = margin(page)
    gap = mm(4.0, page.dpi)
    top = header.rect.bottom() + gap
    bottom = page.height_px - m - footer_h
    right = page.width_px - m
    if legend is not None:
        if legend_on_right(page):
            right = legend.left() - gap
        else:
            bottom = legend.top() - gap
    return QRectF(m, top, max(1.0, right - m), max(1.0, bottom - top))
