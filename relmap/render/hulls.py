"""Sphere hulls: padded, rounded convex outlines around the groups of a sphere's members."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from functools import lru_cache
from typing import Any, cast

import numpy as np
from PySide6.QtGui import QColor, QPainterPath, QPolygonF
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import ConvexHull, QhullError, cKDTree
from shiboken6 import VoidPtr

from relmap.style import HULL_ALPHA

_ARC_POINTS = 16  # points per padding circle: enough for a smooth outline


def padded_hull(points: np.ndarray, pad: float) -> np.ndarray:
    """The convex hull of ``points`` grown by ``pad`` with round corners, as a closed polygon.

    Parameters
    ----------
    points
        ``(n, 2)`` positions, ``n >= 1``.
    pad
        Distance from the outermost points to the outline (> 0).

    Returns
    -------
    numpy.ndarray
        ``(k, 2)`` polygon vertices in counter-clockwise order (the hull of a circle of radius
        ``pad`` around every point, sampled at ``_ARC_POINTS`` points each).
    """
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    outer = np.arange(len(pts))
    # A few points' circles make one hull faster than two. All points on one line: each
    # may be on the outline.
    if len(pts) > _FEW:
        with suppress(QhullError):
            outer = ConvexHull(pts).vertices
    cloud = (pts[outer, None, :] + _circle(pad)[None, :, :]).reshape(-1, 2)
    return np.asarray(cloud[ConvexHull(cloud).vertices])


_FEW = 16  # most hulls of a large map are around a handful of people


@lru_cache(maxsize=8)
def _circle(pad: float) -> np.ndarray:
    """``_ARC_POINTS`` points on a circle of radius ``pad`` around the origin."""
    angles = np.linspace(0.0, 2 * np.pi, _ARC_POINTS, endpoint=False)
    circle: np.ndarray = pad * np.column_stack([np.cos(angles), np.sin(angles)])
    circle.setflags(write=False)
    return circle


def median_gap(points: np.ndarray) -> float:
    """The median distance from a point of ``points`` ``(n >= 2, 2)`` to the nearest other:
    on a large map, of a sample of ``_GAP_SAMPLE`` points spread through them (at 100,000
    people, a third of the time)."""
    stride = len(points) // _GAP_SAMPLE + 1
    gaps, _ = cKDTree(points, balanced_tree=False).query(points[::stride], k=2)
    return float(np.median(gaps[:, 1]))


_GAP_SAMPLE = 5_000


class Grouping:
    """The groups (see ``group_labels``) of points that move a few at a time. A move
    regroups only where it happened: a group the moved points left is checked near where
    they were, and they join the groups near where they are now. At 100,000 people,
    regrouping the 17,000 members of a sphere afresh took 40-50 ms of a drop."""

    def __init__(self, link: float) -> None:
        self.link = link
        self._points: np.ndarray | None = None
        self._label = np.zeros(0, dtype=np.intp)  # each point's group

    def labels(self, points: np.ndarray) -> np.ndarray:
        """Each point's group (see ``group_labels``). Points are compared with those of
        the last call in their order: where as many as then differ in few places, those
        are taken as moved."""
        was = self._points
        moved = None if was is None or was.shape != points.shape else \
            np.flatnonzero((points != was).any(axis=1))
        if moved is None or len(moved) > _FEW_MOVED:
            label = group_labels(points, self.link)
        elif len(moved):
            assert was is not None
            label = self._moved(points, was[moved], moved)
        else:
            label = self._label
        self._points, self._label = points.copy(), label
        return label

    def _moved(self, points: np.ndarray, were: np.ndarray, moved: np.ndarray) -> np.ndarray:
        """Each point's group once ``moved`` (rows) went from ``were`` to where they are."""
        link, label = self.link, self._label.copy()
        stays = np.ones(len(points), dtype=bool)
        stays[moved] = False
        # A group the moved left holds together if the points that were beside them are
        # still joined, through the points around (a path through a moved point goes round
        # it); if not, it is grouped afresh.
        beside, around = _within(points, were, link) & stays, _within(points, were, 2 * link)
        around &= stays
        local = np.full(len(points), -1, dtype=np.intp)
        local[around] = group_labels(points[around], link)
        fresh = len(label)  # numbers above any group's
        for group in np.unique(label[moved]).tolist():
            if len(np.unique(local[beside & (label == group)])) > 1:
                rows = np.flatnonzero(stays & (label == group))
                label[rows] = fresh + group_labels(points[rows], link)
                fresh += len(rows)
        # Each moved point joins the groups of the points now within reach, moved or not.
        label[moved] = fresh + np.arange(len(moved))
        pairs = [(int(label[m]), int(other)) for m in moved.tolist()
                 for other in np.unique(label[_within(points, points[m:m + 1], link)])]
        if pairs:
            a, b = np.array(pairs).T
            size = fresh + len(moved)
            joined = coo_matrix((np.ones(len(a)), (a, b)), shape=(size, size))
            label = connected_components(joined, directed=False)[1][label]
        return _first_seen(label)


_FEW_MOVED = 16  # more moved at once: grouped afresh


def _within(points: np.ndarray, centres: np.ndarray, reach: float) -> np.ndarray:
    """Whether each of ``points`` is within ``reach`` of any of ``centres`` (a few)."""
    near = np.zeros(len(points), dtype=bool)
    for x, y in centres.tolist():
        near |= np.hypot(points[:, 0] - x, points[:, 1] - y) <= reach
    return near


def group_labels(points: np.ndarray, link: float) -> np.ndarray:
    """Each row's group of ``points`` ``(n, 2)``: the groups of points chained by gaps of at
    most ``link``, numbered in order of their first row.

    A sphere whose members sit in two corners of the map gets two hulls instead of one that
    covers everything in between.
    """
    if len(points) <= 1:
        return np.zeros(len(points), dtype=np.intp)
    pairs = cKDTree(points).query_pairs(link, output_type="ndarray")
    graph = coo_matrix(
        (np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(len(points), len(points))
    )
    return _first_seen(connected_components(graph, directed=False)[1])


def _first_seen(label: np.ndarray) -> np.ndarray:
    """``label`` numbered 0, 1, … in the order each value is first seen."""
    _, first, inverse = np.unique(label, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.intp)
    rank[np.argsort(first)] = np.arange(len(first))
    return rank[inverse]


def sphere_hulls(points: np.ndarray, *, pad: float, grouping: Grouping, min_size: int = 2,
                 earlier: Mapping[bytes, np.ndarray] | None = None) -> dict[bytes, np.ndarray]:
    """Padded hulls around each group of ``grouping`` (a fresh one groups afresh; one kept
    between calls regroups only where points moved) of at least ``min_size`` members, by
    the group's points as bytes. A group of ``earlier`` (a result for the same ``pad``)
    keeps its polygon: when one person of a large sphere moves, one or two hulls change."""
    label = grouping.labels(points)
    count = np.bincount(label)
    order, end = np.argsort(label, kind="stable"), np.cumsum(count)  # each group's rows
    hulls = {}
    for group in np.flatnonzero(count >= min_size).tolist():
        inside = points[order[end[group] - count[group]:end[group]]]
        key = inside.tobytes()
        known = None if earlier is None else earlier.get(key)
        hulls[key] = padded_hull(inside, pad) if known is None else known
    return hulls


def polygon_path(polygon: np.ndarray) -> QPainterPath:
    """A closed painter path through the vertices of ``polygon`` ``(k, 2)``."""
    points = QPolygonF()
    points.resize(len(polygon))
    if len(polygon):  # filled through its memory: a QPointF at a time took ten times as long
        # (the 1,600 hulls of a 100,000-person map: 0.15-0.17 s against 0.02 s)
        memory = _memory(points.data(), 2 * len(polygon) * _DOUBLE, True)  # writable
        np.frombuffer(memory, np.float64).reshape(-1, 2)[:] = polygon
    path = QPainterPath()
    path.addPolygon(points)
    path.closeSubpath()
    return path


_DOUBLE = np.dtype(np.float64).itemsize  # a QPointF is two of them
# shiboken's pointer, whose stubs know only an address: it takes any pointer with its size,
# and gives that memory as a buffer
_memory = cast(Any, VoidPtr)


def hull_colours(colour: str) -> tuple[QColor, QColor]:
    """The fill and the outline of a hull of ``colour``: translucent, the outline less so."""
    fill, line = QColor(colour), QColor(colour)
    fill.setAlpha(HULL_ALPHA)
    line.setAlpha(min(255, HULL_ALPHA * 3))
    return fill, line
