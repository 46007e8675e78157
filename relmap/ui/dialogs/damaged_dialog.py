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
    lines = [f"The damaged file is kept, untouched, as {damage.aside.name} in "
             f"{damage.db.parent}.", ""]
    if damage.backup is not None:
        lines.append(f"• The newest valid backup is from {backup_day(damage.backup)}.")
    else:
        lines.append("• There is no valid backup.")
    if damage.salvage is not None:
        lines.append(f"• What could still be read: {salvage_words(damage.salvage)}.")
    lines += ["", "What you open is copied into place; nothing is overwritten."]
    box.setInformativeText("\n".join(lines))
    box.setDetailedText(str(damage))
    box.setStyleSheet("QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel "
                      "{ min-width: 460px; }")
    for text, path in (("Open the Backup", damage.backup),
                       ("Open What Could Be Read", damage.salvage and damage.salvage.path)):
        if path is not None:
            button = box.addButton(text, QMessageBox.ButtonRole.AcceptRole)
            button.setProperty("path", str(path))
            button.setToolTip(str(path))
            if box.defaultButton() is None:
                box.setDefaultButton(button)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    return box
