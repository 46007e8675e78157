"""Light and dark colour themes of the exported map (the node colours come from style)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from relmap.render.options import ThemeName
from relmap.style import EDGE, ME_FILL, OUTLINE_DARK, OUTLINE_LIGHT, Dash

# The pen of each line style, on screen and on paper.
PEN_STYLE = {
    Dash.SOLID: Qt.PenStyle.SolidLine,
    Dash.DASH: Qt.PenStyle.DashLine,
    Dash.DOT: Qt.PenStyle.DotLine,
}


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours as ``#rrggbb`` (plus an alpha 0–255 where one is needed)."""

    background: str
    text: str
    muted: str
    rule: str
    edge: str
    edge_alpha: int
    edge_faint_alpha: int  # my ties where nearly everyone knows me (style.FAINT_MINE_FROM)
    node_outline: str
    label_backdrop_alpha: int
    me_fill: str  # the canvas's dark disc, made light where the page is dark

    def outline(self, colour: str) -> str:
        """A node's outline colour on this theme: the plain outline in the theme's outline
        colour, an outline by rating in its text colour (dark on light, light on dark), a
        stay-in-touch ring in its own."""
        if colour == OUTLINE_LIGHT:
            return self.node_outline
        return self.text if colour == OUTLINE_DARK else colour


LIGHT = Theme(
    background="#ffffff", text="#1d2126", muted="#5f6873", rule="#d5d9de", edge=EDGE,
    edge_alpha=140, edge_faint_alpha=38, node_outline="#ffffff", label_backdrop_alpha=200,
    me_fill=ME_FILL,
)
DARK = Theme(
    background="#15181c", text="#eceff2", muted="#a2abb5", rule="#3a4048", edge="#8a939d",
    edge_alpha=130, edge_faint_alpha=35, node_outline="#15181c", label_backdrop_alpha=190,
    me_fill="#eceff2",
)


def theme(name: ThemeName) -> Theme:
    return DARK if name is ThemeName.DARK else LIGHT


def edge_colour(theme: Theme, *, transparent: bool, faint: bool = False) -> QColor:
    """The tie colour (``faint``: of a faint tie): translucent over a transparent page, else
    mixed with the background.

    An opaque mix looks the same where ties do not cross, is drawn several times faster
    (raster) and stays a native stroke in PDF, where Qt turns translucent strokes into
    filled outlines; crossings no longer darken, just as on the canvas.
    """
    alpha = theme.edge_faint_alpha if faint else theme.edge_alpha
    if transparent:
        colour = QColor(theme.edge)
        colour.setAlpha(alpha)
        return colour
    return mixed(theme.edge, alpha, theme.background)


def mixed(colour: str, alpha: int, background: str) -> QColor:
    """The opaque colour that ``colour`` at ``alpha`` (0–255) shows over ``background``."""
    top, back, share = QColor(colour), QColor(background), alpha / 255
    return QColor.fromRgbF(
        top.redF() * share + back.redF() * (1 - share),
        top.greenF() * share + back.greenF() * (1 - share),
        top.blueF() * share + back.blueF() * (1 - share),
    )
