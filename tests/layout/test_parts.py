"""Building blocks of the engine: repulsion, coarsening, pivot MDS, overlaps, packing."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest

from relmap.layout.control import Control, LayoutCancelled
from relmap.layout.graph import bfs_distances, build_graph, components
from relmap.layout.multilevel import hierarchy
from relmap.layout.overlap import overlapping_pairs, remove_overlaps
from relmap.layout.packing import pack_components
from relmap.layout.pivot_mds import pivot_mds
from relmap.layout.relax import natural_scale, node_pull
from relmap.layout.repulsion import ExactRepulsion, Repulsion
from tests.layout.conftest import edges_of


def clustered_points(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(8, 2)) * 1500
    return np.ascontiguousarray((centres[rng.integers(0, 8, n)] + rng.normal(size=(n, 2)) * 200).T)


# A sparse layout leaves the smoothing of the coarse grid more visible than a dense one.
@pytest.mark.parametrize(("n", "median", "p95"), [(200, 0.07, 0.25), (2500, 0.02, 0.08)])
def test_grid_repulsion_matches_exact_sum(n: int, median: float, p95: float) -> None:
    xy = clustered_points(n, 1)
    mass = np.random.default_rng(2).uniform(0.5, 2.0, n)
    a, b = np.triu_indices(n, 1)
    exact = ExactRepulsion(
        strength=6400.0, pairs=np.stack([a, b], 1), mass=mass, min_dist=1e-6
    ).forces(xy)
    approx = Repulsion(strength=6400.0, cutoff=120.0, mass=mass)
    for _ in range(3):  # let the cutoff settle
        got = approx.forces(xy)
    error = np.linalg.norm(got - exact, axis=0) / np.linalg.norm(exact, axis=0)
    assert np.median(error) < median
    assert np.quantile(error, 0.95) < p95


def test_rim_distance_pushes_touching_discs_apart_harder() -> None:
    xy = np.array([[0.0, 20.0], [0.0, 0.0]])
    plain = Repulsion(strength=100.0, cutoff=60.0, mass=np.ones(2)).forces(xy)
    rims = Repulsion(strength=100.0, cutoff=60.0, mass=np.ones(2), radii=np.full(2, 9.0))
    assert abs(rims.forces(xy)[0, 0]) > 5 * abs(plain[0, 0])
    assert plain[0, 0] < 0 < plain[0, 1]  # pushed apart, equal and opposite


def test_hierarchy_shrinks_and_keeps_every_node() -> None:
    g = build_graph(3000, edges_of(nx.powerlaw_cluster_graph(3000, 4, 0.3, seed=3)))
    levels = hierarchy(g, np.random.default_rng(0))
    assert len(levels) >= 3
    for fine, coarse in itertools.pairwise(levels):
        assert fine.parent is not None
        assert coarse.graph.n < 0.8 * fine.graph.n
        assert np.array_equal(np.unique(fine.parent), np.arange(coarse.graph.n))
        assert coarse.mass.sum() == pytest.approx(3000)
    assert levels[-1].parent is None
    assert levels[-1].mass.max() < 3000 / 4  # no single group swallows the graph


def test_pivot_mds_straightens_a_path() -> None:
    g = build_graph(40, edges_of(nx.path_graph(40)))
    pos = pivot_mds(g, pivots=10, rng=np.random.default_rng(0), control=Control())
    spacing = np.linalg.norm(np.diff(pos, axis=0), axis=1)
    assert np.allclose(spacing, 1.0, atol=0.05)  # one hop is one unit


def test_bfs_distances_and_components() -> None:
    g = build_graph(6, np.array([[0, 1], [1, 2], [3, 4]]))
    assert list(bfs_distances(g, 0)) == [0, 1, 2, np.inf, np.inf, np.inf]
    assert [p.tolist() for p in components(g)] == [[0, 1, 2], [3, 4], [5]]


def test_build_graph_merges_duplicates_and_keeps_strongest_weight() -> None:
    g = build_graph(3, np.array([[1, 0], [0, 1], [1, 1], [2, 1]]), [1.0, 3.0, 9.0, 1.0])
    assert g.src.tolist() == [0, 1] and g.dst.tolist() == [1, 2]
    assert g.weight.tolist() == pytest.approx([1.5, 0.5])  # 3 and 1, mean 1
    assert g.degree.tolist() == [1, 2, 1]


def test_overlap_removal_separates_a_pile_and_respects_pins() -> None:
    n = 300
    pos = np.zeros((n, 2))
    sizes = np.random.default_rng(0).uniform(4, 12, n)
    movable = np.ones(n, dtype=bool)
    movable[0] = False
    out = remove_overlaps(pos, sizes, movable=movable, gap=2.0, control=Control())
    assert np.array_equal(out[0], [0.0, 0.0])
    assert overlapping_pairs(out, sizes, 0.0).size == 0


def test_packed_components_do_not_touch() -> None:
    rng = np.random.default_rng(1)
    parts = [np.arange(0, 50), np.arange(50, 60), np.arange(60, 61), np.arange(61, 90)]
    pos = rng.normal(size=(90, 2)) * 40
    sizes = np.full(90, 8.0)
    out = pack_components(pos, parts[0], parts[1:], sizes, 20.0)
    assert np.array_equal(out[:50], pos[:50])
    for a in range(4):
        for b in range(a + 1, 4):
            gap = np.linalg.norm(out[parts[a]][:, None] - out[parts[b]][None], axis=2).min()
            assert gap >= 16.0


def test_natural_scale_undoes_a_zoom() -> None:
    g = build_graph(34, edges_of(nx.karate_club_graph()))
    pos = np.random.default_rng(0).normal(size=(34, 2)) * 100
    pull, mass = node_pull(g, False), np.ones(34)
    s = natural_scale(pos, g, 80.0, pull, mass, 6400.0)
    assert natural_scale(pos * s, g, 80.0, pull, mass, 6400.0) == pytest.approx(1.0)
    assert natural_scale(pos * 2 * s, g, 80.0, pull, mass, 6400.0) == pytest.approx(0.5)


def test_hub_pull_is_weaker_with_dissuasion() -> None:
    g = build_graph(6, np.array([[0, i] for i in range(1, 6)]))
    assert np.all(node_pull(g, False) == 1.0)
    pull = node_pull(g, True)
    assert pull[0] < pull[1] and np.allclose(pull[1:], pull[1])


def test_control_maps_stages_and_thins_reports() -> None:
    seen: list[float] = []
    control = Control(seen.append)
    half = control.stage(0.5, 1.0)
    for i in range(1000):
        half.report(i / 1000)
    half.report(1.0)
    assert seen[0] == pytest.approx(0.5) and seen[-1] == 1.0
    assert len(seen) <= 22
    with pytest.raises(LayoutCancelled):
        Control(cancelled=lambda: True).stage(0.1, 0.2).report(0.5)
