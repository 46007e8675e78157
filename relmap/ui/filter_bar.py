"""The filter bar above the map: stacked conditions on any field or measure, each shown with
how many people it keeps and a × to remove it; Clear removes them all. The map fades (or
hides) everyone the conditions leave out."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QWidget,
)

from relmap.analysis.filters import (
    MEASURED,
    RANGES,
    Condition,
    Field,
    choices,
    filtered,
    matching,
    measures_tested,
)
from relmap.core.i18n import named, number, tr
from relmap.core.network import ChangeSet
from relmap.core.words import capital
from relmap.document.document import Document
from relmap.ui.canvas.network_canvas import NetworkCanvas

VALUE_ROLE = Qt.ItemDataRole.UserRole
_MENU = [Field.SPHERE, Field.ROLE, Field.NETWORK, None, Field.TRUST_GIVEN, Field.TRUST_RECEIVED,
         Field.QUALITY, Field.RELEVANCE, None, Field.TIE_KIND, Field.TIE_STRENGTH, Field.STATUS,
         None, Field.INFLUENCE, Field.BROKERAGE, Field.REACH, Field.TIES]


class FilterBar(QWidget):
    def __init__(self, document: Document, canvas: NetworkCanvas,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.canvas = document, canvas
        self.conditions: list[Condition] = []
        self.add_button = QToolButton()
        self.add_button.setText(tr("Filter ▾"))
        self.add_button.setToolTip(
            tr("Show only the people who match: any field or measure; conditions stack")
        )
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        for field in _MENU:
            if field is None:
                menu.addSeparator()
            else:
                menu.addAction(capital(named(field)) + "…").triggered.connect(
                    lambda _=False, f=field: self.ask(f))
        self.add_button.setMenu(menu)
        self.chips = QHBoxLayout()
        self.chip_buttons: list[QToolButton] = []  # one per condition, in order
        self.chips.setSpacing(4)
        self.count = QLabel()
        self.hide_rest = QCheckBox(tr("Hide the rest"))
        self.hide_rest.setToolTip(
            tr("Hide the people left out instead of fading them (also for Focus on Selection)")
        )
        self.hide_rest.toggled.connect(self.apply)
        for widget in (self.add_button, self.hide_rest):
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # the map keeps the keyboard
        self.clear_button = QToolButton()
        self.clear_button.setText(tr("Clear"))
        self.clear_button.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.add_button)
        row.addLayout(self.chips)
        row.addStretch(1)
        row.addWidget(self.count)
        row.addWidget(self.hide_rest)
        row.addWidget(self.clear_button)
        self._settle = QTimer(self, singleShot=True, interval=0)
        self._settle.timeout.connect(self.apply)
        document.sig_changed.connect(self._on_document_changed)
        document.sig_measured.connect(self._on_measured)
        self.measuring = False  # a condition waits for the measures of a large map
        self.apply()

    def add(self, condition: Condition) -> None:
        self.conditions.append(condition)
        self.apply()

    def remove(self, index: int) -> None:
        del self.conditions[index]
        self.apply()

    def clear(self) -> None:
        self.conditions.clear()
        self.apply()

    def set_conditions(self, conditions: list[Condition], *, hide: bool) -> None:
        """Show these conditions (a saved view being restored)."""
        self.conditions = list(conditions)
        self.hide_rest.setChecked(hide)
        self.apply()

    def apply(self) -> None:
        """Match the conditions against the map as it is now and show the result; on a
        large map not measured yet, once it is (the map keeps the last result meanwhile)."""
        network, today = self.document.network, date.today()
        self.measuring = not self.document.measures_ready(measures_tested(self.conditions))
        for old in self.chip_buttons:
            self.chips.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.chip_buttons = []
        for i, condition in enumerate(self.conditions):
            chip = QToolButton()
            self.chip_buttons.append(chip)
            kept = (tr("measuring…") if self.measuring and condition.field in MEASURED
                    else number(len(matching(network, condition, today=today))))
            chip.setText(f"{condition.words(network)} · {kept} ×")
            chip.setToolTip(tr("Remove this condition"))
            chip.clicked.connect(lambda _=False, i=i: self.remove(i))
            self.chips.addWidget(chip)
        self.clear_button.setVisible(bool(self.conditions))
        if self.measuring:
            self.count.setText(tr("measuring the network…"))
            return
        people = filtered(network, self.conditions, today=today)
        total = sum(1 for p in network.people.values() if not p.is_me)
        self.count.setText(
            ""
            if people is None
            else tr("{n_people} of {total} people").format(
                n_people=number(len(people)), total=number(total)
            )
        )
        self.canvas.set_filter(people, hide=self.hide_rest.isChecked())

    def ask(self, field: Field) -> None:
        """Ask for the values of a condition on ``field``, then add it."""
        dialog = ConditionDialog(self.document, field, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.condition() is not None:
            condition = dialog.condition()
            assert condition is not None
            self.add(condition)

    def _on_measured(self) -> None:
        if self.measuring:
            self.apply()

    def _on_document_changed(self, changes: ChangeSet) -> None:
        if self.conditions and not changes.moves_only:
            self._settle.start()


class ConditionDialog(QDialog):
    """Ticks for a list field, a range for a number."""

    def __init__(self, document: Document, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setWindowTitle(tr("Filter by {value}").format(value=named(field)))
        form = QFormLayout(self)
        self.values = QListWidget()
        self.low, self.high = QDoubleSpinBox(), QDoubleSpinBox()
        if field in RANGES:
            lo, hi = RANGES[field]
            for box, start in ((self.low, lo), (self.high, hi)):
                box.setRange(lo, hi)
                box.setDecimals(0)
                box.setValue(start)
            form.addRow(tr("From"), self.low)
            form.addRow(tr("To"), self.high)
        elif field is Field.TEXT:
            raise ValueError(tr("a text condition comes from the People search"))
        else:
            for value, words in choices(document.network, field):
                item = QListWidgetItem(words)
                item.setData(VALUE_ROLE, value)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.values.addItem(item)
            form.addRow(tr("Any of"), self.values)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def condition(self) -> Condition | None:
        """What the dialog says; None when nothing is ticked."""
        if self.field in RANGES:  # the whole scale: anyone with a value (rated, say)
            top = RANGES[self.field][1]
            high = self.high.value()
            return Condition(self.field, low=self.low.value(), high=None if high >= top else high)
        items = [self.values.item(i) for i in range(self.values.count())]
        ticked = tuple(i.data(VALUE_ROLE) for i in items
                       if i.checkState() == Qt.CheckState.Checked)
        return Condition(self.field, ticked) if ticked else None
