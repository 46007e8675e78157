"""Property tests: any small input gives finite, pinned-exact, overlap-free, repeatable output."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relmap.layout import force_layout


@st.composite
def layout_inputs(draw: st.DrawFn) -> dict[str, object]:
    n = draw(st.integers(0, 30))
    m = draw(st.integers(0, 3 * n)) if n else 0
    ends = st.integers(0, max(n - 1, 0))
    edges = np.array(draw(st.lists(st.tuples(ends, ends), min_size=m, max_size=m)),
                     dtype=np.int64).reshape(-1, 2)
    placed = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    fixed = placed & np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    coords = st.floats(-500, 500, allow_nan=False)
    pos = np.array(draw(st.lists(st.tuples(coords, coords), min_size=n, max_size=n)),
                   dtype=np.float64).reshape(-1, 2)
    pos[~placed] = np.nan
    sizes = np.array(draw(st.lists(st.floats(0, 30), min_size=n, max_size=n)))
    return {"n": n, "edges": edges, "pos": pos, "fixed": fixed, "sizes": sizes,
            "seed": draw(st.integers(0, 3)), "incremental": draw(st.sampled_from([None, False]))}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout_inputs())
def test_any_small_input(args: dict[str, object]) -> None:
    n = int(args["n"])  # type: ignore[call-overload]
    pos = force_layout(**args)  # type: ignore[arg-type]
    again = force_layout(**args)  # type: ignore[arg-type]
    assert pos.shape == (n, 2) and np.all(np.isfinite(pos))
    assert pos.tobytes() == again.tobytes()
    fixed = np.asarray(args["fixed"])
    start = np.asarray(args["pos"])
    assert np.array_equal(pos[fixed], start[fixed])
    sizes = np.asarray(args["sizes"])
    i, j = np.triu_indices(n, 1)
    free = ~(fixed[i] & fixed[j])
    dist = np.linalg.norm(pos[i] - pos[j], axis=1)
    assert np.all(dist[free] >= (sizes[i] + sizes[j])[free] - 1e-9)


def test_a_disc_wedged_between_two_pinned_ones_slides_out() -> None:
    """Pushed back and forth along the line between two pinned discs, with no room there,
    a free disc must leave the line instead of ending where it started."""
    n = 3
    pos = np.array([[0.0, -1.0], [0.0, 0.0], [0.0, -23.0]])
    fixed = np.array([False, True, True])
    sizes = np.array([0.0, 1.0, 20.0])
    out = force_layout(n, np.zeros((0, 2), dtype=np.int64), pos=pos, fixed=fixed, sizes=sizes)
    assert np.array_equal(out[1:], pos[1:])
    assert np.linalg.norm(out[0] - out[1]) >= 1.0 and np.linalg.norm(out[0] - out[2]) >= 20.0
