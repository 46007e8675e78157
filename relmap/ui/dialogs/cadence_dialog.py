"""Edit → Stay-in-Touch Cadences…: the windows people inherit, from a closeness tier or a
sphere (docs/upkeep.md). Saved together as one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from relmap.core.edit_base import Batch, Edit
from relmap.core.edits import UpdateSphere
from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.ids import SphereId
from relmap.core.model import DEFAULT_TIER_CADENCES, Tier, TierCadence, check_cadence
from relmap.core.records import PutRecords
from relmap.document.document import Document
from relmap.ui.panes.field_binding import error_label, show_error

_TIER_WORDS = {
    Tier.INNER_CIRCLE: tr("Inner circle (trusted, close)"),
    Tier.CLOSE: tr("Close"),
    Tier.NETWORK: tr("Network (rated for trust)"),
}


def _days(value: int | None, off: str) -> QSpinBox:
    box = QSpinBox(minimum=0, maximum=3650, suffix=tr(" days"))
    box.setSpecialValueText(off)
    box.setValue(value or 0)
    return box


def _name(boxes: tuple[QSpinBox, QSpinBox], row: str) -> None:
    """What a screen reader says for the two boxes of a row of the grid."""
    boxes[0].setAccessibleName(tr("{row}: in touch every").format(row=row))
    boxes[1].setAccessibleName(tr("{row}: overdue after").format(row=row))


def _window(ideal: int | None, maximum: int | None, off: str) -> tuple[QSpinBox, QSpinBox]:
    """Every N days, overdue after M; M only matters, and can only be set, with an N."""
    every, most = _days(ideal, off), _days(maximum, tr("1.5 × that"))
    most.setEnabled(bool(ideal))
    every.valueChanged.connect(lambda days: most.setEnabled(days > 0))
    return every, most


class CadenceDialog(QDialog):
    """A row per tier and per sphere: every N days, at most M; 0 switches it off."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(tr("Stay-in-Touch Cadences"))
        network = document.network
        explain = QLabel(
            tr(
                "People without a cadence of their own inherit the shortest of their spheres', "
                "else their closeness tier's. Unrated people in no such sphere are never reminded."
            )
        )
        explain.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(QLabel(tr("<b>Every</b>")), 0, 1)
        grid.addWidget(QLabel(tr("<b>Overdue after</b>")), 0, 2)
        self.tiers: dict[Tier, tuple[QSpinBox, QSpinBox]] = {}
        for row, tier in enumerate(Tier, start=1):
            rule = network.cadences.get(tier, DEFAULT_TIER_CADENCES[tier])
            boxes = _window(rule.ideal, rule.maximum, "off")
            self.tiers[tier] = boxes
            _name(boxes, _TIER_WORDS[tier])
            grid.addWidget(QLabel(_TIER_WORDS[tier]), row, 0)
            grid.addWidget(boxes[0], row, 1)
            grid.addWidget(boxes[1], row, 2)
        self.spheres: dict[SphereId, tuple[QSpinBox, QSpinBox]] = {}
        first = len(Tier) + 1
        if network.spheres:
            heading = QLabel(tr("<b>Spheres</b>"))
            heading.setContentsMargins(0, 8, 0, 0)
            grid.addWidget(heading, first, 0)
        for row, sphere in enumerate(sorted(network.spheres.values(), key=lambda s: s.name),
                                     start=first + 1):
            boxes = _window(sphere.cadence_days, sphere.cadence_max_days, "none")
            self.spheres[sphere.id] = boxes
            _name(boxes, sphere.name)
            grid.addWidget(QLabel(sphere.name), row, 0)
            grid.addWidget(boxes[0], row, 1)
            grid.addWidget(boxes[1], row, 2)
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def edit(self) -> Edit | None:
        """What the rows say, as one edit; None when nothing changed. Raises KnownError for
        a longest gap shorter than its window."""
        network = self.document.network
        edits: list[Edit] = []
        tiers = []
        for tier, (every, most) in self.tiers.items():
            ideal = every.value() or None
            longest = (most.value() or None) if ideal else None
            check_cadence(ideal, longest)
            rule = TierCadence(tier, ideal, longest)
            if rule != network.cadences.get(tier, DEFAULT_TIER_CADENCES[tier]):
                tiers.append(rule)
        if tiers:
            edits.append(PutRecords(tuple(tiers)))
        for sid, (every, most) in self.spheres.items():
            ideal = every.value() or None
            changes = {"cadence_days": ideal,
                       "cadence_max_days": (most.value() or None) if ideal else None}
            check_cadence(ideal, changes["cadence_max_days"])
            sphere = network.spheres[sid]
            if (sphere.cadence_days, sphere.cadence_max_days) != tuple(changes.values()):
                edits.append(UpdateSphere(sid, changes))
        return Batch(tuple(edits)) if edits else None

    def accept(self) -> None:
        try:
            edit = self.edit()
            if edit is not None:
                self.document.push(edit, tr("Change stay-in-touch cadences"))
        except KnownError as exc:
            show_error(None, self.error, str(exc))
            return
        super().accept()
