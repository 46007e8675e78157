"""The assessment editor: rating keys, clicks and drags, history, notes, many people at once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from relmap.core.edits import Batch, SetAssessment
from relmap.core.errors import ValidationError
from relmap.core.ids import PersonId
from relmap.core.model import AssessmentChange, AssessmentField
from relmap.document.document import Document
from relmap.ui import operations
from relmap.ui.panes.assessment_editor import AssessmentEditor
from relmap.ui.panes.rating_bar import RatingBar
from relmap.ui.ratings import LEVELS, was_text

from .conftest import contact, stored

Q, T = AssessmentField.QUALITY, AssessmentField.TRUST_GIVEN


@pytest.fixture
def editor(qtbot: QtBot, document: Document) -> AssessmentEditor:
    widget = AssessmentEditor(document)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_people(frozenset({contact(document)}))
    return widget


def person(editor: AssessmentEditor) -> PersonId:
    assert len(editor.people) == 1
    return next(iter(editor.people))


def press(bar: RatingBar, key: Qt.Key) -> None:
    bar.setFocus()
    QTest.keyClick(bar, key)


def mouse(bar: RatingBar, kind: QEvent.Type, level: int, held: bool) -> None:
    at = bar.centre_of(level)
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    buttons = Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind, at, bar.mapToGlobal(at), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(bar, event)


def test_keys_one_to_five_rate_and_zero_clears(
    editor: AssessmentEditor, document: Document, demo_db: Path
) -> None:
    pid = person(editor)
    bar = editor.rows[Q].bar
    for key, value in ((Qt.Key.Key_4, 4), (Qt.Key.Key_1, 1), (Qt.Key.Key_0, None)):
        press(bar, key)
        assert stored(demo_db).people[pid].assessment.quality == value
        assert document.network.people[pid].assessment.quality == value
    press(bar, Qt.Key.Key_3)
    press(bar, Qt.Key.Key_Right)
    assert stored(demo_db).people[pid].assessment.quality == 4
    assert editor.rows[Q].meaning.text() == f"4 · {LEVELS[Q][3]}"


def test_keys_beyond_five_change_nothing(
    editor: AssessmentEditor, document: Document, demo_db: Path
) -> None:
    pid = person(editor)
    before = stored(demo_db).people[pid].assessment
    for key in (Qt.Key.Key_6, Qt.Key.Key_9):
        press(editor.rows[T].bar, key)
    assert stored(demo_db).people[pid].assessment == before
    assert document.undo_stack.count() == 0


def test_a_rating_out_of_range_is_refused_and_nothing_stored(
    document: Document, demo_db: Path
) -> None:
    pid = contact(document)
    before = stored(demo_db).people[pid].assessment
    with pytest.raises(ValidationError):
        operations.rate_people(document, {pid}, Q, 7)
    assert stored(demo_db).people[pid].assessment == before
    assert document.network.people[pid].assessment == before


def test_click_sets_and_clicking_the_same_level_clears(
    editor: AssessmentEditor, demo_db: Path
) -> None:
    pid = person(editor)
    bar = editor.rows[AssessmentField.RELEVANCE].bar
    press(bar, Qt.Key.Key_4)
    for expected in (2, None):
        mouse(bar, QEvent.Type.MouseButtonPress, 2, True)
        mouse(bar, QEvent.Type.MouseButtonRelease, 2, False)
        assert stored(demo_db).people[pid].assessment.relevance == expected


def test_a_drag_is_one_change_and_one_history_row(
    editor: AssessmentEditor, document: Document, demo_db: Path
) -> None:
    pid = person(editor)
    document.push(Batch((SetAssessment(pid, Q, 1),)), "start at 1")  # a step of its own
    bar = editor.rows[Q].bar
    mouse(bar, QEvent.Type.MouseButtonPress, 1, True)
    for level in (2, 3, 4):
        mouse(bar, QEvent.Type.MouseMove, level, True)
        assert stored(demo_db).people[pid].assessment.quality == 1  # nothing stored mid-drag
    mouse(bar, QEvent.Type.MouseButtonRelease, 4, False)
    assert stored(demo_db).people[pid].assessment.quality == 4
    assert document.undo_stack.count() == 2
    changes = [h for h in document.history(pid) if h.field == Q]
    assert [(h.old, h.new) for h in changes[-1:]] == [(1, 4)]


def test_the_editor_shows_the_previous_value_and_when(
    editor: AssessmentEditor, document: Document
) -> None:
    pid = person(editor)
    old = document.network.people[pid].assessment.trust_given
    press(editor.rows[T].bar, Qt.Key.Key_5 if old != 5 else Qt.Key.Key_2)
    was = editor.rows[T].was
    assert was.isVisibleTo(editor)
    today = datetime.now()
    assert was.text().startswith(f"was {old if old is not None else 'unrated'}, {today.day} ")
    assert str(today.year) in was.text()


def test_was_text_reads_english_dates() -> None:
    history = [AssessmentChange(PersonId(2), Q, 2, 4, datetime(2026, 3, 14, 10, 0))]
    assert was_text(history, Q) == "was 2, 14 Mar 2026"
    assert was_text(history, T) == ""


def test_notes_are_stored_and_undone_with_the_rating_kept(
    editor: AssessmentEditor, document: Document, demo_db: Path, qtbot: QtBot
) -> None:
    pid = person(editor)
    rating = document.network.people[pid].assessment.quality
    note = editor.rows[Q].note
    note.setFocus()
    QTest.keyClicks(note, "Sits on three boards")
    editor.notes[Q].flush()
    saved = stored(demo_db).people[pid].assessment
    assert saved.quality_note == "Sits on three boards" and saved.quality == rating
    document.undo_stack.undo()
    assert stored(demo_db).people[pid].assessment.quality_note == ""
    assert note.text() == ""


def test_rating_many_people_is_one_undo_step(
    editor: AssessmentEditor, document: Document, demo_db: Path
) -> None:
    people = frozenset(p for p in list(document.network.people)[1:6])
    before = {p: stored(demo_db).people[p].assessment.relevance for p in people}
    editor.show_people(people)
    bar = editor.rows[AssessmentField.RELEVANCE].bar
    press(bar, Qt.Key.Key_5)
    assert {stored(demo_db).people[p].assessment.relevance for p in people} == {5}
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert {p: stored(demo_db).people[p].assessment.relevance for p in people} == before


def test_mixed_ratings_show_as_mixed(editor: AssessmentEditor, document: Document) -> None:
    a, b = list(document.network.people)[1:3]
    document.push(SetAssessment(a, Q, 2), "a")
    document.push(SetAssessment(b, Q, 5), "b")
    editor.show_people(frozenset({a, b}))
    row = editor.rows[Q]
    assert row.bar.mixed and row.bar.value is None
    assert "Mixed" in row.meaning.text()
    assert not row.note.isEnabled()
    document.push(SetAssessment(a, Q, 5), "same")
    assert not row.bar.mixed and row.bar.value == 5
    assert row.note.placeholderText() == "Notes are kept per person"
    editor.show_people(frozenset({a}))  # back to one person: their note, no hint
    assert row.note.isEnabled() and row.note.placeholderText() == ""


def test_hovering_a_level_explains_it(editor: AssessmentEditor) -> None:
    row = editor.rows[T]
    QTest.mouseMove(row.bar, QPoint(int(row.bar.centre_of(3).x()), 5))
    mouse(row.bar, QEvent.Type.MouseMove, 3, False)
    assert row.meaning.text() == f"3 · {LEVELS[T][2]}"
    assert isinstance(row.bar.centre_of(3), QPointF)
