"""Layout quality: floors set by the anchors, visible communities, and the metrics themselves."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from relmap.layout import force_layout, neighborhood_preservation, normalized_stress
from relmap.layout.communities import COMMUNITY_PULL, community_pull, with_communities
from relmap.layout.graph import build_graph
from tests.layout.conftest import edges_of

# Floors: igraph's layout_fruchterman_reingold (python-igraph 1.0, default settings) over
# 20 seeds scored these mean stress / neighbourhood preservation values:
#   karate 0.090 / 0.490, lesmis 0.128 / 0.502, florentine 0.044 / 0.790, davis 0.123 / 0.466
# (networkx spring_layout: 0.093 / 0.458, 0.133 / 0.479, 0.056 / 0.736, 0.123 / 0.451).
# The bounds give the FR means 5 % slack; relmap's mean over three seeds must meet them.
FLOORS = {
    "karate": (nx.karate_club_graph, 0.095, 0.465),
    "lesmis": (nx.les_miserables_graph, 0.135, 0.477),
    "florentine": (nx.florentine_families_graph, 0.046, 0.750),
    "davis": (nx.davis_southern_women_graph, 0.130, 0.443),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_quality_no_worse_than_fruchterman_reingold(name: str) -> None:
    make, max_stress, min_neighbourhood = FLOORS[name]
    g = make()
    n, e = g.number_of_nodes(), edges_of(g)
    layouts = [force_layout(n, e, seed=seed) for seed in range(3)]
    stress = np.mean([normalized_stress(p, e) for p in layouts])
    neighbourhood = np.mean([neighborhood_preservation(p, e) for p in layouts])
    assert stress <= max_stress
    assert neighbourhood >= min_neighbourhood


def test_communities_read_as_clusters(sbm: tuple[int, np.ndarray, np.ndarray]) -> None:
    n, e, block = sbm
    pos = force_layout(n, e)
    d = np.linalg.norm(pos[:, None, :] - pos[None, :, :], axis=2)
    same = block[:, None] == block[None, :]
    off_diagonal = ~np.eye(n, dtype=bool)
    inside = d[same & off_diagonal].mean()
    between = d[~same].mean()
    assert inside < 0.6 * between
    # Each community's members sit closer to their own centroid than to any other.
    centroids = np.array([pos[block == b].mean(axis=0) for b in range(4)])
    nearest = np.argmin(np.linalg.norm(pos[:, None, :] - centroids[None], axis=2), axis=1)
    assert np.mean(nearest == block) > 0.9


def test_communities_of_a_big_network_gather_instead_of_a_hairball() -> None:
    # 50 groups of 80 people, a fifth of the ties between groups: forces alone spread
    # everyone into one even disc.
    rng = np.random.default_rng(5)
    n, size = 4000, 80
    block = np.arange(n) // size
    u = rng.integers(0, n, 4 * n)
    inside = rng.random(u.size) < 0.8
    mate = block[u] * size + rng.integers(0, size, u.size)
    v = np.where(inside, mate, rng.integers(0, n, u.size))
    e = np.column_stack([u, v])

    def gathered(pos: np.ndarray) -> float:
        """The share of people nearer their own group's centre than any other's."""
        centres = np.array([pos[block == b].mean(axis=0) for b in range(n // size)])
        nearest = np.argmin(np.linalg.norm(pos[:, None] - centres[None], axis=2), axis=1)
        return float(np.mean(nearest == block))

    flat, grouped = force_layout(n, e, communities=1.0), force_layout(n, e)
    assert gathered(grouped) > max(0.6, 2 * gathered(flat))
    assert neighborhood_preservation(grouped, e, max_nodes=n) > 3 * neighborhood_preservation(
        flat, e, max_nodes=n)


def test_community_pull_grows_with_the_size_of_the_map() -> None:
    pulls = [community_pull(n) for n in (10, 300, 1000, 3000, 10_000, 100_000)]
    assert pulls[:2] == [1.0, 1.0]  # small maps are drawn by their ties alone
    assert pulls == sorted(pulls) and pulls[-2:] == [COMMUNITY_PULL, COMMUNITY_PULL]


def test_ties_of_a_pinned_person_gain_no_pull() -> None:
    # Two cliques of five joined by one tie, and me (node 10, pinned) tied to everyone.
    cliques = [(a, b) for c in (0, 5) for a in range(c, c + 5) for b in range(a + 1, c + 5)]
    e = np.array([*cliques, (4, 5), *((i, 10) for i in range(10))])
    pinned = np.zeros(11, dtype=bool)
    pinned[10] = True
    graph = with_communities(build_graph(11, e), 20.0, pinned, seed=0)
    weight = dict(zip(zip(graph.src.tolist(), graph.dst.tolist(), strict=True),
                      graph.weight.tolist(), strict=True))
    assert weight[(0, 1)] == pytest.approx(20 * weight[(4, 5)])  # inside vs between cliques
    assert {weight[(i, 10)] for i in range(10)} == {weight[(4, 5)]}


def test_hub_neighbours_are_not_a_blob() -> None:
    # Two hubs with 60 private contacts each and a few shared ones.
    e = [(0, i) for i in range(2, 62)] + [(1, i) for i in range(62, 122)]
    e += [(0, i) for i in range(122, 127)] + [(1, i) for i in range(122, 127)]
    pos = force_layout(127, np.array(e))
    for hub, leaves in ((0, range(2, 62)), (1, range(62, 122))):
        spokes = pos[list(leaves)] - pos[hub]
        angles = np.sort(np.arctan2(spokes[:, 1], spokes[:, 0]))
        widest_gap = np.max(np.diff(np.concatenate([angles, angles[:1] + 2 * np.pi])))
        assert widest_gap < np.pi  # the contacts surround their hub
    shared = pos[122:127]
    middle = (pos[0] + pos[1]) / 2
    assert np.all(np.linalg.norm(shared - middle, axis=1) < 0.6 * np.linalg.norm(pos[0] - pos[1]))


def test_stress_is_zero_for_a_perfect_path_and_scale_free() -> None:
    e = np.array([(i, i + 1) for i in range(9)])
    line = np.column_stack([np.arange(10.0), np.zeros(10)])
    assert normalized_stress(line, e) == pytest.approx(0.0, abs=1e-12)
    assert normalized_stress(line * 37.5, e) == pytest.approx(0.0, abs=1e-12)
    bent = line.copy()
    bent[5:, 1] = np.arange(1.0, 6.0)
    assert normalized_stress(bent, e) > 0.001


def test_stress_penalises_a_random_layout(karate: tuple[int, np.ndarray]) -> None:
    n, e = karate
    random = np.random.default_rng(0).random((n, 2))
    assert normalized_stress(random, e) > 2 * normalized_stress(force_layout(n, e), e)


def test_neighbourhood_preservation_bounds() -> None:
    cycle = edges_of(nx.cycle_graph(12))
    angle = np.linspace(0, 2 * np.pi, 12, endpoint=False)
    circle = np.column_stack([np.cos(angle), np.sin(angle)])
    assert neighborhood_preservation(circle, cycle) == pytest.approx(1.0)
    shuffled = circle[np.random.default_rng(3).permutation(12)]
    assert neighborhood_preservation(shuffled, cycle) < 0.5
    assert neighborhood_preservation(circle, np.zeros((0, 2), dtype=int)) == 1.0


def test_neighbourhood_preservation_samples_large_graphs() -> None:
    e = edges_of(nx.cycle_graph(3000))
    angle = np.linspace(0, 2 * np.pi, 3000, endpoint=False)
    circle = np.column_stack([np.cos(angle), np.sin(angle)])
    assert neighborhood_preservation(circle, e, max_nodes=500) == pytest.approx(1.0)
