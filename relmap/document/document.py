"""The Document: the one open map, its repository and its undo stack."""

from __future__ import annotations

import logging
import os
import weakref
from collections.abc import Callable, Collection
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from functools import cache, partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtGui import QUndoStack

from relmap.analysis.filters import measured_yet
from relmap.analysis.upkeep import LastContacts, count_last_contacts, know_last_contacts
from relmap.core.bulk import (
    bulk_objects,
    collect_again,
    leave_out_of_collections,
    release_freed_memory,
)
from relmap.core.edits import (
    AddHistory,
    Batch,
    Edit,
    MoveNodes,
    may_touch_records,
    removed_people,
)
from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.ids import PersonId
from relmap.core.merge import Adopt, ConflictError, Stamp
from relmap.core.model import Assessment, AssessmentChange, RecordKind, Tie
from relmap.core.network import PERSON, ChangeSet, Key, Network, PeopleIndex, index_apart
from relmap.core.turns import window_busy, window_waits
from relmap.document.commands import EditCommand
from relmap.store.damage import DamagedMapError, restore
from relmap.store.database import READ_ONLY
from relmap.store.repository import (
    Listener,
    LogRead,
    Progress,
    Repository,
    Sketcher,
    ensure_me,
)
from relmap.style import Measure

log = logging.getLogger("relmap.document")
NEWS_MS = 500  # how often to look for changes made elsewhere
LISTENING_NEWS_MS = 5_000  # how often when the server says when
ELSEWHERE = "elsewhere"  # the origin of changes made by another window or member
MEASURED_LATER_FROM = 2_000  # people: a map this large is drawn before it is measured
LEFT_OUT_FROM = 10_000  # people: a map this large is left out of garbage collections


class Measuring(Protocol):
    """Measures of the map worked out in the background (``jobs.insight.InsightJob``)."""

    def finish_now(self) -> None:
        """Wait for the measures, then give the map those of its present state."""


@dataclass(frozen=True)
class _ReadApart:
    """A relationship log read in a worker, with what the worker worked out from it and the
    map's ties as they were (at the document's ``content_generation``)."""

    read: LogRead
    counted: LastContacts
    indexes: dict[str, PeopleIndex]
    generation: int


class Document(QObject):
    """Every change is an edit pushed here: committed to the database, then announced.

    ``sig_changed(ChangeSet)`` is emitted after the database has committed (with ``origin``
    :data:`ELSEWHERE` for changes made by another window or member); ``sig_failed(str)``
    when an undo or redo could not be stored (the map is left as it was); ``sig_news(News)``
    when changes made elsewhere have been taken in; ``sig_merged(list[Stamp])`` when an edit
    was merged with changes made elsewhere.

    An edit that clashes with a change made elsewhere asks ``settle`` (the conflict dialog)
    how to resolve it; without one, or when it declines, nothing is stored.
    """

    sig_changed = Signal(object)
    sig_failed = Signal(str)
    sig_news = Signal(object)
    sig_merged = Signal(object)
    sig_log_read = Signal()  # the log read in the background is ready to take in
    sig_held = Signal(bool)  # a drag began (True) or ended (False): see ``held``
    sig_measures_wanted = Signal()  # a view needs the insight measures: see measures_ready
    sig_measured = Signal()  # the insight measures of the map as it is are in

    def __init__(
        self, repository: Repository, *, log_later: bool = False,
        progress: Progress | None = None, sketch: Sketcher | None = None,
        parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.repository = repository
        self._left_out = False  # of the garbage collector's passes, until closed
        self._closed = False
        with bulk_objects():
            self.network: Network = repository.load(log=not log_later, progress=progress,
                                                    sketch=sketch)
            self.leave_out()
        self._log_pending = log_later  # the relationship log is read by load_log()
        self._log_read: Future[_ReadApart] | None = None  # ... in a worker
        self.read_only = repository.read_only
        if not self.read_only:
            ensure_me(repository, self.network)
        self.undo_stack = QUndoStack(self)
        self.generation = 0  # bumps on every change; background work compares it
        self.content_generation = 0  # bumps on every change but a move (a drag, a layout)
        self._history: list[AssessmentChange] | None = None  # everyone's, once read
        self.settle: Callable[[ConflictError], dict[Key, Any] | None] | None = None
        self._held = False
        self.team_view = False  # show the team's ratings rather than mine (a team map)
        self._team: tuple[int, Network] | None = None  # the team's view, at a generation
        self._listener: Listener | None = None
        self._notifier: QSocketNotifier | None = None
        self._ticks = 0  # news ticks since the last look
        self.measuring: Measuring | None = None  # the insight measures under way, if any

    def measures_ready(self, which: Collection[Measure]) -> bool:
        """Whether a view may read the measures ``which`` of the map as it is now.

        Those a large map has not worked out yet are asked for in the background instead
        (seconds at 100,000 people: in the window's thread, a freeze), and this is False;
        ``sig_measured`` says when they are in. A smaller map waits for the measuring under
        way, if any, and works out the rest where they are read.
        """
        if not which or measured_yet(self.network, which):
            return True
        if len(self.network.people) >= MEASURED_LATER_FROM:
            if self.measuring is None:
                self.sig_measures_wanted.emit()
            return False
        self.wait_for_measures()
        return True

    def wait_for_measures(self) -> None:
        """Before a view measures the map: let the measuring under way end and take what it
        measured, instead of measuring the same map a second time beside it (as long again,
        and twice the memory)."""
        if self.measuring is not None:
            self.measuring.finish_now()

    @classmethod
    def open(cls, target: str | os.PathLike[str], *, log_later: bool = False,
             progress: Progress | None = None, sketch: Sketcher | None = None,
             parent: QObject | None = None) -> Document:
        """The map at ``target``; with ``log_later`` its relationship log (goals, contacts,
        exchanges, views, sessions) is read by :meth:`load_log`, so that a window shows the
        map first: on a big map the log is most of the reading. ``progress`` hears of the
        reading as it goes (rows read, rows to read), ``sketch`` gets a large map's sketch
        before (Repository.load)."""
        return cls(Repository(target), log_later=log_later, progress=progress, sketch=sketch,
                   parent=parent)

    @property
    def closed(self) -> bool:
        """True once :meth:`close` let go of the map."""
        return self._closed

    @property
    def log_pending(self) -> bool:
        """True until the relationship log left for later has been read."""
        return self._log_pending

    def read_log_soon(self) -> None:
        """Read the relationship log left for later in a worker thread, on a connection of
        its own, while the map stays in use; ``sig_log_read`` says when it can be taken in
        by :meth:`load_log` without waiting."""
        if not self._log_pending or self._log_read is not None:
            return
        ties = list(self.network.ties.values())
        self.network.ties_indexed_apart = True
        self._log_read = _log_reader().submit(self._read_log, ties, self.content_generation)

    def _read_log(self, ties: list[Tie], generation: int) -> _ReadApart:
        """The worker's part: read, count everyone's last contact and index everyone's ties,
        contacts and exchanges (the Person pane's first look would, for seconds on a big map),
        then say so, whatever happened (the outcome is taken in on the GUI thread)."""
        try:
            with bulk_objects():
                read = self.repository.read_log()
                tables = read.tables
                counted = count_last_contacts(tables.get(RecordKind.INTERACTION, {}))
                indexes = index_apart(ties, tables)
                self.leave_out()
            return _ReadApart(read, counted, indexes, generation)
        finally:
            self.sig_log_read.emit()

    @property
    def log_reading(self) -> bool:
        """True while the relationship log is being read in the background."""
        return self._log_read is not None and not self._log_read.done()

    def load_log(self) -> None:
        """Take in the relationship log left for later, if it was: the one read in the
        background (waiting for it if need be), else read now. The views hear of it as one
        change that says so (``ChangeSet.log``). Every edit that may touch a record
        (``core.edits.may_touch_records``) and every piece of news reads it first, so that
        nothing is based on a map without its log."""
        if not self._log_pending:
            return
        reading, self._log_read = self._log_read, None
        with window_waits():  # a gesture's drop waits for it: the worker goes on meanwhile
            apart = None if reading is None else reading.result()
        read = self.repository.read_log() if apart is None else apart.read
        self._log_pending = False
        same = apart is not None and apart.generation == self.content_generation
        self.repository.take_log(self.network, read)
        if apart is not None:  # the map had no records: these are its own
            know_last_contacts(self.network, apart.counted)
            # Its ties are those indexed unless the map changed meanwhile (a move does not).
            self.network.know_indexes(apart.indexes, ties=same)
        self.network.ties_indexed_apart = False
        del read, reading, apart  # the tables it was read into, now copied into the network
        release_freed_memory()
        self.leave_out()
        self._changed(ChangeSet(log=True))

    def leave_out(self) -> None:
        """Leave a large map, and what was made of it, out of the garbage collector's passes
        until it is closed (:func:`leave_out_of_collections`); called while they are paused
        (:func:`bulk_objects`), in any thread. Their first pass after the pause walks
        everything made meanwhile: 0.27 s once a 100,000-person map is read, 0.7 s (in the
        worker, which the window then waits for) once its log is, 0.12 s once it is
        measured."""
        if len(self.network.people) >= LEFT_OUT_FROM and not self._closed:
            leave_out_of_collections()
            self._left_out = True

    def watch(self) -> None:
        """Look for changes made elsewhere from now on (a window shows this map): every
        NEWS_MS, and at once when a server says so."""
        self._listener = self.repository.listen()
        if self._listener is not None:  # a server says when: the ticks are a safety net
            self._notifier = _application_owned(QSocketNotifier(
                self._listener.fileno(), QSocketNotifier.Type.Read))
            self._notifier.activated.connect(partial(_told, weakref.ref(self)))
        _watched().add(self)

    def close(self) -> None:
        """Let go of the map: its undo steps, its reading, its news and its database (once:
        closing again does nothing)."""
        if self._closed:
            return
        if self._held:  # a window closed in the midst of a drag: no news to take now
            self._held = False
            window_busy(False)
        self._closed = True
        # The undo steps go now, while all of them are whole: left to the stack's own end,
        # which may come in a garbage collection that has already taken some of them apart,
        # deleting them crashes.
        self.undo_stack.clear()
        if self._log_read is not None:  # the reader's connection goes with the repository
            wait((self._log_read,))
        _watched().discard(self)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
        self.repository.close()
        if self._left_out:
            collect_again()

    def _tick(self) -> None:
        self._ticks += 1
        if self._listener is None or self._ticks * NEWS_MS >= LISTENING_NEWS_MS:
            self._ticks = 0
            self.take_news()

    def push(self, edit: Edit, text: str, *, origin: object | None = None) -> ChangeSet:
        """Apply and commit ``edit`` as one undo step; raise KnownError if it is refused.

        Undoing the removal of people brings their rating history back with them. An edit
        that clashes with a change made elsewhere is settled first (see ``settle``).
        """
        if self.read_only:
            raise KnownError(tr(READ_ONLY))
        if may_touch_records(edit):  # a drop or a rating does not wait fifteen seconds for
            self.load_log()  # a 100,000-person map's log read in the background
        inverse = rollback = edit.inverse(self.network)
        if gone := removed_people(edit):
            inverse = Batch((inverse, AddHistory(tuple(self.repository.history(*gone)))))
        try:
            changes = self._apply(edit, origin, text, undo=rollback)
        except ConflictError as conflict:
            before = self.network.entities(conflict.planned) | conflict.theirs
            changes = self._settle(conflict, text)
            left = self.network.entities(changes.keys())
            if any(left.get(k) != v for k, v in before.items()):  # something of mine stayed
                self.undo_stack.push(EditCommand(text, Adopt(left), Adopt(before),
                                                 self._replay, left))
            return changes
        self.undo_stack.push(EditCommand(text, edit, inverse, self._replay,
                                         self.network.entities(changes.keys())))
        return changes

    def take_news(self) -> bool:
        """Take in what other windows or members committed since the last look (polled
        every NEWS_MS); True if there was any."""
        if self.held or self.log_reading:  # news can wait: taking it would wait for the log
            return False
        self.load_log()
        try:
            news = self.repository.news()
        except KnownError as exc:  # the server is away for a moment: try again next time
            log.info("no news: %s", exc)
            return False
        if news is None:
            return False
        changes = replace(self.network.apply(Adopt(news.entities)), origin=ELSEWHERE)
        self._changed(changes)
        self.sig_news.emit(news)
        return True

    @property
    def held(self) -> bool:
        """News waits while this is set (a drag in progress), and comes when it is cleared;
        so does work beside the window (:func:`relmap.core.turns.window_busy`)."""
        return self._held

    @held.setter
    def held(self, held: bool) -> None:
        if held == self._held:
            return
        self._held = held
        window_busy(held)
        if not held:
            QTimer.singleShot(0, self.take_news)
        self.sig_held.emit(held)

    def _on_told(self) -> None:
        if self._listener is not None and self._listener.drain():
            self.take_news()

    def shown(self) -> Network:
        """The map as the views show it: with the team's ratings (for each rating, the
        highest any member gave) while ``team_view`` is on, else as it is."""
        if not (self.team_view and self.repository.team):
            return self.network
        if self._team is None or self._team[0] != self.generation:
            team = self.network.copy()
            for pid, ratings in self.repository.team_ratings().items():
                if (person := team.people.get(pid)) is not None:
                    team.people[pid] = replace(person,
                                               assessment=Assessment.highest(ratings.values()))
            self._team = (self.generation, team)
        return self._team[1]

    def last_change(self, person: PersonId) -> Stamp | None:
        """Who last changed ``person``, when, and how."""
        return self.repository.last_change((PERSON, int(person)))

    def push_import(self, edit: Edit, text: str) -> None:
        """Back the map up, then push ``edit`` (an import) as one undo step."""
        # Imported here, as the layout engine below: opening a map needs neither.
        from relmap.document.importing import store_import

        store_import(self.repository, lambda e: self.push(e, text), edit)

    def place_unplaced(
        self, *, seed: int = 0, progress: Callable[[float], None] | None = None
    ) -> None:
        """Give people without a position one from the layout; stored, not an undo step.

        ``progress`` hears the share done (0..1) now and then.
        """
        if self.read_only or all(p.placed for p in self.network.people.values()):
            return
        from relmap.document.placement import placements

        moves = placements(self.network, seed=seed, progress=progress)
        changes = self.repository.apply(
            MoveNodes(moves), self.network, summary=tr("Place new people on the map")
        )
        self.sig_changed.emit(changes)

    def history(self, *people: PersonId) -> list[AssessmentChange]:
        """The rating changes of ``people``, or of everyone (read once per change), oldest
        first."""
        if people:
            return self.repository.history(*people)
        if self._history is None:
            self._history = self.repository.history()
        return self._history

    def _apply(self, edit: Edit, origin: object | None, text: str,
               base: dict[Key, Any] | None = None, undo: Edit | None = None) -> ChangeSet:
        if may_touch_records(edit):
            self.load_log()
        changes = self.repository.apply(edit, self.network, base=base, summary=text, undo=undo)
        if self.repository.merged:
            self.sig_merged.emit(list(self.repository.merged.values()))
        return self._changed(replace(changes, origin=origin))

    def _changed(self, changes: ChangeSet) -> ChangeSet:
        if changes.history or changes.structural:  # a rating, or someone's history gone
            self._history = None
        self.generation += 1
        if not changes.moves_only:
            self.content_generation += 1
        self.sig_changed.emit(changes)
        return changes

    def _settle(self, conflict: ConflictError, text: str) -> ChangeSet:
        """Store what the user chose for each clash; raise ``conflict`` if they declined."""
        resolved = self.settle(conflict) if self.settle is not None else None
        if resolved is None:
            raise conflict
        return self._changed(self.repository.settle(self.network, conflict, resolved, text))

    def _replay(self, command: EditCommand, edit: Edit) -> None:
        # Called by undo/redo from inside Qt, where an exception would only be printed.
        try:
            try:
                changes = self._apply(edit, command, command.text(), base=command.left)
            except ConflictError as conflict:
                changes = self._settle(conflict, command.text())
            command.left = self.network.entities(changes.keys())
        except KnownError as exc:
            log.warning("undo/redo not stored: %s", exc)
            self.sig_failed.emit(str(exc))


def _application_owned(child: T) -> T:
    """``child``, owned by the application: it then lives and dies on the GUI thread, never
    with a document that Python happens to collect on a worker thread."""
    child.setParent(QCoreApplication.instance())
    return child


T = TypeVar("T", bound=QObject)
_WATCHED: weakref.WeakSet[Document] = weakref.WeakSet()
_TIMER: list[QTimer] = []  # the one timer of every watched document, once made


@cache
def _log_reader() -> ThreadPoolExecutor:
    """The one worker thread that reads maps' relationship logs (joined at exit, so that no
    read is cut off while Qt is torn down)."""
    return ThreadPoolExecutor(1, thread_name_prefix="relmap-log")


def _watched() -> weakref.WeakSet[Document]:
    """The documents shown in windows; one application-owned timer tells each to look."""
    if QCoreApplication.instance() is not None and not _ticking():
        timer = _application_owned(QTimer(interval=NEWS_MS))
        timer.timeout.connect(_tick_all)
        timer.start()
        _TIMER[:] = [timer]
    return _WATCHED


def _ticking() -> bool:
    try:
        return bool(_TIMER) and _TIMER[0].isActive()
    except RuntimeError:  # its application has gone, and the timer with it
        return False


def _tick_all() -> None:
    for document in list(_WATCHED):
        document._tick()


def _told(document: weakref.ref[Document], *_: object) -> None:
    if (told := document()) is not None:
        told._on_told()


def open_document(
    target: str | os.PathLike[str], *, ask: Callable[[DamagedMapError], Path | None],
    progress: Progress | None = None, sketch: Sketcher | None = None
) -> Document | None:
    """Open the map at ``target`` for a window: its relationship log is read once the map is
    on screen (:meth:`Document.load_log`). A damaged map has been moved aside: ``ask`` chooses
    what to open in its place (a backup, a salvage), which is restored and opened; None:
    nothing. ``progress`` hears of the reading as it goes, ``sketch`` sees a large map first."""
    try:
        return Document.open(target, log_later=True, progress=progress, sketch=sketch)
    except DamagedMapError as damage:
        chosen = ask(damage)
        if chosen is None:
            return None
        restore(damage.db, chosen)
        return Document.open(target, log_later=True, progress=progress, sketch=sketch)
