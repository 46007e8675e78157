"""Which spheres the selected people belong to, as check boxes; ticking tags them all at once."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.ids import PersonId, SphereId
from relmap.core.network import ChangeSet
from relmap.document.document import Document
from relmap.ui import operations
from relmap.ui.panes.field_binding import error_label, show_error
from relmap.ui.panes.people_model import sphere_icon

SPHERE_ROLE = Qt.ItemDataRole.UserRole


class SphereTags(QWidget):
    """A partly ticked box means some of the selected people are in that sphere."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.people: frozenset[PersonId] = frozenset()
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Spheres"))
        self.list.setMaximumHeight(150)
        self.new_name = QLineEdit(placeholderText=tr("New sphere…"))
        self.new_name.setAccessibleName(tr("New sphere name"))
        self.add_button = QPushButton(tr("Add"))
        self.error = error_label()
        row = QHBoxLayout()
        row.addWidget(self.new_name, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.list.itemChanged.connect(self._on_list_item_changed)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.new_name.returnPressed.connect(self._on_add_clicked)
        document.sig_changed.connect(self._on_document_changed)

    def show_people(self, ids: frozenset[PersonId]) -> None:
        self.people = frozenset(p for p in ids if p in self.document.network.people)
        self.setEnabled(bool(self.people))
        show_error(None, self.error, None)
        self._refresh()

    def item(self, sphere: SphereId) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(SPHERE_ROLE) == sphere:
                return item
        return None

    def _refresh(self) -> None:
        net = self.document.network
        people = [net.people[p] for p in self.people]
        with QSignalBlocker(self.list):
            self.list.clear()
            for sphere in sorted(net.spheres.values(), key=lambda s: s.name.casefold()):
                inside = sum(sphere.id in p.spheres for p in people)
                item = QListWidgetItem(sphere_icon((sphere.colour,)), sphere.name)
                item.setData(SPHERE_ROLE, sphere.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                state = (
                    Qt.CheckState.Unchecked
                    if not inside
                    else Qt.CheckState.Checked
                    if inside == len(people)
                    else Qt.CheckState.PartiallyChecked
                )
                item.setCheckState(state)
                item.setToolTip(sphere.description)
                self.list.addItem(item)

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        if not self.people:
            return
        member = item.checkState() != Qt.CheckState.Unchecked
        try:
            operations.set_membership(
                self.document, SphereId(int(item.data(SPHERE_ROLE))), self.people, member
            )
        except KnownError as exc:
            show_error(None, self.error, str(exc))
            self._refresh()

    def _on_add_clicked(self) -> None:
        name = self.new_name.text().strip()
        if not name or not self.people:
            return
        net = self.document.network
        existing = [s.id for s in net.spheres.values() if s.name.casefold() == name.casefold()]
        try:
            if existing:
                operations.set_membership(self.document, existing[0], self.people, True)
            else:
                operations.create_sphere(self.document, name, members=self.people)
        except KnownError as exc:
            show_error(self.new_name, self.error, str(exc))
            return
        show_error(self.new_name, self.error, None)
        self.new_name.clear()

    def _on_document_changed(self, changes: ChangeSet) -> None:
        if changes.spheres or self.people & changes.people:
            self.people = frozenset(p for p in self.people if p in self.document.network.people)
            self._refresh()
