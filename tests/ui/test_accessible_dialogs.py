"""Every dialog's fields have names a screen reader can say."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from relmap.document.document import Document
from relmap.ui.dialogs.cadence_dialog import CadenceDialog
from relmap.ui.dialogs.export_dialog import ExportDialog
from relmap.ui.dialogs.import_dialog import ImportDialog
from relmap.ui.dialogs.pack_dialog import PackDialog
from relmap.ui.dialogs.sessions_dialog import SessionsDialog
from relmap.ui.dialogs.sphere_manager import SphereManager

from .conftest import unnamed_widgets

pytestmark = pytest.mark.jobs  # the import dialog reads files in the background

DIALOGS: dict[str, Callable[[Document, QSettings], QWidget]] = {
    "export": lambda d, s: ExportDialog(d, s, selection=frozenset()),
    "pack": lambda d, s: PackDialog(d, s),
    "sessions": lambda d, s: SessionsDialog(d),
    "import": lambda d, s: ImportDialog(d),
    "cadences": lambda d, s: CadenceDialog(d),
    "spheres": lambda d, s: SphereManager(d),
}


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
