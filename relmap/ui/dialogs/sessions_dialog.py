"""Edit → Mentor Sessions…: each session's day, mentor, the questions to bring, notes and the
next steps agreed (ticked off when done). Each save is one undo step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relmap.core.dates import short_date
from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.ids import SessionId
from relmap.core.model import MentorSession, NextStep, RecordKind
from relmap.core.records import DeleteRecords, PutRecords, record_key
from relmap.document.document import Document
from relmap.ui.dates import date_edit, day_of, set_day
from relmap.ui.panes.field_binding import error_label, show_error

ID_ROLE = Qt.ItemDataRole.UserRole


class SessionsDialog(QDialog):
    """The sessions, newest first, on the left; the chosen one's details on the right.

    Changes are saved with Save, and also when another session is chosen or the dialog is
    closed, so that nothing typed is lost.
    """

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(tr("Mentor Sessions"))
        self.sessions = QListWidget()
        self.sessions.setAccessibleName(tr("Sessions"))
        self.sessions.setSpacing(3)
        self.add, self.remove = QPushButton(tr("New Session")), QPushButton(tr("Delete"))
        self.day = date_edit()
        self.mentor = QLineEdit()
        self.mentor.setPlaceholderText(tr("Who you meet"))
        self.questions = QPlainTextEdit()
        self.questions.setPlaceholderText(
            tr(
                "The questions you bring, one per line: they go on "
                "the last page of the session pack"
            )
        )
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(tr("What was said"))
        self.steps = QListWidget()
        self.steps.setAccessibleName(tr("Next steps"))
        self.new_step = QLineEdit()
        self.new_step.setAccessibleName(tr("New next step"))
        self.new_step.setPlaceholderText(tr("Add a next step and press Enter"))
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self._layout()
        self._current: SessionId | None = None
        self._fill_list()
        self.sessions.currentItemChanged.connect(self._on_session_changed)
        self.add.clicked.connect(self.new_session)
        self.remove.clicked.connect(self.delete_session)
        self.new_step.returnPressed.connect(self._on_step_entered)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        upcoming = [s for s in self._ordered() if s.on >= date.today()]
        if self.sessions.count():
            self._select(upcoming[-1].id if upcoming else self._ordered()[0].id)
        self._enable()

    def _layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.sessions, 1)
        row = QHBoxLayout()
        row.addWidget(self.add)
        row.addWidget(self.remove)
        left.addLayout(row)
        form = QFormLayout()
        form.addRow(tr("Day:"), self.day)
        form.addRow(tr("Mentor:"), self.mentor)
        form.addRow(tr("Questions:"), self.questions)
        form.addRow(tr("Notes:"), self.notes)
        steps = QVBoxLayout()
        steps.addWidget(self.steps)
        steps.addWidget(self.new_step)
        steps.addWidget(QLabel(tr("Open steps appear in the Drifting dock until ticked off.")))
        form.addRow(tr("Next steps:"), steps)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addLayout(form, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.error)
        outer.addWidget(self.buttons)
        self.resize(820, 560)

    def _ordered(self) -> list[MentorSession]:
        return sorted(self.document.network.sessions.values(), key=lambda s: s.on, reverse=True)

    def _fill_list(self) -> None:
        self.sessions.blockSignals(True)
        self.sessions.clear()
        today = date.today()
        for s in self._ordered():
            when = short_date(s.on) + (tr(" (coming)") if s.on >= today else "")
            item = QListWidgetItem(f"{when}\n{s.mentor or tr('no mentor named')}")
            item.setData(ID_ROLE, s.id)
            self.sessions.addItem(item)
        self.sessions.blockSignals(False)

    def _select(self, sid: SessionId) -> None:
        for row in range(self.sessions.count()):
            if self.sessions.item(row).data(ID_ROLE) == sid:
                self.sessions.setCurrentRow(row)
                return

    def _on_session_changed(self, item: QListWidgetItem | None,
                            previous: QListWidgetItem | None) -> None:
        if previous is not None and self._current is not None and not self._save_current():
            return
        self._current = None if item is None else SessionId(item.data(ID_ROLE))
        self._show(self.document.network.sessions.get(self._current) if self._current else None)

    def _show(self, s: MentorSession | None) -> None:
        set_day(self.day, s.on if s else date.today())
        self.mentor.setText(s.mentor if s else "")
        self.questions.setPlainText(s.questions if s else "")
        self.notes.setPlainText(s.notes if s else "")
        self.steps.clear()
        for step in s.next_steps if s else ():
            self._add_step(step)
        self._enable()

    def _add_step(self, step: NextStep) -> None:
        item = QListWidgetItem(step.text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
        item.setCheckState(Qt.CheckState.Checked if step.done else Qt.CheckState.Unchecked)
        self.steps.addItem(item)

    def _on_step_entered(self) -> None:
        text = self.new_step.text().strip()
        if text:
            self._add_step(NextStep(text))
            self.new_step.clear()

    def _enable(self) -> None:
        editing = self._current is not None
        for widget in (self.day, self.mentor, self.questions, self.notes, self.steps,
                       self.new_step, self.remove, self.buttons.button(
                           QDialogButtonBox.StandardButton.Save)):
            widget.setEnabled(editing)

    def edited(self) -> MentorSession | None:
        """The chosen session as the form shows it (None if none is chosen)."""
        if self._current is None:
            return None
        steps = tuple(NextStep(item.text().strip(),
                               item.checkState() is Qt.CheckState.Checked)
                      for item in map(self.steps.item, range(self.steps.count()))
                      if item.text().strip())
        return MentorSession(self._current, day_of(self.day),
                             self.mentor.text().strip(), self.questions.toPlainText().strip(),
                             self.notes.toPlainText().strip(), steps)

    def _save_current(self) -> bool:
        edited = self.edited()
        if edited is None or edited == self.document.network.sessions.get(edited.id):
            return True
        try:
            self.document.push(
                PutRecords((edited,)),
                tr("Edit the session of {short_date}").format(short_date=short_date(edited.on)),
            )
        except KnownError as exc:
            show_error(None, self.error, tr("Not saved: {exc}").format(exc=exc))
            return False
        show_error(None, self.error, None)
        return True

    def save(self) -> None:
        if self._save_current() and self._current is not None:
            current = self._current
            self._fill_list()
            self._select(current)

    def new_session(self) -> None:
        if not self._save_current():
            return
        sid = SessionId(self.document.network.new_ids(RecordKind.SESSION)[0])
        last = max(self.document.network.sessions.values(), key=lambda s: s.on, default=None)
        session = MentorSession(sid, date.today(), last.mentor if last else "")
        self.document.push(PutRecords((session,)), tr("New mentor session"))
        self._current = None
        self._fill_list()
        self._select(sid)
        self.mentor.setFocus()
        self.mentor.selectAll()  # the last mentor, offered: typing replaces it

    def delete_session(self) -> None:
        if self._current is None:
            return
        session = self.document.network.sessions[self._current]
        self._current = None
        self.document.push(
            DeleteRecords((record_key(session),)),
            tr("Delete the session of {short_date}").format(short_date=short_date(session.on)),
        )
        self._fill_list()
        if self.sessions.count():
            self.sessions.setCurrentRow(0)
        else:
            self._show(None)

    def done(self, result: int) -> None:
        """Closing saves what was typed; a session that cannot be saved keeps it open."""
        if self._save_current():
            super().done(result)
