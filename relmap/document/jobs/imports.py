"""The slow parts of an import as jobs: reading the file, placing the new people."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject

from relmap.core.edits import Edit
from relmap.core.network import Network
from relmap.document.document import Document
from relmap.document.jobs.base import Cancelled, Job, Report
from relmap.document.placement import with_placements
from relmap.io.formats import parse_file
from relmap.io.options import ParseOptions
from relmap.io.progress import Monitor

STEPS = 1000  # placing reports progress in per mille


class ReadJob(Job):
    """Reads one file; the outcome's value is the ParsedFile, or its error says why not.

    Progress counts records. The job only reads: matching and the edit happen on the GUI
    thread.
    """

    def __init__(
        self, fmt: str, path: Path, options: ParseOptions, parent: QObject | None = None
    ) -> None:
        super().__init__(parent=parent)
        self.fmt, self.path, self.options = fmt, path, options

    def work(self, report: Report, cancelled: Cancelled) -> object:
        monitor = Monitor(progress=report, cancelled=cancelled)
        return parse_file(self.fmt, self.path, replace(self.options, monitor=monitor))


class PlaceJob(Job):
    """Finds places on the map for the people ``edit`` adds; the value is the edit with them.

    Works on a copy of the document's network; the outcome is stale if the map changed
    meanwhile.
    """

    def __init__(self, edit: Edit, document: Document, parent: QObject | None = None) -> None:
        super().__init__(document=document, parent=parent)
        self.edit = edit
        self.network: Network = document.network.copy()

    def work(self, report: Report, cancelled: Cancelled) -> object:
        return with_placements(
            self.edit,
            self.network,
            progress=lambda share: report(round(share * STEPS), STEPS),
            cancelled=cancelled,
        )
