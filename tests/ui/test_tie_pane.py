"""The tie pane: model → widgets, widgets → database, several ties per pair, undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from relmap.core.edits import UpdateTie
from relmap.core.ids import TieId
from relmap.core.model import TieKind
from relmap.document.document import Document
from relmap.ui import operations
from relmap.ui.panes.tie_pane import TiePane
from relmap.ui.selection import Selection

from .conftest import stored


@pytest.fixture
def pane(qtbot: QtBot, document: Document, selection: Selection) -> TiePane:
    widget = TiePane(document, selection)
    qtbot.addWidget(widget)
    widget.show()
    selection.set_tie(next(iter(document.network.ties)))
    return widget


def tie(pane: TiePane) -> TieId:
    assert pane.tie is not None
    return pane.tie


def test_pane_shows_the_tie_and_follows_the_model(pane: TiePane, document: Document) -> None:
    t = document.network.ties[tie(pane)]
    names = [document.network.people[p].display_name for p in (t.a, t.b)]
    assert all(n in pane.title.text() for n in names)
    assert pane.kind.currentText() == t.kind.value
    assert pane.strength.value == t.strength
    document.push(UpdateTie(t.id, {"strength": 5, "kind": TieKind.FAMILY}), "edit")
    assert pane.strength.value == 5 and pane.kind.currentText() == "family"
    assert pane.strength_text.text() == "Very close"


def test_kind_strength_direction_and_date_are_stored(
    pane: TiePane, document: Document, demo_db: Path
) -> None:
    tid = tie(pane)
    pane.kind.setCurrentText("mentor-of")
    pane.strength.setFocus()
    QTest.keyClick(pane.strength, Qt.Key.Key_2)
    pane.directed.setChecked(True)
    pane.since_known.setChecked(True)
    pane.since.setDate(QDate(2019, 5, 4))
    pane.since.editingFinished.emit()
    t = stored(demo_db).ties[tid]
    assert (t.kind, t.strength, t.directed, t.since) == (
        TieKind.MENTOR_OF,
        2,
        True,
        date(2019, 5, 4),
    )
    a, b = t.a, t.b
    pane.reverse.click()
    assert (stored(demo_db).ties[tid].a, stored(demo_db).ties[tid].b) == (b, a)
    assert "→" in pane.title.text()


def test_strength_cannot_be_cleared(pane: TiePane, document: Document, demo_db: Path) -> None:
    before = stored(demo_db).ties[tie(pane)].strength
    pane.strength.setFocus()
    QTest.keyClick(pane.strength, Qt.Key.Key_0)
    assert stored(demo_db).ties[tie(pane)].strength == before
    assert document.undo_stack.count() == 0


def test_notes_commit_and_undo(pane: TiePane, document: Document, demo_db: Path) -> None:
    tid = tie(pane)
    before = stored(demo_db).ties[tid].notes
    pane.notes.widget.setFocus()
    QTest.keyClicks(pane.notes.widget, "Met at the 2019 summit")
    pane.notes.flush()
    assert stored(demo_db).ties[tid].notes == "Met at the 2019 summit"
    document.undo_stack.undo()
    assert stored(demo_db).ties[tid].notes == before


def test_a_second_tie_between_the_same_people_is_listed(
    pane: TiePane, document: Document, selection: Selection
) -> None:
    t = document.network.ties[tie(pane)]
    second = operations.connect(document, t.a, t.b, kind=TieKind.FRIEND)
    assert pane.siblings.count() == 1 and "friend" in pane.siblings.item(0).text()
    pane.siblings.itemClicked.emit(pane.siblings.item(0))
    assert selection.tie == second and pane.tie == second


def test_delete_and_undo(pane: TiePane, document: Document, demo_db: Path) -> None:
    tid = tie(pane)
    pane.delete.click()
    assert tid not in stored(demo_db).ties
    assert pane.tie is None and pane.placeholder.isVisibleTo(pane)
    document.undo_stack.undo()
    assert tid in stored(demo_db).ties
