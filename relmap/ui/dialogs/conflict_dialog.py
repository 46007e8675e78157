"""What others change on a shared map: the dialog for a clash (theirs and mine for each,
and the user's choice; nothing is overwritten without one) and the list of recent changes."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relmap.core.dates import ago
from relmap.core.i18n import tr
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
        return [
            (tr("Leave it deleted"), Choice.THEIRS),
            (tr("Bring it back, with my change"), Choice.MINE),
        ]
    if clash.mine is None:
        return [
            (tr("Keep it, with their change"), Choice.THEIRS),
            (tr("Delete it anyway"), Choice.MINE),
        ]
    options = [(tr("Keep theirs"), Choice.THEIRS), (tr("Use mine"), Choice.MINE)]
    if can_keep_both(clash):
        options.append((tr("Keep both (theirs, then mine)"), Choice.BOTH))
    return options


class ConflictDialog(QDialog):
    """One box per clash: who changed what, both values and a choice (theirs by default)."""

    def __init__(self, conflict: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle(tr("Changed Elsewhere at the Same Time"))
        intro = QLabel(
            tr(
                "Someone else changed the same thing since this window last looked. Nothing is "
                "stored until you choose; what did not clash is merged as it is."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        self.choices: dict[tuple[Key, str], QComboBox] = {}
        for key, clash in conflict.clashes:
            layout.addWidget(self._box(key, clash))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        store = buttons.addButton(tr("Store My Choices"), QDialogButtonBox.ButtonRole.AcceptRole)
        store.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setToolTip(
            tr("Store nothing of this change: theirs stays")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _box(self, key: Key, clash: Clash) -> QGroupBox:
        conflict = self.conflict
        subject = conflict.subject(key, clash)
        box = QGroupBox(subject[:1].upper() + subject[1:])
        form = QFormLayout(box)
        stamp = conflict.stamp(key)
        who = f"{stamp.member}, {ago(stamp.at)}" if stamp else tr("someone else")
        if clash.field:
            for label, value in ((tr("Theirs ({who}):").format(
                who=who), clash.theirs), (tr("Yours:"), clash.mine)):
                shown = QLabel(_shown(value))
                shown.setWordWrap(True)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                form.addRow(label, shown)
        else:
            form.addRow(QLabel(conflict.describe(key, clash) + "."))
        choice = QComboBox()
        for text, value in _options(clash):
            choice.addItem(text, value)
        choice.setAccessibleName(tr("Keep for {subject}").format(subject=subject))
        form.addRow(tr("Keep:"), choice)
        self.choices[key, clash.field] = choice
        return box

    def resolved(self) -> dict[Key, Any]:
        """Every entity of the edit as chosen."""
        return resolve(self.conflict, {k: Choice(c.currentData())
                                       for k, c in self.choices.items()})


def settle_by_asking(parent: QWidget) -> Callable[[ConflictError], dict[Key, Any] | None]:
    """A ``Document.settle`` that asks with the dialog; None when the user cancels.

    It holds the window weakly: a document that held its window would make a reference
    cycle, which Python may then collect on a worker thread, where no Qt object may die.
    """
    window = weakref.ref(parent)

    def settle(conflict: ConflictError) -> dict[Key, Any] | None:
        dialog = ConflictDialog(conflict, window())
        return dialog.resolved() if dialog.exec() == QDialog.DialogCode.Accepted else None

    return settle


class RecentChangesDialog(QDialog):
    """The newest changes to the map, by whom and when: what others did shows here."""

    def __init__(self, stamps: list[Stamp], me: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Recent Changes"))
        tree = QTreeWidget()
        tree.setAccessibleName(tr("Recent changes"))
        tree.setHeaderLabels([tr("When"), tr("Who"), tr("What")])
        tree.setRootIsDecorated(False)
        for stamp in stamps:
            who = tr("you") if stamp.member == me else stamp.member
            item = QTreeWidgetItem([ago(stamp.at), who, stamp.summary or tr("(a change)")])
            item.setToolTip(0, f"{stamp.at:%d %b %Y %H:%M}")
            if stamp.member != me:
                font = item.font(1)
                font.setBold(True)
                item.setFont(1, font)
            tree.addTopLevelItem(item)
        for column in (0, 1):
            tree.resizeColumnToContents(column)
        empty = QLabel(tr("No changes have been recorded on this map yet."))
        empty.setVisible(not stamps)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(tree)
        layout.addWidget(buttons)
        self.resize(640, 420)
