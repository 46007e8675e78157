"""New Goal… / Edit Goal…: a title, what it is for (better known, equipped or connected), the
spheres it needs (ticked) and the people it needs (picked by name); one undo step."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.ids import GoalId, PersonId, SphereId
from relmap.core.model import Goal, GoalKind, RecordKind
from relmap.core.records import PutRecords
from relmap.document.document import Document
from relmap.ui.panes.field_binding import error_label, show_error
from relmap.ui.panes.person_picker import PersonPicker

ID_ROLE = Qt.ItemDataRole.UserRole
_KIND_WORDS = {
    GoalKind.BETTER_KNOWN: tr("Better known (visibility, reputation)"),
    GoalKind.BETTER_EQUIPPED: tr("Better equipped (skills, advice, resources)"),
    GoalKind.BETTER_CONNECTED: tr("Better connected (access, introductions)"),
}


class GoalDialog(QDialog):
    def __init__(self, document: Document, parent: QWidget | None = None, *,
                 goal: Goal | None = None) -> None:
        super().__init__(parent)
        self.document, self.goal = document, goal
        network = document.network
        self.setWindowTitle(tr("Edit Goal") if goal else tr("New Goal"))
        self.title = QLineEdit(goal.title if goal else "")
        self.title.setPlaceholderText(tr("Raise a seed round, find a mentor in fintech…"))
        self.kind = QComboBox()
        for kind, words in _KIND_WORDS.items():
            self.kind.addItem(words, kind.value)
        self.kind.setCurrentIndex(self.kind.findData(
            (goal.kind if goal else GoalKind.BETTER_CONNECTED).value))
        self.active = QCheckBox(tr("Active (shown in the Insight dock)"))
        self.active.setChecked(goal.active if goal else True)
        self.spheres = QListWidget()
        self.spheres.setAccessibleName(tr("Spheres the goal needs"))
        for sphere in sorted(network.spheres.values(), key=lambda s: s.name.casefold()):
            item = QListWidgetItem(sphere.name)
            item.setData(ID_ROLE, sphere.id)
            item.setCheckState(Qt.CheckState.Checked if goal and sphere.id in goal.spheres
                               else Qt.CheckState.Unchecked)
            self.spheres.addItem(item)
        self.spheres.setMaximumHeight(150)
        self.people = QListWidget()
        self.people.setAccessibleName(tr("People the goal needs"))
        self.people.setMaximumHeight(90)
        self.people.setToolTip(tr("Delete removes the chosen person"))
        for pid in sorted(goal.people if goal else (), key=int):
            if pid in network.people:
                self._add_person(pid)
        self.picker = PersonPicker(network)
        self.picker.setPlaceholderText(tr("Add a person it needs: type a name…"))
        self.picker.sig_picked.connect(self._on_picked)
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(tr("Goal"), self.title)
        form.addRow(tr("For"), self.kind)
        form.addRow("", self.active)
        form.addRow(tr("Spheres it needs"), self.spheres)
        form.addRow(tr("People it needs"), self.people)
        form.addRow("", self.picker)
        form.addRow(self.error)
        form.addRow(buttons)
        self.resize(460, self.sizeHint().height())

    def chosen_people(self) -> frozenset[PersonId]:
        return frozenset(self.people.item(i).data(ID_ROLE) for i in range(self.people.count()))

    def chosen_spheres(self) -> frozenset[SphereId]:
        return frozenset(self.spheres.item(i).data(ID_ROLE) for i in range(self.spheres.count())
                         if self.spheres.item(i).checkState() == Qt.CheckState.Checked)

    def _add_person(self, pid: PersonId) -> None:
        if pid in self.chosen_people():
            return
        item = QListWidgetItem(self.document.network.people[pid].display_name)
        item.setData(ID_ROLE, pid)
        self.people.addItem(item)

    def _on_picked(self, pid: PersonId | None) -> None:
        if pid is not None:
            self._add_person(pid)
            self.picker.set_person(None)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Delete drops the chosen person
        if event.key() == Qt.Key.Key_Delete and self.people.hasFocus():
            self.people.takeItem(self.people.currentRow())
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        network = self.document.network
        gid = self.goal.id if self.goal else GoalId(network.new_ids(RecordKind.GOAL)[0])
        try:
            goal = Goal(gid, self.title.text().strip(), GoalKind(self.kind.currentData()),
                        self.active.isChecked(), self.chosen_spheres(), self.chosen_people())
            if self.goal is not None:  # keep what the dialog cannot show: deleted ones
                goal = replace(
                    goal, people=goal.people | (self.goal.people - network.people.keys()),
                    spheres=goal.spheres | (self.goal.spheres - network.spheres.keys()))
            verb = tr("Edit") if self.goal else tr("Add")
            self.document.push(
                PutRecords((goal,)),
                tr("{verb} the goal '{title}'").format(verb=verb, title=goal.title),
            )
        except KnownError as exc:
            show_error(None, self.error, str(exc))
            return
        super().accept()
