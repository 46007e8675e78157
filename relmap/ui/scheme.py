"""Light or dark, as the system says, or as the user chose under View → Appearance: the
map's colours and the panes' palette follow."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QBuffer, QByteArray, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QGuiApplication,
    QIcon,
    QImageReader,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QWidget

from relmap.core.i18n import tr
from relmap.render.theme import DARK, LIGHT, Theme
from relmap.resources import resource_path

MAP_LIGHT = replace(LIGHT, background="#f7f8fa")  # a touch off white, for a screen
APPEARANCES = {"system": tr("Follow the System"), "light": tr("Light"), "dark": tr("Dark")}
_chosen = "system"
_ICON_STROKE = b"#3a4350"  # the dark grey the toolbar icons are drawn with
ICON_NAME = "relmap_icon"  # the property that names an action's icon


def is_dark() -> bool:
    """Dark by the user's choice, or by the system's when they follow it."""
    if _chosen != "system":
        return _chosen == "dark"
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def map_theme() -> Theme:
    """The map's colours for the scheme in force."""
    return DARK if is_dark() else MAP_LIGHT


def action_icon(name: str) -> QIcon:
    """The toolbar icon ``resources/icons/actions/<name>.svg``, its dark strokes drawn light
    on a dark scheme."""
    path = resource_path("icons", "actions", f"{name}.svg")
    if not is_dark():
        return QIcon(str(path))
    data = QByteArray(path.read_bytes().replace(_ICON_STROKE, DARK.text.encode()))
    buffer = QBuffer(data)
    reader = QImageReader(buffer, b"svg")
    reader.setScaledSize(QSize(48, 48))
    return QIcon(QPixmap.fromImage(reader.read()))


def refresh_icons(window: QWidget) -> None:
    """Draw again the icons of ``window``'s actions (made by :func:`action_icon`)."""
    for action in window.findChildren(QAction):
        if name := action.property(ICON_NAME):
            action.setIcon(action_icon(str(name)))


def set_appearance(choice: str) -> None:
    """Follow the system ("system"), or force "light" or "dark" on relmap's windows."""
    global _chosen
    _chosen = choice if choice in APPEARANCES else "system"
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    style = app.style()
    light = style.standardPalette() if style is not None else QPalette()
    app.setPalette(_dark_palette() if _chosen == "dark" else light)


def _dark_palette() -> QPalette:
    """A dark palette in the map's dark colours."""
    roles = QPalette.ColorRole
    palette = QPalette()
    for role, colour in (
        (roles.Window, "#1f2328"), (roles.WindowText, DARK.text), (roles.Base, DARK.background),
        (roles.AlternateBase, "#1b1f24"), (roles.ToolTipBase, "#2a2f36"),
        (roles.ToolTipText, DARK.text), (roles.Text, DARK.text), (roles.Button, "#2a2f36"),
        (roles.ButtonText, DARK.text), (roles.BrightText, "#ff6b6b"), (roles.Link, "#6ea8fe"),
        (roles.Highlight, "#2f6fb5"), (roles.HighlightedText, "#ffffff"),
        (roles.PlaceholderText, DARK.muted), (roles.Mid, "#3a4048"), (roles.Dark, "#111418"),
        (roles.Light, "#3d434b"), (roles.Midlight, "#333940"), (roles.Shadow, "#000000"),
    ):
        palette.setColor(role, QColor(colour))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b737c"))
    return palette
