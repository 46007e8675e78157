"""Find an Introduction…: whom to ask to reach a person, an organisation or a sphere; the
chosen chain is lit on the map and the rest faded while the dialog is open."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relmap.analysis.warm_paths import WarmPath, targets, warm_paths
from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.ids import PersonId
from relmap.document.document import Document

PATH_ROLE = Qt.ItemDataRole.UserRole
KINDS = (("person", tr("A person")), ("org", tr("An organisation")), ("sphere", tr("A sphere")))
SHOWN = 5


class IntroDialog(QDialog):
    """``sig_path_chosen(tuple[PersonId, ...])`` when a chain is picked; () when closed."""

    sig_path_chosen = Signal(object)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Find an Introduction"))
        self.resize(560, 420)
        self.document = document
        self.kind, self.what = QComboBox(), QLineEdit()
        for key, label in KINDS:
            self.kind.addItem(label, key)
        self.what.setPlaceholderText(tr("Type a name…"))
        self.kind.setAccessibleName(tr("Reach a person, an organisation or a sphere"))
        self.what.setAccessibleName(tr("Whom to reach: type a name"))
        self.find_button = QPushButton(tr("Find"))
        self.find_button.setDefault(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.paths = QListWidget()
        self.paths.setWordWrap(True)
        self.paths.setAlternatingRowColors(True)
        self.paths.setAccessibleName(tr("Who could introduce you, warmest first"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(self.what, 1)
        row.addWidget(self.find_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Whom do you want to reach?")))
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.paths, 1)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.find_button.clicked.connect(self.search)
        self.what.returnPressed.connect(self.search)
        self.paths.currentItemChanged.connect(self._on_paths_current_changed)
        buttons.rejected.connect(self.reject)
        self._on_kind_changed()
        self.what.setFocus()

    def search_for(self, person: PersonId) -> None:
        """List the chains to ``person`` (found by id: two people may share a name)."""
        self.kind.setCurrentIndex(self.kind.findData("person"))
        self.what.setText(self.document.network.people[person].display_name)
        self._show(frozenset({person}), self.what.text())

    def _on_kind_changed(self) -> None:
        network, kind = self.document.network, self.kind.currentData()
        if kind == "person":
            names = [p.display_name for p in network.people.values() if not p.is_me]
        elif kind == "org":
            names = list({p.organisation for p in network.people.values() if p.organisation})
        else:
            names = [s.name for s in network.spheres.values()]
        completer = QCompleter(sorted(names, key=str.casefold), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.what.setCompleter(completer)

    def search(self) -> None:
        """List the best chains to what is typed, or say why there are none."""
        self.paths.clear()
        text = self.what.text().strip()
        if not text:
            self.status.setText(tr("Type whom you want to reach."))
            return
        network = self.document.network
        try:
            goal = targets(network, **{self.kind.currentData(): text})
        except KnownError as exc:
            self.status.setText(f"{str(exc)[0].upper()}{str(exc)[1:]}.")
            return
        self._show(goal, text)

    def _show(self, goal: frozenset[PersonId], text: str) -> None:
        self.paths.clear()
        found = warm_paths(self.document.shown(), goal, k=SHOWN)  # the team's, if asked
        if not found:
            self.status.setText(tr("No chain of ties from you reaches {text}.").format(text=text))
            self.sig_path_chosen.emit(())
            return
        self.status.setText(
            tr("The best {n_found} ways in, each through someone else you would ask first:").format(
                n_found=len(found)
            )
        )
        for path in found:
            self._add(path)
        self.paths.setCurrentRow(0)

    def _add(self, path: WarmPath) -> None:
        item = QListWidgetItem(path.words[0].upper() + path.words[1:])
        item.setData(PATH_ROLE, path.people)
        self.paths.addItem(item)

    def _on_paths_current_changed(self, item: QListWidgetItem | None) -> None:
        self.sig_path_chosen.emit(item.data(PATH_ROLE) if item is not None else ())

    def done(self, result: int) -> None:
        self.sig_path_chosen.emit(())
        super().done(result)
