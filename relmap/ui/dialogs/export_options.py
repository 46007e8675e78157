"""The option widgets of the Export Map dialog: page, names, scope, look; kept in QSettings."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from relmap.analysis.views import decoration_of, view_people
from relmap.core.i18n import named, number, tr
from relmap.core.ids import PersonId
from relmap.core.model import SavedView
from relmap.core.network import Network
from relmap.render.options import (
    DPI_MAX,
    DPI_MIN,
    MapOptions,
    PageSpec,
    Paper,
    Redaction,
    ThemeName,
)
from relmap.render.redaction import Redactor
from relmap.render.rings import EgoRings
from relmap.render.scope import Scope
from relmap.render.writers import MapFormat
from relmap.style import Decoration
from relmap.ui.panes.person_picker import PersonPicker

log = logging.getLogger("relmap.ui.export")

PIXELS = "pixels"
FORMATS = {
    MapFormat.PNG: tr("PNG image"),
    MapFormat.SVG: tr("SVG drawing"),
    MapFormat.PDF: tr("PDF document"),
}
_SCOPES = {
    "all": tr("Whole map"),
    "sphere": tr("One sphere"),
    "selection": tr("Selection"),
    "focus": tr("Around a person"),
    "view": tr("A saved view"),
}
_BOXES = {"landscape": True, "transparent": False, "legend": True, "hulls": False, "rings": True,
          "leaders": True}


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


class ExportOptionsForm(QWidget):
    """Every export option as a widget; ``sig_changed`` fires on any change.

    ``page()`` and ``options()`` turn the widgets into render options; ``save``/``restore``
    keep them under ``export/`` in a QSettings.
    """

    sig_changed = Signal()

    def __init__(
        self, network: Network, *, selection: frozenset[PersonId],
        decoration: Decoration | None = None, rings: EgoRings | None = None,
        ties_to_me: bool = True, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.selection, self.decoration = selection, decoration or Decoration()
        self.rings, self.shows_ties_to_me = rings, ties_to_me
        self.network = network
        self._build(network)
        self._lay_out()
        self._connect()
        self._update_enabled()

    def _build(self, network: Network) -> None:
        self.format = _combo({f.value: text for f, text in FORMATS.items()})
        self.paper = _combo({**{p.value: named(p) for p in Paper}, PIXELS: tr("Pixels")})
        self.dpi = _spin(DPI_MIN, DPI_MAX, 300, tr(" dpi"))
        self.width_px, self.height_px = _spin(16, 30_000, 4000), _spin(16, 30_000, 3000)
        self.width_px.setAccessibleName(tr("Width in pixels"))
        self.height_px.setAccessibleName(tr("Height in pixels"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(Redactor(network, Redaction.NONE).owner_title())
        self.redaction = _combo(
            {"none": tr("Names"), "initials": tr("Initials only"), "roles": tr("Roles and spheres")}
        )
        self.scope = _combo(_SCOPES)
        selection = self.scope.findData("selection")
        self.scope.setItemText(
            selection,
            tr("Selection ({n_selection} people)").format(n_selection=number(len(self.selection))),
        )
        self.scope.model().item(selection).setEnabled(bool(self.selection))  # type: ignore[attr-defined]
        self.sphere = QComboBox()
        for sphere in sorted(network.spheres.values(), key=lambda s: s.name.casefold()):
            self.sphere.addItem(sphere.name, sphere.id)
        self.focus = PersonPicker(network)  # type a few letters: a map may hold thousands
        self.focus.setAccessibleName(tr("Person to draw the map around"))
        me = network.me
        self.focus.set_person(next(iter(sorted(self.selection)), me.id if me else None))
        self.steps = _spin(0, 6, 1)
        self.view = QComboBox()
        for saved in sorted(network.views.values(), key=lambda v: v.name.casefold()):
            self.view.addItem(saved.name, saved.id)
        self.scope.model().item(self.scope.findData("view")).setEnabled(  # type: ignore[attr-defined]
            bool(network.views))
        self.theme = _combo({"light": tr("Light"), "dark": tr("Dark")})
        self.boxes = {
            key: QCheckBox(text)
            for key, text in (
                ("landscape", tr("Landscape")),
                ("transparent", tr("Transparent background")),
                ("legend", tr("Legend")),
                ("hulls", tr("Sphere hulls")),
                ("ties_to_me", tr("Ties to me")),
                ("rings", tr("Rings of the ego layout")),
                ("leaders", tr("Leader lines for crowded labels")),
            )
        }
        self.landscape, self.transparent = self.boxes["landscape"], self.boxes["transparent"]
        self.legend, self.hulls, self.ring_box, self.leaders = (
            self.boxes[k] for k in ("legend", "hulls", "rings", "leaders")
        )
        self.boxes["ties_to_me"].setChecked(self.shows_ties_to_me)  # as the map shows them
        if self.rings is None:
            self.ring_box.setToolTip(
                tr("Shown after Map → Ego Layout, while the map shows its rings"))

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        size_row = QHBoxLayout()
        for widget in (self.width_px, QLabel("×"), self.height_px):
            size_row.addWidget(widget)
        form.addRow(tr("Format:"), self.format)
        form.addRow(tr("Paper:"), self.paper)
        form.addRow("", self.landscape)
        form.addRow(tr("Pixels:"), size_row)
        for label, field in (
            (tr("Resolution:"), self.dpi),
            (tr("Title:"), self.title),
            (tr("Names:"), self.redaction),
            (tr("Show:"), self.scope),
            (tr("Sphere:"), self.sphere),
            (tr("Person:"), self.focus),
            (tr("Steps out:"), self.steps),
            (tr("View:"), self.view),
            (tr("Theme:"), self.theme),
        ):
            form.addRow(label, field)
        for key in ("transparent", "legend", "hulls", "ties_to_me", "rings", "leaders"):
            form.addRow("", self.boxes[key])

    def _connect(self) -> None:
        for combo in self._combos().values():
            combo.currentIndexChanged.connect(self._on_widget_changed)
        for combo in (self.sphere, self.view):
            combo.currentIndexChanged.connect(self._on_widget_changed)
        self.focus.sig_picked.connect(lambda _: self._on_widget_changed())
        for spin in self._spins().values():
            spin.valueChanged.connect(self._on_widget_changed)
        for box in self.boxes.values():
            box.toggled.connect(self._on_widget_changed)
        self.title.textChanged.connect(self._on_widget_changed)

    def _on_widget_changed(self) -> None:
        self._update_enabled()
        self.sig_changed.emit()

    def _update_enabled(self) -> None:
        pixels = self.paper.currentData() == PIXELS
        self.width_px.setEnabled(pixels)
        self.height_px.setEnabled(pixels)
        self.landscape.setEnabled(not pixels)
        kind = self.scope.currentData()
        self.sphere.setEnabled(kind == "sphere")
        self.focus.setEnabled(kind == "focus")
        self.steps.setEnabled(kind == "focus")
        self.view.setEnabled(kind == "view")
        self.transparent.setEnabled(self.format.currentData() != "pdf")
        # Around a person, people are drawn on rings of their own (steps out).
        self.ring_box.setEnabled(self.rings is not None and kind != "focus")

    # ----- values -------------------------------------------------------------------------

    def map_format(self) -> MapFormat:
        return MapFormat(self.format.currentData())

    def page(self) -> PageSpec:
        """The page the widgets describe; raises KnownError for an impossible one."""
        paper = self.paper.currentData()
        if paper == PIXELS:
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
            scope=self.scope_choice(),
            theme=ThemeName(self.theme.currentData()),
            transparent=self.transparent.isChecked() and self.map_format() is not MapFormat.PDF,
            legend=self.legend.isChecked(),
            hulls=self.hulls.isChecked(),
            ties_to_me=self.boxes["ties_to_me"].isChecked(),
            leader_lines=self.leaders.isChecked(),
            decoration=decoration_of(view) if (view := self.chosen_view()) else self.decoration,
            rings=self.rings if self.ring_box.isEnabled() and self.ring_box.isChecked() else None,
        )

    def chosen_view(self) -> SavedView | None:
        """The saved view to draw, when that is the scope."""
        if self.scope.currentData() != "view" or not self.view.count():
            return None
        return self.network.views.get(self.view.currentData())

    def scope_choice(self) -> Scope:
        kind = self.scope.currentData()
        if kind == "sphere" and self.sphere.count():
            return Scope.of_sphere(self.sphere.currentData())
        if kind == "selection":
            return Scope.of_people(self.selection)
        if kind == "focus" and self.focus.person is not None:
            return Scope.around(self.focus.person, self.steps.value())
        view = self.chosen_view()
        if view is not None:
            return Scope.of_view(view_people(self.network, view, today=date.today()), view.name)
        return Scope()

    # ----- settings -----------------------------------------------------------------------

    def save(self, settings: QSettings) -> None:
        for key, combo in self._combos().items():
            settings.setValue(f"export/{key}", combo.currentData())
        for key, spin in self._spins().items():
            settings.setValue(f"export/{key}", spin.value())
        for key in _BOXES:
            settings.setValue(f"export/{key}", self.boxes[key].isChecked())

    def restore(self, settings: QSettings) -> None:
        defaults = {
            "format": "png",
            "paper": "A4",
            "redaction": "none",
            "theme": "light",
            "scope": "selection" if self.selection else "all",
        }
        for key, combo in self._combos().items():
            index = combo.findData(settings.value(f"export/{key}", defaults[key]))
            combo.setCurrentIndex(max(0, index))
        if self.scope.currentData() == "selection" and not self.selection:
            self.scope.setCurrentIndex(self.scope.findData("all"))
        for key, spin in self._spins().items():
            try:
                spin.setValue(int(str(settings.value(f"export/{key}", spin.value()))))
            except ValueError:
                log.info("ignoring a bad export/%s setting", key)
        for key, default in _BOXES.items():  # ties to me as the map shows them
            value = settings.value(f"export/{key}", default)
            self.boxes[key].setChecked(str(value).lower() in ("true", "1"))
        self._update_enabled()

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
