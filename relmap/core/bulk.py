"""Pausing the cyclic garbage collector while a load or an import builds its many objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
