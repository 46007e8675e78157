"""The insight dock: the most influential people and why, the brokers, the communities;
measured in the background and again after every change; a click finds the person."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from relmap.analysis.influence import NOBODY_STANDS_OUT
from relmap.analysis.lookup import names_apart
from relmap.analysis.summary import community_lines
from relmap.core.i18n import number, tr
from relmap.core.ids import PersonId
from relmap.core.model import RecordKind
from relmap.core.network import ChangeSet
from relmap.core.words import counted
from relmap.document.document import Document
from relmap.document.jobs.base import JobOutcome
from relmap.document.jobs.insight import Insight, InsightJob
from relmap.ui.panes.goals_pane import GoalsPane

PERSON_ROLE = Qt.ItemDataRole.UserRole
SETTLE_MS = 600  # measure again once edits pause for this long


class InsightPane(QWidget):
    """``sig_activated(PersonId)`` when a row naming a person is clicked."""

    sig_activated = Signal(object)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.job: InsightJob | None = None
        self.insight: Insight | None = None
        self.status = QLabel(tr("Reading your network…"))
        self.status.setWordWrap(True)
        self.influencers, self.brokers, self.communities = QListWidget(), QListWidget(), QLabel()
        self.influencers.setAccessibleName(tr("Most influential"))
        self.brokers.setAccessibleName(tr("Bridges between groups"))
        self.communities.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        self.goals = GoalsPane(document)
        for title, widget in ((tr("Goals and gaps"), self.goals), (tr("Most influential"),
                              self.influencers), (tr("Brokers between groups"), self.brokers),
                              (tr("Communities"), self.communities)):
            heading = QLabel(f"<b>{title}</b>")
            layout.addWidget(heading)
            layout.addWidget(widget, 0 if isinstance(widget, QLabel) else 1)
        for view in (self.influencers, self.brokers):
            view.setWordWrap(True)
            view.setAlternatingRowColors(True)  # one person a band: names stand apart
            view.itemActivated.connect(self._on_item_activated)
            view.itemClicked.connect(self._on_item_activated)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.refresh)
        document.sig_changed.connect(self._on_document_changed)
        document.sig_measures_wanted.connect(self._on_measures_wanted)
        # Measured once the map's log is read: a measurement meanwhile would slow the reading
        # down (two threads, one interpreter) and be stale when it ends.
        self._unmeasured = document.log_pending
        if not self._unmeasured:
            self.refresh()

    def refresh(self) -> None:
        """Measure the map as it is now (a measurement under way is cancelled)."""
        if self.job is not None:
            self.job.cancel()
            return  # its outcome starts the next one
        self.job = InsightJob(self.document)  # no parent: it outlives the pane if it must
        self.job.sig_finished.connect(self._on_job_finished)
        self.job.start()
        self.document.measuring = self.job

    @Slot(object)
    def _on_job_finished(self, outcome: JobOutcome) -> None:
        job, self.job = self.job, None
        assert job is not None
        job.deleteLater()
        if self.document.measuring is job:
            self.document.measuring = None
        if not outcome.ok:
            if outcome.error:
                self.status.setText(
                    tr("The network could not be read: {error}").format(error=outcome.error)
                )
            else:  # cancelled or stale: the map changed, read it again
                self.refresh()
            return
        assert isinstance(outcome.value, Insight)
        job.hand_over()
        self.show_insight(outcome.value)

    def show_insight(self, insight: Insight) -> None:
        self.insight = insight
        people = self.document.network.people
        figures = insight.summary
        # No two contacts tied to each other (a fresh LinkedIn import): no groups to count
        # (each would be one of one), no steps to average.
        if not figures.ties:
            text = tr("{people}, none of them tied to another yet")
        elif np.isnan(figures.average_distance):
            text = tr("{people}, {ties} between them; {groups}")
        else:
            text = tr("{people}, {ties} between them; {groups}, {steps} steps apart on average")
        self.status.setText(
            text.format(
                people=counted(figures.people, "person"),
                ties=counted(figures.ties, "tie"),
                groups=counted(figures.components, "group"),
                steps=number(figures.average_distance, 1),
            )
        )
        self.influencers.clear()
        listed = [e for e in insight.influencers if e.person in people]
        names = names_apart(self.document.network, [e.person for e in listed])
        if insight.alike:
            self._say(self.influencers, tr(NOBODY_STANDS_OUT))
        else:
            for entry in listed:
                self._add(self.influencers, entry.person,
                          f"{names[entry.person]} · {entry.score:.0f}", entry.explanation)
        self.brokers.clear()
        bridges = [(pid, words) for pid, _value, words in insight.brokers if pid in people]
        names = names_apart(self.document.network, [pid for pid, _ in bridges])
        for pid, words in bridges:
            self._add(self.brokers, pid, names[pid], words)
        if not self.brokers.count():
            self._say(self.brokers, tr("Nobody yet: a broker is tied to contacts who are not "
                                       "tied to each other."))
        self.communities.setText(self._communities(insight))
        self.goals.show_coverage(insight.goals)

    @staticmethod
    def _say(view: QListWidget, words: str) -> None:
        """A line in ``view`` that names nobody and cannot be chosen."""
        item = QListWidgetItem(words)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        view.addItem(item)

    def _add(self, view: QListWidget, pid: PersonId, title: str, why: str) -> None:
        item = QListWidgetItem(f"{title}\n{why}")
        item.setData(PERSON_ROLE, pid)
        item.setToolTip(why)
        view.addItem(item)

    def _communities(self, insight: Insight) -> str:
        network = self.document.network
        if not insight.communities:
            return tr("No communities: there are no ties between your contacts yet.")
        lines, more = community_lines(network, insight.communities,
                                      lambda s: network.spheres[s].name, top=6)
        return "\n".join(
            lines + ([tr("and {more} smaller ones").format(more=number(more))] if more > 0 else [])
        )

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        if (pid := item.data(PERSON_ROLE)) is not None:
            self.sig_activated.emit(pid)

    def _on_measures_wanted(self) -> None:
        """A view waits for the measures: measure now rather than when the edits settle
        (once the log is in, if it is still being read)."""
        if self.job is None and not self._unmeasured:
            self._settle.stop()
            self.refresh()

    def _on_document_changed(self, changes: ChangeSet) -> None:
        if self._unmeasured and not self.document.log_pending:
            self._unmeasured = False
            self.refresh()
            return
        goals = changes.log or any(kind is RecordKind.GOAL for kind, _ in changes.records)
        if changes.log_only and not goals:
            return  # moving people or logging a contact changes no measure
        self._settle.start()
