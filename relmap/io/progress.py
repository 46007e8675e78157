"""Progress reports and cancellation for long parses, checked every few hundred records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from relmap.core.i18n import tr
from relmap.io.errors import ImportCancelledError

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

_EVERY = 256


@dataclass
class Monitor:
    """Calls ``progress(done, total)`` now and then and raises ImportCancelledError when asked to.

    Both hooks are optional and may be called from a worker thread; they must be cheap and
    thread-safe (a Qt signal emit and an atomic flag read are).
    """

    progress: ProgressCallback | None = None
    cancelled: CancelCheck | None = None

    def step(self, done: int, total: int) -> None:
        """Report ``done`` of ``total`` records; check for cancellation every 256 records."""
        if done % _EVERY == 0 or done == total:
            self.check()
            if self.progress is not None:
                self.progress(done, total)

    def check(self) -> None:
        """Raise ImportCancelledError if the user cancelled."""
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelledError(tr("the import was cancelled; nothing was changed"))
