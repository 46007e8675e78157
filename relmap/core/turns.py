"""Work beside the window that lets it have its turns.

Python runs one thread at a time. While a large map is measured in a worker, each step of the
window (a call into Qt gives up the interpreter and takes it back) waits for the worker to
give it up: at the switch interval within Python code, but only at the end of a long call into
C. And while both run Python, each gets half of it. A drag begun then started up to three
times as slowly as on a map at rest.

So the worker takes its long passes over a map in slices (:func:`in_turns`), and between
them, and at each step of its searches, pauses while the window is in the midst of a gesture
(:func:`window_busy`, :func:`wait_for_window`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from typing import TypeVar

K = TypeVar("K")
T = TypeVar("T")
V = TypeVar("V")

TURN = 1_000  # items per slice of in_turns: a tenth of a millisecond of C
PAUSE_S = 0.5  # the longest a worker waits for the window at a time: a gesture left open
# (its window closed mid-drag) only slows the work down

_free = threading.Event()  # set unless a window is in the midst of a gesture
_free.set()
_busy = _waiting = 0  # gestures under way; the window's waits for a worker
_lock = threading.Lock()


def in_turns(items: Sequence[T], get: Callable[[T], V]) -> Iterator[V]:
    """``map(get, items)``, a slice of TURN items at a time, waiting for the window before
    each (:func:`wait_for_window`).

    One pass of C over a whole map's ties (``tuple(map(attrgetter("id"), ties))``, or
    ``np.fromiter`` of one) holds the interpreter for its whole length: 20-90 ms at 500,000
    ties. Between slices the window gets its turn.
    """
    return chain.from_iterable(map(get, items[start:start + TURN])
                               for start in _starts(len(items)))


def copied(table: dict[K, V]) -> dict[K, V]:
    """A copy of ``table``, a slice of TURN entries at a time (:func:`in_turns`): one
    ``dict(table)`` of a large map's million contacts holds the interpreter for 40 ms or more.
    An entry removed meanwhile raises KeyError, as the map changed under the copy."""
    keys = list(table)
    return dict(zip(keys, in_turns(keys, table.__getitem__), strict=True))


def _starts(n: int) -> Iterator[int]:
    for start in range(0, n, TURN):
        wait_for_window()
        yield start


def window_busy(busy: bool) -> None:
    """A gesture in a window began (True) or ended (False): work in other threads pauses at
    its next :func:`wait_for_window` until every gesture has ended."""
    global _busy
    with _lock:
        _busy = max(0, _busy + (1 if busy else -1))
        _update()


@contextmanager
def window_waits() -> Iterator[None]:
    """The window waits for a worker within the block (a drop on a small map waits for its
    measures): the worker goes on meanwhile, gesture or not."""
    global _waiting
    with _lock:
        _waiting += 1
        _update()
    try:
        yield
    finally:
        with _lock:
            _waiting -= 1
            _update()


def _update() -> None:
    if _busy and not _waiting:
        _free.clear()
    else:
        _free.set()


def wait_for_window() -> bool:
    """In a worker thread: wait while a window is in the midst of a gesture, up to PAUSE_S;
    whether the window let it go on (False: it waited the whole pause). In the window's own
    thread: True at once (it never waits for itself)."""
    return threading.current_thread() is threading.main_thread() or _free.wait(PAUSE_S)
