"""Focus on people and their neighbourhood, 1 to 6 steps out: the canvas fades everyone else."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from relmap.analysis.graph import graph_view
from relmap.core.i18n import number, tr
from relmap.core.ids import PersonId
from relmap.core.network import ChangeSet

if TYPE_CHECKING:
    from relmap.ui.canvas.network_canvas import NetworkCanvas

MAX_DEPTH = 6


class NeighbourhoodFocus(QObject):
    """``sig_changed(str)`` says what is in focus, for the status bar ("" once left)."""

    sig_changed = Signal(str)

    def __init__(self, canvas: NetworkCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.centre: frozenset[PersonId] = frozenset()
        self.depth = 1
        canvas.document.sig_changed.connect(self._on_document_changed)

    @property
    def active(self) -> bool:
        return bool(self.centre)

    def start(self, centre: frozenset[PersonId], depth: int = 1) -> None:
        """Focus on ``centre`` and everyone within ``depth`` ties of them."""
        self.centre, self.depth = frozenset(centre), max(1, min(MAX_DEPTH, depth))
        self._show()

    def deepen(self, step: int) -> None:
        """One step further out (+1) or closer in (−1)."""
        if self.active:
            self.start(self.centre, self.depth + step)

    def leave(self) -> None:
        if self.active:
            self.centre = frozenset()
            self.canvas.set_spotlight(frozenset())
            self.sig_changed.emit("")

    def _show(self) -> None:
        network = self.canvas.document.network
        self.centre = self.centre & network.people.keys()
        if not self.centre:
            self.leave()
            return
        view = graph_view(network)
        shown = frozenset().union(*(view.within(p, self.depth) for p in self.centre))
        self.canvas.set_spotlight(shown)
        names = sorted(network.people[p].display_name for p in self.centre)
        who = names[0] if len(names) == 1 else tr("{n_names} people").format(n_names=len(names))
        steps = tr("1 step") if self.depth == 1 else tr("{depth} steps").format(depth=self.depth)
        self.sig_changed.emit(
            tr(
                "Focus on {who}, {steps} out: {n_shown} people. + and − change "
                "the steps, Esc leaves."
            ).format(who=who, steps=steps, n_shown=number(len(shown)))
        )

    def _on_document_changed(self, changes: ChangeSet) -> None:
        if self.active and (changes.structural or changes.ties):
            self._show()
