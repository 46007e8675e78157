"""The Then & Now dock: the map as of a day (the last mentor session by default) against the
map today: who joined, whose ratings rose or fell, which ties formed, and the map showing
only what changed or only who was there then. Read only while its tab is on screen."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relmap.analysis.then_now import (
    FIELD_WORDS,
    ThenNow,
    as_of,
    last_session_day,
    then_and_now,
)
from relmap.core.dates import long_date
from relmap.core.ids import PersonId
from relmap.core.network import Network
from relmap.core.words import counted
from relmap.document.document import Document

PERSON_ROLE = Qt.ItemDataRole.UserRole
_CHANGED, _THEN, _AS_OF = "changed", "then", "as of"


class ThenNowPane(QWidget):
    """``sig_activated(PersonId)`` when a row is clicked; ``sig_spotlight(frozenset)`` asks
    the map to show only those people (empty: everyone); ``sig_as_of(Network | None)`` to
    draw the map as it was then (None: as it is)."""

    sig_activated = Signal(object)
    sig_spotlight = Signal(object)
    sig_as_of = Signal(object)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        today = date.today()
        start = last_session_day(document.network, today=today) or today - timedelta(days=90)
        self.since = QDateEdit()
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("d MMM yyyy")
        self.since.setDate(QDate(start.year, start.month, start.day))
        self.since.setMaximumDate(QDate(today.year, today.month, today.day))
        self.since.setToolTip("The day to compare today's map with")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.changes = QListWidget()
        self.changes.setAccessibleName("What changed")
        self.changes.setWordWrap(True)
        self.changes.itemActivated.connect(self._on_item_activated)
        self.changes.itemClicked.connect(self._on_item_activated)
        self.map = QComboBox()
        self.map.setToolTip("Fade everyone else on the map")
        for words, key in (("Map: everyone", ""), ("Map: only what changed", _CHANGED),
                           ("Map: only who was there then", _THEN),
                           ("Map: as it was then (people and ratings)", _AS_OF)):
            self.map.addItem(words, key)
        row = QHBoxLayout()
        row.addWidget(QLabel("Since:"))
        row.addWidget(self.since, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.map)
        self.result: ThenNow | None = None
        self._then: frozenset[PersonId] = frozenset()
        self._then_map: Network | None = None
        self._drawn_as_of = False
        self._settle = QTimer(self, singleShot=True, interval=0)
        self._settle.timeout.connect(self._refresh_if_shown)
        self._stale = True
        self.on_screen = False
        document.sig_changed.connect(self._settle.start)
        self.since.dateChanged.connect(self._settle.start)
        self.map.currentIndexChanged.connect(self._spotlight)

    def set_on_screen(self, shown: bool) -> None:
        self.on_screen = shown
        if shown and self._stale:
            self.refresh()

    def _refresh_if_shown(self) -> None:
        self._stale = not self.on_screen
        if self.on_screen:
            self.refresh()

    def day(self) -> date:
        q = self.since.date()
        return date(q.year(), q.month(), q.day())

    def refresh(self) -> None:
        """Compare again: the history is read from the database, the rest from the map."""
        self._stale = False
        network, since, today = self.document.network, self.day(), date.today()
        history = self.document.repository.history()
        change = then_and_now(network, history, since, today=today)
        self.result = change
        self._then_map = as_of(network, history, since)
        self._then = frozenset(self._then_map.people)
        self.summary.setText(
            f"Since {long_date(since)}: {counted(len(change.joined), 'person')} joined, "
            f"{counted(len(change.ratings), 'rating')} moved, {counted(len(change.ties), 'tie')} "
            f"added, {counted(change.interactions, 'interaction')} logged, "
            f"{change.gave:,} given and {change.received:,} received.")
        self.changes.clear()
        people = network.people
        for pid in change.joined:
            self._add(pid, f"＋ {people[pid].display_name} joined",
                      f"Added on {long_date(people[pid].created.date())}")
        for r in change.ratings:
            arrow = "▲" if r.rose else "▼"
            self._add(r.person, f"{arrow} {people[r.person].display_name}: {FIELD_WORDS[r.field]} "
                                f"{r.then or 'unrated'} → {r.now or 'unrated'}",
                      "From the rating history")
        for tid in change.ties:
            tie = network.ties[tid]
            self._add(tie.a, f"— {people[tie.a].display_name} and {people[tie.b].display_name} "
                             "tied", "A tie added since")
        if not self.changes.count():
            self.changes.addItem("Nothing changed on the map since then.")
        if self.map.currentData():
            self._spotlight()

    def changed_people(self) -> frozenset[PersonId]:
        change = self.result
        if change is None:
            return frozenset()
        ties = [self.document.network.ties[t] for t in change.ties]
        return frozenset({*change.joined, *(r.person for r in change.ratings),
                          *(p for t in ties for p in (t.a, t.b))})

    def _add(self, pid: PersonId, text: str, why: str) -> None:
        item = QListWidgetItem(text)
        item.setData(PERSON_ROLE, pid)
        item.setToolTip(why)
        self.changes.addItem(item)

    def _spotlight(self) -> None:
        key = self.map.currentData()
        if key == _AS_OF or self._drawn_as_of:
            self._drawn_as_of = key == _AS_OF
            self.sig_as_of.emit(self._then_map if key == _AS_OF else None)
        if key in ("", _AS_OF):
            self.sig_spotlight.emit(frozenset())
        else:
            self.sig_spotlight.emit(self.changed_people() if key == _CHANGED else self._then)

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        pid = item.data(PERSON_ROLE)
        if pid is not None:
            self.sig_activated.emit(pid)
