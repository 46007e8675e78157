"""Progress reporting and cancellation shared by the layout stages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


class LayoutCancelled(Exception):  # noqa: N818 - the name is part of the public API
    """Raised inside a layout call when its ``cancelled`` callback returned True."""


@dataclass
class _Sink:
    progress: Callable[[float], None] | None
    cancelled: Callable[[], bool] | None
    min_step: float
    last: float = -1.0


class Control:
    """Maps stage-local progress onto 0..1 and polls for cancellation.

    Progress is reported monotonically and at most about forty times per layout: a value
    is passed on only when it advanced by ``min_step`` since the last report, or reached 1.
    """

    def __init__(
        self,
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        *,
        min_step: float = 0.025,
    ) -> None:
        self._sink = _Sink(progress, cancelled, min_step)
        self._lo = 0.0
        self._hi = 1.0

    def check(self) -> None:
        """Raise :class:`LayoutCancelled` if the caller asked to stop."""
        if self._sink.cancelled is not None and self._sink.cancelled():
            raise LayoutCancelled("layout cancelled")

    def stage(self, lo: float, hi: float) -> Control:
        """Return a control whose 0..1 maps onto ``lo..hi`` of this one."""
        child = Control()
        child._sink = self._sink
        child._lo = self._lo + lo * (self._hi - self._lo)
        child._hi = self._lo + hi * (self._hi - self._lo)
        return child

    def report(self, fraction: float) -> None:
        """Report progress ``fraction`` (0..1) of this stage, then poll for cancellation."""
        sink = self._sink
        value = self._lo + min(max(fraction, 0.0), 1.0) * (self._hi - self._lo)
        value = min(max(value, 0.0), 1.0)
        due = value - sink.last >= sink.min_step or value >= 1.0 > sink.last
        if sink.progress is not None and value > sink.last and due:
            sink.last = value
            sink.progress(value)
        self.check()
