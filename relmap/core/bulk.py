"""Pausing the cyclic garbage collector while a load or an import builds its many objects,
keeping what many of them have in common once, and handing back the memory a large piece of
work freed."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


@contextmanager
def bulk_objects() -> Iterator[None]:
    """Run the body with the cyclic garbage collector paused, then restore it as it was.

    Loading a map or a 30,000-row import creates a few hundred thousand long-lived objects;
    each counts towards the next collection, and every full collection walks all of them
    again, which doubled the time of parsing and planning. Nothing built here forms reference
    cycles, so reference counting still frees whatever is dropped meanwhile.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def leave_out_of_collections() -> None:
    """Leave every object there is now out of the cyclic garbage collector's later passes
    (``gc.freeze``).

    A 100,000-person map with its log is two million objects, and each full collection walks
    them all again: 0.4–0.7 s, at whatever the user happens to do next (the first full
    collection comes soon after a map is read, since everything read counts as new).
    Reference counting still frees what is dropped; only a cycle among them waits for
    :func:`collect_again`.
    """
    gc.freeze()


def collect_again() -> None:
    """Hand everything :func:`leave_out_of_collections` left out back to the collector (a
    map closed: its cycles, and those of its window, can go)."""
    gc.unfreeze()


def one_of(shared: dict[Any, Any], value: T) -> T:
    """The one object equal to ``value`` in ``shared``, ``value`` itself the first time: what
    thousands of rows have in common (a town, a set of spheres) is then kept once."""
    found: T = shared.setdefault(value, value)
    return found


def release_freed_memory() -> None:
    """Hand the memory freed by a large piece of work (reading a map's log, measuring it)
    back to the system. The C library keeps what Python frees for later use, where it still
    counts as the app's: 190 MB once a 100,000-person map is open. Only the GNU C library
    keeps it so; elsewhere this does nothing."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim
    except (OSError, AttributeError, TypeError):  # no C library by that name, or not GNU
        return None
    return trim
