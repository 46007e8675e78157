"""Background jobs: auto layout as one undo step, pinned people stay, stale results dropped,
cancel and failure reported."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from relmap.analysis.upkeep import cadences, cadences_known
from relmap.core.edits import Edit, MoveNodes, Position, UpdatePerson
from relmap.core.errors import KnownError
from relmap.core.network import Network
from relmap.document import document
from relmap.document.document import Document
from relmap.document.jobs.base import Job, JobOutcome
from relmap.document.jobs.insight import Insight, InsightJob
from relmap.document.jobs.layout import LayoutJob
from relmap.store.repository import Repository

pytestmark = pytest.mark.jobs


def _run(qtbot: QtBot, job: LayoutJob, **options: object) -> str:
    with qtbot.waitSignal(job.sig_done, timeout=60_000) as blocker:
        job.start(**options)  # type: ignore[arg-type]
    assert not job.running
    return str(blocker.args[0])


def _positions(doc: Document) -> dict[int, tuple[float | None, float | None]]:
    return {pid: (p.x, p.y) for pid, p in doc.network.people.items()}


def test_auto_layout_is_one_undo_step_and_keeps_pins(qtbot: QtBot, demo_db: Path) -> None:
    doc = Document.open(demo_db)
    pinned = next(p for p in doc.network.people if not doc.network.people[p].is_me)
    doc.push(MoveNodes({pinned: Position(900.0, -900.0, True)}), "Move")
    before = _positions(doc)
    message = _run(qtbot, LayoutJob(doc), seed=3)
    assert message.startswith("Laid out")
    assert doc.undo_stack.count() == 2
    assert doc.undo_stack.undoText() == "Auto layout"
    after = _positions(doc)
    assert after[pinned] == (900.0, -900.0)
    assert after[doc.network.me.id] == (0.0, 0.0)  # type: ignore[union-attr]
    assert sum(after[p] != before[p] for p in after) > len(after) // 2
    with Repository(demo_db) as repo:
        assert {pid: (p.x, p.y) for pid, p in repo.load().people.items()} == after
    doc.undo_stack.undo()
    assert _positions(doc) == before
    doc.close()


def test_result_is_discarded_when_the_map_changed(qtbot: QtBot, demo_db: Path) -> None:
    doc = Document.open(demo_db)
    job = LayoutJob(doc)
    before = _positions(doc)
    with qtbot.waitSignal(job.sig_done, timeout=60_000) as blocker:
        job.start()
        doc.push(UpdatePerson(doc.network.me.id, {"title": "Chair"}), "Edit")  # type: ignore[union-attr]
        job.wait()
    assert "discarded" in blocker.args[0]
    assert _positions(doc) == before
    assert doc.undo_stack.count() == 1
    doc.close()


def test_a_move_leaves_the_measures_under_way_but_not_a_layout(qtbot: QtBot,
                                                               demo_db: Path) -> None:
    doc = Document.open(demo_db)
    someone = next(p for p in doc.network.people if not doc.network.people[p].is_me)

    def outcome(job: Job, edit: Edit) -> JobOutcome:
        with qtbot.waitSignal(job.sig_finished, timeout=60_000) as blocker:
            job.start()
            doc.push(edit, "Change")
            job.wait()
        assert isinstance(blocker.args[0], JobOutcome)
        return blocker.args[0]

    move = MoveNodes({someone: Position(40.0, 50.0, True)})
    measured = outcome(InsightJob(doc), move)
    assert measured.ok and isinstance(measured.value, Insight)
    assert outcome(InsightJob(doc), UpdatePerson(someone, {"title": "Chair"})).stale
    assert outcome(LayoutJob(doc), MoveNodes({someone: Position(60.0, 70.0, True)})).stale
    doc.close()


def test_the_measures_bring_what_a_first_look_at_someone_reads(qtbot: QtBot,
                                                             demo_db: Path) -> None:
    doc = Document.open(demo_db)
    assert not cadences_known(doc.network)
    job = InsightJob(doc)
    with qtbot.waitSignal(job.sig_finished, timeout=60_000):
        job.start()
    assert cadences_known(job.network)  # worked out beside the window, not in its time
    job.hand_over()  # as the insight pane does
    assert cadences_known(doc.network)
    doc.close()


def test_what_measuring_a_large_map_made_is_left_out_of_collections(
        qtbot: QtBot, demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each one's stay-in-touch status among it: the collector's first pass after the measures
    # walked them in the worker for 0.12 s at 100,000 people, which the window waited for.
    monkeypatch.setattr(document, "LEFT_OUT_FROM", 1)  # as if many
    doc = Document.open(demo_db)
    job = InsightJob(doc)
    with qtbot.waitSignal(job.sig_finished, timeout=60_000):
        job.start()
    walked = {id(o) for o in gc.get_objects()}  # all but what is left out
    made = cadences(job.network)
    assert made and not any(id(c) in walked for c in made.values())
    doc.close()


def test_the_measures_copy_the_map_beside_the_window(
        qtbot: QtBot, demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Copying a 100,000-person map and its log held the window for 0.25 s each time the
    # measures began, after the log was read and after each pause in editing.
    doc = Document.open(demo_db)
    copied_in: list[str] = []
    copy = Network.copy

    def copied(network: Network, *how: Callable[[dict[int, object]], dict[int, object]]
               ) -> Network:
        copied_in.append(threading.current_thread().name)
        return copy(network, *how)

    monkeypatch.setattr(Network, "copy", copied)
    job = InsightJob(doc)
    with qtbot.waitSignal(job.sig_finished, timeout=60_000) as blocker:
        job.start()
    assert blocker.args[0].ok and copied_in == ["relmap-InsightJob"]
    doc.close()


def test_cancel_leaves_the_map_alone(qtbot: QtBot, demo_db: Path) -> None:
    doc = Document.open(demo_db)
    job = LayoutJob(doc)
    # Cancel from the worker thread at the first progress report: deterministic.
    job.sig_progress.connect(lambda _done, _total: job.cancel(), Qt.ConnectionType.DirectConnection)
    before = _positions(doc)
    assert _run(qtbot, job) == "Layout cancelled"
    assert _positions(doc) == before
    assert doc.undo_stack.count() == 0
    doc.close()


def test_ego_layout_puts_closer_people_nearer_me(qtbot: QtBot, demo_db: Path) -> None:
    doc = Document.open(demo_db)
    _run(qtbot, LayoutJob(doc), ego=True)
    assert doc.undo_stack.undoText() == "Ego layout"
    from relmap.document.placement import layout_input

    data = layout_input(doc.network)
    me = doc.network.me
    assert me is not None
    assert me.x is not None and me.y is not None
    dist = np.hypot(data.pos[:, 0] - me.x, data.pos[:, 1] - me.y)
    close, far = data.closeness >= 0.75, data.closeness <= 0.25
    assert close.any() and far.any()
    assert np.median(dist[close]) < np.median(dist[far])
    doc.close()


class _Sum(Job):
    def __init__(self, numbers: list[int], *, fail: Exception | None = None) -> None:
        super().__init__()
        self.numbers, self.fail = numbers, fail

    def work(self, report: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
        for i, _ in enumerate(self.numbers):
            report(i, len(self.numbers))
        if self.fail is not None:
            raise self.fail
        return sum(self.numbers)


def _outcome(qtbot: QtBot, job: Job) -> JobOutcome:
    with qtbot.waitSignal(job.sig_finished, timeout=60_000) as blocker:
        job.start()
    assert not job.running
    # The worker has ended by the time its outcome arrives: none is left for exit to race.
    assert not [t for t in threading.enumerate() if t.name == f"relmap-{type(job).__name__}"]
    outcome = blocker.args[0]
    assert isinstance(outcome, JobOutcome)
    return outcome


def test_a_job_hands_its_result_back_on_the_gui_thread(qtbot: QtBot) -> None:
    job, seen = _Sum([1, 2, 3]), []
    job.sig_progress.connect(lambda done, total: seen.append((done, total)))
    assert _outcome(qtbot, job) == JobOutcome(value=6)
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [(0, 3), (1, 3), (2, 3)]


def test_a_job_cancelled_after_its_work_finished_still_ends_cancelled(qtbot: QtBot) -> None:
    job = _Sum([1, 2, 3])
    with qtbot.waitSignal(job.sig_finished, timeout=60_000) as blocker:
        job.start()
        job.wait()  # finished, its result not yet handed back
        job.cancel()
    assert blocker.args[0] == JobOutcome(cancelled=True)


def test_a_refusal_is_reported_and_a_bug_is_logged_and_reported(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    assert _outcome(qtbot, _Sum([1], fail=KnownError("disk full"))).error == "disk full"
    assert _outcome(qtbot, _Sum([1], fail=ZeroDivisionError("oops"))).error == "oops"
    assert [r.levelname for r in caplog.records if r.name == "relmap.jobs"] == [
        "WARNING", "ERROR"]


class _Stumbles(Job):
    """Fails once told to go on, as work that read a map half changed may."""

    def __init__(self, document: Document, go: threading.Event) -> None:
        super().__init__(document=document)
        self.go = go

    def work(self, report: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
        self.go.wait(60)
        raise KeyError("someone half removed")


def test_a_job_that_stumbles_on_a_map_changed_meanwhile_ends_stale(
    qtbot: QtBot, demo_db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    doc = Document.open(demo_db)
    go = threading.Event()
    job = _Stumbles(doc, go)
    with qtbot.waitSignal(job.sig_finished, timeout=60_000) as blocker:
        job.start()
        doc.push(UpdatePerson(doc.network.me.id, {"title": "Chair"}), "Edit")  # type: ignore[union-attr]
        go.set()
    assert blocker.args[0] == JobOutcome(stale=True)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    doc.close()
