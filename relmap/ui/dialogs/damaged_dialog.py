"""The map could not be read: say what happened, where the damaged file is kept, and offer
the newest valid backup or what could still be read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from relmap.store.damage import DamagedMapError, backup_day, salvage_words


def ask_what_to_open(damage: DamagedMapError, parent: QWidget | None = None) -> Path | None:
    """The file the user chose to open in place of the damaged map; None: quit."""
    box = damaged_box(damage, parent)
    box.exec()
    return box.clickedButton().property("path") or None


def damaged_box(damage: DamagedMapError, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, "relmap: the map could not be read",
                      f"Your map {damage.db.name} could not be read: {damage.problem}.",
                      QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(
        f"The damaged file is kept, untouched, as {damage.aside.name} in {damage.db.parent}. "
        "Choose what to open in its place; the file you choose is copied, not moved.")
    box.setDetailedText(str(damage))
    if damage.backup is not None:
        button = box.addButton(f"Open the Backup of {backup_day(damage.backup)}",
                               QMessageBox.ButtonRole.AcceptRole)
        button.setProperty("path", str(damage.backup))
        button.setToolTip(str(damage.backup))
        box.setDefaultButton(button)
    if damage.salvage is not None:
        button = box.addButton(f"Open What Could Be Read ({salvage_words(damage.salvage)})",
                               QMessageBox.ButtonRole.AcceptRole)
        button.setProperty("path", str(damage.salvage.path))
        button.setToolTip(str(damage.salvage.path))
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    return box
