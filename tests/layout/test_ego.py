"""ego_layout: owner in the middle, rings ordered by closeness, groups side by side."""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
import numpy as np
import pytest
from scipy.spatial import cKDTree
from scipy.spatial.distance import pdist

from relmap.layout import LayoutCancelled, ego_layout
from relmap.layout.ego import ring_of, rows_for


def ego_network(groups: int = 6, size: int = 9) -> tuple[int, np.ndarray, np.ndarray]:
    """Caveman groups of friends plus the owner (last node) tied to everyone."""
    g = nx.relaxed_caveman_graph(groups, size, 0.1, seed=4)
    n = g.number_of_nodes() + 1
    me = n - 1
    e = np.array(list(g.edges()) + [(me, i) for i in range(me)], dtype=np.int64)
    group = np.array([i // size for i in range(me)] + [-1])
    return n, e, group


def test_owner_at_origin_and_rings_follow_closeness() -> None:
    n, e, _ = ego_network()
    close = np.random.default_rng(0).random(n)
    pos = ego_layout(n, e, center=n - 1, closeness=close, rings=5)
    assert np.array_equal(pos[n - 1], [0.0, 0.0])
    radius = np.linalg.norm(pos, axis=1)[: n - 1]
    band = ring_of(close[: n - 1], 5)
    for b in np.unique(band):
        same = radius[band == b]
        assert np.ptp(same) < 1e-6  # one radius per ring
    order = np.argsort(-close[: n - 1])
    assert np.all(np.diff(radius[order]) >= -1e-6)  # less close, never nearer
    assert len(np.unique(np.round(radius, 3))) == len(np.unique(band))


def test_the_rings_of_a_large_map_stay_apart() -> None:
    # 3,000 people tied to me alone, most of them in the middle band: its circumference sets
    # its radius, and the two bands outside it, fewer, would sit a tie's length beyond.
    n = 3_001
    me = n - 1
    e = np.array([(me, i) for i in range(me)], dtype=np.int64)
    close = np.repeat([0.9, 0.5, 0.3, 0.1], [100, 2_000, 600, 300])
    pos = ego_layout(n, e, center=me, closeness=np.append(close, 1.0))
    radius = np.linalg.norm(pos, axis=1)[:me]
    rings = [float(np.median(radius[ring_of(close, 5) == b])) for b in (0, 2, 3, 4)]
    assert all(outer >= 1.2 * inner - 1e-6 for inner, outer in pairwise(rings))


def test_a_crowded_ring_is_a_band_of_circles_each_group_together() -> None:
    # 8,000 people tied to me alone, forty organisations of 200, all in one band (a LinkedIn
    # import): on one circle they drew as a hairline 27,500 units from me.
    n = 8_001
    me = n - 1
    e = np.array([(me, i) for i in range(me)], dtype=np.int64)
    groups = tuple(np.arange(g * 200, (g + 1) * 200) for g in range(40))
    close = np.full(n, 0.3)
    close[::2] = 0.35  # the same band, a little closer
    pos = ego_layout(n, e, center=me, closeness=close, groups=groups)
    radius = np.linalg.norm(pos[:me], axis=1)
    assert len(np.unique(np.round(radius, 6))) == rows_for(me) == 16
    assert radius.max() < 3_000 and np.ptp(radius) < 0.25 * radius.min()  # a band, not a disc
    assert not cKDTree(pos).query_pairs(2 * 8.0)  # nobody overlaps
    assert radius[::2].mean() < radius[1::2].mean()  # the closer nearer me
    angle = np.arctan2(pos[:me, 1], pos[:me, 0])
    spread = [1 - abs(np.mean(np.exp(1j * angle[g]))) for g in groups]
    assert max(spread) < 0.01  # each organisation a slice of the band


def test_no_overlaps_with_sizes() -> None:
    n, e, _ = ego_network(8, 12)
    sizes = np.random.default_rng(1).uniform(5, 25, n)
    close = np.random.default_rng(2).random(n)
    pos = ego_layout(n, e, center=n - 1, closeness=close, sizes=sizes)
    i, j = np.triu_indices(n, 1)
    assert np.all(pdist(pos) >= sizes[i] + sizes[j])


def test_everyone_on_one_ring_still_fits() -> None:
    n, e, _ = ego_network(10, 10)
    pos = ego_layout(n, e, center=n - 1, closeness=np.ones(n), sizes=np.full(n, 12.0))
    assert np.all(pdist(pos) >= 24.0)


def test_friends_sit_side_by_side() -> None:
    n, e, group = ego_network()
    close = np.full(n, 0.5)
    pos = ego_layout(n, e, center=n - 1, closeness=close)
    angle = np.arctan2(pos[:, 1], pos[:, 0])

    def spread(members: np.ndarray) -> float:
        # Circular spread: 1 - length of the mean unit vector (0 = all at one angle).
        return float(1 - abs(np.mean(np.exp(1j * angle[members]))))

    within = np.mean([spread(np.flatnonzero(group == g)) for g in range(6)])
    assert within < 0.25 * spread(np.arange(n - 1))


def test_nan_closeness_goes_outside_and_result_is_deterministic() -> None:
    n, e, _ = ego_network()
    close = np.linspace(0, 1, n)
    close[3] = np.nan
    a = ego_layout(n, e, center=n - 1, closeness=close, seed=5)
    b = ego_layout(n, e, center=n - 1, closeness=close, seed=5)
    assert a.tobytes() == b.tobytes()
    r = np.linalg.norm(a, axis=1)
    assert r[3] == pytest.approx(r[: n - 1].max())


def test_progress_and_cancel() -> None:
    n, e, _ = ego_network()
    seen: list[float] = []
    ego_layout(n, e, center=n - 1, closeness=np.ones(n), progress=seen.append)
    assert seen and seen == sorted(seen) and seen[-1] == 1.0
    with pytest.raises(LayoutCancelled):
        ego_layout(n, e, center=n - 1, closeness=np.ones(n), cancelled=lambda: True)


def test_degenerate_inputs() -> None:
    assert np.array_equal(
        ego_layout(1, np.zeros((0, 2), int), center=0, closeness=[1.0]), [[0.0, 0.0]]
    )
    pos = ego_layout(4, np.zeros((0, 2), int), center=2, closeness=[0.1, 0.9, 1.0, 0.5])
    assert np.linalg.norm(pos[1]) < np.linalg.norm(pos[3]) < np.linalg.norm(pos[0])
    with pytest.raises(ValueError, match="center"):
        ego_layout(3, np.zeros((0, 2), int), center=3, closeness=[1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="closeness"):
        ego_layout(3, np.zeros((0, 2), int), center=0, closeness=[1.0])
