"""The slow parts of an import in QThreads (reading the file, placing the new people),
reporting progress and honouring Cancel."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from relmap.core.edits import Edit
from relmap.core.network import Network
from relmap.document.placement import with_placements
from relmap.io.errors import ImportRefusedError
from relmap.io.formats import parse_file
from relmap.io.options import ParseOptions
from relmap.io.progress import Monitor
from relmap.layout import LayoutCancelled

log = logging.getLogger("relmap.ui")


class ImportJob(QThread):
    """Reads one file off the GUI thread; the result arrives as ``sig_parsed(ParsedFile)``.

    ``sig_refused(str)`` carries the one-line reason a file cannot be imported (a cancel is
    one too). The job only reads the file: matching and the edit happen on the GUI thread.
    """

    sig_progress = Signal(int, int)  # records done, records in all
    sig_parsed = Signal(object)
    sig_refused = Signal(str)

    def __init__(
        self, fmt: str, path: Path, options: ParseOptions, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.fmt, self.path, self.options = fmt, path, options
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        monitor = Monitor(progress=self.sig_progress.emit, cancelled=self._cancel.is_set)
        try:
            parsed = parse_file(self.fmt, self.path, replace(self.options, monitor=monitor))
        except ImportRefusedError as exc:
            self.sig_refused.emit(str(exc))
            return
        self.sig_parsed.emit(parsed)


class PlaceJob(QThread):
    """Finds places on the map for the people an import adds, off the GUI thread.

    Works on ``network``, a copy the caller no longer changes; the edit with positions
    arrives as ``sig_placed(Edit)``, or ``sig_placed(None)`` if it was cancelled;
    ``sig_failed(str)`` says why it could not be done.
    """

    sig_progress = Signal(int, int)  # per mille done, 1000
    sig_placed = Signal(object)
    sig_failed = Signal(str)

    def __init__(self, edit: Edit, network: Network, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.edit, self.network = edit, network
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            placed = with_placements(
                self.edit,
                self.network,
                progress=lambda done: self.sig_progress.emit(int(1000 * done), 1000),
                cancelled=self._cancel.is_set,
            )
        except LayoutCancelled:
            placed = None
        except Exception as exc:  # a bug: say so instead of leaving the dialog waiting
            log.exception("placing the imported people failed")
            self.sig_failed.emit(str(exc))
            return
        self.sig_placed.emit(placed)
