"""File → Export Map…: options, a live preview and the export itself, through render/."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from relmap.core.errors import KnownError
from relmap.core.ids import PersonId
from relmap.document.document import Document
from relmap.render.export import ExportCancelledError, export_map
from relmap.render.headless import ensure_gui_app
from relmap.render.options import (
    DPI_MAX,
    DPI_MIN,
    MapOptions,
    PageSpec,
    Paper,
    Redaction,
    ThemeName,
)
from relmap.render.plan import prepare_map
from relmap.render.redaction import Redactor
from relmap.render.scope import Scope, people_in_scope
from relmap.render.writers import MapFormat, render_image

log = logging.getLogger("relmap.ui.export")

PREVIEW_SIZE = (460, 340)
PREVIEW_DELAY_MS = 250
PROGRESS_FROM = 1500  # people: bigger exports show a progress dialog
_PIXELS = "pixels"
_FORMATS = {MapFormat.PNG: "PNG image", MapFormat.SVG: "SVG drawing", MapFormat.PDF: "PDF document"}
_SCOPES = {
    "all": "Whole map",
    "sphere": "One sphere",
    "selection": "Selection",
    "focus": "Around a person",
}


def _combo(items: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for data, text in items.items():
        combo.addItem(text, data)
    return combo


def _spin(low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


class ExportDialog(QDialog):
    """Choose how the map looks on paper, see it, and write it as PNG, SVG or PDF.

    ``selection`` (the current filter or selection on the canvas) is offered as a scope.
    The choices are remembered in ``settings`` under ``export/``.
    """

    sig_exported = Signal(str)  # the path written

    def __init__(
        self,
        document: Document,
        settings: QSettings,
        *,
        selection: frozenset[PersonId],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        ensure_gui_app()
        self.setWindowTitle("Export Map")
        self.document, self.settings, self.selection = document, settings, selection
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self._build()
        self._restore()
        self._connect()
        self._on_option_changed()

    # ----- widgets ------------------------------------------------------------------------

    def _build(self) -> None:
        net = self.document.network
        self.path = QLineEdit()
        self.browse = QPushButton("Browse…")
        self.format = _combo({f.value: text for f, text in _FORMATS.items()})
        self.paper = _combo({**{p.value: p.value for p in Paper}, _PIXELS: "Pixels"})
        self.landscape = QCheckBox("Landscape")
        self.dpi = _spin(DPI_MIN, DPI_MAX, 300, " dpi")
        self.width_px, self.height_px = _spin(16, 30_000, 4000), _spin(16, 30_000, 3000)
        self.title = QLineEdit()
        self.title.setPlaceholderText(Redactor(net, Redaction.NONE).owner_title())
        self.redaction = _combo(
            {"none": "Names", "initials": "Initials only", "roles": "Roles and spheres"}
        )
        self.scope = _combo(_SCOPES)
        self.sphere = QComboBox()
        for sphere in sorted(net.spheres.values(), key=lambda s: s.name.casefold()):
            self.sphere.addItem(sphere.name, sphere.id)
        self.focus = QComboBox()
        for person in sorted(net.people.values(), key=lambda p: p.display_name.casefold()):
            self.focus.addItem(person.display_name, person.id)
        self.steps = _spin(0, 6, 1)
        self.theme = _combo({"light": "Light", "dark": "Dark"})
        self.transparent = QCheckBox("Transparent background")
        self.legend = QCheckBox("Legend")
        self.hulls = QCheckBox("Sphere hulls")
        self.leaders = QCheckBox("Leader lines for crowded labels")
        self.preview = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(*PREVIEW_SIZE)
        self.summary = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        size_row = QHBoxLayout()
        for widget in (self.width_px, QLabel("×"), self.height_px):
            size_row.addWidget(widget)
        rows: list[tuple[str, object]] = [
            ("File:", path_row),
            ("Format:", self.format),
            ("Paper:", self.paper),
            ("", self.landscape),
            ("Pixels:", size_row),
            ("Resolution:", self.dpi),
            ("Title:", self.title),
            ("Names:", self.redaction),
            ("Show:", self.scope),
            ("Sphere:", self.sphere),
            ("Person:", self.focus),
            ("Steps out:", self.steps),
            ("Theme:", self.theme),
            ("", self.transparent),
            ("", self.legend),
            ("", self.hulls),
            ("", self.leaders),
        ]
        for label, field in rows:
            form.addRow(label, field)  # type: ignore[call-overload]
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.summary)
        right.addWidget(self.error)
        top = QHBoxLayout()
        top.addLayout(form)
        top.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.buttons)

    def _connect(self) -> None:
        for combo in (
            self.format,
            self.paper,
            self.redaction,
            self.scope,
            self.sphere,
            self.focus,
            self.theme,
        ):
            combo.currentIndexChanged.connect(self._on_option_changed)
        for spin in (self.dpi, self.width_px, self.height_px, self.steps):
            spin.valueChanged.connect(self._on_option_changed)
        for box in (self.landscape, self.transparent, self.legend, self.hulls, self.leaders):
            box.toggled.connect(self._on_option_changed)
        self.title.textChanged.connect(self._on_option_changed)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.browse.clicked.connect(self._on_browse_clicked)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)

    # ----- options ------------------------------------------------------------------------

    def page(self) -> PageSpec:
        """The page the options describe; raises KnownError for an impossible one."""
        paper = self.paper.currentData()
        if paper == _PIXELS:
            return PageSpec.pixels(
                self.width_px.value(), self.height_px.value(), dpi=self.dpi.value()
            )
        return PageSpec.paper(
            Paper(paper), dpi=self.dpi.value(), landscape=self.landscape.isChecked()
        )

    def options(self) -> MapOptions:
        """The map options the widgets describe."""
        return MapOptions(
            title=self.title.text().strip() or None,
            redaction=Redaction(self.redaction.currentData()),
            scope=self._scope(),
            theme=ThemeName(self.theme.currentData()),
            transparent=self.transparent.isChecked() and self.format.currentData() != "pdf",
            legend=self.legend.isChecked(),
            hulls=self.hulls.isChecked(),
            leader_lines=self.leaders.isChecked(),
        )

    def _scope(self) -> Scope:
        kind = self.scope.currentData()
        if kind == "sphere" and self.sphere.count():
            return Scope.of_sphere(self.sphere.currentData())
        if kind == "selection":
            return Scope.of_people(self.selection)
        if kind == "focus" and self.focus.count():
            return Scope.around(self.focus.currentData(), self.steps.value())
        return Scope()

    def _on_option_changed(self) -> None:
        pixels = self.paper.currentData() == _PIXELS
        self.width_px.setEnabled(pixels)
        self.height_px.setEnabled(pixels)
        self.landscape.setEnabled(not pixels)
        kind = self.scope.currentData()
        self.sphere.setEnabled(kind == "sphere")
        self.focus.setEnabled(kind == "focus")
        self.steps.setEnabled(kind == "focus")
        self.transparent.setEnabled(self.format.currentData() != "pdf")
        self._preview_timer.start()

    def _on_format_changed(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(f".{self.format.currentData()}")))

    def _on_browse_clicked(self) -> None:
        fmt = self.format.currentData()
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Export Map",
            self.path.text() or self._default_path(),
            f"{_FORMATS[MapFormat(fmt)]} (*.{fmt})",
        )
        if chosen:
            self.path.setText(chosen)

    def _default_path(self) -> str:
        folder = str(self.settings.value("export/folder", str(Path.home())))
        return str(Path(folder) / f"network-map.{self.format.currentData()}")

    # ----- preview and export ---------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Render the page small, exactly as it will look, into the preview."""
        try:
            page, options = self.page(), self.options()
            count = len(people_in_scope(self.document.network, options.scope))
            factor = min(PREVIEW_SIZE[0] / page.width_px, PREVIEW_SIZE[1] / page.height_px)
            plan = prepare_map(self.document.network, options, page.scaled(factor))
            image = render_image(plan)
        except KnownError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.summary.setText(
            f"{count:,} people · {page.width_px:,} × {page.height_px:,} px at {page.dpi:g} dpi"
        )

    def export(self) -> bool:
        """Write the file; on success remember the choices, announce it and close."""
        text = self.path.text().strip()
        if not text:
            self.error.setText("Choose a file to export to.")
            return False
        target = Path(text).expanduser()
        try:
            page, options = self.page(), self.options()
            count = len(people_in_scope(self.document.network, options.scope))
            self._write(target, page, options, big=count >= PROGRESS_FROM)
        except ExportCancelledError:
            self.error.setText("Export cancelled; nothing was written.")
            return False
        except KnownError as exc:
            self.error.setText(str(exc))
            return False
        self._save(target)
        self.sig_exported.emit(str(target))
        self.accept()
        return True

    def _write(self, target: Path, page: PageSpec, options: MapOptions, *, big: bool) -> None:
        progress = QProgressDialog("Exporting the map…", "Cancel", 0, 100, self) if big else None

        def report(fraction: float, stage: str) -> None:
            if progress is None:
                return
            progress.setLabelText(f"{stage}…")
            progress.setValue(round(fraction * 100))
            ensure_gui_app().processEvents()
            if progress.wasCanceled():
                raise ExportCancelledError("export cancelled")

        if progress is not None:
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(0)
        try:
            export_map(
                self.document.network,
                target,
                MapFormat(self.format.currentData()),
                options=options,
                page=page,
                progress=report,
            )
        finally:
            if progress is not None:
                progress.close()

    # ----- settings -----------------------------------------------------------------------

    def _save(self, target: Path) -> None:
        s = self.settings
        s.setValue("export/folder", str(target.parent))
        for key, combo in self._combos().items():
            s.setValue(f"export/{key}", combo.currentData())
        for key, spin in self._spins().items():
            s.setValue(f"export/{key}", spin.value())
        for key, box in self._boxes().items():
            s.setValue(f"export/{key}", box.isChecked())
        s.sync()

    def _restore(self) -> None:
        s = self.settings
        defaults = {
            "format": "png",
            "paper": "A4",
            "redaction": "none",
            "theme": "light",
            "scope": "selection" if self.selection else "all",
        }
        for key, combo in self._combos().items():
            index = combo.findData(s.value(f"export/{key}", defaults[key]))
            combo.setCurrentIndex(max(0, index))
        for key, spin in self._spins().items():
            try:
                spin.setValue(int(str(s.value(f"export/{key}", spin.value()))))
            except ValueError:
                log.info("ignoring a bad export/%s setting", key)
        box_defaults = {
            "landscape": True,
            "transparent": False,
            "legend": True,
            "hulls": False,
            "leaders": True,
        }
        for key, box in self._boxes().items():
            value = s.value(f"export/{key}", box_defaults[key])
            box.setChecked(str(value).lower() in ("true", "1"))
        self.path.setText(self._default_path())
        me = self.document.network.me
        start = next(iter(sorted(self.selection)), me.id if me else None)
        self.focus.setCurrentIndex(max(0, self.focus.findData(start)))
        selection = self.scope.findData("selection")
        self.scope.model().item(selection).setEnabled(bool(self.selection))  # type: ignore[attr-defined]
        self.scope.setItemText(selection, f"Selection ({len(self.selection):,} people)")
        if self.scope.currentIndex() == selection and not self.selection:
            self.scope.setCurrentIndex(self.scope.findData("all"))

    def _combos(self) -> dict[str, QComboBox]:
        return {
            "format": self.format,
            "paper": self.paper,
            "redaction": self.redaction,
            "theme": self.theme,
            "scope": self.scope,
        }

    def _spins(self) -> dict[str, QSpinBox]:
        return {
            "dpi": self.dpi,
            "width": self.width_px,
            "height": self.height_px,
            "depth": self.steps,
        }

    def _boxes(self) -> dict[str, QCheckBox]:
        return {
            "landscape": self.landscape,
            "transparent": self.transparent,
            "legend": self.legend,
            "hulls": self.hulls,
            "leaders": self.leaders,
        }
