"""The Document: the one open map, its repository and its undo stack."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from relmap.core.edits import AddHistory, Batch, Edit, MoveNodes, removed_people
from relmap.core.errors import KnownError
from relmap.core.ids import PersonId
from relmap.core.model import AssessmentChange
from relmap.core.network import ChangeSet, Network
from relmap.document.commands import EditCommand
from relmap.document.importing import store_import
from relmap.document.placement import placements
from relmap.store.damage import DamagedMapError, restore
from relmap.store.repository import Repository, ensure_me

log = logging.getLogger("relmap.document")


class Document(QObject):
    """Every change is an edit pushed here: committed to the database, then announced.

    ``sig_changed(ChangeSet)`` is emitted after the database has committed; ``sig_failed(str)``
    when an undo or redo could not be stored (the map is left as it was).
    """

    sig_changed = Signal(object)
    sig_failed = Signal(str)

    def __init__(self, repository: Repository, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.repository = repository
        self.network: Network = repository.load()
        ensure_me(repository, self.network)
        self.undo_stack = QUndoStack(self)
        self.generation = 0  # bumps on every change; background work compares it
        self._history: list[AssessmentChange] | None = None  # everyone's, once read

    @classmethod
    def open(cls, target: str | os.PathLike[str], *, parent: QObject | None = None) -> Document:
        return cls(Repository(target), parent=parent)

    def close(self) -> None:
        self.repository.close()

    def push(self, edit: Edit, text: str, *, origin: object | None = None) -> ChangeSet:
        """Apply and commit ``edit`` as one undo step; raise KnownError if it is refused.

        Undoing the removal of people brings their rating history back with them.
        """
        inverse = edit.inverse(self.network)
        if gone := removed_people(edit):
            inverse = Batch((inverse, AddHistory(tuple(self.repository.history(*gone)))))
        changes = self._apply(edit, origin)
        self.undo_stack.push(EditCommand(text, edit, inverse, self._replay))
        return changes

    def push_import(self, edit: Edit, text: str) -> None:
        """Back the map up, then push ``edit`` (an import) as one undo step."""
        store_import(self.repository, lambda e: self.push(e, text), edit)

    def place_unplaced(
        self, *, seed: int = 0, progress: Callable[[float], None] | None = None
    ) -> None:
        """Give people without a position one from the layout; stored, not an undo step.

        ``progress`` hears the share done (0..1) now and then.
        """
        if all(p.placed for p in self.network.people.values()):
            return
        moves = placements(self.network, seed=seed, progress=progress)
        changes = self.repository.apply(MoveNodes(moves), self.network)
        self.sig_changed.emit(changes)

    def history(self, *people: PersonId) -> list[AssessmentChange]:
        """The rating changes of ``people``, or of everyone (read once per change), oldest
        first."""
        if people:
            return self.repository.history(*people)
        if self._history is None:
            self._history = self.repository.history()
        return self._history

    def _apply(self, edit: Edit, origin: object | None) -> ChangeSet:
        changes = self.repository.apply(edit, self.network)
        changes = replace(changes, origin=origin)
        if changes.history or changes.structural:  # a rating, or someone's history gone
            self._history = None
        self.generation += 1
        self.sig_changed.emit(changes)
        return changes

    def _replay(self, edit: Edit) -> None:
        # Called by undo/redo from inside Qt, where an exception would only be printed.
        try:
            self._apply(edit, None)
        except KnownError as exc:
            log.warning("undo/redo not stored: %s", exc)
            self.sig_failed.emit(str(exc))


def open_document(
    target: str | os.PathLike[str], *, ask: Callable[[DamagedMapError], Path | None]
) -> Document | None:
    """Open the map at ``target``. A damaged one has been moved aside: ``ask`` chooses what to
    open in its place (a backup, a salvage), which is restored and opened; None: nothing."""
    try:
        return Document.open(target)
    except DamagedMapError as damage:
        chosen = ask(damage)
        if chosen is None:
            return None
        restore(damage.db, chosen)
        return Document.open(target)
