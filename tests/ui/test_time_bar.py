"""The time machine's bar under the map: a day, the map as it was then, and back to today."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from relmap.analysis.then_now import as_of
from relmap.analysis.upkeep import standings
from relmap.style import CADENCE_RINGS, Upkeep
from relmap.ui.main_window import MainWindow


def test_the_map_as_of_a_day_draws_its_people_ties_ratings_and_rings_of_then(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.set_decoration("outline_by", Upkeep.CADENCE)
    window.then_now_dock.raise_()
    QApplication.processEvents()
    canvas, bar, pane = window.canvas, window.time_bar, window.then_now
    assert bar.isHidden()
    window.commands.as_of.trigger()  # Ctrl+T, or As Of on the toolbar
    day = pane.day()  # the last mentor session
    assert bar.shown_day() == day and pane.map.currentData() == "as of"
    network = window.document.network
    then = as_of(network, window.document.history(), day)
    assert canvas.as_of is not None and canvas.as_of_day == day
    assert canvas.as_of.people.keys() == then.people.keys() < network.people.keys()
    assert [p for p in canvas.ids if canvas.shown[canvas.row[p]]] == [
        p for p in canvas.ids if p in then.people]
    assert set(canvas.edges.tie_ids) == set(then.ties)
    # The stay-in-touch rings are those of that day: someone overdue now was not all along.
    rings_then, rings_now = standings(then, today=day), standings(network, today=date.today())
    changed = next(p for p, s in rings_then.items()
                   if p in rings_now and rings_now[p].status != s.status)
    pen = canvas.pens[canvas.row[changed]]
    assert pen.color() == QColor(CADENCE_RINGS[rings_then[changed].status.value])
    assert bar.counts.text().startswith(f"{len(then.people) - 1:,} people and ")

    bar.slider.setValue(bar.slider.minimum())  # dragged back to the map's first day
    first = date.today() + timedelta(days=bar.slider.minimum())
    qtbot.waitUntil(lambda: canvas.as_of_day == first)
    assert pane.day() == first and bar.shown_day() == first
    assert len(canvas.as_of.people) < len(then.people)

    bar.close_button.click()  # Back to Today
    assert canvas.as_of is None and canvas.as_of_day is None and bar.isHidden()
    assert not window.commands.as_of.isChecked() and pane.map.currentData() == ""
    assert all(canvas.shown)


def test_adding_someone_while_looking_back_returns_to_today_to_show_them(
    window: MainWindow,
) -> None:
    window.commands.as_of.trigger()
    assert window.canvas.as_of is not None
    window.add_person()
    added = max(window.document.network.people)
    assert window.time_bar.isHidden() and window.canvas.as_of is None
    assert window.canvas.shown[window.canvas.row[added]]
    assert "back to today's map" in window.statusBar().currentMessage()
