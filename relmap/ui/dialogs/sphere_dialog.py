""" "Add to sphere…": choose an existing sphere or name a new one for the selected people."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relmap.core.errors import KnownError
from relmap.core.i18n import ntr, number, tr
from relmap.core.ids import PersonId, SphereId
from relmap.document.document import Document
from relmap.ui import operations
from relmap.ui.panes.field_binding import error_label, show_error
from relmap.ui.panes.people_model import sphere_icon
from relmap.ui.panes.sphere_tags import SPHERE_ROLE


class AddToSphereDialog(QDialog):
    """On OK the people join the chosen (or the new) sphere as one undo step."""

    def __init__(
        self, document: Document, people: frozenset[PersonId], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document, self.people = document, people
        self.setWindowTitle(tr("Add to sphere"))
        n = len(people)
        self.spheres = QListWidget()
        for sphere in sorted(document.network.spheres.values(), key=lambda s: s.name.casefold()):
            item = QListWidgetItem(sphere_icon((sphere.colour,)), sphere.name)
            item.setData(SPHERE_ROLE, sphere.id)
            self.spheres.addItem(item)
        self.new_name = QLineEdit(placeholderText=tr("…or name a new sphere"))
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        self.new_name.textEdited.connect(self._on_new_name_edited)
        self.spheres.itemDoubleClicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(ntr("Add {n} person to:", "Add {n} people to:", n).format(n=number(n)))
        )
        layout.addWidget(self.spheres)
        layout.addWidget(self.new_name)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def choose(self, sphere: SphereId) -> None:
        for i in range(self.spheres.count()):
            if self.spheres.item(i).data(SPHERE_ROLE) == sphere:
                self.spheres.setCurrentRow(i)

    def _on_new_name_edited(self, text: str) -> None:
        if text.strip():
            self.spheres.clearSelection()
            self.spheres.setCurrentRow(-1)

    def apply(self, *_: object) -> None:
        name = self.new_name.text().strip()
        item = self.spheres.currentItem()
        try:
            if name:
                operations.create_sphere(self.document, name, members=self.people)
            elif item is not None:
                sphere = SphereId(int(item.data(SPHERE_ROLE)))
                operations.set_membership(self.document, sphere, self.people, True)
            else:
                show_error(None, self.error, tr("Choose a sphere or name a new one"))
                return
        except KnownError as exc:
            show_error(self.new_name if name else None, self.error, str(exc))
            return
        self.accept()
