"""Plain geometry of the canvas."""

from __future__ import annotations

import numpy as np

from relmap.ui.canvas.geometry import elsewhere


def test_a_point_is_elsewhere_when_either_coordinate_changed() -> None:
    was = np.array([[0.0, 0.0], [1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    now = was.copy()
    now[1, 0] = 1.5  # across
    now[3, 1] = -6.0  # down
    assert elsewhere(now, was).tolist() == [False, True, False, True]
    assert elsewhere(now[1:], was[1:]).tolist() == [True, False, True]
    columns = np.asfortranarray(now)  # laid out by column, as a stacked array may be
    assert elsewhere(columns, was).tolist() == [False, True, False, True]
