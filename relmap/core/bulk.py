"""Pausing the cyclic garbage collector while a load or an import builds its many objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk_objects(*, lasting: bool = False) -> Iterator[None]:
    """Run the body with the cyclic garbage collector paused, then restore it as it was.

    Loading a map or a 30,000-row import creates a few hundred thousand long-lived objects;
    each counts towards the next collection, and every full collection walks all of them
    again, which doubled the time of parsing and planning. Nothing built here forms reference
    cycles, so reference counting still frees whatever is dropped meanwhile.

    With ``lasting`` (reading a map) everything alive is then frozen (:func:`gc.freeze`): a
    map's objects live as long as the map, and the full collection that the next allocations
    would start walked them all, a pause of a second or more on a map of 100,000 people and
    their log. Frozen objects are still freed when dropped, but never collected as cycles,
    which a map's values do not form.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if lasting:
            gc.freeze()
        if enabled:
            gc.enable()
