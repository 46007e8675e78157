"""Choosing a person by typing: a suggestion chosen with the keyboard is the answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from relmap.document.document import Document
from relmap.ui.panes.person_picker import PickPersonDialog, entry

from .conftest import contact


@pytest.fixture
def dialog(qtbot: QtBot, document: Document) -> PickPersonDialog:
    """The dialog shown, its field taking the keys."""
    shown = PickPersonDialog(document.network, title="Connect", prompt="Connect to:")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.picker.setFocus()
    return shown


def test_one_enter_on_a_suggestion_picks_it_and_clears_the_refusal(
    qtbot: QtBot, document: Document, dialog: PickPersonDialog
) -> None:
    pid = contact(document)
    name = document.network.people[pid].display_name
    picker = dialog.picker
    QTest.keyClicks(picker, name[:-1] + "q")  # not a name
    QTest.keyClick(picker, Qt.Key.Key_Return)
    assert dialog.message.text().startswith("nobody called")
    assert dialog.result() != QDialog.DialogCode.Accepted
    QTest.keyClick(picker, Qt.Key.Key_Backspace)
    QTest.keyClicks(picker, name[-1])
    popup = picker.completer().popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)  # one Enter on the suggestion
    assert picker.person == pid and dialog.message.text() == ""
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_enter_on_a_part_of_one_name_picks_them_and_on_a_part_of_several_asks_which(
    document: Document, dialog: PickPersonDialog
) -> None:
    pid = contact(document)
    person = document.network.people[pid]
    picker = dialog.picker
    shared = next(c for c in "aeiou" if sum(c in p.display_name.casefold()
                                            for p in document.network.people.values()) > 1)
    assert not picker.pick(shared)  # in several names
    assert "pick one of the suggestions" in dialog.message.text()
    assert picker.person is None
    alone = person.display_name[:-1].upper()  # part of theirs alone, in other letters
    assert [p for p in document.network.people.values()
            if alone.casefold() in entry(p).casefold()] == [person]
    QTest.keyClicks(picker, alone)
    QTest.keyClick(picker, Qt.Key.Key_Return)
    assert picker.person == pid and dialog.message.text() == ""
    assert picker.text() == entry(person)
    assert dialog.result() == QDialog.DialogCode.Accepted  # one Enter is the answer
