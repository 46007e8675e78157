"""File → Import…: pick a format and a file, read it in the background, review, import."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QStandardPaths, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from relmap.core.edits import Edit
from relmap.core.errors import KnownError
from relmap.core.i18n import ntr, number, tr
from relmap.document.document import Document
from relmap.document.importing import PendingImport
from relmap.document.jobs.base import Job, JobOutcome
from relmap.document.jobs.imports import PlaceJob, ReadJob
from relmap.io.errors import ImportRefusedError
from relmap.io.formats import HEADED_CSV, IMPORT_FORMATS, guess_format
from relmap.io.importers.generic_csv import preview
from relmap.io.options import ParseOptions
from relmap.io.pipeline.plan import ParsedFile
from relmap.ui.dialogs.import_mapping import MappingPage
from relmap.ui.dialogs.import_review import ReviewPage

log = logging.getLogger("relmap.ui")
SOURCE, MAPPING, READING, REVIEW = range(4)


def _downloads() -> str:
    """Where exports are saved as they are downloaded, or home if there is no such folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


class ImportDialog(QDialog):
    """Source → (column mapping for CSV) → reading (progress, Cancel) → review → Import;
    ``path`` names the file at once.

    The file is read by a ReadJob; matching, the review and the edit happen on
    the GUI thread against ``document.network``. Import backs the map up, then pushes the
    whole import as one command ("Import LinkedIn").
    """

    def __init__(self, document: Document, parent: QWidget | None = None, *,
                 path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Import"))
        self.resize(820, 600)
        self.document = document
        self.job: Job | None = None
        self.pending: PendingImport | None = None
        self.outcome = ""  # what an accepted import did, in one line
        self.pages = QStackedWidget()
        self.mapping_page, self.review_page = MappingPage(), ReviewPage()
        for page in (
            self._source_page(),
            self.mapping_page,
            self._reading_page(),
            self.review_page,
        ):
            self.pages.addWidget(page)
        self._build_buttons()
        self.review_page.sig_decided.connect(self._on_review_decided)
        self._show(SOURCE)
        if path is not None:  # a file dropped on the window
            self.path_edit.setText(str(path))
            self._recognise()

    # --- building ------------------------------------------------------------------------

    def _source_page(self) -> QWidget:
        page = QWidget()
        self.format_combo = QComboBox()
        for fmt in IMPORT_FORMATS.values():
            self.format_combo.addItem(fmt.label, fmt.name)
        self.path_edit, self.browse_button = QLineEdit(), QPushButton(tr("Browse…"))
        self.path_edit.setAccessibleName(tr("File to import"))
        self.company_spheres = QCheckBox(tr("Make each company a sphere"))
        self.note_label, self.error_label = QLabel(), QLabel()
        for label in (self.note_label, self.error_label):
            label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b")
        self._recognised = ""  # the file the format was last chosen for
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        form = QFormLayout(page)
        form.addRow(tr("Format"), self.format_combo)
        form.addRow(tr("File"), row)
        form.addRow("", self.company_spheres)
        form.addRow(self.note_label)
        form.addRow(self.error_label)
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.path_edit.editingFinished.connect(self._recognise)
        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self._on_format_changed()
        return page

    def _reading_page(self) -> QWidget:
        page = QWidget()
        self.reading_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.reading_label)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        return page

    def _build_buttons(self) -> None:
        self.back_button = QPushButton(tr("Back"))
        self.next_button = QPushButton(tr("Next"))
        self.import_button = QPushButton(tr("Import"))
        self.cancel_button = QPushButton(tr("Cancel"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        for button in (self.next_button, self.import_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(self._on_back_clicked)
        self.next_button.clicked.connect(self._on_next_clicked)
        self.import_button.clicked.connect(self.import_now)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)

    # --- flow ----------------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def _show(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.back_button.setVisible(page in (MAPPING, REVIEW))
        self.next_button.setVisible(page in (SOURCE, MAPPING))
        self.import_button.setVisible(page == REVIEW)
        # Enter goes on to what comes next, wherever the focus was: a button hidden with its
        # page hands the focus on, and Enter pressed Cancel after Next led to the review.
        primary = self.import_button if page == REVIEW else self.next_button
        primary.setDefault(True)
        focus = {SOURCE: self.path_edit, MAPPING: self.next_button, REVIEW: self.import_button}
        if page in focus:
            focus[page].setFocus()

    def _path(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            self.error_label.setText(tr("Choose a file to import."))
            return None
        return Path(text).expanduser()

    def _on_format_changed(self) -> None:
        self.company_spheres.setVisible(self.fmt == "linkedin")
        self.note_label.clear()
        self.error_label.clear()

    def _recognise(self) -> None:
        """Choose the format the file named looks like, once for each file named: the user
        may choose another after. A CSV file stays with the column mapping if that was
        chosen, since it reads any CSV file."""
        text = self.path_edit.text().strip()
        if not text or text == self._recognised:
            return
        self._recognised = text
        guess = guess_format(Path(text).expanduser())
        if guess is None or guess == self.fmt or (self.fmt == "csv" and guess in HEADED_CSV):
            return
        self.format_combo.setCurrentIndex(self.format_combo.findData(guess))
        self.note_label.setText(tr("Format set to {label} to match the file.").format(
            label=IMPORT_FORMATS[guess].label))

    def _on_browse_clicked(self) -> None:
        formats = IMPORT_FORMATS.values()
        every = sorted({pattern for fmt in formats for pattern in fmt.patterns})
        name, _ = QFileDialog.getOpenFileName(
            self, tr("Import"), self.path_edit.text().strip() or _downloads(), ";;".join([
                tr("Every format relmap imports ({patterns})").format(patterns=" ".join(every)),
                *(f"{fmt.label} ({' '.join(fmt.patterns)})" for fmt in formats),
                tr("All files (*)")]))
        if name:
            self.path_edit.setText(name)
            self._recognise()

    def _on_next_clicked(self) -> None:
        path = self._path()
        if path is None:
            return
        self._recognise()
        if self.pages.currentIndex() == MAPPING:
            self.start(path, ParseOptions(mapping=self.mapping_page.mapping()))
        elif self.fmt == "csv":
            try:
                self.mapping_page.show_preview(preview(path))
            except ImportRefusedError as exc:
                self.error_label.setText(str(exc))
                return
            self._show(MAPPING)
        else:
            self.start(path, ParseOptions(company_spheres=self.company_spheres.isChecked()))

    def _on_back_clicked(self) -> None:
        back = MAPPING if self.pages.currentIndex() == REVIEW and self.fmt == "csv" else SOURCE
        self._show(back)

    def _on_cancel_clicked(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.reading_label.setText(tr("Cancelling…"))
            return
        self.reject()

    def start(self, path: Path, options: ParseOptions) -> None:
        """Read ``path`` in the background; the review follows, or the reason it failed."""
        self.error_label.clear()
        self.reading_label.setText(tr("Reading {name}…").format(name=path.name))
        self._run(ReadJob(self.fmt, path, options, self), self._on_read_finished)

    def _run(self, job: Job, finished: Callable[[JobOutcome], None]) -> None:
        self.job = job
        job.sig_progress.connect(self._on_job_progress)
        job.sig_finished.connect(finished)
        self.progress.setRange(0, 0)
        self._show(READING)
        job.start()

    @Slot(int, int)
    def _on_job_progress(self, done: int, total: int) -> None:
        if done:  # until then the bar just shows that work is going on
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

    def _on_read_finished(self, outcome: JobOutcome) -> None:
        self._finish_job()
        if not outcome.ok:
            self.error_label.setText(
                tr("The import was cancelled; nothing was changed.")
                if outcome.cancelled
                else outcome.error
            )
            self._show(SOURCE)
            return
        assert isinstance(outcome.value, ParsedFile)
        self.pending = PendingImport.match(outcome.value, self.document.network)
        self.review_page.show_plan(self.pending.plan)
        self._update_counts()
        self._show(REVIEW)

    def _finish_job(self) -> None:
        if self.job is not None:
            self.job.wait()
            self.job.deleteLater()
            self.job = None

    def _update_counts(self) -> None:
        """Resolve with the decisions shown, matching again if the map changed meanwhile."""
        assert self.pending is not None
        self.pending.decide(self.document.network, self.review_page.chosen())
        self.review_page.show_counts(self.pending.resolution.counts, self.pending.issues)
        self.import_button.setEnabled(not self.pending.resolution.empty)

    def _on_review_decided(self) -> None:
        self._update_counts()

    def import_now(self) -> None:
        """Place the new people around the map (in the background), then back the map up and
        push the import as one undo step."""
        if self.pending is None:
            return
        self._update_counts()
        resolution = self.pending.resolution
        if resolution.empty:
            return
        self.review_page.show_note("")
        new = resolution.counts.people.new
        self.reading_label.setText(
            ntr(
                "Placing {n} new person on the map…", "Placing {n} new people on the map…", new
            ).format(n=number(new))
        )
        self._run(PlaceJob(resolution.edit, self.document, self), self._on_placed)

    def _back_to_review(self, note: str) -> None:
        self._show(REVIEW)
        self.review_page.show_note(note)

    def _on_placed(self, outcome: JobOutcome) -> None:
        self._finish_job()
        if outcome.stale:  # the map changed while placing: again, on the map as it is
            self.import_now()
            return
        if not outcome.ok:
            self._back_to_review(
                tr("Import cancelled: nothing was changed.")
                if outcome.cancelled
                else tr("The import was not stored: {error}").format(error=outcome.error)
            )
            return
        assert self.pending is not None
        label = tr("Import {format}").format(format=self.pending.parsed.format)
        try:
            self.document.push_import(cast(Edit, outcome.value), label)
        except KnownError as exc:
            log.warning("import refused: %s", exc)
            self._back_to_review(tr("The import was not stored: {exc}").format(exc=exc))
            return
        self.outcome = tr("{outcome} Ctrl+Z undoes it.").format(outcome=self.pending.outcome)
        self.accept()

    def done(self, result: int) -> None:
        if self.job is not None:  # closing while reading: stop the thread first
            self.job.cancel()
            self._finish_job()
        super().done(result)
