"""The people table: one row per person, refreshed row by row as the Document changes."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from relmap.core.dates import short_date
from relmap.core.i18n import tr
from relmap.core.ids import PersonId
from relmap.core.model import AssessmentField, Person
from relmap.core.network import ChangeSet, Network
from relmap.document.document import Document
from relmap.ui.ratings import RATING_NAMES

SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
_RATINGS = tuple(AssessmentField)
COLUMNS = (
    tr("Name"),
    tr("Organisation"),
    tr("Title"),
    tr("Spheres"),
    *(RATING_NAMES[f] for f in _RATINGS),
    tr("Network"),
    tr("Last change"),
)
SPHERES_COLUMN, FIRST_RATING = 3, 4


def _sphere_names(p: Person, net: Network) -> str:
    return ", ".join(sorted(net.spheres[s].name for s in p.spheres if s in net.spheres))


def _rating(which: AssessmentField) -> Callable[[Person, Network], str]:
    def text(p: Person, _net: Network) -> str:
        value = p.assessment.rating(which)
        return "–" if value is None else str(value)

    return text


_TEXT: tuple[Callable[[Person, Network], str], ...] = (
    lambda p, _: p.display_name + (tr("  (me)") if p.is_me else ""),
    lambda p, _: p.organisation,
    lambda p, _: p.title,
    _sphere_names,
    *(_rating(f) for f in _RATINGS),
    lambda p, _: tr("Internal") if p.internal else tr("External"),
    lambda p, _: short_date(p.updated),
)


def _sort_key(p: Person, net: Network, column: int) -> object:
    if FIRST_RATING <= column < FIRST_RATING + len(_RATINGS):
        return p.assessment.rating(_RATINGS[column - FIRST_RATING]) or 0
    if column == len(COLUMNS) - 1:
        return p.updated.timestamp()
    return _TEXT[column](p, net).casefold()


@lru_cache(maxsize=256)
def sphere_icon(colours: tuple[str, ...]) -> QIcon:
    """A small swatch with one stripe per sphere colour."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    width = 12 / max(1, len(colours))
    for i, colour in enumerate(colours):
        painter.fillRect(int(1 + i * width), 1, max(1, round(width)), 12, QColor(colour))
    painter.end()
    return QIcon(pixmap)


_PLACED_UP_TO = 50  # people changed at once: each is moved to its place; more, all are sorted


class PeopleModel(QAbstractTableModel):
    """Rows in the sort order the view asked for (kept as people change); a proxy filters.

    Sorting here with one Python sort is far cheaper than a proxy comparing cells one pair at
    a time through ``data()`` (a 10,000-row map sorts in milliseconds).
    """

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.ids: list[PersonId] = list(document.network.people)
        self.row = {pid: i for i, pid in enumerate(self.ids)}
        self.sort_column, self.sort_order = -1, Qt.SortOrder.AscendingOrder
        self._sorted = False  # the rows are in the order of sort_column and sort_order
        document.sig_changed.connect(self._on_document_changed)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._sorted and (column, order) == (self.sort_column, self.sort_order):
            return  # the view asks again while setting up; the rows are in that order
        self.sort_column, self.sort_order = column, order
        if column < 0:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        kept = [(self.ids[i.row()], i.column()) for i in before]
        net = self.document.network
        self.ids.sort(
            key=lambda pid: _sort_key(net.people[pid], net, column),  # type: ignore[arg-type, return-value]
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.row = {pid: i for i, pid in enumerate(self.ids)}
        self.changePersistentIndexList(before, [self.index(self.row[p], c) for p, c in kept])
        self._sorted = True
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        net = self.document.network
        person = net.people[self.ids[index.row()]]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _TEXT[column](person, net)
        if role == SORT_ROLE:
            return _sort_key(person, net, column)
        if role == ID_ROLE:
            return person.id
        if role == Qt.ItemDataRole.DecorationRole and column == SPHERES_COLUMN and person.spheres:
            return sphere_icon(tuple(net.spheres[s].colour for s in sorted(person.spheres)))
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= FIRST_RATING:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def search_text(self, row: int) -> str:
        """What the search box looks through: name, organisation, title, emails, notes."""
        p = self.document.network.people[self.ids[row]]
        emails = " ".join(e.value for e in p.emails)
        return f"{p.display_name}\n{p.organisation}\n{p.title}\n{emails}\n{p.notes}".casefold()

    def _on_document_changed(self, changes: ChangeSet) -> None:
        was_sorted, self._sorted = self._sorted, False
        net = self.document.network
        gone = sorted(self.row[p] for p in changes.people if p not in net.people and p in self.row)
        for r in reversed(gone):
            self.beginRemoveRows(QModelIndex(), r, r)
            del self.row[self.ids[r]]
            del self.ids[r]
            self.endRemoveRows()
        if gone:  # the rows after the first gone move up
            self.row.update((pid, i) for i, pid in enumerate(self.ids[gone[0]:], gone[0]))
        new = sorted(p for p in changes.people if p in net.people and p not in self.row)
        if new:
            self.beginInsertRows(QModelIndex(), len(self.ids), len(self.ids) + len(new) - 1)
            self.ids.extend(new)
            self.row.update((pid, len(self.ids) - len(new) + i) for i, pid in enumerate(new))
            self.endInsertRows()
        last = len(COLUMNS) - 1
        for pid in changes.people - set(new):
            if pid in self.row:
                r = self.row[pid]
                self.dataChanged.emit(self.index(r, 0), self.index(r, last))
        if changes.spheres and self.ids:
            column = SPHERES_COLUMN
            self.dataChanged.emit(self.index(0, column), self.index(len(self.ids) - 1, column))
        if not (changes.people or changes.spheres):
            self._sorted = was_sorted  # moves and ties leave the order as it was
            return
        placed = [p for p in changes.people if p in self.row]
        if was_sorted and not changes.spheres and len(placed) <= _PLACED_UP_TO:
            for pid in placed:  # a few people changed: each moves to its place
                self._place(pid)
            self._sorted = True
        else:
            self.sort(self.sort_column, self.sort_order)  # keep the order as values change

    def _place(self, pid: PersonId) -> None:
        """Move ``pid``'s row to where the sort puts it now, the others being in order (after
        those it ties with): a few binary search steps instead of sorting every row again."""
        net, column = self.document.network, self.sort_column
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        key = _sort_key(net.people[pid], net, column)
        r = self.row[pid]
        lo, hi = 0, len(self.ids) - 1  # among the others: their index, past r, is one less
        while lo < hi:
            mid = (lo + hi) // 2
            other: Any = _sort_key(net.people[self.ids[mid + (mid >= r)]], net, column)
            if (other < key) if descending else (other > key):
                hi = mid
            else:
                lo = mid + 1
        if lo == r:
            return
        self.beginMoveRows(QModelIndex(), r, r, QModelIndex(), lo + (lo > r))
        del self.ids[r]
        self.ids.insert(lo, pid)
        for i in range(min(r, lo), max(r, lo) + 1):
            self.row[self.ids[i]] = i
        self.endMoveRows()


class PeopleFilter(QSortFilterProxyModel):
    """Sorts by the model's sort keys and keeps the rows matching every word of the query."""

    def __init__(self, model: PeopleModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._words: list[str] = []
        self.setSourceModel(model)
        self.setDynamicSortFilter(True)  # re-filters edited rows; its sort column stays -1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts; this proxy keeps its order and only filters."""
        self._model.sort(column, order)

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        haystack = self._model.search_text(source_row)
        return all(word in haystack for word in self._words)
