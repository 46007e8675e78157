"""Prepares one export: scene, title block, legend and fitted map, ready to be painted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF

from relmap.core.dates import long_date
from relmap.core.i18n import number, tr
from relmap.core.network import Network
from relmap.render.figures import key_figures, scope_caption
from relmap.render.fit import MapGeometry, fit_map
from relmap.render.legend import legend_rows
from relmap.render.legend_box import LegendLayout, layout_legend
from relmap.render.options import MapOptions, PageSpec
from relmap.render.page import (
    Fonts,
    Header,
    layout_header,
    legend_on_right,
    make_fonts,
    map_area,
    margin,
    mm,
)
from relmap.render.redaction import Redactor
from relmap.render.scene import MapScene, build_scene
from relmap.render.theme import Theme, theme

Progress = Callable[[float, str], None]
_LEGEND_SHARE = 0.35  # the legend takes at most this share of the page's width or height


@dataclass(frozen=True, slots=True, eq=False)
class RenderPlan:
    """Everything a painter needs, in device pixels of ``page``."""

    page: PageSpec
    options: MapOptions
    theme: Theme
    fonts: Fonts
    scene: MapScene
    header: Header
    legend: LegendLayout | None
    legend_origin: QPointF
    area: QRectF
    geometry: MapGeometry
    footer: str
    title: str  # the title as printed (redacted when the export is)


def prepare_map(
    network: Network, options: MapOptions, page: PageSpec, *,
    progress: Progress | None = None,
) -> RenderPlan:
    """Lay out the page: which people, what the legend says, where each label goes.

    Parameters
    ----------
    network
        The whole map; ``options.scope`` picks the people to draw.
    options
        Title, redaction, theme, decoration, legend and extras.
    page
        Size in device pixels and DPI (fonts and line widths follow the DPI).
    progress
        Called with a fraction and a stage name; may raise to cancel.

    Returns
    -------
    RenderPlan
        Everything ``paint_map`` draws. Needs a QGuiApplication for the fonts
        (``relmap.render.headless.ensure_gui_app`` makes one).
    """
    report = progress or (lambda _f, _s: None)
    report(0.0, tr("Collecting people"))
    redactor = Redactor(network, options.redaction)
    scene = build_scene(network, options, redactor)
    fonts = make_fonts(page.dpi)
    title = redactor.text(options.title) if options.title else redactor.owner_title()
    header = layout_header(
        page, fonts, title=title, date=long_date(options.today or date.today()),
        caption=scope_caption(options.scope, network, redactor),
        figures=key_figures(scene, network, today=options.today or date.today()),
    )
    footer_h = QFontMetricsF(fonts.footer).height() * 1.6
    legend, origin = _legend(scene, page, fonts, header, footer_h) if options.legend else (
        None, QPointF())
    legend_rect = QRectF(origin.x(), origin.y(), legend.width, legend.height) if legend else None
    dropped = options.legend and legend is None and len(scene) > 0
    area = map_area(page, header, legend_rect, footer_h)
    report(0.15, tr("Placing labels"))
    geometry = fit_map(scene, area, fonts, dpi=page.dpi, leader_lines=options.leader_lines)
    return RenderPlan(
        page=page, options=options, theme=theme(options.theme), fonts=fonts, scene=scene,
        header=header, legend=legend, legend_origin=origin, area=area, geometry=geometry,
        footer=_footer(scene, geometry, redactor, legend_dropped=dropped,
                       ties_to_me=options.ties_to_me), title=title,
    )


def _legend(
    scene: MapScene, page: PageSpec, fonts: Fonts, header: Header, footer_h: float
) -> tuple[LegendLayout | None, QPointF]:
    rows = legend_rows(scene)
    if not rows:
        return None, QPointF()
    m = margin(page)
    top = header.rect.bottom() + mm(4.0, page.dpi)
    bottom = page.height_px - m - footer_h
    if legend_on_right(page):
        legend = layout_legend(rows, fonts, max_width=page.width_px * 0.4,
                               max_height=bottom - top)
        if legend.width <= _LEGEND_SHARE * page.width_px:
            return legend, QPointF(page.width_px - m - legend.width, top)
    legend = layout_legend(rows, fonts, max_width=page.width_px - 2 * m,
                           max_height=(bottom - top) * _LEGEND_SHARE, spread=True)
    if legend.height > _LEGEND_SHARE * (bottom - top) or legend.width > page.width_px - 2 * m:
        return None, QPointF()  # the page is too small for a legend and a readable map
    return legend, QPointF(m, bottom - legend.height)


def _footer(
    scene: MapScene, geometry: MapGeometry, redactor: Redactor, *, legend_dropped: bool,
    ties_to_me: bool
) -> str:
    parts = [tr("No room for the legend on a page this small")] if legend_dropped else []
    if not ties_to_me:
        parts.append(tr("Ties to me not drawn"))
    elif scene.edge_faint.any():
        parts.append(tr("Ties to me drawn faint: nearly everyone here knows me"))
    if redactor.redacting:
        parts.append(
            tr("Names replaced by ")
            + (tr("initials") if redactor.mode.value == "initials" else tr("roles and spheres"))
        )
    if len(geometry.labels) < len(scene):
        parts.append(
            tr("{n_labels} of {n_scene} people named: the most important that fit").format(
                n_labels=number(len(geometry.labels)), n_scene=number(len(scene))
            )
        )
    parts.append(tr("Made with relmap"))
    return "  ·  ".join(parts)
