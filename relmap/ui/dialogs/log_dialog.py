"""Log Interaction…: a meeting, call, email, message, event or meal with the selected people,
stored as one undo step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from relmap.core.errors import KnownError
from relmap.core.ids import InteractionId, PersonId
from relmap.core.model import Interaction, InteractionKind
from relmap.core.records import PutRecords
from relmap.document.document import Document


class LogDialog(QDialog):
    """Date (today), kind, summary and how it went; the people are the selection."""

    def __init__(
        self, document: Document, people: frozenset[PersonId], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document, self.people = document, people
        network = document.network
        names = sorted(network.people[p].display_name for p in people)
        self.setWindowTitle("Log Interaction")
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("d MMM yyyy")
        self.kind = QComboBox()
        for kind in InteractionKind:
            self.kind.addItem(kind.value.capitalize(), kind.value)
        self.summary = QLineEdit()
        self.summary.setPlaceholderText("What was it about? (optional)")
        self.quality = QComboBox()
        self.quality.addItem("Not rated", None)
        for level, words in enumerate(("poor", "so-so", "fine", "good", "excellent"), start=1):
            self.quality.addItem(f"{level} · {words}", level)
        who = QLabel(", ".join(names))
        who.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Log")
        form = QFormLayout(self)
        form.addRow("With", who)
        form.addRow("Date", self.on)
        form.addRow("Kind", self.kind)
        form.addRow("Summary", self.summary)
        form.addRow("How it went", self.quality)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.error)
        form.addRow(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.summary.setFocus()

    def interaction(self) -> Interaction:
        """The interaction the fields describe, with a new id."""
        day = self.on.date()
        return Interaction(
            InteractionId(max(self.document.network.interactions, default=0) + 1),
            date(day.year(), day.month(), day.day()),
            InteractionKind(self.kind.currentData()),
            self.summary.text().strip(),
            self.quality.currentData(),
            self.people,
        )

    def accept(self) -> None:
        """Store it (one undo step), then close."""
        record = self.interaction()
        names = sorted(self.document.network.people[p].display_name for p in self.people)
        who = names[0] if len(names) == 1 else f"{len(names)} people"
        try:
            self.document.push(PutRecords((record,)), f"Log a {record.kind.value} with {who}")
        except KnownError as exc:  # not stored: say why and keep what was typed
            self.error.setText(f"Not logged: {exc}")
            self.error.show()
            return
        super().accept()
