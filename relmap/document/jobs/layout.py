"""Auto layout in the background: progress, cancel, and one undo step when it is done."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from relmap.core.edits import MoveNodes
from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.document.document import Document
from relmap.document.jobs.base import Cancelled, Job, JobOutcome, Report
from relmap.document.placement import (
    LayoutInput,
    compute_layout,
    ego_rings,
    layout_input,
    moves_from,
)

STEPS = 1000  # progress is reported in per mille


class LayoutJob(Job):
    """Lays out a frozen snapshot of the map; the result becomes one "Auto layout" command.

    It is discarded if the map changed while the engine ran. ``sig_done(str)`` says how it
    ended, for the status bar.
    """

    sig_done = Signal(str)
    # After a layout, even one that moved nobody: me's position and the ego layout's rings
    # (placement.Rings), or None.
    sig_rings = Signal(object)

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(document=document, parent=parent)
        self.document: Document = document
        self._data: LayoutInput | None = None
        self._seed, self._ego = 0, False
        self.sig_finished.connect(self._on_finished)

    def start(self, *, seed: int = 0, ego: bool = False) -> None:
        if self.running:
            return
        self._data = layout_input(self.document.network, fresh=True)
        self._seed, self._ego = seed, ego
        super().start()

    def work(self, report: Report, cancelled: Cancelled) -> object:
        assert self._data is not None
        return compute_layout(
            self._data,
            seed=self._seed,
            ego=self._ego,
            progress=lambda share: report(round(share * STEPS), STEPS),
            cancelled=cancelled,
        )

    def _on_finished(self, outcome: JobOutcome) -> None:
        if outcome.cancelled:
            self.sig_done.emit(tr("Layout cancelled"))
        elif outcome.error:
            self.sig_done.emit(tr("Layout failed: {error}").format(error=outcome.error))
        elif outcome.stale:
            self.sig_done.emit(tr("Layout discarded: the map changed while it ran"))
        else:
            assert self._data is not None
            self._apply(self._data, np.asarray(outcome.value))

    def _apply(self, data: LayoutInput, out: np.ndarray) -> None:
        moves = moves_from(data, out)
        if not moves:
            self.sig_done.emit(tr("Ego layout: everyone is on their ring already")
                               if self._ego else tr("Layout: nothing to move"))
            self._rings(data, out)  # an ego layout's rings, shown again
            return
        try:
            self.document.push(
                MoveNodes(moves), tr("Ego layout") if self._ego else tr("Auto layout")
            )
        except KnownError as exc:
            self.sig_done.emit(tr("Layout not stored: {exc}").format(exc=exc))
            return
        self.sig_done.emit(tr("Laid out {n_moves} people").format(n_moves=len(moves)))
        self._rings(data, out)

    def _rings(self, data: LayoutInput, out: np.ndarray) -> None:
        me = (float(out[data.me, 0]), float(out[data.me, 1]))
        self.sig_rings.emit((me, ego_rings(data, out)) if self._ego else None)
