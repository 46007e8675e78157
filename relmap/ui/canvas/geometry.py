"""Geometry of the canvas in plain numpy: parallel ties bend apart, arrows, hit tests, a
free spot for a newcomer, and which points moved."""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

CURVE_STEPS = 10  # line segments per bent edge
SPREAD = 0.3  # control-point offset per bend step, as a share of the edge length
ARROW_ANGLE = np.radians(26.0)


def elsewhere(now: np.ndarray, was: np.ndarray) -> np.ndarray:
    """Per point of ``now`` ``(n, 2)``: whether it is elsewhere than in ``was``. The two
    coordinates are compared as one number: a tenth of the time of ``any(axis=1)``, 2 ms of
    each drop on a 100,000-person map."""
    def joined(points: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(points, dtype=np.float64).view(np.complex128).ravel()

    return np.asarray(joined(now) != joined(was))


def parallel_bends(edges: np.ndarray) -> np.ndarray:
    """A bend per edge: 0 for a lone tie, ±0.5, ±1… for ties that share their two people.

    The sign is taken relative to the pair in ascending row order, so two ties drawn a→b and
    b→a still bend to opposite sides.
    """
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    if not len(edges):
        return np.zeros(0)
    key = _pair_keys(edges, int(edges.max()) + 1)
    order = np.argsort(key, kind="stable")
    sorted_keys = key[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    counts = np.diff(np.r_[starts, len(key)])
    group = np.repeat(np.arange(len(starts)), counts)
    rank = np.empty(len(key))
    rank[order] = np.arange(len(key)) - starts[group]
    count = np.empty(len(key))
    count[order] = counts[group]
    bends = rank - (count - 1) / 2
    bends[edges[:, 0] > edges[:, 1]] *= -1
    return np.asarray(bends, dtype=float)


def bent_again(edges: np.ndarray, bends: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """``bends`` with those of the ties between each of ``pairs`` (two rows each) worked
    out again: after ties between them came, went or changed, what :func:`parallel_bends`
    of ``edges`` gives, without sorting every tie (50 ms of each tie added at 500,000)."""
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    flag = np.zeros(int(max(edges.max(initial=-1), pairs.max(initial=-1))) + 1, dtype=bool)
    flag[pairs.ravel()] = True
    near = np.flatnonzero(flag[edges[:, 0]] & flag[edges[:, 1]])  # both ends among them
    width = len(flag)
    at = near[np.isin(_pair_keys(edges[near], width), _pair_keys(pairs, width))]
    found = np.array(bends, dtype=float)
    found[at] = parallel_bends(edges[at])  # a pair's ties keep their order among themselves
    return found


def _pair_keys(edges: np.ndarray, width: int) -> np.ndarray:
    """One number per tie for the two people it joins, either way round (rows < ``width``);
    ``np.minimum`` of the two columns, not ``min(axis=1)``: a fifth of the time."""
    a, b = edges[:, 0], edges[:, 1]
    return np.asarray(np.minimum(a, b) * width + np.maximum(a, b))


def _controls(p0: np.ndarray, p2: np.ndarray, bends: np.ndarray) -> np.ndarray:
    d = p2 - p0
    normal = np.column_stack([-d[:, 1], d[:, 0]])
    return np.asarray((p0 + p2) / 2 + normal * (bends * SPREAD)[:, None])


def edge_segments(
    pos: np.ndarray, edges: np.ndarray, bends: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Line segments ``(s, 2, 2)`` drawing every edge, and the edge index of each segment.

    Straight edges are one segment; bent ones a quadratic curve of ``CURVE_STEPS`` segments.
    """
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    straight = np.flatnonzero(bends == 0)
    bent = np.flatnonzero(bends != 0)
    segs = [pos[edges[straight]].reshape(-1, 2, 2)]
    owner = [straight]
    if len(bent):
        p0, p2 = pos[edges[bent, 0]], pos[edges[bent, 1]]
        c = _controls(p0, p2, bends[bent])
        t = np.linspace(0.0, 1.0, CURVE_STEPS + 1)[None, :, None]
        pts = (1 - t) ** 2 * p0[:, None] + 2 * (1 - t) * t * c[:, None] + t**2 * p2[:, None]
        segs.append(np.stack([pts[:, :-1], pts[:, 1:]], axis=2).reshape(-1, 2, 2))
        owner.append(np.repeat(bent, CURVE_STEPS))
    return np.concatenate(segs).reshape(-1, 2, 2), np.concatenate(owner).astype(np.int64)


def arrow_segments(
    pos: np.ndarray, edges: np.ndarray, bends: np.ndarray, radius: np.ndarray
) -> np.ndarray:
    """Two short segments per edge forming an arrowhead that touches the target's rim."""
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    if not len(edges):
        return np.zeros((0, 2, 2))
    p0, p2 = pos[edges[:, 0]], pos[edges[:, 1]]
    direction = p2 - _controls(p0, p2, bends)
    length = np.linalg.norm(direction, axis=1, keepdims=True)
    u = direction / np.where(length > 0, length, 1.0)
    r = radius[edges[:, 1]][:, None]
    tip = p2 - u * r
    size = 0.9 * r
    wings = []
    for angle in (ARROW_ANGLE, -ARROW_ANGLE):
        cos, sin = np.cos(angle), np.sin(angle)
        rotated = np.column_stack([u[:, 0] * cos - u[:, 1] * sin, u[:, 0] * sin + u[:, 1] * cos])
        wings.append(np.stack([tip, tip - rotated * size], axis=1))
    return np.concatenate(wings).reshape(-1, 2, 2)


def nearest_segment(point: np.ndarray, segments: np.ndarray, tolerance: float,
                    among: np.ndarray | None = None) -> int | None:
    """Index of the segment closest to ``point`` if it lies within ``tolerance``, else None;
    only segments flagged in ``among``, if given."""
    if not len(segments):
        return None
    a, b = segments[:, 0], segments[:, 1]
    ab = b - a
    denom = np.einsum("ij,ij->i", ab, ab)
    t = np.clip(np.einsum("ij,ij->i", point - a, ab) / np.where(denom > 0, denom, 1.0), 0, 1)
    gap = np.linalg.norm(a + ab * t[:, None] - point, axis=1)
    if among is not None:
        gap[~among] = np.inf
    best = int(np.argmin(gap))
    return best if gap[best] <= tolerance else None


def free_spot(pos: np.ndarray, near: np.ndarray, gap: float, tries: int = 4096) -> np.ndarray:
    """The first point, going out from ``near`` along an even spiral, at least ``gap`` from
    every point of ``pos`` ``(n, 2)``: where a new person stands clear of the others
    (``near`` itself if nothing free is found in ``tries`` steps)."""
    near = np.asarray(near, dtype=float)
    if not len(pos):
        return near
    step = np.arange(tries)
    angle = step * np.pi * (3.0 - np.sqrt(5.0))  # the golden angle: no two steps line up
    spiral = near + (gap / 2 * np.sqrt(step))[:, None] * np.column_stack(
        [np.cos(angle), np.sin(angle)])
    distance, _ = cKDTree(pos).query(spiral)
    free = np.flatnonzero(distance >= gap)
    return spiral[free[0]] if len(free) else near
