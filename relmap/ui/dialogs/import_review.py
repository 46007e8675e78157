"""The preview of an import: what it will do, the duplicates to decide, every warning."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relmap.core.i18n import number, tr
from relmap.io.pipeline.matching import ImportPlan
from relmap.io.pipeline.plan import Counts, Decision, Issue, in_file_order

MAX_ROWS = 500  # duplicates listed one by one; the buttons decide for all of them
MAX_WARNINGS = 1000
_CHOICES = (
    (tr("Merge"), Decision.MERGE),
    (tr("Keep both"), Decision.KEEP_BOTH),
    (tr("Skip"), Decision.SKIP),
)


def _duplicates_text(count: int, listed: int) -> str:
    if not count:
        return tr("Nobody in the file looks like someone already known.")
    text = (
        tr("1 record looks like")
        if count == 1
        else tr("{count} records look like").format(count=number(count))
    )
    text += tr(" someone already known")
    if count > listed:
        text += tr(" ({n} more not listed follow the buttons)").format(n=number(count - listed))
    return text


class ReviewPage(QWidget):
    """Counts, duplicates with a merge / keep both / skip choice each, and warnings.

    ``sig_decided`` fires whenever a decision changes, so the counts can be recomputed.
    """

    sig_decided = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel()  # why the last Import did not happen, if it did not
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #c0392b")
        self.note.hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.duplicates_label = QLabel()
        self.duplicates = QTableWidget(0, 4)
        self.duplicates.setHorizontalHeaderLabels(
            [tr("In the file"), tr("Looks like"), tr("Because"), tr("Do")]
        )
        header = self.duplicates.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.decide_buttons: list[QPushButton] = []
        self.warnings_label = QLabel()
        self.warnings = QListWidget()
        self.decisions: dict[str, Decision] = {}
        self._keys: list[str] = []
        self._build()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.duplicates_label, 1)
        for text, decision in _CHOICES:
            button = QPushButton(tr("{text} all").format(text=text))
            button.clicked.connect(lambda _=False, d=decision: self.decide_all(d))
            buttons.addWidget(button)
            self.decide_buttons.append(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.duplicates, 2)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.warnings, 1)
        layout.addStretch(0)  # keeps the rest at the top when the lists are hidden

    def show_plan(self, plan: ImportPlan) -> None:
        """List the duplicates of ``plan`` with their default decisions."""
        self.decisions = plan.default_decisions()
        shown = plan.duplicates[:MAX_ROWS]
        self._keys = [d.draft for d in shown]
        self.duplicates.setRowCount(len(shown))
        for row, dup in enumerate(shown):
            for col, text in enumerate(
                (f"{dup.name} ({dup.draft})", dup.target_name, dup.why)
            ):
                self.duplicates.setItem(row, col, QTableWidgetItem(text))
            self.duplicates.setCellWidget(row, 3, self._combo(dup.draft))
        self.duplicates_label.setText(_duplicates_text(len(plan.duplicates), len(shown)))
        for widget in (self.duplicates, *self.decide_buttons):
            widget.setVisible(bool(plan.duplicates))
        self.show_note("")

    def show_note(self, text: str) -> None:
        """Say why the last Import did not happen (empty: hide the note)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def show_counts(self, counts: Counts, issues: list[Issue]) -> None:
        """Show what the import will do with the current decisions, and every warning."""
        self.summary.setText(counts.summary())
        lines = [str(i) for i in in_file_order((*counts.skipped, *issues))]
        self.warnings_label.setText(
            tr("Warnings and skipped records:")
            if lines
            else tr("No warnings: every record was read as it is.")
        )
        self.warnings.setVisible(bool(lines))
        self.warnings.clear()
        self.warnings.addItems(lines[:MAX_WARNINGS])
        if len(lines) > MAX_WARNINGS:
            self.warnings.addItem(tr("… and {n} more").format(n=len(lines) - MAX_WARNINGS))

    def decide_all(self, decision: Decision) -> None:
        self.decisions = dict.fromkeys(self.decisions, decision)
        for row, _key in enumerate(self._keys):
            combo = self.duplicates.cellWidget(row, 3)
            if isinstance(combo, QComboBox):
                combo.blockSignals(True)
                combo.setCurrentIndex(combo.findData(decision.value))
                combo.blockSignals(False)
        self.sig_decided.emit()

    def chosen(self) -> Mapping[str, Decision]:
        return dict(self.decisions)

    def _combo(self, key: str) -> QComboBox:
        combo = QComboBox()
        for text, decision in _CHOICES:
            combo.addItem(text, decision.value)
        combo.setCurrentIndex(combo.findData(self.decisions[key].value))
        combo.currentIndexChanged.connect(lambda _=0, k=key, c=combo: self._on_combo(k, c))
        return combo

    def _on_combo(self, key: str, combo: QComboBox) -> None:
        self.decisions[key] = Decision(str(combo.currentData()))
        self.sig_decided.emit()
