"""Modal dialogs and questions that give the keys back to their window when they close."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


def run(dialog: QDialog) -> int:
    """Show a modal dialog; it is released once closed (until then its answers can be read).

    Its window is made the active one again after it, so that keys go where they went before
    (Ctrl+Z to the map): without a window manager to do so, the keys after a dialog went
    nowhere."""
    result = dialog.exec()
    dialog.deleteLater()
    if (parent := dialog.parentWidget()) is not None:
        parent.window().activateWindow()
    return result


def ask(parent: QWidget, title: str, question: str) -> bool:
    """Yes or no, asked in a modal message box (:func:`run`)."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = run(QMessageBox(QMessageBox.Icon.Question, title, question, buttons, parent))
    return answer == QMessageBox.StandardButton.Yes


def warn(parent: QWidget, title: str, message: str) -> None:
    """A warning, in a modal message box (:func:`run`)."""
    run(QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                    parent))
