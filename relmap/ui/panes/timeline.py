"""A person's contact history in the person pane: their cadence and where it comes from,
whether they are due, the give/receive balance, and every interaction and exchange, newest
first. Double-click or Enter edits an entry, Delete removes it; each change is one undo step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relmap.analysis.upkeep import Status, balance, balance_words, last_contact, standing
from relmap.core.dates import short_date
from relmap.core.errors import KnownError
from relmap.core.i18n import named, tr
from relmap.core.ids import PersonId
from relmap.core.model import RecordKind
from relmap.core.network import RecordKey
from relmap.core.records import DeleteRecords
from relmap.document.document import Document
from relmap.ui.dialogs.log_dialog import ExchangeDialog, LogDialog

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
        self.entries.setAccessibleName(tr("Contact history"))
        self.entries.setToolTip(tr("Double-click to edit, Delete to remove"))
        self.entries.itemActivated.connect(self.edit_current)
        self.exchange_button = QPushButton(tr("Record exchange…"))
        self.exchange_button.setToolTip(tr("Something given to or received from them"))
        self.exchange_button.clicked.connect(self._on_exchange_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.entries)
        row = QHBoxLayout()
        row.addWidget(self.exchange_button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_person(self, person: PersonId | None) -> None:
        self.person = person
        self.entries.clear()
        if person is None:
            return
        network, day = self.document.network, date.today()
        self.summary.setText(self._summary(person, day))
        rows: list[tuple[date, str, RecordKey]] = []
        for i in network.interactions_of(person):
            rating = tr(" · went {quality}/5").format(quality=i.quality) if i.quality else ""
            about = f": {i.summary}" if i.summary else ""
            others = sorted(network.people[p].display_name for p in i.participants - {person})
            also = (
                tr(" with {join}").format(join=", ".join(others))
                if 0 < len(others) <= 2
                else (
                    tr(" with {n_others} others").format(n_others=len(others)) if others else ""
                )
            )
            rows.append((i.on, f"{short_date(i.on)} · {named(i.kind)}{also}{about}{rating}",
                         (RecordKind.INTERACTION, int(i.id))))
        for e in network.exchanges_of(person):
            way = tr("gave") if e.gave else tr("received")
            worth = tr(" · worth {value}/5").format(value=e.value) if e.value else ""
            note = f": {e.note}" if e.note else ""
            rows.append((e.on, f"{short_date(e.on)} · {way} {named(e.kind)}{note}{worth}",
                         (RecordKind.EXCHANGE, int(e.id))))
        for _, text, key in sorted(rows, key=lambda r: (r[0], r[2][1]), reverse=True):
            item = QListWidgetItem(text)
            item.setData(KEY_ROLE, key)
            self.entries.addItem(item)

    def _summary(self, person: PersonId, day: date) -> str:
        network = self.document.network
        met = last_contact(network).get(person)
        lines = [
            tr("Never logged a contact.")
            if met is None
            else tr("Last contact {short_date}, {days} days ago.").format(
                short_date=short_date(met), days=(day - met).days
            )
        ]
        s = standing(network, person, today=day)
        if s is None:
            lines.append(tr("No stay-in-touch cadence: never reminded."))
        else:
            c, until = s.cadence, network.people[person].snoozed_until
            if s.status is Status.SNOOZED and until is not None:
                state = tr("snoozed until {short_date}.").format(short_date=short_date(until))
            elif s.status is Status.OK:
                state = tr("on time, {value} days left.").format(value=-s.late)
            else:
                state = tr("{value}, {late} days past the ideal.").format(
                    value=named(s.status), late=s.late
                )
            lines.append(
                tr("Every {ideal} days, at most {maximum} ({source}): {state}").format(
                    ideal=c.ideal, maximum=c.maximum, source=c.source, state=state
                )
            )
        given = balance(network, person, today=day)
        if given is not None:
            lines.append(
                tr("Given and received: {balance_words} ({balance:+.1f}).").format(
                    balance_words=balance_words(given), balance=given
                )
            )
        return " ".join(lines)

    def edit_current(self) -> None:
        """Open the chosen entry in its dialog; saving it is one undo step."""
        item = self.entries.currentItem()
        if item is None:
            return
        kind, rid = item.data(KEY_ROLE)
        network = self.document.network
        if RecordKind(kind) is RecordKind.INTERACTION:
            LogDialog(self.document, frozenset(), self, record=network.interactions[rid]).exec()
        else:
            ExchangeDialog(self.document, network.exchanges[rid].person, self,
                           record=network.exchanges[rid]).exec()

    def delete_current(self) -> None:
        """Delete the chosen entry, as one undo step."""
        item = self.entries.currentItem()
        if item is None:
            return
        kind, rid = item.data(KEY_ROLE)
        try:
            self.document.push(
                DeleteRecords(((RecordKind(kind), int(rid)),)),
                tr("Delete a {value}").format(value=named(RecordKind(kind))),
            )
        except KnownError as exc:
            self.summary.setText(tr("Not deleted: {exc}").format(exc=exc))

    def _on_exchange_clicked(self) -> None:
        if self.person is not None:
            ExchangeDialog(self.document, self.person, self).exec()


class _Entries(QListWidget):
    def __init__(self, timeline: Timeline) -> None:
        super().__init__(timeline)
        self.timeline = timeline

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.timeline.delete_current()
        else:
            super().keyPressEvent(event)
