"""The sphere manager: create, rename, recolour, describe, merge and delete spheres."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relmap.core.edits import Batch, UpdateSphere
from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.ids import SphereId
from relmap.core.network import ChangeSet
from relmap.document.document import Document
from relmap.style import SPHERE_PALETTE, lightness
from relmap.ui import operations
from relmap.ui.panes.field_binding import error_label, show_error
from relmap.ui.panes.people_model import sphere_icon

SPHERE_ROLE = Qt.ItemDataRole.UserRole
NAME, MEMBERS, DESCRIPTION = 0, 1, 2


def grey(colour: str) -> str:
    level = round(lightness(colour) / 100 * 255)
    return QColor(level, level, level).name()


class SphereManager(QDialog):
    """A table of spheres: edit a name or description in place; act on the current row."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Spheres of influence"))
        self.document = document
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(tr("Spheres"))
        self.table.setHorizontalHeaderLabels([tr("Name"), tr("People"), tr("Description")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(NAME, 200)
        self.table.setColumnWidth(MEMBERS, 60)
        self.greyscale = QCheckBox(tr("Preview in greyscale (as printed)"))
        self.new_button = QPushButton(tr("New sphere"))
        self.colour_button = QPushButton(tr("Colour"))
        self.colour_menu = QMenu(self)
        self.colour_button.setMenu(self.colour_menu)
        self.merge_button = QPushButton(tr("Merge into"))
        self.merge_menu = QMenu(self)
        self.merge_button.setMenu(self.merge_menu)
        self.delete_button = QPushButton(tr("Delete"))
        self.print_safe = QPushButton(tr("Print-safe colours"))
        self.print_safe.setToolTip(
            tr("Give every sphere a colour from a palette that stays apart in a greyscale print")
        )
        self.error = error_label()
        self._build()
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.table.currentCellChanged.connect(self._on_table_current_changed)
        self.greyscale.toggled.connect(self.refresh)
        self.new_button.clicked.connect(self._on_new_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.print_safe.clicked.connect(self._on_print_safe_clicked)
        self.colour_menu.aboutToShow.connect(self._fill_colour_menu)
        self.merge_menu.aboutToShow.connect(self._fill_merge_menu)
        document.sig_changed.connect(self._on_document_changed)
        self.resize(620, 420)
        self.refresh()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.new_button, self.colour_button, self.merge_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        row = QHBoxLayout()
        row.addWidget(self.greyscale, 1)
        row.addWidget(self.print_safe)
        layout.addLayout(row)

    @property
    def current(self) -> SphereId | None:
        return self.sphere_at(self.table.currentRow())

    def sphere_at(self, row: int) -> SphereId | None:
        item = self.table.item(row, NAME)
        return None if item is None else SphereId(int(item.data(SPHERE_ROLE)))

    def select(self, sphere: SphereId) -> None:
        for row in range(self.table.rowCount()):
            if self.sphere_at(row) == sphere:
                self.table.setCurrentCell(row, NAME)

    def refresh(self) -> None:
        net = self.document.network
        current = self.current
        spheres = sorted(net.spheres.values(), key=lambda s: s.name.casefold())
        with QSignalBlocker(self.table):
            self.table.setRowCount(len(spheres))
            for row, sphere in enumerate(spheres):
                colour = grey(sphere.colour) if self.greyscale.isChecked() else sphere.colour
                name = QTableWidgetItem(sphere_icon((colour,)), sphere.name)
                name.setData(SPHERE_ROLE, sphere.id)
                count = QTableWidgetItem(str(len(net.members(sphere.id))))
                count.setFlags(count.flags() & ~Qt.ItemFlag.ItemIsEditable)
                count.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, NAME, name)
                self.table.setItem(row, MEMBERS, count)
                self.table.setItem(row, DESCRIPTION, QTableWidgetItem(sphere.description))
        if current is not None:
            self.select(current)
        self._on_table_current_changed()

    def _run(self, action: str, *args: object) -> None:
        try:
            getattr(operations, action)(self.document, *args)
            show_error(None, self.error, None)
        except KnownError as exc:
            show_error(None, self.error, str(exc))

    def set_colour(self, sphere: SphereId, colour: str) -> None:
        name = self.document.network.spheres[sphere].name
        try:
            self.document.push(
                UpdateSphere(sphere, {"colour": colour}), tr("Recolour {name}").format(name=name)
            )
        except KnownError as exc:
            show_error(None, self.error, str(exc))

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        sphere = self.sphere_at(item.row())
        if sphere is None:
            return
        field = "name" if item.column() == NAME else "description"
        value = item.text().strip()
        old = self.document.network.spheres[sphere]
        verb = tr("Rename") if field == "name" else tr("Describe")
        try:
            self.document.push(UpdateSphere(sphere, {field: value}), f"{verb} {old.name}")
            show_error(None, self.error, None)
        except KnownError as exc:
            show_error(None, self.error, str(exc))
            self.refresh()

    def _on_table_current_changed(self, *_: object) -> None:
        some = self.current is not None
        for button in (self.colour_button, self.merge_button, self.delete_button):
            button.setEnabled(some)
        self.merge_button.setEnabled(some and len(self.document.network.spheres) > 1)

    def _on_new_clicked(self) -> None:
        names = {s.name for s in self.document.network.spheres.values()}
        name = next(
            tr("New sphere {i}").format(i=i)
            for i in range(1, len(names) + 2)
            if f"New sphere {i}" not in names
        )
        try:
            sphere = operations.create_sphere(self.document, name)
        except KnownError as exc:
            show_error(None, self.error, str(exc))
            return
        self.select(sphere)
        item = self.table.item(self.table.currentRow(), NAME)
        if item is not None:
            self.table.editItem(item)

    def _on_delete_clicked(self) -> None:
        if self.current is not None:
            self._run("delete_sphere", self.current)

    def _on_print_safe_clicked(self) -> None:
        """Recolour all spheres from the palette, biggest first, as one undo step."""
        net = self.document.network
        spheres = sorted(net.spheres, key=lambda s: (-len(net.members(s)), s))
        edits = tuple(
            UpdateSphere(sid, {"colour": SPHERE_PALETTE[i % len(SPHERE_PALETTE)]})
            for i, sid in enumerate(spheres)
        )
        if edits:
            try:
                self.document.push(Batch(edits), tr("Print-safe sphere colours"))
            except KnownError as exc:
                show_error(None, self.error, str(exc))

    def _fill_colour_menu(self) -> None:
        self.colour_menu.clear()
        for colour in SPHERE_PALETTE:
            shown = grey(colour) if self.greyscale.isChecked() else colour
            action = self.colour_menu.addAction(sphere_icon((shown,)), colour)
            action.triggered.connect(partial(self._on_colour_picked, colour))
        self.colour_menu.addSeparator()
        custom = self.colour_menu.addAction(tr("Custom…"))
        custom.triggered.connect(self._on_custom_colour)

    def _on_colour_picked(self, colour: str) -> None:
        if self.current is not None:
            self.set_colour(self.current, colour)

    def _on_custom_colour(self) -> None:
        if self.current is None:
            return
        start = QColor(self.document.network.spheres[self.current].colour)
        colour = QColorDialog.getColor(start, self, tr("Sphere colour"))
        if colour.isValid():
            self.set_colour(self.current, colour.name())

    def _fill_merge_menu(self) -> None:
        self.merge_menu.clear()
        source = self.current
        for sphere in sorted(self.document.network.spheres.values(), key=lambda s: s.name):
            if sphere.id != source:
                action = self.merge_menu.addAction(sphere_icon((sphere.colour,)), sphere.name)
                action.triggered.connect(partial(self._on_merge_picked, sphere.id))

    def _on_merge_picked(self, target: SphereId) -> None:
        if self.current is not None:
            self._run("merge_spheres", self.current, target)
            self.select(target)

    def _on_document_changed(self, changes: ChangeSet) -> None:
        if changes.spheres or changes.people:
            self.refresh()
