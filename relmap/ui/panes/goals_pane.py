"""The goals in the Insight dock: each active goal with where the network is thin for it (as
the Insight job measured it, in the background); New, Edit and Delete, one undo step each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relmap.analysis.goals import GoalCoverage
from relmap.core.i18n import named, tr
from relmap.core.ids import GoalId
from relmap.core.model import RecordKind
from relmap.core.records import DeleteRecords
from relmap.document.document import Document
from relmap.ui.dialogs.goal_dialog import GoalDialog

GOAL_ROLE = Qt.ItemDataRole.UserRole


class GoalsPane(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Goals"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self.edit_current)
        self.new_button, self.edit_button = QPushButton(tr("New goal…")), QPushButton(tr("Edit…"))
        self.delete_button = QPushButton(tr("Delete"))
        self.new_button.clicked.connect(self.new_goal)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.list.currentItemChanged.connect(self._update_buttons)
        self.list.addItem(tr("Reading your goals…"))
        self._update_buttons()

    def show_coverage(self, coverages: tuple[GoalCoverage, ...]) -> None:
        """Show each active goal with its spheres, how to reach its people, and its gaps."""
        network = self.document.network
        current = self.chosen()
        self.list.clear()
        for c in coverages:
            if c.goal.id not in network.goals:
                continue  # deleted while it was measured
            lines = [f"{c.goal.title} · {named(c.goal.kind)}"]
            lines += [
                tr("  {name}: {people} people, {trusted} trusted both ways").format(
                    name=s.name, people=s.people, trusted=s.trusted
                )
                for s in c.spheres
            ]
            lines += [f"  {p.words}" for p in c.people if not p.words.startswith("no ")]
            lines += [f"  ⚠ {gap}" for gap in c.gaps] or [tr("  no gap: well covered")]
            item = QListWidgetItem("\n".join(lines))
            item.setData(GOAL_ROLE, c.goal.id)
            item.setToolTip("\n".join(p.words for p in c.people) or c.goal.title)
            self.list.addItem(item)
            if c.goal.id == current:
                self.list.setCurrentItem(item)
        inactive = sum(1 for g in network.goals.values() if not g.active)
        if not self.list.count():
            self.list.addItem(
                tr(
                    "No active goal yet: New goal… names what you network for "
                    "and the spheres and people it needs."
                )
                + (tr(" ({inactive} inactive)").format(inactive=inactive) if inactive else "")
            )
        self._update_buttons()

    def chosen(self) -> GoalId | None:
        item = self.list.currentItem()
        return None if item is None or item.data(GOAL_ROLE) is None else GoalId(
            item.data(GOAL_ROLE))

    def new_goal(self) -> None:
        GoalDialog(self.document, self).exec()

    def edit_current(self) -> None:
        gid = self.chosen()
        if gid is not None:
            GoalDialog(self.document, self, goal=self.document.network.goals[gid]).exec()

    def delete_current(self) -> None:
        gid = self.chosen()
        if gid is not None:
            title = self.document.network.goals[gid].title
            self.document.push(
                DeleteRecords(((RecordKind.GOAL, int(gid)),)),
                tr("Delete the goal '{title}'").format(title=title),
            )

    def _update_buttons(self) -> None:
        chosen = self.chosen() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
