"""Auto layout in a worker thread: progress, cancel, and one undo step when it is done."""

from __future__ import annotations

import logging
import threading

import numpy as np
from PySide6.QtCore import QObject, Signal

from relmap.core.edits import MoveNodes
from relmap.core.errors import KnownError
from relmap.document.document import Document
from relmap.document.placement import LayoutInput, compute_layout, layout_input, moves_from
from relmap.layout import LayoutCancelled

log = logging.getLogger("relmap.layout")


class LayoutJob(QObject):
    """Lays out a frozen snapshot of the map off the GUI thread.

    The result becomes one "Auto layout" command; it is discarded if the map changed while
    the engine ran, so no edit is ever overwritten by a stale layout.
    """

    sig_progress = Signal(float)  # 0..1
    sig_finished = Signal(str)  # a message for the status bar
    _sig_done = Signal(object, object)  # (snapshot, positions or an exception), worker -> GUI

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._generation = -1
        self._ego = False
        self._sig_done.connect(self._on_worker_done)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, *, seed: int = 0, ego: bool = False) -> None:
        if self.running:
            return
        data = layout_input(self.document.network, fresh=True)
        self._generation, self._ego = self.document.generation, ego
        self._cancel.clear()
        self._thread = threading.Thread(
            target=self._work, args=(data, seed, ego), name="relmap-layout", daemon=True
        )
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> None:
        """Block until the worker has finished (the result is applied on the next event)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _work(self, data: LayoutInput, seed: int, ego: bool) -> None:
        try:
            result: object = compute_layout(
                data,
                seed=seed,
                ego=ego,
                progress=self.sig_progress.emit,
                cancelled=self._cancel.is_set,
            )
        except Exception as exc:  # handed to the GUI thread, which reports it
            result = exc
        self._sig_done.emit(data, result)

    def _on_worker_done(self, data: LayoutInput, result: object) -> None:
        self._thread = None
        if isinstance(result, LayoutCancelled) or self._cancel.is_set():
            # Cancelled, even if the engine finished first: the user asked not to apply it.
            self.sig_finished.emit("Layout cancelled")
        elif isinstance(result, Exception):
            log.error("layout failed", exc_info=result)
            self.sig_finished.emit(f"Layout failed: {result}")
        elif self.document.generation != self._generation:
            self.sig_finished.emit("Layout discarded: the map changed while it ran")
        else:
            self._apply(data, np.asarray(result))

    def _apply(self, data: LayoutInput, out: np.ndarray) -> None:
        moves = moves_from(self.document.network, data, out)
        if not moves:
            self.sig_finished.emit("Layout: nothing to move")
            return
        try:
            self.document.push(MoveNodes(moves), "Ego layout" if self._ego else "Auto layout")
        except KnownError as exc:
            self.sig_finished.emit(f"Layout not stored: {exc}")
            return
        self.sig_finished.emit(f"Laid out {len(moves)} people")
