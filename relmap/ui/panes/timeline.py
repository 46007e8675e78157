"""A person's contact history in the person pane: when we last met, whether that is within the
cadence, and every interaction and exchange, newest first; Delete removes one (undoable)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from relmap.analysis.upkeep import last_contact
from relmap.core.dates import short_date
from relmap.core.errors import KnownError
from relmap.core.ids import PersonId
from relmap.core.model import RecordKind
from relmap.core.network import RecordKey
from relmap.core.records import DeleteRecords
from relmap.document.document import Document

KEY_ROLE = Qt.ItemDataRole.UserRole


class Timeline(QWidget):
    """Shows one person's interactions and exchanges; the Document stays the only writer."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.person: PersonId | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.entries = _Entries(self)
        self.entries.setWordWrap(True)
        self.entries.setMaximumHeight(160)
        self.entries.setAccessibleName("Contact history")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.entries)

    def show_person(self, person: PersonId | None, *, today: date | None = None) -> None:
        self.person = person
        self.entries.clear()
        if person is None:
            return
        network, day = self.document.network, today or date.today()
        who = network.people[person]
        met = last_contact(network).get(person)
        line = "Never logged a contact." if met is None else (
            f"Last contact {short_date(met)}, {(day - met).days} days ago.")
        if who.cadence_days is not None:
            late = (day - (met or who.created.date())).days - who.cadence_days
            line += f" You meant every {who.cadence_days} days" + (
                f": {late} days overdue." if late > 0 else ", and are on time.")
        self.summary.setText(line)
        rows: list[tuple[date, str, RecordKey]] = []
        for i in network.interactions.values():
            if person in i.participants:
                rating = f" · went {i.quality}/5" if i.quality else ""
                about = f": {i.summary}" if i.summary else ""
                rows.append((i.on, f"{short_date(i.on)} · {i.kind.value}{about}{rating}",
                             (RecordKind.INTERACTION, int(i.id))))
        for e in network.exchanges.values():
            if e.person == person:
                way = "gave" if e.gave else "received"
                note = f": {e.note}" if e.note else ""
                rows.append((e.on, f"{short_date(e.on)} · {way} {e.kind.value}{note}",
                             (RecordKind.EXCHANGE, int(e.id))))
        for _, text, key in sorted(rows, key=lambda r: (r[0], r[2][1]), reverse=True):
            item = QListWidgetItem(text)
            item.setData(KEY_ROLE, key)
            self.entries.addItem(item)

    def delete_current(self) -> None:
        """Delete the chosen entry, as one undo step."""
        item = self.entries.currentItem()
        if item is None:
            return
        kind, rid = item.data(KEY_ROLE)
        try:
            self.document.push(DeleteRecords(((RecordKind(kind), int(rid)),)),
                               f"Delete a {RecordKind(kind).value}")
        except KnownError as exc:
            self.summary.setText(f"Not deleted: {exc}")


class _Entries(QListWidget):
    def __init__(self, timeline: Timeline) -> None:
        super().__init__(timeline)
        self.timeline = timeline

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.timeline.delete_current()
        else:
            super().keyPressEvent(event)
