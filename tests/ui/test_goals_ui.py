"""Goals in the Insight dock: made, edited and deleted in one undo step each, with their gaps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from relmap.ui.dialogs.goal_dialog import GoalDialog
from relmap.ui.main_window import MainWindow

from .conftest import stored


def _dialog() -> GoalDialog:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, GoalDialog)
    return dialog


def _texts(window: MainWindow) -> list[str]:
    goals = window.insight.goals.list
    return [goals.item(i).text() for i in range(goals.count())]


def _shown(qtbot: QtBot, window: MainWindow, wanted: Callable[[list[str]], bool]) -> None:
    """Wait until the Insight job has measured the map and the goals show ``wanted``."""
    qtbot.waitUntil(lambda: wanted(_texts(window)), timeout=20_000)


def test_a_goal_is_made_shown_with_its_gaps_edited_and_deleted(
    window: MainWindow, qtbot: QtBot, demo_db: Path
) -> None:
    goals = window.insight.goals
    network = window.document.network
    _shown(qtbot, window, lambda texts: len(texts) == 2)  # the demo map's goals
    assert "⚠ Press & Media: nobody on your map yet" in _texts(window)[1]
    assert "Raise a seed round" in goals.list.item(0).text()
    target = next(p for p in network.people.values() if not p.is_me)

    def fill() -> None:
        dialog = _dialog()
        dialog.title.setText("Win the city contract")
        dialog.kind.setCurrentIndex(dialog.kind.findData("better known"))
        for i in range(dialog.spheres.count()):
            if dialog.spheres.item(i).text() == "Chamber of Commerce":
                dialog.spheres.item(i).setCheckState(Qt.CheckState.Checked)
        dialog.picker.pick(target.display_name)
        assert dialog.people.count() == 1
        dialog.accept()

    QTimer.singleShot(0, fill)
    goals.new_goal()
    _shown(qtbot, window, lambda texts: any("Win the city contract" in t for t in texts))
    made = next(g for g in stored(demo_db).goals.values() if g.title == "Win the city contract")
    assert made.kind.value == "better known" and made.people == {target.id}
    assert [network.spheres[s].name for s in made.spheres] == ["Chamber of Commerce"]
    assert window.document.undo_stack.undoText() == "Add the goal 'Win the city contract'"
    row = next(i for i in range(goals.list.count())
               if "Win the city contract" in goals.list.item(i).text())
    assert "Chamber of Commerce: " in goals.list.item(row).text()
    goals.list.setCurrentRow(row)

    def edit() -> None:
        dialog = _dialog()
        assert dialog.title.text() == "Win the city contract"
        dialog.title.setText("")
        dialog.accept()
        assert "a goal needs a title" in dialog.error.text()  # refused, nothing stored
        dialog.title.setText("Win the city tender")
        dialog.accept()

    QTimer.singleShot(0, edit)
    goals.edit_current()
    _shown(qtbot, window, lambda texts: any("city tender" in t for t in texts))
    assert stored(demo_db).goals[made.id].title == "Win the city tender"
    goals.list.setCurrentRow(next(i for i in range(goals.list.count())
                                  if "city tender" in goals.list.item(i).text()))
    goals.delete_current()
    _shown(qtbot, window, lambda texts: len(texts) == 2)
    assert made.id not in stored(demo_db).goals
    window.document.undo_stack.undo()
    _shown(qtbot, window, lambda texts: len(texts) == 3)
    assert stored(demo_db).goals[made.id].title == "Win the city tender"
