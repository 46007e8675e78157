"""Runs the auto layout in the background with a progress bar and a Cancel button."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QProgressBar, QPushButton, QStatusBar
from shiboken6 import isValid

from relmap.core.i18n import tr
from relmap.document.document import Document
from relmap.document.jobs.layout import STEPS, LayoutJob
from relmap.document.placement import Rings, rings_laid_out


class LayoutRunner(QObject):
    """One layout at a time; ``sig_message`` reports how it ended (or why it cannot run)."""

    sig_message = Signal(str)
    # The rings of the ego layout the map is in (LayoutJob.sig_rings, or found on the map
    # opened): None once it is undone, the rings again when it is redone.
    sig_rings = Signal(object)

    def __init__(self, document: Document, status_bar: QStatusBar, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.job: LayoutJob | None = None
        self._seed = 0
        # The ego layout's step (None: the map was opened in it), its rings.
        self._rings: tuple[QUndoCommand | None, Rings] | None = None
        self._ringed = False
        self._started_at = 0  # the undo stack's index when the layout started
        document.undo_stack.indexChanged.connect(self._on_undo_index)
        document.sig_measured.connect(self._on_first_measures)
        self.progress = QProgressBar()
        self.progress.setRange(0, STEPS)
        self.progress.setMaximumWidth(180)
        self.progress.setFormat(tr("Laying out… %p%"))
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.progress, self.cancel_button):
            status_bar.addPermanentWidget(widget)
            widget.hide()

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def start(self, *, ego: bool = False) -> None:
        if self.job is None:
            self.job = LayoutJob(self.document, self)
            self.job.sig_progress.connect(self._on_job_progress)
            self.job.sig_done.connect(self._on_job_done)
            self.job.sig_rings.connect(self._on_job_rings)
        if self.job.running:
            return
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self._started_at = self.document.undo_stack.index()
        self.job.start(seed=self._seed, ego=ego)
        self._seed += 1  # the next run tries another arrangement

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    @Slot(int, int)
    def _on_job_progress(self, done: int, _total: int) -> None:
        self.progress.setValue(done)

    def _on_job_rings(self, rings: Rings | None) -> None:
        stack = self.document.undo_stack  # no step if the map already was in the layout
        self._show(stack.command(stack.index() - 1) if stack.index() > self._started_at
                   else None, rings)

    def _on_first_measures(self) -> None:
        """Show the rings of the ego layout the map was opened in, once it is measured: its
        graph view is then at hand."""
        self.document.sig_measured.disconnect(self._on_first_measures)
        if self._rings is None and (rings := rings_laid_out(self.document.network)):
            self._show(None, rings)

    def _show(self, step: QUndoCommand | None, rings: Rings | None) -> None:
        self._rings = None if rings is None else (step, rings)
        self._ringed = rings is not None
        self.sig_rings.emit(rings)

    @Slot(int)
    def _on_undo_index(self, index: int) -> None:
        """Rings are shown while the ego layout that drew them is done, and I am where it put
        me: they ring me."""
        stack = self.document.undo_stack
        if self._rings is None or not isValid(stack):  # not while the stack is torn down
            return
        step, rings = self._rings
        at = -1 if step is None else next(
            (k for k in range(stack.count()) if stack.command(k) is step), None)
        if at is None:  # undone, then another edit took its place
            self._rings = None
        me = self.document.network.me
        centred = me is not None and (me.x, me.y) == rings[0]
        if (shown := at is not None and at < index and centred) != self._ringed:
            self._ringed = shown
            self.sig_rings.emit(rings if shown else None)

    def _on_job_done(self, message: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.sig_message.emit(message)
