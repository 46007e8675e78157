"""Log Interaction… and Record Exchange…: a contact with the selected people, or something
given to or received from one person; new or edited, each stored as one undo step."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from relmap.core.errors import KnownError
from relmap.core.i18n import named, tr
from relmap.core.ids import ExchangeId, PersonId
from relmap.core.model import (
    Exchange,
    ExchangeKind,
    Interaction,
    InteractionKind,
    RecordKind,
)
from relmap.core.records import PutRecords
from relmap.core.words import capital
from relmap.document.document import Document
from relmap.ui.dates import date_edit, day_of, set_day
from relmap.ui.operations import log_contact

QUALITY_WORDS = (tr("poor"), tr("so-so"), tr("fine"), tr("good"), tr("excellent"))
VALUE_WORDS = (tr("small"), tr("modest"), tr("useful"), tr("valuable"), tr("major"))


class _RecordDialog(QDialog):
    """The shared frame: a form, a red line for a refusal, Save/Cancel; ``store`` writes."""

    def __init__(self, document: Document, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.on = date_edit()
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_form(self) -> None:
        self.form.addRow(self.error)
        self.form.addRow(self.buttons)

    def day(self) -> date:
        return day_of(self.on)

    def store(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        """Store it (one undo step), then close; on a refusal say why and keep what was typed."""
        try:
            self.store()
        except KnownError as exc:
            self.error.setText(tr("Not saved: {exc}").format(exc=exc))
            self.error.show()
            return
        super().accept()


def _rating_combo(words: tuple[str, ...], value: int | None) -> QComboBox:
    combo = QComboBox()
    combo.addItem(tr("Not rated"), None)
    for level, word in enumerate(words, start=1):
        combo.addItem(f"{level} · {word}", level)
    combo.setCurrentIndex(combo.findData(value) if value is not None else 0)
    return combo


def _kind_combo(kinds: list[str], current: str) -> QComboBox:
    combo = QComboBox()
    for kind in kinds:
        combo.addItem(capital(named(kind)), kind)
    combo.setCurrentIndex(combo.findData(current))
    return combo


def _names(document: Document, people: frozenset[PersonId]) -> str:
    network = document.network
    return ", ".join(sorted(network.people[p].display_name for p in people))


class LogDialog(_RecordDialog):
    """Date (today), kind, summary and how it went; the people are the selection, or those of
    the interaction being edited."""

    def __init__(self, document: Document, people: frozenset[PersonId],
                 parent: QWidget | None = None, *, record: Interaction | None = None) -> None:
        super().__init__(
            document, tr("Edit Interaction") if record else tr("Log Interaction"), parent
        )
        self.record = record
        self.people = record.participants if record else people
        self.kind = _kind_combo([k.value for k in InteractionKind],
                                record.kind.value if record else InteractionKind.MEETING.value)
        self.summary = QLineEdit(record.summary if record else "")
        self.summary.setPlaceholderText(tr("What was it about? (optional)"))
        self.quality = _rating_combo(QUALITY_WORDS, record.quality if record else None)
        if record:
            set_day(self.on, record.on)
        who = QLabel(_names(document, self.people))
        who.setWordWrap(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("Save") if record else tr("Log")
        )
        for label, widget in ((tr("With"), who), (tr("Date"), self.on), (tr("Kind"), self.kind),
                              (tr("Summary"), self.summary), (tr("How it went"), self.quality)):
            self.form.addRow(label, widget)
        self.finish_form()
        self.summary.setFocus()

    def store(self) -> None:
        kind, summary = self.kind.currentData(), self.summary.text().strip()
        if self.record is None:
            log_contact(self.document, self.people, kind, self.day(), summary,
                        self.quality.currentData())
            return
        edited = replace(self.record, on=self.day(), kind=InteractionKind(kind), summary=summary,
                         quality=self.quality.currentData())
        self.document.push(
            PutRecords((edited,)),
            tr("Edit a {value} with {_names}").format(
                value=named(edited.kind), _names=_names(self.document, self.people)
            ),
        )


class ExchangeDialog(_RecordDialog):
    """What was given to or received from one person: direction, kind, date, value, note."""

    def __init__(self, document: Document, person: PersonId, parent: QWidget | None = None,
                 *, record: Exchange | None = None) -> None:
        super().__init__(document, tr("Edit Exchange") if record else tr("Record Exchange"), parent)
        self.record, self.person = record, record.person if record else person
        name = document.network.people[self.person].display_name
        self.direction = QComboBox()
        self.direction.addItem(tr("I gave {name}").format(name=name), True)
        self.direction.addItem(tr("{name} gave me").format(name=name), False)
        self.direction.setCurrentIndex(0 if record is None or record.gave else 1)
        self.kind = _kind_combo([k.value for k in ExchangeKind],
                                record.kind.value if record else ExchangeKind.ADVICE.value)
        self.value = _rating_combo(VALUE_WORDS, record.value if record else None)
        self.note = QLineEdit(record.note if record else "")
        self.note.setPlaceholderText(tr("What was it? (optional)"))
        if record:
            set_day(self.on, record.on)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("Save") if record else tr("Record")
        )
        for label, widget in ((tr("Who gave"), self.direction), (tr("What"), self.kind),
                              (tr("Date"), self.on), (tr("Worth"), self.value), (tr("Note"),
                                  self.note)):
            self.form.addRow(label, widget)
        self.finish_form()
        self.note.setFocus()

    def store(self) -> None:
        network = self.document.network
        gave = bool(self.direction.currentData())
        eid = self.record.id if self.record else ExchangeId(network.new_ids(RecordKind.EXCHANGE)[0])
        record = Exchange(eid, self.person, gave, ExchangeKind(self.kind.currentData()),
                          self.day(), self.note.text().strip(), self.value.currentData())
        name = network.people[self.person].display_name
        verb = tr("Edit") if self.record else tr("Record")
        way = (
            tr("given to {name}").format(name=name)
            if gave
            else tr("received from {name}").format(name=name)
        )
        self.document.push(
            PutRecords((record,)),
            tr("{verb} {kind} {way}").format(verb=verb, kind=named(record.kind), way=way),
        )
