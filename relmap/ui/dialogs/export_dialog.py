"""File → Export Map…: the options, a live preview and the export itself, through render/."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relmap.core.errors import KnownError
from relmap.core.i18n import number, tr
from relmap.core.ids import PersonId
from relmap.document.document import Document
from relmap.render.export import ExportCancelledError, export_map
from relmap.render.headless import ensure_gui_app
from relmap.render.options import MapOptions, PageSpec
from relmap.render.plan import prepare_map
from relmap.render.rings import EgoRings
from relmap.render.scope import people_in_scope
from relmap.render.writers import render_image
from relmap.style import Decoration
from relmap.ui.dialogs.export_options import FORMATS, ExportOptionsForm

PREVIEW_SIZE = (460, 340)
PREVIEW_DELAY_MS = 250
PROGRESS_FROM = 1500  # people: bigger exports show a progress dialog


class ExportDialog(QDialog):
    """Choose how the map looks on paper, see it, and write it as PNG, SVG or PDF.

    ``selection`` (the current filter or selection on the canvas) is offered as a scope;
    the map is decorated as the canvas is (``decoration``), with the ego layout's ``rings`` if
    the canvas shows them, so the export matches the screen.
    The choices are remembered in ``settings`` under ``export/`` after each export.
    """

    sig_exported = Signal(str)  # the path written

    def __init__(
        self,
        document: Document,
        settings: QSettings,
        *,
        selection: frozenset[PersonId],
        decoration: Decoration | None = None,
        rings: EgoRings | None = None,
        ties_to_me: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        ensure_gui_app()
        self.setWindowTitle(tr("Export Map"))
        self.document, self.settings = document, settings
        self.form = ExportOptionsForm(
            document.network, selection=selection, decoration=decoration, rings=rings,
            ties_to_me=ties_to_me, parent=self,
        )
        self.form.restore(settings)
        self._build()
        self.path.setText(self._default_path())
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.form.sig_changed.connect(self._preview_timer.start)
        self.form.format.currentIndexChanged.connect(self._on_format_changed)
        self.browse.clicked.connect(self._on_browse_clicked)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self._preview_timer.start()

    def _build(self) -> None:
        self.path, self.browse = QLineEdit(), QPushButton(tr("Browse…"))
        self.path.setAccessibleName(tr("File to write"))
        self.preview = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(*PREVIEW_SIZE)
        self.summary, self.error = QLabel(), QLabel()
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        path_row = QHBoxLayout()
        path_row.addWidget(QLabel(tr("File:")))
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        right = QVBoxLayout()
        for widget, stretch in ((self.preview, 1), (self.summary, 0), (self.error, 0)):
            right.addWidget(widget, stretch)
        top = QHBoxLayout()
        top.addWidget(self.form)
        top.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(path_row)
        outer.addLayout(top)
        outer.addWidget(self.buttons)

    def _default_path(self) -> str:
        folder = str(self.settings.value("export/folder", str(Path.home())))
        return str(
            Path(folder) / tr("network-map.{value}").format(value=self.form.map_format().value)
        )

    def _on_format_changed(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(f".{self.form.map_format().value}")))

    def _on_browse_clicked(self) -> None:
        fmt = self.form.map_format()
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            tr("Export Map"),
            self.path.text() or self._default_path(),
            f"{FORMATS[fmt]} (*.{fmt.value})",
        )
        if chosen:
            self.path.setText(chosen)

    # ----- preview and export ---------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Render the page small, exactly as it will look, into the preview."""
        try:
            page, options = self.form.page(), self.form.options()
            count = len(people_in_scope(self.document.network, options.scope))
            factor = min(PREVIEW_SIZE[0] / page.width_px, PREVIEW_SIZE[1] / page.height_px)
            image = render_image(prepare_map(self.document.network, options, page.scaled(factor)))
        except KnownError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.summary.setText(
            tr("{count} people · {width_px} × {height_px} px at {dpi:g} dpi").format(
                count=number(count),
                width_px=number(page.width_px),
                height_px=number(page.height_px),
                dpi=page.dpi,
            )
        )

    def export(self) -> bool:
        """Write the file; on success remember the choices, announce it and close."""
        text = self.path.text().strip()
        if not text:
            self.error.setText(tr("Choose a file to export to."))
            return False
        target = Path(text).expanduser()
        try:
            page, options = self.form.page(), self.form.options()
            count = len(people_in_scope(self.document.network, options.scope))
            self._write(target, page, options, big=count >= PROGRESS_FROM)
        except ExportCancelledError:
            self.error.setText(tr("Export cancelled; nothing was written."))
            return False
        except KnownError as exc:
            self.error.setText(str(exc))
            return False
        self.form.save(self.settings)
        self.settings.setValue("export/folder", str(target.parent))
        self.settings.sync()
        self.sig_exported.emit(str(target))
        self.accept()
        return True

    def _write(self, target: Path, page: PageSpec, options: MapOptions, *, big: bool) -> None:
        progress = (
            QProgressDialog(tr("Exporting the map…"), tr("Cancel"), 0, 100, self) if big else None
        )

        def report(fraction: float, stage: str) -> None:
            if progress is None:
                return
            progress.setLabelText(f"{stage}…")
            progress.setValue(round(fraction * 100))
            ensure_gui_app().processEvents()
            if progress.wasCanceled():
                raise ExportCancelledError(tr("export cancelled"))

        if progress is not None:
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(0)
        try:
            export_map(
                self.document.network,
                target,
                self.form.map_format(),
                options=options,
                page=page,
                progress=report,
            )
        finally:
            if progress is not None:
                progress.close()
