"""Work beside the window takes its turns: long passes in slices, a pause while the window is
in the midst of a gesture."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from operator import neg

import pytest

from relmap.core import turns
from relmap.core.turns import TURN, copied, in_turns, wait_for_window, window_busy, window_waits


@pytest.fixture
def short_pause(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(turns, "PAUSE_S", 0.01)  # a worker that waits gives up at once
    yield
    assert turns._free.is_set(), "a test left a gesture open"


def _in_worker(step: Callable[[], bool]) -> bool:
    with ThreadPoolExecutor(1) as worker:
        return worker.submit(step).result()


def test_a_pass_in_turns_gives_what_one_pass_gives() -> None:
    items = list(range(2 * TURN + 7))  # two whole slices and a part
    assert list(in_turns(items, neg)) == list(map(neg, items))
    assert list(in_turns([], neg)) == []


def test_a_table_copied_in_turns_is_a_copy() -> None:
    table = {i: str(i) for i in range(TURN + 3)}
    copy = copied(table)
    assert copy == table and copy is not table


def test_a_worker_waits_for_the_window_only_while_a_gesture_is_under_way(
        short_pause: None) -> None:
    assert _in_worker(wait_for_window)
    window_busy(True)
    try:
        assert not _in_worker(wait_for_window)  # it waited the whole pause in vain
        window_busy(True)  # a second window's gesture
        window_busy(False)
        assert not _in_worker(wait_for_window)  # the first is still under way
    finally:
        window_busy(False)
    assert _in_worker(wait_for_window)


def test_the_window_never_waits_for_itself_and_a_worker_it_waits_for_goes_on(
        short_pause: None) -> None:
    window_busy(True)
    try:
        assert wait_for_window()  # in the window's own thread
        with window_waits():  # the window waits for a worker to finish
            assert _in_worker(wait_for_window)
        assert not _in_worker(wait_for_window)
    finally:
        window_busy(False)
