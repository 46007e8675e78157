"""The Drifting dock: who is due or overdue for contact, most valuable and latest first, with
one click to log a contact or snooze; the give-first list; and the follow-ups agreed with a
mentor. Updated after every change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relmap.analysis.upkeep import (
    Status,
    balance_words,
    cadences,
    drifting,
    give_first,
    standings,
)
from relmap.core.dates import short_date
from relmap.core.errors import KnownError
from relmap.core.i18n import named, number, tr
from relmap.core.ids import PersonId
from relmap.document.document import Document
from relmap.style import CADENCE_RINGS
from relmap.ui.operations import finish_step, log_contact, snooze
from relmap.ui.panes.people_dock import PERSON_ROLE, PeopleDock, person_item

FOLLOW_UP_ROLE = Qt.ItemDataRole.UserRole + 1  # (session, index of the next step)
SNOOZES = ((tr("a week"), 7), (tr("two weeks"), 14), (tr("a month"), 30), (tr("three months"), 91))


class DriftingPane(PeopleDock):
    """The map can be faded to the people due or overdue (``sig_spotlight``)."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.due = QListWidget()
        self.due.setAccessibleName(tr("Drifting"))
        self.owed = QListWidget()
        self.owed.setAccessibleName(tr("Give first"))
        for view in (self.due, self.owed):
            view.setWordWrap(True)
            view.setAlternatingRowColors(True)
            self.watch(view)
        self.due.currentItemChanged.connect(self._update_buttons)
        self.log_button = _menu_button(
            tr("Log contact"), tr("Log a contact with the chosen person today")
        )
        for kind, words in (("meeting", tr("Meeting")), ("call", tr("Call")), ("video",
            tr("Video call")),
                            ("email", tr("Email")), ("message", tr("Message")), ("meal",
                                tr("Meal"))):
            action = self.log_button.menu().addAction(words)
            action.triggered.connect(lambda _=False, k=kind: self._log(k))
        self.snooze_button = _menu_button(tr("Snooze"), tr("Do not remind me of them for a while"))
        for words, days in SNOOZES:
            action = self.snooze_button.menu().addAction(tr("For {words}").format(words=words))
            action.triggered.connect(lambda _=False, d=days: self._snooze(d))
        self.spotlight = QComboBox()
        self.spotlight.setAccessibleName(tr("Show on the map"))
        self.spotlight.setToolTip(tr("Fade everyone else on the map"))
        for words, shown in ((tr("Map: everyone"), ()), (tr("Map: only due and overdue"),
                             (Status.DUE, Status.OVERDUE)), (tr("Map: only overdue"),
                             (Status.OVERDUE,))):
            self.spotlight.addItem(words, shown)
        self.spotlight.currentIndexChanged.connect(self._on_spotlight_changed)
        buttons = QHBoxLayout()
        for widget in (self.log_button, self.snooze_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.due, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.spotlight)
        give = QLabel(tr("<b>Give first</b>: they gave you more than you gave them"))
        give.setWordWrap(True)
        layout.addWidget(give)
        layout.addWidget(self.owed, 1)
        self.follow_ups = QListWidget()
        self.follow_ups.setAccessibleName(tr("Follow-ups"))
        self.follow_ups.setWordWrap(True)
        self.follow_ups.itemChanged.connect(self._on_follow_up_changed)
        self.follow_ups_title = QLabel(
            tr("<b>Follow-ups</b> agreed with your mentor: tick them off when done")
        )
        self.follow_ups_title.setWordWrap(True)
        layout.addWidget(self.follow_ups_title)
        layout.addWidget(self.follow_ups)
        self._update_buttons()

    def read_map(self) -> None:
        network, today = self.document.network, date.today()
        current = self.due.currentItem().data(PERSON_ROLE) if self.due.currentItem() else None
        due = drifting(network, today=today)
        snoozed = sum(1 for s in standings(network, today=today).values()
                      if s.status is Status.SNOOZED)
        overdue = sum(1 for d in due if d.standing.status is Status.OVERDUE)
        self.status.setText(
            tr("Nobody to keep in touch with yet: rating how far you trust someone gives them "
               "a stay-in-touch cadence by how close you are (Edit → Stay-in-Touch Cadences).")
            if not due and not cadences(network)
            else tr("Nobody is due: everyone with a stay-in-touch cadence was met within it.")
            if not due
            else tr("{n_due} due for contact, {overdue} of them overdue").format(
                n_due=number(len(due)), overdue=number(overdue)
            )
            + (tr("; {snoozed} snoozed").format(snoozed=number(snoozed)) if snoozed else "")
            + "."
        )
        self.due.clear()
        for d in due:
            s = d.standing
            name = network.people[d.person].display_name
            met = (
                tr("last met {days} days ago").format(days=(today - s.last).days)
                if s.last
                else tr("never met")
            )
            text = tr("{name}\n{value} · {met} · every {ideal} days").format(
                name=name, value=named(s.status), met=met, ideal=s.cadence.ideal
            )
            item = person_item(d.person, text, d.words)
            item.setIcon(_dot(CADENCE_RINGS[s.status.value]))
            self.due.addItem(item)
            if d.person == current:
                self.due.setCurrentItem(item)
        self.owed.clear()
        for pid, balance in give_first(network, today=today):
            name = network.people[pid].display_name
            text = f"{name} · {balance_words(balance)} ({balance:+.1f})"
            self.owed.addItem(
                person_item(pid, text, tr("Given minus received, recent exchanges weighing more"))
            )
        self._refresh_follow_ups(today)
        shown = self.spotlight.currentData()
        if shown:
            self.sig_spotlight.emit(frozenset(d.person for d in due if d.standing.status in shown))
        self._update_buttons()

    def _refresh_follow_ups(self, today: date) -> None:
        """The open next steps of past sessions, oldest session first; hidden when none."""
        self.follow_ups.blockSignals(True)
        self.follow_ups.clear()
        for session in sorted(self.document.network.sessions.values(), key=lambda s: s.on):
            if session.on > today:
                continue
            for index, step in enumerate(session.next_steps):
                if step.done:
                    continue
                item = QListWidgetItem(step.text)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setData(FOLLOW_UP_ROLE, (session.id, index))
                mentor = (
                    tr(" with {mentor}").format(mentor=session.mentor) if session.mentor else ""
                )
                item.setToolTip(
                    tr("Agreed in the session{mentor} on {short_date}").format(
                        mentor=mentor, short_date=short_date(session.on)
                    )
                )
                self.follow_ups.addItem(item)
        self.follow_ups.blockSignals(False)
        row = 2 * self.follow_ups.fontMetrics().lineSpacing() + 6  # a step wraps to two lines
        self.follow_ups.setMaximumHeight(min(4, self.follow_ups.count()) * row + 8)
        for widget in (self.follow_ups, self.follow_ups_title):
            widget.setVisible(self.follow_ups.count() > 0)

    def _on_follow_up_changed(self, item: QListWidgetItem) -> None:
        if item.checkState() is Qt.CheckState.Checked:
            session, index = item.data(FOLLOW_UP_ROLE)
            self._run(lambda: finish_step(self.document, session, index))

    def chosen(self) -> PersonId | None:
        item = self.due.currentItem()
        return None if item is None else PersonId(item.data(PERSON_ROLE))

    def _log(self, kind: str) -> None:
        pid = self.chosen()
        if pid is not None:
            self._run(lambda: log_contact(self.document, frozenset({pid}), kind, date.today()))

    def _snooze(self, days: int) -> None:
        pid = self.chosen()
        if pid is not None:
            self._run(lambda: snooze(self.document, pid, date.today() + timedelta(days=days)))

    def _run(self, edit: Callable[[], None]) -> None:
        try:
            edit()
        except KnownError as exc:
            self.status.setText(tr("Not saved: {exc}").format(exc=exc))

    def _update_buttons(self) -> None:
        chosen = self.chosen() is not None
        self.log_button.setEnabled(chosen)
        self.snooze_button.setEnabled(chosen)

    def _on_spotlight_changed(self) -> None:
        if self.spotlight.currentData():
            self.refresh()
        else:
            self.sig_spotlight.emit(frozenset())


@lru_cache(maxsize=8)
def _dot(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(colour), 3))
    painter.drawEllipse(2, 2, 10, 10)
    painter.end()
    return QIcon(pixmap)


def _menu_button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setMenu(QMenu(button))
    return button
