"""Runs the auto layout in the background with a progress bar and a Cancel button."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QProgressBar, QPushButton, QStatusBar

from relmap.core.i18n import tr
from relmap.document.document import Document
from relmap.document.jobs.layout import STEPS, LayoutJob


class LayoutRunner(QObject):
    """One layout at a time; ``sig_message`` reports how it ended (or why it cannot run)."""

    sig_message = Signal(str)
    sig_rings = Signal(object)  # LayoutJob.sig_rings

    def __init__(self, document: Document, status_bar: QStatusBar, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.job: LayoutJob | None = None
        self._seed = 0
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
            self.job.sig_rings.connect(self.sig_rings)
        if self.job.running:
            return
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.job.start(seed=self._seed, ego=ego)
        self._seed += 1  # the next run tries another arrangement

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    @Slot(int, int)
    def _on_job_progress(self, done: int, _total: int) -> None:
        self.progress.setValue(done)

    def _on_job_done(self, message: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.sig_message.emit(message)
