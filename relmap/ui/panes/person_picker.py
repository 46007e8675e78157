"""Choosing a person by typing part of their name: a completing field and a small dialog."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QSignalBlocker, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from relmap.core.i18n import tr
from relmap.core.ids import PersonId
from relmap.core.model import Person
from relmap.core.network import Network


def entry(person: Person) -> str:
    return (
        f"{person.display_name} — {person.organisation}"
        if person.organisation
        else (person.display_name)
    )


class PersonPicker(QLineEdit):
    """Type a few letters of a name or an organisation and pick from the suggestions.

    ``sig_picked(PersonId | None)`` fires when a person is chosen or the field is cleared;
    ``sig_refused(str)`` when the text names nobody on the map.
    """

    sig_picked = Signal(object)
    sig_refused = Signal(str)

    def __init__(
        self, network: Network, *, exclude: Collection[PersonId] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.network = network
        self.exclude = set(exclude)
        self.person: PersonId | None = None
        self.setPlaceholderText(tr("Type a name…"))
        self.setAccessibleName(tr("Person: type a name"))
        self.setClearButtonEnabled(True)
        self._ids: dict[str, PersonId] = {}
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        completer.activated.connect(self._on_completer_activated)
        self.editingFinished.connect(self._on_editing_finished)
        self._filled = False  # suggestions are read on focus: a big map has 100,000 names

    def refresh(self) -> None:
        """Reload the suggestions from the network."""
        people = sorted(
            (p for p in self.network.people.values() if p.id not in self.exclude),
            key=lambda p: p.display_name.casefold(),
        )
        self._ids = {entry(p): p.id for p in people}
        self._names.setStringList(list(self._ids))
        self._filled = True

    def set_person(self, pid: PersonId | None) -> None:
        """Show ``pid`` (or nobody) without announcing it."""
        self.person = pid if pid in self.network.people else None
        with QSignalBlocker(self):
            self.setText("" if self.person is None else entry(self.network.people[self.person]))

    def pick(self, text: str) -> bool:
        """Choose the person whose entry (or unique name) is ``text``, else the one person
        whose entry holds it (the one suggestion shown); False if none or several do."""
        text = text.strip()
        if not text:
            return self._choose(None)
        if not self._filled:
            self.refresh()
        pid = self._ids.get(text)
        if pid is None:
            folded = text.casefold()
            named = [i for t, i in self._ids.items() if t.split(" — ")[0].casefold() == folded]
            named = named or [i for t, i in self._ids.items() if folded in t.casefold()]
            if len(named) > 1:
                self.sig_refused.emit(tr("{count} people match '{text}': pick one of the "
                                         "suggestions").format(count=len(named), text=text))
                return False
            pid = named[0] if named else None
        if pid is None:
            self.sig_refused.emit(tr("nobody called '{text}' on this map").format(text=text))
            return False
        return self._choose(pid)

    def _choose(self, pid: PersonId | None) -> bool:
        self.set_person(pid)
        self.sig_picked.emit(pid)
        return True

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.refresh()
        super().focusInEvent(event)

    def _on_completer_activated(self, text: str) -> None:
        self.pick(text)

    def _on_editing_finished(self) -> None:
        current = "" if self.person is None else entry(self.network.people[self.person])
        if self.text().strip() != current:
            self.pick(self.text())


class PickPersonDialog(QDialog):
    """Asks for one person, e.g. the other end of a new tie."""

    def __init__(
        self,
        network: Network,
        *,
        title: str,
        prompt: str,
        exclude: Collection[PersonId] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.picker = PersonPicker(network, exclude=exclude)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.picker.sig_refused.connect(self.message.setText)
        self.picker.sig_picked.connect(lambda _: self.message.clear())
        # Choosing a suggestion (Enter or a click) is the answer: one Enter, not two. So is
        # Enter on what was typed, though the suggestions showing take that key first.
        self.picker.completer().activated.connect(self._on_buttons_accepted)
        self.picker.returnPressed.connect(self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.picker)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(380, self.sizeHint().height())

    def _on_buttons_accepted(self) -> None:
        if self.result() == QDialog.DialogCode.Accepted:
            return  # answered already (Enter reaches the field, then the OK button)
        if self.picker.pick(self.picker.text()) and self.picker.person is not None:
            self.accept()
        elif self.picker.person is None and not self.message.text():
            self.message.setText(tr("Choose a person"))
