"""Final pass that pushes overlapping node discs apart (k-d tree pairs, vectorised)."""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from relmap.layout.control import Control
from relmap.layout.graph import BoolArray, FloatArray, IntArray

MAX_ROUNDS = 400
STUCK_AFTER = MAX_ROUNDS // 4  # rounds after which overlapping nodes also drift aside
SPREAD_QUANTILE = 0.95  # share of nodes whose nearest neighbour the zoom clears
MAX_SPREAD = 3.0  # never zoom a layout more than this to make room for discs
OVERSHOOT = 1.05  # push pairs a little past touching so they do not settle at the limit


def overlapping_pairs(pos: FloatArray, sizes: FloatArray, gap: float) -> IntArray:
    """Pairs ``(i, j)`` whose discs, each grown by ``gap / 2``, intersect."""
    if pos.shape[0] < 2:
        return np.zeros((0, 2), dtype=np.int64)
    return _overlapping(pos, sizes, gap, _candidates(pos, 2.0 * float(sizes.max()) + gap))


def _candidates(pos: FloatArray, reach: float) -> IntArray:
    tree = cKDTree(pos, balanced_tree=False, compact_nodes=False)
    pairs: IntArray = tree.query_pairs(reach, output_type="ndarray").astype(np.int64)
    return pairs


def _overlapping(pos: FloatArray, sizes: FloatArray, gap: float, pairs: IntArray) -> IntArray:
    i, j = pairs[:, 0], pairs[:, 1]
    d = pos[j] - pos[i]
    need = sizes[i] + sizes[j] + gap
    keep = np.einsum("ij,ij->i", d, d) < need * need * (1.0 - 1e-9)
    out: IntArray = pairs[keep]
    return out


def spread_for_sizes(pos: FloatArray, sizes: FloatArray, gap: float) -> float:
    """Zoom factor (>= 1) after which nearly every node clears its nearest neighbour.

    Big force layouts pack their cores tighter than large discs allow; zooming the whole
    picture keeps its shape and leaves the pairwise pass only scattered overlaps to fix.
    """
    n = pos.shape[0]
    if n < 2:
        return 1.0
    dist, near = cKDTree(pos).query(pos, k=2)
    need = sizes + sizes[near[:, 1]] + gap
    ratio = need / np.maximum(dist[:, 1], 1e-9 * (1.0 + need))
    return float(min(max(np.quantile(ratio, SPREAD_QUANTILE), 1.0), MAX_SPREAD))


def remove_overlaps(
    pos: FloatArray, sizes: FloatArray, *, movable: BoolArray, gap: float, control: Control
) -> FloatArray:
    """Push apart every pair of discs closer than the sum of their radii plus ``gap``.

    Each round moves both members of an overlapping pair half the overlap (a pinned
    member stays and the other moves all of it) along the line between them, plus a small
    margin; rounds repeat until no overlap is left. Pairs of pinned nodes are left alone.
    Candidate pairs come from one k-d tree query with a margin, redone only when some node
    has moved half that margin, so late rounds with a few stubborn pairs stay cheap.

    Parameters
    ----------
    pos : ndarray, shape (n, 2)
        Positions (not modified).
    sizes : ndarray, shape (n,)
        Node radii.
    movable : ndarray of bool, shape (n,)
        False for pinned nodes, which never move.
    gap : float
        Clearance wanted between discs.
    control : Control
        Progress and cancellation.

    Returns
    -------
    ndarray, shape (n, 2)
        Positions without overlaps (except between pinned nodes).
    """
    pos = pos.copy()
    if pos.shape[0] < 2:
        return pos
    share = movable.astype(np.float64)
    reach = 2.0 * float(sizes.max()) + gap
    margin = max(reach, 1e-9)
    listed_at, candidates = pos.copy(), _candidates(pos, reach + margin)
    for rounds in range(MAX_ROUNDS):
        control.report(rounds / MAX_ROUNDS)
        moved = pos - listed_at
        if float(np.max(np.einsum("ij,ij->i", moved, moved))) > (margin / 2) ** 2:
            listed_at, candidates = pos.copy(), _candidates(pos, reach + margin)
        pairs = _overlapping(pos, sizes, gap, candidates)
        live = share[pairs[:, 0]] + share[pairs[:, 1]] > 0
        if not np.any(live):
            break
        move = _push(pos, sizes, gap, pairs[live], share, rounds)
        if rounds >= STUCK_AFTER:  # pushes that cancel out: a disc wedged between pinned ones
            move += _drift(pairs[live], movable, gap)
        pos += move
    control.report(1.0)
    return pos


def _drift(pairs: IntArray, movable: BoolArray, gap: float) -> FloatArray:
    """A step of ``gap`` for each movable node still overlapping, each in its own fixed
    direction, so that a node pushed back and forth along one line slides off it."""
    stuck = np.unique(pairs.ravel())
    stuck = stuck[movable[stuck]]
    angle = 2.0 * np.pi * ((stuck * 0.6180339887498949) % 1.0)
    move = np.zeros((movable.shape[0], 2))
    move[stuck, 0] = gap * np.cos(angle)
    move[stuck, 1] = gap * np.sin(angle)
    return move


def _push(
    pos: FloatArray, sizes: FloatArray, gap: float, pairs: IntArray, share: FloatArray,
    rounds: int,
) -> FloatArray:
    """Displacements that separate each overlapping pair, summed per node."""
    i, j = pairs[:, 0], pairs[:, 1]
    total = share[i] + share[j]
    d = pos[j] - pos[i]
    dist = np.sqrt(np.einsum("ij,ij->i", d, d))
    unit = _directions(d, dist, i, j, rounds)
    reach = sizes[i] + sizes[j]
    push = (reach + gap - dist) * OVERSHOOT + 1e-6 * (1.0 + reach)
    step = unit * (push / total)[:, None]
    move = np.zeros_like(pos)
    n = pos.shape[0]
    for axis in (0, 1):
        move[:, axis] = np.bincount(j, step[:, axis] * share[j], n) - np.bincount(
            i, step[:, axis] * share[i], n
        )
    return move


def _directions(
    d: FloatArray, dist: FloatArray, i: IntArray, j: IntArray, rounds: int
) -> FloatArray:
    """Unit vectors from ``i`` to ``j``; coincident pairs get a deterministic pseudo-angle."""
    unit = np.empty_like(d)
    ok = dist > 1e-12
    unit[ok] = d[ok] / dist[ok, None]
    golden = 0.6180339887498949
    angle = 2.0 * np.pi * ((i[~ok] * golden + j[~ok] * 0.41421356 + rounds * 0.1) % 1.0)
    unit[~ok, 0] = np.cos(angle)
    unit[~ok, 1] = np.sin(angle)
    return unit
