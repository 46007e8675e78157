"""The Then/Now dock: the map as of a day (the last mentor session by default) against the
map today: who joined, whose ratings rose or fell, which ties formed, and the map showing
only what changed or only who was there then. Read only while its tab is on screen."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
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
    last_session_day,
    then_and_now,
)
from relmap.core.dates import long_date
from relmap.core.i18n import number, tr
from relmap.core.ids import PersonId
from relmap.core.words import counted
from relmap.document.document import Document
from relmap.ui.dates import date_edit, day_of, set_day
from relmap.ui.panes.people_dock import PeopleDock, person_item

_CHANGED, _THEN, _AS_OF = "changed", "then", "as of"


class ThenNowPane(PeopleDock):
    """``sig_as_of(date | None)`` asks for the map as it was at the end of that day (None: as
    it is); ``sig_spotlight`` to show only what changed or who was there then."""

    sig_as_of = Signal(object)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        today = date.today()
        start = last_session_day(document.network, today=today) or today - timedelta(days=90)
        self.since = date_edit(start, latest=today)
        self.since.setAccessibleName(tr("Compare since"))
        self.since.setToolTip(tr("The day to compare today's map with"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.changes = QListWidget()
        self.changes.setAccessibleName(tr("What changed"))
        self.changes.setWordWrap(True)
        self.watch(self.changes)
        self.map = QComboBox()
        self.map.setAccessibleName(tr("What the map shows"))
        self.map.setToolTip(tr("Fade everyone else on the map"))
        for words, key in ((tr("Map: everyone"), ""), (tr("Map: only what changed"), _CHANGED),
                           (tr("Map: only who was there then"), _THEN),
                           (tr("Map: as it was then (people and ratings)"), _AS_OF)):
            self.map.addItem(words, key)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Since:")))
        row.addWidget(self.since, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.map)
        self.result: ThenNow | None = None
        self._drawn_as_of = False
        self.since.dateChanged.connect(self.refresh_soon)
        self.map.currentIndexChanged.connect(self._spotlight)

    def day(self) -> date:
        return day_of(self.since)

    def show_as_of(self, day: date) -> None:
        """The map shows how it was on ``day``: compare with that day, and say so."""
        if day != self.day():
            set_day(self.since, day)
        self.map.setCurrentIndex(self.map.findData(_AS_OF))

    def leave_as_of(self) -> None:
        """The map is today's again: so is the choice of what it shows."""
        if self.map.currentData() == _AS_OF:
            self.map.setCurrentIndex(0)

    def read_map(self) -> None:
        """Compare again: the history is read from the database, the rest from the map."""
        network, since, today = self.document.network, self.day(), date.today()
        change = then_and_now(network, self.document.history(), since, today=today)
        self.result = change
        self.summary.setText(
            tr(
                "Since {day}: {joined} joined, {left} left, {ratings} moved, {ties} added, "
                "{ended} ended, {logged} logged, {gave} given and {received} received."
            ).format(
                day=long_date(since),
                joined=counted(len(change.joined), "person"),
                left=number(len(change.left)),
                ratings=counted(len(change.ratings), "rating"),
                ties=counted(len(change.ties), "tie"),
                ended=number(len(change.ended)),
                logged=counted(change.interactions, "interaction"),
                gave=number(change.gave),
                received=number(change.received),
            )
        )
        self.changes.clear()
        people = network.people
        for pid in change.joined:
            self.changes.addItem(
                person_item(
                    pid,
                    tr("＋ {display_name} joined").format(display_name=people[pid].display_name),
                    tr("Added on {long_date}").format(
                        long_date=long_date(people[pid].created.date())
                    ),
                )
            )
        for r in change.ratings:
            arrow = "▲" if r.rose else "▼"
            self.changes.addItem(
                person_item(
                    r.person,
                    f"{arrow} {people[r.person].display_name}: {FIELD_WORDS[r.field]} "
                    f"{r.then or 'unrated'} → {r.now or 'unrated'}",
                    tr("From the rating history"),
                )
            )
        for tid in change.ties:
            tie = network.ties[tid]
            self.changes.addItem(
                person_item(
                    tie.a,
                    tr("— {display_name} and {display_name2} tied").format(
                        display_name=people[tie.a].display_name,
                        display_name2=people[tie.b].display_name,
                    ),
                    tr("A tie added since"),
                )
            )
        for gone in change.left:
            item = QListWidgetItem(tr("－ {name} left the map").format(name=gone.name))
            item.setToolTip(
                tr("Taken off the map on {long_date}").format(
                    long_date=long_date(gone.removed.date())
                )
            )
            self.changes.addItem(item)
        for gone in change.ended:
            item = QListWidgetItem(tr("✕ {name}: tie ended").format(name=gone.name))
            item.setToolTip(
                tr("Ended on {long_date}").format(long_date=long_date(gone.removed.date()))
            )
            self.changes.addItem(item)
        if not self.changes.count():
            self.changes.addItem(tr("Nothing changed on the map since then."))
        if self.map.currentData():
            self._spotlight()

    def changed_people(self) -> frozenset[PersonId]:
        change = self.result
        if change is None:
            return frozenset()
        ties = [self.document.network.ties[t] for t in change.ties]
        return frozenset({*change.joined, *(r.person for r in change.ratings),
                          *(p for t in ties for p in (t.a, t.b))})

    def _spotlight(self) -> None:
        key = self.map.currentData()
        then = self.result.then if self.result is not None else None
        if key == _AS_OF or self._drawn_as_of:
            self._drawn_as_of = key == _AS_OF
            self.sig_as_of.emit(self.day() if key == _AS_OF else None)
        if key in ("", _AS_OF):
            self.sig_spotlight.emit(frozenset())
        elif key == _CHANGED:
            self.sig_spotlight.emit(self.changed_people())
        else:
            self.sig_spotlight.emit(frozenset(then.people) if then is not None else frozenset())
