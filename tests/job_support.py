"""Background jobs held at a step the test chooses, so a cancel never races the machine."""

from __future__ import annotations

import threading
import time
from typing import TypeVar

from relmap.document.jobs.base import Cancelled, Job, Report

J = TypeVar("J", bound=Job)
HOLD_LIMIT = 60.0  # seconds: a test that forgets to cancel fails instead of hanging


def held_at_first_progress(job_class: type[J]) -> tuple[type[J], threading.Event]:
    """A subclass of ``job_class`` whose worker stops after its first progress report and
    waits there until the job is cancelled, and the event set once it is held.

    The work itself is the real one; only the moment of the cancel is fixed: the test
    cancels while the work is known to be under way, whatever the machine's speed.
    """
    held = threading.Event()

    class Held(job_class):  # type: ignore[valid-type,misc]
        def work(self, report: Report, cancelled: Cancelled) -> object:
            def report_then_hold(done: int, total: int) -> None:
                report(done, total)
                if held.is_set():
                    return
                held.set()
                deadline = time.monotonic() + HOLD_LIMIT
                while not cancelled() and time.monotonic() < deadline:
                    time.sleep(0.001)

            return super().work(report_then_hold, cancelled)

    Held.__name__ = f"Held{job_class.__name__}"
    return Held, held
