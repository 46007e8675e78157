"""Saved views: filter, focus, decoration and viewport saved by name in the database, restored
in one click after a restart, and usable as the scope of an export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from relmap import style
from relmap.analysis.filters import Condition, Field, filtered
from relmap.analysis.views import view_people
from relmap.app import main
from relmap.core.model import AssessmentField
from relmap.document.document import Document
from relmap.ui.main_window import MainWindow

from .conftest import stored


def test_a_view_is_saved_restored_after_a_restart_and_exported(
    window: MainWindow, qtbot: QtBot, demo_db: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    network = window.document.network
    investors = next(s for s in network.spheres.values() if s.name == "Investors")
    conditions = [Condition(Field.SPHERE, (str(investors.id),)),
                  Condition(Field.TRUST_GIVEN, low=3)]
    for condition in conditions:
        window.filter_bar.add(condition)
    window.filter_bar.hide_rest.setChecked(True)
    window.set_decoration("colour_by", AssessmentField.RELEVANCE)
    window.set_decoration("outline_by", style.Upkeep.CADENCE)
    saved = window.views_menu.save("Investors I trust")
    assert saved is not None
    assert window.document.undo_stack.undoText() == "Save the view “Investors I trust”"
    assert stored(demo_db).views[saved.id] == saved

    window.filter_bar.clear()  # look elsewhere, then come back in one click
    window.set_decoration("colour_by", None)
    window.set_decoration("outline_by", None)
    document = Document.open(demo_db)  # a restart: a new window on the stored map
    second = MainWindow(document, QSettings(str(tmp_path / "other.ini"),
                                            QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    second.show()
    menu = second.views_menu
    menu.rebuild()
    restore = next(a for a in menu.actions() if a.text() == "Investors I trust")
    restore.trigger()
    assert second.filter_bar.conditions == conditions
    assert second.filter_bar.hide_rest.isChecked()
    assert second.decoration.colour_by is AssessmentField.RELEVANCE
    assert second.decoration.outline_by is style.Upkeep.CADENCE
    checked = [a.text() for a in second.commands.decoration["colour_by"].actions()
               if a.isChecked()]
    assert checked == ["Relevance"]
    expected = filtered(document.network, conditions, today=date.today())
    me = document.network.me
    assert expected is not None and me is not None
    assert second.canvas.filtered == expected
    assert view_people(document.network, saved, today=date.today()) == expected | {me.id}
    document.close()

    out = tmp_path / "view.svg"
    assert main(["export", "svg", str(out), "--db", str(demo_db), "--view",
                 "investors i trust"]) == 0
    assert f"wrote a map of {len(expected) + 1} people" in capsys.readouterr().out
    assert "View: Investors I trust" in out.read_text("utf-8")
    assert main(["export", "svg", str(out), "--db", str(demo_db), "--view", "Nope"]) == 1
    assert ("no view called 'Nope' (views: Investors, Investors I trust, The whole network, "
            "Who carries weight)") in capsys.readouterr().err
