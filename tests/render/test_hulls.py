"""The outlines of sphere hulls."""

from __future__ import annotations

import numpy as np

from relmap.render.hulls import polygon_path


def _vertices(polygon: np.ndarray) -> list[tuple[float, float]]:
    path = polygon_path(polygon)
    return [(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())]


def test_a_hull_outline_goes_through_each_vertex_in_order_and_closes() -> None:
    polygon = np.array([[0.0, 0.0], [4.0, 0.5], [3.5, 3.0], [-1.0, 2.0]])
    assert _vertices(polygon) == [*map(tuple, polygon.tolist()), (0.0, 0.0)]
    backwards = polygon[::-1]  # a view of the array, not a copy of its own
    assert _vertices(backwards) == [*map(tuple, backwards.tolist()), (-1.0, 2.0)]
    assert polygon_path(np.zeros((0, 2))).isEmpty()
