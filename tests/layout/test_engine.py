"""force_layout: determinism, pinning, incremental mode, overlaps, progress, odd inputs."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from scipy.spatial import cKDTree
from scipy.spatial.distance import pdist, squareform

from relmap.layout import EDGE_LENGTH, LayoutCancelled, force_layout
from tests.layout.conftest import edges_of


def min_clearance(pos: np.ndarray, sizes: np.ndarray) -> float:
    """Smallest ``distance - r_i - r_j`` over all pairs (negative = overlap)."""
    d = squareform(pdist(pos))
    need = sizes[:, None] + sizes[None, :]
    np.fill_diagonal(d, np.inf)
    return float(np.min(d - need))


def test_same_seed_gives_identical_bits(karate: tuple[int, np.ndarray]) -> None:
    n, e = karate
    a = force_layout(n, e, seed=3)
    b = force_layout(n, e, seed=3)
    assert a.tobytes() == b.tobytes()
    c = force_layout(n, e, seed=4)
    assert not np.array_equal(a, c)


def test_deterministic_on_a_multilevel_graph() -> None:
    g = nx.powerlaw_cluster_graph(1500, 4, 0.3, seed=2)
    e = edges_of(g)
    assert force_layout(1500, e, seed=1).tobytes() == force_layout(1500, e, seed=1).tobytes()


def test_result_is_centred_and_scaled(karate: tuple[int, np.ndarray]) -> None:
    n, e = karate
    pos = force_layout(n, e)
    assert pos.shape == (n, 2) and pos.dtype == np.float64
    assert np.allclose(pos.mean(axis=0), 0.0, atol=1e-6)
    lengths = np.linalg.norm(pos[e[:, 0]] - pos[e[:, 1]], axis=1)
    assert 0.4 * EDGE_LENGTH < np.median(lengths) < 2.5 * EDGE_LENGTH


def test_pinned_nodes_keep_exact_positions(karate: tuple[int, np.ndarray]) -> None:
    n, e = karate
    start = np.full((n, 2), np.nan)
    fixed = np.zeros(n, dtype=bool)
    fixed[[0, 33, 5]] = True
    start[0] = (0.0, 0.0)
    start[33] = (400.1234567, -12.5)
    start[5] = (-77.7, 300.0)
    pos = force_layout(n, e, pos=start, fixed=fixed, incremental=False)
    assert np.array_equal(pos[fixed], start[fixed])
    # The others arrange around the pins, not on top of them.
    others = np.linalg.norm(pos[~fixed] - pos[0], axis=1)
    assert np.median(others) < 10 * EDGE_LENGTH


def test_me_pinned_at_origin_everyone_else_new(karate: tuple[int, np.ndarray]) -> None:
    n, e = karate
    start = np.full((n, 2), np.nan)
    start[0] = (0.0, 0.0)
    fixed = np.zeros(n, dtype=bool)
    fixed[0] = True
    pos = force_layout(n, e, pos=start, fixed=fixed)
    assert np.array_equal(pos[0], [0.0, 0.0])
    assert np.linalg.norm(pos[1:].mean(axis=0)) < 3 * EDGE_LENGTH


@pytest.mark.parametrize("leaves", [1_000, 6_000])
def test_a_big_import_around_me_is_centred_on_me(leaves: int) -> None:
    """Everyone new is tied only to me (a LinkedIn export): the cloud surrounds me."""
    n = leaves + 1
    edges = np.column_stack([np.zeros(leaves, dtype=int), np.arange(1, n)])
    start = np.full((n, 2), np.nan)
    start[0] = (0.0, 0.0)
    fixed = np.zeros(n, dtype=bool)
    fixed[0] = True
    pos = force_layout(n, edges, pos=start, fixed=fixed, seed=2)
    centre = pos[1:].mean(axis=0)
    spread = np.linalg.norm(pos[1:] - centre, axis=1).mean()
    assert np.linalg.norm(centre) < 0.1 * spread


def test_incremental_places_new_nodes_near_neighbours_and_keeps_old_ones() -> None:
    g = nx.connected_watts_strogatz_graph(300, 6, 0.1, seed=5)
    e = edges_of(g)
    base = force_layout(300, e, seed=0)
    rng = np.random.default_rng(1)
    friends = rng.choice(300, size=6, replace=False)
    # Each newcomer knows someone on the map and one of that person's friends.
    new_edges = []
    for i, a in enumerate(friends):
        b = sorted(g.neighbors(int(a)))[0]
        new_edges += [(300 + i, int(a)), (300 + i, b)]
    e2 = np.concatenate([e, np.array(new_edges)])
    start = np.vstack([base, np.full((6, 2), np.nan)])
    pos = force_layout(306, e2, pos=start, seed=0)
    edge = float(np.median(np.linalg.norm(base[e[:, 0]] - base[e[:, 1]], axis=1)))
    moved = np.linalg.norm(pos[:300] - base, axis=1)
    assert np.median(moved) < 0.02 * edge
    assert np.quantile(moved, 0.99) < 0.5 * edge
    for i, (a, b) in enumerate(zip(friends, np.array(new_edges)[1::2, 1], strict=True)):
        middle = (pos[a] + pos[b]) / 2
        gap = np.linalg.norm(pos[300 + i] - middle)
        assert gap < 2.5 * edge
        # Closer to its friends than 95 % of the map is.
        assert gap < np.quantile(np.linalg.norm(pos[:300] - middle, axis=1), 0.05)


def test_new_node_starts_at_the_mean_of_its_placed_neighbours() -> None:
    from relmap.layout.graph import build_graph
    from relmap.layout.placement import place_new

    g = build_graph(5, np.array([[0, 4], [1, 4], [2, 3]]))
    start = np.array([[0.0, 0.0], [100.0, 0.0], [0.0, 500.0], [np.nan, np.nan], [np.nan, np.nan]])
    placed = np.isfinite(start).all(axis=1)
    pos, now = place_new(g, start, placed, k=80.0, rng=np.random.default_rng(0))
    assert now.all()
    assert np.linalg.norm(pos[4] - (50.0, 0.0)) <= 0.2 * 80.0 + 1e-9
    assert 0.3 * 80.0 <= np.linalg.norm(pos[3] - start[2]) <= 0.6 * 80.0 + 1e-9


def test_incremental_with_nothing_new_only_fixes_overlaps(karate: tuple[int, np.ndarray]) -> None:
    n, e = karate
    base = force_layout(n, e)
    again = force_layout(n, e, pos=base, incremental=True)
    assert np.allclose(again, base)


def test_incremental_new_component_is_packed_beside_the_map() -> None:
    e_old = edges_of(nx.cycle_graph(20))
    base = force_layout(20, e_old)
    e = np.concatenate([e_old, [[20, 21], [21, 22]]])
    start = np.vstack([base, np.full((3, 2), np.nan)])
    pos = force_layout(23, e, pos=start)
    assert np.allclose(pos[:20], base)
    assert min_clearance(pos, np.full(23, 8.0)) >= 0
    assert np.all(np.isfinite(pos))


@pytest.mark.parametrize("radius", [8.0, 30.0])
def test_no_overlaps_given_sizes(radius: float) -> None:
    g = nx.barabasi_albert_graph(400, 3, seed=4)  # hubs crowd their neighbours
    e = edges_of(g)
    sizes = np.full(400, radius)
    sizes[:10] = 2.5 * radius
    pos = force_layout(400, e, sizes=sizes)
    assert min_clearance(pos, sizes) >= 0


def test_no_overlaps_default_sizes_star() -> None:
    e = np.array([(0, i) for i in range(1, 200)])
    pos = force_layout(200, e)
    assert min_clearance(pos, np.full(200, 8.0)) >= 0
    # A hub's neighbours are spread around it, not piled up in a blob.
    d = np.linalg.norm(pos[1:] - pos[0], axis=1)
    assert d.min() > 16 and np.ptp(np.arctan2(*(pos[1:] - pos[0]).T)) > 5.5


def test_progress_is_monotonic_and_bounded(karate: tuple[int, np.ndarray]) -> None:
    n, e = karate
    seen: list[float] = []
    force_layout(n, e, progress=seen.append)
    assert 2 <= len(seen) <= 45
    assert all(0.0 <= v <= 1.0 for v in seen)
    assert all(b > a for a, b in itertools.pairwise(seen))
    assert seen[-1] == 1.0


def test_progress_on_a_large_graph_stays_a_few_dozen_calls() -> None:
    e = edges_of(nx.powerlaw_cluster_graph(3000, 3, 0.2, seed=1))
    seen: list[float] = []
    force_layout(3000, e, progress=seen.append)
    assert len(seen) <= 45 and seen == sorted(seen) and seen[-1] == 1.0


@pytest.mark.parametrize("after", [0, 1, 5, 40])
def test_cancellation_raises(karate: tuple[int, np.ndarray], after: int) -> None:
    n, e = karate
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > after

    with pytest.raises(LayoutCancelled):
        force_layout(n, e, cancelled=cancelled)


def test_cancellation_is_polled_during_a_big_layout() -> None:
    e = edges_of(nx.powerlaw_cluster_graph(3000, 3, 0.2, seed=1))
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return False

    force_layout(3000, e, cancelled=cancelled)
    assert calls > 20


def test_empty_and_single_node() -> None:
    assert force_layout(0, np.zeros((0, 2), dtype=int)).shape == (0, 2)
    one = force_layout(1, np.zeros((0, 2), dtype=int))
    assert one.shape == (1, 2) and np.all(np.isfinite(one))


def test_no_edges_and_self_loops_and_duplicates() -> None:
    pos = force_layout(50, np.array([[3, 3], [4, 4]]))
    assert np.all(np.isfinite(pos)) and min_clearance(pos, np.full(50, 8.0)) >= 0
    e = np.array([[0, 1], [1, 0], [0, 1], [1, 2], [2, 2]])
    a = force_layout(3, e)
    b = force_layout(3, np.array([[0, 1], [1, 2]]))
    assert np.allclose(a, b)


def test_disconnected_components_do_not_overlap() -> None:
    g = nx.disjoint_union_all(
        [
            nx.complete_graph(30), nx.cycle_graph(12), nx.path_graph(4), nx.empty_graph(5),
            nx.star_graph(40), nx.karate_club_graph(),
        ]
    )
    n = g.number_of_nodes()
    pos = force_layout(n, edges_of(g))
    assert np.all(np.isfinite(pos))
    assert min_clearance(pos, np.full(n, 8.0)) >= 0
    # Components stay reasonably close: packed, not flung away.
    assert np.ptp(pos, axis=0).max() < 40 * EDGE_LENGTH


def test_many_tiny_components() -> None:
    pairs = np.arange(2000).reshape(-1, 2)
    pos = force_layout(2000, pairs)
    d = np.linalg.norm(pos[pairs[:, 0]] - pos[pairs[:, 1]], axis=1)
    assert np.all(d < 2.5 * EDGE_LENGTH)
    assert min_clearance(pos[::7], np.full(pos[::7].shape[0], 8.0)) >= 0


def test_all_fixed_returns_input() -> None:
    start = np.array([[0.0, 0.0], [1.0, 0.0], [5.0, 5.0]])
    pos = force_layout(3, np.array([[0, 1], [1, 2]]), pos=start, fixed=np.ones(3, bool))
    assert np.array_equal(pos, start)


def test_weights_pull_strong_ties_closer() -> None:
    e = edges_of(nx.cycle_graph(40))
    w = np.ones(len(e))
    w[::2] = 8.0
    pos = force_layout(40, e, weights=w)
    length = np.linalg.norm(pos[e[:, 0]] - pos[e[:, 1]], axis=1)
    assert length[w > 1].mean() < 0.8 * length[w == 1].mean()


def test_dissuade_hubs_pushes_hubs_outwards() -> None:
    g = nx.barabasi_albert_graph(600, 2, seed=3)
    e = edges_of(g)
    hubs = np.argsort([-d for _, d in sorted(g.degree())])[:10]

    def hub_radius(pos: np.ndarray) -> float:
        centred = pos - pos.mean(axis=0)
        r = np.linalg.norm(centred, axis=1)
        return float(np.mean(r[hubs]) / np.mean(r))

    plain = hub_radius(force_layout(600, e))
    dissuaded = hub_radius(force_layout(600, e, dissuade_hubs=True))
    assert dissuaded > plain


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"edges": np.array([[0, 9]])}, "outside"),
        ({"edges": np.array([0, 1])}, "shape"),
        ({"edges": np.array([[0.5, 1.0]])}, "integer"),
        ({"weights": np.array([1.0, -1.0])}, "weights"),
        ({"pos": np.zeros((3, 2))}, "pos"),
        ({"fixed": np.ones(4, bool)}, "fixed"),
        ({"sizes": np.full(5, np.nan)}, "sizes"),
    ],
)
def test_bad_input_is_refused(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"edges": np.array([[0, 1], [1, 2]])}
    args.update(kwargs)
    edges = args.pop("edges")
    with pytest.raises(ValueError, match=message):
        force_layout(5, edges, **args)  # type: ignore[arg-type]


def test_incremental_flag_without_positions_lays_out_afresh(karate: tuple[int, np.ndarray]) -> None:
    n, e = karate
    pos = force_layout(n, e, incremental=True)
    assert np.array_equal(pos, force_layout(n, e))
    assert np.allclose(pos.mean(axis=0), 0.0, atol=1e-6)


def test_incremental_follows_the_scale_of_the_existing_map(karate: tuple[int, np.ndarray]) -> None:
    from relmap.layout.graph import build_graph
    from relmap.layout.placement import existing_scale

    n, e = karate
    base = force_layout(n, e)
    g = build_graph(n, e)
    placed = np.ones(n, dtype=bool)
    k = existing_scale(g, base, placed, EDGE_LENGTH)
    assert 0.75 * EDGE_LENGTH < k < 1.5 * EDGE_LENGTH
    assert existing_scale(g, 3 * base, placed, EDGE_LENGTH) == pytest.approx(3 * k)
    # A newcomer on a map drawn three times larger lands three times farther out.
    big = 3 * base
    e2 = np.concatenate([e, [[34, 0], [34, 1]]])
    pos = force_layout(n + 1, e2, pos=np.vstack([big, [np.nan, np.nan]]), seed=2)
    again = force_layout(n + 1, e2, pos=np.vstack([big, [np.nan, np.nan]]), seed=2)
    assert pos.tobytes() == again.tobytes()
    middle = (big[0] + big[1]) / 2
    assert 0.2 * 3 * k < np.linalg.norm(pos[n] - middle) < 3 * 3 * k
    assert np.median(np.linalg.norm(pos[:n] - big, axis=1)) < 0.1 * 3 * k


def test_on_a_large_map_one_tie_is_drawn_beside_its_other_end() -> None:
    # 600 people in tight groups; some know one person, two of them one each, one a dozen.
    g = nx.relaxed_caveman_graph(30, 20, 0.2, seed=4)
    n = g.number_of_nodes()
    ends = [0, 0, 41, 300] + [500] * 12  # the other end of each new person's one tie
    e = np.vstack([edges_of(g), [(end, n + i) for i, end in enumerate(ends)]])
    pinned = np.zeros(n + len(ends), dtype=bool)
    pinned[n + 3] = True  # the one known to 300, pinned far away
    start = np.full((len(pinned), 2), np.nan)
    start[pinned] = (1e5, 1e5)
    pos = force_layout(len(pinned), e, pos=start, fixed=pinned, incremental=False)
    nearest, _ = cKDTree(pos).query(pos[n:], k=2)
    known = np.linalg.norm(pos[n:] - pos[ends], axis=1)
    # The one they know is the nearest person (others may touch their disc as closely).
    assert (known[:3] <= nearest[:3, 1] + 1e-3).all()
    assert pos[n + 3].tolist() == [1e5, 1e5]
    # A dozen could not all be nearer him than each other: they stay where forces put them.
    assert np.linalg.norm(pos[n + 4:] - pos[500], axis=1).min() > 3 * EDGE_LENGTH
