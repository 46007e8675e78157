"""The insight measures in the background, so that reading a large map never blocks it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject

from relmap.analysis.goals import GoalCoverage, goals_coverage
from relmap.analysis.influence import Influence, brokers, influence, nobody_stands_out
from relmap.analysis.measures import measures
from relmap.analysis.summary import Summary, community_groups, summary
from relmap.analysis.upkeep import cadences
from relmap.core.bulk import bulk_objects, release_freed_memory
from relmap.core.ids import PersonId
from relmap.core.network import Network
from relmap.core.turns import copied
from relmap.document.document import Document
from relmap.document.jobs.base import Cancelled, Job, Report

TOP = 15


@dataclass(frozen=True)
class Insight:
    """What the insight pane shows, as plain data."""

    summary: Summary
    influencers: tuple[Influence, ...]
    alike: bool  # everyone scores the same (analysis.influence.nobody_stands_out)
    brokers: tuple[tuple[PersonId, float, str], ...]
    communities: tuple[tuple[PersonId, ...], ...]  # largest first
    betweenness_error: float
    goals: tuple[GoalCoverage, ...]  # the active goals


class InsightJob(Job):
    """Measures a copy of the map taken as it starts; the outcome is stale if the map changed
    (but for moves: no measure reads positions, and a drag while a big map is measured
    would otherwise start the measuring over).

    The copy is taken by the worker, a slice at a time (:func:`relmap.core.turns.copied`),
    not in the window's time: copying a 100,000-person map and its log took it 0.25 s. A
    change made meanwhile leaves the job stale, whatever the copy then held
    (:meth:`Job._outcome`).
    """

    reads_positions = False

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(document=document, parent=parent)
        self._source = document.shown()
        self._of_map = self._source is document.network  # not the team's ratings
        self.network = Network()  # the copy, once the worker has taken it
        self._handed = False

    def finish_now(self) -> None:
        """Wait for the measures and hand them over, if they are of the map as it is."""
        assert self.document is not None
        if self.running and not self.outdated:
            self.wait()
            self.hand_over()

    def hand_over(self) -> None:
        """Give the map what the job measured, if it measured the map as it is (sizing
        people by influence then measures nothing again), and let go of the copy; once (the
        job's end after :meth:`finish_now` has nothing left to give)."""
        assert self.document is not None
        if self._handed:
            return
        self._handed = True
        if self._of_map:
            self.document.network.take_derived(self.network)
        self.network = Network()
        release_freed_memory()
        if self._of_map:
            self.document.sig_measured.emit()  # the views waiting for them restyle

    def work(self, report: Report, cancelled: Cancelled) -> object:
        assert self.document is not None
        with bulk_objects():  # no collector passes over the map meanwhile, in any thread
            network = self._source.copy(copied)
            if self._of_map:  # what a view already measured of it is not measured again
                network.take_derived(self._source, log=True)
            self.network = network
            found = self._measure(report)
            self.document.leave_out()  # each one's stay-in-touch status, among others
            return found

    def _measure(self, report: Report) -> Insight:
        network = self.network
        report(0, 3)
        found = measures(network)
        report(1, 3)
        ranked = tuple(influence(network, top=TOP))
        bridges = tuple(brokers(network, top=TOP))
        report(2, 3)
        groups = community_groups(found)
        covered = tuple(goals_coverage(network, today=date.today()))
        cadences(network)  # read by the Person pane's first look: not in the window's time
        return Insight(summary(network), ranked, nobody_stands_out(network), bridges, tuple(groups),
                       found.betweenness_error, covered)
