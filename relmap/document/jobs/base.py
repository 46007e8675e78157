"""The one idiom for background work: a worker thread that reports progress, honours Cancel,
and hands a plain result back on the GUI thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from relmap.core.errors import KnownError
from relmap.core.turns import window_waits

if TYPE_CHECKING:
    from relmap.document.document import Document

log = logging.getLogger("relmap.jobs")

Report = Callable[[int, int], None]  # (done, total)
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class JobOutcome:
    """How a job ended: its result, or why there is none."""

    value: object = None
    cancelled: bool = False
    stale: bool = False  # the map changed while the job ran; ``value`` was dropped
    error: str = ""  # why it could not be done

    @property
    def ok(self) -> bool:
        return not (self.cancelled or self.stale or self.error)


class Job(QObject):
    """Runs :meth:`work` in a worker thread; ``sig_finished(JobOutcome)`` arrives on the GUI thread.

    A cancelled job ends cancelled even if the work finished first: the user asked not to
    use it. With a ``document``, a result computed while the map changed ends stale, so no
    edit is ever overwritten by work done on an older map; a job whose work never reads
    positions (``reads_positions`` False) is not stale after a move.
    """

    reads_positions: ClassVar[bool] = True

    sig_progress = Signal(int, int)  # done, total (emitted from the worker thread)
    sig_finished = Signal(object)  # JobOutcome
    _sig_returned = Signal(object, object)  # (result, exception or None), worker -> GUI

    def __init__(
        self, *, document: Document | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._generation = -1
        self._sig_returned.connect(self._on_worker_returned)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cancel)

    def work(self, report: Report, cancelled: Cancelled) -> object:
        """The work itself, in the worker thread; raise KnownError to say why it failed."""
        raise NotImplementedError

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def outdated(self) -> bool:
        """Whether the map changed since the job started, in what its work reads."""
        return self.document is not None and self._now() != self._generation

    def _now(self) -> int:
        """The document's generation, as far as this job's work is concerned."""
        assert self.document is not None
        if self.reads_positions:
            return self.document.generation
        return self.document.content_generation

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self) -> None:
        if self.running:
            return
        self._cancel.clear()
        self._generation = -1 if self.document is None else self._now()
        # Not a daemon: the interpreter waits for it to end before Qt is torn down at exit
        # (a thread still ending while Qt cleans up can crash the process). Quitting the app
        # cancels it, so that wait is short.
        self._thread = threading.Thread(target=self._run, name=f"relmap-{type(self).__name__}")
        self._thread.start()

    @Slot()
    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> None:
        """Block until the worker has finished (its outcome arrives on the next event)."""
        if self._thread is not None:
            with window_waits():
                self._thread.join(timeout)

    def _run(self) -> None:
        try:
            result: object = self.work(self.sig_progress.emit, self._cancel.is_set)
        except Exception as exc:  # handed to the GUI thread, which reports it
            self._sig_returned.emit(None, exc)
            return
        self._sig_returned.emit(result, None)

    @Slot(object, object)
    def _on_worker_returned(self, result: object, exc: Exception | None) -> None:
        if self._thread is not None:
            self._thread.join()  # it has returned: only its last steps are left
        self._thread = None
        self.sig_finished.emit(self._outcome(result, exc))

    def _outcome(self, result: object, exc: Exception | None) -> JobOutcome:
        if self.cancelled:
            return JobOutcome(cancelled=True)
        if isinstance(exc, KnownError):
            log.warning("%s refused: %s", type(self).__name__, exc)
            return JobOutcome(error=str(exc))
        if self.outdated:  # it may have read the map half changed: whatever it met is moot
            if exc is not None:
                log.info("%s ended on a changed map", type(self).__name__, exc_info=exc)
            return JobOutcome(stale=True)
        if exc is not None:  # a bug: say so instead of leaving the user waiting
            log.error("%s failed", type(self).__name__, exc_info=exc)
            return JobOutcome(error=str(exc))
        return JobOutcome(value=result)
