"""Editor for several email addresses or phone numbers, each with a label."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from relmap.core.errors import ValidationError
from relmap.core.i18n import tr
from relmap.core.model import ContactPoint, check_email
from relmap.ui.panes.field_binding import PAUSE_MS, error_label, show_error

LABELS = ("work", "home", "mobile", "other")
_PHONE = re.compile(r"^\+?[0-9 ()./-]*[0-9][0-9 ()./-]*(\s*(x|ext\.?)\s*[0-9]+)?$")


def check_phone(value: str) -> str:
    value = value.strip()
    if sum(c.isdigit() for c in value) < 3 or not _PHONE.match(value):
        raise ValidationError(tr("'{value}' is not a phone number").format(value=value))
    return value


class _Row(QWidget):
    def __init__(self, point: ContactPoint, placeholder: str) -> None:
        super().__init__()
        self.value = QLineEdit(point.value, placeholderText=placeholder)
        self.label = QComboBox(editable=True)
        self.label.addItems(LABELS)
        self.label.setCurrentText(point.label)
        self.label.setFixedWidth(90)
        self.remove = QToolButton(autoRaise=True)
        self.remove.setText("✕")
        self.remove.setToolTip(tr("Remove"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.value, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.remove)


class ContactPointsEditor(QWidget):
    """Rows of (value, label). Every change commits the whole list; a malformed value is
    refused at its row and nothing is stored."""

    def __init__(self, kind: str, commit: Callable[[tuple[ContactPoint, ...]], str | None]) -> None:
        super().__init__()
        self.kind, self._commit = kind, commit
        self._check = check_email if kind == "email" else check_phone
        self.rows: list[_Row] = []
        self.error = error_label()
        self.add_button = QPushButton(tr("Add {kind}").format(kind=kind))
        self.add_button.clicked.connect(self._on_add_clicked)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self._rows_box)
        layout.addWidget(self.error)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._timer.timeout.connect(self.flush)
        self._dirty = False

    def points(self) -> tuple[ContactPoint, ...]:
        return tuple(
            ContactPoint(r.value.text().strip(), r.label.currentText().strip())
            for r in self.rows
            if r.value.text().strip()
        )

    def set_points(self, points: tuple[ContactPoint, ...], *, force: bool = False) -> None:
        """Show model state (without committing it back); unsaved typing wins unless ``force``."""
        if self._dirty and not force:
            return
        self._timer.stop()
        self._dirty = False
        show_error(None, self.error, None)
        if points == self.points() and len(self.rows) == len(points):
            return
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for point in points:
            self._add_row(point)

    def _add_row(self, point: ContactPoint) -> _Row:
        row = _Row(point, tr("name@example.com") if self.kind == "email" else "+44 20 7946 0000")
        row.value.setAccessibleName(f"{self.kind} {len(self.rows) + 1}")
        row.value.textEdited.connect(self._on_value_edited)
        row.value.editingFinished.connect(self.flush)
        row.label.currentTextChanged.connect(self._on_label_changed)
        row.remove.clicked.connect(lambda: self._on_remove_clicked(row))
        self.rows.append(row)
        self._rows_box.addWidget(row)
        return row

    def flush(self) -> None:
        self._timer.stop()
        if not self._dirty:
            return
        self._dirty = False
        for row in self.rows:
            row.value.setStyleSheet("")
            text = row.value.text().strip()
            try:
                if text:
                    self._check(text)
            except ValidationError as exc:
                show_error(row.value, self.error, str(exc))
                return
        show_error(None, self.error, self._commit(self.points()))

    def _on_value_edited(self, *_: object) -> None:
        self._dirty = True
        self._timer.start()

    def _on_label_changed(self, *_: object) -> None:
        self._dirty = True
        self.flush()

    def _on_remove_clicked(self, row: _Row) -> None:
        self.rows.remove(row)
        row.deleteLater()
        self._dirty = True
        self.flush()

    def _on_add_clicked(self) -> None:
        row = self._add_row(ContactPoint("", "work" if self.kind == "email" else "mobile"))
        row.value.setFocus()
