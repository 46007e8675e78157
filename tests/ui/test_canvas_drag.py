"""Dragging a hub on a large map: a share of its ties follows the pointer, all of them land."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from relmap.core.edits import AddPeople
from relmap.core.ids import PersonId, TieId
from relmap.core.model import Person, Tie
from relmap.document.document import Document
from relmap.ui.canvas_edges import MOVING_DRAWN
from relmap.ui.canvas_gestures import gesture_for
from relmap.ui.main_window import MainWindow

from .conftest import stored

SPOKES = 2_500


def _drawn(layers: object) -> int:
    return sum(len(ends) for ends in layers._ends.values())  # type: ignore[attr-defined]


def test_dragging_a_hub_draws_a_share_of_its_ties_then_all_of_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    db = tmp_path / "star.db"
    document = Document.open(db)
    angle = np.linspace(0, 2 * np.pi, SPOKES, endpoint=False)
    assert document.network.me is not None and document.network.me.id == PersonId(1)
    people = [Person(PersonId(i + 2), f"Contact {i}", x=float(200 * np.cos(a)),
                     y=float(200 * np.sin(a))) for i, a in enumerate(angle)]
    ties = tuple(Tie(TieId(i + 1), PersonId(1), PersonId(i + 2)) for i in range(SPOKES))
    document.push(AddPeople(tuple(people), ties), "Star")
    window = MainWindow(document, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    canvas = window.canvas
    me = canvas.row[PersonId(1)]
    start = canvas.pos[me].copy()
    gesture = gesture_for(canvas, me, Qt.KeyboardModifier.NoModifier, start)
    target = start + np.array([30.0, 10.0])
    gesture.move(target)
    assert _drawn(canvas.edges.moving_many) == MOVING_DRAWN < SPOKES
    gesture.finish(target, None)
    assert _drawn(canvas.edges.moving_many) == 0
    assert _drawn(canvas.edges.layers) == SPOKES
    assert (stored(db).people[PersonId(1)].x, stored(db).people[PersonId(1)].y) == (30.0, 10.0)
    window.close()
    document.close()
