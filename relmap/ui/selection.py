"""The shared selection: the people (or the one tie) the user picked, observed by every view."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from relmap.core.ids import PersonId, TieId
from relmap.core.network import Network


class Selection(QObject):
    """People or one tie, never both. ``sig_changed(origin)`` names who changed it, so the
    view that did can skip its own echo."""

    sig_changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.people: frozenset[PersonId] = frozenset()
        self.tie: TieId | None = None

    @property
    def person(self) -> PersonId | None:
        """The one selected person, or None when nobody or several people are selected."""
        return next(iter(self.people)) if len(self.people) == 1 else None

    def set_people(self, ids: frozenset[PersonId], *, origin: object | None = None) -> None:
        ids = frozenset(ids)
        if ids == self.people and self.tie is None:
            return
        self.people, self.tie = ids, None
        self.sig_changed.emit(origin)

    def set_tie(self, tie: TieId | None, *, origin: object | None = None) -> None:
        if tie == self.tie and not self.people:
            return
        self.people, self.tie = frozenset(), tie
        self.sig_changed.emit(origin)

    def clear(self, *, origin: object | None = None) -> None:
        self.set_people(frozenset(), origin=origin)

    def prune(self, network: Network) -> None:
        """Forget people and ties that are no longer on the map (after a delete or an undo)."""
        if self.tie is not None and self.tie not in network.ties:
            self.set_tie(None)
        elif not self.people <= network.people.keys():
            self.set_people(self.people & network.people.keys())
