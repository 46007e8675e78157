"""The outlines of sphere hulls."""

from __future__ import annotations

import numpy as np

from relmap.render.hulls import Grouping, group_labels, polygon_path


def _vertices(polygon: np.ndarray) -> list[tuple[float, float]]:
    path = polygon_path(polygon)
    return [(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())]


def test_a_hull_outline_goes_through_each_vertex_in_order_and_closes() -> None:
    polygon = np.array([[0.0, 0.0], [4.0, 0.5], [3.5, 3.0], [-1.0, 2.0]])
    assert _vertices(polygon) == [*map(tuple, polygon.tolist()), (0.0, 0.0)]
    backwards = polygon[::-1]  # a view of the array, not a copy of its own
    assert _vertices(backwards) == [*map(tuple, backwards.tolist()), (-1.0, 2.0)]
    assert polygon_path(np.zeros((0, 2))).isEmpty()


def test_groups_kept_as_people_move_a_few_at_a_time_are_those_grouped_afresh() -> None:
    """A chain cut where its middle moves away, two groups joined by one who comes between
    them, and random moves of one to twenty through clusters of a large sphere."""
    chain = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [3.0, 0.0], [9.0, 0.0]])
    grouping = Grouping(link=1.0)
    assert grouping.labels(chain).tolist() == [0, 0, 0, 0, 1]
    chain[2] = (6.0, 5.0)  # the middle leaves: the chain comes apart
    assert grouping.labels(chain).tolist() == [0, 0, 1, 2, 3]
    chain[2] = (8.0, 0.0)  # between the end of the chain and the one beyond it
    assert grouping.labels(chain).tolist() == [0, 0, 1, 2, 1]
    rng = np.random.default_rng(7)
    centres = rng.uniform(0, 2000, (40, 2))
    points = centres[rng.integers(0, 40, 3000)] + rng.normal(0, 40, (3000, 2))
    grouping = Grouping(link=25.0)
    grouping.labels(points)
    for step in range(60):
        moved = rng.choice(len(points), 1 + step % 20, replace=False)
        beside = points[rng.choice(len(points), len(moved))]  # each beside someone
        points[moved] = beside + rng.normal(0, 15, (len(moved), 2))
        assert np.array_equal(grouping.labels(points), group_labels(points, 25.0))
