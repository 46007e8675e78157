"""The tie pane: kind, direction, strength, since and notes of the selected tie."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relmap.core.edits import RemoveTies, UpdateTie
from relmap.core.errors import KnownError
from relmap.core.i18n import named, tr
from relmap.core.ids import TieId
from relmap.core.model import Tie, TieKind
from relmap.core.network import ChangeSet
from relmap.document.document import Document
from relmap.ui.dates import date_edit, day_of, set_day
from relmap.ui.panes.field_binding import PlainTextEdit, TextBinding, error_label, show_error
from relmap.ui.panes.rating_bar import RatingBar
from relmap.ui.selection import Selection

TIE_ROLE = Qt.ItemDataRole.UserRole
STRENGTHS = (tr("Barely"), tr("Weak"), tr("Steady"), tr("Strong"), tr("Very close"))


class TiePane(QWidget):
    """Follows the Selection's tie; each change is one undoable edit."""

    def __init__(
        self, document: Document, selection: Selection, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document, self.selection = document, selection
        self.tie: TieId | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.placeholder = QLabel(tr("Click a line on the map, or a tie in the person pane."))
        self.placeholder.setWordWrap(True)
        self.kind = QComboBox()
        for k in TieKind:
            self.kind.addItem(named(k), k.value)
        self.directed = QCheckBox(tr("Directed"))
        self.directed.setToolTip(tr("The tie points from the first person to the second"))
        self.reverse = QPushButton(tr("Reverse"))
        self.strength = RatingBar(allow_unrated=False)
        self.strength.setAccessibleName(tr("Strength"))
        self.strength_text = QLabel()
        self.since_known = QCheckBox(tr("Known"))
        self.since = date_edit()
        self.since.setAccessibleName(tr("Tie since"))
        self.notes = TextBinding(PlainTextEdit(), self._commit_notes)
        self.notes.widget.setAccessibleName(tr("Tie notes"))
        self.notes.widget.setMinimumHeight(60)
        self.notes.widget.setMaximumHeight(140)
        self.siblings = QListWidget()
        self.siblings.setMaximumHeight(80)
        self.delete = QPushButton(tr("Delete tie"))
        self.error = error_label()
        self._build()
        self._connect()
        self.show_tie(selection.tie)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.addRow(self.title)
        form.addRow(self.placeholder)
        form.addRow(tr("Kind"), self.kind)
        direction = QHBoxLayout()
        direction.addWidget(self.directed, 1)
        direction.addWidget(self.reverse)
        form.addRow(tr("Direction"), direction)
        strength = QHBoxLayout()
        strength.addWidget(self.strength)
        strength.addWidget(self.strength_text, 1)
        form.addRow(tr("Strength"), strength)
        since = QHBoxLayout()
        since.addWidget(self.since_known)
        since.addWidget(self.since, 1)
        form.addRow(tr("Since"), since)
        form.addRow(tr("Notes"), self.notes.boxed())
        form.addRow(tr("Also between them"), self.siblings)
        form.addRow(self.error)
        form.addRow(self.delete)
        self.fields: list[QWidget] = [
            self.kind, self.directed, self.reverse, self.strength, self.since_known, self.since,
            self.notes.widget, self.siblings, self.delete,
        ]  # fmt: skip

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.directed.toggled.connect(self._on_directed_toggled)
        self.reverse.clicked.connect(self._on_reverse_clicked)
        self.strength.sig_rated.connect(self._on_strength_rated)
        self.strength.sig_hovered.connect(self._on_strength_hovered)
        self.since_known.toggled.connect(self._on_since_changed)
        self.since.editingFinished.connect(self._on_since_changed)
        self.siblings.itemClicked.connect(self._on_siblings_item_clicked)
        self.delete.clicked.connect(self._on_delete_clicked)
        self.selection.sig_changed.connect(self._on_selection_changed)
        self.document.sig_changed.connect(self._on_document_changed)

    def show_tie(self, tie: TieId | None) -> None:
        if tie != self.tie:
            self.notes.flush()
        self.tie = tie if tie in self.document.network.ties else None
        self.placeholder.setVisible(self.tie is None)
        for widget in self.fields:
            widget.setEnabled(self.tie is not None)
        show_error(None, self.error, None)
        self._refresh(force=True)

    def _refresh(self, *, force: bool = False) -> None:
        if self.tie is None:
            self.title.setText(tr("No tie selected"))
            self.siblings.clear()
            return
        net = self.document.network
        t = net.ties[self.tie]
        a, b = net.people[t.a].display_name, net.people[t.b].display_name
        self.title.setText(f"{a} {'→' if t.directed else '—'} {b}")
        with QSignalBlocker(self.kind), QSignalBlocker(self.directed):
            self.kind.setCurrentIndex(self.kind.findData(t.kind.value))
            self.directed.setChecked(t.directed)
        self.strength.set_value(t.strength)
        self.strength_text.setText(STRENGTHS[t.strength - 1])
        with QSignalBlocker(self.since_known), QSignalBlocker(self.since):
            self.since_known.setChecked(t.since is not None)
            self.since.setEnabled(t.since is not None)
            day = t.since or date.today()
            set_day(self.since, day)
        self.notes.set_text(t.notes, force=force)
        self._refresh_siblings(t)

    def _refresh_siblings(self, tie: Tie) -> None:
        self.siblings.clear()
        pair = {tie.a, tie.b}
        for other in self.document.network.ties.values():
            if other.id != tie.id and {other.a, other.b} == pair:
                item = QListWidgetItem(
                    tr("{value} · strength {strength}").format(
                        value=named(other.kind), strength=other.strength
                    )
                )
                item.setData(TIE_ROLE, other.id)
                self.siblings.addItem(item)

    def _update(self, changes: dict[str, object], what: str) -> None:
        if self.tie is None:
            return
        try:
            self.document.push(
                UpdateTie(self.tie, changes),
                tr("Change {what} of a tie").format(what=what),
                origin=self,
            )
            show_error(None, self.error, None)
        except KnownError as exc:
            show_error(None, self.error, str(exc))
        self._refresh()

    def _on_kind_changed(self, index: int) -> None:
        self._update({"kind": list(TieKind)[index]}, "kind")

    def _on_directed_toggled(self, on: bool) -> None:
        self._update({"directed": on}, "direction")

    def _on_reverse_clicked(self) -> None:
        if self.tie is not None:
            t = self.document.network.ties[self.tie]
            self._update({"a": t.b, "b": t.a, "directed": True}, "direction")

    def _on_strength_rated(self, value: int | None) -> None:
        if value is not None:
            self._update({"strength": value}, "strength")

    def _on_strength_hovered(self, level: int | None) -> None:
        if self.tie is not None:
            shown = level or self.document.network.ties[self.tie].strength
            self.strength_text.setText(STRENGTHS[shown - 1])

    def _on_since_changed(self, *_: object) -> None:
        since = day_of(self.since) if self.since_known.isChecked() else None
        self.since.setEnabled(since is not None)
        if self.tie is not None and self.document.network.ties[self.tie].since != since:
            self._update({"since": since}, "date")

    def _commit_notes(self, text: str) -> str | None:
        if self.tie is None or self.document.network.ties[self.tie].notes == text.rstrip():
            return None
        self._update({"notes": text.rstrip()}, "notes")
        return self.error.text() or None

    def _on_siblings_item_clicked(self, item: QListWidgetItem) -> None:
        self.selection.set_tie(TieId(int(item.data(TIE_ROLE))), origin=self)

    def _on_delete_clicked(self) -> None:
        if self.tie is not None:
            tie = self.tie
            self.document.push(RemoveTies((tie,)), tr("Delete a tie"), origin=self)

    def _on_selection_changed(self, _origin: object) -> None:
        self.show_tie(self.selection.tie)

    def _on_document_changed(self, changes: ChangeSet) -> None:
        if self.tie is None:
            return
        if self.tie not in self.document.network.ties:
            self.show_tie(None)
        elif changes.ties or changes.people:
            self._refresh()
