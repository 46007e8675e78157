"""Eases the canvas from old to new positions after a big move (an auto layout, an undo)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEasingCurve, QObject, QVariantAnimation

TWEEN_MS = 400
TWEEN_MIN_PEOPLE = 4  # smaller moves (a drag, an edit) jump straight to the result


class PositionTween(QObject):
    """Calls ``frame(positions)`` for each animation step, then ``done()``.

    The stored data is final from the start; only the picture catches up.
    """

    def __init__(
        self,
        frame: Callable[[np.ndarray], None],
        done: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._frame, self._done = frame, done
        self._start = self._end = np.empty((0, 2))
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(TWEEN_MS)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._on_animation_value_changed)
        self._animation.finished.connect(self._on_animation_finished)

    @property
    def running(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def start(self, start: np.ndarray, end: np.ndarray) -> None:
        self.stop()
        self._start, self._end = start.copy(), end.copy()
        self._animation.start()

    def stop(self) -> None:
        """Jump to the end (if running)."""
        if self.running:
            self._animation.stop()
            self._on_animation_finished()

    def _on_animation_value_changed(self, t: object) -> None:
        if isinstance(t, float) and len(self._start) == len(self._end):
            self._frame(self._start + (self._end - self._start) * t)

    def _on_animation_finished(self) -> None:
        self._frame(self._end)
        self._done()
