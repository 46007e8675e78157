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
    finally:
        window.set_appearance("light")
    assert canvas.theme == MAP_LIGHT
    assert canvas.backgroundBrush().color() == QColor(MAP_LIGHT.background)
    assert QApplication.palette().window().color().lightness() > 200
    window.set_appearance("system")
