"""The map could not be read: say what happened, where the damaged file is kept, and offer
the newest valid backup or what could still be read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from relmap.core.i18n import tr
from relmap.store.damage import DamagedMapError, backup_day, salvage_words


def ask_what_to_open(damage: DamagedMapError, parent: QWidget | None = None) -> Path | None:
    """The file the user chose to open in place of the damaged map; None: quit."""
    box = damaged_box(damage, parent)
    box.exec()
    return box.clickedButton().property("path") or None


def damaged_box(damage: DamagedMapError, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("relmap: the map could not be read"),
        tr("Your map {name} could not be read: {problem}.").format(
            name=damage.db.name, problem=damage.problem
        ),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    lines = [
        tr("The damaged file is kept, untouched, as {name} in {parent}.").format(
            name=damage.aside.name, parent=damage.db.parent
        ),
        "",
    ]
    if damage.backup is not None:
        lines.append(
            tr("• The newest valid backup is from {backup_day}.").format(
                backup_day=backup_day(damage.backup)
            )
        )
    else:
        lines.append(tr("• There is no valid backup."))
    if damage.salvage is not None:
        lines.append(
            tr("• What could still be read: {salvage_words}.").format(
                salvage_words=salvage_words(damage.salvage)
            )
        )
    lines += ["", tr("What you open is copied into place; nothing is overwritten.")]
    box.setInformativeText("\n".join(lines))
    box.setDetailedText(str(damage))
    box.setStyleSheet("QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel "
                      "{ min-width: 460px; }")
    for text, path in ((tr("Open the Backup"), damage.backup),
                       (tr("Open What Could Be Read"), damage.salvage and damage.salvage.path)):
        if path is not None:
            button = box.addButton(text, QMessageBox.ButtonRole.AcceptRole)
            button.setProperty("path", str(path))
            button.setToolTip(str(path))
            if box.defaultButton() is None:
                box.setDefaultButton(button)
    box.addButton(tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    return box
