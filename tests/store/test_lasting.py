"""A map read stays out of later garbage collections: walking millions of its objects again
paused the window for a second on a big map."""

from __future__ import annotations

import gc
from pathlib import Path

from relmap.store.repository import Repository


def test_a_map_read_is_left_out_of_later_collections(demo_db: Path) -> None:
    gc.unfreeze()
    with Repository(demo_db) as repo:
        network = repo.load(log=False)
        frozen = gc.get_freeze_count()
        assert frozen > 10 * len(network.people)
        repo.take_log(network, repo.read_log())
        assert gc.get_freeze_count() > frozen + len(network.interactions)
    gc.unfreeze()
