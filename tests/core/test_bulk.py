"""Handing freed memory back to the system."""

from __future__ import annotations

from pathlib import Path

from relmap.core.bulk import release_freed_memory


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
