"""Label placement: no overlaps with labels or nodes, nothing outside the bounds."""

from __future__ import annotations

import numpy as np
import pytest

from relmap.render.labels import Placement, place_labels


def _overlaps(rects: np.ndarray) -> int:
    x0, y0, x1, y1 = (rects[:, i] for i in range(4))
    hit = (
        (x0[:, None] < x1[None, :]) & (x0[None, :] < x1[:, None])
        & (y0[:, None] < y1[None, :]) & (y0[None, :] < y1[:, None])
    )
    np.fill_diagonal(hit, False)
    return int(hit.sum())


def _node_hits(rects: np.ndarray, centres: np.ndarray, radii: np.ndarray) -> int:
    dx = np.maximum(np.maximum(rects[:, None, 0] - centres[None, :, 0],
                               centres[None, :, 0] - rects[:, None, 2]), 0)
    dy = np.maximum(np.maximum(rects[:, None, 1] - centres[None, :, 1],
                               centres[None, :, 1] - rects[:, None, 3]), 0)
    return int((dx**2 + dy**2 < radii[None, :] ** 2).sum())


def _random_map(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 1000, (n, 2))
    radii = rng.uniform(2, 9, n)
    sizes = np.column_stack([rng.uniform(20, 90, n), np.full(n, 12.0)])
    return centres, radii, sizes


@pytest.mark.parametrize(("n", "leaders"), [(50, True), (400, True), (400, False), (3000, True)])
def test_no_label_overlaps_a_label_or_a_node(n: int, leaders: bool) -> None:
    centres, radii, sizes = _random_map(n, seed=n)
    placed = place_labels(centres, radii, sizes, np.arange(n), bounds=(0, 0, 1000, 1000),
                          gap=2.0, leader_lines=leaders)
    assert len(placed) > min(n, 40)  # a placer that drops everything proves nothing
    assert _overlaps(placed.rects) == 0
    assert _node_hits(placed.rects, centres, radii) == 0
    assert placed.rects[:, :2].min() >= 0 and placed.rects[:, 2:].max() <= 1000
    widths = placed.rects[:, 2] - placed.rects[:, 0]
    np.testing.assert_allclose(widths, sizes[placed.rows, 0])


def test_the_least_important_label_is_dropped_first() -> None:
    # Two nodes side by side with room for one label only: the first in ``order`` wins.
    centres = np.array([[50.0, 5.0], [56.0, 5.0]])
    radii = np.array([3.0, 3.0])
    sizes = np.array([[80.0, 10.0], [80.0, 10.0]])
    bounds = (0.0, 0.0, 100.0, 30.0)
    for order in ([0, 1], [1, 0]):
        placed = place_labels(centres, radii, sizes, np.array(order), bounds=bounds, gap=1.0,
                              leader_lines=False)
        assert placed.rows.tolist() == [order[0]]


def test_labels_never_cross_the_bounds() -> None:
    centres = np.array([[2.0, 2.0], [98.0, 98.0]])
    placed = place_labels(centres, np.array([1.0, 1.0]), np.array([[30.0, 8.0], [30.0, 8.0]]),
                          np.array([0, 1]), bounds=(0, 0, 100, 100), gap=1.0)
    assert len(placed) == 2
    assert placed.rects[0, 0] >= 0 and placed.rects[1, 2] <= 100
    assert placed.rects[0, 1] >= 0 and placed.rects[1, 3] <= 100


def test_a_crowded_label_gets_a_leader_line_to_its_node() -> None:
    # A ring of nodes around the centre node blocks every spot next to it; lines pass between.
    angles = np.linspace(0, 2 * np.pi, 8, endpoint=False) + np.pi / 8
    ring = np.column_stack([100 + 14 * np.cos(angles), 100 + 14 * np.sin(angles)])
    centres = np.vstack([[[100.0, 100.0]], ring])
    radii = np.full(len(centres), 5.0)
    sizes = np.zeros((len(centres), 2))
    sizes[0] = (24.0, 8.0)  # only the centre node has a label
    placed: Placement = place_labels(centres, radii, sizes, np.arange(len(centres)),
                                     bounds=(0, 0, 200, 200), gap=1.0, leader_lines=True)
    assert placed.rows.tolist() == [0]
    assert not np.isnan(placed.leaders[0]).any()
    assert _node_hits(placed.rects, centres, radii) == 0
    without = place_labels(centres, radii, sizes, np.arange(len(centres)),
                           bounds=(0, 0, 200, 200), gap=1.0, leader_lines=False)
    assert len(without) == 0
