"""Read-only summary of the selected person: name, organisation, spheres and the four ratings."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from relmap.core.ids import PersonId
from relmap.core.model import AssessmentField
from relmap.core.network import ChangeSet
from relmap.document.document import Document

RATING_LABELS = {
    AssessmentField.TRUST_GIVEN: "Trust given",
    AssessmentField.TRUST_RECEIVED: "Trust received",
    AssessmentField.QUALITY: "Quality",
    AssessmentField.RELEVANCE: "Relevance",
}


def stars(rating: int | None) -> str:
    return "unrated" if rating is None else "★" * rating + "☆" * (5 - rating) + f"  {rating}/5"


class DetailPane(QWidget):
    """Shows one person; empty when nothing (or several people) is selected."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.person: PersonId | None = None
        layout = QFormLayout(self)
        self.fields: dict[str, QLabel] = {}
        rows = ["Name", "Organisation", "Title", "Spheres", *RATING_LABELS.values()]
        for name in rows:
            label = QLabel()
            label.setWordWrap(True)
            label.setObjectName(name)
            self.fields[name] = label
            layout.addRow(f"{name}:", label)
        self.placeholder = QLabel("Select a person on the map.")
        layout.addRow(self.placeholder)
        document.sig_changed.connect(self._on_document_changed)
        self.show_person(None)

    def show_person(self, pid: PersonId | None) -> None:
        net = self.document.network
        self.person = pid if pid in net.people else None
        self.placeholder.setVisible(self.person is None)
        if self.person is None:
            for label in self.fields.values():
                label.clear()
            return
        p = net.people[self.person]
        self.fields["Name"].setText(p.display_name + ("  (me)" if p.is_me else ""))
        self.fields["Organisation"].setText(p.organisation)
        self.fields["Title"].setText(p.title)
        names = sorted(net.spheres[s].name for s in p.spheres if s in net.spheres)
        self.fields["Spheres"].setText(", ".join(names) or "none")
        for which, text in RATING_LABELS.items():
            self.fields[text].setText(stars(p.assessment.rating(which)))

    def show_selection(self, ids: frozenset[PersonId]) -> None:
        self.show_person(next(iter(ids)) if len(ids) == 1 else None)

    def _on_document_changed(self, changes: ChangeSet) -> None:
        if self.person is not None and (self.person in changes.people or changes.spheres):
            self.show_person(self.person)
