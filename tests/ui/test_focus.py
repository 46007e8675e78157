"""Focus on a person: their neighbourhood stays, the rest fades; + and − change the steps."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from relmap.analysis.graph import graph_view
from relmap.core.edits import AddTies
from relmap.core.ids import TieId
from relmap.core.model import Tie
from relmap.ui.main_window import MainWindow


def test_focus_steps_and_leaving(window: MainWindow, qtbot: QtBot) -> None:
    network, canvas = window.document.network, window.canvas
    person = next(p for p in network.people.values() if not p.is_me)
    window.selection.set_people(frozenset({person.id}))
    QTest.keyClick(canvas, Qt.Key.Key_F)
    view = graph_view(network)
    assert canvas.spotlight == view.within(person.id, 1)
    assert int((~canvas.faded).sum()) == len(view.within(person.id, 1))
    assert f"Focus on {person.display_name}, 1 step out" in window.statusBar().currentMessage()
    QTest.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.spotlight == view.within(person.id, 2)
    assert "2 steps out" in window.statusBar().currentMessage()
    zoom = canvas.view.viewRect()
    QTest.keyClick(canvas, Qt.Key.Key_Minus)
    QTest.keyClick(canvas, Qt.Key.Key_Minus)  # never below one step
    assert canvas.spotlight == view.within(person.id, 1)
    assert canvas.view.viewRect() == zoom  # while focused, +/- change steps, not the zoom
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.spotlight == frozenset() and not np.any(canvas.faded)
    assert window.selection.people == {person.id}  # the first Esc leaves the focus only
    assert "people" in window.statusBar().currentMessage()


def test_a_new_tie_widens_the_focus(window: MainWindow, qtbot: QtBot) -> None:
    network, canvas = window.document.network, window.canvas
    view = graph_view(network)
    person = next(p for p in network.people.values() if not p.is_me)
    outsider = next(p for p in network.people if p not in view.within(person.id, 1))
    window.selection.set_people(frozenset({person.id}))
    window.commands.focus.trigger()
    assert outsider not in canvas.spotlight
    window.document.push(AddTies((Tie(TieId(99_999), person.id, outsider),)), "Connect")
    assert outsider in canvas.spotlight
