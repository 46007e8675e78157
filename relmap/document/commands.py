"""One undo command per edit; edits of the same field in quick succession merge into one step."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from PySide6.QtGui import QUndoCommand

from relmap.core.edits import Edit, SetAssessment, UpdatePerson, UpdateSphere, UpdateTie
from relmap.core.network import Key

_MERGEABLE = 1  # QUndoCommand.id() of commands that may merge; mergeWith compares the keys
MERGE_WINDOW_S = 3.0  # typing pauses and slider drags merge; a later, separate change does not


def _now() -> float:
    return time.monotonic()


def merge_key(edit: Edit) -> Hashable | None:
    """Edits with the same key in a row become one undo step (typing, slider drags)."""
    match edit:
        case UpdatePerson(id=pid, changes=changes):
            return ("person", pid, frozenset(changes) - {"updated"})
        case UpdateTie(id=tid, changes=changes):
            return ("tie", tid, frozenset(changes))
        case UpdateSphere(id=sid, changes=changes):
            return ("sphere", sid, frozenset(changes))
        case SetAssessment(person=pid, field=field):
            return ("assessment", pid, field)
    return None


class EditCommand(QUndoCommand):
    """Wraps an edit that has already been applied; undo/redo go through ``run``.

    ``left`` holds each entity as this command last left it: an undo or redo merges from
    there, so a change someone else made since is a clash, not silently reverted.
    """

    def __init__(self, text: str, edit: Edit, inverse: Edit,
                 run: Callable[[EditCommand, Edit], None], left: Mapping[Key, Any]) -> None:
        super().__init__(text)
        self.edit, self.inverse_edit = edit, inverse
        self.key = merge_key(edit)
        self._run = run
        self.left = dict(left)
        self._applied = True  # the Document applied it before pushing
        self.at = _now()  # when the latest edit merged into this command was made

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._run(self, self.edit)

    def undo(self) -> None:
        self._run(self, self.inverse_edit)

    def id(self) -> int:
        return _MERGEABLE if self.key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.key != self.key:
            return False
        if other.at - self.at > MERGE_WINDOW_S:
            return False
        self.edit, self.at = other.edit, other.at  # our inverse returns to before the first
        self.left |= other.left
        return True
