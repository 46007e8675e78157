"""The column-mapping step of a generic CSV import: a field per column, over a preview."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relmap.core.i18n import tr
from relmap.io.importers.column_mapping import FIELDS_OF, IGNORE, suggest
from relmap.io.importers.generic_csv import CsvPreview

_KINDS = {
    "people": tr("A list of people"),
    "ties": tr("A list of ties (who knows whom)"),
    "interactions": tr("A list of meetings, calls… (interactions)"),
}
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
IGNORE_LABEL = "(ignore)"


class MappingPage(QWidget):
    """Shows the first rows of a CSV file and lets the user say what each column holds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = QLabel()
        self.kind = QComboBox()
        for key, text in _KINDS.items():
            self.kind.addItem(text, key)
        self.table = QTableWidget()
        self.headers: list[str] = []
        self.combos: list[QComboBox] = []
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("The file is")))
        row.addWidget(self.kind, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(row)
        layout.addWidget(QLabel(tr("What does each column hold?")))
        layout.addWidget(self.table, 1)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)

    def show_preview(self, preview: CsvPreview) -> None:
        """Fill the table with ``preview`` and select the suggested mapping."""
        self.headers = list(preview.headers)
        separator = _DELIMITERS.get(preview.delimiter, repr(preview.delimiter))
        self.info.setText(
            tr(
                "Columns separated by {separator}; text read as {encoding}. The first {n_rows} "
                "rows:"
            ).format(separator=separator, encoding=preview.encoding, n_rows=len(preview.rows))
        )
        self.table.clear()
        self.table.setColumnCount(len(self.headers))
        self.table.setRowCount(len(preview.rows) + 1)
        self.table.setHorizontalHeaderLabels(self.headers)
        self.table.setVerticalHeaderLabels(
            ["field", *(str(i) for i in range(1, len(preview.rows) + 1))]
        )
        for r, cells in enumerate(preview.rows, start=1):
            for c, text in enumerate(cells[: len(self.headers)]):
                self.table.setItem(r, c, QTableWidgetItem(text.replace("\n", " ⏎ ")))
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(preview.kind))
        self.kind.blockSignals(False)
        self._fill_combos(preview.mapping)

    def mapping(self) -> dict[str, str]:
        """Column -> field as chosen; ``IGNORE`` for ignored columns."""
        return {
            h: str(combo.currentData()) for h, combo in zip(self.headers, self.combos, strict=True)
        }

    def _fields(self) -> tuple[str, ...]:
        return FIELDS_OF[self.kind.currentData()]

    def _fill_combos(self, mapping: dict[str, str]) -> None:
        self.combos = []
        for c, header in enumerate(self.headers):
            combo = QComboBox()
            combo.addItem(IGNORE_LABEL, IGNORE)
            for field in self._fields():
                combo.addItem(field, field)
            index = combo.findData(mapping.get(header, IGNORE))
            combo.setCurrentIndex(max(index, 0))
            self.table.setCellWidget(0, c, combo)
            self.combos.append(combo)

    def _on_kind_changed(self) -> None:
        self._fill_combos(suggest(self.headers, self.kind.currentData()))
