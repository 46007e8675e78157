"""The assessment editor: trust given, trust received, quality and relevance, with notes."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from relmap.core.errors import KnownError
from relmap.core.i18n import in_sentence, tr
from relmap.core.ids import PersonId
from relmap.core.model import AssessmentChange, AssessmentField, Rating
from relmap.core.network import ChangeSet
from relmap.document.document import Document
from relmap.ui import operations
from relmap.ui.panes.field_binding import TextBinding, error_label, show_error
from relmap.ui.panes.rating_bar import RatingBar
from relmap.ui.ratings import QUESTIONS, RATING_NAMES, meaning, was_text


class RatingRow:
    """The widgets of one rating: name, question, the bar, what the level means, was, note."""

    def __init__(self, which: AssessmentField) -> None:
        self.which = which
        self.title = QLabel(
            tr("<b>{rating_names}</b> &nbsp;<i>{questions}</i>").format(
                rating_names=RATING_NAMES[which], questions=QUESTIONS[which]
            )
        )
        self.title.setWordWrap(True)
        self.title.setContentsMargins(0, 6, 0, 0)
        self.bar = RatingBar()
        self.bar.setAccessibleName(RATING_NAMES[which])
        self.meaning = QLabel()
        self.meaning.setWordWrap(True)
        self.was = QLabel()
        self.was.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.note = QLineEdit(
            placeholderText=tr("Note on {lower} (optional)").format(
                lower=in_sentence(RATING_NAMES[which])
            )
        )
        self.note.setAccessibleName(
            tr("{rating_names} note").format(rating_names=RATING_NAMES[which])
        )
        self.value: Rating = None
        self.bar.sig_hovered.connect(self._on_bar_hovered)

    def show(self, value: Rating, *, mixed: bool = False) -> None:
        self.value = value
        self.bar.set_value(value, mixed=mixed)
        self.meaning.setText(
            tr("Mixed: the people selected differ") if mixed else meaning(self.which, value)
        )

    def _on_bar_hovered(self, level: Rating) -> None:
        shown = self.value if level is None else level
        self.meaning.setText(meaning(self.which, shown))


class AssessmentEditor(QWidget):
    """Rates one person or many at once (one undo step); shows the last change of each rating."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.people: frozenset[PersonId] = frozenset()
        self.rows = {f: RatingRow(f) for f in AssessmentField}
        self.notes: dict[AssessmentField, TextBinding] = {}
        self.error = error_label()
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(2)
        for i, (which, row) in enumerate(self.rows.items()):
            top = 4 * i
            grid.addWidget(row.title, top, 0, 1, 2)
            grid.addWidget(row.bar, top + 1, 0)
            grid.addWidget(row.meaning, top + 1, 1)
            binding = TextBinding(row.note, partial(self._commit_note, which))
            self.notes[which] = binding
            grid.addWidget(binding.boxed(), top + 2, 0, 1, 2)
            grid.addWidget(row.was, top + 3, 0, 1, 2, Qt.AlignmentFlag.AlignTop)
            row.bar.sig_rated.connect(partial(self._on_bar_rated, which))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        document.sig_changed.connect(self._on_document_changed)

    def show_people(self, ids: frozenset[PersonId]) -> None:
        self.flush()
        net = self.document.network
        self.people = frozenset(p for p in ids if p in net.people)
        self.setEnabled(bool(self.people))
        show_error(None, self.error, None)
        self._refresh(force=True)

    def flush(self) -> None:
        for binding in self.notes.values():
            binding.flush()

    def _refresh(self, *, force: bool = False) -> None:
        net = self.document.network
        people = [net.people[p] for p in sorted(self.people) if p in net.people]
        single = len(people) == 1
        history: list[AssessmentChange] = self.document.history(people[0].id) if single else []
        for which, row in self.rows.items():
            values = {p.assessment.rating(which) for p in people}
            row.show(next(iter(values)) if len(values) == 1 else None, mixed=len(values) > 1)
            row.was.setText(was_text(history, which))
            row.was.setVisible(bool(row.was.text()))
            row.note.setEnabled(single)
            note = people[0].assessment.note(which) if single else ""
            self.notes[which].set_text(note, force=force)
            row.note.setPlaceholderText(
                "" if single or not people else tr("Notes are kept per person")
            )

    def _on_bar_rated(self, which: AssessmentField, value: Rating) -> None:
        if not self.people:
            return
        self.flush()
        note = None
        if len(self.people) == 1:
            pid = next(iter(self.people))
            note = self.document.network.people[pid].assessment.note(which)
        try:
            operations.rate_people(self.document, self.people, which, value, note=note)
        except KnownError as exc:
            show_error(None, self.error, str(exc))
            self._refresh(force=True)

    def _commit_note(self, which: AssessmentField, text: str) -> str | None:
        if len(self.people) != 1:
            return None
        pid = next(iter(self.people))
        person = self.document.network.people.get(pid)
        if person is None or person.assessment.note(which) == text.strip():
            return None
        try:
            operations.rate_people(
                self.document,
                {pid},
                which,
                person.assessment.rating(which),
                note=text.strip(),
                text=tr("Edit {lower} note of {display_name}").format(
                    lower=in_sentence(RATING_NAMES[which]), display_name=person.display_name
                ),
            )
        except KnownError as exc:
            return str(exc)
        return None

    def _on_document_changed(self, changes: ChangeSet) -> None:
        if self.people & changes.people:
            self.people = frozenset(p for p in self.people if p in self.document.network.people)
            self._refresh()
