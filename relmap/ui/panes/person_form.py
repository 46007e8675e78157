"""The fields of one person: names, organisation, contact, relationship, notes; all editable."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QSignalBlocker, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from relmap.core.edits import UpdatePerson
from relmap.core.errors import KnownError
from relmap.core.i18n import in_sentence, named, tr
from relmap.core.ids import PersonId
from relmap.core.model import Person, Role
from relmap.core.words import capital
from relmap.document.document import Document
from relmap.ui.panes.contact_points import ContactPointsEditor
from relmap.ui.panes.field_binding import (
    PAUSE_MS,
    PlainTextEdit,
    TextBinding,
    error_label,
    show_error,
)
from relmap.ui.panes.person_picker import PersonPicker

TEXT_FIELDS = {
    "display_name": tr("Name"),
    "given_name": tr("Given name"),
    "family_name": tr("Family name"),
    "organisation": tr("Organisation"),
    "title": tr("Title"),
    "location": tr("Location"),
    "industry": tr("Industry"),
    "url": tr("Profile URL"),
    "how_we_met": tr("How we met"),
    "notes": tr("Notes"),
}
_SECTIONS = {
    "display_name": tr("Identity"),
    "location": tr("Contact"),
    "how_we_met": tr("Relationship"),
}
WEB_SCHEMES = ("http", "https")


def web_url(text: str) -> QUrl | None:
    """The URL to open for ``text``, only if it is an http or https address."""
    url = QUrl.fromUserInput(text.strip())
    return url if text.strip() and url.isValid() and url.scheme() in WEB_SCHEMES else None


class PersonForm(QWidget):
    """Every plain field of one person. Text commits after a pause or on focus-out; each field's
    typing merges into one undo step in the Document."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.person: PersonId | None = None
        self.bindings: dict[str, TextBinding] = {}
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.emails = ContactPointsEditor("email", lambda v: self._commit_value("emails", v))
        self.phones = ContactPointsEditor("phone", lambda v: self._commit_value("phones", v))
        self.open_url = QToolButton()
        self.open_url.setText(tr("Open"))
        self.open_url.setToolTip(tr("Open in the browser (http or https addresses only)"))
        self.open_url.clicked.connect(self._on_open_url_clicked)
        self.network = QComboBox()
        self.network.addItems([tr("External"), tr("Internal")])
        self.network.setToolTip(tr("Internal: my own team or company"))
        self.network.currentIndexChanged.connect(self._on_network_changed)
        self.roles = {role: QCheckBox(capital(named(role))) for role in Role}
        self.introduced_by = PersonPicker(document.network)
        self.introduced_by.setAccessibleName(tr("Introduced by"))
        self.introduced_error = error_label()
        self.introduced_by.sig_picked.connect(self._on_introduced_by_picked)
        self.introduced_by.sig_refused.connect(self._on_introduced_by_refused)
        self.cadence = QSpinBox(minimum=0, maximum=3650, prefix=tr("every "), suffix=tr(" days"))
        self.cadence.setSpecialValueText(tr("from their sphere or tier"))
        self.cadence.setAccessibleName(tr("Keep in touch every so many days"))
        self.cadence_max = QSpinBox(
            minimum=0, maximum=3650, prefix=tr("at most "), suffix=tr(" days")
        )
        self.cadence_max.setSpecialValueText(tr("at most 1.5 × that"))
        self.cadence_max.setAccessibleName(tr("Overdue after so many days"))
        self.cadence_error = error_label()
        self._cadence_timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._cadence_timer.timeout.connect(self._on_cadence_timer_timeout)
        for box in (self.cadence, self.cadence_max):
            box.valueChanged.connect(self._cadence_timer.start)
            box.editingFinished.connect(self._on_cadence_timer_timeout)
        self._build()

    def _build(self) -> None:
        for name, label in TEXT_FIELDS.items():
            if name in _SECTIONS:
                self._section(_SECTIONS[name])
            if name == "location":
                self.form.addRow(tr("Emails"), self.emails)
                self.form.addRow(tr("Phones"), self.phones)
            if name == "how_we_met":
                self._relationship_rows()
            widget = PlainTextEdit() if name == "notes" else QLineEdit()
            widget.setAccessibleName(label)
            widget.setObjectName(name)
            binding = TextBinding(widget, partial(self._commit_text, name))
            self.bindings[name] = binding
            if name == "url":
                row = QHBoxLayout()
                row.addWidget(binding.boxed(), 1)
                row.addWidget(self.open_url)
                self.form.addRow(label, row)
                widget.textChanged.connect(self._on_url_text_changed)
            else:
                self.form.addRow(label, binding.boxed())
        notes = self.bindings["notes"].widget
        notes.setPlaceholderText(tr("Private: never exported when redacted"))
        notes.setMinimumHeight(70)

    def _section(self, title: str) -> None:
        label = QLabel(f"<b>{title}</b>")
        label.setContentsMargins(0, 8, 0, 0)
        self.form.addRow(label)

    def _relationship_rows(self) -> None:
        self.form.addRow(tr("Network"), self.network)
        grid = QGridLayout()
        grid.setSpacing(2)
        for i, box in enumerate(self.roles.values()):
            grid.addWidget(box, i // 2, i % 2)
            box.toggled.connect(self._on_role_toggled)
        self.form.addRow(tr("Roles"), grid)
        picker = QWidget()
        column = QFormLayout(picker)
        column.setContentsMargins(0, 0, 0, 0)
        column.addRow(self.introduced_by)
        column.addRow(self.introduced_error)
        self.form.addRow(tr("Introduced by"), picker)
        cadence = QWidget()
        column = QFormLayout(cadence)
        column.setContentsMargins(0, 0, 0, 0)
        column.addRow(self.cadence)
        column.addRow(self.cadence_max)
        column.addRow(self.cadence_error)
        self.form.addRow(tr("Keep in touch"), cadence)

    # ----- model → widgets ---------------------------------------------------------------------

    def show_person(self, pid: PersonId | None) -> None:
        if pid != self.person:
            self.flush()
        self.person = pid if pid in self.document.network.people else None
        self.setEnabled(self.person is not None)
        if self.person is None:
            return
        self.refresh(force=True)

    def refresh(self, *, force: bool = False) -> None:
        if self.person is None:
            return
        p = self.document.network.people[self.person]
        for name, binding in self.bindings.items():
            binding.set_text(getattr(p, name), force=force)
        self.emails.set_points(p.emails, force=force)
        self.phones.set_points(p.phones, force=force)
        with QSignalBlocker(self.network):
            self.network.setCurrentIndex(1 if p.internal else 0)
        for role, box in self.roles.items():
            with QSignalBlocker(box):
                box.setChecked(role in p.roles)
        self.introduced_by.exclude = {p.id}
        self.introduced_by.set_person(p.introduced_by)
        show_error(self.introduced_by, self.introduced_error, None)
        if force or not self._cadence_timer.isActive():
            with QSignalBlocker(self.cadence), QSignalBlocker(self.cadence_max):
                self.cadence.setValue(p.cadence_days or 0)
                self.cadence_max.setValue(p.cadence_max_days or 0)
            show_error(self.cadence, self.cadence_error, None)
        self._on_url_text_changed(p.url)

    def flush(self) -> None:
        """Commit whatever is still being typed (before the pane shows someone else)."""
        for binding in self.bindings.values():
            binding.flush()
        self.emails.flush()
        self.phones.flush()
        if self._cadence_timer.isActive():
            self._on_cadence_timer_timeout()

    # ----- widgets → model ---------------------------------------------------------------------

    def _commit_text(self, name: str, text: str) -> str | None:
        value = text.strip() if name != "notes" else text.rstrip()
        return self._commit_value(name, value)

    def _commit_value(self, name: str, value: object) -> str | None:
        """Store one field; return why it was refused (nothing is stored then)."""
        return self._commit_values({name: value})

    def _commit_values(self, values: dict[str, object]) -> str | None:
        """Store fields edited together, as one undo step; return why they were refused."""
        if self.person is None:
            return None
        person: Person = self.document.network.people[self.person]
        if all(getattr(person, name) == value for name, value in values.items()):
            return None
        name = next(iter(values))
        what = TEXT_FIELDS.get(name, name.replace("_", " ").capitalize())
        try:
            # The model's own rules, checked before anything is stored:
            replace(person, **values)  # type: ignore[arg-type]
            self.document.push(
                UpdatePerson(person.id, values),
                tr("Edit {lower} of {display_name}").format(
                    lower=in_sentence(what), display_name=person.display_name
                ),
                origin=self,
            )
        except KnownError as exc:
            return str(exc)
        return None

    def _on_network_changed(self, index: int) -> None:
        self._commit_value("internal", index == 1)

    def _on_role_toggled(self, _checked: bool) -> None:
        roles = frozenset(role for role, box in self.roles.items() if box.isChecked())
        self._commit_value("roles", roles)

    def _on_introduced_by_picked(self, pid: PersonId | None) -> None:
        show_error(
            self.introduced_by, self.introduced_error, self._commit_value("introduced_by", pid)
        )

    def _on_introduced_by_refused(self, message: str) -> None:
        show_error(self.introduced_by, self.introduced_error, message)

    def _on_cadence_timer_timeout(self) -> None:
        self._cadence_timer.stop()
        ideal = self.cadence.value() or None
        longest = (self.cadence_max.value() or None) if ideal else None
        show_error(self.cadence, self.cadence_error, self._commit_values(
            {"cadence_days": ideal, "cadence_max_days": longest}))

    def _on_url_text_changed(self, text: str) -> None:
        self.open_url.setEnabled(web_url(text) is not None)

    def _on_open_url_clicked(self) -> None:
        url = web_url(self.bindings["url"].text())
        if url is not None:
            QDesktopServices.openUrl(url)
