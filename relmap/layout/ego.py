"""Ego layout: me in the middle, everyone on rings by how close we are, groups kept together."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from relmap.layout.control import Control
from relmap.layout.engine import DEFAULT_RADIUS, EDGE_LENGTH, GAP, force_layout
from relmap.layout.graph import FloatArray, IntArray, build_graph

RING_SLACK = 1.2  # ring circumference kept per unit of summed disc widths
# Each ring at least this much wider than the one inside. Where a ring's people alone set its
# radius (thousands of them), the next ring's fewer people would sit a tie's length outside
# it: at 10,000 people three rings drew as one, 17,552 to 17,774 from me.
RING_STEP = 1.2
ROW_SHARE = 30  # see rows_for
GROUP_ORDER = 1e-6  # the angles of a group's people apart, per radian round its middle


def ego_layout(
    n: int,
    edges: npt.ArrayLike,
    *,
    center: int,
    closeness: npt.ArrayLike,
    sizes: npt.ArrayLike | None = None,
    weights: npt.ArrayLike | None = None,
    groups: tuple[IntArray, ...] = (),
    group_weight: float = 1.0,
    rings: int = 5,
    seed: int = 0,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> FloatArray:
    """Lay out a personal network as rings around its owner.

    Parameters
    ----------
    n : int
        Number of nodes.
    edges : array_like of int, shape (m, 2)
        Ties, as for :func:`force_layout`.
    center : int
        The owner ("me"), placed at (0, 0).
    closeness : array_like of float, shape (n,)
        How close each relationship is, 0..1 (1 = closest; NaN counts as 0). Closeness is
        cut into ``rings`` bands and a closer band never lies outside a farther one.
    sizes : array_like of float, shape (n,), optional
        Node radii; discs never overlap. Defaults to 8 units.
    weights : array_like of float, shape (m,), optional
        Tie strengths, used when grouping people around the rings.
    groups : tuple of int arrays
        People who belong together (an organisation, a sphere): each group pulls its
        members, with ``group_weight`` next to a tie's 1, so that they sit side by side
        within their ring even when their only tie is to the owner.
    rings : int
        Number of closeness bands (empty bands take no room).
    seed : int
        Seed of the grouping layout; same inputs and seed give the same bits.
    progress, cancelled : callable, optional
        As for :func:`force_layout`.

    Returns
    -------
    ndarray, shape (n, 2)
        Positions; the angular order follows a force layout of the network without its
        owner, so people who know each other sit side by side and their ties stay short.
    """
    if rings < 1:
        raise ValueError("rings must be >= 1")
    if not 0 <= center < n:
        raise ValueError(f"center must be a node index in 0..{n - 1}")
    close = np.nan_to_num(np.asarray(closeness, dtype=np.float64), nan=0.0)
    if close.shape != (n,):
        raise ValueError(f"closeness must have shape ({n},), got {close.shape}")
    radii = np.full(n, DEFAULT_RADIUS) if sizes is None else np.asarray(sizes, dtype=np.float64)
    if radii.shape != (n,) or not np.all(np.isfinite(radii) & (radii >= 0)):
        raise ValueError(f"sizes must be {n} finite radii >= 0")
    control = Control(progress, cancelled)
    angle = _grouping_angles(
        n, edges, weights, center, groups, group_weight, seed, control.stage(0.0, 0.9)
    )
    band = ring_of(close, rings)
    pos = np.zeros((n, 2))
    inner, radius = float(radii[center]), 0.0
    for b in range(rings):
        members = np.flatnonzero((band == b) & (np.arange(n) != center))
        if members.size == 0:
            continue
        pos[members], radius = _band(angle[members], close[members], radii[members], inner,
                                     RING_STEP * radius)
        inner = radius + float(radii[members].max())
    control.report(1.0)
    return pos


def rows_for(people: int) -> int:
    """How many circles a ring of ``people`` takes: one up to a hundred or so, then about
    the square root of a thirtieth of them, so that a ring is a band about a sixth as deep as
    it is wide. On one circle, 8,000 people tied to me alone drew as a hairline around me
    thirty thousand units wide, a person every fifth of a pixel."""
    return max(1, math.isqrt(people // ROW_SHARE))


def _band(wanted: FloatArray, close: FloatArray, radii: FloatArray, inner: float,
          least: float) -> tuple[FloatArray, float]:
    """The places of one ring's people, and the radius of its outermost circle.

    The people go round in the order of their ``wanted`` angles, ``rows_for`` of them side
    by side from the inside out (the closer inside), each such column of them as near its
    wanted angle as the columns' widths allow, the innermost circle outside ``inner`` and
    at least ``least`` from me. A ring that ``least`` sets far out, with room to spare
    round it, takes no more circles than it needs: its columns stood apart as spikes.
    """
    room = 2.0 * math.pi * max(least, inner) / (RING_SLACK * float(np.mean(2.0 * radii + GAP)))
    rows = min(rows_for(wanted.size), max(1, math.ceil(wanted.size / room)))
    order = np.argsort(wanted, kind="stable")  # round from the widest gap between them
    gaps = np.diff(np.concatenate([wanted[order], wanted[order[:1]] + 2.0 * math.pi]))
    order = np.roll(order, -(int(np.argmax(gaps)) + 1))
    column = np.arange(wanted.size) // rows
    order = order[np.lexsort((-close[order], column))]  # each column, the closest first
    row = np.arange(wanted.size) - column * rows
    starts = np.flatnonzero(row == 0)
    line = np.unwrap(wanted[order])
    aim = np.add.reduceat(line, starts) / np.diff(np.append(starts, wanted.size))
    width = np.maximum.reduceat(radii[order], starts)
    radius = max(_ring_radius(width, inner), least)
    theta = _spread_angles(aim, width, radius)[column]
    reach = radius + row * (2.0 * float(radii.max()) + GAP)
    pos = np.empty((wanted.size, 2))
    pos[order] = reach[:, None] * np.column_stack([np.cos(theta), np.sin(theta)])
    return pos, float(reach.max())


def _grouping_angles(
    n: int, edges: npt.ArrayLike, weights: npt.ArrayLike | None, center: int,
    groups: tuple[IntArray, ...], group_weight: float, seed: int, control: Control,
) -> FloatArray:
    """Angle of each node around the centroid of a force layout without the centre, in
    which each group's members are tied to a hub of their own."""
    graph = build_graph(n, edges, weights)
    keep = (graph.src != center) & (graph.dst != center)
    pairs = np.column_stack([graph.src[keep], graph.dst[keep]])
    pos = force_layout(
        n, pairs, weights=graph.weight[keep] if keep.any() else None, seed=seed,
        groups=[rows[rows != center] for rows in groups], group_weight=group_weight,
        progress=control.report, cancelled=None,
    )
    control.check()
    others = np.arange(n) != center
    middle = pos[others].mean(axis=0) if others.any() else np.zeros(2)
    # Who is in a group goes round at the angle of their group's middle (the smallest of
    # theirs), in the order they stand round it: a group laid out in the middle of the
    # others, its people's own angles all round, was strewn over the whole ring.
    anchor, smallest = pos.copy(), np.full(n, np.inf)
    for rows in groups:
        if not (rows := rows[rows != center]).size:
            continue
        better = rows[len(rows) < smallest[rows]]
        anchor[better], smallest[better] = pos[rows].mean(axis=0), len(rows)
    result: FloatArray = _angle(anchor - middle) + GROUP_ORDER * _angle(pos - anchor)
    return result


def _angle(offsets: FloatArray) -> FloatArray:
    angle: FloatArray = np.arctan2(offsets[:, 1], offsets[:, 0])
    return angle


def _ring_radius(radii: FloatArray, inner: float) -> float:
    """Radius of a ring whose circumference holds all its discs, outside ``inner``."""
    widest = float(radii.max())
    circumference = RING_SLACK * float(np.sum(2.0 * radii + GAP))
    return max(circumference / (2.0 * math.pi), inner + widest + max(EDGE_LENGTH, GAP))


def _spread_angles(wanted: FloatArray, radii: FloatArray, radius: float) -> FloatArray:
    """Angles as near as possible to ``wanted`` with neighbouring discs not overlapping.

    The circle is cut at the widest gap between wanted angles; along the cut-open line
    the least-squares positions with minimum separations come from isotonic regression.
    """
    count = wanted.size
    if count == 1:
        return wanted.copy()
    order = np.argsort(wanted, kind="stable")
    theta = wanted[order]
    gaps = np.diff(np.concatenate([theta, theta[:1] + 2.0 * math.pi]))
    cut = int(np.argmax(gaps)) + 1
    idx = np.roll(np.arange(count), -cut)
    line = np.unwrap(theta[idx])
    r = radii[order][idx]
    # Chord needed between neighbours, as an angle (discs plus the gap).
    sep = 2.0 * np.arcsin(np.minimum((r[:-1] + r[1:] + GAP) / (2.0 * radius), 1.0))
    offset = np.concatenate([[0.0], np.cumsum(sep)])
    from scipy.optimize import isotonic_regression  # 0.3 s to import: only when rings are drawn

    fitted = isotonic_regression(line - offset).x + offset
    wrap = 2.0 * np.arcsin(min((r[-1] + r[0] + GAP) / (2.0 * radius), 1.0))
    if fitted[-1] - fitted[0] > 2.0 * math.pi - wrap:
        fitted = fitted[0] + np.concatenate([[0.0], np.cumsum(sep)]) * (
            (2.0 * math.pi - wrap) / max(float(offset[-1]), 1e-12)
        )
    out = np.empty(count)
    out[order[idx]] = fitted
    return out


def ring_of(closeness: FloatArray, rings: int) -> IntArray:
    """The band index (0 = innermost) :func:`ego_layout` gives each closeness value."""
    close = np.clip(np.nan_to_num(closeness, nan=0.0), 0.0, 1.0)
    result: IntArray = np.minimum(((1.0 - close) * rings).astype(np.int64), rings - 1)
    return result


def widest_gap(angles: np.ndarray, *, away_from: float | None = None,
               apart: float = 0.0) -> float:
    """The middle of the widest empty arc between ``angles`` (radians, at least one): where
    a ring's name covers nobody on it. With ``away_from``: of the widest arcs at least as wide
    as the mean spacing, the widest whose middle is ``apart`` or more round from it, if any
    (a ring's name then keeps clear of the name of the ring inside it)."""
    ordered = np.sort(angles)
    gaps = np.diff(np.concatenate([ordered, ordered[:1] + 2 * math.pi]))
    middles = ordered + gaps / 2
    if away_from is not None:
        off = np.abs((middles - away_from + math.pi) % (2 * math.pi) - math.pi)
        clear = (off >= apart) & (gaps >= 2 * math.pi / len(gaps))
        if clear.any():
            gaps = np.where(clear, gaps, -1.0)
    return float(middles[int(np.argmax(gaps))])
