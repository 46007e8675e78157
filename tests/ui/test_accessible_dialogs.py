"""Every dialog's fields have names a screen reader can say."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from relmap.core.ids import PersonId
from relmap.core.merge import Clash, ConflictError
from relmap.core.network import PERSON
from relmap.document.document import Document
from relmap.ui.dialogs.cadence_dialog import CadenceDialog
from relmap.ui.dialogs.conflict_dialog import ConflictDialog, RecentChangesDialog
from relmap.ui.dialogs.export_dialog import ExportDialog
from relmap.ui.dialogs.goal_dialog import GoalDialog
from relmap.ui.dialogs.import_dialog import ImportDialog
from relmap.ui.dialogs.intro_dialog import IntroDialog
from relmap.ui.dialogs.log_dialog import ExchangeDialog, LogDialog
from relmap.ui.dialogs.pack_dialog import PackDialog
from relmap.ui.dialogs.sessions_dialog import SessionsDialog
from relmap.ui.dialogs.sphere_manager import SphereManager
from relmap.ui.panes.person_picker import PickPersonDialog

from .conftest import unnamed_widgets

pytestmark = pytest.mark.jobs  # the import dialog reads files in the background

DIALOGS: dict[str, Callable[[Document, QSettings], QWidget]] = {
    "export": lambda d, s: ExportDialog(d, s, selection=frozenset()),
    "pack": lambda d, s: PackDialog(d, s),
    "sessions": lambda d, s: SessionsDialog(d),
    "import": lambda d, s: ImportDialog(d),
    "cadences": lambda d, s: CadenceDialog(d),
    "spheres": lambda d, s: SphereManager(d),
    "goal": lambda d, s: GoalDialog(d),
    "interaction": lambda d, s: LogDialog(d, frozenset({_someone(d)})),
    "exchange": lambda d, s: ExchangeDialog(d, _someone(d)),
    "introduction": lambda d, s: IntroDialog(d),
    "pick a person": lambda d, s: PickPersonDialog(d.network, title="Connect", prompt="To:"),
    "clash": lambda d, s: ConflictDialog(_clash(d)),
    "recent changes": lambda d, s: RecentChangesDialog(d.repository.recent_changes(), "me"),
}


def _someone(document: Document) -> PersonId:
    return next(p.id for p in document.network.people.values() if not p.is_me)


def _clash(document: Document) -> ConflictError:
    """A clash over a title and a deletion, as another window would cause them."""
    person = document.network.people[_someone(document)]
    theirs = replace(person, title="Countess")
    title = Clash("title", person.title, "Analyst", "Countess")
    return ConflictError({(PERSON, person.id): theirs, (PERSON, 0): None},
                         [((PERSON, person.id), title),
                          ((PERSON, 0), Clash("", person, person, None))],
                         {(PERSON, person.id): theirs, (PERSON, 0): None}, {}, {})


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_field_of_the_dialog_has_a_name(
    name: str, qtbot: QtBot, document: Document, tmp_path: object
) -> None:
    settings = QSettings(str(tmp_path) + "/s.ini", QSettings.Format.IniFormat)
    dialog = DIALOGS[name](document, settings)
    qtbot.addWidget(dialog)
    assert unnamed_widgets(dialog) == []
    if isinstance(dialog, QDialog):
        dialog.reject()
