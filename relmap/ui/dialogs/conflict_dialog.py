"""Someone else changed what an edit changes: show each clash, theirs and mine, and let the
user choose. Nothing is overwritten without a choice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relmap.core.dates import ago
from relmap.core.merge import Choice, Clash, ConflictError, Stamp, can_keep_both, resolve
from relmap.core.network import Key

_LONGEST = 80  # characters of a value shown


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(map(str, value))) or "(none)"
    text = str(value).replace("\n", " ")
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def _options(clash: Clash) -> list[tuple[str, Choice]]:
    if clash.theirs is None:
        return [("Leave it deleted", Choice.THEIRS), ("Bring it back, with my change",
                                                      Choice.MINE)]
    if clash.mine is None:
        return [("Keep it, with their change", Choice.THEIRS), ("Delete it anyway",
                                                                Choice.MINE)]
    options = [("Keep theirs", Choice.THEIRS), ("Use mine", Choice.MINE)]
    if can_keep_both(clash):
        options.append(("Keep both (theirs, then mine)", Choice.BOTH))
    return options


class ConflictDialog(QDialog):
    """One row per clash: what happened, both values and a choice (theirs by default)."""

    def __init__(self, conflict: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle("Changed Elsewhere at the Same Time")
        intro = QLabel(
            "Someone else changed the same thing since this window last looked. Nothing is "
            "stored until you choose; what did not clash is merged as it is.")
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        self.choices: dict[tuple[Key, str], QComboBox] = {}
        for row, (key, clash) in enumerate(conflict.clashes):
            stamp = conflict.stamp(key)
            what = conflict.describe(key, clash)
            if stamp is not None:
                what += f" ({stamp.summary})" if stamp.summary else ""
            label = QLabel(what[:1].upper() + what[1:])
            label.setWordWrap(True)
            detail = QLabel(f"Theirs: {_shown(clash.theirs)}\nYours: {_shown(clash.mine)}"
                            if clash.field else "")
            detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            choice = QComboBox()
            for text, value in _options(clash):
                choice.addItem(text, value)
            choice.setAccessibleName(f"Choice for: {what}")
            grid.addWidget(label, 2 * row, 0, 1, 2)
            grid.addWidget(detail, 2 * row + 1, 0)
            grid.addWidget(choice, 2 * row + 1, 1, Qt.AlignmentFlag.AlignTop)
            self.choices[key, clash.field] = choice
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        store = buttons.addButton("Store My Choices", QDialogButtonBox.ButtonRole.AcceptRole)
        store.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def resolved(self) -> dict[Key, Any]:
        """Every entity of the edit as chosen."""
        return resolve(self.conflict, {k: Choice(c.currentData())
                                       for k, c in self.choices.items()})


def settle_by_asking(parent: QWidget) -> Callable[[ConflictError], dict[Key, Any] | None]:
    """A ``Document.settle`` that asks with the dialog; None when the user cancels."""

    def settle(conflict: ConflictError) -> dict[Key, Any] | None:
        dialog = ConflictDialog(conflict, parent)
        return dialog.resolved() if dialog.exec() == QDialog.DialogCode.Accepted else None

    return settle


class RecentChangesDialog(QDialog):
    """The newest changes to the map, by whom and when: what others did shows here."""

    def __init__(self, stamps: list[Stamp], me: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recent Changes")
        tree = QTreeWidget()
        tree.setAccessibleName("Recent changes")
        tree.setHeaderLabels(["When", "Who", "What"])
        tree.setRootIsDecorated(False)
        for stamp in stamps:
            who = "you" if stamp.member == me else stamp.member
            item = QTreeWidgetItem([ago(stamp.at), who, stamp.summary or "(a change)"])
            item.setToolTip(0, f"{stamp.at:%d %b %Y %H:%M}")
            if stamp.member != me:
                font = item.font(1)
                font.setBold(True)
                item.setFont(1, font)
            tree.addTopLevelItem(item)
        for column in (0, 1):
            tree.resizeColumnToContents(column)
        empty = QLabel("No changes have been recorded on this map yet.")
        empty.setVisible(not stamps)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(tree)
        layout.addWidget(buttons)
        self.resize(640, 420)
