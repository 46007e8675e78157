"""Choosing a person by typing: a suggestion chosen with the keyboard is the answer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from relmap.document.document import Document
from relmap.ui.panes.person_picker import PickPersonDialog

from .conftest import contact


def test_one_enter_on_a_suggestion_picks_it_and_clears_the_refusal(
    qtbot: QtBot, document: Document
) -> None:
    pid = contact(document)
    name = document.network.people[pid].display_name
    dialog = PickPersonDialog(document.network, title="Connect", prompt="Connect to:")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    picker = dialog.picker
    picker.setFocus()
    QTest.keyClicks(picker, name[:-1])  # not quite a name yet
    QTest.keyClick(picker, Qt.Key.Key_Return)
    assert dialog.message.text().startswith("nobody called")
    assert dialog.result() != QDialog.DialogCode.Accepted
    QTest.keyClicks(picker, name[-1])
    popup = picker.completer().popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)  # one Enter on the suggestion
    assert picker.person == pid and dialog.message.text() == ""
    assert dialog.result() == QDialog.DialogCode.Accepted
