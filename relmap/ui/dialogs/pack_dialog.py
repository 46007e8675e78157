"""File → Mentor Session Pack…: the map or a saved view, then and now since a day, redaction
and paper; written as one PDF (and PNG pages on request) through render/pack."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relmap.analysis.then_now import last_session_day
from relmap.core.dates import long_date
from relmap.core.errors import KnownError
from relmap.core.i18n import named, tr
from relmap.document.document import Document
from relmap.render.headless import ensure_gui_app
from relmap.render.options import Paper, Redaction
from relmap.render.pack import PackOptions, write_pack
from relmap.ui.dates import date_edit, day_of
from relmap.ui.panes.field_binding import error_label, show_error

_REDACTIONS = (
    (tr("Names as they are"), Redaction.NONE),
    (tr("Initials instead of names"), Redaction.INITIALS),
    (tr("Roles and spheres instead of names"), Redaction.ROLES),
)


class PackDialog(QDialog):
    """Choose what the pack shows and where it goes; ``sig_written(path)`` once written."""

    sig_written = Signal(str)

    def __init__(self, document: Document, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ensure_gui_app()
        self.document, self.settings = document, settings
        self.setWindowTitle(tr("Mentor Session Pack"))
        network, today = document.network, date.today()
        self.path, self.browse = QLineEdit(), QPushButton(tr("Browse…"))
        self.path.setAccessibleName(tr("Pack file"))
        folder = Path(str(settings.value("export/folder", str(Path.home()))))
        self.path.setText(
            str(folder / tr("mentor-session-{isoformat}.pdf").format(isoformat=today.isoformat()))
        )
        self.view = QComboBox()
        self.view.addItem(tr("The whole map"), None)
        for view in sorted(network.views.values(), key=lambda v: v.name.casefold()):
            self.view.addItem(tr("View: {name}").format(name=view.name), view.id)
        last = last_session_day(network, today=today)
        self.since = date_edit(last or today - timedelta(days=90), latest=today)
        self.since.setAccessibleName(tr("Then and now since"))
        self.since_hint = QLabel(
            tr("the last session was on {long_date}").format(long_date=long_date(last))
            if last
            else tr("no earlier session is recorded")
        )
        self.redaction = QComboBox()
        for words, mode in _REDACTIONS:
            self.redaction.addItem(words, mode.value)
        self.paper = QComboBox()
        for paper in Paper:
            self.paper.addItem(named(paper), paper.value)
        self.png = QCheckBox(tr("Also write each page as a PNG image"))
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(tr("Write Pack"), QDialogButtonBox.ButtonRole.AcceptRole)
        self._layout()
        self.browse.clicked.connect(self._on_browse_clicked)
        self.buttons.accepted.connect(self.write)
        self.buttons.rejected.connect(self.reject)

    def _layout(self) -> None:
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        since_row = QHBoxLayout()
        since_row.addWidget(self.since)
        since_row.addWidget(self.since_hint, 1)
        form = QFormLayout()
        form.addRow(tr("File:"), path_row)
        form.addRow(tr("Map:"), self.view)
        form.addRow(tr("Then and now since:"), since_row)
        form.addRow(tr("Names:"), self.redaction)
        form.addRow(tr("Paper:"), self.paper)
        form.addRow("", self.png)
        about = QLabel(
            tr(
                "Six pages a mentor reads in five minutes: the map, the state of your "
                "network, goals and gaps, who is drifting, then and now, and the "
                "questions you bring (Edit → Mentor Sessions…)."
            )
        )
        about.setWordWrap(True)
        outer = QVBoxLayout(self)
        outer.addWidget(about)
        outer.addLayout(form)
        outer.addWidget(self.error)
        outer.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _on_browse_clicked(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("Mentor Session Pack"), self.path.text(), tr("PDF (*.pdf)")
        )
        if chosen:
            self.path.setText(chosen)

    def options(self) -> PackOptions:
        network = self.document.network
        view = self.view.currentData()
        return PackOptions(
            paper=Paper(self.paper.currentData()),
            redaction=Redaction(self.redaction.currentData()),
            view=network.views.get(view) if view is not None else None,
            since=day_of(self.since), png=self.png.isChecked())

    def write(self) -> bool:
        """Write the pack; on success remember the folder, announce it and close."""
        text = self.path.text().strip()
        if not text:
            show_error(None, self.error, tr("Choose a file to write the pack to."))
            return False
        target = Path(text).expanduser()
        if target.suffix.casefold() != ".pdf":
            target = target.with_suffix(".pdf")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            history = self.document.history()
            write_pack(self.document.network, history, target, self.options())
        except KnownError as exc:
            show_error(None, self.error, str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.settings.setValue("export/folder", str(target.parent))
        self.sig_written.emit(str(target))
        self.accept()
        return True
