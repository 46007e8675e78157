"""Handing freed memory back to the system; passes over a large map's objects."""

from __future__ import annotations

from pathlib import Path

from relmap.core.bulk import in_passes, release_freed_memory


def _resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_memory_freed_by_a_large_piece_of_work_goes_back_to_the_system() -> None:
    # 200,000 blocks of 1 KB come from the C library's heap; the last one, kept, holds the
    # top of the heap, so freeing the rest returns nothing by itself.
    blocks = [bytes(1024) + bytes([i % 256]) for i in range(200_000)]
    kept = blocks[-1]
    del blocks
    freed = _resident_mb()
    release_freed_memory()
    assert _resident_mb() < freed - 100
    assert kept[-1] == 199_999 % 256


def test_passes_go_over_every_item_once_in_order_a_few_at_a_time() -> None:
    items = list(range(10))
    passes = list(in_passes(items, 4))
    assert passes == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert list(in_passes([], 4)) == []
