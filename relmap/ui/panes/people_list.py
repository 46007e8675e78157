"""The people list dock: search as you type, sort, select, and reach anyone by keyboard."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relmap.core.i18n import number, tr
from relmap.core.ids import PersonId
from relmap.core.words import counted
from relmap.document.document import Document
from relmap.ui.panes.people_model import ID_ROLE, PeopleFilter, PeopleModel
from relmap.ui.selection import Selection

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class PeopleTable(QTableView):
    """Enter activates the current row (the canvas centres on that person)."""

    sig_activated = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER:
            self.sig_activated.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class PeopleList(QWidget):
    """Observes the Document through its model and shares the Selection with the canvas."""

    sig_activated = Signal(object)  # PersonId: Enter or double-click on a row
    sig_context_menu = Signal(object)  # QPoint on screen
    sig_filter_map = Signal(str)  # "Filter map": the search becomes a condition of the map

    def __init__(
        self, document: Document, selection: Selection, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document, self.selection = document, selection
        self.model = PeopleModel(document, self)
        self.proxy = PeopleFilter(self.model, self)
        self.search = QLineEdit(
            placeholderText=tr("Search name, organisation, title, email, notes…")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Search people"))
        self.count = QLabel()
        self.filter_map = QPushButton(tr("Filter map"))
        self.filter_map.setToolTip(tr("Show on the map only the people this search finds"))
        self.filter_map.setEnabled(False)
        self.filter_map.clicked.connect(
            lambda: self.sig_filter_map.emit(self.search.text().strip()))
        self.search.textChanged.connect(lambda t: self.filter_map.setEnabled(bool(t.strip())))
        self.table = PeopleTable()
        self._setup_table()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        top.addWidget(self.filter_map)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.sig_activated.connect(self._on_table_activated)
        self.table.doubleClicked.connect(self._on_table_activated)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        self.model.rowsMoved.connect(self._follow_selection)
        for model in (self.proxy, self.model):  # the total moves even when no row shown does
            model.rowsInserted.connect(self._update_count)
            model.rowsRemoved.connect(self._update_count)
        selection.sig_changed.connect(self._on_selection_changed)
        self._update_count()

    def _setup_table(self) -> None:
        t = self.table
        # Sorted once, by name, before the filter first goes through the rows (after, it would
        # go through them again); enabling sorting then sorts by the indicator, descending
        # unless set, and finds the rows in that order already.
        self.model.sort(0, Qt.SortOrder.AscendingOrder)
        t.setModel(self.proxy)
        t.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        t.setSortingEnabled(True)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.verticalHeader().hide()
        t.verticalHeader().setDefaultSectionSize(22)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        t.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((170, 150, 140, 170, 86, 104, 62, 76, 72, 96)):
            t.setColumnWidth(column, width)
        t.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        t.setAccessibleName(tr("People"))

    def selected_ids(self) -> frozenset[PersonId]:
        rows = self.table.selectionModel().selectedRows()
        return frozenset(PersonId(int(i.data(ID_ROLE))) for i in rows)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
                self.table.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.table.selectionModel().hasSelection() and self.proxy.rowCount():
                    self.table.selectRow(0)
                return True
            if event.type() == QEvent.Type.KeyPress and event.key() in _ENTER:
                # The highlighted row, if the search left one; else the first.
                if self.proxy.rowCount():
                    if not self.table.selectionModel().isRowSelected(
                            self.table.currentIndex().row()):
                        self.table.selectRow(0)
                    self._on_table_activated()
                return True
        return super().eventFilter(watched, event)

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        everyone = counted(total, "person")
        self.count.setText(
            tr("{shown} of {total}").format(shown=number(shown), total=number(total))
            if shown != total
            else everyone
        )

    def _on_table_selection_changed(self, *_: object) -> None:
        self.selection.set_people(self.selected_ids(), origin=self)

    def _on_table_activated(self, *_: object) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.sig_activated.emit(PersonId(int(current.data(ID_ROLE))))

    def _on_table_context_menu_requested(self, at: QPoint) -> None:
        if self.selection.people:
            self.sig_context_menu.emit(self.table.viewport().mapToGlobal(at))

    def _follow_selection(self) -> None:
        """Keep the selected row in sight when an edit moves it (a rename, a new rating)."""
        rows = self.table.selectionModel().selectedRows()
        if len(rows) == 1:
            self.table.scrollTo(rows[0])

    def _on_selection_changed(self, origin: object) -> None:
        if origin is self:
            return
        picked = QItemSelection()
        first: QModelIndex | None = None
        last_column = self.proxy.columnCount() - 1
        for pid in self.selection.people:
            if pid not in self.model.row:
                continue
            source = self.model.index(self.model.row[pid], 0)
            index = self.proxy.mapFromSource(source)
            if index.isValid():
                picked.select(index, index.siblingAtColumn(last_column))
                first = index if first is None or index.row() < first.row() else first
        model = self.table.selectionModel()
        with QSignalBlocker(model):
            model.select(picked, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if first is not None:
                model.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.table.viewport().update()
        if first is not None:
            self.table.scrollTo(first)
