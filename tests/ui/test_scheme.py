"""View → Appearance: the map and the panes in light or dark, switched live, remembered."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from relmap.render.theme import DARK
from relmap.ui.main_window import MainWindow
from relmap.ui.scheme import MAP_LIGHT


def _me_row(window: MainWindow) -> int:
    return window.canvas.row[next(p for p in window.canvas.ids
                                  if window.document.network.people[p].is_me)]


def _stroke_lightness(window: MainWindow) -> float:
    """How light the drawn strokes of the Add Person icon are (0 black … 255 white)."""
    image = window.commands.add_person.icon().pixmap(24, 24).toImage()
    drawn = [image.pixelColor(x, y) for x in range(24) for y in range(24)
             if image.pixelColor(x, y).alpha() > 200]
    return sum(c.lightness() for c in drawn) / len(drawn)


def test_dark_and_back_to_light_switch_the_map_and_the_panes(window: MainWindow) -> None:
    canvas = window.canvas
    assert canvas.theme == MAP_LIGHT
    try:
        window.set_appearance("dark")
        palette = QApplication.palette()
        assert palette.window().color().lightness() < 60 and palette.text().color() == QColor(
            DARK.text)
        assert canvas.theme == DARK
        assert canvas.backgroundBrush().color() == QColor(DARK.background)
        assert canvas.brushes[_me_row(window)].color() == QColor(DARK.me_fill)
        label = canvas.labels.items_for(canvas.labels.shown)[0]
        assert label.color == QColor(DARK.text)
        assert window.settings.value("view/appearance") == "dark"
        assert _stroke_lightness(window) > 150  # the toolbar's icons are drawn light
    finally:
        window.set_appearance("light")
    assert canvas.theme == MAP_LIGHT
    assert canvas.backgroundBrush().color() == QColor(MAP_LIGHT.background)
    assert QApplication.palette().window().color().lightness() > 200
    assert _stroke_lightness(window) < 120
    window.set_appearance("system")
