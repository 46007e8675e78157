"""Plain geometry of the canvas."""

from __future__ import annotations

import numpy as np

from relmap.ui.canvas.geometry import bent_again, elsewhere, parallel_bends


def test_a_point_is_elsewhere_when_either_coordinate_changed() -> None:
    was = np.array([[0.0, 0.0], [1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    now = was.copy()
    now[1, 0] = 1.5  # across
    now[3, 1] = -6.0  # down
    assert elsewhere(now, was).tolist() == [False, True, False, True]
    assert elsewhere(now[1:], was[1:]).tolist() == [True, False, True]
    columns = np.asfortranarray(now)  # laid out by column, as a stacked array may be
    assert elsewhere(columns, was).tolist() == [False, True, False, True]


def test_ties_bent_again_around_the_pairs_changed_bend_as_all_bent_afresh() -> None:
    """Ties come, go and change ends between a few people (many parallel, both ways round);
    bending again only the pairs touched gives every tie the bend sorting them all gives."""
    rng = np.random.default_rng(7)
    edges = rng.integers(0, 12, size=(200, 2))
    bends = parallel_bends(edges)
    for _ in range(100):
        at = rng.choice(len(edges), size=int(rng.integers(1, 4)), replace=False)
        step = rng.integers(3)
        if step == 0:  # some go
            pairs, keep = edges[at], np.ones(len(edges), dtype=bool)
            keep[at] = False
            edges, bends = edges[keep], bends[keep]
        elif step == 1:  # some come, last
            new = rng.integers(0, 12, size=(len(at), 2))
            pairs, edges = new, np.concatenate([edges, new])
            bends = np.concatenate([bends, np.zeros(len(new))])
        else:  # some change their ends
            new = rng.integers(0, 12, size=(len(at), 2))
            pairs = np.concatenate([edges[at], new])
            edges = edges.copy()
            edges[at] = new
        bends = bent_again(edges, bends, pairs)
        assert np.array_equal(bends, parallel_bends(edges))
    assert np.abs(bends).max() >= 1  # three ties or more between some two
